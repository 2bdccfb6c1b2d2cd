"""The page's furniture, built from snippets with furo: the council's identity on every page (theme/identity.py),
sphinx-design's cards as headings with one link (theme/cards.py), "Previous" before "Next" (theme/themefixes.py),
and each repair to furo's markup finding what it repairs, or saying which found nothing (theme/repairs.py).

tests/test_layout.py reads the real site in Chromium; these show what each piece writes, and what configuration it
refuses, in a second each.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import furo
import pytest
from bs4 import BeautifulSoup
from conftest import Build, assert_stops_on_configuration, sphinx_build
from sphinx_constitution.theme.themefixes import previous_before_next

FURO = """
extensions += ["sphinx_design", "sphinx_constitution.theme.themefixes", "sphinx_constitution.theme.identity",
               "sphinx_constitution.theme.cards"]
html_theme = "furo"
html_title = "Working together"
html_use_index = True
"""
COUNCIL = """
constitution_council_name = "Anytown District Council"
constitution_council_url = "https://www.anytown.gov.uk"
"""
PAGES = {"index": "# Home\n\nWords.\n\n```{toctree}\nother\n```\n", "other": "# Other\n\nMore words.\n"}


def test_every_page_names_the_council_with_a_link_to_its_website(build_snippet) -> None:
    result = build_snippet(PAGES, conf=FURO + COUNCIL)
    assert result.status == 0, result.warnings
    for name in ("index", "other", "search", "genindex"):
        html = result.html(name)
        banner = html.select("[role=banner]")
        assert len(banner) == 1, name
        link = banner[0].select_one("a.con-masthead-link")
        assert link["href"] == "https://www.anytown.gov.uk"
        assert link.get_text(strip=True) == "Anytown District Council"
        assert not link.select("img"), "no logo was configured"
        if name != "index":
            assert html.title.get_text().endswith(" - Working together - Anytown District Council"), html.title
        # furo's bar for narrow screens is no second banner: it is in a section of its own
        assert html.select_one("section.con-site-menu[aria-label='Site menu'] > header.mobile-header"), name
    assert result.html("index").title.get_text() == "Working together - Anytown District Council"


def test_the_councils_logo_is_shown_beside_its_name_and_published(build_snippet) -> None:
    conf = FURO + COUNCIL + 'constitution_council_logo = "theme/crest.png"\n'
    result = build_snippet(PAGES, conf=conf, files={"src/theme/crest.png": b"\x89PNG\r\n\x1a\n"})
    assert result.status == 0, result.warnings
    logo = result.html("other").select_one(".con-masthead-link img")
    assert logo["src"] == "_static/crest.png"
    assert logo["alt"] == "", "the name beside it says whose it is"
    assert (result.outdir / "_static" / "crest.png").read_bytes() == b"\x89PNG\r\n\x1a\n"


def test_without_a_council_there_is_no_band_and_furos_bar_is_as_it_was(build_snippet) -> None:
    result = build_snippet(PAGES, conf=FURO)
    assert result.status == 0, result.warnings
    html = result.html("other")
    assert not html.select(".con-masthead, .con-site-menu")
    assert html.title.get_text() == "Other - Working together"


def test_a_title_that_names_the_council_is_not_followed_by_its_name_again(build_snippet) -> None:
    conf = FURO + COUNCIL + 'html_title = "Anytown District Council Member Officer Relations Protocol"\n'
    result = build_snippet(PAGES, conf=conf)
    assert result.status == 0, result.warnings
    assert result.html("other").title.get_text() == "Other - Anytown District Council Member Officer Relations Protocol"


@pytest.mark.parametrize(
    ("conf", "said"),
    [
        ('constitution_council_url = "https://www.anytown.gov.uk"', "set constitution_council_name too"),
        ('constitution_council_name = "Anytown District Council"', "needs constitution_council_url"),
        (COUNCIL.replace("https://", ""), "'www.anytown.gov.uk' is not a website's address"),
        (COUNCIL.replace("https://www.anytown.gov.uk", "javascript:alert(1)"), "is not a website's address"),
        (COUNCIL + 'constitution_council_logo = "crest.bmp"', "'crest.bmp' is not an image a browser shows"),
        (COUNCIL + 'constitution_council_logo = "crest.png"', "'crest.png': there is no such file"),
    ],
)
def test_a_council_setting_of_the_wrong_form_stops_the_build_naming_it(
    build_snippet, capsys: pytest.CaptureFixture[str], conf: str, said: str
) -> None:
    result = build_snippet({"index": "# Page\n"}, conf=FURO + conf + "\n")
    assert_stops_on_configuration(result, capsys, said)


CARDS = """
# Home

