"""Repairs to what Sphinx and the furo theme write, so every page is valid, accessible HTML (themefixes.py)."""
