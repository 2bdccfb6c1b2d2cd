"""The council's identity on every page of the website, as GOV.UK shows its own: a band across the top of the page
with the council's name (and its crest or logo, if it has one) as a link to the council's own website, and the
council's name at the end of every page's title ("Glossary - Members and officers working together - Anytown
District Council").

The values are configuration (``constitution_council_name``, ``constitution_council_url``,
``constitution_council_logo`` in ``conf.py``), checked when it is read (``config.py``): nothing here names a council.
The band is written by the package's ``templates/page.html`` from what :func:`give_identity` puts in the page's
context; its look is ``static/identity.css``.

How it sits in the page (``templates/page.html``): the band comes after the skip link and before furo's page, so it
is the first thing read and the first Tab stop after the skip link; it scrolls away with the page, as GOV.UK's header
does. It is the page's one banner landmark (``role="banner"``; not a ``<header>`` element, which furo's script looks
for to find its own bar). furo's bar on narrow screens (menu, site name, colour theme, contents) is put in a section
named "Site menu", the way GOV.UK puts its service name and navigation in a section of its own; the section keeps
the bar at the top of the screen as the reader scrolls, as furo's bar did.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..config import settings
from .assets import add_templates, stylesheet

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.config")  # council_name, council_url, council_logo
    app.connect("config-inited", add_templates)  # page.html writes the band
    app.connect("config-inited", publish_logo)  # after the configuration is checked (priority 100)
    app.connect("builder-inited", stylesheet("identity.css"))
    app.connect("html-page-context", give_identity)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def publish_logo(app: Sphinx, config: Config) -> None:
    """Have HTML builds copy the council's logo into ``_static/`` (Sphinx copies a file named in
    ``html_static_path`` as it copies a folder's files)."""
    logo = settings(config).council_logo
    if logo:
        path = str(Path(app.confdir, logo).resolve())
        if path not in config.html_static_path:
            # A new list, not appended to: Sphinx's default is one list, shared by every application in the process.
            config.html_static_path = [*config.html_static_path, path]


def give_identity(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Tell the page's template who the council is: ``constitution_council`` (its name, website and logo, for the
    band) and ``constitution_council_title`` (its name for the end of the page's title, unless the site's title already
    names it)."""
    ready = settings(app.config)
    if not ready.council_name:
        context["constitution_council"] = None
        context["constitution_council_title"] = ""
        return
    context["constitution_council"] = {
        "name": ready.council_name,
        "url": ready.council_url,
        "logo": Path(ready.council_logo).name if ready.council_logo else "",
    }
    site = str(context.get("docstitle") or "")
    context["constitution_council_title"] = "" if ready.council_name in site else ready.council_name
