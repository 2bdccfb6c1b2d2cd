"""Cross-references read in place, in Chromium: a reference's preview by mouse, keyboard and screen reader, as WCAG
1.4.13 (content on hover or focus) asks: dismissible with Escape, hoverable, persistent; a plain link without
JavaScript; axe and HTML_CodeSniffer with a preview open. And each clause's "cited in", by keyboard and screen reader.
What the previews and the lists say is tested without a browser: test_previews.py, test_cited_in.py.

Uses test_browser.py's served site and browser, and test_accessibility.py's HTML_CodeSniffer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from browsing import (
    CLAUSE_PAGE,
    DESKTOP,
    PHONE,
    SCHEMES,
    accessibility_node,
    axe_violations,
    describe,
    goto,
    page_in_both_schemes,
    search,
    settle,
    sniff,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out

NOTES = "notes/members.html"  # cites a clause, a glossary term, a code and a principle
REFERENCES = {  # kind -> (the link on the notes page, the preview's first words)
    "clause": ("a.con-has-preview[href$='#clause-6-7']", "Paragraph 6.7, in 6 Members’ access to information"),
    "term": ("a.con-has-preview[href$='#term-Need-to-Know']", "Need to Know, in Glossary"),
    "code": ("a.con-has-preview[href$='#code-members-code']", "Members’ Code of Conduct, Code"),
    "principle": (
        "a.con-has-preview[href$='#principle-leadership']",
        "Leadership, principle 7 of the Seven Principles of Public Life",
    ),
}
LONGER_THAN_THE_HIDE_DELAY = 800  # ms; previews.js hides a preview 300 ms after the pointer and focus leave


def preview_of(page: Page, link: Locator) -> Locator:
    described_by = link.get_attribute("aria-describedby")
    assert described_by, "the link is not described by a preview"
    return page.locator(f"#{described_by}")


def clear_of(preview: Locator, link: Locator, width: int, height: int) -> bool:
    """Whether the preview is on screen and does not cover the link."""
    box, around = preview.bounding_box(), link.bounding_box()
    assert box and around
    on_screen = (
        box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
    )
    covers = box["y"] < around["y"] + around["height"] and around["y"] < box["y"] + box["height"]
    covers = covers and box["x"] < around["x"] + around["width"] and around["x"] < box["x"] + box["width"]
    return on_screen and not covers


def keyboard_focus(page: Page, link: Locator) -> None:
    """Put the focus on *link* as the keyboard does (so :focus-visible applies): from the element before it."""
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")


# -- by mouse ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notes_previews(browser: Browser, base_url: str) -> dict[str, dict[str, Any]]:
    """The notes page, loaded once at desktop size, read first as a screen reader finds it (each kind of reference's
    description and ``title``, before any preview has been shown), then each kind of reference hovered in turn: was
    its preview hidden before, what it says once shown, its role in Chromium's accessibility tree, whether it is on
    screen and clear of its link, and the page's address after. Between two kinds the pointer leaves and the
    preview is waited out of sight, so each hover starts as a fresh page's does. Five tests loaded the page in a
    window of their own for this: now one load serves them."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        goto(page, base_url + NOTES)
        described = {
            kind: {
                "heard": accessibility_node(page, selector),
                "title": page.locator(selector).first.get_attribute("title"),
            }
            for kind, (selector, _said) in REFERENCES.items()
        }
        hovered = {}
        for kind, (selector, _said) in REFERENCES.items():
            link = page.locator(selector).first
            preview = preview_of(page, link)
            hidden = not preview.is_visible()
            link.hover()
            preview.wait_for(state="visible")
            hovered[kind] = {
                "hidden before": hidden,
                "text": preview.inner_text(),
                "role": accessibility_node(page, f"#{preview.get_attribute('id')}")["role"],
                "clear": clear_of(preview, link, DESKTOP["width"], DESKTOP["height"]),
                "url": page.url,
            }
            page.mouse.move(5, 5)
            preview.wait_for(state="hidden")
        return {"described": described, "hovered": hovered}
    finally:
        context.close()


@pytest.mark.parametrize("kind", list(REFERENCES))
def test_hovering_a_reference_shows_its_target_beside_it_without_leaving_the_page(
    notes_previews: dict[str, dict[str, Any]], base_url: str, kind: str
) -> None:
    """(Hovered in :func:`notes_previews`.)"""
    seen = notes_previews["hovered"][kind]
    assert seen["hidden before"], f"{kind}: the preview was shown before the pointer came"
    assert seen["text"].startswith(REFERENCES[kind][1]), (kind, seen["text"])
    assert seen["role"] == "tooltip", kind
    assert seen["clear"], f"{kind}: the preview is off screen or covers its link"
    assert seen["url"] == base_url + NOTES, kind


