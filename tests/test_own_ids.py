"""Content cannot take the ids the page's own elements use (engine/content.py, OWN_IDS): the previews' store, the
popovers, the search form, the drawers, the PDF's contents, and furo's and Sphinx's own (the menu icon, the skip
link's target, the navigation's branches, the search box). A label, a heading or a directive's ``:name:`` that would
take one fails the build at its line, and the page keeps the package's element as the only one with that id.
Without the guard (engine.content taken out) the author's element carries the id: the test of each guard."""

from __future__ import annotations

import pytest
from conftest import Build, assert_fails_at

CONF = 'extensions.append("sphinx_constitution.outputs.previews")\n'
GUARD_OFF = '\nextensions.remove("sphinx_constitution.engine.content")\n'
GLOSSARY = "\n```{glossary}\nMember\n  An elected councillor.\n```\n"
OWN = [
    "con-previews",  # previews.py's <template>: previews.js finds its store by it
    "con-preview-1",  # previews.js's popovers, which aria-describedby names
    "con-search-query",  # search.html's form
    "con-search-results",
    "con-pdf-contents-title",  # pdf.html's contents, aria-labelledby
    "con-toc-drawer",  # themefixes.js's drawers, aria-controls
    "searchbox",  # the sidebar's, where Sphinx's highlighting adds its link
    "search-results",
    "svg-menu",  # furo's icons, drawn with <use href="#svg-menu">
    "furo-main-content",  # the skip link's target
    "toggle-1",  # a branch of furo's navigation
    "document-other",  # the PDF's anchor of the page "other"
]


def tried(result: Build, id_: str, page: str = "index") -> list[str]:
    """The names of the elements on *page* that carry *id_*."""
    return [element.name for element in result.html(page).find_all(id=id_)]


def test_a_label_cannot_take_an_id_of_the_pages_own_elements(build_snippet) -> None:
    labels = "".join(f"({id_})=\n## Section {n}\n\nText.\n\n" for n, id_ in enumerate(OWN))
    page = f"# Page\n\nSee {{term}}`Member`.\n\n{labels}{GLOSSARY}"
    pages = {"index": page, "other": "# Other\n\n```{toctree}\n```\n"}
    result = build_snippet(pages, conf=CONF)
    for n, id_ in enumerate(OWN):
        assert_fails_at(result, "index", 5 + 5 * n, "reserved_id", f"the label {id_!r} would take the id {id_!r}")
        assert "section" not in tried(result, id_), "the package's element is the only one with the id"
    assert tried(result, "con-previews") == ["template"]
    assert "Traceback" not in result.warnings

    unguarded = build_snippet(pages, conf=CONF + GUARD_OFF, args=("-Q", "-E"))
    for id_ in OWN:
        assert "section" in tried(unguarded, id_), f"without the guard the author's section has {id_}"
    assert tried(unguarded, "con-previews")[0] == "section", "previews.js would find the author's section"


HEADINGS = [
    ("## Searchbox\n", "searchbox"),
    ("## SVG menu\n", "svg-menu"),
    ("```{note}\n:name: con-previews\n\nText.\n```\n", "con-previews"),
    (":::{table} Duties\n:name: furo-main-content\n\n| a |\n|---|\n| b |\n:::\n", "furo-main-content"),
]


def test_a_heading_or_a_name_cannot_take_one_either(build_snippet) -> None:
    source = "# Page\n\n" + "\n".join(block for block, _id in HEADINGS)
    result = build_snippet({"index": source})
    for line, (block, id_) in zip((3, 5, 7, 16), HEADINGS, strict=True):
        what = "this heading" if block.startswith("#") else f"the label {id_!r}"
        assert_fails_at(result, "index", line, "reserved_id", f"{what} would take the id {id_!r}")
        assert tried(result, id_) in ([], ["search"]), "the default theme's own search box is the only one"
    unguarded = build_snippet({"index": source}, conf=GUARD_OFF, args=("-Q", "-E"))
    for _block, id_ in HEADINGS:
        assert set(tried(unguarded, id_)) - {"search"}, f"without the guard the author's element has {id_}"


def test_a_heading_anchor_cannot_take_one(build_snippet) -> None:
    """MyST's heading anchors keep underscores: "## __toc" would be furo's box that opens the contents drawer."""
    result = build_snippet({"index": "# Page\n\n## __toc\n\nText.\n"}, conf="myst_heading_anchors = 3\n")
    assert_fails_at(result, "index", 3, "reserved_id", "this heading would take the id '__toc'")
    assert tried(result, "__toc") == []


def test_the_previews_keep_their_store_and_a_reference_to_a_refused_label_still_resolves(build_snippet) -> None:
    page = f"# Page\n\n{{ref}}`back <con-previews>` and {{term}}`Member`.\n\n(con-previews)=\n## Section\n{GLOSSARY}"
    result = build_snippet({"index": page}, conf=CONF)
    html = result.html()
    assert html.find(id="con-previews").name == "template"
    section = html.find("h2").find_parent("section")
    target = html.find(id=html.find("a", string="back")["href"].removeprefix("#"))
    assert target is section or target.parent is section


def test_ids_like_theirs_but_not_theirs_are_content_s(build_snippet) -> None:
    page = (
        "# Page\n\n(conduct)=\n## Conduct\n\n"
        "## Document retention\n\n"  # document- and words that name no page
        "## Console and screens\n\n## Toggle switches\n\n(svg)=\n## Search\n\n## Con\n"
    )
    result = build_snippet({"index": page})
    assert result.status == 0, result.warnings
    for id_ in ("conduct", "document-retention", "console-and-screens", "toggle-switches", "svg", "con"):
        assert tried(result, id_) == ["section"]


@pytest.mark.parametrize("name", ["search", "genindex"])
def test_a_page_cannot_take_the_name_of_a_page_the_site_makes(build_snippet, name: str) -> None:
    """A page ``search.md`` and the site's search page (``genindex.md`` and its index) are one file: one of them was
    lost without a word (Sphinx writes its own last; the site's search page, written first, was lost)."""
    pages = {"index": f"# Home\n\n```{{toctree}}\n{name}\n```\n", name: "# Mine\n\nThe author's page.\n"}
    result = build_snippet(pages)
    assert_fails_at(result, name, 1, "reserved_id", f"a page named {name!r} would take the place of the site's own")
    unguarded = build_snippet(pages, conf=GUARD_OFF, args=("-E",))
    assert unguarded.status == 0
    assert "The author's page." not in (unguarded.outdir / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("(clause-1-1)=\n## Other\n", 3, "the label 'clause-1-1' would take the id 'clause-1-1'"),
        ("## Clause 1.1\n", 3, "this heading would take the id 'clause-1-1'"),  # docutils' id for its title
    ],
    ids=["label", "heading"],
)
def test_a_label_or_heading_cannot_take_a_clauses_anchor(build_snippet, source: str, line: int, words: str) -> None:
    """Before, the page had two elements with the clause's id, and a link to the clause could open at the other."""
    page = "# P\n\n" + source + "\nText.\n\n:::{clause} 1.1\nWords.\n:::\n\nSee {clause}`1.1`.\n"
    result = build_snippet({"index": page})
    assert_fails_at(result, "index", line, "reserved_id", words)
    assert len(result.main().select('[id="clause-1-1"]')) == 1
    unguarded = build_snippet({"index": page}, conf=GUARD_OFF, args=("-E",))
    assert len(unguarded.main().select('[id="clause-1-1"]')) == 2
