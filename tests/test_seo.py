"""Search engines: Lighthouse's SEO audit of the real site, served on 127.0.0.1 and loaded in Debian's Chromium.

Every page has a title, a description (outputs/descriptions.py), a language, link texts and a status of 200, so the
home page, a page of the protocol and a page of notes score 100. The search page says ``noindex`` (a page of results
is no page to find in a search engine), which is the one audit it fails, as meant: 60.

Needs what tests/test_browser.py needs (``/usr/bin/chromium``, npm; ``nox -s site`` installs them); Lighthouse
itself is installed from npm into ``_build/node/lighthouse`` on first use. About 30 s, in one Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any

import pytest
from test_browser import (  # noqa: F401 (html_dir, server_failures: fixtures base_url uses)
    CHROMIUM,
    CHROMIUM_ARGS,
    NODE,
    base_url,
    html_dir,
    server_failures,
    unavailable,
)

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out

LIGHTHOUSE_VERSION = "12.8.2"  # 13.x needs Node 22.19 or later; Debian 12 has 18, NodeSource's 20 is common
LIGHTHOUSE = NODE / "lighthouse"  # a prefix of its own: installing vnu-jar into NODE would remove what it doesn't list
INDEXED = ["index.html", "protocol/access-to-information.html", "notes/members.html"]
SEARCH = "search.html"

# One Chromium for every page (chrome-launcher comes with Lighthouse); prints {page: {score, failing audits}}.
SCRIPT = """
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [base, ...pages] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH, chromeFlags: ["--headless", ...JSON.parse(process.env.CHROME_ARGS)],
});
const found = {};
try {
  for (const page of pages) {
    let {lhr} = await lighthouse(base + page, {port: chrome.port, onlyCategories: ["seo"], logLevel: "error"});
    if (lhr.runtimeError) {  // a page that did not load in time on a busy machine (NO_FCP …): once more
      ({lhr} = await lighthouse(base + page, {port: chrome.port, onlyCategories: ["seo"], logLevel: "error"}));
    }
    const seo = lhr.categories.seo;
    const failing = seo.auditRefs.filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null
                                                  && lhr.audits[ref.id].score < 1).map((ref) => ref.id);
    found[page] = {score: seo.score, failing, errors: lhr.runtimeError ? [lhr.runtimeError.message] : []};
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(found));
"""


def lighthouse() -> str:
    """The Lighthouse package's folder, installed from npm if it is not there yet."""
    installed = LIGHTHOUSE / "node_modules" / "lighthouse" / "package.json"
    if not installed.exists():
        npm = shutil.which("npm")
        if npm is None:
            unavailable("npm is not installed: it fetches Lighthouse")
        LIGHTHOUSE.mkdir(parents=True, exist_ok=True)
        package = f"lighthouse@{LIGHTHOUSE_VERSION}"
        options = ["--no-save", "--no-audit", "--no-fund"]
        subprocess.run(
            [npm, "install", "--prefix", str(LIGHTHOUSE), *options, package], check=True, capture_output=True
        )
    assert json.loads(installed.read_text(encoding="utf-8"))["version"] == LIGHTHOUSE_VERSION
    return str(LIGHTHOUSE)


@pytest.fixture(scope="module")
def seo(base_url: str) -> dict[str, Any]:
    """Lighthouse's SEO score and failing audits for each page audited, by its path in the site."""
    node = shutil.which("node")
    if node is None:
        unavailable("Node.js is not installed: Lighthouse runs on it")
    if not CHROMIUM.exists():
        unavailable(f"no browser at {CHROMIUM} (apt-get install chromium)")
    folder = lighthouse()
    script = LIGHTHOUSE / "seo.mjs"  # beside its node_modules, where Node looks for "lighthouse"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "CHROME_ARGS": json.dumps(CHROMIUM_ARGS)}
    run = subprocess.run(
        [node, str(script), base_url, *INDEXED, SEARCH],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("page", INDEXED)
def test_a_page_scores_100_for_search_engines(seo: dict[str, Any], page: str) -> None:
    assert seo[page]["errors"] == [], f"{page}: Lighthouse could not audit it"
    assert seo[page]["failing"] == [], f"{page}: Lighthouse's SEO audits failing: {seo[page]['failing']}"
    assert seo[page]["score"] == 1


def test_the_search_page_fails_only_for_its_noindex(seo: dict[str, Any]) -> None:
    assert seo[SEARCH]["errors"] == []
    assert seo[SEARCH]["failing"] == ["is-crawlable"]  # <meta name="robots" content="noindex">, as meant
    assert seo[SEARCH]["score"] >= 0.6
