"""The legal record on the real protocol: its two editions and a third made here, with a register of the decisions
that made them (issue 22's "done when").

The third edition substitutes 6.7, inserts 6.13 and repeals 9.6 (the paragraphs after it renumbered). The council
has not yet given the dates and minutes of its own decisions, so the register here is synthetic: the 2026 decision's
effects are what the comparison of the two real editions finds, read from the real site's clauses.json.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import feedparser
import pytest
from browsing import WIDTHS, problems_at, served
from conftest import Build, copy_project, sphinx_build
from sphinx_constitution.model.editions.compare import Unit, compare
from sphinx_constitution.model.editions.record import _facts, _suggest
from sphinx_constitution.outputs.search import workspace

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser

pytestmark = pytest.mark.site

NEW_6_7 = (
    "A Member's right to inspect a document depends on the Member showing that they need to see it to carry out "
    "their duties as a councillor. The officer who holds the document decides, with the Monitoring Officer's advice."
)
NEW_6_13 = "Officers keep a record of the documents a Member asks to see, and of the reasons given."
PAIR_PAGES = ["editions/compare/2026-to-2027.html", "editions/compare/pre-2026-to-2027.html"]  # the build made them


def effects_between(site: Build, older: str, newer: str) -> list[str]:
    """What changed between two real editions, as the register's effects, from the comparison of their clauses."""
    clauses = json.loads((site.outdir / "clauses.json").read_text(encoding="utf-8"))["clauses"]

    def units(edition: str) -> list[Unit]:
        return [
            Unit("clause", c["number"], c["page"], c["id"], n, c["text"])
            for n, c in enumerate(clauses)
            if c["edition"] == edition and not c["page"].endswith("/index")
        ]

    # each as the build's own message suggests it for a change no decision names
    return [f"    {_suggest(fact)}," for fact in sorted(_facts(compare(units(older), units(newer))))]


DECISION_2027 = """\
[[decision]]
id = "council-2027-05-19"
kind = "decision"
by = "Annual Council"
minute = "Minute 8 (2027/28)"
adopted = 2027-05-19
in_force = 2027-06-01
edition = "2027"
effects = [
    { clause = "6.7", change = "substituted" },
    { clause = "6.13", change = "inserted" },
    { clause = "9.6", change = "repealed" },
    { clause = "9.6", change = "renumbered", was = "9.7" },
    { clause = "9.7", change = "renumbered", was = "9.8" },
    { clause = "9.8", change = "renumbered", was = "9.9" },
]
"""


def register(effects_2026: list[str]) -> str:
    return (
        f"""\
[[decision]]
id = "council-2015-05-20"
kind = "decision"
by = "Council"
adopted = 2015-05-20
in_force = 2015-05-20
edition = "pre-2026"

[[decision]]
id = "council-2026-05-20"
kind = "decision"
by = "Annual Council"
minute = "Minute 12 (2026/27)"
adopted = 2026-05-20
in_force = 2026-06-01
edition = "2026"
effects = [
{chr(10).join(effects_2026)}
]

"""
        + DECISION_2027
    )


