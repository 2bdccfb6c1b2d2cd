"""The build engine: incremental builds give the clean build's site and report stale references; two clean
builds give the same bytes.

The editor's loop (sphinx-autobuild) rebuilds only what changed, so each test here makes one edit to a copy of
the real project that has already been built, rebuilds incrementally, and compares every page with a clean
build of the edited sources (``-E``). The first build is made once and restored for each edit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    EDITS,
    ROOT,
    SOURCE_DATE_EPOCH,
    Build,
    clean_build,
    html_pages,
    restore,
    site_args,
    sphinx_build,
    warning_lines,
)
from sphinx_constitution.theme import themefixes

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, built once and kept in ``pristine/``; ``work/`` is where each test edits it.

    A page cites a glossary term that only one of the edits defines, so the first build warns about it. That first
    build is the clean build of the unedited copy that test_preview compares its preview with (``clean_build``
    with no edit), made once for both modules.
    """
    first = clean_build(tmp_path_factory)
    assert "term not in glossary: 'quorum'" in first.warnings
    return first.outdir.parent.parent


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_incremental_build_equals_a_clean_build_and_reports_stale_references(
    built: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    path, old, new, expected = EDITS[edit]
    work = restore(built)
    project = work / "project"
    source = project / path
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    again = sphinx_build(project / "docs", work / "html", "-n", "-b", "html", confdir=project)
    clean = clean_build(tmp_path_factory, edit)  # of the same sources, in a folder of its own
    assert html_pages(again.outdir) == html_pages(clean.outdir)
    assert warning_lines(again.warnings, work) == warning_lines(clean.warnings, clean.srcdir.parent.parent) == expected
    assert (again.status != 0) == bool(expected)


def test_an_incremental_build_with_parallel_readers_equals_a_clean_build(
    built: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is noted before the read and compared after it (``engine.snapshots.snapshot_around_read``) stays in the main
    process: readers in other processes (``-j 2``) neither need it nor send it back, and the pages citing a clause
    that changed are still written again."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    edit = "a clause is renumbered: the pages citing its old number report it"
    path, old, new, expected = EDITS[edit]
    work = restore(built)
    project = work / "project"
    source = project / path
    source.write_text(source.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    again = sphinx_build(project / "docs", work / "html", "-j", "2", "-n", "-b", "html", confdir=project)
    clean = clean_build(tmp_path_factory, edit)  # of the same sources, in a folder of its own
    assert html_pages(again.outdir) == html_pages(clean.outdir)
    assert warning_lines(again.warnings, work) == warning_lines(clean.warnings, clean.srcdir.parent.parent) == expected


def test_two_clean_builds_write_the_same_bytes(site: Build, site_copy: Build) -> None:
    """Byte for byte, every file of the site, from two copies of the sources in different folders: the test run's
    ``site`` (built from this checkout) and ``site_copy``, the clean build of a copy of the sources in a folder of its
    own, made as ``site`` is made (the same options, the same PDFs linked), which test_site's incremental builds
    start from. One side is the site the other tests read, so the comparison needs one build of its own, not two;
    and that one is made once in a test run for both modules."""
    assert site.status == 0, site.warnings
    assert site_copy.status == 0, site_copy.warnings
    assert site_copy.srcdir != site.srcdir
    files = [
        {str(p.relative_to(b.outdir)): p.read_bytes() for p in sorted(b.outdir.rglob("*")) if p.is_file()}
        for b in (site, site_copy)
    ]
    assert sorted(files[0]) == sorted(files[1])
    differ = [name for name in files[0] if files[0][name] != files[1][name] and not name.startswith(".")]
    assert differ == []


def test_the_navigation_made_once_per_folder_is_furos_own(
    site: Build, pdfs: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """themefixes.NavigationCache gives every page the navigation furo would have written for it."""
    monkeypatch.setattr(themefixes.NavigationCache, "_applies", staticmethod(lambda app, context: False))
    furo = sphinx_build(ROOT / "docs", tmp_path / "html", *site_args(pdfs), confdir=ROOT)
    assert furo.status == 0, furo.warnings
    assert html_pages(furo.outdir) == html_pages(site.outdir)


def test_only_pages_with_design_components_load_sphinx_designs_assets(site: Build) -> None:
    def loads(page: str) -> set[str]:
        html = site.html(page)
        files = [link["href"] for link in html.select("link[rel=stylesheet]")]
        files += [script["src"] for script in html.select("script[src]")]
        return {name.rpartition("/")[2].partition("?")[0] for name in files}

    assert {"sphinx-design.min.css", "design-tabs.js"} <= loads("index")  # the home page's cards
    assert not {"sphinx-design.min.css", "design-tabs.js"} & loads("protocol/access-to-information")
