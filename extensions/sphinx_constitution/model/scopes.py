"""Scoped names, in plain Python: the one rule that writes and reads an older edition's names.

An older edition holds the same clause numbers, labels and principles as the current one (it was moved whole), so
each of them is filed under the edition's id: ``pre-2026:6.7``, ``2026:principle-1``. The current text's names
(the unnamed scope, ``""``) are written as they are. The clause numbers (``clauses/numbers.py``, kept free of
Sphinx), the labels (``editions/labels.py``) and the principles' listing (``principles/domain.py``) all write and
read their names here, so the separator and the reading of a name that has one cannot differ between them. A scope
never holds the separator (``config._check_editions`` refuses an edition id with one), so a name is split at its
last.
"""

from __future__ import annotations

#: What stands between a scope and a name.
SEPARATOR = ":"


def scoped(scope: str, name: str) -> str:
    """*name* in *scope*, as an author writes it from elsewhere: ``pre-2026:6.7``, ``2026:principle-1``; in the
    unnamed scope, *name* itself."""
    return f"{scope}{SEPARATOR}{name}" if scope else name


def unscoped(key: str) -> tuple[str, str]:
    """The scope and name of a scoped name: ``"pre-2026:6.7"`` -> ``("pre-2026", "6.7")``; ``"6.7"`` ->
    ``("", "6.7")``."""
    scope, _sep, name = key.rpartition(SEPARATOR)
    return scope, name
