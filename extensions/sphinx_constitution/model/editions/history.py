"""What readers see of the record: the document's timeline, each edition's days in force, and under each
paragraph that ever changed, its history and any change decided but not yet in force.

- ``{edition-timeline}`` on a page sets out every edition and decision, newest first, each decision at an address
  of its own (``#decision-<id>``) that never changes;
- each page of a dated edition says under its status banner the days that edition was in force;
- each paragraph that a decision changed, in any edition, ends with its history ("History of paragraph 6.7"):
  each change with its decision, date and minute, linked to the decision on the timeline and, where a comparison
  of the two editions is published, to the change shown there. A paragraph followed back through the editions by
  the comparison's pairing keeps its history when it was renumbered;
- a paragraph that a decision changes on a day still to come (``constitution_status_today``, or the build's day,
  as for status banners) says so above its words: "Not yet in force".

The website shows histories and notices; the PDFs, which are each one edition's text, leave them out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ...config import settings
from ...engine.builders import is_website
from ...engine.domains import domain
from ...engine.found import on_resolved
from ...engine.markup import NoOptions
from ...engine.nodes import LEFT_OUT, add_html_node
from ...engine.snapshots import changed_keys, snapshot_around_read
from ..clauses.identity import ClauseWords
from ..clauses.nodes import clause, clause_body
from .addresses import edition_after, edition_before, edition_of, start_page
from .comparison import ComparisonDomain, change_anchor
from .record import Dates, Record, RecordDomain, effect_place, effect_text
from .status import day_in_words, status_banner

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .register import Decision, Effect


def setup_history(app: Sphinx) -> None:
    app.add_directive("edition-timeline", TimelineDirective)
    app.add_node(timeline_placeholder)
    add_html_node(app, clause_history, (visit_history_html, depart_history_html), LEFT_OUT)
    app.connect("doctree-resolved", fill_timeline)
    app.connect("doctree-resolved", add_days_in_force, priority=610)  # after the status banner (600) is made
    on_resolved(app, clause, add_histories)
    snapshot_around_read(app, _what_histories_show, _pages_whose_histories_changed)


# -- the timeline -------------------------------------------------------------------------------------------------


class timeline_placeholder(nodes.General, nodes.Element):
    """Where ``{edition-timeline}`` puts the timeline once every page is read."""


class TimelineDirective(SphinxDirective):
    """``{edition-timeline}``: every edition and decision of the register, newest first."""

    option_spec = NoOptions()

    def run(self) -> list[nodes.Node]:
        domain(self.env, RecordDomain).timelines[self.env.docname] = self.lineno
        node = timeline_placeholder()
        self.set_source_info(node)
        return [node]


def fill_timeline(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    records = domain(app.env, RecordDomain)
    if docname not in records.timelines:  # the domain knows the pages with one: no other page is walked
        return
    for placeholder in list(doctree.findall(timeline_placeholder)):
        placeholder.replace_self(_timeline(app, docname, records.record) if records.record else [])


def _timeline(app: Sphinx, docname: str, record: Record) -> nodes.Element:
    """Every edition newest first, with its days in force, and under it the decisions that made it."""
    editions = settings(app.config).editions
    timeline = nodes.bullet_list(classes=["con-timeline"])
    for edition in editions:
        item = nodes.list_item(classes=["con-timeline-edition"])
        title = nodes.strong("", _("The %s edition") % edition)
        line = nodes.paragraph("", "", make_refnode(app.builder, docname, start_page(app.config, edition), "", title))
        if edition in record.dates:
            line += nodes.Text(": " + in_force_words(record.dates[edition]))
        item += line
        made = [decision for decision in reversed(record.decisions) if decision.edition == edition]
        if made:
            item += nodes.bullet_list("", *(_decision_item(app, docname, record, d) for d in made))
        timeline += item
    return timeline


def in_force_words(dates: Dates) -> str:
    """ "in force from 1 June 2026 to 31 May 2027", or "in force from 1 June 2026" for the edition in force now."""
    if dates.end is None:
        return _("in force from %s") % day_in_words(dates.start)
    return _("in force from %s to %s") % (day_in_words(dates.start), day_in_words(dates.end))


def _decision_item(app: Sphinx, docname: str, record: Record, decision: Decision) -> nodes.list_item:
    item = nodes.list_item(ids=[f"decision-{decision.id}"], classes=["con-timeline-decision"])
    what = _("Correction by %s") if decision.kind == "correction" else _("Decision of %s")
    line = nodes.paragraph("", "", nodes.strong("", what % decision.by))
    line += nodes.Text(
        ", " + _("adopted %s, in force from %s") % (day_in_words(decision.adopted), day_in_words(decision.in_force))
    )
    if decision.minute:
        line += nodes.Text(" (")
        minute: nodes.Node = nodes.Text(decision.minute)
        if decision.minute_url:
            minute = nodes.reference("", decision.minute, refuri=decision.minute_url)
        line += [minute, nodes.Text(")")]
    item += line
    if decision.summary:
        item += nodes.paragraph("", decision.summary)
    if decision.effects:
        item += nodes.bullet_list("", *(_effect_item(app, docname, record, decision, e) for e in decision.effects))
    return item


def _effect_item(app: Sphinx, docname: str, record: Record, decision: Decision, effect: Effect) -> nodes.list_item:
    name, change = effect_text(app.config, effect)
    text = nodes.Text(name)
    place = effect_place(app.config, record, decision, effect)
    link = make_refnode(app.builder, docname, place[0], place[1], text) if place else text
    return nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(f" {change}")))


# -- each edition's days in force, in its banner --------------------------------------------------------------------


def add_days_in_force(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under the status banner of each page of a dated edition: "In force from 1 June 2026 to 31 May 2027."."""
    record = domain(app.env, RecordDomain).record
    edition = edition_of(app.config, docname)
    if record is None or edition is None or edition[0] not in record.dates:
        return
    banner = next(doctree.findall(status_banner), None)
    if banner is None:
        return
    text = in_force_words(record.dates[edition[0]])
    banner += nodes.paragraph("", text[0].upper() + text[1:] + ".", classes=["con-status-in-force"])


