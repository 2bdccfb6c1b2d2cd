"""What each block of a Word document is to a council: a section heading carrying its number, a clause, a sub-item,
a clause's further paragraphs, plain text, a bullet list, a Do/Don't table or another table, and which typed numbers
are numbers at all.

The decisions are made from the shape of the numbers, not from one council's habits:

- a number is *dotted* ("6.7", "16", "8.63", "1.", "Part 8") or an *item* ("(a)", "(iv)", "(1)", "a)", "i.");
- a dotted number on a heading (a Heading style, or a short line with no full stop that the next numbered paragraph
  numbers within, "1 INTRODUCTION" before "1.1") numbers its section; any other dotted number is a clause
  (``{clause} 6.7``, ``{clause} 16``, ``{clause} 8.63``);
- an item nests in the clause open above it, at the depth Word's list level says (or, typed, at the depth whose
  sequence it continues: (h) then (i) is a letter, (iv) then (v) a numeral); with no clause open it is a clause of
  its own: a lettered introduction, or beneath a numbered heading its bracketed paragraph (3(1), written
  ``{clause} (1)`` under ``{section-number}`3```);
- a number typed as text is a number only if it continues the sequence before it or the one after it continues it
  ("2016 was the year" is text);
- an unnumbered paragraph or bullet list after a clause belongs to it (a clause of three paragraphs is common);
- a table whose header reads Do / Don't ("Officers Do" / "Officers Don't", either order) is a Do/Don't table; any
  other is a table with a caption: the "Table 3: ..." line before it, or the heading it is under.

Nothing here writes Markdown (``writer``) or checks the result (``report``): this module turns a
``document.Document`` into plain data, a ``Protocol`` of pages.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal

from ...model.clauses.citing import read_citation
from ...model.clauses.numbers import ClauseNumber, roman_value
from .document import Block, Change, CrossReference, Document, Label, Notice, Paragraph, Run, Table, Where

# -- the shape of a number -------------------------------------------------------------------------------------------

_DOTTED = re.compile(r"(?:(?P<word>[A-Za-z]+)\s+)?(?P<number>[0-9]+[A-Z]?(?:\.[0-9]+[A-Z]?)*)(?(word)[.:]?|\.?)")
_ITEM = re.compile(r"\((?P<inner>[0-9]+|[a-z]+|[A-Z]+)\)|(?P<bare>[0-9]+|[a-z]+|[A-Z]+)[.)]")
_WORDED = re.compile(r"(?P<word>[A-Za-z]+)\s+(?P<number>[IVXLC]+|[A-Z])[.:]?")  # "PART VIII", "Appendix B"
_COMPOSITE = re.compile(r"[0-9]+(?:\.[0-9]+)*(?:\([0-9a-zA-Z]+\))*\((?P<inner>[0-9]+|[a-z]+|[A-Z]+)\)\.?")
_CONTENTS = re.compile(r"toc [1-9]|toc heading|contents [1-9]")  # Word's styles of a table of contents' lines
_ROMAN = re.compile(r"[ivxlc]+|[IVXLC]+")
_CAPTION = re.compile(r"(?:Table|Figure)\s+[0-9A-Za-z.]+\s*[:.\u2013\u2014-]\s*\S", re.IGNORECASE)
_HEADING_WORDS = 14  # a numbered line longer than this is a clause, however it ends


@dataclass(frozen=True)
class Shape:
    """A number read from its text: ``kind`` "dotted" (``value`` the numbers, 6.7 -> (6, 7)) or "item" (``value``
    the place in its sequence, ``style`` "digit", "lower", "upper", "lower-roman" or "upper-roman")."""

    kind: Literal["dotted", "item"]
    text: str  # as Word shows it
    site: str  # as the project writes it: "6.7", "16", "(a)"
    value: tuple[int, ...]
    style: str = ""
    word: str = ""  # "Part" in "Part 8"
    inner: str = ""  # "a" in "(a)", as typed


def shape_of(text: str) -> Shape | None:
    """Read a number as Word shows it; None if it is not one a council uses for clauses or sections."""
    text = text.strip()
    if found := _DOTTED.fullmatch(text):
        parts = found["number"].split(".")
        while len(parts) > 1 and parts[-1] == "0":  # "1.0 Introduction": section 1's own number
            parts.pop()
        value = tuple(int(re.sub(r"[A-Z]$", "", part)) for part in parts)
        return Shape("dotted", text, ".".join(parts), value, word=found["word"] or "")
    if (found := _WORDED.fullmatch(text)) and (place := _place(found["number"])):
        return Shape("dotted", text, found["number"], (place,), word=found["word"])
    if found := _COMPOSITE.fullmatch(text):  # "6.7(a)": Word's sub-item (a) of 6.7, shown with its clause's number
        inner = found["inner"]
        styles = _item_styles(inner)
        if styles:
            return Shape("item", text, f"({inner.lower()})", (styles[0][1],), styles[0][0], inner=inner)
    if found := _ITEM.fullmatch(text):
        inner = found["inner"] or found["bare"]
        styles = _item_styles(inner)
        if not styles:
            return None
        style, place = styles[0]
        return Shape("item", text, f"({inner.lower()})", (place,), style, inner=inner)
    return None


def _item_styles(inner: str) -> list[tuple[str, int]]:
    """The sequences *inner* may belong to, with its place in each: "i" is the 9th letter or the first numeral."""
    found: list[tuple[str, int]] = []
    if inner.isdigit():
        return [("digit", int(inner))]
    if _ROMAN.fullmatch(inner) and (place := roman_value(inner.lower())):
        found.append(("lower-roman" if inner.islower() else "upper-roman", place))
    if len(inner) == 1:
        found.append(("lower" if inner.islower() else "upper", ord(inner.lower()) - ord("a") + 1))
    return found


def _place(number: str) -> int | None:
    """The place of a worded heading's roman numeral or letter: VIII -> 8, B -> 2."""
    return roman_value(number.lower()) or (ord(number) - ord("A") + 1 if len(number) == 1 else None)


