"""The Seven Principles of Public Life (the Nolan principles), in the Committee on Standards in Public
Life's wording, so no council retypes (and mistypes) them::

    :::{nolan-principles}
    :principles: integrity, openness
    :no-descriptions:
    :::

Each principle gets the anchor ``principle-<name>`` and ``{principle}`openness``` links to it.
Set out the full list once with anchors; another listing elsewhere takes ``:no-index:``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.domains import ObjType
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import make_refnode

from .. import __version__
from ..common import ConstitutionDomain, Problem, domain, warn, xref

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

#: The principles in their canonical order, as published by the Committee on Standards in Public Life.
PRINCIPLES: dict[str, tuple[str, str]] = {
    "selflessness": (
        _("Selflessness"),
        _("Holders of public office should act solely in terms of the public interest."),
    ),
    "integrity": (
        _("Integrity"),
        _(
            "Holders of public office must avoid placing themselves under any obligation to people or "
            "organisations that might try inappropriately to influence them in their work. They should not "
            "act or take decisions in order to gain financial or other material benefits for themselves, "
            "their family, or their friends. They must declare and resolve any interests and relationships."
        ),
    ),
    "objectivity": (
        _("Objectivity"),
        _(
            "Holders of public office must act and take decisions impartially, fairly and on merit, using "
            "the best evidence and without discrimination or bias."
        ),
    ),
    "accountability": (
        _("Accountability"),
        _(
            "Holders of public office are accountable to the public for their decisions and actions and "
            "must submit themselves to the scrutiny necessary to ensure this."
        ),
    ),
    "openness": (
        _("Openness"),
        _(
            "Holders of public office should act and take decisions in an open and transparent manner. "
            "Information should not be withheld from the public unless there are clear and lawful reasons "
            "for so doing."
        ),
    ),
    "honesty": (_("Honesty"), _("Holders of public office should be truthful.")),
    "leadership": (
        _("Leadership"),
        _(
            "Holders of public office should exhibit these principles in their own behaviour and treat "
            "others with respect. They should actively promote and robustly support the principles and "
            "challenge poor behaviour wherever it occurs."
        ),
    ),
}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_domain(PrincipleDomain)
    app.add_directive("nolan-principles", NolanPrinciplesDirective)
    app.add_role("principle", PrincipleRole())
    return {"version": __version__, "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}


def anchor(name: str) -> str:
    return f"principle-{name}"


class PrincipleDomain(ConstitutionDomain):
    """Where each principle is set out with its anchor: ``{name: (docname, lineno)}``."""

    name = "principle"
    label = "Principles of Public Life"
    object_types = {"principle": ObjType(_("principle"), "principle")}
    initial_data: ClassVar[dict[str, Any]] = {"principles": {}}
    data_version = 1

    @property
    def principles(self) -> dict[str, tuple[str, int]]:
        return self.data["principles"]

    def note_principle(self, name: str, docname: str, lineno: int) -> bool:
        other = self.principles.get(name)
        if other is not None:
            self._warn_duplicate(name, (docname, lineno), other)
            return False
        self.principles[name] = (docname, lineno)
        return True

    def _warn_duplicate(self, name: str, here: tuple[str, int], other: tuple[str, int]) -> None:
        where = f"{self.env.doc2path(other[0], False)}:{other[1]}"
        warn(
            Problem.DUPLICATE_PRINCIPLES,
            f"the principle {name!r} is already set out at {where}; add :no-index: to one of them",
            here,
        )

    def clear_doc(self, docname: str) -> None:
        for name in [n for n, (doc, _line) in self.principles.items() if doc == docname]:
            del self.principles[name]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name, where in otherdata["principles"].items():
            if where[0] not in docnames:
                continue
            other = self.principles.get(name)
            if other is not None and other[0] != where[0]:
                self._warn_duplicate(name, where, other)
            else:
                self.principles[name] = where

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for name, (docname, _line) in self.principles.items():
            yield name, str(PRINCIPLES[name][0]), "principle", docname, anchor(name), 1

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
        where = self.principles.get(target)
        if where is None:
            return contnode  # a known principle that no page sets out: plain text, nothing to link to
        title = str(PRINCIPLES[target][1])
        return make_refnode(builder, fromdocname, where[0], anchor(target), contnode, title)


def _principle_list(argument: str | None) -> list[str]:
    return [name.strip().lower() for name in (argument or "").replace(",", " ").split()]


class NolanPrinciplesDirective(SphinxDirective):
    """Set out all seven principles (numbered) or some of them (bulleted), with or without descriptions."""

    option_spec = {
        "principles": _principle_list,
        "no-descriptions": directives.flag,
        "no-index": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        chosen = self.options.get("principles") or list(PRINCIPLES)
        unknown = [name for name in chosen if name not in PRINCIPLES]
        if unknown:
            warn(Problem.UNKNOWN_PRINCIPLE, _unknown_message(unknown), self.get_location())
        chosen = [name for name in PRINCIPLES if name in chosen]  # canonical order
        every = len(chosen) == len(PRINCIPLES)
        listing: nodes.Element
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".") if every else nodes.bullet_list()
        listing["classes"].append("con-principles")
        self.set_source_info(listing)
        principles = domain(self.env, PrincipleDomain)
        for name in chosen:
            title, description = PRINCIPLES[name]
            para = nodes.paragraph("", "", nodes.strong("", str(title)))
            if "no-descriptions" not in self.options:
                para += nodes.Text(": " + str(description))
            item = nodes.list_item("", para)
            if "no-index" not in self.options and principles.note_principle(name, self.env.docname, self.lineno):
                item["ids"].append(anchor(name))
            listing.append(item)
        return [listing]


def _unknown_message(names: list[str]) -> str:
    known = ", ".join(PRINCIPLES)
    return f"not a Principle of Public Life: {', '.join(names)} (the seven are: {known})"


class PrincipleRole(SphinxRole):
    """``{principle}`openness``` renders "Openness" linked to where the principle is set out."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        ref, target = xref(self, "principle", "principle", _principle_title)
        name = target.lower()
        if name not in PRINCIPLES:
            warn(Problem.UNKNOWN_PRINCIPLE, _unknown_message([target]), self.get_location())
            return [nodes.inline(self.rawtext, target)], []
        ref["reftarget"] = name
        return [ref], []


def _principle_title(target: str) -> str:
    known = PRINCIPLES.get(target.lower())
    return str(known[0]) if known else target
