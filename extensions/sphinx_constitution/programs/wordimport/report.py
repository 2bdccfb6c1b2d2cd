"""What the import did, for the editor who runs it: a Markdown file in the project (``word-import-report.md``) and a
short summary printed. It counts what was imported, lists every notice (what was not carried over, or carried over
with a doubt) grouped by kind with where it is in the Word document, and holds THE CHECK.

The check: for every clause, the words the built page shows (tracked changes accepted) equal the Word paragraph's
(changes accepted), and the number the page shows equals Word's. It is independent of the writer: it builds the
written project with Sphinx itself (HTML, in this process, into a temporary folder, with the clean view of tracked
changes) and reads ``clauses.json``, which the project writes for every clause: its number and its words as the
built page shows them, roles printed as their words ("paragraph 6.7"), deleted text left out. Reading the Markdown
back with a parser of our own would test our reading of MyST against our writing of it; the real build tests what a
reader will see, and its warnings (which would fail README's build) are reported too.

Sphinx prints straight quotes as typographic ones, ``--`` as a dash and ``...`` as an ellipsis (its SmartQuotes);
the check compares words with those forms made one, and the whitespace of each side made single spaces (and
without the invisible word joiner the writer puts in "{x}", see ``writer.escape``). A
footnote's mark shows its number on the page and nothing in Word's words: it matches any number there. Numbers are
compared as shown, less the full stop or bracket Word puts after a number ("1." is 1, "a)" is (a)), which the project
does not print.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document, FootnoteReference, Paragraph, Table
from .structure import Bullets, Captioned, Clause, DoDont, Heading, Protocol
from .writer import STARTER_PAGES, WORD_JOINER, Plan

REPORT = "word-import-report.md"
_SMART = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u00a0": " ", WORD_JOINER: ""}
)


@dataclass
class Mismatch:
    """A clause whose number or words on the built page differ from Word's."""

    where: str
    word_number: str
    site_number: str
    word_text: str
    site_text: str


@dataclass
class Check:
    """The check's result: how many clauses were compared, the mismatches, the build's warnings."""

    compared: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def passed(self) -> bool:
        return not self.error and not self.mismatches and not self.warnings


def _same_words(text: str) -> str:
    text = text.translate(_SMART).replace("\u2014", "---").replace("\u2013", "--")
    return " ".join(text.split())


def _number(text: str) -> str:
    """A number as shown, less what the project does not print around it: "1." -> "1", "a)" -> "a", "(a)" -> "a",
    and Word's "6.7(a)" -> "a" (the page shows (a) inside 6.7)."""
    text = text.strip().rstrip(".")
    if found := re.fullmatch(r".*\(([0-9A-Za-z]+)\)", text):
        return found[1]
    return text.rstrip(")")


def _word_side(paragraphs: list[Paragraph]) -> tuple[str, re.Pattern[str]]:
    """Word's words for a clause, and a pattern the page's words must match (a footnote's mark: any number)."""
    pieces: list[str] = []
    for paragraph in paragraphs:
        if paragraph.change == "del":
            continue
        for inline in paragraph.inlines:
            if inline.change == "del":
                continue
            pieces.append(
                "\0" if isinstance(inline, FootnoteReference) else Paragraph([inline], paragraph.where).text()
            )
        pieces.append(" ")
    words = _same_words("".join(pieces).replace("\0", " \0 "))
    pattern = r"\s*".join(r"[0-9]*" if part == "\0" else re.escape(part) for part in words.split(" "))
    return words.replace(" \0", "").replace("\0", ""), re.compile(pattern)


def build_and_read(copy: Path) -> tuple[list[dict[str, str]], list[str], str]:
    """Build the project in *copy* (HTML, clean view) into a folder inside it; its clauses.json and its warnings."""
    from sphinx.cmd.build import build_main

    out = copy / "_build/word-import-check"
    warnings = copy / "_build/word-import-check-warnings.txt"
    argv = ["-q", "-b", "html", "-D", "constitution_tracked_changes=0", "-w", str(warnings)]
    argv += ["-d", str(copy / "_build/word-import-doctrees"), "-c", str(copy), str(copy / "docs"), str(out)]
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        status = build_main(argv)
    found = warnings.read_text(encoding="utf-8") if warnings.is_file() else ""
    lines = [line.replace(f"{copy}/", "") for line in found.splitlines() if line.strip()]
    data = out / "clauses.json"
    if not data.is_file():
        return [], lines, f"the project did not build (status {status}): {said.getvalue().strip()[-300:]}"
    clauses = json.loads(data.read_text(encoding="utf-8"))["clauses"]
    return [entry for entry in clauses if not entry.get("scope")], lines, ""


