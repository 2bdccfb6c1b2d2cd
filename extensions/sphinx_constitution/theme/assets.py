"""The package's static files (stylesheets and scripts, added to HTML builds only and to the pages that need them)
and templates."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..engine.builders import writes_html
from .repairs import Repairs

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

PACKAGE = Path(__file__).parent.parent
STATIC = PACKAGE / "static"
TEMPLATES = PACKAGE / "templates"


def stylesheet(name: str) -> Callable[[Sphinx], None]:
    """A ``builder-inited`` handler that adds ``static/<name>`` to HTML builds only."""
    return _static_file(lambda app: app.add_css_file(name))


def script(name: str) -> Callable[[Sphinx], None]:
    """A ``builder-inited`` handler that adds ``static/<name>`` (deferred JavaScript) to HTML builds only."""
    return _static_file(lambda app: app.add_js_file(name, loading_method="defer"))


def add_static_folder(app: Sphinx) -> None:
    """Have the HTML build copy the package's ``static/`` with the site (once, however many extensions ask)."""
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]  # a new list, as in add_templates


def add_templates(app: Sphinx, config: Config) -> None:
    """A ``config-inited`` handler: let Sphinx find the package's templates (the search page, edition forwarding
    pages, the repairs to the theme's page), once however many extensions ask. A project's own come first."""
    if str(TEMPLATES) not in config.templates_path:
        # A new list, not appended to: Sphinx's default is one list, shared by every application in the process.
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
        app.connect("html-page-context", static_uri)
        app.connect("html-page-context", Repairs(app).offer)  # page.html's constitution_repair()


def static_uri(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """An ``html-page-context`` handler: the package's templates write ``constitution_static("search.js")``, the
    address of ``_static/search.js`` from the page with ``?v=`` and the file's checksum, as Sphinx writes the files
    added with ``add_js_file()``. A changed file gets a new address, so a host may let browsers keep ``_static/``
    for long (README, "Publishing to the web")."""
    pathto = context["pathto"]

    def uri(name: str) -> str:
        return f"{pathto(f'_static/{name}', resource=True)}?v={zlib.crc32((STATIC / name).read_bytes()):08x}"

    context["constitution_static"] = uri


def only_on_pages_with(kind: type[nodes.Node], names: Set[str]) -> Callable[..., None]:
    """An ``html-page-context`` handler (connect it late, at 900: after every file is added) that leaves the static
    files *names* out of each page whose doctree has no node of *kind*: a page with nothing for them loads neither."""

    def drop(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        if doctree is None or next(iter(doctree.findall(kind)), None) is None:
            leave_out(context, names)

    return drop


def leave_out(context: dict[str, Any], names: Set[str]) -> set[str]:
    """Leave the stylesheets and scripts named *names* out of the page whose ``html-page-context`` is *context*;
    the names of those it found to leave out.

    The page gets filtered copies of its lists: the builder's own, which the context shares, keeps every file for
    the next page."""
    found: set[str] = set()
    for key in ("css_files", "script_files"):
        if key in context:
            found.update(name for f in context[key] if (name := _file_name(f)) in names)
            context[key] = [f for f in context[key] if _file_name(f) not in names]
    return found


def _file_name(asset: object) -> str:
    """The file name of a page's stylesheet or script (Sphinx's ``_CascadingStyleSheet`` or ``_JavaScript``)."""
    return str(getattr(asset, "filename", asset)).rpartition("/")[2]


def _static_file(add_file: Callable[[Sphinx], object]) -> Callable[[Sphinx], None]:
    def add(app: Sphinx) -> None:
        if writes_html(app.builder):
            add_static_folder(app)
            add_file(app)

    return add
