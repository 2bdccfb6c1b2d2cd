"""Tracked changes: an editor marks a proposed change with insertions and deletions.

Words inside a paragraph or heading take the roles; whole paragraphs, lists or clauses the directives::

    Officers {del}`must` {ins}`should` reply within ten working days.
    The Member may ask {ins}``the officer named in {clause}`6.7` `` for advice.

    :::{del}
    :::{clause} 6.8
    The old rule.
    :::
    :::

(Write the role with two backticks when its words hold another role.) One source gives two views,
chosen by the ``constitution_tracked_changes`` setting:

- ``False`` (the default), the clean edition: inserted text reads as ordinary text and deleted text
  is gone. A deletion's content is never even parsed, so nothing in it counts: a struck-out clause
  claims no number, a struck-out ``{code-ref}`` cites nothing.
- ``True``, the tracked view: both are shown, in ``<ins>`` and ``<del>`` elements, underlined and
  struck through, each with words a screen reader reads out where the change starts and ends
  ("Inserted text: … End of inserted text"), since the elements alone are not announced by every
  screen reader, and colour alone means nothing to many readers. A struck-out clause shows its number
  but claims it as little as in the clean view (:func:`.clauses.unregistered_clauses`): no id, nothing
  can cite it, and its replacement, inserted beside it, may take the same number.

Marks never nest. A proposal is one change to the text in force: text is either new or removed, so
an insertion inside a deletion contradicts itself, a deletion inside an insertion only means "insert
less", and a mark inside one of its own kind says nothing more. Every such nesting is an error, as
is an empty mark. A mark that is never closed (a ``:::{del}`` without its closing ``:::`` would take the
rest of the page with it) is found with every other fence never closed, and a role missing a backtick
(which would print "{ins}`" on the page) with every other role, by engine/content.py. Each is reported
with its file and line, in either view, so the clean build fails on a mistake that only the tracked
view would show.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from myst_parser.mocking import MockInliner
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .. import __version__
from ..config import settings
from ..engine.markup import NoOptions
from ..problems import Problem, warn
from ..theme.assets import stylesheet
from .clauses.directive import unregistered_clauses

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

INS, DEL = "ins", "del"
_MARK = re.compile(r"\{(ins|del)\}")  # a mark's name as written, role or directive
_REPORTED = "constitution:tracked-reported"  # env.temp_data: lines whose mark mistakes are already reported
_FENCES = "constitution:tracked-fences"  # env.temp_data: the page's block marks, see _mark_fences


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.config")
    app.connect("builder-inited", stylesheet("tracked.css"))
    for kind in (INS, DEL):
        app.add_role(kind, MarkRole())
        app.add_directive(kind, MarkDirective)
    in_words = (visit_in_words, depart_in_words)
    html = (visit_html, depart_html)
    app.add_node(tracked_inline, html=html, text=in_words, latex=in_words, man=in_words, texinfo=in_words)
    block_text = (visit_block_text, depart_block_text)
    app.add_node(tracked_block, html=html, text=block_text, latex=in_words, man=in_words, texinfo=in_words)
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}


# -- nodes and visitors ----------------------------------------------------------------------------


class tracked_inline(nodes.Inline, nodes.TextElement):
    """Words inserted or deleted (attribute ``kind``: ``ins`` or ``del``); only in the tracked view."""


class tracked_block(nodes.General, nodes.Element):
    """Paragraphs, lists or clauses inserted or deleted (attribute ``kind``); only in the tracked view."""


def _announcements(node: nodes.Element) -> tuple[str, str]:
    """What a reader is told where the change starts, and where it ends."""
    if node["kind"] == INS:
        return _("Inserted text:"), _("End of inserted text")
    return _("Deleted text:"), _("End of deleted text")


def _said(self: Any, words: str) -> str:
    """Words for screen readers only; left out of the site's search index."""
    return f'<span class="con-tracked-said" data-pagefind-ignore="">{self.encode(words)}</span>'


def visit_html(self: Any, node: nodes.Element) -> None:
    start, _end = _announcements(node)
    block = isinstance(node, tracked_block)
    classes = f"con-tracked con-tracked-{node['kind']}" + (" con-tracked-block" if block else "")
    self.body.append(self.starttag(node, node["kind"], "\n" if block else "", CLASS=classes))
    self.body.append(_said(self, f"{start} ") + ("\n" if block else ""))


def depart_html(self: Any, node: nodes.Element) -> None:
    # A space on both sides: Chromium gives a screen reader no text for the space between two marks
    # ("</del> <ins>"), so without its own the cue would run into the next one ("End of deleted textInserted").
    _start, end = _announcements(node)
    said = _said(self, f" {end} ")
    self.body.append(said + f"</{node['kind']}>" + ("\n" if isinstance(node, tracked_block) else ""))


def visit_in_words(self: Any, node: nodes.Element) -> None:
    """Any other writer: the announcements as plain words, written by the writer itself.

    A pass-through would print deleted text as if it were in force; this way "[Deleted text: …]"
    survives into LaTeX, man pages, Texinfo and plain text.
    """
    start, _end = _announcements(node)
    nodes.Text(f"[{start} ").walkabout(self)


def depart_in_words(self: Any, node: nodes.Element) -> None:
    _start, end = _announcements(node)
    nodes.Text("]" if isinstance(node, tracked_inline) else f" {end}]").walkabout(self)


def visit_block_text(self: Any, node: tracked_block) -> None:
    self.new_state(0)
    self.add_text(f"[{_announcements(node)[0]}]")
    self.end_state(wrap=False)


