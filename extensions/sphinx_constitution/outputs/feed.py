"""``changes.atom``: news of each change to the document, one entry for each decision of the register.

A reader who follows the protocol in a feed reader learns of each decision: who made it, when it was adopted and
comes into force, and what it did to each paragraph, linked at the paragraph's permanent address (which keeps
showing the words the decision made, once a later edition replaces them). Every page's head links the feed, so a
browser or reader finds it from any page.

What a feed reader keeps must never change under it, so nothing here comes from the build's clock or from the
order of a build: an entry's id is a name-based UUID (RFC 4122, version 5) of the site's identity and the decision's
id, its dates are the register's (adopted: published and updated), and the feed's own date is its newest entry's.
The site's identity is ``html_baseurl`` when set (the public address, which also makes every link in the feed
absolute), or else the council's address and the project's name.

The Atom document is made with ``feedgen`` (a well-kept library that writes Atom and RSS with lxml), so its
elements, escaping and date forms are those of RFC 4287; what goes in them is ours.
"""

from __future__ import annotations

import posixpath
import uuid
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..config import settings
from ..engine.builders import is_website
from ..engine.domains import domain
from ..model.editions.addresses import permanent_uri, public_address
from ..model.editions.record import RecordDomain, effect_place, effect_text
from ..model.editions.status import day_in_words
from . import write_when_changed

if TYPE_CHECKING:
    from datetime import date

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

    from ..model.editions.record import Record
    from ..model.editions.register import Decision

FEED = "changes.atom"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.model.editions")
    app.connect("html-page-context", link_feed)
    app.connect("build-finished", write_feed)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _record(app: Sphinx) -> Record | None:
    if not is_website(app.builder):
        return None
    record = domain(app.env, RecordDomain).record
    return record if record and record.decisions else None


def link_feed(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """Every page's head links the feed, as browsers and feed readers look for it."""
    if _record(app) is None:
        return
    href = escape(context["pathto"](FEED, resource=True))
    title = escape(_feed_title(app))
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">\n'
    context["metatags"] = context.get("metatags", "") + link


def write_feed(app: Sphinx, error: Exception | None) -> None:
    record = _record(app) if error is None else None
    if record is None:
        return
    data = feed(app, record)
    write_when_changed(Path(app.outdir, FEED), data)


def feed(app: Sphinx, record: Record) -> bytes:
    """The Atom document: the feed, then its entries newest first."""
    from feedgen.feed import FeedGenerator  # here, not above: a site without a register never loads it (40 ms)

    config = app.config
    base = config.html_baseurl
    generator = FeedGenerator()
    generator.id(_id(app, "changes"))
    generator.title(_feed_title(app))
    generator.author(name=settings(config).council_name or config.author or config.project)
    generator.updated(_moment(max(decision.adopted for decision in record.decisions)))
    generator.link(href=posixpath.join(base, FEED) if base else FEED, rel="self", type="application/atom+xml")
    generator.language((config.language or "en").replace("_", "-"))
    generator.generator("sphinx-constitution", version=__version__)
    for decision in sorted(record.decisions, key=lambda d: (d.adopted, d.in_force, d.id), reverse=True):
        entry = generator.add_entry(order="append")
        entry.id(_id(app, f"decision-{decision.id}"))
        entry.title(_entry_title(decision))
        entry.published(_moment(decision.adopted))
        entry.updated(_moment(decision.adopted))
        if timeline := domain(app.env, RecordDomain).timeline_page:
            entry.link(href=_address(app, timeline, f"decision-{decision.id}"), rel="alternate", type="text/html")
        entry.content(_content(app, record, decision), type="html")
    return generator.atom_str(pretty=True)


def _feed_title(app: Sphinx) -> str:
    return f"{app.config.project}: changes"


def _entry_title(decision: Decision) -> str:
    who = f"Correction by {decision.by}" if decision.kind == "correction" else f"Decision of {decision.by}"
    return f"{who}, {day_in_words(decision.adopted)}: the {decision.edition} edition"


def _content(app: Sphinx, record: Record, decision: Decision) -> str:
    """The entry's text, as HTML: when it is in force, its minute, its summary, and each paragraph it changed."""
    parts = [f"<p>Adopted {day_in_words(decision.adopted)}, in force from {day_in_words(decision.in_force)}."]
    if decision.minute:
        minute = escape(decision.minute)
        if decision.minute_url:
            minute = f'<a href="{escape(decision.minute_url)}">{minute}</a>'
        parts.append(f" {minute}.")
    parts.append("</p>")
    if decision.summary:
        parts.append(f"<p>{escape(decision.summary)}</p>")
    if decision.effects:
        parts.append("<ul>")
        for effect in decision.effects:
            name, change = effect_text(app.config, effect)
            place = effect_place(app.config, record, decision, effect)
            if place:
                docname, anchor = place
                name_html = (
                    f'<a href="{escape(public_address(app.config, permanent_uri(app.builder, docname, anchor)))}">'
                )
                name_html += f"{escape(name)}</a>"
            else:
                name_html = escape(name)
            parts.append(f"<li>{name_html} {escape(change)}</li>")
        parts.append("</ul>")
    return "".join(parts)


def _address(app: Sphinx, docname: str, anchor: str) -> str:
    """The address of *anchor* on *docname*: absolute under ``html_baseurl``, else from the site's root (where the
    feed is, so a reader resolves it against the feed's own address)."""
    return public_address(app.config, f"{app.builder.get_target_uri(docname)}#{anchor}")


def _id(app: Sphinx, name: str) -> str:
    """A name-based UUID of the site's identity and *name*: the same in every build, on every machine."""
    config = app.config
    site = config.html_baseurl or f"{settings(config).council_url or 'urn:council'}/{config.project}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{site}#{name}").urn


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
