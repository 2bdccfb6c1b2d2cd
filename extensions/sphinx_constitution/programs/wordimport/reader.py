"""A .docx file into a ``document.Document``: the body's paragraphs and tables in reading order, their runs, numbers,
bookmarks, cross-references, footnotes and tracked changes, and a ``Notice`` for everything that is not carried over.

A .docx is a zip of XML parts (WordprocessingML, ECMA-376). It is untrusted input, so the package is opened with
care: each part's size is bounded (``MAX_PART_BYTES``, read no further than that whatever the zip claims), XML is
parsed by lxml with entities unresolved and no network, and a part that declares a DTD (Word never writes one: it is
how entity bombs come) is refused. Anything that is not a readable Word document raises ``NotAWordDocument`` with one
sentence for the command to print: what the file is and what to do about it. Strict Open XML (Word's "Strict"
format) differs from the usual format only in its namespaces, which are mapped to the usual ones.

lxml rather than python-docx: python-docx reads neither tracked changes (``Paragraph.text`` skips ``w:ins``) nor
fields, footnotes or comments, which are most of what a council's draft holds; lxml reads every element in document
order with the safety switches above. The numbers come from ``numbering`` (computed as Word does) and the style
lookups from ``styles``.

Tracked changes are kept, not resolved. A run inside ``w:ins``/``w:moveTo`` is inserted, inside
``w:del``/``w:moveFrom`` deleted; text inserted and then deleted again exists in neither view and is dropped. A
paragraph's *mark* (``w:pPr/w:rPr/w:ins|w:del``) decides whether it is a paragraph of its own in each view: with the
changes accepted a paragraph whose mark is deleted joins the next, with them rejected one whose mark is inserted
does. So the accepted counter numbers the paragraphs whose mark is not deleted, the original counter those whose
mark is not inserted (``numbering`` reads those with the paragraph properties before a tracked formatting change).
Word records a new paragraph typed after an existing one (Enter at its end, then the words) as the *existing*
paragraph's mark inserted and the new words inserted before the old mark; the reader reads that, as an editor does,
as the new paragraph (or paragraphs) inserted (and the mirror case for a deleted one), so that the numbers after it
are right in both views.

What is not carried over is a ``Notice``, at the paragraph it is in, of one of these kinds: comment, text box, image,
embedded object, embedded document, equation, formatting change (a tracked change of formatting only), numbering (a
number Word could not show), field (one whose text is kept as last shown, or left out), cross-reference (to a
bookmark that is not there), table of contents, placeholder, header or footer, hidden text, struck through, symbol,
link (not to a web address), merged cells, nested table, joined paragraph and split paragraph (a paragraph mark
deleted or inserted on its own), footnote or endnote (a mark whose note is missing).

Author names (``w:author`` on changes and comments, the core properties' creator) are personal data: never read, nor
the text of fields that show one (AUTHOR, USERNAME…), unless the person running the import asks for the tracked
changes' authors (``read(path, keep_authors=True)``, the command's ``--keep-authors``): then they are in
``Document.authors``, and nowhere else.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Literal

from lxml import etree

from .document import (
    Change,
    CrossReference,
    Document,
    FootnoteReference,
    Inline,
    Label,
    Notice,
    Paragraph,
    Run,
    Table,
    Where,
    text_of,
)
from .numbering import Counter, Numbering, NumberingProblem
from .styles import Styles

#: The largest part read from a Word file: a 1,000-page document's text is some 20 MB of XML
MAX_PART_BYTES = 64 * 1024 * 1024
#: The largest Word file opened (images and all): the zip's directory is read whole when it is opened
MAX_FILE_BYTES = 512 * 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V_NS = "urn:schemas-microsoft-com:vml"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DC_NS = "http://purl.org/dc/elements/1.1/"
#: Strict Open XML's namespaces, and the usual (transitional) ones they mean
STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W_NS.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": R_NS.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/math": M_NS.encode(),
}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 files, and .docx files encrypted with a password

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True, collect_ids=False
)


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, SDT, SDTCONTENT = w("pPr"), w("rPr"), w("sdt"), w("sdtContent")
TEXT_BOX = w("txbxContent")
CHANGES: dict[str, Change] = {w("ins"): "ins", w("moveTo"): "ins", w("del"): "del", w("moveFrom"): "del"}
FORMAT_CHANGES = {
    w("rPrChange"): "text formatting",
    w("pPrChange"): "paragraph formatting",
    w("sectPrChange"): "section layout",
    w("tblPrChange"): "table formatting",
    w("tblGridChange"): "table columns",
    w("trPrChange"): "table row formatting",
    w("tcPrChange"): "table cell formatting",
    w("numberingChange"): "numbering",
}
#: Bookmarks Word adds by itself: not targets an author made
HIDDEN_BOOKMARKS = {"_GoBack"}
#: Fields whose result is a table of contents or an index: dropped whole (the site makes its own)
LISTING_FIELDS = {"TOC", "INDEX", "TOA", "BIBLIOGRAPHY"}
#: Fields that show nothing (index and contents entries, a document's own marks)
SILENT_FIELDS = {"XE", "TC", "TA", "RD", "PRIVATE", "ADDIN", "FORMCHECKBOX", "FORMDROPDOWN"}
CROSS_REFERENCES = {"REF", "PAGEREF", "NOTEREF"}
#: Fields that show a person's name (personal data, like the authors of changes): their text is left out
PERSONAL_FIELDS = {"AUTHOR", "LASTSAVEDBY", "USERNAME", "USERINITIALS", "USERADDRESS"}
PERSONAL_PROPERTIES = {"author", "lastsavedby", "lastmodifiedby", "manager", "creator"}
WEB_SCHEMES = ("http://", "https://", "mailto:")
#: The characters of the symbol fonts that councils' documents use (ticks and crosses in Do/Don't tables, bullets,
#: signs), as Unicode: the font's code (0xF0xx in ``w:sym``, or text in that font) -> the character it shows
SYMBOL_FONTS = {
    "symbol": dict(
        zip(
            (0x2D, 0xA3, 0xAC, 0xAE, 0xB0, 0xB1, 0xB3, 0xB4, 0xB7, 0xB8, 0xB9, 0xBB, 0xD2, 0xD3, 0xD4, 0xDE, 0xE2),
            "−≤←→°±≥×•÷≠≈®©™⇒®",
            strict=True,
        )
    ),
    "wingdings": dict(
        zip(
            (0x6C, 0x6E, 0x6F, 0x71, 0x76, 0x9F, 0xA7, 0xA8, 0xD8, 0xE8, 0xF0, 0xFB, 0xFC, 0xFD, 0xFE),
            "●■□❑❖•▪◻➢➔⇨✗✓☒☑",
            strict=True,
        )
    ),
}
SYMBOL_FONT_NAMES = {*SYMBOL_FONTS, "wingdings 2", "wingdings 3", "webdings", "zapf dingbats"}


class NotAWordDocument(Exception):
    """The file is not a Word document the import can read; the message is one line for the command to print: what
    the file is and what to do."""


def read(path: Path, *, keep_authors: bool = False) -> Document:
    """The Word document at ``path``, read. Raises ``NotAWordDocument`` for anything that is not a readable .docx.

    The tracked changes' authors are read into ``Document.authors`` only with ``keep_authors`` (the person running
    the import asked for them): names are personal data."""
    package = _Package.open(Path(path))
    try:
        return _Reader(package, keep_authors).document()
    finally:
        package.zip.close()


# --- the package: a zip of parts ---------------------------------------------------------------------------------


@dataclass
class _Package:
    """The zip's parts, read bounded and parsed safely."""

    name: str
    zip: zipfile.ZipFile
    names: dict[str, str]  # part name in lower case -> the name in the zip (OPC part names ignore case)

    @classmethod
    def open(cls, path: Path) -> _Package:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise NotAWordDocument(f"{path.name} is larger than {MAX_FILE_BYTES // 2**20} MB: too large to import")
            with path.open("rb") as file:
                head = file.read(8)
            archive = zipfile.ZipFile(path)
        except OSError as error:
            raise NotAWordDocument(f"{path}: cannot be read ({error.strerror or error})") from None
        except zipfile.BadZipFile:
            raise NotAWordDocument(_not_a_zip(path.name, head)) from None
        package = cls(path.name, archive, {info.filename.lower(): info.filename for info in archive.infolist()})
        try:
            package.check_kind()
        except NotAWordDocument:
            archive.close()
            raise
        return package

    def check_kind(self) -> None:
        """A zip whose main part is not a Word document: say what it is (an OpenDocument, Excel, PowerPoint file)."""
        main = self.main_part()
        kind = self.content_type(main) if main and self.has(main) else ""
        if "wordprocessingml" in kind or "ms-word" in kind:
            return
        if "spreadsheetml" in kind or "ms-excel" in kind:
            what = "an Excel workbook"
        elif "presentationml" in kind or "ms-powerpoint" in kind:
            what = "a PowerPoint presentation"
        elif self.has("mimetype") and b"opendocument.text" in (self.read("mimetype") or b""):
            what = "an OpenDocument text (.odt)"
        else:
            what = "a zip file with no Word document in it"
        raise NotAWordDocument(f"{self.name} is {what}, not a Word document: open it in Word and save it as .docx")

    def content_type(self, part: str) -> str:
        """A part's content type, from ``[Content_Types].xml`` (an override for the part, else its extension's)."""
        root = self.xml("[Content_Types].xml")
        if root is None:
            return ""
        namespace = "{http://schemas.openxmlformats.org/package/2006/content-types}"
        for override in root.iter(f"{namespace}Override"):
            if override.get("PartName", "").lower().lstrip("/") == part.lower():
                return override.get("ContentType", "")
        extension = part.rsplit(".", 1)[-1].lower()
        for default in root.iter(f"{namespace}Default"):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType", "")
        return ""

    def has(self, part: str) -> bool:
        return part.lower() in self.names

    def read(self, part: str) -> bytes | None:
        """A part's bytes (None if there is none), no more than ``MAX_PART_BYTES`` of them."""
        name = self.names.get(part.lower())
        if name is None:
            return None
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART_BYTES:
            raise NotAWordDocument(self._too_large(part))
        try:
            with self.zip.open(info) as member:
                data = member.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as error:
            raise NotAWordDocument(
                f"{self.name} is damaged ({part} cannot be unpacked: {error}): open it in Word, which may repair it, "
                "and save it again"
            ) from None
        if len(data) > MAX_PART_BYTES:
            raise NotAWordDocument(self._too_large(part))
        if part.endswith((".xml", ".rels")):
            for strict, usual in STRICT.items():
                data = data.replace(strict, usual)
        return data

    def _too_large(self, part: str) -> str:
        return (
            f"{self.name} is not a Word document this import reads: its part {part} is larger than "
            f"{MAX_PART_BYTES // (1024 * 1024)} MB"
        )

    def xml(self, part: str) -> etree._Element | None:
        """A part parsed (None if there is none); damaged XML or a DTD is ``NotAWordDocument``."""
        data = self.read(part)
        return None if data is None else self.parse(part, data)

    def parse(self, part: str, data: bytes) -> etree._Element:
        """A part's XML; refused if damaged, or if it declares a DTD (looked for before parsing, where a DTD
        stands, and in what lxml read)."""
        if b"<!DOCTYPE" in data[:4096].upper():
            raise NotAWordDocument(self._dtd(part))
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as error:
            raise NotAWordDocument(
                f"{self.name} is damaged: its part {part} is not well-formed XML ({error.msg}); open it in Word, "
                "which may repair it, and save it again"
            ) from None
        if root.getroottree().docinfo.doctype:
            raise NotAWordDocument(self._dtd(part))
        return root

    def _dtd(self, part: str) -> str:
        return (
            f"{self.name} was not saved by Word: its part {part} declares a DTD, which Word never writes (and "
            "which can hide an entity bomb); open it in Word and save it as .docx"
        )

    def main_part(self) -> str | None:
        """The main document part, as the package's relationships name it (word/document.xml as a rule)."""
        for kind, target in self.relationships("").values():
            if kind == "officeDocument":
                return target
        return "word/document.xml" if self.has("word/document.xml") else None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """The relationships of a part ("" for the package's): id -> (type's last word, target part or address)."""
        where = PurePosixPath(part)
        rels = where.parent / "_rels" / f"{where.name}.rels" if part else PurePosixPath("_rels/.rels")
        root = self.xml(str(rels))
        found: dict[str, tuple[str, str]] = {}
        for rel in [] if root is None else root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                target = _resolve(where.parent if part else PurePosixPath(""), target)
            found[rel.get("Id", "")] = (kind, target)
        return found


