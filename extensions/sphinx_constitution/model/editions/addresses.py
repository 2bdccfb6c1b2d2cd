"""Where editions live: which edition holds a page, each edition's start page, and its permanent address.

Each edition is kept at ``editions/<id>/`` (``constitution_edition_address``): an old edition lives there, and
for the current one the HTML build writes a small page there for each of its pages, forwarding to its living
address. A clause's permalink is its permanent address, so a copied link always shows the words it was made
against.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError
from sphinx.util.osutil import relative_uri

from ...config import PREFIX, settings
from ...engine.builders import is_website
from ...engine.found import on_resolved
from ...engine.pages import in_folder, page_title
from ...problems import Problem, warn
from ..clauses.nodes import clause

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def setup_addresses(app: Sphinx) -> None:
    app.connect("config-inited", check_addresses)
    app.connect("env-check-consistency", check_forwarding_addresses)
    on_resolved(app, clause, permanent_permalinks)
    app.connect("html-collect-pages", forwarding_pages)


def edition_of(config: Config, docname: str) -> tuple[str, str] | None:
    """(edition id, folder) of the edition that holds *docname*, or ``None``."""
    for edition_id, folder in settings(config).editions.items():
        if in_folder(docname, folder):
            return edition_id, folder.strip("/")
    return None


def permanent_uri(builder: Builder, docname: str, anchor: str) -> str:
    """The address of *anchor* on *docname* at the page's permanent address (the page itself, outside editions),
    from the site's root: what a reader keeps, and what the feed, ``versions.json`` and a report carry."""
    return f"{builder.get_target_uri(permanent_name(builder.config, docname) or docname)}#{anchor}"


def public_address(config: Config, uri: str) -> str:
    """*uri* (from the site's root) under ``html_baseurl``, the site's public address, if it is set."""
    return posixpath.join(config.html_baseurl, uri) if config.html_baseurl else uri


def edition_before(config: Config, edition_id: str) -> str | None:
    """The edition that *edition_id* followed (the next in ``constitution_editions``, newest first), or ``None``."""
    editions = list(settings(config).editions)
    position = editions.index(edition_id) + 1
    return editions[position] if position < len(editions) else None


def edition_after(config: Config, edition_id: str) -> str | None:
    """The edition that followed *edition_id*, or ``None`` for the current one."""
    editions = list(settings(config).editions)
    position = editions.index(edition_id)
    return editions[position - 1] if position > 0 else None


def start_page(config: Config, edition_id: str) -> str:
    """An edition's start page: the ``index`` of its folder."""
    return f"{settings(config).editions[edition_id].strip('/')}/index"


def permanent_name(config: Config, docname: str) -> str | None:
    """The page's permanent address (a docname-like path), if it belongs to an edition."""
    found = edition_of(config, docname)
    if found is None:
        return None
    edition_id, folder = found
    return kept_at(config, edition_id) + docname[len(folder) :]


def kept_at(config: Config, edition_id: str) -> str:
    """The folder where an edition is kept for good (``editions/2026``): its pages' permanent addresses."""
    return settings(config).edition_address.format(edition=edition_id).strip("/")


#: Put for the edition's id in ``constitution_edition_address`` to find where it stands: no address holds it.
_EDITION = "\x00"


def comparisons_folder(config: Config) -> str:
    """Where the comparisons of two editions are published, beside the editions' own folders: in the folder that
    holds them, the one whose name has the edition's id in it (``editions/compare`` for ``editions/{edition}``,
    ``compare`` for ``{edition}/protocol``, ``old/compare`` for ``old/v{edition}/text``)."""
    before = settings(config).edition_address.format(edition=_EDITION).strip("/").partition(_EDITION)[0]
    return posixpath.join(before.rpartition("/")[0], "compare")


def pair_address(config: Config, older: str, newer: str) -> str:
    """Where the comparison of two editions is published for good, beside the editions' own permanent addresses:
    ``editions/compare/2026-to-2027``. A pair's words never change, so neither does its address."""
    return posixpath.join(comparisons_folder(config), f"{older}-to-{newer}")


def check_addresses(app: Sphinx, config: Config) -> None:
    """As ``conf.py`` is read: no edition is kept for good where the package writes pages of its own, the
    comparisons (an edition named ``compare``) or another edition's forwarding pages (an edition's folder at
    another's permanent address), which the build would write over its pages, or the other way round; and the
    address names a folder of the site for each edition."""
    _check_edition_address(settings(config).edition_address)
    editions = settings(config).editions
    compare = comparisons_folder(config)
    for edition_id in editions:
        kept = kept_at(config, edition_id)
        if in_folder(kept, compare) or in_folder(compare, kept):
            raise ConfigError(
                f"{PREFIX}editions: the edition {edition_id!r} would be kept for good at {kept!r}, where the "
                f"comparisons of editions are published ({compare}/<older>-to-<newer>): give the edition another id"
            )
        for other, folder in editions.items():
            folder = folder.strip("/")
            if other != edition_id and (in_folder(kept, folder) or in_folder(folder, kept)):
                raise ConfigError(
                    f"{PREFIX}editions: the edition {edition_id!r} would be kept for good at {kept!r}, where the "
                    f"edition {other!r} has its pages ({folder!r}): the build would write one over the other; move "
                    f"{other!r} to {kept_at(config, other)!r}, or give {edition_id!r} another id"
                )


def _check_edition_address(address: str) -> None:
    """``constitution_edition_address`` is a folder of the site with the edition's id in it, so that each edition
    has one of its own: ``{edition}`` filled in, in a path of names (none empty, ``.`` or ``..``)."""
    name = PREFIX + "edition_address"
    try:
        filled = address.format(edition=_EDITION)
    except (KeyError, IndexError, ValueError) as error:
        raise ConfigError(
            f"{name} {address!r} cannot be filled in ({error}): it may name {{edition}}, the edition's id; write a "
            "brace as {{ or }}"
        ) from None
    if (
        _EDITION not in filled
        or _EDITION in address
        or any(part in ("", ".", "..") for part in filled.strip("/").split("/"))
    ):
        raise ConfigError(
            f"{name} {address!r} is not a folder of the site for each edition: write a path of folders with "
            "{edition}, the edition's id, in it, such as editions/{edition}"
        )