# -- each paragraph's history, and changes not yet in force --------------------------------------------------------


class clause_history(nodes.General, nodes.Element):
    """A paragraph's history: ``summary`` names it, its children list the changes, newest first."""


def visit_history_html(self: HTML5Translator, node: clause_history) -> None:
    self.body.append('<details class="con-disclosure con-history">\n')
    self.body.append(f'<summary class="con-history-summary">{self.encode(node["summary"])}</summary>\n')


def depart_history_html(self: HTML5Translator, node: clause_history) -> None:
    self.body.append("</details>\n")


def add_histories(app: Sphinx, doctree: nodes.document, docname: str, clauses: list[clause]) -> None:
    """Under each paragraph of this page that a decision changed, its history; above one that a decision changes
    on a day still to come, a notice (*clauses*: the page's, from the walk its handlers share, ``engine/found.py``)."""
    record = domain(app.env, RecordDomain).record
    edition = edition_of(app.config, docname)
    if record is None or edition is None or not is_website(app.builder):
        return
    numbers = {place: number for (ed, number), place in record.places.items() if ed == edition[0]}
    today = settings(app.config).today or datetime.now(UTC).date()
    for node in clauses:
        number = numbers.get((docname, node["ids"][0])) if node["ids"] else None
        body = next(iter(node.findall(clause_body)), None)
        if number is None or body is None:
            continue
        changes = history(app.config, record, edition[0], number)
        pending = [(decision, effect) for decision, effect in changes if decision.in_force > today]
        for decision, effect in pending:
            body.insert(0, _notice(decision, effect))
        if changes:
            body += _history(app, docname, record, number, changes)


# An edit to the register alone reads no page, and the record's dates say only which editions' banners and which
# timelines to write again (record.py). Each paragraph's history and notice follow every decision: when the record,
# the timeline page they link or the published comparisons changed, the pages whose histories differ are written
# again, as a clean build would write them.

Shown = tuple[Record | None, str | None, dict[tuple[str, str], str]]


def _what_histories_show(env: BuildEnvironment) -> Shown:
    comparisons = domain(env, ComparisonDomain).changes
    records = domain(env, RecordDomain)
    return records.record, records.timeline_page, {(c.older, c.newer): page for page, c in comparisons.items()}


def _pages_whose_histories_changed(env: BuildEnvironment, before: Shown, after: Shown) -> set[str]:
    if before == after:
        return set()
    if before[1:] != after[1:]:  # each history links the timeline and the comparisons
        return {doc for shown in (before, after) for doc in _histories(env.config, shown[0])}
    return changed_keys(_histories(env.config, before[0]), _histories(env.config, after[0]))


