"""The protocol's pages, written as MyST Markdown in the project's vocabulary (README, "Authoring guide").

``pages(protocol)`` gives each page's text; ``plan(protocol, project)`` every file the import changes in a project
the starter made, as bytes (or None for a file it removes), so that the command can build and check them in a copy
before any is written. The same protocol gives the same bytes: no dates, no paths, pages in the document's order.

Word's words are data: every character that Markdown or MyST would read as syntax (a backtick, ``{``, ``*``, ``_``,
``[``, ``<``, ``|``, a ``#``, ``+``, ``-``, ``:`` or ``%`` starting a line, "1." starting a line…) is escaped with a
backslash, so the page shows the words exactly as Word does and no text becomes a role, a directive or a link.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from .document import Change, CrossReference, FootnoteReference, Inline, Notice, Paragraph, Run
from .structure import Bullets, Captioned, Clause, DoDont, Heading, Page, Protocol, citations, reference_key

#: The first line of every page the import writes: how a later import knows which pages are its own to replace.
MARK = "% Imported from a Word document by sphinx-constitution-import: edit it here, or import the document again."
STARTER_PAGES = ("working-together.md", "principles.md")  # the starter's example protocol

_ESCAPE = re.compile(r"([\\`*_\[\]<>{}|~$&])")
_LINE_START = re.compile(r"^([#+\-=:%]|[0-9]+(?=[.)]))")
_TARGET = re.compile(r"^\((.*)\)=\s*$")
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


#: "{name}" in prose is what the project's content guard reports as a role missing its backticks
#: (engine/content.py): Word's words "{x}" get a word joiner (U+2060, not seen) after the brace.
_ROLE_LIKE = re.compile(r"(?<![{\w])\{(?=[A-Za-z][\w.:-]*\}(?!\}))")
WORD_JOINER = "\u2060"


def escape(text: str) -> str:
    """Word's text as Markdown that shows exactly these words: syntax characters escaped, tabs as spaces."""
    text = _ROLE_LIKE.sub("{" + WORD_JOINER, text.replace("\t", " ").replace("\u00ad", ""))
    return _ESCAPE.sub(r"\\\1", text)


def _line_starts(text: str) -> str:
    """Escape what would begin a block at the start of a line: a heading, a list, a fence, a field, a comment."""
    lines = []
    for line in text.split("\n"):
        line = line.lstrip(" ")
        if _TARGET.match(line):
            line = "\\" + line
        found = _LINE_START.match(line)
        if found and found[1][0].isdigit():
            end = found.end()
            line = line[:end] + "\\" + line[end:]
        elif found:
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def role(name: str, content: str) -> str:
    """``{name}`content``` with enough backticks that none in *content* ends it (a space beside an edge one)."""
    runs = [len(run) for run in re.findall(r"`+", content)]
    ticks = "`" * (max(runs, default=0) + 1)
    if content.startswith("`"):
        content = " " + content
    if content.endswith("`"):
        content += " "
    return f"{{{name}}}{ticks}{content}{ticks}"


# -- words -------------------------------------------------------------------------------------------------------


@dataclass
class _Context:
    """What writing a page's words needs: the protocol (for references) and the page's footnotes so far."""

    protocol: Protocol
    notes: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    references: int = 0


def words(inlines: list[Inline], context: _Context, view: Change = None, where: Paragraph | None = None) -> str:
    """A paragraph's words as Markdown. With no *view* a tracked change is a ``{ins}``/``{del}`` mark; inside a
    block mark (*view* "ins" or "del") the words are that side's, with no mark (marks never nest)."""
    out: list[str] = []
    group: list[Inline] = []
    change: Change = None

    def flush() -> None:
        if group:
            text = _plain(group, context, where)
            out.append(role(change, text) if change and text.strip() else text)
            group.clear()

    for inline in inlines:
        if view is not None:
            if inline.change not in (None, view):
                continue
            mark: Change = None
        else:
            mark = inline.change
        if isinstance(inline, FootnoteReference):
            if mark != "del":  # a deleted note's mark is not shown: the words around it stay one group
                flush()
                out.append(_footnote(inline, context))
            continue
        if mark != change:
            flush()
            change = mark
        group.append(inline)
    flush()
    text = ""
    for part in out:
        text = _then(text, part)
    text = text.strip()
    text = re.sub(r"\n\s*", "\\\n", text)  # a line break in Word: a hard break
    text = re.sub(r"(\[\^[0-9]+\])([(:])", r"\1\\\2", text)  # "[^1](" is a link, "[^1]:" a footnote's text
    return _line_starts(text)