def follows(before: tuple[int, ...], after: tuple[int, ...]) -> bool:
    """Whether dotted number *after* can come next after *before*: 6.6 -> 6.7, 6 -> 6.1, 6.12 -> 7, 6.12 -> 7.1."""
    if len(after) > len(before) and after[: len(before)] == before and all(n == 1 for n in after[len(before) :]):
        return True
    for keep in range(min(len(before), len(after))):
        if after[:keep] == before[:keep] and after[keep] == before[keep] + 1 and all(n == 1 for n in after[keep + 1 :]):
            return True
    return False


# -- what the import makes -------------------------------------------------------------------------------------------


@dataclass
class Bullets:
    """A bullet list: its paragraphs, each with its depth (0 at the outside)."""

    items: list[tuple[int, Paragraph]]


@dataclass
class Clause:
    """A numbered paragraph: ``number`` as the page writes it in ``{clause} …`` ("6.7", "16", "(a)"), ``key`` as
    ``{clause}`…``` cites it ("6.7", "3(1)", "6.7(a)"), ``shown`` as Word shows it ("6.7", "1.", "a)"). ``body``
    holds its own paragraphs and bullet lists, and its sub-items (``Clause``), in order. ``change`` is "ins" or "del"
    where the whole paragraph is a tracked insertion or deletion (then ``number`` is the one it had or will have)."""

    number: str
    key: str
    shown: str
    paragraph: Paragraph
    body: list[Paragraph | Bullets | Clause] = field(default_factory=list)
    change: Change = None

    def paragraphs(self) -> list[Paragraph]:
        """Its own words' paragraphs, first to last, without its sub-items'."""
        found = [self.paragraph]
        for part in self.body:
            if isinstance(part, Paragraph):
                found.append(part)
            elif isinstance(part, Bullets):
                found += [paragraph for _depth, paragraph in part.items]
        return found


@dataclass
class Heading:
    """A heading: ``level`` 1 is the page's title. ``number`` is the section number it carries ("6", "Part 8"), and
    ``role`` whether the page writes it as ``{section-number}`` (its section's clauses are bracketed, cited 3(1))."""

    level: int
    paragraph: Paragraph
    shown: str = ""
    number: str = ""
    role: bool = False
    word: str = ""  # "Part" in "Part 8"

    def words(self) -> str:
        return _clean(self.paragraph.text())


@dataclass
class DoDont:
    """A table headed Do / Don't: its caption, its columns' names, and its rows as (Do cell, Don't cell)."""

    caption: str
    do: str
    dont: str
    rows: list[tuple[list[Paragraph], list[Paragraph]]]
    table: Table


@dataclass
class Captioned:
    """Any other table, with its caption, its rows (cells of paragraphs, padded to one width) and header rows."""

    caption: str
    rows: list[list[list[Paragraph]]]
    header_rows: int
    table: Table


Part = Paragraph | Bullets | Clause | Heading | DoDont | Captioned


@dataclass
class Page:
    """One page of the protocol: its file name (without ``.md``), its title heading and what follows it."""

    name: str
    heading: Heading
    body: list[Part] = field(default_factory=list)


