"""The protocol as plain MyST: the same text with our directives and roles written as ordinary Markdown.

Built with plain Sphinx, myst_parser and furo, it is the yardstick for what our extensions cost::

    python -m bench.plain OUTDIR        # writes OUTDIR/conf.py and OUTDIR/docs/

The conversion is mechanical: a ``{clause}`` becomes a paragraph that starts with its number (and its
heading in bold), ``{clause}``/``{code-ref}``/``{principle}`` roles become the words they print, a
``{do-dont}`` table becomes a Markdown table under a bold caption, ``{principles}`` a numbered list,
``{codes-index}`` one heading per code, ``{status}`` a paragraph of its facts, and sphinx-design's cards a
list of links (in the design twin, which loads sphinx-design, they stay the site's ``grid``/``grid-item-card``).
``{edition-changes}``, ``{edition-comparisons}``, ``{edition-timeline}`` and ``{edition-on-a-date}`` are left out:
what they show is made by the build, not written. Sphinx's own ``glossary``, ``{term}``, ``{doc}`` and ``{ref}``
stay: plain Sphinx has them.

The twin's ``conf.py`` takes from the site's every option that plain Sphinx and furo have (``PLAIN_OPTIONS``), with
the files they name, so that the two sides differ by our extensions alone: before, the twin also copied each page's
source into ``_sources/`` and linked it (``html_copy_source``, which the site turns off), work only it did.

Two twins: the *design twin* (``write(..., design=True)``) also loads sphinx-design, as the site's ``conf.py`` does for
its home page's cards, and keeps those cards as the site writes them, so sphinx-design has the same work on both
sides. sphinx-design is the client's choice, not the package's, so the overhead ratio (what our extensions cost) is
against the design twin; the twin without it (plain Sphinx + MyST + furo, the issue's first yardstick) is printed
beside it for information.
"""

from __future__ import annotations

import re
import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_FENCE_OPEN = re.compile(r"^(:{3,})\{([a-z-]+)\}\s*(.*)$")
_FENCE_CLOSE = re.compile(r"^(:{3,})\s*$")
_ROLE = re.compile(r"\{(clause|code-ref|principle|principle-set)\}`([^`]*)`")
_EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
MADE_BY_THE_BUILD = ("edition-changes", "edition-comparisons", "edition-timeline", "edition-on-a-date")
_WHOLE = ("do-dont", "codes-index", "principles", "nolan-principles", "grid-item-card", "status", *MADE_BY_THE_BUILD)
DESIGN = ("grid", "grid-item-card")  # sphinx-design's directives: the design twin keeps them as they are

PLAIN_CONF = """
project = "Member Officer Relations Protocol"
author = {council_name!r}
copyright = "2026, " + author
language = "en_GB"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "deflist", "substitution", "fieldlist"]
myst_substitutions = {council!r}
myst_heading_anchors = 3
exclude_patterns = ["_data"]
html_theme = "furo"
"""
#: The site's options that plain Sphinx and furo have, given to the twin as the site's conf.py sets them.
PLAIN_OPTIONS = (
    "html_title",
    "html_static_path",
    "html_css_files",
    "html_favicon",
    "html_show_sourcelink",
    "html_copy_source",
    "html_theme_options",
)


def site_conf() -> dict[str, object]:
    """The names the site's conf.py sets."""
    namespace: dict = {"__file__": str(ROOT / "conf.py")}
    exec((ROOT / "conf.py").read_text(encoding="utf-8"), namespace)
    return namespace


def load_council() -> dict[str, str]:
    """The values pages name as ``{{ name }}`` (conf.py's ``myst_substitutions``)."""
    return site_conf()["myst_substitutions"]  # type: ignore[return-value]


def plain_options(dest: Path) -> str:
    """The lines of the twin's conf.py that give it the site's ``PLAIN_OPTIONS``; the files they name are copied."""
    conf = site_conf()
    lines = []
    for name in (name for name in PLAIN_OPTIONS if name in conf):
        lines.append(f"{name} = {conf[name]!r}")
        named = conf[name] if name in ("html_static_path", "html_favicon") else []
        for path in [named] if isinstance(named, str) else named:
            source, target = ROOT / path, dest / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                shutil.copy2(source, target)
    return "\n".join(lines) + "\n"


def codes(path: Path) -> dict[str, dict]:
    return {entry["id"]: entry for entry in tomllib.loads(path.read_text(encoding="utf-8"))["code"]}


def convert_roles(text: str, registry: dict[str, dict], prefix: str = "paragraph") -> str:
    def words(match: re.Match[str]) -> str:
        role, body = match[1], match[2]
        explicit = _EXPLICIT.match(body)
        if explicit:
            return explicit[1]
        if role == "clause":
            return f"{prefix} {body.rpartition(':')[2]}"  # pre-2026:6.7, a clause of another edition
        if role == "code-ref":
            return registry[body]["title"]
        if role == "principle-set":
            return getattr(_england(), body)
        principle = _england().get(body)
        return principle.name if principle is not None else body

    return _ROLE.sub(words, text)


