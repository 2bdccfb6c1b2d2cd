"""The reader's experience, proved in a real browser: accessibility, keyboard, phones, search, copy link,
print, valid HTML.

The real site (the ``site`` fixture: built once per session) is served on 127.0.0.1 and read by Debian's
Chromium, driven by Playwright. One browser serves the whole module; tests share pages where they can.
Needs: ``/usr/bin/chromium`` (``apt-get install chromium``), the Python packages in requirements.txt,
and for the HTML check Java 17+ and npm (vnu-jar is installed into ``_build/node``); ``nox -s site``
installs them. Without one of them the tests fail, saying what is missing: none is ever skipped.

Screenshots for a person to look at are written to ``_build/screenshots/``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browsing import (
    CLAUSE_PAGE,
    DESKTOP,
    NESTED_PAGE,
    NODE,
    PHONE,
    SCHEMES,
    SCREENSHOTS,
    SEARCH_ANSWERED,
    TABLES_PAGE,
    ZOOM_200,
    axe_violations,
    contrast,
    describe,
    goto,
    in_both_schemes,
    npm_install,
    search,
    served,
    settle,
    tab_through,
    unavailable,
    until_still,
    visible_pages,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import Build
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out


# -- accessibility: axe-core (every page, at every width, in two engines: test_accessibility.py) --------------


PHONE_PAGES = [
    f"{CLAUSE_PAGE}#clause-6-7",  # a highlighted clause (:target)
    TABLES_PAGE,
    "glossary.html#term-Monitoring-Officer",
    "search.html?q=roving+commission",
]


@pytest.fixture(scope="module")
def phone_violations(browser: Browser, base_url: str) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """axe's violations on each of :data:`PHONE_PAGES` at 320 x 640, in light and in dark colours: by scheme, then
    page. Each page is loaded once, in one window with reduced motion (no smooth scroll, one layout), and checked in
    both schemes (:func:`browsing.in_both_schemes`) with axe put in once: 4 loads and 4 of axe's 500 kB scripts where
    each test loaded its page in a window of its own, 8 of each."""

    def check(page: Page, url: str, first: bool) -> list[dict[str, Any]]:
        if first and "search.html" in url:
            page.wait_for_selector(".con-search-result a[href*='#clause-6-7']")
        if first:
            settle(page)  # a half-finished smooth scroll can leave a permalink half under the fixed header
        return axe_violations(page, inject=first)

    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        found = in_both_schemes(page, [base_url + url for url in PHONE_PAGES], check)
    finally:
        context.close()
    return {scheme: {url.removeprefix(base_url): v for url, v in by_url.items()} for scheme, by_url in found.items()}


@pytest.mark.parametrize("url", PHONE_PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_in_light_and_dark_mode_has_no_accessibility_violations(
    phone_violations: dict[str, dict[str, list[dict[str, Any]]]], url: str, scheme: str
) -> None:
    """The phone layout (Do/Don't cards, the header) and the dark colours, with a clause highlighted. (Each page as
    :func:`phone_violations` loaded it once and checked it in both schemes.)"""
    violations = phone_violations[scheme][url]
    assert not violations, f"320px {scheme}:\n" + describe(url, violations)


# -- keyboard ---------------------------------------------------------------------------------------


# Every control a reader can see: buttons, form fields, and the fields that a visible <label> operates
# (the theme's icons and chevrons are labels for hidden checkboxes).
CONTROLS = """() => {
  const all = [...document.querySelectorAll("*")];
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    return e.checkVisibility({visibilityProperty: true}) && r.width > 0 && r.height > 0;
  };
  const controls = new Set(
    [...document.querySelectorAll("button, select, textarea, input:not([type=hidden]), [role=button]")].filter(shown)
  );
  for (const label of document.querySelectorAll("label[for]")) {
    const field = document.getElementById(label.htmlFor);
    if (field && shown(label)) controls.add(field);
  }
  return [...controls].map((e) => [all.indexOf(e), (e.labels?.[0] || e).outerHTML.slice(0, 120)]);
}"""


def test_the_skip_link_is_the_first_stop_and_reaches_the_content(page: Page, base_url: str) -> None:
    goto(page, base_url + CLAUSE_PAGE)
    page.keyboard.press("Tab")
    skip = page.locator("*:focus")
    assert skip.inner_text().strip() == "Skip to content"
    until_still(page)  # it slides in
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "the skip link is not on screen when it has focus"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('[role=main]') !== null")
    assert inside, "after the skip link, Tab did not go to the page's own content"
    assert page.evaluate("document.activeElement.matches('a.con-clause-link[href$=\"#clause-6-1\"]')")


# Where the page shows its "Previous" and "Next" links: their top (from the page's top) and left edges.
RELATED = """() => Object.fromEntries([...document.querySelectorAll(".related-pages a")].map((a) => {
  const r = a.getBoundingClientRect();
  return [a.classList.contains("prev-page") ? "previous" : "next", [r.top + scrollY, r.left]];
}))"""
TAB_WINDOWS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def tab_rounds(browser: Browser, base_url: str) -> dict[str, dict[str, Any]]:
    """A page of nested clauses, loaded at desktop size and at a phone's (in one window, with reduced motion, for
    which the site has no transitions and no smooth scrolling: where the focus ends up, not where it slides from),
    and a round of Tab on each: by window, its
    clause permalinks, its controls (:data:`CONTROLS`), where it shows "Previous" and "Next" (:data:`RELATED`), and
    every Tab stop in order (:func:`browsing.tab_through`). Three tests read these rounds; the phone's round was
    made twice, once for tests/test_layout.py's "Previous before Next", which is here now to share it."""
    context = browser.new_context(reduced_motion="reduce")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        rounds = {}
        for which, viewport in TAB_WINDOWS.items():
            page.set_viewport_size(viewport)
            goto(page, base_url + NESTED_PAGE)
            rounds[which] = {
                "permalinks": page.eval_on_selector_all(
                    "a.con-clause-link", "els => els.map(e => e.getAttribute('href'))"
                ),
                "controls": page.evaluate(CONTROLS),
                "related": page.evaluate(RELATED),
                "stops": tab_through(page, limit=400),
            }
        return rounds
    finally:
        context.close()


