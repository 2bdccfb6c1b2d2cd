"""Numbered clauses: ids, permalinks, references (to one clause, or to lists and ranges of them), and every numbering
mistake an editor can make."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import assert_fails_at, sphinx_build
from sphinx.util.inventory import InventoryFile
from sphinx_constitution.config import plural
from sphinx_constitution.model.clauses.citing import read_citation
from sphinx_constitution.model.clauses.numbers import ClauseNumber, sequence_values
from sphinx_constitution.problems import Problem


@pytest.mark.parametrize(
    ("number", "anchor", "label"),
    [
        ("6.7", "clause-6-7", "6.7"),
        ("7.5(3)", "clause-7-5-3", "(3)"),
        ("8.1(b)", "clause-8-1-b", "(b)"),
        ("4.1(4)(viii)", "clause-4-1-4-viii", "(viii)"),
        # other councils' styles: numbered straight through, continuing a Part, a lettered introduction
        ("16", "clause-16", "16"),
        ("8.63", "clause-8-63", "8.63"),
        ("(a)", "clause-a", "(a)"),
        ("2A.1", "clause-2a-1", "2A.1"),
        (" 7.5 (3) ", "clause-7-5-3", "(3)"),
    ],
)
def test_clause_numbers_make_the_documented_ids(number: str, anchor: str, label: str) -> None:
    parsed = ClauseNumber.parse(number)
    assert parsed is not None
    assert parsed.anchor("clause") == anchor
    assert parsed.label == label


@pytest.mark.parametrize("text", ["6,7", "(4", "6.7.", "six", "(IV)", "", "6.7 (3) extra"])
def test_unreadable_clause_numbers_are_refused(text: str) -> None:
    assert ClauseNumber.parse(text) is None


def test_sibling_sequences_know_numbers_roman_numerals_and_letters() -> None:
    assert sequence_values(["1", "2", "10"]) == {"1": 1, "2": 2, "10": 10}
    assert sequence_values(["i", "ii", "iv", "ix"]) == {"i": 1, "ii": 2, "iv": 4, "ix": 9}
    assert sequence_values(["h", "i", "j"]) == {"h": 8, "i": 9, "j": 10}  # (i) among letters is a letter
    assert sequence_values(["7", "7A", "8"]) == {"7": 7, "8": 8}  # an inserted 7A stands outside
    assert sequence_values(["1", "b"]) is None


NESTED = """
# Protocol

::::{clause} 7.5
The Cabinet Member or Chairman may ask the report author:

:::{clause} (1)
To include particular options;
:::

