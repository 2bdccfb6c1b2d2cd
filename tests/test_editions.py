"""Editions: status banners, both editions at permanent addresses, the comparison, links that never lie."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pypdf
import pytest
from bs4 import BeautifulSoup
from conftest import Build, assert_fails_at
from sphinx_constitution.model.editions.compare import Unit, compare

CHANGES = "editions/changes-2026"
EDITIONS = 'extensions.append("sphinx_constitution.model.editions")\n'
OLD = "editions/pre-2026"
SNIPPET = Path(__file__).parent / "snippets" / "edition-changes"  # the comparison as test_snippets.py builds it
SNIPPET_PAGES = {str(p.relative_to(SNIPPET).with_suffix("")): p.read_text("utf-8") for p in SNIPPET.rglob("*.md")}


def _soup(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup((site.outdir / path).read_text(encoding="utf-8"), "html.parser")


def entry(site: Build, anchor: str) -> BeautifulSoup:
    found = site.main(CHANGES).find(id=anchor)
    assert found is not None, f"the comparison has no entry #{anchor}"
    return found


# -- status banners --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["protocol/index", "protocol/access-to-information", "protocol/appendix"])
def test_every_page_of_the_draft_says_it_is_a_draft_and_when_it_is_reviewed(site: Build, page: str) -> None:
    banner = site.main(page).select_one("[role=note].con-status")
    assert banner is not None, f"{page} has no status banner"
    text = " ".join(banner.get_text(" ").split())
    assert text.startswith("Draft for the Standards Committee meeting on 29 April 2026.")
    assert "Last reviewed 29 April 2026. Next review due by 29 April 2027." in text
    assert banner.find_previous("h1") is not None, "the banner comes before the page's title"


def test_the_old_edition_says_it_is_superseded_and_links_the_current_one(site: Build) -> None:
    for page in ("index", "introduction", "appendix"):
        banner = site.main(f"{OLD}/{page}").select_one(".con-status-superseded")
        assert banner is not None, page
        assert "Superseded." in banner.get_text()
        link = banner.find("a", string="the 2026 edition")
        assert link["href"] == "../../protocol/index.html"


def test_pages_outside_any_document_have_no_banner(site: Build) -> None:
    for page in ("index", "glossary", "codes", "accessibility"):
        assert site.main(page).select_one(".con-status") is None, page


def test_the_notes_and_their_pdfs_carry_their_status(site: Build, pdfs: Build) -> None:
    for note in ("members", "employees"):
        assert "Draft for the Standards Committee" in site.main(f"notes/{note}").select_one(".con-status").get_text()
        first = pypdf.PdfReader(pdfs.outdir / f"{note}-notes.pdf").pages[0].extract_text()
        assert "Draft for the Standards Committee meeting on 29 April 2026." in " ".join(first.split())


OVERDUE = """
# Code

:::{status} adopted
:adopted-by: Full Council
:adopted-on: 2024-05-15
:reviewed: 2024-05-15
:review-due: 2025-05-15
:::

