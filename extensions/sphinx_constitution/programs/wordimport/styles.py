"""The styles of a Word document (``word/styles.xml``), as much of them as the import needs: a style's name, its
outline level (which makes a paragraph a heading), the numbering it carries (the usual way headings and clauses are
numbered: "Heading 1" linked to level 0 of a list), and the bold and italic of its runs.

Every property is looked up through ``w:basedOn``, as Word does: a style that does not set a property takes it from
the style it is based on. A loop of ``basedOn`` (a damaged file) ends the lookup rather than the import.

This module also holds the small helpers that read WordprocessingML with lxml (the namespace, a child's ``w:val``, a
parser that resolves no entities and fetches nothing: a Word file is untrusted input).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

#: The WordprocessingML namespace, and the markup-compatibility one (``mc:AlternateContent`` wraps newer markup)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes) -> etree._Element:
    """A part of a Word file, parsed with no entities resolved, no DTD loaded, nothing fetched from a network and
    lxml's limits on depth and size kept (``huge_tree`` off). A damaged part raises ``etree.XMLSyntaxError``."""
    return etree.fromstring(data, _PARSER)


def w(tag: str) -> str:
    """A WordprocessingML element or attribute name in lxml's ``{namespace}tag`` form."""
    return f"{{{W}}}{tag}"


def child_val(element: etree._Element | None, tag: str) -> str | None:
    """The ``w:val`` of ``element``'s child ``w:<tag>``: None if there is no such child (or no element)."""
    if element is None:
        return None
    child = element.find(w(tag))
    return None if child is None else child.get(w("val"))


def on_off(element: etree._Element | None, tag: str) -> bool | None:
    """A toggle such as ``w:b`` or ``w:isLgl``: True if present (``w:val`` absent, "1", "true" or "on"), False if
    switched off ("0", "false", "off", "none"), None if the child is not there."""
    if element is None:
        return None
    child = element.find(w(tag))
    if child is None:
        return None
    return child.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


def to_int(value: str | None) -> int | None:
    """A decimal attribute value, or None if it is missing or not a number."""
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


#: Word's built-in heading styles, by name ("heading 1".."heading 9"; Word writes them in lower case)
_HEADING_NAME = re.compile(r"heading ?([1-9])", re.IGNORECASE)


@dataclass(frozen=True)
class _Style:
    id: str
    kind: str  # "paragraph", "character", "table", "numbering"
    name: str
    based_on: str | None
    default: bool
    outline: int | None  # w:pPr/w:outlineLvl, as written (9 = body text)
    num_id: str | None  # w:pPr/w:numPr/w:numId
    ilvl: int | None  # w:pPr/w:numPr/w:ilvl
    bold: bool | None
    italic: bool | None


def _read_style(element: etree._Element) -> _Style:
    ppr = element.find(w("pPr"))
    numpr = ppr.find(w("numPr")) if ppr is not None else None
    rpr = element.find(w("rPr"))
    return _Style(
        id=element.get(w("styleId"), ""),
        kind=element.get(w("type"), "paragraph"),
        name=child_val(element, "name") or "",
        based_on=child_val(element, "basedOn"),
        default=element.get(w("default"), "0").lower() in ("1", "true", "on"),
        outline=to_int(child_val(ppr, "outlineLvl")),
        num_id=child_val(numpr, "numId"),
        ilvl=to_int(child_val(numpr, "ilvl")),
        bold=on_off(rpr, "b"),
        italic=on_off(rpr, "i"),
    )


