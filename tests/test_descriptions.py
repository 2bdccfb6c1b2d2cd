"""Each page's description for search engines (sphinx_constitution/outputs/descriptions.py): its front matter's, or its
first words, or the configuration's default; always one ``<meta name="description">``, always plain text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Build, assert_fails_at, html_pages, sphinx_build
from sphinx_constitution.outputs.descriptions import ELLIPSIS, LIMIT, shorten

CONF = """
extensions.append("sphinx_constitution.outputs.descriptions")
project = "Testshire Constitution"
constitution_description_default = "{title}: the {project} of Testshire Council."
"""
LONG = (
    "Members and officers work together with mutual respect and within their separate roles, so that the public "
    "can trust the Council's decisions; this protocol sets out what each may expect of the other, and whom to ask."
)


def descriptions(result: Build, page: str = "index") -> list[str]:
    """The content of every ``<meta name="description">`` of a built page, as a browser reads it."""
    return [meta.get("content", "") for meta in result.html(page).find_all("meta", attrs={"name": "description"})]


def description(result: Build, page: str = "index") -> str:
    found = descriptions(result, page)
    assert len(found) == 1, f"{page}: {len(found)} descriptions"
    return found[0]


# -- where a description comes from ------------------------------------------------------------------------------


def test_a_page_is_described_by_its_first_paragraph(build_snippet) -> None:
    result = build_snippet(
        {"index": "# Members' notes\n\nThe protocol helps   Members.\n\nSecond paragraph.\n"}, conf=CONF
    )
    assert result.status == 0, result.warnings
    assert description(result) == "The protocol helps Members."
    assert result.html().head.find("meta", attrs={"name": "description"}) is not None


def test_a_long_first_paragraph_is_cut_at_a_word_with_an_ellipsis(build_snippet) -> None:
    result = build_snippet({"index": f"# Page\n\n{LONG}\n"}, conf=CONF)
    assert result.status == 0, result.warnings
    words = LONG.replace("'", "\N{RIGHT SINGLE QUOTATION MARK}")  # Sphinx prints typographic quotes
    found = description(result)
    assert len(LONG) > LIMIT >= len(found) >= LIMIT - 20
    assert found.endswith(ELLIPSIS)
    kept = found.removesuffix(ELLIPSIS)
    assert words.startswith(kept)
    assert words[len(kept)] in " ,;", "cut at the end of a word"
    assert kept == kept.rstrip(" ,;:."), "no punctuation left dangling before the ellipsis"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short words.", 160, "Short words."),
        ("a" * 160, 160, "a" * 160),  # exactly the limit: kept whole
        ("one two three four", 12, "one two…"),  # "one two thr" would cut a word
        ("one two, three", 10, "one two…"),  # the comma before the cut goes
        ("one twothree", 8, "one…"),
        ("Supercalifragilistic", 8, "Superca…"),  # one word longer than the limit: cut where it must be
    ],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_the_front_matter_description_is_used_and_not_shown_on_the_page(build_snippet) -> None:
    page = "---\ndescription: What Members may expect of officers, on one page.\n---\n# Notes\n\nFirst words.\n"
    result = build_snippet({"index": page}, conf=CONF)
    assert result.status == 0, result.warnings
    assert description(result) == "What Members may expect of officers, on one page."
    assert "on one page" not in result.main().get_text()


def test_notes_tables_and_deleted_words_are_not_the_first_words(build_snippet) -> None:
    page = (
        "# Page\n\n```{note}\nA note first.\n```\n\n| a | b |\n|---|---|\n| cell | cell |\n\n"
        "Officers {del}`must` {ins}`should` reply[^1].\n\n[^1]: A footnote.\n"
    )
    for tracked in ("False", "True"):
        conf = CONF + f"constitution_tracked_changes = {tracked}\n"
        result = build_snippet({"index": page}, conf=conf)
        assert result.status == 0, result.warnings
        assert description(result) == "Officers should reply.", f"tracked view: {tracked}"


def test_a_page_with_no_paragraph_is_described_by_its_title_and_the_project(build_snippet) -> None:
    result = build_snippet({"index": "# Rules of the house\n\n```{note}\nOnly a note.\n```\n"}, conf=CONF)
    assert result.status == 0, result.warnings
    assert description(result) == "Rules of the house: the Testshire Constitution of Testshire Council."


INDEX = "html_use_index = True\n"  # Sphinx's index page, which snippet projects leave out unless asked


@pytest.mark.parametrize(("page", "title"), [("genindex", "Index"), ("search", "Search")])
def test_a_generated_page_is_described_by_its_title_and_the_project(build_snippet, page: str, title: str) -> None:
    result = build_snippet({"index": "# Home\n\nWords.\n"}, conf=CONF + INDEX)
    assert result.status == 0, result.warnings
    assert description(result, page) == f"{title}: the Testshire Constitution of Testshire Council."


def test_the_package_default_names_the_project_only(build_snippet) -> None:
    conf = 'extensions.append("sphinx_constitution.outputs.descriptions")\nproject = "Testshire Constitution"\n'
    result = build_snippet({"index": "# Home\n\nWords.\n"}, conf=conf + INDEX)
    assert description(result, "genindex") == "Index: Testshire Constitution."


# -- a description is text: escaped, never markup, never another tag -------------------------------------------------

INJECTION = 'Fish & chips < 5 "quoted" \'single\' "><meta http-equiv="refresh" content="0; url=https://evil.example">'


def test_a_front_matter_description_is_escaped_text(build_snippet) -> None:
    quoted = INJECTION.replace("'", "''")  # YAML's single-quoted string
    page = f"---\ndescription: '{quoted} **not bold** {{{{ council_name }}}}'\n---\n# P\n\nText.\n"
    result = build_snippet({"index": page}, conf=CONF)
    assert result.status == 0, result.warnings
    assert description(result) == INJECTION + " **not bold** {{ council_name }}"
    raw = (result.outdir / "index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in str(result.html().find_all("meta", attrs={"http-equiv": True}))
    assert len(re.findall(r"<meta\b", raw)) == len(re.findall(r"<meta\b", _without_description(raw))) + 1
    assert "&amp; chips &lt; 5 &quot;quoted&quot; &#x27;single&#x27; &quot;&gt;&lt;meta" in raw


def test_first_words_are_escaped_text(build_snippet) -> None:
    result = build_snippet({"index": '# P\n\nCompare `a < b && c > "d"` with <br> this.\n'}, conf=CONF)
    assert description(result) == 'Compare a < b && c > "d" with <br> this.'
    raw = (result.outdir / "index.html").read_text(encoding="utf-8")
    assert 'content="Compare a &lt; b &amp;&amp; c &gt; &quot;d&quot; with &lt;br&gt; this."' in raw


def _without_description(raw: str) -> str:
    return re.sub(r'<meta name="description" content="[^"]*">', "", raw)


def test_html_meta_in_front_matter_is_still_refused_and_adds_no_description(build_snippet) -> None:
    page = '---\nhtml_meta:\n  description: "Evil words"\n  "http-equiv=refresh": "0; url=https://evil.example"\n---\n'
    result = build_snippet({"index": page + "# P\n\nThe page's words.\n"}, conf=CONF)
    assert_fails_at(result, "index", 2, "refused_markup", "front matter may not set 'html_meta'")
    assert description(result) == "The page\N{RIGHT SINGLE QUOTATION MARK}s words."
    assert "Evil" not in (result.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("", "is empty"),
        ("''", "is empty"),
        ("42", "is the number 42, not text"),
        ("[a, b]", "is a list, not text"),
        ("yes", "is yes or no, not text"),
        ("2026-04-29", "is the date 2026-04-29, not text"),
    ],
)
def test_a_description_that_is_not_text_is_refused_at_its_line(build_snippet, value: str, said: str) -> None:
    page = f"---\nreviewed: 2026-04-29\ndescription: {value}\n---\n# P\n\nFirst words.\n"
    result = build_snippet({"index": page}, conf=CONF)
    assert_fails_at(result, "index", 3, "bad_description", f"the front matter's description {said}")
    assert description(result) == "First words."  # the page is still described


def test_a_default_that_cannot_be_filled_in_stops_the_build(build_snippet, capsys: pytest.CaptureFixture[str]) -> None:
    result = build_snippet({"index": "# P\n"}, conf=CONF + 'constitution_description_default = "{council}"\n')
    assert result.status != 0
    assert "constitution_description_default '{council}' cannot be filled in" in capsys.readouterr().err


def test_a_description_configured_for_every_page_is_not_doubled(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nWords.\n"}, conf=CONF + 'myst_html_meta = {"description": "Set"}\n')
    assert descriptions(result) == ["Set"]


# -- the description is kept where Sphinx keeps a page's metadata ----------------------------------------------------


def test_the_descriptions_follow_edits_in_incremental_and_parallel_builds(build_snippet, tmp_path: Path) -> None:
    pages = {f"p{n}": f"# Page {n}\n\nWords of page {n}.\n" for n in range(8)}
    toctree = "\n".join(pages)
    first = build_snippet({"index": f"# Home\n\nHome words.\n\n```{{toctree}}\n{toctree}\n```\n", **pages}, conf=CONF)
    assert first.status == 0, first.warnings
    assert description(first, "p3") == "Words of page 3."
    (first.srcdir / "p3.md").write_text("---\ndescription: Set by hand.\n---\n# Page 3\n\nNew.\n", encoding="utf-8")
    (first.srcdir / "p5.md").write_text("# Page 5\n\nChanged words.\n", encoding="utf-8")
    for args in ((), ("-j", "2")):
        again = sphinx_build(first.srcdir, first.outdir, "-b", "html", *args)
        clean = sphinx_build(first.srcdir, tmp_path / f"clean{len(args)}", "-E", "-b", "html", *args)
        assert again.status == clean.status == 0, again.warnings + clean.warnings
        assert html_pages(again.outdir) == html_pages(clean.outdir)
        assert [description(build, "p3") for build in (again, clean)] == ["Set by hand."] * 2
        assert description(clean, "p5") == "Changed words."
        assert description(clean, "p6") == "Words of page 6."
