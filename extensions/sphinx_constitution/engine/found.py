"""The nodes of a page as it is read, found in one walk that the package's ``doctree-read`` handlers share.

Five concepts look at each page once it is read, each for nodes of its own kinds: the index of who cites what (the
page's references), the glossary and the previews (the page's glossaries and their definitions), the page's
description (its first paragraph) and the editions' comparison (an edition's sections and tables). Each walked the
whole page for its kinds, five walks a page; each now asks :func:`read_nodes` for them, and the page is walked once,
by the first to ask, its nodes kept by class.

What may rely on it: a handler of ``doctree-read`` only, connected at priority 500 or later, for the nodes the page
holds. That event comes after every transform of the read, and no handler of the package adds, removes or replaces
a node at it (Sphinx's own collectors, connected before any extension's at 500, remove the front matter's
``docinfo`` before the first of ours asks, and otherwise change only attributes: an image's candidates, a
download's file name). A handler that changed which nodes the page holds would make the nodes found wrong for the
handlers after it: such a handler must not be added at this event while others rely on this walk.

The nodes are kept in ``env.temp_data``, which Sphinx empties once each page is read: no page's nodes outlive its
read, and each ``-j`` reader keeps its own. A transform, or a handler of a later event, walks the page itself: the
page it sees is not the one read here (transforms still change it; a written page is the stored one, resolved).
"""

from __future__ import annotations

import heapq
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

N = TypeVar("N", bound=nodes.Node)

_KEY = "constitution:read-nodes"  # env.temp_data: the PageNodes of the page being read


class PageNodes:
    """Every node of one page by class, each with its position in the page, found in one walk."""

    def __init__(self, doctree: nodes.document) -> None:
        self.doctree = doctree
        self._by_class: dict[type[nodes.Node], list[tuple[int, nodes.Node]]] = {}
        for position, node in enumerate(doctree.findall(include_self=False)):
            self._by_class.setdefault(type(node), []).append((position, node))

    def of(self, *kinds: type[N]) -> list[N]:
        """The page's nodes of any of *kinds* (their subclasses too), in the page's order, as ``findall`` finds
        them."""
        held = [found for cls, found in self._by_class.items() if issubclass(cls, kinds)]
        if len(held) == 1:
            return [node for _position, node in held[0]]  # type: ignore[misc]
        return [node for _position, node in heapq.merge(*held, key=itemgetter(0))]  # type: ignore[misc]


def read_nodes(env: BuildEnvironment, doctree: nodes.document) -> PageNodes:
    """The nodes of the page being read (*doctree*, in a ``doctree-read`` handler), walked for once a page."""
    found: PageNodes | None = env.temp_data.get(_KEY)
    if found is None or found.doctree is not doctree:
        found = env.temp_data[_KEY] = PageNodes(doctree)
    return found
