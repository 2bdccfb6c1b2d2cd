"""Sphinx internals the package relies on, each because no public API does the job: these tests fail the day one
changes, rather than a feature failing quietly. (Three more are guarded by the tests of what they serve: the HTML
repairs to furo's page.html by test_browser's landmark checks, rebuild.py's handler on the ``sphinx`` logger by
test_engine's "a page that warned is read again", and model/glossary.py's filter of Sphinx's untyped duplicate-term
warning and its reading of the lines MyST gives a directive by test_glossary's tests of a term defined twice.) The
PDF builder no longer reads the HTML builder's private ``_css_files``: its test found that Sphinx 9 names them
``_static/…``, so no concept's stylesheet had reached a PDF, and none should (their screen rules are not for paper;
pdf.css has the print rules)."""

from __future__ import annotations

from pathlib import Path

from conftest import application
from sphinx.util.docutils import docutils_namespace


def test_the_preview_can_start_a_build_with_no_warnings_counted(tmp_path: Path) -> None:
    """The preview (programs/serve.py) builds many times with one application; Sphinx counts warnings
    on it (``_warncount``) for the build's closing line ("build succeeded" or "with N warnings"), so the preview sets
    the count back to none before each build."""
    with docutils_namespace():  # as sphinx-build does: the directives registered go when the build does
        app = application(tmp_path, "# Page\n\nSee {clause}`9.9`.\n")
        app.build()
        assert app._warncount == 1
        (tmp_path / "src" / "index.md").write_text("# Page\n\n:::{clause} 9.9\nWords.\n:::\n\nSee {clause}`9.9`.\n")
        app._warncount = 0
        app.build()
        assert app._warncount == 0
