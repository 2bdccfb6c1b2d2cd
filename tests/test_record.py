"""The decisions register: held against the editions' texts both ways, each mistake at its line, and the timeline."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import Build, assert_warns_at, build_project, html_pages, sphinx_build
from lxml import etree
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

CONF = (
    'extensions.append("sphinx_constitution.model.editions")\n'
    'constitution_editions = {"2027": "current", "2026": "editions/2026", "2019": "editions/2019"}\n'
    'constitution_decisions_register = "decisions.toml"\n'
)
RESPECT = "Members and officers treat one another with respect and courtesy at all times."
INFORMATION = "Officers give Members the information they need for their duties."
INSTRUCT = "Members do not instruct officers or ask them to act against their professional advice."
OLD_RULE = "Members may not telephone officers at home after nine in the evening on weekdays."
TEXTS = {  # each edition's clauses: 2026 amends 2 and repeals 4; 2027 substitutes 1 and inserts 4
    "editions/2019": [RESPECT, INFORMATION, INSTRUCT, OLD_RULE],
    "editions/2026": [RESPECT, INFORMATION.replace("duties", "duties as councillors"), INSTRUCT],
    "current": [
        "Everyone who works for the Council is treated fairly, whoever they work with.",
        INFORMATION.replace("duties", "duties as councillors"),
        INSTRUCT,
        "Officers tell the Monitoring Officer of any breach of this protocol that they see.",
    ],
}
REGISTER = """\
[[decision]]
id = "council-2019-05-15"
kind = "decision"
by = "Council"
minute = "Minute 9 (2019/20)"
adopted = 2019-05-15
in_force = 2019-05-15
edition = "2019"

[[decision]]
id = "council-2026-05-20"
kind = "decision"
by = "Annual Council"
minute = "Minute 12 (2026/27)"
minute_url = "https://example.gov.uk/minutes/2026-05-20"
adopted = 2026-05-20
in_force = 2026-06-01
edition = "2026"
effects = [
    { clause = "2", change = "amended" },
    { clause = "4", change = "repealed" },
]

[[decision]]
id = "council-2027-05-19"
kind = "decision"
by = "Annual Council"
minute = "Minute 8 (2027/28)"
adopted = 2027-05-19
in_force = 2027-06-01
edition = "2027"
summary = "A new first paragraph, and breaches reported."
effects = [
    { clause = "1", change = "substituted" },
    { clause = "4", change = "inserted" },
]
"""


def pages(texts: dict[str, list[str]] | None = None) -> dict[str, str]:
    texts = texts or TEXTS
    toctree = "current/index\neditions/2026/index\neditions/2019/index\ntimeline"
    found = {"index": f"# Home\n\n```{{toctree}}\n{toctree}\n```\n"}
    for folder, clauses in texts.items():
        state = "adopted" if folder == "current" else "superseded\n:superseded-by: current/index"
        body = "".join(f":::{{clause}} {n}\n{words}\n:::\n\n" for n, words in enumerate(clauses, 1))
        found[f"{folder}/index"] = (
            f"# The protocol ({folder})\n\n:::{{status}} {state}\n:::\n\n```{{toctree}}\nrules\n```\n"
        )
        found[f"{folder}/rules"] = f"# Rules\n\n{body}"
    found["timeline"] = "# Timeline\n\n:::{edition-timeline}\n:::\n"
    return found


def build(
    build_snippet, register: str = REGISTER, texts: dict[str, list[str]] | None = None, builder: str = "html"
) -> Build:
    return build_snippet(pages(texts), conf=CONF, files={"src/decisions.toml": register}, builder=builder)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The three editions and their register built once, for the tests that only read what the build wrote."""
    return build_project(tmp_path_factory.mktemp("record"), pages(), conf=CONF, files={"src/decisions.toml": REGISTER})


def check(build_snippet, register: str, texts: dict[str, list[str]] | None = None) -> Build:
    """The register held against the texts, for a test that reads only the warnings: Sphinx's ``dummy`` builder reads
    every page and checks the project as the website's does, and writes nothing."""
    return build(build_snippet, register, texts, builder="dummy")


