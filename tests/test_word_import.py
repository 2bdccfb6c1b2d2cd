"""The Word import's decisions and pages, from hand-made ``document.Document``s (no Word file, no starter): which
paragraphs are headings, clauses, sub-items, continuations and text; which typed numbers are numbers; Do/Don't and
captioned tables; references; tracked changes; Word's words kept exactly, whatever characters they hold.

A few tests build the pages with the real Sphinx in a small project (the starter's MyST settings) and read back
``clauses.json`` through the report's own check, as the command does; the rest read the structure or the Markdown.
The command itself, on real Word files and starter projects, is ``test_word_projects.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx_constitution.programs.wordimport import report, structure, writer
from sphinx_constitution.programs.wordimport.document import (
    CrossReference,
    Document,
    FootnoteReference,
    Label,
    Paragraph,
    Run,
    Table,
    Where,
)

CONF = """\
extensions = ["myst_parser", "sphinx_constitution"]
myst_enable_extensions = ["colon_fence", "deflist", "substitution", "fieldlist"]
myst_substitutions = {"council_name": "Anytown"}
exclude_patterns = ["_data"]
html_theme = "basic"
"""

_counter = iter(range(1, 10_000))


def para(*inlines: Run | CrossReference | FootnoteReference | str, **options: object) -> Paragraph:
    runs = [Run(item) if isinstance(item, str) else item for item in inlines]
    text = "".join(run.text for run in runs if isinstance(run, Run))
    return Paragraph(runs, Where(next(_counter), text[:30]), **options)  # type: ignore[arg-type]


def num(text: str, level: int, fmt: str = "decimal", list_id: str = "1") -> Label:
    return Label(text, level, (), (fmt,) * (level + 1), "numbering", list_id)


def pages(*blocks: Paragraph | Table, title: str = "") -> dict[str, str]:
    protocol = structure.build(Document(list(blocks), title=title))
    return {page.name: writer.page(page, protocol)[0] for page in protocol.pages}


def checked(tmp_path: Path, *blocks: Paragraph | Table) -> tuple[structure.Protocol, report.Check]:
    """Write the pages into a small project, build it with Sphinx and run the report's check on it."""
    protocol = structure.build(Document(list(blocks)))
    (tmp_path / "docs/protocol").mkdir(parents=True)
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    names = [page.name for page in protocol.pages]
    toctree = "```{toctree}\n" + "\n".join(f"protocol/{name}" for name in names) + "\n```\n"
    (tmp_path / "docs/index.md").write_text("# Home\n\n" + toctree, encoding="utf-8")
    for page in protocol.pages:
        text = writer.page(page, protocol)[0]
        (tmp_path / f"docs/protocol/{page.name}.md").write_text(text, encoding="utf-8")
    return protocol, report.check(protocol, tmp_path)


# -- headings, clauses, sub-items ----------------------------------------------------------------------------------


def test_word_headings_numbered_by_a_list_begin_pages_and_its_deeper_levels_are_clauses_and_sub_items() -> None:
    found = pages(
        para("Member Officer Protocol", style="Title"),
        para("Introduction", heading=0, label=num("1", 0)),
        para("Working relationships are fundamental.", label=num("1.1", 1)),
        para("When they work well, services are better."),
        para("A third paragraph of 1.1."),
        para("Officers will:", label=num("1.2", 1)),
        para("act lawfully;", label=num("(a)", 2, "lowerLetter")),
        para("in particular:", label=num("(b)", 2, "lowerLetter")),
        para("by law;", label=num("(i)", 3, "lowerRoman")),
        para("be neutral.", label=num("(c)", 2, "lowerLetter")),
        para("Access to information", heading=0, label=num("2", 0)),
        para("Members may ask.", label=num("2.1", 1)),
    )
    assert list(found) == ["introduction", "access-to-information"]
    intro = found["introduction"]
    assert intro.startswith(writer.MARK + "\n\n# 1 Introduction\n\n:::{clause} 1.1\nWorking relationships")
    assert (
        ":::{clause} 1.1\nWorking relationships are fundamental.\n\nWhen they work well, services are better." in intro
    )
    assert "A third paragraph of 1.1.\n:::" in intro, "unnumbered paragraphs after a clause are its own"
    assert "Member Officer Protocol" not in intro, "the document's title is the start page's business"
    assert "::::{clause} (b)\nin particular:\n\n:::{clause} (i)\nby law;\n:::\n::::" in intro
    assert intro.index("{clause} (c)") > intro.index("{clause} (i)")
    assert "# 2 Access to information\n\n:::{clause} 2.1\n" in found["access-to-information"]


