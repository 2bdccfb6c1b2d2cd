"""Editions of a document: what state each is in, where each is kept for good, and what changed.

``constitution_editions`` in ``conf.py`` lists a document's editions, newest first, each with the folder of its
sources. The newest is the current text at its living address; each older one keeps its own names
(``config.edition_scope``): it is a clause scope of its own (``Settings.scopes``), so both editions can have a
paragraph 6.7, and its labels and principles' listing are its own too, so an edition moves with no edit::

    constitution_editions = {"2026": "protocol", "pre-2026": "editions/pre-2026"}

One module a job:

- ``status.py``: the ``{status}`` a document declares on its start page, and the banner on each of its pages;
- ``addresses.py``: which edition holds a page, and each edition's permanent address, where a clause's
  permalink points, so a copied link always shows the words it was made against;
- ``labels.py``: an older edition's labels are its own, so an edition moves as written;
- ``compare.py``: the comparison of two editions' clauses, paired by their words rather than their numbers,
  in plain Python;
- ``comparison.py``: what ``{edition-changes}`` asks for, the units of each edition, and what the comparison found;
- ``rendering.py``: what it writes: the comparison page, and the note on each clause compared;
- ``pairs.py``: every pair of editions compared with no page to write, each at an address that stays, listed by
  ``{edition-comparisons}`` and linked from each older edition;
- ``register.py``: the decisions register, a data file of the decisions that made each edition and their effects;
- ``record.py``: the register held against the editions' texts, and each edition's days in force;
- ``history.py``: what readers see of it: the timeline, days in force, each paragraph's history and pending changes;
- ``pointintime.py``: the text as it stood on a date, a page where a reader gives a day and reaches that edition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    # Imported here, not above, so that compare.py (plain Python) can be imported where Sphinx is not installed.
    from ...theme.assets import add_templates, stylesheet
    from .addresses import setup_addresses
    from .comparison import setup_comparison
    from .history import setup_history
    from .labels import setup_labels
    from .pairs import setup_pairs
    from .pointintime import setup_point_in_time
    from .record import setup_record
    from .rendering import setup_rendering
    from .status import setup_status

    app.setup_extension("sphinx_constitution.model.clauses")
    app.setup_extension("sphinx_constitution.model.tracked")  # the comparison marks words as tracked.py does
    app.connect("builder-inited", stylesheet("editions.css"))
    app.setup_extension("sphinx_constitution.config")
    app.connect("config-inited", add_templates)  # the forwarding pages
    setup_status(app)
    setup_addresses(app)
    setup_labels(app)
    setup_comparison(app)
    setup_rendering(app)
    setup_pairs(app)
    setup_record(app)
    setup_history(app)
    setup_point_in_time(app)
    return {"version": __version__, "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
