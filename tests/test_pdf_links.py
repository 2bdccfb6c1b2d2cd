"""The website's link to each PDF ("Download this as a PDF (PDF, 3 KB)"), which the HTML build finds once a build:
these tests build with one application again and again, as the editors' preview does, and let it go, as the preview
does when it starts another."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

CONF = """
extensions = ["myst_parser", "sphinx_constitution"]
constitution_pdf_documents = [{"start": "index", "filename": "page"}]
constitution_pdf_output_dir = "pdf-out"
"""


def _download_line(out: Path) -> str | None:
    found = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("p.pdf-download")
    return found.get_text(" ", strip=True) if found is not None else None


def test_a_pdf_written_between_two_builds_of_one_application_is_linked_with_its_size(tmp_path: Path) -> None:
    """The PDFs are found as each build starts writing, not once for the application: a PDF built while the
    preview runs is linked by its next build, at its new size."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Page\n\nWords.\n", encoding="utf-8")
    with docutils_namespace():
        app = Sphinx(src, src, out, out / ".doctrees", "html", status=None, warning=None, warningiserror=True)
        app.build()
        assert _download_line(out) is None
        (src / "pdf-out").mkdir()
        (src / "pdf-out" / "page.pdf").write_bytes(b"%PDF-1.7\n" + b"%" * 3 * 1024)
        app._warncount = 0
        app.build()
        assert _download_line(out) == "Download this as a PDF (PDF, 3 KB)"
        (src / "pdf-out" / "page.pdf").write_bytes(b"%PDF-1.7\n" + b"%" * 9 * 1024)
        app._warncount = 0
        app.build()
        assert _download_line(out) == "Download this as a PDF (PDF, 9 KB)"


def test_an_application_let_go_leaves_none_of_its_pages_held(tmp_path: Path) -> None:
    """What the package keeps for an application or a build lives in objects its handlers are bound to
    (``theme/assets.py``, ``PageAssets``), which go with the application: none of its pages is held after it,
    as the last page written was in a module's list, for as long as the process ran."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Page\n\n:::{clause} 1.1\nWords.\n:::\n\nSee {clause}`1.1`.\n", encoding="utf-8")
    written: list[weakref.ref[Any]] = []
    with docutils_namespace():
        app = Sphinx(src, src, out, out / ".doctrees", "html", status=None, warning=None, warningiserror=True)
        app.connect(
            "html-page-context",
            lambda _app, _page, _template, _context, doctree: (
                written.append(weakref.ref(doctree)) if doctree is not None else None
            ),
        )
        app.build()
        del app
    gc.collect()
    assert written, "no page with a doctree was written"
    assert [ref() for ref in written if ref() is not None] == []
