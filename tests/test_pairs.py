"""Every pair of editions compared with no page to write: three editions in a snippet project, as test_record builds
them (2019, 2026 amends 2 and repeals 4, 2027 substitutes 1 and inserts 4)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pypdf
import pytest
from conftest import SNIPPET_CONF, Build, assert_fails_at, edit_page, html_pages, sphinx_build
from test_record import CONF, REGISTER, pages

ALABASTER = 'html_theme = "alabaster"\n'
PAIRS = ["2026-to-2027", "2019-to-2026", "2019-to-2027"]  # each with the one before, then each with the current one


def project(extra: dict[str, str] | None = None) -> dict[str, str]:
    found = pages()
    listed = "".join(f"{page}\n" for page in extra or {} if not page.startswith("editions/"))
    found["index"] = found["index"].replace("timeline\n", f"timeline\ncomparisons\n{listed}")
    found["comparisons"] = "# Comparisons\n\n:::{edition-comparisons}\n:::\n"
    return {**found, **(extra or {})}


def build(build_snippet, extra: dict[str, str] | None = None, conf: str = "") -> Build:
    return build_snippet(project(extra), conf=CONF + conf, files={"src/decisions.toml": REGISTER})


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The three editions built once, for the tests that only read the site."""
    src = tmp_path_factory.mktemp("pairs") / "src"
    for name, text in project().items():
        (src / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    (src / "conf.py").write_text(SNIPPET_CONF + CONF, encoding="utf-8")
    (src / "decisions.toml").write_text(REGISTER, encoding="utf-8")
    return sphinx_build(src, src.parent / "out" / "html", "-b", "html")


def entries(result: Build, page: str) -> dict[str, str]:
    """Each entry of a comparison: its anchor -> its head, in words."""
    main = result.main(page)
    return {
        e["id"]: " ".join(e.select_one(".con-change-head").get_text(" ").split()) for e in main.select(".con-change")
    }


def test_every_pair_is_compared_at_its_own_address_with_its_changes(three: Build) -> None:
    result = three
    assert result.status == 0, result.warnings
    assert sorted(p.stem for p in (result.outdir / "editions/compare").glob("*.html")) == sorted(PAIRS)
    assert entries(result, "editions/compare/2026-to-2027") == {  # 1 substituted: its words all new
        "change-1": "New paragraph 1",
        "removed-1": "Removed paragraph 1 of the 2026 edition",
        "change-4": "New paragraph 4",
    }
    assert entries(result, "editions/compare/2019-to-2026") == {
        "change-2": "Changed paragraph 2",
        "removed-4": "Removed paragraph 4 of the 2019 edition",
    }
    assert entries(result, "editions/compare/2019-to-2027") == {  # both changes, 3 the same in both
        "change-1": "New paragraph 1",
        "removed-1": "Removed paragraph 1 of the 2019 edition",
        "change-2": "Changed paragraph 2",
        "change-4": "New paragraph 4",
        "removed-4": "Removed paragraph 4 of the 2019 edition",
    }
    # words inserted and deleted are marked as on an editor's page, and the page is the theme's whole page
    html = result.html("editions/compare/2019-to-2026")
    assert "duties as councillors" in html.select_one("#change-2 ins").get_text()
    assert [str(h.contents[0]).strip() for h in result.main("editions/compare/2019-to-2026").select("h1")] == [
        "Changes from the 2019 edition to the 2026 edition"
    ]
    assert html.title.get_text().startswith("Changes from the 2019 edition to the 2026 edition")
    assert html.select_one(".sphinxsidebar, .sidebar-drawer") is not None  # the site's navigation
    levels = [int(h.name[1]) for h in html.select("[role=main] h1, [role=main] h2, [role=main] h3, [role=main] h4")]
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels  # headings in order


def test_the_listing_and_each_older_edition_lead_to_the_comparisons(three: Build) -> None:
    result = three
    listing = {a.get_text(): a["href"] for a in result.main("comparisons").select(".con-comparisons a")}
    assert listing == {
        "Changes from the 2026 edition to the 2027 edition": "editions/compare/2026-to-2027.html",
        "Changes from the 2019 edition to the 2026 edition": "editions/compare/2019-to-2026.html",
        "Changes from the 2019 edition to the 2027 edition": "editions/compare/2019-to-2027.html",
    }
    for edition in ("2019", "2026"):
        link = result.main(f"editions/{edition}/index").select_one(".con-compare-current a")
        assert link.get_text() == "Compare with the current edition"
        assert link["href"] == f"../compare/{edition}-to-2027.html"
    assert result.main("current/index").select_one(".con-compare-current") is None


def test_each_change_in_a_history_links_the_comparison_that_shows_it(three: Build) -> None:
    result = three
    history = result.main("current/rules").find(id="clause-2").select_one(".con-history")
    assert history.find("a", string="See the change.")["href"] == "../editions/compare/2019-to-2026.html#change-2"


def test_a_pair_an_editors_page_shows_is_not_shown_twice(build_snippet) -> None:
    editors = "# What 2027 changed\n\n:::{edition-changes}\n:from: 2026\n:to: 2027\n:::\n"
    result = build(build_snippet, {"changes-2027": editors})
    assert result.status == 0, result.warnings
    forward = result.html("editions/compare/2026-to-2027")
    assert forward.select_one(".con-change") is None  # not shown twice
    assert forward.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../changes-2027.html"
    listing = {a.get_text(): a["href"] for a in result.main("comparisons").select(".con-comparisons a")}
    assert listing["Changes from the 2026 edition to the 2027 edition"] == "changes-2027.html"
    link = result.main("editions/2026/index").select_one(".con-compare-current a")
    assert link["href"] == "../../changes-2027.html"


def test_a_page_at_a_comparisons_address_fails(build_snippet) -> None:
    result = build(build_snippet, {"editions/compare/2019-to-2026": "# Mine\n\nWords.\n"})
    assert_fails_at(result, "editions/compare/2019-to-2026", 1, "comparison_address", "where the comparison of")


def test_a_comparison_page_is_written_only_when_what_it_shows_changed(build_snippet) -> None:
    result = build(build_snippet, conf=ALABASTER)  # a theme whose every page shows the titles of the site's pages
    out = result.outdir / "editions/compare"
    times = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}
    again = sphinx_build(result.srcdir, result.outdir, "-b", "html")  # nothing changed
    assert again.status == 0, again.warnings
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")} == times
    edit_page(result, "editions/2019/rules", "nine in the evening", "ten in the evening")  # 2019's paragraph 4
    again = sphinx_build(result.srcdir, result.outdir, "-b", "html")
    written = {p.name for p in out.glob("*.html") if p.stat().st_mtime_ns != times[p.name]}
    assert written == {"2019-to-2026.html", "2019-to-2027.html"}  # not 2026-to-2027
    times = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}
    edit_page(result, "timeline", "# Timeline", "# The timeline")  # a title every page's navigation shows
    again = sphinx_build(result.srcdir, result.outdir, "-b", "html")
    assert all(p.stat().st_mtime_ns != times[p.name] for p in out.glob("*.html"))
    assert "The timeline" in (out / "2026-to-2027.html").read_text(encoding="utf-8")


