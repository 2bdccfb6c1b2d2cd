"""Publishing to the web (README, "Publishing to the web"): the Pages workflows are valid for their hosts and build
as README says, the release workflow builds the package and publishes it to PyPI by trusted publishing, and the
built site works served from a sub-path as from a root, under the headers README gives.

The workflows are checked offline by check-jsonschema against the schemas it ships for GitHub Actions workflows
and GitLab CI (no network), its command run in this process by click's test runner: a few milliseconds a check,
where a process of its own for each took a third of a second of CPU, mostly starting Python and importing it.
The served site is read in Chromium (a ``site`` test).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import check_jsonschema
import click.testing
import pypdf
import pytest
import yaml
from conftest import ROOT, Build

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

GITHUB = ROOT / ".github" / "workflows" / "pages.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
SCHEMAS = {GITHUB: "vendor.github-workflows", GITLAB: "vendor.gitlab-ci", RELEASE: "vendor.github-workflows"}
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_command(to: str) -> str:
    """The command README's table of "Two commands" gives in the row ``to`` (its first backticks)."""
    row = re.search(rf"^\| {re.escape(to)} \| `([^`]+)`", README, re.MULTILINE)
    assert row, f"README's table has no row {to!r}"
    return row[1]


def validate(workflow: Path, schema: str) -> click.testing.Result:
    """check-jsonschema's command with the host's schema as the package ships it (``--builtin-schema``: no
    download), as its console script runs it; its exit status and what it printed."""
    return click.testing.CliRunner().invoke(check_jsonschema.main, ["--builtin-schema", schema, str(workflow)])


def load(workflow: Path) -> dict[Any, Any]:
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))


def commands(workflow: Path) -> list[str]:
    """Every shell command the workflow runs, in order."""
    data = load(workflow)
    if workflow == GITLAB:
        return list(data["pages"]["script"])
    return [step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step]


# -- the workflows --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("workflow", [GITHUB, GITLAB, RELEASE], ids=["github", "gitlab", "release"])
def test_each_workflow_is_valid_for_its_host(workflow: Path) -> None:
    done = validate(workflow, SCHEMAS[workflow])
    assert done.exit_code == 0, done.output


@pytest.mark.parametrize(
    ("workflow", "key", "misspelt"),
    [
        (GITHUB, "runs-on:", "run-on:"),
        (GITHUB, "permissions:", "permission:"),
        (GITHUB, "uses: actions/deploy-pages", "use: actions/deploy-pages"),
        (GITLAB, "script:", "scripts:"),
        (GITLAB, "artifacts:", "artefacts:"),
        (RELEASE, "environment:", "enviroment:"),
        (RELEASE, "tags:", "tag:"),
    ],
)
def test_a_misspelt_key_fails_the_check(tmp_path: Path, workflow: Path, key: str, misspelt: str) -> None:
    """The check is not a formality: one misspelt key, and the host would refuse the file; so does the check."""
    text = workflow.read_text(encoding="utf-8")
    assert key in text
    broken = tmp_path / workflow.name
    broken.write_text(text.replace(key, misspelt, 1), encoding="utf-8")
    done = validate(broken, SCHEMAS[workflow])
    assert done.exit_code == 1, f"the check passed a broken {workflow.name}:\n{done.output}"
    assert "Schema validation errors were encountered" in done.output


