"""The PDFs read back as a reader meets them: lines of text, each with its fonts, sizes, colours and what the PDF's
structure tree says it is. ``python tests/pdf_read.py _build/pdf`` prints the figures README's PDF section quotes:
the body text's size, the characters on a line, what ends each page, and any line broken too early.

pdfplumber (pdfminer.six) does the reading: each character with its position, width, font, size, colour and
marked-content id, and the structure tree with the ids each element marks. Written by hand, that is text
matrices, CID fonts and their ToUnicode maps, and the ParentTree. Text that the structure tree does not reach
(the running header, the page numbers) is furniture, and left out of the lines.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer

# The structure types that hold text as one block; a Span or a Link inside one takes its block's.
HEADINGS = {"H1", "H2", "H3", "H4", "H5", "H6"}
CELLS = {"TD", "TH"}
BLOCKS = {"P", "Caption", "LBody", "Lbl", *HEADINGS, *CELLS}
RUNNING = {"P", "LBody"}  # running text: paragraphs, list items and definitions (a table cell is not)


@dataclass(eq=False)
class Block:
    """One element of the structure tree that holds text, as it is on one page (WeasyPrint makes a paragraph
    that runs onto the next page two elements). A text outside any block, a clause's number, is a block of its
    own with the kind of its element, a Span."""

    kind: str  # the structure type: "P", "H2", "Caption", "LBody" (a list item's or a term's body), "TD"…
    text: str = ""  # its whole text on this page, spaces collapsed


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    size: float  # points
    font: str  # without the subset's prefix: "DejaVuSans-Bold"
    colour: tuple[float, ...]  # the fill colour, as the PDF gives it (RGB from 0 to 1 here)
    block: Block


@dataclass(frozen=True)
class Line:
    """One line of a page's own text, left to right."""

    page: int  # from 1
    top: float  # from the page's top edge, in points
    chars: tuple[Char, ...] = field(repr=False)

    @property
    def text(self) -> str:
        return _joined(self.chars)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The blocks its characters belong to, in order."""
        return tuple(dict.fromkeys(char.block for char in self.chars))

    @property
    def running(self) -> Block | None:
        """The paragraph or list item the line is part of, if it holds nothing else but its number or bullet."""
        blocks = [block for block in self.blocks if block.kind in BLOCKS - {"Lbl"}]
        return blocks[0] if len(blocks) == 1 and blocks[0].kind in RUNNING else None

    @property
    def size(self) -> float:
        """The font size most of its characters have."""
        sizes = [char.size for char in self.chars if not char.text.isspace()]
        return max(set(sizes), key=sizes.count)

    @property
    def x1(self) -> float:
        """The right edge of its last character that is not a space."""
        return max(char.x1 for char in self.chars if not char.text.isspace())

    def first_word(self) -> tuple[Char, ...]:
        """Its first word, and so what would have to fit at the end of the line before."""
        word: list[Char] = []
        for char in self.chars:
            if char.text.isspace():
                if word:
                    break
                continue
            word.append(char)
        return tuple(word)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]


def read(path: Path) -> list[Page]:
    """Every page of the PDF at *path*, as lines of its own text from top to bottom."""
    with pdfplumber.open(path) as pdf:
        return [_page(page) for page in pdf.pages]


def _page(page: Any) -> Page:
    owner = _blocks_by_mcid(page.structure_tree)
    rows: dict[float, list[Char]] = {}
    left, top = page.mediabox[:2]
    for found in characters(page.layout):
        block = owner.get(getattr(found, "mcid", None))
        if block is None:
            continue  # furniture: the structure tree does not reach it
        colour = found.graphicstate.ncolor
        char = Char(
            text=found.get_text(),
            x0=found.x0 + left,
            x1=found.x1 + left,
            size=round(found.size, 1),
            font=found.fontname.split("+")[-1],
            colour=colour if isinstance(colour, tuple) else (colour,),  # a grey is one number: as pdfplumber gives it
            block=block,
        )
        bottom = page.height - found.y0 + top
        rows.setdefault(round(bottom - found.size * 0.2), []).append(char)
    lines = []
    for top, row in _merge_close(rows):
        row.sort(key=lambda char: char.x0)
        if any(not char.text.isspace() for char in row):
            lines.append(Line(page.page_number, top, tuple(row)))
    for block in {char.block for line in lines for char in line.chars}:
        block.text = " ".join(_joined(tuple(c for c in line.chars if c.block is block)) for line in lines)
        block.text = " ".join(block.text.split())
    return Page(page.page_number, float(page.width), float(page.height), tuple(lines))


def characters(layout: LTContainer) -> Iterator[LTChar]:
    """The characters that pdfminer laid out on a page, as pdfplumber's ``page.chars`` gives them, with their
    marked-content ids, but read from its layout directly: ``page.chars`` makes each of the page's objects (every
    character, line and rectangle) into a dictionary of some twenty attributes first, a third of the reading's time,
    and the lines need five of a character's."""
    for item in layout:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            yield from characters(item)


