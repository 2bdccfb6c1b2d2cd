"""Editions of a document: what state each is in, where each is kept for good, and what changed.

``constitution_editions`` in ``conf.py`` lists a document's editions, newest first, each with the folder of its
sources. The newest is the current text at its living address; each older one is a clause scope of its
own (see ``Settings.scopes`` in config.py), so both editions can have a paragraph 6.7::

    constitution_editions = {"2026": "protocol", "pre-2026": "editions/pre-2026"}

Every edition, and every stand-alone document such as a one-page note, declares its state on its
start page; the page and every page its toctrees include show it in a banner, and its PDF prints it::

    :::{status} draft
    :committee: Standards Committee
    :meeting: 2026-04-29
    :reviewed: 2026-04-29
    :review-due: 2027-04-29
    :::

Each edition is also kept at a permanent address, ``editions/<id>/``: an old edition lives there, and
for the current one the build writes small pages there that forward to its living address. A clause's
permalink is that permanent address, so a copied link always shows the words it was made against.

``{edition-changes}`` on a page generates the comparison of two editions, clause by clause, pairing
clauses by their words rather than their numbers. It also marks each changed clause of the newer
edition with a link to its entry, and each clause of the older one with a link to where it went.
"""

from __future__ import annotations

import difflib
from collections import Counter
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.domains import Domain
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .. import __version__
from ..common import Problem, add_templates, in_folder, reading_order, stylesheet, warn
from ..config import settings
from .clauses import ClauseDomain, ClauseNumber, clause, clause_body, scope_of
from .tracked import tracked_inline

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.model.clauses")
    app.setup_extension("sphinx_constitution.model.tracked")  # the comparison marks words as tracked.py does
    app.connect("builder-inited", stylesheet("editions.css"))
    app.setup_extension("sphinx_constitution.config")
    app.connect("config-inited", add_templates)  # the forwarding pages
    app.add_domain(EditionDomain)
    app.add_directive("status", StatusDirective)
    app.add_directive("edition-changes", ChangesDirective)
    app.connect("doctree-read", collect_blocks)
    app.connect("env-updated", EditionDomain.pages_to_rewrite)
    app.connect("env-check-consistency", EditionDomain.check_links)
    app.connect("doctree-resolved", mark_clauses)
    app.connect("doctree-resolved", fill_changes)
    app.connect("doctree-resolved", add_banner, priority=600)  # after the PDF link: the banner comes first
    app.connect("html-collect-pages", forwarding_pages)
    passthrough = (_pass, _pass)
    others = {"text": passthrough, "latex": passthrough, "man": passthrough, "texinfo": passthrough}
    app.add_node(status_banner, html=(visit_banner_html, depart_div), **others)
    app.add_node(changes_placeholder)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}


# -- configuration -----------------------------------------------------------------------------------


def edition_of(config: Config, docname: str) -> tuple[str, str] | None:
    """(edition id, folder) of the edition that holds *docname*, or ``None``."""
    for edition_id, folder in settings(config).editions.items():
        if in_folder(docname, folder):
            return edition_id, folder.strip("/")
    return None


def start_page(config: Config, edition_id: str) -> str:
    """An edition's start page: the ``index`` of its folder."""
    return f"{settings(config).editions[edition_id].strip('/')}/index"


def permanent_name(config: Config, docname: str) -> str | None:
    """The page's permanent address (a docname-like path), if it belongs to an edition."""
    found = edition_of(config, docname)
    if found is None:
        return None
    edition_id, folder = found
    return settings(config).edition_address.format(edition=edition_id) + docname[len(folder) :]


# -- status ----------------------------------------------------------------------------------------


class Status(NamedTuple):
    state: str  # draft, adopted or superseded
    lineno: int
    committee: str = ""
    meeting: date | None = None
    adopted_by: str = ""
    adopted_on: date | None = None
    reviewed: date | None = None
    review_due: date | None = None
    superseded_by: str = ""  # a docname


_REQUIRED = {"draft": ("committee", "meeting"), "adopted": ("adopted-by",), "superseded": ("superseded-by",)}


