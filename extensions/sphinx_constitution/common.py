"""What every extension here shares: the list of authoring problems, cross-reference nodes, visitors, page titles,
and the pages to write again when a read changed something they show.

Every warning the extensions give names its source file and line and carries the type
``constitution`` and a subtype from :class:`Problem`, so a build log reads like::

    docs/protocol/access.md:14: WARNING: no clause numbered 6.99 [constitution.unknown_clause]

and ``suppress_warnings = ["constitution.uncited_code"]`` can silence one kind if a council wants to.
"""

from __future__ import annotations

import enum
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.nodes import split_explicit_title

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxRole
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

WARNING_TYPE = "constitution"
STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


class Problem(enum.Enum):
    """The mistakes an editor can make, one member per warning subtype."""

    BAD_CLAUSE_NUMBER = "bad_clause_number"
    """A clause's number cannot be read (``6,7``, ``(4`` …), or a nested clause is not ``(1)``/``(i)``/``(a)``."""

    DUPLICATE_CLAUSE = "duplicate_clause"
    """Two clauses have the same number; the message names the other one's file and line."""

    CLAUSE_GAP = "clause_gap"
    """Sibling clauses skip a number (6.8 then 6.10), or mix numbering styles."""

    UNKNOWN_CLAUSE = "unknown_clause"
    """A ``{clause}`` reference names a clause that no page defines (nor, with intersphinx, another site's
    inventory), or a range passes over one (``8 to 11`` with no 9)."""

    DOUBLED_REFERENCE_WORD = "doubled_reference_word"
    """The word a ``{clause}`` reference prints written before it too (``paragraph {clause}`3(2)```), so the page
    would read "paragraph paragraph 3(2)"."""

    BAD_CLAUSE_RANGE = "bad_clause_range"
    """A range in a ``{clause}`` reference whose ends are not in one sequence (``6.7 to 7.2``, ``8 to 8.1``,
    ``(a) to (iv)``, two scopes), that runs backwards (``11 to 8``) or names one clause (``8 to 8``), that is
    too long (more than 1,000 clauses) or has an inserted number (``7A``) at an end."""

    DUPLICATE_TERM = "duplicate_term"
    """A glossary term defined twice, in one glossary or two (``Member`` and ``member`` are one term to ``{term}``);
    the message names the other's file and line."""

    UNKNOWN_PRINCIPLE = "unknown_principle"
    """A ``{principle}`` role or ``:principles:`` option names a principle that the chosen set does not have, or
    ``{principle-set}`` asks for something other than the set's ``title`` or ``source``."""

    DUPLICATE_PRINCIPLES = "duplicate_principles"
    """A principle is set out with its anchor twice; the second listing needs ``:no-index:``."""

    INCOMPLETE_PRINCIPLES = "incomplete_principles"
    """``{principles}`` asks for what the chosen set does not hold: the whole set, when its file holds only some of
    its source's principles, or a principle's wording, when the set has only its name."""

    BAD_PRINCIPLES = "bad_principles"
    """A mistake in a council's principle set (a data file, so content): not TOML, its title or source missing, a
    principle's id or name missing, not text or empty, an id that cannot be an anchor or listed twice."""

    BAD_DO_DONT = "bad_do_dont"
    """A ``do-dont`` table's body is not rows of ``+`` (Do) and ``-`` (Don't) bullets separated by ``---``."""

    UNKNOWN_CODE = "unknown_code"
    """A ``{code-ref}`` names an id that the codes registry does not list."""

    UNCITED_CODE = "uncited_code"
    """A registry entry that no page cites: remove it, or cite it."""

    PDF_TOO_LONG = "pdf_too_long"
    """A PDF takes more pages than its ``max_pages`` allows (a one-page note has grown): it is not written."""

    PDF_TABLE_CAPTION = "pdf_table_caption"
    """A table in a PDF has no caption, which PDF/UA asks of every table: write one (``:::{table} Caption``)."""

    PDF_LAYOUT = "pdf_layout"
    """WeasyPrint could not lay something out as written (a link to a missing anchor, CSS it can't use)."""

    BAD_STATUS = "bad_status"
    """A ``{status}`` that cannot be read: an unknown state, a missing committee or date, a date not
    written as 2026-04-29, a second status on one page, ``:superseded-by:`` naming no page, or an
    edition's start page without a status."""

    UNKNOWN_EDITION = "unknown_edition"
    """``{edition-changes}`` names an edition that ``editions`` in conf.py does not list, or an edition's
    folder has no ``index`` page."""

    RAW_HTML = "raw_html"
    """Raw HTML in a source file (often pasted from Word): rewrite it as MyST."""

    NESTED_MARK = "nested_mark"
    """An ``{ins}`` or ``{del}`` mark inside another one; a proposed change's text is either new or removed."""

    EMPTY_MARK = "empty_mark"
    """An ``{ins}`` or ``{del}`` mark with nothing in it."""

    UNCLOSED_MARK = "unclosed_mark"
    """A ``:::{ins}`` / ``:::{del}`` fence never closed."""

    # -- content is data (engine/content.py) ---------------------------------------------------------

    REFUSED_MARKUP = "refused_markup"
    """Markup that content may not use: a directive or role outside the content vocabulary, ``{eval-rst}``,
    a reStructuredText source, or configuration (``myst:``, ``html_meta``, ``substitutions``) in front matter."""

    UNSAFE_LINK = "unsafe_link"
    """A link whose scheme is not http, https, mailto or tel, or a file (image, download) that is outside the
    source folder, missing, or of a type a browser would run (HTML, SVG, JavaScript)."""

    BAD_SUBSTITUTION = "bad_substitution"
    """``{{ ... }}`` that is not the plain name of a value in the configuration (``{{ council_name }}``)."""

    TOO_DEEP = "too_deep"
    """Directives nested deeper than the limit (a mistake in the fences, never a real document)."""

    UNCLOSED_ROLE = "unclosed_role"
    """A role whose text is not in backticks (a backtick missing), so ``{clause}`` would show as text."""

    RESERVED_ID = "reserved_id"
    """A label or heading whose id is one the page's own elements use (``con-previews``, ``searchbox``, ``svg-menu``
    …: ``engine/content.py``'s ``OWN_IDS``), which a script or a screen reader would then find instead of them."""

    # -- directives that would swallow content, and pages that cannot be read ----------------------------

    EMPTY_CLAUSE = "empty_clause"
    """A clause with neither words of its own nor a heading (nothing, or only sub-items): it would be
    published as a bare number."""

    NOT_UTF8 = "not_utf8"
    """A page that is not UTF-8 text (saved in another encoding); its unreadable bytes are shown as U+FFFD."""

    BAD_DESCRIPTION = "bad_description"
    """A page's front matter gives a ``description`` that is not text (empty, a number, a list): a page's description
    is a sentence of plain text."""

    BAD_REGISTRY = "bad_registry"
    """A mistake in the codes register (a data file, so content): not TOML, not ``[[code]]`` tables, a field
    missing, unknown, empty or not text, an unknown kind, an id listed twice, a ``url`` that is not http(s)."""


