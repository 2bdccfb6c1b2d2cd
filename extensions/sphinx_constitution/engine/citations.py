"""Who cites what: one index of every cross-reference of every page, filled once as each page is read.

Each reference (a ``pending_xref``, before Sphinx resolves it) is noted with its target and its place: the innermost
thing with an address that holds it (a clause, a glossary term, a section) or the page itself. Everything that
depends on what a page cites reads this index and walks no page of its own: the clause domain (the pages to write
again when a clause they cite changes), "cited in" under each clause, the previews of a page's links, and the
incremental rebuild's bookkeeping (the pages to write again when any target they cite changes). A new output that
lists who cites a clause (a feed, say) reads it too.

The index is a domain's data, so Sphinx forgets a page's citations when it reads the page again and merges those
that ``-j`` readers found, as for any domain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.util import docname_join

from .. import __version__
from ..model.clauses.nodes import clause  # a place a reference can be in, as a term or a section is
from .domains import ConstitutionDomain, domain
from .found import read_nodes

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_domain(CitationsDomain)
    app.connect("doctree-read", CitationsDomain.note_page)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}


class Place(NamedTuple):
    """Where a reference is: the page, the anchor of the innermost thing with one (``""``: the page), what that is
    (``clause``, ``term``, ``section`` or ``page``), its label as the page shows it (a clause's number, a term, a
    section's title) and the reference's line."""

    docname: str
    anchor: str
    kind: str
    label: str
    lineno: int


class Citation(NamedTuple):
    """One target a page cites, and where: ``domain`` and ``type`` as the reference gives them (``clause``,
    ``clause``; ``std``, ``term``), ``target`` its name as written (a page's: the page's docname).

    A reference that cites several clauses (a range's clauses between its ends, a title's other clauses: its
    ``also_cites``) gives one citation for each.
    """

    domain: str
    type: str
    target: str
    place: Place


def as_named(citation: Citation) -> tuple[str, str]:
    """A citation's target as ``(domain, target)``: ``("clause", "pre-2026:6.7")``."""
    return citation.domain, citation.target


class CitationsDomain(ConstitutionDomain):
    """Every page's citations (``pages``: docname -> its :class:`Citation` values, as they come on the page)."""

    name = "citations"
    label = "Who cites what"
    initial_data: ClassVar[dict[str, Any]] = {"pages": {}}
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # The index turned round (:meth:`places`), worked out when asked and dropped when a page's citations change:
        # kept on the domain object, not in its data, so never pickled with the environment.
        self._by_target: dict[str, dict[str, dict[str, tuple[Place, ...]]]] = {}

    @property
    def pages(self) -> dict[str, tuple[Citation, ...]]:
        return self.data["pages"]

    def clear_doc(self, docname: str) -> None:
        self.pages.pop(docname, None)
        self._by_target.clear()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.pages.update((doc, cited) for doc, cited in otherdata["pages"].items() if doc in docnames)
        self._by_target.clear()

    def places(self, kind: str) -> dict[str, dict[str, tuple[Place, ...]]]:
        """The places that cite each target in the domain *kind*: target -> docname -> its places on that page, one
        for each place (a clause citing 6.7 twice is one place), as they come on the page."""
        if kind not in self._by_target:
            found: dict[str, dict[str, list[Place]]] = {}
            for docname, cited in self.pages.items():
                for citation in cited:
                    if citation.domain != kind:
                        continue
                    listed = found.setdefault(citation.target, {}).setdefault(docname, [])
                    if all(place.anchor != citation.place.anchor for place in listed):
                        listed.append(citation.place)
            self._by_target[kind] = {
                target: {doc: tuple(places) for doc, places in pages.items()} for target, pages in found.items()
            }
        return self._by_target[kind]

    @staticmethod
    def note_page(app: Sphinx, doctree: nodes.document) -> None:
        """``doctree-read``: the page's citations, from its references (found in the read's one walk, ``found.py``)."""
        docname = app.env.docname
        found = []
        for ref in read_nodes(app.env, doctree).of(addnodes.pending_xref):
            where = place_of(docname, ref)
            for kind, typ, target in _targets(docname, ref):
                found.append(Citation(kind, typ, target, where))
        index = domain(app.env, CitationsDomain)
        index.pages[docname] = tuple(found)
        index._by_target.clear()

    def citers(self, targets: Iterable[Hashable], named: Callable[[Citation], Hashable] = as_named) -> list[str]:
        """The pages that cite any of *targets*, each named as ``named(citation)`` names a citation's target
        (by default ``(domain, target)``)."""
        wanted = set(targets)
        return sorted(doc for doc, cited in self.pages.items() if any(named(c) in wanted for c in cited))


def _targets(docname: str, ref: addnodes.pending_xref) -> Iterator[tuple[str, str, str]]:
    """``(domain, type, target)`` of each target *ref* cites: its own, then those of its ``also_cites``."""
    target = str(ref.get("reftarget", ""))
    typ = str(ref.get("reftype", ""))
    if typ == "doc":
        yield "doc", typ, docname_join(ref.get("refdoc", docname), target)
        return
    kind = str(ref.get("refdomain") or "std")
    yield kind, typ, target
    also: list[tuple[str, str, str]] = ref.get("also_cites", [])
    for key, _within, _last in also:
        yield kind, typ, key


def place_of(docname: str, ref: nodes.Element) -> Place:
    """The innermost clause, glossary term or section with an anchor that holds *ref*; or the page itself."""
    node = ref.parent
    while node is not None and not isinstance(node, nodes.document):
        if isinstance(node, clause) and node["ids"]:
            return Place(docname, node["ids"][0], "clause", node["number"], ref.line or 0)
        if isinstance(node, nodes.definition_list_item):
            term = next((t for t in node.children if isinstance(t, nodes.term) and t["ids"]), None)
            if term is not None:
                return Place(docname, term["ids"][0], "term", term.astext(), ref.line or 0)
        if isinstance(node, nodes.section) and node["ids"] and not isinstance(node.parent, nodes.document):
            title = node.next_node(nodes.title)
            return Place(docname, node["ids"][0], "section", title.astext() if title else "", ref.line or 0)
        node = node.parent
    return Place(docname, "", "page", "", ref.line or 0)
