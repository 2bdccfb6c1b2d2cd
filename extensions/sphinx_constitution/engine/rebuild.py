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

Sphinx also leaves alone a page whose references point at something that changed elsewhere: rename a glossary
term, a label or a page title, and the pages citing it keep the old link (to an anchor that has gone) and
report nothing. The index of who cites what (``engine.citations``) holds what each page cites (its ``pending_xref``
nodes, as read, a range's clauses between its ends included); after reading, every domain's objects and every page's
title are compared with those before, and the pages citing one that changed are written again, so their links are
resolved, or reported, as in a clean build. When a page listed in a toctree comes, goes or
changes its title, every page is written again: the theme's navigation on each page lists it (Sphinx itself
re-writes only the pages whose own toctrees list it).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.logging import get_node_location

from .. import __version__
from .citations import Citation, CitationsDomain
from .domains import domain
from .snapshots import changed_keys, snapshot_around_read

if TYPE_CHECKING:
    from collections.abc import Set
    from typing import Any

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

WARNED = "constitution-warned.json"


def setup(app: Sphinx) -> ExtensionMetadata:
    pages = WarnedPages(app)
    app.connect("builder-inited", pages.listen)
    app.connect("env-get-outdated", pages.reread)
    app.connect("build-finished", pages.save)
    app.setup_extension("sphinx_constitution.engine.citations")
    snapshot_around_read(app, targets, citers_of_changed_targets)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


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
        self.listen(app)  # again, for a second build by the same application (a preview that keeps Sphinx)
        return sorted(self.last_build() & env.found_docs)

    def save(self, app: Sphinx, exception: Exception | None) -> None:
        logging.getLogger("sphinx").removeHandler(self)
        # A build stopped by an error (or by -W without --keep-going) may not have reached every page.
        warned = self.docnames if exception is None else self.docnames | self.last_build()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(sorted(warned)), encoding="utf-8")
        self.docnames = set()


# -- pages citing a target that changed ---------------------------------------------------------------------

Target = tuple[str, str]  # (domain, name in lower case), or ("doc", docname) for a page


def targets(env: BuildEnvironment) -> dict[Target, Any]:
    """Everything a reference can point at, with what a page citing it would show."""
    found: dict[Target, set[tuple[str, ...]]] = {}
    for each in env.domains.sorted():
        for name, shown, objtype, docname, anchor, _priority in each.get_objects():
            found.setdefault((each.name, str(name).lower()), set()).add((objtype, shown, docname, anchor))
    titles = {("doc", docname): title.astext() for docname, title in env.titles.items()}
    return {**{key: frozenset(value) for key, value in found.items()}, **titles}


def citers_of_changed_targets(env: BuildEnvironment, before: dict[Target, Any], after: dict[Target, Any]) -> list[str]:
    if not before:
        return []  # a fresh environment: every page is read, and written, anyway
    changed = changed_keys(before, after)
    listed = {doc for children in env.toctree_includes.values() for doc in children}
    if any(kind == "doc" and (doc in listed or doc not in env.found_docs) for kind, doc in changed):
        return sorted(env.found_docs)  # a page in the navigation came, went or was retitled: every page lists it
    return domain(env, CitationsDomain).citers(changed, _as_target)


def _as_target(citation: Citation) -> Target:
    """A citation's target as :func:`targets` names it: a page by its docname, any other in lower case
    (as domains file their objects: a term is found whatever its case)."""
    return citation.domain, citation.target if citation.domain == "doc" else citation.target.lower()
