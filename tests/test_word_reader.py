"""The Word reader (programs/wordimport/reader.py): real .docx files, made in code by tests/wordfiles.py
and by pandoc, read into a Document; every file that is not a readable Word document refused in one line."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pypandoc
import pytest
from sphinx_constitution.programs.wordimport import document as d
from sphinx_constitution.programs.wordimport import reader
from sphinx_constitution.programs.wordimport.reader import NotAWordDocument, read
from wordfiles import (
    AUTHOR,
    Cell,
    Comment,
    Field,
    Level,
    Link,
    Note,
    Para,
    Ref,
    Run,
    Table,
    WordFile,
    Xml,
    rewrite,
)


def paragraphs(document: d.Document) -> list[d.Paragraph]:
    """Every paragraph, those in table cells where they stand."""
    found: list[d.Paragraph] = []
    for block in document.blocks:
        if isinstance(block, d.Paragraph):
            found.append(block)
        else:
            found.extend(p for row in block.rows for cell in row for p in cell)
    return found


def numbered(document: d.Document, view: str = "accepted") -> list[tuple[str, str]]:
    """(number, words) of each paragraph present in a view, as Word shows it with the changes accepted/rejected."""
    shown = []
    for p in paragraphs(document):
        if p.change == ("del" if view == "accepted" else "ins"):
            continue
        label = p.label if view == "accepted" else p.label_original
        shown.append((label.text if label else "", p.text(view)))  # type: ignore[arg-type]
    return shown


def kinds(document: d.Document) -> list[str]:
    return [notice.kind for notice in document.notices]


@pytest.fixture
def legal() -> tuple[WordFile, object]:
    doc = WordFile(title="Member Officer Protocol")
    lists = doc.numbering([Level("decimal", "%1"), Level("decimal", "%1.%2"), Level("lowerLetter", "(%3)")])
    return doc, lists


# --- content ----------------------------------------------------------------------------------------------------


def test_headings_paragraphs_and_formatting(tmp_path: Path) -> None:
    doc = WordFile(title="  The  Protocol ")
    doc.style("Quote", "Quote block", italic=True)
    doc.heading("Introduction", level=1)
    doc.heading("Roles", level=2)
    doc.paragraph("Plain ", Run("bold", bold=True), " and ", Run("italic", italic=True), ".")
    doc.paragraph(Run("not bold", bold=False), Run(" strong", style="Strong"), Run(" emphasis", style="Emphasis"))
    doc.paragraph(Run("quoted, "), Run("upright", italic=False), style="Quote")
    doc.paragraph("Outline level by hand", outline=2)
    document = read(doc.save(tmp_path / "x.docx"))

    assert document.title == "The Protocol"
    heading, roles, plain, styled, quote, outlined = document.blocks
    assert isinstance(heading, d.Paragraph) and (heading.heading, heading.style) == (0, "Heading 1")
    assert isinstance(roles, d.Paragraph) and roles.heading == 1
    assert isinstance(plain, d.Paragraph) and plain.heading is None and plain.style == "Normal"
    assert plain.inlines == [
        d.Run("Plain "),
        d.Run("bold", bold=True),
        d.Run(" and "),
        d.Run("italic", italic=True),
        d.Run("."),
    ]
    assert isinstance(styled, d.Paragraph)
    assert styled.inlines == [d.Run("not bold"), d.Run(" strong", bold=True), d.Run(" emphasis", italic=True)]
    assert isinstance(quote, d.Paragraph) and quote.style == "Quote block"
    assert quote.inlines == [d.Run("quoted, ", italic=True), d.Run("upright")]
    assert isinstance(outlined, d.Paragraph) and outlined.heading == 2


def test_bold_and_italic_toggle_between_paragraph_and_character_styles(tmp_path: Path) -> None:
    """As in Word: a character style's bold inside a bold paragraph style shows upright; a document whose default
    text is bold does not make every character style toggle it."""
    doc = WordFile()
    doc.style("Bolded", bold=True)
    doc.paragraph(
        "In a bold style, ", Run("Strong", style="Strong"), Run(" emphasis", style="Emphasis"), style="Bolded"
    )
    document = read(doc.save(tmp_path / "x.docx"))
    assert paragraphs(document)[0].inlines == [
        d.Run("In a bold style, ", bold=True),
        d.Run("Strong"),
        d.Run(" emphasis", bold=True, italic=True),
    ]
    bold_default = rewrite(
        tmp_path / "x.docx", tmp_path / "y.docx", lambda name, data: data.replace(b'<w:sz w:val="22"/>', b"<w:b/>")
    )
    assert paragraphs(read(bold_default))[0].inlines[-1] == d.Run(" emphasis", bold=True, italic=True)


def test_what_word_adds_by_itself_changes_nothing(tmp_path: Path) -> None:
    """Revision ids, proofing marks, the last rendered page break, the _GoBack bookmark, a permission range."""
    doc = WordFile()
    doc.raw(
        '<w:p w:rsidR="00A1" w:rsidRDefault="00B2" w14:paraId="1A2B3C4D" w14:textId="77777777"><w:pPr>'
        '<w:spacing w:after="0"/></w:pPr><w:proofErr w:type="spellStart"/><w:r w:rsidRPr="00C3"><w:t>Councillers'
        '</w:t></w:r><w:proofErr w:type="spellEnd"/><w:bookmarkStart w:id="0" w:name="_GoBack"/>'
        '<w:bookmarkEnd w:id="0"/>'
        '<w:permStart w:id="1" w:edGrp="everyone"/><w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve"> and '
        'officers</w:t></w:r><w:permEnd w:id="1"/></w:p>'
    )
    (paragraph,) = paragraphs(read(doc.save(tmp_path / "x.docx")))
    assert paragraph.inlines == [d.Run("Councillers and officers")] and paragraph.bookmarks == ()


def test_empty_lines_are_left_out_and_their_bookmarks_kept(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("First")
    doc.paragraph()
    doc.paragraph(" \t ", bookmark="_Ref7")
    doc.paragraph("Second")
    document = read(doc.save(tmp_path / "x.docx"))
    assert [(p.where.paragraph, p.text(), p.bookmarks) for p in paragraphs(document)] == [
        (1, "First", ()),
        (4, "Second", ("_Ref7",)),
    ]


def test_run_characters(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph(
        "6.7\tWords",
        Xml(
            "<w:r><w:t>line</w:t><w:br/><w:t>break co</w:t><w:noBreakHyphen/><w:t>operate re</w:t><w:softHyphen/>"
            '<w:t>port</w:t><w:sym w:font="Symbol" w:char="F0B7"/><w:t xml:space="preserve"> </w:t>'
            '<w:sym w:font="Arial" w:char="00A7"/><w:t>5</w:t></w:r>'
        ),
    )
    (paragraph,) = read(doc.save(tmp_path / "x.docx")).blocks
    assert isinstance(paragraph, d.Paragraph)
    assert paragraph.text() == "6.7\tWordsline break co-operate report• §5"


def test_symbol_fonts(tmp_path: Path) -> None:
    """Ticks and crosses in a Do/Don't table, made with Insert Symbol (w:sym) or typed in the Wingdings font."""
    doc = WordFile()
    doc.paragraph(
        Xml(
            '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t xml:space="preserve"> Do</w:t></w:r>'
            '<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>'
            '<w:t xml:space="preserve"> \u00fb</w:t></w:r>'
            '<w:r><w:t xml:space="preserve"> Don\u2019t, x</w:t><w:sym w:font="Symbol" w:char="F0B4"/>'
            "<w:t>2</w:t></w:r>"
        ),
    )
    document = read(doc.save(tmp_path / "x.docx"))
    assert paragraphs(document)[0].text() == "✓ Do ✗ Don’t, x×2"
    assert document.notices == []