def register_fails_at(result: Build, line: int, subtype: str, words: str) -> None:
    """The build failed with a warning at the register's *line*, ``[constitution.<subtype>]``, saying *words*."""
    assert_warns_at(result, "decisions", line, f"[constitution.{subtype}]", words, suffix="toml")


def line_of(text: str, words: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text.count("\n", 0, text.index(words, start)) + 1


# -- a register that agrees with the texts ------------------------------------------------------------------------


def test_a_register_that_names_every_change_builds_and_its_timeline_lists_editions_and_decisions(recorded: Build):
    result = recorded
    assert result.status == 0, result.warnings
    main = result.main("timeline")
    editions = [" ".join(li.p.get_text(" ").split()) for li in main.select("li.con-timeline-edition")]
    assert editions == [
        "The 2027 edition : in force from 1 June 2027",
        "The 2026 edition : in force from 1 June 2026 to 31 May 2027",
        "The 2019 edition : in force from 15 May 2019 to 31 May 2026",
    ]
    decision = main.find(id="decision-council-2026-05-20")
    said = " ".join(decision.get_text(" ").split())
    assert said.startswith("Decision of Annual Council , adopted 20 May 2026, in force from 1 June 2026 ( Minute 12")
    assert decision.find("a", string="Minute 12 (2026/27)")["href"] == "https://example.gov.uk/minutes/2026-05-20"
    links = {a.get_text(): a["href"] for a in decision.select(":scope > ul a")}
    assert links == {
        "paragraph 2": "editions/2026/rules.html#clause-2",
        "paragraph 4": "editions/2019/rules.html#clause-4",
    }
    assert "A new first paragraph, and breaches reported." in main.find(id="decision-council-2027-05-19").get_text()


def test_each_page_of_an_edition_says_the_days_it_was_in_force(recorded: Build):
    result = recorded
    for page, said in [
        ("current/rules", "In force from 1 June 2027."),
        ("editions/2026/index", "In force from 1 June 2026 to 31 May 2027."),
        ("editions/2019/rules", "In force from 15 May 2019 to 31 May 2026."),
    ]:
        banner = result.main(page).select_one(".con-status")
        assert banner.select_one(".con-status-in-force").get_text() == said, page


def test_without_a_register_nothing_is_checked(build_snippet):
    result = build_snippet(pages(), conf=CONF.replace('constitution_decisions_register = "decisions.toml"\n', ""))
    assert result.status == 0, result.warnings
    assert result.main("timeline").select("li") == []


# -- the register against the texts, both ways --------------------------------------------------------------------


def test_an_effect_on_a_clause_that_did_not_change_fails_at_its_line(build_snippet):
    register = REGISTER.replace(
        '{ clause = "4", change = "inserted" },',
        '{ clause = "4", change = "inserted" },\n    { clause = "3", change = "amended" },',
    )
    result = check(build_snippet, register)
    line = line_of(register, 'clause = "3"')
    register_fails_at(result, line, "decision_mismatch", "paragraph 3 was not amended between the 2026 and 2027")
    assert "its words and number are the same in both" in result.warnings


def test_a_clause_that_changed_but_no_decision_names_fails_at_the_decision(build_snippet):
    register = REGISTER.replace('    { clause = "2", change = "amended" },\n', "")
    result = check(build_snippet, register)
    register_fails_at(
        result,
        line_of(register, "[[decision]]", after='id = "council-2019'),  # the first [[decision]] after 2019's
        "decision_mismatch",
        "paragraph 2 had its words changed between the 2019 and 2026 editions, but no decision that made the 2026 "
        'edition names it: add { clause = "2", change = "amended" } to its effects',
    )


def test_an_effect_of_the_wrong_kind_says_what_the_texts_show(build_snippet):
    register = REGISTER.replace('{ clause = "4", change = "inserted" }', '{ clause = "4", change = "amended" }')
    result = check(build_snippet, register)
    line = line_of(register, 'clause = "4", change = "amended"')
    register_fails_at(
        result,
        line,
        "decision_mismatch",
        "paragraph 4 was not amended between the 2026 and 2027 editions: it was inserted",
    )


def test_an_effect_on_a_clause_the_edition_does_not_have_fails_at_its_line(build_snippet):
    register = REGISTER.replace('{ clause = "4", change = "repealed" }', '{ clause = "9", change = "repealed" }')
    result = check(build_snippet, register)
    register_fails_at(
        result, line_of(register, 'clause = "9"'), "decision_mismatch", "no paragraph 9 in the 2019 edition"
    )


# The 2027 edition inserts a new paragraph 2 instead, and renumbers 2 and 3 of the 2026 edition as 3 and 4.
RENUMBERED = {
    **TEXTS,
    "current": [
        TEXTS["editions/2026"][0],
        "A new second paragraph on something else entirely, for now.",
        *TEXTS["editions/2026"][1:],
    ],
}
RENUMBERED_REGISTER = REGISTER.replace(
    '    { clause = "1", change = "substituted" },\n    { clause = "4", change = "inserted" },\n',
    '    { clause = "2", change = "inserted" },\n    { clause = "3", change = "renumbered", was = "2" },\n'
    '    { clause = "4", change = "renumbered", was = "3" },\n',
)


def test_a_renumbered_clause_is_named_with_the_number_it_was(build_snippet):
    texts, register = RENUMBERED, RENUMBERED_REGISTER
    assert build(build_snippet, register, texts).status == 0
    wrong = register.replace('was = "3"', 'was = "1"')
    result = check(build_snippet, wrong, texts)
    register_fails_at(result, line_of(wrong, 'was = "1"'), "decision_mismatch", "paragraph 4 was not renumbered")


def test_the_first_edition_has_no_edition_before_it_to_change(build_snippet):
    register = REGISTER.replace(
        'edition = "2019"\n', 'edition = "2019"\neffects = [{ clause = "1", change = "amended" }]\n'
    )
    result = check(build_snippet, register)
    register_fails_at(
        result,
        line_of(register, 'clause = "1", change = "amended"'),
        "decision_mismatch",
        "the 2019 edition is the first",
    )


# -- the register's own mistakes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "at", "words"),
    [
        ("adopted = 2026-05-20", 'adopted = "2026-05-20"', "adopted = ", "adopted must be a date without quotes"),
        ("adopted = 2026-05-20", 'adopted = "20 May 2026"', "adopted = ", "must be a date written 2026-05-20"),
        (
            "in_force = 2026-06-01",
            "in_force = 2026-05-01",
            "in_force = ",
            "comes into force (2026-05-01) before it was",
        ),
        ('kind = "decision"\nby = "Annual', 'kind = "resolution"\nby = "Annual', "kind = ", "use one of decision, "),
        ('"council-2026-05-20"', '"Council_2026"', "id = ", "lower-case letters, digits and single hyphens"),
        ('"council-2026-05-20"', '"council-2019-05-15"', "id = ", "is listed twice"),
        ('edition = "2026"', 'edition = "2025"', "[[decision]]", "made edition '2025', which is not one of 2027, 2026"),
        ('change = "repealed"', 'change = "revoked"', 'clause = "4", change = "revoked"', "not one of inserted,"),
        (
            '{ clause = "4", change = "repealed" }',
            '{ clause = "4", change = "renumbered" }',
            'clause = "4", change = "ren',
            "says the number it was",
        ),
        (
            'minute_url = "https://example.gov.uk/minutes/2026-05-20"',
            'minute_url = "javascript:alert(1)"',
            "minute_url",
            "http or https address",
        ),
        (
            'minute_url = "https://example.gov.uk/minutes/2026-05-20"',
            'minute_url = "https://example.gov.uk:minutes@elsewhere.example/2026-05-20"',
            "minute_url",
            "published (a browser opens 'elsewhere.example'",
        ),
        ('by = "Annual Council"\nminute = "Minute 12', 'by = ""\nminute = "Minute 12', 'by = ""', "by is empty"),
        (
            'by = "Annual Council"\nminute = "Minute 12',
            'chair = "x"\nby = "Annual Council"\nminute = "Minute 12',
            "chair",
            "unknown field 'chair'",
        ),
    ],
)
def test_each_mistake_in_the_register_fails_at_its_line(build_snippet, old, new, at, words):
    """Each mistake is in the 2026 decision; the warning is at the line that holds it, and the build fails."""
    assert old in REGISTER
    register = REGISTER.replace(old, new, 1)
    result = check(build_snippet, register)
    register_fails_at(result, line_of(register, at, after='edition = "2019"'), "bad_decisions", words)


