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

from .. import __version__
from ..engine.builders import writes_html
from ..engine.nodes import kinds_in
from .repairs import Repairs

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

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


#: The event by which a concept names the static files that only pages with a node of a kind of its own load
#: (:func:`only_on_pages_with`); the application's :class:`PageAssets` answers it.
NODE_ASSETS = "constitution-node-assets"


def setup(app: Sphinx) -> ExtensionMetadata:
    """This module as an extension of its own, which :func:`only_on_pages_with` sets up: Sphinx sets an extension up
    once for each application, so each has one :class:`PageAssets`."""
    assets = PageAssets()
    app.add_event(NODE_ASSETS)
    app.connect(NODE_ASSETS, assets.need)
    app.connect("html-page-context", assets.leave_out_unneeded, priority=900)  # late: after every file is added
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def only_on_pages_with(app: Sphinx, kind: type[nodes.Node], names: Set[str]) -> None:
    """Leave the static files *names* out of each page of *app* whose doctree has no node of *kind*: a page with
    nothing for them loads neither. (For a concept's ``setup()``.)"""
    app.setup_extension(__name__)
    app.emit(NODE_ASSETS, kind, frozenset(names))


class PageAssets:
    """The static files that only pages with a node of some kind load, for one application, and the handler that
    leaves them out of the other pages.

    How the package keeps what a concept holds for an application or a build (which files each kind of node needs
    here; the PDFs a website build links in ``outputs/pdf.py``'s :class:`PublishedPdfs`; the index being written in
    ``outputs/search.py``'s ``Indexer``): in an object made in the concept's ``setup()``, whose bound methods are its
    event handlers, and which another concept reaches through an event of the concept's own (``app.add_event``).
    Sphinx calls ``setup()`` once for each application, so the object lives exactly as long as the application:
    two applications in one process (the tests, the editors' preview started again) never share one, and none is
    kept in a module after its application has gone. What holds for one build only is found when the build starts
    and forgotten when it ends, as the editors' preview builds again and again with one application.

    One handler for every kind: each page's doctree is walked once for the classes of its nodes, whichever kinds
    are asked about (three concepts ask, and the previews' and "cited in"'s nodes are at the end of the page).
    """

    def __init__(self) -> None:
        self.needs: list[tuple[type[nodes.Node], frozenset[str]]] = []  # (kind of node, the files it needs)

    def need(self, app: Sphinx, kind: type[nodes.Node], names: frozenset[str]) -> None:
        """The :data:`NODE_ASSETS` handler: only pages with a node of *kind* load the files *names*."""
        self.needs.append((kind, names))

    def leave_out_unneeded(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
    ) -> None:
        """An ``html-page-context`` handler: leave out of the page the files that no node of it needs."""
        if not self.needs:
            return
        held = kinds_in(doctree) if doctree is not None else set()
        unneeded = {
            name for kind, names in self.needs if not any(issubclass(found, kind) for found in held) for name in names
        }
        if unneeded:
            leave_out(context, unneeded)


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
