"""``versions.json``: the document's editions and the decisions that made them, for tools that are not Sphinx.

Beside ``clauses.json`` (every clause) the HTML build writes, at the root of the site, what a tool needs to find the
text in force on a date, or what a decision changed::

    {
      "format": "sphinx-constitution versions",
      "version": 1,
      "project": "Member Officer Relations Protocol",
      "editions": [
        {
          "id": "2026",
          "current": true,
          "url": "protocol/index.html",
          "permanent_url": "editions/2026/index.html",
          "in_force_from": "2026-06-01",
          "in_force_until": null
        }
      ],
      "decisions": [
        {
          "id": "council-2026-05-20",
          "kind": "decision",
          "by": "Annual Council",
          "minute": "Minute 12 (2026/27)",
          "minute_url": "https://…",
          "summary": "",
          "adopted": "2026-05-20",
          "in_force": "2026-06-01",
          "edition": "2026",
          "url": "editions/index.html#decision-council-2026-05-20",
          "effects": [{"clause": "6.7", "change": "substituted", "was": null, "url": "editions/2026/…#clause-6-7"}]
        }
      ]
    }

Editions come newest first, as ``constitution_editions`` lists them; decisions in the order they came into force.
Dates are ISO dates; ``in_force_from`` and ``in_force_until`` (the last day, inclusive) are ``null`` where the
decisions register does not date an edition, or there is no register; ``url`` fields are relative to the folder
that holds ``versions.json``, each paragraph at its permanent address (a repealed one in the edition before the
decision's). ``version`` goes up only when a field changes meaning or goes; a field may be added without.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..config import settings
from ..engine.builders import is_website
from ..engine.domains import domain
from ..model.editions.addresses import permanent_name, permanent_uri, start_page
from ..model.editions.record import RecordDomain, effect_place
from . import write_when_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.util.typing import ExtensionMetadata

    from ..model.editions.record import Record
    from ..model.editions.register import Decision

FILENAME = "versions.json"
FORMAT = "sphinx-constitution versions"
VERSION = 1


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.model.editions")
    app.connect("build-finished", write_versions)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def write_versions(app: Sphinx, exception: Exception | None) -> None:
    """Write ``versions.json`` after a website build of a project with editions, if it changed."""
    if exception is not None or not is_website(app.builder) or not settings(app.config).editions:
        return
    text = json.dumps(versions_data(app.builder), ensure_ascii=False, indent=2) + "\n"
    write_when_changed(Path(app.outdir, FILENAME), text.encode("utf-8"))


def versions_data(builder: Builder) -> dict[str, Any]:
    """What ``versions.json`` holds (the module's docstring describes it)."""
    record = domain(builder.env, RecordDomain).record
    editions = settings(builder.config).editions
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": builder.config.project,
        "editions": [_edition(builder, record, edition, n == 0) for n, edition in enumerate(editions)],
        "decisions": [_decision(builder, record, decision) for decision in record.decisions] if record else [],
    }


def _edition(builder: Builder, record: Record | None, edition: str, current: bool) -> dict[str, Any]:
    start = start_page(builder.config, edition)
    dates = record.dates.get(edition) if record else None
    return {
        "id": edition,
        "current": current,
        "url": builder.get_target_uri(start),
        "permanent_url": builder.get_target_uri(permanent_name(builder.config, start) or start),
        "in_force_from": dates.start.isoformat() if dates else None,
        "in_force_until": dates.end.isoformat() if dates and dates.end else None,
    }


def _decision(builder: Builder, record: Record, decision: Decision) -> dict[str, Any]:
    timeline = domain(builder.env, RecordDomain).timeline_page
    effects = []
    for effect in decision.effects:
        place = effect_place(builder.config, record, decision, effect)
        url = permanent_uri(builder, *place) if place else None
        effects.append({"clause": effect.clause, "change": effect.change, "was": effect.was or None, "url": url})
    return {
        "id": decision.id,
        "kind": decision.kind,
        "by": decision.by,
        "minute": decision.minute or None,
        "minute_url": decision.minute_url or None,
        "summary": decision.summary or None,
        "adopted": decision.adopted.isoformat(),
        "in_force": decision.in_force.isoformat(),
        "edition": decision.edition,
        "url": f"{builder.get_target_uri(timeline)}#decision-{decision.id}" if timeline else None,
        "effects": effects,
    }
