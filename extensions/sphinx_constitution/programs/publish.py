"""Publish the site only if all of it builds: ``nox -s publish`` or ``sphinx-constitution-publish [DEST]``.

Run from a project's folder (``conf.py`` and ``docs/``; ``--project`` names another), the PDFs and then the
website (which links and copies the PDFs) are built, strictly (``-W --keep-going -n``), into a fresh folder
beside DEST (default ``_build/publish`` in the project). Only when both builds succeed with no warning is
that folder swapped with DEST, in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames in
quick succession), and the old output deleted. A failed build deletes its own folder, leaves DEST as it was
and says why, quoting the warnings with their files and lines. The exit status is 0 only after a swap.

DEST holds only what readers need: Sphinx's doctrees are built outside it, and ``.buildinfo`` and any other
name starting with a dot are removed before the swap (:func:`strip_build_internals`, which ``nox -s build``
runs on ``_build/html`` too, as ``sphinx-constitution-publish --strip _build/html``).

One publish at a time: each holds a lock (``.DEST.lock`` beside DEST) from start to end, and a second one
started meanwhile says so and exits with 1 at once, rather than waiting to build the same thing again. With the
lock held, a publish first deletes the work folders (``.DEST-xxxxxxxx``) of earlier ones that were killed
outright (SIGKILL, power loss). SIGTERM or Ctrl+C stops the build (and what it started), deletes its folder and
exits with 128 + the signal's number (143, 130), saying so in one line.

A publish killed outright (SIGKILL) ends its build too, and its lock outlives it until the build has gone: each
build runs under a small guard process (:func:`guard`) that holds the lock with it and stops the build when
the publish ends (on Linux; see :func:`guard` for why a guard).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STRICT = ("-W", "--keep-going", "-n")
STOPPING = (signal.SIGTERM, signal.SIGINT)
GUARD = "--guard-build"  # main()'s first argument when it runs as a build's guard: not for people, so not in --help
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36  # Linux's prctl(2) options


@dataclass
class Outcome:
    published: bool
    message: str


class BuildFailed(Exception):
    """A build gave a warning or an error; the text says which build, and quotes Sphinx."""


class Interrupted(BaseException):
    """SIGTERM or SIGINT came while publishing (raised by :func:`main`'s handler).

    A BaseException, as KeyboardInterrupt is, so that no ``except Exception`` in a build step takes it for a
    failure of its own and carries on.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def source_date(project: Path) -> str:
    """SOURCE_DATE_EPOCH if set, else the last commit's time (as ``nox -s build`` does), else nothing."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return epoch
    try:
        done = subprocess.run(
            ["git", "-C", str(project), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


def sphinx_build(project: Path, builder: str, outdir: Path, doctrees: Path, *args: str, lock: int) -> None:
    """Run one Sphinx build, under its :func:`guard`, which is given the publish's ``lock`` to hold with it."""
    command = [sys.executable, "-m", "sphinx", *STRICT, "-b", builder, "-d", str(doctrees), *args]
    command += ["-c", str(project), str(project / "docs"), str(outdir)]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)  # set only if known: an empty one makes Sphinx crash
    if epoch := source_date(project):
        env["SOURCE_DATE_EPOCH"] = epoch
    guarded = [sys.executable, "-m", "sphinx_constitution.programs.publish", GUARD, str(os.getpid()), *command]
    # The guard and its build each in a process group of their own, so that Ctrl+C in the terminal reaches only
    # this process, which then asks the guard to stop the build.
    pipe = subprocess.PIPE
    with subprocess.Popen(
        guarded, stdout=pipe, stderr=pipe, text=True, env=env, process_group=0, pass_fds=(lock,)
    ) as build:
        try:
            _output, errors = build.communicate()
        except BaseException:  # Interrupted, KeyboardInterrupt: the build ends, and all it started, before we go on
            with signals_held():
                build.terminate()
                build.wait()
            raise
    if build.returncode != 0:
        problems = [line for line in errors.splitlines() if line.strip()]
        raise BuildFailed(f"the {builder} build failed:\n" + "\n".join(f"  {line}" for line in problems[-40:]))


