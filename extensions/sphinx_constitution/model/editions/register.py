"""The decisions register: each decision that made an edition, and its effects on clauses, read from a data file.

``constitution_decisions_register`` (in ``conf.py``) names a TOML file kept with the content, as the codes register
is. Each ``[[decision]]`` records who decided, where it is minuted, when it was adopted and came into force, the
edition it made, and what it did to each clause::

    [[decision]]
    id = "council-2026-05-20"      # one word, never changed: the decision's anchor and its entry in the feed
    kind = "decision"              # or "correction": the Monitoring Officer's minor corrections, reported to Council
    by = "Annual Council"
    minute = "Minute 12 (2026/27)"
    minute_url = "https://example.gov.uk/minutes/2026-05-20"
    adopted = 2026-05-20           # a date, written as TOML writes dates: no quotes
    in_force = 2026-06-01
    edition = "2026"               # the edition it made (constitution_editions)
    effects = [
        { clause = "6.7", change = "substituted" },
        { clause = "6.13", change = "inserted" },
        { clause = "9.6", change = "repealed" },
        { clause = "7.2", change = "renumbered", was = "7.3" },
    ]

This module reads the file and checks each entry's form, in plain Python; ``record.py`` checks the register against
the editions' texts and shows it. A mistake is a :class:`~sphinx_constitution.engine.datafiles.DataMistake` at its
line; an entry with a mistake is left out, so one mistake gives one warning.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from ...engine.datafiles import (
    ID_FORM,
    DataMistake,
    EntrySource,
    describe,
    disguised,
    is_web_address,
    table_entries,
    unfit_text,
)

if TYPE_CHECKING:
    from pathlib import Path

#: What a decision can do to a clause. A clause whose words changed is ``amended`` (some words) or
#: ``substituted`` (the whole text replaced): the register says which; the comparison sees only that they changed.
CHANGES = ("inserted", "substituted", "amended", "renumbered", "repealed")
KINDS = ("decision", "correction")
REQUIRED = ("id", "kind", "by", "adopted", "in_force", "edition")
OPTIONAL = ("minute", "minute_url", "summary", "effects")
TEXT_FIELDS = ("id", "kind", "by", "edition", "minute", "minute_url", "summary")
EFFECT_FIELDS = ("clause", "change", "was")


class Effect(NamedTuple):
    """What one decision did to one clause: ``change`` is one of :data:`CHANGES`; ``was`` is a renumbered clause's
    number before."""

    clause: str
    change: str
    was: str
    where: str  # path:line of the effect in the register


class Decision(NamedTuple):
    """One entry of the register, its form checked."""

    id: str
    kind: str
    by: str
    minute: str
    minute_url: str
    summary: str
    adopted: date
    in_force: date
    edition: str
    effects: tuple[Effect, ...]
    where: str  # path:line of its [[decision]]


def parse_decisions(text: str, path: Path) -> tuple[list[Decision], list[DataMistake]]:
    """The register's decisions, in the order written, and the mistakes of the entries left out.

    Raises :class:`DataMistake` if the file is not a register at all (not TOML, no ``[[decision]]`` tables).
    """
    listed, sources = table_entries(text, path, "decision", "register")
    decisions: list[Decision] = []
    mistakes: list[DataMistake] = []
    seen: dict[str, str] = {}
    for position, (entry, source) in enumerate(zip(listed, sources, strict=True), 1):
        try:
            decision = _decision(entry, source, position)
            if decision.id in seen:
                message = f"decision id {decision.id!r} is listed twice (first at {seen[decision.id]})"
                raise DataMistake(source.where("id"), message)
        except DataMistake as mistake:
            mistakes.append(mistake)
            continue
        seen[decision.id] = decision.where
        decisions.append(decision)
    return decisions, mistakes


def _decision(entry: dict[str, Any], source: EntrySource, position: int) -> Decision:
    given = entry.get("id")
    name = f"decision {given!r}" if isinstance(given, str) and given.strip() else f"decision {position}"
    if missing := [field for field in REQUIRED if field not in entry]:
        raise DataMistake(source.where("id"), f"{name} lacks {', '.join(missing)}")
    if unknown := sorted(entry.keys() - {*REQUIRED, *OPTIONAL}):
        known = ", ".join((*REQUIRED, *OPTIONAL))
        raise DataMistake(source.where(unknown[0]), f"{name} has an unknown field {unknown[0]!r}; known: {known}")
    for field in TEXT_FIELDS:
        if field in entry:
            _check_text(entry[field], f"{name}: {field}", source.where(field), one_word=field in {"id", "minute_url"})
    if not ID_FORM.fullmatch(entry["id"]):
        message = f"{name}: id must be lower-case letters, digits and single hyphens (council-2026-05-20)"
        raise DataMistake(source.where("id"), message)
    if entry["kind"] not in KINDS:
        raise DataMistake(source.where("kind"), f"{name} has kind {entry['kind']!r}; use one of {', '.join(KINDS)}")
    if "minute_url" in entry and not is_web_address(entry["minute_url"]):
        url = entry["minute_url"]
        message = f"{name}: minute_url must be the http or https address where the minute is published{disguised(url)}"
        raise DataMistake(source.where("minute_url"), message)
    adopted = _date(entry["adopted"], f"{name}: adopted", source.where("adopted"))
    in_force = _date(entry["in_force"], f"{name}: in_force", source.where("in_force"))
    if in_force < adopted:
        message = f"{name} comes into force ({in_force}) before it was adopted ({adopted})"
        raise DataMistake(source.where("in_force"), message)
    return Decision(
        id=entry["id"],
        kind=entry["kind"],
        by=entry["by"],
        minute=entry.get("minute", ""),
        minute_url=entry.get("minute_url", ""),
        summary=entry.get("summary", ""),
        adopted=adopted,
        in_force=in_force,
        edition=entry["edition"],
        effects=_effects(entry.get("effects", []), name, source),
        where=f"{source.path}:{source.line}",
    )


def _check_text(value: object, what: str, where: str, *, one_word: bool) -> None:
    if not isinstance(value, str):
        raise DataMistake(where, f'{what} must be text in quotes ("..."), not {describe(value)}')
    if not value.strip():
        raise DataMistake(where, f"{what} is empty: write it, or leave the field out")
    if unfit := unfit_text(value, one_word=one_word):
        raise DataMistake(where, f"{what} {unfit}")


def _date(value: object, what: str, where: str) -> date:
    """A TOML date (``2026-05-20``, no quotes); a date and time, or text, is refused with what to write."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            written = date.fromisoformat(value.strip())
        except ValueError:
            raise DataMistake(where, f"{what} must be a date written 2026-05-20 (no quotes), not {value!r}") from None
        raise DataMistake(where, f"{what} must be a date without quotes: {what.rpartition(': ')[2]} = {written}")
    raise DataMistake(where, f"{what} must be a date written 2026-05-20 (no quotes), not {describe(value)}")


