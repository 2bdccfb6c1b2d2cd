"""The starter, ``sphinx-constitution-new``: a new council's project that builds at once, and carries no
word of this council.

The fast tests make projects (copier renders the template in about half a second) and check what the command
takes and refuses. The ``site`` tests make one project and build it as its README says, by running its own
``noxfile.py`` in this environment (nothing is installed), then read the output. One more, made with the
defaults, is cloned onto a fresh machine and published there by its GitHub workflow's command, which installs
everything from the package index (:func:`cloned`); the tests of that machine and of the publish command read it.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import re
import runpy
import subprocess
import sys
import types
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sphinx_constitution.programs.new
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, SOURCE_DATE_EPOCH, fresh_machine, sphinx_build
from pypdf import PdfReader
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace
from sphinx_constitution.config import settings
from sphinx_constitution.programs.new import TEMPLATE, main, questions

REQUIRED = ["--council-name", "Anytown District Council", "--website", "https://www.anytown.gov.uk"]
# Every question given an answer that is not its default, so that each can be found where it belongs.
ANSWERS = {
    "council_name": "Anytown District Council",
    "website": "https://www.anytown.gov.uk",
    "title": "Councillor and Staff Working Protocol",
    "site_title": "Working well together at Anytown",
    "pdf_name": "working-protocol",
    "nation": "wales",
    "monitoring_officer": "Head of Law and Monitoring Officer",
    "head_of_paid_service": "Managing Director",
    "section_151_officer": "Director of Finance",
    "hr_contact": "People Services",
    "communications_contact": "Press Office",
    "democratic_services": "Committee Services",
    "committee": "Governance and Audit Committee",
    "meeting": "2027-03-15",
    "edition": "2027",
    "package": f"sphinx-constitution @ {ROOT.as_uri()}",
}


def _options(answers: dict[str, str]) -> list[str]:
    return [item for name, value in answers.items() for item in ("--" + name.replace("_", "-"), value)]


def _this_council() -> list[str]:
    """What names this council, from its own conf.py: its name, short name and website, the officer titles it
    gives its statutory officers, and the county. (Its team names, "Human Resources" and "Democratic Services",
    are every council's, and the starter's defaults.)"""
    council = runpy.run_path(str(ROOT / "conf.py"))["council"]
    titles = [council[key] for key in ("monitoring_officer", "head_of_paid_service", "section_151_officer")]
    host = urlsplit(council["website"]).hostname.removeprefix("www.").split(".")[0]  # ne-derbyshire
    return [council["council_name"], council["council_short_name"], host, "Derbyshire", *titles, "29 April 2026"]


# -- the command: fast --------------------------------------------------------------------------------------------


def test_every_question_is_an_option_and_each_answer_lands_in_the_project(tmp_path: Path) -> None:
    assert set(questions()) == set(ANSWERS), "a question without a test answer, or an answer without a question"
    dest = tmp_path / "anytown"

    assert main([str(dest), *_options(ANSWERS), "--quiet"]) == 0

    conf = (dest / "conf.py").read_text(encoding="utf-8")
    for name in ("council_name", "website", "monitoring_officer", "head_of_paid_service", "section_151_officer"):
        assert f'"{name}": "{ANSWERS[name]}",' in conf
    for name in ("hr_contact", "communications_contact", "democratic_services"):
        assert f'"{name}": "{ANSWERS[name]}",' in conf
    assert 'constitution_principles = "wales"' in conf
    assert 'constitution_editions = {"2027": "protocol"}' in conf
    assert 'copyright = f"2027, {council' in conf
    assert 'project = "Councillor and Staff Working Protocol"\n' in conf
    assert 'html_title = "Working well together at Anytown"\n' in conf
    assert conf.count('"filename": "working-protocol') == 4  # the protocol's, the notes', the comparison's (a comment)
    for page in ("protocol/index.md", "notes/members.md", "notes/employees.md"):
        text = (dest / "docs" / page).read_text(encoding="utf-8")
        assert ":committee: Governance and Audit Committee\n:meeting: 2027-03-15\n" in text, page
    assert (dest / "requirements.txt").read_text(encoding="utf-8").endswith(f"\n{ANSWERS['package']}\n")
    assert not (dest / "vendor").exists(), "a project installing the package from elsewhere carries no copy of it"
    answers = (dest / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "council_name: Anytown District Council\n" in answers
    assert "_src_path" not in answers, "no path of the machine that made it"


def test_the_defaults_name_the_installed_version_and_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "anytown"

    assert main([str(dest), *REQUIRED, "--defaults"]) == 0

    said = capsys.readouterr().err
    assert said.startswith(f"Made the project of Anytown District Council in {dest}. To build it:\n")
    assert f"    cd {dest}\n" in said

    wheel = f"sphinx_constitution-{sphinx_constitution.__version__}-py3-none-any.whl"
    requirements = (dest / "requirements.txt").read_text(encoding="utf-8")
    assert requirements.endswith(f"\n./vendor/{wheel}\n")
    assert [path.name for path in (dest / "vendor").iterdir()] == [wheel]
    conf = (dest / "conf.py").read_text(encoding="utf-8")
    assert 'project = "Member Officer Relations Protocol"\n' in conf
    assert 'html_title = "Members and officers working together"\n' in conf
    assert '"filename": "member-officer-relations-protocol-members-notes"' in conf
    assert '"monitoring_officer": "Monitoring Officer",' in conf
    assert 'constitution_principles = "england"' in conf
    status = (dest / "docs/protocol/index.md").read_text(encoding="utf-8")
    today = datetime.date.today()
    assert f":meeting: {today.isoformat()}\n" in status
    assert f'constitution_editions = {{"{today.year}": "protocol"}}' in conf


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["--council-name", ""], "--council-name: the council's name is empty"),
        (["--council-name", "   "], "--council-name: the council's name is empty"),
        (["--council-name", 'Anytown "District" Council'], "--council-name: the council's name may not hold '\"'"),
        (["--website", "http://www.anytown.gov.uk"], "--website: the website 'http://www.anytown.gov.uk' is not an"),
        (["--website", "www.anytown.gov.uk"], "--website: the website 'www.anytown.gov.uk' is not an https://"),
        (["--website", "https://"], "--website: the website 'https://' is not an https:// address"),
        (["--monitoring-officer", ""], "--monitoring-officer: the Monitoring Officer's title is empty"),
        (["--title", ""], "--title: the document's title is empty"),
        (["--title", "The <b>Protocol</b>"], "--title: the document's title may not hold '<': write it with letters"),
        (["--site-title", "  "], "--site-title: the website's name is empty"),
        # The one rule of every answer (starter/answers.jinja): each of these made a project that cannot build.
        (
            ["--council-name", "Any\rtown"],
            "--council-name: the council's name must be one line, without control or invisible characters "
            '(found "\\r")',
        ),
        (["--title", "The {{ council_name }} Protocol"], "--title: the document's title may not hold '{'"),
        (["--title", "The {% if x %} Protocol"], "--title: the document's title may not hold '{'"),
        (["--committee", "Standards [[ x ]]"], "--committee: the committee's name may not hold '['"),
        (
            ["--hr-contact", "People\x1bServices"],
            "--hr-contact: the employment contact must be one line, without control",
        ),
        (
            ["--democratic-services", "Members\u2028Support"],
            "--democratic-services: the Members' support must be one line",
        ),
        (["--site-title", "'Members' site"], "--site-title: the website's name must start with a letter or a digit"),
        (["--council-name", "A" * 101], "--council-name: the council's name is 101 characters long: give at most 100"),
        (["--edition", "a" * 300], "--edition: the edition is 300 characters long: give at most 100"),
        (
            ["--package", "sphinx-constitution\n==1.0.0"],
            "--package: the package must be one line, without control or invisible characters",
        ),
        (
            ["--website", "https://www.anytown.gov.uk/\x00"],
            "--website: the website must be one line, without control or invisible characters",
        ),
        (  # U+202E turns the text after it around: a spoofed address in conf.py
            ["--website", "https://www.anytown.gov.uk/\u202efdp.exe"],
            '--website: the website must be one line, without control or invisible characters (found "\\u202e")',
        ),
        (
            ["--title", "Member\u200bOfficer Protocol"],
            "--title: the document's title must be one line, without control",
        ),
        (["--pdf-name", "Our Protocol"], "--pdf-name: the PDF name 'Our Protocol' must be lower-case letters and"),
        (["--pdf-name", "protocol.pdf"], "--pdf-name: the PDF name 'protocol.pdf' must be lower-case letters"),
        (["--meeting", "15/03/2027"], "--meeting: the meeting's day '15/03/2027' is not a date written 2027-04-29"),
        (["--edition", "2027 draft"], "--edition: the edition '2027 draft' must be letters, digits and hyphens"),
        (["--package", "numpy==2.0"], "--package: the package 'numpy==2.0' must be a requirement for sphinx-"),
        (
            ["--package", "./vendor/sphinx_constitution-0.1.0-py3-none-any.whl"],
            "--package: the package './vendor/sphinx_constitution-0.1.0-py3-none-any.whl' must be a requirement",
        ),
        (["--nation", "france"], "argument --nation: invalid choice: 'france' (choose from 'england', 'wales', "),
    ],
    ids=lambda value: ascii(" ".join(value))[1:-1][:60] if isinstance(value, list) else "",
)
def test_a_bad_answer_is_refused_in_one_line_naming_its_option_and_makes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: list[str], said: str
) -> None:
    dest = tmp_path / "anytown"
    answers = dict(zip(REQUIRED[::2], REQUIRED[1::2], strict=True)) | dict(zip(given[::2], given[1::2], strict=True))

    with pytest.raises(SystemExit) as stopped:
        main([str(dest), *(item for pair in answers.items() for item in pair), "--defaults", "--quiet"])

    assert stopped.value.code == 2
    errors = capsys.readouterr().err
    assert f"sphinx-constitution-new: error: {said}" in errors
    assert "Traceback" not in errors
    assert not dest.exists()


def test_the_default_title_gives_the_pdf_names_and_another_title_its_own(tmp_path: Path) -> None:
    """The PDFs are named from the title unless --pdf-name names them: lower case, hyphens between the words."""
    dest = tmp_path / "anytown"
    assert main([str(dest), *REQUIRED, "--title", "Members’ & Officers’ Protocol (2027)", "--defaults", "--quiet"]) == 0
    conf = (dest / "conf.py").read_text(encoding="utf-8")
    assert '"filename": "members-officers-protocol-2027"' in conf
    assert '"filename": "members-officers-protocol-2027-employees-notes"' in conf


def test_the_project_publishes_the_current_text_and_its_edition_at_names_of_their_own(tmp_path: Path) -> None:
    """The protocol's PDF is one entry for every edition (``"editions": True``): the current text at the PDF name,
    as it always was, and the starting edition at a name of its own that stays when the next edition comes."""
    dest = tmp_path / "anytown"
    assert main([str(dest), *REQUIRED, "--edition", "2027", "--defaults", "--quiet"]) == 0
    with docutils_namespace():
        app = Sphinx(dest, dest, tmp_path / "out", tmp_path / "doctrees", "html", status=None, warning=None)
        published = {doc.filename: doc.start for doc in settings(app.config).pdfs}
    assert published == {
        "member-officer-relations-protocol": "protocol/index",
        "member-officer-relations-protocol-2027": "protocol/index",
        "member-officer-relations-protocol-members-notes": "notes/members",
        "member-officer-relations-protocol-employees-notes": "notes/employees",
    }


def test_the_project_carries_the_package_as_a_wheel_of_the_same_bytes_each_time(tmp_path: Path) -> None:
    """The wheel in vendor/ holds the installed package's every file as it is, and the metadata pip installs it by;
    made twice, it is the same bytes, so a project made again, or by another officer, shows no change."""
    wheels = []
    for name in ("first", "second"):
        assert main([str(tmp_path / name), *REQUIRED, "--defaults", "--quiet"]) == 0
        (wheel,) = (tmp_path / name / "vendor").iterdir()
        wheels.append(wheel)
    assert wheels[0].read_bytes() == wheels[1].read_bytes()

    package = Path(sphinx_constitution.__file__).parent
    files = {
        f"sphinx_constitution/{path.relative_to(package).as_posix()}": path.read_bytes()
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    with zipfile.ZipFile(wheels[0]) as carried:
        packed = {name: carried.read(name) for name in carried.namelist()}
        assert {info.date_time for info in carried.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    info = f"sphinx_constitution-{sphinx_constitution.__version__}.dist-info"
    assert {name for name in packed if name.startswith(info)} == {
        f"{info}/{name}" for name in ("METADATA", "WHEEL", "entry_points.txt", "RECORD")
    }
    assert {name: data for name, data in packed.items() if not name.startswith(info)} == files
    assert f"Version: {sphinx_constitution.__version__}\n" in packed[f"{info}/METADATA"].decode()
    assert b"sphinx-constitution-new = sphinx_constitution.programs.new:main" in packed[f"{info}/entry_points.txt"]


def test_the_answers_without_a_default_must_be_given_when_nobody_is_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path / "anytown"), "--defaults"])
    assert stopped.value.code == 2
    said = "error: give --council-name and --website (in a terminal, leave them out to be asked)"
    assert said in capsys.readouterr().err


def test_a_folder_that_holds_anything_is_not_made_into_a_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit):
        main([str(tmp_path), *REQUIRED, "--defaults"])
    assert f"error: {tmp_path} is not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_template_pins_the_environment_this_site_is_built_in() -> None:
    """The new project's requirements.txt pins what ours pins, version for version, and README's nox is ours."""
    pinned = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)$", re.MULTILINE)
    ours = dict(pinned.findall((ROOT / "requirements.txt").read_text(encoding="utf-8")))
    theirs = dict(pinned.findall((TEMPLATE / "template/requirements.txt.jinja").read_text(encoding="utf-8")))
    assert {"sphinx", "myst-parser", "furo", "weasyprint", "pagefind[bin]", "sphinx-autobuild"} <= theirs.keys()
    assert {name: ours.get(name) for name in theirs} == theirs
    build = re.compile(r"^\| build the site and PDFs \| `([^`]+)`", re.MULTILINE)
    (theirs,) = build.findall((TEMPLATE / "template/README.md.jinja").read_text(encoding="utf-8"))
    (ours,) = build.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert theirs == ours, "the project builds with README's own command"
    assert f"\n    {ours}\n" in sphinx_constitution.programs.new.NEXT


def test_the_template_carries_no_word_of_this_council() -> None:
    council = _this_council()
    texts = {path: path.read_text(encoding="utf-8").lower() for path in TEMPLATE.rglob("*") if path.is_file()}
    found = {
        str(path.relative_to(TEMPLATE)): word
        for path, text in texts.items()
        for word in council
        if word.lower() in text
    }
    assert found == {}


# -- a project made, and built as its README says: site -----------------------------------------------------------


class Session:
    """Enough of ``nox.Session`` to run the project's own noxfile in this environment: installs nothing, and runs
    ``sphinx-build`` and ``python`` with this interpreter, and the package's commands (``sphinx-constitution-publish``
    …) from this environment, in the project's folder, as nox would."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.posargs: list[str] = []
        self.installed: list[tuple[str, ...]] = []
        self.ran: list[subprocess.CompletedProcess[str]] = []

    def install(self, *args: str) -> None:
        self.installed.append(args)

    def run(self, program: str, *args: str, env: dict[str, str] | None = None) -> None:
        own = {"sphinx-build": [sys.executable, "-m", "sphinx"], "python": [sys.executable]}
        command = own.get(program) or [str(Path(sys.executable).parent / program)]
        environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
        done = subprocess.run([*command, *args], cwd=self.project, env=environment, capture_output=True, text=True)
        self.ran.append(done)
        assert done.returncode == 0, f"{program} {' '.join(args)} failed:\n{done.stderr}"

    def log(self, message: str) -> None:
        pass


