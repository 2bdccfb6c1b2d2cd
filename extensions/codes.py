"""The codes, policies and Acts that a protocol cites, kept in one data file and cited by id.

``codes_registry`` (in ``conf.py``) names a TOML file of ``[[code]]`` tables::

    [[code]]
    id = "lga-1972"
    title = "Local Government Act 1972"
    kind = "act"
    legislation = "1972 c. 70"
    url = "https://www.legislation.gov.uk/ukpga/1972/70"

``{code-ref}`lga-1972``` cites one (the link text is its title, or ``{code-ref}`the 1972 Act <lga-1972>```).
``:::{codes-index}`` sets out the whole register, each entry with the clauses that cite it.
The registry is read when the configuration is read, and becomes a configuration value, so editing it makes
Sphinx re-read every page that might cite it. An application that builds again without reading its
configuration again (the editors' preview, which keeps Sphinx in memory) reads the file again before each
build, and when it has changed re-reads every page, as a configuration change would.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.errors import ConfigError
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import make_refnode

from .clauses import current_clause, scope_of
from .common import Problem, reading_order, warn, xref

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
    app.add_config_value("codes_registry", "", "env", types=frozenset({str}))
    # Filled from codes_registry when the configuration is read; not meant to be set by hand.
    app.add_config_value("codes_entries", {}, "env", types=frozenset({dict}))
    registry = Registry()
    app.connect("config-inited", registry.load)
    app.connect("env-get-outdated", registry.reload_if_edited)
    app.add_domain(CodesDomain)
    app.add_role("code-ref", CodeRole())
    app.add_directive("codes-index", CodesIndexDirective)
    app.add_node(code_citations)
    app.connect("env-get-outdated", CodesDomain.remember_citations)
    app.connect("env-updated", CodesDomain.indexes_to_rewrite)
    # Pages that warned are read again in the next build (stale citations reported, as in a clean build).
    # Until conf.py lists "extensions.rebuild" itself, the register, which depends on every page, loads it.
    app.connect("doctree-resolved", fill_citations)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}


# -- the registry file -------------------------------------------------------------------------------


class Registry:
    """Reads ``codes_registry`` into ``codes_entries``, and again before a build if the file was edited since."""

    def __init__(self) -> None:
        self.text: str | None = None  # as last read

    def load(self, app: Sphinx, config: Config) -> None:
        if config.codes_registry:
            path = Path(app.confdir, config.codes_registry)
            self.text = _read(path)
            config.codes_entries = parse_registry(self.text, path)

    def reload_if_edited(
        self, app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
    ) -> list[str]:
        if self.text is None or _read(Path(app.confdir, app.config.codes_registry)) == self.text:
            return []
        self.load(app, app.config)
        return sorted(env.found_docs)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"codes_registry {path}: {error}") from error


def parse_registry(text: str, path: Path) -> dict[str, dict[str, Any]]:
    """Check the registry's entries; mistakes stop the build with the file and line to fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"codes_registry {path}: {error}") from error
    lines = {m[1]: text.count("\n", 0, m.start()) + 1 for m in re.finditer(r'(?m)^\s*id\s*=\s*"([^"]*)"', text)}
    entries: dict[str, dict[str, Any]] = {}
    for position, entry in enumerate(data.get("code", []), start=1):
        where = f"{path}:{lines.get(entry.get('id'), 1)}"
        missing = {"id", "title", "kind"} - entry.keys()
        if missing:
            raise ConfigError(f"{where}: code entry {position} lacks {', '.join(sorted(missing))}")
        if unknown := entry.keys() - FIELDS:
            raise ConfigError(
                f"{where}: code {entry['id']!r} has unknown fields {sorted(unknown)}; known: {sorted(FIELDS)}"
            )
        if entry["kind"] not in KINDS:
            raise ConfigError(
                f"{where}: code {entry['id']!r} has kind {entry['kind']!r}; use one of {', '.join(KINDS)}"
            )
        if entry["id"] in entries:
            raise ConfigError(f"{where}: code id {entry['id']!r} is listed twice")
        entries[entry["id"]] = {**entry, "location": where}
    if not entries:
        raise ConfigError(f"codes_registry {path} lists no [[code]] entries")
    return entries


def anchor(code_id: str) -> str:
    return f"code-{code_id}"


# -- domain -------------------------------------------------------------------------------------------


class Citation(NamedTuple):
    docname: str
    anchor: str  # the citing clause's id, or "" for a citation outside any clause
    clause: str  # the citing clause's number, or ""
    lineno: int


