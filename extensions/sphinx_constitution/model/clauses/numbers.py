"""Clause numbers, in plain Python: what a number is made of, the sequence its siblings follow, and its scope.

The grammar is not tied to one council's style: ``16`` (numbered straight through), ``8.63`` (continuing a
Constitution Part), ``(a)`` (a lettered introduction), ``2A.1`` (an inserted section), with sub-items ``(1)``, ``(i)``,
``(a)``.

Numbers are unique within a *scope* (``scope_of`` in config.py: ``constitution_clause_scopes`` and each older
edition map folders to scopes), so that two editions of
one text can both have a 6.7: a page in ``editions/pre-2026/`` cites its own edition's 6.7 with
``{clause}`6.7```, and any page can reach across with ``{clause}`pre-2026:6.7```. Pages in no listed
folder share the unnamed scope. A clause is filed under its number in its scope by the rule every scoped name
follows (``model/scopes.py``, plain Python too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(r"(?P<head>[0-9]+[A-Z]?(?:\.[0-9]+[A-Z]?)*)?(?P<subs>(?:\([0-9a-z]+\))*)")
_SUB = re.compile(r"\(([0-9a-z]+)\)")
_ROMAN = (("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


@dataclass(frozen=True)
class ClauseNumber:
    """A clause number split into its dotted head (``4.1``) and its sub-item labels (``4``, ``viii``)."""

    head: tuple[str, ...]
    subs: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> ClauseNumber | None:
        """Read ``6.7``, ``7.5(3)``, ``4.1(4)(viii)``, ``16`` or ``(a)``; ``None`` if it is none of those."""
        match = _NUMBER.fullmatch("".join(text.split()))
        if not match or not match.group(0):
            return None
        head = tuple(match["head"].split(".")) if match["head"] else ()
        return cls(head, tuple(_SUB.findall(match["subs"])))

    def child(self, label: str) -> ClauseNumber | None:
        """The number of a nested sub-item labelled ``(3)``, ``(iv)`` or ``(b)``."""
        match = _SUB.fullmatch(label)
        return ClauseNumber(self.head, (*self.subs, match[1])) if match else None

    @property
    def text(self) -> str:
        return ".".join(self.head) + "".join(f"({s})" for s in self.subs)

    @property
    def label(self) -> str:
        """What is printed beside the clause: the whole number, or only ``(3)`` for a sub-item."""
        return f"({self.subs[-1]})" if self.subs else self.text

    def anchor(self, prefix: str) -> str:
        return "-".join((prefix, *self.head, *self.subs)).lower()

    @property
    def sequence(self) -> tuple[str, str]:
        """(the key shared with its siblings, its own last component)."""
        if self.subs:
            return ClauseNumber(self.head, self.subs[:-1]).text + "()", self.subs[-1]
        return ".".join(self.head[:-1]), self.head[-1]


def roman_value(label: str) -> int | None:
    value, rest = 0, label
    for numeral, amount in _ROMAN:
        while rest.startswith(numeral):
            value, rest = value + amount, rest[len(numeral) :]
    return value if not rest and to_roman(value) == label else None


def to_roman(value: int) -> str:
    out = ""
    for numeral, amount in _ROMAN:
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def sequence_values(labels: list[str]) -> dict[str, int] | None:
    """Map sibling labels to their places in one sequence: 1, 2, 3 / i, ii, iii / a, b, c.

    Labels with a capital suffix (``7A``, inserted later) stand outside the sequence. ``None`` means
    the siblings mix styles. A run of (i), (ii) … counts as roman; (h), (i), (j) as letters.
    """
    plain = [label for label in labels if not label[-1].isupper()]
    if all(label.isdigit() for label in plain):
        return {label: int(label) for label in plain}
    romans = {label: roman_value(label) for label in plain}
    if all(romans.values()):
        return romans  # type: ignore[return-value]
    if all(len(label) == 1 and label.isalpha() for label in plain):
        return {label: ord(label) - ord("a") + 1 for label in plain}
    return None
