"""The ``{clause}`` role: a reference to one clause, or to several, each number a link."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from ...config import scope_of
from ...problems import Problem, warn
from ..scopes import unscoped
from .citing import Cited, read_citation
from .identity import ClauseWords

#: The class of the text of a ``{clause}`` reference (its number, or its title): how the writers that lay it out
#: (the PDFs keep a number whole on its line) find a reference to a clause among the page's inlines.
REFERENCE_CLASS = "clause-clause"


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
        if has_title:
            return [self._titled(title, items)], []
        several = len(items) > 1 or len(items[0].ends) == 2
        shown: list[nodes.Node] = self._several(items) if several else [self._one(items[0])]
        self._check_word_before(target, several)
        return shown, []

    def _check_word_before(self, target: str, several: bool) -> None:
        """Warn if the words just before the reference are the word it prints: ``paragraph {clause}`3(2)```, copied
        from a citation as written, would read "paragraph paragraph 3(2)" on a page that builds cleanly.

        The text before a role ends the paragraph being read (``inliner.parent``, which MyST fills as it
        reads). Either word counts, the prefix or its plural ("paragraphs {clause}`8`" reads "paragraphs paragraph 8").
        """
        parent = getattr(self.inliner, "parent", None)
        children = parent.children if isinstance(parent, nodes.Element) else []
        before = ""
        for node in reversed(children):  # a line break is a text of its own
            if not isinstance(node, nodes.Text):
                break
            before = node.astext() + before
        if not before[-1:].isspace():
            return
        text = before.rstrip()
        words = ClauseWords.of(self.config)
        printed = words.plural if several else words.singular
        for word in (words.singular, words.plural):
            written = text[len(text) - len(word) :]
            if written.lower() == word.lower() and not text[: -len(word)][-1:].isalnum():
                cited = target.strip()
                message = (
                    f'"{written}" is written before this reference, which prints it too '
                    f'("{written} {printed} {cited}"): leave "{written}" out, '
                    f"or give the words: {{clause}}`{written} {cited} <{cited}>`"
                )
                warn(Problem.DOUBLED_REFERENCE_WORD, message, self.get_location())
                return

    def _one(self, item: Cited) -> nodes.Element:
        if not item.ends:
            return self._words(ClauseWords.of(self.config).name(unscoped(item.written)[1].strip()))
        key, shown = item.ends[0]
        return self._link(key, ClauseWords.of(self.config).name(shown), explicit=False)

    def _titled(self, title: str, items: list[Cited]) -> nodes.Element:
        cited = [(key, *_range_of(item)) for item in items for key in item.keys]
        if not cited:
            return self._words(title)
        ref = self._link(cited[0][0], title, explicit=True)
        if cited[1:]:
            ref["also_cites"] = cited[1:]
        return ref

    def _several(self, items: list[Cited]) -> list[nodes.Node]:
        found: list[nodes.Node] = [nodes.Text(ClauseWords.of(self.config).names(""))]
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
        ref += nodes.inline(self.rawtext, text, classes=["xref", REFERENCE_CLASS])
        return ref

    def _words(self, text: str) -> nodes.inline:
        """Words that link nowhere (a number that could not be read, already reported)."""
        return nodes.inline(self.rawtext, text, classes=["xref", REFERENCE_CLASS])