:::{clause} (2) Clarity
To clarify the report.
:::
::::
"""


def test_a_clause_shows_its_number_a_labelled_permalink_and_its_sub_items(build_snippet) -> None:
    """As a screen reader hears it: the number is the permalink, one link named "paragraph 7.5" (no second link
    per clause); the sub-items are a list; a sub-item's heading is a heading one level below its section's."""
    result = build_snippet({"index": NESTED})
    assert result.status == 0, result.warnings
    page = result.html()
    outer = page.find(id="clause-7-5")
    link = outer.select_one("a.con-clause-link")
    assert link.select_one(".con-clause-number").get_text() == "7.5"
    assert link["href"] == "#clause-7-5"
    assert link["aria-label"] == "paragraph 7.5"
    assert link["title"] == "Copy the link to paragraph 7.5"
    assert len(outer.select(":scope > .con-clause-label a")) == 1
    items = outer.select_one(".con-clause-body > .con-clause-list[role=list]")
    assert [item["id"] for item in items.select(":scope > [role=listitem]")] == ["clause-7-5-1", "clause-7-5-2"]
    inner = page.find(id="clause-7-5-2")
    assert inner.find_parent(id="clause-7-5") is outer
    assert inner.select_one(".con-clause-number").get_text() == "(2)"
    heading = inner.select_one(".con-clause-title")
    assert (heading.get_text(), heading["role"], heading["aria-level"]) == ("Clarity", "heading", "2")
    assert page.find(id="clause-7-5-1").select_one("a.con-clause-link")["aria-label"] == "paragraph 7.5(1)"


def test_a_clause_reference_links_across_pages_and_says_paragraph(build_snippet) -> None:
    result = build_snippet(
        {
            "index": NESTED + "\n```{toctree}\nother\n```\n",
            "other": "# Other\n\nSee {clause}`7.5(2)` and {clause}`the options rule <7.5(1)>`.\n",
        }
    )
    assert result.status == 0, result.warnings
    links = result.main("other").select("a.reference.internal")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("paragraph 7.5(2)", "index.html#clause-7-5-2"),
        ("the options rule", "index.html#clause-7-5-1"),
    ]
    assert links[0]["title"].startswith("paragraph 7.5(2): To clarify the report")


def test_clauses_are_objects_in_the_search_index(build_snippet) -> None:
    result = build_snippet({"index": NESTED})
    index = (result.outdir / "searchindex.js").read_text()
    assert '"clause:clause"' in index or "clause" in index
    assert "clause-7-5-2" in index


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # numbered straight through the document, cited as "paragraph 16"
        (":::{clause} 15\nOne.\n:::\n\n:::{clause} 16\nTwo, see {clause}`15`.\n:::\n", "clause-16"),
        # continuing a Constitution Part's numbering
        (":::{clause} 8.63\nOne.\n:::\n\n:::{clause} 8.64\nTwo, see {clause}`8.63`.\n:::\n", "clause-8-64"),
        # a lettered introduction before numbered sections
        (
            ":::{clause} (a)\nOne.\n:::\n\n:::{clause} (b)\nTwo, see {clause}`(a)`.\n:::\n\n"
            ":::{clause} 1.1\nThree.\n:::\n",
            "clause-a",
        ),
    ],
)
def test_other_councils_numbering_styles_build_clean(build_snippet, source: str, expected: str) -> None:
    result = build_snippet({"index": "# Part\n\n" + source})
    assert result.status == 0, result.warnings
    page = result.html()
    assert page.find(id=expected) is not None
    assert result.main().select_one("a.reference.internal .xref").get_text().startswith("paragraph ")


# -- authoring mistakes: the build fails and names the file and line -----------------------------


def test_reference_to_a_missing_clause_fails_naming_file_and_line(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{clause} 1.1\nText.\n:::\n\nSee {clause}`6.99`.\n"}, builder="dummy")
    assert_fails_at(result, "index", 7, "unknown_clause", "no clause numbered 6.99")


def test_duplicate_number_on_one_page_fails_naming_both_places(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{clause} 1.1\nA.\n:::\n\n:::{clause} 1.1\nB.\n:::\n"}, builder="dummy")
    assert_fails_at(result, "index", 7, "duplicate_clause", "index.md:3")


def test_duplicate_number_on_two_pages_fails(build_snippet) -> None:
    result = build_snippet(
        {
            "index": "# P\n\n```{toctree}\nother\n```\n\n:::{clause} 2.1\nA.\n:::\n",
            "other": "# O\n\n:::{clause} 2.1\nB.\n:::\n",
        },
        builder="dummy",
    )
    assert_fails_at(result, "other", 3, "duplicate_clause", "clause 2.1 is numbered twice; the other is at index.md:7")


def test_gap_in_paragraph_numbers_fails_at_the_clause_after_the_gap(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{clause} 6.8\nA.\n:::\n\n:::{clause} 6.10\nB.\n:::\n"}, builder="dummy")
    assert_fails_at(result, "index", 7, "clause_gap", "skips from 6.8 to 6.10")


def test_gap_in_roman_sub_items_fails(build_snippet) -> None:
    source = "# P\n\n::::{clause} 4.1\nA.\n\n:::{clause} (i)\nB.\n:::\n\n:::{clause} (iii)\nC.\n:::\n::::\n"
    result = build_snippet({"index": source}, builder="dummy")
    assert_fails_at(result, "index", 10, "clause_gap", "skips from 4.1(i) to 4.1(iii)")


def test_unreadable_number_fails(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nIntro.\n\n:::{clause} 6,7\nText stays visible.\n:::\n"})
    assert_fails_at(result, "index", 5, "bad_clause_number", "'6,7' is not a clause number")
    assert "Text stays visible." in result.html().get_text()


def test_nested_clause_with_a_dotted_number_fails(build_snippet) -> None:
    result = build_snippet(
        {"index": "# P\n\n::::{clause} 7.5\nA.\n\n:::{clause} 7.6\nB.\n:::\n::::\n"}, builder="dummy"
    )
    assert_fails_at(result, "index", 6, "bad_clause_number", "not a sub-item label such as (1), (i) or (a)")


def test_malformed_reference_fails(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{clause} 1.1\nA.\n:::\n\nSee {clause}`1,1`.\n"}, builder="dummy")
    assert_fails_at(result, "index", 7, "bad_clause_number", "'1,1' is not a clause number")


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (":::{clause} 6.7\n:::\n", "clause 6.7 has no words: write its text inside the fence"),
        (":::{clause} 6.7\n\n:::\n", "clause 6.7 has no words"),
        (
            "::::{clause} 6.7\n:::{clause} (1)\nA.\n:::\n::::\n",
            "clause 6.7 has only sub-items: give it a heading ({clause} 6.7 Heading) or words leading into them",
        ),
    ],
)
def test_a_clause_with_no_words_or_heading_fails_instead_of_showing_a_bare_number(
    build_snippet, source: str, words: str
) -> None:
    result = build_snippet({"index": "# P\n\n" + source}, builder="dummy")
    assert_fails_at(result, "index", 3, "empty_clause", words)


def test_a_clause_of_only_sub_items_may_have_a_heading_instead_of_words(build_snippet) -> None:
    # as 4.1(2) "Disclosure of Information" in the protocol
    result = build_snippet({"index": "# P\n\n::::{clause} 6.7 Disclosure\n:::{clause} (1)\nA.\n:::\n::::\n"})
    assert result.status == 0, result.warnings
    assert result.main().find(id="clause-6-7").select_one(".con-clause-title").get_text() == "Disclosure"


@pytest.mark.parametrize("conf", ["", "constitution_tracked_changes = True\n"])
def test_a_clause_whose_only_words_are_deleted_fails_in_either_view(build_snippet, conf: str) -> None:
    source = "# P\n\n::::{clause} 6.7\n:::{del}\nOld words.\n:::\n::::\n\n:::{clause} 6.8\n{del}`Old.`\n:::\n"
    result = build_snippet({"index": source}, conf=conf, builder="dummy")
    assert_fails_at(result, "index", 3, "empty_clause", "clause 6.7 has no words")
    assert_fails_at(result, "index", 9, "empty_clause", "clause 6.8 has no words")


def test_a_clause_with_words_in_an_insertion_is_not_empty(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n::::{clause} 6.7\n:::{ins}\nNew words.\n:::\n::::\n"})
    assert result.status == 0, result.warnings


# -- citing several clauses: lists and ranges ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("8 to 11", ["8", "9", "10", "11"]),
        ("6.7, 6.9 and 7.5(3)", ["6.7", "6.9", "7.5(3)"]),
        ("6.7, 6.9, and 7.5(3)", ["6.7", "6.9", "7.5(3)"]),  # with the serial comma
        ("6.7 to 6.9 and 7.1", ["6.7", "6.8", "6.9", "7.1"]),
        ("4.1(2)(i) to 4.1(2)(iv)", ["4.1(2)(i)", "4.1(2)(ii)", "4.1(2)(iii)", "4.1(2)(iv)"]),
        ("8.1(a) to 8.1(c)", ["8.1(a)", "8.1(b)", "8.1(c)"]),
        ("(h) to (j)", ["(h)", "(i)", "(j)"]),  # (i) between letters is a letter
        ("2A.1 to 2A.3", ["2A.1", "2A.2", "2A.3"]),  # an inserted section numbers its own clauses
        ("old:6.7 to 6.9", ["old:6.7", "old:6.8", "old:6.9"]),  # the last end is in the first's scope
        ("old:6.7 to old:6.8 and 6.7", ["old:6.7", "old:6.8", "6.7"]),  # a list's numbers each name their own
        ("6.7", ["6.7"]),
    ],
)
def test_a_citation_reads_lists_and_ranges_and_every_clause_of_a_range(text: str, keys: list[str]) -> None:
    items, troubles = read_citation(text, "")
    assert troubles == []
    assert [key for item in items for key in item.keys] == keys


def test_a_citation_is_read_in_the_citing_pages_scope() -> None:
    items, _troubles = read_citation("6.7 to 6.8 and new:1", "old")
    assert [key for item in items for key in item.keys] == ["old:6.7", "old:6.8", "new:1"]
    assert [item.ends for item in items] == [(("old:6.7", "6.7"), ("old:6.8", "6.8")), (("new:1", "1"),)]


@pytest.mark.parametrize(
    ("text", "problem", "words"),
    [
        ("6.7 to 7.2", Problem.BAD_CLAUSE_RANGE, "'6.7 to 7.2' is not a range: 6.7 and 7.2 are not in one sequence"),
        ("8 to 8.1", Problem.BAD_CLAUSE_RANGE, "8 and 8.1 are not in one sequence"),
        ("(a) to (iv)", Problem.BAD_CLAUSE_RANGE, "(a) and (iv) are not in one sequence"),
        ("11 to 8", Problem.BAD_CLAUSE_RANGE, "'11 to 8' runs backwards: write 8 to 11"),
        ("8 to 8", Problem.BAD_CLAUSE_RANGE, "'8 to 8' is one clause: write 8"),
        ("old:6.7 to new:6.9", Problem.BAD_CLAUSE_RANGE, "its ends are in two scopes"),
        ("7A to 9", Problem.BAD_CLAUSE_RANGE, "an inserted number (7A) stands outside the numbering"),
        ("1 to 5000", Problem.BAD_CLAUSE_RANGE, "spans 5,000 clauses, more than a range may (1,000)"),
        ("6 to 7 to 8", Problem.BAD_CLAUSE_RANGE, "'6 to 7 to 8' is not a range"),
        # a comma with no space after it does not part a list: "1,1" is one number, mistyped
        ("1,1", Problem.BAD_CLAUSE_NUMBER, "'1,1' is not a clause number"),
        ("6.7 and", Problem.BAD_CLAUSE_NUMBER, "'6.7 and' is not a clause number"),
    ],
)
def test_a_citation_that_is_no_list_or_range_says_why(text: str, problem: Problem, words: str) -> None:
    _items, troubles = read_citation(text, "")
    assert len(troubles) == 1
    assert troubles[0][0] is problem
    assert words in troubles[0][1]


@pytest.mark.parametrize(
    ("word", "words"),
    [
        ("paragraph", "paragraphs"),
        ("clause", "clauses"),
        ("Standing Order", "Standing Orders"),
        ("annex", "annexes"),
        ("policy", "policies"),
        ("day", "days"),
        ("", ""),
    ],
)
def test_the_word_before_several_clauses_is_the_prefix_made_plural(word: str, words: str) -> None:
    assert plural(word) == words


RULES = """
# Rules

