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

7.5 gets the id ``clause-7-5`` and its sub-item ``clause-7-5-3``. The grammar is not tied to one
council's style: ``16`` (numbered straight through), ``8.63`` (continuing a Constitution Part),
``(a)`` (a lettered introduction), ``2A.1`` (an inserted section), with sub-items ``(1)``, ``(i)``, ``(a)``.

Numbers are unique within a *scope*. ``clause_scopes`` maps folders to scopes, so that two editions of
one text can both have a 6.7: a page in ``editions/pre-2026/`` cites its own edition's 6.7 with
``{clause}`6.7```, and any page can reach across with ``{clause}`pre-2026:6.7```. Pages in no listed
folder share the unnamed scope.

One reference may cite several clauses, as a council writes them: ``{clause}`8 to 11``` prints "paragraphs 8 to
11" and ``{clause}`6.7, 6.9 and 7.5(3)``` "paragraphs 6.7, 6.9 and 7.5(3)", each number a link; every clause of a
range, 9 and 10 too, is checked and counted as cited.

The domain's objects are in the ``objects.inv`` that Sphinx writes, so another Sphinx project (another Part of the
Constitution) cites these clauses through ``sphinx.ext.intersphinx``: a clause that is not on this site is left to
Sphinx's ``missing-reference`` event, and reported as unknown only when nothing resolves it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import make_refnode, split_explicit_title

from .. import __version__
from ..common import (
    PASS_THROUGH,
    NoOptions,
    Problem,
    changed_keys,
    depart_div,
    domain,
    in_folder,
    script,
    snapshot_around_read,
    stylesheet,
    warn,
)
from ..config import settings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

_STACK = "constitution:clause-stack"  # env.temp_data: the clauses being parsed, outermost first
_UNREGISTERED = "constitution:clauses-unregistered"  # env.temp_data: set while reading clauses that claim no number


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", stylesheet("clauses.css"))
    app.connect("builder-inited", script("clauses.js"))  # the permalink also copies the link
    app.setup_extension("sphinx_constitution.config")
    app.add_domain(ClauseDomain)
    app.connect("warn-missing-reference", ClauseDomain.report_unknown)
    snapshot_around_read(app, ClauseDomain.as_cited, ClauseDomain.citers_of_changed)
    app.add_directive("clause", ClauseDirective)
    app.add_role("clause", ClauseRole())
    for node, html in ((clause, visit_clause_html), (clause_body, visit_clause_body_html)):
        app.add_node(
            node, html=(html, depart_div), text=PASS_THROUGH, latex=PASS_THROUGH, man=PASS_THROUGH, texinfo=PASS_THROUGH
        )
    number_text = (visit_clause_number_text, None)
    app.add_node(
        clause_number,
        html=(visit_clause_number_html, None),
        text=number_text,
        latex=PASS_THROUGH,
        man=PASS_THROUGH,
        texinfo=PASS_THROUGH,
    )
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}


