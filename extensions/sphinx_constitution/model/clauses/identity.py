"""A clause's identity: its scope and number, and all that follows from them under the project's settings.

Every place that files, anchors, names or links a clause asks this one value, so that what a clause is called
("paragraph 6.7", "Paragraph 6.7", "paragraphs 8 to 11"), where it is filed (``pre-2026:6.7``) and its anchor
(``#clause-6-7``, or ``#para-6-7`` under ``constitution_clause_id_prefix = "para"``) are worked out here and nowhere
else: the role, the domain and ``objects.inv``, the nodes and their permalinks, "cited in", previews, the codes
register, the comparison of editions, ``clauses.json``, the PDFs and search all ask a :class:`Clause`, and a new
output that shows clauses (a feed, say) has no name to build.

A scope is an edition's (``pre-2026``), a folder's of ``constitution_clause_scopes``, or the unnamed one of the
current text; so an older edition's clause knows its edition as its scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...config import scope_of, settings
from ..scopes import scoped, unscoped
from .numbers import ClauseNumber

if TYPE_CHECKING:
    from sphinx.config import Config


@dataclass(frozen=True)
class ClauseWords:
    """The council's words for its clauses, from the settings: ``paragraph``, ``paragraphs``, and the start of an
    anchor (``clause``)."""

    singular: str
    plural: str
    id_prefix: str

    @classmethod
    def of(cls, config: Config) -> ClauseWords:
        chosen = settings(config)
        return cls(chosen.clause_reference_prefix, chosen.clause_plural, chosen.clause_id_prefix)

    def filed_as(self, key: str) -> Clause:
        """The clause the domain files under *key* (:attr:`Clause.key`), named in these words: for the places that
        go over many clauses, which read the settings once."""
        return Clause(*unscoped(key), self)

    def name(self, number: str) -> str:
        """``paragraph 6.7``: one clause, as a sentence names it."""
        return f"{self.singular} {number}"

    def names(self, numbers: str) -> str:
        """``paragraphs 8 to 11``, ``paragraphs 6.7, 6.9 and 7.5(3)``: several clauses, their numbers as written."""
        return f"{self.plural} {numbers}"


def capitalised(text: str) -> str:
    """*text* with its first letter a capital, the rest as it is: ``Paragraph 6.7`` begins a sentence or a heading."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Clause:
    """One clause: its *number* (``7.5(3)``) in its *scope* (``""`` for the current text), with the *words* it is
    named in. Equal clauses have equal scopes and numbers."""

    scope: str
    number: str
    words: ClauseWords = field(compare=False)

    @classmethod
    def of(cls, config: Config, scope: str, number: str) -> Clause:
        return cls(scope, number, ClauseWords.of(config))

    @classmethod
    def on_page(cls, config: Config, docname: str, number: str) -> Clause:
        """The clause numbered *number* among those of the page *docname* (in that page's scope)."""
        return cls.of(config, scope_of(config, docname), number)

    @classmethod
    def filed_as(cls, config: Config, key: str) -> Clause:
        """The clause the domain files under *key* (:attr:`key`)."""
        return ClauseWords.of(config).filed_as(key)

    @property
    def key(self) -> str:
        """How the domain, ``objects.inv`` and every index file it: ``6.7`` in the unnamed scope, ``pre-2026:6.7``."""
        return scoped(self.scope, self.number)

    @property
    def anchor(self) -> str:
        """Its id on its page: ``clause-7-5-3`` (the configured prefix, then the number's parts)."""
        parsed = ClauseNumber.parse(self.number)
        return parsed.anchor(self.words.id_prefix) if parsed is not None else f"{self.words.id_prefix}-{self.number}"

    @property
    def name(self) -> str:
        """``paragraph 6.7``, as a sentence names it."""
        return self.words.name(self.number)

    @property
    def title_name(self) -> str:
        """``Paragraph 6.7``, as a heading or the start of a sentence names it."""
        return capitalised(self.name)
