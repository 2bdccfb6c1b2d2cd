"""A synthetic Constitution of the protocol's shape, at any multiple of its size, for the benchmark.

``python -m bench.constitution 16 OUTDIR`` writes ``OUTDIR/conf.py`` and ``OUTDIR/docs/``: Parts of numbered
clauses with sub-items, ``{clause}`` references across Parts, ``{code-ref}`` citations of a codes register,
Do/Don't tables and ``{term}`` citations of a glossary, built with our extensions and the council's theme
settings. The text is deterministic (a seeded generator), so two runs write the same bytes.

Size 1 matches the protocol's 10,500 words: 12 Parts of 25 clauses (16 numbered paragraphs, three of them
with three sub-items) of about 30 words each, a glossary of 30 terms and a register of 15 codes. Size 16
is 192 Parts and 4,800 clauses.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PARTS_PER_SIZE, PARAGRAPHS, WITH_SUBS, SUBS = 12, 16, (4, 9, 14), 3
TERMS_PER_SIZE, CODES_PER_SIZE, TABLE_EVERY = 30, 15, 4

_WORDS = _split(
    "the council shall ensure that any member officer committee decision report meeting may must not "
    "be given in writing before after during which where when a an of to for with by on under within "
    "public interest advice record agenda notice request consent approval budget policy procedure "
    "service resident ward chair cabinet scrutiny panel audit standards complaint appeal delegation "
    "function statutory lawful reasonable proper timely written annual reserved executive"
)
_ADJECTIVES = _split(
    "Annual Budget Call Cabinet Delegated Executive Key Lead Local Monitoring Non-executive Overview "
    "Principal Proper Reserved Senior Shadow Special Standing Statutory Urgent Ward Joint Area"
)
_NOUNS = _split(
    "Officer Decision Meeting Member Report Panel Board Function Notice Committee Plan Record Forum "
    "Matter Item Group Review Sub-committee Deputy Register Protocol Scheme Order Statement"
)
_KINDS = ("code", "protocol", "policy", "procedure", "document", "act", "regulations", "guidance")

CONF = '''"""A synthetic Constitution ({size}x the protocol) for the benchmark, built with the project's extensions."""