def test_numbers_typed_as_text_are_numbers_only_where_they_continue_a_sequence() -> None:
    found = pages(
        para(Run("1 INTRODUCTION", bold=True)),
        para("1.1 Members and officers work together."),
        para("1.2 Officers:"),
        para("(a) advise;"),
        para("(b) act;"),
        para("(c) and so on to (h);"),
        para("(d) four;"),
        para("2016 was the year the protocol was last reviewed."),
        para("1.3 The rules reflect good practice."),
    )
    page = found["introduction"]
    assert "# 1 INTRODUCTION\n" in page
    assert ":::{clause} 1.1\nMembers and officers work together.\n:::" in page
    assert ":::{clause} (d)\nfour;" in page
    assert "{clause} 2016" not in page and "2016 was the year the protocol was last reviewed." in page
    assert ":::{clause} 1.3\nThe rules reflect good practice." in page


@pytest.mark.parametrize(
    ("before", "label", "expected"),
    [("(h)", "(i)", "letter"), ("(iv)", "(v)", "numeral"), ("(a)", "(i)", "start")],
)
def test_an_i_after_h_is_a_letter_and_after_iv_a_v_is_a_numeral(before: str, label: str, expected: str) -> None:
    start = {"(h)": "abcdefgh", "(iv)": ["i", "ii", "iii", "iv"], "(a)": "a"}[before]
    items = [para(f"({x}) item {x};") for x in start]
    protocol = structure.build(Document([para("6.1 The clause:"), *items, para(f"{label} next.")]))
    last = protocol.clauses[-1]
    assert last.shown == label
    depth = last.key.count("(")
    assert depth == (2 if expected == "start" else 1), last.key


def test_bracketed_paragraphs_under_a_numbered_heading_are_cited_within_it() -> None:
    found = pages(
        para("Roles of Members", heading=0, label=num("3", 0)),
        para("Members are elected.", label=num("(1)", 1)),
        para("Members on outside bodies", heading=1),
        para("They act for the Council, see paragraph 3(1).", label=num("(2)", 1)),
    )
    page = found["roles-of-members"]
    assert page.startswith(writer.MARK + "\n\n# {section-number}`3` Roles of Members\n\n:::{clause} (1)\n")
    assert "## Members on outside bodies\n\n:::{clause} (2)\n" in page
    assert "see {clause}`3(1)`." in page


def test_a_part_continues_its_numbering_and_a_lettered_introduction_stands_alone() -> None:
    found = pages(
        para("Part 8 Members' Code", heading=0),
        para("The Code applies.", label=num("8.63", 1)),
        para("Members:", label=num("8.64", 1)),
        para("declare;", label=num("(a)", 2, "lowerLetter")),
        title="Constitution",
    )
    page = found["members-code"]
    assert "# Part 8 Members' Code\n\n:::{clause} 8.63\nThe Code applies.\n:::" in page
    assert ":::{clause} (a)\ndeclare;\n:::\n::::" in page


# -- tables -----------------------------------------------------------------------------------------------------


def cell(*texts: str) -> list[Paragraph]:
    return [para(text) for text in texts]


