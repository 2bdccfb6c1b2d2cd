"""The package's static files (stylesheets and scripts, added to HTML builds only and to the pages that need them)
and templates.

The folder that holds them is named in ``html_static_path`` as ``conf.py`` is read (``config-inited``), as Sphinx's
own graphviz extension names its stylesheet, not when the builder starts: Sphinx keeps the configuration with the
pickled environment and compares it with the next build's, so a value changed after ``conf.py`` was read reads as
a changed configuration on every build, even with nothing changed (:func:`settle_html_config`).
"""

from __future__ import annotations

import sys
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..engine.builders import writes_html
from .repairs import Repairs

if TYPE_CHECKING:
    from collections.abc import Callable, Set

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
    """Have the HTML build copy the package's ``static/`` with the site (once, however many extensions ask).

    :func:`settle_html_config` has named it already when ``sphinx_constitution.config`` is loaded, as every concept
    but a few loads it; this is for a concept loaded alone."""
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]  # a new list, as in add_templates


def settle_html_config(app: Sphinx, config: Config) -> None:
    """A ``config-inited`` handler (config.py connects it, at 900: after Sphinx's own at 800): put in the
    configuration now what would otherwise be put there when the HTML builder starts, so that the configuration
    Sphinx pickles with the environment is the one the next build reads from ``conf.py``, and a build with nothing
    changed says nothing of a changed configuration:

    - ``html_static_path``: the package's ``static/``, and sphinx-design's folder, which it adds when the builder
      starts (:func:`keep_static_folders_once` keeps the second mention out);
    - ``html_css_files`` and ``html_js_files``: each file's ``priority``, which the HTML builder sets to 800 in
      the configuration's own entries when it starts, unless ``conf.py`` gave one;
    - furo's ``pygments_dark_style``: a value furo adds only when Sphinx loads it as the theme, after the
      configuration is compared; furo is loaded now instead, when it is the theme (Sphinx does not load it twice).
    """
    wanted = [*_design_static(app), str(STATIC)]
    config.html_static_path = list(dict.fromkeys([*config.html_static_path, *wanted]))  # a new list: see add_templates
    for name in ("html_css_files", "html_js_files"):
        config[name] = [(file, {"priority": 800, **attributes}) for file, attributes in config[name]]
    if config.html_theme == "furo":
        app.setup_extension("furo")


def keep_static_folders_once(app: Sphinx) -> None:
    """A ``builder-inited`` handler, after the others (900): a folder named twice in ``html_static_path`` (one
    named as ``conf.py`` was read, then again by its extension as the builder started) is named once, so the
    configuration stays as :func:`settle_html_config` left it."""
    once = list(dict.fromkeys(app.config.html_static_path))
    if once != app.config.html_static_path:
        app.config.html_static_path = once


def _design_static(app: Sphinx) -> list[str]:
    """sphinx-design's static folder, if it is loaded: it names it in ``html_static_path`` when the builder starts
    (``STATIC_DIR`` in ``sphinx_design.extension``; if a release moves it, the build is as before, and the test of
    a build with nothing changed fails, naming the option)."""
    if "sphinx_design" not in app.extensions:
        return []
    folder = getattr(sys.modules.get("sphinx_design.extension"), "STATIC_DIR", None)
    return [str(folder)] if folder is not None else []


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
        path = STATIC / name
        return f"{pathto(f'_static/{name}', resource=True)}?v={_checksum(path, path.stat().st_mtime_ns)}"

    context["constitution_static"] = uri


@cache
def _checksum(path: Path, modified: int) -> str:
    """The CRC-32 of a static file, read once however many pages name it (again if it is saved since)."""
    return f"{zlib.crc32(path.read_bytes()):08x}"


def only_on_pages_with(kind: type[nodes.Node], names: Set[str]) -> Callable[..., None]:
    """An ``html-page-context`` handler (connect it late, at 900: after every file is added) that leaves the static
    files *names* out of each page whose doctree has no node of *kind*: a page with nothing for them loads neither."""

    def drop(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
        if doctree is None or not any(issubclass(held, kind) for held in _kinds(doctree)):
            leave_out(context, names)

    return drop


_kinds_of: list[tuple[nodes.document, frozenset[type[nodes.Node]]]] = []  # the last page's doctree, and its kinds


def _kinds(doctree: nodes.document) -> frozenset[type[nodes.Node]]:
    """The classes of the nodes of *doctree*, found in one walk for every :func:`only_on_pages_with` handler of the
    page (three here: each walked the whole tree for its kind, which the previews' and "cited in"'s are at the end
    of). The page is kept with them, so that its kinds are never taken for another page's."""
    if not _kinds_of or _kinds_of[0][0] is not doctree:
        _kinds_of[:] = [(doctree, frozenset(map(type, doctree.findall())))]
    return _kinds_of[0][1]


def leave_out(context: dict[str, Any], names: Set[str]) -> set[str]:
    """Leave the stylesheets and scripts named *names* out of the page whose ``html-page-context`` is *context*;
    the names of those it found to leave out.

    The page gets filtered copies of its lists: the builder's own, which the context shares, keeps every file for
    the next page."""
    found: set[str] = set()
    for key in ("css_files", "script_files"):
        if key in context:
            named = [(_file_name(f), f) for f in context[key]]  # each file's name once (five filters a page)
            found.update(name for name, _f in named if name in names)
            context[key] = [f for name, f in named if name not in names]
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
