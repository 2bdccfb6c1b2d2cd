"""Configuration: one typed place (sphinx_constitution/config.py), checked as conf.py is read, documented in README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, assert_stops_on_configuration
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace
from sphinx_constitution import EXTENSIONS
from sphinx_constitution.config import reference, settings


def test_the_readme_reference_is_the_one_generated_from_the_settings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(
        r"<!-- configuration reference: generated -->\n(.*?)<!-- end of configuration reference -->", readme, re.S
    )
    assert found, "README has no generated configuration reference"
    assert found[1] == reference(), "README is out of date: paste in `python -m sphinx_constitution.config`"


@pytest.mark.parametrize(
    ("conf", "said"),
    [
        ('constitution_editions = ["protocol"]', "constitution_editions should be a dict of text to text"),
        ('constitution_editions = {"2026": 2026}', "constitution_editions should be a dict of text to text"),
        ("constitution_tracked_changes = 'yes'", "constitution_tracked_changes should be True or False, not 'yes'"),
        ('constitution_search_skip = "editions/*"', "constitution_search_skip should be a list of texts in quotes"),
        ('constitution_status_today = "23/11/2026"', "constitution_status_today '23/11/2026' is not a date"),
        ('constitution_pdf_documents = [{"start": "index"}]', "each entry needs 'start' and 'filename'"),
        (
            'constitution_pdf_documents = [{"start": "index", "filename": "a", "pages": 1}]',
            "'a' has unknown keys ['pages']",
        ),
        (
            'constitution_pdf_documents = [{"start": "index", "filename": "a", "max_pages": "one"}]',
            "'a' has max_pages 'one': it should be a whole number",
        ),
        ('constitution_pdf_documents = {"start": "index"}', "constitution_pdf_documents should be a list of tables"),
        (
            'constitution_pdf_documents = [{"start": "index", "filename": "a", "editions": True}]',
            "(or, instead of 'start', 'editions': True or 'latest_changes': True)",
        ),
        (
            'constitution_pdf_documents = [{"filename": "a", "editions": True, "latest_changes": True}]',
            "'a' has 'editions' and 'latest_changes': give one of them",
        ),
        (
            'constitution_editions = {"1": "a"}\n'
            'constitution_pdf_documents = [{"filename": "a", "latest_changes": True}]',
            "'a' has 'latest_changes' True, which needs at least two editions in constitution_editions",
        ),
        (
            'constitution_pdf_accent_colour = "navy"',
            "constitution_pdf_accent_colour 'navy' is not a colour: write it as #",
        ),
        (
            'constitution_pdf_accent_colour = "#ffcc00"',
            "'#ffcc00' has a contrast of 1.5:1 on white paper; text needs 4.5:1 or more (WCAG AA)",
        ),
        ('constitution_pdf_text_colour = "#999"', "constitution_pdf_text_colour '#999' has a contrast of 2.8:1"),
        ("constitution_pdf_font = '\"Council Sans\", serif'", "is not a font family's name: write the name alone"),
    ],
)
def test_a_value_of_the_wrong_form_stops_the_build_naming_it(
    build_snippet, capsys: pytest.CaptureFixture[str], conf: str, said: str
) -> None:
    result = build_snippet({"index": "# Page\n"}, conf=conf + "\n")
    assert_stops_on_configuration(result, capsys, said)


@pytest.mark.parametrize("name", EXTENSIONS)
def test_each_concept_loads_and_builds_alone(build_snippet, name: str) -> None:
    conf = (
        f'extensions = ["myst_parser", "{name}"]\n'  # replaces the snippet's list: MyST for the page, and one concept
    )
    result = build_snippet({"index": "# Page\n\nWords.\n"}, conf=conf)
    assert result.status == 0, result.warnings
    assert "Words." in result.html().get_text()


# -- read once a build ------------------------------------------------------------------------------------------


def test_one_application_building_again_sees_a_value_replaced_between_builds(tmp_path: Path) -> None:
    """As the editors' preview builds again and again with one application: the settings are made once, and made
    again when a value is replaced (here the index's description, written anew on every build)."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    conf = 'extensions = ["myst_parser", "sphinx_constitution.outputs.descriptions"]\nproject = "Rules"\n'
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.md").write_text("# Rules\n\nWords.\n", encoding="utf-8")

    def described() -> str:
        page = BeautifulSoup((out / "genindex.html").read_text(encoding="utf-8"), "html.parser")
        return page.select_one('meta[name="description"]')["content"]

    with docutils_namespace():  # as sphinx-build does: the directives registered go when the build does
        app = Sphinx(src, src, out, out / ".doctrees", "html", status=None, warning=None, warningiserror=True)
        app.build()
        assert described() == "Index: Rules."
        assert settings(app.config) is settings(app.config), "the settings are made again with nothing changed"
        app.config.constitution_description_default = "{title} of the {project}, again."
        app.build()
        assert described() == "Index of the Rules, again."


def test_applications_in_one_process_each_read_their_own_values(build_snippet) -> None:
    pages = {"index": "# Rules\n\n:::{clause} 1.1\nWords.\n:::\n\nSee {clause}`1.1`.\n"}
    assert (
        "See section 1.1."
        in build_snippet(pages, args=("-D", "constitution_clause_reference_prefix=section")).main().get_text()
    )
    assert "See paragraph 1.1." in build_snippet(pages).main().get_text()
