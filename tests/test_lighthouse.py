"""Lighthouse's audits of the real site, served on 127.0.0.1 and loaded in Debian's Chromium: accessibility, best
practices and search engines (SEO), 100 each on every type of page, as a phone (Lighthouse's default) and, for the
pages whose layout changes most, as a desktop.

Every page has a title, a description (outputs/descriptions.py), a language, link texts and a status of 200. The
search page says ``noindex`` (a page of results is no page to find in a search engine), which is the one audit it
fails, as meant: SEO 60.

Needs what tests/test_browser.py needs (``/usr/bin/chromium``, npm; ``nox -s site`` installs them); Lighthouse
itself is installed from npm into ``_build/node/lighthouse`` on first use. About 3.5 s of CPU time a page, all audited
in one run: one Node process, one Chromium, one tab (see :data:`SCRIPT`). Lighthouse's waits for a page to go quiet
are lowered to what a static site on 127.0.0.1 needs (:data:`WAITS`): each page's load took 2.6 s, now 1.1 s. Its gauge
of the machine, a second of busy loops in every page that only the performance category reads, is replaced by a fixed
index (:data:`FIXED_GAUGE`): the module, run alone, took 63 and 64 s, now 53 and 54 s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any

import pytest
from browsing import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LIGHTHOUSE,
    npm_install,
    served,
    unavailable,
)

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out

# A page of each type: home, a document's start page, a protocol page, a note, the glossary, the codes register,
# the comparison, an older edition, the accessibility statement; and the search page.
INDEXED = [
    "index.html",
    "protocol/index.html",
    "protocol/access-to-information.html",
    "notes/members.html",
    "glossary.html",
    "codes.html",
    "editions/changes-2026.html",
    "editions/pre-2026/index.html",
    "accessibility.html",
]
SEARCH = "search.html"
DESKTOP = ["index.html", "notes/members.html", "codes.html"]  # where the wide layout differs most
CATEGORIES = ["accessibility", "best-practices", "seo"]

FIXED_GAUGE = 2000  # the BenchmarkIndex SCRIPT gives every page: a fast desktop's

# All pages given, each as "<form> <address> <categories>", audited one after the other in one Chromium, in one tab:
# Chromium started by chrome-launcher and handed to Puppeteer (both come with Lighthouse), whose page each run is
# given, as Lighthouse's docs/puppeteer.md shows. Each run still starts from a blank page and an emptied cache and
# storage (Lighthouse's own reset before every navigation); what the shared tab saves is a new tab's renderer
# process and a new connection to Chromium for every page (about 0.2 s of CPU time each). Prints
# {"<form> <address> <categories>": {category: {score, failing audits}, console: [errors logged], errors}}
# for each form factor ("mobile", or "desktop" with Lighthouse's desktop settings).
SCRIPT = """
import lighthouse, {defaultConfig, desktopConfig} from "lighthouse";
import {pageFunctions} from "lighthouse/core/lib/page-functions.js";
import * as chromeLauncher from "chrome-launcher";
import puppeteer from "puppeteer-core";

// Before each page, Lighthouse gauges the machine: a second of busy loops in the page (its BenchmarkIndex), which
// only the performance category reads, to warn of a slow machine; none of the three categories audited here reads
// it. Each page is given a fixed index instead (FIXED_GAUGE): the function Lighthouse sends into the page, as its
// source text, is the one this object holds when it is sent.
pageFunctions.computeBenchmarkIndex = new Function(`return ${Number(process.env.FIXED_GAUGE)};`);