class NoOptions(dict):
    """The ``option_spec`` of a directive that takes no options.

    MyST reads a directive's option block only if its ``option_spec`` is true, so with ``{}`` or ``None``
    a mistaken ``:bogus: 1`` would silently become the first line of the directive's text. This spec is
    empty but true: MyST reads the block and reports each option as unknown, with the file and line.
    """

    def __bool__(self) -> bool:
        return True


class ConstitutionDomain(Domain):
    """A domain of this package. Its objects are found by its own roles only: Sphinx's ``:any:`` role, which asks
    every domain, finds nothing here (Sphinx's Domain leaves ``resolve_any_xref`` unimplemented)."""

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """What Sphinx writes into ``objects.inv`` (and what other projects' intersphinx links read): each object
        on one line, ``name domain:type priority uri display-name``. Every name and display name passes here, its
        whitespace folded to single spaces: a line break in a register entry's title or a principle's name would
        otherwise write a line of its own, an object another project's links would go to."""
        for name, shown, objtype, docname, anchor, priority in self.objects():
            yield " ".join(name.split()), " ".join(shown.split()), objtype, docname, anchor, priority

    def objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """This domain's objects, as :meth:`get_objects` gives them, before their names are folded onto one line."""
        return iter(())


DomainT = TypeVar("DomainT", bound=Domain)
K = TypeVar("K")
T = TypeVar("T")
#: Where a warning points: a node, ``(docname, line)``, or a ``"path:line"`` string.
Location = nodes.Node | tuple[str | None, int | None] | str | None


