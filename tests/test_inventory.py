"""This site's clauses cited from outside: by another Sphinx project through intersphinx and the ``objects.inv`` Sphinx
writes."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import SNIPPET_CONF, Build, assert_fails_at, sphinx_build

PROTOCOL = """
# Access to information

:::{clause} 6.7
The exercise of this common law right depends upon the Member's Need to Know.
:::

:::{clause} 6.8
A Member who asks to see personal information will be expected to justify it.
:::

::::{clause} 6.9 Party groups
A Member of one party group has no Need to Know another group's papers:

:::{clause} (1)
Not even when the Council holds them.
:::
::::
"""


def _project(folder: Path, pages: dict[str, str], conf: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "conf.py").write_text(SNIPPET_CONF + textwrap.dedent(conf), encoding="utf-8")
    for name, text in pages.items():
        (folder / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.md").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture
def this_site(tmp_path: Path) -> Build:
    """A small site with clauses, as this site: its HTML build writes objects.inv."""
    source = _project(tmp_path / "protocol", {"index": PROTOCOL}, 'project = "Protocol"\n')
    built = sphinx_build(source, tmp_path / "protocol-html", "-b", "html")
    assert built.status == 0, built.warnings
    assert (built.outdir / "objects.inv").is_file()
    return built


def _other_part(tmp_path: Path, site: Build, text: str, *args: str) -> Build:
    """Another Part of the Constitution, another Sphinx project, citing *site* through intersphinx (no network: the
    mapping points at the folder it was built in)."""
    conf = f"""
        extensions.append("sphinx.ext.intersphinx")
        intersphinx_mapping = {{"protocol": ({str(site.outdir)!r}, None)}}
    """
    source = _project(tmp_path / "part-4", {"index": f"# Part 4\n\n{text}\n"}, conf)
    return sphinx_build(source, tmp_path / "part-4-html", "-b", "html", *args)


def _links(result: Build) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in result.main().select("p a.reference")]


def test_another_project_cites_a_clause_through_intersphinx(this_site: Build, tmp_path: Path) -> None:
    result = _other_part(tmp_path, this_site, "See {clause}`6.7` and {clause}`the rule on groups <6.9(1)>`.")
    assert result.status == 0, result.warnings
    assert _links(result) == [
        ("paragraph 6.7", f"{this_site.outdir}/index.html#clause-6-7"),
        ("the rule on groups", f"{this_site.outdir}/index.html#clause-6-9-1"),
    ]
    assert result.main().select_one("a.reference.external")["title"] == "(in Protocol)"


def test_another_project_cites_a_range_and_a_list_through_intersphinx(this_site: Build, tmp_path: Path) -> None:
    result = _other_part(tmp_path, this_site, "See {clause}`6.7 to 6.9` and {clause}`6.8 and 6.9(1)`.")
    assert result.status == 0, result.warnings
    assert "See paragraphs 6.7 to 6.9 and paragraphs 6.8 and 6.9(1)." in result.main().get_text()
    assert [(text, href.rpartition("#")[2]) for text, href in _links(result)] == [
        ("6.7", "clause-6-7"),
        ("6.9", "clause-6-9"),
        ("6.8", "clause-6-8"),
        ("6.9(1)", "clause-6-9-1"),
    ]


def test_an_inventory_may_be_named_before_the_number(this_site: Build, tmp_path: Path) -> None:
    result = _other_part(tmp_path, this_site, "See {clause}`protocol:6.8`.")
    assert result.status == 0, result.warnings
    assert _links(result) == [("paragraph 6.8", f"{this_site.outdir}/index.html#clause-6-8")]


@pytest.mark.parametrize("nitpicky", [(), ("-n",)], ids=["plain", "nitpicky"])
def test_a_clause_neither_site_has_is_reported_once_as_unknown(
    this_site: Build, tmp_path: Path, nitpicky: tuple[str, ...]
) -> None:
    result = _other_part(tmp_path, this_site, "See {clause}`6.7` and {clause}`6.99`.", *nitpicky)
    assert_fails_at(result, "index", 3, "unknown_clause", "no clause numbered 6.99")
    assert len(re.findall("WARNING", result.warnings)) == 1, result.warnings
    assert [text for text, _href in _links(result)] == ["paragraph 6.7"]


def test_a_site_without_intersphinx_reports_an_unknown_clause_once(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{clause} 1.1\nText.\n:::\n\nSee {clause}`6.99`.\n"}, args=("-n",))
    assert_fails_at(result, "index", 7, "unknown_clause", "no clause numbered 6.99")
    assert result.warnings.count("WARNING") == 1, result.warnings
    assert "reference target not found" not in result.warnings
