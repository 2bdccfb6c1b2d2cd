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

from ..common import Problem, warn
from .content import link_scheme
from .sources import undecodable

if TYPE_CHECKING:
    from pathlib import Path


class DataMistake(Exception):
    """A mistake in a data file: *where* (``path:line``) and what to do about it."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where, self.message = where, message


def read_data_file(path: Path, setting: str, problem: Problem) -> str:
    """The text of the file that the configuration value *setting* names.

    A file that is not UTF-8 is read with its bad bytes replaced, and a warning of *problem* says so at its line.
    """
    try:
        data = path.read_bytes()
    except OSError as error:  # conf.py names a file that is not there: a mistake in the configuration
        raise ConfigError(f"{setting} {path}: {error}") from error
    if (found := undecodable(data)) is not None:
        line, message = found
        warn(problem, f"{message}: save the file as UTF-8", f"{path}:{line}")
    return data.decode("utf-8-sig", errors="replace")


def load_toml(text: str, path: Path) -> dict[str, Any]:
    """*text* read as TOML; a syntax error raises :class:`DataMistake` at its line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where, message = _toml_error(str(error), text, path)
        raise DataMistake(where, message) from None


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
    """An http or https address with a host: what a reader's browser can open, and nothing it would run."""
    return link_scheme(url) in {"http", "https"} and bool(urlsplit(url.strip()).netloc)


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
    starts = [match.start() for match in re.finditer(rf"(?m)^[ \t]*\[\[[ \t]*{re.escape(table)}[ \t]*\]\]", text)]
    if len(starts) != count:
        return [EntrySource(path, line_of_key(text, table), "")] * count
    ends = [*starts[1:], len(text)]
    return [
        EntrySource(path, text.count("\n", 0, start) + 1, text[start:end])
        for start, end in zip(starts, ends, strict=True)
    ]