def test_both_hosts_build_with_readmes_command_and_the_same_system() -> None:
    """Each host builds as README says (its build command with ``publish`` for ``build``: the same nox in a virtual
    environment of its own, so the same pinned requirements.txt), with the Python the site is tested with and the
    system packages README lists, and publishes what it built."""
    pin = set(re.findall(r"nox==([\d.]+)", README))
    assert len(pin) == 1, f"README pins nox in more than one way: {pin}"
    build = readme_command("build the site and PDFs")
    assert build.startswith("python3 -m venv .venv && ") and build.endswith(" -m nox -s build")
    publish = build.removesuffix(" build") + " publish"
    assert [c for c in commands(GITHUB) if "nox" in c] == [publish]
    assert [c for c in commands(GITLAB) if "nox" in c] == [f"{publish} -- public"]
    assert f"`{publish}`" in README, "README's Publishing to the web names the command the hosts run"

    listed = re.search(r"<!-- system packages -->\s*`apt-get install ([^`]+)`", README)
    assert listed, "README lists no system packages"
    readme_packages = set(listed[1].split())
    for workflow in (GITHUB, GITLAB):
        apt = [c for c in commands(workflow) if "apt-get install" in c]
        assert len(apt) == 1, f"{workflow.name}: one apt-get install step expected"
        packages = {word for word in apt[0].partition("apt-get install")[2].split() if not word.startswith("-")}
        assert packages == readme_packages, f"{workflow.name} installs {packages}, README says {readme_packages}"

    github, gitlab = load(GITHUB), load(GITLAB)
    steps = github["jobs"]["build"]["steps"]
    python = next(s["with"]["python-version"] for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    image = re.fullmatch(r"python:(\d+\.\d+)-slim-bookworm", gitlab["pages"]["image"])
    assert image and image[1] == python == "3.11"  # Debian 12's Python, which the site is tested with
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/publish"  # where `nox -s publish` puts the site
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]  # what GitLab Pages serves


def test_a_new_councils_project_gets_these_same_workflows() -> None:
    """The starter's template holds both workflows (sphinx_constitution/programs/starter/template), as they are here."""
    template = ROOT / "extensions" / "sphinx_constitution" / "programs" / "starter" / "template"
    for workflow in (GITHUB, GITLAB):
        copy = template / workflow.relative_to(ROOT)
        assert copy.read_text(encoding="utf-8") == workflow.read_text(encoding="utf-8"), f"{copy} differs"


def test_every_action_is_pinned_to_at_least_a_major_version() -> None:
    uses = [
        s["uses"] for w in (GITHUB, RELEASE) for job in load(w)["jobs"].values() for s in job["steps"] if "uses" in s
    ]
    assert {u.partition("@")[0] for u in uses} == {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "actions/upload-artifact",
        "actions/download-artifact",
        "pypa/gh-action-pypi-publish",
    }
    loose = [u for u in uses if not re.fullmatch(r"[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})", u)]
    assert not loose, f"not pinned: {loose}"


def test_only_the_default_branch_is_published_and_nothing_names_a_council() -> None:
    github, gitlab = load(GITHUB), load(GITLAB)
    assert github["jobs"]["build"]["if"] == "github.ref_name == github.event.repository.default_branch"
    assert github["jobs"]["deploy"]["needs"] == "build"
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    council = re.findall(r'"(?:council_name|council_short_name|website)": "([^"]+)"', conf)
    assert council
    for workflow in (GITHUB, GITLAB):
        text = workflow.read_text(encoding="utf-8")
        assert not [name for name in council if name in text], f"{workflow.name} names this council"


def test_ci_runs_readmes_test_command_verbatim() -> None:
    """.ci/run is README's test command, so a step missing from README fails CI as it would fail a newcomer."""
    test = readme_command("run every test")
    assert test.startswith("python3 -m venv .venv && ") and test.endswith(" -m nox -s lint tests site")
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == test


# -- the release ----------------------------------------------------------------------------------------------


