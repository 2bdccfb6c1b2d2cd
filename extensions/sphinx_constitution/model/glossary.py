"""Definitions: Sphinx's ``glossary`` directive, on a page of its own or as a section of the protocol.

A council may keep its definitions on a glossary page (``docs/glossary.md``) or, as many protocols do, inside the
protocol: a section "2 Definitions" whose clause leads into them::

    ## {section-number}`2` Definitions

    ::::{clause} (1)
    In this protocol:

    ```{glossary}
    Member
      A councillor of the Council.
    ```
    ::::

Either way ``{term}`Member``` links to the definition from every page, previews it and counts in "cited in", and a
PDF that holds the page holds the definitions, its terms linked within it. Sphinx's directive does the work; this
module makes two repairs and notes where the definitions are:

- Line numbers. MyST hands a directive its text counted from the text's own first line, so Sphinx put a term, and
  its warnings about a glossary's layout, at line 0, 1, 2 … of the page; here the text carries its page's lines.
- A term defined twice. Sphinx's warning named the other page but no line, and had no type; it missed ``Member`` and
  ``member``, which ``{term}`` reads as one term (the last one read wins, silently). Here each definition is noted,
  and the second is a ``[constitution.duplicate_term]`` warning at its line naming the first's file and line;
  Sphinx's own warning for a term is left out, so that a mistake is reported once. Two terms are one when a reader
  cannot tell them apart (:func:`term_key`): in another case, in another Unicode form of the same letters, or with
  an accent more or less.
- Where the definitions are (``DefinitionsDomain.glossaries``): the search page points readers without JavaScript
  to them, wherever they are, and names them as their heading does.
"""

from __future__ import annotations

import logging
import unicodedata
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from docutils.statemachine import StringList
from myst_parser.mocking import MockState
from sphinx import addnodes
from sphinx.domains.std import Glossary
from sphinx.locale import __
from sphinx.util import logging as sphinx_logging

from .. import __version__
from ..engine.domains import ConstitutionDomain, domain
from ..engine.found import read_nodes
from ..engine.nodes import ancestors
from ..problems import Problem, warn

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_domain(DefinitionsDomain)
    app.add_directive_to_domain("std", "glossary", DefinitionsGlossary, override=True)
    app.connect("doctree-read", note_glossary)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}


class Definition(NamedTuple):
    docname: str
    line: int
    name: str  # as written


class GlossaryPlace(NamedTuple):
    """Where a glossary is: its page, the id of the section around it ("" for the page's own) and that section's
    title, and how many terms it defines."""

    docname: str
    anchor: str
    title: str
    terms: int


def term_key(name: str) -> str:
    """What two terms are compared by: *name* as a reader tells it from another, so that ``Member``, ``member``,
    ``Membér`` (``é`` one character or ``e`` and an accent, NFKC) and ``Ｍｅｍｂｅｒ`` are one term.

    Case is folded (``{term}`` finds a term by its lower case; ``casefold`` also holds ``ß`` and ``SS`` one) and the
    text normalised (NFKC: one form for letters Unicode can write two ways, which look the same, and for full-width
    and compatibility letters), as anyone would expect. Accents are left out of the comparison too, and only there
    (the warning names the terms as written): in a glossary of English terms, two that differ only by an accent are
    a slip of the keyboard or a paste from Word, never two meanings a reader should tell apart at a glance, and
    ``{term}`` written without the accent would silently link the other one. A council defining Welsh terms that
    differ only by a circumflex or an accent (``tân`` and ``tan``) would be told so: rare, and the safer mistake.
    Invisible characters (a zero-width space pasted from a web page, format characters) are left out as well."""
    letters = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in letters if not unicodedata.combining(char) and unicodedata.category(char) != "Cf")
    return unicodedata.normalize("NFKC", bare).casefold()