# -- numbers -------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?P<head>[0-9]+[A-Z]?(?:\.[0-9]+[A-Z]?)*)?(?P<subs>(?:\([0-9a-z]+\))*)")
_SUB = re.compile(r"\(([0-9a-z]+)\)")
_ROMAN = (("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


@dataclass(frozen=True)
class ClauseNumber:
    """A clause number split into its dotted head (``4.1``) and its sub-item labels (``4``, ``viii``)."""

    head: tuple[str, ...]
    subs: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> ClauseNumber | None:
        """Read ``6.7``, ``7.5(3)``, ``4.1(4)(viii)``, ``16`` or ``(a)``; ``None`` if it is none of those."""
        match = _NUMBER.fullmatch("".join(text.split()))
        if not match or not match.group(0):
            return None
        head = tuple(match["head"].split(".")) if match["head"] else ()
        return cls(head, tuple(_SUB.findall(match["subs"])))

    def child(self, label: str) -> ClauseNumber | None:
        """The number of a nested sub-item labelled ``(3)``, ``(iv)`` or ``(b)``."""
        match = _SUB.fullmatch(label)
        return ClauseNumber(self.head, (*self.subs, match[1])) if match else None

    @property
    def text(self) -> str:
        return ".".join(self.head) + "".join(f"({s})" for s in self.subs)

    @property
    def label(self) -> str:
        """What is printed beside the clause: the whole number, or only ``(3)`` for a sub-item."""
        return f"({self.subs[-1]})" if self.subs else self.text

    def anchor(self, prefix: str) -> str:
        return "-".join((prefix, *self.head, *self.subs)).lower()

    @property
    def sequence(self) -> tuple[str, str]:
        """(the key shared with its siblings, its own last component)."""
        if self.subs:
            return ClauseNumber(self.head, self.subs[:-1]).text + "()", self.subs[-1]
        return ".".join(self.head[:-1]), self.head[-1]


def _roman_value(label: str) -> int | None:
    value, rest = 0, label
    for numeral, amount in _ROMAN:
        while rest.startswith(numeral):
            value, rest = value + amount, rest[len(numeral) :]
    return value if not rest and _to_roman(value) == label else None


def _to_roman(value: int) -> str:
    out = ""
    for numeral, amount in _ROMAN:
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def sequence_values(labels: list[str]) -> dict[str, int] | None:
    """Map sibling labels to their places in one sequence: 1, 2, 3 / i, ii, iii / a, b, c.

    Labels with a capital suffix (``7A``, inserted later) stand outside the sequence. ``None`` means
    the siblings mix styles. A run of (i), (ii) … counts as roman; (h), (i), (j) as letters.
    """
    plain = [label for label in labels if not label[-1].isupper()]
    if all(label.isdigit() for label in plain):
        return {label: int(label) for label in plain}
    romans = {label: _roman_value(label) for label in plain}
    if all(romans.values()):
        return romans  # type: ignore[return-value]
    if all(len(label) == 1 and label.isalpha() for label in plain):
        return {label: ord(label) - ord("a") + 1 for label in plain}
    return None


# -- scopes ----------------------------------------------------------------------------------------


def scope_of(config: Config, docname: str) -> str:
    """The scope of the clauses on *docname*: its folder's entry in the scopes (:attr:`Settings.scopes`), or ``""``."""
    scopes = settings(config).scopes.items()
    matches = [(len(folder), scope) for folder, scope in scopes if in_folder(docname, folder)]
    return max(matches)[1] if matches else ""


def clause_key(scope: str, number: str) -> str:
    """How the domain files a clause: ``6.7`` in the unnamed scope, ``pre-2026:6.7`` in another."""
    return f"{scope}:{number}" if scope else number


def split_key(key: str) -> tuple[str, str]:
    """``"pre-2026:6.7"`` -> ``("pre-2026", "6.7")``; ``"6.7"`` -> ``("", "6.7")``."""
    scope, _sep, number = key.rpartition(":")
    return scope, number


# -- citations of several clauses ------------------------------------------------------------------

_LIST = re.compile(r",\s+(?:and\s+)?|\s+and\s+")  # "6.7, 6.9 and 7.5(3)"; "6,7" stays one (unreadable) number
_TO = re.compile(r"\s+to\s+")
#: The most clauses one range may span: each is checked and counted as cited, and content is data (README, Security).
MAX_RANGE = 1000

Trouble = tuple[Problem, str]


class Cited(NamedTuple):
    """One item of a ``{clause}`` reference: one clause, or a range of clauses.

    ``ends`` holds ``(key, number as written)`` for the clause, or for a range's first and last clause; it is empty
    when the item cannot be read. ``between`` holds the keys of the clauses a range passes over.
    """

    written: str
    ends: tuple[tuple[str, str], ...] = ()
    between: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """Every clause the item cites, in order."""
        keys = [key for key, _shown in self.ends]
        return (*keys[:1], *self.between, *keys[1:])


def read_citation(text: str, scope: str) -> tuple[list[Cited], list[Trouble]]:
    """Read a ``{clause}`` reference's target: ``6.7``, ``8 to 11``, ``6.7, 6.9 and 7.5(3)``, ``6.7 to 6.9 and 7.1``.

    Items are separated by ``and`` or by a comma and a space (``6,7`` is one number, misread). *scope* is the citing
    page's; a number may name another (``pre-2026:6.7``), and a range's last number is in its first number's scope
    unless it names its own. Returns the items, and what is wrong with them.
    """
    items, troubles = [], []
    for written in _LIST.split(text.strip()):
        item, trouble = _read_item(written, scope)
        items.append(item)
        troubles += trouble
    return items, troubles


def _read_item(written: str, scope: str) -> tuple[Cited, list[Trouble]]:
    parts = _TO.split(written)
    if len(parts) > 2:
        return Cited(written), [(Problem.BAD_CLAUSE_RANGE, f"{written!r} is not a range: write its first and last")]
    read: list[tuple[str, ClauseNumber, str]] = []
    troubles: list[Trouble] = []
    for part in parts:
        named, _sep, shown = part.rpartition(":")
        number = ClauseNumber.parse(shown)
        if number is None:
            troubles.append((Problem.BAD_CLAUSE_NUMBER, f"{shown.strip()!r} is not a clause number"))
            continue
        read.append((named.strip() or (read[0][0] if read else scope), number, shown.strip()))
    if troubles:
        return Cited(written), troubles
    ends = tuple((clause_key(named, number.text), shown) for named, number, shown in read)
    if len(read) == 1:
        return Cited(written, ends), []
    between = _between(read[0], read[1])
    if isinstance(between, str):
        return Cited(written, ends), [(Problem.BAD_CLAUSE_RANGE, f"{written!r} {between}")]
    return Cited(written, ends, tuple(clause_key(read[0][0], number.text) for number in between)), []


def _between(
    first: tuple[str, ClauseNumber, str], last: tuple[str, ClauseNumber, str]
) -> tuple[ClauseNumber, ...] | str:
    """The clauses strictly between a range's two ends, or what is wrong with the range (said after its text).

    The ends must be siblings in one sequence (:attr:`ClauseNumber.sequence`): ``6.7 to 6.9``, ``8 to 11``,
    ``7.5(1) to 7.5(3)``, ``(i) to (iv)``. An inserted number (``8A``) stands outside the sequence, as it does for the
    gap check: it cannot be an end, and one between the ends is neither checked nor counted.
    """
    (scope, start, a), (other_scope, end, b) = first, last
    family, start_label = start.sequence
    end_family, end_label = end.sequence
    if scope != other_scope:
        return "is not a range: its ends are in two scopes"
    if inserted := [label for label in (start_label, end_label) if label[-1].isupper()]:
        return f"is not a range: an inserted number ({inserted[0]}) stands outside the numbering: list it instead"
    values = sequence_values([start_label, end_label])
    if family != end_family or values is None:
        return f"is not a range: {a} and {b} are not in one sequence (as 6.7 to 6.9, or 7.5(1) to 7.5(3))"
    low, high = values[start_label], values[end_label]
    if high < low:
        return f"runs backwards: write {b} to {a}"
    if high == low:
        return f"is one clause: write {a}"
    if high - low + 1 > MAX_RANGE:
        return f"spans {high - low + 1:,} clauses, more than a range may ({MAX_RANGE:,})"
    labels = _labels([start_label, end_label])
    return tuple(_sibling(start, labels(value)) for value in range(low + 1, high))


def _labels(ends: list[str]) -> Callable[[int], str]:
    """How the sequence of *ends* writes a place in it, as :func:`sequence_values` reads them: 3, iii or c."""
    if all(label.isdigit() for label in ends):
        return str
    if all(_roman_value(label) for label in ends):
        return _to_roman
    return lambda value: chr(ord("a") + value - 1)


def _sibling(number: ClauseNumber, label: str) -> ClauseNumber:
    """The clause of *number*'s sequence labelled *label*: 6.7 and 8 give 6.8; 7.5(1) and 2 give 7.5(2)."""
    if number.subs:
        return ClauseNumber(number.head, (*number.subs[:-1], label))
    return ClauseNumber((*number.head[:-1], label), ())


# -- domain ----------------------------------------------------------------------------------------


class ClauseEntry(NamedTuple):
    docname: str
    anchor: str
    lineno: int
    summary: str
    sequence: tuple[str, str]
    text: str  # the clause's own words, its sub-items' left out: what an edition comparison compares


class ClauseDomain(Domain):
    """Every clause of the project, by scope and number: where it is, its id and its words."""

    name = "clause"
    label = "Clauses"
    object_types = {"clause": ObjType(_("clause"), "clause")}
    initial_data: ClassVar[dict[str, Any]] = {"clauses": {}, "citations": {}, "by_page": {}}
    data_version = 4

    @property
    def clauses(self) -> dict[str, ClauseEntry]:
        """:func:`clause_key` -> the clause."""
        return self.data["clauses"]

    def in_scope(self, scope: str) -> dict[str, ClauseEntry]:
        """The clauses of one scope, by number."""
        found = {}
        for key, entry in self.clauses.items():
            entry_scope, number = split_key(key)
            if entry_scope == scope:
                found[number] = entry
        return found

    @property
    def citations(self) -> dict[str, set[str]]:
        """docname -> the clause keys it cites."""
        return self.data["citations"]

    def note_citation(self, docname: str, number: str) -> None:
        self.citations.setdefault(docname, set()).add(number)

    # A page that cites a clause shows its page, id and first words, so when a clause changes
    # (edited, moved, renumbered, deleted) the pages citing it are written again, not only its own.

    @staticmethod
    def as_cited(env: BuildEnvironment) -> dict[str, ClauseEntry]:
        """Every clause as the pages citing it show it: its page, id and words, not the line it is written on."""
        return {n: e._replace(lineno=0) for n, e in domain(env, ClauseDomain).clauses.items()}

    @staticmethod
    def citers_of_changed(
        env: BuildEnvironment, before: dict[str, ClauseEntry], after: dict[str, ClauseEntry]
    ) -> list[str]:
        changed = changed_keys(before, after)
        return sorted(doc for doc, cited in domain(env, ClauseDomain).citations.items() if cited & changed)

    def note_clause(self, key: str, entry: ClauseEntry) -> bool:
        """Record a clause; warn and return False if its number is taken in its scope."""
        other = self.clauses.get(key)
        if other is not None:
            self._warn_duplicate(key, entry, other)
            return False
        self.clauses[key] = entry
        self.data["by_page"].setdefault(entry.docname, set()).add(key)
        return True

    def _warn_duplicate(self, key: str, entry: ClauseEntry, other: ClauseEntry) -> None:
        where = f"{self.env.doc2path(other.docname, False)}:{other.lineno}"
        warn(
            Problem.DUPLICATE_CLAUSE,
            f"clause {split_key(key)[1]} is numbered twice; the other is at {where}",
            (entry.docname, entry.lineno),
        )

    def clear_doc(self, docname: str) -> None:
        for key in self.data["by_page"].pop(docname, ()):  # an index, not a scan: 5,000 clauses, hundreds of pages
            entry = self.clauses.get(key)
            if entry is not None and entry.docname == docname:  # not a clause of that number on another page
                del self.clauses[key]
        self.citations.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.citations.update((doc, cited) for doc, cited in otherdata["citations"].items() if doc in docnames)
        for key, entry in otherdata["clauses"].items():
            if entry.docname not in docnames:
                continue
            other = self.clauses.get(key)
            if other is not None and other.docname != entry.docname:
                self._warn_duplicate(key, entry, other)
            else:
                self.clauses[key] = entry
                self.data["by_page"].setdefault(entry.docname, set()).add(key)

    def check_consistency(self) -> None:
        """Warn where sibling clauses skip a number, wherever the siblings are defined."""
        siblings: dict[str, list[tuple[str, str, ClauseEntry]]] = defaultdict(list)
        for key, entry in self.clauses.items():
            scope, number = split_key(key)
            family, label = entry.sequence
            siblings[f"{scope}:{family}"].append((label, number, entry))
        for key in sorted(siblings):
            members = siblings[key]
            values = sequence_values([label for label, _n, _e in members])
            if values is None:
                label, number, entry = min(members, key=lambda m: (m[2].docname, m[2].lineno))
                labels = ", ".join(sorted(m[0] for m in members))
                warn(
                    Problem.CLAUSE_GAP,
                    f"clause {number}'s siblings mix numbering styles ({labels})",
                    (entry.docname, entry.lineno),
                )
                continue
            ordered = sorted((values[m[0]], m[1], m[2]) for m in members if m[0] in values)
            for (before, prev, _e), (after, number, entry) in pairwise(ordered):
                if after != before + 1:
                    warn(
                        Problem.CLAUSE_GAP,
                        f"clause numbering skips from {prev} to {number}",
                        (entry.docname, entry.lineno),
                    )

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        prefix = settings(self.env.config).clause_reference_prefix
        for key, entry in sorted(self.clauses.items()):
            yield key, f"{prefix} {split_key(key)[1]}", "clause", entry.docname, entry.anchor, 1

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: Any,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        entry = self.clauses.get(target)
        if entry is None:
            # Not a clause of this site. Sphinx goes on to its missing-reference event, where intersphinx may find it
            # in another site's objects.inv; if nothing does, Sphinx's warn-missing-reference reaches report_unknown.
            return None
        self._check_also_cited(node)
        title = f"{settings(env.config).clause_reference_prefix} {split_key(target)[1]}: {entry.summary}"
        return make_refnode(builder, fromdocname, entry.docname, entry.anchor, contnode, title)

    def _check_also_cited(self, node: addnodes.pending_xref) -> None:
        """Report the clauses that a reference cites besides its target (``also_cites``: a range's clauses between
        its ends, a title's other clauses) and that are not here.

        Each entry is ``(key, range, range's last end)``, the last two empty for a clause outside a range. The clauses
        between the ends of a range whose last end is not here are left alone: that end is reported (or found on
        another site), and a mistyped end (``6.7 to 6.99``) gives one warning, not one for each number on the way.
        """
        also: list[tuple[str, str, str]] = node.get("also_cites", [])
        for key, within, last in also:
            if key not in self.clauses and (not within or key == last or last in self.clauses):
                self.warn_unknown(key, node, within)

    def warn_unknown(self, key: str, node: addnodes.pending_xref, within: str = "") -> None:
        """Report that no clause is filed under *key*; *within* names the range that passes over it, if one does."""
        scope, number = split_key(key)
        where = f" in {scope}" if scope and scope != scope_of(self.env.config, node["refdoc"]) else ""
        range_ = f", in the range {within}" if within else ""
        warn(Problem.UNKNOWN_CLAUSE, f"no clause numbered {number}{where}{range_}", node)

    @staticmethod
    def report_unknown(app: Sphinx, found: Domain | None, node: addnodes.pending_xref) -> bool | None:
        """``warn-missing-reference``: a clause that neither this site nor any intersphinx inventory has.

        Reported once, as ours (file and line, ``unknown_clause``), instead of Sphinx's "reference target not found".
        Sphinx asks only for references that want a warning: the role sets ``refwarn``, and ``nitpick_ignore`` is
        honoured as for any reference.
        """
        if not isinstance(found, ClauseDomain):
            return None
        found.warn_unknown(node["reftarget"], node)
        return True

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []  # the :any: role never finds a clause


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


def current_clause(env: BuildEnvironment) -> tuple[ClauseNumber, str] | None:
    """The innermost clause being read, with its anchor: for roles that record where they are cited.

    ``None`` outside clauses, and inside :func:`unregistered_clauses`, whose clauses have no anchor.
    """
    if env.temp_data.get(_UNREGISTERED):
        return None
    for number in reversed(env.temp_data.get(_STACK) or []):
        if number is not None:
            return number, number.anchor(settings(env.config).clause_id_prefix)
    return None


# -- nodes and visitors ----------------------------------------------------------------------------


class clause(nodes.General, nodes.Element):
    """A numbered clause; attribute ``number`` holds its full number (``4.1(4)(viii)``).

    Its permalink goes to ``#<id>`` unless another extension sets the attribute ``permalink`` (a URI
    relative to the page) at ``doctree-resolved``, as editions do to link an edition's permanent address.
    """


class clause_number(nodes.TextElement):
    """The label printed beside a clause: ``6.7`` or ``(3)``."""


class clause_body(nodes.General, nodes.Element):
    """The clause's text, sub-items included."""


def visit_clause_html(self: Any, node: clause) -> None:
    self.body.append(self.starttag(node, "div", "", CLASS="con-clause", **{"data-clause": node["number"]}))


def visit_clause_body_html(self: Any, node: clause_body) -> None:
    self.body.append('<div class="con-clause-body">')


_LINK_ICON = (
    '<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="1em" height="1em">'
    '<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
    'd="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"/></svg>'
)


def visit_clause_number_html(self: Any, node: clause_number) -> None:
    parent = node.parent
    label = self.encode(node.astext())
    self.body.append(f'<span class="con-clause-label"><span class="con-clause-number">{label}</span>')
    if parent["ids"] and self.config.html_permalinks and self.builder.add_permalinks:
        name = f"{settings(self.config).clause_reference_prefix} {parent['number']}"
        text = self.encode(_("Link to %s") % name)
        href = self.encode(parent.get("permalink") or f"#{parent['ids'][0]}")
        self.body.append(
            f'<a class="con-clause-link" href="{href}" aria-label="{text}" title="{text}">{_LINK_ICON}</a>'
        )
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_clause_number_text(self: Any, node: clause_number) -> None:
    self.new_state(0)
    self.add_text(node.astext())
    self.end_state(wrap=False)
    raise nodes.SkipNode


# -- directive and role ----------------------------------------------------------------------------


class ClauseDirective(SphinxDirective):
    """``{clause} 6.7`` at the top level, or ``{clause} (3) Optional heading`` nested in a clause."""

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

        node = clause("", number=number.text)
        self.set_source_info(node)
        anchor = number.anchor(settings(self.config).clause_id_prefix)
        words = _words(title, body)
        entry = ClauseEntry(self.env.docname, anchor, self.lineno, _summary(body), number.sequence, words)
        key = clause_key(scope_of(self.config, self.env.docname), number.text)
        registered = not self.env.temp_data.get(_UNREGISTERED)
        if registered and domain(self.env, ClauseDomain).note_clause(key, entry):
            node["ids"].append(anchor)
        node += clause_number(number.label, number.label)
        if title:
            inline, messages = self.parse_inline(title)
            body.insert(0, nodes.paragraph("", "", nodes.strong("", "", *inline), classes=["con-clause-title"]))
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


def _words(title: str, body: list[nodes.Node]) -> str:
    """The clause's own words, its title first, without its nested sub-items."""
    parts = [title] if title else []
    for node in body:
        if isinstance(node, nodes.Element) and not isinstance(node, (clause, nodes.system_message)):
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


def _range_of(item: Cited) -> tuple[str, str]:
    """(the range as written, the key of its last end) for an item that is a range; ``("", "")`` for one clause."""
    return (item.written, item.ends[1][0]) if len(item.ends) == 2 else ("", "")


class ClauseRole(SphinxRole):
    """``{clause}`6.7``` renders "paragraph 6.7" linked to the clause; ``{clause}`text <6.7>``` too.

    Several clauses (see :func:`read_citation`) take the plural, and each number is a link to its clause:
    ``{clause}`6.7, 6.9 and 7.5(3)``` renders "paragraphs 6.7, 6.9 and 7.5(3)", ``{clause}`8 to 11```
    "paragraphs 8 to 11". A range links both its ends, not the clauses between: their numbers are not written, so
    there is nothing to follow, and the ends are where a reader goes, the first to start reading and the last to
    see where the range stops (on another page, perhaps). One link over all of "8 to 11" would go to 8 alone and
    hide that 11 is a target too. The clauses between are still checked (the first end's reference carries them as
    ``also_cites``) and counted as cited. With a title, ``{clause}`these paragraphs <8 to 11>```, the title is one
    link, to the first clause, and carries the others.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_title, title, target = split_explicit_title(self.text)
        items, troubles = read_citation(target, scope_of(self.config, self.env.docname))
        for problem, message in troubles:
            warn(problem, message, self.get_location())
        clauses = domain(self.env, ClauseDomain)
        for item in items:
            for key in item.keys:
                clauses.note_citation(self.env.docname, key)
        if has_title:
            return [self._titled(title, items)], []
        if len(items) == 1 and len(items[0].ends) < 2:
            return [self._one(items[0])], []
        return self._several(items), []

    def _one(self, item: Cited) -> nodes.Element:
        prefix = settings(self.config).clause_reference_prefix
        if not item.ends:
            return self._words(f"{prefix} {item.written.rpartition(':')[2].strip()}")
        key, shown = item.ends[0]
        return self._link(key, f"{prefix} {shown}", explicit=False)

    def _titled(self, title: str, items: list[Cited]) -> nodes.Element:
        cited = [(key, *_range_of(item)) for item in items for key in item.keys]
        if not cited:
            return self._words(title)
        ref = self._link(cited[0][0], title, explicit=True)
        if cited[1:]:
            ref["also_cites"] = cited[1:]
        return ref

    def _several(self, items: list[Cited]) -> list[nodes.Node]:
        found: list[nodes.Node] = [nodes.Text(settings(self.config).clause_plural + " ")]
        for index, item in enumerate(items):
            if index:
                found.append(nodes.Text(" and " if index == len(items) - 1 else ", "))
            if not item.ends:
                found.append(self._words(item.written))
                continue
            first = self._link(*item.ends[0], explicit=True)
            found.append(first)
            if len(item.ends) == 2:
                if item.between:
                    first["also_cites"] = [(key, *_range_of(item)) for key in item.between]
                found += [nodes.Text(" to "), self._link(*item.ends[1], explicit=True)]
        return found

    def _link(self, key: str, text: str, *, explicit: bool) -> addnodes.pending_xref:
        """A reference to the clause filed under *key*, showing *text*; :class:`ClauseDomain` resolves it.

        ``refexplicit``: a clause found through intersphinx keeps *text*. A title and a number in a list or range
        are explicit (the other site's own words, "paragraph 8", would be wrong there); a single clause is not, so it
        shows the other site's words for it, as that site names its clauses. Our own domain always keeps *text*.
        ``refwarn``: Sphinx asks :meth:`ClauseDomain.report_unknown` about it if nothing resolves it.
        """
        ref = addnodes.pending_xref(
            self.rawtext,
            refdomain="clause",
            reftype="clause",
            reftarget=key,
            refexplicit=explicit,
            refdoc=self.env.docname,
            refwarn=True,
        )
        self.set_source_info(ref)
        ref += nodes.inline(self.rawtext, text, classes=["xref", "clause-clause"])
        return ref

    def _words(self, text: str) -> nodes.inline:
        """Words that link nowhere (a number that could not be read, already reported)."""
        return nodes.inline(self.rawtext, text, classes=["xref", "clause-clause"])
