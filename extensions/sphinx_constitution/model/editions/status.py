"""The state a document is in, declared on its start page and shown in a banner on each of its pages.

Every edition, and every stand-alone document such as a one-page note, declares its state on its start page::

    :::{status} draft
    :committee: Standards Committee
    :meeting: 2026-04-29
    :reviewed: 2026-04-29
    :review-due: 2027-04-29
    :::

The page and every page its toctrees include show it in a banner (a PDF prints it under its title), which
also says when the document was last reviewed and when the next review is due, or that it is overdue.

Only the state is required: a council publishes the facts it has, and the banner says only those ("Draft.",
"Adopted by Council.", "Adopted on 3 May 2024."). An older edition (``constitution_editions``) is superseded by the
current one without being told so: with no ``{status}``, or with ``{status} superseded`` and no
``:superseded-by:``, its banner says so and links the current edition. The current edition may have no
``{status}``; it then shows no banner.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

from ...config import PREFIX, edition_scope, settings
from ...engine.domains import ConstitutionDomain, domain
from ...engine.nodes import add_html_node, depart_div
from ...engine.pages import page_title
from ...engine.snapshots import changed_keys
from ...engine.sources import visible
from ...problems import Problem, warn
from .addresses import start_page

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator


def setup_status(app: Sphinx) -> None:
    app.add_domain(StatusDomain)
    app.add_directive("status", StatusDirective)
    app.connect("env-updated", StatusDomain.pages_to_rewrite)
    app.connect("env-check-consistency", StatusDomain.check_links)
    app.connect("doctree-resolved", add_banner, priority=600)  # after the PDF link: the banner comes first
    add_html_node(app, status_banner, (visit_banner_html, depart_div))


class Status(NamedTuple):
    """A document's status, as its ``{status}`` declares it."""

    state: str  # draft, adopted or superseded
    lineno: int
    committee: str = ""
    meeting: date | None = None
    adopted_by: str = ""
    adopted_on: date | None = None
    reviewed: date | None = None
    review_due: date | None = None
    superseded_by: str = ""  # a docname


# -- the directive -------------------------------------------------------------------------------------------

_STATES = ("draft", "adopted", "superseded")
_DATES = ("meeting", "adopted-on", "reviewed", "review-due")
# The dates of what has happened, which the banner tells as done ("Adopted on …", "Last reviewed …"): not after the
# build's day (a meeting may be to come, and a review is due in the future).
_PAST = {"adopted-on": "adopted", "reviewed": "reviewed"}
_NAMES = ("committee", "adopted-by")  # who: names the banner prints


#: The earliest year a date of a status may have: councils as they are today were made by the Local Government Act
#: 1972 (its Scottish and Northern Irish counterparts are of 1973 and 1972), so an earlier date is a year mistyped.
EARLIEST_YEAR = 1972
#: How many years after the build a date may be: a review is due in a year or a few, never in decades.
LATEST_YEARS = 10
_WRITTEN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def read_date(written: str, today: date) -> date | str:
    """The date *written* in a status, or why it is not one that people write: only ``2026-04-29`` (Python would
    also read ``20260429`` and ``2026-W18-3``, which no one means), a day of the calendar, from
    :data:`EARLIEST_YEAR` to :data:`LATEST_YEARS` after *today*."""
    if not _WRITTEN_DATE.fullmatch(written.strip()):
        return "is not a date written as 2026-04-29"
    year, month, day = (int(part) for part in written.strip().split("-"))
    if not 1 <= month <= 12:
        return f"is not a date: there is no month {month}"
    if not 1 <= day <= (days := calendar.monthrange(year, month)[1]):
        return f"is not a date: {calendar.month_name[month]} {year} has {days} days"
    if year < EARLIEST_YEAR:
        return f"is before {EARLIEST_YEAR}, when the councils of today were made: is the year mistyped?"
    if year > today.year + LATEST_YEARS or (
        year == today.year + LATEST_YEARS and (month, day) > (today.month, today.day)
    ):
        return f"is more than {LATEST_YEARS} years after today ({today.isoformat()}): is the year mistyped?"
    return date(year, month, day)


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
        if state not in _STATES:
            return self._problem(f"{state!r} is not a status: use draft, adopted or superseded")
        if state == "superseded" and "superseded-by" not in self.options and not _older_edition(self.env):
            return self._problem("a superseded status needs :superseded-by: (the page of the text now in force)")
        if state != "superseded" and _older_edition(self.env):
            current = next(iter(settings(self.config).editions))
            return self._problem(
                f"the {edition_scope(self.config, self.env.docname)} edition says it is {state}, but "
                f"{PREFIX}editions lists {current!r} first, as the current text: write {{status}} superseded (moved "
                "editions keep :adopted-by: and :adopted-on:)"
            )
        dates = self._dates()
        if isinstance(dates, str):
            return self._problem(dates)
        if (dates.get("reviewed") and dates.get("review-due")) and dates["review-due"] <= dates["reviewed"]:
            return self._problem(":review-due: must come after :reviewed:")
        if blank := next((name for name in _NAMES if name in self.options and not visible(self.options[name])), None):
            return self._problem(f":{blank}: has nothing a reader can see: write the name, or leave it out")
        if self.options.get("superseded-by", "").strip().strip("/") == self.env.docname:
            return self._problem(":superseded-by: names this page: name the page of the text now in force")
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
        statuses = domain(self.env, StatusDomain).statuses
        if self.env.docname in statuses:
            return self._problem("this page already has a status")
        statuses[self.env.docname] = status
        return []

    def _dates(self) -> dict[str, date] | str:
        """The status's dates, by option, or what is wrong with the first that cannot be one."""
        dates: dict[str, date] = {}
        today = settings(self.config).today or datetime.now(UTC).date()
        for name in (name for name in _DATES if name in self.options):
            read = read_date(self.options[name], today)
            if isinstance(read, str):
                return f":{name}: {self.options[name]!r} {read}"
            if name in _PAST and read > today:
                message = f"is after today ({today.isoformat()}): a document is {_PAST[name]} on a day that has come"
                return f":{name}: {self.options[name]!r} {message}"
            dates[name] = read
        return dates

    def _problem(self, message: str) -> list[nodes.Node]:
        warn(Problem.BAD_STATUS, message, self.get_location())
        return []


