"""The nodes of a clause, its number and its text, and how each builder writes them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import _

from ...common import PASS_THROUGH, depart_div
from ...config import settings

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_nodes(app: Sphinx) -> None:
    for node, html in ((clause, visit_clause_html), (clause_body, visit_clause_body_html)):
        app.add_node(
            node, html=(html, depart_div), text=PASS_THROUGH, latex=PASS_THROUGH, man=PASS_THROUGH, texinfo=PASS_THROUGH
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
    """A numbered clause; attribute ``number`` holds its full number (``4.1(4)(viii)``).

    Its permalink goes to ``#<id>`` unless another extension sets the attribute ``permalink`` (a URI
    relative to the page) at ``doctree-resolved``, as editions do to link an edition's permanent address.
    """


class clause_number(nodes.TextElement):
    """The label printed beside a clause: ``6.7`` or ``(3)``."""


class clause_body(nodes.General, nodes.Element):
    """The clause's text, sub-items included."""


def visit_clause_html(self: Any, node: clause) -> None:
    self.body.append(self.starttag(node, "div", "", CLASS="con-clause", **{"data-clause": node["number"]}))


def visit_clause_body_html(self: Any, node: clause_body) -> None:
    self.body.append('<div class="con-clause-body">')


_LINK_ICON = (
    '<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="1em" height="1em">'
    '<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
    'd="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"/></svg>'
)


def visit_clause_number_html(self: Any, node: clause_number) -> None:
    parent = node.parent
    label = self.encode(node.astext())
    self.body.append(f'<span class="con-clause-label"><span class="con-clause-number">{label}</span>')
    if parent["ids"] and self.config.html_permalinks and self.builder.add_permalinks:
        name = f"{settings(self.config).clause_reference_prefix} {parent['number']}"
        text = self.encode(_("Link to %s") % name)
        href = self.encode(parent.get("permalink") or f"#{parent['ids'][0]}")
        self.body.append(
            f'<a class="con-clause-link" href="{href}" aria-label="{text}" title="{text}">{_LINK_ICON}</a>'
        )
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_clause_number_text(self: Any, node: clause_number) -> None:
    self.new_state(0)
    self.add_text(node.astext())
    self.end_state(wrap=False)
    raise nodes.SkipNode
