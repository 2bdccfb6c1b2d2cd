"""Every configuration value of the package, in one typed place, checked once when ``conf.py`` is read.

Each value is set in ``conf.py`` with the prefix ``constitution_``::

    constitution_editions = {"2026": "protocol", "pre-2026": "editions/pre-2026"}

and read by the extensions as one typed object, ``settings(config).editions``. A value of the wrong type or
form stops the build with a :class:`~sphinx.errors.ConfigError` that names it and says what to write instead.
README's configuration reference is generated from :class:`Settings` (``python -m sphinx_constitution.config``),
so the two cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import operator
import re
import sys
import typing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

from . import __version__
from .engine.pages import in_folder
from .theme.assets import keep_static_folders_once, settle_html_config

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

PREFIX = "constitution_"


def setup(app: Sphinx) -> ExtensionMetadata:
    for value in dataclasses.fields(Settings):
        default = value.default_factory() if value.default_factory is not dataclasses.MISSING else value.default
        app.add_config_value(PREFIX + value.name, default, value.metadata["rebuild"], types=_sphinx_types(value))
    app.connect("config-inited", check, priority=100)  # before any extension reads a value
    # What the HTML builder and the theme would put in the configuration when they start, put there now (after
    # Sphinx's own handlers, at 800), so the configuration kept with the environment is the next build's.
    app.connect("config-inited", settle_html_config, priority=900)
    app.connect("builder-inited", keep_static_folders_once, priority=900)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _setting(default: Any, rebuild: str, doc: str) -> Any:
    """A field of :class:`Settings`: its default, what a change makes Sphinx redo (``"env"``: read every page
    again; ``"html"``: write every page again; ``""``: nothing), and its line in the reference."""
    metadata = {"rebuild": rebuild, "doc": doc}
    if isinstance(default, list | dict):
        return field(default_factory=lambda: type(default)(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class PdfDocument:
    """One entry of ``constitution_pdf_documents``: a PDF made of a page and the pages its toctrees include."""

    filename: str  # without ``.pdf``
    start: str = ""  # the start page's docname (none for an entry of each edition, or of the latest change)
    title: str = ""  # defaults to the start page's title
    status: str = ""  # printed under the title, e.g. "Draft for consultation, 2026"
    contents: bool = False  # a contents list with page numbers
    annexes: tuple[str, ...] = ()  # pages added after the start page's own
    max_pages: int = 0  # 0: no limit
    editions: bool = False  # one for each edition: the current at ``filename``, each at ``<filename>-<edition id>``
    latest_changes: bool = False  # the comparison of the two newest editions, wherever it is shown


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The package's configuration, as the extensions read it."""

    # -- clauses
    clause_reference_prefix: str = _setting(
        "paragraph", "env", "The word before a clause's number in a link, a title or a permalink: `paragraph 6.7`."
    )
    clause_reference_plural: str = _setting(
        "",
        "env",
        "The word before the numbers when one reference cites several clauses: `paragraphs 8 to 11`. Empty: the "
        "prefix made plural by the simple rule (add `s`; `es` after s, x, z, ch or sh; `ies` for a `y` after a "
        "consonant); set it for any other word.",
    )
    clause_id_prefix: str = _setting("clause", "env", "The start of a clause's anchor: `clause` gives `#clause-6-7`.")
    clause_scopes: dict[str, str] = _setting(
        {},
        "env",
        "Folders whose clauses are numbered on their own, as `{folder: scope}`: two documents may then each have "
        "a paragraph 6.7, cited as `scope:6.7`. Each older edition is a scope already.",
    )
    section_number_words: list[str] = _setting(
        ["Part", "Section", "Chapter", "Article", "Schedule", "Appendix", "Annex"],
        "env",
        "The words that may come before a heading's `{section-number}`, one of them, in any case, as in a heading "
        "`Part 8 Members' Code`; any other words before the number are refused.",
    )
    # -- principles
    principles: str = _setting(
        "england",
        "env",
        "The principles of conduct that `{principles}` sets out and `{principle}` cites: `england` (the Seven "
        "Principles of Public Life), `wales`, `scotland`, or a council's own set: a TOML file, from `conf.py`'s "
        "folder (README, Principle sets).",
    )
    # -- codes
    codes_registry: str = _setting(
        "",
        "env",
        "The register of codes, policies and Acts that `{code-ref}` cites: a TOML file, from `conf.py`'s folder.",
    )
    # -- content
    content_markup: list[str] = _setting(
        [],
        "env",
        "Directives and roles that content may use besides the package's vocabulary (README, Security), by name.",
    )
    # -- editions
    editions: dict[str, str] = _setting(
        {},
        "env",
        "The editions of the document, newest first, as `{edition id: source folder}`; the newest is the current text.",
    )
    report_problem_to: str = _setting(
        "",
        "html",
        "Where a reader reports a problem with a paragraph, from the link at its end: an email address, or a web "
        "form's https address with `{url}` where the paragraph's permanent address goes. Empty: no link.",
    )
    decisions_register: str = _setting(
        "",
        "html",
        "The register of the decisions that made each edition and their effects on clauses: a TOML file, from "
        "`conf.py`'s folder (README, The decisions that made each edition). Empty: no register.",
    )
    edition_address: str = _setting(
        "editions/{edition}", "env", "Where each edition is kept for good; `{edition}` is the edition's id."
    )
    status_today: str = _setting(
        "",
        "html",
        "The day a status banner is judged on (is a review overdue?), written `2026-11-23`; empty: the build's day.",
    )
    # -- tracked changes
    tracked_changes: bool = _setting(
        False, "env", "Show a proposed change's `{ins}`/`{del}` marks (the tracked view), instead of the clean text."
    )
    # -- search
    search_skip: list[str] = _setting(
        [], "html", 'Pages left out of the search index, as patterns of page names: `["editions/*"]`.'
    )
    search_index_background: bool = _setting(
        False, "", "Write the search index in a thread while the build returns (the live preview sets it)."
    )
    # -- descriptions
    description_default: str = _setting(
        "{title}: {project}.",
        "html",
        'The description (`<meta name="description">`) of a page with no words of its own (the search page, '
        "the index, forwarding pages): `{title}` is the page's title, `{project}` the project's name.",
    )
    # -- the council's identity on every page
    council_name: str = _setting(
        "",
        "html",
        "The council's name, shown at the top of every page of the website (and in its title) as a link to "
        "`constitution_council_url`. Empty: no council is named there.",
    )
    council_url: str = _setting(
        "",
        "html",
        "The council's own website, `https://` and its address: where the council's name on every page leads.",
    )
    council_logo: str = _setting(
        "",
        "html",
        "The council's crest or logo, shown beside its name: an image file (PNG, JPEG, GIF, WebP or SVG), from "
        "`conf.py`'s folder. Empty: the name alone.",
    )
    # -- PDF
    pdf_documents: list[dict[str, Any]] = _setting(
        [],
        "html",
        "The PDFs `sphinx-build -b pdf` writes, each a table: `start` and `filename`, and optionally `title`, "
        "`status`, `contents` (true/false), `annexes` (pages) and `max_pages`. Instead of `start`, `editions: True` "
        "makes one for each edition (the current one at `filename`, each at `<filename>-<edition id>` too), and "
        "`latest_changes: True` the comparison of the two newest editions.",
    )
    pdf_organisation: str = _setting("", "html", "The organisation named in each PDF's header and metadata.")
    pdf_site_url: str = _setting(
        "",
        "html",
        "The website's address, so a PDF's links to pages it does not hold open the website. Empty: `html_baseurl`, "
        "the site's public address; with neither, such links are left as plain text.",
    )
    pdf_output_dir: str = _setting(
        "_build/pdf", "html", "Where the PDFs are, from `conf.py`'s folder: the website build links and copies them."
    )
    pdf_stylesheets: list[str] = _setting(
        [], "html", "Extra CSS files for the PDFs, from `conf.py`'s folder, after the package's own."
    )
    pdf_font: str = _setting(
        "DejaVu Sans",
        "html",
        "The PDFs' typeface, by family name: one installed on the machine, or declared with `@font-face` in one of "
        "`constitution_pdf_stylesheets` (whose folder holds the font files). A family that is not found is a "
        "warning. The default ships with Debian.",
    )
    pdf_text_colour: str = _setting(
        "#000000", "html", "The PDFs' text colour, as `#rrggbb`: at least 4.5:1 against white paper (WCAG AA)."
    )
    pdf_accent_colour: str = _setting(
        "#1a4480",
        "html",
        "The PDFs' house colour, as `#rrggbb`, for headings, links and the rule under the title: at least 4.5:1 "
        "against white paper, as it colours text.",
    )

    @functools.cached_property
    def scopes(self) -> dict[str, str]:
        """Every clause scope, ``{folder: scope}``: ``clause_scopes``, and each edition but the newest."""
        older = {folder: edition_id for edition_id, folder in list(self.editions.items())[1:]}
        return {**older, **self.clause_scopes}

    @functools.cached_property
    def clause_plural(self) -> str:
        """The word before several clauses' numbers: ``clause_reference_plural``, or :func:`plural` of the prefix."""
        return self.clause_reference_plural or plural(self.clause_reference_prefix)

    @functools.cached_property
    def pdfs(self) -> tuple[PdfDocument, ...]:
        """``pdf_documents`` as typed entries (each was checked when the configuration was read), an entry of each
        edition made one for each: the current edition's at the entry's filename, which stays the current text's,
        and every edition's, the current one's too, at a filename of its own that never changes
        (``<filename>-<edition id>``). An entry of its own for one of those filenames replaces the one made."""
        given = [PdfDocument(**{**entry, "annexes": tuple(entry.get("annexes", ()))}) for entry in self.pdf_documents]
        own = {doc.filename for doc in given if not doc.editions}
        found = []
        for doc in given:
            if not doc.editions:
                found.append(doc)
                continue
            for n, (edition, folder) in enumerate(self.editions.items()):
                start = f"{folder.strip('/')}/index"
                names = [doc.filename] * (n == 0) + [f"{doc.filename}-{edition}"]
                found += [dataclasses.replace(doc, start=start, filename=name) for name in names if name not in own]
        return tuple(found)

    @functools.cached_property
    def today(self) -> date | None:
        """``status_today`` as a date, or ``None`` for the build's own day."""
        return date.fromisoformat(self.status_today) if self.status_today else None