@dataclass
class Protocol:
    """The protocol as the import will write it: its pages, every clause (sub-items included, reading order), the
    clause each bookmark names, and the notices (the reader's and this module's)."""

    pages: list[Page]
    clauses: list[Clause]
    headings: list[Heading]
    bookmarks: dict[str, str]
    notices: list[Notice]
    prefix: str = "paragraph"
    plural: str = "paragraphs"
    title: str = ""
    _keys: set[str] | None = field(default=None, repr=False)

    def clause_keys(self) -> set[str]:
        """The numbers the project will have, for references: every clause in force and every numbered heading
        that is a clause (``{section-number}``). Worked out once: the protocol does not change after ``build``."""
        if self._keys is None:
            numbered = {h.number for h in self.headings if h.role}
            self._keys = {c.key for c in self.clauses if c.change != "del"} | numbered
        return self._keys


# -- deciding ------------------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(text.split())


def _is_bullet(label: Label | None) -> bool:
    return label is not None and bool(label.formats) and label.formats[-1] == "bullet"


def _heading_like(paragraph: Paragraph) -> bool:
    """A short line with no closing punctuation: the shape of a heading typed as a numbered paragraph."""
    words = _clean(paragraph.text())
    return bool(words) and len(words.split()) <= _HEADING_WORDS and words[-1] not in ".:;,?!"


def _label_of(paragraph: Paragraph) -> Label | None:
    """The number the paragraph carries in the text being imported: the accepted one, or for a deleted paragraph
    the one it had."""
    return paragraph.label_original if paragraph.change == "del" else paragraph.label


