"""``clauses.json``: every clause of the site in one file, for tools that are not Sphinx.

A Sphinx project cites this site's clauses through the ``objects.inv`` that Sphinx writes (``sphinx.ext.intersphinx``,
see ``model/clauses/domain.py``). Anything else (a committee report template, a checker of the citations in minutes, a
script that lists what an edition changed) reads ``clauses.json``, which the HTML build writes at the root of the site::

    {
      "format": "sphinx-constitution clauses",
      "version": 1,
      "project": "Member Officer Relations Protocol",
      "reference_prefix": "paragraph",
      "clauses": [
        {
          "key": "6.7",
          "number": "6.7",
          "scope": "",
          "id": "clause-6-7",
          "page": "protocol/access-to-information",
          "page_title": "6 Members’ access to information, Council documents and employee advice",
          "url": "protocol/access-to-information.html#clause-6-7",
          "permanent_url": "editions/2026/access-to-information.html#clause-6-7",
          "edition": "2026",
          "status": "draft",
          "text": "The exercise of this common law right depends, therefore, ..."
        }
      ]
    }

``key`` is what ``{clause}`` cites and ``objects.inv`` lists (``pre-2026:6.7`` for a clause of an older edition, whose
``scope`` is ``pre-2026``); ``url`` and ``permanent_url`` are relative to the folder that holds ``clauses.json``.
``permanent_url``, ``edition`` and ``status`` (``draft``, ``adopted`` or ``superseded``: the ``{status}`` of the
document the page belongs to) are ``null`` where the project declares no editions or no status. ``text`` is the
clause's own words, its heading first, without its sub-items (each is a clause of its own in the list). Clauses come
in reading order. ``version`` goes up only when a field changes meaning or goes; a field may be added without.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..engine.builders import is_website
from ..engine.domains import domain
from ..engine.pages import page_title, reading_positions
from ..model.clauses.domain import ClauseDomain, ClauseEntry
from ..model.clauses.identity import Clause, ClauseWords
from ..model.editions.addresses import edition_of, permanent_name
from ..model.editions.status import StatusDomain
from . import write_when_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

FILENAME = "clauses.json"
FORMAT = "sphinx-constitution clauses"
VERSION = 1


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.model.clauses")
    app.connect("build-finished", ClausesFile().write)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


class ClausesFile:
    """Writes ``clauses.json`` after an HTML build (not a PDF, whose builder writes HTML too), if it changed.

    Each clause's entry is kept, as the text it is written as, from one build of an application to the next: the
    editors' preview builds many times with one, and an edit changes a clause or two of the hundreds that ten
    editions hold (making each entry and writing it out with ``json``'s indenting, which is Python, not C, was a
    tenth of a second a build). An entry is made again when the clause, its page's title or its document's state
    changed; the file is the same bytes as ``json.dumps(clauses_data(builder), indent=2)``.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[Any, ...], str] = {}  # (key, ClauseEntry, page title, state) -> the entry's JSON

    def write(self, app: Sphinx, exception: Exception | None) -> None:
        if exception is not None or not is_website(app.builder):
            return
        builder, env = app.builder, app.env
        words = ClauseWords.of(env.config)
        kept, self.entries = self.entries, {}
        for key, entry in _in_reading_order(env):
            made = (key, entry, page_title(env, entry.docname), _status(env, entry.docname))
            text = kept.get(made)
            if text is None:
                text = _flat_json(_clause(builder, words.filed_as(key), entry), "    ")
            self.entries[made] = text
        listed = ",\n".join(self.entries.values())
        head = json.dumps(_about(builder, words), ensure_ascii=False, indent=2)[: -len("\n}")]
        clauses = f"[\n{listed}\n  ]" if listed else "[]"
        text = f'{head},\n  "clauses": {clauses}\n}}\n'
        write_when_changed(Path(app.outdir, FILENAME), text.encode("utf-8"))


_SCALAR = json.JSONEncoder(ensure_ascii=False)


def _flat_json(item: dict[str, Any], margin: str) -> str:
    """*item*, an object of strings, numbers and nulls only, as ``json.dumps(item, ensure_ascii=False, indent=2)``
    writes it, each line after *margin*. With an indent, ``json`` writes in Python, not with its C encoder: each
    value here is the C encoder's (writing the file took 8 ms of a clean build of the protocol, 5 ms now)."""
    lines = ",\n".join(f"{margin}  {_SCALAR.encode(key)}: {_SCALAR.encode(value)}" for key, value in item.items())
    return f"{margin}{{\n{lines}\n{margin}}}"


def clauses_data(builder: Builder) -> dict[str, Any]:
    """What ``clauses.json`` holds (the module's docstring describes it)."""
    words = ClauseWords.of(builder.env.config)
    clauses = [_clause(builder, words.filed_as(key), entry) for key, entry in _in_reading_order(builder.env)]
    return {**_about(builder, words), "clauses": clauses}


def _about(builder: Builder, words: ClauseWords) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": builder.env.config.project,
        "reference_prefix": words.singular,
    }


def _in_reading_order(env: BuildEnvironment) -> list[tuple[str, ClauseEntry]]:
    order = reading_positions(env)
    entries = domain(env, ClauseDomain).clauses.items()
    return sorted(entries, key=lambda item: (order.get(item[1].docname, len(order)), item[1].docname, item[1].lineno))


def _clause(builder: Builder, filed: Clause, entry: ClauseEntry) -> dict[str, Any]:
    env, config = builder.env, builder.config
    pinned = permanent_name(config, entry.docname)
    edition = edition_of(config, entry.docname)
    return {
        "key": filed.key,
        "number": filed.number,
        "scope": filed.scope,
        "id": entry.anchor,
        "page": entry.docname,
        "page_title": page_title(env, entry.docname),
        "url": f"{builder.get_target_uri(entry.docname)}#{entry.anchor}",
        "permanent_url": f"{builder.get_target_uri(pinned)}#{entry.anchor}" if pinned is not None else None,
        "edition": edition[0] if edition is not None else None,
        "status": _status(env, entry.docname),
        "text": entry.text,
    }


def _status(env: BuildEnvironment, docname: str) -> str | None:
    """The state of the document *docname* belongs to, if the editions concept is loaded and it declares one."""
    if StatusDomain.name not in env.domains:
        return None
    owner = domain(env, StatusDomain).owners.get(docname)
    return owner[1].state if owner is not None else None
