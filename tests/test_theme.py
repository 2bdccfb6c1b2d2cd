"""The page's furniture, built from snippets with furo: the council's identity on every page (theme/identity.py),
sphinx-design's cards as headings with one link (theme/cards.py), "Previous" before "Next" (theme/themefixes.py).

tests/test_layout.py reads the real site in Chromium; these show what each piece writes, and what configuration it
refuses, in a second each.
"""

from __future__ import annotations

import pytest
from sphinx_constitution.theme.themefixes import previous_before_next

FURO = """
extensions += ["sphinx_design", "sphinx_constitution.theme.themefixes", "sphinx_constitution.theme.identity",
               "sphinx_constitution.theme.cards"]
html_theme = "furo"
html_title = "Working together"
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
    assert result.status != 0
    error = capsys.readouterr().err
    assert "Configuration error" in error
    assert said in error


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
        assert previous_before_next(alone) == alone