def test_words_struck_through_by_hand_are_reported(tmp_path: Path) -> None:
    """A draft that marks deletions by striking words through (not as tracked changes): the words are kept, and the
    editor is told where."""
    doc = WordFile()
    doc.paragraph("Officers ", Xml("<w:r><w:rPr><w:strike/></w:rPr><w:t>must</w:t></w:r>"), " should reply.")
    doc.paragraph("Not struck", Xml('<w:r><w:rPr><w:strike w:val="0"/></w:rPr><w:t> at all</w:t></w:r>'))
    document = read(doc.save(tmp_path / "x.docx"))
    assert [p.text() for p in paragraphs(document)] == ["Officers must should reply.", "Not struck at all"]
    assert [(n.kind, n.where.paragraph) for n in document.notices] == [("struck through", 1)]
    assert '"must"' in document.notices[0].detail


def test_hidden_text_and_symbols_not_read_are_reported(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Shown", Run(" secret", hidden=True), Xml('<w:r><w:sym w:font="Wingdings" w:char="F021"/></w:r>'))
    document = read(doc.save(tmp_path / "x.docx"))
    assert paragraphs(document)[0].text() == "Shown"
    assert kinds(document) == ["hidden text", "symbol"]


def test_links_external_and_internal(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Target", bookmark="_Ref9")
    doc.paragraph(
        "See ",
        Link("the code", url="https://example.org/code"),
        ", ",
        Link("mail", url="mailto:mo@example.org"),
        ", ",
        Link("the shared drive", url="file:///S:/Policies/code.docx"),
        " and ",
        Link("above", anchor="_Ref9"),
        " and ",
        Field('HYPERLINK "https://example.org/a" \\o "tip"', "a field link"),
        ".",
    )
    document = read(doc.save(tmp_path / "x.docx"))
    target, see = paragraphs(document)
    assert target.bookmarks == ("_Ref9",)
    assert see.inlines == [
        d.Run("See "),
        d.Run("the code", link="https://example.org/code"),
        d.Run(", "),
        d.Run("mail", link="mailto:mo@example.org"),
        d.Run(", the shared drive and "),
        d.CrossReference("_Ref9", "above", (), "HYPERLINK"),
        d.Run(" and "),
        d.Run("a field link", link="https://example.org/a"),
        d.Run("."),
    ]
    assert [(n.kind, n.where.paragraph) for n in document.notices] == [("link", 2)]
    assert "file:///S:/Policies/code.docx" in document.notices[0].detail


def test_footnotes_and_endnotes(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Words", Note("The Localism Act 2011."), " more", Note(("First.", "Second."), endnote=True))
    (paragraph,) = read(doc.save(tmp_path / "x.docx")).blocks
    assert isinstance(paragraph, d.Paragraph)
    assert paragraph.inlines == [
        d.Run("Words"),
        d.FootnoteReference(((d.Run("The Localism Act 2011."),),)),
        d.Run(" more"),
        d.FootnoteReference(((d.Run("First."),), (d.Run("Second."),)), "endnote"),
    ]
    assert paragraph.text() == "Words more"


# --- numbering --------------------------------------------------------------------------------------------------


def test_numbers_as_word_shows_them(tmp_path: Path, legal: tuple[WordFile, object]) -> None:
    doc, lists = legal
    doc.heading("Introduction", num=(lists, 0))
    doc.paragraph("First clause", num=(lists, 1))
    doc.paragraph("An unnumbered paragraph between")
    doc.paragraph("Second clause", num=(lists, 1))
    doc.paragraph("a sub-item", num=(lists, 2))
    doc.table([["Do", "Don't"], [Para.of("In a cell", num=(lists, 1)), "x"]], header=True)
    doc.heading("Roles", num=(lists, 0))
    doc.paragraph("Roles clause", num=(lists, 1))
    document = read(doc.save(tmp_path / "x.docx"))
    assert numbered(document) == [
        ("1", "Introduction"),
        ("1.1", "First clause"),
        ("", "An unnumbered paragraph between"),
        ("1.2", "Second clause"),
        ("(a)", "a sub-item"),
        ("", "Do"),
        ("", "Don't"),
        ("1.3", "In a cell"),
        ("", "x"),
        ("2", "Roles"),
        ("2.1", "Roles clause"),
    ]
    assert [p.where.paragraph for p in paragraphs(document)] == list(range(1, 12))


def test_numbers_around_an_inserted_and_a_deleted_paragraph(tmp_path: Path, legal: tuple[WordFile, object]) -> None:
    doc, lists = legal
    doc.paragraph("One", num=(lists, 1))
    doc.paragraph("A new clause", num=(lists, 1), change="ins")
    doc.paragraph("Two", num=(lists, 1))
    doc.paragraph("A clause removed", num=(lists, 1), change="del")
    doc.paragraph("Three", num=(lists, 1))
    doc.paragraph(Run("Four "), Run("old", change="del"), Run("new", change="ins"), num=(lists, 1))
    document = read(doc.save(tmp_path / "x.docx"))
    assert numbered(document, "accepted") == [
        ("1.1", "One"),
        ("1.2", "A new clause"),
        ("1.3", "Two"),
        ("1.4", "Three"),
        ("1.5", "Four new"),
    ]
    assert numbered(document, "original") == [
        ("1.1", "One"),
        ("1.2", "Two"),
        ("1.3", "A clause removed"),
        ("1.4", "Three"),
        ("1.5", "Four old"),
    ]
    changes = [p.change for p in paragraphs(document)]
    assert changes == [None, "ins", None, "del", None, None]


def test_a_paragraph_typed_after_another_with_changes_tracked(tmp_path: Path, legal: tuple[WordFile, object]) -> None:
    """Enter at the end of "One", then the new words: Word marks One's paragraph mark inserted and the new words
    inserted before One's old mark. Read as an editor reads it: a new paragraph after One."""
    doc, lists = legal
    doc.paragraph("One", num=(lists, 1), mark="ins")
    doc.paragraph(Run("A new clause", change="ins"), num=(lists, 1))
    doc.paragraph("Two", num=(lists, 1))
    doc.paragraph("Three", num=(lists, 1), mark="del")  # the mirror: Three's mark and Gone's words deleted
    doc.paragraph(Run("Gone", change="del"), num=(lists, 1))
    doc.paragraph("Four", num=(lists, 1))
    document = read(doc.save(tmp_path / "x.docx"))
    assert [p.change for p in paragraphs(document)] == [None, "ins", None, None, "del", None]
    assert numbered(document, "accepted") == [
        ("1.1", "One"),
        ("1.2", "A new clause"),
        ("1.3", "Two"),
        ("1.4", "Three"),
        ("1.5", "Four"),
    ]
    assert numbered(document, "original") == [
        ("1.1", "One"),
        ("1.2", "Two"),
        ("1.3", "Three"),
        ("1.4", "Gone"),
        ("1.5", "Four"),
    ]


def test_two_paragraphs_typed_after_another_with_changes_tracked(
    tmp_path: Path, legal: tuple[WordFile, object]
) -> None:
    doc, lists = legal
    doc.paragraph("One", num=(lists, 1), mark="ins")
    doc.paragraph("New A", num=(lists, 1), change="ins")
    doc.paragraph(Run("New B", change="ins"), num=(lists, 1))
    doc.paragraph("Two", num=(lists, 1))
    document = read(doc.save(tmp_path / "x.docx"))
    assert [p.change for p in paragraphs(document)] == [None, "ins", "ins", None]
    assert numbered(document, "original") == [("1.1", "One"), ("1.2", "Two")]
    assert document.notices == []


def test_a_deleted_paragraph_mark_that_joins_two_paragraphs_is_reported(
    tmp_path: Path, legal: tuple[WordFile, object]
) -> None:
    doc, lists = legal
    doc.paragraph("First half", num=(lists, 1), mark="del")
    doc.paragraph("second half", num=(lists, 1))
    document = read(doc.save(tmp_path / "x.docx"))
    assert numbered(document, "accepted") == [("", "First half"), ("1.1", "second half")]
    assert kinds(document) == ["joined paragraph"]


def test_numbering_changed_by_a_tracked_formatting_change(tmp_path: Path, legal: tuple[WordFile, object]) -> None:
    doc, lists = legal
    doc.paragraph("One", num=(lists, 1))
    doc.paragraph(
        "Numbered now", num=(lists, 1), ppr=f'<w:pPrChange w:id="90" w:author="{AUTHOR}"><w:pPr/></w:pPrChange>'
    )
    doc.paragraph("Two", num=(lists, 1))
    document = read(doc.save(tmp_path / "x.docx"))
    assert numbered(document, "accepted") == [("1.1", "One"), ("1.2", "Numbered now"), ("1.3", "Two")]
    assert numbered(document, "original") == [("1.1", "One"), ("", "Numbered now"), ("1.2", "Two")]
    assert kinds(document) == ["formatting change"]


def test_numbering_through_a_paragraph_style(tmp_path: Path) -> None:
    """Clauses numbered by their style ("Clause" linked to level 1 of the headings' list), as councils' templates do;
    a paragraph of that style taken out of the list with numId 0."""
    doc = WordFile()
    lists = doc.numbering([Level("decimal", "%1", style="Part"), Level("decimal", "%1.%2", style="Clause")])
    doc.style("Part", "Part heading", num=(lists, 0), bold=True, outline=0)
    doc.style("Clause", "Clause", num=(lists, 1))
    doc.paragraph("Roles", style="Part")
    doc.paragraph("First", style="Clause")
    doc.paragraph("Not numbered", style="Clause", num=(0, 0))
    doc.paragraph("Second", style="Clause")
    doc.paragraph("Relations", style="Part")
    doc.paragraph("Third", style="Clause")
    document = read(doc.save(tmp_path / "x.docx"))
    assert numbered(document) == [
        ("1", "Roles"),
        ("1.1", "First"),
        ("", "Not numbered"),
        ("1.2", "Second"),
        ("2", "Relations"),
        ("2.1", "Third"),
    ]
    assert [p.heading for p in paragraphs(document)] == [0, None, None, None, 0, None]


def test_a_numbering_problem_is_a_notice(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Numbered by a list that is not there", num=(7, 0))
    document = read(doc.save(tmp_path / "x.docx"))
    assert paragraphs(document)[0].label is None
    assert kinds(document) == ["numbering"]


# --- tracked changes, fields and bookmarks ----------------------------------------------------------------------


def test_run_changes_and_moves(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph(
        "Officers ",
        Run("must", change="del"),
        Run("should", change="ins"),
        " reply",
        Run(" within", change="moveFrom"),
        Run(" promptly", change="moveTo"),
        Xml(
            f'<w:ins w:id="80" w:author="{AUTHOR}"><w:del w:id="81" w:author="{AUTHOR}"><w:r><w:delText>typo'
            "</w:delText></w:r></w:del></w:ins>"
        ),
        ".",
    )
    (paragraph,) = read(doc.save(tmp_path / "x.docx")).blocks
    assert isinstance(paragraph, d.Paragraph)
    assert paragraph.text("accepted") == "Officers should reply promptly."
    assert paragraph.text("original") == "Officers must reply within."
    assert paragraph.change is None


def test_cross_references_simple_complex_and_implicit(tmp_path: Path, legal: tuple[WordFile, object]) -> None:
    doc, lists = legal
    doc.paragraph("Target", num=(lists, 1), bookmark="_Ref1")
    doc.paragraph(
        "See ",
        Ref("_Ref1", "0.1"),
        ", ",
        Ref("_Ref1", "paragraph 0.1", complex=True, switches=("\\w", "\\h")),
        ", page ",
        Ref("_Ref1", "3", field="PAGEREF", complex=True),
        ", ",
        Field("_Ref1 \\r \\h", "0.1"),
        ", ",
        Ref("_Ref1", "0.1", change="ins"),
    )
    document = read(doc.save(tmp_path / "x.docx"))
    target, see = paragraphs(document)
    assert target.bookmarks == ("_Ref1",)
    refs = [i for i in see.inlines if isinstance(i, d.CrossReference)]
    assert refs == [
        d.CrossReference("_Ref1", "0.1", ("\\r", "\\h")),
        d.CrossReference("_Ref1", "paragraph 0.1", ("\\w", "\\h")),
        d.CrossReference("_Ref1", "3", ("\\r", "\\h"), "PAGEREF"),
        d.CrossReference("_Ref1", "0.1", ("\\r", "\\h")),
        d.CrossReference("_Ref1", "0.1", ("\\r", "\\h"), change="ins"),
    ]
    assert see.text() == "See 0.1, paragraph 0.1, page 3, 0.1, 0.1"
    assert document.notices == []


def test_a_cross_reference_updated_with_changes_tracked(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Target", bookmark="_Ref2")
    doc.paragraph(
        "See ",
        Xml(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref2 \\r </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:del w:id="70" w:author="{AUTHOR}"><w:r>'
            f'<w:delText>6.7</w:delText></w:r></w:del><w:ins w:id="71" w:author="{AUTHOR}"><w:r><w:t>6.8</w:t>'
            '</w:r></w:ins><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        ),
    )
    see = paragraphs(read(doc.save(tmp_path / "x.docx")))[1]
    assert see.inlines[1:] == [
        d.CrossReference("_Ref2", "6.7", ("\\r",), change="del"),
        d.CrossReference("_Ref2", "6.8", ("\\r",), change="ins"),
    ]


def test_other_fields_keep_their_text_with_a_notice(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Updated ", Field('DATE \\@ "d MMMM yyyy"', "1 December 2026"), ".")
    doc.paragraph("Index entry", Field('XE "entry"', ""), Field("SEQ Table \\* ARABIC", "3", complex=False))
    doc.paragraph("By ", Field("AUTHOR", AUTHOR), Field("DOCPROPERTY Author \\* MERGEFORMAT", AUTHOR, complex=False))
    document = read(doc.save(tmp_path / "x.docx"))
    assert [p.text() for p in paragraphs(document)] == ["Updated 1 December 2026.", "Index entry3", "By "]
    assert kinds(document) == ["field", "field", "field", "field"]
    assert "DATE" in document.notices[0].detail and "SEQ" in document.notices[1].detail
    assert AUTHOR not in repr(document)


def test_a_table_of_contents_is_left_out_with_one_notice(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Contents", style="Title")
    doc.paragraph(
        Xml(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h \\z \\u'
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        ),
        Field('HYPERLINK \\l "_Toc1"', "1 Introduction"),
        "\t",
        Ref("_Toc1", "2", field="PAGEREF", complex=True),
    )
    doc.paragraph(Field('HYPERLINK \\l "_Toc2"', "2 Roles"), "\t", Ref("_Toc2", "3", field="PAGEREF"))
    doc.paragraph(Xml('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    doc.heading("Introduction", bookmark="_Toc1")
    document = read(doc.save(tmp_path / "x.docx"))
    assert [(p.where.paragraph, p.text()) for p in paragraphs(document)] == [(1, "Contents"), (5, "Introduction")]
    assert kinds(document) == ["table of contents"]


def test_a_table_of_contents_in_a_content_control(tmp_path: Path) -> None:
    doc = WordFile()
    doc.raw(
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Contents</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>1 Introduction 2</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    doc.raw("<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>In a plain control</w:t></w:r></w:p></w:sdtContent></w:sdt>")
    document = read(doc.save(tmp_path / "x.docx"))
    assert [(p.where.paragraph, p.text()) for p in paragraphs(document)] == [(3, "In a plain control")]
    assert kinds(document) == ["table of contents"]


def test_a_paragraph_split_with_changes_tracked(tmp_path: Path, legal: tuple[WordFile, object]) -> None:
    doc, lists = legal
    doc.paragraph("One and", num=(lists, 1), mark="ins")
    doc.paragraph("two", num=(lists, 1))
    doc.paragraph("Three", num=(lists, 1))
    document = read(doc.save(tmp_path / "x.docx"))
    assert numbered(document, "accepted") == [("1.1", "One and"), ("1.2", "two"), ("1.3", "Three")]
    assert numbered(document, "original") == [("", "One and"), ("1.1", "two"), ("1.2", "Three")]
    assert kinds(document) == ["split paragraph"]


def test_a_cross_reference_to_a_missing_bookmark(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("See ", Ref("_Ref404", "Error! Reference source not found.", complex=True))
    document = read(doc.save(tmp_path / "x.docx"))
    assert paragraphs(document)[0].inlines[1] == d.CrossReference(
        "_Ref404", "Error! Reference source not found.", ("\\r", "\\h")
    )
    assert kinds(document) == ["cross-reference"]


def test_a_field_never_ended(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Before")
    doc.paragraph(
        "Text ",
        Xml(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText>'
            '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>lost</w:t></w:r>'
        ),
    )
    document = read(doc.save(tmp_path / "x.docx"))
    assert [p.text() for p in paragraphs(document)] == ["Before", "Text "]
    assert [(n.kind, n.where.paragraph) for n in document.notices] == [("field", 2)]


def test_content_controls_smart_tags_and_custom_xml(tmp_path: Path) -> None:
    doc = WordFile()
    doc.raw(
        "<w:customXml w:element='clause'><w:p><w:r><w:t>In custom XML</w:t></w:r></w:p></w:customXml>"
        '<w:bookmarkStart w:id="5" w:name="_RefBefore"/><w:bookmarkEnd w:id="5"/>'
        "<w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>In a control, </w:t></w:r></w:sdtContent></w:sdt>"
        "<w:smartTag w:element='place'><w:r><w:t>Derbyshire</w:t></w:r></w:smartTag>"
        "<w:customXml w:element='x'><w:r><w:t>, custom</w:t></w:r></w:customXml></w:p>"
    )
    document = read(doc.save(tmp_path / "x.docx"))
    assert [p.text() for p in paragraphs(document)] == ["In custom XML", "In a control, Derbyshire, custom"]
    assert paragraphs(document)[1].bookmarks == ("_RefBefore",)


def test_strict_open_xml(tmp_path: Path, legal: tuple[WordFile, object]) -> None:
    """Word's "Strict Open XML Document" differs in its namespaces only, as far as the import reads it."""
    doc, lists = legal
    doc.heading("Heading", num=(lists, 0))
    doc.paragraph("Clause", Run(" new", change="ins"), num=(lists, 1))
    path = doc.save(tmp_path / "transitional.docx")

    def to_strict(name: str, data: bytes) -> bytes:
        for usual, new in reader.STRICT.items():
            data = data.replace(new, usual)
        return data.replace(
            b"schemas.openxmlformats.org/officeDocument/2006/relationships/",
            b"purl.oclc.org/ooxml/officeDocument/relationships/",
        )

    strict = rewrite(path, tmp_path / "strict.docx", to_strict)
    assert b"purl.oclc.org/ooxml/wordprocessingml/main" in zipfile.ZipFile(strict).read("word/document.xml")
    assert numbered(read(strict)) == [("1", "Heading"), ("1.1", "Clause new")]


def test_content_controls_showing_their_placeholder(tmp_path: Path) -> None:
    doc = WordFile()
    doc.raw(
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Click or tap here to enter "
        "text.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    doc.paragraph(
        "Name: ",
        Xml(
            "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Enter a name</w:t></w:r>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    document = read(doc.save(tmp_path / "x.docx"))
    assert [(p.where.paragraph, p.text()) for p in paragraphs(document)] == [(2, "Name: ")]
    assert [(n.kind, n.where.paragraph) for n in document.notices] == [("placeholder", 1), ("placeholder", 2)]
    assert "Enter a name" in document.notices[1].detail


def test_a_footnote_mark_whose_note_is_missing(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Words", Xml('<w:r><w:footnoteReference w:id="99"/></w:r>'))
    document = read(doc.save(tmp_path / "x.docx"))
    assert paragraphs(document)[0].inlines == [d.Run("Words"), d.FootnoteReference(())]
    assert kinds(document) == ["footnote"]


# --- tables -----------------------------------------------------------------------------------------------------


def test_tables_header_rows_and_merged_cells(tmp_path: Path) -> None:
    doc = WordFile()
    doc.table([["Do", "Don't"], ["Be polite", "Shout"]], header=True)
    doc.table([["Name", "Role"], ["Leader", "Chairs"]], bold_header=True)
    doc.table([["a", "b"], ["c", "d"]])
    doc.table([[Cell(("Wide",), span=2)], [Cell(("Tall",), vmerge="restart"), "x"], [Cell((), vmerge="continue"), "y"]])
    document = read(doc.save(tmp_path / "x.docx"))
    dodont, bold, plain, merged = document.blocks
    assert isinstance(dodont, d.Table) and dodont.header_rows == 1
    assert [[[p.text() for p in cell] for cell in row] for row in dodont.rows] == [
        [["Do"], ["Don't"]],
        [["Be polite"], ["Shout"]],
    ]
    assert isinstance(bold, d.Table) and bold.header_rows == 1
    assert isinstance(plain, d.Table) and plain.header_rows == 0
    assert isinstance(merged, d.Table)
    assert [[[p.text() for p in cell] for cell in row] for row in merged.rows] == [
        [["Wide"], []],
        [["Tall"], ["x"]],
        [[], ["y"]],
    ]
    assert [(n.kind, n.where.paragraph) for n in document.notices] == [("merged cells", 13)]


def test_a_header_row_made_by_the_table_style(tmp_path: Path) -> None:
    """Word's table styles make the first row a header (bold, shaded) when Table Design's Header Row is ticked."""
    doc = WordFile()
    doc.raw(
        '<w:tbl><w:tblPr><w:tblStyle w:val="Banded"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0"/>'
        "</w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>Leader</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    doc.raw(
        '<w:tbl><w:tblPr><w:tblStyle w:val="Banded"/><w:tblLook w:val="0400"/></w:tblPr><w:tblGrid><w:gridCol/>'
        "</w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>Not a header</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>Row</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    styled = rewrite(
        doc.save(tmp_path / "x.docx"),
        tmp_path / "y.docx",
        lambda name, data: data.replace(
            b"</w:styles>",
            b'<w:style w:type="table" w:styleId="HeaderStyle"><w:name w:val="Grid Table 4"/>'
            b'<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>'
            b'<w:style w:type="table" w:styleId="Banded"><w:name w:val="Banded"/><w:basedOn w:val="HeaderStyle"/>'
            b"</w:style></w:styles>",
        ),
    )
    first, second = read(styled).blocks
    assert isinstance(first, d.Table) and first.header_rows == 1
    assert isinstance(second, d.Table) and second.header_rows == 0


def test_nested_tables_are_flattened(tmp_path: Path) -> None:
    doc = WordFile()
    doc.table([["Outer", Cell(("Before", Table((("In 1", "In 2"),))))]])
    document = read(doc.save(tmp_path / "x.docx"))
    (table,) = document.blocks
    assert isinstance(table, d.Table)
    assert [[[p.text() for p in cell] for cell in row] for row in table.rows] == [
        [["Outer"], ["Before", "In 1", "In 2"]]
    ]
    assert kinds(document) == ["nested table"]


def test_table_rows_inserted_and_deleted(tmp_path: Path, legal: tuple[WordFile, object]) -> None:
    doc, lists = legal
    doc.paragraph("Before", num=(lists, 1))
    doc.table(
        [
            ["Do", "Don't"],
            ["Kept", "Kept too"],
            [Para.of("New", num=(lists, 1)), "Row"],
            [Para.of("Old", num=(lists, 1)), "Row"],
        ],
        header=True,
        row_changes={2: "ins", 3: "del"},
    )
    doc.table([["All new"]], row_changes={0: "ins"})
    document = read(doc.save(tmp_path / "x.docx"))
    _, table, new = document.blocks
    assert isinstance(table, d.Table) and table.change is None
    assert [[p.change for cell in row for p in cell] for row in table.rows] == [
        [None, None],
        [None, None],
        ["ins", "ins"],
        ["del", "del"],
    ]
    assert table.rows[2][0][0].text("original") == "" and table.rows[3][0][0].text("accepted") == ""
    assert isinstance(new, d.Table) and new.change == "ins"
    assert ("1.2", "New") in numbered(document, "accepted") and ("1.2", "Old") in numbered(document, "original")


# --- what is not carried over -----------------------------------------------------------------------------------


def test_notices_for_what_is_not_carried_over(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("A comment on ", Comment("this", "Should this say officers? Ask the team"), ".")
    doc.paragraph(
        "A text box: ",
        Xml(
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><a:graphic><a:graphicData>'
            "<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed words</w:t></w:r></w:p></w:txbxContent>"
            "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback>"
            "<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed words</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        ),
    )
    doc.paragraph("An image: ", Xml("<w:r><w:drawing><wp:inline><a:graphic/></wp:inline></w:drawing></w:r>"))
    doc.paragraph("Old image: ", Xml('<w:r><w:pict><v:shape><v:imagedata r:id="x"/></v:shape></w:pict></w:r>'))
    doc.paragraph("An object: ", Xml("<w:r><w:object><v:shape/></w:object></w:r>"))
    doc.paragraph("An equation: ", Xml("<m:oMath><m:r><m:t>x=2</m:t></m:r></m:oMath>"))
    doc.paragraph(
        Run("Reformatted"),
        Xml(
            f'<w:r><w:rPr><w:b/><w:rPrChange w:id="60" w:author="{AUTHOR}"><w:rPr/>'
            "</w:rPrChange></w:rPr><w:t> bold now</w:t></w:r>"
        ),
    )
    doc.raw('<w:altChunk r:id="chunk1"/>')
    doc.table([["Cell"]], trpr=f'<w:trPrChange w:id="61" w:author="{AUTHOR}"><w:trPr/></w:trPrChange>')
    doc.paragraph(
        "End of a section",
        ppr=f'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:sectPrChange w:id="62" w:author="{AUTHOR}"><w:sectPr/>'
        "</w:sectPrChange></w:sectPr>",
    )
    doc.header("Draft for consultation")
    doc.header("Page 1", kind="footer")
    document = read(doc.save(tmp_path / "x.docx"))
    assert [(n.kind, n.where.paragraph) for n in document.notices] == [
        ("header or footer", 0),
        ("comment", 1),
        ("text box", 2),
        ("image", 3),
        ("image", 4),
        ("embedded object", 5),
        ("equation", 6),
        ("formatting change", 7),
        ("embedded document", 8),
        ("formatting change", 8),
        ("formatting change", 9),
    ]
    details = {n.kind: n.detail for n in document.notices}
    assert "Should this say officers?" in details["comment"]
    assert "Boxed words" in details["text box"]
    assert "Draft for consultation" in details["header or footer"]
    assert [p.text() for p in paragraphs(document)][:2] == ["A comment on this.", "A text box: "]


def test_a_tracked_change_of_the_last_section_layout(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Only paragraph")
    path = rewrite(
        doc.save(tmp_path / "x.docx"),
        tmp_path / "y.docx",
        lambda name, data: data.replace(
            b"</w:sectPr></w:body>",
            f'<w:sectPrChange w:id="5" w:author="{AUTHOR}"><w:sectPr/></w:sectPrChange></w:sectPr></w:body>'.encode(),
        ),
    )
    assert [(n.kind, n.where.paragraph) for n in read(path).notices] == [("formatting change", 1)]


def test_the_document_holds_no_author_name(tmp_path: Path, legal: tuple[WordFile, object]) -> None:
    doc, lists = legal
    doc.paragraph("Changed ", Run("word", change="ins"), Comment("here", "A remark"), num=(lists, 1))
    doc.paragraph("Gone", change="del", num=(lists, 1))
    doc.table([["Row"]], row_changes={0: "ins"})
    document = read(doc.save(tmp_path / "x.docx"))
    assert AUTHOR not in repr(document)
    assert AUTHOR.split()[0] not in repr(document)
    assert zipfile.ZipFile(tmp_path / "x.docx").read("word/document.xml").count(AUTHOR.encode()) >= 3
    asked = read(tmp_path / "x.docx", keep_authors=True)  # --keep-authors: the person running the import asks
    assert [(where.paragraph, kind, name) for where, kind, name in asked.authors] == [
        (1, "ins", AUTHOR),
        (2, "del", AUTHOR),
        (3, "ins", AUTHOR),
    ]


# --- files that are not Word documents --------------------------------------------------------------------------


def refused(path: Path) -> str:
    with pytest.raises(NotAWordDocument) as caught:
        read(path)
    message = str(caught.value)
    assert "\n" not in message and path.name in message
    return message


def test_a_text_file_renamed(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("Just some notes\n")
    assert "not a Word document" in refused(path)


def test_a_word_97_file_or_a_password_protected_one(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(reader.OLE2 + bytes(504))
    message = refused(path)
    assert ".doc" in message and "password" in message and "save it as" in message


def test_a_zip_of_other_things(tmp_path: Path) -> None:
    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("photo.txt", "not a picture")
    assert "no Word document" in refused(path)


def test_an_excel_workbook_renamed(tmp_path: Path) -> None:
    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument'
            '.spreadsheetml.sheet.main+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in refused(path)


def test_a_truncated_file(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Words " * 2000)
    whole = doc.save(tmp_path / "whole.docx").read_bytes()
    for cut in (len(whole) // 2, len(whole) - 30):
        path = tmp_path / f"cut{cut}.docx"
        path.write_bytes(whole[:cut])
        refused(path)


def test_a_damaged_part(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("Words")
    path = doc.save(tmp_path / "broken.docx")
    corrupt = rewrite(path, tmp_path / "corrupt.docx", lambda name, data: data.replace(b"</w:body>", b"</w:bod>"))
    assert "damaged" in refused(corrupt) and "word/document.xml" in refused(corrupt)


def test_an_entity_bomb(tmp_path: Path) -> None:
    doc = WordFile()
    doc.paragraph("&lol9;")
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
        + "]>\n"
    )
    xml = doc.document_xml().split("\n", 1)[1].replace("&amp;lol9;", "&lol9;")
    path = doc.save(tmp_path / "bomb.docx")
    rewritten = rewrite(
        path, tmp_path / "bomb2.docx", lambda name, data: (bomb + xml).encode() if name == "word/document.xml" else data
    )
    assert "DTD" in refused(rewritten)


def test_a_part_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = WordFile()
    doc.paragraph("Words " * 500)
    path = doc.save(tmp_path / "big.docx")
    read(path)
    monkeypatch.setattr(reader, "MAX_PART_BYTES", 2000)
    assert "larger than" in refused(path)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotAWordDocument, match="cannot be read"):
        read(tmp_path / "nowhere.docx")


# --- a second producer: pandoc -----------------------------------------------------------------------------------

PANDOC_MARKDOWN = """---
title: A Council Protocol
---

# Introduction

Members and officers[^1] see the [council site](https://example.org/site) and [the start](#introduction).

3. Third item
4. Fourth item
    a. sub one
    b. sub two
5. Fifth [new words]{.insertion author="Someone Person" date="2026-01-01T00:00:00Z"}[old words]{.deletion
   author="Someone Person" date="2026-01-01T00:00:00Z"}

Between lists.

7. Seven
8. Eight

| Do | Don't |
|----|-------|
| Be polite | Shout |

[^1]: As defined in the Localism Act 2011.
"""


def pandoc(tmp_path: Path, text: str, source: str) -> Path:
    """A Word file that pandoc (3.x, from the pypandoc-binary wheel) writes from Markdown or HTML."""
    path = tmp_path / f"pandoc-{source}.docx"
    pypandoc.convert_text(text, "docx", format=source, outputfile=str(path))
    return path


def test_pandoc_markdown(tmp_path: Path) -> None:
    """pandoc numbers each list with its own num, with a start value on every level; the footnote, the links, the
    tracked change and the table's header row come through."""
    document = read(pandoc(tmp_path, PANDOC_MARKDOWN, "markdown"))
    assert document.title == "A Council Protocol"
    assert numbered(document)[2:10] == [
        ("", "Members and officers see the council site and the start."),
        ("3.", "Third item"),
        ("4.", "Fourth item"),
        ("a.", "sub one"),
        ("b.", "sub two"),
        ("5.", "Fifth new words"),
        ("", "Between lists."),
        ("7.", "Seven"),
    ]
    assert numbered(document, "original")[7] == ("5.", "Fifth old words")
    _title, heading, text = document.blocks[:3]
    assert isinstance(heading, d.Paragraph) and heading.heading == 0 and heading.bookmarks == ("introduction",)
    assert isinstance(text, d.Paragraph)
    assert text.inlines[1] == d.FootnoteReference(((d.Run("As defined in the Localism Act 2011."),),))
    assert d.Run("council site", link="https://example.org/site") in text.inlines
    assert d.CrossReference("introduction", "the start", (), "HYPERLINK") in text.inlines
    table = document.blocks[-1]
    assert isinstance(table, d.Table) and table.header_rows == 1
    assert [[p.text() for cell in row for p in cell] for row in table.rows] == [["Do", "Don’t"], ["Be polite", "Shout"]]
    assert "Someone" not in repr(document)
    assert document.notices == []


def test_pandoc_html_lists(tmp_path: Path) -> None:
    html = (
        "<h1>Roles</h1><ol start='8'><li>Eight<ol type='a'><li>first</li><li>second<ol type='i'><li>deep</li>"
        "<li>deeper</li></ol></li></ol></li><li>Nine</li></ol><p>Between</p><ol><li>Again one</li></ol>"
    )
    document = read(pandoc(tmp_path, html, "html"))
    assert [n for n, _ in numbered(document)] == ["", "8.", "a.", "b.", "i.", "ii.", "9.", "", "1."]


# --- a third reader and producer: LibreOffice (nox -s site installs it) -----------------------------------------------

SOFFICE = shutil.which("soffice")


def libreoffice(source: Path, target: str, out: Path) -> Path:
    """``source`` converted by LibreOffice (headless, with a profile of its own) with an export filter: "txt:Text",
    or "docx:MS Word 2007 XML" (named: a web page opens in Writer/Web, which has no default for .docx)."""
    assert SOFFICE is not None, "LibreOffice is missing: nox -s site installs it (libreoffice-writer-nogui)"
    profile = (out.parent / "libreoffice-profile").as_uri()
    command = [SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", target, "--outdir", str(out)]
    subprocess.run([*command, str(source)], check=True, capture_output=True, timeout=180)
    converted = out / f"{source.stem}.{target.split(':')[0]}"
    assert converted.exists(), f"LibreOffice did not convert {source.name} ({target})"  # it says so with status 0
    return converted


@pytest.mark.site
def test_libreoffice_shows_the_same_numbers_and_writes_a_file_read_the_same(tmp_path: Path) -> None:
    """LibreOffice, another program that computes Word's numbers, shows each paragraph's number as the reader reads
    it, in our Word file and in one LibreOffice writes from HTML; and the Word file LibreOffice writes back from ours
    (its numbering, styles and tracked changes written its own way) reads the same, tracked changes, footnote, link
    and cross-reference included."""
    doc = WordFile(title="Protocol")
    lists = doc.numbering(
        [Level("decimal", "%1"), Level("decimal", "%1.%2"), Level("lowerLetter", "(%3)"), Level("lowerRoman", "(%4)")]
    )
    doc.heading("Introduction", num=(lists, 0))
    doc.paragraph("First clause", num=(lists, 1), bookmark="_Ref1")
    doc.paragraph("An unnumbered paragraph")
    doc.paragraph("Second clause", num=(lists, 1))
    doc.paragraph("sub a", num=(lists, 2))
    doc.paragraph("sub b", num=(lists, 2))
    doc.paragraph("deep", num=(lists, 3))
    doc.table([["Do", "Don't"], ["x", "y"]], header=True)
    doc.paragraph("Third clause", num=(lists, 1))
    doc.heading("Roles", num=(lists, 0))
    doc.paragraph(
        "Roles one, as in ",
        Ref("_Ref1", "1.1", complex=True),
        " on the ",
        Link("site", url="https://example.org/"),
        num=(lists, 1),
    )
    later = doc.numbering([Level("decimal", "%1.", start=5)])
    doc.paragraph("Five", num=(later, 0))
    doc.paragraph("Six", num=(later, 0))
    path = doc.save(tmp_path / "numbers.docx")
    html = tmp_path / "lists.html"
    html.write_text(
        "<h1>Roles</h1><ol start='8'><li>Eight<ol type='a'><li>first</li><li>second<ol type='i'><li>deep</li>"
        "<li>deeper</li></ol></li></ol></li><li>Nine</li></ol><p>Between</p><ol start='3'><li>Three</li></ol>"
        "<table><tr><th>Do</th><th>Don't</th></tr><tr><td>Be polite</td><td>Shout</td></tr></table>",
        encoding="utf-8",
    )
    for source in (
        path,
        libreoffice(html, "docx:MS Word 2007 XML", tmp_path / "from-html"),
    ):  # ours, and LibreOffice's own lists
        shown = libreoffice(source, "txt:Text", tmp_path / "text").read_text(encoding="utf-8-sig").splitlines()
        assert [" ".join(line.split()) for line in shown if line.strip()] == [
            f"{label} {words}".strip() for label, words in numbered(read(source))
        ]

    tracked = WordFile(title="Protocol")
    lists = tracked.numbering([Level("decimal", "%1"), Level("decimal", "%1.%2")])
    tracked.heading("Introduction", num=(lists, 0))
    tracked.paragraph("Officers ", Run("must", change="del"), Run("should", change="ins"), " reply.", num=(lists, 1))
    tracked.paragraph("A new clause", num=(lists, 1), change="ins")
    tracked.paragraph("A clause removed", num=(lists, 1), change="del")
    tracked.paragraph("Last", Note("A note."), num=(lists, 1))
    for source in (path, tracked.save(tmp_path / "tracked.docx")):
        rewritten = libreoffice(source, "docx:MS Word 2007 XML", tmp_path / "rewritten")
        assert zipfile.ZipFile(rewritten).read("word/document.xml") != zipfile.ZipFile(source).read("word/document.xml")
        before, after = read(source), read(rewritten)
        for view in ("accepted", "original"):
            assert numbered(after, view) == numbered(before, view)
        assert [p.inlines for p in paragraphs(after)] == [p.inlines for p in paragraphs(before)]
        assert after.title == "Protocol"
