"""The record of a document over time: the decisions register checked against the editions' texts, each edition's
dates in force, and the document's timeline.

The register (``register.py``) says what each decision did to each clause; the editions' texts say what changed.
Once every page is read, the two are held together: for each edition a decision made, the clauses that differ
from the edition before it (as the comparison of editions pairs them, ``compare.py``) must be exactly the clauses
its decisions name, both ways. A clause named that did not change, or one that changed and is named by no decision,
is a warning at its line in the register, as is a clause that is not there, an edition that ``conf.py`` does not
list, or an edition in force before the one it follows.

An edition is in force from the latest day in force of the decisions that made it, until the next edition is.
``{edition-timeline}`` on a page sets out every edition and decision, newest first, each decision with an anchor
of its own (``#decision-<id>``) that never changes.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from sphinx.locale import _

from ...config import settings
from ...engine.datafiles import DataMistake, read_data_file
from ...engine.domains import ConstitutionDomain, domain
from ...engine.pages import in_folder
from ...engine.snapshots import changed_keys
from ...problems import Problem, warn
from ..clauses.identity import ClauseWords
from .addresses import edition_before
from .compare import Change, compared
from .comparison import edition_units
from .register import Decision, Effect, parse_decisions

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Set
    from datetime import date

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def setup_record(app: Sphinx) -> None:
    app.add_domain(RecordDomain)
    app.connect("env-updated", RecordDomain.read_register)


class Dates(NamedTuple):
    """An edition's days in force: from the day its decisions are all in force, to the day before the next's."""

    start: date
    end: date | None  # None: still in force


class Record(NamedTuple):
    """The register as checked after a read: its decisions (those without a mistake), and each edition's dates."""

    decisions: tuple[Decision, ...]
    dates: dict[str, Dates]
    places: dict[tuple[str, str], tuple[str, str]]  # (edition, clause number) -> (docname, anchor)
    earlier: dict[tuple[str, str], tuple[str, str]]  # (edition, number) -> (the edition before, its number there)


# -- the domain ---------------------------------------------------------------------------------------------------