:::{clause} 6.7
Seven.
:::

:::{clause} 6.8
Eight.
:::

:::{clause} 6.9
Nine.
:::

::::{clause} 7.5
Five:

:::{clause} (1)
One.
:::

:::{clause} (2)
Two.
:::

:::{clause} (3)
Three.
:::
::::

```{toctree}
cites
```
"""


def _citing(build_snippet, text: str, conf: str = ""):
    return build_snippet({"index": RULES, "cites": f"# Cites\n\nSee {text}.\n"}, conf=conf)


def _links(result) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in result.main("cites").select("a.reference")]


def test_a_range_says_paragraphs_and_links_both_ends(build_snippet) -> None:
    result = _citing(build_snippet, "{clause}`6.7 to 6.9`")
    assert result.status == 0, result.warnings
    assert "See paragraphs 6.7 to 6.9." in result.main("cites").get_text()
    assert _links(result) == [("6.7", "index.html#clause-6-7"), ("6.9", "index.html#clause-6-9")]
    assert result.main("cites").select("a.reference")[1]["title"] == "paragraph 6.9: Nine."


def test_a_list_says_paragraphs_and_links_each_number(build_snippet) -> None:
    result = _citing(build_snippet, "{clause}`6.7, 6.9 and 7.5(3)`, and {clause}`6.7 to 6.8 and 7.5(1)`")
    assert result.status == 0, result.warnings
    text = " ".join(result.main("cites").get_text().split())
    assert "See paragraphs 6.7, 6.9 and 7.5(3), and paragraphs 6.7 to 6.8 and 7.5(1)." in text
    assert [label for label, _href in _links(result)] == ["6.7", "6.9", "7.5(3)", "6.7", "6.8", "7.5(1)"]
    assert _links(result)[2] == ("7.5(3)", "index.html#clause-7-5-3")


def test_a_title_over_several_clauses_is_one_link_to_the_first(build_snippet) -> None:
    result = _citing(build_snippet, "{clause}`these paragraphs <6.7 to 6.9>`")
    assert result.status == 0, result.warnings
    assert _links(result) == [("these paragraphs", "index.html#clause-6-7")]


@pytest.mark.parametrize(
    ("conf", "said"),
    [
        ('constitution_clause_reference_prefix = "clause"\n', "See clauses 6.7 to 6.9."),
        (
            'constitution_clause_reference_prefix = "para."\nconstitution_clause_reference_plural = "paras."\n',
            "See paras. 6.7 to 6.9.",
        ),
    ],
)
def test_the_plural_follows_the_configured_word(build_snippet, conf: str, said: str) -> None:
    result = _citing(build_snippet, "{clause}`6.7 to 6.9`", conf=conf)
    assert result.status == 0, result.warnings
    assert said in result.main("cites").get_text()


def test_scoped_numbers_work_in_lists_and_ranges(build_snippet) -> None:
    old = "# Old\n" + "".join(f"\n:::{{clause}} 6.{n}\nOld {n}.\n:::\n" for n in (7, 8, 9))
    pages = {
        "index": RULES.replace("cites\n```", "cites\nold/index\n```"),
        "old/index": old,
        "cites": "# Cites\n\nSee {clause}`old:6.7 to 6.9` and {clause}`old:6.8, 6.8 and old:6.9`.\n",
    }
    result = build_snippet(pages, conf='constitution_clause_scopes = {"old": "old"}\n')
    assert result.status == 0, result.warnings
    assert "See paragraphs 6.7 to 6.9 and paragraphs 6.8, 6.8 and 6.9." in result.main("cites").get_text()
    assert [href for _label, href in _links(result)] == [
        "old/index.html#clause-6-7",
        "old/index.html#clause-6-9",
        "old/index.html#clause-6-8",
        "index.html#clause-6-8",
        "old/index.html#clause-6-9",
    ]


@pytest.mark.parametrize(
    ("text", "subtype", "words"),
    [
        ("{clause}`6.7, 6.99 and 7.5(3)`", "unknown_clause", "no clause numbered 6.99"),
        ("{clause}`6.7 to 6.99`", "unknown_clause", "no clause numbered 6.99"),
        ("{clause}`7.5(1) to 7.5(4)`", "unknown_clause", "no clause numbered 7.5(4)"),
        ("{clause}`6.6 to 6.8`", "unknown_clause", "no clause numbered 6.6"),
        ("{clause}`these <6.7 and 6.99>`", "unknown_clause", "no clause numbered 6.99"),
        ("{clause}`these <6.7 to 6.99>`", "unknown_clause", "no clause numbered 6.99, in the range 6.7 to 6.99"),
        ("{clause}`6.7 to 7.5(2)`", "bad_clause_range", "6.7 and 7.5(2) are not in one sequence"),
        ("{clause}`6.9 to 6.7`", "bad_clause_range", "'6.9 to 6.7' runs backwards: write 6.7 to 6.9"),
        ("{clause}`6.7 and 6,9`", "bad_clause_number", "'6,9' is not a clause number"),
    ],
)
def test_a_mistake_in_a_list_or_range_fails_naming_file_and_line(
    build_snippet, text: str, subtype: str, words: str
) -> None:
    result = _citing(build_snippet, text)
    assert_fails_at(result, "cites", 3, subtype, words)
    assert result.warnings.count("WARNING") == 1, result.warnings


def test_a_range_over_a_missing_clause_fails(build_snippet) -> None:
    rules = RULES.replace(":::{clause} 6.8\nEight.\n:::\n", "")
    result = build_snippet({"index": rules, "cites": "# Cites\n\nSee {clause}`6.7 to 6.9`.\n"}, builder="dummy")
    assert_fails_at(result, "cites", 3, "unknown_clause", "no clause numbered 6.8, in the range 6.7 to 6.9")


@pytest.mark.parametrize(
    ("text", "written", "shown"),
    [
        ("paragraph {clause}`7.5(2)`", "paragraph", "paragraph 7.5(2)"),  # a citation copied as the council writes it
        ("Paragraph {clause}`6.7`", "Paragraph", "paragraph 6.7"),
        ("paragraphs {clause}`6.7 to 6.9`", "paragraphs", "paragraphs 6.7 to 6.9"),
        ("paragraphs {clause}`6.7 and 6.9`", "paragraphs", "paragraphs 6.7 and 6.9"),
        ("paragraphs {clause}`6.7`", "paragraphs", "paragraph 6.7"),
        ("paragraph\n{clause}`6.7`", "paragraph", "paragraph 6.7"),  # the word ends the line before
    ],
)
def test_the_word_a_reference_prints_written_before_it_fails_at_its_line(
    build_snippet, text: str, written: str, shown: str
) -> None:
    """Not a silent "paragraph paragraph 7.5(2)" on a green build: the warning says what to write instead."""
    result = _citing(build_snippet, text)
    target = text.partition("`")[2].rstrip("`")
    said = f'"{written}" is written before this reference, which prints it too ("{written} {shown}"): leave "{written}"'
    assert_fails_at(result, "cites", 3, "doubled_reference_word", said)
    assert f"give the words: {{clause}}`{written} {target} <{target}>`" in result.warnings
    assert result.warnings.count("WARNING") == 1, result.warnings


@pytest.mark.parametrize(
    "text",
    [
        "{clause}`paragraph 6.7 <6.7>`",  # the explicit title: the words are the author's
        "subparagraph {clause}`6.7`",
        "the paragraph: {clause}`6.7`",
        "*paragraph* {clause}`6.7`",  # not plain text before it
    ],
)
def test_a_word_that_is_not_the_printed_word_before_a_reference_is_fine(build_snippet, text: str) -> None:
    result = _citing(build_snippet, text)
    assert result.status == 0, result.warnings


def test_the_doubled_word_follows_the_configured_words(build_snippet) -> None:
    conf = 'constitution_clause_reference_prefix = "para."\nconstitution_clause_reference_plural = "Standing Orders"\n'
    result = _citing(build_snippet, "paragraph {clause}`6.7`, and standing orders {clause}`6.7 to 6.9`", conf=conf)
    said = '"standing orders" is written before this reference, which prints it too ("standing orders Standing Orders'
    assert_fails_at(result, "cites", 3, "doubled_reference_word", said)
    assert result.warnings.count("WARNING") == 1, result.warnings


@pytest.mark.parametrize("text", ["{clause}`6.7 to 6.9`", "{clause}`these <6.7 to 6.9>`"])
def test_every_clause_of_a_range_counts_as_cited(build_snippet, text: str) -> None:
    """The citing page is not read again when 6.8 goes, only written again: because 6.8 is among its citations."""
    result = _citing(build_snippet, text)
    assert result.status == 0, result.warnings
    index = result.srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(":::{clause} 6.8\nEight.\n:::\n", ""), "utf-8")
    read = (result.outdir / ".doctrees" / "cites.doctree").stat().st_mtime_ns
    again = sphinx_build(result.srcdir, result.outdir, "-b", "html")
    assert_fails_at(again, "cites", 3, "unknown_clause", "no clause numbered 6.8, in the range 6.7 to 6.9")
    assert (result.outdir / ".doctrees" / "cites.doctree").stat().st_mtime_ns == read, "cites.md was read again"


# -- one identity: every output names and anchors a clause as the project's settings say -----------------------------

OWN_WORDS = (
    'extensions += ["sphinx_constitution.outputs.cited_in", "sphinx_constitution.outputs.previews", '
    '"sphinx_constitution.outputs.clauses_json"]\n'
    'constitution_clause_reference_prefix = "standing order"\n'
    'constitution_clause_id_prefix = "so"\n'
)


def test_every_output_names_and_anchors_a_clause_in_the_project_s_words(build_snippet) -> None:
    """A project's word for its clauses and its anchors' prefix reach every place a clause shows: the reference (one
    and several), the permalink, "cited in", the preview, ``objects.inv`` and ``clauses.json``."""
    build = build_snippet(
        {
            "index": """# Orders

