"""The Word import end to end: Word files shaped like other councils' protocols (made in code, tests/wordfiles.py),
and one written by pandoc, imported into a project the starter made, which is then built as README's build command
builds it (-W: any warning fails), and each clause's number and words on the built site (``clauses.json``) compared
with what Word shows. Also: the same file imported twice gives the same bytes; a file that is not a Word document
gets one line and changes nothing; and the NEDDC 2026 draft, made into a Word file from this repository's own
``docs/protocol/*.md``, imported and built, with the import's time printed.

Every test builds a site, so the module is marked ``site``.
"""

from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path

import pypandoc
import pytest
from conftest import ROOT, SOURCE_DATE_EPOCH, sphinx_build
from sphinx_constitution.programs.new import main as new_project
from sphinx_constitution.programs.wordimport.__main__ import main as import_word
from wordfiles import AUTHOR, Cell, Level, List, Para, Ref, Run, WordFile

pytestmark = pytest.mark.site

ANSWERS = ["--council-name", "Northshire Council", "--website", "https://www.northshire.gov.uk", "--defaults"]
_SMART = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."})


def words(text: str) -> str:
    """Words as compared: Sphinx's typographic quotes made plain, whitespace made single spaces."""
    return " ".join(text.translate(_SMART).replace("\u2013", "--").split())


def starter(tmp_path: Path, name: str = "council") -> Path:
    project = tmp_path / name
    assert new_project([str(project), *ANSWERS, "--quiet"]) == 0
    return project


def files_of(project: Path) -> dict[str, bytes]:
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and "_build" not in path.parts
    }


