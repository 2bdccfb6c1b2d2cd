"""What is made from the pages besides Sphinx's own HTML: PDFs (pdf.py) and the search index (search.py)."""
