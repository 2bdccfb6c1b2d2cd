"""How pages are read and rebuilt: content is data (content.py), pages in any encoding reported (sources.py), and
incremental builds that equal clean ones (rebuild.py, snapshots.py), and what the package's
domains, markup, nodes and pages share (domains.py, markup.py, nodes.py, pages.py, builders.py)."""
