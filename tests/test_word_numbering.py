"""The numbers Word shows on paragraphs (wordimport.numbering), computed from numbering.xml and styles.xml written
here as strings: one test per rule of Word's numbering, a realistic legal list, and numbers typed as text.

Each test says what Word shows; the expected numbers are those Word displays for such a file (ECMA-376 Part 1 §17.9
and Word's departures from it, [MS-OI29500] 2.1.282 for ``w:lvlRestart``).
"""

from __future__ import annotations

import zipfile

import pypandoc
import pytest
from lxml import etree
from sphinx_constitution.programs.wordimport.document import Label
from sphinx_constitution.programs.wordimport.numbering import (
    Numbering,
    NumberingProblem,
    format_number,
    other_reading,
    typed_label,
)
from sphinx_constitution.programs.wordimport.styles import Styles

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def lvl(ilvl: int, fmt: str = "decimal", text: str = "%1.", start: int | None = 1, extra: str = "") -> str:
    """A ``w:lvl``; ``extra`` is more of its children (w:lvlRestart, w:isLgl, w:pStyle)."""
    start_xml = "" if start is None else f'<w:start w:val="{start}"/>'
    fmt_xml = "" if fmt == "" else f'<w:numFmt w:val="{fmt}"/>'
    return f'<w:lvl w:ilvl="{ilvl}">{start_xml}{fmt_xml}{extra}<w:lvlText w:val="{text}"/></w:lvl>'


def abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def start_override(ilvl: int, value: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'


def numbering_xml(*parts: str) -> bytes:
    return f"<w:numbering {NS}>{''.join(parts)}</w:numbering>".encode()


def style(
    style_id: str,
    name: str = "",
    based_on: str | None = None,
    num_id: int | None = None,
    ilvl: int | None = None,
    kind: str = "paragraph",
    extra_ppr: str = "",
    rpr: str = "",
    default: bool = False,
) -> str:
    numpr = ""
    if num_id is not None or ilvl is not None:
        numpr = "<w:numPr>"
        numpr += "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
        numpr += "" if num_id is None else f'<w:numId w:val="{num_id}"/>'
        numpr += "</w:numPr>"
    default_xml = ' w:default="1"' if default else ""
    return (
        f'<w:style w:type="{kind}" w:styleId="{style_id}"{default_xml}>'
        f'<w:name w:val="{name or style_id}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + f"<w:pPr>{numpr}{extra_ppr}</w:pPr>"
        + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
        + "</w:style>"
    )


def styles_xml(*styles: str) -> bytes:
    return f"<w:styles {NS}>{''.join(styles)}</w:styles>".encode()


def p(num_id: int | None = None, ilvl: int | None = None, style_id: str | None = None, text: str = "x") -> str:
    """A ``w:p`` with its own ``w:numPr`` (if num_id or ilvl is given) and style."""
    ppr = "" if style_id is None else f'<w:pStyle w:val="{style_id}"/>'
    if num_id is not None or ilvl is not None:
        ppr += "<w:numPr>"
        ppr += "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
        ppr += "" if num_id is None else f'<w:numId w:val="{num_id}"/>'
        ppr += "</w:numPr>"
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def shown(numbering: bytes | None, *paragraphs: str, styles: bytes | None = None) -> list[str | None]:
    """What Word shows before each paragraph of a body: the number's text, None, or "PROBLEM: <detail>"."""
    body = etree.fromstring(f"<w:body {NS}>{''.join(paragraphs)}</w:body>".encode())
    counter = Numbering.from_xml(numbering, Styles.from_xml(styles)).counter()
    out: list[str | None] = []
    for paragraph in body.iter(f"{W}p"):
        label = counter.number(paragraph)
        if isinstance(label, NumberingProblem):
            out.append("PROBLEM: " + label.detail)
        else:
            out.append(None if label is None else label.text)
    return out


LEGAL = numbering_xml(
    abstract(
        1,
        lvl(0, text="%1."),
        lvl(1, text="%1.%2"),
        lvl(2, "lowerLetter", "(%3)"),
        lvl(3, "lowerRoman", "(%4)"),
    ),
    num(1, 1),
)


# ---- computed numbers: one test per rule


def test_decimal_with_start_value_and_lvltext():
    numbering = numbering_xml(abstract(1, lvl(0, text="%1.", start=8)), num(1, 1))
    assert shown(numbering, p(1, 0), p(1, 0), p(1, 0)) == ["8.", "9.", "10."]


def test_composite_numbers_carry_the_parent_counter():
    assert shown(LEGAL, p(1, 0), p(1, 1), p(1, 1), p(1, 0), p(1, 1)) == ["1.", "1.1", "1.2", "2.", "2.1"]


def test_lvltext_with_words_and_brackets():
    numbering = numbering_xml(
        abstract(
            1, lvl(0, "decimal", "Part %1", start=8), lvl(1, text="%1.%2", start=63), lvl(2, "lowerLetter", "(%3)")
        ),
        num(1, 1),
    )
    assert shown(numbering, p(1, 0), p(1, 1), p(1, 2), p(1, 2), p(1, 2), p(1, 1)) == [
        "Part 8",
        "8.63",
        "(a)",
        "(b)",
        "(c)",
        "8.64",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "word_shows"),
    [
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),  # Word repeats the letter: aa, bb, … not ab
        (28, "lowerLetter", "bb"),
        (53, "lowerLetter", "aaa"),
        (3, "upperLetter", "C"),
        (4, "lowerRoman", "iv"),
        (9, "lowerRoman", "ix"),
        (14, "upperRoman", "XIV"),
        (1994, "upperRoman", "MCMXCIV"),
        (7, "decimalZero", "07"),
        (12, "decimalZero", "12"),
        (1, "ordinal", "1st"),
        (12, "ordinal", "12th"),
        (22, "ordinal", "22nd"),
        (3, "cardinalText", "Three"),
        (21, "cardinalText", "Twenty-one"),
        (2, "ordinalText", "Second"),
        (20, "ordinalText", "Twentieth"),
        (23, "ordinalText", "Twenty-third"),
        (5, "none", ""),
        (5, "chicago", "**"),
        (12, "decimalFullWidth", "１２"),
        (0, "lowerLetter", "0"),
    ],
)
def test_number_formats(n, fmt, word_shows):
    assert format_number(n, fmt) == word_shows