def test_editions_must_come_into_force_in_their_order(build_snippet):
    register = REGISTER.replace("in_force = 2027-06-01", "in_force = 2027-06-01").replace(
        "adopted = 2026-05-20\nin_force = 2026-06-01", "adopted = 2026-05-20\nin_force = 2028-06-01"
    )
    result = check(build_snippet, register)
    line = line_of(register, "[[decision]]", after='minute = "Minute 12')
    register_fails_at(result, line, "bad_decisions", "brings the 2027 edition into force on 2027-06-01, not after")


def test_a_register_that_is_not_toml_is_one_warning(build_snippet):
    result = check(build_snippet, "[[decision]\n")
    register_fails_at(result, 1, "bad_decisions", "not valid TOML")
    assert result.warnings.count("WARNING") == 1, result.warnings


def test_an_empty_register_dates_nothing_and_builds(build_snippet):
    """An editor starts the register as an empty file: it was a traceback (no entry for the last to run to)."""
    result = build(build_snippet, "")
    assert result.status == 0, result.warnings
    assert result.main("editions/2026/rules").select_one(".con-status-in-force") is None


def test_the_register_is_read_again_for_each_build(build_snippet, tmp_path):
    """An editor fixes the register and builds again: the warning goes, with no page changed."""
    register = REGISTER.replace('    { clause = "2", change = "amended" },\n', "")
    assert build(build_snippet, register).status != 0
    (tmp_path / "src" / "decisions.toml").write_text(REGISTER, encoding="utf-8")
    again = sphinx_build(tmp_path / "src", tmp_path / "out" / "html", "-b", "html")
    assert again.status == 0, again.warnings


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_edit_to_one_page_is_held_against_the_register_as_a_clean_build_holds_it(build_snippet, tmp_path, jobs):
    """Each edition's paragraphs are gathered page by page as pages are read (comparison.edition_units): an edit to
    one page of an older edition, the only page read again (by readers in other processes with ``-j 2``), changes
    what the register is held against as a clean build of the same sources does, and undoing it clears the warnings.
    """
    assert build(build_snippet).status == 0
    src, out = tmp_path / "src", tmp_path / "out" / "html"
    rules = src / "editions/2026/rules.md"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace(INSTRUCT, INSTRUCT.replace("officers", "staff")), encoding="utf-8")
    again = sphinx_build(src, out, "-b", "html", "-j", jobs)
    clean = sphinx_build(src, tmp_path / "clean" / "html", "-b", "html", "-E")
    for older, newer in [("2019", "2026"), ("2026", "2027")]:
        said = f"paragraph 3 had its words changed between the {older} and {newer} editions"
        assert said in again.warnings, again.warnings
    assert again.warnings == clean.warnings.replace(str(tmp_path / "clean"), str(tmp_path / "out"))
    assert html_pages(again.outdir) == html_pages(clean.outdir)
    rules.write_text(text, encoding="utf-8")
    undone = sphinx_build(src, out, "-b", "html", "-j", jobs)
    assert undone.status == 0, undone.warnings


