"""What is made from the pages besides Sphinx's own HTML: PDFs (pdf.py), the search index (search.py), and the files
for tools and feed readers (clauses_json.py, versions.py, feed.py), which share :func:`write_when_changed`."""

from __future__ import annotations

from pathlib import Path


def write_when_changed(path: Path, data: bytes) -> None:
    """Write *data* to *path* only if the file is not there or holds something else: a build with nothing changed
    leaves the site's files as they were (their dates too, which a host's caches and rsync go by)."""
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
