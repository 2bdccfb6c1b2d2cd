"""The benchmark's plain twin (bench/plain.py): what it loads decides what the overhead ratio compares."""

from __future__ import annotations

from pathlib import Path

from bench import plain


def _extensions(twin: Path) -> list[str]:
    namespace: dict[str, object] = {}
    exec((twin / "conf.py").read_text(encoding="utf-8"), namespace)
    extensions = namespace["extensions"]
    assert isinstance(extensions, list)
    return extensions


def test_the_twin_loads_myst_alone_unless_asked_to_load_sphinx_design_as_the_site_does(tmp_path: Path) -> None:
    """The overhead's twin stays plain Sphinx + MyST + furo; ``--design-twin``'s loads sphinx-design too, as the
    site's conf.py does, and is otherwise the same twin (its pages the same Markdown)."""
    twin = plain.write(tmp_path / "plain")
    with_design = plain.write(tmp_path / "plain-design", design=True)
    assert _extensions(twin) == ["myst_parser"]
    assert _extensions(with_design) == ["myst_parser", "sphinx_design"]
    pages = sorted(path.relative_to(twin) for path in (twin / "docs").rglob("*.md"))
    assert pages == sorted(path.relative_to(with_design) for path in (with_design / "docs").rglob("*.md"))
    assert all((twin / page).read_bytes() == (with_design / page).read_bytes() for page in pages)
