"""How pages are read and rebuilt: content is data (content.py), pages in any encoding reported (sources.py), and
incremental builds that equal clean ones (rebuild.py)."""