class RecordDomain(ConstitutionDomain):
    """The pages with a timeline, and (derived after each read) the register as checked against the texts."""

    name = "record"
    label = "Decisions and editions"
    initial_data: ClassVar[dict[str, Any]] = {"timelines": {}, "record": None}

    @property
    def timelines(self) -> dict[str, int]:
        """Pages with an ``{edition-timeline}``: docname -> line."""
        return self.data["timelines"]

    @property
    def record(self) -> Record | None:
        return self.data["record"]

    @property
    def timeline_page(self) -> str | None:
        """The page whose timeline decisions link to (``#decision-<id>``): the first by name, if there are several."""
        return min(self.timelines, default=None)

    def clear_doc(self, docname: str) -> None:
        self.timelines.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.timelines.update((doc, line) for doc, line in otherdata["timelines"].items() if doc in docnames)

    @staticmethod
    def read_register(app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Read the register (every build: it is small, and its mistakes are told each time, as a page's are), check
        it against the texts, and name the timeline pages to write again when what they show changed."""
        records = domain(env, RecordDomain)
        before, record = records.record, _checked_record(app, env)
        records.data["record"] = record
        if before == record:
            return []
        # the timelines show the whole record; each page of an edition, in its banner, that edition's days in force
        redated = changed_keys(before.dates if before else {}, record.dates if record else {})
        folders = [settings(env.config).editions[edition] for edition in redated]
        pages = {doc for doc in env.found_docs if any(in_folder(doc, folder) for folder in folders)}
        return sorted(pages | records.timelines.keys())


def _checked_record(app: Sphinx, env: BuildEnvironment) -> Record | None:
    name = settings(env.config).decisions_register
    if not name:
        return None
    path = Path(app.confdir, name)
    try:
        decisions, mistakes = parse_decisions(read_data_file(path, "constitution_decisions_register"), path)
    except DataMistake as unreadable:
        warn(Problem.BAD_DECISIONS, unreadable.message, unreadable.where)
        return None
    for mistake in mistakes:
        warn(Problem.BAD_DECISIONS, mistake.message, mistake.where)
    editions = list(settings(env.config).editions)
    known = []
    for decision in decisions:
        if decision.edition in editions:
            known.append(decision)
            continue
        listed = ", ".join(editions) or "none in conf.py"
        message = f"decision {decision.id!r} made edition {decision.edition!r}, which is not one of {listed}"
        warn(Problem.BAD_DECISIONS, message, decision.where)
    dates = _edition_dates(editions, known)
    units = {edition: tuple(u for u in edition_units(env, edition) if u.kind == "clause") for edition in editions}
    places = {(edition, u.label): (u.docname, u.anchor) for edition, found in units.items() for u in found}
    earlier: dict[tuple[str, str], tuple[str, str]] = {}
    for newer, older in zip(editions, [*editions[1:], None], strict=True):
        made = [decision for decision in known if decision.edition == newer]
        if older is None:
            _first_edition(made, newer)
            continue
        changes = compared(units[older], units[newer])
        earlier.update(((newer, c.new), (older, c.old)) for c in changes if c.unit == "clause" and c.old and c.new)
        if made:
            _check_effects(env, made, newer, older, _facts(changes), places)
    return Record(tuple(sorted(known, key=lambda d: (d.in_force, d.adopted, d.id))), dates, places, earlier)


def _edition_dates(editions: list[str], decisions: list[Decision]) -> dict[str, Dates]:
    """Each edition's days in force, from its decisions; an edition in force before the one it follows is told at
    the decision that brings it into force."""
    starts: dict[str, tuple[date, Decision]] = {}
    for decision in decisions:
        if decision.edition not in starts or decision.in_force > starts[decision.edition][0]:
            starts[decision.edition] = (decision.in_force, decision)
    dated = [edition for edition in reversed(editions) if edition in starts]  # oldest first
    dates = {edition: Dates(starts[edition][0], None) for edition in dated}
    for older, newer in pairwise(dated):
        (begins, decision), (before, _first) = starts[newer], starts[older]
        if begins <= before:
            message = (
                f"decision {decision.id!r} brings the {newer} edition into force on {begins}, not after the "
                f"{older} edition it follows ({before}): editions are listed newest first in constitution_editions"
            )
            warn(Problem.BAD_DECISIONS, message, decision.where)
        dates[older] = Dates(before, begins - timedelta(days=1))
    return dates


# -- the register against the texts -------------------------------------------------------------------------------

#: What the comparison of two editions can show of a clause, as facts a register's effects name:
#: ("words", number) its words changed; ("number", number, was) renumbered; ("inserted", number);
#: ("repealed", number); ("replaced", number) one clause removed and another put at the same number.
Fact = tuple[str, ...]


def _first_edition(made: list[Decision], edition: str) -> None:
    """The first edition was adopted whole: there is nothing before it for a decision's effects to change."""
    for decision in made:
        for effect in decision.effects:
            message = f"the {edition} edition is the first: there is no edition before it for paragraph changes"
            warn(Problem.DECISION_MISMATCH, message, effect.where)


def _check_effects(
    env: BuildEnvironment,
    made: list[Decision],
    newer: str,
    older: str,
    found: set[Fact],
    places: dict[tuple[str, str], tuple[str, str]],
) -> None:
    """Warn where the effects of the decisions that made *newer* differ from what changed since *older* (*found*);
    *places* has the clauses of both editions."""
    effects = [(decision, effect) for decision in made for effect in decision.effects]
    name = ClauseWords.of(env.config).name
    named: set[Fact] = set()
    for _decision, effect in effects:
        where = older if effect.change == "repealed" else newer
        if (where, effect.clause) not in places or (effect.was and (older, effect.was) not in places):
            number = effect.clause if (where, effect.clause) not in places else effect.was
            edition = where if number == effect.clause else older
            warn(Problem.DECISION_MISMATCH, f"no {name(number)} in the {edition} edition", effect.where)
            continue
        fact = _fact(effect, found)
        named.add(fact)
        if fact not in found:
            message = f"{name(effect.clause)} was not {effect.change} between the {older} and {newer} editions: "
            warn(Problem.DECISION_MISMATCH, message + _what_was(found, effect.clause, name), effect.where)
    for fact in sorted(found - named):
        message = (
            f"{name(fact[1])} {_describe(fact, name)} between the {older} and {newer} editions, but no decision "
            f"that made the {newer} edition names it: add {_suggest(fact)} to its effects"
        )
        warn(Problem.DECISION_MISMATCH, message, made[0].where)


def _facts(changes: Iterable[Change]) -> set[Fact]:
    facts: set[Fact] = set()
    for change in changes:
        if change.unit != "clause" or change.kind == "unchanged":
            continue
        if change.kind == "new":
            facts.add(("inserted", change.new))
        elif change.kind == "removed":
            facts.add(("repealed", change.old))
        else:
            if any(op != " " for op, _words in change.words):
                facts.add(("words", change.new))
            if change.old != change.new:
                facts.add(("number", change.new, change.old))
    for number in {fact[1] for fact in facts if fact[0] == "inserted"} & {f[1] for f in facts if f[0] == "repealed"}:
        facts -= {("inserted", number), ("repealed", number)}
        facts.add(("replaced", number))
    return facts


def _fact(effect: Effect, found: set[Fact]) -> Fact:
    """The fact an effect names. A clause amended or substituted is one whose words changed, or one removed and
    another put at its number (the comparison cannot tell how much was rewritten; the register says)."""
    if effect.change in {"amended", "substituted"}:
        replaced = ("replaced", effect.clause)
        return replaced if replaced in found else ("words", effect.clause)
    if effect.change == "renumbered":
        return ("number", effect.clause, effect.was)
    return (effect.change, effect.clause)


def _what_was(found: set[Fact], number: str, name: Callable[[str], str]) -> str:
    said = [_describe(fact, name) for fact in sorted(found) if fact[1] == number]
    return f"it {' and '.join(said)}" if said else "its words and number are the same in both"


def _describe(fact: Fact, name: Callable[[str], str]) -> str:
    return {
        "words": "had its words changed",
        "number": f"was renumbered from {name(fact[-1])}",
        "inserted": "was inserted",
        "repealed": "was repealed",
        "replaced": "was replaced by new words",
    }[fact[0]]


def _suggest(fact: Fact) -> str:
    change = {"words": "amended", "replaced": "substituted", "number": "renumbered"}.get(fact[0], fact[0])
    was = f', was = "{fact[2]}"' if fact[0] == "number" else ""
    return f'{{ clause = "{fact[1]}", change = "{change}"{was} }}'


# -- effects, for what shows them (history.py, the feed, versions.json) ----------------------------------------


def effect_text(config: Config, effect: Effect) -> tuple[str, str]:
    """An effect in words: the paragraph's name, and what happened to it ("renumbered, was 7.3")."""
    return ClauseWords.of(config).name(effect.clause), (
        _("renumbered, was %s") % effect.was if effect.was else _(effect.change)
    )


def effect_place(config: Config, record: Record, decision: Decision, effect: Effect) -> tuple[str, str] | None:
    """(docname, anchor) of the paragraph an effect names: in the edition the decision made, or for a repealed one
    in the edition before it."""
    where = edition_before(config, decision.edition) if effect.change == "repealed" else None
    return record.places.get((where or decision.edition, effect.clause))
