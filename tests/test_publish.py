"""``nox -s publish`` (programs/publish.py): the published site is replaced only by a build with no warning."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sphinx_constitution.programs.publish
from conftest import ROOT, SOURCE_DATE_EPOCH, copy_project, ended
from sphinx_constitution.programs.publish import BuildFailed, Outcome, main, publish

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


def _last_good(dest: Path) -> dict[str, tuple[bytes, int]]:
    (dest / "pdf").mkdir(parents=True)
    (dest / "index.html").write_text("<p>the last good site</p>", encoding="utf-8")
    (dest / "pdf" / "protocol.pdf").write_bytes(b"%PDF-1.7 last good")
    return _snapshot(dest)


def test_a_broken_source_leaves_the_published_site_untouched_and_says_where(tmp_path: Path) -> None:
    """A copy of the project that makes only the notes' PDFs (the protocol's and the editions', most of a PDF
    build's time, would fail the same way and show nothing more here), with a citation in the members' notes broken:
    the PDF build fails, and with it the publish."""
    project = copy_project(tmp_path / "project")
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nconstitution_pdf_documents = [d for d in constitution_pdf_documents if d.get("max_pages")]\n')
    page = project / "docs/notes/members.md"
    text = page.read_text(encoding="utf-8")
    assert text.count("({clause}`2.1`)") == 1
    line = text[: text.index("({clause}`2.1`)")].count("\n") + 1
    page.write_text(text.replace("({clause}`2.1`)", "({clause}`6.99`)"), encoding="utf-8")
    dest = tmp_path / "published"
    before = _last_good(dest)

    outcome = publish(project, dest)

    assert not outcome.published
    assert _snapshot(dest) == before
    # no half-built folder left; the lock file stays
    assert sorted(p.name for p in tmp_path.iterdir()) == [".published.lock", "project", "published"]
    assert f"{dest} is unchanged" in outcome.message
    assert "the pdf build failed" in outcome.message
    assert f"notes/members.md:{line}:" in outcome.message
    assert "no clause numbered 6.99" in outcome.message


def test_a_good_build_replaces_the_whole_published_site(tmp_path: Path) -> None:
    dest = tmp_path / "published"
    _last_good(dest)

    def build(project: Path, into: Path, _lock: int) -> Path:
        (into / "site" / "notes").mkdir(parents=True)
        (into / "site" / "index.html").write_text("<p>new</p>", encoding="utf-8")
        (into / "site" / "notes" / "members.html").write_text("<p>new note</p>", encoding="utf-8")
        return into / "site"

    outcome = publish(tmp_path, dest, build=build)

    assert outcome.published, outcome.message
    assert {name: data for name, (data, _mtime) in _snapshot(dest).items()} == {
        "index.html": b"<p>new</p>",
        "notes/members.html": b"<p>new note</p>",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [".published.lock", "published"]


def test_a_failed_build_step_is_reported_not_raised(tmp_path: Path) -> None:
    dest = tmp_path / "published"
    before = _last_good(dest)

    def build(project: Path, into: Path, _lock: int) -> Path:
        (into / "site").mkdir()
        raise BuildFailed("the html build failed:\n  docs/index.md:3: WARNING: something")

    outcome = publish(tmp_path, dest, build=build)
    assert not outcome.published
    assert "docs/index.md:3" in outcome.message
    assert _snapshot(dest) == before


def _site(_project: Path, into: Path, _lock: int = -1) -> Path:
    """A built site as Sphinx leaves it: the pages, and the build's own files beside them."""
    site = into / "site"
    (site / "_static").mkdir(parents=True)
    (site / ".doctrees").mkdir()
    (site / "index.html").write_text("<p>new</p>", encoding="utf-8")
    (site / "_static" / "site.css").write_text("p {}", encoding="utf-8")
    (site / ".buildinfo").write_text("config: 0123abcd\n", encoding="utf-8")
    (site / ".doctrees" / "environment.pickle").write_bytes(b"/home/someone/project/docs")
    (site / "_static" / ".DS_Store").write_bytes(b"")
    return site


