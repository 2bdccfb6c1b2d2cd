"""Numbered clauses: ids, permalinks, references, and every numbering mistake an editor can make."""

from __future__ import annotations

import pytest
from conftest import assert_fails_at
from sphinx_constitution.model.clauses import ClauseNumber, sequence_values


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
    result = build_snippet({"index": NESTED})
    assert result.status == 0, result.warnings
    page = result.html()
    outer = page.find(id="clause-7-5")
    assert outer.select_one(".con-clause-number").get_text() == "7.5"
    link = outer.select_one("a.con-clause-link")
    assert link["href"] == "#clause-7-5"
    assert link["aria-label"] == "Link to paragraph 7.5"
    inner = page.find(id="clause-7-5-2")
    assert inner.find_parent(id="clause-7-5") is outer
    assert inner.select_one(".con-clause-number").get_text() == "(2)"
    assert inner.select_one(".con-clause-title").get_text() == "Clarity"
    assert page.find(id="clause-7-5-1").select_one("a.con-clause-link")["aria-label"] == "Link to paragraph 7.5(1)"


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
    result = build_snippet({"index": "# P\n\n:::{clause} 1.1\nText.\n:::\n\nSee {clause}`6.99`.\n"})
    assert_fails_at(result, "index", 7, "unknown_clause", "no clause numbered 6.99")


def test_duplicate_number_on_one_page_fails_naming_both_places(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{clause} 1.1\nA.\n:::\n\n:::{clause} 1.1\nB.\n:::\n"})
    assert_fails_at(result, "index", 7, "duplicate_clause", "index.md:3")


def test_duplicate_number_on_two_pages_fails(build_snippet) -> None:
    result = build_snippet(
        {
            "index": "# P\n\n```{toctree}\nother\n```\n\n:::{clause} 2.1\nA.\n:::\n",
            "other": "# O\n\n:::{clause} 2.1\nB.\n:::\n",
        }
    )
    assert_fails_at(result, "other", 3, "duplicate_clause", "clause 2.1 is numbered twice; the other is at index.md:7")


def test_gap_in_paragraph_numbers_fails_at_the_clause_after_the_gap(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{clause} 6.8\nA.\n:::\n\n:::{clause} 6.10\nB.\n:::\n"})
    assert_fails_at(result, "index", 7, "clause_gap", "skips from 6.8 to 6.10")


def test_gap_in_roman_sub_items_fails(build_snippet) -> None:
    source = "# P\n\n::::{clause} 4.1\nA.\n\n:::{clause} (i)\nB.\n:::\n\n:::{clause} (iii)\nC.\n:::\n::::\n"
    result = build_snippet({"index": source})
    assert_fails_at(result, "index", 10, "clause_gap", "skips from 4.1(i) to 4.1(iii)")


def test_unreadable_number_fails(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nIntro.\n\n:::{clause} 6,7\nText stays visible.\n:::\n"})
    assert_fails_at(result, "index", 5, "bad_clause_number", "'6,7' is not a clause number")
    assert "Text stays visible." in result.html().get_text()


def test_nested_clause_with_a_dotted_number_fails(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n::::{clause} 7.5\nA.\n\n:::{clause} 7.6\nB.\n:::\n::::\n"})
    assert_fails_at(result, "index", 6, "bad_clause_number", "not a sub-item label such as (1), (i) or (a)")


def test_malformed_reference_fails(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{clause} 1.1\nA.\n:::\n\nSee {clause}`1,1`.\n"})
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
    result = build_snippet({"index": "# P\n\n" + source})
    assert_fails_at(result, "index", 3, "empty_clause", words)


def test_a_clause_of_only_sub_items_may_have_a_heading_instead_of_words(build_snippet) -> None:
    # as 4.1(2) "Disclosure of Information" in the protocol
    result = build_snippet({"index": "# P\n\n::::{clause} 6.7 Disclosure\n:::{clause} (1)\nA.\n:::\n::::\n"})
    assert result.status == 0, result.warnings
    assert result.main().find(id="clause-6-7").select_one(".con-clause-title").get_text() == "Disclosure"


@pytest.mark.parametrize("conf", ["", "constitution_tracked_changes = True\n"])
def test_a_clause_whose_only_words_are_deleted_fails_in_either_view(build_snippet, conf: str) -> None:
    source = "# P\n\n::::{clause} 6.7\n:::{del}\nOld words.\n:::\n::::\n\n:::{clause} 6.8\n{del}`Old.`\n:::\n"
    result = build_snippet({"index": source}, conf=conf)
    assert_fails_at(result, "index", 3, "empty_clause", "clause 6.7 has no words")
    assert_fails_at(result, "index", 9, "empty_clause", "clause 6.8 has no words")


def test_a_clause_with_words_in_an_insertion_is_not_empty(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n::::{clause} 6.7\n:::{ins}\nNew words.\n:::\n::::\n"})
    assert result.status == 0, result.warnings
