"""The chosen principle set, and where each of its principles is set out with its anchor.

``constitution_principles`` names the set: one of the package's (:data:`~.sets.PACKAGE_SETS`) or a council's own
TOML file, from ``conf.py``'s folder. It is read when the configuration is read, and kept in the principle domain
with the text it was read from: a build whose set differs from the one the pages were read with reads every page
again (a change of the value itself does so anyway, as every value does that is declared with ``rebuild="env"``).
An application that builds again without reading its configuration again (the editors' preview) reads the
council's file again before each build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import ObjType
from sphinx.errors import ConfigError
from sphinx.locale import _
from sphinx.util.nodes import make_refnode

from ...config import PREFIX, edition_scope, settings
from ...engine.citations import CitationsDomain
from ...engine.datafiles import DataMistake, read_data_file
from ...engine.domains import ConstitutionDomain, domain
from ...engine.snapshots import changed_keys
from ...problems import Problem, warn
from ..scopes import scoped, unscoped
from .sets import PACKAGE_SETS, PrincipleSet, package_set, parse_set

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

SETTING = PREFIX + "principles"
Key = tuple[str, str | None]  # the value of constitution_principles, and the text of the council's file


def anchor(principle_id: str) -> str:
    return f"principle-{principle_id}"


class ChosenSet:
    """Reads the set that ``constitution_principles`` names, and puts it in the principle domain.

    A council's file is content, as the codes register is: a mistake in it is a warning at its file and line, the
    principles with a mistake are left out, and a file that is not a set at all (``found`` is ``None``) is the one
    mistake reported, not one more for every citation. A value that names neither a set nor a TOML file is a
    mistake in the configuration: the build stops with a :class:`~sphinx.errors.ConfigError` that names it.
    """

    def __init__(self) -> None:
        self.key: Key | None = None
        self.found: PrincipleSet | None = None

    def load(self, app: Sphinx, config: Config, text: str | None = None) -> None:
        value = settings(config).principles
        if value in PACKAGE_SETS:
            self.key, self.found = (value, None), package_set(value)
            return
        path = _council_file(Path(app.confdir), value)
        if text is None:
            text = read_data_file(path, SETTING)
        try:
            self.found, mistakes = parse_set(text, path)
        except DataMistake as unreadable:
            self.found, mistakes = None, [unreadable]
        for mistake in mistakes:
            warn(Problem.BAD_PRINCIPLES, mistake.message, mistake.where)
        self.key = (value, text)

    def update(
        self, app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
    ) -> list[str]:
        """Every page, if the pages were read with another set than this build's; else none."""
        if self.key is not None and self.key[1] is not None:
            text = read_data_file(_council_file(Path(app.confdir), self.key[0]), SETTING)
            if text != self.key[1]:
                self.load(app, app.config, text)
        principles = domain(env, PrincipleDomain)
        if principles.data["key"] == self.key:
            return []
        principles.data.update(key=self.key, set=self.found)
        return sorted(env.found_docs)


def _council_file(confdir: Path, value: str) -> Path:
    if not value.endswith(".toml"):
        raise ConfigError(
            f"{SETTING} {value!r} is not a principle set: name one of the package's "
            f"({', '.join(repr(name) for name in PACKAGE_SETS)}) or a council's own TOML file, such as "
            '"principles.toml" (README, Principle sets)'
        )
    path = confdir / value
    if not path.is_file():
        raise ConfigError(f"{SETTING} {value!r}: there is no file {path}")
    return path


class PrincipleDomain(ConstitutionDomain):
    """The chosen set (``set``, and ``key``, what it was read from), and where each of its principles is set out with
    its anchor (``principles``: ``{id: (docname, lineno)}``).

    An edition that is not the current one (``config.edition_scope``) sets out its principles as it did when it was
    current, with no option needed: its listing is filed under the edition's scope (``2026:openness``), so it is
    not the principles' listing that the rest of the site, the index and ``objects.inv`` know, and
    ``{principle}`openness``` on the edition's own pages links it (or, if it has none, the current one).
    """

    name = "principle"
    label = "Principles of conduct"
    object_types = {"principle": ObjType(_("principle"), "principle")}
    initial_data: ClassVar[dict[str, Any]] = {"principles": {}, "key": None, "set": None}
    data_version = 3

    @property
    def principles(self) -> dict[str, tuple[str, int]]:
        return self.data["principles"]

    @property
    def chosen(self) -> PrincipleSet | None:
        """The set the pages are read with, or ``None`` if the council's file could not be read as one."""
        return self.data["set"]

    def note_principle(self, principle_id: str, docname: str, lineno: int) -> bool:
        """Note that *docname* sets out *principle_id* with its anchor, in its edition's scope; ``False`` (and a
        warning) if another listing of the same scope does already."""
        key = scoped(edition_scope(self.env.config, docname), principle_id)
        other = self.principles.get(key)
        if other is not None:
            self._warn_duplicate(principle_id, (docname, lineno), other)
            return False
        self.principles[key] = (docname, lineno)
        return True

    def _warn_duplicate(self, principle_id: str, here: tuple[str, int], other: tuple[str, int]) -> None:
        where = f"{self.env.doc2path(other[0], False)}:{other[1]}"
        warn(
            Problem.DUPLICATE_PRINCIPLES,
            f"the principle {principle_id!r} is already set out at {where}; add :no-index: to one of them",
            here,
        )

    @staticmethod
    def listed(env: BuildEnvironment) -> dict[str, str]:
        """The page that sets out each principle with its anchor, in each scope: what a citation links."""
        return {key: docname for key, (docname, _line) in domain(env, PrincipleDomain).principles.items()}

    @staticmethod
    def citers_of_moved(env: BuildEnvironment, before: dict[str, str], after: dict[str, str]) -> list[str]:
        """The pages citing a principle whose listing came, went or moved in an older edition: the site's listing is
        in ``objects.inv``, whose changes the incremental rebuild (``engine/rebuild.py``) follows already."""
        moved = {name for scope, name in map(unscoped, changed_keys(before, after)) if scope}
        return domain(env, CitationsDomain).citers(("principle", principle_id) for principle_id in moved)

    def clear_doc(self, docname: str) -> None:
        for principle_id in [p for p, (doc, _line) in self.principles.items() if doc == docname]:
            del self.principles[principle_id]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key, where in otherdata["principles"].items():
            if where[0] not in docnames:
                continue
            other = self.principles.get(key)
            if other is not None and other[0] != where[0]:
                self._warn_duplicate(unscoped(key)[1], where, other)
            else:
                self.principles[key] = where

    def objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        chosen = self.chosen
        for principle_id, (docname, _line) in self.principles.items():  # an older edition's (scoped) are not one
            if chosen is not None and (principle := chosen.get(principle_id)) is not None:
                yield principle_id, principle.name, "principle", docname, anchor(principle_id), 1

    # An unknown target (already reported) gives its text unlinked: Sphinx puts in whatever node is returned.
    def resolve_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: Any,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        own = scoped(edition_scope(env.config, node.get("refdoc", fromdocname)), target)  # a PDF joins pages
        where = self.principles.get(own) or self.principles.get(target)
        principle = self.chosen.get(target) if self.chosen is not None else None
        if where is None or principle is None:
            return contnode  # a principle that no page sets out: plain text, nothing to link to
        return make_refnode(builder, fromdocname, where[0], anchor(target), contnode, principle.text or principle.name)
