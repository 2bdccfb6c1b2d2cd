"""The PDFs, read back: pages, text in order, outline, links, title, language, tags, fonts, bytes."""

from __future__ import annotations

import collections
import re
import statistics
from pathlib import Path

import pdf_read
import pdf_structure
import pdfplumber
import pdfua
import pikepdf
import pypdf
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SNIPPET_CONF, SOURCE_DATE_EPOCH, Build, copy_project, sphinx_build
from sphinx.cmd.build import build_main

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out

PROTOCOL = "member-officer-relations-protocol.pdf"
NOTES = ["members-notes.pdf", "employees-notes.pdf"]
CHANGES = "member-officer-relations-protocol-changes.pdf"
OLD_EDITION = "member-officer-relations-protocol-pre-2026.pdf"
EVERY_PDF = [PROTOCOL, CHANGES, OLD_EDITION, *NOTES]
DEJAVU_SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")  # Debian's fonts-dejavu-core


def read(pdfs: Build, name: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(pdfs.outdir / name)


def text_of(reader: pypdf.PdfReader) -> str:
    """The whole text, with line breaks and typographic quotes flattened for searching."""
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


@pytest.fixture(scope="module")
def lines(pdfs: Build) -> dict[str, list[pdf_read.Page]]:
    """Every PDF read back as lines (tests/pdf_read.py), once for the module."""
    return {name: pdf_read.read(pdfs.outdir / name) for name in EVERY_PDF}


# The labels that introduce the text after them, by the site's HTML, and the kind of structure element the PDF
# makes of each: a term is a list item's body there, a clause's title a paragraph. (Headings, captions and header
# cells the structure tree names itself.) A compared paragraph's head introduces its words, if it has any: a
# paragraph renumbered with the same words is its head alone ("Renumbered paragraph 1.3, was 1.2; words unchanged").
LABELS = {"LBody": "dt", "P": "p.con-clause-title, p.con-change-head:not(:last-child)"}
# The site's pages that each PDF holds (conf.py's constitution_pdf_documents), so a text is a label only where it is
# one: clause 4.1(4)'s title "Relationships" is the whole text of a compared paragraph in the comparison.
PAGES = {
    PROTOCOL: ["protocol/*.html", "glossary.html", "codes.html"],
    CHANGES: ["editions/changes-2026.html"],
    OLD_EDITION: ["editions/pre-2026/*.html", "glossary.html", "codes.html"],
    NOTES[0]: ["notes/members.html"],
    NOTES[1]: ["notes/employees.html"],
}


def labels(site: Build, pdf: str) -> dict[str, set[str]]:
    """The labels in the pages of *pdf*, by the kind of structure element that holds each."""
    found: dict[str, set[str]] = {kind: set() for kind in LABELS}
    for pattern in PAGES[pdf]:
        for path in site.outdir.glob(pattern):
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for permalink in soup.select("a.headerlink"):  # the PDF has none
                permalink.decompose()
            for kind, selector in LABELS.items():
                found[kind] |= {" ".join(element.get_text().split()) for element in soup.select(selector)}
    return found


def test_no_page_ends_with_a_heading_caption_or_term(lines: dict[str, list[pdf_read.Page]], site: Build) -> None:
    """Issue 13: the last line of a page is never a heading, a table's caption, a term or a label (a register
    entry's "Kind:", a clause's title, a compared paragraph's "Changed paragraph 6.7") apart from what it
    introduces; read back from every page of every PDF."""
    known = {name: labels(site, name) for name in EVERY_PDF}
    seen = {  # the check sees each kind of line it looks for, so that it cannot pass by seeing none
        line.text
        for name, pages in lines.items()
        for page in pages
        for line in page.lines
        if pdf_read.introduces(line, known[name])
    }
    assert {"1 Introduction", "What Members can expect from Officers", "Cabinet Member"} <= seen  # "Kind:" is
    # read as a label too, but sits beside its value since issue 14 (and was seen alone before: see the README)
    assert {"(3) Political Neutrality/Activities", "Changed paragraph 6.7", "The rules that matter most"} <= seen
    stranded = [
        f"{name}, page {page.number}: {last.text!r}"
        for name, pages in lines.items()
        for page in pages
        if (last := pdf_read.foot(page)) is not None and pdf_read.introduces(last, known[name])
    ]
    assert not stranded


def _sentences(count: int) -> str:
    return " ".join(["Officers and Members work together with mutual respect, each within their own role."] * count)


# Each kind of block that introduces what follows, again and again at lengths that differ, so that without the
# keep-together rules of pdf.css some fall at the foot of a page: without the rule for captions, "Table 5" ends
# page 3; for terms, "Term 2" page 1; for clauses' titles, "28.1 Clause title 28" page 17. (Headings WeasyPrint's
# own stylesheet keeps with what follows.)
KEEP_TOGETHER = "# Keep together\n\n" + "\n".join(
    f"""
## Part {n}

{_sentences(n % 5 + 1)}

:::{{clause}} {n}.1 Clause title {n}
{_sentences(n % 3 + 1)}
:::

## Heading {n}

{_sentences(n % 7 + 2)}

```{{glossary}}
Term {n}
   {_sentences(n % 4 + 1)}
```

:::{{do-dont}} Table {n}
:do: Do
:dont: Don't

+ {_sentences(1)}

- {_sentences(n % 2 + 1)}
:::
"""
    for n in range(1, 41)
)


def test_what_introduces_a_block_is_kept_with_it(build_snippet) -> None:
    conf = PDF_SNIPPET.replace('"filename": "page"', '"filename": "keep"')
    result = build_snippet({"index": KEEP_TOGETHER}, conf=conf, builder="pdf")
    assert result.status == 0, result.warnings
    pages = pdf_read.read(result.outdir / "keep.pdf")
    labels = {"LBody": {f"Term {n}" for n in range(1, 41)}, "P": {f"Clause title {n}" for n in range(1, 41)}}
    feet = [pdf_read.foot(page) for page in pages[:-1]]
    assert len(feet) >= 8
    assert not [f"page {line.page}: {line.text!r}" for line in feet if line and pdf_read.introduces(line, labels)]


# From clause 2.2, which broke "If agreement / cannot / be reached": a run of text that ends with a space before
# an inline element (emphasis here; there, a link), in paragraphs each half a point narrower than the one before.
# Where the run just fits on the line only if its last space hangs past the margin, WeasyPrint 70 cuts it after
# its first word: without the fix, seven of these paragraphs start with "If" alone.
RUN = "If agreement cannot be reached the Head of Paid Service will seek to"
NARROWER = "".join(f"p:nth-of-type({n}) {{ margin-right: {n / 2}pt; }}\n" for n in range(1, 121))


def test_no_line_of_running_text_is_broken_before_it_is_full(build_snippet) -> None:
    """Issue 14: a line of a paragraph ends only where the next word would not fit; read back from the PDF."""
    conf = PDF_SNIPPET.replace('"filename": "page"', '"filename": "prose"')
    conf += 'constitution_pdf_stylesheets = ["narrower.css"]\n'
    paragraph = f"{RUN} *Leader of the Council* and/or the Leader of the appropriate party group."
    text = "# Line breaks\n\n" + "\n\n".join([paragraph] * 120) + "\n"
    result = build_snippet({"index": text}, conf=conf, builder="pdf", files={"src/narrower.css": NARROWER})
    assert result.status == 0, result.warnings
    pages = pdf_read.read(result.outdir / "prose.pdf")
    firsts = [line.text for page in pages for line in page.lines if line.text.startswith("If")]
    assert RUN in firsts and RUN not in firsts[-1], "the run fits on its line in the first paragraphs only"
    early = [f"{line.text!r} / {after.text!r}" for page in pages for line, after in pdf_read.broken_early(page)]
    assert not early


def test_the_lines_are_read_from_every_character_pdfplumber_finds(
    pdfs: Build, lines: dict[str, list[pdf_read.Page]]
) -> None:
    """pdf_read takes the characters from pdfminer's layout (``pdf_read.characters``), not from pdfplumber's
    ``page.chars``, which makes every object of a page into a dictionary first: the same characters in the same
    order, with the same text, place, size, font and marked-content id, on the members' note and on the pages of
    the protocol with its title block and contents, and with a Do / Don't table (page.chars is the slow way: not
    every page)."""
    table = next(page.number for page in lines[PROTOCOL] if any(block.kind == "TH" for block in _blocks(page)))
    seen = 0
    for name, numbers in ((NOTES[0], [1]), (PROTOCOL, [1, table])):
        with pdfplumber.open(pdfs.outdir / name) as pdf:
            for page in (pdf.pages[number - 1] for number in numbers):
                found = [
                    (c.get_text(), c.x0, c.x1, c.y0, c.size, c.fontname, getattr(c, "mcid", None))
                    for c in pdf_read.characters(page.layout)
                ]
                given = [
                    (c["text"], c["x0"], c["x1"], c["y0"], c["size"], c["fontname"], c.get("mcid")) for c in page.chars
                ]
                assert found == given, f"{name}, page {page.page_number}"
                seen += len(found)
    assert seen > 3_000


def _blocks(page: pdf_read.Page) -> set[pdf_read.Block]:
    return {block for line in page.lines for block in line.blocks}


@pytest.mark.parametrize("name", EVERY_PDF)
def test_body_text_is_11_pt_on_a_measure_near_70_characters(lines: dict[str, list[pdf_read.Page]], name: str) -> None:
    """Issue 14: body text of 11 pt or more (9.5 pt before), lines of about 70 characters (95 to 100 before)."""
    pages = lines[name]
    assert pdf_read.body_size(pages) >= 11
    assert 60 <= statistics.median(pdf_read.characters_per_line(pages)) <= 80


def test_no_line_of_any_pdf_is_broken_before_it_is_full(lines: dict[str, list[pdf_read.Page]]) -> None:
    """Issue 14: 2.2 read "If agreement / cannot / be reached" in both editions (pdf_read.broken_early)."""
    early = [
        f"{name}, page {page.number}: {line.text!r} / {after.text!r}"
        for name, pages in lines.items()
        for page in pages
        for line, after in pdf_read.broken_early(page)
    ]
    assert not early


def test_the_appendix_tables_line_up_and_their_captions_have_space_above(lines: dict[str, list[pdf_read.Page]]) -> None:
    """Issue 14: tables of one style. The Appendix's Do / Don't tables had their columns where their words put
    them (the second began 254, 281 or 329 pt from the page's edge); each caption after a paragraph or a table
    has space above it (1.0 em before)."""
    columns: dict[int, set[tuple[float, ...]]] = {}
    for pages in lines.values():
        for page in pages:
            for before, line in zip(page.lines, page.lines[1:], strict=False):
                # after a paragraph or a table, not a heading (its own space below) or the caption's first line
                if {block.kind for block in line.blocks} == {"Caption"} and not re.fullmatch(
                    r"Caption|H\d", before.blocks[-1].kind
                ):
                    space = line.top - before.top - before.size * 1.4  # top to top, less one line
                    assert space >= 1.25 * line.size, f"page {page.number}: {line.text!r}"
            for line in page.lines:
                if {block.kind for block in line.blocks} == {"TH"}:  # a header row: where each cell's text starts
                    starts = tuple(round(next(c for c in line.chars if c.block is b).x0) for b in line.blocks)
                    columns.setdefault(len(starts), set()).add(starts)
    assert columns[2] and columns[4]  # the Do / Don't tables, and About this edition's corrections
    assert all(len(found) == 1 for found in columns.values()), columns


def _pdf_font_snippet(build_snippet, conf: str, **kwargs):
    page = "# House style\n\n## A heading\n\n:::{clause} 1.1\nSome words of body text, and {clause}`1.1`.\n:::\n"
    return build_snippet({"index": page}, conf=PDF_SNIPPET + conf, builder="pdf", **kwargs)


def test_the_house_font_and_colours_come_from_configuration(build_snippet) -> None:
    """Issue 14: constitution_pdf_font and the two colours set the type; DejaVu Sans stays the default."""
    conf = 'constitution_pdf_font = "DejaVu Serif"\n'
    conf += 'constitution_pdf_text_colour = "#1b1b1b"\nconstitution_pdf_accent_colour = "#8a1538"\n'
    result = _pdf_font_snippet(build_snippet, conf)
    assert result.status == 0, result.warnings
    (page,) = pdf_read.read(result.outdir / "page.pdf")
    heading, text = (
        line for line in page.lines if line.text in {"A heading", "1.1 Some words of body text, and paragraph 1.1."}
    )
    accent, ink = (0.54, 0.08, 0.22), (0.11, 0.11, 0.11)  # #8a1538 and #1b1b1b, as the PDF gives them

    def colours(line: pdf_read.Line) -> set[tuple[float, ...]]:
        return {tuple(round(value, 2) for value in char.colour) for char in line.chars if not char.text.isspace()}

    assert colours(heading) == {accent}
    assert colours(text) == {ink, accent}  # the words, and the link
    assert {char.font for line in page.lines for char in line.chars} == {"DejaVu-Serif", "DejaVu-Serif-Bold"}


def test_a_house_font_declared_with_font_face_is_embedded(build_snippet) -> None:
    """A council's own font files, declared in one of constitution_pdf_stylesheets, are loaded and embedded."""
    css = '@font-face { font-family: "Council Sans"; src: url(fonts/council.ttf); }\n'
    files = {"src/house.css": css, "src/fonts/council.ttf": DEJAVU_SERIF.read_bytes()}
    conf = 'constitution_pdf_font = "Council Sans"\nconstitution_pdf_stylesheets = ["house.css"]\n'
    result = _pdf_font_snippet(build_snippet, conf, files=files)
    assert result.status == 0, result.warnings
    (page,) = pdf_read.read(result.outdir / "page.pdf")
    assert {char.font for line in page.lines for char in line.chars} == {"Council-Sans", "Council-Sans-Bold"}


def test_a_house_font_the_machine_lacks_is_a_warning(build_snippet) -> None:
    """WeasyPrint would set the text in another font without a word: the build names the font and fails."""
    result = _pdf_font_snippet(build_snippet, 'constitution_pdf_font = "Council Sans"\n')
    assert result.status != 0
    assert re.search(
        r"index\.md:1: WARNING: page\.pdf: the font 'Council Sans' \(constitution_pdf_font\) was not found, and the "
        r"text is set in DejaVu Sans: install it, or declare it with @font-face in one of "
        r"constitution_pdf_stylesheets \[constitution\.pdf_layout\]",
        result.warnings,
    ), result.warnings


def test_a_clause_number_is_never_broken_across_lines(build_snippet) -> None:
    """Pango may break "4.1(4)(vii)" between ")" and "("; the PDF keeps a clause's number in one piece."""
    clauses = ":::::{clause} 4.1\nWords.\n\n::::{clause} (4) Heading\n:::{clause} (vii)\nWords.\n:::\n::::\n:::::\n\n"
    cited = " ".join(f"See {'also ' * (n % 3)}{{clause}}`4.1(4)(vii)`." for n in range(90))  # words vary the breaks
    conf = PDF_SNIPPET + 'constitution_pdf_stylesheets = ["narrower.css"]\n'
    text = "# Numbers\n\n" + clauses + "\n\n".join([cited] * 12) + "\n"
    result = build_snippet({"index": text}, conf=conf, builder="pdf", files={"src/narrower.css": NARROWER})
    assert result.status == 0, result.warnings
    pages = pdf_read.read(result.outdir / "page.pdf")
    whole = sum(line.text.count("4.1(4)(vii)") for page in pages for line in page.lines)
    assert whole == 12 * 90  # every reference on one line: without the rule, 180 were split in two


def test_the_pdf_build_gives_no_warning(pdfs: Build) -> None:
    assert pdfs.status == 0
    assert pdfs.warnings == ""
    current_at_its_own = "member-officer-relations-protocol-2026.pdf"  # "editions": True makes it too
    made = [PROTOCOL, *NOTES, CHANGES, OLD_EDITION, current_at_its_own]
    assert sorted(p.name for p in pdfs.outdir.glob("*.pdf")) == sorted(made)


@pytest.mark.parametrize("name", NOTES)
def test_each_note_is_exactly_one_a4_page(pdfs: Build, name: str) -> None:
    reader = read(pdfs, name)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_the_protocol_is_a4_with_title_block_and_page_numbers(pdfs: Build) -> None:
    reader = read(pdfs, PROTOCOL)
    assert 15 <= len(reader.pages) <= 60
    first = " ".join(reader.pages[0].extract_text().split())
    assert first.startswith("North East Derbyshire District Council Member Officer Relations Protocol")
    assert "Draft for the Standards Committee meeting on 29 April 2026." in first  # the status, by the title
    last = reader.pages[-1].extract_text()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last
    assert reader.pages[3].extract_text().splitlines()[-2] == "Member Officer Relations Protocol"  # running header


def test_clauses_are_present_in_order_with_their_numbers(pdfs: Build) -> None:
    text = text_of(read(pdfs, PROTOCOL))
    in_order = [
        "1.1 Effective working relationships between elected members",
        "6.2 Members who wish to obtain information",
        "Officers will do their best to comply with the timescale.",
        'has no right to "a roving commission"',
        "(3) To check or correct any error or omission",
        "12.1 The Monitoring Officer has a specific statutory function",
        "What Members can expect from Officers",
        "This glossary explains",
    ]
    positions = [text.find(phrase) for phrase in in_order]
    assert -1 not in positions, dict(zip(in_order, positions, strict=True))
    assert positions == sorted(positions)


def test_the_outline_has_every_section_and_no_pilcrows(pdfs: Build) -> None:
    reader = read(pdfs, PROTOCOL)

    def titles(outline: list) -> list[str]:
        return [t for item in outline for t in (titles(item) if isinstance(item, list) else [item.title])]

    outline = titles(reader.outline)
    for section in (
        "1 Introduction",
        "2A Principles of this Member Officer Relations Protocol",
        "6 Members’ access to information, Council documents and employee advice",
        "12 The role of the Monitoring Officer",
        "Appendix: examples of acceptable and unacceptable behaviour",
        "Glossary",
    ):
        assert section in outline
    assert not any("¶" in title for title in outline)


def _link_targets(reader: pypdf.PdfReader) -> collections.Counter[str]:
    targets: collections.Counter[str] = collections.Counter()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                targets[str(annot["/Dest"])] += 1
    return targets


def test_clause_glossary_and_contents_links_work_inside_the_pdf(pdfs: Build) -> None:
    reader = read(pdfs, PROTOCOL)
    destinations = reader.named_destinations
    targets = _link_targets(reader)
    assert sum(targets.values()) > 100
    assert not set(targets) - set(destinations), "every internal link lands on a destination"
    assert any(t.startswith("term-") for t in targets)  # glossary terms
    assert "code-lga-1972" in targets  # the codes register
    contents = {str(a.get_object()["/Dest"]) for a in reader.pages[0].get("/Annots") or []}
    assert {"introduction", "application", "glossary"} <= contents  # the contents list links each page
    page = reader.get_destination_page_number(destinations["clause-6-7"])
    assert "roving commission" in reader.pages[page].extract_text().replace("\n", " ")


def test_title_language_and_tags_make_it_accessible(pdfs: Build) -> None:
    for name in [PROTOCOL, *NOTES]:
        with pikepdf.open(pdfs.outdir / name) as pdf:
            root = pdf.Root
            assert str(root.Lang) == "en-GB"
            assert bool(root.ViewerPreferences.DisplayDocTitle)
            assert bool(root.MarkInfo.Marked)
            assert "/StructTreeRoot" in root
            assert str(pdf.docinfo.Title).endswith(("Member Officer Relations Protocol",))


def test_the_structure_tree_has_headings_lists_and_tables_with_header_cells(pdfs: Build) -> None:
    with pikepdf.open(pdfs.outdir / PROTOCOL) as pdf:
        kinds: collections.Counter[str] = collections.Counter()

        def walk(element: object) -> None:
            if isinstance(element, pikepdf.Dictionary):
                if "/S" in element:
                    kinds[str(element.S)] += 1
                kids = element.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot)
    for kind in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Caption", "/Link"):
        assert kinds[kind] > 0, kind
    assert kinds["/Caption"] == kinds["/Table"] == 5  # the Appendix's three Do/Don't tables, the two corrections


