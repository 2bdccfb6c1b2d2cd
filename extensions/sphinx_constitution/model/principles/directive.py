"""``{principles}`` (and its older name ``{nolan-principles}``): the chosen set's principles, numbered as in the set.

All of them are an ordered list numbered 1, 2, 3 …; some of them (``:principles:``) keep their numbers from the
whole set, so a list of two reads "2. Integrity", "5. Openness" and a reader meets each principle under one number
wherever it is set out (the Welsh Order numbers its principles as the paragraphs of its Schedule). A list that is not
numbered 1, 2, 3 … has a ``start`` (its first number) and each item is a :class:`principle_item` that carries its
own: ``<li value="5">`` in HTML, which browsers and screen readers follow. WeasyPrint applies ``start`` and
``value`` only as presentational hints, which the PDF builder leaves off, so for the PDFs the item also says it in
CSS, as WeasyPrint's hint would. The text and LaTeX builders number from it too; man pages and Texinfo number the
items one after the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ...engine.domains import domain
from ...engine.nodes import ancestors
from ...problems import Problem, warn
from .domain import SETTING, PrincipleDomain, anchor

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .sets import PrincipleSet


def setup_nodes(app: Sphinx) -> None:
    app.add_node(
        principle_item,
        html=(visit_item_html, depart_item_html),
        text=(visit_item_text, depart_item_text),
        latex=(visit_item_latex, depart_item_latex),
    )


class principle_item(nodes.list_item):
    """A principle in a list not numbered 1, 2, 3 …: ``value`` is its number in the set."""


def visit_item_html(self: Any, node: principle_item) -> None:
    attributes = {"value": node["value"]}
    if self.builder.name == "pdf":  # WeasyPrint's own rule for li[value], which it applies only as a hint
        attributes["style"] = f"counter-reset: list-item {node['value']}; counter-increment: none"
    self.body.append(self.starttag(node, "li", "", **attributes))


def depart_item_html(self: Any, node: principle_item) -> None:
    self.depart_list_item(node)


def visit_item_text(self: Any, node: principle_item) -> None:
    self.list_counter[-1] = node["value"] - 1
    self.visit_list_item(node)


def depart_item_text(self: Any, node: principle_item) -> None:
    self.depart_list_item(node)


def visit_item_latex(self: Any, node: principle_item) -> None:
    # LaTeX's enumerate counters are enumi … enumiv, by depth, as Sphinx's writer names them.
    depth = sum(1 for parent in ancestors(node) if isinstance(parent, nodes.enumerated_list))
    counter = "enum" + ("i", "ii", "iii", "iv")[min(depth, 4) - 1]
    self.body.append(rf"\setcounter{{{counter}}}{{{node['value'] - 1}}}" + "\n")
    self.visit_list_item(node)


def depart_item_latex(self: Any, node: principle_item) -> None:
    self.depart_list_item(node)


def _principle_list(argument: str | None) -> list[str]:
    return [name.strip().lower() for name in (argument or "").replace(",", " ").split()]


class PrinciplesDirective(SphinxDirective):
    """Set out the chosen set's principles, all or some, with or without their wording."""

    option_spec = {
        "principles": _principle_list,
        "no-descriptions": directives.flag,
        "no-index": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        principles = domain(self.env, PrincipleDomain)
        chosen = principles.chosen
        if chosen is None:
            return []  # the council's set could not be read: its own mistake is the one to fix
        asked = self.options.get("principles")
        if not self._names_some(chosen, asked):
            return []
        shown = [p for p in chosen.principles if asked is None or p.id in asked]  # in the set's order
        if asked is None and not chosen.complete:
            warn(Problem.INCOMPLETE_PRINCIPLES, _incomplete_message(chosen), self.get_location())
        descriptions = "no-descriptions" not in self.options
        if descriptions and (lacking := [p.id for p in shown if not p.text]):
            message = (
                f"{chosen.named} does not hold the wording of {', '.join(lacking)}: add :no-descriptions:, "
                f"or give the set with its wording in a TOML file ({SETTING} in conf.py)"
            )
            warn(Problem.INCOMPLETE_PRINCIPLES, message, self.get_location())
        if not shown:
            return []
        numbers = [p.number for p in shown]
        plain = numbers == list(range(1, len(numbers) + 1))  # 1, 2, 3 …: every builder numbers it so
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        if numbers[0] != 1:
            listing["start"] = numbers[0]
        listing["classes"].append("con-principles")
        self.set_source_info(listing)
        for principle in shown:
            para = nodes.paragraph("", "", nodes.strong("", principle.name))
            if descriptions and principle.text:
                para += nodes.Text(": " + principle.text)
            item = nodes.list_item("", para) if plain else principle_item("", para, value=principle.number)
            if "no-index" not in self.options and principles.note_principle(
                principle.id, self.env.docname, self.lineno
            ):
                item["ids"].append(anchor(principle.id))
            listing.append(item)
        return [listing]

    def _names_some(self, chosen: PrincipleSet, asked: list[str] | None) -> bool:
        """Whether ``:principles:`` (*asked*), if given, names a principle; warns at the directive of each it names
        that the set does not have, and if it names none (empty, or only commas: the page would show nothing)."""
        if asked == []:
            message = f":principles: names no principle: name those to set out ({chosen.ids}), or leave it out"
            warn(Problem.UNKNOWN_PRINCIPLE, message, self.get_location())
            return False
        if unknown := [name for name in asked or () if chosen.get(name) is None]:
            warn(Problem.UNKNOWN_PRINCIPLE, unknown_message(chosen, unknown), self.get_location())
        return True


def unknown_message(chosen: PrincipleSet, names: list[str]) -> str:
    return f"not one of {chosen.named}: {', '.join(names)} (its principles: {chosen.ids})"


def _incomplete_message(chosen: PrincipleSet) -> str:
    return (
        f"{chosen.named} cannot be set out whole: the set holds {len(chosen.principles)} of the {chosen.count} "
        f"principles of {chosen.source}. Set out those it holds (:principles: {chosen.ids}), or give the whole set "
        f"in a TOML file ({SETTING} in conf.py)"
    )
