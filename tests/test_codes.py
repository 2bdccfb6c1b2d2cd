"""The codes registry: citing, the generated register with backlinks, and registry mistakes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import SupportsIndex

import pytest
from conftest import assert_fails_at
from sphinx_constitution.engine.datafiles import entry_sources
from sphinx_constitution.model.codes import RegistryMistake, parse_registry

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


@pytest.mark.parametrize(
    ("pages", "page", "line", "says"),
    [
        # twice on one page: the second is left out, so each code's anchor is given once
        ({"codes": "# Codes\n\n:::{codes-index}\n:::\n\n:::{codes-index}\n:::\n"}, "codes", 6, "on line 3"),
        # on a second page: references go to the first in name order, so the other is the mistake
        ({"register": "# Register\n\n:::{codes-index}\n:::\n"}, "register", 3, "already on 'codes'"),
    ],
    ids=["one-page", "two-pages"],
)
def test_the_register_set_out_twice_fails_at_the_second(build_snippet, pages, page, line, says) -> None:
    doubled = {**PAGES, **{name: text for name, text in pages.items()}}
    if page == "register":
        doubled["index"] = doubled["index"].replace("codes\n", "codes\nregister\n", 1)
    result = build_snippet(doubled, codes=REGISTRY)
    assert_fails_at(result, page, line, "codes_index_twice", says)
    ids = re.findall(r'id="(code-lga-1972)"', (result.outdir / f"{page}.html").read_text(encoding="utf-8"))
    assert len(ids) <= 1


def test_an_unknown_id_fails_naming_file_and_line(build_snippet) -> None:
    pages = dict(PAGES, glossary="# Glossary\n\nThe {code-ref}`lga-1927` created it.\n")
    result = build_snippet(pages, codes=REGISTRY, builder="dummy")
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
        ('[[code]]\nid = "x"\ntitle = "X"\n', "codes.toml:2: WARNING: code entry 1 lacks kind"),
        ('[[code]]\nid = "x"\ntitle = "X"\nkind = "statute"\n', "codes.toml:4: WARNING: code 'x' has kind 'statute'"),
        ('[[code]]\nid = "x"\ntitle = "X"\nkind = "act"\ntilte = "Y"\n', "unknown fields ['tilte']"),
        (
            '[[code]]\nid = "../x"\ntitle = "X"\nkind = "act"\n',
            "codes.toml:2: WARNING: code '../x': id must be lower-case",
        ),
        ('[[code]]\nid = "Members-Code"\ntitle = "X"\nkind = "act"\n', "id must be lower-case letters, digits"),
        (
            '[[code]]\nid = "x"\ntitle = "X"\nkind = "act"\n\n[[code]]\nid = "x"\ntitle = "Y"\nkind = "act"\n',
            "codes.toml:7: WARNING: code id 'x' is listed twice",
        ),
        ('[[code]\nid = "x"\n', "codes.toml:1: WARNING: not valid TOML: Expected ']]' at the end of an array"),
    ],
)
def test_registry_mistakes_fail_the_build_with_file_and_line(build_snippet, registry: str, words: str) -> None:
    result = build_snippet({"index": "# P\n"}, codes=registry, builder="dummy")
    assert result.status == 1, "a warning, not Sphinx's crash report"
    assert words in result.warnings
    assert "[constitution.bad_registry]" in result.warnings


# -- the registry's own mistakes: each stops the build at the line to fix, in words an editor understands ----

ENTRY = '[[code]]\nid = "x"\ntitle = "X"\nkind = "act"\n'

REGISTRY_MISTAKES = [
    # TOML syntax: tomllib's "(at line 7, column 8)" becomes the line of the location
    (ENTRY + '\n[[code]]\nid = "y\ntitle = "Y"\n', 7, "not valid TOML: Illegal character '\\n' (column 8)"),
    (ENTRY + "url = ", 5, "not valid TOML: Invalid value at the end of the file"),
    # "code" itself of the wrong type
    ('code = "x"\n', 1, "'code' must be [[code]] tables, one for each entry, not the text 'x'"),
    ('[code]\nid = "x"\ntitle = "X"\nkind = "act"\n', 1, "'code' must be [[code]] tables"),
    ('code = ["x"]\n', 1, "'code' must be [[code]] tables"),
    (ENTRY + '\n[[cdoe]]\nid = "y"\n', 6, "'cdoe' is not part of the registry: each entry is a [[code]] table"),
    # a field of the wrong type: at the field's own line, and the entry named by its place when its id is bad
    (
        ENTRY + '\n[[code]]\nid = 5\ntitle = "Y"\nkind = "act"\n',
        7,
        'code entry 2: id must be text in quotes (id = "..."), not the number 5',
    ),
    ('[[code]]\nid = ["a"]\ntitle = "X"\nkind = "act"\n', 2, "code entry 1: id must be text in quotes"),
    ('[[code]]\nid = "x"\ntitle = 3\nkind = "act"\n', 3, "code 'x': title must be text in quotes"),
    (ENTRY + "url = 1\n", 5, "code 'x': url must be text in quotes (url = \"...\"), not the number 1"),
    ('[[code]]\nid = "x"\ntitle = "X"\nkind = ["act"]\n', 4, "code 'x': kind must be text in quotes"),
    ('[[code]]\nid = ""\ntitle = "X"\nkind = "act"\n', 2, "code entry 1 has an empty id"),
    ('[[code]]\nid = "x"\ntitle = " "\nkind = "act"\n', 3, "code 'x' has an empty title"),
    # a url a reader's browser would run, or could not open
    (ENTRY + 'url = "javascript:alert(1)"\n', 5, "code 'x' has url 'javascript:alert(1)': give the http or https"),
    (ENTRY + 'url = "data:text/html,<b>x</b>"\n', 5, "code 'x' has url 'data:text/html,<b>x</b>'"),
    (ENTRY + 'url = "file:///etc/passwd"\n', 5, "code 'x' has url 'file:///etc/passwd'"),
    (ENTRY + 'url = "policies/members-code.pdf"\n', 5, "code 'x' has url 'policies/members-code.pdf'"),
    (ENTRY + 'url = "JaVa\\tScript:alert(1)"\n', 5, "code 'x': url holds the control character '\\t'"),
    (ENTRY + 'url = "https:members-code"\n', 5, "code 'x' has url 'https:members-code'"),
    # an address that names one site and opens another: the part before @ is a login name, not the site
    (
        ENTRY + 'url = "https://www.legislation.gov.uk@lookalike.example/ukpga/1972/70"\n',
        5,
        "code 'x' has url 'https://www.legislation.gov.uk@lookalike.example/ukpga/1972/70' (a browser opens "
        "'lookalike.example': 'www.legislation.gov.uk' before the @ is a name to log in with",
    ),
    # text that the pages, objects.inv or a browser could not hold as it is
    (ENTRY + 'url = "https://example.org/\\u0000.pdf"\n', 5, "code 'x': url holds the control character '\\x00'"),
    (ENTRY + 'url = "https://example.org/a b"\n', 5, "code 'x': url holds a space (' ') (its character 22)"),
    ('[[code]]\nid = "x"\ntitle = "X\\u001b[2J"\nkind = "act"\n', 3, "code 'x': title holds the control character"),
    ('[[code]]\nid = "x\\ny"\ntitle = "X"\nkind = "act"\n', 2, "code 'x\\ny': id holds the control character"),
    (
        '[[code]]\nid = "x"\ntitle = "Act \\u202e2021\\u202c"\nkind = "act"\n',
        3,
        "code 'x': title holds the invisible right-to-left",
    ),
    (
        '[[code]]\nid = "x"\ntitle = "\\u200b"\nkind = "act"\n',
        3,
        "code 'x': title holds only characters a reader cannot",
    ),
    # nested deeper than Python's reader follows: a warning at the line, not Sphinx's crash report
    (ENTRY + "owner = " + "[" * 1000 + "]" * 1000 + "\n", 5, "lists or tables nested too deep to read"),
    (ENTRY + "\n" + "owner = " + "{a = " * 1000 + "1" + "}" * 1000 + "\n", 6, "lists or tables nested too deep"),
    # a key of 20,000 parts: tomllib would take seconds (its time grows with the square of the parts)
    (ENTRY + "a." * 20000 + "b = 1\n", 5, "lists or tables nested too deep to read: a data file needs a few levels (a"),
    (ENTRY + "\n[" + "a." * 20000 + "b]\n", 6, "lists or tables nested too deep to read"),
    (ENTRY + "owner = { " + '"a".' * 20000 + "b = 1 }\n", 5, "lists or tables nested too deep to read"),
    # a byte that is not UTF-8 (as read_data_file keeps it)
    ('[[code]]\nid = "x"\ntitle = "Caf\udce9"\n', 3, "not UTF-8 text: byte 0xe9 at column 13 cannot be read"),
]


@pytest.mark.parametrize(("registry", "line", "words"), REGISTRY_MISTAKES, ids=[m[2] for m in REGISTRY_MISTAKES])
def test_registry_mistakes_name_the_line_to_fix(tmp_path: Path, registry: str, line: int, words: str) -> None:
    path = tmp_path / "codes.toml"
    try:
        _entries, mistakes = parse_registry(registry, path)
    except RegistryMistake as whole_file:
        mistakes = [whole_file]
    assert str(mistakes[0]).startswith(f"{path}:{line}: {words}")


def test_a_registry_in_order_keeps_its_web_addresses(tmp_path: Path) -> None:
    entries, mistakes = parse_registry(REGISTRY + ENTRY + 'url = "http://example.org/x"\n', tmp_path / "codes.toml")
    assert mistakes == []
    assert entries["lga-1972"]["url"] == "https://www.legislation.gov.uk/ukpga/1972/70"
    assert entries["x"]["url"] == "http://example.org/x"
    assert entries["x"]["location"] == f"{tmp_path / 'codes.toml'}:15"


@pytest.mark.parametrize(
    ("registry", "line", "words"),
    [
        (ENTRY + '\n[[code]]\nid = "y\n', 7, "not valid TOML"),
        (ENTRY + '\n[[code]]\nid = 5\ntitle = "Y"\nkind = "act"\n', 7, "code entry 2: id must be text in quotes"),
    ],
)
def test_a_broken_registry_fails_the_build_with_its_line_not_a_python_error(
    build_snippet, capsys, registry: str, line: int, words: str
) -> None:
    result = build_snippet(PAGES, codes=registry)
    err = capsys.readouterr().err
    assert result.status == 1
    assert f"{result.srcdir / 'codes.toml'}:{line}: WARNING: {words}" in result.warnings
    assert not re.search(r"\b(Traceback|TypeError|AttributeError|KeyError|TOMLDecodeError)\b", err), err
    assert "please open an issue" not in err


def test_a_register_that_is_not_a_register_is_the_one_mistake_reported(build_snippet) -> None:
    result = build_snippet(PAGES, codes='[[code]\nid = "x"\n')
    assert "not valid TOML" in result.warnings
    assert "no code with id" not in result.warnings  # not one more warning for every citation


def test_a_registry_not_saved_as_utf8_names_its_line(build_snippet, capsys, tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "codes.toml").write_bytes(b'[[code]]\nid = "x"\ntitle = "Caf\xe9"\nkind = "act"\n')
    result = build_snippet({"index": "# P\n"}, conf='constitution_codes_registry = "codes.toml"\n')
    err = capsys.readouterr().err
    assert result.status == 1
    assert f"{result.srcdir / 'codes.toml'}:3: WARNING: not UTF-8 text: byte 0xe9 at column 13" in result.warnings
    assert result.warnings.count("not UTF-8") == 1  # read once for the configuration, again to see if it changed
    assert "UnicodeDecodeError" not in err and "Traceback" not in err


# -- a register of any length is read in time linear in its length ------------------------------------------------


class _Scanned(str):
    """A register's text that counts the characters its reader's line counts scan (``str.count``)."""

    scanned = 0

    def count(self, sub: str, start: SupportsIndex | None = None, end: SupportsIndex | None = None, /) -> int:
        begin, stop, _step = slice(start, end).indices(len(self))
        self.scanned += max(stop - begin, 0)
        return super().count(sub, start, end)


def test_a_long_register_is_read_in_time_linear_in_its_length(tmp_path: Path) -> None:
    """Each entry's line was counted from the top of the file: 20,000 entries took 13 s, 60,000 took 90 s."""
    entries = 4000
    text = _Scanned("".join(f'[[code]]\nid = "c{n}"\ntitle = "Code {n}"\nkind = "act"\n\n' for n in range(entries)))
    sources = entry_sources(text, tmp_path / "codes.toml", "code", entries)
    assert [source.line for source in sources[-2:]] == [5 * entries - 9, 5 * entries - 4]
    assert text.scanned <= len(text)  # each character once, not once for every entry after it


def test_a_register_nested_a_thousand_deep_is_one_warning_at_its_line(build_snippet, capsys) -> None:
    registry = ENTRY + "owner = " + "[" * 1000 + "]" * 1000 + "\n"
    result = build_snippet({"index": "# P\n\nUnder the {code-ref}`x`.\n"}, codes=registry)
    err = capsys.readouterr().err
    assert result.status == 1
    where = f"{result.srcdir / 'codes.toml'}:5: WARNING: lists or tables nested too deep to read"
    assert where in result.warnings and result.warnings.count("WARNING") == 1, result.warnings
    assert "RecursionError" not in err and "Traceback" not in err
