"""Shared fixtures and helpers: build small MyST projects, or the real site, with the real Sphinx.

Tests that build the real site or its PDFs, run the preview or Chromium are marked ``site`` (``nox -s site``);
the rest run in under a minute (``nox -s tests``). A module of such tests says so with ``pytestmark``, and any
other test that uses the ``site`` or ``pdfs`` fixture is marked here, in :func:`pytest_collection_modifyitems`.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import importlib.metadata
import json
import logging
import os
import re
import shutil
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
import jinja2.bccache
import pytest
import sphinx.theming
from bs4 import BeautifulSoup
from filelock import FileLock
from sphinx.application import Sphinx
from sphinx.cmd.build import build_main
from sphinx.jinja2glue import BuiltinTemplateLoader

ROOT = Path(__file__).resolve().parent.parent

# The fixtures of the modules that read the real site in Chromium: the site served, one browser, a page per test
pytest_plugins = ["browsing"]
sys.path.insert(0, str(ROOT))  # bench/, the benchmark (the extensions, publish and preview are an installed package)

SNIPPET_CONF = """
extensions = ["myst_parser"] + [f"sphinx_constitution.{name}" for name in ("model.clauses", "model.principles",
              "model.dodont", "model.codes", "engine.content", "model.tracked")]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "basic"  # the theme the others build on: the tests read the package's markup (a test may set its own)
html_use_index = False  # no index page, and no copies of the sources (the site has none), unless a test asks
html_copy_source = False


def setup(app):
    # Each page's doctree as its writer is given it (references resolved, post-transforms done), written as
    # pseudo-XML beside the pickled doctrees: Build.doctree reads it, and the snapshot fixture compares it.
    def keep(app, doctree, docname):
        (app.doctreedir / f"{docname}.xml").write_text(doctree.pformat(), encoding="utf-8")

    app.connect("doctree-resolved", keep, priority=900)
