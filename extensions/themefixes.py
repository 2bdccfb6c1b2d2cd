"""Repairs to what Sphinx and the furo theme write, so every page is valid, accessible HTML.

Each repair names the defect, who meets it, and where the fix is. tests/test_browser.py proves the
result in Chromium (axe-core, keyboard, the Nu Html Checker); remove a repair only when that still passes.

HTML (this module):

- furo wraps each table in ``div.table-wrapper`` and copies the table's ids onto it, so the id is
  defined twice (invalid HTML; WeasyPrint reports "Anchor defined twice"), and its classes, so
  table styles hit the wrapper too. The table keeps both (its caption's permalink needs the id).
- Sphinx writes a toctree's caption as ``<p class="caption" role="heading">`` with no ``aria-level``
  (Sphinx #14030): a heading role must have a level (axe ``aria-required-attr``, critical; the Nu
  checker reports an error). Captions in the page and in furo's navigation get ``aria-level="2"``.

Templates (``docs/_templates``):

- ``page.html``: furo's two sidebars are unnamed ``<aside>`` landmarks, indistinguishable in a screen
  reader's list of landmarks (axe ``landmark-unique``); they are named "Site navigation" and
  "Contents of this page".
- ``search.html``: furo's search page has no ``<h1>`` (axe ``page-has-heading-one``); ours has one, and
  a labelled form (see extensions/search.py).

CSS and JavaScript (``static/themefixes.css`` and ``themefixes.js``, added to HTML builds):

- On a narrow screen furo opens its navigation and contents drawers from icons that are ``<label>``
  elements for hidden checkboxes: a keyboard cannot reach them and a screen reader finds no control.
  The script makes each icon a button named like its drawer, with ``aria-expanded``; Enter or Space
  opens the drawer and moves the focus into it, Escape closes it and gives the focus back. (Without
  JavaScript the icons still open the drawers by click or tap, as before.)
- The chevrons that show a section's pages in furo's navigation are ``<label>`` elements for
  ``display: none`` switches (``role="switch"``, already named "Toggle navigation of …"): the switches
  are kept in the page, invisible, over their chevrons, so Tab reaches them and Space turns them.
- A closed drawer sits off screen but its links still take focus, so Tab moves the focus out of
  sight (WCAG 2.4.7, 2.4.11): a closed drawer is ``visibility: hidden`` until it opens.
- furo removes the focus outline from the sidebar's search box (``outline: none``); it gets one back.

Settings (``conf.py``): ``html_show_sourcelink = False`` removes furo's "View this page" link, which
sat outside every landmark (axe ``region``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import Markup
from sphinx.transforms.post_transforms import SphinxPostTransform

from .common import script, stylesheet

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_CAPTION = '<p class="caption" role="heading">'
_CAPTION_WITH_LEVEL = '<p class="caption" role="heading" aria-level="2">'


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_post_transform(UniqueTableIds)
    app.connect("builder-inited", stylesheet("themefixes.css"))
    app.connect("builder-inited", script("themefixes.js"))
    app.connect("html-page-context", caption_levels, priority=900)  # after furo builds its navigation
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


class UniqueTableIds(SphinxPostTransform):
    formats = ("html",)
    default_priority = 600  # after furo's wrapper (500)

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" in wrapper["classes"] and wrapper.children:
                table = wrapper[0]
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in table["ids"]]
                wrapper["classes"] = [c for c in wrapper["classes"] if c not in table["classes"]] + ["table-wrapper"]


def caption_levels(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give toctree captions a heading level, in the page body and in furo's navigation."""
    for key in ("body", "furo_navigation_tree", "toc"):
        value = context.get(key)
        if isinstance(value, str) and _CAPTION in value:
            fixed = str(value).replace(_CAPTION, _CAPTION_WITH_LEVEL)  # str(): Markup.replace escapes
            context[key] = Markup(fixed) if isinstance(value, Markup) else fixed