def depart_block_text(self: Any, node: tracked_block) -> None:
    self.new_state(0)
    self.add_text(f"[{_announcements(node)[1]}]")
    self.end_state(wrap=False)


# -- role and directive ----------------------------------------------------------------------------


def _report(env: BuildEnvironment, problem: Problem, message: str, line: int) -> None:
    """Warn once per line: a mark that is both nested and unclosed is one mistake to the editor."""
    reported = env.temp_data.setdefault(_REPORTED, set())
    assert isinstance(reported, set)
    if line not in reported:
        reported.add(line)
        warn(problem, message, (env.docname, line))


def _nested(env: BuildEnvironment, outer: str, text: str, line: int) -> None:
    """Report the first mark in *text*, the unparsed content of an *outer* mark, that starts on *line*."""
    inner = _MARK.search(text)
    if inner:
        _report(
            env,
            Problem.NESTED_MARK,
            f"{{{inner[1]}}} inside {{{outer}}}: marks do not nest; end the {{{outer}}} mark first",
            line,
        )


class MarkRole(SphinxRole):
    """``{ins}`words``` and ``{del}`words```; the words may hold other roles (``{ins}``see {clause}`6.7` ``)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        kind = self.name
        if not self.text.strip():
            _report(self.env, Problem.EMPTY_MARK, f"this {{{kind}}} mark is empty", self.lineno)
            return [], []
        _nested(self.env, kind, self.text, self.lineno)
        tracked = settings(self.config).tracked_changes
        if kind == DEL and not tracked:
            return [], []
        text = self.text
        # a space keeps a backtick inside apart from the role's own ones (as in Markdown's code spans)
        text = text[:-1] if text.endswith("` ") else text
        text = text[1:] if text.startswith(" `") else text
        # MyST's inliner parses Markdown here (a page in reStructuredText never gets this far: engine/content.py)
        assert isinstance(self.inliner, MockInliner)
        words, messages = self.inliner.parse(text, self.lineno, self.inliner, self.inliner.parent)
        if not tracked:
            return words, messages
        node = tracked_inline(self.rawtext, "", *words, kind=kind)
        self.set_source_info(node)
        return [node], messages


class MarkDirective(SphinxDirective):
    """``:::{ins}`` / ``:::{del}`` round whole paragraphs, lists or clauses (a clause inside needs fewer colons)."""

    has_content = True
    option_spec = NoOptions()  # so that MyST reports a mistaken option, not takes it as text

    def run(self) -> list[nodes.Node]:
        kind = self.name
        fence = _mark_fences(self.env, self.state.document).get(self.lineno)
        line = fence.line if fence else self.lineno
        if not any(text.strip() for text in self.content):
            _report(self.env, Problem.EMPTY_MARK, f"this {{{kind}}} mark is empty", line)
            return []
        content = list(self.content)
        while not content[0].strip():
            content.pop(0)
        first = fence.first if fence else self.lineno + self.content_offset + 1
        for index, text in enumerate(content):
            _nested(self.env, kind, text, first + index)

        tracked = settings(self.config).tracked_changes
        if kind == DEL and not tracked:
            return []
        if kind == DEL:
            with unregistered_clauses(self.env):
                body = self.parse_content_to_nodes()
        else:
            body = self.parse_content_to_nodes()
        if not tracked:
            return body
        node = tracked_block("", *body, kind=kind)
        self.set_source_info(node)
        return [node]


# -- where block marks open and close ------------------------------------------------------------


class Fence(NamedTuple):
    """A block mark as the page's source has it."""

    line: int  # the opening line
    first: int  # the line of the first words inside it


def _mark_fences(env: BuildEnvironment, document: nodes.document) -> dict[int, Fence]:
    """The page's block marks, by the line number that MyST gives their directive.

    MyST gives a directive inside another, and the text inside it, lines counted from where MyST cut
    the text out, one too many where a directive's text starts with a fence. So the page's source is
    read again with the same fence rules, once per page, for the lines a reader sees.
    """
    if _FENCES not in env.temp_data:
        source = Path(document["source"])
        text = source.read_text(encoding="utf-8-sig") if source.is_file() else ""
        env.temp_data[_FENCES] = dict(_fences(text))
    return env.temp_data[_FENCES]


_PARSER = MarkdownIt("commonmark").use(colon_fence_plugin)


def _fences(text: str, offset: int = 0, shift: int = 0) -> Iterator[tuple[int, Fence]]:
    """``{ins}`` / ``{del}`` fences in *text*, whose first line is line *offset* + 1 of the page.

    Colon fences hold Markdown, so the search goes on inside them (``{clause}``, ``{ins}`` …); a backtick
    fence is looked into only if it is itself a mark, since a code block's text is only text. *shift*
    follows MyST's numbering: inside a directive whose content starts with a fence, MyST counts one
    line too many.
    """
    for token in _PARSER.parse(text):
        if token.type not in ("fence", "colon_fence") or token.map is None:
            continue
        name = token.info.split(maxsplit=1)[0] if token.info.strip() else ""
        is_mark = name in ("{ins}", "{del}")
        if not is_mark and token.type != "colon_fence":
            continue
        start = token.map[0]
        if is_mark:
            inside = token.content.splitlines()
            blank = next((i for i, line in enumerate(inside) if line.strip()), 0)
            yield offset + start + 1 + shift, Fence(offset + start + 1, offset + start + 2 + blank)
        directive = name.startswith("{") and token.type == "colon_fence"
        more = 1 if directive and token.content.startswith(":::") else 0
        yield from _fences(token.content, offset + start + 1, shift + more)
