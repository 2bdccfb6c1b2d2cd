""" "Report a problem with paragraph 6.7": a link at the end of each paragraph, to the address ``conf.py`` sets.

A reader who finds a mistake, a broken link or words that no longer match practice tells the council, as the best
legal publishers let them, without having to say which text they mean: the message already holds the paragraph's
permanent address (its edition's, which keeps showing the words the reader saw).
``constitution_report_problem_to`` is either an email address, and the link opens the reader's mail with a subject
and the address filled in, or a web form's address with ``{url}`` where the paragraph's address goes.

Only paragraphs that stand on their own get a link (not each sub-item of one, which the reader names in the
message), and only on the website: a PDF is a copy of the text, not a place to report from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes
from sphinx.locale import _

from .. import __version__
from ..config import settings
from ..engine.builders import is_website
from ..engine.nodes import ancestors
from ..model.clauses.identity import Clause
from ..model.clauses.nodes import clause, clause_body
from ..model.editions.addresses import permanent_uri, public_address
from ..theme.assets import stylesheet

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_constitution.model.editions")
    app.connect("builder-inited", stylesheet("report.css"))
    app.connect("doctree-resolved", add_report_links, priority=700)  # after the paragraph's history and "cited in"
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def add_report_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    to = settings(app.config).report_problem_to
    if not to or not is_website(app.builder):
        return
    for node in doctree.findall(clause):
        body = next(iter(node.findall(clause_body)), None)
        if not node["ids"] or body is None or any(isinstance(holder, clause) for holder in ancestors(node)):
            continue  # a sub-item: the reader names it in the report on its paragraph
        address = public_address(app.config, permanent_uri(app.builder, docname, node["ids"][0]))
        name = Clause.on_page(app.config, docname, node["number"]).name
        link = nodes.reference("", _("Report a problem with %s") % name, refuri=report_uri(app, to, name, address))
        body += nodes.paragraph("", "", link, classes=["con-report"])


def report_uri(app: Sphinx, to: str, name: str, address: str) -> str:
    """Where the link goes: a message to *to* (an email address) about *name* at *address*, or *to*'s web form with
    *address* in place of ``{url}``."""
    if to.startswith(("https://", "http://")):
        return to.replace("{url}", quote(address, safe=""))
    subject = _("A problem with %s of the %s") % (name, app.config.project)
    body = _("%s: %s\n\nWhat is wrong:\n") % (name[:1].upper() + name[1:], address)
    return f"mailto:{to}?subject={quote(subject)}&body={quote(body)}"