def _resolve(base: PurePosixPath, target: str) -> str:
    """A relationship's target as a part name: relative to its part's folder, or absolute with a leading slash."""
    parts: list[str] = []
    for piece in (target[1:] if target.startswith("/") else f"{base}/{target}").split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _not_a_zip(name: str, head: bytes) -> str:
    if head.startswith(OLE2):
        return (
            f"{name} is a Word 97-2003 document (.doc), or a .docx protected by a password: open it in Word, remove "
            "any password (File > Info > Protect Document) and save it as a Word Document (.docx)"
        )
    if head.startswith(b"{\\rtf"):
        return f"{name} is a Rich Text Format file (.rtf), not a Word document: open it in Word and save it as .docx"
    if head.startswith(b"%PDF"):
        return f"{name} is a PDF, not a Word document: import the Word document the PDF was made from"
    return (
        f"{name} is not a Word document (.docx is a zip file, and this is not one, or is cut short): "
        "open it in Word and save it as a Word Document (.docx)"
    )


# --- reading the document ----------------------------------------------------------------------------------------


@dataclass
class _Frame:
    """A field being read: its instruction, and its result once ``separate`` is passed."""

    change: Change
    instruction: list[str] = field(default_factory=list)
    result: list[Inline] = field(default_factory=list)
    separated: bool = False
    listing: bool = False  # a table of contents or an index: what it holds is dropped, notices and all

    def separate(self) -> None:
        """The instruction is read: the result follows."""
        self.separated = True
        tokens = _tokens("".join(self.instruction))
        self.listing = bool(tokens) and tokens[0].upper() in LISTING_FIELDS