def domain(env: BuildEnvironment, kind: type[DomainT]) -> DomainT:
    """The build's instance of the domain class *kind*, typed as that class (``env.domains`` says only Domain)."""
    found = env.domains[kind.name]
    if not isinstance(found, kind):
        raise ExtensionError(f"the {kind.name!r} domain is {type(found).__name__}, not {kind.__name__}")
    return found


def page_title(env: BuildEnvironment, docname: str) -> str:
    """The title of page *docname* as text, or its docname if it has none."""
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def warn(problem: Problem, message: str, location: Location) -> None:
    """Log *message* as a warning of *problem*'s subtype at *location*.

    *location* is anything Sphinx's logger takes: a node, ``(docname, line)``, or a ``"path:line"`` string.
    """
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=problem.value)


def xref(
    role: SphinxRole, domain: str, reftype: str, title_of: Callable[[str], str]
) -> tuple[addnodes.pending_xref, str]:
    """Make the ``pending_xref`` for a role whose text is ``target`` or ``title <target>``.

    Without an explicit title the link text is ``title_of(target)``. Returns the node (already holding
    its link text) and the target; the caller's domain resolves the node once every document is read.
    """
    has_title, title, target = split_explicit_title(role.text)
    target = target.strip()
    if not has_title:
        title = title_of(target)
    ref = addnodes.pending_xref(
        role.rawtext,
        refdomain=domain,
        reftype=reftype,
        reftarget=target,
        refexplicit=has_title,
        refdoc=role.env.docname,
    )
    role.set_source_info(ref)
    ref += nodes.inline(role.rawtext, title, classes=["xref", f"{domain}-{reftype}"])
    return ref, target


def in_folder(docname: str, folder: str) -> bool:
    """Whether *docname* is *folder* itself or a page anywhere below it (``folder`` may end in ``/``)."""
    folder = folder.strip("/")
    return docname == folder or docname.startswith(folder + "/")


def ancestors(node: nodes.Node) -> list[nodes.Element]:
    """The elements that hold *node*, innermost first, up to the document."""
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every page a reader reaches through the toctrees, in the order they meet them."""
    seen: dict[str, None] = {}

    def visit(docname: str) -> None:
        if docname not in seen:
            seen[docname] = None
            for child in env.toctree_includes.get(docname, []):
                visit(child)

    visit(env.config.root_doc)
    return list(seen)


def pass_through(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """A visitor (and departure) that writes nothing for the node itself, only its children."""


#: The visitors of a node that a builder writes as its children alone (text, LaTeX, man, Texinfo).
PASS_THROUGH = (pass_through, pass_through)


def skip_node(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """A visitor that leaves the node out, children and all."""
    raise nodes.SkipNode


#: The visitors of a node that only the website shows: the other builders leave it out.
LEFT_OUT = (skip_node, None)

#: The builders that write the website: not singlehtml, and not the PDF builder, which writes HTML too.
WEBSITE_BUILDERS = ("html", "dirhtml")


def add_html_node(
    app: Sphinx, node: type[nodes.Element], html: tuple[Any, Any], elsewhere: tuple[Any, Any] = PASS_THROUGH
) -> None:
    """Register *node*, written by *html*'s visitors, and by *elsewhere*'s in text, LaTeX, man and Texinfo."""
    app.add_node(node, html=html, text=elsewhere, latex=elsewhere, man=elsewhere, texinfo=elsewhere)


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    """Close the ``<div>`` that a node's HTML visitor opened."""
    self.body.append("</div>\n")


# -- pages that show what a read changed elsewhere ----------------------------------------------------------------