class DefinitionsDomain(ConstitutionDomain):
    """Every term defined, by its :func:`term_key`, and every glossary, by page."""

    name = "definitions"
    label = "Definitions"
    initial_data: ClassVar[dict[str, Any]] = {"terms": {}, "glossaries": {}}
    data_version = 2

    @property
    def terms(self) -> dict[str, Definition]:
        return self.data["terms"]

    @property
    def glossaries(self) -> dict[str, GlossaryPlace]:
        """docname -> the page's first glossary."""
        return self.data["glossaries"]

    def note_term(self, definition: Definition) -> None:
        """Record a definition; warn at it if the term is defined already."""
        other = self.terms.get(term_key(definition.name))
        if other is not None:
            self._warn_twice(definition, other)
            return
        self.terms[term_key(definition.name)] = definition

    def _warn_twice(self, definition: Definition, other: Definition) -> None:
        where = f"{self.env.doc2path(other.docname, False)}:{other.line}"
        spelt = f" (as {other.name!r})" if other.name != definition.name else ""
        message = f"term {definition.name!r} is defined twice: here and at {where}{spelt}"
        warn(Problem.DUPLICATE_TERM, message, (definition.docname, definition.line))

    def where(self) -> GlossaryPlace | None:
        """The glossary with the most terms (a project's one glossary, or its main one), or ``None``."""
        found = sorted(self.glossaries.values(), key=lambda g: (-g.terms, g.docname))
        return found[0] if found else None

    def clear_doc(self, docname: str) -> None:
        for name in [name for name, term in self.terms.items() if term.docname == docname]:
            del self.terms[name]
        self.glossaries.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.glossaries.update((doc, g) for doc, g in otherdata["glossaries"].items() if doc in docnames)
        for name, definition in otherdata["terms"].items():
            if definition.docname not in docnames:
                continue
            other = self.terms.get(name)
            if other is not None and other.docname != definition.docname:
                self._warn_twice(definition, other)
            else:
                self.terms[name] = definition


class DefinitionsGlossary(Glossary):
    """Sphinx's ``glossary``, its terms at their lines of the page and each noted in :class:`DefinitionsDomain`."""

    def run(self) -> list[nodes.Node]:
        if isinstance(self.state, MockState):  # MyST: lines counted from the text's start (see the module's text)
            first = self.lineno + self.content_offset + 1
            lines = [(source, first + index) for index, (source, _offset) in enumerate(self.content.items)]
            self.content = StringList(list(self.content), items=lines)
            self.state = _CountedFromText(self.state, first)
        with _without_sphinx_twin_warning():
            found = super().run()
        definitions = domain(self.env, DefinitionsDomain)
        for glossary in (node for node in found if isinstance(node, addnodes.glossary)):
            for term in glossary.findall(nodes.term):
                definitions.note_term(Definition(self.env.docname, term.line or self.lineno, term.astext()))
        return found


class _CountedFromText:
    """MyST's state, for a glossary whose text carries its page's lines: a definition's nested parse is given its
    offset from the text's first line, as MyST counts it (MyST adds the directive's own line), so that what is
    inside a definition keeps its line too."""

    def __init__(self, state: MockState, first: int) -> None:
        self._state = state
        self._first = first

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state, name)

    def nested_parse(self, block: StringList, input_offset: int, node: nodes.Element, *args: Any, **kw: Any) -> Any:
        return self._state.nested_parse(block, input_offset - self._first, node, *args, **kw)


def note_glossary(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: where the page's first glossary is, with the id its section has once read (a numbered
    heading's lasting ``clause-2``, headings.py)."""
    glossaries = read_nodes(app.env, doctree).of(addnodes.glossary)
    if not glossaries:
        return
    glossary = glossaries[0]
    sections = [node for node in ancestors(glossary) if isinstance(node, nodes.section)]
    section = sections[0] if sections else None
    title = section[0].astext() if section is not None and isinstance(section[0], nodes.title) else ""
    anchor = section["ids"][0] if section is not None and len(sections) > 1 and section["ids"] else ""
    terms = sum(1 for _term in glossary.findall(nodes.term))
    domain(app.env, DefinitionsDomain).glossaries[app.env.docname] = GlossaryPlace(
        app.env.docname, anchor, title, terms
    )


@contextmanager
def _without_sphinx_twin_warning() -> Iterator[None]:
    """While Sphinx's glossary runs, leave out its own warning about a term defined twice (ours says where both are).

    Sphinx gives it without a type, so ``suppress_warnings`` cannot name it: a filter on the logger of Sphinx's
    standard domain drops that one message, for terms only, and only while the directive runs."""
    said = str(__("duplicate %s description of %s, other instance in %s"))

    def keep(record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not (str(record.msg) == said and args[:1] == ("term",))

    logger = sphinx_logging.getLogger("sphinx.domains.std").logger
    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)
