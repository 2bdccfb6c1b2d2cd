"""The text as it stood on a date (issue 22): ``{edition-on-a-date}`` lists each edition with its days in force, and its
form (or ``?date=`` on its address) reaches the edition in force on a day, at the paragraph of the page's ``#clause-``.

The fast tests build test_record's three small editions; the browser tests the real protocol with test_record_site's
third edition and a register dating all three, in Debian's Chromium, as a reader uses it, with and without
JavaScript, and in both accessibility checkers with an error shown.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING

import pytest
from browsing import WIDTHS, goto, problems_at
from conftest import Build, assert_warns_at, build_project, copy_project, sphinx_build
from test_record import CONF, REGISTER, pages

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Browser, Page

ON_A_DATE = "# The protocol on a date\n\n:::{edition-on-a-date}\n:::\n"


def build(build_snippet, conf: str = CONF) -> Build:
    found = pages()
    found["index"] = found["index"].replace("timeline", "timeline\non-a-date")
    return build_snippet({**found, "on-a-date": ON_A_DATE}, conf=conf, files={"src/decisions.toml": REGISTER})


@pytest.fixture(scope="module")
def on_a_date(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The lookup's project built once, for the tests that only read what the build wrote."""
    root = tmp_path_factory.mktemp("on-a-date")
    return build(functools.partial(build_project, root))


def test_without_javascript_each_edition_is_listed_with_its_days_in_force_and_linked(on_a_date: Build) -> None:
    result = on_a_date
    assert result.status == 0, result.warnings
    main = result.main("on-a-date")
    items = [" ".join(li.get_text().split()) for li in main.select(".con-on-a-date-editions li")]
    assert items == [
        "The 2027 edition: in force from 1 June 2027",
        "The 2026 edition: in force from 1 June 2026 to 31 May 2027",
        "The 2019 edition: in force from 15 May 2019 to 31 May 2026",
    ]
    links = [a["href"] for a in main.select(".con-on-a-date-editions a")]
    assert links == ["current/index.html", "editions/2026/index.html", "editions/2019/index.html"]
    form = main.select_one("form.con-on-a-date")
    assert form.has_attr("hidden"), "without its script the form could do nothing: it is hidden"
    assert form.select_one("label[for=con-on-a-date-day]").get_text() == "Date"
    assert result.html("on-a-date").find("script", src=lambda src: src and "on-a-date.js" in src)
    assert not result.html("timeline").find("script", src=lambda src: src and "on-a-date.js" in src)


def test_the_page_carries_each_editions_days_and_paragraphs_as_data(on_a_date: Build) -> None:
    result = on_a_date
    data = json.loads(result.main("on-a-date").select_one("script#con-on-a-date-data").string)
    assert [(e["id"], e["from"], e["until"]) for e in data["editions"]] == [
        ("2019", "2019-05-15", "2026-05-31"),
        ("2026", "2026-06-01", "2027-05-31"),
        ("2027", "2027-06-01", None),
    ]
    assert data["editions"][0]["clauses"]["clause-4"] == ["editions/2019/rules.html#clause-4", "paragraph 4"]
    assert "clause-4" not in data["editions"][1]["clauses"]  # the 2026 edition repealed it
    assert [(d["adopted"], d["in_force"]) for d in data["decisions"]][-1] == ("2027-05-19", "2027-06-01")


def test_the_lookup_without_a_register_is_a_warning_at_its_line(build_snippet) -> None:
    conf = CONF.replace('constitution_decisions_register = "decisions.toml"\n', "")
    result = build(build_snippet, conf)
    assert_warns_at(result, "on-a-date", 3, "[constitution.bad_decisions]", "needs constitution_decisions_register")


def test_a_second_lookup_on_a_page_is_a_warning_at_its_line(build_snippet) -> None:
    found = pages()
    found["index"] += "\n" + ON_A_DATE.partition("\n\n")[2] + "\n:::{edition-on-a-date}\n:::\n"
    result = build_snippet(found, conf=CONF, files={"src/decisions.toml": REGISTER})
    second = [n for n, line in enumerate(found["index"].splitlines(), 1) if line == ":::{edition-on-a-date}"][1]
    assert_warns_at(result, "index", second, "[constitution.bad_decisions]", "one edition-on-a-date a page")


