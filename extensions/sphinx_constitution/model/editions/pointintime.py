"""The text as it stood on a date: ``{edition-on-a-date}``, a page where a reader gives a day and reaches the edition
in force on it, at the paragraph they asked for.

An editor places it on a page of their choosing, as ``{edition-timeline}``::

    # The protocol on a date

    :::{edition-on-a-date}
    :::

A directive rather than a page the package writes at a fixed address, so that the page has the title, the words
around it and the place in the navigation that the editor gives it, and a site without a decisions register (which
alone dates the editions) has no empty page. ``docs/editions/on-a-date.md`` gives it the address README suggests.

What it shows:

- every edition, newest first, with the days it was in force, each linked to its start page: without JavaScript a
  reader finds the edition for a day by eye;
- a form (a labelled date, hidden until ``on-a-date.js`` runs) that sends the reader to the edition in force on
  the day given ("exactly on that day, or the latest before it": an edition is in force from the day its decisions
  came into force until the day before the next one did), keeping the paragraph they asked for: the page's own
  ``#clause-6-7`` is the same paragraph's address in the edition reached. ``?date=2025-11-01#clause-6-7`` on the
  page's address does the same, so the lookup can be bookmarked or linked. Instead of going there, the page says why
  when the day is before the first edition (an error at the field), when a decision adopted by that day was not yet
  in force (the edition then in force, and the decision's day in force), or when the edition has no such paragraph.

The page carries what the script needs as data (``<script type="application/json">``, which no browser runs): each
dated edition's days in force and address, the address and name of each of its paragraphs, the decisions' dates,
and the sentences to say (here, so that they are translated with the rest). The script is the package's own static
file, loaded only by a page with the directive; content adds none.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ...config import settings
from ...engine.builders import is_website
from ...engine.domains import ConstitutionDomain, domain
from ...engine.markup import NoOptions
from ...engine.nodes import LEFT_OUT, add_html_node
from ...engine.snapshots import snapshot_around_read
from ...problems import Problem, warn
from ...theme.assets import only_on_pages_with, script
from ..clauses.identity import ClauseWords
from .addresses import start_page
from .history import in_force_words
from .record import Record, RecordDomain
from .status import day_in_words

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

ASSETS = frozenset({"on-a-date.js"})


def setup_point_in_time(app: Sphinx) -> None:
    app.add_domain(PointInTimeDomain)
    app.add_directive("edition-on-a-date", OnADateDirective)
    app.add_node(on_a_date_placeholder)
    add_html_node(app, on_a_date_form, (visit_form_html, depart_form_html), LEFT_OUT)
    app.connect("doctree-resolved", fill_on_a_date)
    app.connect("builder-inited", script("on-a-date.js"))
    only_on_pages_with(app, on_a_date_form, ASSETS)
    # An edit to the register, or one that moves a paragraph, reads no page with the lookup: it shows the record.
    snapshot_around_read(app, lambda env: domain(env, RecordDomain).record, PointInTimeDomain.pages_to_rewrite)


class PointInTimeDomain(ConstitutionDomain):
    """The pages with an ``{edition-on-a-date}``."""

    name = "pointintime"
    label = "The text on a date"
    initial_data: ClassVar[dict[str, Any]] = {"pages": {}}  # docname -> line

    @property
    def pages(self) -> dict[str, int]:
        return self.data["pages"]

    def clear_doc(self, docname: str) -> None:
        self.pages.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.pages.update((doc, line) for doc, line in otherdata["pages"].items() if doc in docnames)

    @staticmethod
    def pages_to_rewrite(env: BuildEnvironment, before: Record | None, after: Record | None) -> list[str]:
        return [] if before == after else sorted(domain(env, PointInTimeDomain).pages)


class on_a_date_placeholder(nodes.General, nodes.Element):
    """Where ``{edition-on-a-date}`` puts the lookup once every page is read and the register checked."""


class on_a_date_form(nodes.General, nodes.Element):
    """The form and the data its script reads: ``data`` is the JSON text the page carries."""


class OnADateDirective(SphinxDirective):
    """``{edition-on-a-date}``: the editions with their days in force, and a form that reaches the one in force on a
    day."""

    option_spec = NoOptions()

    def run(self) -> list[nodes.Node]:
        if not settings(self.config).decisions_register:
            message = "edition-on-a-date needs constitution_decisions_register in conf.py: it dates the editions"
            warn(Problem.BAD_DECISIONS, message, self.get_location())
            return []
        pages = domain(self.env, PointInTimeDomain).pages
        if self.env.docname in pages:  # its form's ids are the page's
            message = f"one edition-on-a-date a page: this page has one at line {pages[self.env.docname]}"
            warn(Problem.BAD_DECISIONS, message, self.get_location())
            return []
        pages[self.env.docname] = self.lineno
        node = on_a_date_placeholder()
        self.set_source_info(node)
        return [node]


def fill_on_a_date(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname not in domain(app.env, PointInTimeDomain).pages:  # the domain knows the page: no other is walked
        return
    record = domain(app.env, RecordDomain).record
    for placeholder in list(doctree.findall(on_a_date_placeholder)):
        if record is None:  # the register could not be read: its warning says why
            placeholder.replace_self([])
            continue
        shown: list[nodes.Node] = []
        if is_website(app.builder):
            shown.append(on_a_date_form(data=json.dumps(_data(app, docname, record), ensure_ascii=False)))
        shown.append(_editions_list(app, docname, record))
        placeholder.replace_self(shown)


def _editions_list(app: Sphinx, docname: str, record: Record) -> nodes.bullet_list:
    """Each edition, newest first, with its days in force, linked: the lookup by eye."""
    listing = nodes.bullet_list(classes=["con-on-a-date-editions"])
    for edition in settings(app.config).editions:
        name = nodes.Text(_("The %s edition") % edition)
        line = nodes.paragraph("", "", make_refnode(app.builder, docname, start_page(app.config, edition), "", name))
        dates = record.dates.get(edition)
        line += nodes.Text(": " + (in_force_words(dates) if dates else _("its days in force are not recorded")))
        listing += nodes.list_item("", line)
    return listing


def _span(start: Any, end: Any) -> str:
    if end is None:
        return _("from %s") % day_in_words(start)
    return _("from %s to %s") % (day_in_words(start), day_in_words(end))


def _data(app: Sphinx, docname: str, record: Record) -> dict[str, Any]:
    """What the script reads: each dated edition, oldest first, the decisions' dates, and what to say."""
    builder, words = app.builder, ClauseWords.of(app.config)
    editions = []
    for edition in reversed(settings(app.config).editions):
        if (dates := record.dates.get(edition)) is None:
            continue
        start = builder.get_relative_uri(docname, start_page(app.config, edition))
        clauses = {
            anchor: [f"{builder.get_relative_uri(docname, page)}#{anchor}", words.name(number)]
            for (held, number), (page, anchor) in record.places.items()
            if held == edition
        }
        editions.append(
            {
                "id": edition,
                "from": dates.start.isoformat(),
                "until": dates.end.isoformat() if dates.end else None,
                "days": _span(dates.start, dates.end),
                "url": start,
                "clauses": clauses,
            }
        )
    decisions = [
        {
            "by": d.by,
            "kind": d.kind,
            "adopted": d.adopted.isoformat(),
            "in_force": d.in_force.isoformat(),
            "adopted_words": day_in_words(d.adopted),
            "in_force_words": day_in_words(d.in_force),
        }
        for d in record.decisions
    ]
    return {"editions": editions, "decisions": decisions, "say": _sayings()}