:::{clause} 6.7
Seven.
:::

:::{clause} 6.8
As {clause}`6.7` says, and {clause}`6.7 to 6.8`.
:::
"""
        },
        conf=OWN_WORDS,
    )
    assert build.status == 0, build.warnings
    main = build.main()
    seven = main.select_one("#so-6-7")
    assert seven is not None and seven.select_one("a.con-clause-link")["aria-label"] == "standing order 6.7"
    eight = main.select_one("#so-6-8 .con-clause-body > p")
    assert eight.get_text() == "As standing order 6.7 says, and standing orders 6.7 to 6.8."
    assert seven.select_one(".con-cited-in-summary").get_text() == "Standing order 6.7 is cited in 1 place"
    assert seven.select_one(".con-cited-in-list a[href='#so-6-8']").get_text() == "standing order 6.8"
    store = BeautifulSoup(main.select_one("template#con-previews").decode_contents(), "html.parser")
    preview = store.select_one(".con-preview[data-for='#so-6-7'] strong")
    assert preview is not None and preview.get_text() == "Standing order 6.7,"
    with (build.outdir / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    seven_listed = inventory["clause:clause"]["6.7"]
    assert (seven_listed.uri, seven_listed.display_name) == ("index.html#so-6-7", "standing order 6.7")
    listed = json.loads((build.outdir / "clauses.json").read_text(encoding="utf-8"))
    assert listed["reference_prefix"] == "standing order"
    assert [(c["key"], c["id"]) for c in listed["clauses"]] == [("6.7", "so-6-7"), ("6.8", "so-6-8")]
