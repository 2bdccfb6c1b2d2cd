"""The Word import: one command makes a council's Word document the protocol of a project the starter made.

    sphinx-constitution-import SOURCE.docx --into PROJECT [--keep-authors]

(or ``python -m sphinx_constitution.programs.wordimport …``; ``pip install "sphinx-constitution[import]"`` brings lxml,
which it reads Word's XML with). It replaces the starter's example protocol in ``PROJECT/docs/protocol/`` with one page
per section of the document, lists them on the protocol's start page (its status and words kept), turns the starter's
notes, glossary and register into forms that cite nothing of the example (only while they are as the starter made them),
builds the result in a temporary copy to check every clause against Word, and only then writes the files and the report,
``PROJECT/word-import-report.md``.

Exit status: 0 when every clause matches Word and the project builds with no warning; 1 when the pages were written
but the report lists clauses that differ or warnings to fix; 2 when nothing was written (the file is not a Word
document, or is damaged; PROJECT is not a starter's project), with one line saying why.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document

PROG = "sphinx-constitution-import"
_NOT_COPIED = shutil.ignore_patterns("_build", ".git", ".nox", ".venv", "venv", "node_modules", "__pycache__")


class Refused(Exception):
    """Why the import writes nothing: one line for the person who ran it."""


def parser() -> argparse.ArgumentParser:
    found = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    found.add_argument("source", type=Path, metavar="SOURCE.docx", help="the council's Word document (.docx)")
    found.add_argument(
        "--into", type=Path, required=True, metavar="PROJECT", help="the project the starter made (conf.py, docs/)"
    )
    found.add_argument(
        "--keep-authors",
        action="store_true",
        help="list the tracked changes' authors in the report (names are personal data: left out unless asked)",
    )
    found.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return found


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run(args.source, args.into, keep_authors=args.keep_authors, quiet=args.quiet)
    except Refused as refused:
        print(f"{PROG}: error: {refused}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl+C: the files are written last, each whole, after the check
        print(f"{PROG}: stopped", file=sys.stderr)
        return 130
    except Exception as failed:  # a fault of ours: one line, never a traceback, for the person running the command
        print(
            f"{PROG}: error: the import failed ({type(failed).__name__}: {failed}); please report it", file=sys.stderr
        )
        return 2


def run(source: Path, project: Path, *, keep_authors: bool = False, quiet: bool = False) -> int:
    """Import *source* into *project*; raise :class:`Refused` (having written nothing) if it cannot be."""
    from . import report, structure, writer

    if not (project / "conf.py").is_file() or not (project / "docs/protocol/index.md").is_file():
        raise Refused(f"{project} is not a project the starter made: it has no conf.py and docs/protocol/index.md")
    document = _read(source, keep_authors)
    prefix, plural = reference_words(project / "conf.py")
    protocol = structure.build(document, prefix, plural)
    plan = writer.plan(protocol, project, starter_files(project))
    with tempfile.TemporaryDirectory(prefix="word-import-") as temporary:
        copy = Path(temporary) / "project"
        shutil.copytree(project, copy, ignore=_NOT_COPIED, symlinks=True)
        apply(plan.files, copy)
        result = report.check(protocol, copy)
    authors = [(str(where), kind, name) for where, kind, name in document.authors] if keep_authors else None
    text = report.markdown(source.name, protocol, document, plan, result, authors)
    apply({**plan.files, report.REPORT: text.encode("utf-8")}, project)
    if not quiet:
        print(report.summary(protocol, document, plan, result, str(project / report.REPORT)), file=sys.stderr)
    return 0 if result.passed else 1


def _read(source: Path, keep_authors: bool) -> Document:
    """The Word document, read (the reader is imported here, so that --help needs no lxml)."""
    try:
        from .reader import NotAWordDocument, read
    except ImportError as missing:
        raise Refused(f'the import needs lxml: pip install "sphinx-constitution[import]" ({missing})') from None
    if not source.is_file():
        raise Refused(f"{source}: no such file")
    try:
        return read(source, keep_authors=keep_authors)
    except NotAWordDocument as refused:
        raise Refused(str(refused)) from None


def apply(files: dict[str, bytes | None], root: Path) -> None:
    """Write (or remove) each file under *root*; each written whole, through a temporary file beside it."""
    for relative, data in sorted(files.items()):
        target = root / relative
        if data is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.import")
        partial.write_bytes(data)
        os.replace(partial, target)


def reference_words(conf: Path) -> tuple[str, str]:
    """``constitution_clause_reference_prefix`` and its plural as the project's conf.py sets them, read without
    running it (a plain assignment of a string); the package's defaults otherwise."""
    from ...config import PREFIX, Settings

    values: dict[str, str] = {}
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, OSError):
        tree = ast.Module(body=[], type_ignores=[])
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = node.value.value
    words = Settings(  # the package's default word, and its rule for the plural, where conf.py sets none
        clause_reference_prefix=values.get(PREFIX + "clause_reference_prefix") or Settings().clause_reference_prefix,
        clause_reference_plural=values.get(PREFIX + "clause_reference_plural", ""),
    )
    return words.clause_reference_prefix, words.clause_plural


def starter_files(project: Path) -> dict[str, bytes] | None:
    """The files the starter made for this project (path -> bytes), made again from its ``.copier-answers.yml``
    with copier, as ``sphinx_constitution.programs.new`` makes them; None for a project with no answers file.

    Where copier is not installed (a project's environment has this package without its ``[new]`` extra), the
    template's pages are rendered with Jinja2 (which copier renders with, and Sphinx brings) under the template's
    own settings (``_envops`` in ``copier.yml``), and its other files are taken as they are."""
    import yaml  # MyST-Parser's dependency

    from ..new import TEMPLATE, default_package

    answers_file = project / ".copier-answers.yml"
    if not answers_file.is_file():
        return None
    answers = yaml.safe_load(answers_file.read_text(encoding="utf-8")) or {}
    data = {key: value for key, value in answers.items() if not str(key).startswith("_")}
    data["carried"] = default_package()  # not a question: the starter gives it (new.py), and so does this
    made: dict[str, bytes] = {}
    try:
        import copier
    except ImportError:
        return _rendered(TEMPLATE, data)
    with tempfile.TemporaryDirectory(prefix="starter-") as temporary:
        copier.run_copy(str(TEMPLATE), temporary, data=data, defaults=True, quiet=True)
        for path in Path(temporary).rglob("*"):
            if path.is_file():
                made[path.relative_to(temporary).as_posix()] = path.read_bytes()
    return made


def _rendered(template: Path, data: dict[str, object]) -> dict[str, bytes]:
    """The template's files without copier: each ``.jinja`` file rendered with Jinja2 as copier would render it."""
    import jinja2
    import yaml

    envops = yaml.safe_load((template / "copier.yml").read_text(encoding="utf-8")).get("_envops", {})
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, **envops)
    root = template / "template"
    made: dict[str, bytes] = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or "[[" in relative:
            continue
        if path.suffix == ".jinja":
            try:
                text = environment.from_string(path.read_text(encoding="utf-8")).render(**data)
            except jinja2.TemplateError:
                continue  # a file that needs copier's own context: compared with nothing, so left alone
            made[relative.removesuffix(".jinja")] = text.encode("utf-8")
        else:
            made[relative] = path.read_bytes()
    return made


if __name__ == "__main__":
    sys.exit(main())
