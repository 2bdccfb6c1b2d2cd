"""Repairs to what the furo theme writes, so every page is valid, accessible HTML.

- furo wraps each table in ``div.table-wrapper`` and copies the table's ids onto it, so the id is
  defined twice (invalid HTML; WeasyPrint reports "Anchor defined twice"), and its classes, so
  table styles hit the wrapper too. The table keeps both (its caption's permalink needs the id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_post_transform(UniqueTableIds)
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
