"""What a comparison of two editions asks for, what it compares, and what it found.

``{edition-changes}`` on a page asks for the comparison of two editions, clause by clause::

    :::{edition-changes}
    :from: pre-2026
    :to: 2026
    :exclude: about-this-edition
    :::

The units compared are each edition's clauses and, on its pages without clauses, each section's own text and
each table; :func:`.compare.compare` pairs them by their words. Once every page is read, each comparison is made
again, with the note that each clause it compared shows (:class:`Marker`): a page is written again when what it
shows from them differs. ``rendering.py`` writes both.

Beside the comparisons editors ask for, every pair of editions that readers may want is compared with no page to
write (:func:`published_pairs`: each edition with the one before it, and each older edition with the current one),
each at an address that never changes (``addresses.pair_address``); ``pairs.py`` publishes them. A pair that an
editor's page shows is not compared twice: its address forwards to that page.
"""

from __future__ import annotations

import functools
import uuid
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

from ...config import scope_of, settings
from ...engine.domains import ConstitutionDomain, domain
from ...engine.found import read_nodes
from ...engine.pages import in_folder, reading_positions
from ...engine.snapshots import changed_keys
from ...problems import Problem, warn
from ..clauses.domain import ClauseDomain
from ..clauses.identity import ClauseWords
from ..clauses.nodes import clause
from ..clauses.numbers import ClauseNumber
from ..scopes import unscoped
from .addresses import edition_of, pair_address, start_page
from .compare import Change, Unit, compared

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def setup_comparison(app: Sphinx) -> None:
    app.add_domain(ComparisonDomain)
    app.add_directive("edition-changes", ChangesDirective)
    app.add_node(changes_placeholder)
    app.connect("doctree-read", collect_blocks)
    app.connect("env-before-read-docs", ComparisonDomain.forget_units)
    app.connect("env-updated", ComparisonDomain.pages_to_rewrite)
    app.connect("env-check-consistency", ComparisonDomain.check_editions)


class Request(NamedTuple):
    """What an ``{edition-changes}`` asks for."""

    older: str  # edition ids
    newer: str
    lineno: int
    exclude: tuple[str, ...]  # pages about an edition rather than of it, relative to its folder


class Comparison(NamedTuple):
    """What a comparison page shows, derived after each read: its changes, and where each unit is."""

    older: str  # edition ids
    newer: str
    changes: list[Change]
    places: dict[tuple[str, str, str], tuple[str, str]]  # (edition, kind, label) -> (docname, anchor)


class Marker(NamedTuple):
    """What a clause of either edition says about the comparison, and where its link goes."""

    text: str
    docname: str
    anchor: str
    kind: str


# -- the directive and what is read ----------------------------------------------------------------------------


class changes_placeholder(nodes.General, nodes.Element):
    """Where ``{edition-changes}`` puts the comparison once every page is read."""


class ChangesDirective(SphinxDirective):
    """``{edition-changes}`` with ``:from:`` and ``:to:`` edition ids: the clause-by-clause comparison."""

    option_spec: ClassVar[dict[str, Any]] = {
        "from": directives.unchanged_required,
        "to": directives.unchanged_required,
        "exclude": directives.unchanged,  # pages about an edition rather than of it, e.g. about-this-edition
    }

    def run(self) -> list[nodes.Node]:
        if not {"from", "to"} <= self.options.keys():
            warn(Problem.UNKNOWN_EDITION, "edition-changes needs :from: and :to: edition ids", self.get_location())
            return []
        older, newer = self.options["from"].strip(), self.options["to"].strip()
        exclude = tuple(self.options.get("exclude", "").split())
        domain(self.env, ComparisonDomain).requests[self.env.docname] = Request(older, newer, self.lineno, exclude)
        node = changes_placeholder()
        self.set_source_info(node)
        return [node]


