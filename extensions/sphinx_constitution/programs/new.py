"""The starter: one command makes a new council's project, which builds at once with its README's command.

    sphinx-constitution-new DEST --council-name "Anytown District Council" \\
        --website https://www.anytown.gov.uk

(or ``python -m sphinx_constitution.programs.new DEST ...``; the ``[new]`` extra brings copier, which it uses).
DEST gets ``conf.py`` with the council's details and the document's title, ``docs/`` (a home page, a protocol with a
few clauses, both notes, a glossary, the register of codes, an accessibility statement), ``theme/static/``, a
``noxfile.py`` with ``build``, ``serve`` and ``publish``, the GitHub and GitLab Pages workflows, a pinned
``requirements.txt`` that installs this package, a README and a ``.gitignore``; and, unless ``--package`` names a
release on a package index or a git address, ``vendor/`` with a wheel of this package, which requirements.txt installs:
a project cloned anywhere then builds with nothing but a package index (``carry``).

The template is ``starter/`` beside this module: ``starter/copier.yml`` holds the questions, their defaults and
the validators that refuse a bad answer, and each question is an option here (``council_name`` is
``--council-name``). Given in a terminal, a question left out is asked; otherwise (``--defaults``, or no terminal)
it takes its default, and a question without one (the council's name, its website) must be given. The template
ships inside the package, so what it makes always matches the extensions installed with it.

copier (not cookiecutter, nor a hand-written copier of files) because it is well kept and already does what a
starter needs: it asks the questions or takes them as data, checks each answer against its validator with one
message for the prompt and the option alike, renders with Jinja (which Sphinx brings), and records the answers in
``.copier-answers.yml``, from which ``copier update`` can later merge a newer template into a council's edited
project. cookiecutter has no update, and checks answers only in hook scripts.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__

TEMPLATE = Path(__file__).with_name("starter")
PROG = "sphinx-constitution-new"
NEXT = """\
Made the project of {council} in {dest}. To build it:

    cd {dest}
    git init && git add -A && git commit -m "The starter's project"
    python3 -m venv .venv && .venv/bin/python -m pip install nox==2026.10.20 && .venv/bin/python -m nox -s build

then open _build/html/index.html. Its README.md says what the council must still do by hand."""
METAVARS = {"council_name": "NAME", "website": "URL", "meeting": "DATE", "package": "REQUIREMENT"}


def questions() -> dict[str, dict[str, Any]]:
    """The template's questions, by name, as ``starter/copier.yml`` declares them (in the order it asks them)."""
    import yaml  # MyST-Parser's dependency, and copier's

    config = yaml.safe_load((TEMPLATE / "copier.yml").read_text(encoding="utf-8"))
    return {name: spec for name, spec in config.items() if not name.startswith("_")}


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


# The time every file in a carried wheel is dated (1980-01-01, the earliest a zip file can hold), so that one
# version of the package always makes the same bytes, whenever and wherever the starter runs.
WHEEL_DATE = "315532800"


def carried_wheel() -> str:
    """The file name of the wheel of this version that a project carries: the name pip reads the version from."""
    return f"sphinx_constitution-{__version__}-py3-none-any.whl"


def default_package() -> str:
    """The line of a new project's requirements.txt that installs this package: the wheel it carries in vendor/, by a
    path relative to the project (nox runs pip in the project's folder), until a release is on a package index."""
    return f"./vendor/{carried_wheel()}"


def carry(folder: Path) -> Path:
    """Write a wheel of this installed package into ``folder``, and return its path.

    The starter runs from an installed package (a wheel, or a checkout installed editable), which holds no source
    tree to build from, so the wheel is made from what is installed: the package's folder as it is (less Python's
    compiled caches) and the METADATA, WHEEL and entry points it was installed with. ``wheel pack`` (pypa's own
    tool, well kept) packs them and writes the RECORD of each file's hash that a wheel must hold; it orders the files
    by name and, given ``SOURCE_DATE_EPOCH``, dates them all alike, so one version of the package gives one wheel,
    byte for byte (and the same files as the wheel hatchling builds from the checkout: tests/test_package.py).
    """
    installed = importlib.metadata.distribution("sphinx-constitution")
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = Path(scratch) / f"sphinx_constitution-{__version__}"
        package = Path(__file__).parents[1]  # sphinx_constitution/, whose programs/ holds this module
        shutil.copytree(package, unpacked / package.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        info = unpacked / f"sphinx_constitution-{__version__}.dist-info"
        info.mkdir()
        for name in ("METADATA", "WHEEL", "entry_points.txt"):
            if (text := installed.read_text(name)) is not None:
                (info / name).write_text(text, encoding="utf-8", newline="")
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "wheel", "pack", "--dest-dir", str(folder), str(unpacked)]
        env = {**os.environ, "SOURCE_DATE_EPOCH": WHEEL_DATE}
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return folder / carried_wheel()


def parser() -> argparse.ArgumentParser:
    usage = "%(prog)s DEST --council-name NAME --website URL [--OTHER-QUESTION ANSWER ...] [--defaults]"
    found = argparse.ArgumentParser(prog=PROG, usage=usage, description=__doc__.split("\n\n")[0])
    found.add_argument("dest", type=Path, help="the folder to make the project in: a new one, or empty")
    for name, spec in questions().items():
        default = default_package() if name == "package" else spec.get("default")
        shown = f" (default: {default})" if default is not None and "[[" not in str(default) else ""
        choices = list(spec["choices"].values()) if "choices" in spec else None
        metavar = "{" + ",".join(choices) + "}" if choices else METAVARS.get(name, "TEXT")
        found.add_argument(option(name), dest=name, choices=choices, metavar=metavar, help=spec["help"] + shown)
    found.add_argument(
        "--defaults", action="store_true", help="take the default of every question not given, without asking"
    )
    found.add_argument("--quiet", action="store_true", help="say nothing but errors")
    return found


def main(argv: list[str] | None = None) -> int:
    options = parser()
    args = options.parse_args(argv)
    asked = questions()
    data = {name: value.strip() for name in asked if (value := getattr(args, name)) is not None}
    dest: Path = args.dest
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        options.error(f"{dest} is not an empty folder: name a new folder for the project")
    interactive = not args.defaults and sys.stdin.isatty()
    missing = [option(name) for name, spec in asked.items() if "default" not in spec and name not in data]
    if missing and not interactive:
        options.error(f"give {' and '.join(missing)} (in a terminal, leave them out to be asked)")
    needs = 'the starter needs copier and wheel: pip install "sphinx-constitution[new]"'
    if importlib.util.find_spec("wheel") is None:  # carry() runs it
        options.error(needs)
    try:
        import copier
    except ImportError:
        options.error(needs)
    try:
        made = copier.run_copy(
            str(TEMPLATE),
            dest,
            data={**data, "carried": default_package()},
            defaults=not interactive,
            quiet=True,  # its list of files, and "Copying from template version None": this says what matters
        )
    except ValueError as refused:  # an answer its validator refused, typed or given as an option
        said = str(refused)
        if found := re.match(r"Validation error for question '(\w+)': (.*)", said, re.DOTALL):
            said = f"{option(found[1])}: {' '.join(found[2].split())}"
        options.error(said)
    except (KeyboardInterrupt, EOFError):  # Ctrl+C or Ctrl+D at a question: copier deletes what it had made
        print(f"{PROG}: stopped; no project was made", file=sys.stderr)
        return 130
    if made.answers.combined["package"] == default_package():
        carry(dest / "vendor")
    if not args.quiet:
        print(NEXT.format(council=made.answers.combined["council_name"], dest=dest), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
