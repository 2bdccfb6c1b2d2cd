"""Publish the site only if all of it builds: ``nox -s publish`` or ``python -m tools.publish [DEST]``.

The PDFs and then the website (which links and copies the PDFs) are built, strictly (``-W --keep-going -n``),
into a fresh folder beside DEST (default ``_build/publish``). Only when both builds succeed with no warning is
that folder swapped with DEST, in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames in
quick succession), and the old output deleted. A failed build deletes its own folder, leaves DEST as it was
and says why, quoting the warnings with their files and lines. The exit status is 0 only after a swap.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT = ("-W", "--keep-going", "-n")


@dataclass
class Outcome:
    published: bool
    message: str


class BuildFailed(Exception):
    """A build gave a warning or an error; the text says which build, and quotes Sphinx."""


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


def sphinx_build(project: Path, builder: str, outdir: Path, doctrees: Path, *args: str) -> None:
    command = [sys.executable, "-m", "sphinx", *STRICT, "-b", builder, "-d", str(doctrees), *args]
    command += ["-c", str(project), str(project / "docs"), str(outdir)]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)  # set only if known: an empty one makes Sphinx crash
    if epoch := source_date(project):
        env["SOURCE_DATE_EPOCH"] = epoch
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        problems = [line for line in done.stderr.splitlines() if line.strip()]
        raise BuildFailed(f"the {builder} build failed:\n" + "\n".join(f"  {line}" for line in problems[-40:]))


def build_site(project: Path, into: Path) -> Path:
    """PDFs, then the site that links them; returns the folder to publish (the site, PDFs in its ``pdf/``)."""
    pdfs = into / "pdf"
    sphinx_build(project, "pdf", pdfs, into / "doctrees-pdf")
    sphinx_build(project, "html", into / "site", into / "doctrees-html", "-D", f"pdf_output_dir={pdfs}")
    return into / "site"


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


def publish(project: Path, dest: Path, build=build_site) -> Outcome:
    """Build ``project`` beside ``dest`` and swap it in if every build succeeded with no warning."""
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))  # same disk: a rename, not a copy
    try:
        try:
            site = build(project, work)
        except BuildFailed as failure:
            return Outcome(False, f"publish: not published, {dest} is unchanged: {failure}")
        swap(site, dest)
        return Outcome(True, f"publish: {dest} now holds the site and PDFs built from {project}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", nargs="?", default=str(ROOT / "_build" / "publish"), help="the published folder")
    parser.add_argument("--project", default=str(ROOT), help="the folder holding conf.py and docs/")
    options = parser.parse_args(argv)
    outcome = publish(Path(options.project).resolve(), Path(options.dest))
    print(outcome.message, file=sys.stdout if outcome.published else sys.stderr)
    return 0 if outcome.published else 1


if __name__ == "__main__":
    sys.exit(main())