class StatusDirective(SphinxDirective):
    """``{status} draft|adopted|superseded`` on a document's start page."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        "committee": directives.unchanged_required,
        "meeting": directives.unchanged_required,
        "adopted-by": directives.unchanged_required,
        "adopted-on": directives.unchanged_required,
        "reviewed": directives.unchanged_required,
        "review-due": directives.unchanged_required,
        "superseded-by": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        state = self.arguments[0].strip().lower()
        if state not in _REQUIRED:
            return self._problem(f"{state!r} is not a status: use draft, adopted or superseded")
        if missing := [name for name in _REQUIRED[state] if name not in self.options]:
            needs = " and ".join(f":{name}:" for name in missing)
            return self._problem(f"a {state} status needs {needs}")
        dates = {}
        for name in ("meeting", "adopted-on", "reviewed", "review-due"):
            if name in self.options:
                try:
                    dates[name] = date.fromisoformat(self.options[name].strip())
                except ValueError:
                    return self._problem(f":{name}: {self.options[name]!r} is not a date written as 2026-04-29")
        if (dates.get("reviewed") and dates.get("review-due")) and dates["review-due"] <= dates["reviewed"]:
            return self._problem(":review-due: must come after :reviewed:")
        status = Status(
            state,
            self.lineno,
            committee=self.options.get("committee", ""),
            meeting=dates.get("meeting"),
            adopted_by=self.options.get("adopted-by", ""),
            adopted_on=dates.get("adopted-on"),
            reviewed=dates.get("reviewed"),
            review_due=dates.get("review-due"),
            superseded_by=self.options.get("superseded-by", "").strip().strip("/"),
        )
        domain = self.env.domains[EditionDomain.name]
        if self.env.docname in domain.statuses:
            return self._problem("this page already has a status")
        domain.statuses[self.env.docname] = status
        return []

    def _problem(self, message: str) -> list[nodes.Node]:
        warn(Problem.BAD_STATUS, message, self.get_location())
        return []


# -- the domain: statuses, comparisons and what they mark ------------------------------------------


class Unit(NamedTuple):
    """What a comparison pairs: a clause, or a section or table of a page that has no clauses."""

    kind: str  # clause, section or table
    label: str  # the clause's number, the section's title or the table's caption
    docname: str
    anchor: str
    lineno: int
    text: str


class Change(NamedTuple):
    """One entry of a comparison: a unit of the newer edition, of the older, or a pair of both."""

    kind: str  # unchanged, changed, renumbered, moved, new, removed
    unit: str  # clause, section or table
    old: str  # its label in the older edition, or ""
    new: str  # its label in the newer edition, or ""
    words: tuple[tuple[str, str], ...]  # (" " equal, "+" inserted, "-" deleted, words)


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


class EditionDomain(Domain):
    """Each document's status, and each comparison page with what the comparison found."""

    name = "edition"
    label = "Editions"
    initial_data: ClassVar[dict[str, Any]] = {
        "statuses": {},  # start docname -> Status
        "comparisons": {},  # comparison docname -> (older id, newer id, line, pages left out)
        "blocks": {},  # docname -> [Unit]: an edition's sections and tables that hold no clauses
        "changes": {},  # comparison docname -> Comparison (derived after each read)
        "markers": {},  # docname -> {clause anchor: Marker} (derived after each read)
        "owners": {},  # docname -> (start page, its Status): the banner it shows (derived after each read)
    }

    @property
    def statuses(self) -> dict[str, Status]:
        return self.data["statuses"]

    @property
    def comparisons(self) -> dict[str, tuple[str, str, int, tuple[str, ...]]]:
        return self.data["comparisons"]

    def clear_doc(self, docname: str) -> None:
        for key in ("statuses", "comparisons", "blocks"):
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("statuses", "comparisons", "blocks"):
            self.data[key].update((doc, value) for doc, value in otherdata[key].items() if doc in docnames)

    def resolve_xref(self, *args: Any) -> None:
        return None

    def resolve_any_xref(self, *args: Any) -> list[tuple[str, nodes.Element]]:
        return []

    # What the read changed decides what is written again: a page's banner follows its start page's
    # status and the toctrees; a clause's marker and a comparison follow every clause of both editions.
    # The derived data of the last build is still in the environment: a page is written again when
    # what it shows from it differs.

    @staticmethod
    def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
        domain = env.domains[EditionDomain.name]
        derived = {"owners": _owners(env, domain.statuses), **_compare_all(env, domain.comparisons)}
        stale: set[str] = set()
        for key, now in derived.items():
            before = domain.data[key]
            stale.update(doc for doc in before.keys() | now.keys() if before.get(doc) != now.get(doc))
            domain.data[key] = now
        return sorted(stale & env.all_docs.keys())

    @staticmethod
    def check_links(app: Sphinx, env: BuildEnvironment) -> None:
        domain = env.domains[EditionDomain.name]
        for docname, status in sorted(domain.statuses.items()):
            if status.superseded_by and status.superseded_by not in env.all_docs:
                warn(Problem.BAD_STATUS, f":superseded-by: no page {status.superseded_by!r}", (docname, status.lineno))
        for edition_id in settings(env.config).editions:
            start = start_page(env.config, edition_id)
            if start not in env.all_docs:
                warn(Problem.UNKNOWN_EDITION, f"edition {edition_id!r}: there is no page {start!r}", None)
            elif start not in domain.statuses:
                warn(Problem.BAD_STATUS, f"edition {edition_id!r} starts here but has no {{status}}", (start, 1))
        for docname, (older, newer, lineno, _exclude) in sorted(domain.comparisons.items()):
            for edition_id in (older, newer):
                if edition_id not in (editions := settings(env.config).editions):
                    known = ", ".join(editions) or "none in conf.py"
                    warn(Problem.UNKNOWN_EDITION, f"no edition {edition_id!r} (editions: {known})", (docname, lineno))


