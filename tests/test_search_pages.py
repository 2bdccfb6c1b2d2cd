"""The pages as Pagefind is given them (outputs/search.py): each page's places as metadata inside the element Pagefind
reads, whatever else on the page says ``role``; and the index, which a reader searching while it is written finds
whole. The search itself is tested in a browser (test_browser.py)."""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx_constitution.outputs.search import BUNDLE, ENTRY, _for_pagefind, _swap_in, workspace
from sphinx_constitution.programs.serve import unwatched

PAGE = """<!DOCTYPE html><html lang="en"><body>
<nav xrole="main" role="navigation" class="sidebar">A navigation whose class says role="main"</nav>
<div class="main"><article role="main" id="furo-main-content"><p id="clause-6-7">The right to know.</p></article></div>
</body></html>"""


def test_the_places_are_the_first_thing_in_the_main_element() -> None:
    staged = BeautifulSoup(_for_pagefind(PAGE, {"clause-6-7": "paragraph 6.7"}), "html.parser")
    meta = staged.select_one("[role=main]").contents[0]
    assert meta.name == "meta" and meta["data-pagefind-meta"] == "places[content]"
    assert json.loads(unescape(meta["content"])) == {"clause-6-7": "paragraph 6.7"}
    assert len(staged.select("meta[data-pagefind-meta]")) == 1


def test_a_page_without_a_main_element_or_places_is_given_as_it_is() -> None:
    assert _for_pagefind(PAGE, {}) == PAGE
    no_main = PAGE.replace('role="main" id', "id")
    assert _for_pagefind(no_main, {"clause-6-7": "paragraph 6.7"}) == no_main


def test_a_reader_searching_while_the_index_is_written_again_finds_an_index(build_snippet) -> None:
    """The editors' preview is searched while its index is written again after each edit. Pagefind's script and the
    entry that names the index's files are in the site at every moment of the rebuild, and the old index's files
    are gone after it."""
    pages = {"index": "# Home\n\n```{toctree}\nrules\n```\n", "rules": "# Rules\n\nA roving commission.\n"}
    conf = 'extensions.append("sphinx_constitution.outputs.search")\n'
    first = build_snippet(pages, conf=conf)
    assert first.status == 0, first.warnings
    bundle = first.outdir / BUNDLE
    before = {path.name for path in bundle.rglob("*.pf_fragment")}
    missing: list[str] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            missing.extend(name for name in ("pagefind.js", ENTRY) if not (bundle / name).is_file())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        again = build_snippet({**pages, "rules": "# Rules\n\nAn unlimited commission.\n"}, conf=conf)
    finally:
        done.set()
        watcher.join()
    assert again.status == 0, again.warnings
    assert not missing, f"the search page found no {sorted(set(missing))} while the index was written"
    after = {path.name for path in bundle.rglob("*.pf_fragment")}
    assert len(after) == 2 and len(after & before) == 1, "the changed page's old fragment is gone, the other kept"
    assert not (workspace(first.outdir) / "index").exists()
    # The pages staged for the index are written beside the site by every build: never an edit to the preview.
    staged = [str(path) for path in workspace(first.outdir).rglob("*") if path.is_file()]
    ignore = unwatched(first.outdir)
    assert staged and all(map(ignore, staged)) and not ignore(str(first.srcdir / "rules.md"))


def test_an_index_file_goes_into_a_site_on_another_file_system(tmp_path: Path) -> None:
    """A site folder that is a mount of another disk (a container's volume, say) is on another file system than
    the folder beside it where the index is written, and a file cannot be renamed across: it is copied beside its
    place in the site and that copy renamed into place (Sphinx resolves a site folder that is a link, so only a
    mount puts the two apart)."""
    other = Path("/dev/shm")  # a file system of its own (tmpfs) on Linux
    if not other.is_dir() or other.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system here")
    site = Path(tempfile.mkdtemp(dir=other))
    try:
        (site / ENTRY).write_text("old", encoding="utf-8")
        (tmp_path / ENTRY).write_text("new", encoding="utf-8")
        _swap_in(tmp_path / ENTRY, site / ENTRY)
        assert (site / ENTRY).read_text(encoding="utf-8") == "new"
        assert [path.name for path in site.iterdir()] == [ENTRY], "nothing left beside it"
    finally:
        shutil.rmtree(site)