def plural(word: str) -> str:
    """The simple English plural of *word*, or of its last word: ``paragraph`` -> ``paragraphs``, ``annex`` ->
    ``annexes``, ``Standing Order`` -> ``Standing Orders``, ``proviso`` -> ``provisos``, ``policy`` -> ``policies``.

    Only the regular endings: a council whose word is irregular, or an abbreviation (``para.``), sets
    ``constitution_clause_reference_plural``.
    """
    if not word:
        return word
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2].lower() not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


_NAMES = tuple(value.name for value in dataclasses.fields(Settings))
#: Every value of :class:`Settings` as ``config`` holds it, in one call (each is an attribute of the configuration).
_VALUES = operator.attrgetter(*(PREFIX + name for name in _NAMES))
#: Where :func:`settings` keeps its answer on a configuration. Sphinx leaves attributes starting with ``_`` out of
#: the pickled environment, so the answer is never compared with the next build's configuration.
_KEPT = "_constitution_settings"


def settings(config: Config) -> Settings:
    """The package's configuration, typed, from Sphinx's ``config``.

    Made once per configuration (the first call is :func:`check`'s, as ``conf.py`` is read) and kept on it, since
    the extensions ask about 2,000 times a build. It is made again when a value has been replaced since: each
    application has its own configuration (tests build many in one process), but one application builds again and
    again in the editors' preview, and a handler or test may set a value between builds. The values are compared
    by identity, which costs no more than fetching them: a value is changed by replacing it (as ``conf.py`` and
    ``-D`` do), not in place (no code appends to a list it was given).
    """
    values = _VALUES(config)
    kept = config.__dict__.get(_KEPT)
    if kept is not None and all(map(operator.is_, kept[0], values)):
        return kept[1]
    ready = Settings(**dict(zip(_NAMES, values, strict=True)))
    setattr(config, _KEPT, (values, ready))
    return ready


