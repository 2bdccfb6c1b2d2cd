"""Refuse raw HTML (and any other raw output) in the sources.

Text pasted from Word brings ``<p>``, ``<b>`` and ``<ul>`` with it. Raw markup skips every check the
extensions make (accessibility, numbering, the PDF), so each piece is reported with its file and
line, and shown on the page as visible code rather than silently rendered, until it is rewritten
in MyST.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .common import Problem, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(RefuseRawMarkup)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


class RefuseRawMarkup(SphinxTransform):
    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            markup = raw.astext().strip()
            shown = markup if len(markup) <= 60 else markup[:57] + "..."
            formats = raw.get("format", "")
            what = "raw HTML" if "html" in formats.split() else f"raw {formats or 'markup'}"
            warn(Problem.RAW_HTML, f"{what} is not allowed; rewrite it in MyST: {shown!r}", raw)
            visible = nodes.literal if isinstance(raw.parent, nodes.TextElement) else nodes.literal_block
            raw.replace_self(visible(markup, markup, classes=["con-refused-markup"]))