def test_unknown_number_format_is_a_problem_and_does_not_count():
    numbering = numbering_xml(abstract(1, lvl(0, "hebrew2", "%1.")), abstract(2, lvl(0)), num(1, 1), num(2, 2))
    result = shown(numbering, p(1, 0), p(2, 0))
    assert result[0].startswith("PROBLEM") and "hebrew2" in result[0]
    assert result[1] == "1."


def test_legal_numbering_writes_every_level_in_decimal():
    levels = (lvl(0, "upperRoman", "%1."), lvl(1, "lowerLetter", "%1.%2"))
    legal = (lvl(0, "upperRoman", "%1."), lvl(1, "lowerLetter", "%1.%2", extra="<w:isLgl/>"))
    assert shown(numbering_xml(abstract(1, *levels), num(1, 1)), p(1, 0), p(1, 0), p(1, 1)) == ["I.", "II.", "II.a"]
    assert shown(numbering_xml(abstract(1, *legal), num(1, 1)), p(1, 0), p(1, 0), p(1, 1)) == ["I.", "II.", "2.1"]


def test_a_higher_level_restarts_the_lower_ones():
    assert shown(LEGAL, p(1, 0), p(1, 1), p(1, 2), p(1, 2), p(1, 1), p(1, 2)) == [
        "1.",
        "1.1",
        "(a)",
        "(b)",
        "1.2",
        "(a)",
    ]


def test_lvlrestart_zero_never_restarts():
    numbering = numbering_xml(
        abstract(1, lvl(0, text="%1."), lvl(1, "lowerLetter", "(%2)", extra='<w:lvlRestart w:val="0"/>')),
        num(1, 1),
    )
    assert shown(numbering, p(1, 0), p(1, 1), p(1, 1), p(1, 0), p(1, 1)) == ["1.", "(a)", "(b)", "2.", "(c)"]


def test_lvlrestart_n_restarts_only_after_level_n_or_higher():
    # level 3 ("(%3)") restarts only when level 1 (ilvl 0) is used, not after each level 2 (ilvl 1)
    numbering = numbering_xml(
        abstract(
            1,
            lvl(0, text="%1."),
            lvl(1, text="%1.%2"),
            lvl(2, "lowerLetter", "(%3)", extra='<w:lvlRestart w:val="1"/>'),
        ),
        num(1, 1),
    )
    paragraphs = (p(1, 0), p(1, 1), p(1, 2), p(1, 2), p(1, 1), p(1, 2), p(1, 0), p(1, 1), p(1, 2))
    assert shown(numbering, *paragraphs) == ["1.", "1.1", "(a)", "(b)", "1.2", "(c)", "2.", "2.1", "(a)"]