@dataclass
class _Context:
    """What the elements around a run say about it: its change, its link, whether it exists in neither view."""

    change: Change = None
    link: str | None = None
    gone: bool = False
    style: str = ""  # the paragraph's style, whose bold and italic its runs take
    bold: bool = False  # the run's own, once its properties are read
    italic: bool = False
    font: str = ""  # the run's own font, if set: text in a symbol font is read as the characters it shows


@dataclass
class _Found:
    """What reading one paragraph found besides its inlines: bookmarks, and notices waiting for its ``Where``."""

    bookmarks: list[str] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)

    def notice(self, kind: str, detail: str) -> None:
        if (kind, detail) not in self.notices:
            self.notices.append((kind, detail))


class _Flow:
    """One stream of paragraphs read in order (the body, or one footnote): the fields open in it, which may run
    from one paragraph into the next, and the collectors that inlines go to (the paragraph, a hyperlink's runs, a
    field's result)."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.stack: list[list[Inline] | _Frame] = [[]]
        self._found = _Found()
        descend = self.content
        #: What each element in a paragraph (or in an element within it that holds runs) is read with
        self.in_paragraph: dict[str, Callable[[etree._Element, _Context], None]] = {
            R: self.run,
            **dict.fromkeys(CHANGES, self.changed),
            w("hyperlink"): self.hyperlink,
            w("fldSimple"): self.simple_field,
            **dict.fromkeys((w("smartTag"), w("customXml"), w("dir"), w("bdo")), descend),
            SDT: self.control,
            w("bookmarkStart"): self.bookmark,
            w("commentRangeStart"): self.comment,
            **dict.fromkeys((f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"), self.equation),
            f"{{{MC_NS}}}AlternateContent": lambda child, context: self.content_of(_branch(child), context),
            PPR: lambda child, context: self.reader.format_changes(child, self.found),
        }
        #: ... and each element in a run
        self.in_run: dict[str, Callable[[etree._Element, _Context], None]] = {
            **dict.fromkeys((T, w("delText")), self.words),
            **dict.fromkeys((w("tab"), w("ptab")), lambda child, context: self.text("\t", context)),
            **dict.fromkeys((w("br"), w("cr")), self.line_break),
            w("noBreakHyphen"): lambda child, context: self.text("-", context),  # searchable: a plain hyphen
            w("sym"): self.symbol,
            **dict.fromkeys((w("footnoteReference"), w("endnoteReference")), self.note),
            w("fldChar"): self.field_char,
            **dict.fromkeys((w("instrText"), w("delInstrText")), self.instruction),
            w("commentReference"): self.comment,
            **dict.fromkeys((w("drawing"), w("pict"), w("object")), self.picture),
            f"{{{MC_NS}}}AlternateContent": self.alternate_in_run,
        }

    @property
    def found(self) -> _Found:
        """Where bookmarks and notices go: the paragraph's, or nowhere inside a table of contents."""
        if any(isinstance(item, _Frame) and item.listing for item in self.stack):
            return _Found()
        return self._found

    def paragraph(self, p: etree._Element, style: str, found: _Found) -> list[Inline]:
        """The inlines of ``p``, merged; bookmarks and notices go to ``found``."""
        inlines: list[Inline] = []
        self.stack[0] = inlines
        self._found = found
        self.content(p, _Context(style=style))
        return _merge(inlines)

    def emit(self, inline: Inline, context: _Context) -> None:
        if context.gone:
            return
        top = self.stack[-1]
        if isinstance(top, _Frame):
            if top.separated:
                top.result.append(inline)
        else:
            top.append(inline)

    def text(self, text: str, context: _Context) -> None:
        if text:
            self.emit(Run(text, context.bold, context.italic, context.link, context.change), context)

    # --- paragraph content --------------------------------------------------------------------------------------

    def content(self, element: etree._Element, context: _Context) -> None:
        """Read the children of a paragraph (or of an element within it that holds runs); others are not shown
        (proofing marks, bookmark ends, permissions) or hold nothing the import carries."""
        for child in element:
            handler = self.in_paragraph.get(child.tag)
            if handler is not None:
                handler(child, context)

    def content_of(self, element: etree._Element | None, context: _Context) -> None:
        if element is not None:
            self.content(element, context)

    def changed(self, element: etree._Element, context: _Context) -> None:
        self.content(element, _changed(context, CHANGES[element.tag]))

    def control(self, sdt: etree._Element, context: _Context) -> None:
        """A content control in a paragraph: its content, unless it shows only its placeholder."""
        if _placeholder(sdt):
            self.found.notice("placeholder", _placeholder_detail(sdt.find(SDTCONTENT)))
        else:
            self.content_of(sdt.find(SDTCONTENT), context)

    def bookmark(self, element: etree._Element, context: _Context) -> None:
        name = element.get(w("name"), "")
        if name and name not in HIDDEN_BOOKMARKS and name not in self.found.bookmarks:
            self.found.bookmarks.append(name)

    def comment(self, element: etree._Element, context: _Context) -> None:
        self.reader.comment(element.get(w("id"), ""), self.found)

    def equation(self, element: etree._Element, context: _Context) -> None:
        self.found.notice("equation", "an equation is not imported: write it out in words, or as an image")

    def picture(self, element: etree._Element, context: _Context) -> None:
        self.reader.picture(element, self.found)

    def run(self, r: etree._Element, context: _Context) -> None:
        rpr = r.find(RPR)
        bold, italic, hidden = self.reader.run_format(rpr, context.style)
        if rpr is not None:
            self.reader.format_changes(rpr, self.found)
        if hidden:
            if any(t.text for t in r.iter(T, w("delText"))):
                self.found.notice("hidden text", "hidden text (Word does not show it) is not imported")
            return
        if (_on_off(rpr, "strike") or _on_off(rpr, "dstrike")) and any(t.text for t in r.iter(T)):
            struck = _excerpt(" ".join(t.text or "" for t in r.iter(T)))
            self.found.notice(
                "struck through",
                f'words struck through ("{struck}") are imported as they are: if the '
                "line marks a deletion, make it a tracked one in Word, or mark it after the import",
            )
        fonts = None if rpr is None else rpr.find(w("rFonts"))
        font = "" if fonts is None else fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or ""
        context = replace(context, bold=bold, italic=italic, font=font)
        for child in r:
            handler = self.in_run.get(child.tag)
            if handler is not None:
                handler(child, context)

    def words(self, element: etree._Element, context: _Context) -> None:
        """A run's text (``w:t``, ``w:delText``); in a symbol font, the characters it shows."""
        if context.font.lower() in SYMBOL_FONT_NAMES:
            self.text(self.symbols(element.text or "", context.font), context)
        else:
            self.text(element.text or "", context)

    def line_break(self, element: etree._Element, context: _Context) -> None:
        """A line break reads as a space; a page or column break as nothing."""
        self.text("" if element.get(w("type")) in ("page", "column") else " ", context)

    def alternate_in_run(self, element: etree._Element, context: _Context) -> None:
        """An ``mc:AlternateContent`` in a run (a drawing, a text box): one branch, read as the run's content."""
        branch = _branch(element)
        for child in [] if branch is None else branch:
            handler = self.in_run.get(child.tag)
            if handler is not None:
                handler(child, context)

    def symbol(self, sym: etree._Element, context: _Context) -> None:
        """A ``w:sym`` character: a symbol font's, as Unicode; any other font's is a Unicode character already."""
        try:
            code = int(sym.get(w("char"), ""), 16)
        except ValueError:
            code = 0
        font = sym.get(w("font"), "")
        if font.lower() in SYMBOL_FONT_NAMES or not code:
            self.text(self.symbols(chr(code), font), context)
        else:
            self.text(chr(code - 0xF000 if code >= 0xF000 else code), context)

    def symbols(self, text: str, font: str) -> str:
        """Text in a symbol font (Symbol, Wingdings) as the Unicode characters it shows; a character without one is
        left out and reported."""
        table = SYMBOL_FONTS.get(font.lower(), {})
        shown = []
        for character in text:
            code = ord(character) - 0xF000 if ord(character) >= 0xF000 else ord(character)
            if code in table or character.isspace():
                shown.append(table.get(code, character))
            else:
                self.found.notice("symbol", f"a symbol of the font {font or '?'} (code {code:X}) is not imported")
        return "".join(shown)

    def note(self, reference: etree._Element, context: _Context) -> None:
        """A footnote's or endnote's mark, holding the note's text."""
        kind: Literal["footnote", "endnote"] = "footnote" if reference.tag == w("footnoteReference") else "endnote"
        paragraphs = self.reader.note(kind, reference.get(w("id"), ""), self.found)
        self.emit(FootnoteReference(paragraphs, kind, context.change), context)

    def hyperlink(self, element: etree._Element, context: _Context) -> None:
        address = self.reader.links.get(element.get(f"{{{R_NS}}}id", ""))
        anchor = element.get(w("anchor"))
        if address is None and anchor:
            self.cross_reference(element, context, anchor)
            return
        if address and anchor:
            address = f"{address}#{anchor}"
        self.content(element, replace(context, link=self.reader.web_link(address, self.found)))

    def cross_reference(self, element: etree._Element, context: _Context, anchor: str) -> None:
        """A hyperlink to a bookmark: its runs, shown, become a cross-reference."""
        collected: list[Inline] = []
        self.stack.append(collected)
        self.content(element, context)
        self.stack.pop(_index(self.stack, collected))
        for inline in _shown(collected, anchor, (), "HYPERLINK", None):
            self.emit(inline, context)

    # --- fields ---------------------------------------------------------------------------------------------------

    def simple_field(self, element: etree._Element, context: _Context) -> None:
        frame = _Frame(context.change, [element.get(w("instr"), "")])
        frame.separate()
        self.stack.append(frame)
        self.content(element, context)
        self.stack.pop(_index(self.stack, frame))
        self.finish(frame, context)

    def field_char(self, element: etree._Element, context: _Context) -> None:
        kind = element.get(w("fldCharType"), "")
        if kind == "begin":
            self.stack.append(_Frame(context.change))
            return
        frame = next((item for item in reversed(self.stack) if isinstance(item, _Frame)), None)
        if frame is None:
            return  # an end with no begin: nothing to close
        if kind == "separate":
            frame.separate()
        elif kind == "end":
            self.stack.pop(_index(self.stack, frame))
            self.finish(frame, _Context(gone=context.gone))

    def instruction(self, element: etree._Element, context: _Context) -> None:
        top = self.stack[-1]
        if isinstance(top, _Frame) and not top.separated:
            top.instruction.append(element.text or "")

    def finish(self, frame: _Frame, context: _Context) -> None:
        """A field read to its end: what it shows goes where the field stands."""
        top = self.stack[-1]
        if isinstance(top, _Frame) and not top.separated:  # a field inside another's instruction (IF, …)
            top.instruction.append(text_of(frame.result))
            return
        for inline in self.reader.field_result(frame, self.found):
            self.emit(inline, context)