::::{grid} 2

:::{grid-item-card} Read the protocol
:link: other
:link-type: doc

The full text.
:::

:::{grid-item-card} Just words

No link here.
:::
::::

## A section

:::{card} [The Council](https://www.anytown.gov.uk)
:link: other
:link-type: doc

A title that is a link already.
:::

:::{card} Deeper
:link: https://www.anytown.gov.uk

A card in a section.
:::

```{toctree}
other
```
"""


def test_a_linked_cards_title_is_a_heading_holding_its_one_link(build_snippet) -> None:
    result = build_snippet({"index": CARDS, "other": "# Other\n"}, conf=FURO)
    assert result.status == 0, result.warnings
    cards = result.main("index").select(".sd-card")
    linked, plain, titled, deeper = cards
    assert [a["href"] for a in linked.select("a")] == ["other.html"]
    heading = linked.select_one("h2.con-card-title")
    assert heading and heading.select_one("a.con-card-link").get_text() == "Read the protocol"
    assert not linked.select(".sd-stretched-link, .sd-hide-link-text")
    assert not plain.select("a, h2, h3"), "a card without a link is left as it was"
    assert len(titled.select("a")) == 2 and not titled.select("h3"), "a title that is a link already is left alone"
    heading = deeper.select_one("h3.con-card-title")  # one level below its section's <h2>
    assert heading and [a["href"] for a in deeper.select("a")] == ["https://www.anytown.gov.uk"]
    assert heading.get_text(strip=True) == "Deeper"


NEXT = '<a class="next-page" href="b.html"><div>Next</div></a>'
PREVIOUS = '<a class="prev-page" href="a.html"><div>Previous</div></a>'


def test_previous_comes_before_next_in_the_page() -> None:
    furo = f'<div class="related-pages">\n  {NEXT}\n  {PREVIOUS}\n</div>'
    assert previous_before_next(furo) == f'<div class="related-pages">\n  {PREVIOUS}\n  {NEXT}\n</div>'
    for alone in (f"<div>{NEXT}</div>", f"<div>{PREVIOUS}</div>", "<div></div>"):
        assert previous_before_next(alone) is None  # nothing to reorder: the page is kept as it is


# -- each repair to furo's markup finds what it repairs -----------------------------------------------------------

#: A project with something for every repair: a captioned toctree, pages before and after one another, a table with
#: an id and a class, a card on one page only, and the council's band.
REPAIRED_CONF = (
    """
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence"]
"""
    + FURO
    + COUNCIL
)
REPAIRED_PAGES = {
    "index": """
        # Home

        :::{card} Deeper
        Words.
        :::

        ```{toctree}
        :caption: The protocol
        first
        second
        third
        ```
        """,
    "first": "# First\n\nWords.\n",
    "second": """
        # Second

        ```{list-table} Fees
        :name: fees
        :class: con-fees
        * - Item
          - Fee
        ```
        """,
    "third": "# Third\n\nWords.\n",
}


def _project(folder: Path, conf: str) -> Path:
    src = folder / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    for name, text in REPAIRED_PAGES.items():
        (src / f"{name}.md").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def repaired(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("repaired")
    return sphinx_build(_project(folder, REPAIRED_CONF), folder / "out", "-b", "html")


def _follows(html: BeautifulSoup, first: str, then: str) -> bool:
    found = html.select_one(first)
    return found is not None and found.find_next_sibling() is html.select_one(then)


#: Each repair (by the name its warning gives) and what a reader gets from it on the page "second".
REPAIRED: dict[str, Callable[[BeautifulSoup], object]] = {
    "colour-choice-script": lambda html: (
        html.select("script[src^='_static/themechoice.js']")
        and not [s for s in html.select("script") if "dataset.theme" in s.get_text()]
    ),
    "sidebar-landmark-name": lambda html: html.select("aside.sidebar-drawer[aria-label='Site navigation']"),
    "contents-landmark-name": lambda html: html.select("aside.toc-drawer[aria-label='Contents of this page']"),
    "back-to-top-landmark": lambda html: html.select("nav[aria-label='Back to top'] > a.back-to-top"),
    "back-to-top-landmark-end": lambda html: _follows(html, "nav[aria-label='Back to top']", ".content-icon-container"),
    "council-band": lambda html: _follows(html, ".con-masthead[role=banner]", "div.page"),
    "site-menu-landmark": lambda html: html.select("section.con-site-menu[aria-label] > header.mobile-header"),
    "site-menu-landmark-end": lambda html: _follows(html, "section.con-site-menu", "aside.sidebar-drawer"),
    "previous-before-next": lambda html: (
        [a["class"][0] for a in html.select("a.prev-page, a.next-page")] == ["prev-page", "next-page"]
    ),
    "caption-levels": lambda html: html.select(".sidebar-tree p.caption[role=heading][aria-level='2']"),
    "one-viewport": lambda html: len(html.select("meta[name=viewport]")) == 1,
    "unique-table-ids": lambda html: (
        [e.name for e in html.select("[id=fees]")] == ["table"] and not html.select(".table-wrapper.con-fees")
    ),
    "unused-design-assets": lambda html: not html.select("link[href*='sphinx-design']"),
    "drawer-buttons": lambda html: (
        all(html.select(s) for s in ("#__navigation", "#__toc", "aside.sidebar-drawer", "aside.toc-drawer"))
        and all(html.select(s) for s in ("label.nav-overlay-icon", "label.toc-overlay-icon"))
    ),
    "navigation-once-per-folder": lambda html: html.select(
        ".sidebar-tree li.current-page > a.current.reference[href='#']"
    ),
}


@pytest.mark.parametrize("repair", REPAIRED)
def test_each_repair_to_furo_finds_what_it_repairs(repaired: Build, repair: str) -> None:
    """A furo whose markup changed fails the case of each repair it undid: the repair's warning names it (below, the
    build then fails as a whole), and what it repairs is not on the page (a repair that did nothing and said nothing
    fails too)."""
    told = [line for line in repaired.warnings.splitlines() if f"the repair {repair!r} found no" in line]
    assert not told, told
    assert REPAIRED[repair](repaired.html("second")), f"{repair} made no repair"


def test_the_project_with_every_repair_builds_with_no_warning(repaired: Build) -> None:
    assert repaired.status == 0, repaired.warnings


def test_every_repair_is_checked_here() -> None:
    """Every name a repair warns with has its case above: page.html's, themefixes.py's."""
    package = Path(__file__).parents[1] / "extensions" / "sphinx_constitution"
    template = (package / "templates" / "page.html").read_text(encoding="utf-8")
    code = (package / "theme" / "themefixes.py").read_text(encoding="utf-8")
    named = set(re.findall(r'\("([a-z-]+)", ', template)) | set(re.findall(r'\.missing\([^"]*"([a-z-]+)"', code))
    assert named == set(REPAIRED)


def test_the_design_assets_stay_on_the_page_with_a_card(repaired: Build) -> None:
    assert repaired.html("index").select("link[href*='sphinx-design']")


def test_a_repair_whose_furo_markup_changed_fails_the_build_naming_itself(tmp_path: Path) -> None:
    """A theme built on furo whose page writes "Back to top" with its attributes in another order: the repair that
    names the link as a landmark finds nothing, and the build fails saying so, once, not once a page."""
    page = (Path(furo.__file__).parent / "theme" / "furo" / "page.html").read_text(encoding="utf-8")
    furos = '<a href="#" class="back-to-top muted-link">'
    assert furos in page
    theme = tmp_path / "themes" / "changed"
    theme.mkdir(parents=True)
    (theme / "theme.toml").write_text('[theme]\ninherit = "furo"\n', encoding="utf-8")
    (theme / "page.html").write_text(page.replace(furos, '<a class="back-to-top muted-link" href="#">'), "utf-8")
    conf = REPAIRED_CONF + f'html_theme = "changed"\nhtml_theme_path = [{str(tmp_path / "themes")!r}]\n'
    result = sphinx_build(_project(tmp_path, conf), tmp_path / "out", "-b", "html")
    assert result.status != 0
    told = [line for line in result.warnings.splitlines() if "[constitution.theme_repair]" in line]
    assert len(told) == 1, result.warnings
    assert "'back-to-top-landmark' found no '<a href=\"#\" class=\"back-to-top muted-link\">'" in told[0]
