"""Principle sets as data, in plain Python: the package's own (England, Wales, Scotland) and a council's.

A set is a TOML file, the same format for the package's sets (``data/<name>.toml``) and a council's own::

    title = "The Seven Principles of Public Life"
    source = "The Seven Principles of Public Life, Committee on Standards in Public Life"
    url = "https://www.gov.uk/government/publications/the-7-principles-of-public-life/the-7-principles-of-public-life--2"

    [[principle]]
    id = "selflessness"
    name = "Selflessness"
    text = "Holders of public office should act solely in terms of the public interest."

``title`` names the set (``{principle-set}`title``` prints it), ``source`` the instrument or code it is taken from
and ``url`` where that is published. The principles are numbered in the order written; ``id`` is the principle's
lasting name (its anchor is ``principle-<id>``, cited as ``{principle}`<id>```). ``text`` is the principle's
wording; a set may leave it out where it does not hold the official wording yet, and ``count`` says how many
principles the source sets out when the file holds only the first of them: setting out what a set lacks is then a
warning (see :mod:`.directive`), never a silently shortened list.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...engine.datafiles import (
    ID_FORM,
    DataMistake,
    describe,
    disguised,
    entry_sources,
    is_web_address,
    line_of_key,
    load_toml,
    unfit_text,
)

DATA = Path(__file__).parent / "data"
#: The sets the package holds, by the name ``constitution_principles`` gives them.
PACKAGE_SETS = ("england", "wales", "scotland")
FIELDS = {"title", "source", "url", "count", "principle"}
PRINCIPLE_FIELDS = {"id", "name", "text"}


@dataclass(frozen=True)
class Principle:
    id: str
    name: str
    text: str  # "" where the set does not hold the principle's wording
    number: int  # its place in the set, from 1
    location: str  # "path:line" of its [[principle]] table


@dataclass(frozen=True)
class PrincipleSet:
    title: str
    source: str
    url: str  # "" if none
    count: int  # how many principles the source sets out
    principles: tuple[Principle, ...]
    left_out: tuple[int, ...] = ()  # the numbers of principles left out for a mistake in the file (reported there)

    def get(self, principle_id: str) -> Principle | None:
        return next((p for p in self.principles if p.id == principle_id), None)

    @property
    def ids(self) -> str:
        """The set's ids, for a message: ``selflessness, integrity, …``."""
        return ", ".join(p.id for p in self.principles)

    @property
    def complete(self) -> bool:
        """Whether the set holds every principle its source sets out (or says, at its line, why it does not).

        The file's principles are numbered 1, 2, 3 … as written, those left out keeping theirs: so they are all of
        the source's when they are as many as ``count`` says (counted, not listed: ``count`` is the council's data,
        and a mistyped ``count = 100000000000`` must not fill the memory)."""
        return len(self.principles) + len(self.left_out) == self.count

    @property
    def named(self) -> str:
        """The title as it reads inside a sentence: "the Seven Principles of Public Life"."""
        return self.title[0].lower() + self.title[1:] if self.title.startswith("The ") else self.title


@functools.cache
def package_set(name: str) -> PrincipleSet:
    """One of the package's own sets, read once. Its file is checked by the tests, so a mistake here is a bug."""
    path = DATA / f"{name}.toml"
    found, mistakes = parse_set(path.read_text(encoding="utf-8"), path)
    if mistakes:
        raise mistakes[0]
    return found


def parse_set(text: str, path: Path) -> tuple[PrincipleSet, list[DataMistake]]:
    """The set written in *text*, and the mistakes of the principles left out (each keeps its place and number).

    Raises :class:`~sphinx_constitution.engine.datafiles.DataMistake` if the file is not a set at all: not TOML,
    its title or source missing, no ``[[principle]]`` tables.
    """
    data = load_toml(text, path)
    listed = _check_set(data, text, path)
    principles: list[Principle] = []
    mistakes: list[DataMistake] = []
    left_out: list[int] = []
    sources = entry_sources(text, path, "principle", len(listed))
    for number, (entry, source) in enumerate(zip(listed, sources, strict=True), 1):
        try:
            principles.append(_principle(entry, number, source.where, {p.id for p in principles}))
        except DataMistake as mistake:
            mistakes.append(mistake)
            left_out.append(number)
    found = PrincipleSet(
        title=data["title"].strip(),
        source=data["source"].strip(),
        url=data.get("url", "").strip(),
        count=data.get("count", len(listed)),
        principles=tuple(principles),
        left_out=tuple(left_out),
    )
    return found, mistakes


