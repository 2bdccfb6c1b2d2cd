"""An edition moves as written: an older edition's labels and principles' listing are its own, with no edit by hand.

Two editions of one snippet document hold the same labels and each sets out the principles, as an edition copied
from ``protocol/`` to ``editions/<id>/`` does; the headings the labels stand on differ, so a reference's link text
says which edition's label it reached.
"""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import pytest
from conftest import (
    Build,
    assert_fails_at,
    assert_stops_on_configuration,
    build_project,
    edit_page,
    html_pages,
    sphinx_build,
)

EDITIONS = 'extensions += ["sphinx_constitution.model.editions", "sphinx_constitution.engine.rebuild"]\nnumfig = True\n'
TWO_EDITIONS = EDITIONS + 'constitution_editions = {"2027": "new", "2026": "old"}\n'


def principles_page(heading: str) -> str:
    table = f":::{{table}} Roles in {heading.lower()}\n:name: roles\n\n| Who | Does |\n|---|---|\n| A | B |\n:::\n"
    return f"# Principles\n\n(principle-1)=\n## {heading}\n\n:::{{nolan-principles}}\n:::\n\n{table}"


def edition_index(name: str) -> str:
    return f"# {name}\n\n```{{toctree}}\nprinciples\nciting\n```\n"


# The page that cites the labels is not the one whose toctree lists the principles, which Sphinx writes again itself.
CITING = (
    "# Citing\n\nSee {ref}`principle-1`, {ref}`the glossary <glossary-terms>` and {principle}`openness`.\n\n"
    "Or [the first](#principle-1), and {numref}`{name} <roles>`.\n"
)


PAGES = {
    "index": (
        "# Home\n\n```{toctree}\nnew/index\nold/index\nglossary\n```\n\n"
        "See {ref}`principle-1`, {ref}`2026:principle-1`, {numref}`{name} <2026:roles>` and {principle}`openness`.\n"
    ),
    "glossary": "(glossary-terms)=\n# Glossary\n\nWords.\n",
    "new/index": edition_index("The 2027 edition"),
    "new/principles": principles_page("Ethical conduct"),
    "new/citing": CITING,
    "old/index": edition_index("The 2026 edition"),
    "old/principles": principles_page("Ethical behaviour"),
    "old/citing": CITING,
}


