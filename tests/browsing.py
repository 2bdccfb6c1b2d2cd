"""The real site in a real browser, for every test module that reads it there: the site served on 127.0.0.1, one
headless Chromium for the whole run (Debian's ``/usr/bin/chromium``, driven by Playwright; one per pytest worker), a
fresh page per test, and the helpers those modules share (axe-core, the keyboard, Chromium's accessibility tree,
search as a reader searches).

conftest.py loads this module as a pytest plugin, so its fixtures (``html_dir``, ``base_url``, ``browser``,
``chromium_browser``, ``open_page``, ``page``) reach every test module by name; the modules import only its helpers
and constants.
Needs ``/usr/bin/chromium`` (``apt-get install chromium``) and the Python packages in requirements.txt; ``nox -s
site`` installs them. Without one of them a test fails, saying what is missing: none is ever skipped.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import ROOT, Build
from filelock import FileLock

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from playwright.sync_api import Browser, BrowserContext, Page, Playwright
    from playwright.sync_api._context_manager import PlaywrightContextManager

#: The widths every page is checked at (tests/test_accessibility.py): a small phone, a tablet, laptops, a wide desktop.
WIDTHS = (320, 768, 1280, 1440, 1920)
CHROMIUM = Path("/usr/bin/chromium")
# ``--js-flags=--no-opt``: V8 runs scripts without its optimising compiler (TurboFan), as the Nu checker runs on Java's
# quick compiler (VNU_JAVA_OPTIONS, tests/test_browser.py). The checks put axe and HTML_CodeSniffer, half a megabyte
# of script, into every page they load; TurboFan optimised their hot functions again on each page, in background
# threads, and threw the code away with the page: the accessibility checks of every page took 73.6 and 74.3 s of the
# renderers' CPU with it off, 83.3 and 87.2 s with it on (in turns, one process), the renderers' own thread no slower.
# A script does the same with either compiler; only how fast differs.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--js-flags=--no-opt",
]
SCREENSHOTS = ROOT / "_build" / "screenshots"
NODE = ROOT / "_build" / "node"  # vnu-jar from npm lives here, out of the repository's tree
VNU_VERSION = "26.9.27"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 640}  # WCAG 1.4.10: content reflows at 320 CSS pixels
ZOOM_200 = {"width": 640, "height": 400}  # a 1280 x 800 window zoomed to 200%

# axe-core rules: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (landmarks, one <h1>...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules switched off, each with its reason. None: every rule runs.
AXE_DISABLED: dict[str, str] = {}

CLAUSE_PAGE = "protocol/access-to-information.html"  # clause 6.7: "a roving commission"
NESTED_PAGE = "protocol/cabinet-and-committee-chairs.html"  # 7.5(1)-(5), 7.6(1)-(5)
TABLES_PAGE = "protocol/appendix.html"  # three Do/Don't tables


def unavailable(reason: str) -> None:
    """Fail, saying what is missing: a browser test that cannot run is not a pass (``nox -s site`` installs it)."""
    pytest.fail(f"{reason}; `.venv/bin/python -m nox -s site` (README's test command) installs it")


# -- fixtures: the served site, one browser, a fresh page per test ------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site quietly, noting every request it cannot answer (a missing file, a broken link)."""

    failures: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def log_error(self, format: str, *args: Any) -> None:
        self.failures.append(f"{self.path}: {format % args}")


@pytest.fixture(scope="module")
def html_dir(request: pytest.FixtureRequest) -> Path:
    """The site built by the session's ``site`` fixture; or, if ``BROWSER_TEST_SITE`` names a folder,
    a site already built there (``nox -s build`` then ``BROWSER_TEST_SITE=_build/html pytest -k browser``)."""
    if built := os.environ.get("BROWSER_TEST_SITE"):
        return Path(built).resolve()
    site: Build = request.getfixturevalue("site")
    assert site.status == 0, f"the site did not build:\n{site.warnings}"
    return site.outdir


@pytest.fixture(scope="module")
def server_failures() -> list[str]:
    return []