def scope_of(config: Config, docname: str) -> str:
    """The scope of the clauses on *docname*: its folder's entry in :attr:`Settings.scopes` (the deepest folder that
    holds it), or ``""``."""
    matches = [(len(folder), scope) for folder, scope in settings(config).scopes.items() if in_folder(docname, folder)]
    return max(matches)[1] if matches else ""


def edition_scope(config: Config, docname: str) -> str:
    """The edition that holds *docname* if it is not the current one, else ``""``: the one rule that makes an older
    edition's names its own.

    An edition is moved whole, as written, so an older one holds the same clause numbers, labels and principles'
    listing as the current one. On its pages each of them is that edition's: its clause numbers (a scope of
    :attr:`Settings.scopes`), its labels (``model/editions/labels.py`` files ``(principle-1)=`` as
    ``2026:principle-1``) and its principles' listing (``model/principles/domain.py``); the current edition's keep
    the names they are written with, so its pages, its links and ``objects.inv`` are as they were.
    """
    older = list(settings(config).editions.items())[1:]
    return next((edition_id for edition_id, folder in older if in_folder(docname, folder)), "")


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    """The types of *kind*'s fields (its annotations are text until asked: ``from __future__ import annotations``)."""
    return typing.get_type_hints(kind)


# -- checks ----------------------------------------------------------------------------------------------------


