"""This site's clauses cited from outside: by another Sphinx project through intersphinx and the ``objects.inv`` Sphinx
writes, and by any other tool through ``clauses.json``."""

from __future__ import annotations

import json
import re
import textwrap
import zlib
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


# -- what the data files put into objects.inv ----------------------------------------------------------------------

#: A name that, written as it is, would add a line of its own to objects.inv: an object pointing at another site.
FORGED = "Local Government Act 1972\nlga-1973 codes:code 1 https://evil.example/ Local Government Act 1973"


def _inventory(built: Build) -> list[str]:
    """The object lines of the site's objects.inv: after its four header lines, zlib-compressed."""
    data = (built.outdir / "objects.inv").read_bytes()
    return zlib.decompress(data.split(b"\n", 4)[4]).decode("utf-8").splitlines()


def test_a_line_break_in_a_register_title_stays_on_its_entrys_line_of_objects_inv(build_snippet) -> None:
    registry = f'[[code]]\nid = "lga-1972"\ntitle = """{FORGED}"""\nkind = "act"\n'
    pages = {"index": "# P\n\n```{toctree}\ncodes\n```\n\nUnder the {code-ref}`lga-1972`.\n"}
    pages["codes"] = "# Codes\n\n:::{codes-index}\n:::\n"
    result = build_snippet(pages, codes=registry)
    assert result.status == 0, result.warnings
    forged = [line for line in _inventory(result) if "evil.example" in line]
    assert forged == [f"lga-1972 codes:code 1 codes.html#code-$ {' '.join(FORGED.split())}"]


def test_a_line_break_in_a_principles_name_stays_on_its_line_of_objects_inv(build_snippet) -> None:
    own = f'title = "T"\nsource = "S"\n\n[[principle]]\nid = "candour"\nname = """{FORGED}"""\ntext = "Say it."\n'
    conf = 'constitution_principles = "_data/principles.toml"\n'
    source = "# P\n\n:::{principles}\n:::\n\nBe frank ({principle}`candour`).\n"
    result = build_snippet({"index": source}, conf=conf, files={"src/_data/principles.toml": own})
    assert result.status == 0, result.warnings
    forged = [line for line in _inventory(result) if "evil.example" in line]
    assert forged == [f"candour principle:principle 1 index.html#principle-$ {' '.join(FORGED.split())}"]


# -- clauses.json --------------------------------------------------------------------------------------------

CLAUSES_JSON = 'extensions.append("sphinx_constitution.outputs.clauses_json")\n'
EDITIONS = """
extensions.append("sphinx_constitution.model.editions")
constitution_editions = {"2026": "protocol", "2019": "old"}
constitution_status_today = "2026-11-23"
"""
HOME = "# Home\n\n```{toctree}\nprotocol/index\nold/index\n```\n"
COVER = """
# The protocol

:::{status} adopted
:adopted-by: Full Council
:::

```{toctree}
text
```
"""
OLD_COVER = """
# The protocol, 2019

:::{status} superseded
:superseded-by: protocol/index
:::

```{toctree}
text
```
"""
OLD = "# Access, 2019\n\n:::{clause} 6.7\nThe Member must show a Need to Know.\n:::\n"


def _clauses(result: Build) -> dict:
    assert result.status == 0, result.warnings
    return json.loads((result.outdir / "clauses.json").read_text(encoding="utf-8"))


def test_clauses_json_lists_every_clause_with_its_addresses_edition_and_status(build_snippet) -> None:
    pages = {
        "index": HOME,
        "protocol/index": COVER,
        "protocol/text": PROTOCOL,
        "old/index": OLD_COVER,
        "old/text": OLD,
    }
    result = build_snippet(pages, conf=CLAUSES_JSON + EDITIONS + 'project = "Protocol"\n')
    data = _clauses(result)
    assert {key: data[key] for key in ("format", "version", "project", "reference_prefix")} == {
        "format": "sphinx-constitution clauses",
        "version": 1,
        "project": "Protocol",
        "reference_prefix": "paragraph",
    }
    clauses = data["clauses"]
    assert [c["key"] for c in clauses] == ["6.7", "6.8", "6.9", "6.9(1)", "2019:6.7"]  # in reading order
    assert clauses[0] == {
        "key": "6.7",
        "number": "6.7",
        "scope": "",
        "id": "clause-6-7",
        "page": "protocol/text",
        "page_title": "Access to information",
        "url": "protocol/text.html#clause-6-7",
        "permanent_url": "editions/2026/text.html#clause-6-7",
        "edition": "2026",
        "status": "adopted",
        "text": "The exercise of this common law right depends upon the Member's Need to Know.",
    }
    groups = clauses[2]
    assert groups["text"].startswith("Party groups A Member of one party group")  # its heading, then its words
    assert "Not even" not in groups["text"]  # its sub-item is a clause of its own
    assert clauses[3]["text"] == "Not even when the Council holds them."
    old = clauses[4]
    assert (old["number"], old["scope"], old["edition"], old["status"]) == ("6.7", "2019", "2019", "superseded")
    assert (old["url"], old["permanent_url"]) == ("old/text.html#clause-6-7", "editions/2019/text.html#clause-6-7")
    for clause in clauses:  # each address is one the site has: the clause's page, and a page at its permanent address
        page, _hash, anchor = clause["url"].partition("#")
        assert f'id="{anchor}"' in (result.outdir / page).read_text(encoding="utf-8")
        assert (result.outdir / clause["permanent_url"].partition("#")[0]).is_file()


def test_clauses_json_without_editions_has_no_permanent_address_edition_or_status(build_snippet) -> None:
    data = _clauses(build_snippet({"index": PROTOCOL}, conf=CLAUSES_JSON))
    assert [(c["key"], c["url"]) for c in data["clauses"]][:2] == [
        ("6.7", "index.html#clause-6-7"),
        ("6.8", "index.html#clause-6-8"),
    ]
    assert {(c["permanent_url"], c["edition"], c["status"]) for c in data["clauses"]} == {(None, None, None)}


def test_clauses_json_follows_the_builder_and_is_not_in_a_pdf_or_text_build(build_snippet) -> None:
    data = _clauses(build_snippet({"index": PROTOCOL}, conf=CLAUSES_JSON, builder="dirhtml"))
    assert data["clauses"][0]["url"] == "#clause-6-7"  # dirhtml: the root page is the folder itself
    text = build_snippet({"index": PROTOCOL}, conf=CLAUSES_JSON, builder="text")
    assert text.status == 0, text.warnings
    assert not (text.outdir / "clauses.json").exists()


def test_the_whole_package_writes_clauses_json(build_snippet) -> None:
    data = _clauses(build_snippet({"index": PROTOCOL}, conf='extensions = ["myst_parser", "sphinx_constitution"]\n'))
    assert len(data["clauses"]) == 4
