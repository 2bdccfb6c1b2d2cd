"""Cross-references read in place (outputs/previews.py): what each kind of reference's preview says, where the page
carries it, and that an incremental or parallel build writes the same previews as a clean one. How the previews behave
in a browser (hover, keyboard, Escape, screen readers, no JavaScript) is tested in Chromium: test_previews_browser.py.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build_project, edit_page, html_pages, sphinx_build
from sphinx_constitution.outputs.descriptions import shorten
from sphinx_constitution.outputs.previews import LIMIT

# alabaster: its main part ends with the page's content, where the previews are told to come (basic adds a div)
CONF = 'extensions.append("sphinx_constitution.outputs.previews")\nhtml_theme = "alabaster"\n'

REGISTRY = """
[[code]]
id = "lga-1972"
title = "Local Government Act 1972"
kind = "act"
legislation = "1972 c. 70"

[[code]]
id = "members-code"
title = "Members' Code of Conduct"
kind = "code"
owner = "Monitoring Officer"
"""

LONG = (
    "The exercise of this common law right depends upon the Member's ability to demonstrate the necessary need to "
    'know. A Member has no right to "a roving commission" to go and examine documents of the Council. Mere curiosity '
    "is not sufficient, and the Member must say why the documents are needed for the work of a Member."
)


def typographic(text: str) -> str:
    """What Sphinx's SmartQuotes makes of the words typed above."""
    return text.replace("Member's", "Member’s").replace('"a roving commission"', "“a roving commission”")


