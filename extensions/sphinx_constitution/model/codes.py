"""The codes, policies and Acts that a protocol cites, kept in one data file and cited by id.

``constitution_codes_registry`` (in ``conf.py``) names a TOML file of ``[[code]]`` tables::

    [[code]]
    id = "lga-1972"
    title = "Local Government Act 1972"
    kind = "act"
    legislation = "1972 c. 70"
    url = "https://www.legislation.gov.uk/ukpga/1972/70"

``{code-ref}`lga-1972``` cites one (the link text is its title, or ``{code-ref}`the 1972 Act <lga-1972>```).
``:::{codes-index}`` sets out the whole register, each entry with the clauses that cite it.
The registry is read when the configuration is read, and kept in the codes domain with the text it was read
from: a build whose register differs from the one the pages were read with reads every page again. An application
that builds again without reading its configuration again (the editors' preview, which keeps Sphinx in memory)
reads the file again before each build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.domains import ObjType
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import make_refnode

from .. import __version__
from ..config import scope_of, settings
from ..engine.citations import CitationsDomain
from ..engine.datafiles import (
    ID_FORM,
    DataMistake,
    EntrySource,
    describe,
    disguised,
    is_web_address,
    read_data_file,
    table_entries,
    unfit_text,
)
from ..engine.domains import ConstitutionDomain, domain
from ..engine.found import on_resolved
from ..engine.markup import NoOptions, xref
from ..engine.pages import page_title, reading_positions
from ..engine.snapshots import snapshot_around_read
from ..problems import Problem, warn
from .clauses.identity import Clause, ClauseWords

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

KINDS = {
    "code": _("Code"),
    "protocol": _("Protocol"),
    "policy": _("Policy"),
    "procedure": _("Procedure"),
    "document": _("Council document"),
    "act": _("Act of Parliament"),
    "regulations": _("Regulations"),
    "guidance": _("Guidance"),
}
FIELDS = {"id", "title", "kind", "owner", "legislation", "url"}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.config")
    app.setup_extension("sphinx_constitution.engine.citations")  # who cites each code
    registry = Registry()
    app.connect("config-inited", registry.load)
    app.connect("env-get-outdated", registry.update)
    app.add_domain(CodesDomain)
    app.add_role("code-ref", CodeRole())
    app.add_directive("codes-index", CodesIndexDirective)
    app.add_node(code_citations)
    snapshot_around_read(app, lambda env: domain(env, CodesDomain).listing(), CodesDomain.indexes_to_rewrite)
    # Pages that warned are read again in the next build (stale citations reported, as in a clean build).
    on_resolved(app, code_citations, fill_citations)
    return {"version": __version__, "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}


# -- the registry file -------------------------------------------------------------------------------


class Registry:
    """Reads the register when the configuration is read, and again before a build if the file was edited since;
    puts it in the codes domain, where the pages' citations are checked against it.

    The register is content, not configuration: a mistake in it is a warning at its file and line (which fails
    the build, as any authoring mistake does), never Sphinx's crash report. Entries with a mistake are left out;
    if the file cannot be read as a register at all, no citation is checked against it (``readable``), so the
    editor sees the one mistake rather than a warning for every citation.
    """

    def __init__(self) -> None:
        self.text: str | None = None  # as last read
        self.entries: dict[str, dict[str, Any]] = {}
        self.readable = True

    def load(self, app: Sphinx, config: Config) -> None:
        if name := settings(config).codes_registry:
            path = Path(app.confdir, name)
            self.text = _read(path)
            try:
                self.entries, mistakes = parse_registry(self.text, path)
                self.readable = True
            except RegistryMistake as unreadable:
                self.entries, mistakes = {}, [unreadable]
                self.readable = False
            for mistake in mistakes:
                warn(Problem.BAD_REGISTRY, mistake.message, mistake.where)

    def update(
        self, app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
    ) -> list[str]:
        """Every page, if the pages were read with another register than this build's; else none."""
        if self.text is not None and _read(Path(app.confdir, settings(app.config).codes_registry)) != self.text:
            self.load(app, app.config)
        codes = domain(env, CodesDomain)
        if codes.data["register"] == self.text:
            return []
        codes.data.update(register=self.text, entries=self.entries, readable=self.readable)
        return sorted(env.found_docs)


