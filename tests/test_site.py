"""The real site built from docs/: every clause of the 2026 draft, in its final wording, and every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Build, html_pages, restore, site_args, sphinx_build

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out


def _clause_ids() -> list[str]:
    ids = [f"clause-1-{n}" for n in range(1, 6)] + [f"clause-2-{n}" for n in range(1, 4)] + ["clause-3-1"]
    ids += ["clause-4-1", "clause-4-1-1", "clause-4-1-2", *(f"clause-4-1-2-{r}" for r in ("i", "ii", "iii", "iv", "v"))]
    ids += ["clause-4-1-3", *(f"clause-4-1-3-{r}" for r in ("i", "ii", "iii"))]
    ids += ["clause-4-1-4", *(f"clause-4-1-4-{r}" for r in ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"))]
    ids += [f"clause-5-{n}" for n in range(1, 9)] + [f"clause-6-{n}" for n in range(1, 13)]
    ids += [f"clause-7-{n}" for n in range(1, 12)] + [f"clause-7-{p}-{n}" for p in (5, 6) for n in range(1, 6)]
    ids += ["clause-8-1", "clause-8-1-a", "clause-8-1-b", "clause-8-1-c"] + [f"clause-9-{n}" for n in range(1, 10)]
    return ids + ["clause-10-1", "clause-11-1", "clause-12-1"]


EXPECTED_CLAUSES = _clause_ids()
PAGES = [
    "index",
    "protocol/index",
    "notes/members",
    "notes/employees",
    "glossary",
    "codes",
    "accessibility",
    "protocol/about-this-edition",
    "protocol/appendix",
    "protocol/principles",
]


def all_clauses(site: Build) -> dict[str, str]:
    """Every clause id on the site -> its text."""
    found = {}
    for page in sorted(site.outdir.glob("protocol/*.html")):
        main = site.main(f"protocol/{page.stem}")
        for div in main.select("div.con-clause[id]"):
            assert div["id"] not in found, f"{div['id']} appears twice"
            found[div["id"]] = " ".join(div.get_text().split())
    return found


def test_the_site_builds_with_no_warning(site: Build) -> None:
    assert site.status == 0
    assert site.warnings == ""


def test_every_clause_of_the_2026_draft_is_there_under_its_id(site: Build) -> None:
    clauses = all_clauses(site)
    assert len(EXPECTED_CLAUSES) == 88
    assert sorted(clauses) == sorted(EXPECTED_CLAUSES)


@pytest.mark.parametrize(
    ("anchor", "page", "words"),
    [
        ("clause-6-7", "access-to-information", 'has no right to "a roving commission"'),
        ("clause-7-5-3", "cabinet-and-committee-chairs", "To check or correct any error or omission"),
        ("clause-8-1-b", "scrutiny", "there is an inherent tension between these two roles"),
        ("clause-4-1-4-viii", "employee-code-of-conduct", "an officer will be under a duty to submit a report"),
    ],
)
def test_the_clauses_named_in_the_brief_are_where_a_bookmark_expects(
    site: Build, anchor: str, page: str, words: str
) -> None:
    clause = site.main(f"protocol/{page}").find(id=anchor)
    assert clause is not None
    text = " ".join(clause.get_text().split()).replace("“", '"').replace("”", '"')
    assert words in text


@pytest.mark.parametrize(
    ("anchor", "present", "absent"),
    [
        ("clause-6-2", "Officers will do their best to comply with the timescale.", None),
        ("clause-1-2", "and to build competence in decision making and public confidence in decisions.", None),
        ("clause-2-1", "and in relation to employees, to disciplinary action.", None),
        ("clause-2-3", "These rules should also be read in conjunction with", "rules are should"),
        ("clause-5-7", "or for private purposes", None),
        ("clause-9-2", "should normally be sent in the name of the appropriate officer", "-in"),
        ("clause-9-5", "in collaboration with Marketing and Design and will be impartial", "Corporate Communications"),
        ("clause-9-6", "issued by Marketing and Design following consultation", "Corporate Communications"),
        ("clause-4-1-3-iii", "should contact HR.", "Senior Officer."),
        ("clause-6-7", "Written reasons will be provided on request by the officer.", None),
    ],
)
def test_tracked_changes_are_accepted(site: Build, anchor: str, present: str, absent: str | None) -> None:
    text = all_clauses(site)[anchor].replace("’", "'")
    assert present in text
    if absent:
        assert absent not in text


def test_no_tracked_change_markup_survives(site: Build) -> None:
    for page in site.outdir.glob("**/*.html"):
        text = page.read_text(encoding="utf-8")
        assert "~~" not in text and "**" not in text, page


def test_the_repeated_sentence_in_principle_3_appears_once(site: Build) -> None:
    text = site.main("protocol/principles").get_text(" ")
    assert text.count("It is good practice") == 1
    assert site.main("protocol/principles").select("a[href='appendix.html']")


def test_the_principles_section_sets_out_the_seven_principles(site: Build) -> None:
    main = site.main("protocol/principles")
    assert main.h1.get_text(strip=True).startswith("2A Principles")
    assert [li["id"] for li in main.select("ol.con-principles > li")] == [
        f"principle-{n}"
        for n in ("selflessness", "integrity", "objectivity", "accountability", "openness", "honesty", "leadership")
    ]


def test_the_appendix_has_three_do_dont_tables(site: Build) -> None:
    tables = site.main("protocol/appendix").select("table.con-dodont")
    assert [(t.caption.get_text(strip=True).rstrip("¶"), len(t.select("tbody tr"))) for t in tables] == [
        ("What Members can expect from Officers", 9),
        ("What Officers can expect from Members", 8),
        ("When acting in their role as employer as part of the Council, Members", 7),
    ]
    assert [th.get_text(strip=True) for th in tables[0].select("thead th")] == ["Officers Do", "Officers Don’t"]


def test_every_page_is_there_with_one_title(site: Build) -> None:
    for page in PAGES:
        assert len(site.main(page).select("h1")) == 1, page


def test_every_page_has_one_description_in_its_head(site: Build) -> None:
    """Search engines show it under the title (Lighthouse SEO: tests/test_lighthouse.py): the search page, the index and
    each forwarding page of an edition included (outputs/descriptions.py)."""
    pages = html_pages(site.outdir)
    assert len(pages) >= 50
    for name, text in pages.items():
        head = BeautifulSoup(text, "html.parser").head
        assert head is not None, name
        found = [meta.get("content", "") for meta in head.find_all("meta", attrs={"name": "description"})]
        assert len(found) == 1, f"{name}: {len(found)} descriptions"
        assert found[0].strip(), f"{name}: an empty description"
        assert text.count('name="description"') == 1, name


def test_every_page_says_its_viewport_once(site: Build) -> None:
    """The theme writes the viewport <meta>; docutils' writer wrote a second into every page (theme/themefixes.py)."""
    for name, text in html_pages(site.outdir).items():
        assert text.count('name="viewport"') == 1, name


