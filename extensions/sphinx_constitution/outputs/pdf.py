"""Accessible PDFs from the same sources as the website: ``sphinx-build -b pdf``.

Each entry of ``constitution_pdf_documents`` becomes one tagged A4 PDF (PDF/UA-1), the way ``latex_documents``
drives the LaTeX builder::

    constitution_pdf_documents = [
        {"start": "protocol/index", "filename": "protocol", "contents": True, "annexes": ["glossary"]},
        {"start": "notes/members", "filename": "members-notes", "max_pages": 1},
    ]

``start`` and every page its toctrees include are assembled into one document (``annexes`` are added
after them), written by the ordinary HTML writer, so every extension's nodes render as they do on the
site, and laid out by WeasyPrint with ``pdf.css``, the house font and colours (``constitution_pdf_font`` and the two
colours, as pdf.css's custom properties) and ``constitution_pdf_stylesheets``. A node of the class
``pdf-title-block`` (the banner of editions/status.py) moves from the text into the title block. Links between pages
of one PDF stay inside it; links to pages it doesn't hold go to the website at ``constitution_pdf_site_url``, or else
``html_baseurl`` (the site's public address), or become plain text when neither is set. A PDF longer than its
``max_pages`` is not written, and the build fails saying how long it is.

An entry with ``"editions": True`` instead of ``start`` is one PDF for each edition of ``constitution_editions``
(``config.py``'s ``Settings.pdfs``): the current edition's at the entry's filename and at ``<filename>-<edition
id>``, which stays that edition's for good (made once, and copied), each older edition's at its own. An entry with
``"latest_changes": True`` is the comparison of the two newest editions: the editor's ``{edition-changes}`` page
that shows it, or else the pair's own page (``model/editions/pairs.py``), made from the domains.

HTML builds link each PDF from its start page ("PDF, 180 KB") when ``constitution_pdf_output_dir`` holds it, and
copy it into the site's ``pdf/`` folder: build the PDFs first, then the site.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.errors import ConfigError
from sphinx.locale import _, __
from sphinx.util import logging as sphinx_logging
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from .. import __version__
from ..config import PdfDocument, settings
from ..engine.builders import is_website
from ..engine.domains import domain
from ..model.clauses.role import REFERENCE_CLASS
from ..problems import Problem, warn
from ..theme.assets import STATIC, TEMPLATES

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.util.typing import ExtensionMetadata

logger = sphinx_logging.getLogger(__name__)
_ELSEWHERE = "pdf-elsewhere:"  # a link to a page that the PDF being written does not hold
_TITLE_BLOCK = "pdf-title-block"  # a node with this class (a status banner) is printed under the title


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_builder(PdfBuilder)
    app.setup_extension("sphinx_constitution.config")  # the pdf_ settings
    app.connect("env-get-outdated", pages_of_newer_pdfs)
    published = PublishedPdfs()
    app.add_event(PDF_LINK)
    app.connect(PDF_LINK, published.download_link)
    app.connect("write-started", published.find)
    app.connect("doctree-resolved", published.link_pdf)
    app.connect("build-finished", published.forget)
    app.connect("build-finished", copy_pdfs_into_site)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


class PdfBuilder(StandaloneHTMLBuilder):
    """Writes each ``constitution_pdf_documents`` entry as one tagged PDF, through the HTML writer and WeasyPrint."""

    name = "pdf"
    format = "html"
    epilog = __("The PDF files are in %(outdir)s.")
    add_permalinks = False
    search = False
    copysource = False

    def init(self) -> None:
        super().init()
        self._holds: Set[str] = set()
        self._noticed: set[str] = set()  # notices about this machine already given, each said once a build
        loader = jinja2.FileSystemLoader(str(TEMPLATES))
        self._template = jinja2.Environment(loader=loader, autoescape=True).get_template("pdf.html")

    # A PDF is assembled from many pages: write each one afresh. Sphinx's Builder takes a text here for "all"
    # (StandaloneHTMLBuilder narrows the return type to the docnames it found out of date).
    def get_outdated_docs(self) -> str:  # type: ignore[override]
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname in self._holds:
            return f"#document-{docname}"
        return f"{_ELSEWHERE}{docname}"

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def copy_assets(self) -> None:
        # A PDF embeds what it needs; only the themes' build-finished hooks (furo's) expect this file.
        Path(self.outdir, "_static").mkdir(exist_ok=True)
        self.create_pygments_style_file()

    def finish(self) -> None:
        pass

    def write_documents(self, _docnames: Set[str]) -> None:
        self.prepare_writing(set(self.env.all_docs))
        documents = resolved(self, settings(self.config).pdfs)
        for doc in documents:
            if not doc.latest_changes:  # a comparison may be a pair's own page, which is no source page
                _check_pages(doc, self.env.all_docs.keys())
        written: dict[PdfDocument, str] = {}  # a PDF made again under another name (an edition's own) is copied
        for doc in documents:
            same = dataclasses.replace(doc, filename="")
            if same in written:
                shutil.copy2(Path(self.outdir, f"{written[same]}.pdf"), Path(self.outdir, f"{doc.filename}.pdf"))
                logger.info(__("%s.pdf: the same as %s.pdf"), doc.filename, written[same])
                continue
            self.write_pdf(doc)
            if Path(self.outdir, f"{doc.filename}.pdf").is_file():
                written[same] = doc.filename

    # -- one PDF --------------------------------------------------------------------------------------

    def write_pdf(self, doc: PdfDocument) -> None:
        logger.info(__("writing %s.pdf"), doc.filename)
        tree, title, contents = self.assemble(doc)
        _check_captions(doc, tree)
        _keep_clause_numbers_whole(tree)
        _separate_spaces_before_inlines(tree)
        heading = [n for n in tree.findall(nodes.Element) if _TITLE_BLOCK in n["classes"]]
        for node in heading:
            node.parent.remove(node)
        body = self.render_body(doc.start, tree)
        holder = new_document(doc.start, self.docsettings)
        holder.extend(heading)
        title_extra = self.render_body(doc.start, holder)
        html = self._template.render(
            lang=(self.config.language or "en").replace("_", "-"),
            anchor=f"document-{doc.start}",
            title=doc.title or title,
            organisation=settings(self.config).pdf_organisation,
            status=doc.status,
            title_extra=jinja2.utils.markupsafe.Markup(title_extra),
            contents=contents if doc.contents else [],
            contents_label=_("Contents"),
            created=_source_date(),
            body=jinja2.utils.markupsafe.Markup(body),
        )
        with _weasyprint_problems(doc, self._noticed):
            import weasyprint  # here: an HTML build never pays for it, and its import logs are caught
            from weasyprint.text.fonts import FontConfiguration

            fetcher = _local_fetcher(self.project_folders())
            fonts = FontConfiguration()  # what the stylesheets' @font-face rules load, for the layout
            package, *extra = self.stylesheets()
            stylesheets = [
                weasyprint.CSS(filename=str(package), url_fetcher=fetcher, font_config=fonts),
                weasyprint.CSS(string=self.house_style(), font_config=fonts),
                *(weasyprint.CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts) for path in extra),
            ]
            page = weasyprint.HTML(string=html, base_url=str(self.outdir), url_fetcher=fetcher)
            rendered = page.render(stylesheets=stylesheets, font_config=fonts)
        pages = len(rendered.pages)
        if doc.max_pages and pages > doc.max_pages:
            limit = "one A4 page" if doc.max_pages == 1 else f"{doc.max_pages} A4 pages"
            warn(
                Problem.PDF_TOO_LONG,
                f"{doc.filename}.pdf would take {pages} pages; it must fit on {limit}: shorten the page",
                (doc.start, 1),
            )
            (Path(self.outdir) / f"{doc.filename}.pdf").unlink(missing_ok=True)
            return
        with _weasyprint_problems(doc, self._noticed):
            rendered.write_pdf(Path(self.outdir) / f"{doc.filename}.pdf", pdf_variant="pdf/ua-1")
        from . import pdf_tags  # here, like weasyprint: an HTML build never loads pikepdf

        pdf_tags.finish(Path(self.outdir) / f"{doc.filename}.pdf")
        self.check_font(doc, {font.family for font in rendered.fonts.values()})
        logger.info(__("%s.pdf: %d pages"), doc.filename, pages)

    def house_style(self) -> str:
        """The configured font and colours, as the values of pdf.css's custom properties (checked in config.py)."""
        ready = settings(self.config)
        return (
            f':root {{ --con-pdf-font: "{ready.pdf_font}"; --con-pdf-text: {ready.pdf_text_colour}; '
            f"--con-pdf-accent: {ready.pdf_accent_colour}; }}"
        )

    def check_font(self, doc: PdfDocument, used: Set[str]) -> None:
        """A house font that the machine does not have is a warning: WeasyPrint would quietly set the text in
        another (``used``: the families of the fonts it embedded, from its ``Document.fonts``)."""
        wanted = settings(self.config).pdf_font
        if used and wanted.casefold() not in {family.casefold() for family in used}:
            found = ", ".join(sorted(used))
            warn(
                Problem.PDF_LAYOUT,
                f"{doc.filename}.pdf: the font {wanted!r} (constitution_pdf_font) was not found, and the text is set "
                f"in {found}: install it, or declare it with @font-face in one of constitution_pdf_stylesheets",
                (doc.start, 1),
            )

    def assemble(self, doc: PdfDocument) -> tuple[nodes.document, str, list[tuple[int, str, str]]]:
        """The start page with the pages it includes, then the annexes, references resolved.

        Also returns the title and the contents: every page's title, and the headings within the
        start page's own pages (not within the annexes, whose entries would swamp the list).
        """
        tree = self._inline(doc.start)
        top = next(tree.findall(nodes.section))
        annexes: list[nodes.Element] = []
        annex_contents = []
        for annex in doc.annexes:
            annex_sections = [child for child in self._inline(annex).children if isinstance(child, nodes.section)]
            annexes.append(addnodes.start_of_file("", *annex_sections, docname=annex))  # gives #document-<annex>
            top += annexes[-1]
            annex_contents += [(1, section) for section in annex_sections]
        self._holds = {doc.start, *doc.annexes, *(n["docname"] for n in tree.findall(addnodes.start_of_file))}
        tree["docname"] = doc.start
        if doc.start in self.env.all_docs:  # a pair's own comparison is made resolved
            self.env.resolve_references(tree, doc.start, self)  # may add sections (a generated comparison)
        own = [(depth, section) for section, depth in _sections(top, skip=annexes) if depth <= 2]
        contents = own + annex_contents
        _localise_links(tree, settings(self.config).pdf_site_url or self.config.html_baseurl)
        title = doc.filename
        if isinstance(top[0], nodes.title):
            title = top[0].astext()
            top.remove(top[0])  # the title block prints the title
        titled = [(depth, s) for depth, s in contents if s["ids"] and isinstance(s[0], nodes.title)]
        entries = [(depth, s[0].astext(), s["ids"][0]) for depth, s in titled]
        return tree, title, entries

    def _inline(self, docname: str) -> nodes.document:
        if docname not in self.env.all_docs:  # a pair of editions' own comparison, made from the domains
            from ..model.editions.comparison import ComparisonDomain
            from ..model.editions.pairs import comparison_document

            return comparison_document(self, docname, domain(self.env, ComparisonDomain).changes[docname])
        tree = self.env.get_doctree(docname)
        return inline_all_toctrees(self, set(), docname, tree, lambda text: text, [docname])

    def render_body(self, docname: str, tree: nodes.document) -> str:
        """The assembled tree as HTML, written by the same translator as the website's pages."""
        tree.settings = self.docsettings
        self.current_docname = docname
        self.secnumbers, self.fignumbers = {}, {}
        self.imgpath = self.dlpath = "."
        visitor = self.create_translator(tree, self)
        assert isinstance(visitor, HTML5Translator)
        tree.walkabout(visitor)
        return "".join(visitor.fragment)

    def project_folders(self) -> list[Path]:
        """Where a PDF may take files from: the sources, the output, the extensions' and the project's styles."""
        css = [Path(self.confdir, name).parent for name in settings(self.config).pdf_stylesheets]
        return [Path(self.srcdir), Path(self.outdir), STATIC, *css]

    def stylesheets(self) -> list[Path]:
        """pdf.css, then the project's. (Not the concepts' website stylesheets: their screen rules, media queries
        WeasyPrint does not read, are not for paper; pdf.css holds the print rules of every concept.)"""
        extra = [Path(self.confdir, name) for name in settings(self.config).pdf_stylesheets]
        return [STATIC / "pdf.css", *extra]


