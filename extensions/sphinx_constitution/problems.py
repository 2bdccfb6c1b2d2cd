"""The mistakes an editor can make, and how each is told: every warning the extensions give names its source file
and line and carries the type ``constitution`` and a subtype from :class:`Problem`, so a build log reads like::

    docs/protocol/access.md:14: WARNING: no clause numbered 6.99 [constitution.unknown_clause]

and ``suppress_warnings = ["constitution.uncited_code"]`` can silence one kind if a council wants to.
"""

from __future__ import annotations

import enum

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

WARNING_TYPE = "constitution"


class Problem(enum.Enum):
    """The mistakes an editor can make, one member per warning subtype."""

    BAD_CLAUSE_NUMBER = "bad_clause_number"
    """A clause's number cannot be read (``6,7``, ``(4`` …), or a nested clause is not ``(1)``/``(i)``/``(a)``."""

    DUPLICATE_CLAUSE = "duplicate_clause"
    """Two clauses have the same number; the message names the other one's file and line."""

    CLAUSE_GAP = "clause_gap"
    """Sibling clauses skip a number (6.8 then 6.10), or mix numbering styles."""

    UNKNOWN_CLAUSE = "unknown_clause"
    """A ``{clause}`` reference names a clause that no page defines (nor, with intersphinx, another site's
    inventory), or a range passes over one (``8 to 11`` with no 9)."""

    DOUBLED_REFERENCE_WORD = "doubled_reference_word"
    """The word a ``{clause}`` reference prints written before it too (``paragraph {clause}`3(2)```), so the page
    would read "paragraph paragraph 3(2)"."""

    BAD_CLAUSE_RANGE = "bad_clause_range"
    """A range in a ``{clause}`` reference whose ends are not in one sequence (``6.7 to 7.2``, ``8 to 8.1``,
    ``(a) to (iv)``, two scopes), that runs backwards (``11 to 8``) or names one clause (``8 to 8``), that is
    too long (more than 1,000 clauses) or has an inserted number (``7A``) at an end."""

    DUPLICATE_TERM = "duplicate_term"
    """A glossary term defined twice, in one glossary or two (``Member``, ``member`` and ``Membér`` are one term:
    ``model/glossary.py``'s ``term_key``); the message names the other's file and line."""

    UNKNOWN_PRINCIPLE = "unknown_principle"
    """A ``{principle}`` role or ``:principles:`` option names a principle that the chosen set does not have, or
    ``{principle-set}`` asks for something other than the set's ``title`` or ``source``."""

    DUPLICATE_PRINCIPLES = "duplicate_principles"
    """A principle is set out with its anchor twice; the second listing needs ``:no-index:``."""

    INCOMPLETE_PRINCIPLES = "incomplete_principles"
    """``{principles}`` asks for what the chosen set does not hold: the whole set, when its file holds only some of
    its source's principles, or a principle's wording, when the set has only its name."""

    BAD_PRINCIPLES = "bad_principles"
    """A mistake in a council's principle set (a data file, so content): not TOML, its title or source missing, a
    principle's id or name missing, not text or empty, an id that cannot be an anchor or listed twice."""

    BAD_DO_DONT = "bad_do_dont"
    """A ``do-dont`` table's body is not rows of ``+`` (Do) and ``-`` (Don't) bullets separated by ``---``."""

    UNKNOWN_CODE = "unknown_code"
    """A ``{code-ref}`` names an id that the codes registry does not list."""

    UNCITED_CODE = "uncited_code"
    """A registry entry that no page cites: remove it, or cite it."""

    CODES_INDEX_TWICE = "codes_index_twice"
    """``{codes-index}`` on two pages, or twice on one: each code's anchor would be given twice, and its links would
    go to one of them only."""

    PDF_TOO_LONG = "pdf_too_long"
    """A PDF takes more pages than its ``max_pages`` allows (a one-page note has grown): it is not written."""

    PDF_TABLE_CAPTION = "pdf_table_caption"
    """A table in a PDF has no caption, which PDF/UA asks of every table: write one (``:::{table} Caption``)."""

    PDF_LAYOUT = "pdf_layout"
    """WeasyPrint could not lay something out as written (a link to a missing anchor, CSS it can't use)."""

    BAD_STATUS = "bad_status"
    """A ``{status}`` that cannot be read: an unknown state, a missing committee or date, a date not
    written as 2026-04-29, not in the calendar, before 1972 or more than ten years ahead, a second status on one
    page, ``:superseded-by:`` naming no page, or an edition's start page without a status."""

    UNKNOWN_EDITION = "unknown_edition"
    """``{edition-changes}`` names an edition that ``editions`` in conf.py does not list, or an edition's
    folder has no ``index`` page."""

    COMPARISON_ADDRESS = "comparison_address"
    """A page of the project sits at the address where a comparison of two editions is published
    (``editions/compare/2026-to-2027``): the build would write the comparison over it."""

    EDITION_ADDRESS = "edition_address"
    """A page of the project sits at the permanent address of a page of an edition (``editions/2027/access``, for
    ``protocol/access``): the build would write the page forwarding there over it."""

    BAD_DECISIONS = "bad_decisions"
    """A mistake in the decisions register (a data file, so content): not TOML, not ``[[decision]]`` tables, a field
    missing, unknown, empty or of the wrong type, a date not written as a TOML date (2026-05-20), in force before it
    was adopted, an unknown kind or change, an id listed twice, an edition that ``editions`` in conf.py does not list,
    or an edition in force before the one it follows."""

    DECISION_MISMATCH = "decision_mismatch"
    """The decisions register and the editions' texts disagree: a clause named that did not change as the register
    says (or is not there), or a clause that changed between two editions that no decision making the newer one
    names."""

    RAW_HTML = "raw_html"
    """Raw HTML in a source file (often pasted from Word): rewrite it as MyST."""

    NESTED_MARK = "nested_mark"
    """An ``{ins}`` or ``{del}`` mark inside another one; a proposed change's text is either new or removed."""

    EMPTY_MARK = "empty_mark"
    """An ``{ins}`` or ``{del}`` mark with nothing in it."""

    # -- content is data (engine/content.py) ---------------------------------------------------------

    REFUSED_MARKUP = "refused_markup"
    """Markup that content may not use: a directive or role outside the content vocabulary, ``{eval-rst}``,
    a reStructuredText source, or configuration (``myst:``, ``html_meta``, ``substitutions``) in front matter."""

    UNSAFE_LINK = "unsafe_link"
    """A link whose scheme is not http, https, mailto or tel, or a file (image, download) that is outside the
    source folder, missing, or of a type a browser would run (HTML, SVG, JavaScript)."""

    BAD_SUBSTITUTION = "bad_substitution"
    """``{{ ... }}`` that is not the plain name of a value in the configuration (``{{ council_name }}``)."""

    TOO_DEEP = "too_deep"
    """Directives nested deeper than the limit (a mistake in the fences, never a real document)."""

    UNCLOSED_FENCE = "unclosed_fence"
    """A fence (```` ``` ````, ``:::``) never closed: it runs to the end of the page, or, inside a directive's fence
    of the same marker and no longer, its closing line closed that fence early (the outer fence must be longer)."""

    UNCLOSED_ROLE = "unclosed_role"
    """A role whose text is not in backticks (a backtick missing), so ``{clause}`` would show as text."""

    EMPTY_TEXT = "empty_text"
    """A heading or a link with no text (nothing, spaces, a zero-width space): a screen reader says "heading" or
    "link" and nothing more, and a sighted reader sees a blank line or no link at all."""

    RESERVED_ID = "reserved_id"
    """A label or heading whose id is one the page's own elements use (``con-previews``, ``searchbox``, ``svg-menu``
    …: ``engine/content.py``'s ``OWN_IDS``), which a script or a screen reader would then find instead of them; or a
    page named as one the site makes itself (``search``, ``genindex``: ``OWN_PAGES``), which it would replace."""

    # -- directives that would swallow content, and pages that cannot be read ----------------------------

    EMPTY_CLAUSE = "empty_clause"
    """A clause with neither words of its own nor a heading (nothing, or only sub-items): it would be
    published as a bare number."""

    NOT_UTF8 = "not_utf8"
    """A page that is not UTF-8 text (saved in another encoding); its unreadable bytes are shown as U+FFFD."""

    UNFIT_CHARACTER = "unfit_character"
    """A page holding a character no reader should get: a control character (NUL, escape …) or a bidirectional
    override or isolate (U+202E …), which shows the words after it in another order than the file's."""

    BAD_FRONT_MATTER = "bad_front_matter"
    """A key given twice in a page's front matter (``description:`` twice): YAML keeps the last, without a word."""

    BAD_DESCRIPTION = "bad_description"
    """A page's front matter gives a ``description`` that is not text (empty, a number, a list): a page's description
    is a sentence of plain text."""

    BAD_REGISTRY = "bad_registry"
    """A mistake in the codes register (a data file, so content): not TOML, not ``[[code]]`` tables, a field
    missing, unknown, empty or not text, an unknown kind, an id listed twice, a ``url`` that is not http(s)."""


#: Where a warning points: a node, ``(docname, line)``, or a ``"path:line"`` string.
Location = nodes.Node | tuple[str | None, int | None] | str | None


def warn(problem: Problem, message: str, location: Location) -> None:
    """Log *message* as a warning of *problem*'s subtype at *location*.

    *location* is anything Sphinx's logger takes: a node, ``(docname, line)``, or a ``"path:line"`` string.
    """
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=problem.value)