def check(app: Sphinx, config: Config) -> None:
    """Check every value once, as ``conf.py`` is read: the type, then the form."""
    hints = _hints(Settings)
    for value in dataclasses.fields(Settings):
        name = PREFIX + value.name
        given = getattr(config, name)
        if not _conforms(given, hints[value.name]):
            expected = _describe_type(hints[value.name])
            raise ConfigError(f"{name} should be {expected}, not {given!r}: see README, Configuration")
    ready = settings(config)
    if ready.status_today:
        try:
            ready.today  # noqa: B018 (the check is that it reads)
        except ValueError:
            raise ConfigError(
                f"{PREFIX}status_today {ready.status_today!r} is not a date: write it as 2026-11-23"
            ) from None
    try:
        ready.description_default.format(title="", project="")
    except (KeyError, IndexError, ValueError) as error:
        raise ConfigError(
            f"{PREFIX}description_default {ready.description_default!r} cannot be filled in ({error}): it may name "
            "{title} and {project}; write a brace as {{ or }}"
        ) from None
    for entry in ready.pdf_documents:
        _check_pdf_document(entry, len(ready.editions))
    for name in ("pdf_text_colour", "pdf_accent_colour"):
        _check_colour(PREFIX + name, getattr(ready, name))
    if not ready.pdf_font.strip() or any(char in ready.pdf_font for char in '"\\;{}'):
        raise ConfigError(
            f"{PREFIX}pdf_font {ready.pdf_font!r} is not a font family's name: write the name alone, such as "
            "'DejaVu Sans', without quotes or CSS"
        )
    _check_council(ready, Path(app.confdir))
    _check_report_address(ready.report_problem_to)
    _check_editions(ready.editions)


def _check_editions(editions: dict[str, str]) -> None:
    """Each edition has a folder of its own, not another's nor inside another's (each page must belong to one
    edition), and an id that can name it in ``2026:6.7``."""
    name = PREFIX + "editions"
    for edition_id in editions:
        if not edition_id.strip() or any(char in edition_id for char in ":/ "):
            raise ConfigError(
                f"{name}: {edition_id!r} cannot be an edition's id, which names it in references (2026:6.7): use "
                "letters, digits and hyphens"
            )
    for (one, folder), (other, other_folder) in itertools.combinations(editions.items(), 2):
        if in_folder(folder.strip("/"), other_folder) or in_folder(other_folder.strip("/"), folder):
            how = "the same folder" if folder.strip("/") == other_folder.strip("/") else "folders one inside the other"
            raise ConfigError(
                f"{name}: the editions {one!r} ({folder!r}) and {other!r} ({other_folder!r}) have {how}: give each "
                "edition a folder of its own (moving an edition: its folder is editions/<id>)"
            )


def _check_report_address(to: str) -> None:
    """A reader's report goes to an email address, or to a web form that is told which paragraph."""
    name = PREFIX + "report_problem_to"
    if not to or re.fullmatch(r"[^@\s?&#/:]+@[^@\s?&#/:]+\.[^@\s?&#/:]+", to):
        return
    if re.fullmatch(r"https?://[^\s/?#]+\.[^\s?#]+\S*", to) and "{url}" in to:
        return
    raise ConfigError(
        f"{name} {to!r} is neither an email address (democratic.services@anytown.gov.uk) nor a web form's address "
        "with {url} where the paragraph's address goes (https://www.anytown.gov.uk/report?page={url})"
    )


#: The kinds of image a council's crest or logo may be (browsers show them all).
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")


def _check_council(ready: Settings, confdir: Path) -> None:
    """The council's name leads to its website, which is an http(s) address; its logo is an image that exists."""
    name = PREFIX + "council_"
    if (ready.council_url or ready.council_logo) and not ready.council_name.strip():
        raise ConfigError(
            f'{name}url and {name}logo belong to a council with a name: set {name}name too ("Anytown District Council")'
        )
    if ready.council_name.strip() and not ready.council_url:
        raise ConfigError(
            f"{name}name {ready.council_name!r} needs {name}url, the council's website its name leads to "
            '("https://www.anytown.gov.uk")'
        )
    if ready.council_url and not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", ready.council_url):
        raise ConfigError(
            f"{name}url {ready.council_url!r} is not a website's address: write https:// and the address "
            '("https://www.anytown.gov.uk")'
        )
    if ready.council_logo:
        logo = confdir / ready.council_logo
        if logo.suffix.lower() not in LOGO_SUFFIXES:
            raise ConfigError(
                f"{name}logo {ready.council_logo!r} is not an image a browser shows: use a "
                f"{', '.join(s[1:].upper() for s in LOGO_SUFFIXES)} file"
            )
        if not logo.is_file():
            raise ConfigError(f"{name}logo {ready.council_logo!r}: there is no such file in {confdir}")