def test_the_published_folder_holds_only_what_readers_need(tmp_path: Path) -> None:
    dest = tmp_path / "published"

    outcome = publish(tmp_path, dest, build=_site)

    assert outcome.published, outcome.message
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*")) == ["_static", "_static/site.css", "index.html"]


def test_strip_removes_the_build_internals_from_a_built_site(tmp_path: Path) -> None:
    """As ``nox -s build`` runs it on ``_build/html``."""
    site = _site(tmp_path, tmp_path)

    assert main(["--strip", str(site)]) == 0

    assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == ["_static", "_static/site.css", "index.html"]


def test_the_work_folders_of_a_killed_publish_are_deleted_by_the_next(tmp_path: Path) -> None:
    dest = tmp_path / "published"
    _last_good(dest)
    for killed in (".published-k1ll3d_0", ".published-k1ll3d_1-old"):  # as mkdtemp names them, and swap's aside
        (tmp_path / killed / "site").mkdir(parents=True)
        (tmp_path / killed / "site" / "index.html").write_text("<p>half built</p>", encoding="utf-8")
    (tmp_path / ".published-notes").mkdir()  # not a name publish gives: not ours to delete

    outcome = publish(tmp_path, dest, build=_site)

    assert outcome.published, outcome.message
    assert sorted(p.name for p in tmp_path.iterdir()) == [".published-notes", ".published.lock", "published"]


def test_a_publish_killed_in_the_middle_of_the_fallback_swap_gets_the_last_site_back(tmp_path: Path) -> None:
    """Killed between swap's two renames: no DEST, the last published site aside as ``-old``, the new one built."""
    dest = tmp_path / "published"
    before = _last_good(dest)
    dest.rename(tmp_path / ".published-k1ll3d_0-old")
    (tmp_path / ".published-k1ll3d_0" / "notes").mkdir(parents=True)

    def build(project: Path, into: Path, _lock: int) -> Path:
        raise BuildFailed("the html build failed:\n  docs/index.md:3: WARNING: something")

    outcome = publish(tmp_path, dest, build=build)

    assert not outcome.published
    assert _snapshot(dest) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".published.lock", "published"]


def test_a_second_publish_while_one_is_running_is_refused_and_harms_neither(tmp_path: Path) -> None:
    dest = tmp_path / "published"
    _last_good(dest)
    second: list[Outcome] = []

    def build(project: Path, into: Path, _lock: int) -> Path:
        second.append(publish(project, dest, build=_site))
        return _site(project, into, _lock)

    outcome = publish(tmp_path, dest, build=build)

    assert outcome.published, outcome.message
    assert not second[0].published
    assert second[0].message == f"publish: not started: another publish into {dest} is running"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".published.lock", "published"]
    assert (dest / "index.html").read_text(encoding="utf-8") == "<p>new</p>"


def test_a_signal_while_the_new_site_is_swapped_in_waits_and_the_publish_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "published"
    _last_good(dest)
    swap = sphinx_constitution.programs.publish.swap

    def swap_signalled(new: Path, dest: Path) -> None:
        # as if sent at that moment to a publish run from the command line, whose one thread is this one (pytest-xdist's
        # worker has a thread of its own, which a signal sent to the whole process could go to instead)
        signal.pthread_kill(threading.get_ident(), signal.SIGTERM)
        swap(new, dest)

    monkeypatch.setattr(sphinx_constitution.programs.publish, "swap", swap_signalled)
    before = signal.signal(signal.SIGTERM, sphinx_constitution.programs.publish._interrupt)
    try:
        outcome = publish(tmp_path, dest, build=_site)
    finally:
        signal.signal(signal.SIGTERM, before)

    assert outcome.published, outcome.message
    assert sorted(p.name for p in tmp_path.iterdir()) == [".published.lock", "published"]
    assert (dest / "index.html").read_text(encoding="utf-8") == "<p>new</p>"


