"""The number Word shows on each paragraph, computed from ``word/numbering.xml`` and the styles, and numbers typed as
text at the start of a paragraph ("6.7", "(a)", "1. Roles").

What we chose, and why. Word does not store the numbers it shows: it computes them as it lays the document out, and
a council's protocol is cited by those numbers ("paragraph 6.7"), so the import must compute the same ones. No reader
we know of does: pandoc writes "6.1" as "1." (it does not carry composite numbers over) and has restart bugs;
mammoth reads only whether a list is ordered and drops start values; docx2python counts per list and level and
honours start values and continuation, but ignores ``lvlText``, so "6.7" and "(a)" are lost; python-docx exposes only
``numId``/``ilvl``. So we read the XML with lxml (well kept, fast, and able to parse untrusted input safely: no
entities resolved, nothing fetched) and compute the numbers ourselves, here, in one pass in document order, following
ECMA-376 Part 1 §17.9 and Word's documented departures from it ([MS-OI29500]):

- A paragraph is numbered by its own ``w:numPr`` or by its paragraph style's (through ``w:basedOn``); the paragraph's
  ``w:numId`` and ``w:ilvl`` each override the style's, and ``w:numId w:val="0"`` removes numbering. With no
  ``w:ilvl`` anywhere the level is the one whose ``w:pStyle`` is the paragraph's style (or a style it is based on),
  else 0.
- ``w:num`` names its ``w:abstractNum``; an abstract that has ``w:numStyleLink`` defers to the numbering style of
  that name, whose ``w:numId`` leads to the abstract that holds the levels (its ``w:styleLink``).
- Counters belong to the abstract numbering (after ``numStyleLink``), not to the ``w:num``: two nums on one abstract
  continue one another, and a paragraph that is not numbered does not interrupt the count. A ``w:startOverride`` sets
  its level to the given value the first time a paragraph of that num is numbered at that level (then it counts on,
  and a later restart goes back to the level's ``w:start``), as The National Archives' judgment parser found Word to
  do on real documents; a num first used below a level it overrides leaves that level counting on (or starts it at
  the override if it is not counting yet). A ``w:lvl`` inside ``w:lvlOverride`` replaces the level for that num
  (its ``w:lvlRestart`` is ignored, as Word ignores it).
- Numbering a level restarts the deeper levels of the same abstract, unless a deeper level's ``w:lvlRestart`` says
  otherwise: 0 never restarts it; n (one-based) restarts it only when level n or a higher one is used (Word's reading;
  the standard says only level n). A value naming this level or a deeper one is ignored.
- ``w:lvlText`` is the text shown, with ``%n`` replaced by the current counter of level n in level n's own
  ``w:numFmt``, or in decimal for every level if this level has ``w:isLgl`` (legal numbering, "1.1" under "I").
  A level used before its parent (a "%1.%2" paragraph with no level-0 paragraph before it, or a level-2 paragraph
  straight after a level-0 one) shows the parent at the value its next paragraph would get, its ``w:start`` (or
  its num's ``w:startOverride`` not yet spent: Word's "Set Numbering Value" to 8.63 on a first level-1 paragraph):
  "1.1", "1.1.1", "8.63", not "0.1" or "1.0.1". A parent at its start is not advanced by it (its first paragraph
  still shows "1"); one the num's first paragraph began at an override counts from there ("8.63", then "9").
- A level with no ``w:start`` starts at 0, as the standard says (Word always writes it). ``w:numFmt`` may sit in an
  ``mc:AlternateContent`` (Word 2010's custom formats, "001, 002, 003, ..."); the fallback is read if there is no
  plain one, and a custom zero-padded decimal is understood.

Anything Word would show no number for because the file is wrong (a numId or level not defined, a numbering style
that leads nowhere), or a ``numFmt`` we cannot write, is a ``NumberingProblem``, a sentence for the report; the count
of its list is not advanced. A level that ``lvlText`` shows but the list does not define is shown as 0 (the
standard's default start, in decimal), as Word shows it.

Two counters read one document: one with the tracked changes accepted, one with them rejected (``counter("original")``
reads a paragraph's numbering as it was before a tracked formatting change). Which paragraphs exist in each view is the
reader's to decide; it calls ``Counter.number`` on those only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from sphinx_constitution.programs.wordimport.document import Label
from sphinx_constitution.programs.wordimport.styles import MC, Styles, child_val, on_off, parse_xml, to_int, w


@dataclass(frozen=True)
class NumberingProblem:
    """A numbered paragraph whose number could not be computed."""

    detail: str  # one sentence for the report: what could not be read and what Word would show


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str  # w:numFmt, e.g. "decimal", "lowerLetter"; "custom:<format>" for w:numFmt w:val="custom"
    text: str | None  # w:lvlText, None if absent
    restart: int | None  # w:lvlRestart (one-based); None: restart after the previous level (the default)
    legal: bool  # w:isLgl
    style: str | None  # w:pStyle: the paragraph style tied to this level


def _numfmt(lvl: etree._Element) -> str:
    """The level's ``w:numFmt`` ("decimal" if absent, as the standard says), looking into ``mc:AlternateContent``
    (a Choice that needs Word 2010, with a Fallback) when there is no plain one."""
    numfmt = lvl.find(w("numFmt"))
    if numfmt is None:
        for alternate in lvl.iter(f"{{{MC}}}AlternateContent"):
            for branch in (f"{{{MC}}}Choice", f"{{{MC}}}Fallback"):
                numfmt = alternate.find(f"{branch}/{w('numFmt')}")
                if numfmt is not None:
                    break
            if numfmt is not None:
                break
    if numfmt is None:
        return "decimal"
    value = numfmt.get(w("val"), "decimal")
    if value == "custom":
        return "custom:" + numfmt.get(w("format"), "")
    return value


def _read_level(lvl: etree._Element, in_override: bool = False) -> _Level:
    lvl_text = lvl.find(w("lvlText"))
    return _Level(
        start=to_int(child_val(lvl, "start")) or 0,
        fmt=_numfmt(lvl),
        text=None if lvl_text is None else lvl_text.get(w("val"), ""),
        restart=None if in_override else to_int(child_val(lvl, "lvlRestart")),
        legal=bool(on_off(lvl, "isLgl")),
        style=child_val(lvl, "pStyle"),
    )


def _read_levels(parent: etree._Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in parent.findall(w("lvl")):
        ilvl = to_int(lvl.get(w("ilvl")))
        if ilvl is not None:
            levels.setdefault(ilvl, _read_level(lvl))
    return levels


@dataclass(frozen=True)
class _Abstract:
    id: str
    levels: dict[int, _Level]
    num_style_link: str | None  # w:numStyleLink: this abstract's levels are those of a numbering style


@dataclass(frozen=True)
class _Num:
    id: str
    abstract_id: str | None
    start_overrides: dict[int, int]  # ilvl -> w:startOverride
    levels: dict[int, _Level]  # ilvl -> a whole w:lvl inside w:lvlOverride


@dataclass(frozen=True)
class _List:
    """A num as it counts: its counter family (the abstract holding the levels) and its levels, overrides applied."""

    num_id: str
    family: str
    levels: dict[int, _Level]
    start_overrides: dict[int, int]


def _read_num(num: etree._Element) -> _Num:
    start_overrides: dict[int, int] = {}
    levels: dict[int, _Level] = {}
    for override in num.findall(w("lvlOverride")):
        ilvl = to_int(override.get(w("ilvl")))
        if ilvl is None:
            continue
        start = to_int(child_val(override, "startOverride"))
        if start is not None:
            start_overrides[ilvl] = start
        lvl = override.find(w("lvl"))
        if lvl is not None:
            levels[ilvl] = _read_level(lvl, in_override=True)
    abstract_id = child_val(num, "abstractNumId")
    return _Num(num.get(w("numId"), ""), abstract_id and abstract_id.strip(), start_overrides, levels)


class Numbering:
    """The numbering definitions of one Word document (``word/numbering.xml``) with its styles."""

    def __init__(self, abstracts: dict[str, _Abstract], nums: dict[str, _Num], styles: Styles) -> None:
        self._abstracts = abstracts
        self._nums = nums
        self.styles = styles
        self._lists: dict[str, _List | NumberingProblem] = {}

    @classmethod
    def from_xml(cls, numbering_xml: bytes | None, styles: Styles) -> Numbering:
        """The numbering of ``word/numbering.xml``; ``None`` (a document with no numbering part) defines none, so
        any paragraph that names a list is a ``NumberingProblem``. A damaged part raises ``etree.XMLSyntaxError``."""
        abstracts: dict[str, _Abstract] = {}
        nums: dict[str, _Num] = {}
        if numbering_xml is not None:
            root = parse_xml(numbering_xml)
            for element in root.findall(w("abstractNum")):
                abstract_id = element.get(w("abstractNumId"), "").strip()
                link = child_val(element, "numStyleLink")
                abstracts.setdefault(abstract_id, _Abstract(abstract_id, _read_levels(element), link))
            for element in root.findall(w("num")):
                num = _read_num(element)
                nums.setdefault(num.id.strip(), num)  # Word reads the first of two nums with one id
        return cls(abstracts, nums, styles)

    def counter(self, view: Literal["accepted", "original"] = "accepted") -> Counter:
        """A fresh set of counters, for one pass through the document in one view: with the tracked changes accepted
        (the paragraphs' properties as they are) or rejected ("original": a paragraph's properties before a tracked
        formatting change, ``w:pPrChange``, and without numbering added as a tracked change, ``w:numPr/w:ins``)."""
        return Counter(self, view)

    def definition(self, num_id: str) -> _List | NumberingProblem:
        """The list a ``w:numId`` names, with ``numStyleLink`` followed and the num's overrides applied."""
        if num_id not in self._lists:
            self._lists[num_id] = self._resolve(num_id)
        return self._lists[num_id]

    def _resolve(self, num_id: str) -> _List | NumberingProblem:
        num = self._nums.get(num_id)
        if num is None:
            return NumberingProblem(
                f"The paragraph is numbered with list {num_id}, which the document's numbering "
                "does not define; Word shows no number on it."
            )
        abstract = self._abstracts.get(num.abstract_id or "")
        if abstract is None:
            return NumberingProblem(
                f"List {num_id} names abstract numbering {num.abstract_id}, which is not defined; "
                "Word shows no number on its paragraphs."
            )
        seen = {abstract.id}
        while abstract.num_style_link is not None:
            link = abstract.num_style_link
            linked_num_id, _ = self.styles.numbering(link)
            linked = self._nums.get(linked_num_id or "")
            target = self._abstracts.get(linked.abstract_id or "") if linked is not None else None
            if target is None or target.id in seen:
                return NumberingProblem(
                    f"List {num_id} takes its levels from the numbering style "
                    f'"{self.styles.name(link)}", which leads to no list definition; '
                    "Word shows no number on its paragraphs."
                )
            seen.add(target.id)
            abstract = target
        levels = {**abstract.levels, **num.levels}
        return _List(num_id, abstract.id, levels, dict(num.start_overrides))


