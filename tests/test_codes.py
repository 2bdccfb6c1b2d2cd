"""The codes registry: citing, the generated register with backlinks, and registry mistakes."""

from __future__ import annotations

import pytest
from test_clauses import assert_fails_at

REGISTRY = """
[[code]]
id = "lga-1972"
title = "Local Government Act 1972"
kind = "act"
legislation = "1972 c. 70"
url = "https://www.legislation.gov.uk/ukpga/1972/70"

[[code]]
id = "members-code"
title = "Members' Code of Conduct"
kind = "code"
owner = "Monitoring Officer"
"""

PAGES = {
    "index": """
        # Protocol

        ```{toctree}
        glossary
        codes
        ```

        :::{clause} 2.1
        A complaint under the {code-ref}`members-code`.
        :::

        ::::{clause} 4.1
        Intro.

        :::{clause} (ii)
        Under the {code-ref}`1972 Act <lga-1972>` the public may see information.
        :::
        ::::
        """,
    "glossary": "# Glossary\n\nThe {code-ref}`lga-1972` created the role.\n",
    "codes": "# Codes\n\n:::{codes-index}\n:::\n",
}


def test_a_citation_links_to_the_register_entry_with_its_title(build_snippet) -> None:
    result = build_snippet(PAGES, codes=REGISTRY)
    assert result.status == 0, result.warnings
    links = result.main().select(".con-clause a.reference.internal")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Members’ Code of Conduct", "codes.html#code-members-code"),
        ("1972 Act", "codes.html#code-lga-1972"),
    ]


def test_the_register_lists_every_entry_with_the_clauses_that_cite_it(build_snippet) -> None:
    result = build_snippet(PAGES, codes=REGISTRY)
    register = result.main("codes")
    act = register.find(id="code-lga-1972")
    assert act.h2.get_text(strip=True).startswith("Local Government Act 1972")
    facts = act.get_text(" ", strip=True)
    assert "Act of Parliament" in facts and "1972 c. 70" in facts
    assert act.select_one("a.reference.external")["href"] == "https://www.legislation.gov.uk/ukpga/1972/70"
    backlinks = [(a.get_text(), a["href"]) for a in act.select("a.reference.internal")]
    assert backlinks == [("paragraph 4.1(ii)", "index.html#clause-4-1-ii"), ("Glossary", "glossary.html")]
    code = register.find(id="code-members-code")
    assert [a.get_text() for a in code.select("a.reference.internal")] == ["paragraph 2.1"]
    assert "Monitoring Officer" in code.get_text()


def test_an_unknown_id_fails_naming_file_and_line(build_snippet) -> None:
    pages = dict(PAGES, glossary="# Glossary\n\nThe {code-ref}`lga-1927` created it.\n")
    result = build_snippet(pages, codes=REGISTRY)
    assert_fails_at(result, "glossary", 3, "unknown_code", "no code with id 'lga-1927'")


def test_an_entry_nothing_cites_is_a_warning_naming_the_registry_line(build_snippet) -> None:
    pages = dict(PAGES, glossary="# Glossary\n\nNo citations here.\n")
    pages["index"] = pages["index"].replace("{code-ref}`1972 Act <lga-1972>`", "1972 Act")
    result = build_snippet(pages, codes=REGISTRY)
    assert result.status != 0
    assert (
        f"{result.srcdir / 'codes.toml'}:3: WARNING: code 'lga-1972' is in the registry but nothing cites it"
        in result.warnings
    )
    assert "[constitution.uncited_code]" in result.warnings


@pytest.mark.parametrize(
    ("registry", "words"),
    [
        ('[[code]]\nid = "x"\ntitle = "X"\n', "codes.toml:2: code entry 1 lacks kind"),
        ('[[code]]\nid = "x"\ntitle = "X"\nkind = "statute"\n', "codes.toml:2: code 'x' has kind 'statute'"),
        ('[[code]]\nid = "x"\ntitle = "X"\nkind = "act"\ntilte = "Y"\n', "unknown fields ['tilte']"),
        (
            '[[code]]\nid = "x"\ntitle = "X"\nkind = "act"\n\n[[code]]\nid = "x"\ntitle = "Y"\nkind = "act"\n',
            "code id 'x' is listed twice",
        ),
        ('[[code]\nid = "x"\n', "codes.toml: "),
    ],
)
def test_registry_mistakes_stop_the_build_with_file_and_line(build_snippet, capsys, registry: str, words: str) -> None:
    result = build_snippet({"index": "# P\n"}, codes=registry)
    assert result.status != 0
    assert words in capsys.readouterr().err