@contextlib.contextmanager
def served(folder: Path, failures: list[str]) -> Iterator[str]:
    """*folder* served over HTTP on a free port of 127.0.0.1 while the block runs, each request it cannot answer
    noted in *failures*; the address it is served at."""
    handler = functools.partial(type("Handler", (_Handler,), {"failures": failures}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def base_url(html_dir: Path, server_failures: list[str]) -> Iterator[str]:
    """The built site, served for as long as the module runs."""
    with served(html_dir, server_failures) as url:
        yield url


def playwright_driver() -> PlaywrightContextManager:
    """Playwright's driver (a Node process, once started), if Playwright and the browser are installed; else the test
    fails, saying which is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -r requirements.txt)")
    if not CHROMIUM.exists():
        unavailable(f"no browser at {CHROMIUM} (apt-get install chromium)")
    return sync_playwright()


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium, Debian's, driven by Playwright; closed when the block ends. For a script
    (tests/screenshots.py): a test takes the run's one, :class:`SharedChromium`'s."""
    with playwright_driver() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


class SharedChromium:
    """One Playwright driver and one headless Chromium for a whole pytest process (each xdist worker has its own),
    started when a test first asks for the browser (after the site it reads is built and served) and closed when the
    process's tests end.

    A Chromium launched and closed costs about 1 s of CPU, and each Playwright driver is a Node process of its own:
    one per module (and one per test in test_preview.py) came to 8 of each in a serial run of the browser modules.
    What a test starts from is its own still: each opens its pages in a fresh context, which Chromium keeps apart as
    a fresh profile is (cookies, storage, cache, permissions, colour scheme and viewport are a context's), and
    :func:`chromium_browser` closes any context a module left open. Playwright's sync API allows one driver a thread
    at a time, so every module shares this one rather than starting its own. A browser that has gone (crashed) is
    launched again for the next module that asks."""

    def __init__(self) -> None:
        self.playwright: Playwright | None = None
        self.launched: Browser | None = None

    def browser(self) -> Browser:
        if self.playwright is None:
            self.playwright = playwright_driver().start()
        if self.launched is None or not self.launched.is_connected():
            self.launched = launch(self.playwright)
        return self.launched

    def close(self) -> None:
        """Close the browser and stop the driver; the next :meth:`browser` starts them again."""
        if self.launched is not None and self.launched.is_connected():
            self.launched.close()
        if self.playwright is not None:
            self.playwright.stop()
        self.playwright = self.launched = None


@pytest.fixture(scope="session")
def shared_chromium() -> Iterator[SharedChromium]:
    shared = SharedChromium()
    yield shared
    shared.close()


@pytest.fixture
def without_playwright(shared_chromium: SharedChromium) -> None:
    """For a test that runs an asyncio event loop in pytest's own thread (the preview's server, in-process): while
    Playwright's sync API is started it marks its own loop as the thread's running loop, and asyncio then refuses to
    run another ("Cannot run the event loop while another loop is running"). So the run's Chromium and driver are
    closed before such a test; the next test that asks starts them again (one launch more)."""
    shared_chromium.close()


@pytest.fixture(scope="module")
def chromium_browser(shared_chromium: SharedChromium) -> Iterator[Browser]:
    """The run's one Chromium, for a module that serves what it reads itself; a context the module leaves open is
    closed as it ends, so the next module starts with none."""
    browser = shared_chromium.browser()
    yield browser
    if browser.is_connected():
        for context in browser.contexts:
            context.close()


@pytest.fixture(scope="module")
def browser(base_url: str, chromium_browser: Browser) -> Browser:
    """The run's one Chromium (:func:`chromium_browser`), for a module that reads the real site (built and served
    first)."""
    return chromium_browser


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Opens a page in a fresh browser context (``viewport``, ``color_scheme``... as Playwright takes
    them; desktop size unless told); all are closed after the test."""
    contexts: list[BrowserContext] = []

    def open_page(**options: Any) -> Page:
        context = browser.new_context(**{"viewport": DESKTOP, **options})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page: Callable[..., Page]) -> Page:
    """A fresh page at desktop size that may read and write the clipboard."""
    return open_page(permissions=["clipboard-read", "clipboard-write"])


def visible_pages(html_dir: Path) -> list[str]:
    """Every page a reader sees: not the permanent addresses that only forward to a current page."""
    return sorted(
        p.relative_to(html_dir).as_posix()
        for p in html_dir.rglob("*.html")
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    )


def goto(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")


def settle(page: Page) -> None:
    """Wait until the page has stopped scrolling (to a #fragment, smoothly)."""
    still = "() => new Promise(done => { const y = scrollY; setTimeout(() => done(scrollY === y), 200); })"
    page.wait_for_function(still)


# -- accessibility: axe-core ------------------------------------------------------------------------


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {rule: {"enabled": False} for rule in AXE_DISABLED},
    "resultTypes": ["violations"],
}


AXE_VERSION = "4.14.1"  # from npm: Deque's own build, which keeps each colour text it has parsed for the run
AXE = NODE / "axe"  # a prefix of its own, as HTMLCS's


@functools.cache
def axe_script() -> str:
    """axe-core's script, installed from npm if it is not there yet (read once a process)."""
    npm_install(AXE)
    return (AXE / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def put_in_axe(page: Page) -> None:
    """axe-core put into the page as now loaded."""
    page.evaluate(axe_script())


def axe_violations(page: Page, *, inject: bool = True, rules: Sequence[str] = ()) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now. ``inject=False`` runs the axe an earlier call put into this
    load of the page again (in the other colour scheme, say) instead of putting its 500 kB script in once more.
    *rules*, if given, runs those of :data:`AXE_OPTIONS`'s rules only."""
    if inject:
        put_in_axe(page)
    options = AXE_OPTIONS
    if rules:
        options = {**AXE_OPTIONS, "runOnly": {"type": "rule", "values": [r for r in rules if r not in AXE_DISABLED]}}
    return page.evaluate("(options) => axe.run(document, options)", options)["violations"]


def describe(url: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{url}: {v['id']} ({v['impact']}, {len(v['nodes'])}x) {v['help']} -- {targets}")
    return "\n".join(lines)


# -- accessibility: HTML_CodeSniffer, the engine pa11y runs (test_accessibility.py says why two engines) ----------

HTMLCS_VERSION = "2.5.1"
HTMLCS = NODE / "htmlcs"  # a prefix of its own: npm removes from a prefix what its last install did not list

# Runs HTML_CodeSniffer's WCAG 2 AA standard on the page; resolves to its errors (type 1), not its warnings
# and notices, which ask a person to check something by eye.
SNIFF = """() => new Promise((done) => HTMLCS.process("WCAG2AA", document, () => done(
  HTMLCS.getMessages().filter((m) => m.type === 1).map((m) => ({
    code: m.code, message: m.msg, element: m.element.outerHTML.slice(0, 160),
  }))
)))"""


def npm_install(prefix: Path) -> None:
    """Install the tool :data:`NPM_TOOLS` names for *prefix* (a folder of its own in ``_build/node``) from npm, unless
    that version is there already (npm removes from a prefix whatever its last install did not name).

    pytest's workers may ask at the same moment on a fresh clone (two accessibility classes start together), and two
    npm installs into one prefix break each other: the first to ask installs, under a lock (``filelock``, as
    ``conftest.built_once``), and the others find it installed."""
    package, what = NPM_TOOLS[prefix]
    name, _at, version = package.rpartition("@")
    installed = prefix / "node_modules" / name / "package.json"
    prefix.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(prefix.parent / f"{prefix.name}.lock"):
        if installed.is_file() and json.loads(installed.read_text(encoding="utf-8")).get("version") == version:
            return
        npm = shutil.which("npm")
        if npm is None:
            unavailable(f"npm is not installed: it fetches {what}")
        prefix.mkdir(parents=True, exist_ok=True)
        options = ["--no-save", "--no-audit", "--no-fund"]
        subprocess.run([npm, "install", "--prefix", str(prefix), *options, package], check=True, capture_output=True)


LIGHTHOUSE_VERSION = "12.8.2"  # 13.x needs Node 22.19 or later; Debian 12 has 18, NodeSource's 20 is common
LIGHTHOUSE = NODE / "lighthouse"  # a prefix of its own: installing vnu-jar into NODE would remove what it doesn't list

# What the site tests fetch from npm (:func:`npm_install`), by the prefix each is installed under and its tests look
# in: its package (``name@version``) and what it is.
NPM_TOOLS: dict[Path, tuple[str, str]] = {
    AXE: (f"axe-core@{AXE_VERSION}", "axe-core"),
    HTMLCS: (f"html_codesniffer@{HTMLCS_VERSION}", "HTML_CodeSniffer"),
    NODE: (f"vnu-jar@{VNU_VERSION}", "the Nu Html Checker (vnu-jar)"),
    LIGHTHOUSE: (f"lighthouse@{LIGHTHOUSE_VERSION}", "Lighthouse"),
}


def fetch_npm_tools() -> threading.Thread:
    """Start fetching every tool of :data:`NPM_TOOLS` that is not there yet, in a thread of this process, and return
    it (``conftest.pytest_sessionstart`` starts it as a run of the site tests begins). On a fresh clone npm takes about
    ten seconds, mostly waiting on the network, for Lighthouse; fetched while the workers build the site, a test that
    needs a tool no longer waits for it (its fixture's :func:`npm_install` waits on the tool's lock, then finds it
    installed). A tool that cannot be fetched here is left to that fixture, which says why."""

    def fetch() -> None:
        for prefix in NPM_TOOLS:
            with contextlib.suppress(Exception, pytest.fail.Exception, pytest.skip.Exception):
                npm_install(prefix)

    thread = threading.Thread(target=fetch, name="npm-tools")  # not a daemon: an install is never cut off half done
    thread.start()
    return thread


@pytest.fixture(scope="module")
def sniffer() -> str:
    """HTML_CodeSniffer's script, installed from npm if it is not there yet."""
    npm_install(HTMLCS)
    script = HTMLCS / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
    return script.read_text(encoding="utf-8")


def sniff(page: Page, script: str, *, inject: bool = True) -> list[dict[str, Any]]:
    """HTML_CodeSniffer's errors on the page as it is now; ``inject=False`` as for :func:`axe_violations` (each run
    starts its list of messages afresh)."""
    if inject:
        page.add_script_tag(content=script)
    return page.evaluate(SNIFF)


# -- both engines, every width, light and dark, a page loaded once ------------------------------------------------

SCHEMES = ["light", "dark"]
# Each page's colours in each scheme, read from the page: furo's background and text colours on <body>.
COLOURS = "() => { const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]; }"
# The page's layout at its window's width, read from the page: where furo puts its navigation, its phone header and
# the content, the same on every page at a width (the contents drawer is left out: a page without headings has none).
LAYOUT = """() => [".sidebar-drawer", ".mobile-header", ".content", ".main"].map((selector) => {
  const element = document.querySelector(selector), style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return `${selector} ${style.display} ${style.position} ${Math.round(box.left)} ${Math.round(box.width)}`;
})"""

# axe's rules that read colours: their checks' code is the only code of the rules run here that reads a colour
# (axe-core 4.14.1, as in 4.12.1; its other rules read the document, the boxes drawn, fonts and visibility). These run
# in both schemes at each width; every other rule gives the same result in both where what is drawn is the same
# (:data:`DRAWN`).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# What the page draws, but for its colours: the document itself (its HTML, as scripts have left it), and each element
# drawn (visible, or at least not transparent), in document order, with its depth, its attributes, its own text, its
# box and the styles other than colours that axe's other rules read (fonts, overflow and clipping, stacking, whether
# it takes pointer events). An element is told by what it is and where, not by which it is: furo's theme button
# shows one icon in light colours and another, with the same box, in dark; each is an <svg> that names with its
# class and its <use href> only which shape it draws (CSS picks by class, and what the CSS does is read here). The
# boxes of the shapes in an <svg> are its picture, not compared; the <svg>'s own box is. Called with true, it keeps
# what the page draws, in the page; with false, it says whether the page draws the same now.
DRAWN = """(first) => {
  const styles = ["font", "text-decoration-line", "overflow-x", "overflow-y", "position", "z-index", "clip",
                  "clip-path", "pointer-events", "content-visibility"];
  const drawn = [document.documentElement.outerHTML];
  for (const element of document.querySelectorAll("*")) {
    if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    let depth = 0;
    for (let parent = element.parentElement; parent; parent = parent.parentElement) depth++;
    const picks = element.tagName === "use" ? "href" : "";
    const attributes = [...element.attributes].filter((a) => a.name !== "class" && a.name !== picks);
    const text = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.data);
    const box = element.getBoundingClientRect(), style = getComputedStyle(element);
    const shape = element.parentElement?.closest("svg") ? [] : [box.x, box.y, box.width, box.height];
    drawn.push(JSON.stringify([depth, element.tagName, attributes.map((a) => [a.name, a.value]), text,
      shape, styles.map((name) => style.getPropertyValue(name))]));
  }
  const now = drawn.join("\\n");  // kept in the page for the second scheme (a page's globals are no part of its DOM)
  if (first) window.conDrawnFirst = now;
  return window.conDrawnFirst === now;
}"""


def as_loaded(page: Page, url: str, widths: Sequence[int]) -> tuple[dict[tuple[int, str], Any], dict[int, Any]]:
    """The colours (:data:`COLOURS`) and layout (:data:`LAYOUT`) of the page at *url* loaded at each width in each
    scheme, by ``(width, scheme)`` and by width; each scheme's colours differ, and each width's layout."""
    colours, layouts = {}, {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            goto(page, url)
            colours[width, scheme] = page.evaluate(COLOURS)
        layouts[width] = page.evaluate(LAYOUT)
    assert all(colours[w, "light"] != colours[w, "dark"] for w in widths), "the schemes' colours are the same"
    assert len({tuple(layout) for layout in layouts.values()}) == len(widths), "two widths have the same layout"
    return colours, layouts


def axe_in_turn(page: Page, step: int, first_scheme: dict[str, Any]) -> list[dict[str, Any]]:
    """axe's violations at *step* of :func:`problems_at`'s steps (two at each width: a scheme, then the other), by
    rule: at the first, every rule, keeping what the page drew (:data:`DRAWN`) and, in *first_scheme*, what the rules
    that read no colours found and whether the page drew the same after them as before (not if something was still
    moving, a drawer closing after a resize, say); at the second, the rules that read colours, and the others'
    findings from the first if the page drew the same all along and draws the same now, else every rule again."""
    if step % 2 == 0:
        page.evaluate(DRAWN, True)
        violations = axe_violations(page, inject=step == 0)
        first_scheme["steady"] = page.evaluate(DRAWN, False)
        first_scheme["colourless"] = [v for v in violations if v["id"] not in COLOUR_RULES]
    elif first_scheme["steady"] and page.evaluate(DRAWN, False):
        violations = axe_violations(page, inject=False, rules=COLOUR_RULES) + first_scheme["colourless"]
    else:
        violations = axe_violations(page, inject=False)
    return sorted(violations, key=lambda violation: violation["id"])


def in_both_schemes(page: Page, urls: Sequence[str], read: Callable[[Page, str, bool], Any]) -> dict[str, Any]:
    """Each address loaded once in *page* and read (``read(page, url, first)``, *first* for the scheme it was loaded
    in) in light colours and in dark, switched with Playwright's ``emulate_media`` between the two: by scheme, then
    address. As :func:`problems_at` switches, and for its reason (the site's colours are CSS that follows
    ``prefers-color-scheme`` live; ``test_a_fault_only_in_dark_colours_on_a_desktop_is_found`` shows a fault in dark
    colours found on a page switched to them). The pages take turns, every other one loaded in dark first, and in
    each scheme every page's colours (:data:`COLOURS`) must be the same, loaded or switched so: the block fails if
    not."""
    found: dict[str, dict[str, Any]] = {scheme: {} for scheme in SCHEMES}
    colours: dict[str, dict[str, list[str]]] = {scheme: {} for scheme in SCHEMES}
    for number, url in enumerate(urls):
        schemes = SCHEMES if number % 2 == 0 else SCHEMES[::-1]
        page.emulate_media(color_scheme=schemes[0])
        goto(page, url)
        for scheme in schemes:
            page.emulate_media(color_scheme=scheme)
            colours[scheme][url] = page.evaluate(COLOURS)
            found[scheme][url] = read(page, url, scheme == schemes[0])
    for scheme, seen in colours.items():
        assert len({tuple(c) for c in seen.values()}) == 1, f"pages in {scheme} colours differ: {seen}"
    return found


# Nothing moving on the page: a CSS transition (the skip link sliding in, the menu's drawer sliding out) is one of
# the document's animations while it runs, and asking for them brings the page's style up to date first, so one
# that a key press has just started is among them.
STILL = "() => document.getAnimations().length === 0"


def until_still(page: Page) -> None:
    """Wait until the page's transitions have ended: as long as they take, where a fixed wait (300 or 400 ms) was
    as long as the longest might take, every time."""
    page.wait_for_function(STILL)


def page_in_both_schemes(browser: Browser, url: str, read: Callable[[Page, str, bool], Any]) -> dict[str, Any]:
    """*url* loaded once in a window of its own (a desktop's, motion reduced) and read in light colours and in dark
    (:func:`in_both_schemes`): what *read* gave, by scheme."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        found = in_both_schemes(page, [url], read)
    finally:
        context.close()
    return {scheme: by_url[url] for scheme, by_url in found.items()}


def problems_at(page: Page, base_url: str, names: list[str], sniffer: str, widths: Sequence[int]) -> list[str]:
    """Both engines' findings on each page named, at each of *widths* (a window 900 px high), in light colours and
    in dark, each line starting with the width and scheme.

    Each page is loaded once, at the first width in one scheme, checked, switched to the other scheme with
    Playwright's ``emulate_media`` and checked again, then resized to the next width with ``set_viewport_size`` and
    checked in both schemes there, and so on; both engines are put in once a load. Against loading each page at each
    width in each scheme, a tenth of the loads, and axe's 500 kB parsed and warmed up a tenth as often: about a
    third of the CPU time. That holds because the site's colours and layout are CSS that follows
    ``prefers-color-scheme`` and the window's width live (furo's, and ours). A page whose colours or layout did not
    follow (a script that chose them once, at load) is reported, since they must be those a fresh load at that
    width in that scheme gives (the first page's, loaded so: the same on every page). The pages take turns: every
    other page is loaded at the widest width first and narrowed, and in dark colours first.
    ``test_a_fault_only_in_dark_colours_on_a_desktop_is_found`` (tests/test_accessibility.py) shows that a fault
    planted in dark colours at desktop widths is found the same on a page loaded at a phone's width and widened as
    on one loaded at that width, and at no other width or scheme.

    At each width, the scheme checked first runs all of axe's rules; the second runs only the rules that read colours
    (:data:`COLOUR_RULES`, about 60% of axe's time on the site's pages) and reports the others' findings
    from the first, if the page draws the same in both but for its colours (:data:`DRAWN`, read in both); if not, it
    runs them all again. Their findings are the same either way, and each is reported at both schemes, as it was when
    every rule ran twice. ``test_what_only_dark_colours_show_is_checked_in_dark`` plants a fault that only dark colours
    show (an image without its text), found at every width in dark whichever scheme comes first there.
    HTML_CodeSniffer (a tenth of axe's time) runs whole in both.
    """
    colours, layouts = as_loaded(page, base_url + names[0], widths)
    report = []
    for number, name in enumerate(names):
        order = widths if number % 2 == 0 else widths[::-1]
        first = SCHEMES if number % 2 == 0 else SCHEMES[::-1]  # then switched at each width: one switch a step
        steps = [(width, scheme) for k, width in enumerate(order) for scheme in (first if k % 2 == 0 else first[::-1])]
        first_scheme: dict[str, Any] = {}
        for step, (width, scheme) in enumerate(steps):
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            if step == 0:
                goto(page, base_url + name)
                page.add_script_tag(content=sniffer)  # before any step: what each reads is the page with it in
            until_still(page)  # a drawer a resize opened or closed has ended its slide: checked where it comes to rest
            at = f"{width}px {scheme}"
            if (shown := page.evaluate(COLOURS)) != colours[width, scheme]:
                report.append(f"{at}: {name}: colours {shown}, where a page loaded so has {colours[width, scheme]}")
            if (laid := page.evaluate(LAYOUT)) != layouts[width]:
                report.append(f"{at}: {name}: layout {laid}, where a page loaded so has {layouts[width]}")
            if violations := axe_in_turn(page, step, first_scheme):
                report.append(f"{at}: " + describe(name, violations).replace("\n", f"\n{at}: "))
            for error in sniff(page, sniffer, inject=False):
                report.append(
                    f"{at}: {name}: HTML_CodeSniffer {error['code']}: {error['message']} -- {error['element']}"
                )
    return report


# -- keyboard and screen readers -------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const label = e.id ? document.querySelector(`label[for="${e.id}"]`) : null;
  const shown = (el) => {
    const s = getComputedStyle(el);
    return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
  };
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  const hidden = parseFloat(s.opacity) === 0 || r.width <= 1;
  const indicator = hidden && label ? label : e;
  const ir = indicator.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(),
    id: e.id, cls: e.className, href: e.getAttribute("href"),
    key: [...document.querySelectorAll("*")].indexOf(e),
    what: e.outerHTML.slice(0, 120),
    focusShown: shown(indicator) && indicator.checkVisibility(),
    onScreen: ir.width > 0 && ir.height > 0 && ir.right > 0 && ir.bottom > 0
              && ir.left < innerWidth && ir.top < innerHeight,
  };
}"""


def accessibility_node(page: Page, selector: str | None = None) -> dict[str, Any]:
    """An element's node in Chromium's own accessibility tree, what a screen reader is given: its role, name,
    description and properties (``expanded`` …). The focused element, unless *selector* names another."""
    session = page.context.new_cdp_session(page)
    try:
        if selector is None:
            found = session.send("Runtime.evaluate", {"expression": "document.activeElement"})["result"]
            where = {"objectId": found["objectId"]}
        else:
            root = session.send("DOM.getDocument")["root"]["nodeId"]
            where = {"nodeId": session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]}
        node = session.send("Accessibility.getPartialAXTree", {**where, "fetchRelatives": False})["nodes"][0]
    finally:
        session.detach()
    said: dict[str, Any] = {key: node.get(key, {}).get("value", "") for key in ("role", "name", "description")}
    said["properties"] = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
    return said


def accessible_name(page: Page) -> str:
    """The focused element's role and name, as Chromium's accessibility tree gives them: ``link "paragraph 7.5"``.
    (Playwright's own ARIA snapshot knows no role for a <summary>, which Chromium gives screen readers as a button
    that expands, named by its text.)"""
    node = accessibility_node(page)
    return f'{node["role"]} "{node["name"]}"'


def tab_through(page: Page, limit: int) -> list[dict[str, Any]]:
    """Press Tab until the focus comes round again; every element reached, in order."""
    stops: list[dict[str, Any]] = []
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None:
            continue
        if stop["key"] in seen:
            break
        seen.add(stop["key"])
        stop["name"] = accessible_name(page)
        stops.append(stop)
    return stops


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours (opaque ones)."""
    la, lb = (_luminance(tuple(float(x) for x in re.findall(r"[\d.]+", c)[:3])) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


# -- search -----------------------------------------------------------------------------------------


# The search page's status line has given its answer, whatever it is: neither empty nor "Searching…".
SEARCH_ANSWERED = "!/^$|…/.test(document.getElementById('con-search-status').textContent)"


def search(page: Page, base_url: str, query: str) -> list[list[str]]:
    """Search as a reader does, from the sidebar's search box. Each result, best first, as its links:
    the page, then the places in it (clauses, terms, principles)."""
    goto(page, base_url + "index.html")
    page.fill(".sidebar-search", query)
    page.press(".sidebar-search", "Enter")
    page.wait_for_url("**/search.html?**")
    page.wait_for_function("/match|Nothing/.test(document.getElementById('con-search-status').textContent)")
    return page.eval_on_selector_all(
        ".con-search-result", "els => els.map(r => [...r.querySelectorAll('a')].map(a => a.getAttribute('href')))"
    )
