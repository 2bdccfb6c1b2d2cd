"""Which builders write the website."""

from __future__ import annotations

#: The builders that write the website: not singlehtml, and not the PDF builder, which writes HTML too.
WEBSITE_BUILDERS = ("html", "dirhtml")
