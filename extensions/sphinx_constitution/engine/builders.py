"""Which builders write the website, and which write HTML: the package's one answer to each question.

Three builders write HTML with this package: the website (``html``, or ``dirhtml`` with a folder for each page),
Sphinx's ``singlehtml`` (the whole document as one page), and the PDF builder (``outputs/pdf.py``), whose HTML
WeasyPrint lays out as the PDFs. They are asked two different questions:

- "is this the website?" (:func:`is_website`): what only the website has, because it is a site of pages that
  readers browse: the search index, previews shown on hover, "cited in", ``clauses.json``, the pages that forward
  an edition's permanent addresses, and links to those addresses. Not ``singlehtml`` (one page, with none of the
  site's other addresses) and not the PDFs (no hover, no script, no other page to go to).
- "does this builder write HTML pages?" (:func:`writes_html`): what every HTML page needs, whoever reads it: the
  package's stylesheets, scripts and templates. The PDF builder's pages are styled by the same stylesheets.

A post-transform that only the website needs names the same builders as ``builders = WEBSITE_BUILDERS``; one that
changes HTML for every HTML builder says ``formats = ("html",)``, the question :func:`writes_html` asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: The builders that write the website: not singlehtml, and not the PDF builder, which writes HTML too.
WEBSITE_BUILDERS = ("html", "dirhtml")


def is_website(builder: Builder) -> TypeGuard[StandaloneHTMLBuilder]:
    """Whether *builder* writes the website: a site of pages that readers browse (``html``, ``dirhtml``)."""
    return builder.name in WEBSITE_BUILDERS and isinstance(builder, StandaloneHTMLBuilder)


def writes_html(builder: Builder) -> bool:
    """Whether *builder* writes HTML pages, which take the package's static files: the website, ``singlehtml`` and
    the PDF builder (WeasyPrint lays out its HTML with the same stylesheets)."""
    return builder.format == "html"