@dataclass
class Counter:
    """The counters of one pass through a document: call :meth:`number` on each paragraph in reading order."""

    numbering: Numbering
    view: Literal["accepted", "original"] = "accepted"
    _values: dict[str, dict[int, int]] = field(default_factory=dict)  # family -> level -> counter
    _overridden: set[tuple[str, int]] = field(default_factory=set)  # (numId, ilvl) whose startOverride is spent
    _started: set[str] = field(default_factory=set)  # the numIds that have numbered a paragraph

    def number(self, p: etree._Element) -> Label | NumberingProblem | None:
        """The number Word shows on the paragraph ``p`` (a ``w:p``), counting it: a ``Label`` (for a bullet, its
        ``formats`` end with "bullet" and its text is the bullet character), None if the paragraph is not numbered
        or its number is empty, or a ``NumberingProblem``.

        Call it for each paragraph of the view being counted, in document order (the body and table cells as Word
        reads them); a paragraph left out of the view (deleted, in the changes-accepted view) is not counted."""
        found = self._numbered_as(p)
        if found is None:
            return None
        num_id, ilvl, style_id = found
        numbered = self.numbering.definition(num_id)
        if isinstance(numbered, NumberingProblem):
            return numbered
        if ilvl is None:
            ilvl = self._styled_level(numbered, style_id)
        level = numbered.levels.get(ilvl)
        if level is None:
            return NumberingProblem(
                f"The paragraph is numbered at level {ilvl + 1} of list {num_id}, which has no "
                "such level; Word shows no number on it."
            )
        problem = _unwritable(numbered, ilvl, num_id)
        if problem is not None:
            return problem
        values = self._values.setdefault(numbered.family, {})
        self._advance(numbered, ilvl, values)
        return _label(numbered, ilvl, {**self._unused(numbered), **values})

    def _numbered_as(self, p: etree._Element) -> tuple[str, int | None, str] | None:
        """(numId, ilvl or None if nothing says, paragraph style) of a numbered paragraph; None if not numbered."""
        styles = self.numbering.styles
        ppr = p.find(w("pPr"))
        if self.view == "original" and ppr is not None:
            before = ppr.find(f"{w('pPrChange')}/{w('pPr')}")
            ppr = ppr if before is None else before
        style_id = child_val(ppr, "pStyle") or styles.default_paragraph_style()
        style_num_id, style_ilvl = styles.numbering(style_id)
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        if self.view == "original" and numpr is not None and numpr.find(w("ins")) is not None:
            numpr = None  # numbering given to the paragraph as a tracked change: not there before it
        own_num_id = child_val(numpr, "numId")
        own_ilvl = to_int(child_val(numpr, "ilvl"))
        num_id = own_num_id.strip() if own_num_id is not None else style_num_id
        if num_id is None or num_id == "0":
            return None
        ilvl = own_ilvl if own_ilvl is not None else (style_ilvl if own_num_id is None else None)
        return num_id, ilvl, style_id

    def _styled_level(self, numbered: _List, style_id: str) -> int:
        """The level tied to the paragraph's style (``w:pStyle`` in a level), or a style it is based on; else 0."""
        for candidate in [style_id, *self.numbering.styles.lineage(style_id)[1:]]:
            for ilvl, level in sorted(numbered.levels.items()):
                if level.style == candidate:
                    return ilvl
        return 0

    def _unused(self, numbered: _List) -> dict[int, int]:
        """What a level not used since it (re)started shows in a deeper level's number: the start value its next
        paragraph would get (the num's ``w:startOverride`` if not yet spent, else the level's ``w:start``), so that
        a list whose num starts level 0 at 8 and level 1 at 63 shows "8.63" on a first paragraph at level 1."""
        return {
            n: numbered.start_overrides[n]
            if n in numbered.start_overrides and (numbered.num_id, n) not in self._overridden
            else (numbered.levels[n].start if n in numbered.levels else 0)
            for n in range(9)
        }

    def _advance(self, numbered: _List, ilvl: int, values: dict[int, int]) -> None:
        """Count a paragraph at ``ilvl``: its level's counter moves on (or starts), deeper levels restart.

        The first paragraph of a num that overrides the start of a higher level than its own begins the list there:
        such a level already counting goes on (a sub-list restarted in Word continues its parents: "2", then "2.1"
        and "3", not "1"), and one not counting yet starts at the override, as if its paragraph had been numbered."""
        if numbered.num_id not in self._started:
            self._started.add(numbered.num_id)
            for higher, start in numbered.start_overrides.items():
                if higher < ilvl:
                    self._overridden.add((numbered.num_id, higher))
                    values.setdefault(higher, start)
        key = (numbered.num_id, ilvl)
        if ilvl in numbered.start_overrides and key not in self._overridden:
            self._overridden.add(key)
            values[ilvl] = numbered.start_overrides[ilvl]
        elif ilvl in values:
            values[ilvl] += 1
        else:
            values[ilvl] = numbered.levels[ilvl].start
        for deeper in [level for level in values if level > ilvl]:
            if _restarts(numbered.levels.get(deeper), deeper, ilvl):
                del values[deeper]