def links(result: Build, page: str) -> list[tuple[str, str]]:
    """The links in the page's own words (not its status banner's)."""
    return [
        (a.get_text(), a["href"])
        for a in result.main(page).select("p a.reference")
        if not a.find_parent(class_="con-status")
    ]


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The two editions built once, for the tests that only read what the build wrote."""
    return build_project(tmp_path_factory.mktemp("two-editions"), PAGES, conf=TWO_EDITIONS)


@pytest.fixture
def editable(build_snippet) -> Build:
    """The two editions built for a test of its own, which edits them and builds again."""
    return build_snippet(PAGES, conf=TWO_EDITIONS)


def test_each_edition_references_its_own_labels_and_principles(two_editions: Build) -> None:
    assert two_editions.status == 0, two_editions.warnings
    assert two_editions.warnings == ""
    listing = ("Openness", "principles.html#principle-openness")
    glossary = ("the glossary", "../glossary.html#glossary-terms")  # a label the old edition lacks: the glossary's
    assert links(two_editions, "new/citing") == [
        ("Ethical conduct", "principles.html#principle-1"),
        glossary,
        listing,
        ("the first", "principles.html#principle-1"),
        ("Roles in ethical conduct", "principles.html#roles"),
    ]
    assert links(two_editions, "old/citing") == [
        ("Ethical behaviour", "principles.html#principle-1"),
        glossary,
        listing,  # its own listing, not the current edition's (../new/principles.html)
        ("the first", "principles.html#principle-1"),
        ("Roles in ethical behaviour", "principles.html#roles"),
    ]
    assert links(two_editions, "index") == [
        ("Ethical conduct", "new/principles.html#principle-1"),  # outside the editions: the current edition's label
        ("Ethical behaviour", "old/principles.html#principle-1"),  # the old one, by its scoped name
        ("Roles in ethical behaviour", "old/principles.html#roles"),
        ("Openness", "new/principles.html#principle-openness"),
    ]


def test_without_the_rule_the_copied_edition_is_a_duplicate_of_every_label_and_principle(build_snippet) -> None:
    """The guard: the same pages, with the old folder not listed as an edition, are what a moved edition was before
    (README, Status and editions, told the editor to rename its labels and add :no-index: by hand)."""
    result = build_snippet(PAGES, conf=EDITIONS + 'constitution_editions = {"2027": "new"}\n', builder="dummy")
    assert "WARNING: duplicate label principle-1" in result.warnings
    assert "the principle 'selflessness' is already set out" in result.warnings


def test_an_older_editions_labels_keep_their_anchors_and_reach_objects_inv_under_its_scope(two_editions: Build) -> None:
    heading = two_editions.main("old/principles").select_one("section#principle-1 h2")
    assert heading.get_text().startswith("Ethical behaviour")  # the anchor as written: links made to it still land
    data = (two_editions.outdir / "objects.inv").read_bytes()
    lines = zlib.decompress(data.split(b"\n", 4)[4]).decode("utf-8").splitlines()
    labels = sorted(line for line in lines if " std:label " in line and "principle-1" in line)
    assert labels == [
        "2026:principle-1 std:label -1 old/principles.html#principle-1 Ethical behaviour",
        "principle-1 std:label -1 new/principles.html#$ Ethical conduct",
    ]
    principles = [line for line in lines if line.startswith("openness principle:principle")]
    assert principles == ["openness principle:principle 1 new/principles.html#principle-$ Openness"]


def test_no_index_still_leaves_an_older_editions_listing_without_anchors(build_snippet) -> None:
    pages = {**PAGES, "old/principles": PAGES["old/principles"].replace("}\n:::", "}\n:no-index:\n:::")}
    result = build_snippet(pages, conf=TWO_EDITIONS)
    assert result.status == 0, result.warnings
    assert result.main("old/principles").select("ol.con-principles > li[id]") == []
    assert ("Openness", "../new/principles.html#principle-openness") in links(result, "old/citing")


@pytest.mark.parametrize("readers", ["1", "2"])
def test_an_incremental_build_equals_a_clean_one_when_an_older_editions_label_changes(
    editable: Build, tmp_path: Path, readers: str
) -> None:
    """The standard domain forgets the old page's scoped labels when it is read again (its ``clear_doc``), ``-j 2``
    readers' labels merge under their scoped names, and the page citing the label is written again with its new
    title (the index of who cites what notes it as citing the scoped name)."""
    edit_page(editable, "old/principles", "## Ethical behaviour", "## Ethical behaviour of old")
    again = sphinx_build(editable.srcdir, editable.outdir, "-j", readers, "-b", "html")
    clean_src = tmp_path / "clean" / "src"
    shutil.copytree(editable.srcdir, clean_src)
    clean = sphinx_build(clean_src, tmp_path / "clean" / "out", "-b", "html")
    assert again.warnings == clean.warnings == ""
    assert ("Ethical behaviour of old", "principles.html#principle-1") in links(again, "old/citing")
    assert html_pages(again.outdir) == html_pages(clean.outdir)


def test_an_incremental_build_links_an_older_editions_listing_once_it_is_set_out(editable: Build) -> None:
    """A page that cites a principle is written again when its edition's listing comes (or goes), though the site's
    listing, the one ``objects.inv`` knows, has not changed."""
    edit_page(editable, "old/principles", ":::{nolan-principles}\n", ":::{nolan-principles}\n:no-index:\n")
    without = sphinx_build(editable.srcdir, editable.outdir, "-b", "html")
    assert ("Openness", "../new/principles.html#principle-openness") in links(without, "old/citing")
    edit_page(editable, "old/principles", ":no-index:\n", "")
    again = sphinx_build(editable.srcdir, editable.outdir, "-b", "html")
    assert ("Openness", "principles.html#principle-openness") in links(again, "old/citing")


# -- mistakes an editor can make when moving an edition ------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "adopted"])
def test_a_moved_edition_that_still_says_it_is_in_force_fails_at_its_status(build_snippet, state: str) -> None:
    """The order of ``constitution_editions`` says the old edition is superseded; a banner saying "Draft" or
    "Adopted" on it would be a silent wrong page."""
    pages = {**PAGES, "old/index": PAGES["old/index"].replace("\n\n", f"\n\n:::{{status}} {state}\n:::\n\n", 1)}
    result = build_snippet(pages, conf=TWO_EDITIONS)
    message = f"the 2026 edition says it is {state}, but constitution_editions lists '2027' first"
    assert_fails_at(result, "old/index", 3, "bad_status", message)
    banner = result.main("old/index").select_one(".con-status-superseded")  # the page still says what is true
    assert banner.get_text(" ").split()[0] == "Superseded."


@pytest.mark.parametrize(
    ("editions", "said"),
    [
        ('{"2027": "new", "2026": "new"}', "the editions '2027' ('new') and '2026' ('new') have the same folder"),
        ('{"2027": "new", "2026": "new/old"}', "have folders one inside the other"),
        ('{"2027": "new", "20:26": "old"}', "'20:26' cannot be an edition's id"),
        (
            '{"2027": "new", "compare": "old"}',
            "the edition 'compare' would be kept for good at 'editions/compare', where the comparisons of editions "
            "are published (editions/compare/<older>-to-<newer>)",
        ),
        (
            '{"2027": "new", "2026": "editions/2027"}',
            "the edition '2027' would be kept for good at 'editions/2027', where the edition '2026' has its pages",
        ),
    ],
)
def test_editions_that_share_a_folder_stop_the_build_naming_them(
    build_snippet, capsys: pytest.CaptureFixture[str], editions: str, said: str
) -> None:
    """Each page belongs to one edition: with two on one folder, its pages would silently be the first's."""
    result = build_snippet(PAGES, conf=EDITIONS + f"constitution_editions = {editions}\n")
    assert_stops_on_configuration(result, capsys, said)


