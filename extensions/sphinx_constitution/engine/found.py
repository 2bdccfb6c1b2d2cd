"""The nodes of a page that several of the package's handlers look at in one stage, found in one walk they share:
as the page is read (``doctree-read``), before its references are resolved, and once they are (``doctree-resolved``).

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
handlers after it: such a handler must not be added at this event while others rely on this walk
(``tests/test_found.py`` checks, on a project with every handler that shares it, that none does).

The nodes are kept in ``env.temp_data``, which Sphinx empties once each page is read: no page's nodes outlive its
read, and each ``-j`` reader keeps its own. A transform walks the page itself: the page it sees is not the one read
here (transforms still change it).

When a page is resolved to be written (``doctree-resolved``), the concepts that add to each clause (its permanent
permalink, its link to the comparison, its history, "cited in"), fill a placeholder (the register's "cited in", the
comparison) or mark a page's links (previews) are handed their nodes from one walk too: each registers its handler
with :func:`on_resolved`, and :class:`ResolvedWalk` walks the page once, before the first of them, and calls them
in the order they registered, each with the page's nodes of its kind. What may rely on that: a handler whose nodes no
other handler of the event adds, removes or replaces, so that the nodes found before the first handler are still
the right ones for the last (a node replaced by an earlier handler must never be handed to a later one). It holds for
what is asked for now: a clause is made only by its directive, as the page is read, and the handlers add to a
clause's body, never take a clause away; each placeholder is replaced only by its own handler, and none is inside a
node another handler replaces; the texts previews marked are marked before the event, and the nodes the handlers
make carry no mark. A new handler that replaces or removes nodes of the page checks this list first.

Before a page's references are resolved (a post-transform at priority 4, before sphinx-design's (8), MyST's (9)
and Sphinx's (10) resolvers), the concepts that change its references (an older edition's label, previews' mark)
are handed the page's ``pending_xref`` nodes from one walk (:func:`before_resolving`, :class:`ReferencesWalk`), in
the order they registered. They change a reference's attributes and its text's, never which references the page
holds (checked by the same test).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import __version__
from .nodes import in_order

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

N = TypeVar("N", bound=nodes.Node)

_KEY = "constitution:read-nodes"  # env.temp_data: the PageNodes of the page being read


class PageNodes:
    """Every node of one page, and each class's nodes, in the page's order, found in one walk."""

    def __init__(self, doctree: nodes.document) -> None:
        self.doctree = doctree
        self._all = in_order(doctree)
        by_class: defaultdict[type[nodes.Node], list[nodes.Node]] = defaultdict(list)  # no list made for each node
        for node in self._all:
            by_class[type(node)].append(node)
        self._by_class = dict(by_class)

    def of(self, *kinds: type[N]) -> list[N]:
        """The page's nodes of any of *kinds* (their subclasses too), in the page's order, as ``findall`` finds
        them."""
        held = [found for cls, found in self._by_class.items() if issubclass(cls, kinds)]
        if len(held) <= 1:
            return list(held[0]) if held else []  # type: ignore[arg-type]
        return [node for node in self._all if isinstance(node, kinds)]  # several classes: the page's order


def read_nodes(env: BuildEnvironment, doctree: nodes.document) -> PageNodes:
    """The nodes of the page being read (*doctree*, in a ``doctree-read`` handler), walked for once a page."""
    found: PageNodes | None = env.temp_data.get(_KEY)
    if found is None or found.doctree is not doctree:
        found = env.temp_data[_KEY] = PageNodes(doctree)
    return found


#: The event by which a concept registers a handler to be given, as each page is resolved, the page's nodes of a
#: kind (:func:`on_resolved`); the application's :class:`ResolvedWalk` answers it.
_ASK_RESOLVED = "constitution-resolved-nodes"

#: A handler :func:`on_resolved` calls: ``(app, doctree, docname, the page's nodes of its kind)``.
Resolved = Callable[["Sphinx", nodes.document, str, list[Any]], None]


def setup(app: Sphinx) -> ExtensionMetadata:
    """This module as an extension of its own, which :func:`on_resolved` and :func:`before_resolving` set up: one
    :class:`ResolvedWalk` for each application, connected where the first concept to ask would have connected its
    own handler, and the :class:`ReferencesWalk` post-transform with the event it emits."""
    walk = ResolvedWalk()
    app.add_event(_ASK_RESOLVED)
    app.connect(_ASK_RESOLVED, walk.ask)
    app.connect("doctree-resolved", walk.hand_out)
    app.add_event(_REFERENCES)
    app.add_post_transform(ReferencesWalk)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def on_resolved(app: Sphinx, kind: type[nodes.Node], handler: Resolved) -> None:
    """Call *handler* as each page is resolved (``doctree-resolved``), with the page's nodes of *kind*, found in the
    walk the page's handlers share (a kind no handler of that event adds, removes or replaces: see above). (For a
    concept's ``setup()``, in place of connecting *handler* to ``doctree-resolved`` itself.)"""
    app.setup_extension(__name__)
    app.emit(_ASK_RESOLVED, kind, handler)


class ResolvedWalk:
    """The handlers given a resolved page's nodes of their kinds, for one application, and the one walk of each
    page that finds those nodes."""

    def __init__(self) -> None:
        self.asked: list[tuple[type[nodes.Node], Resolved]] = []  # (kind, handler), in the order registered

    def ask(self, app: Sphinx, kind: type[nodes.Node], handler: Resolved) -> None:
        """The :data:`_ASK_RESOLVED` handler."""
        self.asked.append((kind, handler))

    def hand_out(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """``doctree-resolved``: one walk of the page for every kind asked for, then each handler with its nodes."""
        if not self.asked:
            return
        page = PageNodes(doctree)
        for kind, handler in self.asked:
            handler(app, doctree, docname, page.of(kind))


#: The event :class:`ReferencesWalk` emits with each page's references before they are resolved; a concept's
#: handler of them is connected to it by :func:`before_resolving`.
_REFERENCES = "constitution-references"

#: A handler :func:`before_resolving` connects: ``(app, the post-transform, the page's references)``.
ReferencesHandler = Callable[["Sphinx", SphinxPostTransform, list[addnodes.pending_xref]], None]


def before_resolving(app: Sphinx, handler: ReferencesHandler) -> None:
    """Call *handler* with each page's references before they are resolved, found in the walk the handlers share.
    (For a concept's ``setup()``, in place of a post-transform of its own that walks the page for them.)"""
    app.setup_extension(__name__)
    app.connect(_REFERENCES, handler)


class ReferencesWalk(SphinxPostTransform):
    """Before the references are resolved: the page's references, found in one walk, handed to the handlers
    connected with :func:`before_resolving` (the application's listeners of :data:`_REFERENCES`, in the order they
    were connected), as Sphinx's own resolver hands a reference it cannot resolve to ``missing-reference``'s."""

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        references = list(self.document.findall(addnodes.pending_xref))
        if references:
            self.env.events.emit(_REFERENCES, self, references)