def _footnote(note: FootnoteReference, context: _Context) -> str:
    number = len(context.notes) + 1
    paragraphs = [words(list(p), context) for p in note.paragraphs] or [""]
    body = "\n\n".join(paragraphs).replace("\n", "\n    ")
    context.notes.append(f"[^{number}]: {body}".rstrip())
    return f"[^{number}]"


def _plain(inlines: list[Inline], context: _Context, where: Paragraph | None) -> str:
    """Runs and references with no change mark among them: emphasis, links, ``{clause}`` references."""
    pieces: list[tuple[str, str]] = []  # (markup around, text)
    for inline in inlines:
        if isinstance(inline, CrossReference):
            pieces.append(("", _cross_reference(inline, context, where)))
        elif isinstance(inline, Run) and inline.text:
            text = _cited(inline.text, context) if inline.link is None else escape(inline.text)
            if inline.link is not None:
                text = _link(text, inline.link, context, where)
            marker = ("**" if inline.bold else "") + ("*" if inline.italic else "")
            if pieces and pieces[-1][0] == marker and marker and not isinstance(inline, CrossReference):
                pieces[-1] = (marker, pieces[-1][1] + text)
            else:
                pieces.append((marker, text))
    out = ""
    for index, (marker, text) in enumerate(pieces):
        if not marker:
            out = _then(out, text)
            continue
        inner = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        following = pieces[index + 1] if index + 1 < len(pieces) else ("", "")
        # the next piece's own emphasis opening right here would join this one's closing "**" into one run
        after = " " if trail else ("*" if following[0] and following[1][:1].strip() else following[1][:1])
        before = (out + lead)[-1:]
        if inner and "*" not in (before, after) and _flanks(before, inner, after):
            out = _then(out, f"{lead}{marker}{inner}{marker[::-1]}{trail}")
        else:
            out = _then(out, text)
    return out


def _then(before: str, markup: str) -> str:
    """*before* then *markup*, with a "!" that ends *before* escaped where *markup* is a link or a footnote's mark
    ("![...](...)" is an image)."""
    if markup.startswith("[") and before.endswith("!"):
        backslashes = len(before[:-1]) - len(before[:-1].rstrip("\\"))
        if backslashes % 2 == 0:
            return before[:-1] + "\\!" + markup
    return before + markup


def _flanks(before: str, inner: str, after: str) -> bool:
    """Whether ``**inner**`` between *before* and *after* is emphasis in CommonMark (its delimiter runs flank)."""
    opens = not _punctuation(inner[0]) or not before or before.isspace() or _punctuation(before)
    closes = not _punctuation(inner[-1]) or not after or after.isspace() or _punctuation(after)
    return opens and closes


def _punctuation(character: str) -> bool:
    """Punctuation as CommonMark counts it for emphasis: ASCII's, and Unicode's punctuation and symbols (’, —)."""
    return character in _PUNCT or unicodedata.category(character)[0] in "PS"


def _link(text: str, address: str, context: _Context, where: Paragraph | None) -> str:
    if not re.match(r"(?i)(https?:|mailto:)", address):
        if where is not None:
            context.notices.append(Notice("link", where.where, f"a link to {address!r} is kept as its words only"))
        return text
    safe = quote(address, safe="/:?#[]@!$&'()*+,;=%~-._")
    return f"[{text}](<{safe}>)"