def _check_colour(name: str, value: str) -> None:
    """A colour for text on white paper: ``#rrggbb`` (or ``#rgb``), with WCAG AA's contrast of 4.5:1 or more."""
    if not re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", value):
        raise ConfigError(f"{name} {value!r} is not a colour: write it as #rrggbb, such as '#1a4480'")
    ratio = contrast_on_white(value)
    if ratio < 4.5:
        raise ConfigError(
            f"{name} {value!r} has a contrast of {ratio:.1f}:1 on white paper; text needs 4.5:1 or more (WCAG AA): "
            "choose a darker shade"
        )


def contrast_on_white(colour: str) -> float:
    """WCAG 2's contrast ratio between *colour* (``#rrggbb`` or ``#rgb``) and white."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def _check_pdf_document(entry: Mapping[str, Any], editions: int) -> None:
    name = PREFIX + "pdf_documents"
    made = [key for key in ("editions", "latest_changes") if entry.get(key)]
    if "filename" not in entry or ("start" in entry) == bool(made):
        raise ConfigError(
            f"{name}: each entry needs 'start' and 'filename' (or, instead of 'start', 'editions': True or "
            f"'latest_changes': True), as {{'start': 'index', 'filename': 'x'}}: {dict(entry)!r}"
        )
    if len(made) > 1:
        raise ConfigError(f"{name}: {entry['filename']!r} has 'editions' and 'latest_changes': give one of them")
    if made and editions < (1 if made == ["editions"] else 2):
        needs = "one edition" if made == ["editions"] else "two editions"
        raise ConfigError(
            f"{name}: {entry['filename']!r} has {made[0]!r} True, which needs at least {needs} in {PREFIX}editions"
        )
    known = {value.name for value in dataclasses.fields(PdfDocument)}
    if unknown := entry.keys() - known:
        raise ConfigError(f"{name}: {entry['filename']!r} has unknown keys {sorted(unknown)}; known: {sorted(known)}")
    hints = _hints(PdfDocument)
    for key, given in entry.items():
        hint = list[str] if key == "annexes" else hints[key]
        if not _conforms(given, hint):
            raise ConfigError(f"{name}: {entry['filename']!r} has {key} {given!r}: it should be {_describe_type(hint)}")


def _conforms(value: object, hint: Any) -> bool:
    """Whether *value* is of the type *hint* (``str``, ``bool``, ``Any``, and lists and dicts of them)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return True
    if origin is list:
        return isinstance(value, list | tuple) and all(_conforms(item, args[0]) for item in value)
    if origin is dict:
        if not isinstance(value, dict):
            return False
        return all(_conforms(key, args[0]) and _conforms(item, args[1]) for key, item in value.items())
    return isinstance(value, hint)


def _describe_type(hint: Any) -> str:
    """The type *hint* as the reader of ``conf.py`` would say it: "a list of texts", "a dict of text to text"."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        return "a list of " + ("tables (dicts)" if typing.get_origin(args[0]) is dict else "texts in quotes")
    if origin is dict:
        return 'a dict of text to text, such as {"2026": "protocol"}'
    return {str: "a text in quotes", bool: "True or False", int: "a whole number"}.get(hint, str(hint))


def _sphinx_types(value: dataclasses.Field[Any]) -> frozenset[type]:
    hint = _hints(Settings)[value.name]
    return frozenset({typing.get_origin(hint) or hint})


# -- the reference ---------------------------------------------------------------------------------------------


def reference() -> str:
    """README's configuration reference: a Markdown table of every value, its type, default and meaning."""
    hints = _hints(Settings)
    rows = ["| value | type | default | what it does |", "|---|---|---|---|"]
    for value in dataclasses.fields(Settings):
        default = value.default_factory() if value.default_factory is not dataclasses.MISSING else value.default
        kind = _type_name(hints[value.name])
        rows.append(f"| `{PREFIX}{value.name}` | {kind} | `{default!r}` | {value.metadata['doc']} |")
    return "\n".join(rows) + "\n"


def _type_name(hint: Any) -> str:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is None:
        return "any" if hint is Any else hint.__name__
    return f"{origin.__name__}[{', '.join(_type_name(arg) for arg in args)}]"


if __name__ == "__main__":
    sys.stdout.write(reference())
