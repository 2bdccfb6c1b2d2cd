"""What the import reads out of a Word document, as plain data: the contract between the reader (``reader``, which
makes it from a .docx) and the steps after it (``structure``, ``writer``, ``report``), which never see XML.

Every block knows where it is in the Word document (``Where``), so that the report can send an editor to it.
Tracked changes are kept, not resolved: a run or a whole paragraph may be inserted or deleted, and ``accepted`` /
``original`` give the text with the changes accepted or rejected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

#: A tracked change: ``ins`` (w:ins, w:moveTo) or ``del`` (w:del, w:moveFrom); None where the text is not changed.
Change = Literal["ins", "del"] | None


@dataclass(frozen=True)
class Where:
    """A place in the Word document: the paragraph's position in reading order (1-based, counting the paragraphs
    of table cells where they stand, as Word's navigation does) and its first words, for a person to find it.
    Paragraph 0 is the document as a whole (its headers and footers, say): ``words`` then names the part."""

    paragraph: int
    words: str = ""

    def __str__(self) -> str:
        if self.paragraph == 0:
            return self.words or "the whole document"
        shown = self.words if len(self.words) <= 40 else self.words[:40].rstrip() + "…"
        return f'paragraph {self.paragraph} ("{shown}")' if shown else f"paragraph {self.paragraph}"


@dataclass(frozen=True)
class Label:
    """The number a paragraph carries, as Word shows it, and where it comes from.

    ``text`` is what the reader sees before the words: "6.7", "(a)", "Part 8", "1." (Word's ``lvlText`` filled in, or
    the typed text). ``level`` is the list level (``w:ilvl``, 0-8) for a computed number, or the depth worked out
    from the shape of a typed one. ``counters`` are the numbers of levels 0..level ("6.7" -> (6, 7)), ``formats``
    their ``numFmt`` ("decimal", "lowerLetter", "lowerRoman", "upperLetter", "upperRoman", "bullet", "none", …).
    ``source`` is ``"numbering"`` (computed from numbering.xml, directly or through the paragraph's style) or
    ``"typed"`` (written as text at the start of the paragraph). ``list_id`` names the counter family (the
    abstract numbering's id, or "" for typed numbers), so that two lists can be told apart.
    """

    text: str
    level: int
    counters: tuple[int, ...] = ()
    formats: tuple[str, ...] = ()
    source: Literal["numbering", "typed"] = "numbering"
    list_id: str = ""


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting. ``link`` is an external address (http, https or mailto)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    change: Change = None


@dataclass(frozen=True)
class CrossReference:
    """A Word cross-reference: a REF (or PAGEREF/NOTEREF) field pointing at a bookmark. ``shown`` is the field's
    cached result, what Word displays ("6.7", "paragraph 6.7"); ``switches`` its switches ("\\r", "\\h", …)."""

    bookmark: str
    shown: str
    switches: tuple[str, ...] = ()
    field: str = "REF"
    change: Change = None


@dataclass(frozen=True)
class FootnoteReference:
    """A footnote or endnote, at the place its mark stands; its text as paragraphs of inlines."""

    paragraphs: tuple[tuple[Inline, ...], ...]
    kind: Literal["footnote", "endnote"] = "footnote"
    change: Change = None


Inline = Run | CrossReference | FootnoteReference


@dataclass
class Paragraph:
    """One Word paragraph.

    ``label`` is the number Word shows on it with the changes accepted, ``label_original`` with them rejected (they
    differ where a tracked change inserts or deletes a numbered paragraph before it). ``heading`` is its outline
    level (0 for Heading 1), from its style or ``w:outlineLvl``, or None for body text. ``change`` is "ins" or "del"
    where the whole paragraph is a tracked insertion or deletion. ``bookmarks`` are the names of the bookmarks that
    start in it (the targets of cross-references).
    """

    inlines: list[Inline]
    where: Where
    style: str = ""
    heading: int | None = None
    label: Label | None = None
    label_original: Label | None = None
    bookmarks: tuple[str, ...] = ()
    change: Change = None

    def text(self, view: Literal["accepted", "original"] = "accepted") -> str:
        """The paragraph's words with the tracked changes accepted (or rejected), its number not included."""
        return text_of(self.inlines, leaving_out="del" if view == "accepted" else "ins")


def text_of(inlines: Iterable[Inline], leaving_out: Change = None) -> str:
    """The words of *inlines*, less those of the tracked change *leaving_out* (``"ins"`` or ``"del"``), if given."""
    return "".join(_words(inline) for inline in inlines if leaving_out is None or inline.change != leaving_out)


def _words(inline: Inline) -> str:
    if isinstance(inline, Run):
        return inline.text
    if isinstance(inline, CrossReference):
        return inline.shown
    return ""  # a footnote's mark is not part of the words


@dataclass
class Table:
    """A Word table: rows of cells, each cell its paragraphs (a nested table's paragraphs are flattened into its
    cell, and reported). ``header_rows`` is how many rows repeat as a header (``w:tblHeader``), at least the first
    row where it is bold throughout."""

    rows: list[list[list[Paragraph]]]
    where: Where
    header_rows: int = 0
    change: Change = None


Block = Paragraph | Table


@dataclass(frozen=True)
class Notice:
    """Something in the Word document that the import did not carry over, or carried over with a doubt: a comment,
    a text box, an image, a formatting-only revision, a field it does not read, a numbering it could not compute.
    ``kind`` is a short word the report groups by ("comment", "text box", "image", "formatting change",
    "field", "numbering", …); ``detail`` says what and what to do, in a sentence."""

    kind: str
    where: Where
    detail: str


@dataclass
class Document:
    """A Word document as the import reads it: its body's blocks in reading order, its title (the core
    property, if set), and the notices of what was not carried over."""

    blocks: list[Block]
    title: str = ""
    notices: list[Notice] = field(default_factory=list)
    #: The tracked changes' authors, as (where, "ins" or "del", name): names are personal data, so a reader fills this
    #: only when the person running the import asks to keep them (``--keep-authors``); empty otherwise.
    authors: list[tuple[Where, str, str]] = field(default_factory=list)
