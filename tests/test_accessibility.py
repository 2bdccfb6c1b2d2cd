"""Accessibility at every width, in two engines: axe-core (WCAG 2.0–2.2 A/AA and best practice) and HTML_CodeSniffer
(WCAG 2 AA, the engine pa11y runs), on every page of the real site, at 320, 768, 1280, 1440 and 1920 px, in light
and dark colours.

Two engines because each finds what the other misses: HTML_CodeSniffer reported furo's sidebar search form,
which had no button to send it (H32.2), on every page, where axe reported nothing; axe reported crowded links in
the contents list at 1440 px only (target-size), where the list is narrow. Both are fixed in theme/themefixes.

HTML_CodeSniffer is installed from npm into ``_build/node/htmlcs`` on first use (browsing.py) and injected into each
page. About 15 s for each width and scheme, in one Chromium.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import axe_violations, describe, goto, sniff, visible_pages

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out

WIDTHS = [320, 768, 1280, 1440, 1920]  # a small phone, a tablet, laptops, a wide desktop


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_passes_axe_and_html_codesniffer(
    open_page: Callable[..., Page],
    base_url: str,
    html_dir: Path,
    server_failures: list[str],
    sniffer: str,
    width: int,
    scheme: str,
) -> None:
    """Every page, as a reader at this width and in these colours sees it; and no page asks for a file that is not
    there (a stylesheet, a script, the icon)."""
    server_failures.clear()
    page = open_page(viewport={"width": width, "height": 900}, color_scheme=scheme, reduced_motion="reduce")
    pages = visible_pages(html_dir)
    report = []
    for name in pages:
        goto(page, base_url + name)
        if violations := axe_violations(page):
            report.append(describe(name, violations))
        for error in sniff(page, sniffer):
            report.append(f"{name}: HTML_CodeSniffer {error['code']}: {error['message']} -- {error['element']}")
    assert len(pages) >= 20
    assert not report, f"{len(report)} problems at {width}px, {scheme}:\n" + "\n".join(report)
    assert not server_failures, "pages asked for files that are not there:\n" + "\n".join(server_failures)


def test_the_sidebar_search_is_sent_by_its_button(open_page: Callable[..., Page], base_url: str) -> None:
    """A reader who cannot press Enter sends the search with the button, found by its name."""
    page = open_page()
    goto(page, base_url + "index.html")
    page.get_by_role("searchbox", name="Search").first.fill("roving commission")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search.html?q=roving+commission")
    page.wait_for_selector(".con-search-result a[href*='#clause-6-7']")