def built_clauses(project: Path, out: Path) -> list[tuple[str, str]]:
    """Build the project's website as README's build does (-W --keep-going -n); its clauses, (number as shown,
    words)."""
    import json

    result = sphinx_build(project / "docs", out, "-n", "-b", "html", confdir=project)
    assert result.status == 0 and result.warnings == "", result.warnings
    found = json.loads((out / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    shown = []
    for entry in found:
        if entry["scope"] or not entry["page"].startswith("protocol/"):
            continue
        number = re.fullmatch(r".*?(\([0-9a-z]+\))", entry["number"])
        shown.append((number[1] if number else entry["number"], words(entry["text"])))
    return shown


def imported(tmp_path: Path, word: WordFile, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    project = starter(tmp_path)
    source = word.save(tmp_path / "protocol.docx")
    status = import_word([str(source), "--into", str(project)])
    said = capsys.readouterr().err
    assert status == 0, said + (project / "word-import-report.md").read_text(encoding="utf-8")
    return project, said


# -- three councils' shapes -----------------------------------------------------------------------------------------


def straight_through() -> tuple[WordFile, list[tuple[str, str]]]:
    """Numbered 1 to 14 straight through, under unnumbered headings, with a Do/Don't table and tracked changes."""
    word = WordFile(title="Protocol on Member/Officer Relations")
    plain = word.numbering([Level("decimal", "%1."), Level("lowerLetter", "(%2)")])
    expected = []
    word.paragraph("Protocol on Member/Officer Relations", style="Title")
    for n in range(1, 15):
        if n in (1, 6, 11):
            word.heading({1: "Introduction", 6: "Working together", 11: "Resolving concerns"}[n])
        if n == 4:
            word.paragraph(
                "Officers ", Run("must", change="del"), Run("should", change="ins"), " reply promptly.", num=(plain, 0)
            )
            expected.append(("4", "Officers should reply promptly."))
        elif n == 9:
            word.paragraph("Members will not:", num=(plain, 0))
            expected.append(("9", "Members will not:"))
            for letter, text in zip("abc", ("shout;", "bully; or", "undermine officers."), strict=True):
                word.paragraph(text, num=(plain, 1))
                expected.append((f"({letter})", text))
        else:
            text = f"Paragraph {n} of the protocol says what it says, and 'quotes' it."
            word.paragraph(text, num=(plain, 0))
            expected.append((str(n), text))
        if n == 7:
            word.paragraph(Run("A rule proposed for deletion.", change="del"), change="del", num=(plain, 0))
    word.paragraph("Table 1: What Members and officers can expect")
    word.table([["Officers Do", "Officers Don't"], ["Be polite", "Shout"], [Para.of("Listen"), "Gossip"]], header=True)
    return word, expected


def part_continuing() -> tuple[WordFile, list[tuple[str, str]]]:
    """Part 8 of a Constitution: clauses continuing at 8.63, (a) to (c), and a REF field to one of them."""
    word = WordFile(title="Constitution Part 8")
    part = word.numbering(
        [Level("decimal", "Part %1", start=8), Level("decimal", "%1.%2"), Level("lowerLetter", "(%3)")]
    )
    at = word.num(part, starts={1: 63})
    word.heading("Members' Code of Conduct", num=(at, 0))
    word.paragraph("This Part sets out the Code.", num=(at, 1))
    word.paragraph("Members must:", num=(at, 1), bookmark="_Ref200")
    for text in ("act lawfully;", "declare interests; and", "treat others with respect."):
        word.paragraph(text, num=(at, 2))
    word.paragraph("As paragraph ", Ref("_Ref200", "8.64", complex=True), " says, the Code applies.", num=(at, 1))
    expected = [
        ("8.63", "This Part sets out the Code."),
        ("8.64", "Members must:"),
        ("(a)", "act lawfully;"),
        ("(b)", "declare interests; and"),
        ("(c)", "treat others with respect."),
        ("8.65", "As paragraph 8.64 says, the Code applies."),
    ]
    return word, expected


def typed_with_definitions() -> tuple[WordFile, list[tuple[str, str]]]:
    """Numbers typed as text: sections "1. Definitions" with bracketed paragraphs (1), (2), definitions first, and
    sub-paragraphs (a), (b); a year at a paragraph's start is not a number."""
    word = WordFile()
    word.paragraph(Run("1. Definitions", bold=True))
    word.paragraph('(1)\t"Member" means an elected councillor of the Council.')
    word.paragraph('(2)\t"Officer" means an employee of the Council.')
    word.paragraph(Run("2. Roles", bold=True))
    word.paragraph("(1)\tMembers set policy:")
    word.paragraph("(a)\tthrough the Council; and")
    word.paragraph("(b)\tthrough the Cabinet.")
    word.paragraph("2016 was the year this protocol was first adopted.")
    word.paragraph("(2)\tOfficers carry it out, as paragraph 2(1) says.")
    expected = [
        ("1", "Definitions"),
        ("(1)", '"Member" means an elected councillor of the Council.'),
        ("(2)", '"Officer" means an employee of the Council.'),
        ("2", "Roles"),
        ("(1)", "Members set policy:"),
        ("(a)", "through the Council; and"),
        ("(b)", "through the Cabinet. 2016 was the year this protocol was first adopted."),
        ("(2)", "Officers carry it out, as paragraph 2(1) says."),
    ]
    return word, expected


@pytest.mark.parametrize("shape", [straight_through, part_continuing, typed_with_definitions])
def test_a_councils_word_file_imports_and_builds_each_clause_as_word_shows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shape
) -> None:
    word, expected = shape()
    project, said = imported(tmp_path, word, capsys)
    assert f"check: all {len(expected)} clauses match Word" in said
    assert built_clauses(project, tmp_path / "html") == [(number, words(text)) for number, text in expected]
    report = (project / "word-import-report.md").read_text(encoding="utf-8")
    assert f"All {len(expected)} clauses match" in report and AUTHOR not in report


def test_the_straight_through_protocol_builds_with_readmes_command_pdfs_included(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """README's build command, the project's own noxfile (PDFs, then the website), finds no warning; the Do/Don't
    table is one, the tracked changes are marks, the deleted paragraph keeps its number in the tracked view."""
    from test_new import nox_session

    word, _expected = straight_through()
    project, _said = imported(tmp_path, word, capsys)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    session = nox_session(project, "build", monkeypatch)
    for done in session.ran:
        assert "WARNING" not in done.stderr, done.stderr
    assert (project / "_build/pdf/member-officer-relations-protocol.pdf").is_file()
    last = (project / "docs/protocol/resolving-concerns.md").read_text(encoding="utf-8")
    assert ":::{do-dont} Table 1: What Members and officers can expect\n:do: Officers Do\n" in last
    intro = (project / "docs/protocol/introduction.md").read_text(encoding="utf-8")
    assert "Officers {del}`must`{ins}`should` reply promptly." in intro
    page = (project / "docs/protocol/working-together.md").read_text(encoding="utf-8")
    assert ":::{clause} 7\nParagraph 7 of the protocol says what it says, and 'quotes' it.\n:::\n\n" in page
    assert "::::{del}\n:::{clause} 8\nA rule proposed for deletion.\n:::\n::::\n\n:::{clause} 8\n" in page
    tracked = sphinx_build(
        project / "docs", tmp_path / "tracked", "-b", "html", "-D", "constitution_tracked_changes=1", confdir=project
    )
    assert tracked.status == 0, tracked.warnings
    struck = tracked.main("protocol/working-together").select_one("del.con-tracked-block")
    assert struck is not None and "8" in struck.get_text() and "A rule proposed for deletion." in struck.get_text()


def test_importing_twice_gives_the_same_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    word, _expected = part_continuing()
    project, _said = imported(tmp_path, word, capsys)
    first = files_of(project)
    assert import_word([str(tmp_path / "protocol.docx"), "--into", str(project), "--quiet"]) == 0
    assert files_of(project) == first
    other = starter(tmp_path, "other")
    assert import_word([str(tmp_path / "protocol.docx"), "--into", str(other), "--quiet"]) == 0
    pages = {name: data for name, data in files_of(other).items() if name.startswith("docs/protocol/")}
    assert pages == {name: data for name, data in first.items() if name.startswith("docs/protocol/")}


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"%PDF-1.7 not a Word file", "not a Word document"),
        (b"PK\x03\x04 damaged zip", "protocol.docx"),
    ],
)
def test_a_file_that_is_not_a_word_document_gets_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, said: str
) -> None:
    project = starter(tmp_path)
    before = files_of(project)
    source = tmp_path / "protocol.docx"
    source.write_bytes(content)
    assert import_word([str(source), "--into", str(project)]) == 2
    errors = capsys.readouterr().err
    assert errors.count("\n") == 1 and errors.startswith("sphinx-constitution-import: error: ") and said in errors
    assert "Traceback" not in errors
    assert files_of(project) == before


