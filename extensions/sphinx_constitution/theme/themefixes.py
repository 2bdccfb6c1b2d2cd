"""Repairs to what Sphinx and the furo theme write, so every page is valid, accessible HTML.

Each repair names the defect, who meets it, and where the fix is. tests/test_browser.py proves the
result in Chromium (axe-core, keyboard, the Nu Html Checker); remove a repair only when that still passes.

Each repair also knows when furo's markup no longer holds what it repairs, and the build then warns, naming it
(``[constitution.theme_repair]``, theme/repairs.py), instead of publishing the defect again in silence; the names:
``unique-table-ids``, ``caption-levels``, ``one-viewport``, ``previous-before-next``, ``drawer-buttons`` (what
themefixes.js works on), ``unused-design-assets``, ``navigation-once-per-folder`` here, and page.html's own.
tests/test_theme.py builds a small project with furo and has a case for each, which fails naming it.

HTML (this module):

- furo wraps each table in ``div.table-wrapper`` and copies the table's ids onto it, so the id is
  defined twice (invalid HTML; WeasyPrint reports "Anchor defined twice"), and its classes, so
  table styles hit the wrapper too. The table keeps both (its caption's permalink needs the id).
- Sphinx writes a toctree's caption as ``<p class="caption" role="heading">`` with no ``aria-level``
  (Sphinx #14030): a heading role must have a level (axe ``aria-required-attr``, critical; the Nu
  checker reports an error). Captions in the page and in furo's navigation get ``aria-level="2"``.

Templates (the package's ``templates/``, found through ``templates_path``):

- ``page.html``: furo's two sidebars are unnamed ``<aside>`` landmarks, indistinguishable in a screen
  reader's list of landmarks (axe ``landmark-unique``); they are named "Site navigation" and
  "Contents of this page".
- ``page.html``: furo's "Back to top" link, shown after scrolling up (at once when motion is reduced),
  stands outside every landmark (axe ``region``); it is wrapped in a navigation landmark of its own.
- ``page.html``: furo applies the reader's choice of colours with an inline ``<script>``, which a
  Content-Security-Policy without ``'unsafe-inline'`` refuses (README, "Publishing to the web"); the same line is
  loaded from ``static/themechoice.js``.
- ``page.html``: furo writes its "Next" link before "Previous" and floats them to the right and left, so Tab
  reached them in the opposite order to the screen's (WCAG 2.4.3); :func:`previous_before_next` swaps them.
- ``search.html``: furo's search page has no ``<h1>`` (axe ``page-has-heading-one``); ours has one, and
  a labelled form (see outputs/search.py).
- ``sidebar/search.html``: furo's search box in the sidebar is a form with no button, sent only by Enter
  (HTML_CodeSniffer H32.2, WCAG 3.2.2, on every page); ours has a button named "Search" that shows furo's magnifier.

CSS and JavaScript (``static/themefixes.css`` and ``themefixes.js``, added to HTML builds):

- On a narrow screen furo opens its navigation and contents drawers from icons that are ``<label>``
  elements for hidden checkboxes: a keyboard cannot reach them and a screen reader finds no control.
  The script makes each icon a button named like its drawer, with ``aria-expanded``; Enter or Space
  opens the drawer and moves the focus into it, Escape closes it and gives the focus back. (Without
  JavaScript the icons still open the drawers by click or tap, as before.)
- The chevrons that show a section's pages in furo's navigation are ``<label>`` elements for
  ``display: none`` switches (``role="switch"``, already named "Toggle navigation of …"): the switches
  are kept in the page, invisible, over their chevrons, so Tab reaches them and Space turns them.
- A closed drawer sits off screen but its links still take focus, so Tab moves the focus out of
  sight (WCAG 2.4.7, 2.4.11): a closed drawer is ``visibility: hidden`` until it opens.
- Focus was shown three ways (the browser's thin ring on links, none on the sidebar's search box, which furo sets to
  ``outline: none``, 3 px blue outlines on our own controls); every control now shows GOV.UK's focus: a yellow
  background, black text and a thick black bar beneath (WCAG 2.4.7, 1.4.11).
- furo underlines links in the text in #eeebee, 1.18:1 on white, so only their colour told them apart (WCAG 1.4.1):
  the underline is the link's own colour, at GOV.UK's thickness and offset.
- GOV.UK's type scale for the main text (19 px body, headings 36/24/19 px, smaller on a phone, so a long title takes
  less than half a 320 px screen); a table's caption, 14 px beside 16 px cells, reads as the table's title.
- Readers who ask for less motion are taken to a clause at once, not scrolled there. Printed from the browser, a
  page shows its text only: furo prints its navigation, header and buttons.
- The links of furo's contents list ("On this page") are as tall as their text: where the list is narrow (1440 px)
  short entries on neighbouring lines crowd one another (axe ``target-size``, WCAG 2.5.8); each is 24 px tall.

Speed (this module): furo builds each page's navigation from Sphinx's whole-site toctree and then re-parses
it with BeautifulSoup, so a site of *n* pages costs *n*² (a 200-page Constitution spent 28 of its 48 seconds
there). Pages in one folder get the same navigation except for the marks of the current page (``current``
classes on its branch, ``checked`` switches, ``current-page``, ``href="#"``), so the navigation is made once
per folder with no page current and each page's marks are added to that text. :class:`NavigationCache`
holds it; tests/test_engine.py checks that every page is byte-identical to furo's own.

Bytes for readers (this module): sphinx-design adds its stylesheet and tab script (62 KB) to every page, though
only pages with its components (the home page's cards) use them; other pages no longer load them.

Head (this module): docutils' HTML writer adds a viewport ``<meta>`` to the page's ``metatags``, and the theme's
template writes its own, so every page had two; the writer's is left out.

Settings (``conf.py``): ``html_show_sourcelink = False`` removes furo's "View this page" link, which
sat outside every landmark (axe ``region``).
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import Markup
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import __version__
from .assets import add_templates, leave_out, script, stylesheet
from .repairs import Repairs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_CAPTION = '<p class="caption" role="heading">'
_CAPTION_WITH_LEVEL = '<p class="caption" role="heading" aria-level="2">'
_CAPTION_CLASS = 'class="caption"'
_HEADING_TAG = re.compile(r'<[^<>]*\brole="heading"[^<>]*>')


def setup(app: Sphinx) -> ExtensionMetadata:
    repairs = Repairs(app)  # each repair says when it finds nothing to repair (theme/repairs.py)
    app.connect("config-inited", add_templates)  # page.html: the repairs to the theme's page
    app.add_post_transform(type("UniqueTableIds", (UniqueTableIds,), {"repairs": repairs}))
    app.connect("builder-inited", stylesheet("themefixes.css"))
    app.connect("builder-inited", script("themefixes.js"))
    app.connect("html-page-context", partial(caption_levels, repairs), priority=900)  # after furo's navigation
    app.connect("html-page-context", partial(one_viewport, repairs))
    app.connect("html-page-context", partial(give_page_repairs, repairs))
    # Late: extensions add files to the page (search.py) by appending to the builder's list, which the
    # context shares; the page gets a filtered copy, so no later page loses a file.
    app.connect("html-page-context", partial(drop_unused_design_assets, repairs), priority=900)
    navigation = NavigationCache(repairs)
    app.connect("env-before-read-docs", navigation.note_read)
    app.connect("write-started", navigation.keep_or_clear)
    app.connect("html-page-context", navigation.offer_folder_toctree, priority=400)  # before furo (500)
    app.connect("html-page-context", navigation.mark_current_page, priority=600)  # after furo
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


class UniqueTableIds(SphinxPostTransform):
    """Leave on furo's ``div.table-wrapper`` none of its table's ids and classes (setup gives ``repairs``)."""

    formats = ("html",)
    default_priority = 600  # after furo's wrapper (500)
    repairs: Repairs

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            wrapper = table.parent
            if not isinstance(wrapper, nodes.container) or "table-wrapper" not in wrapper["classes"]:
                self.repairs.missing(self.env.docname, "unique-table-ids", 'div class="table-wrapper"')
                continue
            wrapper["ids"] = [i for i in wrapper["ids"] if i not in table["ids"]]
            wrapper["classes"] = [c for c in wrapper["classes"] if c not in table["classes"]] + ["table-wrapper"]


def caption_levels(
    repairs: Repairs, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give toctree captions a heading level, in the page body and in furo's navigation."""
    for key in ("body", "furo_navigation_tree", "toc"):
        value = context.get(key)
        if not isinstance(value, str) or _CAPTION_CLASS not in value:  # no toctree caption (most pages)
            continue
        fixed = str(value).replace(_CAPTION, _CAPTION_WITH_LEVEL)  # str(): Markup.replace escapes
        if any("aria-level=" not in tag[0] for tag in _HEADING_TAG.finditer(fixed)):  # a heading with no level
            repairs.missing(pagename, "caption-levels", _CAPTION)
        if fixed != value:
            context[key] = Markup(fixed) if isinstance(value, Markup) else fixed


