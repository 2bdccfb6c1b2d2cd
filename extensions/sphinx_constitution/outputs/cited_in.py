"""Where each clause is cited from, shown on the clause: "Paragraph 6.7 is cited in 3 places", a disclosure that opens
on the places, each a link to the exact spot::

    6 Members' access to information: paragraph 6.9
    Members' notes: The rules that matter most
    Glossary: Need to Know

A place is the innermost thing with an address that holds the citation: the citing clause (``#clause-6-9``), the
glossary term whose definition cites it (``#term-Need-to-Know``), the section, or the page itself; places are grouped
by page, in reading order. Every clause cited by a ``{clause}`` reference counts, the clauses a range passes over
(``8 to 11``) included, as the clause domain counts them.

The places are noted when a page is read, from its doctree (``doctree-read``), because only then is the tree around a
reference known (a role runs before its node has a parent), and kept in a domain (:class:`CitedInDomain`), so
incremental and ``-j`` builds are right; when a read changes the places of a clause (a citation added or removed, a
citing clause renumbered, a page retitled), the clause's page is written again
(``engine.snapshots.snapshot_around_read``).

The website shows it (a ``<details>``, which works without JavaScript and which screen readers announce as a button
that expands); the PDFs leave it out: a printed protocol is the text as adopted, and its readers follow its own
cross-references, while most of the places that cite a clause (the notes, the comparison) are not in that PDF, so
their links would go to the website or nowhere, for a line under most clauses.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import _
from sphinx.util.nodes import make_refnode

from .. import __version__
from ..config import scope_of, settings
from ..engine.builders import WEBSITE_BUILDERS
from ..engine.domains import ConstitutionDomain, domain
from ..engine.nodes import LEFT_OUT, add_html_node
from ..engine.pages import page_title, reading_order
from ..engine.snapshots import snapshot_around_read
from ..model.clauses.domain import ClauseDomain
from ..model.clauses.nodes import clause, clause_body
from ..model.clauses.numbers import clause_key
from ..theme.assets import only_on_pages_with, stylesheet

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

ASSETS = frozenset({"cited_in.css"})


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.model.clauses")
    app.add_domain(CitedInDomain)
    app.connect("doctree-read", CitedInDomain.note_places)
    app.connect("doctree-resolved", add_cited_in)
    add_html_node(app, cited_in, (visit_cited_in_html, depart_cited_in_html), LEFT_OUT)
    snapshot_around_read(app, CitedInDomain.listing, CitedInDomain.pages_of_changed)
    app.connect("builder-inited", stylesheet("cited_in.css"))
    app.connect("html-page-context", only_on_pages_with(cited_in, ASSETS), priority=900)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}


class Place(NamedTuple):
    """Where a clause is cited from: the page, the anchor of the innermost thing with one (``""``: the page), what
    that is (``clause``, ``term``, ``section`` or ``page``), its label as the page shows it (a clause's number, a
    term, a section's title) and the line."""

    docname: str
    anchor: str
    kind: str
    label: str
    lineno: int


class CitedInDomain(ConstitutionDomain):
    """The places that cite each clause (``cited``: clause key -> docname -> places on that page)."""

    name = "cited_in"
    label = "Where each clause is cited"
    initial_data: ClassVar[dict[str, Any]] = {"cited": {}, "citing": {}}
    data_version = 1

    @property
    def cited(self) -> dict[str, dict[str, tuple[Place, ...]]]:
        return self.data["cited"]

    @property
    def citing(self) -> dict[str, frozenset[str]]:
        """docname -> the keys of the clauses it cites (an index, so forgetting a page is not a scan)."""
        return self.data["citing"]

    def note(self, docname: str, found: dict[str, list[Place]]) -> None:
        for key, places in found.items():
            self.cited.setdefault(key, {})[docname] = tuple(places)
        self.citing[docname] = frozenset(found)

    def clear_doc(self, docname: str) -> None:
        for key in self.citing.pop(docname, ()):
            pages = self.cited.get(key, {})
            pages.pop(docname, None)
            if not pages:
                self.cited.pop(key, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            keys = otherdata["citing"].get(docname)
            if keys is not None:
                self.note(docname, {key: list(otherdata["cited"][key][docname]) for key in keys})

    @staticmethod
    def note_places(app: Sphinx, doctree: nodes.document) -> None:
        """``doctree-read``: the place of each clause reference of the page."""
        found: dict[str, list[Place]] = {}
        for ref in doctree.findall(addnodes.pending_xref):
            if ref.get("refdomain") != "clause":
                continue
            place = _place(app.env.docname, ref)
            also: list[tuple[str, str, str]] = ref.get("also_cites", [])
            for key in [ref["reftarget"], *(key for key, _within, _last in also)]:
                listed = found.setdefault(key, [])
                if all(p.anchor != place.anchor for p in listed):
                    listed.append(place)
        domain(app.env, CitedInDomain).note(app.env.docname, found)

    # -- what each clause shows, and the pages to write again when that changes --------------------------------

    def places(self, key: str, order: dict[str, int]) -> list[Place]:
        """The places citing the clause filed under *key*, by page in reading order, then as they come on the page."""
        pages = self.cited.get(key, {})
        ordered = sorted(pages, key=lambda doc: (order.get(doc, len(order)), doc))
        return [place for doc in ordered for place in sorted(pages[doc], key=lambda p: p.lineno)]

    @staticmethod
    def listing(env: BuildEnvironment) -> dict[str, tuple[tuple[str, ...], ...]]:
        """What every cited clause shows: each place with its page's title."""
        cited_in = domain(env, CitedInDomain)
        order = {doc: n for n, doc in enumerate(reading_order(env))}
        return {
            key: tuple((p.docname, page_title(env, p.docname), p.anchor, p.kind, p.label) for p in places)
            for key in cited_in.cited
            if (places := cited_in.places(key, order))
        }

    @staticmethod
    def pages_of_changed(env: BuildEnvironment, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
        clauses = domain(env, ClauseDomain).clauses
        changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
        return sorted({clauses[key].docname for key in changed if key in clauses})


def _place(docname: str, ref: nodes.Element) -> Place:
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


# -- the node ---------------------------------------------------------------------------------------------


class cited_in(nodes.General, nodes.Element):
    """Where a clause is cited: ``summary`` says how many places, its children list them."""


def visit_cited_in_html(self: Any, node: cited_in) -> None:
    self.body.append(self.starttag(node, "details", "", CLASS="con-cited-in"))
    self.body.append(f'<summary class="con-cited-in-summary">{self.encode(node["summary"])}</summary>\n')


def depart_cited_in_html(self: Any, node: cited_in) -> None:
    self.body.append("</details>\n")


def add_cited_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, on the website: each cited clause's list of places, at the end of its text."""
    if app.builder.name not in WEBSITE_BUILDERS:  # not the PDFs (see above)
        return
    cited = domain(app.env, CitedInDomain)
    order: dict[str, int] | None = None
    scope = scope_of(app.config, docname)
    for node in list(doctree.findall(clause)):
        key = clause_key(scope, node["number"])
        if not node["ids"] or key not in cited.cited:
            continue
        order = order if order is not None else {doc: n for n, doc in enumerate(reading_order(app.env))}
        places = cited.places(key, order)
        body = next((child for child in node.children if isinstance(child, clause_body)), None)
        if places and body is not None:
            body += _listed(app, docname, node["number"], places)


def _listed(app: Sphinx, fromdocname: str, number: str, places: list[Place]) -> cited_in:
    name = f"{settings(app.config).clause_reference_prefix} {number}"
    count = _("1 place") if len(places) == 1 else _("%d places") % len(places)
    summary = _("%(clause)s is cited in %(count)s") % {"clause": name[:1].upper() + name[1:], "count": count}
    pages = nodes.bullet_list(classes=["con-cited-in-list"])
    for docname, group in groupby(places, key=lambda place: place.docname):
        title = page_title(app.env, docname)
        item = nodes.paragraph()
        here = list(group)
        spots = [place for place in here if place.kind != "page"]
        if len(spots) < len(here):  # cited in the page's own text, outside its sections: the page is a place
            item += make_refnode(app.builder, fromdocname, docname, "", nodes.Text(title))
        else:
            item += nodes.Text(title)
        for n, place in enumerate(spots):
            item += nodes.Text(": " if n == 0 else ", ")
            item += make_refnode(app.builder, fromdocname, docname, place.anchor, nodes.Text(_label(app, place)))
        pages += nodes.list_item("", item)
    return cited_in("", pages, summary=summary)


def _label(app: Sphinx, place: Place) -> str:
    if place.kind == "clause":
        return f"{settings(app.config).clause_reference_prefix} {place.label}"
    return place.label
