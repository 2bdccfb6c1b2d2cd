"""Real Word files (.docx), made in code for the Word import's tests: a small, readable maker of WordprocessingML.

A test says what the document holds, as an author would have typed it in Word::

    doc = WordFile(title="Protocol")
    legal = doc.numbering([Level("decimal", "%1", start=1), Level("decimal", "%1.%2"), Level("lowerLetter", "(%3)")])
    doc.heading("Introduction", level=1, num=(legal, 0))
    doc.paragraph("Effective working ...", num=(legal, 1), bookmark="_Ref1")
    doc.paragraph(Run("old", change="del"), Run("new", change="ins"), num=(legal, 2))
    doc.paragraph("See ", Ref("_Ref1", "1.1"), ".")        # a REF field (complex=True for fldChar runs)
    doc.table([["Do", "Don't"], ["Be polite", "Shout"]], header=True)
    path = doc.save(tmp_path / "x.docx")

and gets the parts Word writes for it: ``[Content_Types].xml``, the package and document relationships,
``styles.xml`` (Normal, Heading 1-3, footnote and hyperlink styles, and any a test adds, which may carry numbering),
``numbering.xml`` (abstract numberings, their nums and level overrides), ``footnotes.xml`` and ``endnotes.xml`` (with
the separator notes Word always writes), ``comments.xml``, headers and footers, ``settings.xml``, a font table and a
minimal theme, and ``docProps/core.xml`` (the title, and an author, so that tests can check the import never carries
one). Table cells take ``Para`` (a paragraph with options), ``Cell`` (spans, vertical merges) and ``Table`` (a table
in a cell). A file written with these passes openxml-audit's checks of what Word opens (tried by hand, 2026-12;
neither Word nor LibreOffice is on the machines the tests run on).

Anything this maker has no word for can be written as raw XML (``Xml`` inline, ``WordFile.raw`` block): text boxes,
images, equations, formatting changes; ``rewrite`` copies a saved file with its parts changed (a damaged part, a
style the maker does not write). Tracked changes carry ``AUTHOR`` as ``w:author``, for the same check.

Written with plain strings, not python-docx: python-docx writes neither tracked changes nor fields nor footnotes,
which are most of what these tests are about. The zip is written with a fixed date, so one document gives the same
bytes each time.
"""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14"'
)
#: The name every tracked change, comment and the core properties carry: the import must never pass it on.
AUTHOR = "Priya Authorsdottir"
DATE = "2026-11-30T10:00:00Z"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PART = "application/vnd.openxmlformats-officedocument.wordprocessingml"

#: A tracked change as Word writes it: w:ins, w:del, w:moveTo or w:moveFrom.
Change = Literal["ins", "del", "moveTo", "moveFrom"] | None


@dataclass(frozen=True)
class Level:
    """One level of a list: its number format, its text (``%1.%2``), where it starts, when it restarts
    (``w:lvlRestart``: 0 never, n after level n), ``legal`` (``w:isLgl``) and the paragraph style tied to it."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int | None = 1
    restart: int | None = None
    legal: bool = False
    style: str | None = None


@dataclass(frozen=True)
class List:
    """A list made by ``WordFile.numbering``: its ``w:num`` id and the abstract numbering it uses."""

    num_id: int
    abstract_id: int


@dataclass(frozen=True)
class Run:
    """Text with formatting: bold/italic as direct formatting (None: not set; False: ``w:val="0"``), a character
    style, a tracked change, hidden text. A tab is written ``\\t`` and a line break ``\\n``."""

    text: str
    bold: bool | None = None
    italic: bool | None = None
    change: Change = None
    style: str | None = None
    hidden: bool = False


@dataclass(frozen=True)
class Ref:
    """A cross-reference: a REF field (or PAGEREF, NOTEREF) to a bookmark, showing ``shown``; ``complex`` writes
    it as fldChar begin / instrText / separate / result / end runs, as Word does, instead of ``w:fldSimple``."""

    bookmark: str
    shown: str
    field: str = "REF"
    switches: tuple[str, ...] = ("\\r", "\\h")
    complex: bool = False
    change: Change = None


@dataclass(frozen=True)
class Field:
    """Any other field: its instruction (``DATE \\@ "d MMMM yyyy"``) and the result Word last showed."""

    instruction: str
    result: str
    complex: bool = True


@dataclass(frozen=True)
class Link:
    """A hyperlink (``w:hyperlink``): to an address (a relationship) or, with ``anchor``, to a bookmark."""

    text: str
    url: str | None = None
    anchor: str | None = None
    change: Change = None


@dataclass(frozen=True)
class Note:
    """A footnote (or endnote) at this place: its paragraphs' text."""

    text: str | tuple[str, ...]
    endnote: bool = False
    change: Change = None


