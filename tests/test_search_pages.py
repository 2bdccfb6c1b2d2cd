"""The pages as Pagefind is given them (outputs/search.py): each page's places as metadata inside the element Pagefind
reads, whatever else on the page says ``role``. The search itself is tested in a browser (test_browser.py)."""

from __future__ import annotations

import json
from html import unescape

from bs4 import BeautifulSoup
from sphinx_constitution.outputs.search import _for_pagefind

PAGE = """<!DOCTYPE html><html lang="en"><body>
<nav xrole="main" role="navigation" class="sidebar">A navigation whose class says role="main"</nav>
<div class="main"><article role="main" id="furo-main-content"><p id="clause-6-7">The right to know.</p></article></div>
</body></html>"""


def test_the_places_are_the_first_thing_in_the_main_element() -> None:
    staged = BeautifulSoup(_for_pagefind(PAGE, {"clause-6-7": "paragraph 6.7"}), "html.parser")
    meta = staged.select_one("[role=main]").contents[0]
    assert meta.name == "meta" and meta["data-pagefind-meta"] == "places[content]"
    assert json.loads(unescape(meta["content"])) == {"clause-6-7": "paragraph 6.7"}
    assert len(staged.select("meta[data-pagefind-meta]")) == 1


def test_a_page_without_a_main_element_or_places_is_given_as_it_is() -> None:
    assert _for_pagefind(PAGE, {}) == PAGE
    no_main = PAGE.replace('role="main" id', "id")
    assert _for_pagefind(no_main, {"clause-6-7": "paragraph 6.7"}) == no_main
