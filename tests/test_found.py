"""The one walk a page that the package's handlers share (``engine/found.py``): each handler is given the nodes it
would have found walking the page itself, in the page's order.

What a reader notices of it is that the site does not change (the site's byte-for-byte comparisons and every test
of a feature that uses it); these tests hold the two places where the shared walk could differ from a handler's own:
nodes of several kinds in the page's order, and handlers called in the order they registered; and the rule the
walks as the page is read and before its references are resolved rely on: no handler of those stages changes which
nodes the page holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_previews as previews
from conftest import build_project
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


# The stage rules (module docstring of engine/found.py), held on a project with every handler that shares the walks:
# clauses citing clauses and codes, a glossary, principles, the codes register and previews. A handler of the
# package's own connected last checks, at each stage, that what the shared walk found is what walking the page now
# finds: no handler before it added, removed or replaced a node the walk had handed out.
CHECKS = """
def setup(app):
    from docutils import nodes
    from sphinx import addnodes
    from sphinx_constitution.engine.found import read_nodes

    def same(found, walked, stage):
        if [id(node) for node in found] != [id(node) for node in walked]:
            raise AssertionError(f"{stage}: the page's nodes changed after the shared walk found them")

    def read(app, doctree):
        same(read_nodes(app.env, doctree).of(nodes.Node), list(doctree.findall())[1:], "doctree-read")

    def references(app, transform, found):
        same(found, list(transform.document.findall(addnodes.pending_xref)), "before resolving")

    app.connect("doctree-read", read, priority=999)
    app.connect("constitution-references", references, priority=999)
"""


@pytest.mark.parametrize("broken", ["", "read", "references"])
def test_no_handler_changes_the_nodes_a_shared_walk_found(tmp_path: Path, broken: str) -> None:
    conf = CHECKS + "    from docutils import nodes\n"
    if broken == "read":
        conf += (
            "    app.connect('doctree-read', lambda app, doctree: doctree.append(nodes.paragraph()), priority=600)\n"
        )
    if broken == "references":
        conf += (
            "    app.connect('constitution-references', lambda app, transform, found: transform.document.append("
            "addnodes.pending_xref('', reftype='ref', refdomain='std', reftarget='x')), priority=600)\n"
        )
    result = build_project(tmp_path, previews.PAGES, conf=previews.CONF + conf, codes=previews.REGISTRY)
    if not broken:
        assert result.status == 0, result.warnings
    else:
        assert result.status != 0
        said = "doctree-read" if broken == "read" else "before resolving"
        assert f"{said}: the page's nodes changed after the shared walk found them" in result.warnings


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