@pytest.mark.parametrize("which", list(TAB_WINDOWS))
def test_tab_reaches_every_control_with_visible_focus_and_a_name(
    tab_rounds: dict[str, dict[str, Any]], which: str
) -> None:
    """Every clause permalink and every button is reached by Tab, shows its focus and has a name;
    no Tab stop is off screen (a closed drawer's links are not stops). (The round :func:`tab_rounds` made.)"""
    permalinks, controls, stops = (tab_rounds[which][key] for key in ("permalinks", "controls", "stops"))
    reached = {s["href"] for s in stops}
    assert len(permalinks) > 20
    assert not [h for h in permalinks if h not in reached], f"{which}: clause permalinks that Tab never reaches"
    keys = {s["key"] for s in stops}
    assert not [html for key, html in controls if key not in keys], f"{which}: controls that Tab never reaches"
    assert not [s["what"] for s in stops if not s["focusShown"]], f"{which}: Tab stops with no visible focus indicator"
    assert not [s["what"] for s in stops if not s["onScreen"]], f"{which}: Tab stops that are off screen"
    nameless = [s["what"] for s in stops if not re.search(r'"[^"]*\w[^"]*"', s["name"])]
    assert not nameless, f"{which}: Tab stops without an accessible name"
    if which == "phone":
        assert any("nav-overlay-icon" in s["cls"] for s in stops), "the menu (navigation drawer) is not a Tab stop"


def test_tab_reaches_previous_before_next_as_a_phone_shows_them(tab_rounds: dict[str, dict[str, Any]]) -> None:
    """Tab follows the screen: furo wrote "Next" before "Previous" (README, The page's look). (The phone's round
    :func:`tab_rounds` made; this test was tests/test_layout.py's, which loaded the page and went round it again.)"""
    seen = tab_rounds["phone"]["related"]
    reading = sorted(seen, key=lambda name: seen[name])  # top to bottom, then left to right
    stops = [s["cls"] for s in tab_rounds["phone"]["stops"] if "-page" in s["cls"]]
    order = ["previous" if "prev-page" in cls else "next" for cls in stops]
    assert reading == ["previous", "next"], f"the page shows them as {reading}: {seen}"
    assert order == reading, f"Tab reaches {order}; the screen shows {reading}"


def test_the_menu_opens_from_the_keyboard_on_a_phone(open_page: Callable[..., Page], base_url: str) -> None:
    page = open_page(viewport=PHONE)
    goto(page, base_url + NESTED_PAGE)
    assert not page.locator(".sidebar-drawer a.reference").first.is_visible()
    menu = page.get_by_role("button", name="Site navigation")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    link = page.locator(".sidebar-drawer a.reference", has_text="Glossary")
    link.wait_for(state="visible")
    until_still(page)  # the drawer slides in
    box = link.bounding_box()
    inside = page.evaluate("document.activeElement.closest('.sidebar-drawer') !== null")
    expanded = menu.get_attribute("aria-expanded")
    page.keyboard.press("Escape")
    until_still(page)  # and out
    closed_focus = page.evaluate("document.activeElement.classList.contains('nav-overlay-icon')")
    closed = not link.is_visible()
    assert expanded == "true"
    assert box and 0 <= box["x"] < PHONE["width"], "the opened menu's links are not on screen"
    assert inside, "opening the menu did not move the focus into it"
    assert closed and closed_focus, "Escape did not close the menu and return the focus to its button"


