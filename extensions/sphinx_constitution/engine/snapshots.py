"""Pages that show what a read changed elsewhere (a clause's "cited in" list, a preview of a renumbered clause): a
snapshot of what they show is taken before the read and compared after it, and the pages it changed are written
again, so an incremental build equals a clean one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

K = TypeVar("K")
T = TypeVar("T")


def snapshot_around_read(
    app: Sphinx, take: Callable[[BuildEnvironment], T], pages: Callable[[BuildEnvironment, T, T], Iterable[str]]
) -> None:
    """Write again the pages that show something a read changed on other pages: snapshot before reading, compare after.

    ``take(env)`` runs as Sphinx starts reading (``env-get-outdated``, before it forgets the pages it reads again
    and those removed) and again once every page is read (``env-updated``); ``pages(env, before, after)`` then
    names the pages to write again.

    The snapshot is kept here, for one build of one application, and dropped once compared: not in the environment,
    so it is never pickled with it, nor sent back from ``-j`` readers (the main process takes and compares it
    before and after they run), and each build of an application that builds many times (the editors' preview)
    takes its own. Connect this where the ``env-get-outdated`` handler would be connected: it runs in that order.
    A clean build takes no snapshot: every page is read and written (the eight snapshots of the package, taken after a
    read, were 4 ms of a clean build of the protocol).
    """
    held: dict[str, T] = {}

    def before(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]) -> list[str]:
        if env.all_docs:  # a new environment (a clean build) has no page it has not read, and writes them all
            held["before read"] = take(env)
        return []

    def after(app: Sphinx, env: BuildEnvironment) -> list[str]:
        if "before read" not in held:
            return []
        return sorted(pages(env, held.pop("before read"), take(env)))

    app.connect("env-get-outdated", before)
    app.connect("env-updated", after)


def changed_keys(before: Mapping[K, Any], after: Mapping[K, Any]) -> set[K]:
    """The keys whose values differ between two mappings, counting a key that only one of them has."""
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