def collect_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """On an edition's pages without clauses, note each section's own text and each table."""
    docname = app.env.docname
    if edition_of(app.config, docname) is None:
        return
    page = read_nodes(app.env, doctree)
    if page.of(clause):
        return
    blocks = []
    for n, node in enumerate(page.of(nodes.section, nodes.table)):
        title = node.next_node(nodes.title)
        if not node["ids"] or title is None:
            continue
        if isinstance(node, nodes.table):
            text = " ".join(row.astext() for row in node.findall(nodes.row))
            blocks.append(Unit("table", title.astext(), docname, node["ids"][0], n, _flat(text)))
            continue
        own = [c for c in node.children if not isinstance(c, (nodes.title, nodes.section))]
        text = " ".join(c.astext() for c in own if next(c.findall(nodes.table), None) is None)
        if text.strip():
            blocks.append(Unit("section", title.astext(), docname, node["ids"][0], n, _flat(text)))
    domain(app.env, ComparisonDomain).blocks[docname] = blocks


def _flat(text: str) -> str:
    return " ".join(text.split())


# -- the domain: what each comparison page asks for, and what it found -----------------------------------------


class ComparisonDomain(ConstitutionDomain):
    """Each comparison page, the sections and tables of editions' pages without clauses, and (derived after
    each read) what each comparison found and the marker each compared clause shows."""

    name = "comparison"
    label = "Comparisons of editions"
    initial_data: ClassVar[dict[str, Any]] = {
        "requests": {},  # comparison docname -> Request
        "blocks": {},  # docname -> [Unit]: an edition's sections and tables that hold no clauses
        "changes": {},  # comparison docname -> Comparison (derived after each read)
        "markers": {},  # docname -> {clause anchor: Marker} (derived after each read)
        "listings": {},  # docname -> line of its {edition-comparisons}
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: Each edition's units, gathered once a build (:func:`edition_units`): not domain data, so never pickled
        #: nor merged; emptied before each build reads its pages (:meth:`forget_units`).
        self.gathered: dict[tuple[str, tuple[str, ...]], tuple[Unit, ...]] = {}

    @property
    def requests(self) -> dict[str, Request]:
        return self.data["requests"]

    @property
    def blocks(self) -> dict[str, list[Unit]]:
        return self.data["blocks"]

    @property
    def changes(self) -> dict[str, Comparison]:
        return self.data["changes"]

    @property
    def markers(self) -> dict[str, dict[str, Marker]]:
        return self.data["markers"]

    @property
    def listings(self) -> dict[str, int]:
        """Pages with an ``{edition-comparisons}``: docname -> line."""
        return self.data["listings"]

    def shown_at(self) -> dict[tuple[str, str], str]:
        """(older, newer) -> the page that shows that comparison: an editor's page, or its address (``pairs.py``)."""
        return shown_at(self.changes)

    def clear_doc(self, docname: str) -> None:
        self.requests.pop(docname, None)
        self.blocks.pop(docname, None)
        self.listings.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("requests", "blocks", "listings"):
            self.data[key].update((doc, value) for doc, value in otherdata[key].items() if doc in docnames)

    @staticmethod
    def forget_units(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """Before a build reads its pages: the units gathered by the build before (the editors' preview builds
        again and again with one environment) are the last build's, not this one's."""
        domain(env, ComparisonDomain).gathered.clear()

    # A comparison and a clause's marker follow every clause of both editions. The derived data of the last
    # build is still in the environment: a page is written again when what it shows from it differs.

    @staticmethod
    def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
        comparisons = domain(env, ComparisonDomain)
        # a mark of this environment, kept with it: a new one (-E, another version) writes every pair's page again
        comparisons.data.setdefault("environment", uuid.uuid4().hex)
        changes, markers = _compare_all(env, comparisons.requests)
        stale = changed_keys(comparisons.changes, changes) | changed_keys(comparisons.markers, markers)
        if shown_at(comparisons.changes) != shown_at(changes):
            # where a pair is shown moved (an editor's page came or went): the listings, and the editions' pages,
            # whose start pages and paragraphs' histories link each comparison, are written again
            folders = settings(env.config).editions.values()
            stale |= comparisons.listings.keys() | {d for d in env.found_docs if any(in_folder(d, f) for f in folders)}
        comparisons.data.update(changes=changes, markers=markers)
        return sorted(stale & env.all_docs.keys())

    @staticmethod
    def check_editions(app: Sphinx, env: BuildEnvironment) -> None:
        editions = settings(env.config).editions
        for docname, request in sorted(domain(env, ComparisonDomain).requests.items()):
            for edition_id in (request.older, request.newer):
                if edition_id not in editions:
                    known = ", ".join(editions) or "none in conf.py"
                    message = f"no edition {edition_id!r} (editions: {known})"
                    warn(Problem.UNKNOWN_EDITION, message, (docname, request.lineno))
        for older, newer in published_pairs(env.config):
            address = pair_address(env.config, older, newer)
            if address in env.found_docs:
                message = (
                    f"this page is at {address!r}, where the comparison of the {older} and {newer} editions is "
                    "published: move it, or show that comparison on another page with {edition-changes}"
                )
                warn(Problem.COMPARISON_ADDRESS, message, (address, 1))


def edition_units(env: BuildEnvironment, edition_id: str, exclude: tuple[str, ...] = ()) -> tuple[Unit, ...]:
    """The units of one edition in reading order: by the toctrees' page order, then down the page.

    The edition's start page (its cover) and the *exclude* pages (relative to its folder) are left out. Each page's
    units are kept as it is read (its clauses in the clause domain, its sections and tables here), so this walks the
    edition's pages only: an edit to one page in the preview gathers nothing again from the others. Asked for once
    every page is read, by the comparisons (:func:`_compare_all`) and the decisions register (``record.py``), which
    both hold every edition against the one before it: gathered once a build for both (``ComparisonDomain.gathered``).
    """
    gathered = domain(env, ComparisonDomain).gathered
    if (edition_id, exclude) not in gathered:
        gathered[edition_id, exclude] = tuple(_gather_units(env, edition_id, exclude))
    return gathered[edition_id, exclude]


def _gather_units(env: BuildEnvironment, edition_id: str, exclude: tuple[str, ...]) -> list[Unit]:
    folder = settings(env.config).editions[edition_id].strip("/")
    start = start_page(env.config, edition_id)
    left_out = {start, *(f"{folder}/{page}" for page in exclude)}
    scope = scope_of(env.config, start)  # the newest edition has the unnamed scope
    clauses, blocks = domain(env, ClauseDomain), domain(env, ComparisonDomain).blocks
    order = reading_positions(env)
    pages = [doc for doc in env.all_docs if in_folder(doc, folder) and doc not in left_out]
    units: list[Unit] = []
    for docname in sorted(pages, key=lambda doc: (order.get(doc, len(order)), doc)):
        found = []
        for key, entry in clauses.on_page(docname):
            of, name = unscoped(key)
            if of == scope:
                found.append(Unit("clause", name, entry.docname, entry.anchor, entry.lineno, entry.text))
        units += sorted([*found, *blocks.get(docname, ())], key=lambda u: u.lineno)
    return units


def published_pairs(config: Config) -> list[tuple[str, str]]:
    """(older, newer) of every comparison published with no page to write: each edition with the one before it,
    newest first, then each older edition with the current one."""
    editions = list(settings(config).editions)
    consecutive = [(older, newer) for newer, older in pairwise(editions)]
    return consecutive + [(older, editions[0]) for older in editions[2:]]


def shown_at(changes: dict[str, Comparison]) -> dict[tuple[str, str], str]:
    """(older, newer) -> the page that shows that comparison; the first page by name, if several do."""
    found: dict[tuple[str, str], str] = {}
    for page, comparison in sorted(changes.items()):
        found.setdefault((comparison.older, comparison.newer), page)
    return found


def _compare_all(
    env: BuildEnvironment, requests: dict[str, Request]
) -> tuple[dict[str, Comparison], dict[str, dict[str, Marker]]]:
    """Every comparison's changes, by the page that shows it, and the marker each clause compared on an editor's
    page shows (docname -> anchor -> marker). A published pair that no editor's page shows is compared whole (no
    page left out, as the decisions register is held against it) under its own address."""
    changes: dict[str, Comparison] = {}
    markers: dict[str, dict[str, Marker]] = {}
    editions = settings(env.config).editions

    def comparison(older: str, newer: str, exclude: tuple[str, ...]) -> Comparison:
        return _comparison(older, newer, edition_units(env, older, exclude), edition_units(env, newer, exclude))

    for page, (older, newer, _line, exclude) in sorted(requests.items()):
        if older not in editions or newer not in editions:
            continue
        changes[page] = comparison(older, newer, exclude)
        for (docname, anchor), marker in _markers(env.config, page, changes[page]):
            markers.setdefault(docname, {})[anchor] = marker
    shown = shown_at(changes)
    for older, newer in published_pairs(env.config):
        address = pair_address(env.config, older, newer)
        if (older, newer) not in shown and address not in env.found_docs:  # a page there is told (check_editions)
            changes[address] = comparison(older, newer, ())
    return changes, markers


@functools.lru_cache(maxsize=64)
def _comparison(older: str, newer: str, old_units: tuple[Unit, ...], new_units: tuple[Unit, ...]) -> Comparison:
    """The comparison of two editions' units, and where each unit is: remembered, as :func:`.compare.compared` is,
    so that in the editors' preview a pair whose units did not change costs nothing to make again (with ten
    editions, 17 pairs are compared each build)."""
    places = {
        (edition, u.kind, u.label): (u.docname, u.anchor)
        for edition, found in ((older, old_units), (newer, new_units))
        for u in found
    }
    return Comparison(older, newer, list(compared(old_units, new_units)), places)


def _markers(config: Config, page: str, comparison: Comparison) -> Iterator[tuple[tuple[str, str], Marker]]:
    """((docname, anchor) of a clause, its marker): on the newer edition's, what changed; on the older's, where it
    went."""
    older, newer, changes, places = comparison
    words = ClauseWords.of(config)
    for change in changes:
        if change.unit != "clause":
            continue
        anchor = change_anchor(change)
        if change.new and change.kind != "unchanged":
            marker = Marker(_what_changed(change, older, newer), page, anchor, change.kind)
            yield places[newer, "clause", change.new], marker
        if change.old and change.new:
            target = places[newer, "clause", change.new]
            text = _("In the %s edition: %s") % (newer, words.name(change.new))
            yield places[older, "clause", change.old], Marker(text, *target, "current")
        elif change.old:
            text = _("Removed from the %s edition") % newer
            yield places[older, "clause", change.old], Marker(text, page, anchor, "removed")


def _what_changed(change: Change, older: str, newer: str) -> str:
    if change.kind == "changed" and change.old != change.new:
        return _("Changed since the %s edition, where it was %s") % (older, change.old)
    return {
        "new": _("New in the %s edition") % newer,
        "renumbered": _("Renumbered: was %s in the %s edition") % (change.old, older),
        "moved": _("Moved: was %s in the %s edition") % (change.old, older),
        "changed": _("Changed since the %s edition") % older,
    }[change.kind]


def change_anchor(change: Change) -> str:
    """``change-6-2`` for paragraph 6.2 of the newer edition, ``removed-3-1`` for one it dropped."""
    label = change.new or change.old
    number = ClauseNumber.parse(label) if change.unit == "clause" else None
    anchor = number.anchor("change") if number else nodes.make_id(f"change-{change.unit}-{label}")
    return anchor if change.new else anchor.replace("change-", "removed-", 1)
