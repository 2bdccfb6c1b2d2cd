"""Cross-references read in place: a link to a clause, a glossary term, a code or a principle of conduct shows its
target's number or name, where it is, and its first words, on hover and on keyboard focus, without leaving the page::

    (paragraph 6.7)   ->   Paragraph 6.7, in 6 Members' access to information
                           The exercise of this right to information …

The words are worked out when the site is built, from what the domains hold: the clause domain's words of each clause
(``ClauseEntry.text``), the glossary's definitions (read here from Sphinx's ``glossary`` directive, where the std
domain files each term), the codes register's entries and the principles' own wording. Each page carries the previews
of the targets it links to, once each, in a ``<template>`` at the end of its text (``preview_store``): inert markup
that a browser neither shows nor reads out, and that loads nothing. ``previews.js`` makes each one a popover (the
browser's Popover API: the top layer, over the theme's header, and light dismiss) and links it to its links with
``aria-describedby``, so a screen reader says it when the link takes focus. WCAG 1.4.13 (content on hover or focus):
Escape hides it without moving the focus or the pointer, the pointer can move onto it, and it stays until the pointer
and the focus leave or the reader dismisses it. Without JavaScript each link is the plain link it was, its ``title``
the clause's first words as before.

Why our own 150 lines of script and not a library: sphinx-hoverxref asks Read the Docs' embed API for each preview,
which a council's static host does not have; sphinx-tippy loads Popper and Tippy.js from unpkg.com by default, writes
a per-page script named with a random id (two builds differ), keeps its data on the environment outside any domain,
so a page written alone in an incremental build loses the previews of pages not written with it, copies the target's
HTML with an inline ``style`` (refused by the site's Content-Security-Policy), and its Tippy.js (in maintenance mode)
neither hides on Escape (a plugin the page must write) nor stays under the pointer unless made ``interactive``, which
then drops ``aria-describedby``. What a library would do here, the browser's own popover already does.

Incremental and parallel builds: the definitions are kept in a domain (cleared and merged like any other), and which
targets each page cites in the index of who cites what (``engine.citations``); when a read changes what a preview
shows (a clause's words, a definition, a page's title), the pages citing it are written again
(``engine.snapshots.snapshot_around_read``).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from docutils.utils import normalize_language_tag
from docutils.utils.smartquotes import educate_tokens, smartchars, smartyPants
from sphinx import addnodes
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import __version__
from ..engine.builders import is_website
from ..engine.citations import Citation, CitationsDomain
from ..engine.domains import ConstitutionDomain, domain
from ..engine.found import before_resolving, on_resolved, read_nodes
from ..engine.nodes import LEFT_OUT, add_html_node
from ..engine.pages import page_title
from ..engine.snapshots import changed_keys, snapshot_around_read
from ..model.clauses.domain import ClauseDomain
from ..model.clauses.identity import Clause
from ..model.codes import KINDS, CodesDomain
from ..model.principles.domain import PrincipleDomain
from ..theme.assets import only_on_pages_with, script, stylesheet
from .descriptions import plain_text, shorten

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

#: The longest first words a preview shows, its ellipsis included: about three lines of the popover.
LIMIT = 240
#: The references that show a preview: (refdomain, reftype) -> the kind of target.
KINDS_PREVIEWED = {
    ("clause", "clause"): "clause",
    ("std", "term"): "term",
    ("codes", "code"): "code",
    ("principle", "principle"): "principle",
}
_MARK = "con_preview"  # on a reference's text while references are resolved: (kind, key) of its target
ASSETS = frozenset({"previews.js", "previews.css"})

Target = tuple[str, str]  # (kind, key): ("clause", "6.7"), ("term", "need to know"), ("code", "lga-1972") …


def setup(app: Sphinx) -> ExtensionMetadata:
    for concept in ("model.clauses", "model.principles", "model.codes"):
        app.setup_extension(f"sphinx_constitution.{concept}")
    app.add_domain(PreviewDomain)
    app.connect("doctree-read", PreviewDomain.note_page)
    before_resolving(app, mark_previewed)
    said = SaidThisBuild()
    app.connect("env-updated", said.forget)
    on_resolved(app, nodes.Element, said.add_previews)
    add_html_node(app, preview_store, (visit_store_html, depart_store_html), LEFT_OUT)
    add_html_node(app, preview, (visit_preview_html, depart_preview_html), LEFT_OUT)
    snapshot_around_read(app, PreviewDomain.shown, PreviewDomain.citers_of_changed)
    app.connect("builder-inited", stylesheet("previews.css"))
    app.connect("builder-inited", script("previews.js"))
    only_on_pages_with(app, preview_store, ASSETS)
    return {"version": __version__, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}


# -- nodes ----------------------------------------------------------------------------------------------


class preview_store(nodes.General, nodes.Element):
    """The previews of the targets a page links to, at the end of its text: inert until previews.js takes them."""


class preview(nodes.General, nodes.Element):
    """One target's preview: ``href`` is the address its links on this page have; ``name``, ``what`` and ``words``
    what it says (:class:`Shown`)."""


def visit_store_html(self: Any, node: preview_store) -> None:
    self.body.append('<template class="con-previews" id="con-previews">')


def depart_store_html(self: Any, node: preview_store) -> None:
    self.body.append("</template>\n")


def visit_preview_html(self: Any, node: preview) -> None:
    """The preview's markup, written whole from its three texts (as the translator would write a paragraph with the
    name in ``<strong>`` and the place in a ``<span>``, and one of the first words): a page carries up to a few dozen
    previews, and a tree of six nodes for each, made and walked on every page that links to the target, cost more
    than the rest of the previews together."""
    self.body.append(self.starttag(node, "div", "", CLASS="con-preview", **{"data-for": node["href"]}))
    self.body.append(
        f'<p class="con-preview-head"><strong>{self.encode(node["name"])},</strong> '
        f'<span class="con-preview-what">{self.encode(node["what"])}</span></p>\n'
    )
    if node["words"]:
        self.body.append(f'<p class="con-preview-words">{self.encode(node["words"])}</p>\n')
    self.body.append("</div>\n")
    raise nodes.SkipNode


def depart_preview_html(self: Any, node: preview) -> None:
    """Never called: :func:`visit_preview_html` writes the whole preview."""


# -- what each preview says -----------------------------------------------------------------------------


class Shown(NamedTuple):
    """What a preview says: its target's number or name, what and where it is, and its first words."""

    name: str
    what: str
    words: str