def snapshot_around_read(
    app: Sphinx, take: Callable[[BuildEnvironment], T], pages: Callable[[BuildEnvironment, T, T], Iterable[str]]
) -> None:
    """Write again the pages that show something a read changed on other pages: snapshot before reading, compare after.

    ``take(env)`` runs as Sphinx starts reading (``env-get-outdated``, before it forgets the pages it reads again
    and those removed) and again once every page is read (``env-updated``); ``pages(env, before, after)`` then
    names the pages to write again.

    The snapshot is kept here, for one build of one application, and dropped once compared: not in the environment,
    so it is never pickled with it, nor sent back from ``-j`` readers (the main process takes and compares it
    before and after they run), and each build of an application that builds many times (the editors' preview)
    takes its own. Connect this where the ``env-get-outdated`` handler would be connected: it runs in that order.
    """
    held: dict[str, T] = {}

    def before(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]) -> list[str]:
        held["before read"] = take(env)
        return []

    def after(app: Sphinx, env: BuildEnvironment) -> list[str]:
        if "before read" not in held:
            return []
        return sorted(pages(env, held.pop("before read"), take(env)))

    app.connect("env-get-outdated", before)
    app.connect("env-updated", after)


def changed_keys(before: Mapping[K, Any], after: Mapping[K, Any]) -> set[K]:
    """The keys whose values differ between two mappings, counting a key that only one of them has."""
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def stylesheet(name: str) -> Callable[[Sphinx], None]:
    """A ``builder-inited`` handler that adds ``static/<name>`` to HTML builds only."""
    return _static_file(lambda app: app.add_css_file(name))


def script(name: str) -> Callable[[Sphinx], None]:
    """A ``builder-inited`` handler that adds ``static/<name>`` (deferred JavaScript) to HTML builds only."""
    return _static_file(lambda app: app.add_js_file(name, loading_method="defer"))


def add_static_folder(app: Sphinx) -> None:
    """Have the HTML build copy the package's ``static/`` with the site (once, however many extensions ask)."""
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]  # a new list, as in add_templates


def add_templates(app: Sphinx, config: Config) -> None:
    """A ``config-inited`` handler: let Sphinx find the package's templates (the search page, edition forwarding
    pages, the repairs to the theme's page), once however many extensions ask. A project's own come first."""
    if str(TEMPLATES) not in config.templates_path:
        # A new list, not appended to: Sphinx's default is one list, shared by every application in the process.
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
        app.connect("html-page-context", static_uri)


def static_uri(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """An ``html-page-context`` handler: the package's templates write ``constitution_static("search.js")``, the
    address of ``_static/search.js`` from the page with ``?v=`` and the file's checksum, as Sphinx writes the files
    added with ``add_js_file()``. A changed file gets a new address, so a host may let browsers keep ``_static/``
    for long (README, "Publishing to the web")."""
    pathto = context["pathto"]

    def uri(name: str) -> str:
        return f"{pathto(f'_static/{name}', resource=True)}?v={zlib.crc32((STATIC / name).read_bytes()):08x}"

    context["constitution_static"] = uri


def only_on_pages_with(kind: type[nodes.Node], names: Set[str]) -> Callable[..., None]:
    """An ``html-page-context`` handler (connect it late, at 900: after every file is added) that leaves the static
    files *names* out of each page whose doctree has no node of *kind*: a page with nothing for them loads neither."""

    def drop(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        if doctree is not None and next(iter(doctree.findall(kind)), None) is not None:
            return
        for key in ("css_files", "script_files"):
            if key in context:
                context[key] = [f for f in context[key] if _file_name(f) not in names]

    return drop


def _file_name(asset: object) -> str:
    """The file name of a page's stylesheet or script (Sphinx's ``_CascadingStyleSheet`` or ``_JavaScript``)."""
    return str(getattr(asset, "filename", asset)).rpartition("/")[2]


def _static_file(add_file: Callable[[Sphinx], object]) -> Callable[[Sphinx], None]:
    def add(app: Sphinx) -> None:
        if app.builder.format == "html":
            add_static_folder(app)
            add_file(app)

    return add