# -- the domain ----------------------------------------------------------------------------------------------


class StatusDomain(ConstitutionDomain):
    """Each document's status, by its start page, and the status each page shows (derived after each read)."""

    name = "status"
    label = "Document status"
    initial_data: ClassVar[dict[str, Any]] = {
        "statuses": {},  # start docname -> Status
        "owners": {},  # docname -> (start page, its Status): the banner it shows (derived after each read)
    }

    @property
    def statuses(self) -> dict[str, Status]:
        return self.data["statuses"]

    @property
    def owners(self) -> dict[str, tuple[str, Status]]:
        return self.data["owners"]

    def clear_doc(self, docname: str) -> None:
        self.statuses.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.statuses.update((doc, value) for doc, value in otherdata["statuses"].items() if doc in docnames)

    # A page's banner follows its start page's status and the toctrees. The owners of the last build are still
    # in the environment: a page is written again when the banner it shows differs.

    @staticmethod
    def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
        found = domain(env, StatusDomain)
        owners = _owners(env, found.statuses)
        stale = changed_keys(found.owners, owners)
        found.data["owners"] = owners
        return sorted(stale & env.all_docs.keys())

    @staticmethod
    def check_links(app: Sphinx, env: BuildEnvironment) -> None:
        statuses = domain(env, StatusDomain).statuses
        for docname, status in sorted(statuses.items()):
            if status.superseded_by and status.superseded_by not in env.all_docs:
                warn(Problem.BAD_STATUS, f":superseded-by: no page {status.superseded_by!r}", (docname, status.lineno))
        for edition_id in settings(env.config).editions:
            start = start_page(env.config, edition_id)
            if start not in env.all_docs:
                warn(Problem.UNKNOWN_EDITION, f"edition {edition_id!r}: there is no page {start!r}", None)


def _older_edition(env: BuildEnvironment) -> bool:
    """Whether the page being read starts an edition older than the current one (the first listed)."""
    starts = [start_page(env.config, edition_id) for edition_id in settings(env.config).editions]
    return env.docname in starts[1:]


def _known(env: BuildEnvironment, statuses: dict[str, Status]) -> dict[str, Status]:
    """Each document's status as declared, with what the editions tell: an older edition is superseded by the
    current one, whether or not its start page says so."""
    known = dict(statuses)
    starts = [start_page(env.config, edition_id) for edition_id in settings(env.config).editions]
    for start in starts[1:]:
        status = known.get(start, Status("superseded", 0))
        if status.state == "superseded" and not status.superseded_by:
            known[start] = status._replace(superseded_by=starts[0])
    return known


