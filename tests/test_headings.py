"""Numbering by heading: a section's heading carries its number ("3 Roles"), its clauses are (1), (2) … beneath it,
cited 3(2) and bookmarked #clause-3-2; the heading stays a heading in the navigation and the PDF."""

from __future__ import annotations

import pypdf
import pytest
from conftest import assert_fails_at, html_pages, sphinx_build

PROTOCOL = """\
# Protocol

:::{clause} (a)
A lettered introduction, before any numbered heading.
:::

## {section-number}`1` Definitions

:::{clause} (1)
Words. See {clause}`2(2)`, {clause}`2(1) to 2(3)` and {clause}`2`.
:::

## {section-number}`2` Roles

::::{clause} (1)
Members lead.

:::{clause} (a)
A sub-item of 2(1).
:::
::::

### Members' roles

:::{clause} (2)
Under a sub-heading, still in section 2.
:::

::::{note}
:::{clause} (3)
Inside a note, still in section 2.
:::
::::
"""

INDEX = """\
# Home

```{toctree}
protocol
```
"""


def test_clauses_beneath_a_numbered_heading_take_its_number(build_snippet) -> None:
    result = build_snippet({"index": INDEX, "protocol": PROTOCOL})
    assert result.status == 0, result.warnings
    page = result.html("protocol")
    labels = {
        "clause-a": "(a)",
        "clause-1-1": "(1)",
        "clause-2-1": "(1)",
        "clause-2-1-a": "(a)",
        "clause-2-2": "(2)",
        "clause-2-3": "(3)",
    }
    for anchor, label in labels.items():
        found = page.find(id=anchor)
        assert found is not None, anchor
        assert found.select_one(".con-clause-number").get_text() == label
    assert page.find(id="clause-2-1")["data-clause"] == "2(1)"
    # the heading is the section, and its lasting address is the clause's: its permalink and the navigation use it
    section = page.find(id="clause-2")
    assert section.name == "section"
    assert section.h2.get_text(" ", strip=True).startswith("2 Roles")
    assert section.h2.select_one("a.headerlink")["href"] == "#clause-2"
    links = {a.get_text(): a["href"] for a in page.select(".con-clause-body a.reference.internal")}
    assert links == {
        "paragraph 2(2)": "#clause-2-2",
        "2(1)": "#clause-2-1",
        "2(3)": "#clause-2-3",
        "paragraph 2": "#clause-2",
    }
    assert page.select_one('a[href="#clause-2"]')["title"] == "paragraph 2: Roles"
    navigation = result.html("index").select_one(".toctree-wrapper")
    assert [a.get_text() for a in navigation.select("a")] == ["Protocol", "1 Definitions", "2 Roles", "Members’ roles"]
    assert navigation.select_one("a[href='protocol.html#clause-2']") is not None


def test_a_numbered_heading_stays_a_heading_in_the_pdf(build_snippet) -> None:
    conf = """
    extensions.append("sphinx_constitution.outputs.pdf")
    constitution_pdf_documents = [{"start": "protocol", "filename": "protocol"}]
    root_doc = "protocol"
    """
    result = build_snippet({"protocol": PROTOCOL}, conf=conf, builder="pdf")
    assert result.status == 0, result.warnings
    reader = pypdf.PdfReader(result.outdir / "protocol.pdf")

    def titles(outline: list) -> list[str]:
        return [t for item in outline for t in (titles(item) if isinstance(item, list) else [item.title])]

    assert titles(reader.outline) == ["Protocol", "1 Definitions", "2 Roles", "Members’ roles"]
    text = reader.pages[0].extract_text()
    assert "2 Roles\n(1)" in text or "2 Roles (1)" in text.replace("\n", " ")