@pytest.mark.parametrize(
    ("page", "description"),
    [
        ("index", "The Member Officer Relations Protocol sets out how councillors (Members) and council employees"),
        ("protocol/access-to-information", "Members will need in the discharge of their duties to access information"),
        ("search", "Search: the Member Officer Relations Protocol of North East Derbyshire District Council."),
        ("genindex", "Index: the Member Officer Relations Protocol of North East Derbyshire District Council."),
        ("editions/2026/scrutiny", "8 Scrutiny arrangements: the Member Officer Relations Protocol of North East"),
    ],
)
def test_a_page_is_described_by_its_first_words_or_else_its_title(site: Build, page: str, description: str) -> None:
    found = site.html(page).head.find("meta", attrs={"name": "description"})["content"]
    assert found.startswith(description)
    assert len(found) <= 160 or page.startswith("editions/2026/")  # a forwarding page: its title, and the council


def test_the_home_page_links_the_notes_protocol_and_statement(site: Build) -> None:
    hrefs = {a["href"] for a in site.main("index").select("a[href]")}
    for target in (
        "protocol/index.html",
        "notes/members.html",
        "notes/employees.html",
        "glossary.html",
        "codes.html",
        "accessibility.html",
    ):
        assert target in hrefs


@pytest.mark.parametrize("note", ["members", "employees"])
def test_each_note_is_short_cites_clauses_and_says_whom_to_ask(site: Build, note: str) -> None:
    main = site.main(f"notes/{note}")
    main.select_one(".con-status").decompose()  # the status banner: the PDF prints it in its title block
    words = len(main.get_text(" ").replace("¶", " ").split())
    assert words <= 360, f"{note} has {words} words: too long for one A4 page"
    clause_links = {a["href"] for a in main.select("a[href*='#clause-']")}
    assert len(clause_links) >= 6
    asking = main.find(id="whom-to-ask")
    assert asking is not None and "Monitoring Officer" in asking.get_text()


def test_glossary_terms_are_linked_from_the_protocol(site: Build) -> None:
    glossary = site.main("glossary")
    for term in (
        "Head of Paid Service",
        "Monitoring Officer",
        "Section 151 Officer",
        "Need to Know",
        "Politically restricted post",
        "Delegated Decision",
        "Key decision",
        "Call-in",
        "Scrutiny Committee",
        "Political group",
        "Ward Member",
    ):
        assert glossary.find("dt", id=f"term-{term.replace(' ', '-')}") is not None, term
    need_to_know = site.main("protocol/access-to-information").find(id="clause-6-6")
    assert need_to_know.select_one("a[href='../glossary.html#term-Need-to-Know']")


