"""The page as GOV.UK would lay it out (issue 14, item 2), read in Chromium as a reader meets it: the council named at
the top of every page, titles that say where a link leads, the home page's cards as headings with one link, a table's
caption as its title, links told apart from text without colour, and one strong focus style for every control. (The
Tab order that follows the screen is tested in tests/test_browser.py, on its round of Tab stops on a phone.)

Each test was run against the site as it was before (``BROWSER_TEST_SITE`` set to that build) and failed there; the
README's "The page's look" gives the figures before and after. Needs what tests/test_browser.py needs.
"""

from __future__ import annotations

import re
import runpy
from typing import TYPE_CHECKING, Any

import pytest
from browsing import (
    CLAUSE_PAGE,
    DESKTOP,
    PHONE,
    SCHEMES,
    TABLES_PAGE,
    contrast,
    goto,
    in_both_schemes,
    page_in_both_schemes,
    visible_pages,
)
from conftest import ROOT

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out

CONF = runpy.run_path(str(ROOT / "conf.py"))
COUNCIL, COUNCIL_URL = CONF["constitution_council_name"], CONF["constitution_council_url"]


# -- every page, at a phone's width and a desktop's: each loaded once for the tests that read it ----------------------

PLACES = """() => {
  const at = (a) => a && new URL(a.href, location.href).pathname;
  const text = (e) => e && e.textContent.replace(/[¶\\s]+/g, " ").trim();
  const brand = document.querySelector(".sidebar-brand");
  const first = document.querySelector(".sidebar-tree a.reference");
  const next = document.querySelector(".related-pages a.next-page");
  return {
    h1: text(document.querySelector("[role=main] h1")), here: location.pathname, title: document.title,
    brand: [text(brand), at(brand)], first: [text(first), at(first)],
    next: next && [text(next.querySelector(".title")), at(next)],
  };
}"""
# How far the page scrolls sideways, and which Do/Don't tables are wider than their column or the window.
OVERFLOW = """() => {
  const doc = document.documentElement;
  const tables = [...document.querySelectorAll("table.con-dodont")]
    .filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1 || t.getBoundingClientRect().right > innerWidth + 1)
    .map((t) => t.id);
  return {sideways: doc.scrollWidth - doc.clientWidth, tables};
}"""
CAPTIONS = """() => [...document.querySelectorAll("[role=main] table")].filter((t) => t.caption).map((t) => {
  const size = (e) => parseFloat(getComputedStyle(e).fontSize);
  const cells = [...t.querySelectorAll("td, th")].filter((c) => c.checkVisibility());
  return {caption: t.caption.querySelector(".caption-text").textContent.trim(), size: size(t.caption),
          weight: parseInt(getComputedStyle(t.caption).fontWeight), cells: Math.max(...cells.map(size))};
})"""

# Each element's link, box in the window, and whether it is visible as Playwright's ``is_visible`` has it (a box of
# some size, not ``visibility: hidden``): read in one call, where the locator's own methods find the elements again
# by role and name for each (a fifth of the walk's time).
SEEN = """(elements) => elements.map((e) => {
  const r = e.getBoundingClientRect();
  const visible = r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden";
  return {href: e.getAttribute("href"), visible, box: {x: r.x, y: r.y, width: r.width, height: r.height}};
})"""


WINDOWS = {"320px": PHONE, "1280px": DESKTOP}  # the windows every page is read in


def facts_of(page: Page) -> dict[str, Any]:
    """What the tests below assert on a page, as it is now: the links in its banner named as the council (found by
    role and name, as a screen reader finds them), its <title>, the places its words lead to, how far it scrolls
    sideways, and its tables' captions (each with the number of tables that bear it as their accessible name)."""
    council = page.get_by_role("banner").get_by_role("link", name=COUNCIL, exact=True).evaluate_all(SEEN)
    captions = page.evaluate(CAPTIONS)
    for found in captions:
        found["tables"] = page.get_by_role("table", name=found["caption"], exact=True).count()
    return {
        "council": council,
        "title": page.title(),
        "places": page.evaluate(PLACES),
        "overflow": page.evaluate(OVERFLOW),
        "captions": captions,
    }