@pytest.mark.parametrize(
    ("source", "line", "subtype", "words"),
    [
        ("## {section-number}`3a` Roles\n", 3, "bad_clause_number", "'3a' is not a section number such as 3"),
        ("## {section-number}`(2)` Roles\n", 3, "bad_clause_number", "'(2)' is not a section number"),
        ("## Roles of {section-number}`3`\n", 3, "bad_clause_number", "a section number must begin a heading"),
        ("## Roles {section-number}`3`\n", 3, "bad_clause_number", "or follow one of the words Part, Section"),
        ("## The Part {section-number}`3` Roles\n", 3, "bad_clause_number", "a section number must begin a heading"),
        ("## Part{section-number}`3` Roles\n", 3, "bad_clause_number", "a section number must begin a heading"),
        ("## *Part* {section-number}`3` Roles\n", 3, "bad_clause_number", "a section number must begin a heading"),
        ("Words {section-number}`3`.\n", 3, "bad_clause_number", "a section number must begin a heading"),
        ("## {section-number}`3`\n\nWords.\n", 3, "empty_text", "the heading numbered 3 has no title"),
        ("## {section-number}`3` \u200b\n\nWords.\n", 3, "empty_text", "the heading numbered 3 has no title"),
        (
            "## {section-number}`3` Roles\n\n:::{clause} 4(1)\nWords.\n:::\n",
            5,
            "bad_clause_number",
            "clause 4(1) is under the heading numbered 3: number it within 3",
        ),
        (
            "## {section-number}`1` One\n\n:::{clause} (1)\nA.\n:::\n\n"
            "## {section-number}`3` Three\n\n:::{clause} (1)\nB.\n:::\n",
            9,
            "clause_gap",
            "clause numbering skips from 1 to 3",
        ),
        (
            "## {section-number}`1` One\n\n:::{clause} (1)\nA.\n:::\n\n"
            "## {section-number}`1` Again\n\n:::{clause} (2)\nB.\n:::\n",
            9,
            "duplicate_clause",
            "clause 1 is numbered twice; the other is at index.md:3",
        ),
        (
            "## {section-number}`1` One\n\n:::{clause} (1)\nA.\n:::\n\n:::{clause} (3)\nB.\n:::\n",
            9,
            "clause_gap",
            "clause numbering skips from 1(1) to 1(3)",
        ),
    ],
)
def test_numbering_mistakes_under_headings_fail_naming_file_and_line(
    build_snippet, source: str, line: int, subtype: str, words: str
) -> None:
    result = build_snippet({"index": "# P\n\n" + source}, builder="dummy")
    assert_fails_at(result, "index", line, subtype, words)


PART = """\
# Part {section-number}`8` Members' Code

:::{clause} (1)
Members follow the code. See {clause}`9(1)`.
:::

## SCHEDULE {section-number}`9` Forms

:::{clause} (1)
The forms, cited from {clause}`8`.
:::
"""


def test_a_word_such_as_part_may_come_before_a_headings_number(build_snippet) -> None:
    """A Constitution Part headed "Part 8 …": the heading is clause 8 and its clauses 8(1) …, as without the word."""
    result = build_snippet({"index": "# Home\n\n```{toctree}\npart8\n```\n", "part8": PART})
    assert result.status == 0, result.warnings
    page = result.html("part8")
    assert page.find("h1").get_text().startswith("Part 8 Members’ Code")
    assert page.select_one("section#clause-8 h1") is not None
    assert page.select_one("section#clause-9 h2").get_text().startswith("SCHEDULE 9 Forms")
    assert page.find(id="clause-8-1") is not None and page.find(id="clause-9-1") is not None
    links = [(a.get_text(), a["href"]) for a in page.select("a.reference.internal")]
    assert ("paragraph 9(1)", "#clause-9-1") in links and ("paragraph 8", "#clause-8") in links


def test_the_words_before_a_headings_number_are_configured(build_snippet) -> None:
    conf = 'constitution_section_number_words = ["Standing Order"]\n'
    result = build_snippet({"index": "# P\n\n## Standing Order {section-number}`3` Roles\n"}, conf=conf)
    assert result.status == 0, result.warnings
    result = build_snippet({"index": "# P\n\n## Part {section-number}`3` Roles\n"}, conf=conf)
    assert_fails_at(result, "index", 3, "bad_clause_number", "or follow one of the words Standing Order")


def test_dotted_numbers_under_a_numbered_heading_are_within_it(build_snippet) -> None:
    source = "# P\n\n## {section-number}`3` Roles\n\n:::{clause} 3.1\nA.\n:::\n\n"
    source += ":::{clause} 3.2\nB, see {clause}`3`.\n:::\n"
    result = build_snippet({"index": source})
    assert result.status == 0, result.warnings
    assert result.html().find(id="clause-3-2") is not None


def test_a_parallel_build_numbers_and_links_the_same(build_snippet, tmp_path) -> None:
    index = INDEX.replace("protocol\n", "protocol\nother\n")
    pages = {"index": index, "protocol": PROTOCOL, "other": "# Other\n\nSee {clause}`2(3)` and {clause}`1`.\n"}
    serial = build_snippet(pages)
    parallel = sphinx_build(serial.srcdir, tmp_path / "parallel", "-b", "html", "-j", "2")
    assert serial.status == parallel.status == 0, parallel.warnings
    assert html_pages(parallel.outdir) == html_pages(serial.outdir)
    assert parallel.html("other").select_one("a[href='protocol.html#clause-2-3']") is not None