class _Builder:
    """One pass over the blocks, in reading order, keeping what is open: the page, the heading, the clauses."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.notices: list[Notice] = list(document.notices)
        self.pages: list[Page] = []
        self.clauses: list[Clause] = []
        self.headings: list[Heading] = []
        self.bookmarks: dict[str, str] = {}
        self.open: list[tuple[Clause, Shape, int]] = []  # clauses open for sub-items: (clause, its shape, depth)
        self.section: Heading | None = None  # the innermost numbered heading
        self.keys: set[str] = set()  # the clause numbers filed so far
        self.used_names: set[str] = set()
        self.title = document.title  # the document's title: names a first page of words before any heading

    # -- pages and headings

    def body(self) -> list[Part]:
        if not self.pages:
            title = self.title or "Protocol"
            heading = Heading(1, Paragraph([Run(title)], Where(0, title)))
            self.pages.append(Page(self._name(title), heading))
        return self.pages[-1].body

    def _name(self, title: str) -> str:
        """A file name from a title: lower-case words joined by hyphens, the same for the same title."""
        folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
        words = re.findall(r"[a-z0-9]+", folded)
        name = "-".join(words)[:60].rstrip("-") or "section"
        if name in ("index", "genindex", "search"):
            name += "-section"
        candidate, n = name, 1
        while candidate in self.used_names:
            n += 1
            candidate = f"{name}-{n}"
        self.used_names.add(candidate)
        return candidate

    def heading(self, paragraph: Paragraph, level: int, shape: Shape | None) -> None:
        self.open = []
        heading = Heading(level, paragraph)
        if shape is not None:
            heading.shown, heading.number, heading.word = shape.text, shape.site, shape.word
            self.section = heading
            self.headings.append(heading)
        elif level == 1:
            self.section = None
        if level == 1:
            words = _clean(paragraph.text()) or heading.shown or f"Section {len(self.pages) + 1}"
            self.pages.append(Page(self._name(words), heading))
        else:
            self.body().append(heading)

    # -- clauses

    def clause(self, paragraph: Paragraph, shape: Shape, depth: int) -> None:
        """File a numbered paragraph: a top-level clause, or a sub-item at *depth* in the clause open above it."""
        if shape.kind == "dotted":
            self.open = []
        while self.open and self.open[-1][2] >= depth and self.open[-1][1].kind == "item":
            self.open.pop()
        parent = self.open[-1][0] if self.open else None
        if shape.kind == "dotted" or parent is None:
            number = shape.site
            section = self.section
            if shape.kind == "item" and section and not section.word and re.fullmatch(r"[0-9]+[A-Z]?", section.number):
                section.role = True
                key = f"{section.number}{number}"
            else:
                key = number
        else:
            number, key = shape.site, parent.key + shape.site
        if paragraph.change != "del" and (key in self.keys or ClauseNumber.parse(key) is None):
            self._numbered_again(paragraph, shape, key)
            return
        if paragraph.change != "del":
            self.keys.add(key)
        if shape.kind == "item" and shape.inner != shape.inner.lower():
            detail = f"Word shows {shape.text}; the project writes a sub-item's letters in lower case: {shape.site}"
            self.notices.append(Notice("numbering", paragraph.where, detail))
        clause = Clause(number, key, shape.text, paragraph, change=paragraph.change)
        if parent is not None and shape.kind == "item":
            parent.body.append(clause)
        else:
            self.body().append(clause)
        self.clauses.append(clause)
        for bookmark in paragraph.bookmarks:
            self.bookmarks[bookmark] = key
        self.open.append((clause, shape, depth))

    def _numbered_again(self, paragraph: Paragraph, shape: Shape, key: str) -> None:
        """A number the project has already (a list restarted where Word's reader sees no heading to number it
        within): the paragraph is kept as text, its number written before its words, and reported."""
        detail = f"numbered {shape.text}, as another paragraph is ({key}): kept as text with its number; number it"
        self.notices.append(Notice("numbering", paragraph.where, detail + " within a heading, or renumber it"))
        first = paragraph.inlines[0] if paragraph.inlines else None
        words = f"{shape.text} " + (first.text if isinstance(first, Run) else "")
        inlines = [Run(words, *(first.bold, first.italic, first.link, first.change) if isinstance(first, Run) else ())]
        self.text(replace(paragraph, inlines=inlines + paragraph.inlines[1 if isinstance(first, Run) else 0 :]))

    def text(self, paragraph: Paragraph) -> None:
        """An unnumbered paragraph: more of the clause above it (of the same change), or plain text."""
        while self.open and self.open[-1][0].change not in (None, paragraph.change):
            self.open.pop()
        target = self.open[-1][0].body if self.open else self.body()
        target.append(paragraph)

    def bullet(self, paragraph: Paragraph) -> None:
        while self.open and self.open[-1][0].change not in (None, paragraph.change):
            self.open.pop()
        target = self.open[-1][0].body if self.open else self.body()
        depth = paragraph.label.level if paragraph.label else 0
        if target and isinstance(target[-1], Bullets):
            target[-1].items.append((depth, paragraph))
        else:
            target.append(Bullets([(depth, paragraph)]))

    def table(self, table: Table, caption: str) -> None:
        self.open = []
        if not any(p.text().strip() for row in table.rows for cell in row for p in cell):
            self.notices.append(Notice("table", table.where, "a table with no words in it: left out"))
            return
        self.body().append(_table(table, caption or self._nearest_heading(), self.notices))

    def _nearest_heading(self) -> str:
        for part in reversed(self.body()):
            if isinstance(part, Heading):
                return part.words()
        return self.pages[-1].heading.words() if self.pages else "Table"


def _table(table: Table, caption: str, notices: list[Notice]) -> DoDont | Captioned:
    """A Do/Don't table if its header reads Do / Don't (in its first row, or in its second under a title row of
    one merged cell, which is then its caption); any other table as it is, with a caption."""
    rows = table.rows
    width = max((len(row) for row in rows), default=0)
    titled = len(rows) > 2 and len(rows[0]) == 1
    header = rows[1] if titled else rows[0] if rows else []
    sides = [_do_side(" ".join(p.text() for p in cell)) for cell in header]
    if width == 2 and len(header) == 2 and sorted(sides) == ["do", "dont"]:
        names = [_clean(" ".join(p.text() for p in cell)) for cell in header]
        do_at = sides.index("do")
        body = [(row[do_at], row[1 - do_at]) for row in rows[2 if titled else 1 :] if len(row) == 2]
        title = _clean(" ".join(p.text() for p in rows[0][0])) if titled else ""
        if body:
            return DoDont(title or caption, names[do_at], names[1 - do_at], body, table)
    if any(len(row) != width for row in rows):
        detail = "its rows have different numbers of cells (merged cells): check the table on the page"
        notices.append(Notice("table", table.where, detail))
    padded = [row + [[] for _ in range(width - len(row))] for row in rows]
    return Captioned(caption, padded, max(table.header_rows, 1) if len(rows) > 1 else 0, table)


def _do_side(text: str) -> str:
    words = _clean(text).lower().replace("\u2019", "'").rstrip(":").strip()
    if re.fullmatch(r"(?:.*\s)?(?:don't|dont|do not)", words):
        return "dont"
    if re.fullmatch(r"(?:.*\s)?do", words):
        return "do"
    return ""


# -- the pass ------------------------------------------------------------------------------------------------------


def build(document: Document, prefix: str = "paragraph", plural: str = "paragraphs") -> Protocol:
    """The protocol of a Word document: its pages, clauses and headings, and what the reader's notices add.

    The document is not changed: a paragraph whose typed number is taken out of its words is a copy."""
    builder = _Builder(document)
    contents = [b for b in document.blocks if isinstance(b, Paragraph) and _CONTENTS.fullmatch(b.style.lower())]
    if contents:  # a table of contents typed or left as text: the site makes its own
        detail = f"a table of contents ({len(contents)} lines in Word's TOC styles): left out, the site has its own"
        builder.notices.append(Notice("table of contents", contents[0].where, detail))
    blocks = [block for block in document.blocks if not any(block is line for line in contents)]
    shapes = _numbers(blocks, builder.notices)
    title = _title_at(blocks, shapes)
    page_level = _page_level(blocks, shapes, title)
    if title is not None:
        builder.title = _clean(blocks[title].text())  # type: ignore[union-attr]
    skip: set[int] = set()
    for index, block in enumerate(blocks):
        if index in skip or index == title:
            continue
        if isinstance(block, Table):
            builder.table(block, "")
        elif _caption_before(blocks, index, shapes):
            builder.table(blocks[index + 1], _clean(block.text()))  # type: ignore[arg-type]
            skip.add(index + 1)
        else:
            _paragraph(builder, block, shapes.get(index), page_level)
    protocol = Protocol(builder.pages, builder.clauses, builder.headings, builder.bookmarks, builder.notices)
    protocol.prefix, protocol.plural = prefix, plural
    protocol.title = builder.title
    if title is not None:
        detail = f"the document's title, {protocol.title!r}: the protocol's start page (index.md) has its own title"
        protocol.notices.append(Notice("title", blocks[title].where, detail))
    return protocol


def _paragraph(
    builder: _Builder, paragraph: Paragraph, numbered: tuple[Shape, int] | None, page_level: int | None
) -> None:
    heading = _heading_level(paragraph, numbered, page_level)
    if heading is not None and not paragraph.text().strip() and paragraph.text("original").strip():
        builder.text(paragraph)  # a heading deleted by a tracked change: its words, struck out, not a section
        return
    if heading is not None and not numbered and not paragraph.text().strip():
        return  # an empty heading: nothing to show
    if heading is not None:
        builder.heading(paragraph, heading, numbered[0] if numbered else None)
    elif numbered and not _words_of(paragraph):
        detail = f"Word shows the number {numbered[0].text} with no words: left out (the numbering then skips it)"
        builder.notices.append(Notice("numbering", paragraph.where, detail))
    elif numbered:
        builder.clause(paragraph, *numbered)
    elif _is_bullet(_label_of(paragraph)):
        builder.bullet(paragraph)
    elif (
        paragraph.text("original").strip()
        or paragraph.text().strip()
        or any(not isinstance(inline, Run) for inline in paragraph.inlines)
    ):
        builder.text(paragraph)


def _words_of(paragraph: Paragraph) -> bool:
    """Whether a paragraph shows anything: words in either view, or a reference or footnote."""
    words = paragraph.text("original" if paragraph.change == "del" else "accepted")
    return bool(words.strip()) or any(not isinstance(i, Run) for i in paragraph.inlines)


def _heading_level(paragraph: Paragraph, numbered: tuple[Shape, int] | None, page_level: int | None) -> int | None:
    """The heading's level on its page (1 for the page's title), or None if the paragraph is not a heading."""
    if paragraph.heading is not None:
        top = page_level if page_level is not None else paragraph.heading
        return max(1, paragraph.heading - top + 1)
    if numbered and numbered[1] == -1:  # a numbered line decided to be a heading (_numbers)
        return 1 if page_level is None else 2
    return None


def _title_at(blocks: list[Block], shapes: dict[int, tuple[Shape, int]]) -> int | None:
    """Where the document's title is: its first words, in the Title style, or an unnumbered heading of a level used
    nowhere else and above every other heading. The protocol's start page has a title of its own."""
    first = next((i for i, b in enumerate(blocks) if not isinstance(b, Paragraph) or b.text().strip()), None)
    if first is None or first in shapes or not isinstance(blocks[first], Paragraph):
        return None
    paragraph = blocks[first]
    assert isinstance(paragraph, Paragraph)
    if paragraph.style.lower() == "title":
        return first
    if paragraph.heading is None:
        return None
    others = [
        b.heading for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.heading is not None and i != first
    ]
    return first if others and all(level > paragraph.heading for level in others) else None


