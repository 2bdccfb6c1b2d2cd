"""The extensions as a distribution: the release workflow's build step makes the sdist and the wheel, that wheel is
the one a new council's project carries, and, installed with Sphinx alone into a fresh virtual environment, it builds
a project whose page uses every directive and role, with nothing from this checkout on the path. (The comparison of
editions needs two editions, each a cover page and its text, so the project has five pages, not one.) The wheel is
built once, by the workflow's step: the tests of the wheel read the one a release would publish."""

from __future__ import annotations

import configparser
import importlib
import shutil
import subprocess
import sys
import textwrap
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, fresh_machine
from sphinx_constitution import __version__
from sphinx_constitution.programs.new import carry

pytestmark = pytest.mark.site

CONF = """\
extensions = ["sphinx_constitution"]
constitution_codes_registry = "codes.toml"
constitution_editions = {"2026": "protocol", "2019": "old"}
"""

CODES = """\
[[code]]
id = "members-code"
title = "Members' Code of Conduct"
kind = "code"
"""

COVER = """\
# Protocol

```{status} draft
:committee: Standards Committee
:meeting: 2026-04-29
```

```{toctree}
text
```
"""

PAGE = """\
# Working together

```{clause} 1.1
Members and officers work together, as {clause}`1.2` and the {code-ref}`members-code` say, with
{principle}`integrity`. {ins}`Newly agreed words.` {del}`Words taken out.`
```

```{clause} 1.2
Each treats the other with {term}`respect`.
```

```{ins}
A paragraph added in 2026.
```

## {principle-set}`title`

```{principles}
```

```{nolan-principles}
:no-index:
:principles: honesty
```

```{do-dont} Working together
+ Be courteous
- Be rude
```

```{glossary}
respect
  Courtesy shown to another.
```

```{codes-index}
```
"""

HOME = """\
# Home

```{toctree}
protocol/index
old/index
```

## Changes since 2019

```{edition-changes}
:from: 2019
:to: 2026
```
"""

OLD_COVER = """\
# Protocol, 2019

```{status} superseded
:superseded-by: protocol/index
```

```{toctree}
text
```
"""

OLD = """\
# Working together, 2019

```{clause} 1.1
Members and officers work together.
```
"""


@dataclass
class Release:
    """The build step of .github/workflows/release.yml, run in ``source`` (a copy of what the package is built from)
    with the environment ``env`` of a runner: the check step still to run."""

    source: Path
    env: dict[str, str]
    check: str


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    """The release workflow's build step, run once for the module as a runner would run it, on a fresh machine
    (``conftest.fresh_machine``: a new home folder, no pip cache but this test run's own, pip compiling no ``.pyc``)
    with the tag's name GitHub sets. It makes the sdist and the wheel that a release publishes; the tests of the
    wheel read that wheel, rather than build another from the checkout."""
    tmp_path = tmp_path_factory.mktemp("release")
    source = tmp_path / "checkout"
    shutil.copytree(ROOT / "extensions", source / "extensions", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    steps = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8"))["jobs"]["build"][
        "steps"
    ]
    build, check = [step["run"] for step in steps if "run" in step]
    (home := tmp_path / "home").mkdir()
    env = fresh_machine(home, tmp_path_factory) | {"GITHUB_REF_NAME": f"v{__version__}"}  # GitHub sets it for a tag
    done = subprocess.run(["bash", "-c", build], cwd=source, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{build}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    return Release(source, env, check)


@pytest.fixture(scope="module")
def wheel(release: Release) -> Path:
    """The wheel the release workflow builds (:func:`release`): the one a release puts on PyPI."""
    (found,) = (release.source / "dist").glob("sphinx_constitution-*.whl")
    return found


def test_the_wheel_holds_the_package_its_templates_and_static_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "__init__.py",
        "config.py",
        "model/clauses/__init__.py",
        "templates/page.html",
        "static/clauses.css",
        "py.typed",
        "programs/publish.py",  # the commands a council's own noxfile runs
        "programs/serve.py",
        "programs/wordimport/__main__.py",
        "programs/new.py",  # the starter, and its template
        "programs/starter/copier.yml",
        "programs/starter/answers.jinja",  # the rule copier.yml's validators import
        "programs/starter/template/conf.py.jinja",
        "programs/starter/template/noxfile.py",
        "programs/starter/template/[[ _copier_conf.answers_file ]].jinja",
    ):
        assert f"sphinx_constitution/{name}" in names