@pytest.mark.parametrize("header", [("Do", "Don't"), ("Officers Don\u2019t", "Officers Do"), ("DO", "DON'T")])
def test_a_table_headed_do_and_dont_in_either_order_is_a_do_dont_table(header: tuple[str, str]) -> None:
    rows = [[cell(header[0]), cell(header[1])], [cell("first", "second"), cell("third")]]
    if header[0].endswith("t"):  # the Don't column first: its cells are the Don'ts
        rows[1] = [cell("third"), cell("first", "second")]
    found = pages(para("Behaviour", heading=0), para("Table 1: What to expect"), Table(rows, Where(99), 1))
    page = found["behaviour"]
    assert ":::{do-dont} Table 1: What to expect\n" in page
    dont = header[0] if header[0].endswith("t") else header[1]
    assert f":dont: {dont}\n" in page
    assert "+ first\n+ second\n\n- third\n:::" in page


def test_any_other_table_is_a_list_table_captioned_by_its_heading() -> None:
    rows = [[cell("Term"), cell("Meaning")], [cell("Member"), cell("A councillor.", "Elected.")]]
    found = pages(para("Definitions", heading=0), Table(rows, Where(9), 1))
    page = found["definitions"]
    assert ":::{list-table} Definitions\n:header-rows: 1\n\n* - Term\n  - Meaning\n* - Member\n" in page
    assert "  - A councillor.\n\n    Elected.\n:::" in page


# -- words: exact, whatever they hold ---------------------------------------------------------------------------------

NASTY = [
    "Use `code` and {ins}`x` and {{ council_name }} and *stars* and _under_ and [a](b) and <b>bold</b> & &amp;",
    "# not a heading",
    "- not a list",
    "+ not a list either",
    "1. not a numbered list",
    ":::{clause} 9.9",
    ":field: not a field",
    "% not a comment",
    "(target)=",
    "| a | table |",
    "> not a quote",
    "\\ backslash \\` and ~~struck~~ and $math$",
]


def test_words_that_look_like_markdown_or_myst_are_shown_exactly_as_word_has_them(tmp_path: Path) -> None:
    blocks = [para("Words", heading=0), *(para(text, label=num(f"1.{n}", 1)) for n, text in enumerate(NASTY, 1))]
    protocol, result = checked(tmp_path, *blocks)
    assert result.warnings == [] and result.error == ""
    assert result.compared == len(NASTY) and result.mismatches == []
    assert len(protocol.clauses) == len(NASTY)


def test_the_check_finds_a_clause_whose_words_differ_on_the_page(tmp_path: Path) -> None:
    """Switch the writer off for one clause's words (edit the page as an editor might): the check says so."""
    protocol = structure.build(Document([para("A", heading=0), para("One.", label=num("1.1", 1))]))
    (tmp_path / "docs/protocol").mkdir(parents=True)
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "docs/index.md").write_text("# Home\n\n```{toctree}\nprotocol/a\n```\n", encoding="utf-8")
    text = writer.page(protocol.pages[0], protocol)[0].replace("One.", "Two.").replace("1.1", "1.2")
    (tmp_path / "docs/protocol/a.md").write_text(text, encoding="utf-8")
    result = report.check(protocol, tmp_path)
    assert [(m.word_number, m.site_number) for m in result.mismatches] == [("1.1", "(none)"), ("", "1.2")]


# -- references and tracked changes ---------------------------------------------------------------------------------


def test_word_cross_references_and_unambiguous_citations_become_clause_references(tmp_path: Path) -> None:
    blocks = [
        para("Roles", heading=0, label=num("1", 0)),
        para("First.", label=num("1.1", 1), bookmarks=("_Ref1",)),
        para("Second.", label=num("1.2", 1)),
        para("Third.", label=num("1.3", 1)),
        para("See ", CrossReference("_Ref1", "1.1"), ", paragraph 1.2, paragraphs 1.1 to 1.3,", label=num("1.4", 1)),
        para("Paragraph 1.2 and clause 1.3; paragraph 3 of Schedule 1; paragraph 9.9.", label=num("1.5", 1)),
    ]
    page = pages(*blocks)["roles"]
    assert "See {clause}`1.1 <1.1>`, {clause}`1.2`, {clause}`1.1 to 1.3`," in page
    assert "{clause}`Paragraph 1.2 <1.2>` and {clause}`clause 1.3 <1.3>`; paragraph 3 of Schedule 1;" in page
    assert "paragraph 9.9." in page, "a number the import does not have stays words"
    _protocol, result = checked(tmp_path, *blocks)
    assert result.mismatches == [] and result.warnings == []


