"""Raw HTML (as pasted from Word) is refused, with the file and line, and shown rather than rendered."""

from __future__ import annotations

from test_clauses import assert_fails_at


def test_an_html_block_fails_and_is_shown_as_code(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nIntro.\n\n<p><b>Officers Do</b></p>\n"})
    assert_fails_at(result, "index", 5, "raw_html", "raw HTML is not allowed; rewrite it in MyST")
    main = result.main()
    assert main.find("b") is None
    assert "<p><b>Officers Do</b></p>" in main.select_one(".con-refused-markup").get_text()


def test_inline_html_fails_too(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nSome <b>bold</b> words.\n"})
    assert_fails_at(result, "index", 3, "raw_html", "'<b>'")


def test_the_raw_directive_fails_too(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n```{raw} html\n<div>x</div>\n```\n"})
    assert_fails_at(result, "index", 3, "raw_html", "raw HTML is not allowed")
