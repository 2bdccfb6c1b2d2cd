"""Content is data: what a page may do, and the one place that holds it to that.

Configuration (``conf.py``) and code (this package, the theme, the tools) are trusted: they are reviewed as
software. Content is not: the Markdown pages of the source folder and the data files the configuration names
may be written or suggested by anyone (an editor, a councillor's proposed wording, a colleague's pull request).
So a page may change the words on pages and nothing else:

- it uses only the markup in the **content vocabulary**: the directives and roles that shape text
  (:data:`DIRECTIVES`, :data:`ROLES`, and any names ``constitution_content_markup`` in ``conf.py`` adds);
- it names values of the configuration as ``{{ council_name }}``: a name looked up in ``myst_substitutions``,
  never an expression (MyST would hand it to Jinja2, with Sphinx's environment in reach: Python, in short);
- its links go to http, https, mailto and tel addresses, or to pages and files of the site;
- the files it shows or offers (images, downloads) are inside the source folder, and of a type a browser
  shows rather than runs (:data:`IMAGE_TYPES`, :data:`DOWNLOAD_TYPES`).

Everything else is refused with the file and line, and the build fails (``-W``); a preview shows the refused
markup as code, so nothing it asked for happens. Where the rule is enforced, all of it in this module:

- :class:`ContentParser`, Sphinx's parser for Markdown (MyST's, with its renderer held to the rule): every
  directive and role is looked up in the vocabulary before it runs (MyST's escape hatch ``{eval-rst}``
  included: it is refused, as a second markup language would need a second vocabulary); ``{{ name }}`` is
  a lookup; a link is refused at its line when its scheme is not allowed (markdown-it would leave it unmade, as
  its text, without a word); front matter may not carry configuration (``myst``, ``html_meta``,
  ``substitutions``); directives nest at most :data:`MAX_DEPTH` deep (deeper is a mistake in the fences, and
  would exhaust Python's stack).
  It also sets docutils' own switches for untrusted input, ``file_insertion_enabled`` and ``raw_enabled``
  off, which every file-reading directive of docutils, Sphinx and MyST obeys: a second wall behind the
  vocabulary. reStructuredText sources are refused outright (:class:`RefuseRst`).
- :class:`CheckDoctree`, after each page is read and before Sphinx collects its images and downloads: every
  address in the page's doctree (links, targets, toctree entries, images, downloads), however it was made (a
  Markdown link, a directive's option, a data file), and raw output, which is shown as code instead.
- :func:`check_source_folder`: no file of the source folder is a symbolic link to a place outside it.
"""

from __future__ import annotations

import re
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from myst_parser.config.main import read_topmatter
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.parsers import Parser
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .. import __version__
from ..config import settings
from ..problems import Problem, warn
from .nodes import ancestors, in_order, line_of
from .pages import front_matter_line
from .sources import visible

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from markdown_it.rules_core import StateCore
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

#: Directives that content may use. They shape text; none reads a file, runs code or writes raw output.
#: (``image`` and ``figure`` name files, which :class:`CheckDoctree` holds to the rule.)
DIRECTIVES = frozenset(
    {
        # this package's
        "clause", "principles", "nolan-principles", "do-dont", "codes-index", "status", "edition-changes",
        "edition-timeline", "edition-comparisons", "edition-on-a-date", "ins", "del",
        # docutils' and Sphinx's for text
        "admonition", "attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning",
        "seealso", "versionadded", "versionchanged", "deprecated", "versionremoved",
        "topic", "sidebar", "rubric", "epigraph", "highlights", "pull-quote", "compound", "container",
        "line-block", "parsed-literal", "centered", "hlist", "table", "list-table", "csv-table",
        "code", "code-block", "sourcecode", "highlight", "image", "figure", "toctree", "glossary", "index",
        # sphinx-design's layout
        "grid", "grid-item", "grid-item-card", "card", "dropdown", "tab-set", "tab-item", "button-link", "button-ref",
    }
)  # fmt: skip