#: A mistake in the register (its file and line, and what to do), as :mod:`~sphinx_constitution.engine.datafiles`
#: reports it for every data file.
RegistryMistake = DataMistake


def _read(path: Path) -> str:
    return read_data_file(path, "constitution_codes_registry")


def parse_registry(text: str, path: Path) -> tuple[dict[str, dict[str, Any]], list[RegistryMistake]]:
    """The register's entries, and the mistakes of the entries left out.

    Raises :class:`RegistryMistake` if the file is not a register at all (not TOML, no ``[[code]]`` tables).
    """
    listed, sources = table_entries(text, path, "code", "registry")
    if not listed:
        raise RegistryMistake(f"{path}:1", "the registry lists no [[code]] entries")
    entries: dict[str, dict[str, Any]] = {}
    mistakes: list[RegistryMistake] = []
    for position, (entry, source) in enumerate(zip(listed, sources, strict=True), 1):
        try:
            _check_entry(entry, source, position)
            if entry["id"] in entries:
                raise RegistryMistake(source.where("id"), f"code id {entry['id']!r} is listed twice")
        except RegistryMistake as mistake:
            mistakes.append(mistake)
            continue
        entries[entry["id"]] = {**entry, "location": source.where("id")}
    return entries, mistakes


def _check_entry(entry: dict[str, Any], source: EntrySource, position: int) -> None:
    code_id = entry.get("id")
    name = f"code {code_id!r}" if isinstance(code_id, str) and code_id.strip() else f"code entry {position}"
    missing = {"id", "title", "kind"} - entry.keys()
    if missing:
        raise RegistryMistake(source.where("id"), f"code entry {position} lacks {', '.join(sorted(missing))}")
    if unknown := sorted(entry.keys() - FIELDS):
        raise RegistryMistake(source.where(unknown[0]), f"{name} has unknown fields {unknown}; known: {sorted(FIELDS)}")
    for field in sorted(entry, key=lambda field: (field != "id", field)):
        value = entry[field]
        if not isinstance(value, str):
            message = f'{name}: {field} must be text in quotes ({field} = "..."), not {describe(value)}'
            raise RegistryMistake(source.where(field), message)
        if not value.strip():
            leave = "" if field in {"id", "title", "kind"} else ": write it, or leave the field out"
            raise RegistryMistake(source.where(field), f"{name} has an empty {field}{leave}")
        if unfit := unfit_text(value, one_word=field in {"id", "url"}):
            raise RegistryMistake(source.where(field), f"{name}: {field} {unfit}")
    if not ID_FORM.fullmatch(entry["id"]):
        message = f"{name}: id must be lower-case letters, digits and single hyphens (lga-1972)"
        raise RegistryMistake(source.where("id"), message)
    if entry["kind"] not in KINDS:
        message = f"{name} has kind {entry['kind']!r}; use one of {', '.join(KINDS)}"
        raise RegistryMistake(source.where("kind"), message)
    if "url" in entry and not is_web_address(entry["url"]):
        message = (
            f"{name} has url {entry['url']!r}{disguised(entry['url'])}: give the http or https address where it is "
            "published (https://...), or leave url out"
        )
        raise RegistryMistake(source.where("url"), message)


def anchor(code_id: str) -> str:
    return f"code-{code_id}"


# -- domain -------------------------------------------------------------------------------------------


class Citation(NamedTuple):
    """A place that cites a code, as the register lists it: a clause, or else the page (the register links no finer)."""

    docname: str
    anchor: str  # the citing clause's id, or "" for a citation outside any clause
    clause: str  # the citing clause's key (its number, in the current text), or ""
    lineno: int


Listing = dict[str, tuple[tuple[str, str, str], ...]]  # code id -> (docname, anchor, clause or page title) citing it