@pytest.mark.parametrize(
    ("address", "kept", "compared"),
    [
        ("{edition}/protocol", "2026/protocol", "compare"),
        ("archive/v{edition}/text", "archive/v2026/text", "archive/compare"),
    ],
)
def test_the_comparisons_are_beside_the_editions_wherever_the_edition_address_puts_the_id(
    build_snippet, address: str, kept: str, compared: str
) -> None:
    """The comparisons of editions are published in the folder that holds the editions' own: with the id in a
    folder above the last, not in a folder named ``{edition}``."""
    conf = TWO_EDITIONS + f'constitution_edition_address = "{address}"\n'
    result = build_snippet(PAGES, conf=conf)
    assert result.status == 0, result.warnings
    assert (result.outdir / kept / "citing.html").is_file()
    assert (result.outdir / compared / "2026-to-2027.html").is_file()
    assert not [path for path in result.outdir.rglob("*") if "{" in path.name]


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("editions/current", "is not a folder of the site for each edition"),
        ("editions/../{edition}", "is not a folder of the site for each edition"),
        ("editions/{id}", "cannot be filled in ('id')"),
    ],
)
def test_an_edition_address_that_cannot_hold_each_edition_stops_the_build_naming_it(
    build_snippet, capsys: pytest.CaptureFixture[str], address: str, said: str
) -> None:
    result = build_snippet(PAGES, conf=TWO_EDITIONS + f'constitution_edition_address = "{address}"\n')
    assert result.status != 0
    error = capsys.readouterr().err
    assert f"constitution_edition_address {address!r} {said}" in error


def test_a_page_at_a_permanent_address_of_an_editions_page_fails_at_that_page(build_snippet) -> None:
    """The build writes, at the permanent address of each page of the current edition, a page forwarding to it
    (``editions/2027/citing`` for ``new/citing``): a page of the project there would be written over."""
    result = build_snippet({**PAGES, "editions/2027/citing": "# Mine\n\nWords.\n"}, conf=TWO_EDITIONS)
    assert_fails_at(result, "editions/2027/citing", 1, "edition_address", "where the page forwarding to 'new/citing'")


def test_an_incremental_build_removes_the_pages_it_wrote_for_an_edition_that_has_gone(two_editions: Build) -> None:
    """The package writes pages with no source (forwarding pages, a pair's comparison), which Sphinx never removes:
    when an edition goes, the next build removes the ones it wrote for it, and the folders that leaves empty, and
    nothing else."""
    out = two_editions.outdir
    gone = [
        out / "editions/compare/2026-to-2027.html",
        out / "editions/2026/index.html",
        out / "editions/2026/citing.html",
    ]
    staying = [out / "editions/2027/index.html", out / "editions/2027/citing.html"]
    assert all(page.is_file() for page in gone + staying)
    mine = out / "editions/2026/notes.txt"  # a file that someone put in the site: not the package's
    mine.write_text("kept", encoding="utf-8")
    src = two_editions.srcdir
    shutil.rmtree(src / "old")
    conf = (src / "conf.py").read_text(encoding="utf-8")
    (src / "conf.py").write_text(conf.replace(', "2026": "old"', ""), encoding="utf-8")
    index = (
        PAGES["index"]
        .replace("old/index\n", "")
        .replace(", {ref}`2026:principle-1`, {numref}`{name} <2026:roles>`", "")
    )
    (src / "index.md").write_text(index, encoding="utf-8")
    again = sphinx_build(src, out, "-b", "html")
    assert again.status == 0, again.warnings
    assert [page for page in gone if page.exists()] == []
    assert not (out / "editions/compare").exists()  # it held the one comparison, and nothing else
    assert all(page.is_file() for page in staying)
    assert mine.read_text(encoding="utf-8") == "kept"  # and its folder with it


ANY = TWO_EDITIONS + 'constitution_content_markup = ["any"]\n'


def test_an_any_reference_reaches_its_own_editions_label_as_ref_does(build_snippet) -> None:
    """``{any}`` (refused in content unless ``conf.py`` allows it) finds a label as ``{ref}`` does (Sphinx's standard
    domain asks its ``ref`` for it), so on an older edition's page it reaches that edition's label, and from
    elsewhere the scoped name reaches it too."""
    citing = CITING + "\nAny: {any}`principle-1`.\n"
    index = PAGES["index"] + "\nAny: {any}`principle-1` and {any}`2026:principle-1`.\n"
    result = build_snippet({**PAGES, "index": index, "new/citing": citing, "old/citing": citing}, conf=ANY)
    assert result.warnings == ""
    assert links(result, "new/citing")[-1] == ("Ethical conduct", "principles.html#principle-1")
    assert links(result, "old/citing")[-1] == ("Ethical behaviour", "principles.html#principle-1")
    assert links(result, "index")[-2:] == [
        ("Ethical conduct", "new/principles.html#principle-1"),
        ("Ethical behaviour", "old/principles.html#principle-1"),
    ]