def _effects(listed: object, name: str, source: EntrySource) -> tuple[Effect, ...]:
    where = source.where("effects")
    if not isinstance(listed, list) or not all(isinstance(effect, dict) for effect in listed):
        message = f'{name}: effects must be a list of {{ clause = "6.7", change = "amended" }}, not {describe(listed)}'
        raise DataMistake(where, message)
    lines = _effect_lines(source, len(listed))
    effects = []
    for effect, line in zip(listed, lines, strict=True):
        here = f"{source.path}:{line}"
        if unknown := sorted(effect.keys() - set(EFFECT_FIELDS)):
            message = f"{name}: an effect has an unknown field {unknown[0]!r}; known: {', '.join(EFFECT_FIELDS)}"
            raise DataMistake(here, message)
        for field in ("clause", "change"):
            if field not in effect:
                raise DataMistake(here, f"{name}: an effect lacks its {field}")
        for field in effect:
            _check_text(effect[field], f"{name}: an effect's {field}", here, one_word=True)
        change = effect["change"]
        if change not in CHANGES:
            raise DataMistake(here, f"{name}: change {change!r} is not one of {', '.join(CHANGES)}")
        if (change == "renumbered") != ("was" in effect):
            message = (
                f'{name}: a renumbered clause says the number it was (was = "7.3")'
                if change == "renumbered"
                else f"{name}: 'was' is for a renumbered clause; a {change} clause keeps its number"
            )
            raise DataMistake(here, message)
        effects.append(Effect(effect["clause"], change, effect.get("was", ""), here))
    return tuple(effects)


def _effect_lines(source: EntrySource, count: int) -> list[int]:
    """The line of each of a decision's *count* effects: where each ``clause =`` is written, in order; the line of
    ``effects`` for them all if they cannot be told apart."""
    found = [source.line + source.text.count("\n", 0, m.start()) for m in re.finditer(r"\bclause\s*=", source.text)]
    if len(found) == count:
        return found
    return [int(source.where("effects").rpartition(":")[2])] * count