def test_counting_continues_past_unnumbered_paragraphs():
    assert shown(LEGAL, p(1, 0), p(), p(style_id="Normal"), p(1, 0), p(), p(1, 1)) == [
        "1.",
        None,
        None,
        "2.",
        None,
        "2.1",
    ]


def test_two_nums_on_one_abstract_share_its_counters():
    numbering = numbering_xml(abstract(1, lvl(0)), num(1, 1), num(2, 1))
    assert shown(numbering, p(1, 0), p(1, 0), p(), p(2, 0), p(1, 0)) == ["1.", "2.", None, "3.", "4."]


def test_start_override_restarts_the_first_time_its_num_is_used():
    numbering = numbering_xml(
        abstract(1, lvl(0), lvl(1, "lowerLetter", "(%2)")), num(1, 1), num(2, 1, start_override(0, 1))
    )
    paragraphs = (p(1, 0), p(1, 0), p(1, 0), p(2, 0), p(2, 1), p(2, 0), p(1, 0))
    # the restart is spent on the first use; the abstract's counters go on from it, whichever num continues them
    assert shown(numbering, *paragraphs) == ["1.", "2.", "3.", "1.", "(a)", "2.", "3."]


def test_a_sub_list_restarted_in_word_continues_its_parents():
    """Word's "Restart Numbering" on a sub-item gives it, and the paragraphs after it, a new num that overrides the
    start of every level (as pandoc writes too): the sub-list restarts, its parent level counts on."""
    every_level = "".join(start_override(level, 1) for level in range(9))
    numbering = numbering_xml(
        abstract(1, lvl(0, text="%1."), lvl(1, "lowerLetter", "(%2)", extra='<w:lvlRestart w:val="0"/>')),
        num(1, 1),
        num(2, 1, every_level),
    )
    paragraphs = (p(1, 0), p(1, 1), p(1, 1), p(1, 0), p(2, 1), p(2, 1), p(2, 0), p(2, 1))
    assert shown(numbering, *paragraphs) == ["1.", "(a)", "(b)", "2.", "(a)", "(b)", "3.", "(c)"]


def test_start_override_sets_any_value():
    numbering = numbering_xml(abstract(1, lvl(0, text="%1.")), num(1, 1, start_override(0, 14)))
    assert shown(numbering, p(1, 0), p(1, 0)) == ["14.", "15."]


def test_level_override_replaces_the_level_for_that_num():
    override = f'<w:lvlOverride w:ilvl="0">{lvl(0, "upperRoman", "Part %1", start=5)}</w:lvlOverride>'
    numbering = numbering_xml(abstract(1, lvl(0, text="%1.")), num(1, 1), num(2, 1, override))
    assert shown(numbering, p(1, 0), p(2, 0)) == ["1.", "Part II"]
    assert shown(numbering, p(2, 0), p(2, 0)) == ["Part V", "Part VI"]


def test_numbering_from_the_paragraph_style_through_based_on():
    numbering = numbering_xml(
        abstract(1, lvl(0, text="%1", extra='<w:pStyle w:val="Heading1"/>'), lvl(1, text="%1.%2")), num(3, 1)
    )
    styles = styles_xml(
        style("Normal", "Normal", default=True),
        style("Heading1", "heading 1", based_on="Normal", num_id=3),
        style("Clause", "Clause", num_id=3, ilvl=1),
        style("ClauseBold", "Clause bold", based_on="Clause"),
    )
    paragraphs = (
        p(style_id="Heading1"),
        p(style_id="Clause"),
        p(style_id="ClauseBold"),
        p(),
        p(style_id="Heading1"),
        p(style_id="Clause"),
    )
    assert shown(numbering, *paragraphs, styles=styles) == ["1", "1.1", "1.2", None, "2", "2.1"]