def test_the_pointer_can_move_onto_the_preview_and_it_stays_until_the_pointer_leaves(
    open_page: Callable[..., Page], base_url: str
) -> None:
    """WCAG 1.4.13, hoverable and persistent."""
    page = open_page()
    goto(page, base_url + NOTES)
    link = page.locator(REFERENCES["clause"][0]).first
    preview = preview_of(page, link)
    link.hover()
    preview.wait_for(state="visible")
    page.wait_for_timeout(LONGER_THAN_THE_HIDE_DELAY)
    assert preview.is_visible(), "the preview went while the pointer was still on the link"
    box = preview.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 4, steps=8)  # across the gap, onto it
    page.wait_for_timeout(LONGER_THAN_THE_HIDE_DELAY)
    assert preview.is_visible(), "the preview went when the pointer moved onto it"
    page.mouse.move(5, 5, steps=4)
    preview.wait_for(state="hidden")


def test_escape_dismisses_the_preview_without_moving_the_pointer_or_the_focus(
    open_page: Callable[..., Page], base_url: str
) -> None:
    """WCAG 1.4.13, dismissible: it stays dismissed while the pointer rests there, and comes back once the pointer
    has left the link and returned."""
    page = open_page()
    goto(page, base_url + NOTES)
    page.locator("h1").click()  # the focus somewhere in the page, not on the link
    link = page.locator(REFERENCES["term"][0]).first
    preview = preview_of(page, link)
    link.hover()
    preview.wait_for(state="visible")
    focus = page.evaluate("document.activeElement.outerHTML")
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    page.wait_for_timeout(LONGER_THAN_THE_HIDE_DELAY)
    assert not preview.is_visible(), "the preview came back while the pointer rested on the link"
    assert page.evaluate("document.activeElement.outerHTML") == focus
    assert page.evaluate("document.querySelector(':hover:not(html, body)') !== null")
    page.mouse.move(5, 5)
    link.hover()
    preview.wait_for(state="visible")


# -- by keyboard and screen reader --------------------------------------------------------------------------------


def test_keyboard_focus_shows_the_preview_and_a_screen_reader_hears_it_as_the_link_s_description(
    open_page: Callable[..., Page], base_url: str
) -> None:
    page = open_page()
    goto(page, base_url + NOTES)
    link = page.locator(REFERENCES["clause"][0]).first
    preview = preview_of(page, link)
    keyboard_focus(page, link)
    preview.wait_for(state="visible")
    heard = accessibility_node(page, REFERENCES["clause"][0])
    assert heard["role"] == "link"
    assert heard["name"] == "paragraph 6.7"
    assert heard["description"].startswith("Paragraph 6.7, in 6 Members’ access to information")
    assert "no right to “a roving commission”" in heard["description"]
    assert " ".join(preview.inner_text().split()) == heard["description"]  # what is seen is what is heard
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.matches(\"a[href$='#clause-6-7']\")"), "Escape moved the focus"
    page.keyboard.press("Tab")
    page.wait_for_timeout(LONGER_THAN_THE_HIDE_DELAY)
    assert not preview.is_visible()


def test_a_screen_reader_hears_the_description_before_any_preview_is_shown(
    notes_previews: dict[str, dict[str, Any]],
) -> None:
    """Every link with a preview is described by it from the start, for each kind of reference, with its own words
    in place of the ``title`` (which would show the browser's own tooltip over the preview). (Read by
    :func:`notes_previews` before it hovers anything.)"""
    for kind, (selector, said) in REFERENCES.items():
        found = notes_previews["described"][kind]
        assert found["heard"]["description"].startswith(said), (selector, found["heard"])
        assert found["title"] is None, (selector, found["title"])


# -- without JavaScript -----------------------------------------------------------------------------------------


def test_without_javascript_a_reference_is_a_plain_link(open_page: Callable[..., Page], base_url: str) -> None:
    page = open_page(java_script_enabled=False)
    goto(page, base_url + NOTES)
    link = page.locator(REFERENCES["clause"][0]).first
    assert link.get_attribute("aria-describedby") is None
    assert link.get_attribute("title", timeout=1000).startswith("paragraph 6.7: ")  # as before
    link.hover()
    page.wait_for_timeout(LONGER_THAN_THE_HIDE_DELAY)
    assert page.get_by_role("tooltip").count() == 0
    assert not page.locator("template#con-previews").is_visible()
    assert "examine documents of the Council" not in page.locator("[role=main]").inner_text()  # 6.7's, not shown
    link.click()
    page.wait_for_url(f"{base_url}{CLAUSE_PAGE}#clause-6-7")