# A build that takes its time, as a large one does, and has started a process of its own, as the search index's
# Pagefind is: it says the process ids of Sphinx, of that process and of Sphinx's parent (the publish's guard)
# once it is under way.
SLOW_CONF = """
import os, subprocess, sys, time
from pathlib import Path

helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
if seconds := os.environ.get("DAEMON_SECONDS"):  # and one that leaves the build's process group, ending on its own
    subprocess.Popen([sys.executable, "-c", f"import time; time.sleep({seconds})"], start_new_session=True)
Path(__file__).with_name("pids.tmp").write_text(f"{os.getpid()} {helper.pid} {os.getppid()}")
Path(__file__).with_name("pids.tmp").rename(Path(__file__).with_name("pids"))
time.sleep(60)
"""


def _slow_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.rst").write_text("Title\n=====\n", encoding="utf-8")
    (project / "conf.py").write_text(SLOW_CONF, encoding="utf-8")
    return project


@contextlib.contextmanager
def _publishing(project: Path, dest: Path, **env: str) -> Iterator[tuple[subprocess.Popen[str], list[int]]]:
    """A publish of ``project`` started and its build under way: the publish and its build's processes (Sphinx's,
    the process it started, its guard's). Whatever the test does to them, none is left running after it."""
    command = [sys.executable, "-m", "sphinx_constitution.programs.publish", str(dest), "--project", str(project)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **env}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pids: list[int] = []
    try:
        pids = _build_pids(process, project)
        yield process, pids
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _build_pids(process: subprocess.Popen[str], project: Path) -> list[int]:
    """Sphinx's, the process it started, its guard's: once the build is under way."""
    deadline = time.monotonic() + 60
    while not (project / "pids").exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never started"
        time.sleep(0.05)
    return [int(pid) for pid in (project / "pids").read_text(encoding="utf-8").split()]


def test_a_publish_killed_outright_ends_its_build_and_keeps_its_lock_until_the_build_has_gone(tmp_path: Path) -> None:
    """SIGKILL: the publish can do nothing more, yet its build must not run on, nor another publish start meanwhile.

    The build has also started a process that left its process group (so is not killed with it) and ends by
    itself within seconds: until it has, the build has not gone, and another publish is refused.
    """
    project = _slow_project(tmp_path)
    dest = tmp_path / "published"
    _last_good(dest)
    with _publishing(project, dest, DAEMON_SECONDS="4") as (process, pids):
        sphinx, helper, guard = pids

        process.kill()
        process.communicate(timeout=30)
        refused = publish(project, dest, build=_site)

        assert not refused.published
        assert refused.message == f"publish: not started: another publish into {dest} is running"
        assert ended([sphinx, helper], seconds=2), "Sphinx and the process it started are killed with their publish"
        assert not publish(project, dest, build=_site).published, "refused while the build's last process lives"
        assert ended([guard]), "the guard ends once the last process of the build has"
        outcome = publish(project, dest, build=_site)
        assert outcome.published, outcome.message
        assert sorted(p.name for p in tmp_path.iterdir()) == [".published.lock", "project", "published"]
        time.sleep(1)  # nothing of the killed build writes any more
        assert sorted(p.name for p in tmp_path.iterdir()) == [".published.lock", "project", "published"]
        assert (dest / "index.html").read_text(encoding="utf-8") == "<p>new</p>"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_publish_stopped_by_a_signal_stops_its_build_and_leaves_no_work_folder(
    tmp_path: Path, stop: signal.Signals
) -> None:
    project = _slow_project(tmp_path)
    dest = tmp_path / "published"
    before = _last_good(dest)
    with _publishing(project, dest) as (process, pids):
        assert len(list(tmp_path.glob(".published-*"))) == 1, "the publish is building in its work folder"

        process.send_signal(stop)
        output, errors = process.communicate(timeout=30)

        assert process.returncode == 128 + stop
        assert errors == f"publish: stopped by {stop.name}: not published, {dest} is unchanged\n"  # no traceback
        assert output == ""
        assert sorted(p.name for p in tmp_path.iterdir()) == [".published.lock", "project", "published"]
        assert _snapshot(dest) == before
        assert ended(pids), "the build, and the process it started, are stopped"