```{toctree}
part
```
"""


def test_a_review_date_that_has_passed_is_shown_as_overdue(build_snippet) -> None:
    result = build_snippet(
        {"index": OVERDUE, "part": "# Part\n\nText.\n"},
        conf=EDITIONS + 'constitution_status_today = "2026-11-23"\n',
    )
    assert result.status == 0, result.warnings
    for page in ("index", "part"):
        banner = result.main(page).select_one(".con-status")
        assert "con-status-overdue" in banner["class"], page
        text = " ".join(banner.get_text(" ").split())
        assert "Adopted by Full Council on 15 May 2024." in text
        assert "Review overdue: the next review was due by 15 May 2025." in text


def test_a_review_date_still_to_come_is_not_overdue(build_snippet) -> None:
    result = build_snippet(
        {"index": OVERDUE, "part": "# Part\n\nText.\n"},
        conf=EDITIONS + 'constitution_status_today = "2025-05-15"\n',
    )
    banner = result.main("part").select_one(".con-status")
    assert "con-status-overdue" not in banner["class"]
    assert "Next review due by 15 May 2025." in banner.get_text()


@pytest.mark.parametrize(
    ("status", "line", "words"),
    [
        ("{status} proposed", 3, "'proposed' is not a status"),
        ("{status} superseded", 3, "a superseded status needs :superseded-by: (the page of the text now in force)"),
        ("{status} draft\n:committee: Standards\n:meeting: 29/04/2026", 3, ":meeting: '29/04/2026' is not a date"),
        # dates Python reads but people do not write, or no calendar has
        ("{status} draft\n:meeting: 20260429", 3, ":meeting: '20260429' is not a date written as 2026-04-29"),
        ("{status} draft\n:meeting: 2026-W18-3", 3, ":meeting: '2026-W18-3' is not a date written as 2026-04-29"),
        ("{status} draft\n:meeting: 2026-02-30", 3, ":meeting: '2026-02-30' is not a date: February 2026 has 28 days"),
        ("{status} draft\n:meeting: 0001-01-01", 3, ":meeting: '0001-01-01' is before 1972"),
        ("{status} adopted\n:review-due: 9999-12-31", 3, ":review-due: '9999-12-31' is more than 10 years after today"),
        (
            "{status} draft\n:committee: \u200b",
            3,
            ":committee: has nothing a reader can see",
        ),  # "Draft for the  meeting"
        ("{status} superseded\n:superseded-by: index", 3, ":superseded-by: names this page"),  # "superseded by" itself
        ("{status} adopted\n:adopted-by: C\n:reviewed: 2026-01-01\n:review-due: 2025-01-01", 3, "must come after"),
        ("{status} superseded\n:superseded-by: nowhere", 3, ":superseded-by: no page 'nowhere'"),
    ],
)
def test_a_status_that_cannot_be_read_fails_naming_file_and_line(
    build_snippet, status: str, line: int, words: str
) -> None:
    result = build_snippet({"index": f"# Code\n\n:::{status}\n:::\n\nText.\n"}, conf=EDITIONS, builder="dummy")
    assert_fails_at(result, "index", line, "bad_status", words)


@pytest.mark.parametrize(("due", "refused"), [("2036-11-23", False), ("2036-11-24", True), ("1972-01-02", False)])
def test_a_date_may_be_from_1972_to_ten_years_after_the_build(build_snippet, due: str, refused: bool) -> None:
    status = f":::{{status}} adopted\n:reviewed: 1972-01-01\n:review-due: {due}\n:::\n"
    result = build_snippet(
        {"index": f"# Code\n\n{status}\nText.\n"}, conf=EDITIONS + 'constitution_status_today = "2026-11-23"\n'
    )
    if refused:
        assert_fails_at(result, "index", 3, "bad_status", f"'{due}' is more than 10 years after today (2026-11-23)")
    else:
        assert result.status == 0, result.warnings


@pytest.mark.parametrize("option", [":adopted-on: 2026-11-24", ":reviewed: 2026-11-24"], ids=["adopted", "reviewed"])
def test_an_adoption_or_review_still_to_come_is_not_told_as_done(build_snippet, option: str) -> None:
    """The banner would say "Adopted on 24 November 2026." on the 23rd; a meeting or a review due may be to come."""
    status = f":::{{status}} adopted\n{option}\n:review-due: 2027-11-24\n:::\n"
    conf = EDITIONS + 'constitution_status_today = "2026-11-23"\n'
    result = build_snippet({"index": f"# Code\n\n{status}\nText.\n"}, conf=conf)
    assert_fails_at(result, "index", 3, "bad_status", "'2026-11-24' is after today (2026-11-23): a document is")
    draft = build_snippet({"index": "# Code\n\n:::{status} draft\n:meeting: 2026-11-24\n:::\n"}, conf=conf)
    assert draft.status == 0, draft.warnings


def test_two_statuses_on_one_page_fail(build_snippet) -> None:
    one = ":::{status} adopted\n:adopted-by: Council\n:::\n"
    result = build_snippet({"index": f"# Code\n\n{one}\n{one}"}, conf=EDITIONS, builder="dummy")
    assert_fails_at(result, "index", 7, "bad_status", "already has a status")


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ("draft", "Draft."),
        ("draft\n:committee: Standards Committee", "Draft for the Standards Committee."),
        ("draft\n:meeting: 2026-04-29", "Draft for the meeting on 29 April 2026."),
        ("adopted", "Adopted."),
        ("adopted\n:adopted-on: 2024-05-03", "Adopted on 3 May 2024."),
        ("adopted\n:adopted-by: Council", "Adopted by Council."),
        ("adopted\n:reviewed: 2026-01-05", "Adopted. Last reviewed 5 January 2026."),
    ],
)
def test_a_status_says_only_what_is_known(build_snippet, options: str, said: str) -> None:
    """Only the state is required: nothing makes a council invent a meeting or a date it does not know."""
    result = build_snippet({"index": f"# Code\n\n:::{{status}} {options}\n:::\n\nText.\n"}, conf=EDITIONS)
    assert result.status == 0, result.warnings
    banner = result.main().select_one(".con-status")
    assert " ".join(banner.get_text(" ").split()).replace(" .", ".") == said


EDITION_PAGES = {
    "index": "# Home\n\n```{toctree}\nnew/index\nold/index\n```\n",
    "new/index": "# New\n\nText.\n",
    "old/index": "# Old\n\nText.\n",
}


@pytest.mark.parametrize(
    "old", ["", ":::{status} superseded\n:::\n", ":::{status} superseded\n:adopted-on: 2019-05-01\n:::\n"]
)
def test_an_older_edition_is_superseded_by_the_current_one_without_being_told(build_snippet, old: str) -> None:
    """The editions' order (newest first) says which text is in force: an older edition's banner says so and links
    it, whether its start page has no status or one that does not name the page. The current edition, with no
    status, shows no banner: nothing is known to say."""
    pages = {**EDITION_PAGES, "old/index": f"# Old\n\n{old}\nText.\n"}
    result = build_snippet(pages, conf=EDITIONS + 'constitution_editions = {"2026": "new", "2019": "old"}\n')
    assert result.status == 0, result.warnings
    assert result.main("new/index").select_one(".con-status") is None
    banner = result.main("old/index").select_one(".con-status-superseded")
    text = " ".join(banner.get_text(" ").split())
    assert text.startswith("Superseded. This edition is kept for reference; the current text is the 2026 edition")
    assert banner.select_one("a")["href"] == "../new/index.html"
    assert ("It was adopted on 1 May 2019." in text) == ("adopted-on" in old)


def test_a_comparison_of_an_unknown_edition_fails(build_snippet) -> None:
    page = "# Changes\n\n:::{edition-changes}\n:from: 2019\n:to: 2026\n:::\n"
    result = build_snippet(
        {"index": page}, conf=EDITIONS + 'constitution_editions = {"2026": "current"}\n', builder="dummy"
    )
    assert_fails_at(result, "index", 3, "unknown_edition", "no edition '2019' (editions: 2026)")


# -- clause numbers per edition ------------------------------------------------------------------------


DRAFT = ":::{status} draft\n:committee: Standards Committee\n:meeting: 2026-04-29\n:::\n"
SUPERSEDED = ":::{status} superseded\n:superseded-by: new/index\n:::\n"


def test_each_edition_has_its_own_clause_numbers_and_references(build_snippet) -> None:
    clause = ":::{{clause}} 6.7\n{}\n:::\n"
    result = build_snippet(
        {
            "index": "# Home\n\n```{toctree}\nnew/index\nold/index\n```\n\nSee {clause}`6.7`.\n",
            "new/index": f"# New\n\n{DRAFT}\n" + clause.format("New") + "\nSee {clause}`6.7` and {clause}`old:6.7`.\n",
            "old/index": f"# Old\n\n{SUPERSEDED}\n" + clause.format("Old") + "\nSee {clause}`6.7`.\n",
        },
        conf=EDITIONS + 'constitution_editions = {"new": "new", "old": "old"}\n',
    )
    assert result.status == 0, result.warnings
    assert result.main("index").select_one("a.reference[href*=clause]")["href"] == "new/index.html#clause-6-7"
    refs = [a["href"] for a in result.main("new/index").select("p a.reference[href*=clause]")]
    assert refs == ["#clause-6-7", "../old/index.html#clause-6-7"]
    assert result.main("old/index").select_one("p a.reference[href*=clause]")["href"] == "#clause-6-7"


def test_a_missing_clause_in_another_edition_says_which_edition(build_snippet) -> None:
    result = build_snippet(
        {
            "index": "# Home\n\n```{toctree}\nold/index\n```\n\nSee {clause}`old:6.8`.\n",
            "old/index": "# Old\n\n:::{clause} 6.7\nOld.\n:::\n",
        },
        conf=EDITIONS + 'constitution_editions = {"new": "new", "old": "old"}\n',
        builder="dummy",
    )
    assert_fails_at(result, "index", 7, "unknown_clause", "no clause numbered 6.8 in old")


# -- the comparison -----------------------------------------------------------------------------------


def head(site: Build, anchor: str) -> str:
    """An entry's label, as it reads: "Changed paragraph 1.2, was 1.1"."""
    return " ".join(entry(site, anchor).select_one(".con-change-head").get_text().split())