def walk(browser: Browser, base_url: str, names: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """Each page named, loaded at 320 x 640 and read (:func:`facts_of`), then each loaded at 1280 x 800 and read: by
    width (``"320px"``, ``"1280px"``), then by name.

    Four tests read every page at a phone's width or a desktop's, and one the Appendix at both: each loaded its pages
    in a window of its own, 36 pages four times (the fourth, the sideways check, was in test_browser.py), 148 loads
    in six windows. Here one window loads each page once at each width, 72 loads, and each test asserts on what
    those loads showed: a fresh load at the same width as before, read once for all of them."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        walked: dict[str, dict[str, dict[str, Any]]] = {}
        for width, viewport in WINDOWS.items():
            page.set_viewport_size(viewport)
            walked[width] = {}
            for name in names:
                goto(page, base_url + name)
                walked[width][name] = facts_of(page)
        return walked
    finally:
        context.close()


@pytest.fixture(scope="module")
def every_page(browser: Browser, base_url: str, html_dir: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every page a reader sees, each loaded once at a phone's width and once at a desktop's (:func:`walk`)."""
    return walk(browser, base_url, visible_pages(html_dir))


# -- the council, on every page -------------------------------------------------------------------------------------


def council_missing(walked: dict[str, dict[str, Any]], viewport: dict[str, int]) -> list[str]:
    """Each page whose banner has no one visible link named as the council to its website, at the top of the screen
    (its top quarter) and inside the window's width."""
    missing = []
    for name, facts in walked.items():
        council = facts["council"]  # each link named as the council in the banner
        box = council[0]["box"] if len(council) == 1 and council[0]["visible"] else None
        if box is None or council[0]["href"] != COUNCIL_URL:
            missing.append(f"{name}: no link named {COUNCIL!r} to {COUNCIL_URL} in the banner")
        elif (
            box["y"] < 0
            or box["y"] + box["height"] > viewport["height"] / 4
            or box["x"] + box["width"] > viewport["width"]
        ):
            missing.append(f"{name}: the council's name is not at the top of the screen ({box})")
    return missing


@pytest.mark.parametrize("width", list(WINDOWS))
def test_every_page_names_the_council_above_the_fold_with_a_link_to_its_website(
    every_page: dict[str, dict[str, dict[str, Any]]], width: str
) -> None:
    """The council's name is in the page's banner, on screen as the page opens, and leads to the council's site.
    (Each page as :func:`walk` read it at this width.)"""
    missing = council_missing(every_page[width], WINDOWS[width])
    assert len(every_page[width]) >= 20
    assert not missing, f"at {width}:\n" + "\n".join(missing[:10])


def test_the_walk_finds_a_council_link_that_is_hidden_or_below_the_top_of_the_screen(
    open_page: Callable[..., Page], base_url: str
) -> None:
    """The walk reads the council's link in one call (:data:`SEEN`) where the test used Playwright's ``is_visible``
    and ``bounding_box``: a link hidden, or pushed down the page, on a real page is reported as they reported it."""
    page = open_page()
    goto(page, base_url + CLAUSE_PAGE)
    assert not council_missing({CLAUSE_PAGE: facts_of(page)}, DESKTOP)
    link = "document.querySelector('.con-masthead-link').style"
    page.evaluate(f"{link}.position = 'relative'; {link}.top = '400px'")
    assert council_missing({CLAUSE_PAGE: facts_of(page)}, DESKTOP)[0].startswith(
        f"{CLAUSE_PAGE}: the council's name is not at the top of the screen"
    )
    page.evaluate(f"{link}.top = '0'; {link}.visibility = 'hidden'")
    assert council_missing({CLAUSE_PAGE: facts_of(page)}, DESKTOP) == [
        f"{CLAUSE_PAGE}: no link named {COUNCIL!r} to {COUNCIL_URL} in the banner"
    ]


# -- phones: nothing scrolls sideways ---------------------------------------------------------------------------------


def test_no_page_scrolls_sideways_on_a_320px_phone(every_page: dict[str, dict[str, dict[str, Any]]]) -> None:
    """WCAG 1.4.10: at 320 CSS pixels no page scrolls sideways, and no Do/Don't table is wider than its column.
    (Each page as :func:`walk` loaded it at 320 x 640.)"""
    problems = [
        f"320px: {name}: {facts['overflow']}"
        for name, facts in every_page["320px"].items()
        if facts["overflow"]["sideways"] > 0 or facts["overflow"]["tables"]
    ]
    assert len(every_page["320px"]) >= 20
    assert not problems, "\n".join(problems)


# -- titles: a link's words say where it leads ------------------------------------------------------------------------


def test_the_home_page_the_protocol_and_the_navigation_have_titles_of_their_own(
    every_page: dict[str, dict[str, dict[str, Any]]],
) -> None:
    """The words that lead to the home page (its title, the site's name) and those that lead to the protocol (its
    title, the first item of the navigation, the home page's "Next" link) are not the same words; each page's
    <title> is its own, and ends with the council's name. (Each page as :func:`walk` read it at 1280 x 800.)"""
    desktop_pages = every_page["1280px"]
    home, protocol = desktop_pages["index.html"]["places"], desktop_pages["protocol/index.html"]["places"]
    named: dict[str, set[str]] = {}
    for words, where in (
        (home["h1"], home["here"]),
        tuple(home["brand"]),
        tuple(home["first"]),
        tuple(home["next"]),
        (protocol["h1"], protocol["here"]),
    ):
        named.setdefault(words, set()).add(where.removesuffix("index.html"))
    assert all(len(places) == 1 for places in named.values()), f"one name for several pages: {named}"
    assert home["brand"][0] == home["h1"], "the site's name, which leads home, is not the home page's title"
    assert home["first"] == home["next"] == [protocol["h1"], protocol["here"]]
    titles: dict[str, str] = {}
    for name, facts in desktop_pages.items():
        title = facts["title"]
        if not name.startswith("editions/pre-2026/"):  # an older edition's sections repeat the current ones' titles
            titles.setdefault(title, name)
            assert titles[title] == name, f"{name} and {titles[title]} have one <title>: {title}"
        assert title.endswith(f" - {COUNCIL}"), f"{name}: the title does not end with the council's name"


# -- the home page's cards ------------------------------------------------------------------------------------------


def test_each_card_on_the_home_page_is_a_heading_with_one_link(open_page: Callable[..., Page], base_url: str) -> None:
    page = open_page()
    goto(page, base_url + "index.html")
    cards = page.locator("[role=main] .sd-card")
    assert cards.count() >= 6
    for card in cards.all():
        links = card.get_by_role("link")
        heading = card.get_by_role("heading", level=2)
        assert links.count() == 1, f"a card with {links.count()} links: {card.inner_text()!r}"
        assert heading.count() == 1, f"a card whose title is not a heading: {card.inner_text()!r}"
        assert heading.get_by_role("link").count() == 1, "the card's link is not its heading's"
        assert links.first.inner_text().strip() == heading.inner_text().strip()
    # The whole card is clickable still: a click on its words follows its one link.
    target = cards.first.get_by_role("link").get_attribute("href")
    words = cards.first.locator(".sd-card-text").bounding_box()
    assert words
    page.mouse.click(words["x"] + words["width"] / 2, words["y"] + words["height"] / 2)
    page.wait_for_url(f"**/{target}")


# -- tables ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", list(WINDOWS))
def test_a_tables_caption_is_its_title(every_page: dict[str, dict[str, dict[str, Any]]], width: str) -> None:
    """The caption names the table for a screen reader, and looks like a title: bold, and no smaller than the cells.
    (The Appendix as :func:`walk` read it at this width.)"""
    captions = every_page[width][TABLES_PAGE]["captions"]
    assert len(captions) == 3, f"{width}: {captions}"
    for found in captions:
        assert found["tables"] == 1, f"{width}: {found['caption']}"
        assert found["size"] >= found["cells"], f"{width}: caption {found['size']}px, cells {found['cells']}px: {found}"
        assert found["weight"] >= 600, f"{width}: {found}"


# -- links ----------------------------------------------------------------------------------------------------------

UNDERLINES = """() => {
  const rgba = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const over = (top, under) => {  // a colour with alpha laid over an opaque one
    const [r, g, b, a = 1] = rgba(top), [R, G, B] = rgba(under);
    return `rgb(${r * a + R * (1 - a)}, ${g * a + G * (1 - a)}, ${b * a + B * (1 - a)})`;
  };
  const behind = (e) => {  // what the text stands on, layers laid over the page's colour
    const layers = [];
    for (let p = e; p; p = p.parentElement) layers.unshift(getComputedStyle(p).backgroundColor);
    return layers.reduce((under, top) => (rgba(top)[3] === 0 ? under : over(top, under)), "rgb(255, 255, 255)");
  };
  return [...document.querySelectorAll("[role=main] :is(p, li, td, dd) a[href]")]
    .filter((a) => !a.matches(".con-clause-link, .headerlink") && a.checkVisibility())
    .map((a) => {
      const s = getComputedStyle(a);
      return {text: a.textContent.trim(), line: s.textDecorationLine, colour: s.textDecorationColor,
              thickness: s.textDecorationThickness, background: behind(a)};
    });
}"""


LINK_PAGES = [CLAUSE_PAGE, TABLES_PAGE, "glossary.html", "notes/members.html"]


@pytest.fixture(scope="module")
def underlines(browser: Browser, base_url: str) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The links in the text of each of :data:`LINK_PAGES` and their underlines (:data:`UNDERLINES`), at desktop
    size in light colours and in dark: by scheme, then page. Each page loaded once in one window and read in both
    schemes (:func:`browsing.in_both_schemes`), where each scheme's test loaded the four pages in a window of its
    own."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        found = in_both_schemes(
            page, [base_url + name for name in LINK_PAGES], lambda page, _url, _first: page.evaluate(UNDERLINES)
        )
    finally:
        context.close()
    return {scheme: {url.removeprefix(base_url): v for url, v in by_url.items()} for scheme, by_url in found.items()}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_links_in_the_text_are_told_apart_by_an_underline_that_stands_out(
    underlines: dict[str, dict[str, list[dict[str, Any]]]], scheme: str
) -> None:
    """WCAG 1.4.1: a link is not told apart from the words around it by colour alone. Its underline stands out from
    what it is drawn on by at least 3:1, as a control must (WCAG 1.4.11). (Each page as :func:`underlines` read it.)"""
    faint = []
    for name, links in underlines[scheme].items():
        assert len(links) >= 3, f"{scheme}: {name}"
        for link in links:
            ratio = contrast(link["colour"], link["background"])
            if "underline" not in link["line"] or ratio < 3 or link["thickness"] in ("0px", "0"):
                faint.append(f"{name}: {link['text']!r} underline {link['line']} {link['colour']} ({ratio:.2f}:1)")
    assert not faint, f"{scheme}:\n" + "\n".join(faint[:10])