def test_one_application_building_again_holds_the_register_against_the_edited_text(build_snippet, tmp_path):
    """The editors' preview builds again and again with one application: each edition's paragraphs, gathered once a
    build for the comparisons and the register both, are gathered again by the next build, so an edit is held
    against the register, and undoing it clears the warning."""
    assert build(build_snippet).status == 0
    src, out = tmp_path / "src", tmp_path / "preview"
    rules = src / "editions/2026/rules.md"
    text = rules.read_text(encoding="utf-8")
    said = "paragraph 3 had its words changed between the 2019 and 2026 editions"
    warnings = io.StringIO()
    with docutils_namespace():
        app = Sphinx(src, src, out, out / ".doctrees", "html", status=None, warning=warnings)
        app.build()
        assert app._warncount == 0, warnings.getvalue()
        rules.write_text(text.replace(INSTRUCT, INSTRUCT.replace("officers", "staff")), encoding="utf-8")
        app._warncount = 0
        app.build()
        assert said in warnings.getvalue()
        rules.write_text(text, encoding="utf-8")
        warnings.truncate(0)
        app._warncount = 0
        app.build()
        assert app._warncount == 0, warnings.getvalue()


# -- the feed -----------------------------------------------------------------------------------------------------

FEED_CONF = CONF + 'extensions.append("sphinx_constitution.outputs.feed")\nproject = "Protocol"\n'
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project with its feed built once, for the tests that only read what the build wrote."""
    root = tmp_path_factory.mktemp("feed")
    return build_project(root, pages(), conf=FEED_CONF, files={"src/decisions.toml": REGISTER})


def build_feed(build_snippet, conf: str = "", args: tuple[str, ...] = ()) -> Build:
    return build_snippet(pages(), conf=FEED_CONF + conf, files={"src/decisions.toml": REGISTER}, args=args)


def test_the_feed_has_one_entry_for_each_decision_newest_first_as_a_feed_reader_reads_it(build_snippet):
    result = build_feed(build_snippet, 'html_baseurl = "https://protocol.example.gov.uk/"\n')
    assert result.status == 0, result.warnings
    parsed = feedparser.parse((result.outdir / "changes.atom").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == [
        "Decision of Annual Council, 19 May 2027: the 2027 edition",
        "Decision of Annual Council, 20 May 2026: the 2026 edition",
        "Decision of Council, 15 May 2019: the 2019 edition",
    ]
    newest = parsed.entries[0]
    assert newest.published == newest.updated == "2027-05-19T00:00:00+00:00"
    assert parsed.feed.updated == "2027-05-19T00:00:00+00:00", "the feed's date is its newest decision's"
    assert newest.link == "https://protocol.example.gov.uk/timeline.html#decision-council-2027-05-19"
    content = BeautifulSoup(newest.content[0].value, "html.parser")
    assert "in force from 1 June 2027" in content.get_text()
    links = {a.get_text(): a["href"] for a in content.find_all("a")}
    # the paragraph at its permanent address, which keeps showing the words this decision made
    assert links == {
        "paragraph 1": "https://protocol.example.gov.uk/editions/2027/rules.html#clause-1",
        "paragraph 4": "https://protocol.example.gov.uk/editions/2027/rules.html#clause-4",
    }
    repealed = BeautifulSoup(parsed.entries[1].content[0].value, "html.parser").find("a", string="paragraph 4")
    assert repealed["href"].endswith("/editions/2019/rules.html#clause-4"), "a repealed paragraph, where it stood"
    for entry in parsed.entries:  # every address is a page of the site
        for a in BeautifulSoup(entry.content[0].value, "html.parser").find_all("a", string=re.compile("^paragraph")):
            page = a["href"].removeprefix("https://protocol.example.gov.uk/").split("#")[0]
            assert (result.outdir / page).is_file(), a["href"]


def test_the_feed_holds_what_rfc_4287_requires(feed: Build):
    """Read a second way, with lxml: every element the Atom format requires of a feed and of each entry."""
    result = feed
    assert result.status == 0, result.warnings
    root = etree.fromstring((result.outdir / "changes.atom").read_bytes())
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{required}")) == 1, f"{element.tag} needs one {required}"
        assert datetime.fromisoformat(element.findtext(f"{ATOM}updated")).tzinfo is not None
        assert element.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert root.find(f"{ATOM}author/{ATOM}name") is not None, "a feed with no author in every entry needs its own"
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}content").get("type") == "html"


def test_the_feeds_ids_and_dates_never_change_with_the_build(build_snippet, tmp_path):
    """Two builds on different days, one from scratch: the same bytes, so a feed reader never sees old news as new."""
    first = build_feed(build_snippet)
    before = (first.outdir / "changes.atom").read_bytes()
    shutil.rmtree(first.outdir)
    again = sphinx_build(tmp_path / "src", first.outdir, "-b", "html", "-E")
    assert again.status == 0, again.warnings
    assert (first.outdir / "changes.atom").read_bytes() == before
    ids = [entry.findtext(f"{ATOM}id") for entry in etree.fromstring(before).findall(f"{ATOM}entry")]
    assert len(set(ids)) == 3


def test_every_page_links_the_feed(feed: Build):
    result = feed
    for page in ("index", "timeline", "editions/2019/rules"):
        link = result.html(page).find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, page
        assert link["title"] == "Protocol: changes"
        assert (result.outdir / page).parent.joinpath(link["href"]).resolve() == (result.outdir / "changes.atom")


def test_no_register_no_feed(build_snippet):
    result = build_snippet(pages(), conf=FEED_CONF.replace('constitution_decisions_register = "decisions.toml"\n', ""))
    assert result.status == 0, result.warnings
    assert not (result.outdir / "changes.atom").exists()
    assert result.html("index").find("link", type="application/atom+xml") is None


def test_versions_json_lists_the_editions_with_their_days_in_force_and_the_decisions(build_snippet):
    result = build_feed(build_snippet, 'extensions.append("sphinx_constitution.outputs.versions")\n')
    assert result.status == 0, result.warnings
    data = json.loads((result.outdir / "versions.json").read_text(encoding="utf-8"))
    assert data["format"] == "sphinx-constitution versions"
    assert [(e["id"], e["current"], e["in_force_from"], e["in_force_until"]) for e in data["editions"]] == [
        ("2027", True, "2027-06-01", None),
        ("2026", False, "2026-06-01", "2027-05-31"),
        ("2019", False, "2019-05-15", "2026-05-31"),
    ]
    assert data["editions"][0]["permanent_url"] == "editions/2027/index.html"
    assert [d["id"] for d in data["decisions"]] == ["council-2019-05-15", "council-2026-05-20", "council-2027-05-19"]
    decision = data["decisions"][1]
    assert decision["url"] == "timeline.html#decision-council-2026-05-20"
    assert decision["effects"] == [
        {"clause": "2", "change": "amended", "was": None, "url": "editions/2026/rules.html#clause-2"},
        {"clause": "4", "change": "repealed", "was": None, "url": "editions/2019/rules.html#clause-4"},
    ]
    for effect in decision["effects"]:  # every address leads to the paragraph
        page, anchor = effect["url"].split("#")
        assert result.html(page.removesuffix(".html")).find(id=anchor) is not None


def test_an_edited_register_rewrites_the_pages_that_show_it(build_snippet, tmp_path):
    """No page changed, only the register: the next build (not from scratch) shows the new dates on every page of
    the editions they date, and in the timeline, as a clean build would."""
    assert build(build_snippet).status == 0
    later = REGISTER.replace("in_force = 2026-06-01", "in_force = 2026-07-01")
    (tmp_path / "src" / "decisions.toml").write_text(later, encoding="utf-8")
    again = sphinx_build(tmp_path / "src", tmp_path / "out" / "html", "-b", "html")
    assert again.status == 0, again.warnings
    for page, said in [
        ("editions/2026/rules", "In force from 1 July 2026 to 31 May 2027."),
        ("editions/2019/index", "In force from 15 May 2019 to 30 June 2026."),
    ]:
        assert again.main(page).select_one(".con-status-in-force").get_text() == said, page
    assert "in force from 1 July 2026" in again.main("timeline").get_text()


# -- each paragraph's history, and changes not yet in force -------------------------------------------------------


def history(result: Build, page: str, anchor: str) -> tuple[str, list[str]]:
    """A paragraph's history as it reads: its summary, and each change."""
    details = result.main(page).find(id=anchor).select_one("details.con-history")
    if details is None:
        return "", []
    lines = [" ".join(li.get_text(" ").split()) for li in details.select("li")]
    return details.summary.get_text(), lines