def test_tracked_changes_become_marks_and_a_deleted_clause_keeps_its_number(tmp_path: Path) -> None:
    blocks = [
        para("Changes", heading=0, label=num("1", 0)),
        para("Officers ", Run("must", change="del"), Run("should", change="ins"), " reply.", label=num("1.1", 1)),
        para(Run("The old rule.", change="del"), change="del", label_original=num("1.2", 1)),
        para(Run("The new rule.", change="ins"), change="ins", label=num("1.2", 1)),
        para(Run("A new paragraph of 1.2.", change="ins"), change="ins"),
    ]
    page = pages(*blocks)["changes"]
    assert "Officers {del}`must`{ins}`should` reply." in page
    assert "::::{del}\n:::{clause} 1.2\nThe old rule.\n:::\n::::" in page
    assert "::::{ins}\n:::{clause} 1.2\nThe new rule.\n\nA new paragraph of 1.2.\n:::\n::::" in page
    _protocol, result = checked(tmp_path, *blocks)
    assert result.mismatches == [] and result.warnings == [] and result.compared == 2


def test_the_same_document_gives_the_same_bytes() -> None:
    def document() -> Document:
        return Document(
            [
                para("Intro", heading=0),
                para("One ", Run("bold", bold=True), " and ", Run("link", link="https://example.org/a b")),
                para("Two.", FootnoteReference(((Run("A note."),),)), label=num("1", 0)),
            ]
        )

    assert pages(*document().blocks) == pages(*document().blocks)
    page = pages(*document().blocks)["intro"]
    assert "One **bold** and [link](<https://example.org/a%20b>)" in page
    assert "Two.[^1]" in page and page.endswith("[^1]: A note.\n")


def test_a_number_the_project_has_already_is_kept_as_text_and_reported(tmp_path: Path) -> None:
    """Two lettered lists under unnumbered headings would both be (a), (b): the second is kept as words."""
    blocks = [
        para("Roles", heading=0),
        para("first;", label=num("(a)", 0, "lowerLetter")),
        para("Conduct", heading=0),
        para("again.", label=num("(a)", 0, "lowerLetter", list_id="2")),
    ]
    protocol, result = checked(tmp_path, *blocks)
    assert result.warnings == [] and result.mismatches == []
    assert "(a) again." in pages(*blocks)["conduct"]
    assert [notice.kind for notice in protocol.notices] == ["numbering"]


# -- the starter's files ------------------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    from sphinx_constitution.programs.new import main

    dest = tmp_path / "council"
    answers = [
        "--council-name",
        "Northshire Council",
        "--website",
        "https://www.northshire.gov.uk",
        "--nation",
        "wales",
    ]
    assert main([str(dest), *answers, "--defaults", "--quiet"]) == 0
    return dest


def test_without_copier_the_starters_pages_are_rendered_as_copier_renders_them(project: Path) -> None:
    import yaml
    from sphinx_constitution.programs.new import TEMPLATE
    from sphinx_constitution.programs.wordimport.__main__ import _rendered, starter_files

    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    jinja = _rendered(TEMPLATE, {key: value for key, value in answers.items() if not key.startswith("_")})
    copier = starter_files(project)
    assert copier is not None
    compared = [*writer.FORMS, *(f"docs/protocol/{name}" for name in writer.STARTER_PAGES)]
    assert {name: jinja.get(name) for name in compared} == {name: copier[name] for name in compared}