def _sayings() -> dict[str, str]:
    """The sentences the script fills in ({date}, {edition}, {days}, {paragraph}, {by}, {adopted}, {in_force})."""
    return {
        "empty": _("Enter a date, for example 1 November 2025."),
        "before": _("There is no edition before the first, in force from {first}: enter that day or a later one."),
        "in_force": _("On {date} the {edition} edition was in force ({days})."),
        "pending": _("The decision of {by} adopted on {adopted} was not yet in force that day (from {in_force})."),
        "correction": _("The correction by {by} made on {adopted} was not yet in force that day (from {in_force})."),
        "missing": _("The {edition} edition has no {paragraph}."),
        "read": _("Read {paragraph} as it stood then"),
        "read_edition": _("Read the {edition} edition"),
        "error": _("Error:"),
    }


def visit_form_html(self: HTML5Translator, node: on_a_date_form) -> None:
    """The form, hidden until its script runs (without it, a form that could do nothing), and the page's data."""
    label, hint = self.encode(_("Date")), self.encode(_("For example, 1 November 2025."))
    button = self.encode(_("Show the text in force"))
    data = node["data"].replace("</", "<\\/")  # JSON's own escape: the text cannot close the element early
    self.body.append(
        '<form class="con-on-a-date" id="con-on-a-date" hidden novalidate>\n'
        f'<p class="con-on-a-date-field"><label for="con-on-a-date-day">{label}</label>\n'
        f'<span class="con-on-a-date-hint" id="con-on-a-date-hint">{hint}</span>\n'
        '<span class="con-on-a-date-error" id="con-on-a-date-error" hidden></span>\n'
        '<input type="date" id="con-on-a-date-day" name="date" aria-describedby="con-on-a-date-hint"></p>\n'
        f'<p><button type="submit">{button}</button></p>\n'
        "</form>\n"
        '<div class="con-on-a-date-result" id="con-on-a-date-result" role="status"></div>\n'
        f'<script type="application/json" id="con-on-a-date-data">{data}</script>\n'
    )


def depart_form_html(self: HTML5Translator, node: on_a_date_form) -> None:
    pass
