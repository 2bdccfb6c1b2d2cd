"""Numbered clauses: paragraphs and sub-items that readers can bookmark and authors can cite.

A clause's number is written by the author (it is the council's number, and a bookmark must never
change because a paragraph was inserted above it); the extension checks it, gives it a stable id and
a visible permalink, and resolves ``{clause}`` references to it from any page::

    ::::{clause} 7.5
    Where an officer wishes to consult ...

    :::{clause} (3)
    To check or correct any error ...
    :::
    ::::

7.5 gets the id ``clause-7-5`` and its sub-item ``clause-7-5-3``. Numbers are unique within a scope (an
edition's folder, say), and one reference may cite several clauses (``{clause}`8 to 11```).

One module a job:

- ``numbers.py``: what a clause number is made of, the sequence its siblings follow, and its scope, in plain Python;
- ``identity.py``: a clause's identity, its key, anchor and names under the project's settings, which all ask;
- ``citing.py``: what a ``{clause}`` reference cites: one clause, a list of clauses, a range;
- ``domain.py``: every clause of the project, the citations of each, the numbering checks and ``objects.inv``;
- ``nodes.py``: the nodes of a clause and how each builder writes them, its permalink included;
- ``directive.py``: the ``{clause}`` directive, and what other extensions ask of the clauses being read;
- ``headings.py``: headings that carry a section's number (``3 Roles``), with clauses (1), (2) … beneath;
- ``role.py``: the ``{clause}`` role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    # Imported here, not above, so that numbers.py (plain Python) can be imported where Sphinx is not installed.
    from ...theme.assets import script, stylesheet
    from .directive import ClauseDirective
    from .domain import setup_domain
    from .headings import setup_headings
    from .nodes import setup_nodes
    from .role import ClauseRole

    app.connect("builder-inited", stylesheet("clauses.css"))
    app.connect("builder-inited", script("clauses.js"))  # the permalink also copies the link
    app.setup_extension("sphinx_constitution.config")
    setup_domain(app)
    app.add_directive("clause", ClauseDirective)
    app.add_role("clause", ClauseRole())
    setup_nodes(app)
    setup_headings(app)
    return {"version": __version__, "env_version": 5, "parallel_read_safe": True, "parallel_write_safe": True}