// Lighthouse's default config (or its desktop one) holding only the audits of the categories asked for: once
// resolved, the same settings, gatherers, audits and categories as the whole config cut by `onlyCategories`, but
// each run loads and checks about 100 audits where it did 180 (0.1 s of CPU time a page). An audit is named by its
// file, as its id is; one a category names that is not here stops the run ("could not find … audit").
function configFor(form, categories) {
  const ids = new Set(categories.flatMap((name) => defaultConfig.categories[name].auditRefs.map((ref) => ref.id)));
  return {
    settings: form === "desktop" ? desktopConfig.settings : defaultConfig.settings,
    artifacts: defaultConfig.artifacts,
    audits: defaultConfig.audits.filter((audit) => ids.has(audit.split("/").at(-1))),
    categories: Object.fromEntries(categories.map((name) => [name, defaultConfig.categories[name]])),
    groups: defaultConfig.groups,
  };
}

const audits = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH, chromeFlags: ["--headless", ...JSON.parse(process.env.CHROME_ARGS)],
});
const found = {};
try {
  const browser = await puppeteer.connect({browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null});
  const page = await browser.newPage();
  for (const audit of audits) {
    const [form, url, categories] = audit.split(" ");
    // No full-page screenshot: only the report's pictures of elements use it, and nothing here reads them.
    const flags = {
      onlyCategories: categories.split(","), logLevel: "error", disableFullPageScreenshot: true,
      ...JSON.parse(process.env.LIGHTHOUSE_WAITS),
    };
    const config = configFor(form, flags.onlyCategories);
    let {lhr} = await lighthouse(url, flags, config, page);
    if (lhr.runtimeError) {  // a page that did not load in time on a busy machine (NO_FCP …): once more
      ({lhr} = await lighthouse(url, flags, config, page));
    }
    const result = {errors: lhr.runtimeError ? [lhr.runtimeError.message] : [], gauge: lhr.environment.benchmarkIndex};
    // what the best practices' "errors-in-console" audit found logged, each message's text
    result.console = (lhr.audits["errors-in-console"].details?.items ?? []).map((item) => item.description);
    for (const name of flags.onlyCategories) {
      const category = lhr.categories[name];
      const failing = category.auditRefs.filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null
                                                         && lhr.audits[ref.id].score < 1).map((ref) => ref.id);
      result[name] = {score: category.score, failing};
    }
    found[audit] = result;
  }
  await browser.disconnect();
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(found));
"""


def lighthouse() -> str:
    """The Lighthouse package's folder, installed from npm if it is not there yet."""
    npm_install(LIGHTHOUSE)
    return str(LIGHTHOUSE)


# Lighthouse's waits on each page, lowered from its defaults (1 s each; ``core/config/constants.js``) to what a static
# site served from 127.0.0.1 needs: they were 2 s of each audit's 6.5 s, spent idle. Each is safe here because:
# - pauseAfterFcpMs, pauseAfterLoadMs (1 s -> 0): the pauses give the performance metrics (not run here) time to
#   settle after first paint and after the load event; the three categories read the page as it is once the network
#   and the CPU are quiet (below), which they still wait for.
# - networkQuietThresholdMs (1 s -> 250 ms): how long no request may be in flight before the page counts as loaded.
#   Here every file answers in milliseconds, and no script of the site starts a timer at load (each timer answers a
#   reader: typing in search, hovering a link, copying, opening the drawer), so a request a script makes at load
#   starts within milliseconds of the last one ending.
# - cpuQuietThresholdMs (1 s -> 250 ms): how long the page's main thread must be free of long tasks afterwards, so
#   that work a response starts (and any error it logs) is done before the page is read.
# ``test_an_error_logged_when_a_request_made_at_load_comes_back_is_caught`` plants the latest error a page of the
# site could log at load, and shows it is still caught in the best practices' console errors.
WAITS = {"pauseAfterFcpMs": 0, "pauseAfterLoadMs": 0, "networkQuietThresholdMs": 250, "cpuQuietThresholdMs": 250}