def _restarts(level: _Level | None, deeper: int, used: int) -> bool:
    """Whether numbering at level ``used`` restarts level ``deeper`` (``w:lvlRestart``, read as Word reads it)."""
    restart = level.restart if level is not None else None
    if restart is None or restart > deeper:
        return True  # the default: any higher level restarts it (a value naming this level or a deeper is ignored)
    return used < restart  # n: when level n (ilvl n - 1) or a higher one is used; 0: never


_PLACEHOLDER = re.compile(r"%([1-9])")


def _shown_levels(numbered: _List, ilvl: int) -> list[int]:
    level = numbered.levels[ilvl]
    if level.fmt == "bullet" or level.text is None:
        return []
    return [int(n) - 1 for n in _PLACEHOLDER.findall(level.text)]


def _unwritable(numbered: _List, ilvl: int, num_id: str) -> NumberingProblem | None:
    """A problem if the level's text shows a level in a format we cannot write. (A level it shows that is not
    defined is shown as 0, the standard's default start, in decimal: Word shows "0.1" for "%1.%2" in a list that
    defines its second level only.)"""
    legal = numbered.levels[ilvl].legal
    for shown in _shown_levels(numbered, ilvl):
        level = numbered.levels.get(shown)
        if level is not None and not legal and format_number(1, level.fmt) is None:
            return NumberingProblem(
                f'Level {shown + 1} of list {num_id} is numbered in the format "{level.fmt}", '
                "which the import cannot write; Word shows a number the import does not know."
            )
    return None


