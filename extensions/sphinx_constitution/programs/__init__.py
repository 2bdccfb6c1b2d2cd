"""The package's programs, each a command of its own (``[project.scripts]`` in pyproject.toml), apart from the
extension that Sphinx loads (which imports nothing from here):

- ``serve``: the editors' live preview server, ``sphinx-constitution-serve`` (``nox -s serve``): Sphinx kept in
  memory between builds, pages reloaded on a change. Not ``outputs/previews.py``, the popovers that show a cited
  clause on the page.
- ``publish``: ``sphinx-constitution-publish`` (``nox -s publish``): builds the PDFs and the site afresh and swaps
  them in only if all built with no warning.
- ``new``: the starter, ``sphinx-constitution-new``: a new council's project from the template in ``starter/``.
- ``wordimport``: ``sphinx-constitution-import``: a council's Word document made into the protocol's pages.
"""
