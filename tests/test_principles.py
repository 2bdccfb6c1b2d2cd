"""Principle sets: England's Seven Principles (the default), the Welsh and Scottish sets, a council's own set in a
TOML file; numbering, anchors, the roles, the mistakes, and rebuilds when the chosen set changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import assert_fails_at, assert_stops_on_configuration, html_pages, sphinx_build
from sphinx_constitution.engine.datafiles import DataMistake
from sphinx_constitution.model.principles.sets import DATA, PACKAGE_SETS, package_set, parse_set

NAMES = ["selflessness", "integrity", "objectivity", "accountability", "openness", "honesty", "leadership"]
ALL = "# P\n\n:::{principles}\n:::\n"


def items(page) -> list:
    return page.select("ol.con-principles > li")


def wording(item) -> tuple[str, str]:
    """A list item's principle name (in bold) and its wording, as a reader sees them."""
    name = item.find("strong").get_text()
    return name, item.get_text().removeprefix(name).removeprefix(": ")


# -- England: the default, unchanged ---------------------------------------------------------------------------------


def test_england_all_seven_in_canonical_order_with_anchors_and_wording(build_snippet) -> None:
    result = build_snippet({"index": ALL})
    assert result.status == 0, result.warnings
    found = items(result.main())
    assert [li["id"] for li in found] == [f"principle-{name}" for name in NAMES]
    assert not found[0].parent.has_attr("start")  # numbered from 1
    assert wording(found[5]) == ("Honesty", "Holders of public office should be truthful.")
    assert wording(found[6])[1].endswith("challenge poor behaviour wherever it occurs.")
    assert [p.id for p in package_set("england").principles] == NAMES