def test_a_changed_paragraph_ends_with_its_history_in_every_edition_since(recorded: Build):
    result = recorded
    decision_2026 = "decision of Annual Council, 20 May 2026 (Minute 12 (2026/27)), in force from 1 June 2026."
    amended = f"Amended, 2026 edition: {decision_2026} See the change."  # each pair of editions is compared
    assert history(result, "editions/2026/rules", "clause-2") == ("History of paragraph 2", [amended])
    assert history(result, "current/rules", "clause-2") == ("History of paragraph 2", [amended]), "it carries on"
    assert history(result, "current/rules", "clause-1")[1] == [
        "Substituted, 2027 edition: decision of Annual Council, 19 May 2027 (Minute 8 (2027/28)), in force from 1 June "
        "2027. See the change."
    ]
    repealed = history(result, "editions/2019/rules", "clause-4")[1]
    assert repealed == [f"Repealed, 2026 edition: {decision_2026} See the change."]
    shown = result.main("editions/2019/rules").find(id="clause-4").find("a", string="See the change.")
    assert shown["href"] == "../compare/2019-to-2026.html#removed-4"  # where the comparison shows it removed
    assert history(result, "current/rules", "clause-3") == ("", []), "a paragraph never changed has no history"
    link = result.main("current/rules").find(id="clause-1").select_one("details.con-history a")
    assert link["href"] == "../timeline.html#decision-council-2027-05-19"