# What WeasyPrint says about the machine it runs on rather than about the document: reported once, never a
# failure, since a fresh machine's PDFs are correct without it. Debian's libharfbuzz-subset0 is not installed
# by default, and WeasyPrint then subsets the fonts it embeds with fontTools, and says so for every font.
_MACHINE_NOTICES = {
    "Using fontTools instead of HarfBuzz-Subset": "WeasyPrint embeds fonts with fontTools here (no "
    "libharfbuzz-subset0); the PDFs are complete, their bytes differ from a machine that has it",
}


class _Collected(logging.Handler):
    """Keeps the records it is given."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _weasyprint_problems(doc: PdfDocument, noticed: set[str]) -> Iterator[None]:
    """Report what WeasyPrint logs as warnings on the start page: a link to a missing anchor, an image or font it
    cannot load, CSS it cannot use. A notice about the machine (``_MACHINE_NOTICES``) is said once, as information.

    fontTools, which WeasyPrint may use to embed fonts, logs its progress; that is kept off the console.
    """
    handler = _Collected(logging.WARNING)
    weasy, fonttools = logging.getLogger("weasyprint"), logging.getLogger("fontTools")
    weasy.addHandler(handler)
    propagate, weasy.propagate = weasy.propagate, False
    level = fonttools.level
    fonttools.setLevel(logging.WARNING)
    try:
        yield
    finally:
        weasy.removeHandler(handler)
        weasy.propagate = propagate
        fonttools.setLevel(level)
        for record in handler.records:
            message = record.getMessage()
            notice = next((said for start, said in _MACHINE_NOTICES.items() if message.startswith(start)), None)
            if notice is None:
                warn(Problem.PDF_LAYOUT, f"{doc.filename}.pdf: {message}", (doc.start, 1))
            elif notice not in noticed:
                noticed.add(notice)
                logger.info(__("note: %s"), notice)


def _local_fetcher(folders: list[Path]) -> Any:
    """WeasyPrint's fetcher, held to files in *folders* (and ``data:`` URLs): a PDF build reads nothing from the
    network or from elsewhere on the machine, whatever a page asks for. A refused URL is logged by WeasyPrint
    as a resource it could not load, which fails the build."""
    from weasyprint.urls import URLFetcher

    roots = [folder.resolve() for folder in folders]

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    raise ValueError(f"{path} is outside the project's folders")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"})


def _check_pages(doc: PdfDocument, pages: Set[str]) -> None:
    """Stop, saying which, if a PDF starts at or annexes a page the project does not have: the glossary annexed
    after its definitions moved into the protocol, say. (Before any PDF is written, so none is left half made.)"""
    for role, name in [("start", doc.start)] + [("annexes", annex) for annex in doc.annexes]:
        if name not in pages:
            raise ConfigError(
                f"constitution_pdf_documents: {doc.filename!r} has {role} {name!r}, which is not a page of the "
                "project: name a page as a toctree does (protocol/index), or leave it out"
            )


def _check_captions(doc: PdfDocument, tree: nodes.document) -> None:
    """A table without a caption is a warning at the table: PDF/UA asks that every table of a PDF have one, a
    screen reader says it before the rows, and only the author can write it (a caption is a title, not text of
    the protocol). pdf_tags also takes a table without a caption that runs on from the page before for the
    continuation of that table, which holds only when every table has one."""
    for table in tree.findall(nodes.table):
        if not any(isinstance(child, nodes.title) for child in table.children):
            warn(
                Problem.PDF_TABLE_CAPTION,
                f"{doc.filename}.pdf: this table has no caption, which a tagged PDF needs: write one, as "
                "':::{table} Caption' around the table, or the argument of list-table",
                table,
            )


def _keep_clause_numbers_whole(tree: nodes.document) -> None:
    """A clause's number in a reference ("paragraph 4.1(4)(vii)") is set in one piece (class ``pdf-nowrap``):
    the line-breaking rules allow a break between ")" and "(", and "4.1(4)" at the end of one line with
    "(vii)" at the start of the next reads as two references."""
    for text in list(tree.findall(nodes.Text)):
        parent = text.parent
        if not isinstance(parent, nodes.inline) or REFERENCE_CLASS not in parent["classes"] or "(" not in text:
            continue
        parts: list[nodes.Node] = []
        for token in re.split(r"(\s+)", str(text)):
            if "(" in token:
                parts.append(nodes.inline(token, token, classes=["pdf-nowrap"]))
            elif token:
                parts.append(nodes.Text(token))
        parent.replace(text, parts)


def _separate_spaces_before_inlines(tree: nodes.document) -> None:
    """A space that ends a run of text just before an inline element (a link, a term, emphasis, a tracked change)
    becomes an inline element of its own: ``the <a>Leader</a>`` is written ``the<span class="pdf-space"> </span>
    <a>Leader</a>``, which reads and looks the same.

    It works around a fault of WeasyPrint 70's line breaking: a run of text that ends with a space, and fits at
    the end of a line only if that space hangs past the margin (as CSS lets a space do), is measured with the
    space, found too wide and cut after its *first* word. So clause 2.2 was printed "… If agreement / cannot /
    be reached …", a line of one word. Without the trailing space the run fits, and the line breaks between it
    and the element after it.
    """
    for text in list(tree.findall(nodes.Text)):
        parent = text.parent
        if not isinstance(parent, nodes.TextElement) or isinstance(parent, nodes.FixedTextElement):
            continue  # a literal block keeps its spaces as they are
        value = str(text)
        index = parent.index(text)
        if not value.endswith(" ") or not value.strip() or index + 1 == len(parent):
            continue
        if isinstance(parent[index + 1], nodes.Inline):
            parent.replace(text, [nodes.Text(value[:-1]), nodes.inline("", " ", classes=["pdf-space"])])


def _sections(
    node: nodes.Element, depth: int = 1, skip: list[nodes.Element] | None = None
) -> Iterator[tuple[nodes.section, int]]:
    for child in node.children:
        if any(child is left_out for left_out in skip or ()):
            continue
        if isinstance(child, nodes.section):
            yield child, depth
            yield from _sections(child, depth + 1, skip)
        elif isinstance(child, nodes.Element):
            yield from _sections(child, depth, skip)


def _localise_links(tree: nodes.document, site_url: str) -> None:
    """``#document-page#id`` becomes ``#id``; links to pages outside this PDF go to the website or go."""
    for ref in list(tree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if uri.startswith("#document-"):
            page, _sep, anchor = uri[1:].partition("#")
            ref["refuri"] = f"#{anchor or page}"
        elif uri.startswith(_ELSEWHERE):
            page, _sep, anchor = uri[len(_ELSEWHERE) :].partition("#")
            if site_url:
                ref["refuri"] = f"{site_url.rstrip('/')}/{page}.html" + (f"#{anchor}" if anchor else "")
                ref["internal"] = False
            else:
                ref.replace_self(ref.children)


def _source_date() -> str:
    """SOURCE_DATE_EPOCH as a W3C date, so two builds of one source give the same bytes; else none."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch)))


def resolved(builder: Builder, documents: tuple[PdfDocument, ...]) -> list[PdfDocument]:
    """*documents* with the start page of the latest change's comparison: the editor's page that shows the two
    newest editions, or else their own comparison (``model/editions/pairs.py``), which the build has made."""
    found = []
    for doc in documents:
        if doc.latest_changes:
            from ..model.editions.pairs import latest_pair, shown_page

            pair = latest_pair(builder.config)
            start = shown_page(builder, *pair) if pair and "comparison" in builder.env.domains else None
            if start is None:
                continue
            doc = dataclasses.replace(doc, start=start)
        found.append(doc)
    return found


# -- the website's side: link each PDF from its start page ------------------------------------------------


#: The event by which another concept asks for the link to a page's PDF (a pair of editions' own comparison page,
#: ``model/editions/pairs.py``): ``app.emit_firstresult(PDF_LINK, pagename)`` gives :meth:`PublishedPdfs.download_link`.
PDF_LINK = "constitution-pdf-link"


class PublishedPdfs:
    """The PDFs a website build links, found once a build, as it starts writing, for every page it writes.

    Each is a file to look at, and the latest change's start page is the comparisons' to work out (``resolved``):
    a few PDFs, but asked of each of the hundreds of pages written. One is made for each application in
    :func:`setup`, its bound methods the event handlers, and what it found is forgotten as the build ends: the
    editors' preview builds again and again with one application, and a PDF build between two builds changes what
    is published. (The package's way of keeping a concept's state: ``theme/assets.py``, :class:`PageAssets`.)
    """

    def __init__(self) -> None:
        self.found: dict[str, tuple[PdfDocument, Path]] | None = None  # :func:`_published`'s, for the build writing

    def find(self, app: Sphinx, builder: Builder) -> None:
        """``write-started``: find the PDFs that the website's pages link."""
        if is_website(builder):
            self.found = _published(app)

    def forget(self, app: Sphinx, exception: Exception | None) -> None:
        """``build-finished``: the next build finds them again."""
        self.found = None

    def download_link(self, app: Sphinx, pagename: str) -> tuple[str, str] | None:
        """(address from *pagename*, "PDF, 180 KB") of the PDF that starts at *pagename*, if it was written."""
        published = (self.found if self.found is not None else _published(app)).get(pagename)
        if published is None:
            return None
        path = published[1]
        return relative_uri(app.builder.get_target_uri(pagename), f"pdf/{path.name}"), _("PDF, %s") % _file_size(
            path.stat().st_size
        )

    def link_pdf(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """``doctree-resolved``: "Download this as a PDF" on each website page that starts a PDF."""
        if not is_website(app.builder):
            return
        published = self.download_link(app, docname)
        if published is not None:
            insert_download_link(doctree, published)


def _published(app: Sphinx) -> dict[str, tuple[PdfDocument, Path]]:
    """start page -> (document, PDF file) for each PDF that the PDF build has written; the first listed, if several
    have one start page (the current edition's, at the current text's filename)."""
    found: dict[str, tuple[PdfDocument, Path]] = {}
    for doc, path in _written(app):
        found.setdefault(doc.start, (doc, path))
    return found


def _written(app: Sphinx) -> list[tuple[PdfDocument, Path]]:
    """(document, PDF file) of each PDF that the PDF build has written."""
    folder = Path(app.confdir, settings(app.config).pdf_output_dir)
    found = []
    for doc in resolved(app.builder, settings(app.config).pdfs):
        path = folder / f"{doc.filename}.pdf"
        if path.is_file():
            found.append((doc, path))
    return found


def pages_of_newer_pdfs(app: Sphinx, env: Any, added: Set[str], changed: Set[str], removed: Set[str]) -> list[str]:
    """A page whose PDF was rebuilt since the page was written is written again, with the new size."""
    if not is_website(app.builder):
        return []
    stale = []
    for start, (_doc, pdf) in _published(app).items():
        if start not in env.all_docs:  # a pair's own comparison page: pairs.py writes it when its PDF changes
            continue
        page = Path(app.outdir, app.builder.get_target_uri(start))
        page = page / "index.html" if page.is_dir() else page
        if not page.is_file() or page.stat().st_mtime < pdf.stat().st_mtime:
            stale.append(start)
    return stale


def insert_download_link(doctree: nodes.document, published: tuple[str, str]) -> None:
    """ "Download this as a PDF (PDF, 180 KB)" under the page's title; *published* is what
    :meth:`PublishedPdfs.download_link` gives."""
    href, size = published
    link = nodes.reference("", "", nodes.Text(_("Download this as a PDF")), refuri=href, internal=False)
    para = nodes.paragraph("", "", link, nodes.Text(f" ({size})"), classes=["pdf-download"])
    section = next(doctree.findall(nodes.section), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, para)


def _file_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def copy_pdfs_into_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_website(app.builder):
        return
    published = _written(app)
    if published:
        target = Path(app.outdir, "pdf")
        target.mkdir(exist_ok=True)
        for _doc, path in published:
            shutil.copy2(path, target / path.name)
