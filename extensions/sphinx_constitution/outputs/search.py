"""Site search that lands on the clause, not the top of its page: a Pagefind index and a search page.

Sphinx's own search knows which *page* holds a word, and links a hit in body text to the top of that
page: "roving commission" would open section 6 and leave the reader to find 6.7. After each HTML build
this extension indexes every page's main content with Pagefind (a static search library that runs
offline in the reader's browser, https://pagefind.app) into ``<outdir>/pagefind/``. Pagefind records
where each word is and where every element with an id starts, so the search page (``search.js``) links
each hit to the innermost clause, glossary term or Principle of Public Life that holds it::

    roving commission  ->  protocol/access-to-information.html#clause-6-7  "paragraph 6.7"

Which ids are places, and what each is called, the index says: each page is given to Pagefind with a metadata
field ``places``, the anchor and name of each object of the kinds in :data:`PLACES` that the site's domains publish
(``Domain.get_objects()``, what ``objects.inv`` lists: a clause as its :class:`~..model.clauses.identity.Clause`
names it, a glossary term as written, a principle by its set's name for it), which Pagefind returns with the page's
results. So the script knows no anchor's prefix (``constitution_clause_id_prefix``, ``term-``, ``principle-``) nor
how a nested clause's number is made, and names each place in the council's words.

The search page itself is the theme's ``search.html`` with its content replaced by a form and a results
list (the package's ``templates/search.html``), which alone loads ``search.js`` and ``search.css``.
The index is rebuilt in full after every HTML build that wrote a page (well under a second for this site,
0.4 s for a 200-page Constitution), so incremental builds, ``nox -s build`` and ``nox -s serve`` need no
extra step. With ``constitution_search_index_background = True`` (the editors' preview sets it) the build does not wait
for Pagefind: the index is written while the preview reloads the page, and the next build, or the end of the
process, waits for it. Search needs the site to be
served over HTTP (as it is when published, and by ``nox -s serve``): browsers refuse to load Pagefind's
WebAssembly from ``file://`` pages.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from fnmatch import fnmatch
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import __version__
from ..config import settings
from ..engine.builders import is_website
from ..engine.domains import domain
from ..engine.pages import page_title
from ..model.glossary import DefinitionsDomain
from ..theme.assets import add_static_folder, add_templates, leave_out

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"  # the index's folder in the output, which search.js loads from
ENTRY = "pagefind-entry.json"  # the file in the bundle that names the files of the index, which Pagefind reads first

# What is not worth finding: headings' permalink signs, a toctree's list of other pages' titles, and the titles of
# the pages that cite a clause, listed under it (cited_in.py). (A clause's permalink is its number, which is worth
# finding. The previews of a page's cross-references, other pages' words, are in a <template>, which Pagefind leaves.)
EXCLUDE = [".headerlink", ".toctree-wrapper", ".con-cited-in"]

# A glossary term where it is defined weighs as much as a section heading (Pagefind weighs h2 at 6), so
# searching "Monitoring Officer" puts its definition near the top, above pages that merely mention it.
# The hint is added to the HTML given to Pagefind only; the published pages are not changed.
_DEFINED_TERM = re.compile(r'<dt id="term-')
_DEFINED_TERM_WEIGHTED = '<dt data-pagefind-weight="6" id="term-'
_MAIN = re.compile(r'role="main"')  # in the tag of the root Pagefind reads (--root-selector), where metadata must be


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.config")  # search_skip, search_index_background
    app.setup_extension("sphinx_constitution.model.glossary")  # where the definitions are, for the search page
    app.connect("config-inited", add_templates)  # the search page
    app.connect("builder-inited", without_sphinx_index)
    app.connect("builder-inited", add_search_page_assets)
    app.connect("html-collect-pages", search_page)
    app.connect("html-page-context", search_page_context)
    # Late, as theme/themefixes.py does: the page gets a filtered copy of the builder's list, shared with others.
    app.connect("html-page-context", without_sphinx_search_messages, priority=900)
    app.connect("build-finished", Indexer().write_index)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def without_sphinx_index(app: Sphinx) -> None:
    """Sphinx's own index (searchindex.js: every word of every page, stemmed as each page is written) is
    loaded by no page of ours, so it is not built; the search page it would have come with is added back."""
    if is_website(app.builder):
        app.builder.search = False


def search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if is_website(app.builder):
        yield "search", {}, "search.html"


def add_search_page_assets(app: Sphinx) -> None:
    """search.css and search.js are copied with the site; the search page's template loads them."""
    if is_website(app.builder):
        add_static_folder(app)


