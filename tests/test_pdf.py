"""The PDFs, read back: pages, text in order, outline, links, title, language, tags, fonts, bytes."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pikepdf
import pypdf
import pytest
from conftest import ROOT, SNIPPET_CONF, SOURCE_DATE_EPOCH, Build, copy_project, sphinx_build
from sphinx.cmd.build import build_main

pytestmark = pytest.mark.site  # the slow tests: `nox -s site` runs them, `nox -s tests` leaves them out

PROTOCOL = "member-officer-relations-protocol.pdf"
NOTES = ["members-notes.pdf", "employees-notes.pdf"]
CHANGES = "member-officer-relations-protocol-changes.pdf"
OLD_EDITION = "member-officer-relations-protocol-pre-2026.pdf"


def read(pdfs: Build, name: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(pdfs.outdir / name)


def text_of(reader: pypdf.PdfReader) -> str:
    """The whole text, with line breaks and typographic quotes flattened for searching."""
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def test_the_pdf_build_gives_no_warning(pdfs: Build) -> None:
    assert pdfs.status == 0
    assert pdfs.warnings == ""
    assert sorted(p.name for p in pdfs.outdir.glob("*.pdf")) == sorted([PROTOCOL, *NOTES, CHANGES, OLD_EDITION])


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
    assert kinds["/Caption"] == 3  # the Appendix's three Do/Don't tables


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
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    again = sphinx_build(ROOT / "docs", tmp_path / "pdf", "-n", "-b", "pdf", confdir=ROOT)
    assert again.status == 0, again.warnings
    for name in [PROTOCOL, *NOTES]:
        assert (again.outdir / name).read_bytes() == (pdfs.outdir / name).read_bytes(), name


def test_a_note_that_grows_past_one_page_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
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