class CodesDomain(ConstitutionDomain):
    """Which pages hold the register, and the register itself (``entries``, and ``register``, the text they were read
    from). Who cites what is the citation index's (engine/citations.py): :meth:`citing` reads it."""

    name = "codes"
    label = "Codes, policies and Acts"
    object_types = {"code": ObjType(_("code"), "code")}
    initial_data: ClassVar[dict[str, Any]] = {
        "indexes": {},
        "entries": {},
        "register": None,
        "readable": True,
    }
    data_version = 4

    def citing(self) -> dict[str, list[Citation]]:
        """code id -> the places citing it, each once, in reading order: a clause, or the page for any other place."""
        config, order = self.env.config, reading_positions(self.env)
        found: dict[str, list[Citation]] = {}
        for code_id, pages in domain(self.env, CitationsDomain).places(self.name).items():
            unique: dict[tuple[str, str], Citation] = {}
            for docname, places in pages.items():
                for place in places:
                    if place.kind == "clause":
                        key = Clause.on_page(config, docname, place.label).key
                        there = Citation(docname, place.anchor, key, place.lineno)
                    else:
                        there = Citation(docname, "", "", place.lineno)
                    unique.setdefault((there.docname, there.anchor), there)
            found[code_id] = sorted(
                unique.values(), key=lambda c: (order.get(c.docname, len(order)), c.docname, c.lineno)
            )
        return found

    @property
    def entries(self) -> dict[str, dict[str, Any]]:
        """The register's entries that have no mistake: code id -> its fields, and ``location`` (``path:line``)."""
        return self.data["entries"]

    @property
    def readable(self) -> bool:
        """Whether the register could be read as one at all (if not, its mistake is the one warning)."""
        return self.data["readable"]

    @property
    def indexes(self) -> dict[str, int]:
        """Pages with a ``codes-index``: docname -> line."""
        return self.data["indexes"]

    def clear_doc(self, docname: str) -> None:
        self.indexes.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.indexes.update((doc, line) for doc, line in otherdata["indexes"].items() if doc in docnames)

    # The register lists who cites what. The list is filled in when the page is written, so when a page's
    # citations change the register is written again (not read again: one edited clause, one page read).

    def listing(self) -> Listing:
        """What the register shows for each code: the citing pages and clauses, in the order printed."""
        return {
            code_id: tuple((c.docname, c.anchor, c.clause or page_title(self.env, c.docname)) for c in cited)
            for code_id, cited in self.citing().items()
        }

    @staticmethod
    def indexes_to_rewrite(env: BuildEnvironment, before: Listing, after: Listing) -> list[str]:
        return sorted(domain(env, CodesDomain).indexes) if before != after else []

    def check_consistency(self) -> None:
        cited = domain(self.env, CitationsDomain).places(self.name)
        first, *others = sorted(self.indexes) or [""]
        for docname in others:  # the first in name order is the one references go to (resolve_xref)
            warn(
                Problem.CODES_INDEX_TWICE,
                f"the register is set out already on {first!r}: set it out on one page",
                (docname, self.indexes[docname]),
            )
        for code_id, entry in self.entries.items():
            if not cited.get(code_id):
                warn(
                    Problem.UNCITED_CODE, f"code {code_id!r} is in the registry but nothing cites it", entry["location"]
                )

    def objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for docname in sorted(self.indexes)[:1]:
            for code_id, entry in self.entries.items():
                yield code_id, entry["title"], "code", docname, anchor(code_id), 1

    # An unknown target (already reported) gives its text unlinked: Sphinx puts in whatever node is returned.
    def resolve_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: Any,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        entry = self.entries.get(target)
        if entry is None:
            return contnode  # the role has already warned
        if self.indexes:
            todocname = sorted(self.indexes)[0]
            return make_refnode(builder, fromdocname, todocname, anchor(target), contnode, entry["title"])
        if entry.get("url"):
            return nodes.reference("", "", contnode, refuri=entry["url"], internal=False)
        return contnode


# -- role ---------------------------------------------------------------------------------------------