class _Stop(BaseException):
    """The guard was asked to stop its build (SIGTERM: from the publish, or the kernel's when the publish died)."""


def _prctl(option: int, value: int) -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    if (prctl := getattr(libc, "prctl", None)) is not None:  # Linux only
        prctl(option, value, 0, 0, 0)


def guard(publisher: int, command: list[str]) -> int:
    """Run ``command`` (a Sphinx build) for the publish ``publisher``; stop it, all of it, if the publish ends first.

    A publish killed with SIGKILL can do nothing more, and a build in a group of its own runs on without it,
    writing into the work folder that the next publish deletes, while that next publish already holds the lock.
    So the build is run by this guard, which the kernel tells when the publish ends, however it ends
    (``PR_SET_PDEATHSIG``: a SIGTERM to the guard), and which then kills the build's process group (Sphinx and
    what it started: Pagefind). The guard holds the publish's lock with it (an ``flock`` is held as long as any
    process has the file open: the publish passes it over with ``pass_fds``), and it is the *subreaper* of the
    build (``PR_SET_CHILD_SUBREAPER``): every process of the build that outlives its parent is handed to the
    guard, which waits for each before it exits. So the lock is let go only once no process of the build is left:
    one that left the build's process group (a daemon a ``conf.py`` started) is not killed, but waited for.

    Why a guard and not the simpler ways: ``PR_SET_PDEATHSIG`` on Sphinx itself would kill Sphinx but not what
    Sphinx started (the signal goes to a child, not to its children); a build in the publish's own process group
    is killed only by whoever kills the whole group, not by ``kill -9 PID``; and a lock merely inherited by
    Sphinx is let go while what Sphinx started still writes. A process that outlives the publish is needed to
    stop the rest, and the kernel's two settings make it a short one.
    """
    build: subprocess.Popen[bytes] | None = None
    asked = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal asked
        if asked:  # once is enough (SIGTERM and SIGHUP may both come): the stopping must not be cut short
            return
        asked = True
        if build is not None:  # else the build is being started: stopped just after (no process left unknown)
            raise _Stop

    signal.signal(signal.SIGTERM, stop)
    # Also a hangup: what the kernel sends a stopped guard once its publish has gone (an orphaned process group).
    signal.signal(signal.SIGHUP, stop)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    try:
        if os.getppid() != publisher:  # the publish ended before the line above: no signal will come
            return 128 + signal.SIGTERM
        build = subprocess.Popen(command, process_group=0)
        if asked:
            raise _Stop
        code = build.wait()
        return code if code >= 0 else 128 - code
    except _Stop:
        return 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        if build is not None and build.returncode is None:  # not yet waited for, so its group's id is still its own
            with contextlib.suppress(ProcessLookupError):
                os.killpg(build.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):  # none left
            while True:
                os.waitpid(-1, 0)


def build_site(project: Path, into: Path, lock: int) -> Path:
    """PDFs, then the site that links them; returns the folder to publish (the site, PDFs in its ``pdf/``).

    ``lock`` is the open lock file's descriptor, for each build's guard to hold.
    """
    pdfs = into / "pdf"
    sphinx_build(project, "pdf", pdfs, into / "doctrees-pdf", lock=lock)
    html = into / "site"
    sphinx_build(project, "html", html, into / "doctrees-html", "-D", f"constitution_pdf_output_dir={pdfs}", lock=lock)
    return html


def strip_build_internals(site: Path) -> None:
    """Delete from a built site what Sphinx keeps there for its next build, which no reader needs.

    That is ``.buildinfo`` (a hash of the configuration), a ``.doctrees/`` left by a build that kept its
    doctrees there (the pickled environment: the build machine's absolute paths), and anything else whose name
    starts with a dot, at any depth. A built site is served and copied as it is, so it should hold only what a
    reader's browser asks for; no page links a dot-file.
    """
    for folder, dirs, files in os.walk(site):
        for name in [*dirs, *files]:
            if name.startswith("."):
                _remove(Path(folder, name))
        dirs[:] = [name for name in dirs if not name.startswith(".")]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def swap(new: Path, dest: Path) -> None:
    """Put ``new`` where ``dest`` is; ``dest``'s old content ends up at ``new``."""
    if not dest.exists():
        new.rename(dest)
        new.mkdir()
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, bytes(new), at_fdcwd, bytes(dest), rename_exchange) == 0:
            return
    aside = new.with_name(new.name + "-old")
    dest.rename(aside)
    new.rename(dest)
    aside.rename(new)


