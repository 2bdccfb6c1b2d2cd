"""The comparison of two editions, in plain Python: which unit of one became which of the other, and how.

A *unit* is what a comparison pairs: a clause, or a section or table of a page that has no clauses. Units
pair by their words, not their numbers, so a paragraph that was renumbered, moved or reworded is still found::

    >>> old = [Unit("clause", "6.2", "old/access", "clause-6-2", 1, "Members may ask for information")]
    >>> new = [Unit("clause", "6.3", "new/access", "clause-6-3", 1, "Members may ask officers for information")]
    >>> [(c.kind, c.old, c.new) for c in compare(old, new)]
    [('changed', '6.2', '6.3')]

Nothing here knows Sphinx or docutils: ``comparison.py`` gathers the units from the doctrees and shows the result.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from typing import NamedTuple

SIMILAR = 0.5
"""How alike two units' words must be (difflib's ratio) for them to pair when their words differ."""

SAME_LABEL = 0.05
"""What the same number (or title) adds to a pair's likeness: between equally similar candidates, it wins."""


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


def compare(older: list[Unit], newer: list[Unit]) -> list[Change]:
    """Pair the units of two editions by their words, then say what happened to each.

    Identical words pair first (a renumbered clause), then the most similar pairs above a threshold,
    best first; a candidate with the same label wins a tie. Only units of one kind pair. A pair whose
    order differs from its neighbours' (outside the longest run kept in order) has moved; unpaired units
    are new or removed, and a removed one is listed where it stood.
    """
    pairs = _identical_pairs(older, newer)
    _add_similar_pairs(older, newer, pairs)
    return _changes(older, newer, pairs)


@functools.lru_cache(maxsize=64)
def compared(older: tuple[Unit, ...], newer: tuple[Unit, ...]) -> tuple[Change, ...]:
    """:func:`compare`, remembered: each build compares every pair of consecutive editions again (the decisions
    register is held against them) and its comparison pages' pairs, and in the editors' preview, which keeps one
    process, an edit changes the units of one edition only; the other pairs are found here, not compared again."""
    return tuple(compare(list(older), list(newer)))


def diff_words(old: list[str], new: list[str]) -> Iterator[tuple[str, str]]:
    """The words of *old* and *new* as runs: ``(" ", kept)``, ``("-", deleted)`` and ``("+", inserted)``."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            yield " ", " ".join(old[i1:i2])
        if op in ("delete", "replace"):
            yield "-", " ".join(old[i1:i2])
        if op in ("insert", "replace"):
            yield "+", " ".join(new[j1:j2])


# -- pairing -------------------------------------------------------------------------------------------------


def _identical_pairs(older: list[Unit], newer: list[Unit]) -> dict[int, int]:
    """Newer index -> older index of the units whose words are the same; the same label first."""
    by_text: dict[tuple[str, str], list[int]] = {}
    for i, old in enumerate(older):
        by_text.setdefault((old.kind, old.text), []).append(i)
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for j, new in enumerate(newer):
        candidates = [i for i in by_text.get((new.kind, new.text), []) if i not in taken]
        if candidates and new.text:
            i = next((i for i in candidates if older[i].label == new.label), candidates[0])
            pairs[j] = i
            taken.add(i)
    return pairs


def _add_similar_pairs(older: list[Unit], newer: list[Unit], pairs: dict[int, int]) -> None:
    """Pair what is left by likeness of words, the most alike first."""
    taken = set(pairs.values())
    words = [_Words(old.text.split()) for old in older]
    scored = [
        (-ratio, j, i)
        for j, new in enumerate(newer)
        if j not in pairs
        for ratio, i in _similar(older, words, new, taken)
    ]
    for _score, j, i in sorted(scored):
        if j not in pairs and i not in taken:
            pairs[j] = i
            taken.add(i)


class _Words:
    """A unit's words, and the set of them, split once for all the units it is held against."""

    def __init__(self, words: list[str]) -> None:
        self.words, self.distinct = words, set(words)

    def may_be_alike(self, other: _Words) -> bool:
        """Whether difflib's ``quick_ratio`` of the two may reach :data:`SIMILAR`, by a bound above it taken from
        the sets alone: each different word of one that the other lacks is at least one word unmatched.
        ``quick_ratio`` counts in a Python loop over every word; this is two set differences."""
        length = len(self.words) + len(other.words)
        matched = min(
            len(self.words) - len(self.distinct - other.distinct),
            len(other.words) - len(other.distinct - self.distinct),
        )
        return not length or 2.0 * matched / length >= SIMILAR


def _similar(older: list[Unit], words: list[_Words], new: Unit, taken: set[int]) -> Iterator[tuple[float, int]]:
    """(likeness, older index) of each unpaired unit of *new*'s kind whose words are alike enough."""
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    mine = _Words(new.text.split())
    matcher.set_seq2(mine.words)
    for i, old in enumerate(older):
        if i in taken or old.kind != new.kind or not mine.may_be_alike(words[i]):
            continue
        matcher.set_seq1(words[i].words)
        if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            continue  # cheap upper bounds first: most candidates stop here
        ratio = matcher.ratio() + (SAME_LABEL if old.label == new.label else 0)
        if ratio >= SIMILAR:
            yield ratio, i


# -- what happened to each unit ------------------------------------------------------------------------------


def _changes(older: list[Unit], newer: list[Unit], pairs: dict[int, int]) -> list[Change]:
    """One change per unit of the newer edition in its order, each removed unit where it stood."""
    in_order = _longest_run([pairs[j] for j in sorted(pairs)])
    removed = sorted(set(range(len(older))) - set(pairs.values()))
    changes = []
    for j, new in enumerate(newer):
        while removed and j in pairs and removed[0] < pairs[j]:
            changes.append(_removed(older[removed.pop(0)]))
        if j in pairs:
            changes.append(_paired(older[pairs[j]], new, pairs[j] in in_order))
        else:
            changes.append(Change("new", new.kind, "", new.label, (("+", new.text),)))
    changes += [_removed(older[i]) for i in removed]
    return changes


def _paired(old: Unit, new: Unit, in_order: bool) -> Change:
    words = tuple(diff_words(old.text.split(), new.text.split()))
    if not in_order:
        kind = "moved"
    elif any(op != " " for op, _text in words):
        kind = "changed"
    elif old.label != new.label:
        kind = "renumbered"
    else:
        kind = "unchanged"
    return Change(kind, new.kind, old.label, new.label, words)


def _removed(old: Unit) -> Change:
    return Change("removed", old.kind, old.label, "", (("-", old.text),))


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