def _index(stack: list[list[Inline] | _Frame], item: list[Inline] | _Frame) -> int:
    """Where ``item`` (this very object, not an equal one) is in ``stack``."""
    return next(i for i in range(len(stack) - 1, -1, -1) if stack[i] is item)


def _changed(context: _Context, change: Change) -> _Context:
    """The context inside a ``w:ins``/``w:del``: text deleted inside an insertion exists in neither view."""
    if context.change == "ins" and change == "del":
        return replace(context, gone=True)
    return replace(context, change=context.change or change)


def _branch(alternate: etree._Element) -> etree._Element | None:
    """The one branch of an ``mc:AlternateContent`` to read: the first ``mc:Choice`` (what Word shows), else the
    ``mc:Fallback``. Reading both would report a text box or image twice."""
    choice = alternate.find(f"{{{MC_NS}}}Choice")
    return choice if choice is not None else alternate.find(f"{{{MC_NS}}}Fallback")


def _shown(result: list[Inline], bookmark: str, switches: tuple[str, ...], name: str, change: Change) -> list[Inline]:
    """A cross-reference showing its result; a result updated under tracked changes ("6.7" deleted, "6.8"
    inserted) gives two, the old one deleted and the new one inserted."""
    accepted, original = text_of(result, "del").strip(), text_of(result, "ins").strip()
    if change or accepted == original:
        return [CrossReference(bookmark, accepted or original, switches, name, change)]
    shown: list[Inline] = [CrossReference(bookmark, original, switches, name, "del")] if original else []
    return shown + ([CrossReference(bookmark, accepted, switches, name, "ins")] if accepted else [])


