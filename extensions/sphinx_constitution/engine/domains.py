"""The base of the package's domains, where each concept keeps what it read (so incremental and parallel builds are
right), and the build's instance of one, typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from sphinx.domains import Domain
from sphinx.errors import ExtensionError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes
    from sphinx import addnodes
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class ConstitutionDomain(Domain):
    """A domain of this package. Its objects are found by its own roles only: Sphinx's ``:any:`` role, which asks
    every domain, finds nothing here (Sphinx's Domain leaves ``resolve_any_xref`` unimplemented)."""

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """What Sphinx writes into ``objects.inv`` (and what other projects' intersphinx links read): each object
        on one line, ``name domain:type priority uri display-name``. Every name and display name passes here, its
        whitespace folded to single spaces: a line break in a register entry's title or a principle's name would
        otherwise write a line of its own, an object another project's links would go to."""
        for name, shown, objtype, docname, anchor, priority in self.objects():
            yield " ".join(name.split()), " ".join(shown.split()), objtype, docname, anchor, priority

    def objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """This domain's objects, as :meth:`get_objects` gives them, before their names are folded onto one line."""
        return iter(())


DomainT = TypeVar("DomainT", bound=Domain)


def domain(env: BuildEnvironment, kind: type[DomainT]) -> DomainT:
    """The build's instance of the domain class *kind*, typed as that class (``env.domains`` says only Domain)."""
    found = env.domains[kind.name]
    if not isinstance(found, kind):
        raise ExtensionError(f"the {kind.name!r} domain is {type(found).__name__}, not {kind.__name__}")
    return found