def _page_level(blocks: list[Block], shapes: dict[int, tuple[Shape, int]], title: int | None) -> int | None:
    """The outline level of the headings that begin pages: the highest one used, the title left out."""
    levels = [
        b.heading for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.heading is not None and i != title
    ]
    return min(levels, default=None)


def _caption_before(blocks: list[Block], index: int, shapes: dict[int, tuple[Shape, int]]) -> bool:
    """Whether the paragraph at *index* is the caption of the table right after it: "Table 2: ...", or a short
    unnumbered line with no full stop."""
    paragraph = blocks[index]
    if index + 1 >= len(blocks) or not isinstance(blocks[index + 1], Table) or not isinstance(paragraph, Paragraph):
        return False
    if index in shapes or paragraph.heading is not None or paragraph.change or _is_bullet(paragraph.label):
        return False
    words = _clean(paragraph.text())
    return bool(_CAPTION.match(words)) or (_heading_like(paragraph) and len(words.split()) <= 12)


# -- which numbers are numbers -------------------------------------------------------------------------------------


def _numbers(blocks: list[Block], notices: list[Notice]) -> dict[int, tuple[Shape, int]]:
    """Each numbered paragraph's shape and depth (-1 for a numbered heading), by its place in *blocks*.

    Word's own numbers (``source`` "numbering") are taken as Word shows them, their depth its list level. A number
    typed as text is kept only if it fits: a dotted one continues the last dotted number, or the next typed one
    continues it; an item continues an open sequence of items (at that depth) or starts one ((a), (i), (1)). A
    paragraph whose typed number is kept is replaced in *blocks* by a copy without it in its words."""
    found: dict[int, tuple[Shape, int]] = {}
    candidates = _candidates(blocks, notices)
    last: tuple[int, ...] | None = None
    last_list, previous = "", -1  # the list of the last dotted number; the place of the last numbered paragraph
    sub_lists: set[str] = set()  # lists numbered 1., 2. that are the sub-items of the clause above them
    items: list[tuple[str, int, int]] = []  # open item sequences: (style, last place, depth)
    sections = False  # whether numbered headings carry the section numbers
    for order, (index, shape, label, typed) in enumerate(candidates):
        paragraph = typed or blocks[index]
        assert isinstance(paragraph, Paragraph)
        depth = label.level
        if label.list_id in sub_lists or _sub_list(shape, label, last, last_list, blocks[previous + 1 : index]):
            n = shape.value[0]
            shape, depth = Shape("item", shape.text, f"({n})", (n,), "digit", inner=str(n)), label.level + 1
            sub_lists.add(label.list_id)
        elif shape.kind == "dotted":
            sub_lists.clear()
        previous = index
        if label.source == "typed" and paragraph.change != "del":
            kept = _typed_fits(paragraph, shape, (last, items, sections), index, candidates[order + 1 :])
            if kept is None:
                if typed is None and not paragraph.text().startswith(label.text):  # the reader took it out
                    blocks[index] = replace(paragraph, label=None, inlines=[Run(label.text + " "), *paragraph.inlines])
                continue
            shape, depth = kept
        if shape.kind == "dotted":
            heading = _is_heading(paragraph, shape, index, candidates[order + 1 :])
            depth, sections = (-1, True) if heading else (depth, sections)
            last, last_list, items = shape.value, label.list_id, []
        else:
            heading = _heading_like(paragraph)
            items = [entry for entry in items if entry[2] < depth] + [(shape.style, shape.value[0], depth)]
        # a clause set in a Heading style to number it (6.7 or (a) and a sentence) is a clause
        blocks[index] = paragraph if heading or paragraph.heading is None else replace(paragraph, heading=None)
        found[index] = (shape, depth)
    return found