def test_a_renumbered_paragraph_keeps_its_history(build_snippet):
    result = build(build_snippet, RENUMBERED_REGISTER, RENUMBERED)
    assert result.status == 0, result.warnings
    summary, lines = history(result, "current/rules", "clause-3")
    assert summary == "History of paragraph 3: 2 changes"
    assert [line.split(":")[0] for line in lines] == ["Renumbered, was 2, 2027 edition", "Amended, 2026 edition"]


def test_a_change_not_yet_in_force_is_told_above_the_words(build_snippet):
    on = 'constitution_status_today = "{}"\n'
    result = build_snippet(pages(), conf=CONF + on.format("2027-05-25"), files={"src/decisions.toml": REGISTER})
    assert result.status == 0, result.warnings
    notice = result.main("current/rules").find(id="clause-1").select_one(".con-not-in-force")
    assert " ".join(notice.get_text(" ").split()) == (
        "Not yet in force: substituted by Annual Council on 19 May 2027, in force from 1 June 2027."
    )
    assert result.main("current/rules").find(id="clause-4").select_one(".con-not-in-force") is not None
    assert result.main("current/rules").find(id="clause-2").select_one(".con-not-in-force") is None
    later = build_snippet(pages(), conf=CONF + on.format("2027-06-01"), files={"src/decisions.toml": REGISTER})
    assert later.main("current/rules").select_one(".con-not-in-force") is None, "in force from that day"


def test_a_history_links_the_change_shown_in_a_published_comparison(build_snippet):
    found = pages()
    found["index"] = found["index"].replace("timeline\n", "timeline\nchanges\n")
    found["changes"] = "# Changes\n\n:::{edition-changes}\n:from: 2026\n:to: 2027\n:::\n"
    result = build_snippet(found, conf=CONF, files={"src/decisions.toml": REGISTER})
    assert result.status == 0, result.warnings
    see = (
        result.main("current/rules")
        .find(id="clause-1")
        .select_one("details.con-history")
        .find("a", string="See the change.")
    )
    assert see["href"] == "../changes.html#change-1"
