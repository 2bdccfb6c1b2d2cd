"""What a comparison of two editions writes: the page of entries in place of ``{edition-changes}``, and the note
on each clause it compared.

The comparison page starts with a summary: how many units changed, were new, removed, moved, renumbered only or
unchanged, each count with the list of those units, linked to their entries. Then, grouped by the newer edition's
pages, one entry per unit that is not unchanged, in the newer edition's order (a removed unit stays with the page
it followed):

- a changed unit shows its words, those inserted and deleted marked as ``{ins}`` and ``{del}`` mark a proposed
  change, so word-level marks appear only where words changed within a paragraph;
- a new or removed unit is a block labelled "New paragraph 1.1" or "Removed paragraph 4.3 …", its words plain:
  a whole paragraph underlined or struck through reads as one long link, or as text nobody can read;
- a unit moved or renumbered with the same words shows only its label;
- a run of unchanged units is one line, "Unchanged: 11 paragraphs, 4.1 to 4.1(3)(ii)", their words left out.

On the website, each changed clause of the newer edition links to its entry, and each clause of the older one
to where it went.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _

from ...engine.builders import is_website
from ...engine.domains import domain
from ...engine.found import on_resolved
from ...engine.pages import page_title
from ..clauses.identity import ClauseWords
from ..clauses.nodes import clause, clause_body
from ..tracked import tracked_inline
from .compare import Change, diff_words
from .comparison import Comparison, ComparisonDomain, change_anchor, changes_placeholder

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def setup_rendering(app: Sphinx) -> None:
    on_resolved(app, clause, mark_clauses)
    on_resolved(app, changes_placeholder, fill_changes)


def mark_clauses(app: Sphinx, doctree: nodes.document, docname: str, clauses: list[clause]) -> None:
    """Each compared clause's link to its comparison entry or successor (*clauses*: the page's, from the walk its
    handlers share, ``engine/found.py``)."""
    markers = domain(app.env, ComparisonDomain).markers.get(docname)
    if not markers or not is_website(app.builder):
        return
    for node in clauses:
        marker = markers.get(node["ids"][0]) if node["ids"] else None
        body = next(iter(node.findall(clause_body)), None)
        if marker is None or body is None:
            continue
        uri = app.builder.get_relative_uri(docname, marker.docname) + "#" + marker.anchor
        link = nodes.reference("", marker.text, refuri=uri, internal=True)
        body.insert(0, nodes.paragraph("", "", link, classes=["con-clause-change", f"con-clause-{marker.kind}"]))


def fill_changes(app: Sphinx, doctree: nodes.document, docname: str, placeholders: list[changes_placeholder]) -> None:
    """Replace the placeholder with the comparison: its summary, then the entries, in the newer edition's order
    (*placeholders*: the page's, from the walk its handlers share, ``engine/found.py``; only this handler replaces
    them)."""
    for placeholder in placeholders:
        comparison = domain(app.env, ComparisonDomain).changes.get(docname)
        placeholder.replace_self(render_comparison(app.builder, docname, comparison) if comparison else [])


def render_comparison(builder: Builder, docname: str, comparison: Comparison) -> list[nodes.Node]:
    """The comparison as *docname* shows it: its summary, then the entries, grouped under the newer edition's pages
    (``pairs.py`` writes a pair's own page with it too)."""
    older, newer, changes, places = comparison
    env, config = builder.env, builder.config
    pages: list[tuple[str, list[tuple[Change, str]]]] = []  # each page of the newer edition, its units and links
    for change in changes:
        label, edition = (change.new, newer) if change.new else (change.old, older)
        page, anchor = places[edition, change.unit, label]
        if not pages or (change.new and page != pages[-1][0]):
            pages.append((page, []))  # a removed unit stays with the page it followed
        pages[-1][1].append((change, builder.get_relative_uri(docname, page) + "#" + anchor))
    groups: list[nodes.section] = []
    new_pages: dict[Change, tuple[str, str]] = {}  # a unit of a wholly new page -> the page's name and block id
    for page, entries in pages:
        title = page_title(env, page)
        group = nodes.section("", nodes.title("", title), ids=[nodes.make_id(f"changes-{title}")], docname=page)
        group["classes"].append("con-changes")
        if len(entries) > 1 and all(change.kind == "new" for change, _uri in entries):
            block = _new_page(config, title, builder.get_relative_uri(docname, page), entries)
            name = _("page “%s” (%d parts)") % (title, len(entries))
            new_pages.update((change, (name, block["ids"][0])) for change, _uri in entries)
            group += block
        else:
            _add_entries(config, group, entries, older)
        _note_retitled(env, group, comparison)
        groups.append(group)
    return [_summary(changes, new_pages), *groups]


# -- the summary -----------------------------------------------------------------------------------------


def _summary(changes: list[Change], new_pages: dict[Change, tuple[str, str]]) -> nodes.section:
    """How many units of each kind, each kind's units listed and linked to their entries (not the unchanged); the
    units of a wholly new page are listed as the page."""
    summary = nodes.section("", nodes.title("", _("Summary")), ids=["changes-summary"])
    counts = nodes.bullet_list(classes=["con-changes-summary"])
    for kind, label in _KINDS.items():
        these = [c for c in changes if c.kind == kind]
        line = nodes.paragraph("", "", nodes.strong("", f"{label}: {len(these)}"))
        if kind == "unchanged" and these:
            line += nodes.Text(" — " + _("listed by number under each page below, their words not repeated"))
        elif these:
            links = {new_pages.get(c, (_short_name(c.unit, c.new or c.old), change_anchor(c))): None for c in these}
            line += nodes.Text(" — ")
            for n, (name, anchor) in enumerate(links):
                if n:
                    line += nodes.Text(", ")
                line += nodes.reference("", name, refid=anchor, internal=True)
        counts += nodes.list_item("", line, classes=[f"con-changes-summary-{kind}"])
    summary += counts
    return summary


# -- a page's entries ------------------------------------------------------------------------------------


def _add_entries(config: Config, group: nodes.section, entries: list[tuple[Change, str]], older: str) -> None:
    """A page's entries in order, each run of unchanged units as one line."""
    unchanged: list[tuple[Change, str]] = []
    for change, uri in entries:
        if change.kind == "unchanged":
            unchanged.append((change, uri))
            continue
        group += _unchanged(config, unchanged)
        unchanged = []
        group += _entry(config, uri, change, older)
    group += _unchanged(config, unchanged)


def _new_page(config: Config, title: str, uri: str, entries: list[tuple[Change, str]]) -> nodes.Element:
    """A page whose every unit is new: one block naming them, each linked; their words are read on the page.

    The comparison shows a unit's words as one paragraph; the page shows them with their headings and lists.
    """
    anchor = nodes.make_id(f"change-page-{title}")
    block = nodes.container(classes=["con-change", "con-change-new", "con-change-page"], ids=[anchor])
    head = nodes.paragraph(classes=["con-change-head"])
    head += nodes.strong("", _LABELS["new-page"], classes=["con-change-label"])
    head += nodes.Text(" ")
    head += nodes.reference("", f"“{title}”", refuri=uri, internal=True)
    head += nodes.Text(
        ": " + _("all %d parts listed here are new; read them on the page, with its headings and lists.") % len(entries)
    )
    block += head
    parts = nodes.bullet_list(classes=["con-change-parts"])
    for change, part_uri in entries:
        link = nodes.reference("", _unit_name(config, change.unit, change.new), refuri=part_uri, internal=True)
        parts += nodes.list_item("", nodes.paragraph("", "", link), ids=[change_anchor(change)])
    block += parts
    return block


def _entry(config: Config, uri: str, change: Change, older: str) -> nodes.Element:
    """A unit's entry: its label ("Changed paragraph 1.5, was 1.4"), then its words, marked only if changed."""
    entry = nodes.container(classes=["con-change", f"con-change-{change.kind}"], ids=[change_anchor(change)])
    head = nodes.paragraph(classes=["con-change-head"])
    retitled = change.kind == "renumbered" and change.unit != "clause"
    head += nodes.strong("", _LABELS["retitled" if retitled else change.kind], classes=["con-change-label"])
    head += nodes.Text(" ")
    head += nodes.reference("", _unit_name(config, change.unit, change.new or change.old), refuri=uri, internal=True)
    was = _short_name(change.unit, change.old)
    same_words = all(op == " " for op, _words in change.words)
    if change.kind == "removed":
        head += nodes.Text(" " + _("of the %s edition") % older)
    elif change.old and change.old != change.new:
        head += nodes.Text(", " + _("was %s") % was)
    if change.kind in ("moved", "renumbered") and same_words:
        head += nodes.Text("; " + _("words unchanged"))
    entry += head
    text = nodes.paragraph(classes=["con-change-text"])
    if change.kind in ("new", "removed"):
        text += nodes.Text(" ".join(words for _op, words in change.words))
        entry += text
    elif not same_words:
        entry += _add_words(text, change.words)
    return entry


def _unchanged(config: Config, run: list[tuple[Change, str]]) -> list[nodes.Node]:
    """A run of unchanged units as one line, "Unchanged: 3 paragraphs, 5.1 to 5.3", their words left out."""
    lines: list[nodes.Node] = []
    clauses = [(change.new, uri) for change, uri in run if change.unit == "clause"]
    if clauses:
        line = nodes.paragraph(classes=["con-unchanged"])
        line += nodes.strong("", _("Unchanged:"), classes=["con-change-label"])
        words = ClauseWords.of(config)
        if len(clauses) == 1:
            line += nodes.Text(f" {words.singular} ")
        else:
            line += nodes.Text(" " + _("%d %s,") % (len(clauses), words.plural) + " ")
        line += nodes.reference("", clauses[0][0], refuri=clauses[0][1], internal=True)
        if len(clauses) > 1:
            line += nodes.Text(" " + (_("and") if len(clauses) == 2 else _("to")) + " ")
            line += nodes.reference("", clauses[-1][0], refuri=clauses[-1][1], internal=True)
        lines.append(line)
    for change, uri in run:  # a section or table of a page without clauses: named on a line of its own
        if change.unit != "clause":
            line = nodes.paragraph(classes=["con-unchanged"])
            line += nodes.strong("", _("Unchanged:"), classes=["con-change-label"])
            line += nodes.Text(" ")
            line += nodes.reference("", _unit_name(config, change.unit, change.new), refuri=uri, internal=True)
            lines.append(line)
    return lines


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
    before, now = page_title(env, sources.most_common(1)[0][0]), page_title(env, group["docname"])
    if before != now:
        heading = nodes.paragraph("", _("Heading: "), classes=["con-change-heading"])
        group.insert(1, _add_words(heading, diff_words(before.split(), now.split())))


def _add_words(para: nodes.paragraph, runs: Iterable[tuple[str, str]]) -> nodes.paragraph:
    """Add runs of words to *para*, a space between them, each inserted or deleted run marked as tracked.py marks
    a proposed change."""
    for n, (op, words) in enumerate(runs):
        if n:
            para += nodes.Text(" ")
        para += tracked_inline("", words, kind=_MARKS[op]) if op in _MARKS else nodes.Text(words)
    return para


def _unit_name(config: Config, unit: str, label: str) -> str:
    """``paragraph 1.2``, ``section “Principle 1”``, ``table “What Members can expect”``."""
    if unit == "clause":
        return ClauseWords.of(config).name(label)
    return (_("section “%s”") if unit == "section" else _("table “%s”")) % label


def _short_name(unit: str, label: str) -> str:
    """``1.2`` for a clause, ``“Principle 1”`` for a section or table: where the kind of unit is known."""
    return label if unit == "clause" else f"“{label}”"


_MARKS = {"+": "ins", "-": "del"}
_KINDS = {
    "changed": _("Changed"),
    "new": _("New"),
    "removed": _("Removed"),
    "moved": _("Moved"),
    "renumbered": _("Renumbered or retitled only"),
    "unchanged": _("Unchanged"),
}
_LABELS = {  # the first words of an entry's label, before the unit's name
    "changed": _("Changed"),
    "new": _("New"),
    "removed": _("Removed"),
    "moved": _("Moved"),
    "renumbered": _("Renumbered"),
    "retitled": _("Retitled"),  # a section or table renumbered: its title changed, not its words
    "new-page": _("New page"),
}