# -- focus ----------------------------------------------------------------------------------------------------------

# One of each kind of thing the keyboard reaches, on a protocol page at desktop size.
FOCUSABLE = {
    "text link": "[role=main] p a.reference.internal",
    "clause permalink": "a.con-clause-link",
    "button": "button.con-sidebar-search-button",
    "theme button": ".theme-toggle-content button.theme-toggle",
    "navigation link": ".sidebar-tree a.reference",
    "search box": "input.sidebar-search",
    "council's link": ".con-masthead-link",
    "next page": ".related-pages a.next-page",
}

FOCUS_LOOK = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow,
          background: s.backgroundColor, text: s.color, page: getComputedStyle(document.body).backgroundColor,
          height: e.getBoundingClientRect().height};
}"""


def _strong_parts(look: dict[str, Any]) -> list[tuple[str, float]]:
    """The parts of a focus indicator at least 2px thick, with their contrast against the page."""
    parts = []
    if not re.search(r"rgba\([^)]*, 0\)", look["background"]) and look["background"] != look["page"]:
        parts.append(("background", contrast(look["background"], look["page"])))
    for colour, y, spread in re.findall(r"(rgba?\([^)]*\)) -?\d+px (-?\d+)px \d+px (\d+)px", look["shadow"]):
        if abs(int(y)) + int(spread) >= 2:
            parts.append((f"shadow {colour}", contrast(colour, look["page"])))
    return parts


@pytest.fixture(scope="module")
def focus_looks(browser: Browser, base_url: str) -> dict[str, dict[str, Any]]:
    """On a protocol page at desktop size, with reduced motion, each of :data:`FOCUSABLE` focused by keyboard and
    its look read (:data:`FOCUS_LOOK`), in light colours and in dark: by scheme, the looks by kind, the kinds not on
    the page, and those the keyboard did not focus. The page loaded once and read in both schemes
    (:func:`browsing.in_both_schemes`), where each scheme's test loaded it."""

    def read(page: Page, _url: str, _first: bool) -> dict[str, Any]:
        looks, missing, astray = {}, [], []
        for kind, selector in FOCUSABLE.items():
            if not page.locator(selector).count():
                missing.append(kind)
                continue
            element = page.locator(selector).first
            element.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")  # by keyboard, so that :focus-visible applies
            if not page.evaluate("(e) => e === document.activeElement", element.element_handle()):
                astray.append(kind)
                continue
            looks[kind] = page.evaluate(FOCUS_LOOK)
        return {"looks": looks, "missing": missing, "astray": astray}

    return page_in_both_schemes(browser, base_url + CLAUSE_PAGE, read)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_kind_of_control_shows_the_same_strong_focus(focus_looks: dict[str, dict[str, Any]], scheme: str) -> None:
    """A text link, a clause's permalink, a button, a navigation link, the search box... each shows its focus in one
    style, and a part of it at least 2px thick stands out from the page by at least 3:1 (WCAG 2.4.7, 1.4.11). (The
    page as :func:`focus_looks` read it.)"""
    looks, missing, astray = (focus_looks[scheme][key] for key in ("looks", "missing", "astray"))
    assert not astray, f"{scheme}: Shift+Tab, Tab did not come back to {astray}"
    styles = {kind: (look["outline"], look["shadow"], look["background"], look["text"]) for kind, look in looks.items()}
    assert len(set(styles.values())) == 1, f"{scheme}: focus is shown in more than one way:\n" + "\n".join(
        f"{kind}: {style}" for kind, style in styles.items()
    )
    for kind, look in looks.items():
        parts = _strong_parts(look)
        assert any(ratio >= 3 for _part, ratio in parts), (
            f"{scheme}: {kind}: no part of its focus stands out 3:1: {parts}"
        )
        assert contrast(look["text"], look["background"]) >= 4.5, (
            f"{scheme}: {kind}: its text is hard to read when focused"
        )
    assert not missing, f"not on the page: {missing}"


