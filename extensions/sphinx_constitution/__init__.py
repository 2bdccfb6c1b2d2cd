"""Sphinx extensions for publishing a council's Constitution: its protocols' numbered clauses, principles,
Do/Don't tables, cited codes, editions and tracked changes, as an accessible website and as PDFs.

Load the whole set with one name in ``conf.py``::

    extensions = ["sphinx_constitution"]

or one concept alone (``sphinx_constitution.model.clauses``, ``sphinx_constitution.outputs.pdf`` …); each loads
what it needs. The folders follow the architecture:

- ``model/``: what a Constitution is made of (clauses, principles, Do/Don't tables, codes, editions, tracked changes);
- ``engine/``: how pages are read (content is data, encodings) and rebuilt (incremental builds equal clean ones),
  and what a build leaves out of Python's garbage collector;
- ``outputs/``: what is made from them besides Sphinx's HTML (PDFs, the search index, ``clauses.json``, the
  ``changes.atom`` feed, ``versions.json``,
  descriptions for search engines, cross-references read in place and where each clause is cited);
- ``theme/``: repairs to what Sphinx and the furo theme write, so every page is valid, accessible HTML; the council's
  identity on every page; sphinx-design's cards as headed links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.5.0"

#: Every concept, in the order it is set up (which is the order of their stylesheets on a page).
EXTENSIONS = (
    "sphinx_constitution.model.clauses",
    "sphinx_constitution.model.principles",
    "sphinx_constitution.model.dodont",
    "sphinx_constitution.model.codes",
    "sphinx_constitution.model.glossary",
    "sphinx_constitution.model.editions",
    "sphinx_constitution.engine.content",
    "sphinx_constitution.engine.sources",
    "sphinx_constitution.model.tracked",
    "sphinx_constitution.theme.themefixes",
    "sphinx_constitution.theme.identity",
    "sphinx_constitution.theme.cards",
    "sphinx_constitution.outputs.search",
    "sphinx_constitution.outputs.descriptions",
    "sphinx_constitution.outputs.pdf",
    "sphinx_constitution.outputs.clauses_json",
    "sphinx_constitution.outputs.feed",
    "sphinx_constitution.outputs.versions",
    "sphinx_constitution.outputs.report",
    "sphinx_constitution.outputs.previews",
    "sphinx_constitution.outputs.cited_in",
    "sphinx_constitution.engine.rebuild",
    "sphinx_constitution.engine.collector",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    for name in EXTENSIONS:
        app.setup_extension(name)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
