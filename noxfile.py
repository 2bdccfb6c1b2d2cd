"""Everyday commands: ``nox -s build``, ``nox -s serve``, ``nox -s tests``, ``nox -s lint``; also ``site`` (the slow
tests), ``publish``, ``bench``."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests", "site"]  # all that CI runs (.ci/run)
nox.options.reuse_existing_virtualenvs = True

SPHINX = ["-c", ".", "docs"]
STRICT = ["-W", "--keep-going", "-n"]


def install(session: nox.Session) -> None:
    """The site's pinned environment, and our extensions (the package in extensions/) installed from this checkout."""
    session.install("-r", "requirements.txt")
    session.install("--no-deps", "-e", ".")


@nox.session
def build(session: nox.Session) -> None:
    """Build the PDFs into _build/pdf, then the website into _build/html (it links the PDFs).

    _build/html is served and copied as it is, so it holds only what readers need: Sphinx's doctrees (the pickled
    environment, with this machine's paths) go to _build/doctrees, and ``.buildinfo`` and any other dot-file are
    removed after the build, by the step ``nox -s publish`` uses (``strip_build_internals`` in
    ``sphinx_constitution.programs.publish``).
    """
    install(session)
    env = source_date(session)
    pdf = ("-b", "pdf", "-d", "_build/doctrees/pdf", *SPHINX, "_build/pdf")
    session.run("sphinx-build", *STRICT, *pdf, *session.posargs, env=env)
    # -a: write every page again (half a second more here; reading stays incremental). Sphinx picks the pages to write
    # from .buildinfo, which records the HTML options and templates they were written with; with it removed,
    # Sphinx 9 goes by file times alone and would keep pages written before a change to conf.py or a template.
    html = ("-b", "html", "-a", "-d", "_build/doctrees/html", *SPHINX, "_build/html")
    session.run("sphinx-build", *STRICT, *html, *session.posargs, env=env)
    session.run("sphinx-constitution-publish", "--strip", "_build/html")


def source_date(session: nox.Session) -> dict[str, str]:
    """SOURCE_DATE_EPOCH as the last commit's time, so two builds of one commit give the same bytes.

    Outside a git checkout the variable is left unset (Sphinx rejects an empty one) and the PDFs carry no date.
    """
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return {"SOURCE_DATE_EPOCH": epoch}
    try:
        epoch = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        epoch = ""
    if not epoch:
        session.warn("not a git checkout: the PDFs carry no date")
        return {}
    return {"SOURCE_DATE_EPOCH": epoch}


@nox.session
def publish(session: nox.Session) -> None:
    """Build PDFs and site afresh; swap into _build/publish (or the path given) only if all built with no warning."""
    install(session)
    env = source_date(session)
    session.run("sphinx-constitution-publish", *session.posargs, env=env)