def _cross_reference(reference: CrossReference, context: _Context, where: Paragraph | None) -> str:
    key = reference_key(reference, context.protocol)
    shown = " ".join(reference.shown.split())
    if key is None or not shown or re.search(r"[`<>]", shown):
        known = any(n.kind == "cross-reference" and n.where == where.where for n in context.protocol.notices if where)
        if where is not None and reference.field == "REF" and not known:
            detail = f"a cross-reference showing {shown!r} points at no numbered paragraph: kept as its words"
            context.notices.append(Notice("cross-reference", where.where, detail))
        return escape(shown)
    context.references += 1
    return role("clause", f"{shown} <{key}>")


def _cited(text: str, context: _Context) -> str:
    """A run's words with its plain-text citations made ``{clause}`` references (README, "Numbered clauses")."""
    out, at = "", 0
    for citation in citations(text, context.protocol):
        out += escape(text[at : citation.start])
        if citation.plain:
            out += role("clause", citation.target)
        else:
            out += role("clause", f"{' '.join(citation.words.split())} <{citation.target}>")
        context.references += 1
        at = citation.end
    return out + escape(text[at:])


# -- blocks ------------------------------------------------------------------------------------------------------


@dataclass
class Fence:
    """A directive in colon fences; its fence is longer than any inside it."""

    name: str
    argument: str = ""
    options: list[str] = field(default_factory=list)
    body: list[str | Fence] = field(default_factory=list)

    def height(self) -> int:
        return 1 + max((part.height() for part in self.body if isinstance(part, Fence)), default=0)

    def text(self) -> str:
        colons = ":" * (2 + self.height())
        head = f"{colons}{{{self.name}}}" + (f" {self.argument}" if self.argument else "")
        inside = "\n\n".join(part.text() if isinstance(part, Fence) else part for part in self.body if part)
        options = "".join(f"{option}\n" for option in self.options)
        gap = "\n" if options and inside else ""
        return f"{head}\n{options}{gap}{inside}\n{colons}"


def _paragraph(paragraph: Paragraph, context: _Context, view: Change) -> str | Fence:
    """A paragraph on its own: inside a block mark, that side's words; changed as a whole, a block mark."""
    if view is None and paragraph.change is not None:
        text = words(paragraph.inlines, context, paragraph.change, paragraph)
        return Fence(paragraph.change, body=[text]) if text else ""
    if view is not None and paragraph.change not in (None, view):
        return ""
    return words(paragraph.inlines, context, view, paragraph)


def _cell_words(paragraph: Paragraph, context: _Context) -> str:
    """A table cell's paragraph: its words, after the number Word shows on it, if any (not a bullet)."""
    text = _item_words(paragraph, context, None)
    label = paragraph.label
    if text and label is not None and label.text.strip() and not (label.formats and label.formats[-1] == "bullet"):
        return _line_starts(escape(label.text.strip()) + " " + text)
    return text


def _item_words(paragraph: Paragraph, context: _Context, view: Change) -> str:
    """A list item's or a table cell's words: a paragraph changed as a whole is one ``{ins}``/``{del}`` mark."""
    if view is not None:
        return "" if paragraph.change not in (None, view) else words(paragraph.inlines, context, view, paragraph)
    if paragraph.change is not None:
        text = words(paragraph.inlines, context, paragraph.change, paragraph)
        return role(paragraph.change, text) if text else ""
    return words(paragraph.inlines, context, None, paragraph)


def _bullets(bullets: Bullets, context: _Context, view: Change, marker: str = "-") -> str:
    lines = []
    base = min((depth for depth, _p in bullets.items), default=0)
    shown = -1  # the depth of the item written last: an item nests at most one deeper (Markdown's rule)
    for depth, paragraph in bullets.items:
        text = _item_words(paragraph, context, view)
        if text:
            shown = min(max(0, depth - base), shown + 1)
            indent = "  " * shown
            lines.append(indent + f"{marker} " + text.replace("\n", "\n" + indent + "  "))
    return "\n".join(lines)


