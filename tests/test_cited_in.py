"""Where each clause is cited (outputs/cited_in.py): the places listed under a clause, each linked to the exact spot,
and an incremental build that writes the clause's page again when a citation of it comes or goes. In Chromium (the
keyboard, a screen reader): test_previews_browser.py."""

from __future__ import annotations

import pytest
from conftest import Build, build_project, edit_page, html_pages, sphinx_build

CONF = 'extensions.append("sphinx_constitution.outputs.cited_in")\n'

PAGES = {
    "index": """
        # Protocol

        ```{toctree}
        rules
        more
        notes
        glossary
        quiet
        ```
        """,
    "rules": """
        # 6 Access to information

        Paragraph 6.9 is the one to read first ({clause}`6.9`).

        :::{clause} 6.7
        Seven.
        :::

        :::{clause} 6.8
        As {clause}`6.7` says.
        :::

        :::{clause} 6.9
        Nine.
        :::
        """,
    "more": """
        # 7 More

        ::::{clause} 7.1
        Intro.

        :::{clause} (1)
        Under {clause}`6.7`.
        :::
        ::::

        ## Ranges

        See {clause}`6.7 to 6.9`, and {clause}`6.7` again.
        """,
    "notes": """
        # Notes

        ## The rules

        Read {clause}`the seventh <6.7>`.
        """,
    "glossary": """
        # Glossary

        ```{glossary}
        Need to Know
          A Member's right to see documents. See {clause}`6.7`.
        ```
        """,
    "quiet": "# Quiet\n\n:::{clause} 1.1\nNothing cites this.\n:::\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """PAGES built once, for the tests that only read what the build wrote."""
    result = build_project(tmp_path_factory.mktemp("cited-in"), PAGES, conf=CONF)
    assert result.status == 0, result.warnings
    return result


@pytest.fixture
def editable(build_snippet) -> Build:
    """PAGES built for a test of its own, which edits them and builds again."""
    result = build_snippet(PAGES, conf=CONF)
    assert result.status == 0, result.warnings
    return result


def cited_in(result: Build, page: str, anchor: str) -> tuple[str, list[tuple[str, list[tuple[str, str]]]]] | None:
    """The clause's summary, and for each page listed its text and its links (text, address); ``None`` if the
    clause lists none. Its own sub-items' lists are not its."""
    clause = result.main(page).select_one(f"#{anchor}")
    found = clause.select_one(":scope > .con-clause-body > details.con-cited-in")
    if found is None:
        return None
    items = [
        (" ".join(li.get_text().split()), [(a.get_text(), a["href"]) for a in li.select("a")])
        for li in found.select("li")
    ]
    return found.summary.get_text(), items


def test_a_clause_lists_the_places_that_cite_it_by_page_in_reading_order_each_linked_to_the_exact_spot(
    built: Build,
) -> None:
    assert cited_in(built, "rules", "clause-6-7") == (
        "Paragraph 6.7 is cited in 5 places",
        [
            ("6 Access to information: paragraph 6.8", [("paragraph 6.8", "#clause-6-8")]),  # a clause on its page
            (
                "7 More: paragraph 7.1(1), Ranges",  # a sub-item; a section, cited twice there and listed once
                [("paragraph 7.1(1)", "more.html#clause-7-1-1"), ("Ranges", "more.html#ranges")],
            ),
            ("Notes: The rules", [("The rules", "notes.html#the-rules")]),
            ("Glossary: Need to Know", [("Need to Know", "glossary.html#term-Need-to-Know")]),  # a term's definition
        ],
    )


def test_the_clauses_a_range_passes_over_and_a_page_s_own_text_are_places(built: Build) -> None:
    assert cited_in(built, "rules", "clause-6-8") == (
        "Paragraph 6.8 is cited in 1 place",
        [("7 More: Ranges", [("Ranges", "more.html#ranges")])],  # 6.7 to 6.9 passes over 6.8
    )
    assert cited_in(built, "rules", "clause-6-9") == (
        "Paragraph 6.9 is cited in 2 places",
        [
            ("6 Access to information", [("6 Access to information", "#")]),  # the page's text, outside sections
            ("7 More: Ranges", [("Ranges", "more.html#ranges")]),
        ],
    )


def test_a_clause_nothing_cites_lists_nothing_and_its_page_loads_no_stylesheet(built: Build) -> None:
    assert cited_in(built, "quiet", "clause-1-1") is None
    assert cited_in(built, "more", "clause-7-1") is None
    sheets = {link["href"].rpartition("/")[2].partition("?")[0] for link in built.html("quiet").select("link")}
    assert "cited_in.css" not in sheets
    assert any("cited_in.css" in link.get("href", "") for link in built.html("rules").select("link"))


def test_a_sub_item_lists_its_own_places(built: Build) -> None:
    """7.1(1) is cited nowhere; 7.1 is not cited either: neither lists anything, and 6.7's list names 7.1(1)."""
    assert cited_in(built, "more", "clause-7-1-1") is None


def test_the_list_is_a_disclosure_closed_until_opened(built: Build) -> None:
    details = built.main("rules").select_one("#clause-6-7 details.con-cited-in")
    assert details is not None and not details.has_attr("open")
    assert details.summary is details.find(recursive=False)  # the summary is its first child: a button to open it


# -- incremental builds -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "old", "new", "listed"),
    [
        (
            "notes",
            "Read {clause}`the seventh <6.7>`.",
            "Read the seventh.",
            ["6 Access to information: paragraph 6.8", "7 More: paragraph 7.1(1), Ranges", "Glossary: Need to Know"],
        ),
        (
            "more",
            ":::{clause} (1)\nUnder {clause}`6.7`.\n:::",
            ":::{clause} (1)\nUnder its own rules.\n:::\n\n:::{clause} (2)\nUnder {clause}`6.7`.\n:::",
            [
                "6 Access to information: paragraph 6.8",
                "7 More: paragraph 7.1(2), Ranges",
                "Notes: The rules",
                "Glossary: Need to Know",
            ],
        ),
        (
            "glossary",
            "Need to Know\n",
            "Need-to-know principle\n",
            [
                "6 Access to information: paragraph 6.8",
                "7 More: paragraph 7.1(1), Ranges",
                "Notes: The rules",
                "Glossary: Need-to-know principle",
            ],
        ),
    ],
    ids=["a citation removed", "the citing clause renumbered", "the citing term renamed"],
)
def test_when_a_citation_changes_the_cited_clause_s_page_is_written_again(
    editable: Build, tmp_path, page: str, old: str, new: str, listed: list[str]
) -> None:
    """rules.md is not read again (its source did not change), only written again, with the new list."""
    edit_page(editable, page, old, new)
    read = (editable.outdir / ".doctrees" / "rules.doctree").stat().st_mtime_ns
    again = sphinx_build(editable.srcdir, editable.outdir, "-b", "html")
    assert again.status == 0, again.warnings
    assert (editable.outdir / ".doctrees" / "rules.doctree").stat().st_mtime_ns == read, "rules.md was read again"
    found = cited_in(again, "rules", "clause-6-7")
    assert found is not None
    assert [text for text, _links in found[1]] == listed
    clean = sphinx_build(editable.srcdir, tmp_path / "clean", "-E", "-b", "html")
    assert html_pages(again.outdir)["rules.html"] == html_pages(clean.outdir)["rules.html"]


def test_a_parallel_build_lists_what_a_serial_one_does(built: Build, tmp_path) -> None:
    parallel = sphinx_build(built.srcdir, tmp_path / "parallel", "-j", "2", "-b", "html")
    assert parallel.status == 0, parallel.warnings
    for page in ("rules", "more"):
        assert parallel.main(page).select("details.con-cited-in") == built.main(page).select("details.con-cited-in")


@pytest.mark.parametrize("builder", ["text", "pdf"])
def test_other_builders_leave_it_out(build_snippet, builder: str) -> None:
    """The PDFs leave it out (see cited_in.py for why), and so does the text builder."""
    conf = CONF + 'extensions.append("sphinx_constitution.outputs.pdf")\n'
    conf += 'constitution_pdf_documents = [{"start": "index", "filename": "protocol"}]\n'
    result = build_snippet(PAGES, conf=conf, builder=builder)
    assert result.status == 0, result.warnings
    if builder == "text":
        written = result.text("rules")
    else:
        import pypdf

        written = " ".join(page.extract_text() for page in pypdf.PdfReader(result.outdir / "protocol.pdf").pages)
    assert "Seven." in written
    assert "cited in" not in written