def test_paragraph_numpr_overrides_the_style():
    numbering = numbering_xml(
        abstract(1, lvl(0, text="%1"), lvl(1, text="%1.%2")),
        abstract(2, lvl(0, "lowerLetter", "(%1)")),
        num(3, 1),
        num(4, 2),
    )
    styles = styles_xml(style("Clause", num_id=3, ilvl=1), style("Heading1", "heading 1", num_id=3, ilvl=0))
    paragraphs = (
        p(style_id="Heading1"),
        p(num_id=0, style_id="Clause"),  # numId 0: the style's numbering taken away
        p(style_id="Clause"),
        p(ilvl=0, style_id="Clause"),  # its own level, the style's list
        p(num_id=4, ilvl=0, style_id="Clause"),  # its own list
    )
    assert shown(numbering, *paragraphs, styles=styles) == ["1", None, "1.1", "2", "(a)"]


def test_missing_ilvl_is_zero_or_the_level_tied_to_the_style():
    numbering = numbering_xml(
        abstract(1, lvl(0, text="%1"), lvl(1, text="%1.%2", extra='<w:pStyle w:val="Heading2"/>')), num(1, 1)
    )
    styles = styles_xml(style("Heading2", "heading 2", num_id=1), style("Heading2Plain", based_on="Heading2"))
    paragraphs = (p(num_id=1), p(style_id="Heading2"), p(style_id="Heading2Plain"), p(num_id=1))
    assert shown(numbering, *paragraphs, styles=styles) == ["1", "1.1", "1.2", "2"]


def test_num_style_link_counts_with_the_linked_list():
    numbering = numbering_xml(
        abstract(1, lvl(0, text="%1."), lvl(1, text="%1.%2"), extra='<w:styleLink w:val="LegalList"/>'),
        abstract(2, lvl(0, "bullet", "\uf0b7"), extra='<w:numStyleLink w:val="LegalList"/>'),
        num(5, 1),
        num(6, 2),
    )
    styles = styles_xml(style("LegalList", "Legal list", num_id=5, kind="numbering"))
    assert shown(numbering, p(5, 0), p(6, 0), p(6, 1), p(5, 0), styles=styles) == ["1.", "2.", "2.1", "3."]


def test_a_num_style_link_to_nowhere_is_a_problem():
    numbering = numbering_xml(abstract(2, lvl(0), extra='<w:numStyleLink w:val="Gone"/>'), num(6, 2))
    [result] = shown(numbering, p(6, 0))
    assert result.startswith("PROBLEM") and "Gone" in result


def test_undefined_list_or_level_is_a_problem():
    numbering = numbering_xml(abstract(1, lvl(0), lvl(1, text="%1.%2")), num(1, 1), num(2, 9))
    results = shown(numbering, p(7, 0), p(1, 4), p(2, 0), p(1, 0))
    assert [r.split(":")[0] if r else r for r in results] == ["PROBLEM", "PROBLEM", "PROBLEM", "1."]
    assert "list 7" in results[0] and "level 5" in results[1] and "abstract numbering 9" in results[2]
    assert all("Word shows no number" in r for r in results[:3])


def test_a_level_shown_but_not_defined_shows_zero():
    numbering = numbering_xml(abstract(1, lvl(1, text="%1.%2")), num(1, 1))
    assert shown(numbering, p(1, 1), p(1, 1)) == ["0.1", "0.2"]


def test_no_numbering_part():
    [result] = shown(None, p(1, 0))
    assert result.startswith("PROBLEM")
    assert shown(None, p(), p(num_id=0)) == [None, None]


def test_level_used_before_its_parent_shows_the_parent_at_its_start():
    """Word shows a parent level never used (or restarted and not used since) at its start value: "1.1" for a
    "%1.%2" paragraph first in the list, "1.1.1" for a level-2 paragraph straight after a level-0 one, and the
    parent's own first paragraph then still shows its start value."""
    three = numbering_xml(
        abstract(1, lvl(0, text="%1.", start=1), lvl(1, text="%1.%2", start=1), lvl(2, text="%1.%2.%3")), num(1, 1)
    )
    assert shown(three, p(1, 1), p(1, 1), p(1, 0), p(1, 2), p(1, 1)) == ["1.1", "1.2", "1.", "1.1.1", "1.1"]


def test_a_part_continuing_at_8_63():
    """A Part's clauses numbered on from 8.63 with no "Part 8" paragraph before them: the num starts level 0 at 8
    and level 1 at 63 (what Word's "Set Numbering Value" writes), and the first clause shows 8.63."""
    overrides = start_override(0, 8) + start_override(1, 63)
    numbering = numbering_xml(
        abstract(1, lvl(0, text="%1."), lvl(1, text="%1.%2"), lvl(2, "lowerLetter", "(%3)")), num(1, 1, overrides)
    )
    assert shown(numbering, p(1, 1), p(1, 2), p(1, 2), p(1, 2), p(1, 1), p(1, 0)) == [
        "8.63",
        "(a)",
        "(b)",
        "(c)",
        "8.64",
        "9.",  # the list began at 8 (Word's "Set Numbering Value" counts it as used)
    ]