def _owners(env: BuildEnvironment, statuses: dict[str, Status]) -> dict[str, tuple[str, Status]]:
    """docname -> the nearest page at or above it in the toctrees that declares a status."""
    parents: dict[str, str] = {}
    for parent, children in sorted(env.toctree_includes.items()):
        for child in children:
            parents.setdefault(child, parent)
    owners = {}
    for docname in env.all_docs:
        seen, page = set(), docname
        while page is not None and page not in statuses and page not in seen:
            seen.add(page)
            page = parents.get(page)
        if page in statuses:
            owners[docname] = (page, statuses[page]._replace(lineno=0))
    return owners


# -- banners ----------------------------------------------------------------------------------------


class status_banner(nodes.General, nodes.Element):
    """The status of the document a page belongs to; attribute ``state``."""


def _today(config: Config) -> date:
    return settings(config).today or datetime.now(UTC).date()


def _day(value: date) -> str:
    return f"{value.day} {value:%B} {value.year}"


def add_banner(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain = app.env.domains[EditionDomain.name]
    owner = domain.data["owners"].get(docname)
    section = next(doctree.findall(nodes.section), None)
    if owner is None or section is None:
        return
    status: Status = owner[1]
    banner = status_banner(state=status.state, classes=["pdf-title-block"])  # a PDF prints it under its title
    banner += _status_line(app.builder, docname, status)
    if status.state != "superseded" and (status.reviewed or status.review_due):
        overdue = status.review_due is not None and status.review_due < _today(app.config)
        banner += _review_line(status, overdue)
        if overdue:
            banner["state"] += " overdue"
    section.insert(1 if section.children and isinstance(section[0], nodes.title) else 0, banner)


def _status_line(builder: Builder, docname: str, status: Status) -> nodes.paragraph:
    para = nodes.paragraph(classes=["con-status-line"])
    if status.state == "draft":
        para += nodes.strong("", _("Draft"))
        para += nodes.Text(_(" for the %s meeting on %s.") % (status.committee, _day(status.meeting)))
        return para
    if status.state == "adopted":
        para += nodes.strong("", _("Adopted"))
        para += nodes.Text(_(" by %s") % status.adopted_by)
        para += nodes.Text((_(" on %s.") % _day(status.adopted_on)) if status.adopted_on else ".")
        return para
    para += nodes.strong("", _("Superseded."))
    para += nodes.Text(_(" This edition is kept for reference; the current text is "))
    title = builder.env.titles.get(status.superseded_by)
    name = title.astext() if title else status.superseded_by
    for edition_id in settings(builder.config).editions:
        if status.superseded_by == start_page(builder.config, edition_id):
            name = _("the %s edition") % edition_id
    uri = builder.get_relative_uri(docname, status.superseded_by)
    para += nodes.reference("", name, refuri=uri, internal=True)
    para += nodes.Text(".")
    if status.adopted_by:
        para += nodes.Text(_(" It was adopted by %s") % status.adopted_by)
        para += nodes.Text((_(" on %s.") % _day(status.adopted_on)) if status.adopted_on else ".")
    return para


def _review_line(status: Status, overdue: bool) -> nodes.paragraph:
    para = nodes.paragraph(classes=["con-status-review"])
    if status.reviewed:
        para += nodes.Text(_("Last reviewed %s. ") % _day(status.reviewed))
    if overdue:
        para += nodes.strong("", _("Review overdue:"))
        para += nodes.Text(_(" the next review was due by %s.") % _day(status.review_due))
    elif status.review_due:
        para += nodes.Text(_("Next review due by %s.") % _day(status.review_due))
    return para


def _pass(self: Any, node: nodes.Element) -> None:
    pass


def depart_div(self: Any, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_banner_html(self: Any, node: status_banner) -> None:
    classes = " ".join(f"con-status-{word}" for word in node["state"].split())
    label = self.encode(_("Status of this document"))
    self.body.append(f'<div class="con-status {classes}" role="note" aria-label="{label}">')


# -- permanent addresses ----------------------------------------------------------------------------


def forwarding_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """At the permanent address of each page of the current edition, a page that forwards to it."""
    if app.builder.name not in ("html", "dirhtml"):
        return
    for docname in sorted(app.env.found_docs):
        pinned = permanent_name(app.config, docname)
        if pinned is None or pinned == docname:
            continue
        target = relative_uri(app.builder.get_target_uri(pinned), app.builder.get_target_uri(docname))
        title = app.env.titles[docname].astext() if docname in app.env.titles else docname
        yield pinned, {"forward_to": target, "forward_title": title}, "edition-forward.html"


def _permalinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    pinned = permanent_name(app.config, docname)
    if pinned is None or pinned == docname:
        return
    here = app.builder.get_target_uri(docname)
    there = relative_uri(here, app.builder.get_target_uri(pinned))
    for node in doctree.findall(clause):
        if node["ids"]:
            node["permalink"] = f"{there}#{node['ids'][0]}"


# -- comparison ---------------------------------------------------------------------------------------


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
        self.env.domains[EditionDomain.name].comparisons[self.env.docname] = (older, newer, self.lineno, exclude)
        node = changes_placeholder()
        self.set_source_info(node)
        return [node]


def collect_blocks(app: Sphinx, doctree: nodes.document) -> None:
    """On an edition's pages without clauses, note each section's own text and each table."""
    docname = app.env.docname
    if edition_of(app.config, docname) is None or next(doctree.findall(clause), None) is not None:
        return
    blocks = []
    for n, node in enumerate(doctree.findall(lambda n: isinstance(n, (nodes.section, nodes.table)))):
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
    app.env.domains[EditionDomain.name].data["blocks"][docname] = blocks


def _flat(text: str) -> str:
    return " ".join(text.split())


def compare(older: list[Unit], newer: list[Unit]) -> list[Change]:
    """Pair the units of two editions by their words, then say what happened to each.

    Identical words pair first (a renumbered clause), then the most similar pairs above a threshold,
    best first; a candidate with the same label wins a tie. Only units of one kind pair. A pair whose
    order differs from its neighbours' (outside the longest run kept in order) has moved; unpaired units
    are new or removed, and a removed one is listed where it stood.
    """
    pairs: dict[int, int] = {}  # newer index -> older index
    taken: set[int] = set()
    by_text: dict[tuple[str, str], list[int]] = {}
    for i, old in enumerate(older):
        by_text.setdefault((old.kind, old.text), []).append(i)
    for j, new in enumerate(newer):
        candidates = [i for i in by_text.get((new.kind, new.text), []) if i not in taken]
        if candidates and new.text:
            i = next((i for i in candidates if older[i].label == new.label), candidates[0])
            pairs[j] = i
            taken.add(i)
    scored = []
    for j, new in enumerate(newer):
        if j in pairs:
            continue
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(new.text.split())
        for i, old in enumerate(older):
            if i in taken or old.kind != new.kind:
                continue
            matcher.set_seq1(old.text.split())
            if matcher.real_quick_ratio() < _SIMILAR or matcher.quick_ratio() < _SIMILAR:
                continue
            ratio = matcher.ratio() + (0.05 if old.label == new.label else 0)
            if ratio >= _SIMILAR:
                scored.append((-ratio, j, i))
    for _score, j, i in sorted(scored):
        if j not in pairs and i not in taken:
            pairs[j] = i
            taken.add(i)
    in_order = _longest_run([pairs[j] for j in sorted(pairs)])
    changes = []
    removed = sorted(set(range(len(older))) - taken)

    def gone(i: int) -> Change:
        return Change("removed", older[i].kind, older[i].label, "", (("-", older[i].text),))

    for j, new in enumerate(newer):
        while removed and j in pairs and removed[0] < pairs[j]:
            changes.append(gone(removed.pop(0)))
        if j not in pairs:
            changes.append(Change("new", new.kind, "", new.label, (("+", new.text),)))
            continue
        old = older[pairs[j]]
        words = tuple(_diff(old.text.split(), new.text.split()))
        if pairs[j] not in in_order:
            kind = "moved"
        elif any(op != " " for op, _text in words):
            kind = "changed"
        elif old.label != new.label:
            kind = "renumbered"
        else:
            kind = "unchanged"
        changes.append(Change(kind, new.kind, old.label, new.label, words))
    changes += [gone(i) for i in removed]
    return changes


_SIMILAR = 0.5


def _diff(old: list[str], new: list[str]) -> Iterator[tuple[str, str]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            yield " ", " ".join(old[i1:i2])
        if op in ("delete", "replace"):
            yield "-", " ".join(old[i1:i2])
        if op in ("insert", "replace"):
            yield "+", " ".join(new[j1:j2])


def _longest_run(values: list[int]) -> set[int]:
    """The values of the longest increasing subsequence: the units that kept their order."""
    best: list[list[int]] = []  # best[k]: the increasing run of length k + 1 with the smallest end
    for value in values:
        k = next((k for k, run in enumerate(best) if run[-1] >= value), len(best))
        run = [*(best[k - 1] if k else []), value]
        if k == len(best):
            best.append(run)
        else:
            best[k] = run
    return set(best[-1]) if best else set()


def edition_units(env: BuildEnvironment, edition_id: str, exclude: tuple[str, ...] = ()) -> list[Unit]:
    """The units of one edition in reading order: by the toctrees' page order, then down the page.

    The edition's start page (its cover) and the *exclude* pages (relative to its folder) are left out.
    """
    folder = settings(env.config).editions[edition_id].strip("/")
    start = start_page(env.config, edition_id)
    left_out = {start, *(f"{folder}/{page}" for page in exclude)}

    def inside(docname: str) -> bool:
        return in_folder(docname, folder) and docname not in left_out

    scope = scope_of(env.config, start)  # the newest edition has the unnamed scope
    units = [
        Unit("clause", number, e.docname, e.anchor, e.lineno, e.text)
        for number, e in env.domains[ClauseDomain.name].in_scope(scope).items()
        if inside(e.docname)
    ]
    for docname, blocks in env.domains[EditionDomain.name].data["blocks"].items():
        if inside(docname):
            units += blocks
    order = {doc: n for n, doc in enumerate(reading_order(env))}
    return sorted(units, key=lambda u: (order.get(u.docname, len(order)), u.docname, u.lineno))


def _compare_all(env: BuildEnvironment, comparisons: dict[str, tuple[str, str, int, tuple[str, ...]]]) -> dict:
    """Every comparison page's changes, and the marker each compared clause shows."""
    changes: dict[str, Comparison] = {}
    markers: dict[str, dict[str, Marker]] = {}
    config = settings(env.config)
    prefix = config.clause_reference_prefix
    for page, (older, newer, _line, exclude) in sorted(comparisons.items()):
        if older not in config.editions or newer not in config.editions:
            continue
        old_units, new_units = edition_units(env, older, exclude), edition_units(env, newer, exclude)
        found = compare(old_units, new_units)
        places = {
            (edition, u.kind, u.label): (u.docname, u.anchor)
            for edition, units in ((older, old_units), (newer, new_units))
            for u in units
        }
        changes[page] = Comparison(older, newer, found, places)
        old_clauses = {u.label: u for u in old_units if u.kind == "clause"}
        new_clauses = {u.label: u for u in new_units if u.kind == "clause"}
        for change in found:
            if change.unit != "clause":
                continue
            anchor = _change_anchor(change)
            if change.new and change.kind != "unchanged":
                unit = new_clauses[change.new]
                text = {
                    "new": _("New in the %s edition") % newer,
                    "renumbered": _("Renumbered: was %s in the %s edition") % (change.old, older),
                    "moved": _("Moved: was %s in the %s edition") % (change.old, older),
                    "changed": _("Changed since the %s edition") % older,
                }[change.kind]
                if change.kind == "changed" and change.old != change.new:
                    text = _("Changed since the %s edition, where it was %s") % (older, change.old)
                markers.setdefault(unit.docname, {})[unit.anchor] = Marker(text, page, anchor, change.kind)
            if change.old:
                unit = old_clauses[change.old]
                if change.new:
                    target = new_clauses[change.new]
                    text = _("In the %s edition: %s %s") % (newer, prefix, change.new)
                    marker = Marker(text, target.docname, target.anchor, "current")
                else:
                    marker = Marker(_("Removed from the %s edition") % newer, page, anchor, "removed")
                markers.setdefault(unit.docname, {})[unit.anchor] = marker
    return {"changes": changes, "markers": markers}


def _change_anchor(change: Change) -> str:
    """``change-6-2`` for paragraph 6.2 of the newer edition, ``removed-3-1`` for one it dropped."""
    label = change.new or change.old
    number = ClauseNumber.parse(label) if change.unit == "clause" else None
    anchor = number.anchor("change") if number else nodes.make_id(f"change-{change.unit}-{label}")
    return anchor if change.new else anchor.replace("change-", "removed-", 1)


def mark_clauses(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Permanent permalinks, and each compared clause's link to its comparison entry or successor."""
    if app.builder.format != "html" or app.builder.name == "pdf":
        return
    _permalinks(app, doctree, docname)
    markers = app.env.domains[EditionDomain.name].data["markers"].get(docname, {})
    if not markers:
        return
    for node in doctree.findall(clause):
        marker = markers.get(node["ids"][0]) if node["ids"] else None
        body = next(iter(node.findall(clause_body)), None)
        if marker is None or body is None:
            continue
        uri = app.builder.get_relative_uri(docname, marker.docname) + "#" + marker.anchor
        link = nodes.reference("", marker.text, refuri=uri, internal=True)
        body.insert(0, nodes.paragraph("", "", link, classes=["con-clause-change", f"con-clause-{marker.kind}"]))


def fill_changes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the placeholder with the comparison: one entry per clause, in the newer edition's order."""
    for placeholder in list(doctree.findall(changes_placeholder)):
        comparison = app.env.domains[EditionDomain.name].data["changes"].get(docname)
        placeholder.replace_self(_render(app, docname, comparison) if comparison else [])


def _render(app: Sphinx, docname: str, comparison: Comparison) -> list[nodes.Node]:
    env = app.env
    older, newer, changes, places = comparison
    summary = nodes.section("", nodes.title("", _("Summary")), ids=["changes-summary"])
    counts = nodes.bullet_list(classes=["con-changes-summary"])
    for kind, label in _KINDS.items():
        count = sum(1 for c in changes if c.kind == kind)
        counts += nodes.list_item("", nodes.paragraph("", f"{label}: {count}"))
    summary += counts
    out: list[nodes.Node] = [summary]
    group: nodes.section | None = None
    for change in changes:
        label, edition = (change.new, newer) if change.new else (change.old, older)
        page, anchor = places[edition, change.unit, label]
        if group is None or (change.new and page != group["docname"]):
            # one section per page of the newer edition; a removed unit stays with the page it followed
            group = nodes.section("", nodes.title("", _title(env, page)), docname=page)
            group["ids"].append(nodes.make_id(f"changes-{_title(env, page)}"))
            group["classes"].append("con-changes")
            out.append(group)
        uri = app.builder.get_relative_uri(docname, page) + "#" + anchor
        group += _entry(app, uri, change, label, older, newer)
    for group in out[1:]:
        _note_retitled(env, group, comparison)
    return out


def _title(env: BuildEnvironment, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


def _note_retitled(env: BuildEnvironment, group: nodes.section, comparison: Comparison) -> None:
    """Under a page's heading, its old heading if the page it mostly came from was titled otherwise."""
    older, newer, changes, places = comparison
    sources = Counter(
        places[older, c.unit, c.old][0]
        for c in changes
        if c.old and c.new and places[newer, c.unit, c.new][0] == group["docname"]
    )
    if not sources:
        return
    before, now = _title(env, sources.most_common(1)[0][0]), _title(env, group["docname"])
    if before != now:
        para = nodes.paragraph("", _("Heading: "), classes=["con-change-heading"])
        for op, words in _diff(before.split(), now.split()):
            if len(para) > 1:
                para += nodes.Text(" ")
            para += tracked_inline("", words, kind=_MARKS[op]) if op in _MARKS else nodes.Text(words)
        group.insert(1, para)


def _entry(app: Sphinx, uri: str, change: Change, label: str, older: str, newer: str) -> nodes.Element:
    entry = nodes.container(classes=["con-change", f"con-change-{change.kind}"], ids=[_change_anchor(change)])
    head = nodes.paragraph(classes=["con-change-head"])
    head += nodes.reference("", _unit_name(app.config, change.unit, label), refuri=uri, internal=True)
    head += nodes.Text(" — ")
    kind = change.kind
    if kind == "changed" and change.old != change.new:
        kind = "changed, renumbered"
    if kind == "renumbered" and change.unit != "clause":
        kind = "retitled"
    head += nodes.strong("", _KIND_WORDS[kind] % {"old": change.old, "older": older, "newer": newer})
    entry += head
    text = nodes.paragraph(classes=["con-change-text"])
    for op, words in change.words:
        if len(text):
            text += nodes.Text(" ")
        text += tracked_inline("", words, kind=_MARKS[op]) if op in _MARKS else nodes.Text(words)
    entry += text
    return entry


def _unit_name(config: Config, unit: str, label: str) -> str:
    if unit == "clause":
        return f"{settings(config).clause_reference_prefix.capitalize()} {label}"
    return (_("Section “%s”") if unit == "section" else _("Table “%s”")) % label


_MARKS = {"+": "ins", "-": "del"}
_KINDS = {
    "changed": "Changed",
    "new": "New",
    "removed": "Removed",
    "moved": "Moved",
    "renumbered": "Renumbered only",
    "unchanged": "Unchanged",
}
_KIND_WORDS = {
    "changed": "changed",
    "changed, renumbered": "changed, was %(old)s",
    "new": "new in the %(newer)s edition",
    "removed": "removed: it was in the %(older)s edition",
    "moved": "moved, was %(old)s",
    "renumbered": "renumbered, was %(old)s; words unchanged",
    "retitled": "retitled, was “%(old)s”; words unchanged",
    "unchanged": "unchanged",
}
