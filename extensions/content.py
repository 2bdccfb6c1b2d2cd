"""Content is data: what a page in ``docs/`` may do, and the one place that enforces it.

(Work in progress: the link rule first.)
"""

from __future__ import annotations

import re

#: The schemes a link written in content may use. Anything else (``javascript:``, ``data:``, ``file:``,
#: ``vbscript:``) is refused; a link with no scheme is relative, to a page or file of the site.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers drop ASCII tab and newline anywhere in a URL, and control characters and spaces at its ends,
# before they read the scheme ("java\tscript:" is "javascript:"), so the rule looks at what they see.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")


def link_scheme(uri: str) -> str | None:
    """The scheme a browser would read in *uri*, in lower case; ``None`` for a relative link."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", uri))
    return match[1].lower() if match else None


def link_is_safe(uri: str) -> bool:
    """Whether content may publish a link to *uri*: http, https, mailto, tel, or relative."""
    scheme = link_scheme(uri)
    return scheme is None or scheme in LINK_SCHEMES
