"""Word import: a council's protocol, kept as a Word document (.docx), made into the protocol pages of a project
that the starter made (``sphinx-constitution-import SOURCE.docx --into PROJECT``, or
``python -m sphinx_constitution.programs.wordimport``).

The modules follow the steps, each a concept of its own:

- ``document``: what the import reads out of a Word file, as plain data (paragraphs, runs, tables, tracked changes,
  cross-references, what could not be mapped, and where each thing is in the Word document);
- ``numbering``: the number Word shows on each paragraph, computed from ``numbering.xml`` and the styles as Word
  does, and numbers typed as text ("6.7", "(a)", "1. Roles");
- ``reader``: a .docx file (a zip of WordprocessingML parts, read with lxml) into a ``document.Document``;
- ``structure``: which numbered paragraphs are sections, clauses and sub-items, and which tables are Do/Don't;
- ``writer``: the MyST pages of the protocol, written deterministically;
- ``report``: what was imported and every thing not mapped, with the check of each clause's words;
- ``__main__``: the command.
"""