@dataclass(frozen=True)
class Comment:
    """A comment on ``on`` (the words it is anchored to, written as ordinary text), saying ``text``."""

    on: str
    text: str


@dataclass(frozen=True)
class Xml:
    """Raw WordprocessingML inside a paragraph (runs, a drawing, an equation), written as it is."""

    xml: str


Inline = str | Run | Ref | Field | Link | Note | Comment | Xml


@dataclass(frozen=True)
class Para:
    """A paragraph in a table cell or a note, with the options of ``WordFile.paragraph``."""

    inlines: tuple[Inline, ...]
    options: dict[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, *inlines: Inline, **options: object) -> Para:
        return cls(inlines, options)


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs (str, ``Para`` or a nested ``Table``), how many grid columns it spans and its
    vertical merge (``"restart"`` starts a merged cell, ``"continue"`` is covered by the one above)."""

    content: tuple[str | Para | Table, ...]
    span: int = 1
    vmerge: Literal["restart", "continue"] | None = None


@dataclass(frozen=True)
class Table:
    """A table for a cell of another (``WordFile.table`` takes the same rows)."""

    rows: tuple[tuple[str | Para | Cell, ...], ...]


CellValue = str | Para | Cell


class WordFile:
    """A Word document being made; ``save`` writes it."""

    def __init__(self, title: str = "", author: str = AUTHOR) -> None:
        self.title = title
        self.author = author
        self.body: list[str] = []
        self.styles: list[str] = []
        self.abstracts: list[str] = []
        self.nums: list[str] = []
        self.footnotes: list[str] = []
        self.endnotes: list[str] = []
        self.comments: list[str] = []
        self.links: dict[str, str] = {}  # address -> relationship id
        self.headers: list[tuple[str, str]] = []  # (kind, text)
        self._ids = itertools.count(1)

    # --- styles and numbering -------------------------------------------------------------------------------------

    def style(
        self,
        style_id: str,
        name: str | None = None,
        *,
        kind: Literal["paragraph", "character"] = "paragraph",
        based_on: str | None = "Normal",
        num: tuple[List, int] | None = None,
        bold: bool | None = None,
        italic: bool | None = None,
        outline: int | None = None,
    ) -> str:
        """Add a style (a paragraph style by default, based on Normal); ``num`` links it to a list level, as a
        numbered heading style is. Returns its id."""
        ppr = ""
        if num is not None:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0].num_id}"/></w:numPr>'
        if outline is not None:
            ppr += f'<w:outlineLvl w:val="{outline}"/>'
        based = f'<w:basedOn w:val="{based_on}"/>' if based_on and kind == "paragraph" else ""
        self.styles.append(
            f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name or style_id}"/>'
            f"{based}{f'<w:pPr>{ppr}</w:pPr>' if ppr and kind == 'paragraph' else ''}{_rpr(bold, italic)}</w:style>"
        )
        return style_id

    def numbering(self, levels: list[Level], *, style_link: str | None = None) -> List:
        """Add an abstract numbering with these levels (level 0 first) and a num that uses it."""
        abstract_id = len(self.abstracts) + 1
        lvls = "".join(_level(i, level) for i, level in enumerate(levels))
        link = f'<w:numStyleLink w:val="{style_link}"/>' if style_link else ""
        self.abstracts.append(
            f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{link}{lvls}'
            "</w:abstractNum>"
        )
        return self.num(List(0, abstract_id))

    def num(self, like: List, starts: dict[int, int] | None = None, levels: dict[int, Level] | None = None) -> List:
        """Another num on the same abstract numbering as ``like`` (sharing its counters), with ``w:startOverride``
        for the levels in ``starts``, or whole replacement levels."""
        num_id = len(self.nums) + 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for i, start in sorted((starts or {}).items())
        )
        overrides += "".join(
            f'<w:lvlOverride w:ilvl="{i}">{_level(i, level)}</w:lvlOverride>'
            for i, level in sorted((levels or {}).items())
        )
        self.nums.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{like.abstract_id}"/>{overrides}</w:num>')
        return List(num_id, like.abstract_id)

    # --- blocks ---------------------------------------------------------------------------------------------------

    def paragraph(self, *inlines: Inline, **options: object) -> None:
        """Add a paragraph. Options: ``style`` (a style id), ``num`` ((List, level), or (0, 0) for ``numId 0``),
        ``bookmark`` (a name, around the whole paragraph), ``change`` (the whole paragraph inserted or deleted: its
        runs and its mark), ``mark`` (only the paragraph mark inserted or deleted), ``outline`` (``w:outlineLvl``),
        ``ppr`` (raw XML added to ``w:pPr``)."""
        self.body.append(self._paragraph(inlines, **options))

    def heading(self, text: str | Inline, level: int = 1, **options: object) -> None:
        """Add a paragraph in the style Heading ``level``."""
        self.paragraph(text, style=f"Heading{level}", **options)

    def table(
        self,
        rows: list[list[CellValue]] | tuple[tuple[CellValue, ...], ...],
        *,
        header: bool = False,
        bold_header: bool = False,
        row_changes: dict[int, Literal["ins", "del"]] | None = None,
        trpr: str = "",
    ) -> None:
        """Add a table. ``header`` repeats the first row as a header (``w:tblHeader``); ``bold_header`` makes the
        first row's text bold (and nothing else); ``row_changes`` marks rows (by index) inserted or deleted."""
        self.body.append(self._table(rows, header, bold_header, row_changes or {}, trpr))

    def raw(self, xml: str) -> None:
        """Add raw XML to the body (a ``w:sdt``, a ``w:altChunk``, a paragraph with a text box)."""
        self.body.append(xml)

    def header(self, text: str, kind: Literal["header", "footer"] = "header") -> None:
        """Add a default header (or footer) with this text to the document's section."""
        self.headers.append((kind, text))

    # --- writing --------------------------------------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        """Write the .docx (the parts in a fixed order, with a fixed date) and return its path."""
        parts = self._parts()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in parts.items():
                info = zipfile.ZipInfo(name, date_time=(2026, 11, 30, 10, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, text.encode("utf-8"))
        return path

    def document_xml(self) -> str:
        """word/document.xml, for a test that damages it."""
        return self._parts()["word/document.xml"]

    # --- the XML --------------------------------------------------------------------------------------------------

    def _id(self) -> int:
        return next(self._ids)

    def _paragraph(
        self,
        inlines: tuple[Inline, ...],
        style: str | None = None,
        num: tuple[List | int, int] | None = None,
        bookmark: str | None = None,
        change: Change = None,
        mark: Change = None,
        outline: int | None = None,
        ppr: str = "",
    ) -> str:
        props = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num is not None:
            num_id = num[0].num_id if isinstance(num[0], List) else num[0]
            props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num_id}"/></w:numPr>'
        if outline is not None:
            props += f'<w:outlineLvl w:val="{outline}"/>'
        before, tracked_change, after = ppr.partition("<w:pPrChange")  # the change of properties comes last
        props += before
        mark = mark or change
        if mark:
            props += f"<w:rPr>{self._mark(mark)}</w:rPr>"
        props += tracked_change + after
        content = "".join(self._inline(item, change) for item in inlines)
        if bookmark:
            bid = self._id()
            content = (
                f'<w:bookmarkStart w:id="{bid}" w:name={quoteattr(bookmark)}/>{content}<w:bookmarkEnd w:id="{bid}"/>'
            )
        return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{content}</w:p>"

    def _mark(self, change: Change) -> str:
        return f'<w:{change} w:id="{self._id()}" w:author={quoteattr(self.author)} w:date="{DATE}"/>'

    def _tracked(self, change: Change, xml: str) -> str:
        """``xml`` inside a tracked change; a move inside the named range Word puts around it."""
        if not change:
            return xml
        author = f'w:author={quoteattr(self.author)} w:date="{DATE}"'
        xml = f'<w:{change} w:id="{self._id()}" {author}>{xml}</w:{change}>'
        if change in ("moveFrom", "moveTo"):
            rid = self._id()
            start = f'<w:{change}RangeStart w:id="{rid}" w:name="move{rid}" {author}/>'
            xml = f'{start}{xml}<w:{change}RangeEnd w:id="{rid}"/>'
        return xml

    def _inline(self, item: Inline, change: Change) -> str:
        if isinstance(item, str):
            item = Run(item)
        if isinstance(item, Run):
            run_change = item.change or change
            return self._tracked(run_change, _run(item, deleted=run_change in ("del", "moveFrom")))
        if isinstance(item, Ref):  # a tracked field is written as runs: w:ins holds runs, not w:fldSimple
            instruction = " ".join((item.field, item.bookmark, *item.switches))
            tracked = item.change or change
            return self._tracked(tracked, self._field(instruction, item.shown, item.complex or bool(tracked)))
        if isinstance(item, Field):
            return self._tracked(change, self._field(item.instruction, item.result, item.complex or bool(change)))
        if isinstance(item, Link):
            return self._tracked(item.change or change, self._link(item))
        if isinstance(item, Note):
            return self._tracked(item.change or change, self._note(item))
        if isinstance(item, Comment):
            return self._comment(item)
        return item.xml

    def _field(self, instruction: str, result: str, complex_: bool) -> str:
        shown = _run(Run(result))
        if not complex_:
            return f"<w:fldSimple w:instr={quoteattr(f' {instruction} ')}>{shown}</w:fldSimple>"
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{shown}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    def _link(self, link: Link) -> str:
        target = f"w:anchor={quoteattr(link.anchor)}" if link.anchor else ""
        if link.url:
            rid = self.links.setdefault(link.url, f"rIdLink{len(self.links) + 1}")
            target = f'r:id="{rid}" {target}'
        return f"<w:hyperlink {target}>{_run(Run(link.text, style='Hyperlink'))}</w:hyperlink>"

    def _note(self, note: Note) -> str:
        kind = "endnote" if note.endnote else "footnote"
        notes = self.endnotes if note.endnote else self.footnotes
        note_id = len(notes) + 1
        texts = (note.text,) if isinstance(note.text, str) else note.text
        paragraphs = "".join(
            '<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            + (f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Ref/></w:r>' if i == 0 else "")
            + _run(Run(" " + text if i == 0 else text))
            + "</w:p>"
            for i, text in enumerate(texts)
        )
        notes.append(f'<w:{kind} w:id="{note_id}">{paragraphs}</w:{kind}>')
        return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'

    def _comment(self, comment: Comment) -> str:
        cid = len(self.comments)
        self.comments.append(
            f'<w:comment w:id="{cid}" w:author={quoteattr(self.author)} w:date="{DATE}" w:initials="PA">'
            f"<w:p><w:r><w:annotationRef/></w:r>{_run(Run(comment.text))}</w:p></w:comment>"
        )
        return (
            f'<w:commentRangeStart w:id="{cid}"/>{_run(Run(comment.on))}<w:commentRangeEnd w:id="{cid}"/>'
            f'<w:r><w:commentReference w:id="{cid}"/></w:r>'
        )

    def _table(
        self,
        rows: list[list[CellValue]] | tuple[tuple[CellValue, ...], ...],
        header: bool = False,
        bold_header: bool = False,
        row_changes: dict[int, Literal["ins", "del"]] | None = None,
        trpr: str = "",
    ) -> str:
        row_changes = row_changes or {}
        columns = max(sum(c.span if isinstance(c, Cell) else 1 for c in row) for row in rows)
        grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(columns))
        xml = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        ]
        for r, row in enumerate(rows):
            change = row_changes.get(r)
            props = trpr + ("<w:tblHeader/>" if header and r == 0 else "")
            if change:  # the schema wants a row property before the change: "as high as its text", as by default
                props = (props or '<w:trHeight w:val="0" w:hRule="auto"/>') + self._mark(change)
            cells = "".join(self._cell(c, bold_header and r == 0, change) for c in row)
            xml.append(f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{cells}</w:tr>")
        return "".join(xml) + "</w:tbl>"

    def _cell(self, value: CellValue, bold: bool, change: Change) -> str:
        cell = value if isinstance(value, Cell) else Cell((value,))
        props = '<w:tcW w:w="2000" w:type="dxa"/>'
        if cell.span > 1:
            props += f'<w:gridSpan w:val="{cell.span}"/>'
        if cell.vmerge:
            props += '<w:vMerge w:val="restart"/>' if cell.vmerge == "restart" else "<w:vMerge/>"
        content = []
        for item in cell.content or ("",):
            if isinstance(item, Table):
                content.append(self._table(item.rows) + "<w:p/>")  # Word ends a cell with a paragraph
            elif isinstance(item, Para):
                options = {"change": change, **item.options}
                content.append(self._paragraph(item.inlines, **options))  # type: ignore[arg-type]
            else:
                content.append(self._paragraph((Run(item, bold=True if bold else None),), change=change))
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(content)}</w:tc>"

    def _parts(self) -> dict[str, str]:
        rels = [
            ("rIdStyles", "styles", "styles.xml"),
            ("rIdSettings", "settings", "settings.xml"),
            ("rIdFonts", "fontTable", "fontTable.xml"),
            ("rIdTheme", "theme", "theme/theme1.xml"),
            ("rIdFootnotes", "footnotes", "footnotes.xml"),
            ("rIdEndnotes", "endnotes", "endnotes.xml"),
        ]
        overrides = [
            ("/word/document.xml", f"{PART}.document.main+xml"),
            ("/word/styles.xml", f"{PART}.styles+xml"),
            ("/word/settings.xml", f"{PART}.settings+xml"),
            ("/word/fontTable.xml", f"{PART}.fontTable+xml"),
            ("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
            ("/word/footnotes.xml", f"{PART}.footnotes+xml"),
            ("/word/endnotes.xml", f"{PART}.endnotes+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ]
        body = "".join(self.body)  # first: writing the body adds notes, comments and links
        parts: dict[str, str] = {}
        if self.abstracts:
            rels.append(("rIdNumbering", "numbering", "numbering.xml"))
            overrides.append(("/word/numbering.xml", f"{PART}.numbering+xml"))
            parts["word/numbering.xml"] = _xml("w:numbering", "".join(self.abstracts) + "".join(self.nums), NAMESPACES)
        if self.comments:
            rels.append(("rIdComments", "comments", "comments.xml"))
            overrides.append(("/word/comments.xml", f"{PART}.comments+xml"))
            parts["word/comments.xml"] = _xml("w:comments", "".join(self.comments), NAMESPACES)
        references = ""
        for i, (kind, text) in enumerate(self.headers, start=1):
            rels.append((f"rIdHeader{i}", kind, f"{kind}{i}.xml"))
            overrides.append((f"/word/{kind}{i}.xml", f"{PART}.{kind}+xml"))
            parts[f"word/{kind}{i}.xml"] = _xml(
                "w:hdr" if kind == "header" else "w:ftr", _run_paragraph(text), NAMESPACES
            )
            references += f'<w:{kind}Reference w:type="default" r:id="rIdHeader{i}"/>'
        section = f'<w:sectPr>{references}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
        links = [
            f'<Relationship Id="{rid}" Type="{REL}/hyperlink" Target={quoteattr(url)} TargetMode="External"/>'
            for url, rid in self.links.items()
        ]
        parts |= {
            "[Content_Types].xml": _content_types(overrides),
            "_rels/.rels": _relationships(
                [
                    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>',
                    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                    'metadata/core-properties" Target="docProps/core.xml"/>',
                ]
            ),
            "word/document.xml": _xml("w:document", f"<w:body>{body}{section}</w:body>", NAMESPACES),
            "word/_rels/document.xml.rels": _relationships(
                [f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"/>' for rid, kind, target in rels]
                + links
            ),
            "word/styles.xml": _xml("w:styles", _STYLES + "".join(self.styles), NAMESPACES),
            "word/settings.xml": _xml("w:settings", _SETTINGS, NAMESPACES),
            "word/fontTable.xml": _xml(
                "w:fonts", '<w:font w:name="Arial"><w:family w:val="swiss"/></w:font>', NAMESPACES
            ),
            "word/footnotes.xml": _xml("w:footnotes", _separators("footnote") + "".join(self.footnotes), NAMESPACES),
            "word/endnotes.xml": _xml("w:endnotes", _separators("endnote") + "".join(self.endnotes), NAMESPACES),
            "word/theme/theme1.xml": _THEME,
            "docProps/core.xml": self._core(),
        }
        return dict(sorted(parts.items(), key=lambda item: item[0] != "[Content_Types].xml"))

    def _core(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(self.title)}</dc:title><dc:creator>{escape(self.author)}</dc:creator>"
            f"<cp:lastModifiedBy>{escape(self.author)}</cp:lastModifiedBy>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{DATE}</dcterms:created></cp:coreProperties>'
        )


def rewrite(path: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the Word file at ``path`` with each part's bytes passed through ``change(name, data)``: for tests
    of damaged files, or of markup this maker has no word for."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            copy.writestr(info, change(info.filename, source.read(info)))
    return target


def _rpr(bold: bool | None, italic: bool | None, style: str | None = None, hidden: bool = False) -> str:
    props = f'<w:rStyle w:val="{style}"/>' if style else ""
    props += "" if bold is None else ("<w:b/>" if bold else '<w:b w:val="0"/>')
    props += "" if italic is None else ("<w:i/>" if italic else '<w:i w:val="false"/>')
    props += "<w:vanish/>" if hidden else ""
    return f"<w:rPr>{props}</w:rPr>" if props else ""


def _run(run: Run, deleted: bool = False) -> str:
    """A run, its tabs as ``w:tab`` and line breaks as ``w:br``; deleted text is ``w:delText``."""
    tag = "w:delText" if deleted else "w:t"
    pieces = []
    for i, line in enumerate(run.text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<{tag} xml:space="preserve">{escape(chunk)}</{tag}>')
    return f"<w:r>{_rpr(run.bold, run.italic, run.style, run.hidden)}{''.join(pieces)}</w:r>"


def _run_paragraph(text: str) -> str:
    return f"<w:p>{_run(Run(text))}</w:p>"


def _level(ilvl: int, level: Level) -> str:
    start = f'<w:start w:val="{level.start}"/>' if level.start is not None else ""
    restart = f'<w:lvlRestart w:val="{level.restart}"/>' if level.restart is not None else ""
    style = f'<w:pStyle w:val="{level.style}"/>' if level.style else ""
    legal = "<w:isLgl/>" if level.legal else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}">{start}<w:numFmt w:val="{level.fmt}"/>{restart}{style}{legal}'
        f'<w:lvlText w:val={quoteattr(level.text)}/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{720 * (ilvl + 1)}" w:hanging="720"/></w:pPr></w:lvl>'
    )


def _separators(kind: str) -> str:
    return (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:{kind}>"
    )


def _xml(root: str, content: str, namespaces: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{root} {namespaces}>{content}</{root}>'


def _relationships(rels: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )


def _content_types(overrides: list[tuple[str, str]]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>"
    )


def _heading_style(level: int) -> str:
    size = {1: 32, 2: 28, 3: 24}[level]
    return (
        f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f'<w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>'
    )


def _theme() -> str:
    """The smallest theme DrawingML allows: twelve colours, two fonts, three of each fill, line and effect style."""
    colours = zip(
        (
            "dk1",
            "lt1",
            "dk2",
            "lt2",
            "accent1",
            "accent2",
            "accent3",
            "accent4",
            "accent5",
            "accent6",
            "hlink",
            "folHlink",
        ),
        (
            "000000",
            "FFFFFF",
            "1F3864",
            "E7E6E6",
            "4472C4",
            "ED7D31",
            "A5A5A5",
            "FFC000",
            "5B9BD5",
            "70AD47",
            "0563C1",
            "954F72",
        ),
        strict=True,
    )
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    fonts = '<a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/>'
    line = f'<a:ln w="6350">{fill}</a:ln>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Plain"><a:themeElements>'
        '<a:clrScheme name="Plain">'
        + "".join(f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>' for name, rgb in colours)
        + f'</a:clrScheme><a:fontScheme name="Plain"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}'
        '</a:minorFont></a:fontScheme><a:fmtScheme name="Plain">'
        f"<a:fillStyleLst>{fill * 3}</a:fillStyleLst>"
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst>"
        f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"
    )


_THEME = _theme()
_SETTINGS = (
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="15"/></w:compat>'
)
_STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="22"/>'
    '<w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr>'
    "</w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/></w:style>'
    + "".join(_heading_style(level) for level in (1, 2, 3))
    + '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
    '<w:rPr><w:sz w:val="48"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
    '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
    '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
    '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>'
)