PAGES = {
    "index": """
        # Protocol

        ```{toctree}
        rules
        notes
        glossary
        codes
        principles
        quiet
        ```
        """,
    "rules": f"""
        # 6 Access to information

        :::{{clause}} 6.7
        {LONG}
        :::

        :::{{clause}} 6.8
        As {{clause}}`6.7` says, and as the {{code-ref}}`members-code` says.
        :::
        """,
    "notes": """
        # Notes

        A {term}`Need to Know` ({clause}`6.7`) under the {code-ref}`lga-1972`, with {principle}`openness`.
        Again: the {term}`need to know <Need to Know>` of {clause}`paragraph six point seven <6.7>`.
        """,
    "glossary": """
        # Glossary

        ```{glossary}
        Need to Know
          A Member's right to see Council documents that they reasonably need to do their job.
        ```
        """,
    "codes": "# Codes\n\n:::{codes-index}\n:::\n",
    "principles": "# Principles\n\n:::{nolan-principles}\n:::\n",
    "quiet": "# Quiet\n\nNo references here.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """PAGES built once, for the tests that only read what the build wrote."""
    result = build_project(tmp_path_factory.mktemp("previews"), PAGES, conf=CONF, codes=REGISTRY)
    assert result.status == 0, result.warnings
    return result


@pytest.fixture
def editable(build_snippet) -> Build:
    """PAGES built for a test of its own, which edits them and builds again."""
    result = build_snippet(PAGES, conf=CONF, codes=REGISTRY)
    assert result.status == 0, result.warnings
    return result


def previews(result: Build, page: str) -> dict[str, str]:
    """The page's previews, by the address their links have: each as ``head | first words``."""
    store = result.main(page).select_one("template#con-previews")
    if store is None:
        return {}
    inside = BeautifulSoup(store.decode_contents(), "html.parser")  # as a script takes it out of the template
    return {
        div["data-for"]: " | ".join(" ".join(p.get_text().split()) for p in div.select("p"))
        for div in inside.select("div.con-preview")
    }


def test_each_kind_of_reference_shows_its_targets_number_or_name_where_it_is_and_first_words(built: Build) -> None:
    found = previews(built, "notes")
    assert found == {
        "rules.html#clause-6-7": "Paragraph 6.7, in 6 Access to information | " + typographic(shorten(LONG, LIMIT)),
        "glossary.html#term-Need-to-Know": "Need to Know, in Glossary | A Member’s right to see Council documents "
        "that they reasonably need to do their job.",
        "codes.html#code-lga-1972": "Local Government Act 1972, Act of Parliament | Legislation: 1972 c. 70",
        "principles.html#principle-openness": "Openness, principle 5 of the Seven Principles of Public Life | "
        "Holders of public office should act and take decisions in an open and transparent manner. "
        "Information should not be withheld from the public unless there are clear and lawful reasons for so doing.",
    }
    assert found["rules.html#clause-6-7"].endswith("Mere curiosity is not sufficient…")  # cut at a word, 240 at most
    assert "the Member’s ability" in found["rules.html#clause-6-7"]  # the quotes as the page prints them
    assert "no right to “a roving commission”" in found["rules.html#clause-6-7"]


def test_every_link_with_a_preview_is_marked_and_its_page_carries_the_preview_once(built: Build) -> None:
    main = built.main("notes")
    links = main.select("a.con-has-preview")
    assert len(links) == 6  # two links each to the clause and the term: one preview each
    assert {a["href"] for a in links} == set(previews(built, "notes"))
    assert len(previews(built, "notes")) == 4
    assert main.find_all(recursive=False)[-1].name == "template", "the previews come after the page's text"


def test_a_link_to_a_clause_on_the_same_page_has_its_preview(built: Build) -> None:
    assert [a["href"] for a in built.main("rules").select("a.con-has-preview")] == [
        "#clause-6-7",
        "codes.html#code-members-code",
    ]
    found = previews(built, "rules")
    assert found["#clause-6-7"].startswith("Paragraph 6.7, in 6 Access to information | The exercise")
    assert found["codes.html#code-members-code"] == "Members’ Code of Conduct, Code | Owner: Monitoring Officer"


def test_a_page_with_no_previews_loads_neither_the_script_nor_the_stylesheet(built: Build) -> None:
    def loads(page: str) -> set[str]:
        html = built.html(page)
        files = [link["href"] for link in html.select("link[rel=stylesheet]")]
        files += [script["src"] for script in html.select("script[src]")]
        return {name.rpartition("/")[2].partition("?")[0] for name in files}

    assert {"previews.js", "previews.css"} <= loads("notes")
    assert built.html("notes").select_one("script[src*='previews.js']").has_attr("defer")
    assert not {"previews.js", "previews.css"} & loads("quiet")
    assert previews(built, "quiet") == {}


def test_a_link_that_cannot_be_resolved_has_no_preview_and_nothing_left_behind(build_snippet) -> None:
    """The mark that carries a reference's target through Sphinx's resolver is taken off again: a reference to no
    glossary term is reported, and neither its text nor the resolved doctree keeps the mark."""
    pages = {"index": "# Home\n\nA {term}`quorum` and a {clause}`9.9`.\n"}
    result = build_snippet(pages, conf=CONF + "nitpicky = False\n")
    assert result.status != 0  # term not in glossary, no clause numbered 9.9
    assert previews(result, "index") == {}
    assert "con_preview" not in result.doctree("index")
    assert not result.main("index").select(".con-has-preview")


@pytest.mark.parametrize("builder", ["text", "pdf"])
def test_other_builders_write_no_previews(build_snippet, builder: str) -> None:
    """A PDF's readers cannot hover; the text builder's neither. Neither gets the previews' words."""
    conf = CONF + 'extensions.append("sphinx_constitution.outputs.pdf")\n'
    conf += 'constitution_pdf_documents = [{"start": "notes", "filename": "notes", "annexes": ["glossary"]}]\n'
    result = build_snippet(PAGES, conf=conf, codes=REGISTRY, builder=builder)
    assert result.status == 0, result.warnings
    if builder == "text":
        written = result.text("notes")
    else:
        import pypdf

        written = " ".join(page.extract_text() for page in pypdf.PdfReader(result.outdir / "notes.pdf").pages)
    assert "need to know" in written.lower()  # the page itself is there
    assert "in Glossary" not in written and "Principle of Public Life" not in written


# -- incremental and parallel builds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "old", "new", "said"),
    [
        ("glossary", "reasonably need to do their job", "need for their work", "documents that they need for their"),
        ("rules", "The exercise of this common law right", "Exercising the right", "Exercising the right depends"),
        ("rules", "# 6 Access to information", "# 6 Access to Council documents", "in 6 Access to Council documents"),
    ],
    ids=["a definition's words", "a clause's words", "the title of the clause's page"],
)
def test_when_what_a_preview_says_changes_the_pages_citing_it_are_written_again(
    editable: Build, tmp_path, page: str, old: str, new: str, said: str
) -> None:
    """The notes page is not read again (its source did not change), only written again, with the new words."""
    edit_page(editable, page, old, new)
    read = (editable.outdir / ".doctrees" / "notes.doctree").stat().st_mtime_ns
    again = sphinx_build(editable.srcdir, editable.outdir, "-b", "html")
    assert again.status == 0, again.warnings
    assert (editable.outdir / ".doctrees" / "notes.doctree").stat().st_mtime_ns == read, "notes.md was read again"
    assert any(said in text for text in previews(again, "notes").values()), previews(again, "notes")
    clean = sphinx_build(editable.srcdir, tmp_path / "clean", "-E", "-b", "html")
    assert previews(again, "notes") == previews(clean, "notes")