# -- sub-items, at every width --------------------------------------------------------------------------------------

DEEP_PAGE = "protocol/employee-code-of-conduct.html"  # 4.1, its sub-item 4.1(2), and that one's 4.1(2)(i)
NESTING = ["clause-4-1", "clause-4-1-2", "clause-4-1-2-i"]
# From the narrowest phone that must reflow (WCAG 1.4.10) to a wide desktop; 640 and 656 straddle the phone layout's
# edge (40em), 375 is a common phone, 768 and 1024 tablets.
WIDTHS = [320, 375, 414, 480, 560, 640, 656, 768, 900, 1024, 1280, 1440, 1600, 1920]
EDGES = """(ids) => ids.map((id) => {
  const clause = document.getElementById(id);
  const number = clause.querySelector(":scope > .con-clause-label").getBoundingClientRect();
  const text = clause.querySelector(":scope > .con-clause-body > :first-child").getBoundingClientRect();
  return {number: number.left, text: text.left};
})"""


def test_a_sub_item_is_indented_under_its_clause_at_every_width(open_page: Callable[..., Page], base_url: str) -> None:
    """A sub-item's number and text start to the right of its clause's, and a nested one's further still, so that
    (2) reads as part of 4.1, not as the paragraph after it; at 320 px nothing scrolls sideways (WCAG 1.4.10)."""
    page = open_page(viewport=PHONE)
    goto(page, base_url + DEEP_PAGE)
    wrong, measured = [], {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        edges = page.evaluate(EDGES, NESTING)
        measured[width] = [(round(e["number"]), round(e["text"])) for e in edges]
        for outer, inner, name in zip(edges, edges[1:], NESTING[1:], strict=False):
            if not inner["number"] >= outer["text"] - 0.5 or not inner["number"] >= outer["number"] + 12:
                wrong.append(f"{width}px: {name}'s number is not indented under its clause's text")
            if not inner["text"] >= outer["text"] + 12:
                wrong.append(f"{width}px: {name}'s text is not indented from its clause's text")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wrong.append(f"{width}px: the page scrolls sideways by {overflow}px")
    assert not wrong, "\n".join(wrong) + f"\n(number, text) left edges of {NESTING}: {measured}"