def _joined(chars: tuple[Char, ...]) -> str:
    """Characters of one line as text, with a space where the PDF leaves a gap and draws none (beside a clause's
    number, or where WeasyPrint leaves a space out)."""
    out: list[str] = []
    for before, char in zip((None, *chars), chars, strict=False):
        if before is not None and not (before.text + char.text).isspace() and char.x0 - before.x1 > char.size / 4:
            out.append(" ")
        out.append(char.text)
    return "".join(out).strip()


def _merge_close(rows: dict[float, list[Char]]) -> list[tuple[float, list[Char]]]:
    """Rows of characters whose baselines are within 2 pt of each other make one line (mixed sizes)."""
    merged: list[tuple[float, list[Char]]] = []
    for key in sorted(rows):
        if merged and key - merged[-1][0] <= 2:
            merged[-1][1].extend(rows[key])
        else:
            merged.append((key, list(rows[key])))
    return merged


def _blocks_by_mcid(tree: list[dict[str, Any]]) -> dict[int, Block]:
    """Marked-content id -> the innermost block that holds it (but a table cell's text is the cell's)."""
    owner: dict[int, Block] = {}

    def walk(element: dict[str, Any], block: Block | None) -> None:
        kind = element.get("type", "")
        if kind in BLOCKS and (block is None or block.kind not in CELLS):
            block = Block(kind)
        for mcid in element.get("mcids") or ():
            owner[mcid] = block if block is not None else Block(kind)
        for child in element.get("children") or ():
            walk(child, block)

    for element in tree:
        walk(element, None)
    return owner


# -- what the checks and the figures ask of the lines ---------------------------------------------------------


def foot(page: Page) -> Line | None:
    """The last line of the page's own text."""
    return page.lines[-1] if page.lines else None


def introduces(line: Line, labels: Mapping[str, Set[str]]) -> bool:
    """Whether *line* holds only what introduces the text after it, and so must not end a page: a heading, a
    table's caption or header row, a clause's number, a list's bullet, or a label. The structure tree calls a
    label by its container's type, so *labels* names them by their texts: ``{"LBody": terms, "P": titles}``,
    a term of a glossary or a register entry's "Kind:" being a list item's body, a clause's title a paragraph."""
    return all(
        block.kind in HEADINGS | {"Caption", "TH", "Lbl"}
        or block.kind not in BLOCKS
        or block.text in labels.get(block.kind, ())
        for block in line.blocks
    )


def wrapped(page: Page) -> Iterator[tuple[Line, Line]]:
    """Each line of running text that goes on in the next line of the same block, with that next line."""
    for line, after in zip(page.lines, page.lines[1:], strict=False):
        if line.running is not None and after.running is line.running:
            yield line, after


def body_size(pages: Iterable[Page]) -> float:
    """The font size that most of the text is set in."""
    counts: dict[float, int] = {}
    for page in pages:
        for line in page.lines:
            for char in line.chars:
                counts[char.size] = counts.get(char.size, 0) + 1
    return max(counts, key=lambda size: counts[size])


def characters_per_line(pages: Iterable[Page]) -> list[int]:
    """How many characters each full line of running text holds: every line of a paragraph or list item but its
    last, without a clause's number beside it."""
    return [
        len(" ".join("".join(c.text for c in line.chars if c.block is line.running).split()))
        for page in pages
        for line, _after in wrapped(page)
    ]


def broken_early(page: Page, slack: float = 1.0) -> Iterator[tuple[Line, Line]]:
    """Lines of running text that end although the next line's first word would have fitted after them.

    A paragraph's right edge is the furthest any of its lines on the page reaches; *slack* (points) is left for
    rounding. A next line whose first word starts or runs into a label set small (a tracked change's "End of
    inserted text", which never breaks inside) is not counted.
    """
    pairs = list(wrapped(page))
    right: dict[Block, float] = {}
    for line in page.lines:
        if line.running is not None:
            right[line.running] = max(right.get(line.running, 0.0), line.x1)
    for line, after in pairs:
        word = after.first_word()
        if not word or min(char.size for char in word) < max(char.size for char in line.chars) * 0.9:
            continue
        spaces = [char.x1 - char.x0 for char in line.chars if char.text == " "]
        space = spaces[0] if spaces else line.size / 3
        assert line.running is not None
        if line.x1 + space + (word[-1].x1 - word[0].x0) <= right[line.running] - slack:
            yield line, after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of PDFs, such as _build/pdf")
    parser.add_argument("--feet", action="store_true", help="print the last line of every page")
    args = parser.parse_args(argv)
    for path in sorted(args.folder.glob("*.pdf")):
        pages = read(path)
        counts = characters_per_line(pages)
        median = statistics.median(counts) if counts else 0
        sys.stdout.write(
            f"{path.name}: {len(pages)} pages, body {body_size(pages):g} pt, {median:g} characters a line "
            f"(median of {len(counts)} full lines, {min(counts, default=0)} to {max(counts, default=0)})\n"
        )
        for page in pages:
            last = foot(page)
            if args.feet and last is not None:
                kinds = "+".join(block.kind for block in last.blocks)
                sys.stdout.write(f"  page {page.number:>2} ends with {kinds}: {last.text[:70]!r}\n")
            for line, after in broken_early(page):
                sys.stdout.write(f"  page {page.number:>2}: broken early: {line.text[-40:]!r} / {after.text[:30]!r}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