_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\n?')


def one_viewport(
    repairs: Repairs, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out the viewport ``<meta>`` that docutils' HTML writer puts in ``metatags``: the theme writes its own."""
    metatags = context.get("metatags")
    if isinstance(metatags, str) and _VIEWPORT.search(metatags):
        context["metatags"] = _VIEWPORT.sub("", metatags)
    elif doctree is not None:  # a page the writer wrote (not the index, search or a forwarding page)
        repairs.missing(pagename, "one-viewport", '<meta name="viewport"')


#: What ``themefixes.js`` works on in furo's page: the drawers' switches, the drawers and their icons.
_SCRIPT_TARGETS = (
    'id="__navigation"',
    'id="__toc"',
    'class="sidebar-drawer"',
    'class="toc-drawer',
    '<label class="nav-overlay-icon"',
    '<label class="toc-overlay-icon',
)


def give_page_repairs(
    repairs: Repairs, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give ``page.html`` the repairs it makes to the page furo writes, once its text is repaired: Previous before
    Next (:func:`previous_before_next`), and a check that the page holds what ``themefixes.js`` repairs."""
    has_both = bool(context.get("next") and context.get("prev"))

    def repair(page: str) -> str:
        for target in _SCRIPT_TARGETS:
            if target not in page:
                repairs.missing(pagename, "drawer-buttons", target)
        reordered = previous_before_next(page)
        if reordered is None:
            if has_both:
                repairs.missing(pagename, "previous-before-next", '<a class="next-page"')
            return page
        return reordered

    context["constitution_page_repairs"] = repair


_NEXT_LINK = re.compile(r'<a class="next-page"[^>]*>.*?</a>', re.S)
_PREVIOUS_LINK = re.compile(r'<a class="prev-page"[^>]*>.*?</a>', re.S)


def previous_before_next(page: str) -> str | None:
    """furo writes its "Next" link before "Previous" and floats them apart, "Previous" on the left: Tab reached them
    in the opposite order to the one a reader sees (WCAG 2.4.3). "Previous" is moved before "Next"; they look
    the same, since each floats to its own side. ``None`` if the page has not both, "Next" first."""
    following = _NEXT_LINK.search(page)
    previous = _PREVIOUS_LINK.search(page, following.end()) if following else None
    if following is None or previous is None:
        return None
    return "".join(
        (
            page[: following.start()],
            previous[0],
            page[following.end() : previous.start()],
            following[0],
            page[previous.end() :],
        )
    )


_DESIGN_ASSETS = frozenset({"sphinx-design.min.css", "design-tabs.js"})
_DESIGN_CLASS = re.compile(r'class="(?:[^"]* )?sd-')


def drop_unused_design_assets(
    repairs: Repairs, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave sphinx-design's stylesheet and script out of pages with none of its components."""
    if _DESIGN_CLASS.search(str(context.get("body", ""))):
        return
    left_out = leave_out(context, _DESIGN_ASSETS)
    if "sphinx_design" in app.extensions and "css_files" in context and left_out != _DESIGN_ASSETS:
        repairs.missing(pagename, "unused-design-assets", " and ".join(sorted(_DESIGN_ASSETS - left_out)))


# -- furo's navigation, made once per folder --------------------------------------------------------------

# The arguments furo passes to ``toctree()`` for its navigation tree.
_FURO_NAVIGATION = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
_NO_PAGE = "\x00navigation"  # a document name no page can have: the navigation with nothing current
# The package's templates of pages that show no navigation: a forwarding page (an edition's permanent address, a pair's
# old address) is the only page of its folder, whose navigation furo would make, parse and mark for nothing.
_WITHOUT_NAVIGATION = frozenset({"edition-forward.html"})
_TAG = re.compile(r"<(/?)(ul|li|a|input)\b[^>]*>")
_CLASS = re.compile(r'class="([^"]*)"')


class _Folder:
    """One folder's navigation as furo writes it with no page current, and where each page's marks go."""

    def __init__(self, html: str) -> None:
        self.html = html
        # href -> for each link to it: its <a> tag's span, and the spans of the <ul>/<li> tags around it
        self.links: dict[str, list[tuple[tuple[int, int], list[tuple[str, int, int]]]]] = {}
        self.switches: dict[int, tuple[int, int]] = {}  # <li> start -> its furo switch (<input>) span
        open_tags: list[tuple[str, int, int]] = []
        for tag in _TAG.finditer(html):
            closing, name = tag[1], tag[2]
            if closing and name in ("ul", "li"):
                while open_tags and open_tags.pop()[0] != name:
                    pass
            elif closing:
                continue
            elif name in ("ul", "li"):
                open_tags.append((name, tag.start(), tag.end()))
            elif name == "a" and (href := re.search(r'href="([^"]*)"', tag[0])):
                self.links.setdefault(href[1], []).append((tag.span(), list(open_tags)))
            elif name == "input" and "toctree-checkbox" in tag[0] and open_tags and open_tags[-1][0] == "li":
                self.switches.setdefault(open_tags[-1][1], tag.span())

    def for_page(self, own_href: str) -> str:
        """The navigation as furo writes it on the page whose link (from its folder) is ``own_href``."""
        edits: dict[tuple[int, int], str] = {}
        current_items: list[int] = []
        for (start, end), around in self.links.get(own_href, []):
            link = self.html[start:end]
            link = _add_class(link, "current", first=True).replace(f'href="{own_href}"', 'href="#"')
            edits[(start, end)] = link
            for name, tag_start, tag_end in around:
                if (tag_start, tag_end) in edits:
                    continue
                tag = self.html[tag_start:tag_end]
                edits[(tag_start, tag_end)] = _add_class(tag, "current", after_first=name == "li")
                if name == "li":
                    current_items.append(tag_start)
                    if switch := self.switches.get(tag_start):
                        edits[switch] = self.html[slice(*switch)].replace(' class="', ' checked="" class="', 1)
        if current_items:
            last = max(current_items)
            span = next(span for span in edits if span[0] == last)
            edits[span] = _add_class(edits[span], "current-page")
        out, at = [], 0
        for (start, end), text in sorted(edits.items()):
            out += [self.html[at:start], text]
            at = end
        return "".join([*out, self.html[at:]])


def _as_listed(env: Any, docname: str) -> str:
    """What the navigation takes from a page: its title, its contents with the toctrees in them, its tocdepth."""
    title = env.titles.get(docname)
    toc = env.tocs.get(docname)
    depth = env.metadata.get(docname, {}).get("tocdepth")
    return f"{title.astext() if title is not None else ''}\n{depth}\n{toc.pformat() if toc is not None else ''}"


def _add_class(tag: str, name: str, *, first: bool = False, after_first: bool = False) -> str:
    found = _CLASS.search(tag)
    if found is None:
        return tag.replace(">", f' class="{name}">', 1) if not tag.endswith("/>") else tag
    classes = found[1].split()
    position = 0 if first else 1 if after_first else len(classes)
    classes.insert(position, name)
    return tag[: found.start(1)] + " ".join(classes) + tag[found.end(1) :]


class NavigationCache:
    """furo's navigation for each folder of an HTML build, kept until a read changes what the navigation is made of.

    The editors' preview builds many times with one application, and an edit to a paragraph leaves the navigation
    as it was: making it again for each folder written cost a tenth of a second a build with ten editions (a
    toctree of 150 pages resolved, rendered and parsed by furo once per folder). So it is kept from one build to
    the next unless what Sphinx makes it of changed: the pages there are, which page lists which, the section
    numbers, and of each page read since, its title, its contents as the toctree shows them (``env.tocs``, with
    the toctrees it holds) and its ``tocdepth``. A page never seen by this application counts as changed.
    """

    def __init__(self, repairs: Repairs) -> None:
        self.folders: dict[str, _Folder] = {}
        self.sphinx_html: dict[str, str] = {}
        self.repairs = repairs
        self.asked_by = ""  # the page for which furo last asked for its navigation
        self.read: set[str] = set()  # the pages read since the navigation was last checked
        self.pages: dict[str, str] = {}  # docname -> what the navigation takes from it, as last seen
        self.shape: tuple[Any, ...] = ()

    def note_read(self, app: Sphinx, env: Any, docnames: list[str]) -> None:
        self.read.update(docnames)

    def keep_or_clear(self, app: Sphinx, builder: Any) -> None:
        """Once Sphinx has read and numbered the pages (``write-started``): drop the navigation if its inputs
        changed."""
        env = app.env
        shape = (
            frozenset(env.all_docs),
            {doc: list(children) for doc, children in env.toctree_includes.items()},
            {doc: dict(numbers) for doc, numbers in env.toc_secnumbers.items()},
        )
        seen = {doc: _as_listed(env, doc) for doc in sorted(self.read & env.all_docs.keys())}
        if shape != self.shape or any(self.pages.get(doc) != listed for doc, listed in seen.items()):
            self.folders.clear()
            self.sphinx_html.clear()
        self.pages = {doc: listed for doc, listed in {**self.pages, **seen}.items() if doc in env.all_docs}
        self.shape = shape
        self.read.clear()

    @staticmethod
    def _applies(app: Sphinx, context: dict[str, Any]) -> bool:
        # The website's html builder only: with dirhtml each page is a folder of its own, so no two pages share the
        # relative links of their navigation.
        return app.builder.name == "html" and "toctree" in context and _NO_PAGE not in app.env.all_docs

    def offer_folder_toctree(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        """Give furo the folder's toctree with no page current (furo caches its work on the same text)."""
        if not self._applies(app, context):
            return
        page_toctree = context["toctree"]
        folder = pagename.rpartition("/")[0]
        builder = app.builder
        assert isinstance(builder, StandaloneHTMLBuilder)  # the "html" builder (_applies)

        def toctree(**kwargs: Any) -> str:
            if kwargs != _FURO_NAVIGATION:
                return page_toctree(**kwargs)
            self.asked_by = pagename
            if templatename in _WITHOUT_NAVIGATION:
                return ""
            if folder not in self.sphinx_html:
                nobody = f"{folder}/{_NO_PAGE}" if folder else _NO_PAGE
                tree = global_toctree_for_doc(app.env, nobody, builder, tags=builder.tags, **kwargs)
                self.sphinx_html[folder] = builder.render_partial(tree)["fragment"] if tree else ""
            return self.sphinx_html[folder]

        context["toctree"] = toctree

    def mark_current_page(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        html = context.get("furo_navigation_tree")
        if not self._applies(app, context) or not isinstance(html, str) or templatename in _WITHOUT_NAVIGATION:
            return
        if self.asked_by != pagename:  # furo made its navigation without the folder's: asked for it otherwise
            self.repairs.missing(pagename, "navigation-once-per-folder", f"toctree({_FURO_NAVIGATION})")
            return
        folder = pagename.rpartition("/")[0]
        if folder not in self.folders or self.folders[folder].html != html:
            self.folders[folder] = _Folder(html)
        own_href = app.builder.get_target_uri(pagename).rpartition("/")[2]
        context["furo_navigation_tree"] = self.folders[folder].for_page(own_href)