#: Roles that content may use.
ROLES = frozenset(
    {
        # this package's
        "clause", "section-number", "principle", "principle-set", "code-ref", "ins", "del",
        # docutils' and Sphinx's for text and cross-references
        "term", "doc", "ref", "numref", "abbr", "emphasis", "strong", "literal", "code", "sub", "sup",
        "subscript", "superscript", "kbd", "guilabel", "menuselection", "file", "samp", "command", "program",
        "dfn", "title-reference", "index", "download",
    }
)  # fmt: skip

#: The schemes a link written in content may use. Anything else (``javascript:``, ``data:``, ``file:``,
#: ``vbscript:``) is refused; a link with no scheme is relative, to a page or file of the site.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

#: Files content may show as images, and offer as downloads: types a browser displays and never runs (not
#: SVG or HTML, which may carry script and would be served from the council's own address).
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
DOWNLOAD_TYPES = IMAGE_TYPES | {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".csv", ".txt", ".rtf"}

#: How deep directives may nest: a clause's sub-items inside a tracked change inside a card is five.
MAX_DEPTH = 12

#: Front matter keys that would change the configuration of the page (MyST's settings, HTML ``<meta>``
#: elements such as a refresh to another site, substitutions): configuration lives in conf.py. Other keys are
#: data, kept as text: ``description`` becomes the page's one ``<meta name="description">``, escaped
#: (outputs/descriptions.py).
CONFIGURATION_KEYS = ("myst", "mystnb", "html_meta", "substitutions")

#: The ids of the elements a page itself carries, which scripts and ``aria-`` attributes find by id: every id of
#: ours starts with ``con-`` (the previews' store and popovers, the search page's form, the drawers, the PDF's
#: contents), and furo's and Sphinx's own are listed by name (``svg-menu`` is the menu icon every page draws with
#: ``<use href="#svg-menu">``; ``toggle-3`` opens a branch of the navigation, ``__toc`` the contents drawer (a
#: heading "__toc" has that anchor with ``myst_heading_anchors``); ``searchbox``, the skip link's
#: ``furo-main-content``). Content may not take one, by a label or a heading: the browser finds the first element
#: with an id, so the author's would stop the previews or be read out as a link's description. A page's
#: ``document-<page>`` anchor in a PDF is reserved as well (``own_id``).
OWN_IDS = re.compile(r"con-.*|svg-.*|furo-.*|toggle-[0-9]+|__navigation|__toc|searchbox|search-results|search-progress")

#: MyST's own schemes for links within the site: ``inv:`` (an inventory conf.py names), ``project:`` (a page).
_MYST_SCHEMES = frozenset({"inv", "project"})
#: The pages the site makes itself: Sphinx's index and search page (the split index's ``genindex-A`` …, a domain's
#: index such as ``py-modindex``). A page of content with one of these names would silently take its place.
OWN_PAGES = re.compile(r"genindex(-.*)?|search|[a-z]+-modindex")

_TOP_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)")  # a key of the front matter's top level
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOO_DEEP = "content_too_deep"  # in markdown-it's env: the line where blocks reached the nesting limit
_UNCLOSED = "content_unclosed"  # in a fence token's meta: the parse ended the fence without its closing line
# A line that closes a fence: its marker, as long as the opening one or longer, and nothing else (but the marks
# of the quotes and the indent of the lists it is in).
_CLOSING_FENCE = re.compile(r"[ \t>]*(`{3,}|~{3,}|:{3,})[ \t]*")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers drop ASCII tab and newline anywhere in a URL, and control characters and spaces at its ends,
# before they read the scheme ("java\tscript:" is "javascript:"), so the rule looks at what they see.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
# What a role looks like when MyST did not read it as one (its text is not in backticks): "{clause}".
_ROLE_AS_TEXT = re.compile(r"(?<![{\w])\{([A-Za-z][\w.:-]*)\}(?!\})")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")  # ours replaces its parser, so it must be there first
    app.setup_extension("sphinx_constitution.config")
    app.add_source_parser(ContentParser, override=True)
    app.add_source_parser(RefuseRst, override=True)
    app.add_transform(CheckDoctree)
    app.add_transform(KeepOwnIds)
    app.connect("builder-inited", check_source_folder)
    app.connect("env-before-read-docs", check_page_names)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