def test_fonts_are_embedded(pdfs: Build) -> None:
    for name in [PROTOCOL, *NOTES]:
        with pikepdf.open(pdfs.outdir / name) as pdf:
            fonts = {}
            for page in pdf.pages:
                for font in page.Resources.get("/Font", {}).values():
                    descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                    fonts[str(font.BaseFont)] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert fonts and all(fonts.values()), fonts
            assert any("DejaVu-Sans" in font for font in fonts)


def test_the_dates_come_from_source_date_epoch(pdfs: Build) -> None:
    info = read(pdfs, PROTOCOL).metadata
    assert info["/CreationDate"].startswith("D:20261123")


def test_two_builds_give_the_same_bytes(pdfs: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every PDF, byte for byte: the test run's ``pdfs`` and one more build of the same sources, made as ``pdfs`` is
    (one side is the PDFs the other tests read, so the comparison needs one build of its own, not two)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    again = sphinx_build(ROOT / "docs", tmp_path / "pdf", "-n", "-b", "pdf", confdir=ROOT)
    assert again.status == 0, again.warnings
    written = sorted(path.name for path in pdfs.outdir.glob("*.pdf"))
    assert {PROTOCOL, *NOTES, CHANGES, OLD_EDITION} <= set(written)
    assert sorted(path.name for path in again.outdir.glob("*.pdf")) == written
    for name in written:
        assert (again.outdir / name).read_bytes() == (pdfs.outdir / name).read_bytes(), name


def test_a_note_that_grows_past_one_page_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # Only the notes' PDFs are made: the protocol's and the editions' (most of a build's time) show nothing here.
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nconstitution_pdf_documents = [d for d in constitution_pdf_documents if d.get("max_pages")]\n')
    note = project / "docs/notes/members.md"
    padding = "\n\n".join(["Members should read the whole protocol, clause by clause, before they act."] * 40)
    note.write_text(note.read_text(encoding="utf-8") + "\n\n## More\n\n" + padding + "\n", encoding="utf-8")
    result = sphinx_build(project / "docs", tmp_path / "pdf", "-n", "-b", "pdf", confdir=project)
    assert result.status != 0
    location = f"{project / 'docs/notes/members.md'}:1: WARNING: members-notes.pdf would take "
    assert re.search(re.escape(location) + r"[2-9] pages; it must fit on one A4 page", result.warnings), result.warnings
    assert "[constitution.pdf_too_long]" in result.warnings
    assert not (result.outdir / "members-notes.pdf").exists()
    assert (result.outdir / "employees-notes.pdf").exists()


LONG_TABLE = (
    """# Appendix

:::{do-dont} What Members can expect from Officers
:do: Officers Do
:dont: Officers Don't

"""
    + "\n---\n\n".join(
        f"+ Row {n}: pursue lawful policies and comply with the Officers' Code of Conduct, every time.\n\n"
        f"- Row {n}: deviate from the Constitution.\n- Row {n}: a second item, which must stay with the first.\n"
        for n in range(1, 41)
    )
    + ":::\n"
)


@pytest.mark.parametrize("name", EVERY_PDF)
def test_the_structure_tree_is_pdf_ua_clean(pdfs: Build, name: str) -> None:
    """Issue 14: the running header and the page numbers are artifacts, and no other marked content is outside the
    structure tree (1 to 63 sequences a PDF were); every table has its caption (9 of the protocol's 12 Table
    elements had none: 2 were tables of the source without one, 7 a table's rows on the next page; 2 of the older
    edition's 5); every list item has an LBody (97 had Lbl and P); every header cell a Scope (46 had none)."""
    assert pdf_structure.faults(pdfs.outdir / name) == {
        "orphaned marked content": [],
        "Table without Caption": [],
        "LI without LBody": [],
        "TH without Scope": [],
        "empty heading": [],
    }


# pdfua 0.1.3 skips this rule, "Heading elements are not empty", and says why: it raises on a heading whose /K is an
# array, as WeasyPrint writes them. pdf_structure checks it instead ("empty heading").
PDFUA_CANNOT_RUN = {"UA-14-001"}


@pytest.mark.parametrize("name", EVERY_PDF)
def test_a_second_checker_finds_no_pdf_ua_fault(pdfs: Build, name: str) -> None:
    """pdfua (PyPI; 12 machine-checkable rules of PDF/UA-1, read with pikepdf) reports nothing: before, the
    protocol's and the older edition's tables had header cells with no Scope (UA-15-003: 12 and 5 findings)."""
    report = pdfua.validate(str(pdfs.outdir / name))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert {skip.rule_id for skip in report.skipped} <= PDFUA_CANNOT_RUN


def test_a_table_without_a_caption_is_a_warning_at_its_line(build_snippet) -> None:
    table = "# Page\n\nSome text.\n\n| A | B |\n| - | - |\n| 1 | 2 |\n"
    result = build_snippet({"index": table}, conf=PDF_SNIPPET, builder="pdf")
    assert result.status != 0
    assert re.search(
        r"index\.md:5: WARNING: page\.pdf: this table has no caption, which a tagged PDF needs: write one, as "
        r"':::\{table\} Caption' around the table, or the argument of list-table \[constitution\.pdf_table_caption\]",
        result.warnings,
    ), result.warnings


def test_a_table_over_two_pages_is_one_table_with_its_caption(build_snippet) -> None:
    """WeasyPrint tags the rows on the next page as a second Table with the header row again; the PDF has one
    Table, its caption first, every row in its body, and the repeated header row is an artifact."""
    conf = PDF_SNIPPET.replace('"filename": "page"', '"filename": "table"')
    result = build_snippet({"index": LONG_TABLE}, conf=conf, builder="pdf")
    assert result.status == 0, result.warnings
    path = result.outdir / "table.pdf"
    assert len(pypdf.PdfReader(path).pages) >= 2
    with pikepdf.open(path) as pdf:
        tables = [e for e in pdf_structure._tree(pdf) if e.get("/S") == "/Table"]
        assert len(tables) == 1
        parts = pdf_structure._elements(tables[0])
        assert parts == ["/Caption", "/THead", "/TBody"]
        body = next(kid for kid in tables[0].K if kid.get("/S") == "/TBody")
        assert len(body.K) == 40  # every row
    assert not any(pdf_structure.faults(path).values())


def test_a_do_dont_table_repeats_its_header_and_never_splits_a_row(build_snippet) -> None:
    conf = """
    extensions.append("sphinx_constitution.outputs.pdf")
    constitution_pdf_documents = [{"start": "index", "filename": "table"}]
    """
    result = build_snippet({"index": LONG_TABLE}, conf=conf, builder="pdf")
    assert result.status == 0, result.warnings
    reader = pypdf.PdfReader(result.outdir / "table.pdf")
    assert len(reader.pages) >= 2
    for page in reader.pages:
        text = page.extract_text()
        assert "Officers Do" in text and "Officers Don’t" in text  # the header row, on every page
        rows = re.findall(r"Row (\d+): pursue", text)
        for row in rows:  # each row's two Don't items are on the same page as its Do item
            assert f"Row {row}: a second item" in text


def test_the_site_links_each_pdf_with_its_size(site: Build, pdfs: Build) -> None:
    for page, name in (("protocol/index", PROTOCOL), ("notes/members", NOTES[0]), ("notes/employees", NOTES[1])):
        link = site.main(page).select_one("p.pdf-download a")
        assert link is not None, page
        assert link["href"] == f"../pdf/{name}"
        size = round((pdfs.outdir / name).stat().st_size / 1024)
        assert f"(PDF, {size} KB)" in link.parent.get_text()
        assert (site.outdir / "pdf" / name).read_bytes() == (pdfs.outdir / name).read_bytes()


PDF_SNIPPET = """
extensions.append("sphinx_constitution.outputs.pdf")
constitution_pdf_documents = [{"start": "index", "filename": "page"}]
"""


def test_a_machine_without_harfbuzz_subset_builds_the_pdf_and_says_so_once(tmp_path: Path, capsys) -> None:
    """A fresh Debian machine has no libharfbuzz-subset0, and WeasyPrint then embeds fonts with fontTools and warns
    about it for every font. That is a notice about the machine, not an authoring mistake: the build passes."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text("# P\n\nSome *words* in **two** fonts.\n", encoding="utf-8")
    as_if_missing = "import weasyprint.pdf.fonts\nweasyprint.pdf.fonts.harfbuzz_subset = None\n"
    (src / "conf.py").write_text(SNIPPET_CONF + PDF_SNIPPET + as_if_missing, encoding="utf-8")
    status = build_main(["-W", "-b", "pdf", str(src), str(tmp_path / "out")])  # not quiet: notes are shown
    said = capsys.readouterr()
    assert status == 0, said.err
    assert said.out.count("note: WeasyPrint embeds fonts with fontTools here") == 1
    assert "fontTools.subset" not in said.out + said.err  # its progress log is kept off the console
    pages = pypdf.PdfReader(tmp_path / "out" / "page.pdf").pages
    assert {font for page in pages for font in page["/Resources"]["/Font"]}  # embedded all the same


def test_a_pdf_never_loads_a_file_from_outside_the_project(build_snippet, tmp_path: Path) -> None:
    """WeasyPrint's fetcher is held to the project's folders: a stylesheet that asks for a file elsewhere fails."""
    (tmp_path / "elsewhere.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "print.css").write_text(f'body {{ background: url("file://{tmp_path}/elsewhere.png") }}')
    conf = PDF_SNIPPET + 'constitution_pdf_stylesheets = ["print.css"]\n'
    result = build_snippet({"index": "# P\n\nWords.\n"}, conf=conf, builder="pdf")
    assert result.status != 0
    assert "elsewhere.png" in result.warnings and "outside the project's folders" in result.warnings
    assert "[constitution.pdf_layout]" in result.warnings


def test_a_subset_of_the_principles_keeps_its_numbers_in_the_pdf(build_snippet) -> None:
    conf = """
    extensions.append("sphinx_constitution.outputs.pdf")
    constitution_pdf_documents = [{"start": "index", "filename": "principles"}]
    """
    source = (
        "# P\n\n:::{principles}\n:principles: integrity, openness\n:no-descriptions:\n:::\n\n"
        "Next, a run:\n\n:::{principles}\n:principles: objectivity, accountability\n:no-index:\n:::\n"
    )
    result = build_snippet({"index": source}, conf=conf, builder="pdf")
    assert result.status == 0, result.warnings
    text = read(result, "principles.pdf").pages[0].extract_text()
    markers = re.findall(r"(?m)^(\d)\. *$", text)  # WeasyPrint writes the list markers after the page's text
    assert markers == ["2", "5", "3", "4"], text


def test_a_pdf_of_tracked_changes_prints_no_words_meant_for_screen_readers(build_snippet) -> None:
    """In the tracked view the website reads out "Deleted text: … End of deleted text"; a PDF printed them, small,
    struck through with the word they announce and run into it ("mustEnd of deleted text"). Paper shows the
    change by its line through or under the words, which stay apart."""
    page = "# P\n\nOfficers {del}`must` {ins}`should` reply.\n\n:::{ins}\nA new paragraph.\n:::\n"
    result = build_snippet({"index": page}, conf=PDF_SNIPPET + "constitution_tracked_changes = True\n", builder="pdf")
    assert result.status == 0, result.warnings
    text = text_of(pypdf.PdfReader(result.outdir / "page.pdf"))
    assert "Officers must should reply. A new paragraph." in text
    assert not re.search("Deleted|Inserted|End of", text), text