# -- accessibility checkers with a preview open, and phones ---------------------------------------------------------


@pytest.fixture(scope="module")
def problems_with_a_preview_open(browser: Browser, base_url: str, sniffer: str) -> dict[str, list[str]]:
    """axe's and HTML_CodeSniffer's findings on the notes page with a term's preview open, in light colours and in
    dark, by scheme: the page loaded once, the preview opened, and both engines run in both schemes
    (:func:`browsing.in_both_schemes`), put in once, where each scheme's test loaded the page and put both in. The
    preview must still be open after each run (a run that closed it would have checked the page without it)."""

    def check(page: Page, _url: str, first: bool) -> list[str]:
        link = page.locator(REFERENCES["term"][0]).first
        if first:
            link.hover()
            preview_of(page, link).wait_for(state="visible")
        problems = [describe(NOTES, violations)] if (violations := axe_violations(page, inject=first)) else []
        problems += [
            f"HTML_CodeSniffer {e['code']}: {e['message']} -- {e['element']}"
            for e in sniff(page, sniffer, inject=first)
        ]
        if not preview_of(page, link).is_visible():
            problems.append("the preview closed while the engines ran")
        return problems

    return page_in_both_schemes(browser, base_url + NOTES, check)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_and_html_codesniffer_pass_with_a_preview_open(
    problems_with_a_preview_open: dict[str, list[str]], scheme: str
) -> None:
    """(Checked by :func:`problems_with_a_preview_open`.)"""
    problems = problems_with_a_preview_open[scheme]
    assert not problems, f"{scheme}:\n" + "\n".join(problems)


def test_on_a_phone_keyboard_focus_shows_a_preview_that_fits_the_screen(
    open_page: Callable[..., Page], base_url: str
) -> None:
    page = open_page(viewport=PHONE, reduced_motion="reduce")  # the page scrolls to the focus at once
    goto(page, base_url + NOTES)
    for selector, _said in REFERENCES.values():
        link = page.locator(selector).first
        keyboard_focus(page, link)
        preview = preview_of(page, link)
        preview.wait_for(state="visible")
        settle(page)
        assert clear_of(preview, link, PHONE["width"], PHONE["height"]), selector
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    violations = axe_violations(page)
    assert not violations, describe(NOTES, violations)


# -- cited in ---------------------------------------------------------------------------------------------------


def test_a_clause_says_where_it_is_cited_by_keyboard_and_screen_reader(
    open_page: Callable[..., Page], base_url: str, sniffer: str
) -> None:
    """6.7's list opens from the keyboard, is heard as a button that expands, and leads to the exact places."""
    page = open_page()
    goto(page, base_url + CLAUSE_PAGE)
    summary = page.locator("#clause-6-7 > .con-clause-body > details > summary")
    selector = "#clause-6-7 > .con-clause-body > details > summary"
    closed = accessibility_node(page, selector)
    assert closed["name"] == "Paragraph 6.7 is cited in 2 places"
    assert closed["role"] == "DisclosureTriangle" and closed["properties"].get("expanded") is False
    keyboard_focus(page, summary)
    page.keyboard.press("Enter")
    places = page.locator("#clause-6-7 .con-cited-in-list a")
    places.first.wait_for(state="visible")
    assert accessibility_node(page, selector)["properties"].get("expanded") is True
    assert [(a.inner_text(), a.get_attribute("href")) for a in places.all()] == [
        ("The rules that matter most", "../notes/members.html#the-rules-that-matter-most"),
        ("Need to Know", "../glossary.html#term-Need-to-Know"),
    ]
    problems = [describe(CLAUSE_PAGE, violations)] if (violations := axe_violations(page)) else []
    problems += [f"HTML_CodeSniffer {e['code']}: {e['message']}" for e in sniff(page, sniffer)]
    assert not problems, "\n".join(problems)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "../glossary.html#term-Need-to-Know"
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary.html#term-Need-to-Know")
    assert page.evaluate("document.getElementById('term-Need-to-Know').matches(':target')")


# -- search -----------------------------------------------------------------------------------------------------


def test_search_finds_a_clause_s_words_on_its_own_page_not_in_the_pages_that_carry_its_preview(
    open_page: Callable[..., Page], base_url: str
) -> None:
    """6.7's words are in the previews of the notes and the glossary, which cite it, and in its "cited in" list the
    titles of those pages: neither is the page's own text, so neither is indexed."""
    page = open_page()
    results = search(page, base_url, "examine documents of the Council")
    assert [result[0].rpartition("#")[0] or result[0] for result in results] == ["/" + CLAUSE_PAGE], results
    results = search(page, base_url, "The rules that matter most")
    assert "/" + CLAUSE_PAGE not in [result[0] for result in results], results