def test_the_starters_notes_become_forms_and_a_councils_own_keep_their_words_with_broken_references_listed(
    project: Path,
) -> None:
    from sphinx_constitution.programs.wordimport.__main__ import starter_files

    employees = project / "docs/notes/employees.md"
    employees.write_text(employees.read_text(encoding="utf-8") + "\nSee {clause}`1.4`.\n", encoding="utf-8")
    protocol = structure.build(Document([para("Roles", heading=0), para("Only.", label=num("1.1", 0))]))
    plan = writer.plan(protocol, project, starter_files(project))
    assert plan.forms == ["docs/notes/members.md", "docs/glossary.md", "docs/_data/codes.toml"]
    assert plan.kept == ["docs/notes/employees.md"]
    assert "docs/notes/employees.md" not in plan.files
    notes = "docs/notes/employees.md"
    assert plan.broken == [(notes, 14, "{clause}`1.4`"), (notes, 16, "{clause}`1.3`"), (notes, 26, "{clause}`1.4`")]
    members = plan.files["docs/notes/members.md"]
    assert members is not None and b"{clause}" not in members and b"For the council to write" in members
    registry = plan.files["docs/_data/codes.toml"]
    assert registry is not None and b'id = "employee-code"' in registry, "the council's own note still cites it"
    employees.write_text(employees.read_text(encoding="utf-8").replace("{code-ref}`employee-code`", "Code"), "utf-8")
    registry = writer.plan(protocol, project, starter_files(project)).files["docs/_data/codes.toml"]
    assert registry is not None and b'id = "employee-code"' not in registry, "an entry nothing cites would warn"
    assert plan.files["docs/protocol/working-together.md"] is None and plan.files["docs/protocol/principles.md"] is None
    index = plan.files["docs/protocol/index.md"]
    assert index is not None and index.decode().endswith("```{toctree}\n:maxdepth: 1\n\nroles\n```\n")


def test_a_list_typed_inside_a_numbered_section_stays_text_and_the_next_section_is_found() -> None:
    """As in the NEDDC draft's text: section 3 lists seven principles typed "1." to "7."; "4." there is not
    section 4, which comes after them."""
    principles = ["Selflessness", "Integrity", "Objectivity", "Accountability", "Openness", "Honesty", "Leadership"]
    found = pages(
        para("2 APPLICATION"),
        para("2.1 The rules apply to all Members."),
        para("3 PRINCIPLES"),
        para("The seven principles are:"),
        *(para(f"{n}. {name}: holders of public office act well.") for n, name in enumerate(principles, 1)),
        para("4 EMPLOYEE CODE OF CONDUCT"),
        para("4.1 The Employee Code applies."),
    )
    assert list(found) == ["application", "principles", "employee-code-of-conduct"]
    assert "{clause}" not in found["principles"]
    assert "\n4\\. Accountability: holders of public office act well.\n" in found["principles"]
    assert (
        "# 4 EMPLOYEE CODE OF CONDUCT\n\n:::{clause} 4.1\nThe Employee Code applies.\n:::"
        in found["employee-code-of-conduct"]
    )


def test_a_heading_numbered_before_its_clauses_is_found_after_a_section_that_was_not() -> None:
    """A report's "6 Risk implications" (no clause of its own, not in capitals) is text; "7 Policy", before 7.1,
    is still a heading, and 7.1 its clause."""
    found = pages(
        para("5 Finance"),
        para("5.1 There are no costs."),
        para("6 Risk implications"),
        para("7 Policy alignment"),
        para("7.1 The duty has informed the draft."),
    )
    assert "# 7 Policy alignment\n\n:::{clause} 7.1\nThe duty has informed the draft.\n:::" in found["policy-alignment"]


def test_numbers_the_project_cannot_write_as_clauses_keep_their_words(tmp_path: Path) -> None:
    """Word's "6.1(a)" is (a) inside 6.1; a list level showing "Schedule" is words before the paragraph's own; a
    bullet two levels deeper than the one before it nests one deeper (no code block)."""
    bullets = [para("top", label=num("•", 0, "bullet", "9")), para("deep", label=num("▪", 2, "bullet", "9"))]
    blocks = [
        para("Roles", heading=0, label=num("6", 0)),
        para("Members:", label=num("6.1", 1)),
        para("lead;", label=num("6.1(a)", 2, "lowerLetter")),
        para("see the schedule.", label=Label("Schedule", 0, (), ("none",), "numbering", "3")),
        *bullets,
    ]
    page = pages(*blocks)["roles"]
    expected = ":::{clause} (a)\nlead;\n\nSchedule see the schedule.\n\n- top\n  - deep\n:::"
    assert "::::{clause} 6.1\nMembers:\n\n" + expected in page
    protocol, result = checked(tmp_path, *blocks)
    assert result.mismatches == [] and result.warnings == []
    assert [notice.kind for notice in protocol.notices] == ["numbering"]