def _sub_list(shape: Shape, label: Label, last: tuple[int, ...] | None, last_list: str, between: list[Block]) -> bool:
    """Whether Word's "1.", "2." belong to a list of their own inside the clause above (its sub-items): a list other
    than the clause's, not continuing its number, straight after it or after another of its items."""
    if label.source != "numbering" or shape.kind != "dotted" or len(shape.value) != 1 or shape.word or last is None:
        return False
    if not label.list_id:
        return False
    if label.list_id == last_list or follows(last, shape.value):
        return False
    return not any(isinstance(b, Table) or (isinstance(b, Paragraph) and b.text().strip()) for b in between)


def _candidates(blocks: list[Block], notices: list[Notice]) -> list[tuple[int, Shape, Label, Paragraph | None]]:
    """The numbered paragraphs: Word's numbers, and numbers typed as text (with a copy of the paragraph that has
    the number out of its words), with their shapes."""
    found = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        typed = None
        label = _label_of(block)
        if label is None and block.label is None and block.label_original is None:
            typed = _typed(block)
            label = typed.label if typed else None
        if typed is not None and _is_bullet(label):
            blocks[index] = typed  # "• words" typed: a bullet of the list, its words without the "•"
        if label is None or _is_bullet(label) or not label.text.strip():
            continue
        shape = shape_of(label.text)
        if shape is None:
            if label.source == "numbering":
                detail = f"Word numbers it {label.text!r}, not a number the project has: written as words before it"
                notices.append(Notice("numbering", block.where, detail))
                blocks[index] = replace(
                    block, label=None, label_original=None, inlines=[Run(label.text + " "), *block.inlines]
                )
            continue
        found.append((index, shape, label, typed))
    return found