def test_bullets_are_labels_with_the_bullet_character():
    numbering = numbering_xml(abstract(1, lvl(0, "bullet", "\uf0b7"), lvl(1, "bullet", "o")), num(1, 1))
    body = etree.fromstring(f"<w:body {NS}>{p(1, 0)}{p(1, 1)}</w:body>".encode())
    counter = Numbering.from_xml(numbering, Styles.from_xml(None)).counter()
    first, second = (counter.number(paragraph) for paragraph in body.iter(f"{W}p"))
    assert isinstance(first, Label) and first.text == "•" and first.formats[-1] == "bullet"
    assert isinstance(second, Label) and second.text == "o" and second.formats == ("bullet", "bullet")


def test_a_level_that_shows_nothing_is_not_numbered():
    numbering = numbering_xml(abstract(1, lvl(0, "none", "%1"), lvl(1, text="%2.")), num(1, 1))
    assert shown(numbering, p(1, 0), p(1, 1), p(1, 0), p(1, 1)) == [None, "1.", None, "1."]


def test_word_2010_custom_format_in_alternate_content():
    fmt = (
        '<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/>'
        '</mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>'
    )
    numbering = numbering_xml(abstract(1, lvl(0, "", "%1", extra=fmt)), num(1, 1))
    assert shown(numbering, p(1, 0), p(1, 0)) == ["001", "002"]


def test_a_level_without_start_starts_at_zero():
    numbering = numbering_xml(abstract(1, lvl(0, text="%1.", start=None)), num(1, 1))
    assert shown(numbering, p(1, 0), p(1, 0)) == ["0.", "1."]


def test_labels_carry_counters_formats_and_list():
    body = etree.fromstring(f"<w:body {NS}>{p(1, 0)}{p(1, 1)}{p(1, 2)}</w:body>".encode())
    counter = Numbering.from_xml(LEGAL, Styles.from_xml(None)).counter()
    labels = [counter.number(paragraph) for paragraph in body.iter(f"{W}p")]
    assert labels[2] == Label("(a)", 2, (1, 1, 1), ("decimal", "decimal", "lowerLetter"), "numbering", "1")


def test_a_fresh_counter_starts_again():
    numbering = Numbering.from_xml(LEGAL, Styles.from_xml(None))
    paragraph = etree.fromstring(p(1, 0).replace("<w:p>", f"<w:p {NS}>").encode())
    assert numbering.counter().number(paragraph).text == "1."
    assert numbering.counter().number(paragraph).text == "1."


def test_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    numbering = (
        f'<?xml version="1.0"?><!DOCTYPE n [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
        f"<w:numbering {NS}>{abstract(1, lvl(0, text='%1.&e;'))}{num(1, 1)}</w:numbering>"
    ).encode()
    try:
        result = shown(numbering, p(1, 0))
    except etree.XMLSyntaxError:
        return  # refusing the part is as good
    assert "SECRET" not in str(result)


