"""The ``{clause}`` directive: reading a clause, checking its number and filing it in the domain.

While a page is read, the clauses being parsed are on a stack, so a nested ``{clause} (3)`` takes its number from
the clause around it; :func:`current_clause` tells other roles where they are, and :func:`unregistered_clauses`
reads clauses that claim no number.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ...engine.domains import domain
from ...engine.markup import NoOptions
from ...problems import Problem, warn
from .domain import ClauseDomain, ClauseEntry
from .headings import open_heading_number
from .identity import Clause
from .nodes import clause, clause_body, clause_list, clause_number, clause_title
from .numbers import ClauseNumber

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.environment import BuildEnvironment

_STACK = "constitution:clause-stack"  # env.temp_data: the clauses being parsed, outermost first
_UNREGISTERED = "constitution:clauses-unregistered"  # env.temp_data: set while reading clauses that claim no number


@contextmanager
def unregistered_clauses(env: BuildEnvironment) -> Iterator[None]:
    """Clauses read inside this block are shown with their numbers but claim none.

    They get no id and no permalink, are not in the domain (so nothing can cite them and another
    clause may take the number) and are left out of the numbering checks. For text that is on the
    page but not in force, such as a clause struck out by a tracked change.
    """
    before = env.temp_data.get(_UNREGISTERED, False)
    env.temp_data[_UNREGISTERED] = True
    try:
        yield
    finally:
        env.temp_data[_UNREGISTERED] = before


def current_clause(env: BuildEnvironment) -> Clause | None:
    """The innermost clause being read: for roles that record where they are cited.

    ``None`` outside clauses, and inside :func:`unregistered_clauses`, whose clauses have no anchor.
    """
    if env.temp_data.get(_UNREGISTERED):
        return None
    for number in reversed(env.temp_data.get(_STACK) or []):
        if number is not None:
            return Clause.on_page(env.config, env.docname, number.text)
    return None


class ClauseDirective(SphinxDirective):
    """``{clause} 6.7`` at the top level, or ``{clause} (3) Optional heading`` nested in a clause or beneath a
    numbered heading (headings.py)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = NoOptions()

    def run(self) -> list[nodes.Node]:
        label, _sep, title = self.arguments[0].strip().partition(" ")
        stack = self.env.temp_data.setdefault(_STACK, [])
        assert isinstance(stack, list)
        if stack:
            number = stack[-1].child(label) if stack[-1] is not None else None
            problem = stack[-1] is not None and number is None
            expected = "a sub-item label such as (1), (i) or (a)"
        else:
            number = ClauseNumber.parse(label)
            problem = number is None
            expected = "a clause number such as 6.7, 16, 8.63 or (a)"
            if number is not None and not number.head:
                # (1) beneath a heading numbered 3 is 3(1); before any numbered heading, it stands alone
                heading = open_heading_number(self.state.document)
                number = ClauseNumber(heading.head, number.subs) if heading else number
        if problem:
            warn(Problem.BAD_CLAUSE_NUMBER, f"{label!r} is not {expected}", self.get_location())
        stack.append(number)
        try:
            body = self.parse_content_to_nodes()
        finally:
            stack.pop()
        if number is None:
            return body  # keep the words visible in a preview; the warning fails the real build
        if not title and not self.env.temp_data.get(_UNREGISTERED) and not _own_text(body):
            self._empty(number, label, any(isinstance(node, clause) for node in body))
        body = _listed(body)

        this = Clause.on_page(self.config, self.env.docname, number.text)
        node = clause("", number=this.number, key=this.key)
        self.set_source_info(node)
        words = _words(title, body)
        entry = ClauseEntry(self.env.docname, this.anchor, self.lineno, _summary(body), number.sequence, words)
        registered = not self.env.temp_data.get(_UNREGISTERED)
        if registered and domain(self.env, ClauseDomain).note_clause(this.key, entry):
            node["ids"].append(this.anchor)
        node += clause_number(number.label, number.label)
        if title:
            inline, messages = self.parse_inline(title)
            body.insert(0, clause_title("", "", nodes.strong("", "", *inline), classes=["con-clause-title"]))
            body[1:1] = messages
        node += clause_body("", *body)
        return [node]

    def _empty(self, number: ClauseNumber, label: str, has_items: bool) -> None:
        """A clause with nothing to show but its number (and perhaps sub-items). The protocol's own clauses
        that hold only sub-items have a heading (4.1(2) "Disclosure of Information")."""
        if has_items:
            heading = f"({{clause}} {label} Heading)"
            message = f"clause {number.text} has only sub-items: give it a heading {heading} or words leading into them"
        else:
            message = f"clause {number.text} has no words: write its text inside the fence"
        warn(Problem.EMPTY_CLAUSE, message, self.get_location())


def _listed(body: list[nodes.Node]) -> list[nodes.Node]:
    """The body with each run of sub-items, one after another, in a :class:`clause_list`."""
    found: list[nodes.Node] = []
    for node in body:
        run = found[-1] if found else None
        if not isinstance(node, clause):
            found.append(node)
        elif isinstance(run, clause_list):
            run += node
        else:
            found.append(clause_list("", node))
    return found


def _words(title: str, body: list[nodes.Node]) -> str:
    """The clause's own words, its title first, without its nested sub-items."""
    parts = [title] if title else []
    for node in body:
        if isinstance(node, nodes.Element) and not isinstance(node, (clause, clause_list, nodes.system_message)):
            parts.append(node.astext())
    return " ".join(" ".join(parts).split())


def _own_text(body: list[nodes.Node]) -> str:
    """The words a clause shows of its own, without its sub-items and without the words a mark deletes.

    (A ``{del}`` mark takes its words out of the clean edition, so a clause of nothing else is empty there;
    counting them in neither view makes both views report it.)
    """
    parts: list[str] = []

    def collect(node: nodes.Node) -> None:
        if isinstance(node, (clause, nodes.system_message)):
            return
        if isinstance(node, nodes.Element) and node.tagname.startswith("tracked_") and node.get("kind") == "del":
            return
        if isinstance(node, nodes.Text):
            parts.append(node.astext())
        for child in node.children:
            collect(child)

    for node in body:
        collect(node)
    return "".join(parts).strip()


def _summary(body: list[nodes.Node], length: int = 90) -> str:
    text = " ".join(" ".join(n.astext().split()) for n in body if isinstance(n, nodes.paragraph))
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