# The planted page (PLANTED): itself a good page with no request that fails (no favicon.ico asked for), but once a
# request it makes at load comes back, it logs an error.
PLANTED_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Planted</title>
<link rel="icon" href="data:,"></head><body><main><p>A page that logs an error late.</p></main>
<script>addEventListener("load", () => fetch("late.txt").then((r) => r.text()).then((text) => console.error(text)));
</script></body></html>"""
LATE_ERROR = "planted: logged when a request made at load came back"
PLANTED = "mobile planted.html"


@pytest.fixture(scope="module")
def audits(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Lighthouse's scores and failing audits for each page audited, by ``"<form factor> <path in the site>"``; and
    for :data:`PLANTED`, served on a server of its own."""
    node = shutil.which("node")
    if node is None:
        unavailable("Node.js is not installed: Lighthouse runs on it")
    if not CHROMIUM.exists():
        unavailable(f"no browser at {CHROMIUM} (apt-get install chromium)")
    folder = lighthouse()
    script = LIGHTHOUSE / "audit.mjs"  # beside its node_modules, where Node looks for "lighthouse"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "CHROME_ARGS": json.dumps(CHROMIUM_ARGS)}
    env["LIGHTHOUSE_WAITS"], env["FIXED_GAUGE"] = json.dumps(WAITS), str(FIXED_GAUGE)
    planted = tmp_path_factory.mktemp("planted")
    (planted / "planted.html").write_text(PLANTED_PAGE, encoding="utf-8")
    (planted / "late.txt").write_text(LATE_ERROR, encoding="utf-8")
    with served(planted, []) as planted_url:
        form, page = PLANTED.split(" ")
        every = ",".join(CATEGORIES)
        asked = {f"{audit.split(' ')[0]} {base_url}{audit.split(' ')[1]} {every}": audit for audit in AUDITS}
        asked[f"{form} {planted_url}{page} best-practices"] = PLANTED  # the category that reads the console
        # One run for all: two at once, each with its own Chromium and Node, took 7 s more CPU time in all (a
        # Chromium, a Node and Lighthouse's first config more, and the two slowing each other), and in a run of the
        # site tests the other worker has the other core.
        run = subprocess.run(
            [node, str(script), *asked], capture_output=True, text=True, cwd=folder, env=env, timeout=600
        )
        assert run.returncode == 0, run.stderr
        found = json.loads(run.stdout.strip().splitlines()[-1])
    gauged = {asked[audit]: result["gauge"] for audit, result in found.items() if result["gauge"] != FIXED_GAUGE}
    assert not gauged, f"Lighthouse gauged the machine itself (SCRIPT's fixed index unused): {gauged}"
    return {asked[audit]: result for audit, result in found.items()}


AUDITS = [f"mobile {page}" for page in [*INDEXED, SEARCH]] + [f"desktop {page}" for page in DESKTOP]


@pytest.mark.parametrize("audit", AUDITS)
@pytest.mark.parametrize("category", CATEGORIES)
def test_every_type_of_page_scores_100(audits: dict[str, Any], audit: str, category: str) -> None:
    assert audits[audit]["errors"] == [], f"{audit}: Lighthouse could not audit it"
    found = audits[audit][category]
    if category == "seo" and audit.endswith(SEARCH):
        # <meta name="robots" content="noindex">, as meant: the one audit the search page fails
        assert found["failing"] == ["is-crawlable"]
        return
    assert found["failing"] == [], f"{audit}: Lighthouse's {category} audits failing: {found['failing']}"
    assert found["score"] == 1


def test_an_error_logged_when_a_request_made_at_load_comes_back_is_caught(audits: dict[str, Any]) -> None:
    """With Lighthouse's waits lowered (:data:`WAITS`), an error a page logs once a request it made at load has come
    back, the latest any script of the site could log one unasked, still fails the best practices, and is the only
    message found: audited last, in the tab where the site's pages were audited before it."""
    assert audits[PLANTED]["errors"] == []
    assert "errors-in-console" in audits[PLANTED]["best-practices"]["failing"]
    assert audits[PLANTED]["console"] == [LATE_ERROR]
