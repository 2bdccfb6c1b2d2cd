"""The nodes of a clause, its number and its text, and how each builder writes them.

In HTML a clause is heard as it is seen: its number is its permalink, one link named "paragraph 6.7" (not a
number and then a "Link to paragraph 6.7" for every clause); its sub-items are a list, so a screen reader says how
many there are and how deep they nest; and a sub-item's heading ("Standards") is a heading, one level below the
section it is in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import _

from ...engine.nodes import PASS_THROUGH, add_html_node, ancestors, depart_div
from .identity import Clause

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_nodes(app: Sphinx) -> None:
    for node, html in (
        (clause, visit_clause_html),
        (clause_body, visit_clause_body_html),
        (clause_list, visit_clause_list_html),
    ):
        add_html_node(app, node, (html, depart_div))
    as_paragraph = (_visit_as_paragraph, _depart_as_paragraph)
    app.add_node(
        clause_title,
        html=(visit_clause_title_html, depart_clause_title_html),
        text=as_paragraph,
        latex=as_paragraph,
        man=as_paragraph,
        texinfo=as_paragraph,
    )
    number_text = (visit_clause_number_text, None)
    app.add_node(
        clause_number,
        html=(visit_clause_number_html, None),
        text=number_text,
        latex=PASS_THROUGH,
        man=PASS_THROUGH,
        texinfo=PASS_THROUGH,
    )


class clause(nodes.General, nodes.Element):
    """A numbered clause; attribute ``number`` holds its full number (``4.1(4)(viii)``), ``key`` the key of its
    :class:`~.identity.Clause` (``pre-2026:4.1(4)(viii)`` in an older edition), which every index files it under.

    Its permalink goes to ``#<id>`` unless another extension sets the attribute ``permalink`` (a URI
    relative to the page) at ``doctree-resolved``, as editions do to link an edition's permanent address.
    """


class clause_number(nodes.TextElement):
    """The label printed beside a clause: ``6.7`` or ``(3)``."""


class clause_body(nodes.General, nodes.Element):
    """The clause's text, sub-items included."""


class clause_list(nodes.General, nodes.Element):
    """A run of a clause's sub-items, one after another: a list, in HTML."""


class clause_title(nodes.paragraph):
    """A clause's heading, "Standards" above 4.1(4)'s text."""


def visit_clause_html(self: Any, node: clause) -> None:
    attributes = {"data-clause": node["number"]}
    if isinstance(node.parent, clause_list):
        attributes["role"] = "listitem"
    self.body.append(self.starttag(node, "div", "", CLASS="con-clause", **attributes))


def visit_clause_list_html(self: Any, node: clause_list) -> None:
    self.body.append('<div class="con-clause-list" role="list">')


def visit_clause_title_html(self: Any, node: clause_title) -> None:
    """A heading one level below the section it is in, and below any clause heading around it (at most 6)."""
    around = ancestors(node)
    sections = sum(1 for n in around if isinstance(n, nodes.section))
    titled = sum(1 for n in around[1:] if isinstance(n, clause_body) and isinstance(n[0], clause_title))
    level = min(6, sections + titled + 1)
    self.body.append(self.starttag(node, "p", "", CLASS="con-clause-title", role="heading", **{"aria-level": level}))


def depart_clause_title_html(self: Any, node: clause_title) -> None:
    self.body.append("</p>\n")


def _visit_as_paragraph(self: Any, node: nodes.Element) -> None:
    self.visit_paragraph(node)


def _depart_as_paragraph(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def visit_clause_body_html(self: Any, node: clause_body) -> None:
    self.body.append('<div class="con-clause-body">')


_LINK_ICON = (
    '<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="1em" height="1em">'
    '<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
    'd="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"/></svg>'
)


def visit_clause_number_html(self: Any, node: clause_number) -> None:
    """The number, which is also the permalink (a clause that claims no number, or a PDF, has the number alone)."""
    parent = node.parent
    number = f'<span class="con-clause-number">{self.encode(node.astext())}</span>'
    if parent["ids"] and self.config.html_permalinks and self.builder.add_permalinks:
        name = Clause.filed_as(self.config, parent["key"]).name
        href = self.encode(parent.get("permalink") or f"#{parent['ids'][0]}")
        title = self.encode(_("Copy the link to %s") % name)
        number = (
            f'<a class="con-clause-link" href="{href}" aria-label="{self.encode(name)}" title="{title}">'
            f"{number}{_LINK_ICON}</a>"
        )
    self.body.append(f'<span class="con-clause-label">{number}</span>')
    raise nodes.SkipNode


def visit_clause_number_text(self: Any, node: clause_number) -> None:
    self.new_state(0)
    self.add_text(node.astext())
    self.end_state(wrap=False)
    raise nodes.SkipNode
