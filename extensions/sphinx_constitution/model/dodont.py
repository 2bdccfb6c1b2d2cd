"""Paired Do / Don't tables, as protocols set out acceptable and unacceptable behaviour::

    :::{do-dont} What Members can expect from Officers
    :do: Officers Do
    :dont: Officers Don't

    + Pursue lawful policies

    - Deviate from the Constitution

    ---

    + Promote equality
    :::

``+`` bullets are the Do side of a row, ``-`` bullets its Don't side, ``---`` starts the next row.
Either side may be empty or hold several items, but not a table (a list-table, or another do-dont): on a
phone each row becomes a card, where a table cannot be read.

The directive makes an ordinary docutils table (caption, header row, body), which every builder
renders. For HTML a post-transform swaps the cells for :class:`dodont_cell`, so header cells carry
``scope="col"`` and body cells the heading of their column (``data-label``), which the stylesheet
shows above each cell when a narrow screen stacks the two columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from .. import __version__
from ..engine.nodes import ancestors
from ..problems import Problem, warn
from ..theme.assets import stylesheet

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

DO, DONT = "+", "-"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", stylesheet("dodont.css"))
    app.add_directive("do-dont", DoDontDirective)
    app.add_node(dodont_cell, html=(visit_dodont_cell_html, depart_dodont_cell_html))
    app.add_post_transform(DoDontHtmlCells)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


class DoDontDirective(SphinxDirective):
    """The argument is the table's caption; ``:do:`` and ``:dont:`` name the two columns."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "do": directives.unchanged_required,
        "dont": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        rows = self._rows(self.parse_content_to_nodes())
        if rows is None:
            return []
        headings = (self.options.get("do", _("Do")), self.options.get("dont", _("Don't")))
        table = nodes.table("", classes=["con-dodont", *self.options.get("class", [])])
        table["ids"].append(make_id(self.env, self.state.document, "", self.arguments[0].lower()))
        self.set_source_info(table)
        caption, messages = self.parse_inline(self.arguments[0])
        table += nodes.title(self.arguments[0], "", *caption)
        self.set_source_info(table[0])  # the table's, which Sphinx would give it, logging that it did (codes.py)
        group = nodes.tgroup(cols=2)
        table += group
        group += [nodes.colspec(colwidth=50), nodes.colspec(colwidth=50)]
        group += nodes.thead("", _row(nodes.paragraph("", heading) for heading in headings))
        body = nodes.tbody()
        group += body
        for do, dont in rows:
            body += _row((_cell_content(do), _cell_content(dont)))
        for inner in _tables_in(body):
            self._refuse_table(inner)
        return [table, *messages]

    def _refuse_table(self, inner: nodes.table) -> None:
        """A table in a cell: on a phone each row becomes a card, in which a table cannot be read."""
        # docutils gives a list-table the line of its last row: its first line is the least of its nodes'
        lines = [node.line for node in inner.findall(nodes.Element) if node.line]
        line = min(lines, default=None)
        warn(
            Problem.BAD_DO_DONT,
            f"a Do/Don't cell holds a table; on a phone the row becomes a card, where a table cannot be read: "
            f"write its items as bullets (do-dont table {self.arguments[0]!r})",
            (self.env.docname, line) if line else self.get_location(),
        )

    def _rows(self, parsed: list[nodes.Node]) -> list[tuple[list[nodes.Node], list[nodes.Node]]] | None:
        """Split the body into (do items, don't items) rows, or warn and return None."""
        rows: list[dict[str, list[nodes.Node]]] = [{}]
        for node in parsed:
            if isinstance(node, nodes.transition):
                if not rows[-1]:
                    self._malformed("an empty row (two '---' together, or '---' first)", node)
                    return None
                rows.append({})
            elif isinstance(node, nodes.bullet_list) and node.get("bullet") in (DO, DONT):
                side = node["bullet"]
                if side in rows[-1]:
                    self._malformed(f"two '{side}' lists in one row: put a '---' between rows", node)
                    return None
                if empty := next((item for item in node.children if not item.astext().strip()), None):
                    self._malformed(f"an empty '{side}' item (its cell would be blank): write it, or remove it", empty)
                    return None
                rows[-1][side] = list(node.children)
            elif isinstance(node, nodes.bullet_list):
                self._malformed(f"'{node.get('bullet', '*')}' bullets: use '+' for Do and '-' for Don't", node)
                return None
            elif isinstance(node, nodes.system_message):
                continue  # docutils reports those itself
            else:
                self._malformed(f"a {type(node).__name__} where rows of '+'/'-' bullets were expected", node)
                return None
        if not rows[-1]:
            self._malformed("no rows (or a '---' at the end)", None)
            return None
        return [(row.get(DO, []), row.get(DONT, [])) for row in rows]

    def _malformed(self, what: str, node: nodes.Node | None) -> None:
        """Warn that the body is malformed (the caller then returns ``None``: no table)."""
        line = node.line if node is not None and node.line else None
        location = (self.env.docname, line) if line else self.get_location()
        warn(Problem.BAD_DO_DONT, f"do-dont table {self.arguments[0]!r} has {what}", location)


def _row(cells: Any) -> nodes.row:
    row = nodes.row()
    for content in cells:
        row += nodes.entry("", *([content] if isinstance(content, nodes.Node) else content))
    return row


def _cell_content(items: list[nodes.Node]) -> list[nodes.Node]:
    """One item reads as plain paragraphs; several stay a bulleted list."""
    if len(items) == 1:
        return list(items[0].children)
    return [nodes.bullet_list("", *items, bullet="-")] if items else []


class dodont_cell(nodes.entry):
    """A Do/Don't table cell as HTML writes it: ``header`` cells get ``scope``, others ``data-label``."""


class DoDontHtmlCells(SphinxPostTransform):
    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            if "con-dodont" not in table["classes"]:
                continue
            # the table's own cells only: a table inside a cell (refused, but shown in a preview) is left alone
            cells = [
                (entry, isinstance(part, nodes.thead), index)
                for group in _children(table, nodes.tgroup)
                for part in _children(group, (nodes.thead, nodes.tbody))
                for row in _children(part, nodes.row)
                for index, entry in enumerate(_children(row, nodes.entry))
            ]
            labels = [entry.astext() for entry, header, _index in cells if header]
            for entry, header, index in cells:
                cell = dodont_cell(entry.rawsource, *entry.children, **entry.attributes)
                cell["header"] = header
                cell["label"] = labels[index]
                entry.replace_self(cell)


def _children(node: nodes.Element, kind: type | tuple[type, ...]) -> list[Any]:
    return [child for child in node.children if isinstance(child, kind)]


def _tables_in(body: nodes.tbody) -> list[nodes.table]:
    """The outermost tables inside the cells of *body*."""
    return [
        table
        for table in body.findall(nodes.table)
        if next(a for a in ancestors(table) if a is body or isinstance(a, nodes.table)) is body
    ]


def visit_dodont_cell_html(self: Any, node: dodont_cell) -> None:
    self.visit_entry(node)  # keeps the translator's column count right
    self.body.pop()  # … but writes the cell's start tag itself
    if node["header"]:
        self.body.append(self.starttag(node, "th", "", scope="col"))
    else:
        self.body.append(self.starttag(node, "td", "", **{"data-label": node["label"]}))


def depart_dodont_cell_html(self: Any, node: dodont_cell) -> None:
    self.depart_entry(node)
