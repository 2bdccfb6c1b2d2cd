"""An older edition's labels are its own: a copied edition keeps its labels as written, and the build scopes them.

An edition moves whole (``docs/protocol/`` to ``docs/editions/2026/``), so the older edition holds every label the
current one does: ``(protocol-principle-1)=`` twice, a "duplicate label" warning, and each ``{ref}`` to it linking
whichever copy Sphinx read last. The rule (``config.edition_scope``, the one that scopes clause numbers and the
principles' listing too): on the pages of an edition that is not the current one,

- each label is filed under the edition's scope, ``2026:protocol-principle-1``, as the page is read (after docutils
  and MyST have given every id, before Sphinx's standard domain notes the labels at 850). Its anchor, the HTML id,
  stays as written, so a link made to the page while it was current (the forwarding pages keep the fragment) still
  lands on the words it was made against;
- each ``{ref}``/``{numref}``/``{any}`` and Markdown link to a label (``[](#protocol-principle-1)``) keeps its target as
  written until references are resolved; then one that names a label its own edition has is pointed at that label.
  One its edition lacks stays as written, so an old page can still cite the glossary's labels (or the current
  edition's). From elsewhere, ``{ref}`2026:protocol-principle-1``` names an older edition's label.

Why the choice is made as references are resolved rather than by renaming each reference as it is read and falling
back through Sphinx's ``missing-reference`` event: it is made knowing every label of the project; a reference that
resolves to nothing is reported with the name its author wrote, not one the build made; and MyST resolves Markdown
links itself, asking no event, which this serves as well. The index of who cites what (``engine/citations.py``) notes
such a reference as citing both names (its ``also_cites``), so an incremental build writes it again when either label
changes.

The standard domain's data needs nothing more: its labels are keyed by their scoped names, ``clear_doc`` drops a
page's labels by the page whatever their names, and the merge of ``-j`` readers' data copies them as they are.
``objects.inv`` lists an older edition's labels under their scoped names, so another project's intersphinx reference
to ``protocol-principle-1`` reaches the current edition, as it always did. The current edition's pages are untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ...config import edition_scope, settings
from ...engine.found import before_resolving
from ..scopes import scoped

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The references that may name a label: (refdomain, reftype). MyST's Markdown links have no domain, nor has
#: ``{any}``, which Sphinx's standard domain resolves as ``{ref}`` (among other things): pointed at the edition's own
#: label only when the edition has one of that name, it finds what ``{ref}`` would.
LABEL_REFERENCES = frozenset(
    {("std", "ref"), ("std", "numref"), (None, "myst"), ("", "myst"), (None, "any"), ("", "any")}
)


def setup_labels(app: Sphinx) -> None:
    app.add_transform(ScopeEditionLabels)
    before_resolving(app, point_at_edition_labels)


def scoped_label(scope: str, name: str) -> str:
    """A label's name in *scope*, normalised as docutils normalises every name (lower case, single spaces)."""
    return nodes.fully_normalize_name(scoped(scope, name))


def names_label(ref: nodes.Element) -> bool:
    return (ref.get("refdomain"), ref.get("reftype")) in LABEL_REFERENCES and bool(ref.get("reftarget"))


class ScopeEditionLabels(SphinxTransform):
    """On a page of an older edition: file each label under the edition's scope, and note each reference to a label
    as citing the scoped name too."""

    default_priority = 845  # after engine.content.KeepOwnIds (840) settles ids, before Sphinx notes labels (850)

    def apply(self, **kwargs: Any) -> None:
        scope = edition_scope(self.config, self.env.docname)
        if not scope:
            return
        document = self.document
        for name in [name for name, explicit in document.nametypes.items() if explicit and self._is_label(name)]:
            own = scoped_label(scope, name)
            labelid = document.nameids.pop(name)
            document.nameids[own] = labelid
            document.nametypes[own] = document.nametypes.pop(name)
            held = document.ids[labelid]["names"]
            held[held.index(name)] = own
        for ref in document.findall(addnodes.pending_xref):
            if names_label(ref):
                ref["also_cites"] = [*ref.get("also_cites", []), (scoped_label(scope, ref["reftarget"]), "", "")]

    def _is_label(self, name: str) -> bool:
        """Whether *name* is one Sphinx's standard domain notes as a label: an author's name for an element of the
        page (not a footnote's, nor a link's to elsewhere), held by one element."""
        labelid = self.document.nameids.get(name)
        node = self.document.ids.get(labelid) if labelid else None
        if node is None or name not in node["names"]:
            return False
        return not isinstance(node, (nodes.footnote, nodes.citation)) and "refuri" not in node


def point_at_edition_labels(
    app: Sphinx, transform: SphinxPostTransform, references: list[addnodes.pending_xref]
) -> None:
    """Before MyST (9) and Sphinx (10) resolve references: point a reference on a page of an older edition at its
    edition's label, if the edition has one of that name (*references*: the page's, from the walk shared with
    previews, ``engine/found.py``)."""
    config, env = transform.config, transform.env
    if len(settings(config).editions) < 2:
        return
    labels = env.domains.standard_domain.anonlabels  # every label, with a title or without
    for ref in references:
        if not names_label(ref):
            continue
        scope = edition_scope(config, ref.get("refdoc", env.docname))  # a PDF joins many pages
        own = scoped_label(scope, ref["reftarget"])
        if scope and own in labels:
            ref["reftarget"] = own