class Term(NamedTuple):
    docname: str
    name: str  # as the glossary writes it
    words: str  # its definition's first words


def shown(env: BuildEnvironment, target: Target) -> Shown | None:
    """The preview of *target*, or ``None`` if there is nothing to show (a target not on this site)."""
    said = shown_as_typed(env, target)
    return Shown(*(typographic(env, text) for text in said)) if said else None


def shown_as_typed(env: BuildEnvironment, target: Target) -> Shown | None:
    """The preview of *target* with its quotes as typed: what changes when the preview changes."""
    kind, key = target
    return _SHOWN[kind](env, key)


def typographic(env: BuildEnvironment, text: str) -> str:
    """*text* with the quotes, dashes and ellipses its page shows: a clause's words and a register's titles are kept
    as typed (``"Need to Know"``), and Sphinx's SmartQuotes prints them on the page as “Need to Know”."""
    if not env.config.smartquotes:
        return text
    return _smartened(text, env.config.smartquotes_action, env.settings.get("language_code") or "en")


@functools.lru_cache(maxsize=8192)
def _smartened(text: str, action: str, language_code: str) -> str:
    """SmartQuotes' educated text in the first of the language's tags it has quotes for (each target is previewed on
    many pages).

    ``smartyPants`` first splits its text at HTML tags with a pattern that takes time in the square of the length of
    a text holding none (0.15 ms for a preview's 160 characters: most of the previews' time); a text with no ``<``
    is one token, which is given to ``educate_tokens``, as Sphinx's SmartQuotes gives it each text of a page."""
    for tag in normalize_language_tag(language_code):
        if tag in smartchars.quotes:
            if "<" in text:
                return smartyPants(text, action, tag)
            return "".join(educate_tokens([("text", text)], action, tag))
    return text


def _clause(env: BuildEnvironment, key: str) -> Shown | None:
    entry = domain(env, ClauseDomain).clauses.get(key)
    if entry is None:
        return None
    cited = Clause.filed_as(env.config, key)
    where = page_title(env, entry.docname) + (f" ({cited.scope})" if cited.scope else "")
    return Shown(cited.title_name, _("in %s") % where, shorten(entry.text, LIMIT))


def _term(env: BuildEnvironment, key: str) -> Shown | None:
    term = domain(env, PreviewDomain).terms.get(key)
    if term is None:
        return None
    return Shown(term.name, _("in %s") % page_title(env, term.docname), term.words)


def _code(env: BuildEnvironment, key: str) -> Shown | None:
    entry = domain(env, CodesDomain).entries.get(key)
    if entry is None:
        return None
    facts = [f"{_('Legislation')}: {entry['legislation']}"] if entry.get("legislation") else []
    facts += [f"{_('Owner')}: {entry['owner']}"] if entry.get("owner") else []
    return Shown(entry["title"], str(KINDS[entry["kind"]]), shorten(". ".join(facts), LIMIT))


def _principle(env: BuildEnvironment, key: str) -> Shown | None:
    chosen = domain(env, PrincipleDomain).chosen
    principle = chosen.get(key) if chosen is not None else None
    if chosen is None or principle is None:
        return None
    where = _("principle %(number)d of %(set)s") % {"number": principle.number, "set": chosen.named}
    return Shown(principle.name, where, shorten(principle.text, LIMIT))


_SHOWN: dict[str, Callable[[BuildEnvironment, str], Shown | None]] = {
    "clause": _clause,
    "term": _term,
    "code": _code,
    "principle": _principle,
}