def test_a_realistic_legal_list_with_tables_and_interruptions():
    """A council's protocol: "1" section headings (Heading 1, linked to level 0), "1.1" clauses (a Clause style on
    level 1), "(a)" sub-items and "(i)" sub-sub-items by direct numbering, with unnumbered paragraphs and a table
    between them: the count goes on through the table's cells and past everything unnumbered."""
    numbering = numbering_xml(
        abstract(
            4,
            lvl(0, text="%1", extra='<w:pStyle w:val="Heading1"/>'),
            lvl(1, text="%1.%2", extra='<w:pStyle w:val="Clause"/>'),
            lvl(2, "lowerLetter", "(%3)"),
            lvl(3, "lowerRoman", "(%4)"),
        ),
        num(2, 4),
    )
    styles = styles_xml(
        style("Normal", "Normal", default=True),
        style("Heading1", "heading 1", based_on="Normal", num_id=2),
        style("Clause", "Clause", based_on="Normal", num_id=2, ilvl=1),
        style("Title", "Title"),
    )
    table = (
        "<w:tbl><w:tr><w:tc>" + p(style_id="Normal", text="Do") + "</w:tc><w:tc>" + p(text="Don't") + "</w:tc></w:tr>"
        "<w:tr><w:tc>" + p(style_id="Clause") + "</w:tc><w:tc>" + p(2, 2) + "</w:tc></w:tr></w:tbl>"
    )
    paragraphs = [
        p(style_id="Title", text="Protocol"),
        p(style_id="Heading1"),  # 1
        p(style_id="Clause"),  # 1.1
        p(style_id="Clause"),  # 1.2
        p(2, 2),  # (a)
        p(2, 3),  # (i)
        p(2, 3),  # (ii)
        p(text="A note between"),
        p(2, 2),  # (b)
        p(2, 3),  # (i)
        p(style_id="Clause"),  # 1.3
        p(style_id="Heading1"),  # 2
        p(text="Introduction to the section"),
        p(style_id="Clause"),  # 2.1
        table,  # Do, Don't, 2.2, (a)
        p(style_id="Clause"),  # 2.3
        p(2, 2),  # (a)
    ]
    expected = [None, "1", "1.1", "1.2", "(a)", "(i)", "(ii)", None, "(b)", "(i)", "1.3", "2", None, "2.1",
                None, None, "2.2", "(a)", "2.3", "(a)"]  # fmt: skip
    assert shown(numbering, *paragraphs, styles=styles) == expected


# ---- numbers typed as text


@pytest.mark.parametrize(
    ("text", "label", "counters", "formats", "words"),
    [
        ("6.7\tWords", "6.7", (6, 7), ("decimal", "decimal"), "Words"),
        ("6.7 Words", "6.7", (6, 7), ("decimal", "decimal"), "Words"),
        ("6.7  Words", "6.7", (6, 7), ("decimal", "decimal"), "Words"),
        ("16. Words", "16.", (16,), ("decimal",), "Words"),
        ("8.63 Words", "8.63", (8, 63), ("decimal", "decimal"), "Words"),
        ("(a) words", "(a)", (1,), ("lowerLetter",), "words"),
        ("a) words", "a)", (1,), ("lowerLetter",), "words"),
        ("(iv)\twords", "(iv)", (4,), ("lowerRoman",), "words"),
        ("(1) words", "(1)", (1,), ("decimal",), "words"),
        ("1. Roles", "1.", (1,), ("decimal",), "Roles"),
        ("1 INTRODUCTION", "1", (1,), ("decimal",), "INTRODUCTION"),
        ("Part 8 Title", "Part 8", (8,), ("decimal",), "Title"),
        ("PART VIII\tTitle", "PART VIII", (8,), ("upperRoman",), "Title"),
        ("Appendix B Forms", "Appendix B", (2,), ("upperLetter",), "Forms"),
        ("2A Title", "2A", (2, 1), ("decimal", "upperLetter"), "Title"),
        ("6.7(a) words", "6.7(a)", (6, 7, 1), ("decimal", "decimal", "lowerLetter"), "words"),
        ("1(a)(ii) words", "1(a)(ii)", (1, 1, 2), ("decimal", "lowerLetter", "lowerRoman"), "words"),
        ("(aa) words", "(aa)", (27,), ("lowerLetter",), "words"),
        ("iv. words", "iv.", (4,), ("lowerRoman",), "words"),
        ("B\tSecond section", "B", (2,), ("upperLetter",), "Second section"),
        ("1.1.1\u00a0Words", "1.1.1", (1, 1, 1), ("decimal", "decimal", "decimal"), "Words"),
        ("  \t(b) indented", "(b)", (2,), ("lowerLetter",), "indented"),
        ("\u00a0(c)\u2002en space", "(c)", (3,), ("lowerLetter",), "en space"),
        ("6.7", "6.7", (6, 7), ("decimal", "decimal"), ""),
        ("2016 was a year", "2016", (2016,), ("decimal",), "was a year"),  # the structure step decides from counters
        ("1.0 Introduction", "1.0", (1, 0), ("decimal", "decimal"), "Introduction"),
        ("2.10\tWords", "2.10", (2, 10), ("decimal", "decimal"), "Words"),
        ("Annexe 2 Forms", "Annexe 2", (2,), ("decimal",), "Forms"),
        ("\u2022\tA bullet", "\u2022", (), ("bullet",), "A bullet"),
        ("-\tA dash and a tab", "-", (), ("bullet",), "A dash and a tab"),
    ],
)
def test_typed_numbers(text, label, counters, formats, words):
    found = typed_label(text)
    assert found is not None
    typed, rest = found
    assert (typed.text, typed.counters, typed.formats, typed.source, rest) == (label, counters, formats, "typed", words)
    assert typed.level == max(len(counters) - 1, 0)


@pytest.mark.parametrize(
    "text",
    [
        "Words 6.7",
        "10:30 am",
        "£5 a head",
        "50% of members",
        "1st April",
        "3rd party",
        "2.5km away",
        "12/05/2026 meeting",
        "1,000 people",
        "e.g. this",
        "i.e. that",
        "I am the officer",
        "A person",
        "(see below)",
        "(the) words",
        "0.5 per cent",
        "(a)words",
        "1.Roles",
        "Part of the council",
        "- a dash then words",
        "Paragraph 6.7 says",
        "Rule 4 of the procedure rules",
        "",
    ],
)
def test_not_typed_numbers(text):
    assert typed_label(text) is None


def test_a_single_letter_that_is_also_roman_has_another_reading():
    roman_first, _ = typed_label("(i) words")
    assert roman_first.formats == ("lowerRoman",) and roman_first.counters == (1,)
    letter = other_reading(roman_first)
    assert letter is not None and letter.counters == (9,) and letter.formats == ("lowerLetter",)  # after (h)
    letter_first, _ = typed_label("(c) words")
    assert letter_first.counters == (3,)
    assert other_reading(letter_first).counters == (100,)
    assert other_reading(typed_label("(b) words")[0]) is None


def test_the_original_view_numbers_paragraphs_as_they_were_before_tracked_changes():
    """With the changes rejected, a paragraph numbered as a tracked change (``w:numPr/w:ins``) has no number, and
    one whose numbering was changed (``w:pPrChange``) has its number from before."""
    added = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
        '<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"/></w:numPr></w:pPr></w:p>'
    )
    changed = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
        '<w:pPrChange w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:pPr><w:numPr><w:ilvl w:val="0"/>'
        '<w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr></w:p>'
    )
    body = etree.fromstring(f"<w:body {NS}>{p(1, 0)}{added}{changed}{p(1, 0)}</w:body>".encode())
    numbering = Numbering.from_xml(LEGAL, Styles.from_xml(None))
    for view, expected in (("accepted", ["1.", "2.", "2.1", "3."]), ("original", ["1.", None, "2.", "3."])):
        counter = numbering.counter(view)
        labels = [counter.number(paragraph) for paragraph in body.iter(f"{W}p")]
        assert [label.text if isinstance(label, Label) else label for label in labels] == expected, view


def test_a_second_producer_pandoc(tmp_path):
    """pandoc writes each list as a num with a startOverride on every level, over abstracts that several lists
    share, and a nested list as a num of its own: the numbers are those its Markdown asked for."""
    source = tmp_path / "lists.md"
    source.write_text(
        "# Heading\n\n1. one\n2. two\n   a. two-a\n   b. two-b\n3. three\n\nBetween.\n\n5. five\n6. six\n\n"
        "Another.\n\n1. again\n2. again two\n\n(i) roman one\n(ii) roman two\n\n- a bullet\n"
    )
    docx = tmp_path / "lists.docx"
    pypandoc.convert_file(str(source), "docx", outputfile=str(docx))
    with zipfile.ZipFile(docx) as package:
        parts = {name: package.read(name) for name in ("word/document.xml", "word/numbering.xml", "word/styles.xml")}
    counter = Numbering.from_xml(parts["word/numbering.xml"], Styles.from_xml(parts["word/styles.xml"])).counter()
    shown_by_words = {}
    for paragraph in etree.fromstring(parts["word/document.xml"]).iter(f"{W}p"):
        label = counter.number(paragraph)
        shown_by_words["".join(paragraph.itertext())] = label.text if isinstance(label, Label) else label
    assert shown_by_words == {
        "Heading": None,
        "one": "1.",
        "two": "2.",
        "two-a": "a.",
        "two-b": "b.",
        "three": "3.",
        "Between.": None,
        "five": "5.",
        "six": "6.",
        "Another.": None,
        "again": "1.",
        "again two": "2.",
        "roman one": "(i)",
        "roman two": "(ii)",
        "a bullet": "•",
    }
