"""Definitions (model/glossary.py): a glossary as a section of the protocol, in the form README documents, linked,
previewed and "cited in" from every page, in the protocol's PDF as on the web; and a term defined twice, named at
both lines."""

from __future__ import annotations

import pypdf
import pytest
from conftest import Build, assert_fails_at, build_project, sphinx_build

CONF = """
extensions += [f"sphinx_constitution.{name}" for name in ("model.glossary", "outputs.previews", "outputs.cited_in")]
myst_enable_extensions += ["deflist"]
"""

# The form README documents: the definitions are section 2 of the protocol, a clause leading into them.
RULES = """\
# Rules

## {section-number}`2` Definitions

::::{clause} (1)
In this protocol:

```{glossary}
Member
  A councillor of the Council. See {clause}`3(1)`.

Monitoring Officer
  The officer who advises Members on conduct.
```
::::

## {section-number}`3` Conduct

:::{clause} (1)
A {term}`Member` asks the {term}`Monitoring Officer`.
:::
"""

PAGES = {
    "index": "# Home\n\n```{toctree}\nprotocol/index\nnotes\n```\n",
    "protocol/index": "# Protocol\n\n```{toctree}\nrules\n```\n",
    "protocol/rules": RULES,
    "notes": "# Notes\n\n{term}`Members <Member>` read the protocol.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """PAGES built once, for the tests that only read what the build wrote."""
    result = build_project(tmp_path_factory.mktemp("glossary"), PAGES, conf=CONF)
    assert result.status == 0, result.warnings
    return result


def test_definitions_in_the_protocol_are_linked_from_every_page(built: Build) -> None:
    links = {a.get_text(): a["href"] for a in built.main("notes").select("a.reference")}
    assert links["Members"] == "protocol/rules.html#term-Member"
    links = {a.get_text(): a["href"] for a in built.main("protocol/rules").select("a.reference")}
    assert links["Monitoring Officer"] == "#term-Monitoring-Officer"
    term = built.main("protocol/rules").select_one("#clause-2-1 dl.glossary dt#term-Member")
    assert term is not None, "the definition is in clause 2(1)"


def test_definitions_in_the_protocol_are_previewed(built: Build) -> None:
    store = built.main("notes").select_one("template#con-previews")
    assert store is not None
    said = " ".join(store.decode_contents().split())
    assert 'data-for="protocol/rules.html#term-Member"' in said
    assert "Member,</strong>" in said and "in Rules" in said and "A councillor of the Council." in said


def test_a_clause_cited_in_a_definition_lists_the_term(built: Build) -> None:
    found = built.main("protocol/rules").select_one("#clause-3-1 details.con-cited-in")
    assert found is not None
    assert [(a.get_text(), a["href"]) for a in found.select("li a")] == [("Member", "#term-Member")]


def test_the_protocols_pdf_holds_its_definitions_with_terms_linked_inside_it(build_snippet) -> None:
    conf = (
        CONF
        + """
extensions.append("sphinx_constitution.outputs.pdf")
constitution_pdf_documents = [{"start": "protocol/index", "filename": "protocol"}]
"""
    )
    result = build_snippet(PAGES, conf=conf, builder="pdf")
    assert result.status == 0, result.warnings
    reader = pypdf.PdfReader(result.outdir / "protocol.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Member A councillor of the Council." in text
    targets = {
        str(annot.get_object()["/Dest"])
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link" and "/Dest" in annot.get_object()
    }
    assert {"term-Member", "term-Monitoring-Officer"} <= targets, targets
    assert targets <= set(reader.named_destinations), "every link lands in the PDF"


def test_a_pdf_annexing_a_page_that_is_not_there_says_so(build_snippet, capsys: pytest.CaptureFixture[str]) -> None:
    """The glossary page gone, its definitions in the protocol, and the PDF still annexing it: a message, not a
    traceback from inside Sphinx."""
    conf = (
        CONF
        + """
extensions.append("sphinx_constitution.outputs.pdf")
constitution_pdf_documents = [{"start": "protocol/index", "filename": "protocol", "annexes": ["glossary"]}]
"""
    )
    result = build_snippet(PAGES, conf=conf, builder="pdf")
    assert result.status != 0
    said = "constitution_pdf_documents: 'protocol' has annexes 'glossary', which is not a page of the project"
    assert said in capsys.readouterr().err
    assert not (result.outdir / "protocol.pdf").exists()


def test_the_search_page_points_to_the_definitions_wherever_they_are(build_snippet) -> None:
    """Without JavaScript the search page sends readers to the definitions: here section 2 of the protocol, not a
    glossary.html that is not there."""
    result = build_snippet(PAGES, conf=CONF + 'extensions.append("sphinx_constitution.outputs.search")\n')
    assert result.status == 0, result.warnings
    said = result.html("search").select_one("p.con-search-noscript")
    assert [(a.get_text(), a["href"]) for a in said.select("a")] == [("2 Definitions", "protocol/rules.html#clause-2")]


# -- a term defined twice ---------------------------------------------------------------------------------------------

GLOSSARY = """\
# Glossary

Words.

```{glossary}
Officer
  An employee.

Member
  A councillor.
```
"""


@pytest.mark.parametrize(
    ("other", "words"),
    [
        ("Member", "term 'Member' is defined twice: here and at glossary.md:9"),
        ("member", "term 'member' is defined twice: here and at glossary.md:9 (as 'Member')"),
        ("Membér", "term 'Membér' is defined twice: here and at glossary.md:9 (as 'Member')"),  # an accent more
        ("\uff2d\uff45\uff4d\uff42\uff45\uff52", "term 'Ｍｅｍｂｅｒ' is defined twice: here and at glossary.md:9"),
        ("Mem\u200bber", "term 'Mem\\u200bber' is defined twice: here and at glossary.md:9 (as 'Member')"),
    ],
    ids=["same", "case", "accent", "full-width", "zero-width-space"],
)
def test_a_term_defined_in_two_glossaries_fails_naming_both_lines(build_snippet, other: str, words: str) -> None:
    pages = {**PAGES, "index": PAGES["index"].replace("notes\n", "notes\nglossary\n"), "glossary": GLOSSARY}
    pages["protocol/rules"] = RULES.replace("Member\n  A councillor", f"{other}\n  A councillor")
    result = build_snippet(pages, conf=CONF)
    assert_fails_at(result, "protocol/rules", 9, "duplicate_term", words)
    assert result.warnings.count("WARNING") == 1, result.warnings  # Sphinx's own warning is left out


def test_a_term_defined_twice_in_one_glossary_fails_at_the_second(build_snippet) -> None:
    glossary = GLOSSARY.replace("Member\n  A councillor.\n", "Member\n  A councillor.\n\nMember\n  Again.\n")
    result = build_snippet({"index": glossary}, conf=CONF)
    assert_fails_at(result, "index", 12, "duplicate_term", "term 'Member' is defined twice: here and at index.md:9")
    assert result.warnings.count("WARNING") == 1, result.warnings


def test_one_term_written_in_two_unicode_forms_is_defined_twice(build_snippet) -> None:
    """``é`` as one character, then as ``e`` and a combining accent: the same word on the page, two terms to Sphinx."""
    glossary = GLOSSARY.replace("Member\n  A councillor.\n", "Membr\u00e9\n  A councillor.\n\nMembre\u0301\n  Again.\n")
    result = build_snippet({"index": glossary}, conf=CONF)
    assert_fails_at(
        result, "index", 12, "duplicate_term", "is defined twice: here and at index.md:9 (as 'Membr\u00e9')"
    )
    assert result.warnings.count("WARNING") == 1, result.warnings


def test_sphinxs_own_glossary_warnings_name_the_line_of_the_page(build_snippet) -> None:
    """MyST counts a directive's lines from its text's start; Sphinx's glossary said line 1 for line 8."""
    glossary = GLOSSARY.replace("Member\n  A councillor.\n", "Member\n  A councillor.\nLeader\n  The leader.\n")
    result = build_snippet({"index": glossary}, conf=CONF)
    assert result.status != 0
    assert f"{result.srcdir / 'index.md'}:11: WARNING: glossary term must be preceded by empty line" in result.warnings


def test_a_mistake_inside_a_definition_is_reported_at_its_line_of_the_page(build_snippet) -> None:
    """The definitions' own text keeps its lines too, as the terms' do: MyST counts a nested parse from the directive,
    so the page's lines given to the terms must not be added to it again (the 6.12 of docs/glossary.md at line 57,
    not 51)."""
    glossary = GLOSSARY.replace("  A councillor.\n", "  A councillor: see {clause}`9.99`.\n")
    result = build_snippet({"index": glossary}, conf=CONF)
    line = glossary.splitlines().index("  A councillor: see {clause}`9.99`.") + 1
    assert f"{result.srcdir / 'index.md'}:{line}: WARNING: no clause numbered 9.99" in result.warnings, result.warnings


def test_a_parallel_build_finds_a_term_defined_on_two_pages(build_snippet, tmp_path) -> None:
    pages = {**PAGES, "index": PAGES["index"].replace("notes\n", "notes\nglossary\n"), "glossary": GLOSSARY}
    conf = CONF + 'extensions.append("sphinx_constitution.engine.rebuild")\n'  # a page that warned is read again
    result = build_snippet(pages, conf=conf, args=("-j", "2"))
    assert result.status != 0
    assert "term 'Member' is defined twice: here and at " in result.warnings, result.warnings
    assert result.warnings.count("WARNING") == 1, result.warnings
    rebuilt = sphinx_build(result.srcdir, result.outdir, "-b", "html")  # incremental: nothing read, still reported
    assert "is defined twice" in rebuilt.warnings
