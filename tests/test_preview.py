"""The editors' live preview (programs/serve.py, ``nox -s serve``): one Sphinx kept in memory between builds.

A preview that keeps its Sphinx application must still show, after every edit, what a clean build of the same
sources shows, and say the same warnings: the edits of ``test_engine`` are made one after another to one
running preview, each undone again, and every page compared with a clean build. Then the server itself: an
edit saved on disk reaches a page open in Chromium, and a broken configuration is reported, not crashed on. It
answers only requests addressed to this machine (not a page elsewhere that points its own name here), opens its
reload socket only to its own pages, serves no build internals nor a page whose source was deleted, and stops on
SIGTERM or Ctrl+C with its worker and no traceback.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import os
import re
import signal
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsing import SEARCH_ANSWERED, SharedChromium
from bs4 import BeautifulSoup
from conftest import (
    EDITS,
    QUORUM,
    ROOT,
    SOURCE_DATE_EPOCH,
    cite_quorum,
    clean_build,
    copy_project,
    ended,
    html_pages,
    sphinx_build,
    warning_lines,
)
from playwright.sync_api import Page, expect
from sphinx_constitution.programs.serve import Options, Preview, doctree_dir
from sphinx_constitution.programs.serve import main as serve
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Origin

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with a page citing a term no page defines (one edit defines it)."""
    root = tmp_path_factory.mktemp("preview")
    project = copy_project(root / "project")
    cite_quorum(project)
    return project


@pytest.fixture(scope="module")
def preview(project: Path) -> Iterator[Preview]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        running = Preview(Options(project / "docs", project.parent / "html", project, {"nitpicky": "1"}))
        yield running
        running.stop()


def _relative(warnings: list[str], project: Path) -> list[str]:
    return warning_lines("\n".join(warnings), project.parent)


def _clean(tmp_path_factory: pytest.TempPathFactory, edit: str | None) -> tuple[dict[str, str], list[str]]:
    """The pages and warnings of a clean build of the same sources (the project with *edit* made, or none), in a
    folder of its own: test_engine compares its incremental builds with the same clean builds."""
    clean = clean_build(tmp_path_factory, edit)
    return html_pages(clean.outdir), warning_lines(clean.warnings, clean.srcdir.parent.parent)


def test_every_edit_and_its_undoing_shows_what_a_clean_build_shows(
    preview: Preview, project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    first = preview()
    assert not first.failed
    assert _relative(first.warnings, project) == [QUORUM]
    worker = preview.worker
    for edit, (path, old, new, expected) in EDITS.items():
        source = project / path
        text = source.read_text(encoding="utf-8")
        for step, (before, after, warned) in enumerate(((old, new, expected), (new, old, [QUORUM]))):
            source.write_text(text.replace(before, after, 1) if step == 0 else text, encoding="utf-8")
            built = preview(changed_paths=[source])
            pages, warnings = _clean(tmp_path_factory, edit if step == 0 else None)
            assert html_pages(project.parent / "html") == pages, f"{path}: {old!r} -> {new!r}, step {step}"
            clean = clean_build(tmp_path_factory, edit if step == 0 else None).outdir / "clauses.json"
            assert (project.parent / "html/clauses.json").read_bytes() == clean.read_bytes(), "kept entries are fresh"
            assert _relative(built.warnings, project) == warnings == warned
            if path.endswith(".md"):  # an edit to the codes register is a change of configuration: all is read
                assert 0 < len(built.read) < 10, "an edited page is read again, not the whole site"
    assert preview.worker is worker, "one Sphinx application served every edit"


def test_a_change_to_python_code_starts_sphinx_afresh_and_is_shown(preview: Preview, project: Path) -> None:
    """The edit is undone on disk and the preview's Sphinx stopped, not built again: the next build (the next
    test's, which starts its own) starts afresh from the configuration as it was, as this test's own did."""
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
        preview.stop()


def test_a_broken_configuration_is_reported_in_a_line_and_the_fix_is_built(
    preview: Preview, project: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # The change to conf.py (Python code) starts a worker afresh, under this test's capture, so that its output is
    # this test's to read: no build of its own first.
    source, said = project / "conf.py", "There is a syntax error in your configuration file"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("extensions = [", "extensions = [[", 1), encoding="utf-8")
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


def test_a_mistake_in_the_register_is_a_warning_at_its_line_and_the_fix_clears_it(
    preview: Preview, project: Path
) -> None:
    """The register is content: its mistake is an authoring mistake, shown with its line, and the preview goes on."""
    source = project / "docs/_data/codes.toml"
    text = source.read_text(encoding="utf-8")
    entry = 'title = "Freedom of Information Act 2000"\nkind = "act"\n'
    source.write_text(text.replace(entry, 'title = "Freedom of Information Act 2000"\n', 1), encoding="utf-8")
    try:
        broken = preview(changed_paths=[source])
        assert not broken.failed and preview.worker is not None
        lacks = re.compile(r"_data/codes\.toml:105: WARNING: code entry \d+ lacks kind")
        said = [w for w in broken.warnings if lacks.search(w)]
        assert said and "[constitution.bad_registry]" in said[0]
    finally:
        source.write_text(text, encoding="utf-8")
    fixed = preview(changed_paths=[source])
    assert not [w for w in fixed.warnings if "codes.toml" in w or "foia-2000" in w]


# -- the server, in a browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project as it is, with no warning, for the server to preview."""
    return copy_project(tmp_path_factory.mktemp("served") / "project")


@pytest.fixture(scope="module")
def server(served: Path) -> Iterator[str]:
    """The server (programs/serve.py) on a free port, as ``nox -s serve`` runs it; yields its address."""
    project = served
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "sphinx_constitution.programs.serve", "--port", "0", "-c", str(project)]
    command += ["-D", "constitution_search_index_background=1"]  # as nox -s serve runs it
    command += ["--watch", str(ROOT / "extensions"), str(project / "docs"), str(project.parent / "served")]
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
def page(shared_chromium: SharedChromium) -> Iterator[Page]:
    """A fresh page, in a fresh context of the run's one Chromium (browsing.py's ``shared_chromium``)."""
    context = shared_chromium.browser().new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


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
        # The search index, written after the reload, finds the new words at the clause. (Until it is written, the
        # old one finds nothing; a search that fails as its files are swapped is tried again.)
        hit = page.locator(".con-search-result a[href$='#clause-6-7']")
        for _attempt in range(20):
            page.goto(f"{server}/search.html?q=unlimited+commission")
            page.wait_for_function(SEARCH_ANSWERED)
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