def _typed(paragraph: Paragraph) -> Paragraph | None:
    """A copy of an unnumbered paragraph with the number typed at its start ("6.7 Members ...", "(a) the ...")
    taken out of its words and made its label; None if it starts with no number."""
    from .numbering import typed_label

    first = paragraph.inlines[0] if paragraph.inlines else None
    if not isinstance(first, Run) or first.change is not None:
        return None
    found = typed_label(first.text)
    if found is None:
        return None
    label, rest = found
    inlines = [Run(rest, first.bold, first.italic, first.link, first.change), *paragraph.inlines[1:]]
    label = Label(label.text, label.level, label.counters, label.formats, "typed", "")
    return replace(paragraph, inlines=inlines, label=label)


def _typed_fits(
    paragraph: Paragraph,
    shape: Shape,
    state: tuple[tuple[int, ...] | None, Items, bool],
    index: int,
    after: list[tuple[int, Shape, Label, Paragraph | None]],
) -> tuple[Shape, int] | None:
    """A typed number's shape and depth if it is a number: a heading ("PART 8 - ...", "7 Policy" before 7.1, even
    where the section before it was not found), or one that fits its sequence (``_fits``). Where numbered headings
    carry the sections' numbers, a lone "4." that is not a heading is a list's item typed in the text
    ("4. Accountability: ...", the fourth of seven principles)."""
    last, items, sections = state
    heading = shape.kind == "dotted" and _is_heading(paragraph, shape, index, after)
    if heading and (shape.word or len(shape.value) == 1):  # a heading is a heading, even after a gap (5, then 7)
        return shape, 0
    if shape.kind == "dotted" and len(shape.value) == 1 and sections:
        return None
    return _fits(shape, last, items, after)


Items = list[tuple[str, int, int]]  # open sequences of items, outermost first: (style, last place, depth)


def _fits(
    shape: Shape,
    last: tuple[int, ...] | None,
    items: Items,
    after: list[tuple[int, Shape, Label, Paragraph | None]],
) -> tuple[Shape, int] | None:
    """A typed number's shape and depth if it continues the sequence it is in, else None.

    A dotted number continues the last one (6.6, 6.7; 6.12, 7.1), or starts the numbering (1, 1.1), or is the one
    the next typed number continues (8.63 before 8.64). An item continues an open sequence of items or starts a
    new one a level deeper, and where it could do either ((i) after (h): the ninth letter, or the first numeral
    under (h)), the next item decides: (ii) makes it a numeral, (j) a letter. A capital and a full stop starting a
    sequence ("A. Smith said") is one only if the next item continues it."""
    if shape.kind == "dotted":
        following = next((s for _i, s, _label, _p in after if s.kind == "dotted"), None)
        starts = last is None and shape.value[-1] == 1
        if (last is not None and follows(last, shape.value)) or starts:
            return shape, 0
        # or the next one is the one after it (8.64 after 8.63, under Part 8): "1.5 million" before 2.1 is words,
        # and "1." to "4." listing four principles in section 3 are a list, not clauses 1 to 4
        if following is not None and (last is None or shape.value[0] == last[0]):
            after_it = shape.value[:-1] + (shape.value[-1] + 1,)
            if following.value == after_it or (last is None and follows(shape.value, following.value)):
                return shape, 0
        return None
    upcoming = []  # the items that follow, up to the next dotted number: the context that decides (i)
    for _i, found, _label, _p in after[:8]:
        if found.kind != "item":
            break
        upcoming.append(found)
    options = [
        (style, place, depth, True)
        for style_, place_, depth in reversed(items)
        for style, place in _item_styles(shape.inner)
        if style == style_ and place == place_ + 1
    ]
    options += [
        (style, 1, (items[-1][2] + 1) if items else 1, False)
        for style, place in _item_styles(shape.inner)
        if place == 1
    ]

    def fitting(option: tuple[str, int, int, bool]) -> int:
        style, place, depth, _continues = option
        return _fitting([entry for entry in items if entry[2] < depth] + [(style, place, depth)], upcoming)

    initial = re.fullmatch(r"[A-Z]\.", shape.text) is not None  # "A. Smith said": a start only if "B." follows
    for option in sorted(options, key=lambda option: (-fitting(option), not option[3])):
        if option[3] or not initial or fitting(option):
            return replace(shape, value=(option[1],), style=option[0]), option[2]
    return None