def nox_session(project: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> Session:
    """Run the session ``name`` of the project's noxfile.py, as ``nox -s name`` would but for the installing."""
    nox = types.ModuleType("nox")
    nox.session = lambda function: function  # type: ignore[attr-defined]
    nox.options = types.SimpleNamespace()  # type: ignore[attr-defined]
    nox.Session = Session  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nox", nox)
    monkeypatch.chdir(project)
    session = Session(project)
    runpy.run_path(str(project / "noxfile.py"))[name](session)
    return session


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("starter") / "anytown"
    assert main([str(dest), *_options(ANSWERS), "--quiet"]) == 0
    return dest


@pytest.fixture(scope="module")
def built(project: Path) -> Session:
    """The project built by its README's build command, ``nox -s build``: its PDFs, then its website."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        return nox_session(project, "build", patch)


@pytest.mark.site
def test_the_project_builds_its_pdfs_and_website_with_no_warning(project: Path, built: Session) -> None:
    assert built.installed == [("-r", "requirements.txt")]
    builds = [done for done in built.ran if "sphinx" in done.args]
    assert [done.args[done.args.index("-b") + 1] for done in builds] == ["pdf", "html"]
    for done in builds:
        assert {"-W", "--keep-going", "-n"} <= set(done.args), "a warning fails the build"
        assert "WARNING" not in done.stderr and "build succeeded." in done.stdout, done.stderr
    pdfs = sorted(path.name for path in (project / "_build/pdf").glob("*.pdf"))
    assert pdfs == [
        "working-protocol-2027.pdf",
        "working-protocol-employees-notes.pdf",
        "working-protocol-members-notes.pdf",
        "working-protocol.pdf",
    ]
    html = project / "_build/html"
    for page in ("index", "protocol/index", "protocol/working-together", "protocol/principles", "notes/members"):
        assert (html / f"{page}.html").is_file(), page
    for page in ("notes/employees", "glossary", "codes", "accessibility", "search"):
        assert (html / f"{page}.html").is_file(), page
    assert (html / "pdf/working-protocol-members-notes.pdf").is_file(), "the site carries the PDFs it links"
    assert not (html / ".buildinfo").exists(), "the site holds only what readers need"


@pytest.mark.site
def test_a_welsh_council_cites_its_own_principles(project: Path, built: Session) -> None:
    """The module's project is Welsh: its principles page cites the Welsh Order, and sets out no English principle
    (this version does not hold all ten in their official wording, and shows no part of them as the whole)."""
    page = _page(project, "protocol/principles").select_one("[role=main]")
    link = page.select_one("a[href='https://www.legislation.gov.uk/wsi/2001/2276']")
    assert link is not None and "SI 2001/2276" in link.get_text()
    assert "Selflessness" not in page.get_text() and page.select(".con-principles") == []


@pytest.mark.site
def test_a_scottish_council_cites_its_own_code_and_sets_out_no_principle(tmp_path: Path) -> None:
    dest = tmp_path / "council"
    assert main([str(dest), *_options({**ANSWERS, "nation": "scotland"}), "--quiet"]) == 0
    result = sphinx_build(dest / "docs", tmp_path / "html", "-n", "-b", "html", confdir=dest)
    assert result.status == 0, result.warnings
    page = result.main("protocol/principles")
    assert page.select_one("a[href^='https://www.gov.scot/publications/code-conduct-councillors-2/']") is not None
    assert page.select(".con-principles li") == []


@pytest.mark.site
def test_an_english_council_sets_out_the_seven_principles(cloned: Cloned) -> None:
    """The default nation is England's: the principles page of the project made with the defaults links the
    government's page of the Seven Principles of Public Life and sets out all seven. It reads that project as
    published on the fresh machine (:func:`cloned`); it once built a project of its own for England, an HTML build
    that showed nothing more. (Wales: :func:`test_a_welsh_council_cites_its_own_principles`.)"""
    published = cloned.clone / "_build/publish/protocol/principles.html"
    page = BeautifulSoup(published.read_text(encoding="utf-8"), "html.parser").select_one("[role=main]")
    address = "https://www.gov.uk/government/publications/the-7-principles-of-public-life/"
    assert page.select_one(f"a[href^='{address}']") is not None
    assert len(page.select(".con-principles li")) == 7


# Answers at the edge of the rule, each of which a council may well give: accents, apostrophes (straight and
# curly), ampersands, a colon and a semicolon (read in a directive's option), a slash, brackets, a dash, a query in
# the address, and names at the length bound.
EDGE_ANSWERS = {
    "council_name": "Cyngor Sir Ynys Môn & Rhondda Cynon Taf County Borough Councils' Joint Standard Arrangements "
    "(Cymru)",
    "website": "https://www.anytown.gov.uk/council/governance?page=1&lang=cy",
    "title": "Members’ & Officers’ Protocol (2027): Working Together – Draft 2/3",
    "site_title": "Cyngor Sir Ynys Môn: Members' and officers' code",
    "committee": "Audit, Governance & Standards Committee: Part 1; Meeting 2",
    "monitoring_officer": "Head of Law & Monitoring Officer (Deputy Chief Executive)",
    "hr_contact": "Équipe RH / People Services",
    "nation": "wales",
    "edition": "2027-draft-" + "x" * 89,
}


@pytest.mark.site
def test_answers_at_the_edge_of_the_rule_make_a_project_that_builds(tmp_path: Path) -> None:
    assert len(EDGE_ANSWERS["council_name"]) == 100
    dest = tmp_path / "council"
    assert main([str(dest), *_options(EDGE_ANSWERS), "--defaults", "--quiet"]) == 0
    result = sphinx_build(dest / "docs", tmp_path / "html", "-n", "-b", "html", confdir=dest)
    assert result.status == 0, result.warnings
    home = result.html()
    assert home.title is not None
    assert home.title.get_text() == f"{EDGE_ANSWERS['site_title']} - {EDGE_ANSWERS['council_name']}"
    assert EDGE_ANSWERS["committee"] in result.main("protocol/index").get_text()  # a directive's option
    assert EDGE_ANSWERS["monitoring_officer"] in result.main("notes/members").get_text()  # a substitution
    assert (tmp_path / "html" / "editions" / EDGE_ANSWERS["edition"]).is_dir()


def _page(project: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((project / "_build/html" / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.site
def test_the_council_is_named_where_it_belongs(project: Path, built: Session) -> None:
    name = ANSWERS["council_name"]
    for page in ("index", "protocol/working-together", "notes/members", "glossary", "accessibility"):
        html = _page(project, page)
        assert html.title.get_text().endswith(f"{ANSWERS['site_title']} - {name}"), page
        band = html.select_one("[role=banner] a.con-masthead-link")
        assert band is not None and band["href"] == ANSWERS["website"] and band.get_text(strip=True) == name, page
        assert f"© 2027, {name}" in html.select_one("footer").get_text(" "), page
    members, employees = _page(project, "notes/members").get_text(" "), _page(project, "notes/employees").get_text(" ")
    assert f"{ANSWERS['title']} of {name}" in members
    assert f"the {ANSWERS['monitoring_officer']}" in members and ANSWERS["democratic_services"] in members
    assert ANSWERS["communications_contact"] in employees and ANSWERS["hr_contact"] in employees
    assert _page(project, "accessibility").select_one(f"a[href='{ANSWERS['website']}']")
    assert "Governance and Audit Committee" in _page(project, "protocol/index").get_text(" ")
    for pdf in (project / "_build/pdf").glob("*.pdf"):
        reader = PdfReader(pdf)
        assert reader.metadata.author == name, pdf.name
        assert reader.pages[0].extract_text().startswith(name), pdf.name
    notes = PdfReader(project / "_build/pdf/working-protocol-members-notes.pdf")
    words = " ".join(notes.pages[0].extract_text().split())  # as read, not as the lines happen to break
    assert len(notes.pages) == 1 and "Staff Working Protocol of Anytown District" in words


DEFAULT_TITLES = ("Member Officer Relations Protocol", "Members and officers working together")


@pytest.mark.site
def test_the_document_and_the_site_are_called_by_the_titles_given(
    project: Path, built: Session, built_texts: dict[str, str]
) -> None:
    """Every page's <title> ends with the site's title, the home page is headed by it, the protocol's start page and
    PDF by the document's title, the notes name it, the PDFs are named by --pdf-name; the default titles are in no
    file of the project nor of what it builds."""
    title, site_title = ANSWERS["title"], ANSWERS["site_title"]
    pages = sorted((project / "_build/html").rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if path.parent.parent.name != "editions":  # a permanent address's page forwards, titled as the page it opens
            assert html.title.get_text().endswith(f"{site_title} - {ANSWERS['council_name']}"), path
    headings = {
        page: _page(project, page).select_one("h1").get_text().rstrip("¶") for page in ("index", "protocol/index")
    }
    assert headings == {"index": site_title, "protocol/index": title}
    assert _page(project, "notes/members").select_one("h1").get_text().startswith(f"Members’ notes on the {title}")
    assert f"applies to the {title} website" in _page(project, "accessibility").get_text(" ")
    protocol = PdfReader(project / "_build/pdf/working-protocol.pdf")
    assert protocol.metadata.title == title
    assert " ".join(protocol.pages[0].extract_text().split()).startswith(f"{ANSWERS['council_name']} {title}")
    notes = PdfReader(project / "_build/pdf/working-protocol-employees-notes.pdf")
    assert notes.metadata.title == f"Employees’ notes on the {title}"
    found = {
        name: words
        for name, text in built_texts.items()
        for words in DEFAULT_TITLES
        if words.lower() in " ".join(text.split())
    }
    assert found == {}


def _text_of(path: Path) -> str:
    """A built file's words: a PDF's text and metadata, a compressed search index or inventory unpacked."""
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        return " ".join([str(reader.metadata), *(page.extract_text() for page in reader.pages)])
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # Pagefind's index
        data = gzip.decompress(data)
    elif path.name == "objects.inv":
        header = data.split(b"\n", 4)
        data = b"\n".join(header[:4]) + zlib.decompress(header[4])
    return data.decode("utf-8", errors="ignore")


@pytest.fixture(scope="module")
def built_texts(project: Path, built: Session) -> dict[str, str]:
    """Every file of the module's project and of what it built (:func:`built`), by its path in the project: its
    words (:func:`_text_of`) in lower case. Read once (0.6 s of CPU) for the two tests that look for words in every
    file, which each read every file again for each word it looked for, the PDFs' text included: 6.8 s in all."""
    return {str(path.relative_to(project)): _text_of(path).lower() for path in project.rglob("*") if path.is_file()}


@pytest.mark.site
def test_no_word_of_this_council_is_in_the_project_or_what_it_builds(built_texts: dict[str, str]) -> None:
    assert len(built_texts) > 100 and any(name.endswith(".pdf") for name in built_texts)
    council = _this_council()
    found = {name: word for name, text in built_texts.items() for word in council if word.lower() in text}
    assert found == {}


# -- a project made, committed, cloned onto a machine that has never seen this repository, built: site -------------


def _git(*args: str, cwd: Path) -> None:
    who = ["-c", "user.name=Anytown", "-c", "user.email=web@anytown.gov.uk", "-c", "init.defaultBranch=main"]
    subprocess.run(["git", *who, *args], cwd=cwd, check=True, capture_output=True)


@dataclass
class Cloned:
    """A project cloned onto a fresh machine (:func:`cloned`), and what its workflow's command printed there."""

    clone: Path
    published: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def cloned(tmp_path_factory: pytest.TempPathFactory) -> Cloned:
    """A project made with the defaults, committed and cloned to a fresh folder, and built by the command its GitHub
    Pages workflow runs, as a runner would: a new home folder, no pip cache but this test run's own (filled from
    the package index by the run's first install), nothing of this checkout on any path (``conftest.fresh_machine``).
    Then published again by the command's last step alone, into _build/again, in the environments the first made
    and filled (``nox --no-install -s publish -- _build/again``), since making .venv, installing nox and checking
    every pin again would repeat the first run's setting up, not its build. Made once for the module: the test of
    the fresh machine and the test of the publish command read it."""
    tmp_path = tmp_path_factory.mktemp("cloned")
    made = tmp_path / "made"
    assert main([str(made), *REQUIRED, "--defaults", "--quiet"]) == 0
    _git("init", "-q", cwd=made)
    _git("add", "-A", cwd=made)
    _git("commit", "-q", "-m", "The starter's project", cwd=made)
    clone = tmp_path / "runner" / "anytown"
    _git("clone", "-q", str(made), str(clone), cwd=tmp_path)
    (home := tmp_path / "home").mkdir()
    machine = fresh_machine(home, tmp_path_factory)
    workflow = yaml.safe_load((clone / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    (command,) = [step["run"] for step in workflow["jobs"]["build"]["steps"] if "nox" in step.get("run", "")]

    assert command.endswith(" && .venv/bin/python -m nox -s publish"), command
    runs = []
    for run in (command, ".venv/bin/python -m nox --no-install -s publish -- _build/again"):
        done = subprocess.run(["bash", "-c", run], cwd=clone, env=machine, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        runs.append(done)
    return Cloned(clone, runs[0])


@pytest.mark.site
def test_a_project_cloned_anywhere_publishes_with_its_own_workflows_command(cloned: Cloned) -> None:
    """The project of :func:`cloned`, built on a fresh machine by its workflow's command: sphinx-constitution comes
    from the wheel the project carries, nothing installed points back here, and published twice, the site and PDFs
    are the same bytes."""
    clone = cloned.clone
    venv = clone / ".nox/publish"
    (installed,) = venv.glob("lib/python*/site-packages/sphinx_constitution-*.dist-info")
    origin = json.loads((installed / "direct_url.json").read_text(encoding="utf-8"))
    assert origin["url"] == (clone / "vendor" / sphinx_constitution.programs.new.carried_wheel()).as_uri()
    assert (installed.parent / "sphinx_constitution/__init__.py").is_file(), "installed, not linked to a checkout"
    for path in [*venv.rglob("*.pth"), *venv.rglob("direct_url.json"), *(clone / ".venv").rglob("*.pth")]:
        assert str(ROOT) not in path.read_text(encoding="utf-8"), path

    def files(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    published, again = files(clone / "_build/publish"), files(clone / "_build/again")
    assert "pdf/member-officer-relations-protocol.pdf" in published and "index.html" in published
    assert published == again


@pytest.mark.site
def test_the_publish_command_publishes_the_project(cloned: Cloned) -> None:
    """``nox -s publish``, the project's own session with real nox, says where it published and from what, and the
    published folder holds the pages and the PDFs. It reads the publish of :func:`cloned` (the workflow's command
    ends with this session). It once published the module's other project, already built by ``nox -s build``, in
    this environment: a publish builds the PDFs and the site afresh, so that was one more whole build of a project
    (about 4 s of CPU) that showed nothing this one does not."""
    clone = cloned.clone
    assert f"publish: {clone / '_build/publish'} now holds the site and PDFs built from {clone}" in (
        cloned.published.stdout
    )
    assert (clone / "_build/publish/notes/members.html").is_file()
    assert (clone / "_build/publish/pdf/member-officer-relations-protocol-members-notes.pdf").is_file()
