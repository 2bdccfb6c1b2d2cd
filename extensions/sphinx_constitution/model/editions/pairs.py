"""Every pair of editions compared, with no page to write: each edition with the one before it, and each older
edition with the current one, each at an address that never changes (``editions/compare/2026-to-2027.html``).

``comparison.py`` compares the pairs once every page is read (``published_pairs``); this module publishes them:

- on the website, a page for each pair that no editor's ``{edition-changes}`` page shows, made of the nodes
  ``rendering.py`` makes for an editor's page and written through the builder's own translator into the theme's
  full page (title, navigation, the council's banner); a pair an editor's page shows is not shown twice: its
  address forwards to that page, so every pair's address leads to its comparison, and the listing links the
  editor's page itself;
- ``{edition-comparisons}`` on a page lists every comparison, and each older edition's start page links
  "Compare with the current edition";
- the PDF builder prints a pair's page from :func:`comparison_document` (``outputs/pdf.py``).

Why pages yielded from ``html-collect-pages``, as Sphinx's own index page is and as the editions' forwarding pages
are (``addresses.py``), rather than sources written when the builder starts, as autosummary writes them: Sphinx has
no public way to add a document without a source file (sphinx-doc/sphinx#10641), and sources written at
``builder-inited`` would be written into the editors' ``docs/``, where content is theirs alone; they would be read,
pickled and checked as pages, and left behind when an edition goes. A pair's page is derived from the domains, as
the index is, and needs none of that. It is not a document, so it is never in the site's search (whose index holds
the documents only, as ``constitution_search_skip`` asks of ``editions/*``), and it has no "On this page" list: its
summary lists its entries.

A page is written only when what it shows changed, as forwarding pages are, so the editor's preview stays fast: its
comparison, the titles it shows, its PDF's size and what the theme shows around it (the configuration, the
navigation) are summed up (a SHA-256 of them) and kept beside the doctrees (``constitution-comparisons.json``); the
page is written again when the sum differs, when it is missing, or when a template is newer, as Sphinx decides for
a page with a source.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ...config import settings
from ...engine.builders import is_website
from ...engine.domains import domain
from ...engine.markup import NoOptions
from ...engine.pages import page_title
from .addresses import edition_of, forwarding_context, pair_address, remove_gone_pages, start_page, written_after
from .comparison import Comparison, ComparisonDomain, published_pairs
from .rendering import render_comparison

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config

SUMS = "constitution-comparisons.json"  # beside the doctrees: each written comparison page's sum


def setup_pairs(app: Sphinx) -> None:
    app.add_directive("edition-comparisons", ComparisonsDirective)
    app.add_node(comparisons_placeholder)
    app.connect("doctree-resolved", fill_listing)
    app.connect("doctree-resolved", link_current_comparison)
    app.connect("html-collect-pages", comparison_pages)


def title_of(older: str, newer: str) -> str:
    return _("Changes from the %s edition to the %s edition") % (older, newer)


def latest_pair(config: Config) -> tuple[str, str] | None:
    """(older, newer) of the latest change: the two newest editions, or ``None`` with fewer than two."""
    pairs = published_pairs(config)
    return pairs[0] if pairs else None


def shown_page(builder: Builder, older: str, newer: str) -> str | None:
    """The page that shows a pair's comparison: an editor's, or the pair's own address."""
    return domain(builder.env, ComparisonDomain).shown_at().get((older, newer))


# -- the listing, and each older edition's link to its comparison with the current one -----------------------------


class comparisons_placeholder(nodes.General, nodes.Element):
    """Where ``{edition-comparisons}`` puts the list of comparisons once every page is read."""


class ComparisonsDirective(SphinxDirective):
    """``{edition-comparisons}``: every comparison of two editions published, each linked."""

    option_spec = NoOptions()

    def run(self) -> list[nodes.Node]:
        domain(self.env, ComparisonDomain).listings[self.env.docname] = self.lineno
        node = comparisons_placeholder()
        self.set_source_info(node)
        return [node]