def test_a_version_tag_releases_the_package_to_pypi_by_trusted_publishing() -> None:
    """On a tag v*, one job builds the sdist and the wheel with the pinned build frontend (and the backend pinned in
    pyproject.toml) and checks the tag names their version; another, in the ``pypi`` environment and allowed only
    to ask for an identity token, publishes them with PyPA's action. No job has a secret or a token."""
    release = load(RELEASE)
    assert release[True] == {"push": {"tags": ["v*"]}}  # YAML reads the key `on` as true
    assert release["permissions"] == {}
    build, publish = release["jobs"]["build"], release["jobs"]["publish"]
    assert build["permissions"] == {"contents": "read"}
    pinned = re.search(r"^(build==\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE)
    assert pinned, "requirements.txt pins no build frontend"
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert (
        runs[0] == f"python3 -m venv .venv && .venv/bin/python -m pip install {pinned[1]} && .venv/bin/python -m build"
    )
    tag = "dist/sphinx_constitution-${GITHUB_REF_NAME#v}"
    assert runs[1] == f'ls "{tag}.tar.gz" "{tag}-py3-none-any.whl"'
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    uses = [step["uses"] for step in publish["steps"]]
    assert uses[-1].partition("@")[0] == "pypa/gh-action-pypi-publish"
    assert "secrets." not in RELEASE.read_text(encoding="utf-8")


# -- the site's public address -----------------------------------------------------------------------------------

PUBLIC = "https://www.example.gov.uk/constitution/protocol/"
ADDRESSED_PAGES = {
    "index": "# Home\n\n```{toctree}\nnew/index\nnotes\n```\n",
    "new/index": "# New\n\n:::{clause} 6.7\nThe rule.\n:::\n",
    "notes": "# Notes\n\nSee {clause}`6.7`.\n",
}
ADDRESSED_CONF = """
extensions += ["sphinx_constitution.model.editions", "sphinx_constitution.outputs.pdf"]
constitution_editions = {"2026": "new"}
constitution_pdf_documents = [{"start": "notes", "filename": "notes"}]
"""


@pytest.mark.parametrize("public", [PUBLIC, ""], ids=["html_baseurl", "none"])
def test_only_canonical_addresses_need_the_public_address_and_it_comes_from_html_baseurl(
    build_snippet, public: str
) -> None:
    """With ``html_baseurl`` each page's canonical link is its full address, a permanent address's is the page it
    forwards to, and a PDF's link to a page it does not hold opens that page on the website. Without it nothing
    absolute is written: no canonical link on pages, a relative one on forwarding pages, plain text in the PDF."""
    args = ("-D", f"html_baseurl={public}") if public else ()
    site = build_snippet(ADDRESSED_PAGES, conf=ADDRESSED_CONF, args=args)
    assert site.status == 0, site.warnings
    canonical = [link["href"] for link in site.html("notes").select("link[rel=canonical]")]
    assert canonical == ([f"{PUBLIC}notes.html"] if public else [])
    forwarding = site.html("editions/2026/index").select_one("link[rel=canonical]")["href"]
    assert forwarding == (f"{PUBLIC}new/index.html" if public else "../../new/index.html")

    pdf = build_snippet(ADDRESSED_PAGES, conf=ADDRESSED_CONF, args=args, builder="pdf")
    assert pdf.status == 0, pdf.warnings
    page = pypdf.PdfReader(pdf.outdir / "notes.pdf").pages[0]
    uris = [a.get_object()["/A"].get("/URI") for a in page.get("/Annots", []) if "/A" in a.get_object()]
    assert set(uris) == ({f"{PUBLIC}new/index.html#clause-6-7"} if public else set())
    assert "See paragraph 6.7." in page.extract_text()


# -- the site served from a sub-path ----------------------------------------------------------------------------

SUBPATH = "/constitution/protocol/"


def readme_headers() -> dict[str, str]:
    """The response headers README tells a council to set: the block after ``<!-- response headers -->``."""
    block = re.search(r"<!-- response headers -->\s*```http\n(.*?)```", README, re.DOTALL)
    assert block, "README gives no response headers"
    return dict(line.strip().split(": ", 1) for line in block[1].splitlines() if line.strip())


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under ``prefix`` only, with README's headers; notes every request it cannot answer, so a
    page asking for ``/_static/…`` (the root, not the sub-path) is caught."""

    prefix: str
    headers_to_send: dict[str, str]
    failures: list[str]

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0outside")  # no such file: a 404
        return super().translate_path("/" + path[len(self.prefix) :])

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def log_error(self, format: str, *args: Any) -> None:
        self.failures.append(f"{self.path}: {format % args}")


@dataclass
class Served:
    """The site served at ``base`` (``http://127.0.0.1:PORT/`` or ``…/constitution/protocol/``)."""

    base: str
    site: Path
    failures: list[str]

    def pages(self) -> list[str]:
        return sorted(
            p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html") if ".doctrees" not in p.parts
        )


@pytest.fixture(scope="module", params=["/", SUBPATH], ids=["root", "subpath"])
def served(request: pytest.FixtureRequest, site: Build) -> Iterator[Served]:
    """The real site (the ``site`` fixture), served at a root or under /constitution/protocol/ with README's
    response headers, for as long as the module runs."""
    assert site.status == 0, f"the site did not build:\n{site.warnings}"
    failures: list[str] = []
    handler_class = type(
        "Handler", (_Handler,), {"prefix": request.param, "headers_to_send": readme_headers(), "failures": failures}
    )
    handler = functools.partial(handler_class, directory=str(site.outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(f"http://127.0.0.1:{server.server_address[1]}{request.param}", site.outdir, failures)
    server.shutdown()
    server.server_close()
    thread.join()


# Before any script of the page runs: note each Content-Security-Policy violation, with what was refused.
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.violatedDirective} refused ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


@dataclass
class Watched:
    """A page in a fresh context, and everything that went wrong on it: console errors, uncaught exceptions,
    answers of 400 or more, Content-Security-Policy violations."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def goto(self, url: str, lands: str | None = None) -> None:
        """Open *url*; *lands*: the address it forwards to, to wait for."""
        self.page.goto(url, wait_until="load")
        if lands:
            self.page.wait_for_url(lands)
            self.page.wait_for_load_state("load")
        self.problems += [f"{url}: CSP {v}" for v in self.page.evaluate("window.__cspViolations || []")]


@pytest.fixture
def watched(chromium_browser: Browser, served: Served) -> Iterator[Watched]:
    """A page in a fresh context of the run's one Chromium (browsing.py's ``chromium_browser``: this module serves the
    site its own ways, a root and a sub-path, not as browsing.py's ``browser`` does)."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = Watched(page)
    page.on("console", lambda m: m.type == "error" and seen.problems.append(f"{page.url}: console: {m.text}"))
    page.on("pageerror", lambda e: seen.problems.append(f"{page.url}: exception: {e}"))
    page.on("response", lambda r: r.status >= 400 and seen.problems.append(f"{page.url}: {r.status} {r.url}"))
    yield seen
    context.close()


LINKS = """() => [...document.querySelectorAll("a[href], link[href], script[src], img[src], form[action]")]
  .map((e) => e.href || e.src || e.action)"""


def test_every_page_and_all_it_loads_and_links_is_there(watched: Watched, served: Served) -> None:
    """Every page, with its stylesheets, scripts, images and icon, loads with no answer of 404, no console error
    and no Content-Security-Policy violation under README's policy; every address a page links on the site (other
    pages, the PDFs, the editions, clauses.json) is there, under the sub-path."""
    pages = served.pages()
    assert len(pages) >= 30
    linked: set[str] = set()
    iconless = []
    for name in pages:
        url = served.base + name
        html = (served.site / name).read_text(encoding="utf-8")
        if not re.search(r'<link rel="(shortcut )?icon"', html):  # else browsers ask for /favicon.ico, the root's
            iconless.append(name)
        forward = re.search(r'data-forward-to="([^"]+)"', html)
        watched.goto(url, lands=urljoin(url, forward[1]) if forward else None)  # a permanent address forwards
        linked.update(watched.page.evaluate(LINKS))
    origin = served.base[: served.base.index("/", len("http://"))]
    here = sorted(url.partition("#")[0] for url in linked if url.startswith(origin))
    outside = [url for url in here if not url.startswith(served.base)]
    assert not outside, f"links that leave {served.base}: {outside[:10]}"
    # A file of _static/ changes its address when it changes (?v=checksum), so a host may let browsers keep them.
    unversioned = {url for url in linked if "/_static/" in url and "?v=" not in url}
    assert unversioned == {f"{served.base}_static/favicon.svg"}, unversioned
    missing = []
    for url in sorted(set(here)):
        answer = watched.page.request.get(url)
        if answer.status != 200:
            missing.append(f"{answer.status} {url}")
        elif url.endswith(".pdf") and not answer.body().startswith(b"%PDF"):
            missing.append(f"not a PDF: {url}")
    assert len([url for url in here if url.endswith(".pdf")]) >= 4
    assert not iconless, f"pages without an icon: {iconless}"
    assert not watched.problems, "\n".join(watched.problems)
    assert not missing, "\n".join(missing)
    assert not served.failures, "\n".join(served.failures)


def test_search_finds_a_clause_and_opens_it(watched: Watched, served: Served) -> None:
    page = watched.page
    watched.goto(served.base + "index.html")
    page.fill(".sidebar-search", "roving commission")
    page.press(".sidebar-search", "Enter")
    page.wait_for_url("**/search.html?**")
    page.locator("#con-search-status").filter(has_text=re.compile("match|Nothing")).wait_for()
    links = page.eval_on_selector_all(".con-search-result a", "links => links.map((a) => a.href)")
    assert "2 pages match" in page.locator("#con-search-status").inner_text()
    assert links and all(link.startswith(served.base) for link in links), links
    page.click(".con-search-result a[href$='#clause-6-7']")
    page.wait_for_url(f"{served.base}protocol/access-to-information.html#clause-6-7")
    assert page.evaluate("document.getElementById('clause-6-7').matches(':target')")
    assert not watched.problems + served.failures, "\n".join(watched.problems + served.failures)


def test_a_clause_permalink_is_its_permanent_address_and_forwards_to_the_clause(
    watched: Watched, served: Served
) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = watched.page
    watched.goto(f"{served.base}protocol/access-to-information.html#clause-6-7")
    assert page.evaluate("document.getElementById('clause-6-7').matches(':target')")
    permalink = page.locator("a.con-clause-link[href$='#clause-6-7']").evaluate("a => a.href")
    assert permalink == f"{served.base}editions/2026/access-to-information.html#clause-6-7"
    page.goto(permalink)  # the permanent address of the current edition forwards to the page, clause and all
    try:
        page.wait_for_url(f"{served.base}protocol/access-to-information.html#clause-6-7")
    except PlaywrightTimeout:
        pytest.fail(f"forwarded to {page.url}, not to the clause:\n" + "\n".join(watched.problems))
    assert page.evaluate("document.getElementById('clause-6-7').matches(':target')")
    assert not watched.problems, "\n".join(watched.problems)


def test_the_addresses_in_clauses_json_lead_to_the_clauses(watched: Watched, served: Served) -> None:
    """Tools that are not Sphinx read clauses.json where it is published and follow its relative addresses."""
    where = served.base + "clauses.json"
    answer = watched.page.request.get(where)
    assert answer.status == 200
    clauses = json.loads(answer.text())["clauses"]
    pages: dict[str, str] = {}
    for entry in clauses:
        for key in ("url", "permanent_url"):
            if entry[key] is None:
                continue
            url = urljoin(where, entry[key])
            assert url.startswith(served.base), url
            address = url.partition("#")[0]
            if address not in pages:
                got = watched.page.request.get(address)
                assert got.status == 200, f"{got.status} {address}"
                pages[address] = got.text()
        assert f'id="{entry["id"]}"' in pages[urljoin(where, entry["url"]).partition("#")[0]]
    assert len(clauses) > 100


def test_the_server_sends_readmes_headers(watched: Watched, served: Served) -> None:
    """So the policy the pages were checked under is the one README tells a council to set."""
    answer = watched.page.request.get(served.base + "index.html")
    expected = readme_headers()
    assert {"content-security-policy", "x-content-type-options", "referrer-policy"} <= {k.lower() for k in expected}
    sent = {name.lower(): value for name, value in answer.headers.items()}
    assert all(sent.get(name.lower()) == value for name, value in expected.items()), sent
    assert urlsplit(answer.url).path.startswith(urlsplit(served.base).path)
