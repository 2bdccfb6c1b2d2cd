"""Shared fixtures: build small MyST projects, or the real site, with the real Sphinx."""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tools/ and bench/, the site's own commands (the extensions are an installed package)

SNIPPET_CONF = """
extensions = ["myst_parser"] + [f"sphinx_constitution.{name}" for name in ("model.clauses", "model.principles",
              "model.dodont", "model.codes", "engine.content", "model.tracked")]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
"""


@dataclass
class Build:
    """A finished build: its exit status, its warnings and where it wrote."""

    status: int
    warnings: str
    srcdir: Path
    outdir: Path

    def html(self, page: str = "index") -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")

    def main(self, page: str = "index") -> BeautifulSoup:
        """The page's own content, without the theme's navigation."""
        html = self.html(page)
        return html.select_one("[role=main]") or html.select_one("article")

    def text(self, page: str = "index") -> str:
        return (self.outdir / f"{page}.txt").read_text(encoding="utf-8")


def sphinx_build(srcdir: Path, outdir: Path, *args: str, confdir: Path | None = None) -> Build:
    """Run sphinx-build in this process, as an editor would run it: ``-W --keep-going``."""
    warnings = outdir.parent / f"{outdir.name}-warnings.txt"
    outdir.parent.mkdir(parents=True, exist_ok=True)
    argv = ["-q", "-W", "--keep-going", "-w", str(warnings), *args, str(srcdir), str(outdir)]
    if confdir is not None:
        argv[:0] = ["-c", str(confdir)]
    status = build_main(argv)
    return Build(status, warnings.read_text(encoding="utf-8") if warnings.exists() else "", srcdir, outdir)


@pytest.fixture
def build_snippet(tmp_path: Path):
    """Write ``pages`` ({"index": "...markdown..."}) and build them; returns a :class:`Build`."""

    def build(
        pages: dict[str, str],
        *,
        conf: str = "",
        codes: str | None = None,
        builder: str = "html",
        args: tuple[str, ...] = (),
        files: dict[str, str | bytes] | None = None,
    ) -> Build:
        """``files`` are written as given, their paths from the folder that holds ``src/`` (so ``secret.txt``
        lies outside the project, ``src/page.rst`` inside it)."""
        src = tmp_path / "src"
        src.mkdir(exist_ok=True)
        for name, data in (files or {}).items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                (tmp_path / name).write_bytes(data)
            else:
                (tmp_path / name).write_text(data, encoding="utf-8")
        conf_text = SNIPPET_CONF + textwrap.dedent(conf)
        if codes is not None:
            (src / "codes.toml").write_text(textwrap.dedent(codes), encoding="utf-8")
            conf_text += '\nconstitution_codes_registry = "codes.toml"\n'
        (src / "conf.py").write_text(conf_text, encoding="utf-8")
        for name, text in pages.items():
            page = src / f"{name}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return sphinx_build(src, tmp_path / "out" / builder, "-b", builder, *args)

    return build


def copy_project(dest: Path) -> Path:
    """A copy of the real project (conf.py, docs/, theme/) that a test may edit; it uses the installed extensions."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("conf.py",):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "theme"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


SOURCE_DATE_EPOCH = "1795392000"  # 23 November 2026: fixed, so builds can be compared byte for byte


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real PDFs, built once from docs/ as README's build command builds them."""
    out = tmp_path_factory.mktemp("site") / "pdf"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        return sphinx_build(ROOT / "docs", out, "-n", "-b", "pdf", confdir=ROOT)


@pytest.fixture(scope="session")
def site(pdfs: Build) -> Build:
    """The real site, built after the PDFs (which it links) exactly as README's build command does."""
    return sphinx_build(ROOT / "docs", pdfs.outdir.parent / "html", *site_args(pdfs), confdir=ROOT)


def site_args(pdfs: Build) -> tuple[str, ...]:
    return ("-n", "-b", "html", "-D", f"constitution_pdf_output_dir={pdfs.outdir}")


def assert_warns_at(result: Build, page: str, line: int, tag: str, words: str, suffix: str = "md") -> None:
    """The build failed, with a warning at ``page``'s *line* that carries *tag* (``[constitution.clause_gap]``,
    ``[myst.directive_option]``, ``[docutils]``) and says *words*. A warning may take several lines."""
    assert result.status != 0, "the build should fail"
    location = f"{result.srcdir / page}.{suffix}:{line}: WARNING: "
    records = re.split(r"\n(?=/)", result.warnings)
    said = [record for record in records if record.startswith(location) and record.strip().endswith(tag)]
    assert said, f"expected {location}… {tag} in:\n{result.warnings}"
    assert words in said[0]


def running(pid: int) -> bool:
    """Whether ``pid`` is a process still running (not ended, nor ended and waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def ended(pids: list[int], seconds: float = 10) -> bool:
    """Whether every process in *pids* has ended, waiting up to *seconds* for them."""
    deadline = time.monotonic() + seconds
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(running(pid) for pid in pids)
