"""The one walk a page that the package's handlers share (``engine/found.py``): each handler is given the nodes it
would have found walking the page itself, in the page's order.

What a reader notices of it is that the site does not change (the site's byte-for-byte comparisons and every test
of a feature that uses it); these tests hold the two places where the shared walk could differ from a handler's own:
nodes of several kinds in the page's order, and handlers called in the order they registered.
"""

from __future__ import annotations

from docutils import nodes
from docutils.core import publish_doctree
from sphinx_constitution.engine.found import PageNodes, Resolved, ResolvedWalk
from sphinx_constitution.engine.nodes import in_order, kinds_in

PAGE = """\
Title
=====

A paragraph.

First
-----

+---+
| a |
+---+

Second
------

Text, then a table.

+---+
| b |
+---+

Third
~~~~~

+---+
| c |
+---+
"""


def page() -> nodes.document:
    return publish_doctree(PAGE, settings_overrides={"report_level": 5})


def test_nodes_of_several_kinds_come_in_the_page_order() -> None:
    doctree = page()
    walked = [node for node in doctree.findall(nodes.Element) if isinstance(node, (nodes.section, nodes.table))]
    found = PageNodes(doctree).of(nodes.section, nodes.table)
    assert [node.tagname for node in found] == ["section", "table", "section", "table", "section", "table"]
    assert [id(node) for node in found] == [id(node) for node in walked]


def test_a_kind_includes_its_subclasses() -> None:
    doctree = page()
    assert PageNodes(doctree).of(nodes.Element) == list(doctree.findall(nodes.Element, include_self=False))
    assert PageNodes(doctree).of(nodes.TextElement) == list(doctree.findall(nodes.TextElement))


def test_each_handler_gets_its_kind_in_the_order_registered() -> None:
    doctree = page()
    called: list[tuple[str, list[str]]] = []
    walk = ResolvedWalk()

    def handler(name: str) -> Resolved:
        return lambda app, tree, docname, found: called.append((name, [node.tagname for node in found]))

    for name, kind in (("tables", nodes.table), ("sections", nodes.section), ("entries", nodes.entry)):
        walk.ask(None, kind, handler(name))  # type: ignore[arg-type]
    walk.hand_out(None, doctree, "index")  # type: ignore[arg-type]
    assert called == [("tables", ["table"] * 3), ("sections", ["section"] * 3), ("entries", ["entry"] * 3)]


def test_the_packages_walk_finds_what_docutils_finds_in_its_order() -> None:
    """``in_order`` (the walk the shared walk and the checks of each page use instead of ``findall()``, which is
    slower) gives docutils' nodes in docutils' order, the page itself left out; ``kinds_in`` their classes."""
    doctree = page()
    nested = nodes.paragraph("", "", nodes.strong("", "", nodes.emphasis("", "deep")), nodes.Text(" after"))
    doctree[0] += nested
    walked = list(doctree.findall())
    assert [id(node) for node in in_order(doctree)] == [id(node) for node in walked[1:]]
    assert kinds_in(doctree) == {type(node) for node in walked}
    assert in_order(nodes.Text("alone")) == []


def test_a_kind_the_page_does_not_hold_gives_no_nodes() -> None:
    doctree = page()
    assert PageNodes(doctree).of(nodes.footnote) == []
    assert PageNodes(doctree).of(nodes.footnote, nodes.table) == list(doctree.findall(nodes.table))  # one held