"""
SNAPSHOTS = Path(__file__).parent / "snapshots"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="write the doctrees that snapshot tests compare into tests/snapshots/, instead of comparing them",
    )


#: Collected first, so that ``nox -s site`` (``--no-loadscope-reorder``) hands it out first: the longest module of
#: the site tests (the starter's projects, each built and published from nothing), and one that needs neither the
#: real site nor its PDFs. One worker runs it while the other builds the site (:func:`built_once`) for the
#: accessibility checks; before, both started on those checks and one waited for the other's build.
FIRST = "test_new.py"


def runs_the_site_tests(config: pytest.Config) -> bool:
    """Whether this is a run of the site tests, as ``nox -s site`` starts it (``-m site``)."""
    return config.option.markexpr.strip() == "site"


@pytest.hookimpl(tryfirst=True)  # before ``-m`` selects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that uses the real site or its PDFs is a ``site`` test, whichever module it is in; in a run of the
    site tests (``-m site``), :data:`FIRST`'s tests come first, the others in the order they were collected."""
    for item in items:
        if {"site", "pdfs"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
    if runs_the_site_tests(config):
        items.sort(key=lambda item: item.path.name != FIRST)  # a stable sort: each module's own order is kept


def pytest_sessionstart(session: pytest.Session) -> None:
    """A run of the site tests (``-m site``) starts fetching the tools they need from npm at once, in pytest's main
    process, while its workers build the site (``browsing.fetch_npm_tools``)."""
    config = session.config
    if runs_the_site_tests(config) and not hasattr(config, "workerinput"):
        from browsing import fetch_npm_tools

        fetch_npm_tools()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Python's cycle collector, set for a process that makes hundreds of Sphinx builds one after another.

    What is imported and collected by now lives until the run ends, so it is frozen (``gc.freeze``): the collector's
    full passes no longer walk it. A build makes hundreds of thousands of objects that live as long as the build,
    and at CPython's default threshold (a young pass every 700 new objects) the collector walked them again and
    again: an eighth of the fast tests' CPU. A young pass every 5,000 objects cuts that by nearly half, and a
    process's peak memory grew by a few megabytes. Collecting less often frees the same objects, later; no test
    depends on when. The package sets the collector so for each build (``engine/collector.py``), but leaves alone a
    process that froze objects of its own, as this one has: its builds run with the collector as set here, between
    builds as during them."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(5_000, 20, 20)


SITE_MODULE = re.compile(r"^pytestmark = pytest\.mark\.site\b", re.MULTILINE)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With ``-m "not site"`` (``nox -s tests``), a module whose every test is a ``site`` test (its ``pytestmark``)
    is not imported at all: each worker imported them all (Playwright and the PDF readers among them) and rewrote
    their asserts only to deselect every test they hold, a second of each worker's time."""
    if config.option.markexpr.replace(" ", "") != "notsite" or not collection_path.name.startswith("test_"):
        return None
    if collection_path.suffix == ".py" and SITE_MODULE.search(collection_path.read_text(encoding="utf-8")):
        return True
    return None


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory for every build this test process makes.

    Each build is a new Sphinx application, whose new Jinja environment compiled the theme's templates again: about
    half the time of a small project's build, and most of the fast tests build one. Jinja's own bytecode cache gives
    a template's compiled code again only for the same file with the same source (it keeps a checksum of the
    source), so every page is rendered from the templates as they are; a template that fails to compile is never
    kept. Compiled code depends on the environment's extensions too, so each set of them has its own store. The
    theme's static files that are templates (``basic.css_t``...) are rendered from their text, which Jinja's cache
    does not see: :meth:`compile` keeps their code by that text.
    """

    def __init__(self) -> None:
        self.stored: dict[tuple[str, str], CodeType] = {}
        self.from_text: dict[str, CodeType] = {}

    def compile(self, environment: jinja2.Environment) -> Callable[..., Any]:
        """*environment*'s own ``compile``, giving a template made from text (no name, no file) the code compiled
        the first time that text was given."""
        compile_text = environment.compile

        def compile_once(source: str, *args: Any, **kwargs: Any) -> Any:
            if args or kwargs:  # a name, a file, raw Python source: not a template made from text
                return compile_text(source, *args, **kwargs)
            if (code := self.from_text.get(source)) is None:
                code = self.from_text[source] = compile_text(source)
            return code

        return compile_once

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """The code compiled from this template file with this source (its checksum), as it was compiled: kept as a
        code object, which nothing changes, rather than as bytes to unmarshal again each time."""
        bucket.code = self.stored.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self.stored[bucket.key, bucket.checksum] = bucket.code


@pytest.fixture(autouse=True, scope="session")
def compiled_templates() -> Iterator[None]:
    """Every Sphinx build in this process compiles each template once (:class:`CompiledTemplates`)."""
    caches: dict[tuple[str, ...], CompiledTemplates] = {}
    init = BuiltinTemplateLoader.init

    def init_with_cache(self: BuiltinTemplateLoader, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        cache = caches.setdefault(tuple(sorted(self.environment.extensions)), CompiledTemplates())
        self.environment.bytecode_cache = cache
        self.environment.compile = cache.compile(self.environment)  # type: ignore[method-assign]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BuiltinTemplateLoader, "init", init_with_cache)
        yield


@pytest.fixture(autouse=True, scope="session")
def installed_themes_read_once() -> Iterator[None]:
    """Every Sphinx build in this process finds the installed themes once.

    Each new application's HTML builder asks for the ``sphinx.html_themes`` entry points of every installed package
    (``importlib.metadata.entry_points``), reading every package's metadata from disk again: about a twentieth of
    the fast tests' time. Nothing is installed while the tests run, so the first answer is the answer."""
    found: dict[str, Any] = {}

    def entry_points_once(*, group: str) -> Any:
        if group not in found:
            found[group] = importlib.metadata.entry_points(group=group)
        return found[group]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sphinx.theming, "entry_points", entry_points_once)
        yield


@dataclass
class Build:
    """A finished build: its exit status, its warnings and where it wrote."""

    status: int
    warnings: str
    srcdir: Path
    outdir: Path

    def html(self, page: str = "index") -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")

    def main(self, page: str = "index") -> BeautifulSoup:
        """The page's own content, without the theme's navigation."""
        html = self.html(page)
        return html.select_one("[role=main]") or html.select_one("article")

    def text(self, page: str = "index") -> str:
        return (self.outdir / f"{page}.txt").read_text(encoding="utf-8")

    def doctree(self, page: str = "index") -> str:
        """The page's resolved doctree as pseudo-XML (a snippet build's: see ``SNIPPET_CONF``), its paths made
        relative to the source folder, so that it is the same on every machine."""
        text = (self.outdir / ".doctrees" / f"{page}.xml").read_text(encoding="utf-8")
        return text.replace(f"{self.srcdir}/", "")