def _merge(inlines: list[Inline]) -> list[Inline]:
    """Adjacent runs of one formatting (and link and change) as one run; empty runs left out."""
    merged: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Run) and not inline.text:
            continue
        last = merged[-1] if merged else None
        if isinstance(inline, Run) and isinstance(last, Run) and replace(last, text="") == replace(inline, text=""):
            merged[-1] = replace(last, text=last.text + inline.text)
        else:
            merged.append(inline)
    return merged


def _tokens(instruction: str) -> list[str]:
    """A field instruction's words: ``HYPERLINK "https://…" \\l "x"`` -> HYPERLINK, https://…, \\l, x."""
    return [token.strip('"') for token in re.findall(r'"[^"]*"|\S+', instruction)]


def _first_words(text: str) -> str:
    return " ".join(text.split()[:8])


def _excerpt(text: str, words: int = 12) -> str:
    """The first words of a text for a notice, with "…" where it goes on."""
    split = text.split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


class _Reader:
    """The document's parts, and what reading its body has found so far."""

    def __init__(self, package: _Package, keep_authors: bool = False) -> None:
        self.package = package
        main = package.main_part() or "word/document.xml"
        root = package.xml(main)
        self.body = None if root is None or root.tag != w("document") else root.find(w("body"))
        if root is None or self.body is None:
            raise NotAWordDocument(
                f"{package.name} is damaged: its main part is not a Word document's body; open it in Word and "
                "save it again as .docx"
            )
        rels = package.relationships(main)
        self.parts: dict[str, list[str]] = {}
        for kind, target in rels.values():
            self.parts.setdefault(kind, []).append(target)
        self.links = {rid: target for rid, (kind, target) in rels.items() if kind == "hyperlink"}
        styles = self.checked("styles")
        self.styles = Styles.from_xml(styles)
        self.header_styles = _header_styles(
            None if styles is None else package.parse(self.part("styles") or "", styles)
        )
        self.numbering = Numbering.from_xml(self.checked("numbering"), self.styles)
        self.accepted: Counter = self.numbering.counter()
        self.original: Counter = self.numbering.counter("original")
        self.notes = {kind: self.note_elements(kind) for kind in ("footnote", "endnote")}
        self.comments = self.comment_texts()
        self.comments_seen: set[str] = set()
        self.bookmark_names = {b.get(w("name"), "") for b in root.iter(w("bookmarkStart"))}
        self.default_style = self.styles.default_paragraph_style()
        self.default_bold_italic = self.styles.run_bold_italic("")  # no style: the document's defaults
        self.flow = _Flow(self)
        #: What each element of the body (or of a cell) is read with; others hold nothing the import carries
        self.in_body: dict[str, Callable[[etree._Element, Change], Iterable[Paragraph | Table]]] = {
            P: self.paragraph_block,
            TBL: self.table_block,
            SDT: self.control,
            **dict.fromkeys((*CHANGES, w("customXml")), self.blocks),
            f"{{{MC_NS}}}AlternateContent": self.alternate,
            w("bookmarkStart"): self.bookmark,
            w("sectPr"): self.section,
            w("altChunk"): self.embedded,
        }
        self.count = 0  # paragraphs met, in reading order
        self.pending_bookmarks: list[str] = []
        self.notices: list[Notice] = []
        self.keep_authors = keep_authors
        self.authors: list[tuple[Where, str, str]] = []
        self.marks_moved: dict[etree._Element, Change] = {}

    # --- the parts ----------------------------------------------------------------------------------------------

    def part(self, kind: str) -> str | None:
        targets = self.parts.get(kind)
        return targets[0] if targets else None

    def checked(self, kind: str) -> bytes | None:
        """A part's bytes, after checking that they parse safely (the styles and numbering modules parse them)."""
        name = self.part(kind)
        data = None if name is None else self.package.read(name)
        if name is not None and data is not None:
            self.package.parse(name, data)
        return data

    def note_elements(self, kind: str) -> dict[str, etree._Element]:
        name = self.part(f"{kind}s")
        root = None if name is None else self.package.xml(name)
        if root is None:
            return {}
        return {
            note.get(w("id"), ""): note
            for note in root.iter(w(kind))
            if note.get(w("type"), "normal") == "normal"  # not the separator lines Word keeps as notes
        }

    def comment_texts(self) -> dict[str, str]:
        name = self.part("comments")
        root = None if name is None else self.package.xml(name)
        if root is None:
            return {}
        return {c.get(w("id"), ""): "".join(t.text or "" for t in c.iter(T)) for c in root.iter(w("comment"))}

    # --- the document ---------------------------------------------------------------------------------------------

    def document(self) -> Document:
        blocks = list(self.blocks(self.body, None))
        self.headers_and_footers()
        if any(isinstance(item, _Frame) for item in self.flow.stack):
            self.notices.append(Notice("field", Where(self.count), "a field is never ended: its text is left out"))
        notices = sorted(self.notices, key=lambda n: n.where.paragraph)
        return Document(blocks, self.title(), notices, authors=self.authors)

    def title(self) -> str:
        name = next(
            (target for kind, target in self.package.relationships("").values() if kind == "core-properties"),
            "docProps/core.xml",
        )
        root = self.package.xml(name)
        title = None if root is None else root.find(f"{{{DC_NS}}}title")
        return " ".join((title.text or "").split()) if title is not None else ""

    def blocks(self, container: etree._Element, row_change: Change) -> Iterator[Paragraph | Table]:
        """The paragraphs and tables of the body or a cell, in reading order."""
        for child in container:
            handler = self.in_body.get(child.tag)
            if handler is not None:
                yield from handler(child, row_change)

    def paragraph_block(self, p: etree._Element, row_change: Change) -> Iterator[Paragraph]:
        paragraph = self.paragraph(p, row_change)
        if paragraph is not None:
            yield paragraph

    def table_block(self, tbl: etree._Element, row_change: Change) -> Iterator[Table]:
        yield self.table(tbl)

    def control(self, sdt: etree._Element, row_change: Change) -> Iterator[Paragraph | Table]:
        """A content control around blocks: read through, unless it is a table of contents or a placeholder."""
        content = sdt.find(SDTCONTENT)
        if _is_contents(sdt):
            self.skip(content, "table of contents", _LISTING)
        elif _placeholder(sdt):
            self.skip(content, "placeholder", _placeholder_detail(content))
        elif content is not None:
            yield from self.blocks(content, row_change)

    def alternate(self, element: etree._Element, row_change: Change) -> Iterator[Paragraph | Table]:
        branch = _branch(element)
        if branch is not None:
            yield from self.blocks(branch, row_change)

    def bookmark(self, element: etree._Element, row_change: Change) -> tuple[()]:
        """A bookmark between paragraphs: it goes to the next paragraph."""
        if element.get(w("name")) not in HIDDEN_BOOKMARKS:
            self.pending_bookmarks.append(element.get(w("name"), ""))
        return ()

    def section(self, sectpr: etree._Element, row_change: Change) -> tuple[()]:
        if sectpr.find(w("sectPrChange")) is not None:
            detail = _format_detail([FORMAT_CHANGES[w("sectPrChange")]])
            self.notices.append(Notice("formatting change", Where(self.count), detail))
        return ()

    def embedded(self, element: etree._Element, row_change: Change) -> tuple[()]:
        detail = (
            "a document embedded whole (w:altChunk: pasted HTML or another file) is not imported: open it, and copy "
            "its words into Word"
        )
        self.notices.append(Notice("embedded document", Where(self.count + 1), detail))
        return ()

    def skip(self, content: etree._Element | None, kind: str, detail: str) -> None:
        """A content control left out (a table of contents, a placeholder): its paragraphs are counted and
        numbered, as Word shows them, and reported once."""
        if content is None:
            return
        start = self.count + 1
        for p in content.iter(P):
            self.count += 1
            self.accepted.number(p)
            self.original.number(p)
        self.notices.append(Notice(kind, Where(start if self.count >= start else self.count), detail))

    # --- paragraphs ---------------------------------------------------------------------------------------------

    def paragraph(self, p: etree._Element, row_change: Change = None) -> Paragraph | None:
        self.count += 1
        where_index = self.count
        style = _val(p.find(PPR), "pStyle") or self.default_style
        found = _Found(bookmarks=self.pending_bookmarks)
        self.pending_bookmarks = []
        inlines = self.flow.paragraph(p, style, found)
        mark = self.mark(p, row_change)
        whole = _whole_change(inlines, mark, row_change)
        if row_change:
            inlines = _force(inlines, row_change)
        label = self.label(self.accepted, p, mark != "del", found)
        label_original = self.label(self.original, p, mark != "ins", found)
        if mark == "del" and whole is None:
            found.notice("joined paragraph", _JOINED)
        elif mark == "ins" and whole is None:
            found.notice("split paragraph", _SPLIT)
        words = _first_words(text_of(inlines, "del") or text_of(inlines, "ins"))
        where = Where(where_index, words)
        self.notices.extend(Notice(kind, where, detail) for kind, detail in found.notices)
        if self.keep_authors:
            self.add_authors(where, _own(p, *CHANGES))
        if not any(_shows(inline) for inline in inlines) and label is None and label_original is None:
            self.pending_bookmarks = found.bookmarks  # an empty line (or only spaces and tabs), or a line of a
            return None  # table of contents: its bookmarks go to the next paragraph
        return Paragraph(
            inlines,
            where,
            style=self.styles.name(style),
            heading=self.heading(p, style),
            label=label,
            label_original=label_original,
            bookmarks=tuple(found.bookmarks),
            change=whole,
        )

    def mark(self, p: etree._Element, row_change: Change) -> Change:
        """The paragraph mark's change, as an editor reads it (see the module's docstring on Enter at an end)."""
        if row_change:
            return row_change
        if p in self.marks_moved:
            return self.marks_moved.pop(p)
        mark = _mark(p)
        if mark is None:
            return None
        if not _text_changes(p) - {mark}:
            return mark  # the whole paragraph is inserted (deleted)
        following = _next_paragraph(p)
        while following is not None and _mark(following) == mark and _text_changes(following) <= {mark}:
            following = _next_paragraph(following)  # more new paragraphs typed after the first
        if following is not None and _mark(following) is None and _text_changes(following) == {mark}:
            self.marks_moved[following] = mark  # the last of the new paragraphs holds the old mark
            return None
        return mark

    def label(self, counter: Counter, p: etree._Element, present: bool, found: _Found) -> Label | None:
        """The number ``counter`` gives ``p``, if ``p`` is a paragraph of its own in that counter's view."""
        if not present:
            return None
        number = counter.number(p)
        if isinstance(number, NumberingProblem):
            found.notice("numbering", number.detail)
            return None
        return number

    def heading(self, p: etree._Element, style: str) -> int | None:
        direct = _val(p.find(PPR), "outlineLvl")
        if direct is not None and direct.isdigit():
            return int(direct) if int(direct) < 9 else None
        return self.styles.outline_level(style)

    def run_format(self, rpr: etree._Element | None, paragraph_style: str) -> tuple[bool, bool, bool]:
        """Bold, italic and hidden: direct formatting, else the paragraph style's and the character style's. Bold
        and italic are toggles in Word: a character style's bold in a bold paragraph style shows upright."""
        style_bold, style_italic = self.styles.run_bold_italic(paragraph_style)
        character = _val(rpr, "rStyle")
        if character:  # what the character style changes from the document's defaults toggles the paragraph's
            char_bold, char_italic = self.styles.run_bold_italic(character)
            default_bold, default_italic = self.default_bold_italic
            style_bold = style_bold != (char_bold != default_bold)
            style_italic = style_italic != (char_italic != default_italic)
        bold, italic = _on_off(rpr, "b"), _on_off(rpr, "i")
        hidden = bool(_on_off(rpr, "vanish"))
        return (style_bold if bold is None else bold), (style_italic if italic is None else italic), hidden

    # --- tables -------------------------------------------------------------------------------------------------

    def table(self, tbl: etree._Element) -> Table:
        start = self.count + 1
        rows: list[list[list[Paragraph]]] = []
        header_rows, merged = 0, False
        changes: set[Change] = set()
        for tr in _children(tbl, TR):
            change = _row_change(tr)
            changes.add(change)
            if _on_off(tr.find(w("trPr")), "tblHeader") and header_rows == len(rows):
                header_rows += 1
            cells: list[list[Paragraph]] = []
            for tc in _children(tr, TC):
                cells.append(self.cell(tc, change))
                span, merge = _cell_span(tc)
                merged = merged or span > 1 or merge
                cells.extend([] for _ in range(span - 1))
            rows.append(cells)
        where = Where(start, _first_words(" ".join(p.text() for row in rows[:1] for cell in row for p in cell)))
        if header_rows == 0 and len(rows) > 1 and (_bold_row(rows[0]) or self.styled_header(tbl)):
            header_rows = 1
        if merged:
            self.notices.append(Notice("merged cells", where, _MERGED))
        self.table_format_changes(tbl, where)
        whole = next(iter(changes)) if len(changes) == 1 else None
        if self.keep_authors:
            self.add_authors(
                where, (e for tr in _children(tbl, TR) for e in tr.iterfind(f"{w('trPr')}/*") if e.tag in CHANGES)
            )
        return Table(rows, where, header_rows, whole)

    def styled_header(self, tbl: etree._Element) -> bool:
        """The first row formatted as a header by the table's style (Table Design's "Header Row" ticked, in a
        style that makes that row bold or shaded)."""
        props = tbl.find(w("tblPr"))
        look = None if props is None else props.find(w("tblLook"))
        if look is None or _val(props, "tblStyle") not in self.header_styles:
            return False
        if look.get(w("firstRow")) is not None:
            return look.get(w("firstRow")) in ("1", "true", "on")
        try:
            return bool(int(look.get(w("val"), "0"), 16) & 0x0020)  # the older form: a bit of a hexadecimal mask
        except ValueError:
            return False

    def cell(self, tc: etree._Element, change: Change) -> list[Paragraph]:
        """A cell's paragraphs; a table inside it flattened into them."""
        paragraphs: list[Paragraph] = []
        for block in self.blocks(tc, change):
            if isinstance(block, Paragraph):
                paragraphs.append(block)
                continue
            paragraphs.extend(p for row in block.rows for cell in row for p in cell)
            self.notices.append(Notice("nested table", block.where, _NESTED))
        return paragraphs

    def table_format_changes(self, tbl: etree._Element, where: Where) -> None:
        tags = (w("tblPrChange"), w("tblGridChange"), w("trPrChange"), w("tcPrChange"))
        kinds = sorted({FORMAT_CHANGES[e.tag] for e in tbl.iter(*tags)})
        if kinds:
            self.notices.append(Notice("formatting change", where, _format_detail(kinds)))

    # --- what is reported ---------------------------------------------------------------------------------------

    def add_authors(self, where: Where, changes: Iterable[etree._Element]) -> None:
        """The ("ins" or "del", author) of these tracked changes, at ``where``, each once."""
        for change in changes:
            found = (where, CHANGES[change.tag] or "", change.get(w("author"), ""))
            if found[2] and found not in self.authors:
                self.authors.append(found)

    def format_changes(self, props: etree._Element, found: _Found) -> None:
        kinds = sorted({FORMAT_CHANGES[e.tag] for e in props if e.tag in FORMAT_CHANGES})
        if kinds:
            found.notice("formatting change", _format_detail(kinds))
        for inner in (props.find(RPR), props.find(w("numPr")), props.find(w("sectPr"))) if props.tag == PPR else ():
            if inner is not None:
                self.format_changes(inner, found)

    def comment(self, comment_id: str, found: _Found) -> None:
        if comment_id in self.comments_seen:
            return
        self.comments_seen.add(comment_id)
        words = _excerpt(self.comments.get(comment_id, ""))
        said = f' ("{words}")' if words else ""
        found.notice("comment", f"a comment{said} is not imported: deal with it in Word, or after the import")

    def picture(self, element: etree._Element, found: _Found) -> None:
        boxes = list(element.iter(TEXT_BOX))
        if boxes:
            words = _excerpt(" ".join(t.text or "" for box in boxes for t in box.iter(T)))
            found.notice("text box", f'a text box ("{words}") is not imported: put its words in the text')
        elif element.tag == w("object"):
            found.notice("embedded object", "an embedded object (a spreadsheet, a chart…) is not imported")
        else:
            found.notice("image", "an image is not imported: add it to the page, with a text alternative")

    def web_link(self, address: str | None, found: _Found) -> str | None:
        if address is None or address.lower().startswith(WEB_SCHEMES):
            return address
        found.notice("link", f"a link to {address!r} (not a web address) is kept as plain text")
        return None

    def note(self, kind: str, note_id: str, found: _Found) -> tuple[tuple[Inline, ...], ...]:
        """A footnote's (or endnote's) paragraphs, read in a flow of their own; its notices go to ``found``."""
        note = self.notes[kind].get(note_id)
        if note is None:
            found.notice(kind, f"a {kind} mark whose {kind} is missing from the document")
            return ()
        flow, note_found = _Flow(self), _Found()
        paragraphs: list[tuple[Inline, ...]] = []
        for p in note.iter(P):
            inlines = flow.paragraph(p, _val(p.find(PPR), "pStyle") or self.default_style, note_found)
            if not paragraphs and inlines and isinstance(inlines[0], Run):
                inlines[0] = replace(inlines[0], text=inlines[0].text.lstrip())  # the space after the mark
            inlines = [inline for inline in inlines if not _empty_run(inline)]
            if inlines:
                paragraphs.append(tuple(inlines))
        for kind_, detail in note_found.notices:
            found.notice(kind_, detail)
        return tuple(paragraphs)

    def field_result(self, frame: _Frame, found: _Found) -> list[Inline]:
        """What a field shows, read: a cross-reference, a link, or its result as text with a notice."""
        tokens = _tokens("".join(frame.instruction))
        name = tokens[0].upper() if tokens else ""
        arguments = [token for token in tokens[1:] if not token.startswith("\\")]
        switches = tuple(token for token in tokens[1:] if token.startswith("\\"))
        if name not in CROSS_REFERENCES and tokens and tokens[0] in self.bookmark_names:
            name, arguments = "REF", tokens[:1]  # { _Ref123 \h } is a REF field too
        if name in CROSS_REFERENCES and arguments:
            if arguments[0] not in self.bookmark_names:
                shown = text_of(frame.result, "del")
                found.notice(
                    "cross-reference",
                    f"a cross-reference to a bookmark that is not in the document ({name} "
                    f'{arguments[0]}, showing "{shown}"): point it at the paragraph again in Word',
                )
            return _shown(frame.result, arguments[0], switches, name, frame.change)
        if name == "HYPERLINK":
            return self.hyperlink_field(frame, tokens[1:], found)
        if name in LISTING_FIELDS:
            found.notice("table of contents", _LISTING)
            return []
        if name in SILENT_FIELDS or not name:
            return frame.result
        if name in PERSONAL_FIELDS or (
            name in ("DOCPROPERTY", "INFO") and arguments[:1] and arguments[0].lower() in PERSONAL_PROPERTIES
        ):
            found.notice("field", f"a {name} field, which shows a person's name, is left out")
            return []
        shown = text_of(frame.result, "del")
        found.notice("field", f'a {name} field is kept as the text Word last showed ("{shown}"), which will not update')
        return frame.result

    def hyperlink_field(self, frame: _Frame, tokens: list[str], found: _Found) -> list[Inline]:
        address, anchor = None, None
        for previous, token in zip(["", *tokens], tokens, strict=False):
            if previous == "\\l":
                anchor = token
            elif not token.startswith("\\") and previous not in ("\\o", "\\t", "\\m") and address is None:
                address = token
        if address is None and anchor:
            return _shown(frame.result, anchor, (), "HYPERLINK", frame.change)
        link = self.web_link(f"{address}#{anchor}" if address and anchor else address, found)
        return [replace(inline, link=link) if isinstance(inline, Run) else inline for inline in frame.result]

    def headers_and_footers(self) -> None:
        words = []
        for kind in ("header", "footer"):
            for name in self.parts.get(kind, []):
                root = self.package.xml(name)
                text = "" if root is None else " ".join("".join(t.text or "" for t in root.iter(T)).split())
                if text:
                    words.append(text)
        if words:
            detail = f'headers and footers are not imported (they say "{_excerpt(" ".join(words))}")'
            self.notices.append(Notice("header or footer", Where(0, "headers and footers"), detail))


