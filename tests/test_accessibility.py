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
from browsing import CLAUSE_PAGE, goto, problems_at, served, visible_pages

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out


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
