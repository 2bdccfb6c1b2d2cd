"""A description of every page, for search engines and link previews: ``<meta name="description">``.

A search engine shows a page's description under its title in the results; without one it makes up its own from
whatever text it finds first (the navigation, a status banner), and Lighthouse marks the page down. Each page's
description is, in this order:

- the ``description`` its editor wrote in the page's front matter, as plain text::

      ---
      description: How councillors and council employees work together, and what each can expect of the other.
      ---

- otherwise the page's own first words: its first paragraph of text (not a note, a table, a sidebar or deleted
  text), cut at a word boundary to at most :data:`LIMIT` characters, with an ellipsis where it was cut;
- otherwise, for a page with no paragraph and for the pages Sphinx and the extensions generate (the search page,
  the index, an edition's forwarding pages), ``constitution_description_default`` with the page's title and the
  project's name filled in: ``"{title}: the {project} of the Council."``.

The description is text, never markup: the front matter's value is read as a YAML string (a number, a list or an
empty value is refused with its line, ``[constitution.bad_description]``), white space and control characters
are collapsed, and it is escaped as an attribute value when the page is written, so ``<``, ``"`` and ``&`` are
shown as written and cannot close the tag or add another. It adds no other ``<meta>`` element; front matter that
would (``html_meta``) is refused by engine/content.py.

The description is worked out when the page is read (``doctree-read``, from the page's own doctree: its words,
before other pages' are resolved into it) and kept in ``env.metadata[docname]["description"]``, where Sphinx keeps
the front matter: Sphinx forgets it when the page is read again and merges it from parallel readers, so
incremental and ``-j`` builds give the same pages as a clean build. It is written into each page of the website
builders (``html-page-context``); the PDF builder does not use it, so the PDFs do not change.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import Markup
from myst_parser.config.main import read_topmatter
from sphinx.locale import _

from .. import __version__
from ..config import settings
from ..engine.found import read_nodes
from ..engine.nodes import ancestors
from ..engine.pages import front_matter_line, page_title
from ..model.tracked import DEL, tracked_block, tracked_inline
from ..problems import Problem, warn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: The front matter's key, and the key of ``env.metadata[docname]`` that holds each page's description.
KEY = "description"
#: The longest description made from a page's first words, its ellipsis included (search engines show ~155–160).
LIMIT = 160
ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"

#: A paragraph inside one of these is not the page's own first words: asides, tables, notes and metadata.
_NOT_FIRST_WORDS = (
    nodes.Admonition,
    nodes.sidebar,
    nodes.topic,
    nodes.table,
    nodes.footnote,
    nodes.citation,
    nodes.docinfo,
    nodes.field_list,
    nodes.system_message,
    nodes.comment,
)
#: Inline nodes whose text is not read as part of a sentence.
_NOT_WORDS = (nodes.footnote_reference, nodes.citation_reference, nodes.raw, nodes.system_message, nodes.comment)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TRAILING = " ,;:.\N{EN DASH}\N{EM DASH}-([{\N{LEFT DOUBLE QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}\"'"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.config")  # description_default
    app.connect("doctree-read", describe, priority=600)  # after Sphinx's metadata collector (500) read the front matter
    app.connect("html-page-context", add_meta_description)
    # env_version: an environment pickled without descriptions is read again, so no page is left without one
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}


# -- when a page is read ------------------------------------------------------------------------------------------


def describe(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the page's description in ``env.metadata``: its front matter's, or its first words."""
    docname = app.env.docname
    metadata = app.env.metadata[docname]
    if KEY in metadata:  # the front matter has the key (Sphinx's collector read it, as text)
        written = _front_matter_description(doctree, docname)
        if written:
            metadata[KEY] = written
            return
    words = first_words(read_nodes(app.env, doctree).of(nodes.paragraph))
    if words:
        metadata[KEY] = words
    else:
        metadata.pop(KEY, None)


