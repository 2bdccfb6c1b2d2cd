"""Accessibility at every width, in two engines: axe-core (WCAG 2.0–2.2 A/AA and best practice) and HTML_CodeSniffer
(WCAG 2 AA, the engine pa11y runs), on every page of the real site, at 320, 768, 1280, 1440 and 1920 px, in light
and dark colours.

Two engines because each finds what the other misses: HTML_CodeSniffer reported furo's sidebar search form,
which had no button to send it (H32.2), on every page, where axe reported nothing; axe reported crowded links in
the contents list at 1440 px only (target-size), where the list is narrow. Both are fixed in theme/themefixes.

HTML_CodeSniffer is installed from npm into ``_build/node/htmlcs`` on first use (browsing.py) and injected into each
page. Each page is loaded once and checked at every width in both schemes, resized and switched live (see
:func:`browsing.problems_at`): 183 s of CPU time for the module, Chromium's included, against 243 s when each page
was loaded at each width (both measured on one machine, loaded alike). At each width, axe's rules that read no
colours run in one scheme only where the page draws the same in both: every page checked at every width, 132 s of
CPU against 143 s when every rule ran in both (session 13, on the shared machine). Readers who ask for less
motion, as these checks do, get the drawers without their slide, and axe-core 4.14 keeps each colour text it has
parsed for the rest of a run, where 4.12 parsed it again for each element it read, and Chromium runs the scripts
without V8's optimising compiler (``browsing.CHROMIUM_ARGS``): the checks of every page took about 100 s of CPU
against 147 s before (sessions 15 and 16, one process, Chromium's processes counted). The pages are shared out in
:data:`SHARES` classes (:class:`EveryPage`), so that pytest's workers share them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import (
    CLAUSE_PAGE,
    WIDTHS,
    goto,
    problems_at,
    served,
    visible_pages,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out


SHARES = 4  # classes of pages, each about 25 s of CPU time, which ``nox -s site``'s workers share out


def shared_out(html_dir: Path, pages: list[str]) -> list[list[str]]:
    """*pages* in :data:`SHARES` shares of about the same size in bytes, which is about the same time checking them
    takes (the engines' time grows with a page's elements): the largest page first, each to the smallest share."""
    shares: list[list[str]] = [[] for _ in range(SHARES)]
    sizes = [0] * SHARES
    for page in sorted(pages, key=lambda name: (-(html_dir / name).stat().st_size, name)):
        smallest = sizes.index(min(sizes))
        shares[smallest].append(page)
        sizes[smallest] += (html_dir / page).stat().st_size
    return [sorted(share) for share in shares]


class EveryPage:
    """A share of the site's pages (:func:`shared_out`), each at every width (a small phone, a tablet, laptops, a
    wide desktop) in light and dark colours: a class of its own for each share (below), as ``nox -s site`` gives
    pytest's workers whole classes (``--dist loadscope``)."""

    share: int

    def test_every_page_passes_axe_and_html_codesniffer(
        self,
        open_page: Callable[..., Page],
        base_url: str,
        html_dir: Path,
        server_failures: list[str],
        sniffer: str,
    ) -> None:
        """Every page of the share, as a reader at each width sees it in light colours and in dark; and no page asks
        for a file that is not there (a stylesheet, a script, the icon)."""
        server_failures.clear()
        every = visible_pages(html_dir)
        assert len(every) >= 20
        assert sorted(subclass.share for subclass in EveryPage.__subclasses__()) == list(range(SHARES)), "a share lost"
        pages = shared_out(html_dir, every)[self.share]
        report = problems_at(open_page(reduced_motion="reduce"), base_url, pages, sniffer, WIDTHS)
        assert not report, f"{len(report)} problems:\n" + "\n".join(report)
        assert not server_failures, "pages asked for files that are not there:\n" + "\n".join(server_failures)


class TestPagesShare1(EveryPage):
    share = 0


class TestPagesShare2(EveryPage):
    share = 1


class TestPagesShare3(EveryPage):
    share = 2


class TestPagesShare4(EveryPage):
    share = 3