def test_a_folder_that_is_not_a_starters_project_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    word, _expected = part_continuing()
    source = word.save(tmp_path / "protocol.docx")
    assert import_word([str(source), "--into", str(tmp_path / "nowhere")]) == 2
    assert "is not a project the starter made" in capsys.readouterr().err


def test_a_file_written_by_pandoc_imports_and_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second producer: pandoc numbers its lists its own way (a num per list, a start on every level)."""
    markdown = (
        "# Introduction\n\n1. Members and officers work together.\n2. Officers advise:\n\n"
        "    a. on the law;\n    b. on policy.\n\n3. Members decide.\n\n# Roles\n\n"
        "| Do | Don't |\n|---|---|\n| Be polite | Shout |\n"
    )
    source = tmp_path / "pandoc.docx"
    pypandoc.convert_text(markdown, "docx", format="markdown", outputfile=str(source))
    project = starter(tmp_path)
    assert import_word([str(source), "--into", str(project)]) == 0, capsys.readouterr().err
    assert built_clauses(project, tmp_path / "html") == [
        ("1", "Members and officers work together."),
        ("2", "Officers advise:"),
        ("(a)", "on the law;"),
        ("(b)", "on policy."),
        ("3", "Members decide."),
    ]
    assert ":::{do-dont} Roles\n:do: Do\n" in (project / "docs/protocol/roles.md").read_text(encoding="utf-8")


# -- the NEDDC 2026 draft, made into a Word file from this repository's pages -----------------------------------------

_ROLE = re.compile(r"\{([a-z-]+)\}`([^`]*)`")


class Draft:
    """Makes the Word file of this repository's protocol from its MyST pages: numbered headings and clauses as Word's
    multi-level numbering, sub-items as lists of their own (restarted for each clause), roles as the words they
    print, lists as bullets, the Do/Don't tables and other tables as tables; and lists each clause's number and
    words as Word will show them (an unnumbered paragraph is the numbered one's above it, as in Word)."""

    def __init__(self) -> None:
        self.word = WordFile(title="Member Officer Relations Protocol")
        self.main = self.word.numbering([Level("decimal", "%1"), Level("decimal", "%1.%2")])
        self.subs = {
            style: self.word.numbering([Level(style, "(%1)"), Level("lowerRoman", "(%2)")])
            for style in ("decimal", "lowerLetter", "lowerRoman")
        }
        self.bullets = self.word.numbering([Level("bullet", "\u2022"), Level("bullet", "\u2013")])
        codes = tomllib.loads((ROOT / "docs/_data/codes.toml").read_text(encoding="utf-8"))
        self.codes = {code["id"]: code["title"] for code in codes["code"]}
        self.expected: list[tuple[str, str]] = []
        self.sub_list: List | None = None
        self.pending: tuple[List, int] | None = None  # the number of a clause whose first line is still to come

    def text(self, markup: str) -> str:
        """The words a line of MyST shows: roles as the words they print, links as their text, no escapes."""

        def shown(found: re.Match[str]) -> str:
            name, target = found[1], found[2]
            if titled := re.fullmatch(r"(.*?)\s*<([^>]*)>", target, re.S):
                return titled[1]
            if name == "code-ref":
                return self.codes[target]
            if name == "clause":
                return f"{'paragraphs' if re.search(r' to |,| and ', target) else 'paragraph'} {target}"
            return target

        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", _ROLE.sub(shown, markup))
        return text.replace("\\", "")

    def runs(self, markup: str) -> list[str | Run]:
        parts = self.text(markup).split("**")
        return [Run(part, bold=True) if index % 2 else part for index, part in enumerate(parts) if part]

    def page(self, source: str) -> None:
        lines = source.splitlines()
        index, depth = 0, 0  # depth: the clause fences open
        while index < len(lines):
            line = lines[index].strip()
            index += 1
            if found := re.fullmatch(r"(#+) (?:([0-9]+) )?(.*)", line):
                numbered = {"num": (self.main, 0)} if found[2] else {}
                self.word.heading(self.text(found[3]), level=len(found[1]), **numbered)
            elif found := re.fullmatch(r":{3,}\{clause\} (\S+)(?: (.*))?", line):
                depth += 1
                self.clause(found[1], depth, found[2])
            elif found := re.fullmatch(r"(:{3,})\{(do-dont|table)\}\s*(.*)", line):
                index = self.table(found[2], found[3], lines, index, found[1])
            elif re.fullmatch(r":{3,}", line):
                depth = max(0, depth - 1)
            elif not line or re.match(r"\(.*\)=|:::|```|:[a-z-]+:", line):
                continue
            else:
                bullet = re.match(r"(?:[-*]|[0-9]+\.) (.*)", line)
                words_ = bullet[1] if bullet else line
                options = {"num": self.pending or (self.bullets, 0)} if bullet or self.pending else {}
                self.word.paragraph(*self.runs(words_), **options)
                self.pending = None
                if depth:
                    number, before = self.expected[-1]
                    self.expected[-1] = (number, f"{before} {self.text(words_)}".strip())

    def clause(self, number: str, depth: int, title: str | None) -> None:
        """A clause's number: the main list's second level, or a sub-item list's level (restarted per clause)."""
        if not number.startswith("("):
            self.sub_list = None
            where: tuple[List, int] = (self.main, 1)
        else:
            label = number[1:-1]
            if self.sub_list is None or (depth == 2 and label in ("1", "a", "i")):
                style = "decimal" if label.isdigit() else ("lowerRoman" if label == "i" else "lowerLetter")
                self.sub_list = self.word.num(self.subs[style], starts={0: 1, 1: 1})
            where = (self.sub_list, depth - 2)
        if title:
            self.word.paragraph(*self.runs(title), num=where)
            self.expected.append((number, self.text(title)))
        else:  # its first line of words is the numbered paragraph
            self.pending = where
            self.expected.append((number, ""))

    def table(self, kind: str, caption: str, lines: list[str], index: int, fence: str) -> int:
        body = []
        while index < len(lines) and lines[index].strip() != fence:
            body.append(lines[index])
            index += 1
        self.word.paragraph(self.text(caption))
        if kind == "table":
            rows: list[list[object]] = [
                [self.text(cell.strip()) for cell in row.strip().strip("|").split("|")]
                for row in body
                if row.startswith("|") and not re.fullmatch(r"[|\s:-]+", row)
            ]
        else:
            do = next((line[5:] for line in body if line.startswith(":do: ")), "Do")
            dont = next((line[7:] for line in body if line.startswith(":dont: ")), "Don't")
            rows = [[do, dont]]
            for chunk in "\n".join(body).split("\n---\n"):
                sides = [
                    Cell(tuple(self.text(line[2:]) for line in chunk.splitlines() if line.startswith(f"{marker} ")))
                    for marker in "+-"
                ]
                rows.append(sides)
        self.word.table(rows, header=True)  # type: ignore[arg-type]
        return index + 1


def test_the_neddc_draft_made_into_a_word_file_imports_with_every_clause_as_word_shows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """This repository's protocol (the NEDDC 2026 draft, seed 003) as a council would hold it in Word, imported into
    a new project: every clause's number and words on the built site are Word's. The import's time is printed."""
    draft = Draft()
    index = (ROOT / "docs/protocol/index.md").read_text(encoding="utf-8")
    names = re.search(r"```\{toctree\}\n(?::.*\n)*\n((?:.+\n)+)```", index)
    assert names is not None
    for name in names[1].split():
        draft.page((ROOT / f"docs/protocol/{name}.md").read_text(encoding="utf-8"))
    source = draft.word.save(tmp_path / "neddc-2026.docx")
    project = starter(tmp_path)
    started = time.perf_counter()
    status = import_word([str(source), "--into", str(project)])
    took = time.perf_counter() - started
    said = capsys.readouterr().err
    with capsys.disabled():
        print(f"\nimport of the NEDDC draft ({len(draft.expected)} clauses): {took:.2f} s (its check's build included)")
    assert status == 0, said + (project / "word-import-report.md").read_text(encoding="utf-8")
    assert built_clauses(project, tmp_path / "html") == [(number, words(text)) for number, text in draft.expected]
    assert len(draft.expected) > 80


def test_the_projects_import_session_imports_into_the_project_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``nox -s import -- protocol.docx``, the project's own noxfile (run in this environment, as test_new does)."""
    import runpy
    import sys
    import types

    from test_new import Session

    project = starter(tmp_path)
    word, expected = part_continuing()
    source = word.save(tmp_path / "protocol.docx")
    nox = types.ModuleType("nox")
    nox.session = lambda function: function  # type: ignore[attr-defined]
    nox.options = types.SimpleNamespace()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nox", nox)
    monkeypatch.chdir(project)
    sessions = runpy.run_path(str(project / "noxfile.py"))
    (session_import,) = [f for f in sessions.values() if getattr(f, "__name__", "") == "import"]
    session = Session(project)
    session.posargs = [str(source)]
    session_import(session)
    assert session.installed == [("-r", "requirements.txt")]
    assert f"check: all {len(expected)} clauses match Word" in session.ran[-1].stderr
    assert (project / "docs/protocol/members-code-of-conduct.md").is_file()


def test_authors_are_named_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Tracked changes carry their authors' names, which are personal data: in no file unless --keep-authors."""
    word, _expected = straight_through()
    project, _said = imported(tmp_path, word, capsys)
    assert not any(AUTHOR.encode() in data for data in files_of(project).values())
    assert import_word([str(tmp_path / "protocol.docx"), "--into", str(project), "--keep-authors", "--quiet"]) == 0
    report = (project / "word-import-report.md").read_text(encoding="utf-8")
    assert "## Authors of the tracked changes (--keep-authors)" in report
    assert f"inserted by {AUTHOR}" in report and f"deleted by {AUTHOR}" in report
    pages = [data for name, data in files_of(project).items() if name.startswith("docs/")]
    assert not any(AUTHOR.encode() in data for data in pages)