# The properties of the transitions running on the page now (asking brings its style up to date first, so one that
# a press has just started is among them).
MOVING = "() => document.getAnimations().map((animation) => animation.transitionProperty).sort()"
# Each element that glides to a place when it is scrolled to one (``scroll-behavior: smooth``: the page itself,
# furo's navigation list), by its tag and classes.
GLIDING = """() => [...document.querySelectorAll("*")].filter((e) => getComputedStyle(e).scrollBehavior === "smooth")
  .map((e) => [e.localName, ...e.classList].join("."))"""


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_the_menu_and_the_skip_link_slide_in_only_where_the_reader_has_not_asked_for_less_motion(
    open_page: Callable[..., Page], base_url: str, motion: str
) -> None:
    """On a phone, the menu opened and the skip link reached by Tab: where the reader's system asks for less motion,
    each is in place at once, and the page and its lists jump to a place rather than glide; where it does not, the
    menu slides in, the skip link slides down and the scrolling glides, as furo has them."""
    page = open_page(viewport=PHONE, reduced_motion=motion)
    goto(page, base_url + NESTED_PAGE)
    gliding = page.evaluate(GLIDING)
    page.keyboard.press("Tab")
    skip = page.evaluate(MOVING)
    page.get_by_role("button", name="Site navigation").click()
    menu = page.evaluate(MOVING)
    box = page.locator(".sidebar-drawer").bounding_box()
    if motion == "reduce":
        assert skip == [] and menu == [], f"the skip link moves {skip}; the menu moves {menu}"
        assert box and box["x"] == 0, f"the menu is not in place at once: {box}"
        assert gliding == [], f"these glide when scrolled: {gliding}"
    else:
        assert skip == ["transform"] and "left" in menu, f"the skip link moves {skip}; the menu moves {menu}"
        assert {"html", "div.sidebar-scroll"} <= set(gliding), f"these glide when scrolled: {gliding}"


def test_focus_is_visible_on_screen(page: Page, base_url: str) -> None:
    """The focus indicator really shows: the pixels round a control change when it takes focus."""
    goto(page, base_url + NESTED_PAGE)
    for selector in ("a.con-clause-link[href$='#clause-7-5-1']", ".sidebar-search", "a.skip-to-content"):
        element = page.locator(selector).first
        element.scroll_into_view_if_needed()
        page.evaluate("document.activeElement && document.activeElement.blur()")
        element.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        until_still(page)  # the skip link slides in
        box = element.bounding_box()
        clip = {
            "x": max(box["x"] - 6, 0),
            "y": max(box["y"] - 6, 0),
            "width": box["width"] + 12,
            "height": box["height"] + 12,
        }
        focused = page.screenshot(clip=clip)
        page.evaluate("document.activeElement.blur()")
        until_still(page)  # the skip link slides away
        assert page.screenshot(clip=clip) != focused, f"{selector}: focus changes nothing on screen"


