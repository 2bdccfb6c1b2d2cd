"""The PDF/UA faults of a PDF's structure tree that the PDFs once had (issue 14), counted from the file alone:
``python tests/pdf_structure.py _build/pdf`` prints them for each PDF.

Read with pikepdf, apart from the builder's own code (``outputs/pdf_tags.py``), so that a fault in it is not
checked by itself: the tree is walked from its root, and every marked-content sequence of every page's content
stream must belong to an element reached that way.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pikepdf


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    found = element.get("/K")
    if found is None:
        return []
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def _tree(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    stack = _kids(pdf.Root.StructTreeRoot)
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            yield element
            stack.extend(_kids(element))


def _elements(element: pikepdf.Dictionary) -> list[str]:
    return [str(kid.S) for kid in _kids(element) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _content(element: pikepdf.Dictionary) -> Iterator[tuple[tuple[int, int], int]]:
    """(page, MCID) of each marked-content sequence that *element* itself owns."""
    for kid in _kids(element):
        if isinstance(kid, int):
            yield element.Pg.objgen, kid
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            yield kid.get("/Pg", element.get("/Pg")).objgen, int(kid.MCID)


def _marks_content(element: pikepdf.Dictionary) -> bool:
    return any(True for _ in _content(element)) or any(
        _marks_content(kid) for kid in _kids(element) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid
    )


def _fault(element: pikepdf.Dictionary) -> str | None:
    kind = str(element.S)
    if kind == "/Table" and "/Caption" not in _elements(element):
        return "Table without Caption"
    if kind == "/LI" and "/LBody" not in _elements(element):
        return "LI without LBody"
    if kind == "/TH" and "/Scope" not in element.get("/A", {}):
        return "TH without Scope"
    if re.fullmatch(r"/H\d", kind) and not _marks_content(element):
        return "empty heading"  # pdfua 0.1.3 has this rule (UA-14-001) but cannot run it on these PDFs
    return None


def faults(path: Path) -> dict[str, list[str]]:
    """Each kind of fault, with where each one is ("page 3, MCID 12"; "page 17")."""
    found: dict[str, list[str]] = {"orphaned marked content": [], "Table without Caption": [],
                                   "LI without LBody": [], "TH without Scope": [], "empty heading": []}  # fmt: skip
    with pikepdf.open(path) as pdf:
        number = {page.objgen: index + 1 for index, page in enumerate(pdf.pages)}
        owned = set()
        for element in _tree(pdf):
            owned.update(_content(element))
            fault = _fault(element)
            if fault:
                found[fault].append(f"page {number.get(element.Pg.objgen, '?')}" if "/Pg" in element else "no page")
        for page in pdf.pages:
            for operands, _ in pikepdf.parse_content_stream(page, "BDC"):
                properties = operands[1]
                mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
                if mcid is not None and (page.objgen, int(mcid)) not in owned:
                    found["orphaned marked content"].append(f"page {number[page.objgen]}, MCID {mcid}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of PDFs, such as _build/pdf")
    args = parser.parse_args(argv)
    for path in sorted(args.folder.glob("*.pdf")):
        counts = ", ".join(f"{kind} {len(where)}" for kind, where in faults(path).items())
        print(f"{path.name}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