def _histories(config: Any, record: Record | None) -> dict[str, list[tuple[str, list[tuple[Decision, Effect]]]]]:
    """docname -> (anchor, changes) of each paragraph on it with a history."""
    shown: dict[str, list[tuple[str, list[tuple[Decision, Effect]]]]] = {}
    if record is None:
        return shown
    for (edition, number), (docname, anchor) in sorted(record.places.items()):
        if changes := history(config, record, edition, number):
            shown.setdefault(docname, []).append((anchor, changes))
    return shown


def history(config: Any, record: Record, edition: str, number: str) -> list[tuple[Decision, Effect]]:
    """The changes to paragraph *number* of *edition*, newest first: its repeal by the edition after it, then the
    changes that made it and what it was in each edition before, followed back as the comparison pairs them."""
    later = edition_after(config, edition)
    found = [
        (decision, effect)
        for decision in reversed(record.decisions)
        if decision.edition == later
        for effect in decision.effects
        if effect.change == "repealed" and effect.clause == number
    ]
    place: tuple[str, str] | None = (edition, number)
    while place is not None:
        made_in, numbered = place
        here = [
            (decision, effect)
            for decision in reversed(record.decisions)
            if decision.edition == made_in
            for effect in decision.effects
            if effect.clause == numbered and effect.change != "repealed"
        ]
        found += here
        place = record.earlier.get(place) or _before(config, made_in, here)
    return found


def _before(config: Any, edition: str, changes: list[tuple[Decision, Effect]]) -> tuple[str, str] | None:
    """Where a paragraph was in the edition before, by what the register says (the comparison pairs a paragraph whose
    words were all replaced with nothing): a substituted or amended one at its number, a renumbered one at ``was``."""
    older = edition_before(config, edition)
    for _decision, effect in changes:
        if older is not None and effect.change in {"substituted", "amended", "renumbered"}:
            return older, effect.was or effect.clause
    return None


def _notice(decision: Decision, effect: Effect) -> nodes.paragraph:
    what = _("Not yet in force:")
    said = _(" %(change)s by %(who)s on %(adopted)s, in force from %(from)s.") % {
        "change": _(effect.change),
        "who": decision.by,
        "adopted": day_in_words(decision.adopted),
        "from": day_in_words(decision.in_force),
    }
    return nodes.paragraph("", "", nodes.strong("", what), nodes.Text(said), classes=["con-not-in-force"])


def _history(
    app: Sphinx, docname: str, record: Record, number: str, changes: list[tuple[Decision, Effect]]
) -> clause_history:
    name = ClauseWords.of(app.config).name(number)
    timeline = domain(app.env, RecordDomain).timeline_page
    entries = nodes.bullet_list()
    for decision, effect in changes:
        line = nodes.paragraph()
        change = effect_text(app.config, effect)[1]
        line += nodes.Text(f"{change[:1].upper()}{change[1:]}, {decision.edition} edition: ")
        who = _("correction by %s") if decision.kind == "correction" else _("decision of %s")
        words = nodes.Text(f"{who % decision.by}, {day_in_words(decision.adopted)}")
        line += make_refnode(app.builder, docname, timeline, f"decision-{decision.id}", words) if timeline else words
        if decision.minute:
            line += nodes.Text(f" ({decision.minute})")
        line += nodes.Text(_(", in force from %s.") % day_in_words(decision.in_force))
        if shown := _shown_in_place(app, record, decision, effect):
            line += nodes.Text(" ")
            line += make_refnode(app.builder, docname, shown[0], shown[1], nodes.Text(_("See the change.")))
        entries += nodes.list_item("", line)
    summary = _("History of %s: %d changes") % (name, len(changes)) if len(changes) > 1 else _("History of %s") % name
    return clause_history("", entries, summary=summary)


def _shown_in_place(app: Sphinx, record: Record, decision: Decision, effect: Effect) -> tuple[str, str] | None:
    """(docname, anchor) of the change in the comparison of the decision's edition with the one before: an editor's
    page, or the pair's own (``pairs.py``), so there always is one; a repealed paragraph's removal."""
    older = edition_before(app.config, decision.edition)
    if older is None:
        return None
    for page, comparison in sorted(domain(app.env, ComparisonDomain).changes.items()):
        if (comparison.older, comparison.newer) != (older, decision.edition):
            continue
        for change in comparison.changes:
            repealed = effect.change == "repealed" and not change.new and change.old == effect.clause
            if change.unit == "clause" and (repealed or (effect.change != "repealed" and change.new == effect.clause)):
                return page, change_anchor(change)
    return None