class CodesDomain(Domain):
    """Who cites what (``citations``: code id -> citations) and which pages hold the register."""

    name = "codes"
    label = "Codes, policies and Acts"
    object_types = {"code": ObjType(_("code"), "code")}
    initial_data: dict[str, Any] = {"citations": {}, "indexes": {}}
    data_version = 1

    @property
    def citations(self) -> dict[str, list[Citation]]:
        return self.data["citations"]

    @property
    def indexes(self) -> dict[str, int]:
        """Pages with a ``codes-index``: docname -> line."""
        return self.data["indexes"]

    def clear_doc(self, docname: str) -> None:
        for code_id, cited in list(self.citations.items()):
            self.citations[code_id] = [c for c in cited if c.docname != docname]
        self.indexes.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for code_id, cited in otherdata["citations"].items():
            self.citations.setdefault(code_id, []).extend(c for c in cited if c.docname in docnames)
        self.indexes.update((doc, line) for doc, line in otherdata["indexes"].items() if doc in docnames)

    # The register lists who cites what. The list is filled in when the page is written, so when a page's
    # citations change the register is written again (not read again: one edited clause, one page read).

    def listing(self) -> dict[str, tuple[tuple[str, str, str], ...]]:
        """What the register shows for each code: the citing pages and clauses, in the order printed."""
        order = {docname: n for n, docname in enumerate(reading_order(self.env))}
        shown = {}
        for code_id, cited in self.citations.items():
            unique = {(c.docname, c.anchor): c for c in cited}.values()
            ordered = sorted(unique, key=lambda c: (order.get(c.docname, len(order)), c.docname, c.lineno))
            shown[code_id] = tuple((c.docname, c.anchor, c.clause or _title(self.env, c.docname)) for c in ordered)
        return {code_id: listed for code_id, listed in shown.items() if listed}

    @staticmethod
    def remember_citations(
        app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
    ) -> list[str]:
        domain = env.domains[CodesDomain.name]
        domain._listed_before = domain.listing()
        return []

    @staticmethod
    def indexes_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
        domain = env.domains[CodesDomain.name]
        if getattr(domain, "_listed_before", None) == domain.listing():
            return []
        return sorted(domain.indexes)

    def check_consistency(self) -> None:
        for code_id, entry in self.env.config.codes_entries.items():
            if not self.citations.get(code_id):
                warn(
                    Problem.UNCITED_CODE, f"code {code_id!r} is in the registry but nothing cites it", entry["location"]
                )

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for docname in sorted(self.indexes)[:1]:
            for code_id, entry in self.env.config.codes_entries.items():
                yield code_id, entry["title"], "code", docname, anchor(code_id), 1

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: Any,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        entry = env.config.codes_entries.get(target)
        if entry is None:
            return contnode  # the role has already warned
        if self.indexes:
            todocname = sorted(self.indexes)[0]
            return make_refnode(builder, fromdocname, todocname, anchor(target), contnode, entry["title"])
        if entry.get("url"):
            return nodes.reference("", "", contnode, refuri=entry["url"], internal=False)
        return contnode

    def resolve_any_xref(self, *args: Any) -> list[tuple[str, nodes.Element]]:
        return []


# -- role ---------------------------------------------------------------------------------------------


class CodeRole(SphinxRole):
    """``{code-ref}`members-code``` cites a registry entry and records the clause it was cited from."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        entries = self.config.codes_entries
        ref, target = xref(self, "codes", "code", lambda t: entries[t]["title"] if t in entries else t)
        if target not in entries:
            known = ", ".join(entries) or "none: set codes_registry in conf.py"
            warn(
                Problem.UNKNOWN_CODE, f"no code with id {target!r} in the registry (ids: {known})", self.get_location()
            )
            return [nodes.inline(self.rawtext, ref.astext())], []
        here = current_clause(self.env)
        number, clause_anchor = (here[0].text, here[1]) if here else ("", "")
        citation = Citation(self.env.docname, clause_anchor, number, self.lineno)
        self.env.domains[CodesDomain.name].citations.setdefault(target, []).append(citation)
        return [ref], []


# -- the register page --------------------------------------------------------------------------------


class code_citations(nodes.General, nodes.Element):
    """Placeholder for "Cited in …", filled once every page has been read."""


class CodesIndexDirective(SphinxDirective):
    """Set out every registry entry as a section: what it is, where it is published, who cites it."""

    def run(self) -> list[nodes.Node]:
        self.env.domains[CodesDomain.name].indexes[self.env.docname] = self.lineno
        sections = []
        for code_id, entry in self.config.codes_entries.items():
            section = nodes.section("", ids=[anchor(code_id)], classes=["con-code"])
            section += nodes.title("", entry["title"])
            facts = nodes.field_list(classes=["con-code-facts"])
            facts += _field(_("Kind"), nodes.Text(str(KINDS[entry["kind"]])))
            if entry.get("legislation"):
                facts += _field(_("Legislation"), nodes.Text(entry["legislation"]))
            if entry.get("owner"):
                facts += _field(_("Owner"), nodes.Text(entry["owner"]))
            if entry.get("url"):
                facts += _field(_("Published at"), nodes.reference("", entry["url"], refuri=entry["url"]))
            facts += _field(_("Cited in"), code_citations("", code=code_id))
            section += facts
            sections.append(section)
        return sections


def _field(name: str, body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name("", str(name)), nodes.field_body("", nodes.paragraph("", "", body)))


def fill_citations(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    placeholders = list(doctree.findall(code_citations))
    if not placeholders:
        return  # every page is written through here: the reading order is worked out for the register only
    domain = app.env.domains[CodesDomain.name]
    order = {docname: n for n, docname in enumerate(reading_order(app.env))}
    for placeholder in placeholders:
        # the current text's citations: an older edition's clause numbers would read as the current ones
        current = [c for c in domain.citations.get(placeholder["code"], []) if not scope_of(app.config, c.docname)]
        cited = sorted(
            {(c.docname, c.anchor): c for c in current}.values(),
            key=lambda c: (order.get(c.docname, len(order)), c.docname, c.lineno),
        )
        links: list[nodes.Node] = []
        for citation in cited:
            if links:
                links.append(nodes.Text(", "))
            if citation.clause:
                text = f"{app.config.clause_reference_prefix} {citation.clause}"
            else:
                text = _title(app.env, citation.docname)
            links.append(
                make_refnode(app.builder, fromdocname, citation.docname, citation.anchor, nodes.inline("", text))
            )
        placeholder.replace_self(links or [nodes.Text(str(_("nothing yet")))])


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname
