"""The protocol with any number of editions, each made by a decision of a register, for the benchmark.

``python -m bench.editions 10 OUTDIR`` writes a copy of the project (``conf.py``, ``docs/``, ``theme/``) whose
protocol has *n* editions: the current text in ``protocol/``, the real pre-2026 edition, and between them *n* - 2
revisions kept at their permanent addresses (``editions/r1/`` … oldest first), each the current text with
paragraph 6.7 reworded in a word of its own. A decisions register (``docs/_data/decisions.toml``) records the
decision that made each edition but the one after pre-2026, with its effect on 6.7, so every build holds the
register against each pair of editions it dates, as a council's site with a long history would.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAUSE = "protocol/access-to-information.md"
WORDS = "The exercise of this common law right depends, therefore,"


def write(count: int, dest: Path) -> Path:
    """A copy of the project with *count* editions (at least 2: the current one and pre-2026)."""
    for name in ("docs", "theme"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    docs = dest / "docs"
    revisions = [f"r{n}" for n in range(1, count - 1)]  # oldest first
    for n, revision in enumerate(revisions, 1):
        folder = docs / "editions" / revision
        shutil.copytree(docs / "protocol", folder)  # as written: its labels and principles are its own
        _reword(folder / "access-to-information.md", n)
        index = folder / "index.md"
        text = index.read_text(encoding="utf-8")
        start = text.index(":::{status}")
        end = text.index(":::\n", start + 3) + 4
        index.write_text(text[:start] + ":::{status} superseded\n:::\n" + text[end:], encoding="utf-8")
    listing = docs / "editions/index.md"
    hidden = "".join(f"{revision}/index\n" for revision in reversed(revisions))
    text = listing.read_text(encoding="utf-8").replace("pre-2026/index\n", hidden + "pre-2026/index\n")
    listing.write_text(text, encoding="utf-8")
    older = {revision: f"editions/{revision}" for revision in reversed(revisions)}
    editions = {"2026": "protocol", **older, "pre-2026": "editions/pre-2026"}
    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    old = 'constitution_editions = {"2026": "protocol", "pre-2026": "editions/pre-2026"}'
    assert old in conf, "conf.py's editions are not as the benchmark expects"
    conf = conf.replace(old, f"constitution_editions = {editions!r}")
    conf += '\nconstitution_decisions_register = "docs/_data/decisions.toml"\n'
    (dest / "conf.py").write_text(conf, encoding="utf-8")
    (docs / "_data/decisions.toml").write_text(_register(list(editions)[::-1]), encoding="utf-8")
    return dest


def _reword(page: Path, n: int) -> None:
    text = page.read_text(encoding="utf-8")
    assert WORDS in text, f"{page} no longer holds the words the benchmark rewords"
    page.write_text(text.replace(WORDS, f"{WORDS} in revision {n},", 1), encoding="utf-8")


def _register(oldest_first: list[str]) -> str:
    """A decision for each edition: the oldest adopted whole, the one after it with no effects checked (pre-2026
    to the first revision changes much), and each later one rewording 6.7."""
    entries = []
    for year, edition in enumerate(oldest_first, 2000):
        effects = "" if year < 2002 else 'effects = [{ clause = "6.7", change = "amended" }]\n'
        if year == 2001:
            continue  # no decision recorded: its changes are not held against the register
        entries.append(
            f'[[decision]]\nid = "decision-{year}"\nkind = "decision"\nby = "Council"\n'
            f'adopted = {year}-05-01\nin_force = {year}-06-01\nedition = "{edition}"\n{effects}'
        )
    return "\n".join(entries)


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