def check(protocol: Protocol, copy: Path) -> Check:
    """Compare every clause (and every heading that is a clause) with the built site's."""
    entries, warnings, error = build_and_read(copy)
    result = Check(warnings=warnings, error=error)
    if error:
        return result
    built = {entry["key"]: entry for entry in entries}
    for key, shown, where, paragraphs in _expected(protocol):
        result.compared += 1
        words, pattern = _word_side(paragraphs)
        entry = built.pop(key, None)
        if entry is None:
            result.mismatches.append(Mismatch(where, shown, "(none)", words, "(not on the site)"))
            continue
        site_words = _same_words(entry["text"])
        label = entry["number"]
        parsed = re.fullmatch(r".*?(\([0-9a-z]+\))", label)
        site_number = parsed[1] if parsed else label
        if _number(shown) != _number(site_number) or not pattern.fullmatch(site_words):
            result.mismatches.append(Mismatch(where, shown, site_number, words, site_words))
    for key, entry in built.items():
        result.mismatches.append(Mismatch("(not in Word)", "", key, "", _same_words(entry["text"])))
    return result


def _expected(protocol: Protocol) -> list[tuple[str, str, str, list[Paragraph]]]:
    """Each clause in Word, in reading order: its key, its number as Word shows it, where it is, its paragraphs."""
    found = [(h.number, h.shown, str(h.paragraph.where), [h.paragraph]) for h in protocol.headings if h.role]
    for clause in protocol.clauses:
        if clause.change != "del":
            found.append((clause.key, clause.shown, str(clause.paragraph.where), clause.paragraphs()))
    return found


# -- counting ------------------------------------------------------------------------------------------------------


def counts(protocol: Protocol, document: Document, plan: Plan) -> dict[str, int]:
    """What was imported, in numbers: a sub-item is a clause inside another."""
    found: Counter[str] = Counter({"pages": len(protocol.pages), "headings": len(protocol.pages)})

    def walk(parts: list, nested: bool) -> None:
        for part in parts:
            if isinstance(part, Clause):
                found["sub-items" if nested else "clauses"] += 1
                walk(part.body, True)
            elif isinstance(part, Heading):
                found["headings"] += 1
            elif isinstance(part, DoDont):
                found["Do/Don't tables"] += 1
            elif isinstance(part, Captioned):
                found["other tables"] += 1
            elif isinstance(part, Bullets):
                found["bullet lists"] += 1

    for page in protocol.pages:
        walk(page.body, False)
    found["tracked changes"] = tracked_changes(document)
    found["references made"] = plan.references
    order = ("pages", "headings", "clauses", "sub-items", "bullet lists", "Do/Don't tables", "other tables")
    return {name: found[name] for name in (*order, "tracked changes", "references made")}


def tracked_changes(document: Document) -> int:
    """How many tracked changes: each changed run of words, and each paragraph inserted or deleted whole."""
    total = 0

    def paragraph(found: Paragraph) -> None:
        nonlocal total
        if found.change:
            total += 1
            return
        previous = None
        for inline in found.inlines:
            if inline.change and inline.change != previous:
                total += 1
            previous = inline.change

    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    for one in cell:
                        paragraph(one)
        else:
            paragraph(block)
    return total


# -- writing ---------------------------------------------------------------------------------------------------------