# -- the link and file rules ----------------------------------------------------------------------------------


def link_scheme(uri: str) -> str | None:
    """The scheme a browser would read in *uri*, in lower case; ``None`` for a relative link."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", uri))
    return match[1].lower() if match else None


def link_is_safe(uri: str) -> bool:
    """Whether content may publish a link to *uri*: http, https, mailto, tel, or relative."""
    scheme = link_scheme(uri)
    return scheme is None or scheme in LINK_SCHEMES


def file_problem(env: BuildEnvironment, written: str, docname: str, types: frozenset[str]) -> str | None:
    """Why content may not show or offer the file it names as *written*, or ``None`` if it may."""
    if link_scheme(written) is not None or written.startswith("//"):
        return f"{written!r} is not a file of the site: use a file in the source folder"
    if "*" in written:
        return f"{written!r}: name the file itself, not a pattern"
    _relative, absolute = env.relfn2path(written, docname)
    path, srcdir = Path(absolute).resolve(), Path(env.srcdir).resolve()
    if not path.is_relative_to(srcdir):
        return f"{written!r} is outside the source folder"
    if path.suffix.lower() not in types:
        return f"{written!r} is not a type content may publish (use {', '.join(sorted(types))})"
    if not path.is_file():
        return f"{written!r}: no such file"
    return None


# -- the parser -------------------------------------------------------------------------------------------------


class ContentRenderer(SphinxRenderer):
    """MyST's renderer, with each way out of plain text checked against the rule before it is taken."""

    depth = 0  # how many directives are being run, one inside another
    outermost = 0  # the line of the outermost of them
    substituting: frozenset[str] = frozenset()  # the names whose values are being rendered, one inside another
    substituted_at = 0  # the line of the outermost of them
    fences: list[tuple[str, int]]  # the fences being rendered, one inside another: marker, lines MyST adds inside

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fences = []

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(settings(self.sphinx_env.config).content_markup)

    # markdown-it nests blocks (lists, quotes) at most ``maxNesting`` deep and silently drops what lies deeper,
    # lines after it included: :func:`_note_depth` notes where in each parse (the page's, and each directive's
    # content), and the renderer says so.

    def render(self, tokens: Any, options: Any, md_env: Any) -> nodes.document:
        line = md_env.pop(_TOO_DEEP, None)
        document = super().render(tokens, options, md_env)
        if line is not None:
            self._too_deep(line)
        return document

    def nested_render_text(self, text: str, lineno: int, *args: Any, **kwargs: Any) -> None:
        super().nested_render_text(text, lineno, *args, **kwargs)
        if (line := self.md_env.pop(_TOO_DEEP, None)) is not None:
            self._too_deep(lineno + line)

    # A fence that the parse ended without its closing line (:func:`_note_unclosed`) changes the author's structure
    # without a word: in a directive's text, it is a fence whose closing line closed the directive's fence instead
    # (one as long as it, or shorter), and what followed left the directive.

    def render_fence(self, token: SyntaxTreeNode) -> None:
        with self._in_fence(token):
            super().render_fence(token)

    def render_colon_fence(self, token: SyntaxTreeNode) -> None:
        with self._in_fence(token):
            super().render_colon_fence(token)

    @contextmanager
    def _in_fence(self, token: SyntaxTreeNode) -> Iterator[None]:
        """Check that the fence *token* was closed, and note it as the one around what its text holds.

        A directive's colon fence whose text starts with another fence is given a blank first line by MyST (so that
        ``:::`` is not read as an option), and everything inside it is one line further down than on the page: the
        line told is the page's."""
        if token.meta.get(_UNCLOSED):
            self._unclosed(token.markup, token_line(token, 0) - sum(added for _marker, added in self.fences))
        added = token.type == "colon_fence" and token.info.strip().startswith("{") and token.content.startswith(":::")
        self.fences.append((token.markup, int(added)))
        try:
            yield
        finally:
            self.fences.pop()

    def _unclosed(self, markup: str, line: int) -> None:
        outer = self.fences[-1][0] if self.fences else ""
        longer = markup[0] * (max(len(markup), len(outer)) + 1)
        if outer[:1] == markup[0] and len(outer) <= len(markup):
            message = (
                f"the {markup} fence opened here is not closed inside the {outer} fence around it: its closing "
                f"{markup} closed that one early, and what follows is left out of it. Make the outer fence longer "
                f"({longer})"
            )
        elif outer:
            message = f"the {markup} fence opened here is not closed before the {outer} fence around it ends"
        else:
            message = (
                f"the {markup} fence opened here is never closed, so it runs to the end of the page (or of the list "
                f"or quote it is in): close it with {markup}; if it was to close a fence above, a fence inside that "
                f"one closed it early: make the outer fence longer ({longer})"
            )
        warn(Problem.UNCLOSED_FENCE, message, (self.sphinx_env.docname, line))

    def _too_deep(self, line: int) -> None:
        message = "lists or quotes are nested too deep here: Markdown would leave out what lies deeper"
        warn(Problem.TOO_DEEP, message, (self.sphinx_env.docname, line + 1))

    def _refuse(self, problem: Problem, message: str, line: int, shown: str, *, inline: bool) -> None:
        """Warn, and show what was refused as code: visible to the editor, harmless to the reader."""
        warn(problem, message, (self.sphinx_env.docname, line))
        literal = nodes.literal if inline else nodes.literal_block
        self.current_node.append(literal(shown, shown, classes=["con-refused-markup"]))

    def run_directive(self, name: str, first_line: str, content: str, position: int, *args: Any, **kw: Any) -> Any:
        if name not in DIRECTIVES and name not in self.vocabulary:
            warn(Problem.REFUSED_MARKUP, _not_in_vocabulary("directive", name), (self.sphinx_env.docname, position))
            shown = f"{{{name}}} {first_line}\n{content}".rstrip()
            return [nodes.literal_block(shown, shown, classes=["con-refused-markup"])]
        if self.depth == 0:
            self.outermost = position  # MyST's lines drift inside nested fences; the outermost one's is right
        elif self.depth >= MAX_DEPTH:
            message = f"directives are nested more than {MAX_DEPTH} deep in the one opened here: check its fences"
            warn(Problem.TOO_DEEP, message, (self.sphinx_env.docname, self.outermost))
            return []
        self.depth += 1
        try:
            return super().run_directive(name, first_line, content, position, *args, **kw)
        finally:
            self.depth -= 1

    def render_link(self, token: SyntaxTreeNode) -> None:
        """A link whose scheme content may not use is refused here, at its line, its text kept as plain text.

        markdown-it would leave such a link (``javascript:``, ``vbscript:``, ``file:``, some ``data:``) unmade, as
        its literal text, and say nothing: :func:`_make_every_link` has it make every link, so that this rule,
        and no other, decides which are published. MyST's own ``inv:`` (another site's inventory, named in
        conf.py) and ``project:`` (a page of the site) are links within the rule."""
        href = self.md.normalizeLinkText(str(token.attrGet("href") or ""))
        if link_scheme(href) in _MYST_SCHEMES or link_is_safe(href):
            super().render_link(token)
            return
        warn(Problem.UNSAFE_LINK, _link_message(href), (self.sphinx_env.docname, _inline_line(token, href)))
        self.render_children(token)

    def render_myst_role(self, token: SyntaxTreeNode) -> None:
        name = token.meta["name"]
        if name in ROLES or name in self.vocabulary:
            super().render_myst_role(token)
            return
        shown = f"{{{name}}}`{token.content}`"
        self._refuse(Problem.REFUSED_MARKUP, _not_in_vocabulary("role", name), _role_line(token), shown, inline=True)

    def render_restructuredtext(self, token: SyntaxTreeNode) -> None:
        message = "{eval-rst} is not allowed in content: write the text in MyST Markdown"
        self._refuse(Problem.REFUSED_MARKUP, message, token_line(token, 0), token.content, inline=False)

    def render_substitution(self, token: SyntaxTreeNode, inline: bool) -> None:
        """``{{ name }}`` is the value of that name, as Markdown; anything else is refused, and never evaluated."""
        name = token.content.strip()
        # inside a value, the page's line is the line of the outermost {{ }} (the value's own are conf.py's)
        line = self.substituted_at if self.substituting else token_line(token, 0)
        values = self.md_config.substitutions
        shown = f"{{{{ {name} }}}}"
        if not _NAME.fullmatch(name) or name not in values:
            known = ", ".join(sorted(values)) or "none: set myst_substitutions in conf.py"
            what = "not the name of a value" if not _NAME.fullmatch(name) else "not a value in the configuration"
            message = f"{shown} is {what}; write a name alone, as {{{{ council_name }}}} (names: {known})"
            self._refuse(Problem.BAD_SUBSTITUTION, message, line, shown, inline=inline)
            return
        if name in self.substituting:
            self._refuse(Problem.BAD_SUBSTITUTION, f"the value of {name!r} names itself", line, shown, inline=inline)
            return
        outer, self.substituting, self.substituted_at = self.substituting, self.substituting | {name}, line
        try:
            self.nested_render_text(str(values[name]), line, inline=inline)
        finally:
            self.substituting = outer