def search_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == "search" and is_website(app.builder):
        # Where the definitions are, for readers without JavaScript: a glossary page, or a section of the protocol
        place = domain(app.env, DefinitionsDomain).where()
        if place is not None:
            uri = app.builder.get_relative_uri(pagename, place.docname) + (f"#{place.anchor}" if place.anchor else "")
            context["definitions"] = {"uri": uri, "title": place.title or page_title(app.env, place.docname)}


def without_sphinx_search_messages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave Sphinx's ``translations.js`` out of every page. It holds the messages of Sphinx's own search and its
    highlighting of search words, which no page here uses; and when it loads, Sphinx's ``doctools.js`` compiles the
    language's plural rule with ``new Function``, which a Content-Security-Policy without ``'unsafe-eval'``
    refuses: an error on every page (README, "Publishing to the web")."""
    if is_website(app.builder) and "script_files" in context:
        leave_out(context, {"translations.js"})


def workspace(outdir: Path) -> Path:
    """The folder beside the site where its search index is made: the pages as Pagefind is given them (``pages``,
    kept between builds) and the index as Pagefind writes it (``index``), before it is moved into the site. Beside
    the site, so never published with it, and named ``.<site>.<what>``, as the editors' preview expects of the folders
    a build writes beside the site, which it does not watch (programs/serve.py)."""
    return outdir.parent / f".{outdir.name}.pagefind"


class Indexer:
    """Writes the index after each build; in the background, it holds the thread still writing it."""

    def __init__(self) -> None:
        self.running: threading.Thread | None = None

    def write_index(self, app: Sphinx, exception: Exception | None) -> None:
        if self.running is not None:  # the last build's index, still being written from the staged pages
            self.running.join()
            self.running = None
        builder = app.builder
        if exception is not None or not is_website(builder):
            return
        outdir = Path(app.outdir)
        places = place_names(app)
        pages = {
            builder.get_target_uri(docname): (Path(builder.get_outfilename(docname)), places.get(docname, {}))
            for docname in sorted(app.env.found_docs)
            if not any(fnmatch(docname, pattern) for pattern in settings(app.config).search_skip)
        }
        bundle = outdir / BUNDLE
        staging = workspace(outdir) / "pages"
        if not _stage(pages, staging) and (bundle / "pagefind.js").is_file():
            logger.info("search index: no page changed")
            return
        if not settings(app.config).search_index_background:
            _index(staging, bundle, app.config.language, len(pages))
            return
        self.running = threading.Thread(
            target=_index_in_background, args=(staging, bundle, app.config.language, len(pages)), name="pagefind"
        )
        self.running.start()


def _index(staging: Path, bundle: Path, language: str | None, count: int) -> None:
    written = workspace(bundle.parent) / "index"
    shutil.rmtree(written, ignore_errors=True)
    _pagefind(str(staging), written, language)
    _put_in_place(written, bundle)
    logger.info("search index: %d pages in %s", count, bundle)


def _put_in_place(written: Path, bundle: Path) -> None:
    """Move the index Pagefind wrote in *written* into *bundle*, so that a reader searching the site meanwhile (an
    editor's preview is searched while its index is written) always finds a whole index, the old one or the new.

    Pagefind names its index files by their content, and ``pagefind-entry.json`` names the ones that make an index.
    So the new files go in first, then the entry (each swapped in in one step: :func:`_swap_in`), and only
    then are the files that no entry names any more removed. Removing the old index first, or letting Pagefind
    write over it, left the search page without ``pagefind.js`` or its entry for as long as Pagefind ran."""
    files = sorted(path.relative_to(written) for path in written.rglob("*") if path.is_file())
    for name in sorted(files, key=lambda name: name == Path(ENTRY)):  # the entry last
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        _swap_in(written / name, bundle / name)
    kept = set(files)
    for path in sorted(bundle.rglob("*"), reverse=True):  # a folder's files before the folder
        if path.is_file() and path.relative_to(bundle) not in kept:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    shutil.rmtree(written)


def _swap_in(source: Path, target: Path) -> None:
    """*source* made *target* in one step: renamed; or, where the two are on different file systems (a site folder
    that is a mount of another disk), copied beside *target* first and that copy renamed."""
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        beside = target.with_name(f".{target.name}.new")
        shutil.copyfile(source, beside)
        os.replace(beside, target)


def _index_in_background(staging: Path, bundle: Path, language: str | None, count: int) -> None:
    try:
        _index(staging, bundle, language, count)
    except ExtensionError as error:  # no build to stop any more: say so, where the editor is looking
        logger.warning("%s", error, type="search", subtype="index")


#: The kinds of object (as ``objects.inv`` types them) whose words a search result links to by name.
PLACES = frozenset({"clause", "term", "principle"})


def place_names(app: Sphinx) -> dict[str, dict[str, str]]:
    """docname -> the anchor and name of each place on that page (``{"clause-6-7": "paragraph 6.7",
    "term-Member": "Member"}``): the objects of the kinds in :data:`PLACES` that the build's domains publish."""
    found: dict[str, dict[str, str]] = {}
    for kind in app.env.domains.sorted():
        for _name, shown, objtype, docname, anchor, _priority in kind.get_objects():
            if objtype in PLACES and anchor:
                found.setdefault(docname, {})[anchor] = shown
    return found


def _for_pagefind(html: str, places: dict[str, str]) -> str:
    """The page as Pagefind is given it: the glossary's weight hint, and the page's places as metadata."""
    html = _DEFINED_TERM.sub(_DEFINED_TERM_WEIGHTED, html)
    if places:
        named = escape(json.dumps(dict(sorted(places.items())), ensure_ascii=False), quote=True)
        meta = f'<meta data-pagefind-meta="places[content]" content="{named}">'
        html = _after_main_tag(html, meta)
    return html


def _after_main_tag(html: str, inserted: str) -> str:
    """*html* with *inserted* just after the start tag of its first element with ``role="main"``.

    The attribute's text is looked for, then the tag around it: a pattern for the whole tag (or one starting at a
    word boundary, which Python's regular expressions cannot look for as plain text) took 0.25 ms a page, most of the
    time the index's pages took to stage."""
    for found in _MAIN.finditer(html):
        if found.start() and (html[found.start() - 1].isalnum() or html[found.start() - 1] == "_"):
            continue  # xrole="main", not role
        start, end = html.rfind("<", 0, found.start()), html.find(">", found.end())
        if start != -1 and end != -1 and ">" not in html[start : found.start()] and "<" not in html[found.end() : end]:
            return html[: end + 1] + inserted + html[end + 1 :]
    return html


def _stage(pages: dict[str, tuple[Path, dict[str, str]]], staging: Path) -> bool:
    """Mirror the pages to index in ``staging``, each as :func:`_for_pagefind` gives it.

    The copy is kept between builds (beside the output folder) and only pages written since are copied again,
    so an editor's rebuild after one change does not read and write the whole site a second time. (A page whose
    places changed was written again: their names and anchors are the page's.)
    Returns whether any page was copied or removed.
    """
    wanted, changed = set(), False
    for url, (page, places) in pages.items():
        copy = staging / (f"{url}index.html" if url.endswith("/") or not url else url)
        wanted.add(copy)
        if copy.is_file() and copy.stat().st_mtime_ns >= page.stat().st_mtime_ns:
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(_for_pagefind(page.read_text(encoding="utf-8"), places), "utf-8")
        changed = True
    for stale in [path for path in staging.rglob("*.html") if path not in wanted]:
        stale.unlink()
        changed = True
    return changed


def _pagefind(site: str, bundle: Path, language: str | None) -> None:
    """Index the staged pages with Pagefind's command line (the Rust indexer, all cores).

    Not its Python API: that waits a tenth of a second for each page's reply, which made the index of a
    200-page Constitution take 20 seconds instead of under one.
    """
    try:  # the binary that pagefind[bin] installs, run directly: no second Python to start (0.2 s)
        from pagefind_bin import get_executable

        command = [str(get_executable())]
    except (ImportError, OSError):
        command = [sys.executable, "-m", "pagefind"]
    command += ["--site", site, "--output-path", str(bundle), "--quiet", "--keep-index-url"]
    command += ["--root-selector", "[role=main]", "--exclude-selectors", ", ".join(EXCLUDE)]
    if language:
        command += ["--force-language", language.split("_")[0].lower()]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise ExtensionError(f"the search index could not be written: {error}") from error
    if done.returncode != 0 or not (bundle / "pagefind.js").is_file():
        raise ExtensionError(f"the search index could not be written: {(done.stderr or done.stdout).strip()}")
