"""A build with nothing changed reports no configuration change and reads and writes no page; an edit writes only
what it changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

#: A project that sets each value the HTML builder or the theme would otherwise change after conf.py is read: its
#: own static folder and stylesheet, a council's logo (copied as a static file), sphinx-design (which adds its own
#: static folder) and furo (which adds pygments_dark_style when it is loaded as the theme).
WHOLE_CONF = """
extensions = ["myst_parser", "sphinx_design", "sphinx_constitution"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
html_static_path = ["static"]
html_css_files = ["site.css"]
constitution_council_name = "Anytown District Council"
constitution_council_url = "https://www.anytown.gov.uk"
constitution_council_logo = "crest.svg"
"""


def _whole_project(folder: Path) -> Path:
    (folder / "static").mkdir(parents=True)
    (folder / "static/site.css").write_text("body { margin: 0; }\n", encoding="utf-8")
    (folder / "crest.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', encoding="utf-8")
    (folder / "conf.py").write_text(WHOLE_CONF, encoding="utf-8")
    (folder / "index.md").write_text("# Home\n\n```{toctree}\nrules\n```\n", encoding="utf-8")
    (folder / "rules.md").write_text("# Rules\n\n:::{clause} 1.1\nWords.\n:::\n", encoding="utf-8")
    return folder


def test_a_build_with_nothing_changed_finds_no_configuration_change_and_reads_and_writes_no_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = _whole_project(tmp_path / "src"), tmp_path / "out"
    argv = ["-W", "--no-color", "-b", "html", str(src), str(out)]
    assert build_main(argv) == 0, capsys.readouterr().err
    capsys.readouterr()
    pages = {name: (out / f"{name}.html").stat().st_mtime_ns for name in ("index", "rules")}

    assert build_main(argv) == 0, capsys.readouterr().err
    said = capsys.readouterr().out
    assert "The configuration has changed" not in said
    assert "updating environment: 0 added, 0 changed, 0 removed" in said
    assert "no targets are out of date" in said
    assert pages == {name: (out / f"{name}.html").stat().st_mtime_ns for name in pages}


def _mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*.html")}


def test_an_editions_forwarding_pages_are_written_again_only_when_their_page_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "new").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_constitution.model.editions"]\nconstitution_editions = {"2026": "new"}\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Home\n\n```{toctree}\nnew/index\nnew/rules\n```\n", encoding="utf-8")
    (src / "new/index.md").write_text("# New\n\nText.\n", encoding="utf-8")
    (src / "new/rules.md").write_text("# Rules\n\nText.\n", encoding="utf-8")
    argv = ["-W", "-q", "-b", "html", str(src), str(out)]
    assert build_main(argv) == 0, capsys.readouterr().err
    forwarding = {name: out / f"editions/2026/{name}.html" for name in ("index", "rules")}
    assert "Rules" in forwarding["rules"].read_text(encoding="utf-8")
    written = _mtimes(out)

    assert build_main(argv) == 0, capsys.readouterr().err
    again = _mtimes(out)
    assert sorted(name for name in written if again[name] != written[name]) == ["genindex.html", "search.html"]

    (src / "new/rules.md").write_text("# Rules of conduct\n\nText.\n", encoding="utf-8")
    assert build_main(argv) == 0, capsys.readouterr().err
    edited = _mtimes(out)
    assert "<title>Rules of conduct</title>" in forwarding["rules"].read_text(encoding="utf-8")
    assert edited["editions/2026/rules.html"] != again["editions/2026/rules.html"]
    assert edited["editions/2026/index.html"] == again["editions/2026/index.html"]
