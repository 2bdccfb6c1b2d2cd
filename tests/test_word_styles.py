"""A Word document's styles as the import reads them (wordimport.styles), from styles.xml written here as strings."""

from __future__ import annotations

from sphinx_constitution.programs.wordimport.styles import Styles

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

STYLES = f"""<w:styles {NS}>
  <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="BodyNormal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="BodyNormal"/>
    <w:pPr><w:outlineLvl w:val="0"/><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/>
    <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr><w:rPr><w:i/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="SectionTitle"><w:name w:val="Section Title"/><w:basedOn w:val="Heading1"/>
    <w:rPr><w:b w:val="0"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Council Clause"/>
    <w:pPr><w:outlineLvl w:val="9"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="NoNumbers"><w:name w:val="No numbers"/><w:basedOn w:val="Clause"/>
    <w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="Chapter head"/>
    <w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="StrongEmphasis"><w:name w:val="Strong emphasis"/>
    <w:basedOn w:val="Strong"/><w:rPr><w:i/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="LoopA"><w:name w:val="Loop A"/><w:basedOn w:val="LoopB"/></w:style>
  <w:style w:type="paragraph" w:styleId="LoopB"><w:name w:val="Loop B"/><w:basedOn w:val="LoopA"/></w:style>
</w:styles>""".encode()


def test_names_as_word_shows_them():
    styles = Styles.from_xml(STYLES)
    assert styles.name("Heading1") == "Heading 1"
    assert styles.name("Clause") == "Council Clause"
    assert styles.name("Unknown") == "Unknown"


def test_outline_levels_through_based_on_and_built_in_names():
    styles = Styles.from_xml(STYLES)
    assert styles.outline_level("Heading1") == 0
    assert styles.outline_level("Heading2") == 1  # the built-in name wins over the outline level it inherits
    assert styles.outline_level("SectionTitle") == 0  # inherited from Heading 1
    assert styles.outline_level("MyHead") == 2
    assert styles.outline_level("Clause") is None  # outline level 9: body text
    assert styles.outline_level("BodyNormal") is None
    assert styles.outline_level("LoopA") is None  # a loop of basedOn ends the lookup


def test_headings_without_a_styles_part():
    styles = Styles.from_xml(None)
    assert styles.outline_level("Heading3") == 2
    assert styles.outline_level("heading 1") == 0
    assert styles.outline_level("Normal") is None
    assert styles.default_paragraph_style() == "Normal"
    assert styles.numbering("Heading1") == (None, None)


def test_numbering_through_based_on():
    styles = Styles.from_xml(STYLES)
    assert styles.numbering("Heading1") == ("3", None)
    assert styles.numbering("Heading2") == ("3", 1)  # its own level, its parent's list
    assert styles.numbering("Clause") == ("3", 1)
    assert styles.numbering("NoNumbers") == (None, None)  # numId 0 takes the parent's numbering away
    assert styles.numbering("BodyNormal") == (None, None)


def test_default_paragraph_style():
    assert Styles.from_xml(STYLES).default_paragraph_style() == "BodyNormal"


def test_bold_and_italic_through_based_on():
    styles = Styles.from_xml(STYLES)
    assert styles.run_bold_italic("Heading1") == (True, False)
    assert styles.run_bold_italic("Heading2") == (True, True)
    assert styles.run_bold_italic("SectionTitle") == (False, False)  # w:b w:val="0" switches it off
    assert styles.run_bold_italic("StrongEmphasis") == (True, True)
    assert styles.run_bold_italic("Unknown") == (False, False)
