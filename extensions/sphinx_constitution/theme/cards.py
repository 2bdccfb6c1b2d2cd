"""sphinx-design's cards, read as a list of headed links: each card's title is a heading, and the title is the card's
one link.

A card with ``:link:`` is written by sphinx-design as its title (a ``<div>``), its text, and then a second link, whose
words are hidden from sight and stretched over the card so that the whole card can be clicked. A screen reader
heard the title as plain text, then the text, then the title again as a link; its list of headings held none of the
cards, and its list of links held each title once more. The issue's audit of the home page found exactly that.

Here, in HTML builds (a post-transform, after references are resolved), such a card's title becomes a heading one
level below the section it is in (``<h2>`` on a page whose title is the ``<h1>``), and the card's link moves into
it, with the title's words as its own: one heading, one link, as GOV.UK lays out a list of pages. ``static/cards.css``
stretches that link over the card, so the whole card can still be clicked or tapped. A card whose title already holds
a link, or that has no title or no link, is left as it is. Nothing changes for the author: ``:link-alt:`` is no
longer needed, since the link is named by the title the reader sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import __version__
from ..engine.nodes import ancestors
from .assets import stylesheet

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: sphinx-design's classes on the link it stretches over a card.
_STRETCHED = ("sd-stretched-link", "sd-hide-link-text")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_post_transform(CardHeadings)
    app.connect("builder-inited", stylesheet("cards.css"))
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _components(node: nodes.Element, name: str) -> list[nodes.container]:
    """The sphinx-design components called *name* (``card``, ``card-title``) in *node*."""
    return [found for found in node.findall(nodes.container) if found.get("design_component") == name]


class CardHeadings(SphinxPostTransform):
    """Each linked card's title becomes a heading holding the card's one link."""

    formats = ("html",)
    default_priority = 700  # after the references are resolved (10), so the card's link is a reference

    def run(self, **kwargs: Any) -> None:
        for card in _components(self.document, "card"):
            self.one_link(card)

    def one_link(self, card: nodes.Element) -> None:
        holder, link = self._stretched_link(card)
        title = next(iter(_components(card, "card-title")), None)
        if holder is None or link is None or title is None or any(title.findall(nodes.reference)):
            return
        words = [child.deepcopy() for text in title.children for child in text.children]
        link[:] = words
        link["classes"] = [c for c in link["classes"] if c not in _STRETCHED] + ["con-card-link"]
        heading = nodes.rubric("", "", link, classes=[*title["classes"], "con-card-title"])
        heading["heading-level"] = min(_level(card) + 1, 6)
        heading.source, heading.line = title.source, title.line
        title.replace_self(heading)
        holder.parent.remove(holder)

    @staticmethod
    def _stretched_link(card: nodes.Element) -> tuple[nodes.Element | None, nodes.reference | None]:
        """The element sphinx-design put the card's link in, and the link (None, None if it has none, or its
        reference could not be resolved)."""
        for link in card.findall(nodes.reference):
            if set(_STRETCHED) <= set(link["classes"]) and isinstance(link.parent, nodes.TextElement):
                return link.parent, link
        return None, None


def _level(node: nodes.Node) -> int:
    """The heading level of the section *node* is in: 1 for the page's own title."""
    return max(sum(1 for parent in ancestors(node) if isinstance(parent, nodes.section)), 1)