def _front_matter_description(doctree: nodes.document, docname: str) -> str:
    """The front matter's description as plain text; a value that is not text is refused, with its line.

    Sphinx's collector keeps any value as text (a list as ``["a"]``, an empty value as ``null``), so the value's
    type is read from the front matter itself.
    """
    source = Path(doctree["source"])
    text = source.read_text(encoding="utf-8", errors="replace")
    try:
        value = (read_topmatter(text) or {}).get(KEY)
    except Exception:  # MyST reports malformed front matter itself, with its line
        return ""
    described = plain_text(value) if isinstance(value, str) else ""
    if not described:
        message = (
            f"the front matter's description {_what(value)}: write it as text (description: A sentence about the "
            "page), or leave it out to use the page's first words"
        )
        warn(Problem.BAD_DESCRIPTION, message, (docname, front_matter_line(text, KEY)))
    return described


def _what(value: object) -> str:
    """What a front matter value that is not a description is, in an editor's words."""
    if value is None or isinstance(value, str):
        return "is empty"
    if isinstance(value, bool):
        return "is yes or no, not text"
    if isinstance(value, int | float):
        return f"is the number {value}, not text"
    if isinstance(value, date):
        return f"is the date {value}, not text"
    if isinstance(value, list):
        return "is a list, not text"
    if isinstance(value, dict):
        return "is a table of keys and values, not text"
    return f"is {type(value).__name__}, not text"


def first_words(paragraphs: Iterable[nodes.paragraph], limit: int = LIMIT) -> str:
    """The first of a page's *paragraphs* (in its order) that is text, cut at a word boundary to *limit*
    characters; empty if it has none."""
    for paragraph in paragraphs:
        if _aside(paragraph):
            continue
        words = plain_text("".join(_words(paragraph)))
        if words:
            return shorten(words, limit)
    return ""


def _aside(paragraph: nodes.paragraph) -> bool:
    """Whether *paragraph* lies in a note, a table, metadata or deleted text (:data:`_NOT_FIRST_WORDS`)."""
    return any(isinstance(node, _NOT_FIRST_WORDS) or _deleted(node) for node in ancestors(paragraph))


def _deleted(node: nodes.Node) -> bool:
    """Text a proposed change deletes (the tracked view shows it struck through): not the page's words."""
    return isinstance(node, tracked_inline | tracked_block) and node.get("kind") == DEL


def _words(node: nodes.Node) -> list[str]:
    if isinstance(node, nodes.Text):
        return [node.astext()]
    if isinstance(node, _NOT_WORDS) or _deleted(node):
        return []
    return [word for child in node.children for word in _words(child)]


def plain_text(text: str) -> str:
    """*text* on one line: runs of white space made one space, control characters left out."""
    return " ".join(_CONTROL.sub(" ", text).split())


def shorten(text: str, limit: int = LIMIT) -> str:
    """*text* if it is at most *limit* characters; otherwise cut at the last word boundary that leaves room for an
    ellipsis (a single word longer than that is cut where it must be), without the punctuation before the cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)  # the space after the last whole word that fits with the ellipsis
    kept = text[:cut] if cut > 0 else text[: limit - 1]
    return kept.rstrip(_TRAILING) + ELLIPSIS


# -- when a page is written ---------------------------------------------------------------------------------------


def add_meta_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Add the page's ``<meta name="description">`` to the ``metatags`` the theme writes into its head."""
    metatags = str(context.get("metatags") or "")
    if 'name="description"' in metatags:  # the configuration gave one (myst_html_meta): one is enough
        return
    description = page_description(app, pagename, context)
    context["metatags"] = f'{metatags}<meta name="description" content="{html.escape(description, quote=True)}">\n'


#: The titles of the pages Sphinx generates whose templates, not their context, give the title.
_GENERATED_TITLES = {"genindex": _("Index"), "search": _("Search")}


def page_description(app: Sphinx, pagename: str, context: dict[str, Any]) -> str:
    """The description of page *pagename*: the one kept when it was read, or the configuration's default."""
    env = app.env
    kept = env.metadata.get(pagename, {}).get(KEY) if pagename in env.all_docs else None
    if kept:
        return str(kept)
    if pagename in env.all_docs:
        title = page_title(env, pagename)
    else:  # a generated page: the title its generator gives it, or the one its template writes
        given = context.get("title") or context.get("indextitle") or _GENERATED_TITLES.get(pagename) or pagename
        title = Markup(str(given)).striptags()
    default = settings(app.config).description_default
    return plain_text(default.format(title=plain_text(title), project=app.config.project)) or plain_text(title)