def _owners(env: BuildEnvironment, declared: dict[str, Status]) -> dict[str, tuple[str, Status]]:
    """docname -> the nearest page at or above it in the toctrees that has a status."""
    statuses = _known(env, declared)
    parents: dict[str, str] = {}
    for parent, children in sorted(env.toctree_includes.items()):
        for child in children:
            parents.setdefault(child, parent)
    owners = {}
    for docname in env.all_docs:
        seen: set[str] = set()
        page: str | None = docname
        while page is not None and page not in statuses and page not in seen:
            seen.add(page)
            page = parents.get(page)
        if page is not None and page in statuses:
            owners[docname] = (page, statuses[page]._replace(lineno=0))
    return owners


# -- the banner ----------------------------------------------------------------------------------------------


class status_banner(nodes.General, nodes.Element):
    """The status of the document a page belongs to; attribute ``state``."""


def add_banner(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    owner = domain(app.env, StatusDomain).owners.get(docname)
    section = next(doctree.findall(nodes.section), None)
    if owner is None or section is None:
        return
    status = owner[1]
    banner = status_banner(state=status.state, classes=["pdf-title-block"])  # a PDF prints it under its title
    banner += _status_line(app.builder, docname, status)
    if status.state != "superseded" and (status.reviewed or status.review_due):
        today = settings(app.config).today or datetime.now(UTC).date()
        banner += _review_line(status, today)
        if _overdue(status, today):
            banner["state"] += " overdue"
    section.insert(1 if section.children and isinstance(section[0], nodes.title) else 0, banner)


def _status_line(builder: Builder, docname: str, status: Status) -> nodes.paragraph:
    para = nodes.paragraph(classes=["con-status-line"])
    if status.state == "draft":
        para += nodes.strong("", _("Draft"))
        para += nodes.Text(_draft_for(status))
        return para
    if status.state == "adopted":
        para += nodes.strong("", _("Adopted"))
        para += nodes.Text(_adopted(status))
        return para
    para += nodes.strong("", _("Superseded."))
    para += nodes.Text(_(" This edition is kept for reference; the current text is "))
    name = page_title(builder.env, status.superseded_by)
    for edition_id in settings(builder.config).editions:
        if status.superseded_by == start_page(builder.config, edition_id):
            name = _("the %s edition") % edition_id
    uri = builder.get_relative_uri(docname, status.superseded_by)
    para += nodes.reference("", name, refuri=uri, internal=True)
    para += nodes.Text(".")
    if status.adopted_by or status.adopted_on:
        para += nodes.Text(_(" It was adopted") + _adopted(status))
    return para


def _draft_for(status: Status) -> str:
    """What follows "Draft": `` for the Standards Committee meeting on 29 April 2026.`` with what is known."""
    if status.committee and status.meeting:
        return _(" for the %s meeting on %s.") % (status.committee, day_in_words(status.meeting))
    if status.committee:
        return _(" for the %s.") % status.committee
    if status.meeting:
        return _(" for the meeting on %s.") % day_in_words(status.meeting)
    return "."


def _adopted(status: Status) -> str:
    """What follows "Adopted": `` by Council on 3 May 2024.`` with what is known."""
    by = (_(" by %s") % status.adopted_by) if status.adopted_by else ""
    on = (_(" on %s") % day_in_words(status.adopted_on)) if status.adopted_on else ""
    return f"{by}{on}."


def _review_line(status: Status, today: date) -> nodes.paragraph:
    para = nodes.paragraph(classes=["con-status-review"])
    if status.reviewed:
        para += nodes.Text(_("Last reviewed %s. ") % day_in_words(status.reviewed))
    if _overdue(status, today):
        para += nodes.strong("", _("Review overdue:"))
        para += nodes.Text(_(" the next review was due by %s.") % day_in_words(status.review_due))
    elif status.review_due:
        para += nodes.Text(_("Next review due by %s.") % day_in_words(status.review_due))
    return para


def _overdue(status: Status, today: date) -> bool:
    return status.review_due is not None and status.review_due < today


def day_in_words(value: date | None) -> str:
    """A date as readers write it, ``29 April 2026``; ``""`` for a date not given."""
    return f"{value.day} {value:%B} {value.year}" if value else ""


def visit_banner_html(self: HTML5Translator, node: status_banner) -> None:
    classes = " ".join(f"con-status-{word}" for word in node["state"].split())
    label = self.encode(_("Status of this document"))
    self.body.append(f'<div class="con-status {classes}" role="note" aria-label="{label}">')