# -- the server, without a browser: whom it answers, what it serves, how it stops ------------------------------


def _request(server: str, path: str, host: str | None = None, headers: dict[str, str] | None = None) -> int:
    """The status of GET ``path`` from the preview at ``server``, sent with ``host`` in the Host header."""
    address = urlsplit(server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or address.netloc)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


WEBSOCKET = {  # a browser's request to open the reload socket
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
}


def test_the_preview_answers_only_requests_addressed_to_this_machine(server: str) -> None:
    """A page elsewhere can point its own name at 127.0.0.1 (DNS rebinding); its requests still carry that name."""
    port = urlsplit(server).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "localhost"):
        assert _request(server, "/", host) == 200, host
        assert _request(server, "/websocket-reload", host, WEBSOCKET) == 101, host
    for host in (f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", "evil.example"):
        assert _request(server, "/", host) == 400, host
        assert _request(server, "/_preview/problems.json", host) == 400, host
        assert _request(server, "/websocket-reload", host, WEBSOCKET) == 400, host


def _reload_socket(server: str, origin: str) -> ClientConnection:
    """The reload socket, opened as a page of ``origin`` opens it."""
    address = urlsplit(server)
    url = f"ws://{address.netloc}/websocket-reload"
    return connect(url, origin=Origin(origin), proxy=None, open_timeout=30)


def test_the_reload_socket_answers_only_the_previews_own_pages(server: str, served: Path) -> None:
    """A page of another site could keep the socket open and learn each time the editor saves; it is refused."""
    port = urlsplit(server).port
    for origin in (
        f"http://evil.example:{port}",
        f"http://127.0.0.1.evil.example:{port}",
        "http://127.0.0.1:1",  # another server on this machine, another origin
        f"https://127.0.0.1:{port}",
        "null",  # a sandboxed frame, a file
    ):
        with pytest.raises(InvalidStatus) as refused, _reload_socket(server, origin):
            pass
        assert refused.value.response.status_code == 403, origin
    for origin in (server, f"http://localhost:{port}", f"http://LOCALHOST:{port}"):
        with _reload_socket(server, origin):  # its own pages: opened
            pass
    # ... and told to reload when a page is saved
    source = served / "docs/notes/employees.md"
    text = source.read_text(encoding="utf-8")
    with _reload_socket(server, f"http://localhost:{port}") as socket:
        try:
            source.write_text(text + "\nSaved again.\n", encoding="utf-8")
            assert socket.recv(timeout=60) == "refresh"
        finally:
            source.write_text(text, encoding="utf-8")
        assert socket.recv(timeout=60) == "refresh"


def test_a_page_deleted_from_the_sources_is_no_longer_served(server: str, served: Path) -> None:
    """Sphinx keeps what it wrote from a deleted source; the preview would go on showing a page never published."""
    source = served / "docs/draft.md"
    with _reload_socket(server, server) as socket:
        try:
            source.write_text("---\norphan: true\n---\n\n# A draft\n\nNot to be kept.\n", encoding="utf-8")
            assert socket.recv(timeout=60) == "refresh"
            assert _request(server, "/draft.html") == 200

            source.unlink()
            assert socket.recv(timeout=60) == "refresh"

            assert _request(server, "/draft.html") == 404
            # os.walk, not rglob: the search index is written meanwhile in a thread, its folder replaced as we look
            left = [name for _top, _dirs, names in os.walk(served.parent / "served") for name in names]
            assert not [name for name in left if name.startswith("draft")]
        finally:
            source.unlink(missing_ok=True)


def test_the_preview_serves_no_build_internals(server: str, served: Path) -> None:
    outdir = served.parent / "served"
    assert (outdir / ".buildinfo").is_file(), "Sphinx keeps it there for its next build"
    for path in ("/.buildinfo", "/_static/../.buildinfo", "/%2ebuildinfo", "/_static/.buildinfo"):
        assert _request(server, path) == 404, path
    assert _request(server, "/index.html") == _request(server, "/") == _request(server, "/_static/site.css") == 200
    # The doctrees (the pickled environment: this machine's paths) are kept beside the output, not in it.
    assert not (outdir / ".doctrees").exists()
    assert doctree_dir(outdir) == served.parent / "doctrees" / "served"
    assert (doctree_dir(outdir) / "environment.pickle").is_file()


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rpartition(")")[2].split()
        except OSError:  # it ended meanwhile
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


@pytest.mark.parametrize(
    ("stop", "status"),
    [(signal.SIGTERM, 0), (signal.SIGINT, 0), (signal.SIGKILL, -signal.SIGKILL)],
    ids=["SIGTERM", "SIGINT (Ctrl+C)", "SIGKILL"],
)
def test_the_preview_stops_with_its_worker_and_no_traceback(tmp_path: Path, stop: signal.Signals, status: int) -> None:
    """SIGTERM and Ctrl+C stop it as asked (status 0); killed outright, its worker still ends, quietly."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "conf.py").write_text('project = "Stopping"\n', encoding="utf-8")
    (project / "docs" / "index.rst").write_text("Stopping\n========\n", encoding="utf-8")
    command = [sys.executable, "-m", "sphinx_constitution.programs.serve", "--port", "0", "-c", str(project)]
    command += [str(project / "docs"), str(tmp_path / "out")]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    said: list[str] = []
    try:
        for line in process.stdout:
            said.append(line)
            if "[preview] serving on" in line:
                break
        else:
            pytest.fail("the preview stopped before serving:\n" + "".join(said))
        children = _children(process.pid)  # the Sphinx worker, and multiprocessing's resource tracker
        assert children

        process.send_signal(stop)
        said.append(process.communicate(timeout=60)[0])  # to its end: the worker writes to the same pipe
        output = "".join(said)

        assert process.returncode == status, output
        assert "Traceback" not in output, output
        assert output.endswith("[preview] stopped\n") or stop == signal.SIGKILL, output
        assert ended(children), "the worker has ended"
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


class _PressesCtrlC(io.StringIO):
    """Standard output that presses Ctrl+C the moment the preview says it serves, as a quick editor might."""

    def __init__(self) -> None:
        super().__init__()
        self.handler: object = None  # whatever was to handle Ctrl+C at that moment

    def write(self, text: str) -> int:
        written = super().write(text)
        if "[preview] serving on" in text and self.handler is None:
            self.handler = signal.getsignal(signal.SIGINT)
            signal.raise_signal(signal.SIGINT)
        return written


@pytest.mark.usefixtures("without_playwright")  # the preview's asyncio loop runs in this thread: browsing.py says why
def test_ctrl_c_the_moment_the_preview_says_it_serves_is_an_orderly_stop(tmp_path: Path) -> None:
    """The preview says "serving on" only once the server handles Ctrl+C itself. Said earlier (before session 12), a
    Ctrl+C while asyncio was still setting up its loop printed an unclosed event loop's error and "coroutine
    'Server.serve' was never awaited" (4 of 72 tries, pressed within 4 ms of the line), and once, under load, left the
    preview running: the test above, which presses it as soon as it reads the line, failed now and then. Here the
    press comes at the very moment of the line, in this process, so it does not depend on timing."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "conf.py").write_text('project = "Stopping"\n', encoding="utf-8")
    (project / "docs" / "index.rst").write_text("Stopping\n========\n", encoding="utf-8")
    said = _PressesCtrlC()
    terminate = signal.getsignal(signal.SIGTERM)  # main() sets its own; this test process keeps pytest's
    try:
        with contextlib.redirect_stdout(said), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            serve(["--port", "0", "-c", str(project), str(project / "docs"), str(tmp_path / "out")])
    finally:
        signal.signal(signal.SIGTERM, terminate)
    assert said.handler not in (signal.default_int_handler, signal.SIG_DFL), "Ctrl+C then was an exception anywhere"
    assert said.getvalue().endswith("[preview] stopped\n"), said.getvalue()
    assert [str(warning.message) for warning in caught if "never awaited" in str(warning.message)] == []


# -- the decisions register, edited in a running preview ------------------------------------------------------------

CORRECTION_2027 = """
[[decision]]
id = "correction-2027-05-25"
kind = "correction"
by = "the Monitoring Officer"
adopted = 2027-05-25
in_force = 2027-05-25
edition = "2027"
effects = [{ clause = "6.7", change = "amended" }]
"""


def test_an_edit_to_the_decisions_register_is_shown_as_a_clean_build_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register is read again at every build of a running preview: a mistake is a warning at its line, the fix
    clears it, and a new decision's effect appears in the paragraph's history, as in a clean build each time (the
    protocol with a third edition, test_record_site's, and a register of its decision alone).

    The preview's first build, from nothing into an empty folder, is a clean build of the register it starts with;
    the fix of the mistake brings that register back, and is compared with it. The mistake and the second decision
    are compared with a clean build (``-E``) made for each."""
    from test_record_site import DECISION_2027, third_edition

    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    project = copy_project(tmp_path / "project")
    third_edition(project)
    register = project / "docs/_data/decisions.toml"
    register.write_text(DECISION_2027, encoding="utf-8")
    running = Preview(Options(project / "docs", tmp_path / "html", project, {"nitpicky": "1"}))

    def shown(text: str, clean: tuple[dict[str, str], list[str]] | None = None) -> tuple[list[str], str]:
        """Save the register and build in the preview; the preview's warnings, and 6.7's history. Its pages and
        warnings are those of a clean build of the same sources: *clean*, if one was made, or else one made now."""
        register.write_text(text, encoding="utf-8")
        built = running(changed_paths=[register])
        assert not built.failed and running.worker is worker
        if clean is None:
            made = sphinx_build(project / "docs", tmp_path / "clean", "-E", "-n", "-b", "html", confdir=project)
            clean = html_pages(made.outdir), warning_lines(made.warnings, tmp_path)
        pages, (clean_pages, clean_warnings) = html_pages(tmp_path / "html"), clean
        assert pages == clean_pages, [page for page in pages if pages[page] != clean_pages.get(page)]
        assert _relative(built.warnings, project) == clean_warnings
        page = (tmp_path / "html/protocol/access-to-information.html").read_text(encoding="utf-8")
        return built.warnings, " ".join(BeautifulSoup(page, "html.parser").find(id="clause-6-7").get_text().split())

    try:
        first = running()
        worker = running.worker
        assert not first.failed and first.warnings == [], first.warnings
        from_nothing = html_pages(tmp_path / "html"), []  # a clean build of DECISION_2027's sources
        mistake = DECISION_2027.replace('clause = "6.13"', 'clause = "6.14"')
        warnings, _history = shown(mistake)
        line = mistake.splitlines().index('    { clause = "6.14", change = "inserted" },') + 1
        assert any(
            f"_data/decisions.toml:{line}: WARNING: no paragraph 6.14 in the 2027 edition" in w
            and w.endswith("[constitution.decision_mismatch]")
            for w in warnings
        ), warnings
        warnings, history = shown(DECISION_2027, from_nothing)
        assert warnings == []
        assert "History of paragraph 6.7 Substituted, 2027 edition: decision of Annual Council" in history
        warnings, history = shown(DECISION_2027 + CORRECTION_2027)
        assert warnings == []
        assert "History of paragraph 6.7: 2 changes" in history
        assert "Amended, 2027 edition: correction by the Monitoring Officer, 25 May 2027" in history
    finally:
        running.stop()