def test_the_comparison_shows_the_words_inserted_into_6_2(site: Build) -> None:
    change = entry(site, "change-6-2")
    assert head(site, "change-6-2") == "Changed paragraph 6.2"
    inserted = [" ".join(ins.get_text(" ").split()) for ins in change.find_all("ins")]
    assert any("Officers will do their best to comply with the timescale." in words for words in inserted)
    assert change.find("ins").select_one(".con-tracked-said").get_text() == "Inserted text: "  # read out
    assert "Members will state any deadline" not in " ".join(inserted), "unchanged words marked as inserted"


def test_the_comparison_marks_deletions_with_del(site: Build) -> None:
    change = entry(site, "change-1-2")
    first = change.find("del")
    assert " ".join(first.get_text(" ").split()) == "Deleted text: this protocol End of deleted text"


def test_the_comparison_pairs_renumbered_paragraphs_by_their_words(site: Build) -> None:
    assert head(site, "change-1-1") == "New paragraph 1.1"  # the new opening paragraph
    assert head(site, "change-1-2") == "Changed paragraph 1.2, was 1.1"
    assert head(site, "change-1-3") == "Renumbered paragraph 1.3, was 1.2; words unchanged"
    assert head(site, "change-1-5") == "Changed paragraph 1.5, was 1.4"
    assert entry(site, "change-1-3").select_one(".con-change-text") is None, "the same words shown again"