def fill_listing(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname not in domain(app.env, ComparisonDomain).listings:  # no other page is walked
        return
    for placeholder in list(doctree.findall(comparisons_placeholder)):
        listing = nodes.bullet_list(classes=["con-comparisons"])
        for older, newer in published_pairs(app.config):
            page = shown_page(app.builder, older, newer)
            if page is None:
                continue
            uri = app.builder.get_relative_uri(docname, page)
            link = nodes.reference("", title_of(older, newer), refuri=uri, internal=True)
            listing += nodes.list_item("", nodes.paragraph("", "", link))
        placeholder.replace_self(listing if len(listing) else [])


def link_current_comparison(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under the title of each older edition's start page: "Compare with the current edition"."""
    edition = edition_of(app.config, docname)
    editions = list(settings(app.config).editions)
    if not is_website(app.builder) or edition is None or edition[0] == editions[0]:
        return
    if docname != start_page(app.config, edition[0]):
        return
    page = shown_page(app.builder, edition[0], editions[0])
    section = next(doctree.findall(nodes.section), None)
    if page is None or section is None:
        return
    link = nodes.reference(
        "", _("Compare with the current edition"), refuri=app.builder.get_relative_uri(docname, page)
    )
    link["internal"] = True
    said = nodes.Text(" " + _("(the %s edition): every paragraph changed, new or removed.") % editions[0])
    section.insert(1, nodes.paragraph("", "", link, said, classes=["con-compare-current"]))


# -- a pair's page -----------------------------------------------------------------------------------------------


def comparison_document(builder: Builder, pagename: str, comparison: Comparison) -> nodes.document:
    """A pair's page as a doctree: its title, what it compares, then the comparison as an editor's page shows it."""
    older, newer = comparison.older, comparison.newer
    title = title_of(older, newer)
    document = new_document(pagename, getattr(builder, "docsettings", None))
    section = nodes.section("", nodes.title("", title), ids=[nodes.make_id(title)])
    intro = nodes.paragraph("", _("This page compares "))
    for n, edition in enumerate((older, newer)):
        uri = builder.get_relative_uri(pagename, start_page(builder.config, edition))
        intro += nodes.reference("", _("the %s edition") % edition, refuri=uri, internal=True)
        intro += nodes.Text(_(" with ") if n == 0 else "")
    intro += nodes.Text(
        ", "
        + _(
            "paragraph by paragraph, from their texts as the site is built. Paragraphs are paired by their words, "
            "not their numbers; within a changed paragraph, inserted words are underlined and deleted words are "
            "struck through."
        )
    )
    section += intro
    section += render_comparison(builder, pagename, comparison)
    document += section
    return document


def comparison_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Each pair's page that changed, or forwarding page that is stale (see the module's docstring)."""
    builder = app.builder
    if not is_website(builder):
        return
    comparisons = domain(app.env, ComparisonDomain)
    kept = Path(app.doctreedir, SUMS)
    sums: dict[str, str] = json.loads(kept.read_text(encoding="utf-8")) if kept.is_file() else {}
    frame = _frame(app)
    templates = builder.templates.newest_template_mtime() if builder.templates else 0
    current: dict[str, str] = {}
    published = published_pairs(app.config)
    forwarding: set[str] = set()
    for (older, newer), page in comparisons.shown_at().items():
        address = pair_address(app.config, older, newer)
        if page != address:  # an editor's page shows it: the address forwards there
            if (older, newer) not in published:
                continue
            forwarding.add(address)
            if not written_after(builder.get_output_path(address), builder.get_output_path(page)):
                note = _("This is the permanent address of a comparison of two editions.")
                yield address, forwarding_context(builder, address, page, note), "edition-forward.html"
            continue
        comparison = comparisons.changes[page]
        pdf = _pdf_link(app, page)
        current[page] = _sum(app, comparison, pdf, frame)
        output = builder.get_output_path(page)
        if sums.get(page) == current[page] and output.is_file() and output.stat().st_mtime >= templates:
            continue
        yield page, _context(builder, page, comparison, pdf), "page.html"
    if current != sums:
        kept.write_text(json.dumps(current, indent=1, sort_keys=True), encoding="utf-8")
    remove_gone_pages(builder, "comparisons", forwarding | current.keys())


def _sum(app: Sphinx, comparison: Comparison, pdf: tuple[str, str] | None, frame: str) -> str:
    """What a pair's page shows, summed: its comparison, the titles of the pages it names, its PDF's link, and what
    every page shows around its text (:func:`_frame`)."""
    pages = sorted({place[0] for place in comparison.places.values()})
    titles = [(page, page_title(app.env, page)) for page in pages]
    shown = repr((comparison, titles, pdf, [start_page(app.config, e) for e in (comparison.older, comparison.newer)]))
    return hashlib.sha256((frame + shown).encode("utf-8")).hexdigest()


def _frame(app: Sphinx) -> str:
    """What the theme shows around every page's text, summed once a build: the configuration and tags as Sphinx
    sums them (``.buildinfo``: a change writes every page again), the navigation (which page lists which, and every
    title), and the environment itself: a new one (``-E``, another version of the package) writes every page."""
    info = app.builder.build_info  # type: ignore[attr-defined]
    env = app.env
    navigation = sorted((doc, tuple(pages)) for doc, pages in env.toctree_includes.items())
    titles = sorted((doc, title.astext()) for doc, title in env.titles.items())
    made = domain(env, ComparisonDomain).data.get("environment", "")  # set as the environment is made
    return repr((info.config_hash, info.tags_hash, navigation, titles, made))


def _context(
    builder: StandaloneHTMLBuilder, pagename: str, comparison: Comparison, pdf: tuple[str, str] | None
) -> dict[str, Any]:
    """The template's context for a pair's page: its body written by the builder's translator, as a page's is."""
    document = comparison_document(builder, pagename, comparison)
    if pdf is not None:
        from ...outputs.pdf import insert_download_link  # the PDFs are a concept of their own, loaded with the package

        insert_download_link(document, pdf)
    document.settings = builder.docsettings
    builder.current_docname = pagename
    builder.secnumbers, builder.fignumbers = {}, {}
    builder.imgpath = relative_uri(builder.get_target_uri(pagename), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(pagename), "_downloads")
    visitor = builder.create_translator(document, builder)
    document.walkabout(visitor)
    body = "".join(visitor.fragment)  # type: ignore[attr-defined]
    title = escape(title_of(comparison.older, comparison.newer))
    return {
        "title": title,
        "body": body,
        "metatags": "",
        "meta": None,
        "parents": [],
        "prev": None,
        "next": None,
        "rellinks": builder.globalcontext["rellinks"][:],
        "sourcename": "",
        "display_toc": False,
    }


def _pdf_link(app: Sphinx, page: str) -> tuple[str, str] | None:
    """(address, "PDF, 180 KB") of the PDF of a pair's page, if the PDF build wrote one: the PDFs are a concept of
    their own (``outputs/pdf.py``), asked through its event when it is loaded, as it is with the package."""
    from ...outputs.pdf import PDF_LINK

    if "sphinx_constitution.outputs.pdf" not in app.extensions:
        return None
    return app.emit_firstresult(PDF_LINK, page)
