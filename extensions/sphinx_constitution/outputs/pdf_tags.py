"""The PDFs' structure tree made PDF/UA-clean, after WeasyPrint has written it (issue 14).

Imported by the PDF builder when it writes a PDF, so an HTML build never loads pikepdf.

WeasyPrint 70 tags a PDF from the HTML's boxes, page by page, and leaves four faults that HTML and CSS cannot
reach, so the PDF builder finishes each PDF here with pikepdf (a binding of qpdf, well kept, which reads and
writes the structure tree and content streams as objects, and saves the same bytes for the same input):

- The running header and the "Page N of M" footer (CSS margin boxes) are marked content with an MCID, whose
  structure elements WeasyPrint builds but leaves out of the tree (its source says an Artifact *element* would
  need PDF 2.0; an ``/Artifact`` *marked-content sequence* does not): their marked content is made ``/Artifact``
  (pagination), and their elements leave the parent tree. The same is done for any other marked content that no
  element of the tree owns.
- A table that runs onto the next page is tagged as a second ``Table`` there, without its caption, its header row
  repeated: its rows join the table they continue, and the repeated header row becomes an artifact.
- A list item with a marker is ``LI`` of ``Lbl`` and ``P`` (WeasyPrint writes ``LBody`` only for an item
  without one): what follows the label is wrapped in ``LBody``.
- A header cell ``TH`` gets ``/Scope`` (WeasyPrint writes the data cells' ``/Headers``, never a ``/Scope``):
  ``Column`` in the table's head, ``Row`` when it starts a body row.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pikepdf

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

logging.getLogger("pikepdf").setLevel(logging.WARNING)  # not its "logger bridge initialized"


def finish(path: Path) -> None:
    """Rewrite the tagged PDF at *path* in place, its structure made PDF/UA-clean (see the module's text)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return
        join_continued_tables(pdf)
        wrap_list_bodies(pdf)
        scope_header_cells(pdf)
        mark_unowned_content_as_artifacts(pdf)
        # deterministic_id: the file's /ID from its content, so two builds of one source give the same bytes
        pdf.save(path, deterministic_id=True)


# -- reading the tree ------------------------------------------------------------------------------------


def kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    """An element's /K as a list (it may be one kid, an array of kids, or absent)."""
    found = element.get("/K")
    if found is None:
        return []
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def _set_kids(element: pikepdf.Object, new: list[pikepdf.Object]) -> None:
    element.K = pikepdf.Array(new)


def elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element in the tree, in reading order (depth first)."""
    stack = list(reversed(kids(pdf.Root.StructTreeRoot)))
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            yield element
            stack.extend(reversed(kids(element)))


def _struct_kids(element: pikepdf.Object) -> list[pikepdf.Dictionary]:
    return [kid for kid in kids(element) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _is(element: pikepdf.Object, kind: str) -> bool:
    return element.get("/S") == kind


# -- tables ------------------------------------------------------------------------------------------------


def join_continued_tables(pdf: pikepdf.Pdf) -> None:
    """A ``Table`` without a caption that takes up a table of the page before, with the same header row, is that
    table's continuation: its body rows move into the table, its repeated header row is left to become an
    artifact, and the continuation goes. (A table of the source without a caption is a build warning, so the
    only tables without one are continuations.)"""
    page_of = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    previous: pikepdf.Dictionary | None = None  # the table being continued
    last_page = -1  # the page its last rows are on
    for table in [element for element in elements(pdf) if _is(element, "/Table")]:
        page = page_of.get(table.Pg.objgen, -1) if "/Pg" in table else -1
        heads = _header_cells(table)
        continues = (
            previous is not None
            and not any(_is(kid, "/Caption") for kid in _struct_kids(table))
            and page == last_page + 1
            and len(heads) == len(_header_cells(previous))
        )
        if not continues:
            previous, last_page = table, page
            continue
        assert previous is not None
        _join(pdf, previous, table, heads)
        last_page = page


def _header_cells(table: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    return [cell for part in _struct_kids(table) if _is(part, "/THead") for row in _struct_kids(part)
            for cell in _struct_kids(row) if _is(cell, "/TH")]  # fmt: skip


def _join(
    pdf: pikepdf.Pdf, table: pikepdf.Dictionary, continuation: pikepdf.Dictionary, heads: list[pikepdf.Dictionary]
) -> None:
    ids = {bytes(old.ID): new.ID for old, new in zip(heads, _header_cells(table), strict=True) if "/ID" in old}
    body = next((part for part in _struct_kids(table) if _is(part, "/TBody")), None)
    if body is None:
        new = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.TBody, P=table, K=pikepdf.Array())
        body = pdf.make_indirect(new)
        table.K = pikepdf.Array([*kids(table), body])
    for part in _struct_kids(continuation):
        if not _is(part, "/TBody"):
            continue  # the repeated header row: its content is left to become an artifact
        for row in _struct_kids(part):
            row.P = body
            for cell in _struct_kids(row):
                attributes = cell.get("/A")
                if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                    attributes.Headers = pikepdf.Array([ids.get(bytes(h), h) for h in attributes.Headers])
            _set_kids(body, [*kids(body), row])
    _remove(continuation)


def _remove(element: pikepdf.Dictionary) -> None:
    """Take *element* out of its parent; a parent left empty goes too."""
    parent = element.P
    kept = [kid for kid in kids(parent) if not isinstance(kid, pikepdf.Dictionary) or kid.objgen != element.objgen]
    _set_kids(parent, kept)
    if not kept and isinstance(parent, pikepdf.Dictionary) and "/S" in parent and not _is(parent, "/Document"):
        _remove(parent)


def scope_header_cells(pdf: pikepdf.Pdf) -> None:
    """``/Scope /Column`` for a header cell in a table's head, ``/Row`` for one that starts a body row (a stub),
    ``/Column`` for any other."""
    for row in elements(pdf):
        if not _is(row, "/TR"):
            continue
        in_head = _is(row.P, "/THead")
        for index, cell in enumerate(_struct_kids(row)):
            if not _is(cell, "/TH"):
                continue
            _table_attributes(cell).Scope = pikepdf.Name.Row if index == 0 and not in_head else pikepdf.Name.Column


def _table_attributes(cell: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """The cell's attribute dictionary of owner ``/Table`` (WeasyPrint writes one, with ``/Headers``), made if
    it has none. ``/A`` may be one dictionary or an array of them, each perhaps with a revision number."""
    found = cell.get("/A")
    dictionaries = [found] if isinstance(found, pikepdf.Dictionary) else list(found or [])
    for attributes in dictionaries:
        if isinstance(attributes, pikepdf.Dictionary) and attributes.get("/O") == pikepdf.Name.Table:
            return attributes
    new = pikepdf.Dictionary(O=pikepdf.Name.Table)
    cell.A = pikepdf.Array([*dictionaries, new]) if found is not None else new
    return new


# -- lists ---------------------------------------------------------------------------------------------------


def wrap_list_bodies(pdf: pikepdf.Pdf) -> None:
    """An ``LI`` holds ``Lbl`` and ``LBody``: whatever else a list item holds is wrapped in one ``LBody``."""
    for item in [element for element in elements(pdf) if _is(element, "/LI")]:
        loose = [kid for kid in _struct_kids(item) if not _is(kid, "/Lbl") and not _is(kid, "/LBody")]
        if not loose:
            continue
        body = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody, P=item, K=pikepdf.Array(loose))
        if "/Pg" in item:
            body.Pg = item.Pg
        body = pdf.make_indirect(body)
        for kid in loose:
            kid.P = body
        moved = {kid.objgen for kid in loose}
        kept = [kid for kid in kids(item) if not (isinstance(kid, pikepdf.Dictionary) and kid.objgen in moved)]
        _set_kids(item, [*kept, body])


# -- marked content ----------------------------------------------------------------------------------------


def owned_content(pdf: pikepdf.Pdf) -> set[tuple[tuple[int, int], int]]:
    """(page, MCID) of each marked-content sequence that an element of the tree owns."""
    owned = set()
    for element in elements(pdf):
        page = element.get("/Pg")
        for kid in kids(element):
            if isinstance(kid, int) and page is not None:
                owned.add((page.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                owner = kid.get("/Pg", page)
                if owner is not None:
                    owned.add((owner.objgen, int(kid.MCID)))
    return owned


def mark_unowned_content_as_artifacts(pdf: pikepdf.Pdf) -> None:
    """Marked content that no element of the tree owns becomes a pagination artifact, and its entry in the
    parent tree goes (the element it named, outside the tree, is then dropped when the file is saved)."""
    owned = owned_content(pdf)
    parents = _parent_tree_arrays(pdf)
    for number, page in enumerate(pdf.pages):
        instructions: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
        changed = False
        for instruction in pikepdf.parse_content_stream(page):
            operands, operator = instruction.operands, instruction.operator
            properties = operands[1] if operator == pikepdf.Operator("BDC") and len(operands) == 2 else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                mcid = int(properties.MCID)
                if (page.objgen, mcid) not in owned:
                    artifact = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
                    instruction = pikepdf.ContentStreamInstruction(artifact, operator)
                    changed = True
                    entries = parents.get(int(page.obj.get("/StructParents", number)))
                    if entries is not None and mcid < len(entries):
                        entries[mcid] = None
            instructions.append(instruction)
        if changed:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def _parent_tree_arrays(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Array]:
    """StructParents key -> the array of elements by MCID (WeasyPrint writes one flat /Nums, keyed by page)."""
    tree = pdf.Root.StructTreeRoot.get("/ParentTree")
    if tree is None:
        return {}
    nums = list(tree.get("/Nums", []))
    found = {}
    for key, value in zip(nums[::2], nums[1::2], strict=True):
        if isinstance(value, pikepdf.Array):
            found[int(key)] = value
    return found
