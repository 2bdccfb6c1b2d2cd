"""Python's garbage collector during a build (engine/collector.py): it leaves out what was loaded before the build
and runs less often while the build runs; once the build has ended it is as it was, so a process that builds again and
again (the preview's worker) frees what each build left, as it would without the package."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import application
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace
from sphinx_constitution.engine.collector import YOUNG

PAGE = "# Page\n\n:::{clause} 1.1\nWords.\n:::\n"


class Cycle:
    """An object that refers to itself: only the collector frees it (as a page's doctree, whose nodes know their
    parents)."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector_paused() -> Iterator[None]:
    """The collector as in a process that froze nothing, at CPython's default threshold, its automatic passes paused
    while the test runs, so that only the test's own ``gc.collect()`` frees a cycle (the freeze works the same, paused
    or not). The test run's own settings (``conftest.pytest_collection_finish``) are undone for the test and made
    again after it."""
    was, threshold = gc.isenabled(), gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*threshold)
        if was:
            gc.enable()


def test_what_was_loaded_is_left_out_while_pages_are_read_and_given_back_after(
    tmp_path: Path, collector_paused: None
) -> None:
    """One application builds twice, after an edit each time, as the preview's does. While each build reads its
    pages, what was there before it began is frozen (out of the collector's passes); after each, nothing is, and a
    cycle left before the build (as the last build's garbage is) is freed by the next pass of the collector."""
    frozen_while_reading: list[int] = []
    thresholds_while_reading: list[tuple[int, int, int]] = []

    def note(_app: Sphinx, _docname: str, _source: list[str]) -> None:
        frozen_while_reading.append(gc.get_freeze_count())
        thresholds_while_reading.append(gc.get_threshold())

    before = gc.get_threshold()
    with docutils_namespace():
        app = application(tmp_path, PAGE)
        app.connect("source-read", note)
        for build in range(2):
            left = weakref.ref(Cycle())
            (tmp_path / "src" / "index.md").write_text(PAGE.replace("Words", f"Edit {build}"), "utf-8")
            app.build()
            assert gc.get_freeze_count() == 0, f"build {build + 1}: objects are still frozen after it"
            assert gc.get_threshold() == before, f"build {build + 1}: the collector's threshold is not given back"
            gc.collect()
            assert left() is None, f"build {build + 1}: garbage left before it is never freed"
    assert len(frozen_while_reading) == 2
    assert all(count > 1000 for count in frozen_while_reading), frozen_while_reading
    assert thresholds_while_reading == [(YOUNG, *before[1:])] * 2


def test_a_process_that_froze_its_own_objects_keeps_them_frozen(tmp_path: Path, collector_paused: None) -> None:
    """A process that had frozen objects of its own before the build (as the tests' processes do) finds them frozen
    still after it, and its collector's threshold as it set it: the build changes neither."""
    with docutils_namespace():
        app = application(tmp_path, PAGE)
        gc.freeze()
        try:
            before = gc.get_threshold()
            app.build()
            assert gc.get_freeze_count() > 0, "the process's own freeze was undone"
            assert gc.get_threshold() == before
        finally:
            gc.unfreeze()