def planted(html_dir: Path, tmp_path: Path, css: str, html: str = "") -> Path:
    """A copy of the site with *css* in a ``<style>`` of :data:`CLAUSE_PAGE`'s head and *html* at the end of its
    article."""
    site = shutil.copytree(html_dir, tmp_path / "html")
    path = site / CLAUSE_PAGE
    text = path.read_text(encoding="utf-8").replace("</head>", f"<style>{css}</style></head>")
    path.write_text(text.replace("</article>", f"{html}</article>"), "utf-8")
    return site


def test_a_fault_only_in_dark_colours_on_a_desktop_is_found(
    open_page: Callable[..., Page], html_dir: Path, sniffer: str, tmp_path: Path
) -> None:
    """A copy of the site with one page's text made too faint in dark colours at desktop widths only: both engines
    report it at 1280 px in dark, the same whether the page was loaded at 320 px in light, switched to dark and
    widened (dark checked second at 1280 px, where only axe's colour rules run again), or loaded at 1280 px in dark
    (checked first there); nothing is reported in light, nor at 320 or 768 px."""
    site = planted(
        html_dir,
        tmp_path,
        "@media (prefers-color-scheme: dark) and (min-width: 1000px) { article p { color: #3a3a3a; } }",
    )
    # loaded at 320 px in light, switched and widened; then loaded at 1280 px in dark, switched and narrowed
    names = [CLAUSE_PAGE, CLAUSE_PAGE]
    with served(site, []) as base_url:
        report = problems_at(open_page(), base_url, names, sniffer, [320, 768, 1280])
    assert report, "the faint text was not found"
    assert all(line.startswith(f"1280px dark: {CLAUSE_PAGE}: ") for line in report), "\n".join(report)
    first = report[: len(report) // 2]  # the page's first load; its second must give the same
    assert report == first * 2, "\n".join(report)
    assert any(": color-contrast (" in line for line in first), "axe did not find it:\n" + "\n".join(first)
    assert any("1_4_3.G18" in line for line in first), "HTML_CodeSniffer did not find it:\n" + "\n".join(first)


def test_what_only_dark_colours_show_is_checked_in_dark(
    open_page: Callable[..., Page], html_dir: Path, sniffer: str, tmp_path: Path
) -> None:
    """A copy of the site with an image without its text (a fault no colour rule looks for) on one page, shown only in
    dark colours: axe reports it at every width in dark, where dark is checked second (the page then draws something
    light did not, so axe's every rule runs again) as where it is checked first, and not in light. (HTML_CodeSniffer
    reports it in both: it reads the image's markup, not whether it is drawn.)"""
    css = "img.con-planted { display: none; }"
    css += " @media (prefers-color-scheme: dark) { img.con-planted { display: inline; } }"
    site = planted(html_dir, tmp_path, css, '<img class="con-planted" src="../_static/favicon.svg">')
    names = [CLAUSE_PAGE, CLAUSE_PAGE]  # dark checked second at 320 and 1280 px, then first; at 768 px, the reverse
    with served(site, []) as base_url:
        report = problems_at(open_page(), base_url, names, sniffer, [320, 768, 1280])
    axe = [line for line in report if ": image-alt (" in line]
    assert all(line in axe or ".H37: Img element missing an alt" in line for line in report), "\n".join(report)
    for width in (320, 768, 1280):
        assert [line.split(":")[0] for line in axe].count(f"{width}px dark") == 2, "\n".join(report)
        assert [line.split(":")[0] for line in report].count(f"{width}px dark") == 4, "\n".join(report)
    assert len(axe) == 6, "\n".join(report)


def test_the_sidebar_search_is_sent_by_its_button(open_page: Callable[..., Page], base_url: str) -> None:
    """A reader who cannot press Enter sends the search with the button, found by its name."""
    page = open_page()
    goto(page, base_url + "index.html")
    page.get_by_role("searchbox", name="Search").first.fill("roving commission")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search.html?q=roving+commission")
    page.wait_for_selector(".con-search-result a[href*='#clause-6-7']")