def kept_elsewhere(config: Config, docnames: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(page, its permanent address) of each of *docnames*, by name, that is kept for good at an address of its own:
    each page of the current edition (``protocol/access`` at ``editions/2026/access``), or of an older edition whose
    folder is not where it is kept. The build writes a page forwarding to it there (:func:`forwarding_pages`), and
    no page of the project may be there (:func:`check_forwarding_addresses`)."""
    for docname in sorted(docnames):
        pinned = permanent_name(config, docname)
        if pinned is not None and pinned != docname:
            yield docname, pinned


def check_forwarding_addresses(app: Sphinx, env: BuildEnvironment) -> None:
    """Once every page is read: a page of the project at the permanent address of another page is told, at its
    first line; the build would write the page forwarding to that other page over it."""
    for docname, pinned in kept_elsewhere(env.config, env.found_docs):
        if pinned in env.found_docs:
            message = (
                f"this page is at {pinned!r}, where the page forwarding to {docname!r} (its permanent "
                "address) is written: move it"
            )
            warn(Problem.EDITION_ADDRESS, message, (pinned, 1))


def permanent_permalinks(app: Sphinx, doctree: nodes.document, docname: str, clauses: list[clause]) -> None:
    """Point each clause's permalink on a page of the current edition at the page's permanent address (*clauses*:
    the page's, from the walk its handlers share, ``engine/found.py``)."""
    pinned = permanent_name(app.config, docname)
    if not is_website(app.builder) or pinned is None or pinned == docname:
        return
    here = app.builder.get_target_uri(docname)
    there = relative_uri(here, app.builder.get_target_uri(pinned))
    for node in clauses:
        if node["ids"]:
            node["permalink"] = f"{there}#{node['ids'][0]}"


def forwarding_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """At the permanent address of each page of the current edition, a page that forwards to it.

    A forwarding page is written again only when it is older than the page it forwards to, or missing: what it
    says (the page's title and address, the site's address, the templates) changes only with what makes Sphinx
    write that page again (a page read again, a changed configuration or template, ``-a``). A build with nothing
    changed writes none; an edit writes the edited page's own.
    """
    builder = app.builder
    if not is_website(builder):
        return
    forwarding: set[str] = set()
    for docname, pinned in kept_elsewhere(app.config, app.env.found_docs):
        forwarding.add(pinned)
        if written_after(builder.get_output_path(pinned), builder.get_output_path(docname)):
            continue
        yield pinned, forwarding_context(builder, pinned, docname), "edition-forward.html"
    remove_gone_pages(builder, "forwarding", forwarding)


def forwarding_context(builder: Builder, address: str, page: str, note: str = "") -> dict[str, Any]:
    """What ``edition-forward.html`` needs to forward from *address* to *page*: the relative address, the canonical
    one (absolute under ``html_baseurl``, the site's public address), the page's title, and *note*, the sentence
    saying what the address is (the template's own, a page of the current edition, if none)."""
    target = relative_uri(builder.get_target_uri(address), builder.get_target_uri(page))
    canonical = public_address(builder.config, builder.get_target_uri(page)) if builder.config.html_baseurl else target
    title = page_title(builder.env, page)
    return {
        "forward_to": target,
        "forward_canonical": canonical,
        "forward_title": title,
        "title": title,
        "forward_note": note,
    }


def written_after(forwarding: Path, page: Path) -> bool:
    """Whether the forwarding (or generated) page was written after *page* (and both are there)."""
    try:
        return forwarding.stat().st_mtime_ns > page.stat().st_mtime_ns
    except FileNotFoundError:
        return False


#: Beside the doctrees: each kind of page the package writes of its own (no source in ``docs/``), and the pages of
#: that kind the last build left in the site.
OWN_PAGES = "constitution-own-pages.json"


def remove_gone_pages(builder: StandaloneHTMLBuilder, kind: str, pages: set[str]) -> None:
    """Once a build has yielded every page of *kind* it writes of its own (forwarding pages, pairs' comparisons):
    remove from the site each page of that kind an earlier build wrote and this one does not, and note *pages*.

    Such a page has no source, so Sphinx never writes it again nor removes it: when an edition goes from
    ``constitution_editions``, its forwarding pages and its pairs' comparisons would stay in the site, a reader's
    bookmark still reaching the words of an edition the council has taken down. Only a page noted here is ever
    removed, and never one that is now a page of the project (a source written at that address since), whose
    output Sphinx writes; then each folder above it that this leaves empty (``editions/2026/``), and no other.
    """
    kept = Path(builder.doctreedir, OWN_PAGES)
    noted: dict[str, list[str]] = json.loads(kept.read_text(encoding="utf-8")) if kept.is_file() else {}
    for gone in sorted(set(noted.get(kind, ())) - pages - builder.env.found_docs):
        output = builder.get_output_path(gone)
        output.unlink(missing_ok=True)
        _remove_emptied_folders(output.parent, Path(builder.outdir))
    if noted.get(kind) != sorted(pages):
        noted[kind] = sorted(pages)
        kept.write_text(json.dumps(noted, indent=1, sort_keys=True), encoding="utf-8")


def _remove_emptied_folders(folder: Path, site: Path) -> None:
    """Remove *folder*, which held a page the package wrote and has removed, and each folder above it, up to the
    *site*'s own (never that), while it is empty: a folder with anything in it (a page of the site, a file put
    there by hand) stays, as do the folders above it."""
    while folder != site and folder.is_relative_to(site):
        try:
            folder.rmdir()
        except FileNotFoundError:
            pass  # removed already, with another page of it
        except OSError:
            return  # not empty
        folder = folder.parent
