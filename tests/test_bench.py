"""The benchmark's twins (bench/plain.py): what they load and render decides what the overhead ratio compares."""

from __future__ import annotations

from pathlib import Path

from bench import plain


def _extensions(twin: Path) -> list[str]:
    namespace: dict[str, object] = {}
    exec((twin / "conf.py").read_text(encoding="utf-8"), namespace)
    extensions = namespace["extensions"]
    assert isinstance(extensions, list)
    return extensions


def test_the_design_twin_loads_sphinx_design_and_keeps_the_home_pages_cards_as_the_site_does(tmp_path: Path) -> None:
    """The overhead's twin loads sphinx-design, as the site's conf.py does, and its home page has the site's
    ``grid`` of cards, so sphinx-design renders the same cards on both sides; every other page is the plain twin's.
    The plain twin (for information) stays plain Sphinx + MyST + furo, its cards a list of links."""
    twin = plain.write(tmp_path / "plain")
    with_design = plain.write(tmp_path / "plain-design", design=True)
    assert _extensions(twin) == ["myst_parser"]
    assert _extensions(with_design) == ["myst_parser", "sphinx_design"]
    site_home = (plain.ROOT / "docs/index.md").read_text(encoding="utf-8")
    cards = [line for line in site_home.splitlines() if line.startswith((":::{grid", "::::{grid", ":link:"))]
    design_home = (with_design / "docs/index.md").read_text(encoding="utf-8").splitlines()
    assert cards and all(line in design_home for line in cards)
    assert not any("{grid" in line for line in (twin / "docs/index.md").read_text(encoding="utf-8").splitlines())
    pages = sorted(path.relative_to(twin) for path in (twin / "docs").rglob("*.md"))
    assert pages == sorted(path.relative_to(with_design) for path in (with_design / "docs").rglob("*.md"))
    assert [page for page in pages if (twin / page).read_bytes() != (with_design / page).read_bytes()] == [
        Path("docs/index.md")
    ]
