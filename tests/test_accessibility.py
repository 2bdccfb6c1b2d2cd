"""Accessibility at every width, in two engines: axe-core (WCAG 2.0–2.2 A/AA and best practice) and HTML_CodeSniffer
(WCAG 2 AA, the engine pa11y runs), on every page of the real site, at 320, 768, 1280, 1440 and 1920 px, in light
and dark colours.

Two engines because each finds what the other misses: HTML_CodeSniffer reported furo's sidebar search form,
which had no button to send it (H32.2), on every page, where axe reported nothing; axe reported crowded links in
the contents list at 1440 px only (target-size), where the list is narrow. Both are fixed in theme/themefixes.

HTML_CodeSniffer is installed from npm into ``_build/node/htmlcs`` on first use (browsing.py) and injected into each
page. Each width is a class of its own (:class:`EveryPage`), both schemes in it (each page loaded once: see
:func:`problems_at`), so that pytest's workers share the widths out: about 45 s of CPU time a width, in one
Chromium, against 70 s when each page was loaded in each scheme.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import CLAUSE_PAGE, axe_violations, describe, goto, served, sniff, visible_pages

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out

SCHEMES = ["light", "dark"]
# Each page's colours in each scheme, read from the page: furo's background and text colours on <body>.
COLOURS = "() => { const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]; }"


def problems_at(page: Page, base_url: str, names: list[str], sniffer: str) -> list[str]:
    """Both engines' findings on each page named, as *page*'s window shows it, in light colours and in dark.

    Each page is loaded once, in one scheme (light and dark by turns), checked, switched to the other scheme with
    Playwright's ``emulate_media`` and checked again, both engines put in once: half the loads, and axe's 500 kB
    parsed half as often, as loading each page in each scheme. That holds because the site's colours are CSS that
    follows ``prefers-color-scheme`` live (furo's, and ours); a page whose colours did not follow (a script that
    chose them once, at load) is reported, since its colours must then be those a fresh load in that scheme gives.
    ``test_a_fault_only_in_dark_colours_on_a_desktop_is_found`` shows a fault planted in dark colours is found.
    """
    colours = {}
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        goto(page, base_url + names[0])
        colours[scheme] = page.evaluate(COLOURS)
    assert colours["light"] != colours["dark"], "the schemes' colours are the same: is dark mode switched off?"
    report = []
    for number, name in enumerate(names):
        schemes = SCHEMES if number % 2 == 0 else SCHEMES[::-1]
        page.emulate_media(color_scheme=schemes[0])
        goto(page, base_url + name)
        for switched, scheme in enumerate(schemes):
            page.emulate_media(color_scheme=scheme)
            if (shown := page.evaluate(COLOURS)) != colours[scheme]:
                report.append(
                    f"{name}, {scheme}: colours {shown} where a page loaded in {scheme} has {colours[scheme]}"
                )
            if violations := axe_violations(page, inject=not switched):
                report.append(f"{scheme}: " + describe(name, violations).replace("\n", f"\n{scheme}: "))
            for error in sniff(page, sniffer, inject=not switched):
                report.append(
                    f"{scheme}: {name}: HTML_CodeSniffer {error['code']}: {error['message']} -- {error['element']}"
                )
    return report


class EveryPage:
    """Every page at one width (a small phone, a tablet, laptops, a wide desktop), a class of its own for each width
    (below): ``nox -s site`` gives pytest's workers whole classes (``--dist loadscope``), so they share the widths."""

    width: int

    def test_every_page_passes_axe_and_html_codesniffer(
        self,
        open_page: Callable[..., Page],
        base_url: str,
        html_dir: Path,
        server_failures: list[str],
        sniffer: str,
    ) -> None:
        """Every page, as a reader at this width sees it in light colours and in dark; and no page asks for a file
        that is not there (a stylesheet, a script, the icon)."""
        server_failures.clear()
        page = open_page(viewport={"width": self.width, "height": 900}, reduced_motion="reduce")
        pages = visible_pages(html_dir)
        report = problems_at(page, base_url, pages, sniffer)
        assert len(pages) >= 20
        assert not report, f"{len(report)} problems at {self.width}px:\n" + "\n".join(report)
        assert not server_failures, "pages asked for files that are not there:\n" + "\n".join(server_failures)


class TestAt320px(EveryPage):
    width = 320


class TestAt768px(EveryPage):
    width = 768


class TestAt1280px(EveryPage):
    width = 1280


class TestAt1440px(EveryPage):
    width = 1440


class TestAt1920px(EveryPage):
    width = 1920


def test_a_fault_only_in_dark_colours_on_a_desktop_is_found(
    open_page: Callable[..., Page], html_dir: Path, sniffer: str, tmp_path: Path
) -> None:
    """A copy of the site with one page's text made too faint in dark colours at desktop widths only: both engines
    report it at 1280 px in dark, the same whether the page was loaded in light and switched to dark or loaded in
    dark; nothing is reported in light, nor at 320 px."""
    site = shutil.copytree(html_dir, tmp_path / "html")
    faint = "@media (prefers-color-scheme: dark) and (min-width: 1000px) { article p { color: #3a3a3a; } }"
    path = site / CLAUSE_PAGE
    path.write_text(path.read_text(encoding="utf-8").replace("</head>", f"<style>{faint}</style></head>"), "utf-8")
    names = [CLAUSE_PAGE, CLAUSE_PAGE]  # loaded in light and switched to dark, then loaded in dark and switched
    with served(site, []) as base_url:
        desktop = problems_at(open_page(viewport={"width": 1280, "height": 900}), base_url, names, sniffer)
        phone = problems_at(open_page(viewport={"width": 320, "height": 900}), base_url, names, sniffer)
    assert phone == []
    assert desktop, "the faint text was not found"
    assert all(line.startswith(f"dark: {CLAUSE_PAGE}: ") for line in desktop), "\n".join(desktop)
    first = desktop[: len(desktop) // 2]  # the page's first load; its second must give the same
    assert desktop == first * 2, "\n".join(desktop)
    assert any(": color-contrast (" in line for line in first), "axe did not find it:\n" + "\n".join(first)
    assert any("1_4_3.G18" in line for line in first), "HTML_CodeSniffer did not find it:\n" + "\n".join(first)


def test_the_sidebar_search_is_sent_by_its_button(open_page: Callable[..., Page], base_url: str) -> None:
    """A reader who cannot press Enter sends the search with the button, found by its name."""
    page = open_page()
    goto(page, base_url + "index.html")
    page.get_by_role("searchbox", name="Search").first.fill("roving commission")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search.html?q=roving+commission")
    page.wait_for_selector(".con-search-result a[href*='#clause-6-7']")