def test_an_edited_register_rewrites_the_lookup(build_snippet, tmp_path) -> None:
    """No page read, only the register changed: the lookup shows the new days, as a clean build would."""
    assert build(build_snippet).status == 0
    (tmp_path / "src/decisions.toml").write_text(REGISTER.replace("2027-06-01", "2027-07-01"), encoding="utf-8")
    again = sphinx_build(tmp_path / "src", tmp_path / "out" / "html", "-b", "html")
    assert again.status == 0, again.warnings
    assert "The 2027 edition: in force from 1 July 2027" in again.main("on-a-date").get_text()


# -- in Chromium, on the real protocol with three editions ----------------------------------------------------------


@pytest.fixture(scope="module")
def html_dir(site: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The protocol with a third edition, a register dating all three, and the lookup at editions/on-a-date.

    The 2026 decision's effects are what the two real editions' comparison finds, read from the real site's
    clauses.json, as test_record_site reads them: one build of the three editions, where a first build with a
    register that dated nothing was made to read them (a register that disagrees with the editions is a warning)."""
    from test_record_site import effects_between, register, third_edition

    project = copy_project(tmp_path_factory.mktemp("on-a-date") / "project")
    third_edition(project)
    docs = project / "docs"
    listing = docs / "editions/index.md"
    listing.write_text(listing.read_text(encoding="utf-8").replace("timeline\n", "timeline\non-a-date\n"), "utf-8")
    (docs / "editions/on-a-date.md").write_text(ON_A_DATE, encoding="utf-8")
    (docs / "_data/decisions.toml").write_text(register(effects_between(site, "pre-2026", "2026")), "utf-8")
    built = sphinx_build(docs, project.parent / "html", "-n", "-b", "html", confdir=project)
    assert built.status == 0, built.warnings
    return built.outdir


def result_lines(page: Page) -> list[str]:
    return [" ".join(p.split()) for p in page.locator("#con-on-a-date-result p").all_inner_texts()]


@pytest.mark.site
def test_a_bookmarked_date_reaches_the_edition_then_in_force_at_the_paragraph(page: Page, base_url: str) -> None:
    goto(page, base_url + "editions/on-a-date.html?date=2025-11-01#clause-6-7")
    page.wait_for_url("**/editions/pre-2026/access-to-information.html#clause-6-7")
    assert page.locator("#clause-6-7").is_visible()
    page.go_back()
    assert "on-a-date" not in page.url, "the bookmark replaced itself: Back does not send the reader there again"


@pytest.mark.site
def test_the_form_sends_the_reader_to_the_edition_in_force_keeping_the_paragraph(page: Page, base_url: str) -> None:
    goto(page, base_url + "editions/on-a-date.html#clause-6-7")
    page.get_by_label("Date").fill("2026-07-01")
    page.get_by_role("button", name="Show the text in force").click()
    page.wait_for_url("**/editions/2026/access-to-information.html#clause-6-7")
    goto(page, base_url + "editions/on-a-date.html#clause-6-7")
    page.get_by_label("Date").fill("2027-06-01")  # the first day of the current edition: its living address
    page.get_by_role("button", name="Show the text in force").click()
    page.wait_for_url("**/protocol/access-to-information.html#clause-6-7")


@pytest.mark.site
def test_a_day_when_a_decision_was_adopted_but_not_in_force_gives_the_edition_then_and_says_so(
    page: Page, base_url: str
) -> None:
    goto(page, base_url + "editions/on-a-date.html?date=2027-05-25#clause-6-7")
    status = page.get_by_role("status")
    assert status.get_by_role("link").get_attribute("href") == "2026/access-to-information.html#clause-6-7"
    assert result_lines(page) == [
        "On 25 May 2027 the 2026 edition was in force (from 1 June 2026 to 31 May 2027).",
        "The decision of Annual Council adopted on 19 May 2027 was not yet in force that day (from 1 June 2027).",
        "Read paragraph 6.7 as it stood then",
    ]
    assert page.url.endswith("on-a-date.html?date=2027-05-25#clause-6-7")


@pytest.mark.site
def test_a_paragraph_the_edition_did_not_have_is_told_and_the_edition_linked(page: Page, base_url: str) -> None:
    goto(page, base_url + "editions/on-a-date.html?date=2026-07-01#clause-6-13")
    assert result_lines(page) == [
        "On 1 July 2026 the 2026 edition was in force (from 1 June 2026 to 31 May 2027).",
        "The 2026 edition has no paragraph 6.13.",
        "Read the 2026 edition",
    ]
    assert page.get_by_role("status").get_by_role("link").get_attribute("href") == "2026/index.html"


@pytest.mark.site
def test_a_day_before_the_first_edition_is_an_error_at_the_field(page: Page, base_url: str) -> None:
    goto(page, base_url + "editions/on-a-date.html#clause-6-7")
    field = page.get_by_label("Date")
    field.fill("2010-01-01")
    page.get_by_role("button", name="Show the text in force").click()
    said = "Error: There is no edition before the first, in force from 20 May 2015: enter that day or a later one."
    assert " ".join(page.locator("#con-on-a-date-error").inner_text().split()) == said
    assert field.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "con-on-a-date-day"
    described = page.locator("#con-on-a-date-day").evaluate(
        "e => e.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent)"
    )
    assert any("no edition before the first" in text for text in described), "a screen reader hears the error"
    assert page.url.endswith("on-a-date.html#clause-6-7")
    field.fill("")
    page.get_by_role("button", name="Show the text in force").click()
    assert "Enter a date, for example 1 November 2025." in page.locator("#con-on-a-date-error").inner_text()


@pytest.mark.site
def test_without_javascript_the_form_is_hidden_and_the_editions_are_listed(
    open_page: Callable[..., Page], base_url: str
) -> None:
    page = open_page(java_script_enabled=False)
    goto(page, base_url + "editions/on-a-date.html?date=2025-11-01#clause-6-7")
    assert page.url.endswith("on-a-date.html?date=2025-11-01#clause-6-7")
    assert not page.locator("form.con-on-a-date").is_visible()
    listed = page.locator(".con-on-a-date-editions li").all_inner_texts()
    assert [" ".join(text.split()) for text in listed] == [
        "The 2027 edition: in force from 1 June 2027",
        "The 2026 edition: in force from 1 June 2026 to 31 May 2027",
        "The pre-2026 edition: in force from 20 May 2015 to 31 May 2026",
    ]
    page.get_by_role("link", name="The pre-2026 edition").click()
    page.wait_for_url("**/editions/pre-2026/index.html")


ERROR_SHOWN = ("editions/on-a-date.html?date=2010-01-01", "editions/on-a-date.html?date=2027-05-25#clause-6-7")


@pytest.fixture(scope="module")
def lookup_checked(browser: Browser, base_url: str, sniffer: str) -> list[str]:
    """Both engines' findings on the lookup with each error shown, at every width the site is checked at, light and
    dark: each address loaded once and resized and switched through them all, as tests/test_accessibility.py checks
    every page (where each width's test loaded them again)."""
    context = browser.new_context(reduced_motion="reduce")
    try:
        return problems_at(context.new_page(), base_url, list(ERROR_SHOWN), sniffer, WIDTHS)
    finally:
        context.close()


@pytest.mark.site
@pytest.mark.parametrize("width", WIDTHS)
def test_the_lookup_with_an_error_shown_passes_both_checkers(lookup_checked: list[str], width: int) -> None:
    """At every width the site is checked at, light and dark: this width's findings of one check of both addresses at
    every width (:func:`lookup_checked`)."""
    found = [line for line in lookup_checked if line.startswith(f"{width}px ")]
    assert not found, "\n".join(found)