def test_clauses_set_in_heading_styles_to_number_them_are_clauses() -> None:
    found = pages(
        para("Conduct", heading=0, label=num("1", 0)),
        para("Members treat officers with courtesy and respect at all times.", heading=1, label=num("1.1", 1)),
        para("in meetings held in public.", heading=2, label=num("(a)", 2, "lowerLetter")),
    )
    assert "::::{clause} 1.1\nMembers treat" in found["conduct"] and ":::{clause} (a)\nin meetings" in found["conduct"]


def test_a_do_dont_table_under_a_title_row_takes_its_title_as_caption() -> None:
    rows = [[cell("What Members can expect from Officers")], [cell("Officers Do"), cell("Officers Don't")]]
    rows.append([cell("Be impartial"), cell("Gossip")])
    found = pages(para("Appendix", heading=0), Table(rows, Where(5), 1))
    assert ":::{do-dont} What Members can expect from Officers\n:do: Officers Do\n" in found["appendix"]
    assert "+ Be impartial\n\n- Gossip\n:::" in found["appendix"]


def test_an_empty_numbered_paragraph_and_an_empty_table_are_left_out_and_reported() -> None:
    blocks = [
        para("Protocol", style="Title"),
        para("Roles", heading=0, label=num("1", 0)),
        para("First.", label=num("1.1", 1)),
        para("", label=num("1.2", 1)),
        Table([[cell(""), cell("")]], Where(77), 0),
    ]
    protocol = structure.build(Document(blocks))
    assert [clause.key for clause in protocol.clauses] == ["1.1"]
    assert [notice.kind for notice in protocol.notices] == ["numbering", "table", "title"]
    assert "list-table" not in pages(*blocks)["roles"]


def test_random_words_of_markup_characters_in_bold_italic_and_tracked_runs_survive_exactly(tmp_path: Path) -> None:
    """Runs drawn (with a fixed seed) from Markdown's and MyST's syntax characters, bold, italic, inserted or
    deleted, with links, footnotes and cross-references among them, in clauses, lists and a Do/Don't table: every
    clause on the built page has Word's words, and the build has no warning."""
    import random

    draw = random.Random(20)
    pieces = [*"abc XYZ 019 .,;:!?-+*_`{}[]()<>#|~$&%\\/'\"=^@", "{x}", "{{ y }}", ":::", "1.", "(a)", "\u2019", "..."]

    def text() -> str:
        return "".join(draw.choice(pieces) for _ in range(draw.randint(1, 20))).strip() or "w"

    def runs() -> list[Run | CrossReference | FootnoteReference]:
        found: list[Run | CrossReference | FootnoteReference] = []
        for _ in range(draw.randint(1, 5)):
            change = draw.choice([None, None, "ins", "del"])
            kind = draw.random()
            if kind < 0.1:
                found.append(CrossReference("_Ref1", "1.1", change=change))
            elif kind < 0.15:
                found.append(FootnoteReference(((Run(text()),),), change=change))
            elif kind < 0.25:
                found.append(Run(text(), link=f"https://example.org/{text()}", change=change))
            else:
                found.append(Run(text(), bold=draw.random() < 0.3, italic=draw.random() < 0.2, change=change))
        return [*found, Run(" kept")]

    blocks: list[Paragraph | Table] = [para("Words", heading=0, label=num("1", 0))]
    for n in range(1, 41):
        blocks.append(para(*runs(), label=num(f"1.{n}", 1), bookmarks=(f"_Ref{n}",)))
        if n % 3 == 0:
            blocks.append(para(*runs()))
        if n % 7 == 0:
            blocks += [para(*runs(), label=num("•", 0, "bullet", "9")), para(*runs(), label=num("•", 1, "bullet", "9"))]
    do_dont = [[para("Do")], [para("Don't")]]
    blocks.append(Table([do_dont, *([[para(*runs())], [para(*runs()), para(*runs())]] for _ in range(3))], Where(9), 1))
    _protocol, result = checked(tmp_path, *blocks)
    assert result.warnings == [] and result.mismatches == [] and result.compared == 40


