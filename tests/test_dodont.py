"""Do/Don't tables: accessible structure, empty sides, several items, and malformed bodies."""

from __future__ import annotations

import pytest
from conftest import assert_fails_at

TABLE = """# Appendix

:::{do-dont} What Members can expect from Officers
:do: Officers Do
:dont: Officers Don't

+ Pursue lawful policies

- Deviate from the Constitution

---

+ Promote equality

---

+ Act with integrity

- Seek to improperly influence Members;
- Improperly disclose information; or
- Raise their personal circumstances.

---

- Not to seek special treatment
:::
"""


def test_table_has_caption_scoped_headers_and_paired_rows(build_snippet) -> None:
    result = build_snippet({"index": TABLE})
    assert result.status == 0, result.warnings
    table = result.main().select_one("table.con-dodont")
    assert table["id"] == "what-members-can-expect-from-officers"
    assert table.caption.get_text(strip=True).startswith("What Members can expect from Officers")
    headers = table.select("thead th")
    assert [(th.get_text(strip=True), th["scope"]) for th in headers] == [
        ("Officers Do", "col"),
        ("Officers Don’t", "col"),
    ]
    rows = table.select("tbody tr")
    assert len(rows) == 4
    cells = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in rows]
    assert cells[0] == ["Pursue lawful policies", "Deviate from the Constitution"]
    assert cells[1] == ["Promote equality", ""]
    assert cells[3] == ["", "Not to seek special treatment"]
    assert len(rows[2].select("td")[1].select("li")) == 3  # several items stay a list
    assert [td["data-label"] for td in rows[0].select("td")] == ["Officers Do", "Officers Don’t"]


def test_default_headings_are_do_and_dont(build_snippet) -> None:
    result = build_snippet({"index": "# A\n\n:::{do-dont} Members as employer\n+ Observe the law\n:::\n"})
    assert result.status == 0, result.warnings
    assert [th.get_text(strip=True) for th in result.main().select("thead th")] == ["Do", "Don’t"]


def test_other_builders_get_an_ordinary_table(build_snippet) -> None:
    result = build_snippet({"index": TABLE}, builder="text")
    assert result.status == 0, result.warnings
    text = result.text()
    assert "Officers Do" in text and "Pursue lawful policies" in text and "Deviate from the" in text


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("+ Do this\n\nA stray paragraph.\n", 7, "a paragraph where rows"),
        ("* Star bullets\n", 5, "'*' bullets: use '+' for Do and '-' for Don't"),
        ("+ One\n\n---\n\n---\n\n+ Two\n", 9, "an empty row"),
        ("+ One\n\n- Two\n\n+ Three\n", 9, "two '+' lists in one row"),
        ("", 3, "no rows"),
        ("+\n\n---\n\n- Two\n", 5, "an empty '+' item (its cell would be blank)"),  # a blank row was published
        ("+ One\n\n- Two\n-\n", 8, "an empty '-' item"),
    ],
)
def test_malformed_body_fails_naming_file_and_line(build_snippet, body: str, line: int, words: str) -> None:
    source = "# A\n\n:::{do-dont} Caption\n\n" + body + ":::\n"
    result = build_snippet({"index": source}, builder="dummy")
    assert_fails_at(result, "index", line, "bad_do_dont", words)


# -- a table inside a cell: refused (a card on a phone cannot hold it), and never mislabelled or a crash -----


def _table_in_a_cell(columns: int) -> str:
    rows = "".join(
        "  * " + "\n    ".join(f"- {row}{column}" for column in range(1, columns + 1)) + "\n" for row in "ab"
    )
    return f"# A\n\n::::{{do-dont}} Caption\n+ Do this:\n\n  :::{{list-table}}\n{rows}  :::\n\n- Don't\n::::\n"


@pytest.mark.parametrize("columns", [2, 3])
def test_a_table_in_a_cell_fails_at_the_table(build_snippet, columns: int) -> None:
    result = build_snippet({"index": _table_in_a_cell(columns)})
    assert_fails_at(result, "index", 7, "bad_do_dont", "a Do/Don't cell holds a table; on a phone")
    assert "Traceback" not in result.warnings and "IndexError" not in result.warnings


@pytest.mark.parametrize("columns", [2, 3])
def test_only_the_do_dont_tables_own_cells_are_labelled(build_snippet, columns: int) -> None:
    # the preview still shows the page: the table in the cell keeps plain cells, without Do/Don't labels
    result = build_snippet({"index": _table_in_a_cell(columns)})
    outer = result.main().select_one("table.con-dodont")
    assert [th["scope"] for th in outer.select(":scope > thead > tr > th")] == ["col", "col"]
    own = outer.select(":scope > tbody > tr > td")
    assert [td["data-label"] for td in own] == ["Do", "Don’t"]
    inner = own[0].select_one("table")
    assert [td.get_text(strip=True) for td in inner.select("td")] == [
        f"{r}{c}" for r in "ab" for c in range(1, columns + 1)
    ]
    assert not inner.select("[data-label]") and not inner.select("[scope]")


def test_a_do_dont_table_in_a_cell_fails_at_the_inner_table(build_snippet) -> None:
    source = "# A\n\n:::::{do-dont} Outer\n+ Do:\n\n  ::::{do-dont} Inner\n  + x\n\n  - y\n  ::::\n\n- Don't\n:::::\n"
    result = build_snippet({"index": source}, builder="dummy")
    assert_fails_at(result, "index", 6, "bad_do_dont", "a Do/Don't cell holds a table")
    assert "do-dont table 'Outer'" in result.warnings
