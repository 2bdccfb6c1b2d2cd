"""Screenshots of a built site and its PDFs, to compare two builds by eye (issue 14 asked for before and after).

    python tests/screenshots.py SITE PDFS OUT LABEL

SITE is a built website (``_build/html``), PDFS its PDFs (``_build/pdf``), OUT the folder to write to
(``_build/screenshots``) and LABEL a word for the file names (``before``, ``after``). The site is served on
127.0.0.1 and read in Chromium as the browser tests serve and read it (``browsing.py``): the home page, a protocol page,
the Appendix and the comparison, each as a desktop (1280 px wide) and a phone (390 px) show them at first, before
any scrolling, in light colours; then a page of each PDF (pdfplumber, at 100 dpi). Run it on each build and look at
the pairs side by side: ``home-desktop-before.png`` beside ``home-desktop-after.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber
from browsing import chromium, served

PAGES = {
    "home": "index.html",
    "protocol-page": "protocol/access-to-information.html#clause-6-7",
    "appendix": "protocol/appendix.html",
    "comparison": "editions/changes-2026.html",
}
SCREENS = {"desktop": (1280, 900), "phone": (390, 844)}
PDF_PAGES = {  # which page of which PDF (from 1): a page of clauses, a note, and the tracked changes
    "protocol-pdf": ("member-officer-relations-protocol.pdf", 6),
    "members-notes-pdf": ("members-notes.pdf", 1),
    "changes-pdf": ("member-officer-relations-protocol-changes.pdf", 6),
}


def site_screenshots(site: Path, out: Path, label: str) -> list[Path]:
    written = []
    with served(site, []) as base, chromium() as browser:
        for screen, (width, height) in SCREENS.items():
            page = browser.new_page(viewport={"width": width, "height": height}, color_scheme="light")
            for name, address in PAGES.items():
                page.goto(base + address)
                page.wait_for_load_state("networkidle")
                path = out / f"{name}-{screen}-{label}.png"
                page.screenshot(path=path)
                written.append(path)
            page.close()
    return written


def pdf_screenshots(pdfs: Path, out: Path, label: str) -> list[Path]:
    written = []
    for name, (filename, number) in PDF_PAGES.items():
        with pdfplumber.open(pdfs / filename) as pdf:
            path = out / f"{name}-page{number}-{label}.png"
            pdf.pages[number - 1].to_image(resolution=100).save(path)
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    site, pdfs, out, label = Path(argv[0]), Path(argv[1]), Path(argv[2]), argv[3]
    out.mkdir(parents=True, exist_ok=True)
    for path in site_screenshots(site, out, label) + pdf_screenshots(pdfs, out, label):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