project = "Synthetic Constitution"
author = "A Council"
copyright = "2026, A Council"
language = "en_GB"
extensions = {extensions!r}  # the project's own list, from its conf.py
myst_enable_extensions = ["colon_fence", "deflist", "substitution", "fieldlist"]
myst_heading_anchors = 3
constitution_clause_reference_prefix = "paragraph"
constitution_codes_registry = "docs/_data/codes.toml"
exclude_patterns = ["_data"]
constitution_pdf_organisation = author
constitution_pdf_output_dir = "_build/pdf"
constitution_pdf_documents = [
    {{"start": "parts/index", "filename": "constitution", "contents": True, "annexes": ["glossary", "codes"]}},
]
html_theme = "furo"
html_title = project
html_static_path = [{static!r}]
html_css_files = ["site.css"]
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {{"top_of_page_buttons": []}}
'''


@dataclass
class Plan:
    """What the Constitution holds before any text is written, so references can point anywhere."""

    size: int
    rng: random.Random = field(init=False)
    terms: list[str] = field(init=False)
    codes: list[str] = field(init=False)
    clauses: list[str] = field(init=False)  # every citable number: 3.7, 3.4(2)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"constitution-{self.size}")
        names = [f"{a} {n}" for n in _NOUNS for a in _ADJECTIVES]
        self.terms = names[: TERMS_PER_SIZE * self.size]
        self.codes = [f"code-{n:04d}" for n in range(1, CODES_PER_SIZE * self.size + 1)]
        self.clauses = []
        for part in range(1, self.parts + 1):
            for para in range(1, PARAGRAPHS + 1):
                self.clauses.append(f"{part}.{para}")
                if para in WITH_SUBS:
                    self.clauses += [f"{part}.{para}({sub})" for sub in range(1, SUBS + 1)]
        self._uncited = list(self.codes)

    @property
    def parts(self) -> int:
        return PARTS_PER_SIZE * self.size

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(_WORDS) for _n in range(count))

    def sentence(self, part: int) -> str:
        """About 30 words, with now and then a term, a reference to another Part's clause and a code."""
        bits = [self.words(self.rng.randint(8, 14)).capitalize()]
        if self.rng.random() < 0.35:
            bits.append(f"{{term}}`{self.rng.choice(self.terms)}`")
        bits.append(self.words(self.rng.randint(5, 9)))
        if self.rng.random() < 0.25:
            target = self.rng.choice(self.clauses)
            while target.split(".")[0] == str(part) and self.parts > 1:
                target = self.rng.choice(self.clauses)
            bits.append(f"(see {{clause}}`{target}`)")
        if self._uncited or self.rng.random() < 0.1:
            code = self._uncited.pop() if self._uncited else self.rng.choice(self.codes)
            bits.append(f"under the {{code-ref}}`{code}`")
        bits.append(self.words(self.rng.randint(4, 8)))
        return " ".join(bits) + "."


def part_page(plan: Plan, part: int) -> str:
    out = [f"# Part {part} {plan.rng.choice(_ADJECTIVES)} {plan.rng.choice(_NOUNS).lower()}s", ""]
    for para in range(1, PARAGRAPHS + 1):
        if para in WITH_SUBS:
            out += [f"::::{{clause}} {part}.{para}", plan.sentence(part), ""]
            for sub in range(1, SUBS + 1):
                out += [f":::{{clause}} ({sub})", plan.sentence(part), ":::", ""]
            out += ["::::", ""]
        else:
            out += [f":::{{clause}} {part}.{para}", plan.sentence(part), ":::", ""]
    if part % TABLE_EVERY == 0:
        out += [f":::{{do-dont}} What Part {part} expects", ":do: Members Do", ":dont: Members Don't", ""]
        for row in range(3):
            if row:
                out += ["---", ""]
            out += [f"+ {plan.words(10).capitalize()}", "", f"- {plan.words(9).capitalize()}", ""]
        out += [":::", ""]
    return "\n".join(out)


def glossary_page(plan: Plan) -> str:
    out = ["# Glossary", "", "```{glossary}"]
    for term in plan.terms:
        out += [term, f"  {plan.words(14).capitalize()}. See {{clause}}`{plan.rng.choice(plan.clauses)}`.", ""]
    return "\n".join([*out, "```", ""])


def codes_toml(plan: Plan) -> str:
    out = []
    for n, code in enumerate(plan.codes):
        out += ["[[code]]", f'id = "{code}"', f'title = "{plan.words(3).title()} Code {n + 1}"']
        out += [f'kind = "{_KINDS[n % len(_KINDS)]}"', ""]
    return "\n".join(out)


def project_extensions() -> list[str]:
    """The extensions the project's conf.py loads, so the benchmark measures all of them."""
    namespace: dict = {"__file__": str(ROOT / "conf.py")}
    exec((ROOT / "conf.py").read_text(encoding="utf-8"), namespace)
    return namespace["extensions"]


def write(size: int, dest: Path) -> Path:
    """Write the Constitution at ``size`` times the protocol under ``dest``; returns ``dest``."""
    plan = Plan(size)
    docs = dest / "docs"
    (docs / "parts").mkdir(parents=True, exist_ok=True)
    (docs / "_data").mkdir(exist_ok=True)
    pages = {f"parts/part-{part:03d}": part_page(plan, part) for part in range(1, plan.parts + 1)}
    pages["glossary"] = glossary_page(plan)
    pages["codes"] = "# Codes, policies and Acts\n\n:::{codes-index}\n:::\n"
    toc = "\n".join(name.removeprefix("parts/") for name in pages if name.startswith("parts/"))
    pages["parts/index"] = f"# The Constitution\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n"
    pages["index"] = "# A Council\n\n```{toctree}\n:maxdepth: 1\n\nparts/index\nglossary\ncodes\n```\n"
    for name, text in pages.items():
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    (docs / "_data/codes.toml").write_text(codes_toml(plan), encoding="utf-8")
    conf = CONF.format(
        size=size,
        static=str(ROOT / "theme/static"),
        extensions=project_extensions(),
    )
    (dest / "conf.py").write_text(conf, encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(write(int(sys.argv[1]), Path(sys.argv[2])))