@nox.session
def bench(session: nox.Session) -> None:
    """The build engine's benchmark (README, "Performance"): prints a table. Options: ``-- --help``."""
    install(session)
    session.run("python", "-m", "bench.run", *session.posargs, env=source_date(session))


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview for editors (sphinx-constitution-serve): rebuilds when docs/, extensions/ or conf.py change."""
    install(session)
    session.run(
        "sphinx-constitution-serve",
        "--watch",
        "extensions",
        "--watch",
        "conf.py",
        "--watch",
        "theme",
        "--open-browser",
        "-D",
        "constitution_search_index_background=1",
        *SPHINX,
        "_build/preview",  # its own folder: _build/html is what nox -s build publishes, with no build internals
        *session.posargs,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """The fast tests, in under a minute: the extensions' units, and snippet projects built in this process, their
    doctrees compared with tests/snapshots/. They need nothing from the system; ``nox -s site`` runs the rest."""
    install(session)
    # A worker for each core (pytest-xdist): on two cores 12 s against 21 s in one process; a third worker is slower.
    # Each worker takes whole modules (--dist loadscope), so a module-scoped build is made once, not once in each
    # worker; in the order they are collected (--no-loadscope-reorder), which leaves the short modules (test_word_*)
    # to even out the end, where by default the modules with the most tests go first and few-test, long-building
    # ones (test_pairs, test_cited_in) last.
    # Each worker rewrites the asserts of every test module it imports; where the environment sets
    # PYTHONDONTWRITEBYTECODE, pytest kept none of that work and did it again each run (a second of each worker's
    # CPU): here Python may write its caches (in __pycache__, which git ignores).
    dist = ("--dist", "loadscope", "--no-loadscope-reorder")
    env = {"PYTHONDONTWRITEBYTECODE": ""}  # Python reads an empty value as unset
    session.run("pytest", "-m", "not site", "-n", "auto", *dist, *session.posargs, env=env)


@nox.session
def site(session: nox.Session) -> None:
    """The slow tests, marked ``site``: they build the real site and its PDFs (also in parallel and incrementally),
    run the preview and publish, and read the site in Chromium. Installs what they need from the system first:
    see ``TEST_SYSTEM_PACKAGES``."""
    system_packages(session, TEST_SYSTEM_PACKAGES)
    install(session)
    # A worker for each core and one more, each taking whole modules, or whole classes where a module has them (--dist
    # loadscope), so that a module's browser, preview or built copy of the project is made once, while the longest
    # module, the accessibility checks, is shared out a class (a quarter of the pages) at a time. The one more: these
    # tests also wait (for the package index, a server, a build in another process, Lighthouse's quiet windows), and
    # with a worker a core the cores stood idle a tenth of the run; on two cores, 296 and 315 s against 320 and 334 s,
    # with the same CPU time (runs in turns). The real site and PDFs are built once for all the workers (the ``site``
    # and ``pdfs`` fixtures in tests/conftest.py). The modules and classes are handed out in the order they are
    # collected (--no-loadscope-reorder): by default pytest-xdist hands out first those with the most tests, which
    # leaves the accessibility classes, one long test each, to the end, where one worker ran a class alone while the
    # other had finished. The starter's module, the longest and one that needs no real site, is collected first
    # (``FIRST`` in tests/conftest.py): one worker runs it while another builds the site for the accessibility checks,
    # where all had waited for that build.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    dist = ("-n", str(cores + 1), "--dist", "loadscope", "--no-loadscope-reorder")
    session.run("pytest", "-m", "site", *dist, *session.posargs)


# What the tests need from the system beyond requirements.txt: Debian's package, and how to tell it is there.
TEST_SYSTEM_PACKAGES: dict[str, Callable[[], object]] = {
    "chromium": lambda: Path("/usr/bin/chromium").exists(),  # the browser tests (Playwright drives it)
    "default-jre-headless": lambda: shutil.which("java"),  # runs the Nu Html Checker
    "npm": lambda: shutil.which("npm"),  # fetches the Nu Html Checker (vnu-jar), HTML_CodeSniffer and Lighthouse
    "fonts-dejavu-core": lambda: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),  # the PDFs' font
    # a second program that computes Word's numbers, and writes Word files its own way (tests/test_word_reader.py)
    "libreoffice-writer-nogui": lambda: shutil.which("soffice"),
}


def system_packages(session: nox.Session, packages: dict[str, Callable[[], object]]) -> None:
    """Install the missing ones with apt-get where we are root; elsewhere stop with the one command to run."""
    missing = [package for package, present in packages.items() if not present()]
    if not missing:
        return
    if not shutil.which("apt-get") or os.geteuid() != 0:
        session.error(f"missing system packages: run `sudo apt-get install -y {' '.join(missing)}`, then this again")
    session.log(f"installing system packages: {', '.join(missing)}")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    session.run("apt-get", "update", "-qq", external=True, env=env)
    session.run("apt-get", "install", "-y", "-qq", *missing, external=True, env=env)


@nox.session
def lint(session: nox.Session) -> None:
    """Static checks of the Python code: ruff, and mypy over the package (``[tool.mypy]`` in pyproject.toml), which
    reads the types of what the package imports, so the session has the site's environment."""
    install(session)
    session.run("ruff", "check", "conf.py", "noxfile.py", "extensions", "tests", "bench")
    session.run("ruff", "format", "--check", "conf.py", "noxfile.py", "extensions", "tests", "bench")
    session.run("mypy")