# Clause 6.7 is in the top third of the window, and has not moved since the last frame (the theme
# scrolls smoothly).
SCROLLED_TO_6_7 = """() => {
  const top = document.getElementById("clause-6-7").getBoundingClientRect().top;
  const still = window.lastTopOf67 === top;
  window.lastTopOf67 = top;
  return still && top >= 0 && top < innerHeight / 3;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_following_a_clause_reference_scrolls_to_and_highlights_the_clause(
    open_page: Callable[..., Page], base_url: str, scheme: str
) -> None:
    page = open_page(viewport=DESKTOP, color_scheme=scheme)
    goto(page, base_url + "notes/members.html")
    page.click("article a[href$='access-to-information.html#clause-6-7']")
    page.wait_for_url("**/access-to-information.html#clause-6-7")
    page.wait_for_function(SCROLLED_TO_6_7)
    look = page.evaluate(
        """() => {
          const c = document.getElementById("clause-6-7");
          const body = c.querySelector(".con-clause-body");
          const page = getComputedStyle(document.body).backgroundColor;
          const s = getComputedStyle(c);
          return {target: c.matches(":target"), ring: s.outlineStyle, ringWidth: parseFloat(s.outlineWidth),
                  ringColour: s.outlineColor, tint: getComputedStyle(body).backgroundColor,
                  text: getComputedStyle(body.querySelector("p")).color, page};
        }"""
    )
    page.keyboard.press("Tab")
    next_stop = page.evaluate("document.activeElement.getAttribute('href')")
    assert look["target"]
    assert look["tint"] != look["page"], "the highlighted clause has no tint"
    assert look["ring"] == "solid" and look["ringWidth"] >= 2
    assert contrast(look["ringColour"], look["page"]) >= 3, "the highlight ring is too faint (WCAG 1.4.11)"
    assert contrast(look["text"], look["tint"]) >= 4.5, "the highlighted text is hard to read"
    assert next_stop.endswith("#clause-6-7"), "the keyboard does not continue from the clause"


# -- phones and zoom --------------------------------------------------------------------------------

# No page scrolls sideways at 320 px: tests/test_layout.py reads it from its walk of every page at that width.


# What a reader of a zoomed page would notice: how far it scrolls sideways, how many blocks of text cut theirs off,
# the smallest text, the fixed header's height, and the text column's width.
ZOOMED = """() => {
  const doc = document.documentElement;
  const main = document.querySelector("[role=main]");
  const texts = [...main.querySelectorAll("p, li, td, dt, dd, caption")];
  const clipped = texts.filter(
    (e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible");
  const sizes = texts.filter((e) => e.checkVisibility()).map((e) => parseFloat(getComputedStyle(e).fontSize));
  const smallest = Math.min(...sizes);
  const header = document.querySelector(".mobile-header");
  return {sideways: doc.scrollWidth - doc.clientWidth, clipped: clipped.length, smallest,
          header: header.checkVisibility() ? header.getBoundingClientRect().height : 0,
          mainWidth: main.getBoundingClientRect().width};
}"""
ZOOMED_PAGES = [NESTED_PAGE, TABLES_PAGE, "glossary.html", "index.html"]


@pytest.fixture(scope="module")
def zoomed(browser: Browser, base_url: str) -> dict[str, dict[str, Any]]:
    """Each of :data:`ZOOMED_PAGES` loaded in turn in one 1280 x 800 window zoomed to 200% (640 x 400 CSS pixels), and
    measured (:data:`ZOOMED`): by page. Each page's test loaded it in a window of its own."""
    context = browser.new_context(viewport=ZOOM_200)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        found = {}
        for name in ZOOMED_PAGES:
            goto(page, base_url + name)
            found[name] = page.evaluate(ZOOMED)
        return found
    finally:
        context.close()


@pytest.mark.parametrize("name", ZOOMED_PAGES)
def test_text_reflows_and_stays_readable_at_200_percent_zoom(zoomed: dict[str, dict[str, Any]], name: str) -> None:
    """A 1280 x 800 window zoomed to 200%: no sideways scrolling, text no smaller, nothing cut off,
    and the fixed header leaves most of the screen for the text. (The page as :func:`zoomed` loaded it.)"""
    found = zoomed[name]
    assert found["sideways"] == 0, name
    assert found["clipped"] == 0, name
    assert found["smallest"] >= 14, f"{name}: text smaller than 14 CSS px at 200% zoom"
    assert found["header"] <= ZOOM_200["height"] / 4, f"{name}: the header takes more than a quarter of the screen"
    assert found["mainWidth"] >= 0.8 * ZOOM_200["width"] - 80, f"{name}: the text column does not use the width"


# -- search -----------------------------------------------------------------------------------------


PLACES_SEARCHED = [
    ("roving commission", "/protocol/access-to-information.html#clause-6-7"),  # a phrase from a clause
    ("include particular options", "/protocol/cabinet-and-committee-chairs.html#clause-7-5-1"),  # a sub-item
    ("Need to Know", "/glossary.html#term-Need-to-Know"),  # a glossary term
    ("Monitoring Officer", "/glossary.html#term-Monitoring-Officer"),
    ("openness", "/protocol/principles.html#principle-openness"),  # a Nolan principle
]
NOTHING = "xylophone"
SUPERSEDED = "DETR Publicity Code 2001"  # only in the old edition's 9.4


@pytest.fixture(scope="module")
def searched(browser: Browser, base_url: str) -> dict[str, dict[str, Any]]:
    """Each query the tests below ask, searched in turn as a reader searches (:func:`browsing.search`, from the home
    page's search box) in one window: its results, what the status line says, and how many results are listed. Each
    test searched in a window of its own, which loaded the site's styles and Pagefind's index and WebAssembly
    afresh for each query; here the window is one, and each search still starts from the home page."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        found = {}
        for query in [query for query, _place in PLACES_SEARCHED] + [NOTHING, SUPERSEDED]:
            results = search(page, base_url, query)
            status = page.locator("#con-search-status").inner_text()
            found[query] = {"results": results, "status": status, "listed": page.locator(".con-search-result").count()}
        return found
    finally:
        context.close()


@pytest.mark.parametrize(("query", "place"), PLACES_SEARCHED)
def test_search_lists_the_place_among_the_first_results(
    searched: dict[str, dict[str, Any]], query: str, place: str
) -> None:
    """(Searched by :func:`searched`, in the window it shares with the other queries.)"""
    results = searched[query]["results"]
    first = [link for result in results[:3] for link in result]
    assert place in first, f"{query!r}: not in the first three results: {results[:3]}"


def test_a_search_result_opens_the_clause(page: Page, base_url: str) -> None:
    search(page, base_url, "roving commission")
    status = page.locator("#con-search-status")
    assert status.get_attribute("role") == "status"  # read out by screen readers
    assert "2 pages match" in status.inner_text()
    page.click(".con-search-result a[href$='#clause-6-7']")
    page.wait_for_url("**/access-to-information.html#clause-6-7")
    assert page.evaluate("document.getElementById('clause-6-7').matches(':target')")
    assert "roving commission" in page.locator("#clause-6-7").inner_text()


SEARCHED_CLAUSES = """# Home

:::{clause} 6.7
Members have a roving commission to look at papers.
:::

::::{clause} 7.5
The chair decides.

:::{clause} (3)
The agenda may include particular options.
:::
::::
"""


def places_found(build: Build, browser: Browser, *queries: str) -> dict[str, list[list[str]]]:
    """For each query, the places the search page lists under its results, as [address, name], on the built snippet
    served over HTTP as a host would."""
    failures: list[str] = []
    found = {}
    with served(build.outdir, failures) as url:
        page = browser.new_page()
        page.set_default_timeout(10_000)
        for query in queries:
            page.goto(f"{url}search.html?q={query.replace(' ', '+')}")
            page.wait_for_function("/match|Nothing/.test(document.getElementById('con-search-status').textContent)")
            found[query] = page.eval_on_selector_all(
                ".con-search-result li a", "links => links.map(a => [a.getAttribute('href'), a.textContent])"
            )
        page.close()
    return found


def test_search_finds_clauses_under_a_project_s_own_anchor_prefix(build_snippet, browser: Browser) -> None:
    """With ``constitution_clause_id_prefix = "para"`` a clause's anchor is ``#para-6-7``: search links a hit to it,
    named as the project names it, a sub-item included (the index says which ids are clauses and what each is
    called; the script works neither out of the ids)."""
    conf = (
        'extensions.append("sphinx_constitution.outputs.search")\n'
        'constitution_clause_id_prefix = "para"\nconstitution_clause_reference_prefix = "section"\n'
    )
    build = build_snippet({"index": SEARCHED_CLAUSES}, conf=conf)
    assert build.status == 0, build.warnings
    found = places_found(build, browser, "roving commission", "particular options")
    assert found["roving commission"] == [["/index.html#para-6-7", "section 6.7"]], found
    assert found["particular options"] == [["/index.html#para-7-5-3", "section 7.5(3)"]], found


OWN_PRINCIPLES = """
title = "The principles of conduct of Northshire"
source = "Northshire Council, Members' Code of Conduct, Part 1"

[[principle]]
id = "frank"
name = "Candour"
text = "Members say plainly what they know."
"""

PLACES_PAGE = """# Home

:::{principles}
:::

```{glossary}
Proper Officer
  The officer the council appoints to carry out a statutory function.
```
"""


def test_search_names_principles_and_terms_as_the_index_does(build_snippet, browser: Browser) -> None:
    """A principle is named as its set names it ("Candour"), not after its id ("frank"), and a term as written: the
    index says which ids are places and what each is called, whatever their anchors' prefixes."""
    conf = 'extensions.append("sphinx_constitution.outputs.search")\nconstitution_principles = "principles.toml"\n'
    build = build_snippet({"index": PLACES_PAGE}, conf=conf, files={"src/principles.toml": OWN_PRINCIPLES})
    assert build.status == 0, build.warnings
    found = places_found(build, browser, "plainly", "statutory function")
    assert found["plainly"] == [["/index.html#principle-frank", "Candour"]], found
    assert found["statutory function"] == [["/index.html#term-Proper-Officer", "Proper Officer"]], found


def test_search_says_when_nothing_matches(searched: dict[str, dict[str, Any]]) -> None:
    """(Searched by :func:`searched`.)"""
    assert "Nothing found" in searched[NOTHING]["status"], searched[NOTHING]
    assert searched[NOTHING]["listed"] == 0, searched[NOTHING]


# -- copy link --------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["click", "keyboard"])
def test_the_permalink_copies_the_clause_link_and_says_so(page: Page, base_url: str, how: str) -> None:
    goto(page, base_url + CLAUSE_PAGE)
    link = page.locator("a.con-clause-link[href$='#clause-6-7']")
    if how == "click":
        link.click()
    else:
        link.focus()
        page.keyboard.press("Enter")
    status = page.get_by_role("status").filter(has_text="copied")
    status.wait_for(state="visible")
    assert status.inner_text() == "Link to paragraph 6.7 copied"
    if how == "click":  # the message itself is readable, and inside the page's landmarks
        violations = axe_violations(page)
        assert not violations, describe(CLAUSE_PAGE, violations)
    pinned = f"{base_url}{CLAUSE_PAGE.replace('protocol/', 'editions/2026/')}#clause-6-7"
    assert page.evaluate("navigator.clipboard.readText()") == pinned, "the copied link is not the edition's"
    assert page.url == f"{base_url}{CLAUSE_PAGE}#clause-6-7", "the permalink no longer goes to the clause"


def test_without_javascript_the_permalink_is_a_plain_link(open_page: Callable[..., Page], base_url: str) -> None:
    """It goes to the permanent address, whose page forwards to the current one (without the #clause)."""
    page = open_page(viewport=DESKTOP, java_script_enabled=False)
    goto(page, base_url + CLAUSE_PAGE)
    page.click("a.con-clause-link[href$='#clause-6-7']")
    page.wait_for_url(f"{base_url}{CLAUSE_PAGE}")
    assert "roving commission" in page.locator("#clause-6-7").inner_text()


def test_a_permanent_address_of_the_current_edition_reaches_the_clause(page: Page, base_url: str) -> None:
    goto(page, f"{base_url}editions/2026/access-to-information.html#clause-6-7")
    page.wait_for_url(f"{base_url}{CLAUSE_PAGE}#clause-6-7")
    assert page.evaluate("document.getElementById('clause-6-7').matches(':target')")


def test_a_screen_reader_hears_a_clause_as_it_is_seen(page: Page, base_url: str) -> None:
    """The accessibility tree, as Chromium gives it to a screen reader: each clause's number is one link named
    "paragraph 4.1(2)" (no second "Link to …" per clause); sub-items are lists, nested; a sub-item's heading is a
    heading, one level below the page's title."""
    goto(page, base_url + "protocol/employee-code-of-conduct.html")
    tree = page.locator("#clause-4-1").aria_snapshot()
    assert tree.startswith('- link "paragraph 4.1":')
    assert "Link to" not in tree
    heard = [line.strip() for line in tree.splitlines() if not line.strip().startswith(("- /url", "- text:"))]
    at = heard.index('- link "paragraph 4.1(2)":')
    assert heard[at - 1 : at + 5] == [
        "- listitem:",
        '- link "paragraph 4.1(2)":',
        '- heading "Disclosure of Information" [level=2]:',
        "- strong: Disclosure of Information",
        "- list:",
        "- listitem:",
    ]
    assert heard[at + 5] == '- link "paragraph 4.1(2)(i)":'
    assert page.get_by_role("heading", name="Standards", level=2).count() == 1


# -- print ------------------------------------------------------------------------------------------


def test_printing_a_page_shows_the_text_without_navigation_or_buttons(
    open_page: Callable[..., Page], base_url: str
) -> None:
    page = open_page(viewport=DESKTOP)
    goto(page, base_url + NESTED_PAGE)
    page.emulate_media(media="print")
    furniture = [
        ".sidebar-drawer",
        ".toc-drawer",
        ".mobile-header",
        ".skip-to-content",
        ".theme-toggle",
        ".back-to-top",
        ".related-pages",
        "a.con-clause-link svg",  # the permalink's icon; the clause's number stays
    ]
    shown = [s for s in furniture if any(e.is_visible() for e in page.locator(s).all())]
    article = page.locator("article[role=main]").bounding_box()
    text_visible = page.locator("#clause-7-5-3").is_visible()
    assert not shown, f"printed: {shown}"
    assert text_visible
    assert article and article["x"] < 60, "the printed text does not start at the left margin"


# -- screenshots ------------------------------------------------------------------------------------


SCREENSHOT_WIDTHS = [320, 360, 1280]


@pytest.fixture(scope="module")
def screenshots(browser: Browser, base_url: str) -> dict[int, list[tuple[Path, float]]]:
    """A protocol page, scrolled to clause 6.7, and the whole Appendix, each loaded in one window 900 px high at each
    of :data:`SCREENSHOT_WIDTHS` and photographed into _build/screenshots/ (once a page and width, as before): by
    width, each picture's path and the rightmost edge of anything in the page's text. One window for the three widths,
    where each width's test opened one."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        written: dict[int, list[tuple[Path, float]]] = {}
        for width in SCREENSHOT_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            written[width] = []
            for name, url in (("protocol", f"{CLAUSE_PAGE}#clause-6-7"), ("appendix", TABLES_PAGE)):
                goto(page, base_url + url)
                if "#" in url:
                    page.wait_for_function(SCROLLED_TO_6_7)
                path = SCREENSHOTS / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=name == "appendix")
                right = page.evaluate(
                    "Math.max(...[...document.querySelectorAll('[role=main] *')]"
                    ".map(e => e.getBoundingClientRect().right))"
                )
                written[width].append((path, right))
        return written
    finally:
        context.close()


@pytest.mark.parametrize("width", SCREENSHOT_WIDTHS)
def test_screenshots_of_a_protocol_page_and_the_appendix(
    screenshots: dict[int, list[tuple[Path, float]]], width: int
) -> None:
    """Written to _build/screenshots/ for a person to look at; each shows the whole width of the text. (Taken by
    :func:`screenshots`.)"""
    for path, right in screenshots[width]:
        assert path.stat().st_size > 10_000, path.name
        assert int.from_bytes(path.read_bytes()[16:20], "big") == width, path.name  # PNG width
        assert right <= width, f"{path.name}: something in the text runs off the right edge"


# -- valid HTML: the Nu Html Checker ----------------------------------------------------------------


def vnu_jar() -> Path:
    npm_install(NODE)
    return NODE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


# The Java virtual machine's options for one short run of the checker over the whole site (every page in one run):
# its quick compiler only (C1, ``TieredStopAtLevel=1``), since the optimising one (C2) spends more time compiling
# than a few seconds of checking gain back (5.3 s of CPU for the site, now 2.4 s); C1's code takes more stack, and
# the checker's schema needs 512 kB at least (it says so, and prints no JSON, when it runs out), so 8 MB.
VNU_JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xss8m"]


def test_every_page_is_valid_html(html_dir: Path) -> None:
    java = shutil.which("java")
    if java is None:
        unavailable("Java is not installed: the Nu Html Checker needs it")
    jar = vnu_jar()
    run = subprocess.run(
        [
            java,
            *VNU_JAVA_OPTIONS,
            "-jar",
            str(jar),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            str(html_dir),
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    checked = len(visible_pages(html_dir))
    assert checked >= 20
    assert not errors, f"{len(errors)} errors in {checked} pages:\n" + "\n".join(errors[:50])


# -- repairs to the theme, where the real site has no case yet -------------------------------------


def test_a_contents_list_caption_is_a_heading_with_a_level(build_snippet) -> None:
    """Sphinx writes a toctree caption as role="heading" with no level (Sphinx #14030); screen readers
    then announce a heading of no level, and the Nu checker and axe report an error. themefixes adds it."""
    build = build_snippet(
        {
            "index": "# Home\n\n```{toctree}\n:caption: Parts of the protocol\n\npart\n```\n",
            "part": "# A part\n\nText.\n",
        },
        conf='extensions.append("sphinx_constitution.theme.themefixes")\nhtml_theme = "furo"\n',
    )
    assert build.status == 0, build.warnings
    captions = build.html("index").select("p.caption[role=heading]")
    assert len(captions) == 2  # in the page, and in the theme's navigation
    assert [c.get("aria-level") for c in captions] == ["2", "2"]


def test_the_build_writes_the_search_index_and_leaves_out_skipped_pages(build_snippet) -> None:
    """The normal HTML build writes the Pagefind index; ``constitution_search_skip`` keeps a superseded edition out."""
    build = build_snippet(
        {
            "index": "# Home\n\n```{toctree}\nnow\nold-then\n```\n",
            "now": "# Now\n\nThe current wording.\n",
            "old-then": "# Then\n\nThe superseded wording.\n",
        },
        conf='extensions.append("sphinx_constitution.outputs.search")\nconstitution_search_skip = ["old-*"]\n',
    )
    assert build.status == 0, build.warnings
    fragments = list((build.outdir / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) == 2  # index and now; not old-then
    assert (build.outdir / "pagefind" / "pagefind.js").is_file()


STATUS = "#con-search-status"


def test_search_says_why_it_cannot_search_and_searches_again_once_it_can(build_snippet, browser: Browser) -> None:
    """Served, a search that cannot load the index (its files missing, or being written again, as an editor's preview
    writes them after each edit) says so, and the next search loads it afresh and finds the words; opened from disk,
    it says the site must be served over HTTP, which browsers need to load Pagefind."""
    build = build_snippet(
        {"index": "# Home\n\nA roving commission.\n"}, conf='extensions.append("sphinx_constitution.outputs.search")\n'
    )
    assert build.status == 0, build.warnings
    bundle, aside = build.outdir / "pagefind", build.outdir.parent / "pagefind-aside"
    failures: list[str] = []
    page = browser.new_page()
    try:
        page.set_default_timeout(10_000)
        with served(build.outdir, failures) as url:
            bundle.rename(aside)  # as when the old index was deleted before the new one was written
            page.goto(f"{url}search.html?q=roving+commission")
            page.wait_for_function(SEARCH_ANSWERED)
            assert page.locator(STATUS).inner_text() == "Search could not load the site's index. Please try again."
            aside.rename(bundle)
            page.press("#con-search-query", "Enter")
            page.wait_for_function(SEARCH_ANSWERED)
            assert page.locator(STATUS).inner_text() == "1 page matches “roving commission”."
        page.goto(f"{(build.outdir / 'search.html').as_uri()}?q=roving+commission")
        page.wait_for_function(SEARCH_ANSWERED)
        assert page.locator(STATUS).inner_text() == (
            "Search is not available here: it needs the site to be served over HTTP."
        )
    finally:
        page.close()


def test_the_superseded_edition_is_left_out_of_search(searched: dict[str, dict[str, Any]]) -> None:
    """The "DETR Local Authority Publicity Code (April 2001)" is only in the old edition's 9.4. (Searched by
    :func:`searched`.)"""
    results = searched[SUPERSEDED]["results"]
    assert not any("editions/" in href for result in results for href in result), results


# -- a draft with tracked changes ---------------------------------------------------------------------

TRACKED = """
Members {del}`must` {ins}`should` read this.

::::{del}
:::{clause} 6.13
A rule the draft takes out.
:::
::::

::::{ins}
:::{clause} 6.13
A rule the draft puts in its place.
:::
::::
"""


@pytest.fixture(scope="module")
def tracked_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page of the real project with proposed changes marked, built in the tracked view."""
    from conftest import copy_project, sphinx_build

    project = copy_project(tmp_path_factory.mktemp("tracked") / "project")
    page = project / "docs/protocol/access-to-information.md"
    page.write_text(page.read_text(encoding="utf-8") + TRACKED, encoding="utf-8")
    out = project / "_build/html"
    built = sphinx_build(project / "docs", out, "-b", "html", "-D", "constitution_tracked_changes=1", confdir=project)
    assert built.status == 0, built.warnings
    return out / "protocol/access-to-information.html"


# Each tracked change's element, the line drawn through or under it, its colour, the words a screen reader hears
# first, and the page's background.
TRACKED_LOOK = """() => [...document.querySelectorAll("ins.con-tracked, del.con-tracked")].map(el => ({
  tag: el.localName, line: getComputedStyle(el).textDecorationLine,
  colour: getComputedStyle(el).color, said: el.querySelector(".con-tracked-said").textContent,
  page: getComputedStyle(document.body).backgroundColor}))"""


@pytest.fixture(scope="module")
def tracked_looks(browser: Browser, tracked_page: Path) -> dict[str, dict[str, Any]]:
    """The tracked page at desktop size as it looks in light colours and in dark (:data:`TRACKED_LOOK`), with axe's
    violations, by scheme: loaded once and checked in both schemes (:func:`browsing.in_both_schemes`) with axe put
    in once, where each scheme's test loaded it and put axe in."""

    def check(page: Page, _url: str, first: bool) -> dict[str, Any]:
        return {"look": page.evaluate(TRACKED_LOOK), "violations": axe_violations(page, inject=first)}

    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        found = in_both_schemes(page, [tracked_page.as_uri()], check)
    finally:
        context.close()
    return {scheme: by_url[tracked_page.as_uri()] for scheme, by_url in found.items()}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_tracked_changes_are_shown_by_more_than_colour_and_pass_axe(
    tracked_looks: dict[str, dict[str, Any]], tracked_page: Path, scheme: str
) -> None:
    """(Looked at by :func:`tracked_looks`.)"""
    look = tracked_looks[scheme]["look"]
    assert {(m["tag"], m["line"]) for m in look} == {("ins", "underline"), ("del", "line-through")}, scheme
    assert {m["said"].strip() for m in look} >= {"Inserted text:", "Deleted text:"}, scheme
    assert all(contrast(m["colour"], m["page"]) >= 4.5 for m in look), (scheme, look)
    violations = tracked_looks[scheme]["violations"]
    assert not violations, f"{scheme}:\n" + describe(tracked_page.name, violations)


def heard(page: Page, selector: str) -> str:
    """The text Chromium gives a screen reader for the element: its accessibility tree's text nodes in order,
    joined as they are (a screen reader reading on puts no space of its own between two of them)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    backend = cdp.send("DOM.describeNode", {"nodeId": found})["node"]["backendNodeId"]
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {node["nodeId"]: node for node in tree}
    texts: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        if node["role"]["value"] == "StaticText":
            texts.append(node["name"]["value"])
            return
        for child in node.get("childIds", []):
            walk(by_id[child])

    walk(next(node for node in tree if node.get("backendDOMNodeId") == backend))
    cdp.detach()
    return "".join(texts)


def test_a_screen_reader_hears_where_each_tracked_change_starts_and_ends_with_spaces(
    page: Page, tracked_page: Path
) -> None:
    """Chromium trims the edge spaces of a visually hidden box and gives no text for the space between two marks:
    the cue words ran into the changed words ("Deleted text:mustEnd of deleted textInserted text:should")."""
    goto(page, tracked_page.as_uri())
    said = " ".join(heard(page, "p:has(> del.con-tracked)").split())
    assert (
        said == "Members Deleted text: must End of deleted text Inserted text: should End of inserted text read this."
    ), said
    page.emulate_media(media="print")
    shown = page.evaluate("[...document.querySelectorAll('.con-tracked-said')].map(e => getComputedStyle(e).display)")
    assert shown and set(shown) == {"none"}, "the words for screen readers are printed"


# -- the comparison of editions -----------------------------------------------------------------------


CHANGES_PAGE = "editions/changes-2026.html"


def test_the_comparison_is_a_page_a_committee_can_read(open_page: Callable[..., Page], base_url: str) -> None:
    """Before: 17,760 px tall at 1280 px (36,641 px on a 320 px phone) and 1,367 elements, every paragraph of both
    editions in full, unchanged ones too, and whole new paragraphs underlined. Now: unchanged paragraphs by
    number, a wholly new page by its parts: 10,164 px in furo's 16 px text, 12,760 px in GOV.UK's 19 px (26,889 px
    on a phone), and 1,155 elements."""
    page = open_page(viewport=DESKTOP)
    goto(page, base_url + CHANGES_PAGE)
    height = page.evaluate("document.documentElement.scrollHeight")
    elements = page.evaluate("document.getElementsByTagName('*').length")
    assert height < 14_000 and elements < 1_250, f"{height} px tall, {elements} elements"
    said = " ".join(heard(page, "#change-1-5 .con-change-text").split())
    assert said.startswith(
        "The Deleted text: protocol reflects End of deleted text Inserted text: rules reflect End of inserted text "
        "good practice."
    ), said
    new = page.locator("#change-1-1").aria_snapshot()  # a label, then plain words: no "insertion" read out
    assert new.startswith('- paragraph:\n  - strong: New\n  - link "paragraph 1.1"'), new
    assert "insertion" not in new and "Inserted text" not in new
    assert heard(page, "#change-1-1 .con-change-head") == "New paragraph 1.1"
