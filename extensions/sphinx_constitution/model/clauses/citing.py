"""Citations of several clauses: reading a ``{clause}`` reference's target, a list of clauses and ranges.

One reference may cite several clauses, as a council writes them: ``{clause}`8 to 11``` prints "paragraphs 8 to
11" and ``{clause}`6.7, 6.9 and 7.5(3)``` "paragraphs 6.7, 6.9 and 7.5(3)", each number a link; every clause of a
range, 9 and 10 too, is checked and counted as cited.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ...problems import Problem
from ..scopes import scoped, unscoped
from .numbers import ClauseNumber, roman_value, sequence_values, to_roman

if TYPE_CHECKING:
    from collections.abc import Callable

_LIST = re.compile(r",\s+(?:and\s+)?|\s+and\s+")  # "6.7, 6.9 and 7.5(3)"; "6,7" stays one (unreadable) number
_TO = re.compile(r"\s+to\s+")
#: The most clauses one range may span: each is checked and counted as cited, and content is data (README, Security).
MAX_RANGE = 1000

Trouble = tuple[Problem, str]


class Cited(NamedTuple):
    """One item of a ``{clause}`` reference: one clause, or a range of clauses.

    ``ends`` holds ``(key, number as written)`` for the clause, or for a range's first and last clause; it is empty
    when the item cannot be read. ``between`` holds the keys of the clauses a range passes over.
    """

    written: str
    ends: tuple[tuple[str, str], ...] = ()
    between: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """Every clause the item cites, in order."""
        keys = [key for key, _shown in self.ends]
        return (*keys[:1], *self.between, *keys[1:])


def read_citation(text: str, scope: str) -> tuple[list[Cited], list[Trouble]]:
    """Read a ``{clause}`` reference's target: ``6.7``, ``8 to 11``, ``6.7, 6.9 and 7.5(3)``, ``6.7 to 6.9 and 7.1``.

    Items are separated by ``and`` or by a comma and a space (``6,7`` is one number, misread). *scope* is the citing
    page's; a number may name another (``pre-2026:6.7``), and a range's last number is in its first number's scope
    unless it names its own. Returns the items, and what is wrong with them.
    """
    items, troubles = [], []
    for written in _LIST.split(text.strip()):
        item, trouble = _read_item(written, scope)
        items.append(item)
        troubles += trouble
    return items, troubles


def _read_item(written: str, scope: str) -> tuple[Cited, list[Trouble]]:
    parts = _TO.split(written)
    if len(parts) > 2:
        return Cited(written), [(Problem.BAD_CLAUSE_RANGE, f"{written!r} is not a range: write its first and last")]
    read: list[tuple[str, ClauseNumber, str]] = []
    troubles: list[Trouble] = []
    for part in parts:
        named, shown = unscoped(part)
        number = ClauseNumber.parse(shown)
        if number is None:
            troubles.append((Problem.BAD_CLAUSE_NUMBER, f"{shown.strip()!r} is not a clause number"))
            continue
        read.append((named.strip() or (read[0][0] if read else scope), number, shown.strip()))
    if troubles:
        return Cited(written), troubles
    ends = tuple((scoped(named, number.text), shown) for named, number, shown in read)
    if len(read) == 1:
        return Cited(written, ends), []
    between = _between(read[0], read[1])
    if isinstance(between, str):
        return Cited(written, ends), [(Problem.BAD_CLAUSE_RANGE, f"{written!r} {between}")]
    return Cited(written, ends, tuple(scoped(read[0][0], number.text) for number in between)), []


def _between(
    first: tuple[str, ClauseNumber, str], last: tuple[str, ClauseNumber, str]
) -> tuple[ClauseNumber, ...] | str:
    """The clauses strictly between a range's two ends, or what is wrong with the range (said after its text).

    The ends must be siblings in one sequence (:attr:`ClauseNumber.sequence`): ``6.7 to 6.9``, ``8 to 11``,
    ``7.5(1) to 7.5(3)``, ``(i) to (iv)``. An inserted number (``8A``) stands outside the sequence, as it does for the
    gap check: it cannot be an end, and one between the ends is neither checked nor counted.
    """
    (scope, start, a), (other_scope, end, b) = first, last
    family, start_label = start.sequence
    end_family, end_label = end.sequence
    if scope != other_scope:
        return "is not a range: its ends are in two scopes"
    if inserted := [label for label in (start_label, end_label) if label[-1].isupper()]:
        return f"is not a range: an inserted number ({inserted[0]}) stands outside the numbering: list it instead"
    values = sequence_values([start_label, end_label])
    if family != end_family or values is None:
        return f"is not a range: {a} and {b} are not in one sequence (as 6.7 to 6.9, or 7.5(1) to 7.5(3))"
    low, high = values[start_label], values[end_label]
    if high < low:
        return f"runs backwards: write {b} to {a}"
    if high == low:
        return f"is one clause: write {a}"
    if high - low + 1 > MAX_RANGE:
        return f"spans {high - low + 1:,} clauses, more than a range may ({MAX_RANGE:,})"
    labels = _labels([start_label, end_label])
    return tuple(_sibling(start, labels(value)) for value in range(low + 1, high))


def _labels(ends: list[str]) -> Callable[[int], str]:
    """How the sequence of *ends* writes a place in it, as :func:`sequence_values` reads them: 3, iii or c."""
    if all(label.isdigit() for label in ends):
        return str
    if all(roman_value(label) for label in ends):
        return to_roman
    return lambda value: chr(ord("a") + value - 1)


def _sibling(number: ClauseNumber, label: str) -> ClauseNumber:
    """The clause of *number*'s sequence labelled *label*: 6.7 and 8 give 6.8; 7.5(1) and 2 give 7.5(2)."""
    if number.subs:
        return ClauseNumber(number.head, (*number.subs[:-1], label))
    return ClauseNumber((*number.head[:-1], label), ())
