"""The package's nodes: each registered with a visitor for every builder (the website's own, and what the others
write of it), and the elements that hold a node."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


def ancestors(node: nodes.Node) -> list[nodes.Element]:
    """The elements that hold *node*, innermost first, up to the document."""
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def in_order(tree: nodes.Node) -> list[nodes.Node]:
    """Every node under *tree*, *tree* left out, in the order docutils' ``findall()`` gives them (each node before
    its children, the children in order).

    A walk of its own, not ``findall()``: that is a generator in each element, so each node found climbs back up
    through every element above it; a list used as a stack visits each node once. Measured on the protocol's 34
    pages, 2.5 times as fast, and these walks run for every page at each stage that shares one
    (``engine/found.py``) and for every kind of node the asset filters ask about (``theme/assets.py``)."""
    found: list[nodes.Node] = []
    stack = list(reversed(tree.children))
    while stack:
        node = stack.pop()
        found.append(node)
        if node.children:
            stack.extend(reversed(node.children))
    return found


def kinds_in(tree: nodes.Node) -> set[type[nodes.Node]]:
    """The classes of *tree* and of every node under it: :func:`in_order`'s walk without the order, which a set of
    classes does not need (four times as fast as ``frozenset(map(type, tree.findall()))``)."""
    kinds: set[type[nodes.Node]] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        kinds.add(type(node))
        stack.extend(node.children)
    return kinds


def line_of(node: nodes.Node) -> int | None:
    """The source line of *node*, or of the nearest element holding it that has one (MyST gives an image or a link
    inside a paragraph line 0 or none)."""
    while not node.line and node.parent is not None:
        node = node.parent
    return node.line


def pass_through(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """A visitor (and departure) that writes nothing for the node itself, only its children."""


#: The visitors of a node that a builder writes as its children alone (text, LaTeX, man, Texinfo).
PASS_THROUGH = (pass_through, pass_through)


def skip_node(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    """A visitor that leaves the node out, children and all."""
    raise nodes.SkipNode


#: The visitors of a node that only the website shows: the other builders leave it out.
LEFT_OUT = (skip_node, None)


def add_html_node(
    app: Sphinx, node: type[nodes.Element], html: tuple[Any, Any], elsewhere: tuple[Any, Any] = PASS_THROUGH
) -> None:
    """Register *node*, written by *html*'s visitors, and by *elsewhere*'s in text, LaTeX, man and Texinfo."""
    app.add_node(node, html=html, text=elsewhere, latex=elsewhere, man=elsewhere, texinfo=elsewhere)


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    """Close the ``<div>`` that a node's HTML visitor opened."""
    self.body.append("</div>\n")
