"""``{principle}`openness``` cites a principle of the chosen set; ``{principle-set}`title``` names the set."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from ...engine.domains import domain
from ...engine.markup import xref
from ...problems import Problem, warn
from .directive import unknown_message
from .domain import PrincipleDomain

SET_FIELDS = ("title", "source")


class PrincipleRole(SphinxRole):
    """``{principle}`openness``` prints the principle's name ("Openness"), linked to where it is set out, with its
    wording as the link's title; ``{principle}`being open <openness>``` chooses the words."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        chosen = domain(self.env, PrincipleDomain).chosen

        def name_of(target: str) -> str:
            found = chosen.get(target.lower()) if chosen is not None else None
            return found.name if found is not None else target

        ref, target = xref(self, "principle", "principle", name_of)
        if chosen is None:
            return [nodes.inline(self.rawtext, ref.astext())], []  # the set's own mistake is the one to fix
        principle = chosen.get(target.lower())
        if principle is None:
            warn(Problem.UNKNOWN_PRINCIPLE, unknown_message(chosen, [target]), self.get_location())
            return [nodes.inline(self.rawtext, ref.astext())], []
        ref["reftarget"] = principle.id
        return [ref], []


class PrincipleSetRole(SphinxRole):
    """``{principle-set}`title``` prints the chosen set's title ("The Seven Principles of Public Life"), so a heading
    or a sentence names the set the configuration chose; ``{principle-set}`source``` cites where the set comes from,
    linked to where that is published."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        chosen = domain(self.env, PrincipleDomain).chosen
        field = self.text.strip()
        if field not in SET_FIELDS:
            message = (
                f"{{principle-set}} names the chosen principle set: write {{principle-set}}`title` or "
                f"{{principle-set}}`source`, not {field!r}"
            )
            warn(Problem.UNKNOWN_PRINCIPLE, message, self.get_location())
            return [nodes.inline(self.rawtext, field)], []
        if chosen is None:
            return [nodes.inline(self.rawtext, "")], []  # the set's own mistake is the one to fix
        if field == "title":
            return [nodes.inline(self.rawtext, chosen.title, classes=["con-principle-set"])], []
        source = nodes.inline(self.rawtext, chosen.source, classes=["con-principle-set"])
        if chosen.url:
            return [nodes.reference("", "", source, refuri=chosen.url)], []
        return [source], []