@contextlib.contextmanager
def locked(dest: Path) -> Iterator[int | None]:
    """Hold the lock on ``.DEST.lock`` beside ``dest`` for the block; gives the file's descriptor, None if another
    publish (or a killed one's build) holds it.

    ``flock``: the kernel lets go of the lock when the last process holding the file open ends, however it ends,
    so a killed publish never leaves it held, but its build's guard, given the file, keeps it until the build has
    gone. The file stays: deleting it while another publish opens it would let two hold a lock each.
    """
    with open(dest.parent / f".{dest.name}.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
        else:
            yield lock.fileno()


def remove_leftovers(dest: Path) -> None:
    """Delete the work folders of publishes that were killed (SIGKILL, power loss) before they could do it.

    Run with the lock held, so none belongs to a publish still running. The names are those ``publish`` gives
    (``tempfile.mkdtemp``: ``.DEST-`` and eight characters), and ``swap``'s ``-old``: a publish killed between
    the two renames of its fallback left no DEST and the last published site aside, which is put back.
    """
    made = re.compile(rf"\.{re.escape(dest.name)}-[a-z0-9_]{{8}}(?P<aside>-old)?")
    for path in sorted(dest.parent.iterdir()):
        if not (found := made.fullmatch(path.name)) or not path.is_dir() or path.is_symlink():
            continue
        if found["aside"] and not dest.exists():
            path.rename(dest)
        else:
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGTERM and SIGINT wait until the block is done, and are then dropped.

    For the steps that take milliseconds and must not be cut short: the swap (a site half swapped in, or one
    swapped in but reported as not published) and the deletion of the work folder.
    """
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        # Unblocking runs the handler of a signal that came meanwhile; the publish is as good as done.
        with contextlib.suppress(Interrupted, KeyboardInterrupt):
            signal.pthread_sigmask(signal.SIG_SETMASK, before)


def publish(project: Path, dest: Path, build=build_site) -> Outcome:
    """Build ``project`` beside ``dest`` and swap it in if every build succeeded with no warning."""
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    with locked(dest) as lock:
        if lock is None:
            return Outcome(False, f"publish: not started: another publish into {dest} is running")
        remove_leftovers(dest)
        work = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))  # same disk: a rename, not a copy
        try:
            try:
                site = build(project, work, lock)
            except BuildFailed as failure:
                return Outcome(False, f"publish: not published, {dest} is unchanged: {failure}")
            strip_build_internals(site)
            with signals_held():
                swap(site, dest)
            return Outcome(True, f"publish: {dest} now holds the site and PDFs built from {project}")
        finally:
            with signals_held():
                shutil.rmtree(work, ignore_errors=True)


def _interrupt(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [GUARD]:
        return guard(int(argv[1]), argv[2:])
    parser = argparse.ArgumentParser(prog="sphinx-constitution-publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", nargs="?", help="the published folder (default: the project's _build/publish)")
    parser.add_argument("--project", default=".", help="the folder holding conf.py and docs/ (default: this one)")
    parser.add_argument(
        "--strip", metavar="SITE", type=Path, help="only remove the build's own files from the built site SITE"
    )
    options = parser.parse_args(argv)
    if options.strip is not None:
        if not options.strip.is_dir():
            parser.error(f"--strip: no folder {options.strip}")
        strip_build_internals(options.strip)
        return 0
    project = Path(options.project).resolve()
    dest = Path(options.dest).resolve() if options.dest else project / "_build" / "publish"
    before = {signum: signal.signal(signum, _interrupt) for signum in STOPPING}
    try:
        outcome = publish(project, dest)
    except Interrupted as stop:
        print(f"publish: stopped by {stop}: not published, {dest} is unchanged", file=sys.stderr)
        return 128 + stop.signum
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    print(outcome.message, file=sys.stdout if outcome.published else sys.stderr)
    return 0 if outcome.published else 1


if __name__ == "__main__":
    sys.exit(main())