def test_each_program_is_a_command_named_for_what_it_does(wheel: Path) -> None:
    """A council's noxfile and README run the programs by these commands, not by their modules' paths, so the
    package may move a module without breaking a project; each command's function is there to run."""
    with zipfile.ZipFile(wheel) as packed:
        (listed,) = [name for name in packed.namelist() if name.endswith(".dist-info/entry_points.txt")]
        entry_points = configparser.ConfigParser()
        entry_points.read_string(packed.read(listed).decode())
    scripts = dict(entry_points["console_scripts"])
    assert scripts == {
        "sphinx-constitution-serve": "sphinx_constitution.programs.serve:main",
        "sphinx-constitution-publish": "sphinx_constitution.programs.publish:main",
        "sphinx-constitution-new": "sphinx_constitution.programs.new:main",
        "sphinx-constitution-import": "sphinx_constitution.programs.wordimport.__main__:main",
    }
    for target in scripts.values():
        module, _, function = target.partition(":")
        assert callable(getattr(importlib.import_module(module), function))


def test_the_wheel_and_sphinx_alone_build_a_project_using_every_directive_and_role(wheel: Path, tmp_path: Path) -> None:
    """The release's wheel (:func:`wheel`) and the pinned Sphinx, installed into a fresh virtual environment by
    this environment's pip (``pip --python``): the new one holds them and what they need, not even pip, whose own
    installing there (``ensurepip``) took 4 s of CPU and showed nothing about the wheel. Nor does pip compile
    ``.pyc`` files there (``--no-compile``): the build compiles what it imports (1.3 s of CPU), where pip compiled
    all 1,900 files (3.7 s), most of them never imported by a build (Pygments' lexers, fontTools' tables)."""
    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    sphinx = next(line for line in (ROOT / "requirements.txt").read_text().splitlines() if line.startswith("sphinx=="))
    install = [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-compile"]
    subprocess.run([*install, str(wheel), sphinx], check=True)
    project = tmp_path / "project"
    pages = {"conf.py": CONF, "codes.toml": CODES, "protocol/index.md": COVER, "protocol/text.md": PAGE}
    pages |= {"old/index.md": OLD_COVER, "old/text.md": OLD}
    pages["index.md"] = HOME
    for name, text in pages.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(textwrap.dedent(text), encoding="utf-8")
    # from a folder of its own, so nothing of this checkout (extensions/, tests/) can be imported
    built = subprocess.run(
        [python, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(project), str(tmp_path / "html")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    located = subprocess.run(
        [python, "-c", "import sphinx_constitution; print(sphinx_constitution.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(env) in located and str(ROOT) not in located
    page = BeautifulSoup((tmp_path / "html" / "protocol" / "text.html").read_text(encoding="utf-8"), "html.parser")
    main = page.select_one("[role=main]") or page
    assert main.select_one("#clause-1-1") and main.select_one("#clause-1-2")
    assert main.select_one("a[href='#clause-1-2']")  # {clause}
    assert main.select_one("table.con-dodont")  # do-dont
    assert "Selflessness" in main.get_text()  # principles, from the set's TOML file installed with the package
    assert main.select("ol.con-principles")[1]["start"] == "6"  # nolan-principles: Honesty keeps its number
    assert main.select_one("h2").get_text(strip=True).startswith("The Seven Principles of Public Life")  # principle-set
    assert main.select_one("#code-members-code")  # codes-index, and {code-ref} links to it
    assert main.select_one("a[href='#code-members-code']")
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Changes since 2019" in home.get_text() and home.select(".con-change")  # edition-changes
    assert (tmp_path / "html" / "_static" / "clauses.css").is_file()  # the package's static files


def test_the_release_workflow_builds_the_sdist_and_the_wheel_a_new_project_carries(
    release: Release, tmp_path: Path
) -> None:
    """The build step of .github/workflows/release.yml, run as a runner would in a copy of what the package is built
    from (:func:`release`, which the other tests of the wheel share), makes this version's sdist and wheel, and
    passes its own check that the tag names that version; the wheel holds the very files of the one the starter
    packs into a project's vendor/."""
    source, env, check = release.source, release.env, release.check
    done = subprocess.run(["bash", "-c", check], cwd=source, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{check}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    built = sorted(path.name for path in (source / "dist").iterdir())
    assert built == [f"sphinx_constitution-{__version__}-py3-none-any.whl", f"sphinx_constitution-{__version__}.tar.gz"]

    wrong = subprocess.run(["bash", "-c", check], cwd=source, env=env | {"GITHUB_REF_NAME": "v99.0"})
    assert wrong.returncode != 0, "a tag naming another version publishes nothing"

    def contents(wheel: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(wheel) as opened:
            return {name: opened.read(name) for name in opened.namelist()}

    assert contents(source / "dist" / built[0]) == contents(carry(tmp_path / "vendor"))