def third_edition(project: Path) -> None:
    """The 2026 edition kept at its permanent address, and a 2027 edition in protocol/."""
    docs = project / "docs"
    # Moved as written: its labels and principles' listing are the 2026 edition's without an edit (README, Status
    # and editions).
    shutil.copytree(docs / "protocol", docs / "editions/2026")
    index = docs / "editions/2026/index.md"
    text = index.read_text(encoding="utf-8")
    start, end = text.index(":::{status}"), text.index(":::\n", text.index(":::{status}") + 3) + 4
    index.write_text(text[:start] + ":::{status} superseded\n:::\n" + text[end:], encoding="utf-8")
    editions = docs / "editions/index.md"
    editions.write_text(
        editions.read_text(encoding="utf-8").replace("pre-2026/index\n", "2026/index\npre-2026/index\ntimeline\n"),
        encoding="utf-8",
    )
    (docs / "editions/timeline.md").write_text("# Timeline\n\n:::{edition-timeline}\n:::\n", encoding="utf-8")
    current = docs / "protocol/index.md"
    text = current.read_text(encoding="utf-8")
    start, end = text.index(":::{status}"), text.index(":::\n", text.index(":::{status}") + 3) + 4
    current.write_text(text[:start] + ":::{status} adopted\n:::\n" + text[end:], encoding="utf-8")
    access = docs / "protocol/access-to-information.md"
    text = access.read_text(encoding="utf-8")
    start = text.index(":::{clause} 6.7\n") + len(":::{clause} 6.7\n")
    text = text[:start] + NEW_6_7 + text[text.index("\n:::", start) :]
    access.write_text(text.rstrip("\n") + f"\n\n:::{{clause}} 6.13\n{NEW_6_13}\n:::\n", encoding="utf-8")
    publicity = docs / "protocol/publicity-and-correspondence.md"
    text = publicity.read_text(encoding="utf-8")
    start = text.index(":::{clause} 9.6\n")
    text = text[:start] + text[text.index(":::\n", start + 16) + 4 :].lstrip("\n")
    for old, new in (("9.7", "9.6"), ("9.8", "9.7"), ("9.9", "9.8")):
        text = text.replace(f":::{{clause}} {old}\n", f":::{{clause}} {new}\n")
    publicity.write_text(text, encoding="utf-8")
    conf = project / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(
            'constitution_editions = {"2026": "protocol", "pre-2026": "editions/pre-2026"}',
            'constitution_editions = {"2027": "protocol", "2026": "editions/2026", "pre-2026": "editions/pre-2026"}\n'
            'constitution_decisions_register = "docs/_data/decisions.toml"\n'
            'html_baseurl = "https://protocol.example.gov.uk/"',
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def three_editions(site: Build, tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("record") / "project")
    third_edition(project)
    (project / "docs/_data/decisions.toml").write_text(register(effects_between(site, "pre-2026", "2026")), "utf-8")
    return sphinx_build(project / "docs", project.parent / "html", "-n", "-b", "html", confdir=project)


def test_the_register_agrees_with_three_editions_of_the_protocol(three_editions: Build) -> None:
    assert three_editions.status == 0, three_editions.warnings


def test_6_7_shows_both_changes_with_their_decisions(three_editions: Build) -> None:
    details = three_editions.main("protocol/access-to-information").find(id="clause-6-7").select_one(".con-history")
    lines = [" ".join(li.get_text(" ").split()) for li in details.select("li")]
    assert details.summary.get_text() == "History of paragraph 6.7: 2 changes"
    assert lines[0].startswith("Substituted, 2027 edition: decision of Annual Council, 19 May 2027")
    assert lines[1].split(", 2026 edition: ")[1].startswith("decision of Annual Council, 20 May 2026")
    # the 2026 change is shown in place on the published comparison of the two real editions
    links = [a["href"] for a in details.find_all("a", string="See the change.")]
    assert links[1] == "../editions/changes-2026.html#change-6-7"


def test_the_text_on_a_date_before_2026_is_the_pre_2026_editions(three_editions: Build) -> None:
    versions = json.loads((three_editions.outdir / "versions.json").read_text(encoding="utf-8"))
    day = date(2025, 11, 1)
    in_force = [
        e
        for e in versions["editions"]
        if date.fromisoformat(e["in_force_from"]) <= day
        and (e["in_force_until"] is None or day <= date.fromisoformat(e["in_force_until"]))
    ]
    assert [e["id"] for e in in_force] == ["pre-2026"]
    assert in_force[0]["url"] == "editions/pre-2026/index.html"
    banner = three_editions.main("editions/pre-2026/index").select_one(".con-status-in-force")
    assert banner.get_text() == "In force from 20 May 2015 to 31 May 2026."


def test_the_feed_lists_each_decision(three_editions: Build) -> None:
    parsed = feedparser.parse((three_editions.outdir / "changes.atom").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title.split(":")[0] for e in parsed.entries] == [
        "Decision of Annual Council, 19 May 2027",
        "Decision of Annual Council, 20 May 2026",
        "Decision of Council, 20 May 2015",
    ]
    head = three_editions.html("protocol/index").find("link", type="application/atom+xml")
    assert head["href"] == "../changes.atom"


def test_every_pair_of_editions_can_be_compared(three_editions: Build) -> None:
    listed = {a.get_text(): a["href"] for a in three_editions.main("editions/index").select(".con-comparisons a")}
    assert listed == {
        "Changes from the 2026 edition to the 2027 edition": "compare/2026-to-2027.html",
        "Changes from the pre-2026 edition to the 2026 edition": "changes-2026.html",  # the editors' own page
        "Changes from the pre-2026 edition to the 2027 edition": "compare/pre-2026-to-2027.html",
    }
    forward = three_editions.html("editions/compare/pre-2026-to-2026")
    assert forward.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../changes-2026.html"
    latest = three_editions.main("editions/compare/2026-to-2027")
    assert latest.h1.contents[0].strip() == "Changes from the 2026 edition to the 2027 edition"
    assert {"change-6-7", "change-6-13"} <= {entry["id"] for entry in latest.select(".con-change")}
    levels = [int(h.name[1]) for h in latest.select("h1, h2, h3, h4, h5, h6")]
    assert levels.count(1) == 1 and all(b - a <= 1 for a, b in pairwise(levels)), levels  # as every page's
    page = three_editions.html("editions/compare/2026-to-2027")
    assert page.select_one("[role=banner]") and page.select_one(".sidebar-tree")  # the council's band, navigation
    since = three_editions.main("editions/compare/pre-2026-to-2027")
    assert {"change-6-2", "change-6-7", "change-6-13"} <= {entry["id"] for entry in since.select(".con-change")}
    staged = workspace(three_editions.outdir) / "pages"  # what search indexes
    assert (staged / "editions/changes-2026.html").is_file() is False and (staged / "protocol").is_dir()
    assert not (staged / "editions/compare").exists(), "left out of search, as editions/* is"
    for edition in ("2026", "pre-2026"):
        link = three_editions.main(f"editions/{edition}/index").select_one(".con-compare-current a")
        assert link["href"] == f"../compare/{edition}-to-2027.html"


def test_6_7s_2027_change_links_a_comparison_that_shows_it(three_editions: Build) -> None:
    details = three_editions.main("protocol/access-to-information").find(id="clause-6-7").select_one(".con-history")
    links = [a["href"] for a in details.find_all("a", string="See the change.")]
    assert links[0] == "../editions/compare/2026-to-2027.html#change-6-7"
    shown = three_editions.main("editions/compare/2026-to-2027").find(id="change-6-7")
    assert NEW_6_7.split()[-1].rstrip(".") in shown.get_text()  # the 2027 words are there


@pytest.fixture(scope="module")
def pairs_browser(three_editions: Build, chromium_browser: Browser) -> Iterator[tuple[str, Browser, list[str]]]:
    """The three editions' site served, and the run's one Chromium (browsing.py's ``chromium_browser``) for every
    width's check of it; the requests it could not answer."""
    failures: list[str] = []
    with served(three_editions.outdir, failures) as url:
        yield url, chromium_browser, failures


@pytest.fixture(scope="module")
def pairs_checked(pairs_browser: tuple[str, Browser, list[str]], sniffer: str) -> tuple[list[str], list[str]]:
    """Both engines' findings on the pairs' pages at every width, light and dark, each page loaded once and resized
    and switched through them all as tests/test_accessibility.py checks every page (where each width's test loaded
    them again); and the requests the server could not answer meanwhile."""
    url, browser, failures = pairs_browser
    failures.clear()
    context = browser.new_context(reduced_motion="reduce")
    try:
        report = problems_at(context.new_page(), url, PAIR_PAGES, sniffer, WIDTHS)
    finally:
        context.close()
    return report, list(failures)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_pairs_own_page_passes_axe_and_html_codesniffer(
    pairs_checked: tuple[list[str], list[str]], width: int
) -> None:
    """A pair's page is made from the domains, not a source, and is as accessible as every page, at every width the
    site is checked at, light and dark (tests/test_accessibility.py checks the site's, whose one pair is the editors'
    page): this width's findings of one check of both pages at every width (:func:`pairs_checked`)."""
    report, failures = pairs_checked
    found = [line for line in report if line.startswith(f"{width}px ")]
    assert not found, "\n".join(found)
    assert not failures, failures