def _clause(clause: Clause, context: _Context, view: Change) -> Fence | str:
    if view is not None and clause.change not in (None, view):
        return ""
    inner_view = view if view is not None else clause.change
    fence = Fence("clause", clause.number)
    first = words(clause.paragraph.inlines, context, inner_view, clause.paragraph)
    fence.body.append(first)
    for part in clause.body:
        if isinstance(part, Clause):
            fence.body.append(_clause(part, context, inner_view))
        elif isinstance(part, Bullets):
            fence.body.append(_bullets(part, context, inner_view))
        else:
            fence.body.append(_paragraph(part, context, inner_view))
    if view is None and clause.change is not None:
        return Fence(clause.change, body=[fence])
    return fence


def _heading(heading: Heading, context: _Context, level: int) -> str:
    """A heading: its number (``{section-number}`` where its section's clauses are bracketed), then its words, not
    bold (a heading is)."""
    plain = [replace(i, bold=False) if isinstance(i, Run) else i for i in heading.paragraph.inlines]
    text = words(plain, context, None, heading.paragraph)
    # with the role, the number as the project prints a section's ("1." in Word is 1, as a clause's is)
    number = role("section-number", heading.number) if heading.role else escape(heading.shown)
    return "#" * level + " " + " ".join(part for part in (number, text.replace("\\\n", " ")) if part)


def _dodont(table: DoDont, context: _Context) -> Fence:
    rows = []
    for do, dont in table.rows:
        sides = []
        for cell, marker in ((do, "+"), (dont, "-")):
            items = [text for p in cell if (text := _cell_words(p, context))]
            if items:
                sides.append("\n".join(f"{marker} {text}" for text in items))
        if sides:
            rows.append("\n\n".join(sides))
    options = [f":do: {_option(table.do)}", f":dont: {_option(table.dont)}"]
    return Fence("do-dont", _argument(table.caption), options, ["\n\n---\n\n".join(rows)])


def _captioned(table: Captioned, context: _Context) -> Fence:
    lines = []
    for row in table.rows:
        for index, cell in enumerate(row):
            texts = [text for p in cell if (text := _cell_words(p, context))]
            body = "\n\n".join(texts).replace("\n", "\n    ")
            lines.append(("* - " if index == 0 else "  - ") + body if body else ("* -" if index == 0 else "  -"))
    options = [f":header-rows: {table.header_rows}"] if table.header_rows else []
    return Fence("list-table", _argument(table.caption), options, ["\n".join(lines)])


def _argument(text: str) -> str:
    return escape(" ".join(text.split())) or "Table"


def _option(text: str) -> str:
    return " ".join(text.split())


def page(page_: Page, protocol: Protocol, notices: list[Notice] | None = None) -> tuple[str, int]:
    """One page's Markdown, and how many clause references it makes."""
    context = _Context(protocol)
    parts: list[str | Fence] = [MARK, _heading(page_.heading, context, 1)]
    level = 1
    for part in page_.body:
        if isinstance(part, Heading):
            level = min(part.level, level + 1)
            parts.append(_heading(part, context, level))
        elif isinstance(part, Clause):
            parts.append(_clause(part, context, None))
        elif isinstance(part, Bullets):
            parts.append(_bullets(part, context, None))
        elif isinstance(part, DoDont):
            parts.append(_dodont(part, context))
        elif isinstance(part, Captioned):
            parts.append(_captioned(part, context))
        else:
            parts.append(_paragraph(part, context, None))
    parts += context.notes
    if notices is not None:
        notices += context.notices
    text = "\n\n".join(part.text() if isinstance(part, Fence) else part for part in parts if part)
    return re.sub(r"[ \t]+\n", "\n", text) + "\n", context.references


