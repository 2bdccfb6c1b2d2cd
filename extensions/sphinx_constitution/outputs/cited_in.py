"""Where each clause is cited from, shown on the clause: "Paragraph 6.7 is cited in 3 places", a disclosure that opens
on the places, each a link to the exact spot::

    6 Members' access to information: paragraph 6.9
    Members' notes: The rules that matter most
    Glossary: Need to Know

A place is the innermost thing with an address that holds the citation: the citing clause (``#clause-6-9``), the
glossary term whose definition cites it (``#term-Need-to-Know``), the section, or the page itself; places are grouped
by page, in reading order. Every clause cited by a ``{clause}`` reference counts, the clauses a range passes over
(``8 to 11``) included, as the clause domain counts them.

The places are those of the index of who cites what (``engine.citations``), noted once as each page is read, when
the tree around a reference is known (a role runs before its node has a parent); when a read changes the places of a
clause (a citation added or removed, a citing clause renumbered, a page retitled), the clause's page is written again
(``engine.snapshots.snapshot_around_read``).

The website shows it (a ``<details>``, which works without JavaScript and which screen readers announce as a button
that expands); the PDFs leave it out: a printed protocol is the text as adopted, and its readers follow its own
cross-references, while most of the places that cite a clause (the notes, the comparison) are not in that PDF, so
their links would go to the website or nowhere, for a line under most clauses.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import _
from sphinx.util.nodes import make_refnode

from .. import __version__
from ..engine.builders import is_website
from ..engine.citations import CitationsDomain, Place
from ..engine.domains import domain
from ..engine.found import on_resolved
from ..engine.nodes import LEFT_OUT, add_html_node
from ..engine.pages import page_title, reading_positions
from ..engine.snapshots import changed_keys, snapshot_around_read
from ..model.clauses.domain import ClauseDomain
from ..model.clauses.identity import Clause, ClauseWords
from ..model.clauses.nodes import clause, clause_body
from ..theme.assets import only_on_pages_with, stylesheet

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

ASSETS = frozenset({"cited_in.css"})


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.model.clauses")
    on_resolved(app, clause, add_cited_in)
    add_html_node(app, cited_in, (visit_cited_in_html, depart_cited_in_html), LEFT_OUT)
    snapshot_around_read(app, listing, pages_of_changed)
    app.connect("builder-inited", stylesheet("cited_in.css"))
    only_on_pages_with(app, cited_in, ASSETS)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}


def places(env: BuildEnvironment, key: str, order: dict[str, int]) -> list[Place]:
    """The places citing the clause filed under *key*, by page in reading order, then as they come on the page."""
    pages = domain(env, CitationsDomain).places("clause").get(key, {})
    ordered = sorted(pages, key=lambda doc: (order.get(doc, len(order)), doc))
    return [place for doc in ordered for place in sorted(pages[doc], key=lambda p: p.lineno)]


# -- what each clause shows, and the pages to write again when that changes --------------------------------


def listing(env: BuildEnvironment) -> dict[str, tuple[tuple[str, ...], ...]]:
    """What every cited clause shows: each place with its page's title."""
    order = reading_positions(env)
    return {
        key: tuple((p.docname, page_title(env, p.docname), p.anchor, p.kind, p.label) for p in found)
        for key in domain(env, CitationsDomain).places("clause")
        if (found := places(env, key, order))
    }


def pages_of_changed(env: BuildEnvironment, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    clauses = domain(env, ClauseDomain).clauses
    return sorted({clauses[key].docname for key in changed_keys(before, after) if key in clauses})


# -- the node ---------------------------------------------------------------------------------------------


class cited_in(nodes.General, nodes.Element):
    """Where a clause is cited: ``summary`` says how many places, its children list them."""


def visit_cited_in_html(self: Any, node: cited_in) -> None:
    self.body.append(self.starttag(node, "details", "", CLASS="con-disclosure con-cited-in"))
    self.body.append(f'<summary class="con-cited-in-summary">{self.encode(node["summary"])}</summary>\n')


def depart_cited_in_html(self: Any, node: cited_in) -> None:
    self.body.append("</details>\n")


def add_cited_in(app: Sphinx, doctree: nodes.document, docname: str, clauses: list[clause]) -> None:
    """``doctree-resolved``, on the website: each cited clause's list of places, at the end of its text (*clauses*:
    the page's, from the walk its handlers share, ``engine/found.py``)."""
    if not is_website(app.builder):  # not the PDFs (see above)
        return
    cited = domain(app.env, CitationsDomain).places("clause")
    order: dict[str, int] | None = None
    for node in clauses:
        if not node["ids"] or node["key"] not in cited:
            continue
        order = order if order is not None else reading_positions(app.env)
        found = places(app.env, node["key"], order)
        body = next((child for child in node.children if isinstance(child, clause_body)), None)
        if found and body is not None:
            body += _listed(app, docname, Clause.filed_as(app.config, node["key"]), found)


def _listed(app: Sphinx, fromdocname: str, cited: Clause, places: list[Place]) -> cited_in:
    count = _("1 place") if len(places) == 1 else _("%d places") % len(places)
    summary = _("%(clause)s is cited in %(count)s") % {"clause": cited.title_name, "count": count}
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
            item += make_refnode(
                app.builder, fromdocname, docname, place.anchor, nodes.Text(_label(cited.words, place))
            )
        pages += nodes.list_item("", item)
    return cited_in("", pages, summary=summary)


def _label(words: ClauseWords, place: Place) -> str:
    """What a place is called: a clause by its name in the council's words, a term or section as the page shows it."""
    if place.kind == "clause":
        return words.name(place.label)
    return place.label