def sphinx_build(srcdir: Path, outdir: Path, *args: str, confdir: Path | None = None) -> Build:
    """Run sphinx-build in this process, as an editor would run it: ``-W --keep-going``.

    Quietly (``-q``): Sphinx's messages below a warning would be written to a stream no one reads, yet each is made
    into a log record first (some 700 a build, most of them debug notes as extensions are set up: a sixth of a small
    build's time), so Python's logging drops them unmade (``logging.disable``) while the build runs. Warnings, which
    the tests read, are above that level and kept."""
    warnings = outdir.parent / f"{outdir.name}-warnings.txt"
    outdir.parent.mkdir(parents=True, exist_ok=True)
    argv = ["-q", "-W", "--keep-going", "-w", str(warnings), *args, str(srcdir), str(outdir)]
    if confdir is not None:
        argv[:0] = ["-c", str(confdir)]
    logging.disable(logging.INFO)
    try:
        status = build_main(argv)
    finally:
        logging.disable(logging.NOTSET)
    return Build(status, warnings.read_text(encoding="utf-8") if warnings.exists() else "", srcdir, outdir)


def application(tmp_path: Path, page: str) -> Sphinx:
    """A Sphinx application for a project of one page (``index.md``, *page* dedented) with the whole package, in
    ``tmp_path/src``, quiet, a warning an error: for a test that builds with it again and again, as the editors'
    preview does, or watches what happens while it builds. Make it inside ``docutils_namespace()``, as sphinx-build
    does, so that the directives it registers go when the test ends."""
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(APPLICATION_CONF, encoding="utf-8")
    (src / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
    out = tmp_path / "out"
    return Sphinx(src, src, out, out / ".doctrees", "html", status=None, warning=None, warningiserror=True)


APPLICATION_CONF = 'extensions = ["myst_parser", "sphinx_constitution"]\nmyst_enable_extensions = ["colon_fence"]\n'


@pytest.fixture
def build_snippet(tmp_path: Path) -> Callable[..., Build]:
    """Write ``pages`` ({"index": "...markdown..."}) and build them; returns a :class:`Build` (see
    :func:`build_project`)."""
    return functools.partial(build_project, tmp_path)


def build_project(
    root: Path,
    pages: dict[str, str],
    *,
    conf: str = "",
    codes: str | None = None,
    builder: str = "html",
    args: tuple[str, ...] = (),
    files: dict[str, str | bytes] | None = None,
) -> Build:
    """A snippet project in ``root/src``, built into ``root/out/<builder>``: the ``build_snippet`` fixture's, and a
    module-scoped fixture's that builds once for the tests that only read what it wrote.

    ``files`` are written as given, their paths from *root* (so ``secret.txt`` lies outside the project,
    ``src/page.rst`` inside it)."""
    src = root / "src"
    src.mkdir(exist_ok=True)
    for name, data in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            (root / name).write_bytes(data)
        else:
            (root / name).write_text(data, encoding="utf-8")
    conf_text = SNIPPET_CONF + textwrap.dedent(conf)
    if codes is not None:
        (src / "codes.toml").write_text(textwrap.dedent(codes), encoding="utf-8")
        conf_text += '\nconstitution_codes_registry = "codes.toml"\n'
    (src / "conf.py").write_text(conf_text, encoding="utf-8")
    for name, text in pages.items():
        page = src / f"{name}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return sphinx_build(src, root / "out" / builder, "-b", builder, *args)


def copy_project(dest: Path) -> Path:
    """A copy of the real project (conf.py, docs/, theme/) that a test may edit; it uses the installed extensions."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("conf.py",):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "theme"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


SOURCE_DATE_EPOCH = "1795392000"  # 23 November 2026: fixed, so builds can be compared byte for byte


def built_copy(
    root: Path,
    change: Callable[[Path], None] | None = None,
    args: tuple[str, ...] = ("-n", "-b", "html"),
    dated: bool = True,
) -> Build:
    """A copy of the real project, changed by *change* (given the project's folder) and built once (*args*: ``-n``,
    HTML; with ``SOURCE_DATE_EPOCH`` set unless not *dated*), kept as that build left it in ``root/pristine``: each
    test of a module of incremental builds starts from it (:func:`restore`) instead of building the whole site
    again first."""
    project = copy_project(root / "work" / "project")
    if change is not None:
        change(project)
    with pytest.MonkeyPatch.context() as env:
        if dated:
            env.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        first = sphinx_build(project / "docs", root / "work" / "html", *args, confdir=project)
    shutil.copytree(root / "work", root / "pristine", symlinks=True)
    return first


def restore(root: Path) -> Path:
    """``root/work`` as :func:`built_copy`'s build left it: same paths and file times, so Sphinx sees nothing
    stale and the next build is incremental."""
    shutil.rmtree(root / "work")
    shutil.copytree(root / "pristine", root / "work", symlinks=True)
    return root / "work"


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run that all its pytest-xdist workers share (each worker's own temporary folder is
    ``popen-gwN`` inside it); in a run without workers, the run's own temporary folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def fresh_pip_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pip's cache for the tests that install as a new machine would: a folder made empty for this test run and
    shared by its workers (:func:`shared_folder`), never this machine's own cache. So the first test to install a
    package fetches it from the package index, as a new machine does, and the others (and a test's second install)
    take those files from this run's cache instead of waiting on the index for them again. What is installed, and
    from which index, is the same; nothing is carried from one test run to the next."""
    return shared_folder(tmp_path_factory) / "pip-cache"


def fresh_machine(home: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a machine that has never seen this repository, for the tests that install and build as
    a new machine or a CI runner would: only the system's folders and the Python the tests run on
    (``sys.base_prefix``: Debian's own, or pyenv's) on the PATH, *home* as its home folder, not this machine's pip
    cache but one made empty for this test run (:func:`fresh_pip_cache`), no PYTHONPATH; only where to find the
    package index is kept, from this machine's settings.

    pip compiles no ``.pyc`` files as it installs (``PIP_COMPILE=false``): Python compiles each module the first
    time it is imported, and writes its ``.pyc`` then, so what a build uses is compiled once either way, and the
    half of the files that no build imports (most of Pygments' lexers, fontTools' tables, the live preview's
    server) is not compiled for nothing. In a cloned project's .nox/publish pip compiled all 2,600 files (5 s of
    CPU); its first build compiles the 1,300 it imports (2.3 s). What is installed, and from where, is the same."""
    kept = ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST", "PIP_CONFIG_FILE")
    env = {
        "PATH": f"{Path(sys.base_prefix) / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PIP_CACHE_DIR": str(fresh_pip_cache(tmp_path_factory)),
        "PIP_COMPILE": "false",
        "NO_COLOR": "1",
    }
    return env | {name: os.environ[name] for name in kept if name in os.environ}


def built_once(folder: Path, name: str, build: Callable[[Path], Build]) -> Build:
    """``build(folder / name)``, made once in a test run however many workers ask for it: the first to ask builds,
    under a file lock, and notes the outcome beside the output; the others wait for the lock and read that note.

    Each worker has its own session fixtures, so without this a two-worker run built the real PDFs and site twice
    (pytest-xdist's documented way to share a session fixture: its temporary folder's parent and a file lock, from
    ``filelock``, a well-kept library that releases the lock even when its holder dies). What is built here must be
    read only: a test that edits a project copies it (:func:`copy_project`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    note = folder / f"{name}.json"
    with FileLock(folder / f"{name}.lock"):
        if not note.exists():
            made = build(folder / name)
            fields = {"status": made.status, "warnings": made.warnings, "srcdir": str(made.srcdir)}
            note.write_text(json.dumps({**fields, "outdir": str(made.outdir)}), encoding="utf-8")
    fields = json.loads(note.read_text(encoding="utf-8"))
    return Build(fields["status"], fields["warnings"], Path(fields["srcdir"]), Path(fields["outdir"]))


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real PDFs, built once in a test run from docs/ as README's build command builds them."""

    def build(out: Path) -> Build:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            return sphinx_build(ROOT / "docs", out, "-n", "-b", "pdf", confdir=ROOT)

    return built_once(shared_folder(tmp_path_factory) / "site", "pdf", build)


@pytest.fixture(scope="session")
def site(pdfs: Build) -> Build:
    """The real site, built once in a test run, after the PDFs (which it links), exactly as README's build command
    does."""

    def build(out: Path) -> Build:
        return sphinx_build(ROOT / "docs", out, *site_args(pdfs), confdir=ROOT)

    return built_once(pdfs.outdir.parent, "html", build)


def site_args(pdfs: Build) -> tuple[str, ...]:
    return ("-n", "-b", "html", "-D", f"constitution_pdf_output_dir={pdfs.outdir}")


@pytest.fixture(scope="session")
def site_copy(pdfs: Build, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site built once in a test run from a copy of the sources in a folder of its own, made as ``site``
    is made (the same options, the same PDFs linked, the same environment), and kept in ``pristine/``
    (:func:`built_copy`). Two modules start from it, where each built the same site before: test_engine compares it
    byte for byte with ``site`` (two clean builds in different folders), and test_site restores it (its ``work/`` is
    test_site's alone) for each incremental build after an edit."""
    folder = shared_folder(tmp_path_factory) / "copy"

    def build(_pristine: Path) -> Build:
        return _kept(built_copy(folder, args=site_args(pdfs), dated=False), folder)

    return built_once(folder, "pristine", build)


@pytest.fixture
def snapshot(request: pytest.FixtureRequest):
    """Compare a snippet build's doctrees, page by page, with ``tests/snapshots/<name>.xml``, so that a change of
    output is a diff in review; ``pytest --update-snapshots`` writes the file instead."""

    def check(result: Build, name: str, pages: tuple[str, ...] = ("index",)) -> None:
        assert result.status == 0, result.warnings
        doctrees = "".join(result.doctree(page) for page in pages)
        stored = SNAPSHOTS / f"{name}.xml"
        if request.config.getoption("update_snapshots"):
            stored.parent.mkdir(exist_ok=True)
            stored.write_text(doctrees, encoding="utf-8")
        assert stored.exists(), f"no snapshot {stored.name}: run pytest --update-snapshots, and review what it writes"
        changed = f"the doctree differs from tests/snapshots/{stored.name}: if that is meant, pytest --update-snapshots"
        assert doctrees == stored.read_text(encoding="utf-8"), changed

    return check


def html_pages(outdir: Path) -> dict[str, str]:
    """Every HTML page of a build, by its path in the output folder."""
    return {str(p.relative_to(outdir)): p.read_text(encoding="utf-8") for p in sorted(outdir.glob("**/*.html"))}


def assert_warns_at(result: Build, page: str, line: int, tag: str, words: str, suffix: str = "md") -> None:
    """The build failed, with a warning at ``page``'s *line* that carries *tag* (``[constitution.clause_gap]``,
    ``[myst.directive_option]``, ``[docutils]``) and says *words*. A warning may take several lines."""
    assert result.status != 0, "the build should fail"
    location = f"{result.srcdir / page}.{suffix}:{line}: WARNING: "
    records = re.split(r"\n(?=/)", result.warnings)
    said = [record for record in records if record.startswith(location) and record.strip().endswith(tag)]
    assert said, f"expected {location}… {tag} in:\n{result.warnings}"
    assert words in said[0]


def assert_fails_at(result: Build, page: str, line: int, subtype: str, words: str) -> None:
    """The build failed at ``page``'s *line* with one of our warnings, ``[constitution.<subtype>]``."""
    assert_warns_at(result, page, line, f"[constitution.{subtype}]", words)


def assert_stops_on_configuration(result: Build, capsys: pytest.CaptureFixture[str], words: str) -> None:
    """The build stopped before reading a page, with Sphinx's "Configuration error" saying *words* (a value in
    ``conf.py`` of the wrong form: a ConfigError names the option, not a page and line)."""
    assert result.status != 0, "the build should stop"
    error = capsys.readouterr().err
    assert "Configuration error" in error, error
    assert words in error, error


def running(pid: int) -> bool:
    """Whether ``pid`` is a process still running (not ended, nor ended and waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def ended(pids: list[int], seconds: float = 10) -> bool:
    """Whether every process in *pids* has ended, waiting up to *seconds* for them."""
    deadline = time.monotonic() + seconds
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(running(pid) for pid in pids)


# -- edits to a built copy of the real project: test_engine rebuilds after each, test_preview previews each -------

# The first build warns about a term no page defines; every later build must say so again until it is defined.
_QUORUM_LINE = len((ROOT / "docs/notes/members.md").read_text(encoding="utf-8").splitlines()) + 2  # appended below
QUORUM = f"notes/members.md:{_QUORUM_LINE}: WARNING: term not in glossary: 'quorum'"
NEW_TERM = "\nQuorum\n  The least number of Members who must be present for a meeting to take decisions.\n\n"


def cite_quorum(project: Path) -> None:
    """Make a copy of the project cite the term no page defines (see ``QUORUM``)."""
    notes = project / "docs/notes/members.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nA meeting needs a {term}`quorum`.\n", encoding="utf-8")


# edit -> (file, old text, new text, warnings the incremental build must give, as "file:line: message")
EDITS = {
    "a clause is renumbered: the pages citing its old number report it": (
        "docs/protocol/access-to-information.md",
        ":::{clause} 6.12\n",
        ":::{clause} 6.12A\n",
        ["glossary.md:51: WARNING: no clause numbered 6.12", QUORUM],
    ),
    "a glossary term is renamed: the pages citing its old name report it": (
        "docs/glossary.md",
        "\nNeed to Know\n",
        "\nNeed-to-know principle\n",
        [
            "editions/pre-2026/access-to-information.md:24: WARNING: term not in glossary: 'Need to Know'",
            "notes/members.md:18: WARNING: term not in glossary: 'Need to Know'",
            QUORUM,
            "protocol/access-to-information.md:24: WARNING: term not in glossary: 'Need to Know'",
        ],
    ),
    "a page's title changes: every page's navigation shows it": (
        "docs/protocol/scrutiny.md",
        "# 8 Scrutiny arrangements\n",
        "# 8 Overview and scrutiny arrangements\n",
        [QUORUM],
    ),
    "a cited code is deleted from the register: each citation reports it": (
        "docs/_data/codes.toml",
        '[[code]]\nid = "foia-2000"\n',
        '[[code]]\nid = "freedom-of-information-act"\n',
        [
            "_data/codes.toml:105: WARNING: code 'freedom-of-information-act' is in the registry but nothing cites it",
            "glossary.md:51: WARNING: no code with id 'foia-2000' in the registry",
            QUORUM,
            "protocol/access-to-information.md:48: WARNING: no code with id 'foia-2000' in the registry",
        ],
    ),
    "a glossary term is added that a page already cites": (
        "docs/glossary.md",
        "```{glossary}\n",
        "```{glossary}" + NEW_TERM,
        [],
    ),
    "a page's first words change: its description follows": (
        "docs/protocol/introduction.md",
        "Effective working relationships",
        "Good working relationships",
        [QUORUM],
    ),
    "a paragraph's words change: the comparison of the editions shows the change, and nothing else moves": (
        "docs/protocol/access-to-information.md",
        "should request it as early as possible",
        "should request it as soon as possible",
        [QUORUM],
    ),
    "a page is given a description in its front matter": (
        "docs/accessibility.md",
        "# Accessibility statement\n",
        "---\ndescription: How accessible this website is, and whom to tell when something is hard to use.\n---\n"
        "# Accessibility statement\n",
        [QUORUM],
    ),
}


def clean_build(tmp_path_factory: pytest.TempPathFactory, edit: str | None = None) -> Build:
    """A clean build (``-E``) of a copy of the project that cites ``quorum``, with ``EDITS[edit]`` made (or none),
    made once in a test run and shared: test_engine compares its incremental builds after each edit with it, and
    test_preview its preview after each edit and each undoing, so the same sources are not built twice.

    With no edit, it is the first build of that copy in a new folder (so clean): :func:`built_copy`'s, which
    test_engine restores for each edit (from ``pristine/``; its ``work/`` is test_engine's alone). The build given
    is that kept copy, which nothing changes."""
    folder = shared_folder(tmp_path_factory) / "edited" / (f"edit-{list(EDITS).index(edit)}" if edit else "unedited")
    if edit is None:
        return built_once(folder, "pristine", lambda _pristine: _kept(built_copy(folder, cite_quorum), folder))

    def build(out: Path) -> Build:
        project = copy_project(folder / "project")
        cite_quorum(project)
        if edit is not None:
            path, old, new, _warnings = EDITS[edit]
            source = project / path
            text = source.read_text(encoding="utf-8")
            assert old in text
            source.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.MonkeyPatch.context() as env:
            env.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            return sphinx_build(project / "docs", out, "-n", "-E", "-b", "html", confdir=project)

    return built_once(folder, "html", build)


def _kept(first: Build, root: Path) -> Build:
    """*first*, :func:`built_copy`'s build in ``root/work``, as kept in ``root/pristine`` (its warnings name the
    files where it was built)."""
    return dataclasses.replace(first, outdir=root / "pristine" / "html")


def warning_lines(warnings: str, root: Path) -> list[str]:
    """Warnings as ``file:line: WARNING: message`` relative to the docs folder, without the subtype."""
    found = []
    for line in warnings.splitlines():
        line = re.sub(r" \[[a-z._]+\]$", "", line.replace(f"{root / 'project' / 'docs'}/", ""))
        found.append(re.sub(r"(WARNING: [^(]*?)(?: \(ids: .*\))?$", r"\1", line))
    return sorted(found)


def edit_page(result: Build, page: str, old: str, new: str) -> None:
    """Change *old* to *new* in a snippet project's page, as an editor would between two builds."""
    path = result.srcdir / f"{page}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {page}.md"
    path.write_text(text.replace(old, new), encoding="utf-8")