_LISTING = "a table of contents (or index) is left out: the site makes its own from the headings"
_JOINED = (
    "its paragraph mark is a tracked deletion, so with the changes accepted Word joins it to the next paragraph; "
    "it is kept as a paragraph of its own: check the two"
)
_SPLIT = (
    "its paragraph mark is a tracked insertion (a paragraph split in two), so with the changes rejected Word joins it "
    "to the next paragraph; the original numbers count the two as one"
)
_MERGED = "merged cells are kept as one cell followed by empty ones: check the table"
_NESTED = "a table inside a table's cell is flattened into that cell's paragraphs"


def _format_detail(kinds: list[str]) -> str:
    return (
        f"a tracked change of {', '.join(kinds)} only is not carried over: the pages show the text as it is now "
        "formatted"
    )


def _val(element: etree._Element | None, tag: str) -> str | None:
    child = None if element is None else element.find(w(tag))
    return None if child is None else child.get(w("val"))


def _on_off(element: etree._Element | None, tag: str) -> bool | None:
    """A toggle (``w:b``, ``w:i``): None if absent; on unless ``w:val`` is 0, false or off."""
    child = None if element is None else element.find(w(tag))
    if child is None:
        return None
    return child.get(w("val"), "true").lower() not in ("0", "false", "off")