class PreviewDomain(ConstitutionDomain):
    """The glossary's definitions (``terms``: a term in lower case -> :class:`Term`). Which targets each page links
    to, so that a page is written again when what its previews say changes, is in the index of who cites what
    (``engine.citations``)."""

    name = "previews"
    label = "Previews of cross-references"
    initial_data: ClassVar[dict[str, Any]] = {"terms": {}}
    data_version = 2

    @property
    def terms(self) -> dict[str, Term]:
        return self.data["terms"]

    def clear_doc(self, docname: str) -> None:
        for name in [name for name, term in self.terms.items() if term.docname == docname]:
            del self.terms[name]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.terms.update((name, term) for name, term in otherdata["terms"].items() if term.docname in docnames)

    @staticmethod
    def note_page(app: Sphinx, doctree: nodes.document) -> None:
        """``doctree-read``: the definitions of the page's glossary."""
        previews, docname = domain(app.env, PreviewDomain), app.env.docname
        for item in read_nodes(app.env, doctree).of(nodes.definition_list_item):
            if not isinstance(item.parent.parent, addnodes.glossary):
                continue
            definition = next((child for child in item.children if isinstance(child, nodes.definition)), None)
            words = shorten(plain_text(definition.astext()), LIMIT) if definition is not None else ""
            for term in item.findall(nodes.term):
                name = plain_text(term.astext())
                previews.terms.setdefault(name.lower(), Term(docname, name, words))  # the std domain warns of twins

    @staticmethod
    def shown(env: BuildEnvironment) -> dict[Target, Shown | None]:
        """What the preview of every target a page links to says."""
        cited = domain(env, CitationsDomain).pages.values()
        targets = {target for citations in cited for citation in citations if (target := previewed(citation))}
        return {target: shown_as_typed(env, target) for target in targets}

    @staticmethod
    def citers_of_changed(
        env: BuildEnvironment, before: dict[Target, Shown | None], after: dict[Target, Shown | None]
    ) -> list[str]:
        changed: set[Target] = changed_keys(before, after)
        return domain(env, CitationsDomain).citers(changed, previewed)


def previewed(citation: Citation) -> Target | None:
    """The target a citation can preview, or ``None``."""
    return _previewed(citation.domain, citation.type, citation.target)


def target_of(ref: addnodes.pending_xref) -> Target | None:
    """The target a reference can preview, or ``None``."""
    return _previewed(ref.get("refdomain", ""), ref.get("reftype", ""), str(ref.get("reftarget", "")))


def _previewed(refdomain: str, reftype: str, key: str) -> Target | None:
    kind = KINDS_PREVIEWED.get((refdomain, reftype))
    if kind is None:
        return None
    return kind, key.lower() if kind == "term" else key


# -- the previews of a page -----------------------------------------------------------------------------


def mark_previewed(app: Sphinx, transform: SphinxPostTransform, references: list[addnodes.pending_xref]) -> None:
    """Before references are resolved (Sphinx's resolver runs at 10), on the website (not the PDFs, whose readers
    cannot hover): mark the text of each reference that can show a preview with its target. The resolver copies that
    text into the link it makes, so :meth:`SaidThisBuild.add_previews` finds the mark inside the link. (*references*:
    the page's, from the walk shared with the editions' labels, ``engine/found.py``, which point some at an older
    edition's label first.)"""
    if not is_website(app.builder):
        return
    for ref in references:
        target = target_of(ref)
        if target is not None and ref.children and isinstance(ref[0], nodes.Element):
            ref[0][_MARK] = target


class SaidThisBuild:
    """What each target's preview says, worked out the first time a page of the build links to it and kept for the
    others (a clause cited from ten pages is previewed once, not ten times), until the next build's read changes it.
    """

    def __init__(self) -> None:
        self.said: dict[Target, Shown | None] = {}

    def forget(self, app: Sphinx, env: BuildEnvironment) -> None:
        """``env-updated``: the pages read may have changed what any preview says."""
        self.said.clear()

    def shown(self, env: BuildEnvironment, target: Target) -> Shown | None:
        if target not in self.said:
            self.said[target] = shown(env, target)
        return self.said[target]

    def add_previews(self, app: Sphinx, doctree: nodes.document, docname: str, elements: list[nodes.Element]) -> None:
        """``doctree-resolved``: mark each resolved link that has a preview, and add the page's previews at its end.

        *elements*: the page's, from the walk its handlers share (``engine/found.py``). The marked texts are among
        them: they are marked before the event, and its handlers make new nodes without the mark and replace only
        their own placeholders."""
        found: dict[str, Shown] = {}
        for text in [node for node in elements if _MARK in node.attributes]:
            target = text.attributes.pop(_MARK)
            link = text.parent
            if not isinstance(link, nodes.reference):
                continue  # unresolved (and already reported): nothing to preview
            href = link.get("refuri") or f"#{link.get('refid', '')}"
            if href not in found:
                said = self.shown(app.env, target)
                if said is None:
                    continue  # resolved elsewhere (another site's clause, through intersphinx): nothing of ours to show
                found[href] = said
            link["classes"].append("con-has-preview")
        if found:
            doctree += preview_store("", *(_preview(href, said) for href, said in found.items()))


def _preview(href: str, said: Shown) -> preview:
    # The comma inside the name's element (visit_preview_html): a screen reader is given a space wherever an element
    # starts or ends
    return preview("", href=href, name=said.name, what=said.what, words=said.words)