def test_a_new_or_removed_paragraph_is_a_labelled_block_of_plain_words(build_snippet) -> None:
    """Not a whole paragraph underlined (it reads as one long link) or struck through: a box whose label says
    "New" or "Removed" in words, then the words as they are."""
    result = build_snippet(SNIPPET_PAGES, conf=EDITIONS + 'constitution_editions = {"new": "new", "old": "old"}\n')
    assert result.status == 0, result.warnings
    main = result.main("changes")
    for anchor, label, words in [
        ("change-1-1", "New paragraph 1.1", "A wholly new opening paragraph."),
        ("removed-1-3", "Removed paragraph 1.3 of the old edition", "A paragraph the new edition drops."),
    ]:
        block = main.find(id=anchor)
        assert " ".join(block.select_one(".con-change-head").get_text().split()) == label
        assert block.select_one(".con-change-head .con-change-label").get_text() == label.split()[0]
        assert block.select_one(".con-change-text").get_text() == words
        assert block.select("ins, del") == [], f"{label}: its words are marked as inserted or deleted"
    changed = main.find(id="change-1-3")
    assert [m.name for m in changed.select(".con-change-text ins, .con-change-text del")] == ["del", "ins"]
    assert " ".join(main.select_one(".con-unchanged").get_text().split()) == "Unchanged: paragraph 1.4"
    css = (result.outdir / "_static" / "editions.css").read_text(encoding="utf-8")
    assert re.search(r"\.con-change-new,\s*\.con-change-removed \{[^}]*border:", css), "new and removed are boxed"