def test_an_incremental_build_after_an_edit_equals_a_clean_one(build_snippet, tmp_path: Path) -> None:
    result = build(build_snippet)
    edit_page(result, "current/rules", "whoever they work with", "whoever they work with or for")
    again = sphinx_build(result.srcdir, result.outdir, "-b", "html")
    clean = sphinx_build(result.srcdir, tmp_path / "clean", "-E", "-b", "html")
    assert again.status == clean.status == 0, again.warnings
    assert "or for" in (result.outdir / "editions/compare/2026-to-2027.html").read_text(encoding="utf-8")
    assert html_pages(again.outdir) == html_pages(clean.outdir)


PDFS = """
extensions.append("sphinx_constitution.outputs.pdf")
constitution_pdf_documents = [
    {"editions": True, "filename": "rules", "contents": True},
    {"latest_changes": True, "filename": "rules-changes"},
]
"""


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


@pytest.mark.site  # WeasyPrint lays out five PDFs: seconds
def test_each_edition_and_the_latest_change_are_pdfs_linked_from_their_pages(build_snippet, tmp_path: Path) -> None:
    made = build(build_snippet, conf=PDFS + f'constitution_pdf_output_dir = "{tmp_path / "out/pdf"}"\n')
    pdfs = sphinx_build(made.srcdir, tmp_path / "out/pdf", "-b", "pdf")
    assert pdfs.status == 0, pdfs.warnings
    names = sorted(p.name for p in pdfs.outdir.glob("*.pdf"))
    assert names == ["rules-2019.pdf", "rules-2026.pdf", "rules-2027.pdf", "rules-changes.pdf", "rules.pdf"]
    assert (pdfs.outdir / "rules.pdf").read_bytes() == (pdfs.outdir / "rules-2027.pdf").read_bytes()
    assert "whoever they work with" in pdf_text(pdfs.outdir / "rules.pdf")
    assert "telephone officers at home" in pdf_text(pdfs.outdir / "rules-2019.pdf")
    assert "whoever they work with" not in pdf_text(pdfs.outdir / "rules-2026.pdf")
    changes = pdf_text(pdfs.outdir / "rules-changes.pdf")
    assert "Changes from the 2026 edition to the 2027 edition" in changes and "New paragraph 4" in changes
    site = sphinx_build(made.srcdir, tmp_path / "out/html", "-b", "html")
    assert site.status == 0, site.warnings
    for page, pdf in [
        ("current/index", "rules.pdf"),
        ("editions/2026/index", "rules-2026.pdf"),
        ("editions/2019/index", "rules-2019.pdf"),
        ("editions/compare/2026-to-2027", "rules-changes.pdf"),
    ]:
        link = site.main(page).select_one(".pdf-download")
        assert link.a["href"].endswith(f"pdf/{pdf}") and "(PDF, " in link.get_text(), page
    assert sorted(p.name for p in (site.outdir / "pdf").glob("*.pdf")) == names


def test_the_listing_takes_no_text(build_snippet) -> None:
    result = build(build_snippet, {"comparisons": "# Comparisons\n\n:::{edition-comparisons}\nAll of them.\n:::\n"})
    assert result.status != 0
    assert "comparisons.md:3: WARNING: 'edition-comparisons': Has content, but none permitted" in result.warnings


def test_an_editors_page_that_comes_and_goes_moves_every_link_as_a_clean_build_would(
    build_snippet, tmp_path: Path
) -> None:
    result = build(build_snippet, {"changes-2027": "# What 2027 changed\n\nSoon.\n"})
    asked = "Soon.\n\n:::{edition-changes}\n:from: 2026\n:to: 2027\n:::\n"
    for old, new in (("Soon.\n", asked), (asked, "Soon.\n")):  # the editor's page shows the pair, then no more
        edit_page(result, "changes-2027", old, new)
        again = sphinx_build(result.srcdir, result.outdir, "-b", "html")
        clean = sphinx_build(result.srcdir, tmp_path / f"clean-{len(new)}", "-E", "-b", "html")
        assert again.status == clean.status == 0, again.warnings
        assert html_pages(again.outdir) == html_pages(clean.outdir)
        shown = result.main("current/rules").find(id="clause-1").find("a", string="See the change.")["href"]
        assert shown.startswith("../changes-2027.html" if new == asked else "../editions/compare/2026-to-2027.html")
