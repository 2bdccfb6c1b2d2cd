"""Everyday commands: ``nox -s build``, ``nox -s serve``, ``nox -s tests``, ``nox -s lint``."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

SPHINX = ["-c", ".", "docs"]
STRICT = ["-W", "--keep-going", "-n"]


def install(session: nox.Session) -> None:
    session.install("-r", "requirements.txt")


@nox.session
def build(session: nox.Session) -> None:
    """Build the website into _build/html, failing on any warning."""
    install(session)
    session.run("sphinx-build", *STRICT, "-b", "html", *SPHINX, "_build/html", *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview for editors: rebuilds when docs/, extensions/ or conf.py change."""
    install(session)
    session.run(
        "sphinx-autobuild",
        "--watch",
        "extensions",
        "--watch",
        "conf.py",
        "--open-browser",
        "-b",
        "html",
        *SPHINX,
        "_build/html",
        *session.posargs,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (builds the real site, snippet projects, parallel and incremental builds)."""
    install(session)
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Static checks of the Python code."""
    session.install("ruff==0.17.6")
    session.run("ruff", "check", "conf.py", "noxfile.py", "extensions", "tests")
    session.run("ruff", "format", "--check", "conf.py", "noxfile.py", "extensions", "tests")
