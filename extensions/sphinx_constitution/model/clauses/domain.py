"""The clause domain: every clause of the project, by scope and number, and the citations of each.

The domain's objects are in the ``objects.inv`` that Sphinx writes, so another Sphinx project (another Part of the
Constitution) cites these clauses through ``sphinx.ext.intersphinx``: a clause that is not on this site is left to
Sphinx's ``missing-reference`` event, and reported as unknown only when nothing resolves it.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from sphinx.domains import Domain, ObjType
from sphinx.locale import _
from sphinx.util.nodes import make_refnode

from ...config import scope_of
from ...engine.citations import CitationsDomain
from ...engine.domains import ConstitutionDomain, domain
from ...engine.snapshots import changed_keys, snapshot_around_read
from ...problems import Problem, warn
from ..scopes import unscoped
from .identity import ClauseWords
from .numbers import sequence_values

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from docutils import nodes
    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def setup_domain(app: Sphinx) -> None:
    app.setup_extension("sphinx_constitution.engine.citations")  # which pages cite each clause
    app.add_domain(ClauseDomain)
    app.connect("warn-missing-reference", ClauseDomain.report_unknown)
    snapshot_around_read(app, ClauseDomain.as_cited, ClauseDomain.citers_of_changed)


class ClauseEntry(NamedTuple):
    docname: str
    anchor: str
    lineno: int
    summary: str
    sequence: tuple[str, str]
    text: str  # the clause's own words, its sub-items' left out: what an edition comparison compares


class ClauseDomain(ConstitutionDomain):
    """Every clause of the project, by :attr:`~.identity.Clause.key`: where it is, its id and its words. (Which pages
    cite each is in the index of who cites what, ``engine.citations``.)"""

    name = "clause"
    label = "Clauses"
    object_types = {"clause": ObjType(_("clause"), "clause")}
    initial_data: ClassVar[dict[str, Any]] = {"clauses": {}, "by_page": {}}
    data_version = 6

    @property
    def clauses(self) -> dict[str, ClauseEntry]:
        """:attr:`~.identity.Clause.key` -> the clause."""
        return self.data["clauses"]

    def on_page(self, docname: str) -> list[tuple[str, ClauseEntry]]:
        """(key, clause) of each clause of one page, in the order the page has them: an index kept as pages are
        read, so what asks for one edition's clauses (the comparisons, the register's check) walks that edition's
        pages, not every clause of every edition."""
        found = ((key, self.clauses.get(key)) for key in self.data["by_page"].get(docname, ()))
        return [(key, entry) for key, entry in found if entry is not None and entry.docname == docname]

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
        return domain(env, CitationsDomain).citers(("clause", key) for key in changed_keys(before, after))

    def note_clause(self, key: str, entry: ClauseEntry) -> bool:
        """Record a clause; warn and return False if its number is taken in its scope."""
        other = self.clauses.get(key)
        if other is not None:
            self._warn_duplicate(key, entry, other)
            return False
        self.clauses[key] = entry
        self.data["by_page"].setdefault(entry.docname, {})[key] = None  # a set that keeps the page's order
        return True

    def _warn_duplicate(self, key: str, entry: ClauseEntry, other: ClauseEntry) -> None:
        where = f"{self.env.doc2path(other.docname, False)}:{other.lineno}"
        warn(
            Problem.DUPLICATE_CLAUSE,
            f"clause {unscoped(key)[1]} is numbered twice; the other is at {where}",
            (entry.docname, entry.lineno),
        )

    def clear_doc(self, docname: str) -> None:
        for key in self.data["by_page"].pop(docname, ()):  # an index, not a scan: 5,000 clauses, hundreds of pages
            entry = self.clauses.get(key)
            if entry is not None and entry.docname == docname:  # not a clause of that number on another page
                del self.clauses[key]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key, entry in otherdata["clauses"].items():
            if entry.docname not in docnames:
                continue
            other = self.clauses.get(key)
            if other is not None and other.docname != entry.docname:
                self._warn_duplicate(key, entry, other)
            else:
                self.clauses[key] = entry
                self.data["by_page"].setdefault(entry.docname, {})[key] = None

    def check_consistency(self) -> None:
        """Warn where sibling clauses skip a number, wherever the siblings are defined."""
        siblings: dict[str, list[tuple[str, str, ClauseEntry]]] = defaultdict(list)
        for key, entry in self.clauses.items():
            scope, number = unscoped(key)
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

    def objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        words = ClauseWords.of(self.env.config)
        for key, entry in sorted(self.clauses.items()):
            yield key, words.filed_as(key).name, "clause", entry.docname, entry.anchor, 1

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
        title = f"{ClauseWords.of(env.config).filed_as(target).name}: {entry.summary}"
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
        scope, number = unscoped(key)
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