def _fitting(items: Items, upcoming: list[Shape]) -> int:
    """How many of the *upcoming* items fit one after another once *items* are open: each continuing an open
    sequence (the innermost first) or starting one a level deeper."""
    items = list(items)
    for count, shape in enumerate(upcoming):
        choices = _item_styles(shape.inner)
        found = next(
            (
                (style, place, depth)
                for open_style, open_place, depth in reversed(items)
                for style, place in choices
                if style == open_style and place == open_place + 1
            ),
            None,
        )
        if found is None:
            start = next((style for style, place in choices if place == 1), None)
            if start is None:
                return count
            found = (start, 1, items[-1][2] + 1 if items else 1)
        items = [entry for entry in items if entry[2] < found[2]] + [found]
    return len(upcoming)


def _is_heading(
    paragraph: Paragraph, shape: Shape, index: int, after: list[tuple[int, Shape, Label, Paragraph | None]]
) -> bool:
    """Whether a dotted number is a section's: on a Heading style, named as one ("Part 8"), or a short line with no
    full stop, set as a heading (bold, or in capitals) or before a paragraph numbered within it (1 Roles, then 1.1)."""
    if shape.word:  # "Part 8", "Section 3": a heading, unless a whole paragraph follows ("Article 5 The ...")
        return paragraph.heading is not None or _heading_like(paragraph)
    if paragraph.heading is not None:  # unless a long paragraph numbered 6.7: a clause styled as a heading
        return len(shape.value) == 1 or _heading_like(paragraph)
    if len(shape.value) != 1 or not _heading_like(paragraph):
        return False
    words = [run for run in paragraph.inlines if isinstance(run, Run) and run.text.strip()]
    if all(run.bold for run in words) or paragraph.text().isupper():  # set as a heading
        return True
    following = next((s for i, s, _label, _p in after if i > index), None)
    return (
        following is not None
        and following.kind == "dotted"
        and following.value[:1] == shape.value[:1]
        and len(following.value) > 1
    )


# -- cross-references and citations --------------------------------------------------------------------------------

_NUM = r"[0-9]+[A-Z]?(?:\.[0-9]+[A-Z]?)*(?:\([0-9a-z]+\))*|\([0-9a-z]+\)(?:\([0-9a-z]+\))*"
_CITES = re.compile(
    rf"\b(?P<word>[A-Za-z][A-Za-z.\-]*)\s+(?P<target>(?:{_NUM})(?:(?:,\s+(?:and\s+)?|\s+and\s+|\s+to\s+)(?:{_NUM}))*)"
    r"(?![0-9A-Za-z(])"
)
CITING_WORDS = {"paragraph", "paragraphs", "para", "paras", "para.", "paras.", "clause", "clauses", "sub-paragraph"}


@dataclass(frozen=True)
class Citation:
    """Words of a paragraph that cite clauses: where they stand in the text (``start``, ``end``), the numbers
    (``target``, as ``{clause}`` reads them) and whether the role prints the same words itself (``plain``)."""

    start: int
    end: int
    words: str
    target: str
    plain: bool


def citations(text: str, protocol: Protocol) -> list[Citation]:
    """The plain-text citations in *text* that the project can link: "paragraph 6.7", "paragraphs 8 to 11",
    "paragraphs 6.7 and 6.9", each number one the import has (a range's every clause too), not followed by "of"
    (paragraph 3 of Schedule 1 is another document's)."""
    known = protocol.clause_keys()
    found = []
    for match in _CITES.finditer(text):
        word = match["word"]
        if word.lower() not in CITING_WORDS and word not in (protocol.prefix, protocol.plural):
            continue
        if re.match(r"\s+of\b", text[match.end() :]):
            continue
        target = match["target"]
        items, troubles = read_citation(target, "")
        if troubles or not items or any(not item.ends for item in items):
            continue
        if any(key not in known for item in items for key in item.keys):
            continue
        several = len(items) > 1 or len(items[0].ends) == 2
        printed = _printed(items, protocol, several)
        plain = word == (protocol.plural if several else protocol.prefix) and printed == f"{word} {target}"
        found.append(Citation(match.start(), match.end(), match[0], target, plain))
    return found


def _printed(items: list, protocol: Protocol, several: bool) -> str:
    """What ``{clause}`target``` prints (role.py): the word, then the numbers joined by ", " and " and "."""
    shown = [" to ".join(shown for _key, shown in item.ends) for item in items]
    if not several:
        return f"{protocol.prefix} {shown[0]}"
    joined = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    return f"{protocol.plural} {joined}"


def reference_key(reference: CrossReference, protocol: Protocol) -> str | None:
    """The clause a Word cross-reference points at, if its bookmark is on a numbered paragraph the import has."""
    key = protocol.bookmarks.get(reference.bookmark)
    return key if key in protocol.clause_keys() else None