def markdown(
    source: str,
    protocol: Protocol,
    document: Document,
    plan: Plan,
    result: Check,
    authors: list[tuple[str, str, str]] | None = None,
) -> str:
    """The report file: the same for the same document and project (no dates, no paths outside the project)."""
    lines = [
        "# Word import report",
        "",
        f"`{source}` was imported into `docs/protocol/` by sphinx-constitution-import. This file is the import's "
        "report: read it before you publish, fix what it lists in the pages (or in Word, and import again), then "
        "delete it or keep it out of the site (it is not under `docs/`).",
        "",
        "## What was imported",
        "",
        "| what | how many |",
        "|---|---|",
    ]
    lines += [f"| {name} | {number} |" for name, number in counts(protocol, document, plan).items()]
    lines += ["", "Pages, in the order of the protocol's contents:", ""]
    for page in protocol.pages:
        lines.append(f"- `docs/protocol/{page.name}.md`: {_cell(page.heading.shown + ' ' + page.heading.words())}")
    lines += ["", "## The check: each clause's number and words, on the built page and in Word", ""]
    lines += _check_lines(result)
    lines += _notice_lines(protocol.notices + plan.notices)
    lines += _project_lines(plan)
    if authors is not None:
        lines += ["", "## Authors of the tracked changes (--keep-authors)", ""]
        said = {"ins": "inserted", "del": "deleted"}
        lines += [f"- {_cell(where)}: {said.get(kind, kind)} by {_cell(name)}" for where, kind, name in authors]
        lines += [] if authors else ["No tracked change names its author."]
    lines += ["", "## What an editor must still do by hand", "", *_by_hand(protocol, plan, result)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").strip()


def _check_lines(result: Check) -> list[str]:
    if result.error:
        return [f"The check could not run: {_cell(result.error)}"]
    lines = []
    if not result.mismatches:
        lines.append(f"All {result.compared} clauses match: numbers and words as Word shows them.")
    else:
        lines += [
            f"{len(result.mismatches)} of {result.compared} clauses differ:",
            "",
            "| where in Word | Word's number | the site's | Word's words | the site's words |",
            "|---|---|---|---|---|",
        ]
        for one in result.mismatches:
            cells = (one.where, one.word_number, one.site_number, one.word_text[:200], one.site_text[:200])
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if result.warnings:
        lines += ["", f"The built project has {len(result.warnings)} warnings (README's build fails on any):", ""]
        lines += [f"- `{line}`" for line in result.warnings]
    else:
        lines += ["", "The project builds with no warning."]
    return lines


def _notice_lines(notices: list) -> list[str]:
    if not notices:
        return ["", "## Not carried over", "", "Nothing: every part of the Word document was carried over."]
    lines = ["", "## Not carried over, or carried over with a doubt", ""]
    kinds: dict[str, list] = {}
    for notice in notices:
        kinds.setdefault(notice.kind, []).append(notice)
    for kind in sorted(kinds):
        lines += [f"### {kind} ({len(kinds[kind])})", ""]
        lines += [f"- {_cell(str(notice.where))}: {_cell(notice.detail)}" for notice in kinds[kind]]
        lines.append("")
    return lines


def _project_lines(plan: Plan) -> list[str]:
    lines = ["", "## The rest of the project", ""]
    for relative in plan.forms:
        if relative.endswith(".toml"):
            lines.append(
                f"- `{relative}` was the starter's: it keeps only the entries that a page still cites (an entry "
                "nothing cites fails the build); add the codes, policies and Acts the protocol names, and cite them."
            )
            continue
        lines.append(
            f"- `{relative}` was the starter's, citing its example protocol: it is now a form that cites none of it; "
            "write the council's own text where it says *For the council to write*."
        )
    for relative in plan.kept:
        lines.append(f"- `{relative}` was changed by the council and is left as it is.")
    examples = ", ".join(f"`docs/protocol/{name}`" for name in STARTER_PAGES)
    lines.append(f"- The starter's example protocol ({examples}) is replaced by the imported pages.")
    lines += [
        f"- `{name}`, a page of an earlier import that this one does not write, was removed." for name in plan.removed
    ]
    for name in plan.replaced:
        lines.append(
            f"- `{name}` was the council's own page, not an import's: an imported section of that name replaced it."
        )
    for name in plan.other_pages:
        lines.append(f"- `docs/protocol/{name}.md` is not the import's: it is kept, listed after the imported pages.")
    if plan.broken:
        lines += ["", "References that no longer find their clause (the import replaced the protocol they cited):", ""]
        lines += [f"- `{path}:{line}`: `{ref}`" for path, line, ref in plan.broken]
    return lines


def _by_hand(protocol: Protocol, plan: Plan, result: Check) -> list[str]:
    lines = [
        "- Read each page against the Word document: headings, the split into pages, and any table's caption "
        "(a table with no caption of its own in Word is captioned with its heading).",
        "- Add glossary terms (`{term}`), the register's codes (`{code-ref}`) and links between pages: Word has none.",
        "- Set the protocol's status (`docs/protocol/index.md`) for this draft: committee, meeting, review.",
    ]
    if plan.forms:
        lines.append("- Write the forms listed above (notes and glossary) for this protocol.")
    if plan.broken or result.warnings:
        lines.append("- Fix the references and warnings listed above: the build fails until they are fixed.")
    if protocol.notices or plan.notices:
        lines.append("- Look at each place listed under *Not carried over*.")
    return lines


def summary(protocol: Protocol, document: Document, plan: Plan, result: Check, report: str) -> str:
    """The few lines the command prints."""
    found = counts(protocol, document, plan)
    said = ", ".join(f"{number} {name}" for name, number in found.items() if number)
    if result.error:
        verdict = f"the check could not run: {result.error}"
    elif result.mismatches:
        verdict = f"CHECK: {len(result.mismatches)} of {result.compared} clauses differ from Word"
    else:
        verdict = f"check: all {result.compared} clauses match Word"
    if result.warnings:
        verdict += f"; the build has {len(result.warnings)} warnings"
    notices = len(protocol.notices) + len(plan.notices)
    return f"Imported: {said}.\n{verdict}; {notices} things not carried over. Report: {report}"
