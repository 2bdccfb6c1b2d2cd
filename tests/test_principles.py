"""The Seven Principles of Public Life: canonical wording, anchors, subsets, the role, and mistakes."""

from __future__ import annotations

from conftest import assert_fails_at
from sphinx_constitution.model.principles import PRINCIPLES

NAMES = ["selflessness", "integrity", "objectivity", "accountability", "openness", "honesty", "leadership"]


def test_all_seven_in_canonical_order_with_anchors_and_wording(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{nolan-principles}\n:::\n"})
    assert result.status == 0, result.warnings
    items = result.main().select("ol.con-principles > li")
    assert [li["id"] for li in items] == [f"principle-{name}" for name in NAMES]
    assert items[5].get_text(" ", strip=True) == "Honesty : Holders of public office should be truthful."
    assert "challenge poor behaviour wherever it occurs" in items[6].get_text()
    assert list(PRINCIPLES) == NAMES


def test_a_subset_without_descriptions_and_the_role(build_snippet) -> None:
    source = (
        "# P\n\n:::{nolan-principles}\n:principles: openness, integrity\n:no-descriptions:\n:::\n\n"
        "Be open: {principle}`openness`, {principle}`Being honest <honesty>`.\n\n"
        "```{toctree}\nall\n```\n"
    )
    result = build_snippet({"index": source, "all": "# All\n\n:::{nolan-principles}\n:no-index:\n:::\n"})
    assert result.status == 0, result.warnings
    page = result.main()
    items = page.select("ul.con-principles > li")
    assert [li.get_text(strip=True) for li in items] == ["Integrity", "Openness"]  # canonical order
    links = page.select("p a.reference.internal")
    assert [(a.get_text(), a["href"]) for a in links] == [("Openness", "#principle-openness")]
    assert "Being honest" in page.get_text()  # honesty is set out nowhere with an anchor: plain text
    assert result.main("all").select("ol.con-principles > li[id]") == []  # :no-index: sets no anchors


def test_unknown_principle_in_a_role_fails_naming_file_and_line(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{nolan-principles}\n:::\n\nBe {principle}`kindness`.\n"})
    assert_fails_at(result, "index", 6, "unknown_principle", "not a Principle of Public Life: kindness")


def test_unknown_principle_in_the_option_fails_naming_file_and_line(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nIntro.\n\n:::{nolan-principles}\n:principles: honesty, candour\n:::\n"})
    assert_fails_at(result, "index", 5, "unknown_principle", "candour")


def test_setting_out_the_principles_twice_with_anchors_fails(build_snippet) -> None:
    result = build_snippet(
        {"index": "# P\n\n:::{nolan-principles}\n:::\n\n:::{nolan-principles}\n:principles: honesty\n:::\n"}
    )
    assert_fails_at(result, "index", 6, "duplicate_principles", "add :no-index:")