# -- the project ---------------------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What the import does to a project: files to write (path from the project -> bytes) or remove (None), the
    starter's files it replaced with a form, the council's files it left, and the references in those that no
    longer find their clause (file, line, the reference)."""

    files: dict[str, bytes | None]
    pages: list[str]
    forms: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    broken: list[tuple[str, int, str]] = field(default_factory=list)
    other_pages: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # an earlier import's pages that this one does not write
    replaced: list[str] = field(default_factory=list)  # pages of the council's own that an imported page replaces
    references: int = 0
    notices: list[Notice] = field(default_factory=list)


_TOCTREE = re.compile(r"^(?P<fence>```+|:::+)\{toctree\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)


def plan(protocol: Protocol, project: Path, starter: dict[str, bytes] | None) -> Plan:
    """Every file the import writes into *project*. *starter* is the starter's project rendered again from the
    project's answers (path -> bytes), or None if it could not be: then no file of the starter's is replaced."""
    protocol_dir = project / "docs/protocol"
    files: dict[str, bytes | None] = {}
    names = []
    total = 0
    notices: list[Notice] = []
    replaced = []
    for one in protocol.pages:
        text, references = page(one, protocol, notices)
        total += references
        relative = f"docs/protocol/{one.name}.md"
        files[relative] = text.encode("utf-8")
        names.append(one.name)
        if (project / relative).is_file() and not _imported(project / relative, starter):
            replaced.append(relative)
    other: list[str] = []
    removed: list[str] = []
    for existing in sorted(protocol_dir.glob("*.md")):
        relative = f"docs/protocol/{existing.name}"
        if existing.name == "index.md" or relative in files:
            continue
        first = existing.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
        as_made = starter is not None and starter.get(relative) == existing.read_bytes()
        if first == MARK or (existing.name in STARTER_PAGES and as_made):
            files[relative] = None
            if first == MARK:
                removed.append(relative)
        else:
            other.append(existing.stem)
    index = (protocol_dir / "index.md").read_text(encoding="utf-8")
    files["docs/protocol/index.md"] = _index(index, names + other).encode("utf-8")
    result = Plan(files, names, other_pages=other, references=total, notices=notices, removed=removed)
    result.replaced = replaced
    _starter_files(result, protocol, project, starter)
    return result


def _imported(path: Path, starter: dict[str, bytes] | None) -> bool:
    """Whether a page of the protocol is an earlier import's, or the starter's as it made it."""
    data = path.read_bytes()
    relative = f"docs/protocol/{path.name}"
    return data.startswith(MARK.encode("utf-8")) or (starter is not None and starter.get(relative) == data)


def _index(text: str, names: list[str]) -> str:
    """The protocol's start page with its toctree listing *names*, its status block, words and options kept."""
    found = _TOCTREE.search(text)
    if found is None:
        return text.rstrip("\n") + "\n\n```{toctree}\n:maxdepth: 1\n\n" + "\n".join(names) + "\n```\n"
    options = [line for line in found["body"].splitlines() if line.startswith(":")]
    body = "\n".join(options) + ("\n\n" if options else "") + "\n".join(names) + "\n"
    return text[: found.start("body")] + body + text[found.end("body") :]


_CLAUSE_ROLE = re.compile(r"\{clause\}(`+)(.+?)\1")
_CODE_ROLE = re.compile(r"\{code-ref\}`(?:[^`<]*<)?([^`>]+)>?`")
#: The starter's files that cite its example protocol, and how each becomes a form that cites nothing of it.
FORMS = ("docs/notes/members.md", "docs/notes/employees.md", "docs/glossary.md", "docs/_data/codes.toml")
_NOTE_FORM = (
    "*For the council to write:* the few rules of the protocol that matter most to {who}, each in a sentence with "
    "the paragraph it comes from (a reference to its number, as the protocol's pages cite one another)."
)