class CodeRole(SphinxRole):
    """``{code-ref}`members-code``` cites a registry entry and records the clause it was cited from."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        codes = domain(self.env, CodesDomain)
        entries = codes.entries
        ref, target = xref(self, "codes", "code", lambda t: entries[t]["title"] if t in entries else t)
        if target not in entries and not codes.readable:
            return [nodes.inline(self.rawtext, ref.astext())], []  # the register's own mistake is the one to fix
        if target not in entries:
            known = ", ".join(entries) or "none: set constitution_codes_registry in conf.py"
            warn(
                Problem.UNKNOWN_CODE, f"no code with id {target!r} in the registry (ids: {known})", self.get_location()
            )
            return [nodes.inline(self.rawtext, ref.astext())], []
        return [ref], []  # the citation index notes where it is cited


# -- the register page --------------------------------------------------------------------------------


class code_citations(nodes.General, nodes.Element):
    """Placeholder for "Cited in …", filled once every page has been read."""


class CodesIndexDirective(SphinxDirective):
    """Set out every registry entry as a section: what it is, where it is published, who cites it."""

    option_spec = NoOptions()

    def run(self) -> list[nodes.Node]:
        codes = domain(self.env, CodesDomain)
        if self.env.docname in codes.indexes:
            first = codes.indexes[self.env.docname]
            warn(Problem.CODES_INDEX_TWICE, f"the register is set out already on line {first}", self.get_location())
            return []
        codes.indexes[self.env.docname] = self.lineno
        sections: list[nodes.Node] = []
        for code_id, entry in codes.entries.items():
            section = nodes.section("", ids=[anchor(code_id)], classes=["con-code"])
            section += nodes.title("", entry["title"])
            facts = nodes.field_list(classes=["con-code-facts"])
            facts += self._field(_("Kind"), nodes.Text(str(KINDS[entry["kind"]])))
            if entry.get("legislation"):
                facts += self._field(_("Legislation"), nodes.Text(entry["legislation"]))
            if entry.get("owner"):
                facts += self._field(_("Owner"), nodes.Text(entry["owner"]))
            if entry.get("url"):
                facts += self._field(_("Published at"), nodes.reference("", entry["url"], refuri=entry["url"]))
            facts += self._field(_("Cited in"), code_citations("", code=code_id))
            section += facts
            self.set_source_info(section[0])
            sections.append(section)
        return sections

    def _field(self, name: str, body: nodes.Node) -> nodes.field:
        """A fact of an entry. Its name, and its entry's title, are given the directive's place in the page: Sphinx
        gives a title or field name without one its parent's, logging each at debug level with the node written out
        as XML, whether or not debug messages are shown (about a tenth of a millisecond each, 81 on the register)."""
        shown_name = nodes.field_name("", str(name))
        self.set_source_info(shown_name)
        return nodes.field("", shown_name, nodes.field_body("", nodes.paragraph("", "", body)))


def fill_citations(app: Sphinx, doctree: nodes.document, fromdocname: str, placeholders: list[code_citations]) -> None:
    """Each "Cited in" of the register (*placeholders*: the page's, from the walk its handlers share,
    ``engine/found.py``; only this handler replaces them)."""
    if not placeholders:
        return  # every page is written through here: the reading order is worked out for the register only
    citing = domain(app.env, CodesDomain).citing()
    for placeholder in placeholders:
        # the current text's citations: an older edition's clause numbers would read as the current ones
        cited = [c for c in citing.get(placeholder["code"], []) if not scope_of(app.config, c.docname)]
        words = ClauseWords.of(app.config)
        links: list[nodes.Node] = []
        for citation in cited:
            if links:
                links.append(nodes.Text(", "))
            text = words.filed_as(citation.clause).name if citation.clause else page_title(app.env, citation.docname)
            links.append(
                make_refnode(app.builder, fromdocname, citation.docname, citation.anchor, nodes.inline("", text))
            )
        placeholder.replace_self(links or [nodes.Text(str(_("nothing yet")))])