def _check_set(data: dict[str, Any], text: str, path: Path) -> list[dict[str, Any]]:
    """The set's own fields checked; its ``[[principle]]`` tables."""

    def at(key: str) -> str:
        return f"{path}:{line_of_key(text, key)}"

    if unknown := sorted(data.keys() - FIELDS):
        raise DataMistake(
            at(unknown[0]),
            f"{unknown[0]!r} is not part of a principle set: it has title, source, url and count, "
            "and a [[principle]] table for each principle",
        )
    for key in ("title", "source", "url"):
        _check_set_text(key, data.get(key, ""), at(key) if key in data else f"{path}:1")
    if "url" in data and not is_web_address(data["url"]):
        message = (
            f"the set's url {data['url']!r} is not an http or https address (https://...){disguised(data['url'])}: "
            "give one, or leave it out"
        )
        raise DataMistake(at("url"), message)
    listed = data.get("principle", [])
    if not isinstance(listed, list) or not all(isinstance(entry, dict) for entry in listed):
        message = f"'principle' must be [[principle]] tables, one for each, not {describe(listed)}"
        raise DataMistake(at("principle"), message)
    if not listed:
        raise DataMistake(f"{path}:1", "the set has no [[principle]] tables")
    count = data.get("count", len(listed))
    if isinstance(count, bool) or not isinstance(count, int) or count < len(listed):
        message = (
            f"count is how many principles the source sets out, at least the {len(listed)} here, not {describe(count)}"
        )
        raise DataMistake(at("count"), message)
    return listed


def _check_set_text(key: str, value: object, where: str) -> None:
    """The set's *key* (title, source or url) is text, and the title and source are given."""
    if not isinstance(value, str):
        raise DataMistake(where, f'the set\'s {key} must be text in quotes ({key} = "..."), not {describe(value)}')
    if key != "url" and not value.strip():
        raise DataMistake(where, f'the set needs a {key} ({key} = "...")')
    if unfit := unfit_text(value, one_word=key == "url"):
        raise DataMistake(where, f"the set's {key} {unfit}")


def _principle(entry: dict[str, Any], number: int, where: Any, taken: set[str]) -> Principle:
    principle_id = entry.get("id")
    name = f"principle {principle_id!r}" if isinstance(principle_id, str) and principle_id else f"principle {number}"
    if missing := sorted({"id", "name"} - entry.keys()):
        raise DataMistake(where("id"), f"principle {number} lacks {' and '.join(missing)}")
    if unknown := sorted(entry.keys() - PRINCIPLE_FIELDS):
        raise DataMistake(where(unknown[0]), f"{name} has unknown fields {unknown}; known: id, name, text")
    for field in ("id", "name", "text"):
        value = entry.get(field, "x")
        if not isinstance(value, str):
            message = f'{name}: {field} must be text in quotes ({field} = "..."), not {describe(value)}'
            raise DataMistake(where(field), message)
        if not value.strip():
            leave = ": write it, or leave text out while the set does not hold the wording" if field == "text" else ""
            raise DataMistake(where(field), f"{name} has an empty {field}{leave}")
        if field != "id" and (unfit := unfit_text(value)):  # an id is held to its own pattern, below
            raise DataMistake(where(field), f"{name}: {field} {unfit}")
    if not ID_FORM.fullmatch(entry["id"]):
        message = (
            f"principle id {entry['id']!r} must be lower-case words joined by hyphens, such as "
            "integrity-and-propriety: it is the principle's anchor, principle-<id>"
        )
        raise DataMistake(where("id"), message)
    if entry["id"] in taken:
        raise DataMistake(where("id"), f"principle id {entry['id']!r} is listed twice")
    return Principle(
        id=entry["id"],
        name=entry["name"].strip(),
        text=" ".join(entry.get("text", "").split()),
        number=number,
        location=where("id"),
    )
