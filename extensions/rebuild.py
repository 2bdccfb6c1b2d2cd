"""What an incremental build must redo beyond Sphinx's own rules: the pages that warned last time.

Sphinx re-reads a page when its source changes and re-writes it when a page it includes changes, but a
page that gave a warning is otherwise left as it was: its warning is not repeated, so the editor's next
preview (and ``-W``) passes while a clean build of the same sources fails. Worse, when the warning was a
reference to something missing, adding that thing (a glossary term, a clause) does not re-write the page,
and the published site keeps the dead link text that a clean build would have linked.

This extension notes every page that a warning names, in ``<doctreedir>/constitution-warned.json`` at the
end of the build (the environment is pickled before the pages are written, so write-time warnings could not
be kept there), and asks Sphinx to read those pages again in the next build. A page that no longer warns
drops off the list. The list is empty in a healthy project, so the editor's loop pays nothing for it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.logging import get_node_location

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

WARNED = "constitution-warned.json"


def setup(app: Sphinx) -> ExtensionMetadata:
    pages = WarnedPages(app)
    app.connect("builder-inited", pages.listen)
    app.connect("env-get-outdated", pages.reread)
    app.connect("build-finished", pages.save)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


class WarnedPages(logging.Handler):
    """The documents that this build's warnings name (whatever form their location takes), and the last build's."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.docnames: set[str] = set()

    @property
    def path(self) -> Path:
        return Path(self.app.doctreedir, WARNED)

    def emit(self, record: logging.LogRecord) -> None:
        location = getattr(record, "location", None)
        if isinstance(location, tuple) and location and location[0]:
            self.docnames.add(str(location[0]))
            return
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        if isinstance(location, str) and location:
            path = location.rsplit(":", 1)[0] if location.rpartition(":")[2].isdigit() else location
            if docname := self.app.env.path2doc(path):
                self.docnames.add(docname)

    def listen(self, app: Sphinx) -> None:
        logging.getLogger("sphinx").addHandler(self)

    def last_build(self) -> set[str]:
        try:
            return set(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return set()

    def reread(
        self, app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
    ) -> list[str]:
        return sorted(self.last_build() & env.found_docs)

    def save(self, app: Sphinx, exception: Exception | None) -> None:
        logging.getLogger("sphinx").removeHandler(self)
        # A build stopped by an error (or by -W without --keep-going) may not have reached every page.
        warned = self.docnames if exception is None else self.docnames | self.last_build()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(sorted(warned)), encoding="utf-8")