class ContentParser(MystParser):
    """The parser for every Markdown page: MyST's, with :class:`ContentRenderer` and docutils' switches for
    untrusted input. The page's front matter may hold data fields, not configuration."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        if not Path(document["source"]).resolve().is_relative_to(Path(env.srcdir).resolve()):
            return  # a page that is a link to a file elsewhere publishes nothing (check_source_folder warns)
        document.settings.file_insertion_enabled = False  # include, csv-table :file:, raw :file: … refuse
        document.settings.raw_enabled = False
        # MyST would merge these keys of the front matter into the page's settings; here they are refused and
        # the page keeps the configuration's (conf.py's) settings.
        for key in [key for key in CONFIGURATION_KEYS if key in (_front_matter(inputstring) or {})]:
            message = f"front matter may not set {key!r}: settings belong in conf.py"
            warn(Problem.REFUSED_MARKUP, message, (env.docname, front_matter_line(inputstring, key)))
        for key, line, first in _keys_twice(inputstring):
            message = (
                f"front matter gives {key!r} twice (here and at line {first}): YAML keeps this one, without a word"
            )
            warn(Problem.BAD_FRONT_MATTER, message, (env.docname, line))
        parser = create_md_parser(env.myst_config, ContentRenderer)
        parser.validateLink = _make_every_link  # type: ignore[method-assign,assignment]  # markdown-it's documented hook
        parser.core.ruler.push("content_depth", _note_depth)
        parser.core.ruler.push("content_fences", _note_unclosed)
        parser.options["document"] = document
        parser.render(inputstring)


def _make_every_link(_url: str) -> bool:
    """markdown-it's check of a link's address, in a parser for content: every link is made, and the renderer
    holds it to the rule (:meth:`ContentRenderer.render_link`; an image's file, :class:`CheckDoctree`)."""
    return True


def _role_line(token: SyntaxTreeNode) -> int:
    """The line of a role: MyST gives it its paragraph's first line, so count the lines before it there."""
    return _inline_line(token, f"{{{token.meta['name']}}}")


def _inline_line(token: SyntaxTreeNode, written: str) -> int:
    """The line of an inline token that shows *written*: MyST gives it its paragraph's first line, so count the
    lines before *written* there."""
    line, holder = token_line(token, 0), token.parent
    while holder is not None and holder.type != "inline":
        holder = holder.parent
    if holder is None or written not in (holder.content or ""):
        return line
    return line + holder.content.count("\n", 0, holder.content.index(written))


def _note_depth(state: StateCore) -> None:
    """A markdown-it rule: note the first line where blocks reach the parser's nesting limit."""
    limit = state.md.options["maxNesting"] - 1
    for token in state.tokens:
        if token.level >= limit:
            state.env.setdefault(_TOO_DEEP, token.map[0] if token.map else 0)
            return


def _note_unclosed(state: StateCore) -> None:
    """A markdown-it rule: mark each fence (of code or a directive; of backticks, tildes or colons) that the parse
    ended without its closing line. CommonMark runs such a fence to the end of what holds it, without a word."""
    lines = state.src.split("\n")
    for token in state.tokens:
        if token.type not in ("fence", "colon_fence") or not token.map:
            continue
        start, end = token.map
        closing = _CLOSING_FENCE.fullmatch(lines[end - 1]) if start < end - 1 < len(lines) else None
        if not (closing and closing[1][0] == token.markup[0] and len(closing[1]) >= len(token.markup)):
            token.meta[_UNCLOSED] = True


def _front_matter(text: str) -> dict[str, Any] | None:
    try:
        found = read_topmatter(text)
    except Exception:  # MyST reports malformed front matter itself, with its line
        return None
    return dict(found) if isinstance(found, dict) else None


def _keys_twice(text: str) -> list[tuple[str, int, int]]:
    """``(key, line, first line)`` of each key of the front matter's top level given a second time."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        return []
    seen: dict[str, int] = {}
    twice = []
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        if key := _TOP_KEY.match(line):
            if key[1] in seen:
                twice.append((key[1], number, seen[key[1]]))
            seen.setdefault(key[1], number)
    return twice


def _not_in_vocabulary(kind: str, name: str) -> str:
    return (
        f"the {{{name}}} {kind} is not allowed in content (README, Security: the markup content may use; "
        "conf.py's constitution_content_markup may add a harmless one)"
    )


class RefuseRst(Parser):
    """reStructuredText sources are refused: content is MyST Markdown, held to one vocabulary."""

    supported = ("restructuredtext", "rst")

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        if not Path(document["source"]).resolve().is_relative_to(Path(env.srcdir).resolve()):
            return  # a page that is a link to a file elsewhere publishes nothing (check_source_folder warns)
        message = "reStructuredText sources are not accepted: write the page in MyST Markdown (.md)"
        warn(Problem.REFUSED_MARKUP, message, (env.docname, 1))


# -- the doctree -------------------------------------------------------------------------------------------------


class KeepOwnIds(SphinxTransform):
    """No element of the page's content keeps an id of the page's own elements (``OWN_IDS``).

    Runs once docutils and MyST have given every id (targets moved onto their sections at 260, MyST's heading
    anchors at 700) and before Sphinx's domains note the page's labels (850), so a reference to a refused label
    resolves to the id given instead.
    """

    default_priority = 840

    def apply(self, **kwargs: Any) -> None:
        elements = [self.document, *[node for node in in_order(self.document) if isinstance(node, nodes.Element)]]
        held = Counter(id_ for node in elements for id_ in node["ids"])
        for node in elements:
            taken = [id_ for id_ in node["ids"] if own_id(id_, self.env.found_docs) or self._twin(node, id_, held)]
            for id_ in taken:
                self._refuse_id(node, id_)

    def _twin(self, node: nodes.Element, id_: str, held: Counter[str]) -> bool:
        """Whether *node* holds *id_* by a name (a label, a heading) while an element of the package holds it too: a
        clause's anchor (``(clause-6-7)=``, or a heading "Clause 6.7"), a principle's, a code's. The package gives its
        elements their ids without names, so the one docutils registered for a name is the author's."""
        return held[id_] > 1 and self.document.ids.get(id_) is node and id_ in self.document.nameids.values()

    def _refuse_id(self, node: nodes.Element, taken: str) -> None:
        """Give *node* an id of docutils' own making instead of *taken*, and every link to it with it."""
        named = [name for name, id_ in self.document.nameids.items() if id_ == taken]
        label = next((t for t in self.document.findall(nodes.target) if t.get("refid") == taken), node)
        labels = [name for name in named if self.document.nametypes.get(name)]  # not a heading's own name
        what = f"the label {labels[0]!r}" if labels else "this heading"
        message = f"{what} would take the id {taken!r}, which the page's own elements use: choose another name"
        warn(Problem.RESERVED_ID, message, (self.env.docname, line_of(label)))  # the label's line, not its section's
        self.document.ids.pop(taken, None)
        node["ids"].remove(taken)
        given = self.document.set_id(nodes.Element())  # an id no name suggests: "id1", "id2" …
        node["ids"].append(given)
        self.document.ids[given] = node
        self.document.nameids.update(dict.fromkeys(named, given))
        for link in self.document.findall(nodes.Element):  # references, and the label's target that points on
            if link.get("refid") == taken:
                link["refid"] = given


class CheckDoctree(SphinxTransform):
    """Every address a page's doctree holds, and any raw output, held to the rule before the page is used.

    Runs after docutils' own transforms have resolved the page's link targets (up to 700) and just before
    Sphinx's ``doctree-read`` event (a transform of priority 880), whose collectors note the page's images and
    downloads for copying: so a refused file is never copied into the site.
    """

    default_priority = 870
    replaced = False  # whether this page had an element replaced

    def apply(self, **kwargs: Any) -> None:
        """One walk of the page: each element checked, and each text kept for the roles left as text, which are
        looked for once the elements are settled. A page that had something replaced (a refused link, file or raw
        markup, which the build reports) is walked again for its texts: a replacement may have made new ones."""
        texts: list[nodes.Text] = []
        self.replaced = False
        for node in in_order(self.document):  # the page itself is none of the kinds checked
            if isinstance(node, nodes.Text):
                texts.append(node)
                continue
            if isinstance(node, (nodes.title, nodes.reference)) and not _said(node):
                self._unsaid(node)
            self._check(node)
        self._roles_as_text(list(self.document.findall(nodes.Text)) if self.replaced else texts)

    def _check(self, node: nodes.Node) -> None:
        docname = self.env.docname
        if isinstance(node, nodes.raw):
            self._raw(node)
        elif isinstance(node, (nodes.reference, nodes.target)) and node.get("refuri"):
            if not link_is_safe(node["refuri"]):
                self._refuse_link(node, node["refuri"])
        elif isinstance(node, nodes.image):
            problem = file_problem(self.env, node["uri"], docname, IMAGE_TYPES)
            if problem:
                self._refuse_file(node, f"image {problem}")
        elif isinstance(node, addnodes.download_reference):
            problem = file_problem(self.env, node["reftarget"], docname, DOWNLOAD_TYPES)
            if problem:
                self._refuse_file(node, f"download {problem}")
        elif isinstance(node, addnodes.toctree):
            self._toctree(node)

    def _unsaid(self, node: nodes.title | nodes.reference) -> None:
        """A heading or a link with nothing to read: a blank line in the page and the contents, a link no one sees,
        and to a screen reader "heading" or "link" and nothing more."""
        if isinstance(node, nodes.reference):
            if not node.get("refuri") or node.get("internal"):
                return  # a cross-reference: Sphinx gives it its target's title when it is written ([](page.md))
            what = f"this link to {node['refuri']!r} has no text: write it inside the brackets, [text](address)"
        elif isinstance(node.parent, nodes.section):
            what = "this heading has no text (nothing after the #, or only spaces): write it, or remove the #"
        else:
            return
        warn(Problem.EMPTY_TEXT, what, self._where(node))

    def _toctree(self, node: addnodes.toctree) -> None:
        for _title, ref in node["entries"]:
            if "://" in ref and not link_is_safe(ref):
                warn(Problem.UNSAFE_LINK, _link_message(ref), self._where(node))
        node["entries"] = [(t, r) for t, r in node["entries"] if "://" not in r or link_is_safe(r)]

    def _where(self, node: nodes.Node) -> tuple[str, int | None]:
        """The page and line of *node*, or of the nearest node around it that has a line (MyST gives none to an
        image or a link inside a paragraph)."""
        return self.env.docname, line_of(node)

    def _refuse_link(self, node: nodes.Element, uri: str) -> None:
        warn(Problem.UNSAFE_LINK, _link_message(uri), self._where(node))
        self.replaced = True
        if isinstance(node, nodes.reference):
            node.replace_self(nodes.inline("", "", *node.children))
        else:
            del node["refuri"]

    def _refuse_file(self, node: nodes.Element, message: str) -> None:
        warn(Problem.UNSAFE_LINK, message, self._where(node))
        self.replaced = True
        node.replace_self(nodes.inline("", node.astext()) if isinstance(node, nodes.TextElement) else [])

    def _raw(self, raw: nodes.raw) -> None:
        """Raw markup (often HTML pasted from Word) skips every check the extensions make: shown as code."""
        markup = raw.astext().strip()
        shown = markup if len(markup) <= 60 else markup[:57] + "..."
        formats = raw.get("format", "")
        what = "raw HTML" if "html" in formats.split() else f"raw {formats or 'markup'}"
        warn(Problem.RAW_HTML, f"{what} is not allowed; rewrite it in MyST: {shown!r}", self._where(raw))
        visible = nodes.literal if isinstance(raw.parent, nodes.TextElement) else nodes.literal_block
        self.replaced = True
        raw.replace_self(visible(markup, markup, classes=["con-refused-markup"]))

    def _roles_as_text(self, texts: list[nodes.Text]) -> None:
        """A role missing a backtick is no role to MyST: ``{clause}`` is left in the page as text. Find it."""
        for text in texts:
            found = _ROLE_AS_TEXT.search(text)
            if found is None or any(isinstance(node, _NOT_PROSE) for node in ancestors(text)):
                continue  # code may show the syntax
            block = text.parent
            while block.line is None and block.parent is not None:
                block = block.parent
            message = (
                f"the {{{found[1]}}} role here has no text in backticks (a backtick is missing?), "
                f"so it would show as text: write {{{found[1]}}}`...`"
            )
            warn(Problem.UNCLOSED_ROLE, message, (self.env.docname, _line_in(block, text, found.start())))


def own_id(id_: str, docnames: Iterable[str]) -> bool:
    """Whether *id_* is one that the page's own elements use (``OWN_IDS``), or a PDF's anchor of a page."""
    return bool(OWN_IDS.fullmatch(id_)) or (id_.startswith("document-") and id_.removeprefix("document-") in docnames)


def _said(node: nodes.Element) -> bool:
    """Whether *node* has text a reader sees and a screen reader says: a letter that is not a space or invisible
    (a zero-width space), or an image's description."""
    return visible(node.astext()) or any(image.get("alt", "").strip() for image in node.findall(nodes.image))


def _link_message(uri: str) -> str:
    shown = uri if len(uri) <= 60 else uri[:57] + "..."
    return f"link to {shown!r}: content may link only to http, https, mailto and tel addresses, and to the site's pages"


_NOT_PROSE = (nodes.literal, nodes.FixedTextElement, nodes.raw, nodes.comment, nodes.system_message)


def _line_in(block: nodes.Element, text: nodes.Text, index: int) -> int:
    """The source line of character *index* of *text*, counting line breaks from its block's first line."""
    breaks = text[:index].count("\n")
    for other in block.findall(nodes.Text):
        if other is text:
            break
        breaks += other.count("\n")
    return (block.line or 1) + breaks


# -- the source folder ---------------------------------------------------------------------------------------------


def check_page_names(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """No page of content is named as a page the site makes itself (:data:`OWN_PAGES`), which it would replace."""
    for docname in docnames:
        if OWN_PAGES.fullmatch(docname):
            message = f"a page named {docname!r} would take the place of the site's own {docname} page: rename it"
            warn(Problem.RESERVED_ID, message, (docname, 1))


def check_source_folder(app: Sphinx) -> None:
    """No file of the source folder may be a symbolic link to a place outside it: through one, a page, an image or
    a static file would publish whatever it points at (another project's files, the machine's)."""
    srcdir = Path(app.srcdir).resolve()
    for path in sorted(Path(app.srcdir).rglob("*")):
        if path.is_symlink() and not path.resolve().is_relative_to(srcdir):
            where = path.relative_to(app.srcdir)
            warn(Problem.UNSAFE_LINK, f"{where} is a link to a place outside the source folder", str(path))
