"""What a comparison of two editions writes: the page of entries in place of ``{edition-changes}``, and the note
on each clause it compared.

The comparison page starts with a summary (how many units changed, were new, removed, moved, renumbered only or
unchanged), then one entry per unit in the newer edition's order, grouped by the newer edition's pages; a removed
unit stays with the page it followed. Each entry links to its unit and shows its words, the inserted and deleted
ones marked as ``{ins}`` and ``{del}`` mark a proposed change. On the website, each changed clause of the newer
edition links to its entry, and each clause of the older one to where it went.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _

from ...common import domain, page_title
from ...config import settings
from ..clauses.nodes import clause, clause_body
from ..tracked import tracked_inline
from .addresses import for_the_website
from .compare import Change, diff_words
from .comparison import Comparison, ComparisonDomain, change_anchor, changes_placeholder

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def setup_rendering(app: Sphinx) -> None:
    app.connect("doctree-resolved", mark_clauses)
    app.connect("doctree-resolved", fill_changes)


def mark_clauses(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each compared clause's link to its comparison entry or successor."""
    markers = domain(app.env, ComparisonDomain).markers.get(docname)
    if not markers or not for_the_website(app.builder):
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
        comparison = domain(app.env, ComparisonDomain).changes.get(docname)
        placeholder.replace_self(_render(app, docname, comparison) if comparison else [])


def _render(app: Sphinx, docname: str, comparison: Comparison) -> list[nodes.Node]:
    older, newer, changes, places = comparison
    summary = nodes.section("", nodes.title("", _("Summary")), ids=["changes-summary"])
    counts = nodes.bullet_list(classes=["con-changes-summary"])
    for kind, label in _KINDS.items():
        count = sum(1 for c in changes if c.kind == kind)
        counts += nodes.list_item("", nodes.paragraph("", f"{label}: {count}"))
    summary += counts
    groups: list[nodes.section] = []
    for change in changes:
        label, edition = (change.new, newer) if change.new else (change.old, older)
        page, anchor = places[edition, change.unit, label]
        if not groups or (change.new and page != groups[-1]["docname"]):
            # one section per page of the newer edition; a removed unit stays with the page it followed
            title = page_title(app.env, page)
            groups.append(nodes.section("", nodes.title("", title), docname=page))
            groups[-1]["ids"].append(nodes.make_id(f"changes-{title}"))
            groups[-1]["classes"].append("con-changes")
        uri = app.builder.get_relative_uri(docname, page) + "#" + anchor
        groups[-1] += _entry(app.config, uri, change, label, older, newer)
    for group in groups:
        _note_retitled(app.env, group, comparison)
    return [summary, *groups]


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


def _entry(config: Config, uri: str, change: Change, label: str, older: str, newer: str) -> nodes.Element:
    entry = nodes.container(classes=["con-change", f"con-change-{change.kind}"], ids=[change_anchor(change)])
    head = nodes.paragraph(classes=["con-change-head"])
    head += nodes.reference("", _unit_name(config, change.unit, label), refuri=uri, internal=True)
    head += nodes.Text(" — ")
    kind = change.kind
    if kind == "changed" and change.old != change.new:
        kind = "changed, renumbered"
    if kind == "renumbered" and change.unit != "clause":
        kind = "retitled"
    head += nodes.strong("", _KIND_WORDS[kind] % {"old": change.old, "older": older, "newer": newer})
    entry += head
    entry += _add_words(nodes.paragraph(classes=["con-change-text"]), change.words)
    return entry


def _add_words(para: nodes.paragraph, runs: Iterable[tuple[str, str]]) -> nodes.paragraph:
    """Add runs of words to *para*, a space between them, each inserted or deleted run marked as tracked.py marks
    a proposed change."""
    for n, (op, words) in enumerate(runs):
        if n:
            para += nodes.Text(" ")
        para += tracked_inline("", words, kind=_MARKS[op]) if op in _MARKS else nodes.Text(words)
    return para


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
