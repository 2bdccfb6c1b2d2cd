"""The editors' live preview (``tools/preview.py``, ``nox -s serve``): one Sphinx kept in memory between builds.

A preview that keeps its Sphinx application must still show, after every edit, what a clean build of the same
sources shows, and say the same warnings: the edits of ``test_engine`` are made one after another to one
running preview, each undone again, and every page compared with a clean build. Then the server itself: an
edit saved on disk reaches a page open in Chromium, and a broken configuration is reported, not crashed on.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SOURCE_DATE_EPOCH, copy_project, sphinx_build
from playwright.sync_api import Page, expect, sync_playwright
from test_engine import EDITS, QUORUM, _lines
from test_site import _pages

from tools.preview import Options, Preview

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with a page citing a term no page defines (one edit defines it)."""
    root = tmp_path_factory.mktemp("preview")
    project = copy_project(root / "project")
    notes = project / "docs/notes/members.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nA meeting needs a {term}`quorum`.\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def preview(project: Path) -> Iterator[Preview]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        running = Preview(Options(project / "docs", project.parent / "html", project, {"nitpicky": "1"}))
        yield running
        running.stop()


def _relative(warnings: list[str], project: Path) -> list[str]:
    return _lines("\n".join(warnings), project.parent)


def _clean(project: Path, out: Path) -> tuple[dict[str, str], list[str]]:
    clean = sphinx_build(project / "docs", out, "-n", "-E", "-b", "html", confdir=project)
    return _pages(clean.outdir), _lines(clean.warnings, project.parent)


