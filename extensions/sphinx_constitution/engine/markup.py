"""What the package's roles and directives share: a directive that takes no options, and a role's cross-reference to
an object of one of the package's domains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.nodes import split_explicit_title

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.util.docutils import SphinxRole


class NoOptions(dict):
    """The ``option_spec`` of a directive that takes no options.

    MyST reads a directive's option block only if its ``option_spec`` is true, so with ``{}`` or ``None``
    a mistaken ``:bogus: 1`` would silently become the first line of the directive's text. This spec is
    empty but true: MyST reads the block and reports each option as unknown, with the file and line.
    """

    def __bool__(self) -> bool:
        return True


def xref(
    role: SphinxRole, domain: str, reftype: str, title_of: Callable[[str], str]
) -> tuple[addnodes.pending_xref, str]:
    """Make the ``pending_xref`` for a role whose text is ``target`` or ``title <target>``.

    Without an explicit title the link text is ``title_of(target)``. Returns the node (already holding
    its link text) and the target; the caller's domain resolves the node once every document is read.
    """
    has_title, title, target = split_explicit_title(role.text)
    target = target.strip()
    if not has_title:
        title = title_of(target)
    ref = addnodes.pending_xref(
        role.rawtext,
        refdomain=domain,
        reftype=reftype,
        reftarget=target,
        refexplicit=has_title,
        refdoc=role.env.docname,
    )
    role.set_source_info(ref)
    ref += nodes.inline(role.rawtext, title, classes=["xref", f"{domain}-{reftype}"])
    return ref, target