def test_the_comparison_shows_the_new_principles_page_and_sections_11_and_12(site: Build) -> None:
    """A page whose every part is new is one block that lists its parts, each linked to the page where its
    headings and lists are shown; its words are not repeated, flattened, in the comparison."""
    block = entry(site, "change-page-2a-principles-of-this-member-officer-relations-protocol")
    assert head(site, block["id"]).startswith("New page “2A Principles of this Member Officer Relations Protocol”")
    parts = block.select(".con-change-parts > li")
    assert len(parts) == 12 and parts[1]["id"] == "change-section-principle-1-ethical-conduct"
    assert parts[1].a["href"] == "../protocol/principles.html#protocol-principle-1"
    assert "Members and officers individually act with selflessness" not in block.get_text()
    assert block.select("ins, del") == []
    for number in ("11.1", "12.1"):
        assert head(site, f"change-{number.replace('.', '-')}") == f"New paragraph {number}"


def summary_counts(main: BeautifulSoup) -> dict[str, int]:
    """The summary's counts as the page shows them: {"Changed": 32, "New": 17, …}."""
    counts = {}
    for item in main.select("#changes-summary li"):
        kind, _colon, count = item.strong.get_text().partition(": ")
        counts[kind] = int(count)
    return counts


def test_the_comparison_starts_with_a_summary_whose_counts_are_the_entries_below(site: Build) -> None:
    """Counted from the page: each entry by its label, each run of unchanged paragraphs by the 2026 edition's
    clauses between its two ends (clauses.json); every clause of the 2026 edition is on the page exactly once."""
    main = site.main(CHANGES)
    assert main.select_one("section > section").get("id") == "changes-summary", "the summary is not first"
    counts = summary_counts(main)
    clauses = json.loads((site.outdir / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    order = [c["id"] for c in clauses if c["edition"] == "2026" and not c["page"].endswith("about-this-edition")]
    seen: list[str] = []  # the 2026 clauses the page accounts for, by anchor
    unchanged = 0
    for line in main.select(".con-unchanged"):
        ends = [a["href"].partition("#")[2] for a in line.select("a")]
        named = re.search(r"Unchanged: (\d+) paragraphs", line.get_text())
        if ends[0].startswith("clause-"):
            run = order[order.index(ends[0]) : order.index(ends[-1]) + 1]
            assert len(run) == (int(named[1]) if named else 1), line.get_text()
            if len(ends) == 2 and len(run) == 2:
                assert " and " in line.get_text()
            seen += run
            unchanged += len(run)
        else:
            unchanged += 1  # a section or table of a page without clauses
    entries = main.select(".con-change:not(.con-change-page), .con-change-parts > li")
    for kind, label in [("changed", "Changed"), ("removed", "Removed"), ("moved", "Moved")]:
        assert counts[label] == len(main.select(f".con-change-{kind}")), label
    renumbered = main.select(".con-change-renumbered")
    assert counts["Renumbered or retitled only"] == len(renumbered) == 2
    new = main.select(".con-change-new:not(.con-change-page), .con-change-parts > li")
    assert counts["New"] == len(new) == 17
    assert counts["Unchanged"] == unchanged == 53
    assert counts["Changed"] == 32 and counts["Removed"] == counts["Moved"] == 0
    for item in entries:
        link = item.select_one("a")["href"].partition("#")[2]
        if link.startswith("clause-") and "con-change-removed" not in item.get("class", []):
            seen.append(link)
    assert sorted(seen) == sorted(order), "a clause of the 2026 edition is missing from the page, or shown twice"
    assert len({e["id"] for e in entries}) == len(entries), "two entries share an id"
    listed = [a["href"] for a in main.select("#changes-summary li a")]  # each entry once, the new page as one
    assert sorted(listed) == sorted(f"#{block['id']}" for block in main.select(".con-change"))


def test_each_entry_links_to_its_paragraph(site: Build) -> None:
    base = site.outdir / f"{CHANGES}.html"
    for link in site.main(CHANGES).select(".con-change-head a, .con-change-parts a, .con-unchanged a"):
        page, _hash, anchor = urljoin(base.as_uri(), link["href"]).partition("#")
        target = BeautifulSoup(Path(page.removeprefix("file://")).read_text(encoding="utf-8"), "html.parser")
        assert not anchor or target.find(id=anchor) is not None, link["href"]


def test_the_comparison_is_a_pdf_too(pdfs: Build) -> None:
    reader = pypdf.PdfReader(pdfs.outdir / "member-officer-relations-protocol-changes.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert text.startswith("North East Derbyshire District Council Changes in the 2026 edition")
    assert "Changed paragraph 6.2 Members who wish to obtain information from employees" in text
    assert len(reader.pages) >= 5


def test_the_changes_pdf_prints_no_words_meant_for_screen_readers(pdfs: Build) -> None:
    """ "Deleted text:" … "End of inserted text" are read out on the website; on paper they ran into the changed
    words ("protocol reflectsEnd of deleted text"). The changed words stand apart, a space between each."""
    reader = pypdf.PdfReader(pdfs.outdir / "member-officer-relations-protocol-changes.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for cue in ("Deleted text", "Inserted text", "End of deleted", "End of inserted", "End of"):
        assert cue not in text, f"the PDF prints {cue!r}"
    assert (
        "Changed paragraph 1.5, was 1.4 The protocol reflects rules reflect good practice. It aims They aim to" in text
    )
    assert "Heading: 2 Principles Application" in text


def test_the_comparison_shows_a_changed_heading(site: Build) -> None:
    group = site.main(CHANGES).find(id="changes-2-application")
    note = group.select_one(".con-change-heading")
    assert note.find("del").get_text(" ", strip=True) == "Deleted text: Principles End of deleted text"
    assert note.find("ins").get_text(" ", strip=True) == "Inserted text: Application End of inserted text"
    assert site.main(CHANGES).find(id="changes-1-introduction").select_one(".con-change-heading") is None


def test_the_old_edition_is_a_pdf_that_says_it_is_superseded(pdfs: Build, site: Build) -> None:
    reader = pypdf.PdfReader(pdfs.outdir / "member-officer-relations-protocol-pre-2026.pdf")
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Superseded. This edition is kept for reference; the current text is the 2026 edition." in first
    assert "a roving commission" in " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    download = site.main(f"{OLD}/index").select_one(".pdf-download a")
    assert download["href"] == "../../pdf/member-officer-relations-protocol-pre-2026.pdf"


def test_each_edition_is_a_pdf_at_a_name_of_its_own_and_the_current_one_also_at_the_current_texts(
    pdfs: Build, site: Build
) -> None:
    current = (pdfs.outdir / "member-officer-relations-protocol.pdf").read_bytes()
    assert (pdfs.outdir / "member-officer-relations-protocol-2026.pdf").read_bytes() == current
    assert (site.outdir / "pdf/member-officer-relations-protocol-2026.pdf").is_file()
    download = site.main("protocol/index").select_one(".pdf-download a")
    assert download["href"] == "../pdf/member-officer-relations-protocol.pdf"  # the address readers have
    changes = site.main("editions/changes-2026").select_one(".pdf-download a")
    assert changes["href"] == "../pdf/member-officer-relations-protocol-changes.pdf"


def test_the_editors_comparison_is_found_at_the_pairs_address_and_from_the_old_edition(site: Build) -> None:
    forward = site.html("editions/compare/pre-2026-to-2026")
    assert forward.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../changes-2026.html"
    link = site.main(f"{OLD}/index").select_one(".con-compare-current a")
    assert (link.get_text(), link["href"]) == ("Compare with the current edition", "../changes-2026.html")
    listed = [(a.get_text(), a["href"]) for a in site.main("editions/index").select(".con-comparisons a")]
    assert listed == [("Changes from the pre-2026 edition to the 2026 edition", "changes-2026.html")]


def unit(label: str, text: str) -> Unit:
    """A clause for the pairing tests: only its number and words matter."""
    return Unit("clause", label, "page", f"clause-{label}", 0, text)


def test_pairing_prefers_words_over_numbers() -> None:
    older = [unit("1.1", "Alpha beta gamma delta."), unit("1.2", "Epsilon zeta eta theta iota.")]
    newer = [unit("1.1", "A wholly new opening paragraph."), unit("1.2", "Alpha beta gamma delta.")]
    newer.append(unit("1.3", "Epsilon zeta eta theta kappa."))
    kinds = [(c.kind, c.old, c.new) for c in compare(older, newer)]
    assert kinds == [("new", "", "1.1"), ("renumbered", "1.1", "1.2"), ("changed", "1.2", "1.3")]


def test_a_paragraph_that_moved_is_paired_and_said_to_have_moved() -> None:
    older = [unit("1", "First words here."), unit("2", "Second words here."), unit("3", "Third words here.")]
    newer = [unit("1", "Third words here."), unit("2", "First words here."), unit("3", "Second words here.")]
    kinds = [(c.kind, c.old, c.new) for c in compare(older, newer)]
    assert kinds == [("moved", "3", "1"), ("renumbered", "1", "2"), ("renumbered", "2", "3")]


def test_a_removed_paragraph_is_listed_where_it_stood() -> None:
    older = [unit("1", "Kept one."), unit("2", "Dropped entirely from the text."), unit("3", "Kept three.")]
    newer = [unit("1", "Kept one."), unit("2", "Kept three.")]
    assert [(c.kind, c.old, c.new) for c in compare(older, newer)] == [
        ("unchanged", "1", "1"),
        ("removed", "2", ""),
        ("renumbered", "3", "2"),
    ]


def test_a_paragraph_half_rewritten_pairs_and_one_wholly_rewritten_does_not() -> None:
    """At the likeness threshold: the sets' cheap bound (compare._Words) must not drop a pair difflib would make."""
    kept = "the Member must say why the documents are needed for the work"
    older = [unit("1", f"{kept} of a Member."), unit("2", "Mere curiosity is not sufficient, and never was.")]
    newer = [unit("1", f"{kept} they do, in writing, to the officer who holds them now.")]
    newer.append(unit("2", "Any officer may decline a request made without a reason given."))
    kinds = [(c.kind, c.old, c.new) for c in compare(older, newer)]
    assert kinds == [("changed", "1", "1"), ("new", "", "2"), ("removed", "2", "")]


def test_the_comparison_algorithm_runs_without_sphinx_or_docutils() -> None:
    blocked = "import sys; sys.modules.update(sphinx=None, docutils=None)"  # importing either now fails
    check = "from sphinx_constitution.model.editions.compare import Unit, compare; print(compare([], []))"
    ran = subprocess.run([sys.executable, "-c", f"{blocked}; {check}"], capture_output=True, text=True)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "[]\n", "")


# -- links that never lie -----------------------------------------------------------------------------


def test_a_clause_permalink_is_its_editions_permanent_address(site: Build) -> None:
    link = site.main("protocol/access-to-information").select_one("#clause-6-7 a.con-clause-link")
    assert link["href"] == "../editions/2026/access-to-information.html#clause-6-7"
    forward = _soup(site, "editions/2026/access-to-information.html")
    assert forward.select_one("link[rel=canonical]")["href"] == "../../protocol/access-to-information.html"
    script = forward.find("script")  # a file, not inline, so that a Content-Security-Policy lets it run
    assert script["src"].startswith("../../_static/forward.js?v=")
    assert script["data-forward-to"] == "../../protocol/access-to-information.html"
    forwards = (site.outdir / "_static/forward.js").read_text(encoding="utf-8")
    assert "location.hash" in forwards, "the forwarding page drops the #clause"
    old = site.main(f"{OLD}/access-to-information").select_one("#clause-6-7 a.con-clause-link")
    assert old["href"] == "#clause-6-7"  # an old edition is at its permanent address already


def test_every_page_of_the_current_edition_has_a_permanent_address(site: Build) -> None:
    current = sorted(p.name for p in (site.outdir / "protocol").glob("*.html"))
    assert sorted(p.name for p in (site.outdir / "editions/2026").glob("*.html")) == current


def _old_clause_ids(site: Build) -> dict[str, list[str]]:
    found = {}
    for path in sorted((site.outdir / OLD).glob("*.html")):
        found[path.stem] = [div["id"] for div in site.main(f"{OLD}/{path.stem}").select("div.con-clause[id]")]
    return found


def test_every_clause_of_the_old_edition_leads_to_the_current_clause_or_says_it_was_removed(site: Build) -> None:
    ids = _old_clause_ids(site)
    assert sum(len(v) for v in ids.values()) == 83
    for page, anchors in ids.items():
        main = site.main(f"{OLD}/{page}")
        base = (site.outdir / OLD / f"{page}.html").as_uri()
        for anchor in anchors:
            marker = main.find(id=anchor).select_one(":scope > .con-clause-body > .con-clause-change a")
            assert marker is not None, f"{OLD}/{page}#{anchor} does not say where it went"
            target, _hash, target_id = urljoin(base, marker["href"]).partition("#")
            html = BeautifulSoup(Path(target.removeprefix("file://")).read_text(encoding="utf-8"), "html.parser")
            found = html.find(id=target_id)
            assert found is not None, f"{page}#{anchor} leads to a missing {marker['href']}"
            if "/protocol/" in target:
                number = re.search(r"paragraph (\S+)$", marker.get_text()).group(1)
                assert found["data-clause"] == number
            else:
                assert "removed" in marker.get_text().lower() and target.endswith(f"{CHANGES}.html")


def test_the_old_6_2_leads_to_the_current_6_2(site: Build) -> None:
    marker = site.main(f"{OLD}/access-to-information").select_one("#clause-6-2 .con-clause-change a")
    assert marker.get_text() == "In the 2026 edition: paragraph 6.2"
    assert marker["href"] == "../../protocol/access-to-information.html#clause-6-2"


def test_changed_clauses_of_the_current_edition_link_to_their_comparison_entry(site: Build) -> None:
    main = site.main("protocol/access-to-information")
    marker = main.select_one("#clause-6-2 .con-clause-change a")
    assert marker.get_text() == "Changed since the pre-2026 edition"
    assert marker["href"] == "../editions/changes-2026.html#change-6-2"
    assert main.select_one("#clause-6-1 .con-clause-change") is None, "an unchanged clause is marked"
    assert "New in the 2026 edition" in site.main("protocol/statutory-officers").select_one("#clause-11-1").get_text()
    marked = site.main("protocol/introduction").select_one("#clause-1-3 .con-clause-change").get_text()
    assert marked == "Renumbered: was 1.2 in the pre-2026 edition"
