"""Data files that content keeps beside its pages (the codes register, a council's own principle set): TOML,
read with Python's own ``tomllib``, each mistake named with its file and line in words an editor understands.

A data file is content, not configuration: its mistakes are warnings at the line to fix (which fail the build, as
any authoring mistake does), never Sphinx's crash report. A file that ``conf.py`` names but that is not there is a
mistake in the configuration, and stops the build with a :class:`~sphinx.errors.ConfigError`.
"""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

from sphinx.errors import ConfigError

from .content import link_scheme
from .sources import undecodable, unfit_character, visible

if TYPE_CHECKING:
    from pathlib import Path


#: The form of an id that a data file gives an entry (a code, a principle, a decision): lower-case letters and digits
#: in words joined by single hyphens. It becomes part of an address (``#code-lga-1972``), of ``objects.inv`` and of
#: a feed's entry id, so it holds nothing an address would escape or a reader could mistype unseen.
ID_FORM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class DataMistake(Exception):
    """A mistake in a data file: *where* (``path:line``) and what to do about it."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where, self.message = where, message


def read_data_file(path: Path, setting: str) -> str:
    """The text of the file that the configuration value *setting* names.

    A byte that is not UTF-8 is kept in the text as a lone surrogate (Python's ``surrogateescape``), which no UTF-8
    file can hold: :func:`load_toml` reports it when the text is read as data, so it is reported once however
    often the file is read to see whether it changed.
    """
    try:
        data = path.read_bytes()
    except OSError as error:  # conf.py names a file that is not there: a mistake in the configuration
        raise ConfigError(f"{setting} {path}: {error}") from error
    return data.decode("utf-8-sig", errors="surrogateescape")


def load_toml(text: str, path: Path) -> dict[str, Any]:
    """*text* read as TOML; a syntax error, a byte that is not UTF-8, or lists and tables nested deeper than Python
    can follow, raise :class:`DataMistake` at their line."""
    if _NOT_UTF8.search(text) and (found := undecodable(text.encode("utf-8", "surrogateescape"))):
        line, message = found  # the bytes as they were in the file, told as a page's are (engine/sources.py)
        raise DataMistake(f"{path}:{line}", f"{message}: save the file as UTF-8")
    if match := _LONG_KEY.search(text):
        where = f"{path}:{text.count(chr(10), 0, match.end()) + 1}"
        raise DataMistake(where, f"{TOO_DEEP} (a key of more than {KEY_PARTS} parts joined by dots)")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where, message = _toml_error(str(error), text, path)
        raise DataMistake(where, message) from None
    except RecursionError as error:  # tomllib reads nested lists and tables by recursion
        where = f"{path}:{_too_deep(error, text)}"
        raise DataMistake(where, TOO_DEEP) from None


TOO_DEEP = "lists or tables nested too deep to read: a data file needs a few levels"
#: The most parts a dotted key (``a.b.c = 1``, ``[a.b.c]``, ``{a.b.c = 1}``) may have. tomllib takes time in the
#: square of a key's parts (a key of 16,000 parts, 32 KB: 2.3 s; of 100,000, 200 KB: about 90 s); a register or
#: a principle set needs one or two.
KEY_PARTS = 32
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
#: The start of a key of more than KEY_PARTS parts, at the start of a line, a table header, or inside an inline table.
_LONG_KEY = re.compile(rf"(?m)(?:^|[{{,])[ \t]*\[{{0,2}}[ \t]*(?:{_KEY_PART}[ \t]*\.[ \t]*){{{KEY_PARTS}}}")


#: What ``surrogateescape`` makes of a byte that is not UTF-8.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def _too_deep(error: RecursionError, text: str) -> int:
    """The line where tomllib ran out of Python's stack reading *text*: where its innermost call that was reading
    *text* had got to (``pos``, tomllib's own name for it; line 1 if a later Python names it otherwise).

    Read from its traceback, it costs nothing more; reading ever shorter beginnings of the file again until one
    no longer recursed took time in the file's length times its logarithm (a register of 80,000 entries: about
    19 readings of 2.3 s each, estimated).
    """
    reached, traceback = 0, error.__traceback__
    while traceback is not None:  # from the outermost call to the innermost
        found = traceback.tb_frame.f_locals
        if found.get("src") is text and isinstance(position := found.get("pos"), int):
            reached = position
        traceback = traceback.tb_next
    return text.count("\n", 0, reached) + 1


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = " (at end of document)"


def _toml_error(message: str, text: str, path: Path) -> tuple[str, str]:
    """tomllib's message ("… (at line 7, column 8)") as ``(path:7, "not valid TOML: … (column 8)")``."""
    if match := _TOML_AT.search(message):
        return f"{path}:{match[1]}", f"not valid TOML: {message[: match.start()]} (column {match[2]})"
    if message.endswith(_TOML_AT_END):
        last = len(text.rstrip("\n").split("\n"))
        return f"{path}:{last}", f"not valid TOML: {message.removesuffix(_TOML_AT_END)} at the end of the file"
    return f"{path}:1", f"not valid TOML: {message}"


def line_of_key(text: str, key: str) -> int:
    """The first line that sets or opens *key* (``key =``, ``[key]``, ``[[key]]``), or 1."""
    quoted = re.escape(key)
    match = re.search(rf'(?m)^[ \t]*(?:\[\[?[ \t]*"?{quoted}"?[ \t]*[\].]|"?{quoted}"?[ \t]*[=.])', text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def describe(value: object) -> str:
    """What TOML calls *value*, as an editor would say it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list [...]"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"the date {value}"


def is_web_address(url: str) -> bool:
    """An http or https address with a host: what a reader's browser can open, and nothing it would run; and
    nothing before its host (:func:`disguised`)."""
    return link_scheme(url) in {"http", "https"} and bool(urlsplit(url.strip()).netloc) and not disguised(url)


def disguised(url: str) -> str:
    """Words for a message if *url* names a site it does not open, else ``""``: in ``https://gov.uk@evil.example/``
    the part before ``@`` is a name to log in with, and a browser opens ``evil.example``. No published document is
    at such an address, and a reader who checks a link by its start is misled."""
    netloc = urlsplit(url.strip()).netloc
    if "@" not in netloc:
        return ""
    before, _at, host = netloc.rpartition("@")
    return f" (a browser opens {host!r}: {before!r} before the @ is a name to log in with, not the site)"


def unfit_text(value: str, *, one_word: bool = False) -> str | None:
    """Why a data file's text *value* cannot go where it is written (a page, ``objects.inv``, ``clauses.json``,
    an address a reader's browser opens), as words for a message; ``None`` if it can.

    Text may break over lines (a long title in a multi-line string): each output puts it on one line itself
    (the inventory's lines are folded by :meth:`~sphinx_constitution.engine.domains.ConstitutionDomain.get_objects`).
    No other control character (NUL, escape, delete, ...) has a place in any of them, nor a bidirectional override
    (:func:`~sphinx_constitution.engine.sources.unfit_character`, the rule pages are held to), and an id or an
    address (*one_word*) holds no space or line break at all. Text that is there must be seen: a value of only
    invisible characters (a zero-width space) is refused, as an empty one is where it is required.
    """
    for column, char in enumerate(value, 1):
        what = unfit_character(char, line_breaks=not one_word)
        if what is None and one_word and char.isspace():
            what = f"a space ({char!a})"
        if what is not None:
            return f"holds {what} (its character {column}): remove it"
    if value.strip() and not visible(value):
        return "holds only characters a reader cannot see (such as a zero-width space): write it, or leave it out"
    return None


def table_entries(text: str, path: Path, table: str, called: str) -> tuple[list[dict[str, Any]], list[EntrySource]]:
    """The entries of a data file that is an array of tables (``[[code]]``, ``[[decision]]``), and where each is
    written; :class:`DataMistake` if *text* is not TOML, holds anything else, or its *table* is not tables. *called*
    is what an editor calls the file ("registry", "register")."""
    data = load_toml(text, path)
    if others := sorted(data.keys() - {table}):
        where = f"{path}:{line_of_key(text, others[0])}"
        raise DataMistake(where, f"{others[0]!r} is not part of the {called}: each entry is a [[{table}]] table")
    listed = data.get(table, [])
    if not isinstance(listed, list) or not all(isinstance(entry, dict) for entry in listed):
        where = f"{path}:{line_of_key(text, table)}"
        raise DataMistake(where, f"'{table}' must be [[{table}]] tables, one for each entry, not {describe(listed)}")
    return listed, entry_sources(text, path, table, len(listed))


class EntrySource(NamedTuple):
    """Where one entry of an array of tables is written: its ``[[table]]`` line and its text up to the next entry."""

    path: Path
    line: int
    text: str

    def where(self, field: str) -> str:
        """``path:line`` of *field* in this entry, or of the entry's ``[[table]]`` line without it."""
        match = re.search(rf'(?m)^[ \t]*"?{re.escape(field)}"?[ \t]*=', self.text)
        line = self.line + self.text.count("\n", 0, match.start()) if match else self.line
        return f"{self.path}:{line}"


def entry_sources(text: str, path: Path, table: str, count: int) -> list[EntrySource]:
    """Where each of the *count* entries of the array of tables *table* (``[[table]]``) is written.

    Entries written some other way (an inline array ``table = [{...}]``) are all placed at the line of *table*.
    """
    if not count:  # an empty file, as a new register starts: no entry (and no [[table]] for the last to run to)
        return []
    starts = [match.start() for match in re.finditer(rf"(?m)^[ \t]*\[\[[ \t]*{re.escape(table)}[ \t]*\]\]", text)]
    if len(starts) != count:
        return [EntrySource(path, line_of_key(text, table), "")] * count
    # Each entry's line is the one before it plus the lines between them: counted from the start of the file for
    # each entry, a register of n entries took time in n squared (20,000 entries: 13 s).
    sources, line, previous = [], 1, 0
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        line += text.count("\n", previous, start)
        sources.append(EntrySource(path, line, text[start:end]))
        previous = start
    return sources