def test_nolan_principles_is_the_same_directive_under_its_older_name(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{nolan-principles}\n:::\n"})
    assert result.status == 0, result.warnings
    assert [wording(li) for li in items(result.main())] == [(p.name, p.text) for p in package_set("england").principles]


def test_a_subset_keeps_each_principles_number_from_the_whole_set(build_snippet) -> None:
    source = (
        "# P\n\n:::{principles}\n:principles: openness, integrity\n:no-descriptions:\n:::\n\n"
        "Be open: {principle}`openness`, {principle}`Being honest <honesty>`.\n\n"
        "```{toctree}\nall\nrun\n```\n"
    )
    run = "# Run\n\n:::{principles}\n:principles: objectivity, accountability\n:no-index:\n:::\n"
    result = build_snippet({"index": source, "all": "# All\n\n:::{principles}\n:no-index:\n:::\n", "run": run})
    assert result.status == 0, result.warnings
    page = result.main()
    listing = page.select_one("ol.con-principles")
    assert listing["start"] == "2"  # "2. Integrity", "5. Openness": the numbers of the whole list
    assert [(li["value"], li.get_text(strip=True)) for li in items(page)] == [("2", "Integrity"), ("5", "Openness")]
    links = page.select("p a.reference.internal")
    assert [(a.get_text(), a["href"]) for a in links] == [("Openness", "#principle-openness")]
    assert "Being honest" in page.get_text()  # honesty is set out nowhere with an anchor: plain text
    assert result.main("all").select("ol.con-principles > li[id]") == []  # :no-index: sets no anchors
    run_list = result.main("run").select_one("ol.con-principles")  # a run without a gap: "3. Objectivity" …
    assert run_list["start"] == "3" and [li["value"] for li in items(result.main("run"))] == ["3", "4"]
    assert "style" not in run_list.select_one("li").attrs  # the CSS that says the number is for the PDFs only


def test_a_subset_keeps_its_numbers_in_the_text_builder(build_snippet) -> None:
    result = build_snippet(
        {"index": "# P\n\n:::{principles}\n:principles: integrity, openness\n:no-descriptions:\n:::\n"}, builder="text"
    )
    assert result.status == 0, result.warnings
    assert re.findall(r"(?m)^(\d)\. \*\*(\w+)", result.text()) == [("2", "Integrity"), ("5", "Openness")]


def test_an_unknown_principle_in_a_role_fails_naming_file_and_line_and_the_set(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n:::{principles}\n:::\n\nBe {principle}`kindness`.\n"}, builder="dummy")
    assert_fails_at(
        result,
        "index",
        6,
        "unknown_principle",
        "not one of the Seven Principles of Public Life: kindness (its principles: selflessness, integrity,",
    )


def test_an_unknown_principle_in_the_option_fails_naming_file_and_line(build_snippet) -> None:
    result = build_snippet(
        {"index": "# P\n\nIntro.\n\n:::{principles}\n:principles: honesty, candour\n:::\n"}, builder="dummy"
    )
    assert_fails_at(result, "index", 5, "unknown_principle", "candour")


@pytest.mark.parametrize(
    "option", [":principles:", ":principles: ,", ":principles: , ,  ,"], ids=["empty", "comma", "commas"]
)
def test_a_principles_option_that_names_none_fails_rather_than_showing_nothing(build_snippet, option: str) -> None:
    result = build_snippet({"index": f"# P\n\nIntro.\n\n:::{{principles}}\n{option}\n:::\n"}, builder="dummy")
    assert_fails_at(result, "index", 5, "unknown_principle", ":principles: names no principle: name those to set out")


def test_setting_out_the_principles_twice_with_anchors_fails(build_snippet) -> None:
    result = build_snippet(
        {"index": "# P\n\n:::{principles}\n:::\n\n:::{principles}\n:principles: honesty\n:::\n"}, builder="dummy"
    )
    assert_fails_at(result, "index", 6, "duplicate_principles", "add :no-index:")


def test_the_set_title_and_source_follow_the_configuration(build_snippet) -> None:
    source = "# P\n\n## {principle-set}`title`\n\nAs set out by {principle-set}`source`:\n\n:::{principles}\n:::\n"
    result = build_snippet({"index": source})
    assert result.status == 0, result.warnings
    page = result.main()
    assert page.select_one("h2").get_text(strip=True).startswith("The Seven Principles of Public Life")
    cited = page.select_one("p a.reference.external")
    assert cited.get_text() == "The Seven Principles of Public Life, Committee on Standards in Public Life"
    assert cited["href"] == package_set("england").url


def test_principle_set_asks_for_title_or_source(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nThe {principle-set}`name`.\n"}, builder="dummy")
    assert_fails_at(result, "index", 3, "unknown_principle", "write {principle-set}`title` or {principle-set}`source`")


# -- Wales and Scotland: the package's own sets, as far as they go ---------------------------------------------------

WALES = 'constitution_principles = "wales"\n'
SCOTLAND = 'constitution_principles = "scotland"\n'
WELSH_HELD = ["selflessness", "honesty", "integrity-and-propriety", "duty-to-uphold-the-law", "stewardship"]


def test_a_welsh_site_sets_out_the_welsh_principles_in_their_wording(build_snippet) -> None:
    source = (
        "# P\n\n## {principle-set}`title`\n\n"
        f":::{{principles}}\n:principles: {', '.join(WELSH_HELD)}\n:::\n\n"
        "Use resources well ({principle}`stewardship`).\n"
    )
    result = build_snippet({"index": source}, conf=WALES)
    assert result.status == 0, result.warnings
    page = result.main()
    assert page.select_one("h2").get_text(strip=True).startswith("The ten principles of conduct (Wales)")
    found = items(page)
    assert [li["id"] for li in found] == [f"principle-{name}" for name in WELSH_HELD]
    welsh = package_set("wales")
    assert [wording(li) for li in found] == [(welsh.get(n).name, welsh.get(n).text) for n in WELSH_HELD]
    assert wording(found[4]) == (
        "Stewardship",
        "In discharging their duties and responsibilities members must ensure that their authority’s resources "
        "are used both lawfully and prudently.",
    )  # paragraph 5 of the Schedule, as legislation.gov.uk gives it
    link = page.select_one("p a.reference.internal")
    assert (link.get_text(), link["href"]) == ("Stewardship", "#principle-stewardship")


def test_an_english_principle_not_in_the_welsh_set_is_refused_at_its_line(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nAct with {principle}`integrity`.\n"}, conf=WALES, builder="dummy")
    assert_fails_at(
        result,
        "index",
        3,
        "unknown_principle",
        "not one of the ten principles of conduct (Wales): integrity (its principles: selflessness, honesty, "
        "integrity-and-propriety,",
    )


def test_a_set_that_does_not_hold_every_principle_cannot_be_set_out_whole(build_snippet) -> None:
    result = build_snippet({"index": ALL}, conf=WALES, builder="dummy")
    assert_fails_at(result, "index", 3, "incomplete_principles", "the set holds 6 of the 10 principles of")


def test_a_scottish_site_sets_out_the_nine_key_principles_by_name(build_snippet) -> None:
    source = "# P\n\n:::{principles}\n:no-descriptions:\n:::\n\nServe the public ({principle}`duty`).\n"
    result = build_snippet({"index": source}, conf=SCOTLAND)
    assert result.status == 0, result.warnings
    found = items(result.main())
    assert [li["id"] for li in found] == [f"principle-{p.id}" for p in package_set("scotland").principles]
    assert [li.get_text(strip=True) for li in found][4] == "Accountability and Stewardship"
    assert len(found) == 9


def test_a_principle_whose_wording_the_set_does_not_hold_needs_no_descriptions(build_snippet) -> None:
    result = build_snippet({"index": ALL}, conf=SCOTLAND, builder="dummy")
    assert_fails_at(result, "index", 3, "incomplete_principles", "does not hold the wording of duty, selflessness")


@pytest.mark.parametrize("name", PACKAGE_SETS)
def test_the_package_sets_are_read_without_a_mistake(name: str) -> None:
    path = DATA / f"{name}.toml"
    found, mistakes = parse_set(path.read_text("utf-8"), path)
    assert mistakes == []
    assert found.title and found.source and found.url.startswith("https://")
    assert all(p.text or name != "england" for p in found.principles)  # England's is whole, and worded


# -- a council's own set ---------------------------------------------------------------------------------------------

OWN = """
title = "The principles of conduct of Northshire"
source = "Northshire Council, Members' Code of Conduct, Part 1"
url = "https://example.org/code"

[[principle]]
id = "service"
name = "Service"
text = \"\"\"Members serve the whole community
of Northshire.\"\"\"

[[principle]]
id = "candour"
name = "Candour"
text = "Members say what they know."
"""
OWN_CONF = 'constitution_principles = "_data/principles.toml"\n'


def test_a_councils_own_set_is_set_out_and_cited(build_snippet) -> None:
    source = "# P\n\n## {principle-set}`title`\n\n:::{principles}\n:::\n\nBe frank ({principle}`candour`).\n"
    result = build_snippet({"index": source}, conf=OWN_CONF, files={"src/_data/principles.toml": OWN})
    assert result.status == 0, result.warnings
    page = result.main()
    assert [wording(li) for li in items(page)] == [
        ("Service", "Members serve the whole community of Northshire."),
        ("Candour", "Members say what they know."),
    ]
    assert [li["id"] for li in items(page)] == ["principle-service", "principle-candour"]
    assert page.select_one("h2").get_text(strip=True).startswith("The principles of conduct of Northshire")
    assert page.select_one("p a.reference.internal")["href"] == "#principle-candour"


def test_a_count_mistyped_enormous_is_a_warning_not_a_crash(build_snippet) -> None:
    """``count`` is the council's data: whether the set is whole is counted, never listed up to it."""
    own = OWN.replace("title = ", "count = 100000000000\ntitle = ", 1)
    source = "# P\n\n:::{principles}\n:::\n"
    result = build_snippet({"index": source}, conf=OWN_CONF, files={"src/_data/principles.toml": own})
    assert_fails_at(result, "index", 3, "incomplete_principles", "the set holds 2 of the 100000000000 principles")
    assert result.status == 1, "a warning, not Sphinx's crash report"


OWN_MISTAKES = [
    ('title = "T"\nsource = "S"\n\n[[principle]\nid = "x"\n', 4, "not valid TOML"),
    ('source = "S"\n\n[[principle]]\nid = "x"\nname = "X"\n', 1, 'the set needs a title (title = "...")'),
    ('title = "T"\nsource = 3\n\n[[principle]]\nid = "x"\nname = "X"\n', 2, "the set's source must be text in quotes"),
    ('title = "T"\nsource = "S"\nurl = "javascript:alert(1)"\n', 3, "the set's url 'javascript:alert(1)' is not"),
    (
        'title = "T"\nsource = "S"\nurl = "https://gov.wales@other.example/"\n',
        3,
        "the set's url 'https://gov.wales@other.example/' is not an http or https address (https://...) (a browser "
        "opens 'other.example'",
    ),
    ('title = "T"\nsource = "S"\ntitel = "U"\n', 3, "'titel' is not part of a principle set"),
    ('title = "T"\nsource = "S"\n', 1, "the set has no [[principle]] tables"),
    ('title = "T"\nsource = "S"\nprinciple = "x"\n', 3, "'principle' must be [[principle]] tables"),
    ('title = "T"\nsource = "S"\ncount = 0\n\n[[principle]]\nid = "x"\nname = "X"\n', 3, "count is how many"),
    ('title = "T"\nsource = "S"\n\n[[principle]]\nid = "x"\n', 5, "principle 1 lacks name"),
    ('title = "T"\nsource = "S"\n\n[[principle]]\nid = "x"\nname = 5\n', 6, "principle 'x': name must be text"),
    (
        'title = "T"\nsource = "S"\n\n[[principle]]\nid = "x"\nname = "X"\ntext = ""\n',
        7,
        "principle 'x' has an empty text",
    ),
    (
        'title = "T"\nsource = "S"\n\n[[principle]]\nid = "x"\nname = "X"\nwording = "W"\n',
        7,
        "principle 'x' has unknown fields",
    ),
    (
        'title = "T"\nsource = "S"\n\n[[principle]]\nid = "Due Care"\nname = "X"\n',
        5,
        "principle id 'Due Care' must be lower-case words joined by hyphens",
    ),
    (
        'title = "T"\nsource = "S"\n\n[[principle]]\nid = "x"\nname = "X"\n\n[[principle]]\nid = "x"\nname = "Y"\n',
        9,
        "principle id 'x' is listed twice",
    ),
    (
        'title = "T"\nsource = "S"\n\n[[principle]]\nid = "x"\nname = "X\\u0000"\n',
        6,
        "principle 'x': name holds the control character '\\x00'",
    ),
    ('title = "T\\u007f"\nsource = "S"\n', 1, "the set's title holds the control character '\\x7f'"),
    (
        'title = "T"\nsource = "S"\n\n[[principle]]\nid = "x"\nname = "\\u200b"\n',
        6,
        "principle 'x': name holds only characters a reader",
    ),
    ('title = "T\\u2066"\nsource = "S"\n', 1, "the set's title holds the invisible left-to-right isolate (U+2066)"),
    ('title = "T"\nsource = "S"\nurl = "https://example.org/\\r"\n', 3, "the set's url holds the control"),
    ('title = "T"\nsource = "S"\ncount = ' + "[" * 1000 + "]" * 1000 + "\n", 3, "lists or tables nested too deep"),
]


@pytest.mark.parametrize(("text", "line", "words"), OWN_MISTAKES, ids=[m[2] for m in OWN_MISTAKES])
def test_a_mistake_in_a_councils_set_names_the_line_to_fix(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "principles.toml"
    try:
        _found, mistakes = parse_set(text, path)
    except DataMistake as whole_file:
        mistakes = [whole_file]
    assert mistakes, "the mistake is found"
    assert str(mistakes[0]).startswith(f"{path}:{line}: {words}")


def test_a_mistake_in_a_councils_set_fails_the_build_at_its_line_not_with_a_python_error(
    build_snippet, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = OWN.replace('name = "Candour"', "name = 5")
    source = "# P\n\n:::{principles}\n:::\n\nServe ({principle}`service`).\n"
    result = build_snippet({"index": source}, conf=OWN_CONF, files={"src/_data/principles.toml": broken})
    err = capsys.readouterr().err
    assert result.status == 1
    where = f"{result.srcdir / '_data/principles.toml'}:14: WARNING: principle 'candour': name must be text in quotes"
    assert where in result.warnings
    assert "[constitution.bad_principles]" in result.warnings
    assert "incomplete_principles" not in result.warnings  # the file's mistake is the one reported
    assert not re.search(r"\b(Traceback|TypeError|KeyError|TOMLDecodeError)\b", err), err
    assert [li["id"] for li in items(result.main())] == ["principle-service"]  # the rest of the set still stands


def test_a_file_that_is_not_a_set_is_the_one_mistake_reported(build_snippet) -> None:
    source = "# P\n\n:::{principles}\n:::\n\nServe ({principle}`service`).\n"
    result = build_snippet({"index": source}, conf=OWN_CONF, files={"src/_data/principles.toml": "[[principle]\n"})
    assert result.status == 1
    assert re.findall(r": WARNING: (.*)", result.warnings) == [
        "not valid TOML: Expected ']]' at the end of an array declaration (column 12) [constitution.bad_principles]"
    ]  # not one more warning for every citation
    assert "Serve (service)." in result.main().get_text()  # and the page is written


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ('"welsh"', "constitution_principles 'welsh' is not a principle set: name one of the package's"),
        ('"_data/missing.toml"', "constitution_principles '_data/missing.toml': there is no file"),
        ("7", "constitution_principles should be a text in quotes, not 7"),
    ],
)
def test_a_value_that_names_no_set_stops_the_build_naming_it(
    build_snippet, capsys: pytest.CaptureFixture[str], value: str, said: str
) -> None:
    result = build_snippet({"index": "# Page\n"}, conf=f"constitution_principles = {value}\n")
    assert_stops_on_configuration(result, capsys, said)


# -- rebuilds: a change of set reads every page again, as a clean build would -------------------------------------

CONF = """
extensions = ["myst_parser", "sphinx_constitution.model.principles"]
myst_enable_extensions = ["colon_fence"]
constitution_principles = "principles.toml"
"""
PAGES = {
    "index": "# P\n\n```{toctree}\n" + "\n".join(f"p{n}" for n in range(6)) + "\n```\n\n:::{principles}\n:::\n",
    **{f"p{n}": f"# Page {n}\n\nBe frank ({{principle}}`candour`): {{principle-set}}`title`.\n" for n in range(6)},
}


def _project(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "principles.toml").write_text(OWN, encoding="utf-8")
    for name, text in PAGES.items():
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def test_an_edited_set_reads_every_page_again_as_a_clean_build_does(tmp_path: Path) -> None:
    src = _project(tmp_path / "src")
    first = sphinx_build(src, tmp_path / "out", "-b", "html")
    assert first.status == 0, first.warnings
    edited = OWN.replace("Members say what they know.", "Members say all they know.").replace(
        "Northshire", "Southshire"
    )
    (src / "principles.toml").write_text(edited, encoding="utf-8")
    again = sphinx_build(src, tmp_path / "out", "-b", "html")
    clean = sphinx_build(src, tmp_path / "clean", "-E", "-b", "html")
    assert again.status == clean.status == 0, again.warnings
    assert "Members say all they know." in again.main().get_text()
    assert "The principles of conduct of Southshire" in again.main("p3").get_text()  # a page not edited
    assert html_pages(again.outdir) == html_pages(clean.outdir)


def test_another_set_chosen_reads_every_page_again(tmp_path: Path) -> None:
    src = _project(tmp_path / "src")
    assert sphinx_build(src, tmp_path / "out", "-b", "html").status == 0
    (src / "p2.md").write_text("# Page 2\n\nServe the public ({principle}`duty`).\n", encoding="utf-8")
    again = sphinx_build(src, tmp_path / "out", "-b", "html", "-D", "constitution_principles=scotland")
    assert again.status == 1  # the other pages cite candour, which Scotland's set does not have: each is reported
    assert "p3.md:3: WARNING: not one of the nine key principles of public life in Scotland: candour" in again.warnings
    assert "The nine key principles of public life in Scotland" in again.main("p3").get_text()  # not edited
    assert "Serve the public (Duty)." in again.main("p2").get_text()


def test_parallel_readers_give_the_serial_build(tmp_path: Path) -> None:
    src = _project(tmp_path / "src")
    serial = sphinx_build(src, tmp_path / "serial", "-b", "html")
    parallel = sphinx_build(src, tmp_path / "parallel", "-j", "2", "-b", "html")
    assert serial.status == parallel.status == 0, parallel.warnings
    assert html_pages(parallel.outdir) == html_pages(serial.outdir)


def test_a_councils_set_not_saved_as_utf8_is_reported_once_at_its_line(build_snippet, capsys) -> None:
    broken = OWN.replace("Candour", "Candeur").encode("utf-8").replace(b"Candeur", b"Cand\xe9ur")
    source = "# P\n\n:::{principles}\n:::\n"
    result = build_snippet({"index": source}, conf=OWN_CONF, files={"src/_data/principles.toml": broken})
    err = capsys.readouterr().err
    assert result.status == 1
    where = f"{result.srcdir / '_data/principles.toml'}:14: WARNING: not UTF-8 text: byte 0xe9 at column 13"
    assert where in result.warnings
    assert result.warnings.count("not UTF-8") == 1  # read with the configuration, and again to see if it changed
    assert "Traceback" not in err
