"""``nox -s publish`` (tools/publish.py): the published site is replaced only by a build with no warning."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_project

from tools.publish import BuildFailed, publish


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


def _last_good(dest: Path) -> dict[str, tuple[bytes, int]]:
    (dest / "pdf").mkdir(parents=True)
    (dest / "index.html").write_text("<p>the last good site</p>", encoding="utf-8")
    (dest / "pdf" / "protocol.pdf").write_bytes(b"%PDF-1.7 last good")
    return _snapshot(dest)


def test_a_broken_source_leaves_the_published_site_untouched_and_says_where(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs/protocol/access-to-information.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("{clause}`6.7`", "{clause}`6.99`", 1) + "\nSee {clause}`6.99`.\n", encoding="utf-8")
    dest = tmp_path / "published"
    before = _last_good(dest)

    outcome = publish(project, dest)

    assert not outcome.published
    assert _snapshot(dest) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "published"]  # no half-built folder left
    assert f"{dest} is unchanged" in outcome.message
    assert "the pdf build failed" in outcome.message
    assert "protocol/access-to-information.md:" in outcome.message
    assert "no clause numbered 6.99" in outcome.message


def test_a_good_build_replaces_the_whole_published_site(tmp_path: Path) -> None:
    dest = tmp_path / "published"
    _last_good(dest)

    def build(project: Path, into: Path) -> Path:
        (into / "site" / "notes").mkdir(parents=True)
        (into / "site" / "index.html").write_text("<p>new</p>", encoding="utf-8")
        (into / "site" / "notes" / "members.html").write_text("<p>new note</p>", encoding="utf-8")
        return into / "site"

    outcome = publish(tmp_path, dest, build=build)

    assert outcome.published, outcome.message
    assert {name: data for name, (data, _mtime) in _snapshot(dest).items()} == {
        "index.html": b"<p>new</p>",
        "notes/members.html": b"<p>new note</p>",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published"]


def test_a_failed_build_step_is_reported_not_raised(tmp_path: Path) -> None:
    dest = tmp_path / "published"
    before = _last_good(dest)

    def build(project: Path, into: Path) -> Path:
        (into / "site").mkdir()
        raise BuildFailed("the html build failed:\n  docs/index.md:3: WARNING: something")

    outcome = publish(tmp_path, dest, build=build)
    assert not outcome.published
    assert "docs/index.md:3" in outcome.message
    assert _snapshot(dest) == before
