""" "Report a problem with paragraph 6.7": each paragraph's link carries its permanent address to the council."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import Build

CONF = 'extensions.append("sphinx_constitution.outputs.report")\nproject = "Protocol"\n'
PAGE = """\
# Access

::::{clause} 6.7
Members may ask for information.

:::{clause} (a)
A sub-item.
:::
::::

:::{clause} 6.8
Officers answer.
:::
"""


def report_links(result: Build, page: str = "index") -> dict[str, str]:
    return {a.get_text(): a["href"] for a in result.main(page).select(".con-report a")}


def test_each_paragraph_has_a_link_that_mails_its_permanent_address(build_snippet):
    conf = CONF + 'constitution_report_problem_to = "democratic.services@example.gov.uk"\n'
    result = build_snippet({"index": PAGE}, conf=conf + 'html_baseurl = "https://protocol.example.gov.uk/"\n')
    assert result.status == 0, result.warnings
    links = report_links(result)
    assert list(links) == ["Report a problem with paragraph 6.7", "Report a problem with paragraph 6.8"], "not (a)"
    mail = urlsplit(links["Report a problem with paragraph 6.7"])
    assert (mail.scheme, unquote(mail.path)) == ("mailto", "democratic.services@example.gov.uk")  # cloaked: %40
    query = parse_qs(mail.query)
    assert query["subject"] == ["A problem with paragraph 6.7 of the Protocol"]
    assert query["body"][0].startswith("Paragraph 6.7: https://protocol.example.gov.uk/index.html#clause-6-7\n")
    link = result.main().find(id="clause-6-7").select_one(".con-report")
    assert link.find_parent(class_="con-clause")["id"] == "clause-6-7", "at the end of its own paragraph"


def test_a_web_form_is_given_the_paragraphs_address(build_snippet):
    conf = CONF + 'constitution_report_problem_to = "https://www.example.gov.uk/report?page={url}&from=protocol"\n'
    result = build_snippet({"index": PAGE}, conf=conf)
    assert result.status == 0, result.warnings
    form = urlsplit(report_links(result)["Report a problem with paragraph 6.8"])
    assert form.netloc == "www.example.gov.uk"
    assert parse_qs(form.query) == {"page": ["index.html#clause-6-8"], "from": ["protocol"]}
    assert unquote(form.query).startswith("page=index.html#clause-6-8")


def test_without_an_address_there_is_no_link(build_snippet):
    result = build_snippet({"index": PAGE}, conf=CONF)
    assert result.status == 0, result.warnings
    assert report_links(result) == {}


def test_the_text_and_pdf_copies_have_no_link(build_snippet):
    conf = CONF + 'constitution_report_problem_to = "democratic.services@example.gov.uk"\n'
    result = build_snippet({"index": PAGE}, conf=conf, builder="text")
    assert result.status == 0, result.warnings
    assert "Report a problem" not in result.text()


@pytest.mark.parametrize(
    "address",
    ["democratic services", "javascript:alert(1)", "https://www.example.gov.uk/report", "mailto:x@example.gov.uk"],
)
def test_an_address_that_is_neither_email_nor_form_stops_the_build(build_snippet, address):
    result = build_snippet({"index": PAGE}, conf=CONF + f"constitution_report_problem_to = {address!r}\n")
    assert result.status != 0
    assert "constitution_report_problem_to" in result.warnings + str(result.status)
