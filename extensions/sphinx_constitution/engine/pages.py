"""The project's pages: which folder holds one, the order a reader meets them in, a page's title, and the line of a
key in its front matter."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def in_folder(docname: str, folder: str) -> bool:
    """Whether *docname* is *folder* itself or a page anywhere below it (``folder`` may end in ``/``)."""
    folder = folder.strip("/")
    return docname == folder or docname.startswith(folder + "/")


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every page a reader reaches through the toctrees, in the order they meet them."""
    seen: dict[str, None] = {}

    def visit(docname: str) -> None:
        if docname not in seen:
            seen[docname] = None
            for child in env.toctree_includes.get(docname, []):
                visit(child)

    visit(env.config.root_doc)
    return list(seen)


def reading_positions(env: BuildEnvironment) -> dict[str, int]:
    """Each page a reader reaches, by its place in :func:`reading_order` (0 first): a key to sort pages by."""
    return {docname: place for place, docname in enumerate(reading_order(env))}


def page_title(env: BuildEnvironment, docname: str) -> str:
    """The title of page *docname* as text, or its docname if it has none."""
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def front_matter_line(text: str, key: str) -> int:
    """The line of a page's source *text* that sets *key* in its front matter (``key: …``), or 1 (the page's start)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1