def _label(numbered: _List, ilvl: int, values: dict[int, int]) -> Label | None:
    """The Label of a paragraph at ``ilvl`` once counted, ``values`` being what each level shows; None if its text
    is empty (``numFmt`` "none", or an empty ``lvlText``)."""
    level = numbered.levels[ilvl]

    counters = tuple(values.get(n, 0) for n in range(ilvl + 1))
    formats = tuple(numbered.levels[n].fmt if n in numbered.levels else "decimal" for n in range(ilvl + 1))
    if level.fmt == "bullet":
        bullet = _BULLETS.get(level.text or "", level.text or "•")
        return Label(bullet, ilvl, counters, formats, "numbering", numbered.family)

    def fill(match: re.Match[str]) -> str:
        n = int(match[1]) - 1
        shown = numbered.levels.get(n)
        fmt = "decimal" if level.legal or shown is None else shown.fmt
        return format_number(values.get(n, 0), fmt) or ""

    text = _PLACEHOLDER.sub(fill, level.text or "")
    if not text.strip():
        return None
    return Label(text, ilvl, counters, formats, "numbering", numbered.family)


#: Bullet characters Word writes in the Symbol and Wingdings fonts' private-use code points, as Unicode
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖", "\uf06e": "■"}

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip

_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}  # fmt: skip