def test_every_edit_and_its_undoing_shows_what_a_clean_build_shows(
    preview: Preview, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    first = preview()
    assert not first.failed
    assert _relative(first.warnings, project) == [QUORUM]
    worker = preview.worker
    for number, (path, old, new, expected) in enumerate(EDITS.values()):
        source = project / path
        text = source.read_text(encoding="utf-8")
        for step, (before, after, warned) in enumerate(((old, new, expected), (new, old, [QUORUM]))):
            source.write_text(text.replace(before, after, 1) if step == 0 else text, encoding="utf-8")
            built = preview(changed_paths=[source])
            pages, warnings = _clean(project, tmp_path / f"clean-{number}-{step}")
            assert _pages(project.parent / "html") == pages, f"{path}: {old!r} -> {new!r}, step {step}"
            assert _relative(built.warnings, project) == warnings == warned
            if path.endswith(".md"):  # an edit to the codes register is a change of configuration: all is read
                assert 0 < len(built.read) < 10, "an edited page is read again, not the whole site"
    assert preview.worker is worker, "one Sphinx application served every edit"


def test_a_change_to_python_code_starts_sphinx_afresh_and_is_shown(preview: Preview, project: Path) -> None:
    conf = project / "conf.py"
    text = conf.read_text(encoding="utf-8")
    worker = preview.worker
    conf.write_text(text.replace('"Human Resources"', '"People Services"'), encoding="utf-8")
    try:
        built = preview(changed_paths=[conf])
        assert preview.worker is not worker
        assert not built.failed
        html = (project.parent / "html/notes/employees.html").read_text(encoding="utf-8")
        assert "People Services" in html and "Human Resources" not in html
    finally:
        conf.write_text(text, encoding="utf-8")
        preview(changed_paths=[conf])


@pytest.mark.parametrize(
    ("path", "old", "new", "said"),
    [
        ("conf.py", "extensions = [", "extensions = [[", "There is a syntax error in your configuration file"),
        (
            "docs/_data/codes.toml",
            'title = "Freedom of Information Act 2000"\nkind = "act"\n',
            'title = "Freedom of Information Act 2000"\n',
            r"_data/codes\.toml:105: code entry \d+ lacks kind",
        ),
    ],
    ids=["conf.py does not parse", "a code in the register lacks its kind"],
)
def test_a_broken_configuration_is_reported_in_a_line_and_the_fix_is_built(
    preview: Preview, project: Path, capfd: pytest.CaptureFixture[str], path: str, old: str, new: str, said: str
) -> None:
    preview.stop()
    preview()  # a worker started under this test's capture, so that its output is this test's to read
    source = project / path
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    capfd.readouterr()
    try:
        broken = preview(changed_paths=[source])
        assert broken.failed and preview.worker is None
        output = "".join(capfd.readouterr())
        assert "Configuration error: " in output and re.search(said, output)
        assert "Traceback" not in output
        assert "[preview] build failed" in output
    finally:
        source.write_text(text, encoding="utf-8")
    fixed = preview(changed_paths=[source])
    assert not fixed.failed and preview.worker is not None


# -- the server, in a browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project as it is, with no warning, for the server to preview."""
    return copy_project(tmp_path_factory.mktemp("served") / "project")


@pytest.fixture(scope="module")
def server(served: Path) -> Iterator[str]:
    """``python -m tools.preview`` on a free port, as ``nox -s serve`` runs it; yields its address."""
    project = served
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "tools.preview", "--port", "0", "-c", str(project)]
    command += ["-D", "search_index_background=1"]  # as nox -s serve runs it
    command += ["--watch", str(project / "extensions"), str(project / "docs"), str(project.parent / "served")]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in process.stdout:
            if found := re.search(r"\[preview\] serving on (http://\S+)", line):
                break
        else:
            pytest.fail("the preview stopped before serving")
        # Keep reading what it says, or the pipe fills and the preview waits to write its next line.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        yield found[1]
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def page() -> Iterator[Page]:
    """A fresh page in Debian's Chromium, driven by Playwright."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip("needs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield browser.new_page()
        finally:
            browser.close()


def test_an_edit_saved_on_disk_reaches_the_page_open_in_the_browser(page: Page, server: str, served: Path) -> None:
    source = served / "docs/protocol/access-to-information.md"
    text = source.read_text(encoding="utf-8")
    assert "a roving commission" in text
    try:
        page.goto(f"{server}/protocol/access-to-information.html#clause-6-7")
        clause = page.locator("#clause-6-7")
        expect(clause).to_contain_text("a roving commission")
        page.wait_for_timeout(300)  # the reload socket connects once the page has loaded
        source.write_text(text.replace("a roving commission", "an unlimited commission", 1), encoding="utf-8")
        expect(clause).to_contain_text("an unlimited commission", timeout=30_000)
        assert page.url.endswith("#clause-6-7"), "the reload keeps the reader at the clause"
        # The search index, written after the reload, finds the new words at the clause.
        hit = page.locator(".con-search-result a[href$='#clause-6-7']")
        for _attempt in range(20):
            page.goto(f"{server}/search.html?q=unlimited+commission")
            page.wait_for_function("/match|Nothing/.test(document.getElementById('con-search-status').textContent)")
            if hit.count():
                break
            page.wait_for_timeout(500)
        expect(hit).to_have_count(1)
    finally:
        source.write_text(text, encoding="utf-8")


def test_a_warning_is_shown_on_the_page_until_it_is_fixed(page: Page, server: str, served: Path) -> None:
    source = served / "docs/notes/employees.md"
    text = source.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 2
    try:
        page.goto(f"{server}/notes/employees.html")
        panel = page.locator("#preview-problems")
        page.wait_for_timeout(300)
        source.write_text(text + "\nSee {clause}`6.99`.\n", encoding="utf-8")
        expect(panel).to_be_visible(timeout=30_000)
        expect(panel).to_have_attribute("role", "alert")
        expect(panel.get_by_role("heading")).to_contain_text("the last build gave")
        expect(panel.get_by_role("listitem")).to_contain_text(
            [f"notes/employees.md:{line}: WARNING: no clause numbered 6.99"]
        )
        page.wait_for_timeout(300)
        source.write_text(text, encoding="utf-8")
        expect(page.locator("h1")).to_be_visible()
        expect(panel).to_have_count(0, timeout=30_000)
    finally:
        source.write_text(text, encoding="utf-8")
