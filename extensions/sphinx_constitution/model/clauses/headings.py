"""Numbered headings: a section whose heading carries its number, with its clauses numbered (1), (2) … beneath.

Many councils number a protocol by sections, each heading numbered and its paragraphs bracketed::

    ## {section-number}`3` Roles of Members

    :::{clause} (1)
    Members are ...
    :::

The heading stays a heading (in the navigation, the search index and the PDF's contents) and is itself a clause that
can be cited and bookmarked (``{clause}`3```, ``#clause-3``); a bracketed clause beneath it, at any depth of
sub-headings, takes its number: 3(1), cited ``{clause}`3(1)``` and bookmarked ``#clause-3-1``. A page may open with
bracketed clauses before its first numbered heading ((a), (b) … of a lettered introduction): those stand alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxRole

from ...config import settings
from ...engine.domains import domain
from ...engine.nodes import add_html_node, ancestors, in_order
from ...engine.sources import visible
from ...problems import Problem, warn
from .domain import ClauseDomain, ClauseEntry
from .identity import Clause
from .nodes import clause
from .numbers import ClauseNumber

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


def setup_headings(app: Sphinx) -> None:
    app.add_role("section-number", SectionNumberRole())
    add_html_node(app, section_number, (visit_section_number_html, depart_section_number_html))
    app.add_transform(FileNumberedHeadings)


class section_number(nodes.Inline, nodes.TextElement):
    """The number a heading carries; attribute ``number`` holds it as written (``3``)."""


def visit_section_number_html(self: HTML5Translator, node: section_number) -> None:
    self.body.append('<span class="con-section-number">')


def depart_section_number_html(self: HTML5Translator, node: section_number) -> None:
    self.body.append("</span>")


class SectionNumberRole(SphinxRole):
    """``{section-number}`3``` at the start of a heading: the section's number."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        number = ClauseNumber.parse(self.text)
        if number is None or number.subs or not number.head:
            message = f"{self.text!r} is not a section number such as 3, 12 or 2A"
            warn(Problem.BAD_CLAUSE_NUMBER, message, self.get_location())
            return [nodes.inline(self.rawtext, self.text)], []
        node = section_number(self.rawtext, number.text, number=number.text)
        self.set_source_info(node)
        return [node], []


def number_of(section: nodes.Element) -> ClauseNumber | None:
    """The number a section's own heading carries, if it carries one."""
    if not isinstance(section, nodes.section) or not section.children or not isinstance(section[0], nodes.title):
        return None
    found = next(section[0].findall(section_number), None)
    return ClauseNumber.parse(found["number"]) if found is not None else None


def open_heading_number(document: nodes.document) -> ClauseNumber | None:
    """While a page is read: the number of the innermost numbered heading whose section is being read.

    A section is added to the page when its heading is read, before its text, so the sections being read are
    the last section of the page, the last within that, and so on down. (The text being read may itself be
    inside another directive, not yet part of the page; the headings around it are.)
    """
    found = None
    node: nodes.Element | None = document
    while node is not None:
        node = next((child for child in reversed(node.children) if isinstance(child, nodes.section)), None)
        if node is not None:
            found = number_of(node) or found
    return found


def numbered_section_around(node: nodes.Node) -> tuple[nodes.section, ClauseNumber] | None:
    """After a page is read: the nearest section around *node* whose heading carries a number, with the number."""
    for parent in ancestors(node):
        if (number := number_of(parent)) is not None:
            return parent, number  # type: ignore[return-value]
    return None


class FileNumberedHeadings(SphinxTransform):
    """After a page is read: file each numbered heading in the clause domain and give its section the clause's id;
    check that each clause under a numbered heading is numbered within it."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        """One walk of the page for both kinds: filing the headings changes only their sections' ids, never which
        markers or clauses the page holds, nor the numbers the check of the clauses reads."""
        markers: list[section_number] = []
        clauses: list[clause] = []
        for node in in_order(self.document):  # the package's walk (engine/nodes.py: faster than findall)
            if isinstance(node, section_number):
                markers.append(node)
            elif isinstance(node, clause):
                clauses.append(node)
        self._file_headings(markers)
        for node in clauses:
            number = ClauseNumber.parse(node["number"])
            around = None if _in_clause(node) else numbered_section_around(node)
            if around is None or number is None or number.head[: len(around[1].head)] == around[1].head:
                continue
            heading = around[1].text
            message = f"clause {number.text} is under the heading numbered {heading}: number it within {heading}"
            warn(Problem.BAD_CLAUSE_NUMBER, message, node)

    def _file_headings(self, markers: list[section_number]) -> None:
        clauses = domain(self.env, ClauseDomain)
        words_before = settings(self.config).section_number_words
        for marker in markers:
            section = marker.parent.parent if isinstance(marker.parent, nodes.title) else None
            if not isinstance(section, nodes.section) or not _begins_heading(marker, words_before):
                named = f", or follow one of the words {', '.join(words_before)}" if words_before else ""
                warn(Problem.BAD_CLAUSE_NUMBER, f"a section number must begin a heading{named}", marker)
                continue
            number = ClauseNumber(tuple(marker["number"].split(".")), ())
            this = Clause.on_page(self.config, self.env.docname, number.text)
            anchor = this.anchor
            after = marker.parent.children[marker.parent.index(marker) + 1 :]
            words = " ".join("".join(node.astext() for node in after).split())  # the heading after its number
            if not visible(words):  # read aloud, or in the navigation, the heading would be a bare number
                message = f"the heading numbered {number.text} has no title: write it after the number"
                warn(Problem.EMPTY_TEXT, message, marker)
            entry = ClauseEntry(self.env.docname, anchor, marker.line or 0, words, number.sequence, words)
            if clauses.note_clause(this.key, entry):
                # first, so the heading's permalink and the navigation link the lasting address, #clause-3
                section["ids"].insert(0, anchor)
                self.document.ids[anchor] = section


def _begins_heading(marker: section_number, words: list[str]) -> bool:
    """Whether the number begins its heading (``3 Roles``), or follows one of *words* that do (``Part 8 Members'
    Code``, ``Schedule 2 Forms``): a Constitution's Parts, Schedules and Appendices are numbered that way, and the
    word is part of how the council names them. Any other words before the number would hide it in a phrase
    ("Roles of 3"), so they are refused."""
    index = marker.parent.index(marker)
    if index == 0:
        return True
    before = marker.parent[0]
    text = before.astext()
    return (
        index == 1
        and isinstance(before, nodes.Text)
        and text.endswith(" ")
        and text.strip().lower() in {word.lower() for word in words}
    )


def _in_clause(node: nodes.Node) -> bool:
    return any(isinstance(parent, clause) for parent in ancestors(node))