def test_the_codes_page_lists_each_code_with_the_clauses_citing_it(site: Build) -> None:
    codes = site.main("codes")
    foia = codes.find(id="code-foia-2000")
    assert "paragraph 6.12" in [a.get_text() for a in foia.select("a.reference.internal")]
    for section in codes.select("section.con-code"):
        assert section.select("a.reference.internal"), f"{section['id']} is cited nowhere"


def test_the_about_page_lists_the_editorial_corrections(site: Build) -> None:
    about = site.main("protocol/about-this-edition")
    rows = about.select("table tbody tr")
    assert len(rows) >= 10
    text = about.get_text(" ")
    for correction in ("2A", "12.1", "Equality Act 2010", "should contact HR"):
        assert correction in text


def test_nothing_council_specific_lives_in_the_extensions() -> None:
    namespace: dict = {"__file__": str(ROOT / "conf.py")}
    exec((ROOT / "conf.py").read_text(), namespace)
    words = {namespace["council"]["council_name"], "Derbyshire", namespace["council"]["council_short_name"]}
    for path in (ROOT / "extensions").rglob("*"):
        if path.is_file() and path.suffix in {".py", ".css", ".js", ".html"}:
            text = path.read_text(encoding="utf-8")
            assert not any(word in text for word in words), path


# -- the same site from a parallel build and from incremental builds ----------------------------------


def test_a_parallel_build_gives_the_same_site(site: Build, pdfs: Build, tmp_path: Path) -> None:
    parallel = sphinx_build(ROOT / "docs", tmp_path / "html", *site_args(pdfs), "-j", "2", confdir=ROOT)
    assert parallel.status == 0, parallel.warnings
    assert html_pages(parallel.outdir) == html_pages(site.outdir)


EDITS = {
    "a clause's words change (pages citing it show its first words)": (
        "docs/protocol/access-to-information.md",
        "The exercise of this common law right",
        "The use of this common law right",
    ),
    "an old edition's clause changes (the comparison, and the marker on the current clause, follow)": (
        "docs/editions/pre-2026/introduction.md",
        "Given the variety and complexity",
        "Given the range and complexity",
    ),
    "the protocol's review date changes (every page of the protocol shows it)": (
        "docs/protocol/index.md",
        ":review-due: 2027-04-29",
        ":review-due: 2027-06-30",
    ),
    "a new citation of a code (the codes page lists who cites what)": (
        "docs/notes/members.md",
        "## Whom to ask",
        "The {code-ref}`foia-2000` also applies.\n\n## Whom to ask",
    ),
}


@pytest.fixture(scope="module")
def built(site_copy: Build) -> Path:
    """A copy of the project built once, with no warning, restored for each edit below: ``site_copy``, the site
    built from a copy of the sources as ``site`` is made (linking the same PDFs), which test_engine compares byte
    for byte with ``site``. Each edit is built on it as that first build was made (the same options)."""
    assert site_copy.status == 0, site_copy.warnings
    return site_copy.outdir.parent.parent


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_incremental_build_after_an_edit_equals_a_clean_build(
    built: Path, pdfs: Build, tmp_path: Path, edit: str
) -> None:
    path, old, new = EDITS[edit]
    work = restore(built)
    project = work / "project"
    source = project / path
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    again = sphinx_build(project / "docs", work / "html", *site_args(pdfs), confdir=project)  # as the first
    clean = sphinx_build(project / "docs", tmp_path / "clean", *site_args(pdfs), "-E", confdir=project)
    assert again.status == clean.status == 0, again.warnings + clean.warnings
    assert html_pages(again.outdir) == html_pages(clean.outdir)


def test_moving_a_clause_to_another_page_rewrites_the_pages_that_cite_it(built: Path, pdfs: Build) -> None:
    work = restore(built)
    project = work / "project"
    notes = project / "docs/notes/members.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nSee {clause}`7.11`.\n", encoding="utf-8")
    first = sphinx_build(project / "docs", work / "html", *site_args(pdfs), confdir=project)
    assert first.main("notes/members").select_one("a[href*='clause-7-11']")["href"] == (
        "../protocol/cabinet-and-committee-chairs.html#clause-7-11"
    )

    chairs = project / "docs/protocol/cabinet-and-committee-chairs.md"
    scrutiny = project / "docs/protocol/scrutiny.md"
    text = chairs.read_text(encoding="utf-8")
    block = re.search(r"(?ms)^:::\{clause\} 7\.11\n.*?^:::\n", text).group(0)
    chairs.write_text(text.replace(block, ""), encoding="utf-8")
    scrutiny.write_text(scrutiny.read_text(encoding="utf-8") + "\n" + block, encoding="utf-8")
    again = sphinx_build(project / "docs", work / "html", *site_args(pdfs), confdir=project)
    assert again.status == 0, again.warnings
    assert again.main("notes/members").select_one("a[href*='clause-7-11']")["href"] == (
        "../protocol/scrutiny.html#clause-7-11"
    )
