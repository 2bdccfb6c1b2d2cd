"""Principles of conduct, from a set kept as data: England's Seven Principles of Public Life (the default), the
principles of conduct in Wales or in Scotland, or a council's own, chosen with ``constitution_principles``::

    :::{principles}
    :principles: integrity, openness
    :no-descriptions:
    :::

Each principle gets the anchor ``principle-<id>`` and ``{principle}`openness``` links to it;
``{principle-set}`title``` prints the set's title. Set out the whole set once with anchors; another listing
elsewhere takes ``:no-index:`` (an older edition's needs none: it is that edition's own listing).
``{nolan-principles}`` is the directive's older name. One module a job:

- :mod:`.sets`: the sets as data, in plain Python (the TOML format, its checks, the package's own sets);
- :mod:`.domain`: the chosen set, read with the configuration, and where each principle is set out;
- :mod:`.directive`: the list, numbered as in the set;
- :mod:`.role`: citing a principle, and naming the set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import __version__
from ...engine.snapshots import snapshot_around_read
from .directive import PrinciplesDirective, setup_nodes
from .domain import ChosenSet, PrincipleDomain
from .role import PrincipleRole, PrincipleSetRole

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.config")
    chosen = ChosenSet()
    app.connect("config-inited", chosen.load)
    app.connect("env-get-outdated", chosen.update)
    app.setup_extension("sphinx_constitution.engine.citations")  # which pages cite each principle
    snapshot_around_read(app, PrincipleDomain.listed, PrincipleDomain.citers_of_moved)
    app.add_domain(PrincipleDomain)
    setup_nodes(app)
    app.add_directive("principles", PrinciplesDirective)
    app.add_directive("nolan-principles", PrinciplesDirective)
    app.add_role("principle", PrincipleRole())
    app.add_role("principle-set", PrincipleSetRole())
    return {"version": __version__, "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