def roman(n: int) -> str:
    """``n`` in upper-case Roman numerals (Word repeats "M" past 3999)."""
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def letters(n: int) -> str:
    """``n`` as Word's lowerLetter writes it: a..z, then aa..zz, aaa.. (the letter repeated, not "ab")."""
    repeat, index = divmod(n - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def _cardinal(n: int) -> str:
    if n < 20:
        return _ONES[n] if n else "zero"
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("-" + _ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return _ONES[hundreds] + " hundred" + (" and " + _cardinal(rest) if rest else "")
    thousands, rest = divmod(n, 1000)
    tail = "" if not rest else (" and " if rest < 100 else " ") + _cardinal(rest)
    return _cardinal(thousands) + " thousand" + tail


def _ordinal_text(n: int) -> str:
    words = _cardinal(n)
    head, sep, last = words.rpartition("-") if "-" in words.split(" ")[-1] else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _custom(n: int, pattern: str) -> str | None:
    """Word 2010's custom formats; only zero-padded decimals ("01, 02, 03, ...", "001, 002, 003, ...")."""
    first = pattern.split(",")[0].strip()
    if first.isdigit() and int(first) == 1:
        return str(n).zfill(len(first))
    return None


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_WRITERS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "cardinalText": lambda n: _cardinal(n).capitalize(),
    "ordinal": _ordinal,
    "ordinalText": lambda n: _ordinal_text(n).capitalize(),
    "lowerLetter": letters,
    "upperLetter": lambda n: letters(n).upper(),
    "lowerRoman": lambda n: roman(n).lower(),
    "upperRoman": roman,
    "decimalEnclosedParen": lambda n: f"({n})",
    "decimalEnclosedFullstop": lambda n: f"{n}.",
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else f"({n})",
    "decimalHalfWidth": str,
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "numberInDash": lambda n: f"- {n} -",
    "chicago": lambda n: "*†‡§"[(n - 1) % 4] * ((n - 1) // 4 + 1),
    "none": lambda n: "",
    "bullet": lambda n: "",
}


def format_number(n: int, fmt: str) -> str | None:
    """``n`` written in the ``w:numFmt`` ``fmt`` as Word writes it; None for a format we cannot write. A format
    that needs a positive number (letters, Roman numerals, ordinals) writes 0 and below in decimal."""
    if fmt.startswith("custom:"):
        return _custom(n, fmt[len("custom:") :])
    writer = _WRITERS.get(fmt)
    if writer is None:
        return None
    if n <= 0 and fmt not in ("decimal", "decimalZero", "cardinalText", "none", "bullet"):
        return str(n)
    return writer(n)


# Numbers typed as text. Many councils' documents have no automatic numbers: "6.7", "(a)", "1. Roles", typed at the
# start of the paragraph and separated from the words by a tab, one space or more. typed_label reads the shape
# permissively; whether a shape is a number ("2016 was a year" is not) is the structure step's to decide from the
# sequence, so the label carries the counters it needs to.

_SPACE = "[ \t\u00a0\u2002\u2003\u2007\u2009\u202f]"  # spaces, tabs, no-break, en, em, figure, thin
_TOKEN = "[0-9]{1,4}|[a-z]{1,4}|[A-Z]{1,4}"
_WORDS = "|".join(
    word + "|" + word.upper()
    for word in ("Part", "Section", "Chapter", "Schedule", "Appendix", "Annexe", "Annex", "Article")
)  # the words that head a numbered division; "Paragraph 6.7 says" and "Rule 4 of" start sentences
_TYPED = re.compile(
    rf"""(?P<label>
        (?:{_WORDS}){_SPACE}+(?:[0-9]{{1,4}}(?:\.[0-9]{{1,4}})*[A-Z]?|[IVXLC]{{1,6}}|[A-Z])[.:]?
      | [0-9]{{1,4}}(?:\.[0-9]{{1,4}})*[A-Za-z]?(?:\((?:{_TOKEN})\))*[.)]?
      | (?:\((?:{_TOKEN})\))+
      | (?:[a-z]{{1,4}}|[A-Z]{{1,4}})(?:[.)]|(?=\t))
    )(?:{_SPACE}+|$)""",
    re.VERBOSE,
)
_TYPED_BULLET = re.compile(rf"(?:([•▪◦●○■□➢✓·]){_SPACE}+|([-–—])\t)")
_ROMAN_SHAPE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_PART = re.compile(r"[0-9]+|[A-Za-z]+")


def _roman_value(token: str) -> int | None:
    upper = token.upper()
    if not upper or not _ROMAN_SHAPE.fullmatch(upper):
        return None
    total, rest = 0, upper
    for value, numeral in _ROMAN:
        while rest.startswith(numeral):
            total, rest = total + value, rest[len(numeral) :]
    return total


def _letters_value(token: str) -> int | None:
    lower = token.lower()
    if lower != lower[0] * len(lower) or not "a" <= lower[0] <= "z":
        return None  # Word's letters repeat one letter: "aa", "bbb"
    return (len(lower) - 1) * 26 + ord(lower[0]) - ord("a") + 1


def _read_token(token: str, prefer_letter: bool = False, first: bool = True) -> tuple[int, str] | None:
    """A typed number's part as (value, numFmt): "7" decimal, "iv" Roman, "b" a letter. A single i, v or x reads as
    Roman, and c, d, l or m as a letter (``other_reading`` gives the other reading); ``prefer_letter`` reads a letter
    attached to a number ("2A") as a letter always. Only a part after the ``first`` may be 0 ("1.0", not "0.5")."""
    if token.isdigit():
        value = int(token)
        if value == 0 and first:
            return None
        return value, "decimalZero" if len(token) > 1 and token.startswith("0") else "decimal"
    if not token.isascii() or not token.isalpha() or not (token.islower() or token.isupper()):
        return None
    case = "lower" if token.islower() else "upper"
    roman_value = None if prefer_letter else _roman_value(token)
    letter_value = _letters_value(token)
    single = len(token) == 1
    if roman_value is not None and ((single and token.lower() in "ivx") or (not single and roman_value < 90)):
        return roman_value, case + "Roman"
    if letter_value is not None:
        return letter_value, case + "Letter"
    if roman_value is not None:
        return roman_value, case + "Roman"
    return None


def typed_label(text: str) -> tuple[Label, str] | None:
    """A number typed at the start of a paragraph, and the words after it: "6.7\\tWords" -> (Label("6.7", level 1,
    counters (6, 7), formats ("decimal", "decimal"), source "typed"), "Words"); None if the paragraph does not
    start with the shape of a number.

    Shapes read: dotted decimals with or without a final full stop ("6.7", "16.", "8.63", "1.1.1"); a letter added to
    a number ("2A", "6.7A": an extra counter in letters); bracketed parts after it ("6.7(a)", "1(a)(ii)"); bracketed
    parts alone ("(a)", "(iv)", "(1)", "(a)(i)"); a letter, Roman numeral or number closed by ")" or "." ("a)", "iv.",
    "A.", "1)") or followed by a tab ("B\\tSecond section"); and a word such as Part, Section, Schedule, Appendix
    with its number ("Part 8", "Schedule 2", "Appendix B", "PART VIII"). The label ends at a tab, a space (or several)
    or the end of the paragraph: "10:30", "£5", "50%", "1st", "2.5km", "e.g. this", "I am", "(see below)",
    "12/05/2026" are not numbers. Leading spaces and tabs are skipped. The label's ``text`` is as typed; ``level``
    is the number of its parts less one; the words are returned with the separating whitespace removed (the caller
    has the paragraph's text to see what it was).

    A shape that is also ordinary text ("2016 was a year", "1.5 million", "A. Smith said") is returned too, with the
    counters that let the structure step decide from the numbers around it. A part after the first may be 0 ("1.0
    Introduction", a heading's number in many councils' documents); a number starting with 0 is not one ("0.5").

    A bullet typed as text ("•", "▪", "➢"… then a space or tab; "-" or "–" then a tab) is a label whose ``formats``
    are ("bullet",), as for Word's own bullets, so that the caller knows the paragraph is a list item."""
    stripped = text.lstrip(" \t\u00a0")
    bullet = _TYPED_BULLET.match(stripped)
    if bullet is not None:
        return Label(bullet[1] or bullet[2], 0, (), ("bullet",), "typed", ""), stripped[bullet.end() :]
    match = _TYPED.match(stripped)
    if match is None:
        return None
    label_text = match["label"]
    parts = _PART.findall(label_text)
    word = parts[0] if parts and parts[0].lower() in _WORDS.lower().split("|") else None
    if word is not None:
        parts = parts[1:]
    counters: list[int] = []
    formats: list[str] = []
    for index, part in enumerate(parts):
        attached = index > 0 and part.isalpha() and parts[index - 1].isdigit() and _attached(label_text, part, index)
        read = _read_token(part, prefer_letter=attached, first=index == 0)
        if read is None:
            return None
        counters.append(read[0])
        formats.append(read[1])
    if not counters:
        return None
    label = Label(label_text, len(counters) - 1, tuple(counters), tuple(formats), "typed", "")
    return label, stripped[match.end() :]


def _attached(label_text: str, part: str, index: int) -> bool:
    """Whether the ``index``-th part is a letter written straight after a number ("2A", "6.7a"), not in brackets."""
    position = 0
    for _ in range(index + 1):
        found = _PART.search(label_text, position)
        if found is None:
            return False
        start, position = found.start(), found.end()
    return start > 0 and label_text[start - 1].isdigit()


def other_reading(label: Label) -> Label | None:
    """The other reading of a typed label whose last part is a single letter that is also a Roman numeral: "(i)" as
    the letter i (9) rather than Roman 1, "(c)" as Roman 100 rather than the letter c; None if there is none. The
    structure step picks the reading that continues the sequence ("(h)", "(i)", "(j)")."""
    if label.source != "typed" or not label.formats:
        return None
    found = re.search(r"([A-Za-z]+)[^A-Za-z0-9]*$", label.text)
    if found is None or len(found[1]) != 1 or found[1].lower() not in "ivxcdlm":
        return None
    token, case = found[1], "lower" if found[1].islower() else "upper"
    if label.formats[-1].endswith("Roman"):
        value, fmt = _letters_value(token), case + "Letter"
    else:
        value, fmt = _roman_value(token), case + "Roman"
    if value is None:
        return None
    return Label(label.text, label.level, label.counters[:-1] + (value,), label.formats[:-1] + (fmt,), "typed", "")
