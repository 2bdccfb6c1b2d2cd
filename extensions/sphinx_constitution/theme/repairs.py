"""Repairs to furo's markup that say when they find nothing to repair.

A repair to a theme's HTML (``templates/page.html``'s replacements, ``themefixes.py``'s, the elements
``themefixes.js`` works on) finds furo's markup by its exact text. If a new furo writes that text differently, the
repair does nothing, the defect it fixed is back (an unnamed landmark, a link outside every landmark, Tab out of
order), and nothing would say so. So each repair that finds nothing warns, naming itself and what it looked for::

    WARNING: furo's page changed: the repair 'sidebar-landmark-name' found no '<aside class="sidebar-drawer' on the
    page 'index' (theme/themefixes.py says what it repairs) [constitution.theme_repair]

Each repair is told once a build, at the first page that lacks its target, so a changed furo gives one line for
each repair it undid, not one for each page. The build runs with ``-W``, so it fails; ``tests/test_theme.py``
builds a small project with furo and fails in the same way, naming the repair, before a furo upgrade is merged.

It is not an editor's mistake, so it is not a :class:`~sphinx_constitution.problems.Problem`; it has the package's
warning type, ``constitution``, and its own subtype. Repairs are checked only on the website built with furo (or
a theme built on it): another theme's page is not furo's, and the PDFs and ``singlehtml`` are not written with
``page.html``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..engine.builders import is_website

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def on_furo(app: Sphinx) -> bool:
    """Whether *app* writes the website with furo or a theme built on it: the pages the repairs were made for."""
    builder = app.builder
    theme = getattr(builder, "theme", None) if is_website(builder) else None
    return theme is not None and any(Path(folder).name == "furo" for folder in theme.get_theme_dirs())


class Repairs:
    """The repairs of one application, and which of them have been told this build that they found nothing."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.told: set[str] = set()
        app.connect("env-before-read-docs", self.new_build)  # each build (the preview keeps its application)

    def new_build(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        self.told.clear()

    def missing(self, pagename: str, repair: str, target: str) -> None:
        """Warn (once a build) that *repair* found no *target* on *pagename*, if the page is furo's website page."""
        if repair in self.told or not on_furo(self.app):
            return
        self.told.add(repair)
        logger.warning(
            "furo's page changed: the repair %r found no %r on the page %r (theme/themefixes.py says what it repairs)",
            repair,
            target,
            pagename,
            type="constitution",
            subtype="theme_repair",
        )

    def replace(self, pagename: str, page: str, repairs: Iterable[tuple[str, str, str]]) -> str:
        """*page* with each repair ``(name, furo's text, the repaired text)`` made, in order; a repair whose text is
        not on the page is told (:meth:`missing`)."""
        page = str(page)  # not Markup, whose replace() would escape the repaired text
        for name, old, new in repairs:
            if old in page:
                page = page.replace(old, new)
            else:
                self.missing(pagename, name, old)
        return page

    def offer(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        """An ``html-page-context`` handler: templates write ``constitution_repair(super(), [(name, old, new), …])``
        to repair the theme's block (see ``templates/page.html``)."""
        context["constitution_repair"] = partial(self.replace, pagename)