def _starter_files(result: Plan, protocol: Protocol, project: Path, starter: dict[str, bytes] | None) -> None:
    """Replace the starter's notes, glossary and register while they are as the starter made them (or as an earlier
    import made them into forms); list the references that the council's own pages lose."""
    keys = protocol.clause_keys()
    for relative in FORMS:
        path = project / relative
        made = starter.get(relative) if starter is not None else None
        if not path.is_file() or not relative.endswith(".md"):
            continue
        form = _form(relative, made.decode("utf-8")).encode("utf-8") if made is not None else None
        if path.read_bytes() in (made, form) and form is not None:
            result.files[relative] = form
            result.forms.append(relative)
        else:
            result.kept.append(relative)
    for path in sorted((project / "docs").rglob("*.md")):
        relative = path.relative_to(project).as_posix()
        if relative not in result.files:
            result.broken += _broken(relative, path.read_text(encoding="utf-8", errors="replace"), keys)
    registry = "docs/_data/codes.toml"
    made = starter.get(registry) if starter is not None else None
    if made is not None and (project / registry).is_file():
        cited = {code for text in _pages_after(result, project) for code in _CODE_ROLE.findall(text)}
        entries = _registry_form(made.decode("utf-8"), cited)
        if entries is not None and (project / registry).read_bytes() in (made, entries.encode("utf-8")):
            result.files[registry] = entries.encode("utf-8")
            result.forms.append(registry)


def _pages_after(result: Plan, project: Path) -> list[str]:
    """The text of every page of the project as the import leaves it."""
    found = []
    for path in sorted((project / "docs").rglob("*.md")):
        relative = path.relative_to(project).as_posix()
        if relative not in result.files:
            found.append(path.read_text(encoding="utf-8", errors="replace"))
    found += [data.decode("utf-8") for name, data in result.files.items() if data is not None and name.endswith(".md")]
    return found


def _form(relative: str, text: str) -> str:
    """The starter's file without its citations of the example protocol, saying what the council writes there."""
    if relative.startswith("docs/notes/"):
        who = "councillors" if relative.endswith("members.md") else "the Council's employees"
        lines = text.split("\n")
        kept = [line for line in lines if not (line.startswith("- ") and "{clause}" in line)]
        heading = next((i for i, line in enumerate(kept) if line.startswith("## The rules that matter most")), None)
        if heading is not None:
            kept[heading + 1 : heading + 2] = ["", _NOTE_FORM.format(who=who), ""]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
    without = re.sub(r" See \{clause\}`[^`]*`\.", "", text)
    return without.replace(
        "the words and job titles the protocol uses.",
        "the words and job titles the protocol uses. *For the council to write:* its own terms, and where the "
        "protocol defines them.",
    )


def _registry_form(text: str, cited: set[str]) -> str | None:
    """The starter's register with only the entries something still cites (an entry nothing cites is a warning);
    None if it would have none (a register needs one), so that it is left as it is."""
    head, *entries = re.split(r"^(?=\[\[code\]\][ \t]*$)", text, flags=re.M)
    kept = [entry for entry in entries if (found := re.search(r'^id = "([^"]+)"', entry, re.M)) and found[1] in cited]
    if not kept:
        return None
    note = (
        "# For the council to write: the codes, policies and Acts the imported protocol names, each a [[code]] table\n"
        "# below, cited from its page with {code-ref}`id` (the import kept only the entries a page still cites).\n"
    )
    return (head.rstrip("\n") + "\n#\n" + note + "\n" + "".join(kept)).rstrip("\n") + "\n"


def _broken(relative: str, text: str, keys: set[str]) -> list[tuple[str, int, str]]:
    """The ``{clause}`` references in a council's file that name a clause the import does not have."""
    from ...model.clauses.citing import read_citation

    found = []
    for line_number, line in enumerate(text.splitlines(), 1):
        for match in _CLAUSE_ROLE.finditer(line):
            target = match[2].strip()
            if target.endswith(">") and "<" in target:
                target = target[target.rindex("<") + 1 : -1]
            items, troubles = read_citation(target, "")
            if troubles or any(key not in keys for item in items for key in item.keys):
                found.append((relative, line_number, match[0]))
    return found
