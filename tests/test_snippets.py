"""Every directive and role, as an editor writes it: each snippet in tests/snippets/ builds with no warning, and
the doctree its pages give the HTML writer is the one stored in tests/snapshots/, so that a change of output is a
diff in review (``pytest --update-snapshots`` writes them again).

The other test modules say what the output must do; these say what it is, in full.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SNIPPETS = Path(__file__).parent / "snippets"
EDITIONS = 'extensions.append("sphinx_constitution.model.editions")\nconstitution_status_today = "2026-11-23"\n'

# (snapshot, snippet folder, what its conf.py adds to the snippets' own): one for each directive and role
CASES = [
    ("clause", "clause", ""),
    ("clause-role", "clause-role", ""),
    ("nolan-principles", "nolan-principles", ""),
    ("principle-role", "principle-role", ""),  # and :principles:, :no-descriptions:
    ("do-dont", "do-dont", ""),
    ("code-ref-and-codes-index", "codes", ""),
    ("status", "status", EDITIONS),
    ("edition-changes", "edition-changes", EDITIONS + 'constitution_editions = {"new": "new", "old": "old"}\n'),
    ("ins-del-clean", "ins-del", ""),  # the role and the directive, in the clean edition
    ("ins-del-tracked", "ins-del", "constitution_tracked_changes = True\n"),  # and in the tracked view
]


@pytest.mark.parametrize(("name", "folder", "conf"), CASES, ids=[case[0] for case in CASES])
def test_a_snippet_gives_its_stored_doctree(build_snippet, snapshot, name: str, folder: str, conf: str) -> None:
    sources = sorted((SNIPPETS / folder).rglob("*.md"))
    pages = {str(path.relative_to(SNIPPETS / folder).with_suffix("")): path.read_text("utf-8") for path in sources}
    codes = SNIPPETS / folder / "codes.toml"
    result = build_snippet(pages, conf=conf, codes=codes.read_text("utf-8") if codes.exists() else None)
    snapshot(result, name, tuple(pages))


def test_every_snippet_is_built() -> None:
    assert sorted(path.name for path in SNIPPETS.iterdir()) == sorted({case[1] for case in CASES})
