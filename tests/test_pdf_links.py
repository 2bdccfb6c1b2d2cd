"""The website's link to each PDF ("Download this as a PDF (PDF, 3 KB)"), which the HTML build finds once a build:
these tests build with one application again and again, as the editors' preview does."""

from __future__ import annotations

from pathlib import Path

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