def _do_dont(caption: str, body: list[str]) -> list[str]:
    heads = {"do": "Do", "dont": "Don't"}
    rows: list[dict[str, list[str]]] = [{"+": [], "-": []}]
    for line in body:
        if option := re.match(r"^:(do|dont):\s*(.*)$", line):
            heads[option[1]] = option[2]
        elif line.strip() == "---":
            rows.append({"+": [], "-": []})
        elif line[:2] in ("+ ", "- "):
            rows[-1][line[0]].append(line[2:].strip())
        elif line.strip() and rows[-1]["+"] + rows[-1]["-"]:
            side = "-" if rows[-1]["-"] else "+"
            rows[-1][side][-1] += " " + line.strip()
    out = [f"**{caption}**", "", f"| {heads['do']} | {heads['dont']} |", "|---|---|"]
    out += [f"| {'; '.join(row['+'])} | {'; '.join(row['-'])} |" for row in rows]
    return [*out, ""]


def _england():  # the package's PrincipleSet, imported when a page needs it
    from sphinx_constitution.model.principles.sets import package_set

    return package_set("england")  # the site's conf.py chooses no other set


def _principles() -> list[str]:
    return [f"{p.number}. **{p.name}**: {p.text}" for p in _england().principles] + [""]


def convert(text: str, registry: dict[str, dict], *, design: bool = False) -> str:
    """One page of our MyST, as plain MyST; with *design*, sphinx-design's cards are kept as the site has them."""
    out: list[str] = []
    pending = ""  # a clause's number, waiting for the first line of its text
    stack: list[str] = []  # the open fences' directive names
    lines = iter(text.splitlines())
    for line in lines:
        opened = _FENCE_OPEN.match(line)
        if design and opened and opened[2] in DESIGN:
            stack.append("kept")
            out.append(line)
            continue
        if design and stack and stack[-1] == "kept" and _FENCE_CLOSE.match(line):
            stack.pop()
            out.append(line)
            continue
        if opened and opened[2] in _WHOLE:
            colons, name, argument = opened.groups()
            body = []
            for inner in lines:
                if inner.strip() == colons:
                    break
                body.append(inner)
            if name == "do-dont":
                out += _do_dont(argument, body)
            elif name in ("principles", "nolan-principles"):
                out += _principles()
            elif name == "status":
                facts = "; ".join(b.lstrip(":").replace(":", "", 1) for b in body if b.startswith(":"))
                out += [f"Status: {argument}; {facts}.", ""]
            elif name in MADE_BY_THE_BUILD:
                pass
            elif name == "codes-index":
                for entry in registry.values():
                    out += [f"## {entry['title']}", "", f"Kind: {entry['kind']}", ""]
            else:
                link = next(b.split(None, 1)[1] for b in body if b.startswith(":link:"))
                out += [f"- {{doc}}`{argument} </{link}>`", ""]
            continue
        if opened and opened[2] in ("clause", "grid"):
            stack.append(opened[2])
            if opened[2] == "clause":
                label, _sep, title = opened[3].partition(" ")
                pending = f"{label} **{title}**" if title else label
            continue
        if _FENCE_CLOSE.match(line) and stack:
            stack.pop()
            continue
        if stack and stack[-1] == "grid" and line.startswith(":"):
            continue  # the grid's options
        if pending and line.strip():
            line, pending = f"{pending} {line}", ""
        out.append(line)
    return convert_roles("\n".join(out) + "\n", registry)


def write(dest: Path, *, design: bool = False) -> Path:
    """Write the plain twin of docs/ under ``dest`` (``conf.py`` and ``docs/``); returns ``dest``.

    With *design*, the twin also loads sphinx-design, as the site's ``conf.py`` does (the client's choice, not the
    package's), and keeps the home page's ``grid`` of ``grid-item-card`` as the site writes it: its import, its
    transforms over every page, its icon data and the cards it renders then count on both sides alike, and the
    overhead ratio is what our extensions cost."""
    registry = codes(ROOT / "docs/_data/codes.toml")
    council = load_council()
    shutil.rmtree(dest, ignore_errors=True)
    for source in sorted((ROOT / "docs").rglob("*.md")):
        relative = source.relative_to(ROOT / "docs")
        if relative.parts[0] == "_data":
            continue
        target = dest / "docs" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(convert(source.read_text(encoding="utf-8"), registry, design=design), encoding="utf-8")
    conf = PLAIN_CONF.format(council_name=council["council_name"], council=council) + plain_options(dest)
    if design:
        conf += 'extensions.append("sphinx_design")\n'
    (dest / "conf.py").write_text(conf, encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
