"""Everyday commands: ``nox -s build`` (the PDFs and the website), ``nox -s serve`` (the editors' live preview),
``nox -s publish`` (build afresh; replace the published site only if everything built with no warning), and
``nox -s import -- protocol.docx`` (the council's Word document made the protocol's pages)."""

from __future__ import annotations

import os
import subprocess

import nox

nox.options.sessions = ["build"]
nox.options.reuse_existing_virtualenvs = True

SPHINX = ["-c", ".", "docs"]
STRICT = ["-W", "--keep-going", "-n"]  # a warning fails the build: no page is published with a mistake in it


def install(session: nox.Session) -> None:
    """The pinned environment of requirements.txt, sphinx-constitution included."""
    session.install("-r", "requirements.txt")


@nox.session
def build(session: nox.Session) -> None:
    """Build the PDFs into _build/pdf, then the website into _build/html (it links the PDFs)."""
    install(session)
    env = source_date(session)
    pdf = ("-b", "pdf", "-d", "_build/doctrees/pdf", *SPHINX, "_build/pdf")
    session.run("sphinx-build", *STRICT, *pdf, *session.posargs, env=env)
    # -a: write every page again, since the step below removes .buildinfo, by which Sphinx knows what changed
    html = ("-b", "html", "-a", "-d", "_build/doctrees/html", *SPHINX, "_build/html")
    session.run("sphinx-build", *STRICT, *html, *session.posargs, env=env)
    # _build/html is served and copied as it is: it keeps only what readers need (no .buildinfo, no dot-files)
    session.run("sphinx-constitution-publish", "--strip", "_build/html")


@nox.session
def serve(session: nox.Session) -> None:
    """The editors' live preview: each saved change to docs/, conf.py or theme/ is built and the page reloads."""
    install(session)
    session.run(
        "sphinx-constitution-serve",
        "--watch",
        "conf.py",
        "--watch",
        "theme",
        "--open-browser",
        "-D",
        "constitution_search_index_background=1",
        *SPHINX,
        "_build/preview",
        *session.posargs,
    )


@nox.session
def publish(session: nox.Session) -> None:
    """Build PDFs and site afresh; swap into _build/publish (or the folder given after --) only if all built with no
    warning. Otherwise the published site is left as it was, and the warnings are printed."""
    install(session)
    session.run("sphinx-constitution-publish", *session.posargs, env=source_date(session))


def import_word(session: nox.Session) -> None:
    """Import the council's Word document as the protocol: nox -s import -- protocol.docx. Its sections replace the
    pages of docs/protocol/; word-import-report.md says what was imported, checks every clause against Word and lists
    what an editor must still do by hand. Commit first: the import rewrites the protocol's pages."""
    install(session)
    if not session.posargs:
        session.error("name the Word document: nox -s import -- protocol.docx")
    session.run("sphinx-constitution-import", *session.posargs, "--into", ".")


import_word.__name__ = "import"  # the session's name; "import" is a Python keyword, so not the function's
nox.session(import_word)


def source_date(session: nox.Session) -> dict[str, str]:
    """SOURCE_DATE_EPOCH as the last commit's time, so two builds of one commit give the same bytes.

    Before the first commit it is left unset, and the PDFs carry no date.
    """
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return {"SOURCE_DATE_EPOCH": epoch}
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        session.log("no git commit yet: the PDFs carry no date")
        return {}
    return {"SOURCE_DATE_EPOCH": done.stdout.strip()} if done.stdout.strip() else {}