class Styles:
    """The styles of one Word document, looked up by style id (``w:styleId``, the value ``w:pStyle`` and
    ``w:rStyle`` give). An unknown id is not an error: Word shows such a paragraph in the default style."""

    def __init__(self, styles: dict[str, _Style], defaults: tuple[bool | None, bool | None] = (None, None)) -> None:
        self._styles = styles
        self._defaults = defaults  # bold and italic of w:docDefaults/w:rPrDefault
        kinds = (style for style in styles.values() if style.kind == "paragraph" and style.default)
        self._default_paragraph = next(kinds, None)

    @classmethod
    def from_xml(cls, styles_xml: bytes | None) -> Styles:
        """The styles of ``word/styles.xml``; ``None`` (a document with no styles part) gives no styles."""
        if styles_xml is None:
            return cls({})
        root = parse_xml(styles_xml)
        styles: dict[str, _Style] = {}
        for element in root.iter(w("style")):
            style = _read_style(element)
            styles.setdefault(style.id, style)  # Word reads the first of two styles with one id
        rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        return cls(styles, (on_off(rpr, "b"), on_off(rpr, "i")))

    def _chain(self, style_id: str) -> Iterator[_Style]:
        """The style and those it is based on, nearest first; a loop or a missing parent ends the chain."""
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen:
            seen.add(current)
            style = self._styles.get(current)
            if style is None:
                return
            yield style
            current = style.based_on

    def name(self, style_id: str) -> str:
        """The style's name as Word's style gallery shows it: "Heading 1" for "Heading1" (Word writes the built-in
        names in lower case, "heading 1", and shows them capitalised); the id itself if the style is unknown."""
        style = self._styles.get(style_id)
        if style is None or not style.name:
            return style_id
        if style.name == style.name.lower():
            return " ".join(word[:1].upper() + word[1:] for word in style.name.split(" "))
        return style.name

    def outline_level(self, style_id: str) -> int | None:
        """The outline level a paragraph in this style has (0 for Heading 1), or None for body text: the nearest
        ``w:outlineLvl`` through ``w:basedOn`` (9 means body text), or a built-in heading's name ("heading 1" ..
        "heading 9", whose level Word fixes whatever the file says). An unknown id named like a heading ("Heading1",
        as pandoc and LibreOffice write them with no styles part) counts as that heading."""
        for style in self._chain(style_id):
            match = _HEADING_NAME.fullmatch(style.name)
            if match:
                return int(match[1]) - 1
            if style.outline is not None:
                return style.outline if 0 <= style.outline <= 8 else None
        if style_id not in self._styles:
            match = _HEADING_NAME.fullmatch(style_id)
            if match:
                return int(match[1]) - 1
        return None

    def numbering(self, style_id: str) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a paragraph in this style is numbered with, through ``w:basedOn``: the nearest style
        that names a ``w:numId`` gives it, and the nearest that names a ``w:ilvl`` gives the level (None: the level
        whose ``w:pStyle`` is this style, or 0). ``w:numId w:val="0"`` takes a parent's numbering away. (None, None)
        if the style is not numbered."""
        num_id: str | None = None
        ilvl: int | None = None
        for style in self._chain(style_id):
            ilvl = style.ilvl if ilvl is None else ilvl
            if style.num_id is not None:
                num_id = style.num_id
                break
        if num_id is None or num_id.strip() == "0":
            return None, None
        return num_id.strip(), ilvl

    def lineage(self, style_id: str) -> list[str]:
        """The style's id and those of the styles it is based on, nearest first (known styles only)."""
        return [style.id for style in self._chain(style_id)]

    def default_paragraph_style(self) -> str:
        """The id of the paragraph style a paragraph with no ``w:pStyle`` has (``w:default="1"``), "Normal" if the
        styles do not say."""
        return "Normal" if self._default_paragraph is None else self._default_paragraph.id

    def run_bold_italic(self, style_id: str) -> tuple[bool, bool]:
        """Whether a character or paragraph style makes its runs bold and italic, through ``w:basedOn`` and then the
        document's defaults (``w:docDefaults``). A run's own ``w:b``/``w:i`` is the reader's to apply over this."""
        bold, italic = None, None
        for style in self._chain(style_id):
            bold = style.bold if bold is None else bold
            italic = style.italic if italic is None else italic
        bold = self._defaults[0] if bold is None else bold
        italic = self._defaults[1] if italic is None else italic
        return bool(bold), bool(italic)