def _mark(p: etree._Element) -> Change:
    rpr = p.find(f"{PPR}/{RPR}")
    if rpr is None:
        return None
    return next((CHANGES[child.tag] for child in rpr if child.tag in CHANGES), None)


def _own(p: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """The elements with these tags in ``p`` itself, not in a text box's or a note's paragraphs within it."""
    for element in p.iter(*tags):
        holder = next((a for a in element.iterancestors(P, TEXT_BOX)), None)
        if holder is p:
            yield element


def _text_changes(p: etree._Element) -> set[Change]:
    """The changes of the text of ``p``: {None} if none of it is changed, {"ins"} if all of it is inserted, …"""
    found: set[Change] = set()
    for text in _own(p, T, w("delText"), w("tab"), w("footnoteReference"), w("endnoteReference")):
        if text.tag in (T, w("delText")) and not text.text:
            continue
        change = None
        for ancestor in text.iterancestors():
            if ancestor is p:
                break
            change = CHANGES.get(ancestor.tag, change) if change is None else change
        found.add(change)
    return found


def _next_paragraph(p: etree._Element) -> etree._Element | None:
    """The paragraph after ``p`` in the same body or cell, past bookmarks and other marks between them."""
    for sibling in p.itersiblings():
        if sibling.tag == P:
            return sibling
        if sibling.tag in (TBL, SDT):
            return None
    return None


def _whole_change(inlines: list[Inline], mark: Change, row_change: Change) -> Change:
    """ "ins" or "del" where the paragraph's mark and all its text are inserted (deleted)."""
    if row_change:
        return row_change
    if mark and all(inline.change == mark for inline in inlines):
        return mark
    return None


def _force(inlines: list[Inline], change: Change) -> list[Inline]:
    """The inlines of a paragraph in an inserted (deleted) table row: all inserted (deleted)."""
    opposite = "del" if change == "ins" else "ins"
    return [replace(inline, change=change) for inline in inlines if inline.change != opposite]


def _shows(inline: Inline) -> bool:
    """Whether an inline shows something: a run of more than spaces and tabs, a cross-reference, a note's mark."""
    return not isinstance(inline, Run) or bool(inline.text.strip())


def _empty_run(inline: Inline) -> bool:
    return isinstance(inline, Run) and not inline.text


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """A table's rows or a row's cells, also inside content controls and custom XML around them."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDTCONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == w("customXml"):
            yield from _children(child, tag)


def _row_change(tr: etree._Element) -> Change:
    trpr = tr.find(w("trPr"))
    if trpr is None:
        return None
    return next((CHANGES[child.tag] for child in trpr if child.tag in CHANGES), None)


def _cell_span(tc: etree._Element) -> tuple[int, bool]:
    """How many grid columns a cell spans, and whether it is part of a vertical merge."""
    tcpr = tc.find(w("tcPr"))
    span = _val(tcpr, "gridSpan")
    merge = tcpr is not None and tcpr.find(w("vMerge")) is not None
    return (int(span) if span and span.isdigit() and 1 <= int(span) <= 64 else 1), merge


def _bold_row(row: list[list[Paragraph]]) -> bool:
    """Every word of the row bold (a header row made by formatting alone)."""
    runs = [i for cell in row for p in cell for i in p.inlines if isinstance(i, Run) and i.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _placeholder(sdt: etree._Element) -> bool:
    """A content control that still shows its placeholder ("Click or tap here to enter text."), not words."""
    return sdt.find(f"{w('sdtPr')}/{w('showingPlcHdr')}") is not None


def _placeholder_detail(content: etree._Element | None) -> str:
    words = "" if content is None else _excerpt(" ".join(t.text or "" for t in content.iter(T)))
    return f'a content control showing only its placeholder ("{words}") is left out: fill it in, in Word'


def _header_styles(styles: etree._Element | None) -> set[str]:
    """The table styles whose first row's conditional formatting (``w:tblStylePr w:type="firstRow"``) makes it
    bold or shaded, themselves or through ``w:basedOn``: a header row, when a table turns it on."""
    if styles is None:
        return set()
    based_on: dict[str, str | None] = {}
    marked: set[str] = set()
    for style in styles.iter(w("style")):
        if style.get(w("type")) != "table":
            continue
        style_id = style.get(w("styleId"), "")
        based_on[style_id] = _val(style, "basedOn")
        for conditional in style.iter(w("tblStylePr")):
            if conditional.get(w("type")) == "firstRow" and _marks_header(conditional):
                marked.add(style_id)
    found = set()
    for style_id in based_on:
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and current not in marked:
            seen.add(current)
            current = based_on.get(current)
        if current in marked:
            found.add(style_id)
    return found


def _marks_header(conditional: etree._Element) -> bool:
    bold = _on_off(conditional.find(RPR), "b")
    shading = conditional.find(f"{w('tcPr')}/{w('shd')}")
    fill = "" if shading is None else (shading.get(w("fill")) or "").lower()
    return bool(bold) or fill not in ("", "auto", "ffffff")


def _is_contents(sdt: etree._Element) -> bool:
    """A content control that holds a table of contents (Word's "Table of Contents" building block)."""
    gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and "contents" in (gallery.get(w("val")) or "").lower()
