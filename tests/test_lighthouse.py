"""Lighthouse's audits of the real site, served on 127.0.0.1 and loaded in Debian's Chromium: accessibility, best
practices and search engines (SEO), 100 each on every type of page, as a phone (Lighthouse's default) and, for the
pages whose layout changes most, as a desktop.

Every page has a title, a description (outputs/descriptions.py), a language, link texts and a status of 200. The
search page says ``noindex`` (a page of results is no page to find in a search engine), which is the one audit it
fails, as meant: SEO 60.

Needs what tests/test_browser.py needs (``/usr/bin/chromium``, npm; ``nox -s site`` installs them); Lighthouse
itself is installed from npm into ``_build/node/lighthouse`` on first use. About 5 s of CPU time a page; two runs at
once, each in its own Chromium, take 90 s where one took 150 s on a busy machine.
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
    NODE,
    npm_install,
    unavailable,
)

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out

LIGHTHOUSE_VERSION = "12.8.2"  # 13.x needs Node 22.19 or later; Debian 12 has 18, NodeSource's 20 is common
LIGHTHOUSE = NODE / "lighthouse"  # a prefix of its own: installing vnu-jar into NODE would remove what it doesn't list
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
RUNS = 2  # Lighthouse runs at once, each auditing a share of the pages (see ``audits``)

# One Chromium for all pages given (chrome-launcher comes with Lighthouse); prints {"<form> <page>": {category: {score,
# failing audits}, errors}} for each form factor ("mobile", or "desktop" with Lighthouse's desktop settings).
SCRIPT = """
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import desktop from "lighthouse/core/config/desktop-config.js";

const [base, categories, ...audits] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH, chromeFlags: ["--headless", ...JSON.parse(process.env.CHROME_ARGS)],
});
const found = {};
try {
  for (const audit of audits) {
    const [form, page] = audit.split(" ");
    // No full-page screenshot: only the report's pictures of elements use it, and nothing here reads them.
    const flags = {
      port: chrome.port, onlyCategories: categories.split(","), logLevel: "error", disableFullPageScreenshot: true,
    };
    const config = form === "desktop" ? desktop : undefined;
    let {lhr} = await lighthouse(base + page, flags, config);
    if (lhr.runtimeError) {  // a page that did not load in time on a busy machine (NO_FCP …): once more
      ({lhr} = await lighthouse(base + page, flags, config));
    }
    const result = {errors: lhr.runtimeError ? [lhr.runtimeError.message] : []};
    for (const name of flags.onlyCategories) {
      const category = lhr.categories[name];
      const failing = category.auditRefs.filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null
                                                         && lhr.audits[ref.id].score < 1).map((ref) => ref.id);
      result[name] = {score: category.score, failing};
    }
    found[audit] = result;
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(found));
"""


def lighthouse() -> str:
    """The Lighthouse package's folder, installed from npm if it is not there yet."""
    npm_install(LIGHTHOUSE, f"lighthouse@{LIGHTHOUSE_VERSION}", "Lighthouse")
    return str(LIGHTHOUSE)


@pytest.fixture(scope="module")
def audits(base_url: str) -> dict[str, Any]:
    """Lighthouse's scores and failing audits for each page audited, by ``"<form factor> <path in the site>"``."""
    node = shutil.which("node")
    if node is None:
        unavailable("Node.js is not installed: Lighthouse runs on it")
    if not CHROMIUM.exists():
        unavailable(f"no browser at {CHROMIUM} (apt-get install chromium)")
    folder = lighthouse()
    script = LIGHTHOUSE / "audit.mjs"  # beside its node_modules, where Node looks for "lighthouse"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "CHROME_ARGS": json.dumps(CHROMIUM_ARGS)}
    # Lighthouse waits on each page for its network and CPU to go quiet, so one run leaves its core idle part of the
    # time: the audits are shared between RUNS runs at once, each with its own Chromium, to fill those waits.
    runs = [
        subprocess.Popen(
            [node, str(script), base_url, ",".join(CATEGORIES), *AUDITS[share::RUNS]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=folder,
            env=env,
        )
        for share in range(RUNS)
    ]
    found: dict[str, Any] = {}
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        found |= json.loads(out.strip().splitlines()[-1])
    return found


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