def test_the_items_after_a_typed_i_decide_whether_it_is_a_letter_or_a_numeral() -> None:
    """(h), (i), (ii): the (i) is the first numeral under (h); (h), (i), (j): the ninth letter. "A. Smith said"
    and "1.5 million" at a paragraph's start stay words."""
    letters = [para(f"({x}) item;") for x in "abcdefgh"]
    under = structure.build(Document([para("6.1 Clause:"), *letters, para("(i) one;"), para("(ii) two;")]))
    assert [c.key for c in under.clauses][-3:] == ["6.1(h)", "6.1(h)(i)", "6.1(h)(ii)"]
    after = structure.build(Document([para("6.1 Clause:"), *letters, para("(i) ninth;"), para("(j) tenth;")]))
    assert [c.key for c in after.clauses][-3:] == ["6.1(h)", "6.1(i)", "6.1(j)"]
    words = structure.build(
        Document([para("1.1 First."), para("A. Smith said so."), para("1.5 million people."), para("2.1 Next.")])
    )
    assert [c.key for c in words.clauses] == ["1.1", "2.1"]


def test_a_heading_deleted_by_a_tracked_change_is_struck_out_words_not_a_section(tmp_path: Path) -> None:
    blocks = [
        para("Roles", heading=0, label=num("1", 0)),
        para("First.", label=num("1.1", 1)),
        para(Run("Old heading", change="del"), heading=1, change="del"),
        para("Second.", label=num("1.2", 1)),
    ]
    page = pages(*blocks)["roles"]
    assert "First.\n\n:::{del}\nOld heading\n:::\n::::" in page and "## " not in page
    _protocol, result = checked(tmp_path, *blocks)
    assert result.warnings == [] and result.mismatches == []


def test_the_projects_own_word_for_a_clause_is_read_from_conf_py_without_running_it(tmp_path: Path) -> None:
    from sphinx_constitution.programs.wordimport.__main__ import reference_words

    conf = tmp_path / "conf.py"
    conf.write_text('import os\nos.exit(1)\nconstitution_clause_reference_prefix = "clause"\n', encoding="utf-8")
    assert reference_words(conf) == ("clause", "clauses")
    conf.write_text('constitution_clause_reference_prefix = "para."\nconstitution_clause_reference_plural = "paras."\n')
    assert reference_words(conf) == ("para.", "paras.")
    blocks = [para("A", heading=0, label=num("1", 0)), para("One.", label=num("1.1", 1))]
    blocks.append(para("See clause 1.1, clauses 1.1 and 1.2 and paragraph 1.1.", label=num("1.2", 1)))
    protocol = structure.build(Document(blocks), "clause", "clauses")
    page = writer.page(protocol.pages[0], protocol)[0]
    assert "See {clause}`1.1`, {clause}`1.1 and 1.2` and {clause}`paragraph 1.1 <1.1>`." in page


def test_a_table_of_contents_left_as_text_is_left_out() -> None:
    blocks = [
        para("Contents", style="TOC Heading"),
        para("1 INTRODUCTION\t3", style="TOC 1"),
        para("2 ROLES\t4", style="TOC 1"),
        para("Introduction", heading=0, label=num("1", 0)),
        para("First.", label=num("1.1", 1)),
    ]
    protocol = structure.build(Document(blocks))
    assert [page.name for page in protocol.pages] == ["introduction"]
    assert [notice.kind for notice in protocol.notices] == ["table of contents"]


def test_a_section_typed_1_0_and_bullets_typed_as_characters() -> None:
    found = pages(para("1.0 Introduction"), para("1.1 Members:"), para("• lead;"), para("• decide."))
    page = found["introduction"]
    assert page.startswith(
        writer.MARK + "\n\n# 1.0 Introduction\n\n:::{clause} 1.1\nMembers:\n\n- lead;\n- decide.\n:::"
    )