def test_a_parallel_build_writes_the_previews_of_a_serial_one(built: Build, tmp_path) -> None:
    """Readers in other processes (``-j 2``) send back the definitions and citations they read."""
    serial = built
    parallel = sphinx_build(serial.srcdir, tmp_path / "parallel", "-j", "2", "-b", "html")
    assert parallel.status == 0, parallel.warnings

    def pages(result: Build) -> dict[str, str]:
        return {name: re.sub(r"\?v=[0-9a-f]+", "", html) for name, html in html_pages(result.outdir).items()}

    assert pages(parallel) == pages(serial)
    assert "Need to Know, in Glossary | A Member" in " ".join(previews(parallel, "notes").values())


def test_a_principle_is_previewed_as_one_of_the_chosen_set(build_snippet) -> None:
    """A Welsh council's principle reads as one of Wales' ten, numbered as the Order numbers it."""
    pages = {
        "index": "# Protocol\n\nMembers follow {principle}`stewardship`.\n\n```{toctree}\nprinciples\n```\n",
        "principles": "# Principles\n\n:::{principles}\n:principles: stewardship\n:::\n",
    }
    result = build_snippet(pages, conf=CONF + 'constitution_principles = "wales"\n')
    assert result.status == 0, result.warnings
    (said,) = previews(result, "index").values()
    assert said.startswith("Stewardship, principle 5 of the ten principles of conduct (Wales) | In discharging their ")


@pytest.mark.parametrize("action", ["qDe", "1", "2", "3", "-1", "qbBdDiew"])
@pytest.mark.parametrize(
    "text",
    [
        "the Member's right",
        'a "roving commission"',
        "``quoted''",
        "`single'",
        "one -- two --- three",
        "wait... and . . . more",
        r"an escaped \"quote\"",
        "&quot;Dreamweaver&quot;",
        "already “curly” ‘quotes’ – and — dashes…",
        "plain words, with full stops. And more.",
        'a <b>"tag"</b> and a < b',
        "",
    ],
)
def test_a_previews_text_reads_as_smartquotes_prints_it_on_the_page(text: str, action: str) -> None:
    """Previews give a text without a ``<`` to SmartQuotes as one token, not through ``smartyPants``' split at HTML
    tags (slow): each kind of text SmartQuotes changes, under every action, is changed as ``smartyPants`` changes it."""
    from docutils.utils.smartquotes import smartyPants
    from sphinx_constitution.outputs.previews import _smartened

    assert _smartened(text, action, "en") == smartyPants(text, action, "en")
