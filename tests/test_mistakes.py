"""Mistakes that directives used to swallow or misplace, and pages Sphinx cannot read: each fails at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_fails_at, assert_warns_at

EDITIONS = 'extensions.append("sphinx_constitution.model.editions")\n'
REGISTRY = '[[code]]\nid = "x"\ntitle = "The X Code"\nkind = "code"\n'
CITES_X = "\n\nThe {code-ref}`x`.\n"


# -- an option a directive does not know -------------------------------------------------------------------

UNKNOWN_OPTION = [
    # (the directive, with a mistaken option on line 4; conf; codes registry): every directive of this project
    (":::{clause} 6.7\n:bogus: 1\nWords.\n:::\n", "", None),
    (":::{ins}\n:bogus: 1\nWords.\n:::\n", "", None),
    (":::{del}\n:bogus: 1\nWords.\n:::\n", "", None),
    (":::{codes-index}\n:bogus: 1\n:::\n" + CITES_X, "", REGISTRY),
    (":::{nolan-principles}\n:bogus: 1\n:::\n", "", None),
    (":::{do-dont} Caption\n:bogus: 1\n\n+ Do this\n:::\n", "", None),
    (":::{status} draft\n:bogus: 1\n:committee: Standards Committee\n:meeting: 2026-04-29\n:::\n", EDITIONS, None),
    (":::{edition-changes}\n:bogus: 1\n:from: old\n:to: new\n:::\n", EDITIONS, None),
]


def _name(source: str) -> str:
    return source.split("}")[0].removeprefix(":::{")


@pytest.mark.parametrize(("source", "conf", "codes"), UNKNOWN_OPTION, ids=[_name(case[0]) for case in UNKNOWN_OPTION])
def test_an_unknown_option_fails_naming_file_and_line(build_snippet, source: str, conf: str, codes: str | None) -> None:
    result = build_snippet({"index": "# P\n\n" + source}, conf=conf, codes=codes, builder="dummy")
    assert_warns_at(result, "index", 4, "[myst.directive_option]", f"'{_name(source)}': Unknown option key: 'bogus'")


@pytest.mark.parametrize("name", ["clause", "ins"])
def test_a_mistaken_option_does_not_become_the_text(build_snippet, name: str) -> None:
    argument = " 6.7" if name == "clause" else ""
    result = build_snippet({"index": f"# P\n\n:::{{{name}}}{argument}\n:bogus: 1\nThe words.\n:::\n"})
    assert result.status != 0
    assert "bogus" not in result.main().get_text()
    assert "The words." in result.main().get_text()


# -- content given to a directive that takes none ----------------------------------------------------------

CONTENT = [
    # (the directive on line 3, with text it has no place for; conf; codes registry)
    (":::{codes-index}\nThe register of codes.\n:::\n" + CITES_X, "", REGISTRY),
    (":::{nolan-principles}\nThe seven principles.\n:::\n", "", None),
    (":::{nolan-principles} integrity\n:::\n", "", None),  # meant :principles: integrity
    (":::{status} draft\n:committee: Standards Committee\n:meeting: 2026-04-29\n\nA note.\n:::\n", EDITIONS, None),
    (":::{edition-changes}\n:from: old\n:to: new\n\nA note.\n:::\n", EDITIONS, None),
]


@pytest.mark.parametrize(("source", "conf", "codes"), CONTENT, ids=[_name(case[0]) for case in CONTENT])
def test_content_for_a_directive_that_takes_none_fails_at_the_directive(
    build_snippet, source: str, conf: str, codes: str | None
) -> None:
    result = build_snippet({"index": "# P\n\n" + source}, conf=conf, codes=codes, builder="dummy")
    assert_warns_at(result, "index", 3, "[myst.directive_parse]", f"'{_name(source)}': Has content, but none permitted")


# -- a page that is not UTF-8 ------------------------------------------------------------------------------

SOURCES = 'extensions.append("sphinx_constitution.engine.sources")\n'
NOT_UTF8 = b"# P\n\n\xff\xfe caf\xe9\n"


def _build_with_bytes(build_snippet, tmp_path: Path, pages: dict[str, bytes], *args: str):
    """Build pages written as these bytes (build_snippet writes text)."""
    (tmp_path / "src").mkdir()
    for name, data in pages.items():
        (tmp_path / "src" / f"{name}.md").write_bytes(data)
    return build_snippet({}, conf=SOURCES, args=args)


@pytest.mark.parametrize("args", [(), ("-j", "2")], ids=["serial", "parallel"])
def test_a_page_not_saved_as_utf8_fails_naming_file_and_line(
    build_snippet, capsys, tmp_path: Path, args: tuple[str, ...]
) -> None:
    pages = {"index": b"# Home\n\n```{toctree}\np\nq\n```\n", "p": NOT_UTF8, "q": b"# Q\n\nCaf\xc3\xa9.\n"}
    result = _build_with_bytes(build_snippet, tmp_path, pages, *args)
    err = capsys.readouterr().err
    assert result.status == 1, err  # warnings, not a crash (2)
    location = f"{result.srcdir / 'p.md'}:3: WARNING: not UTF-8 text: byte 0xff at column 1 cannot be read"
    assert location in result.warnings
    assert "save the file as UTF-8 [constitution.not_utf8]" in result.warnings
    assert "UnicodeDecodeError" not in err and "Traceback" not in err
    # a preview still shows the page, the unreadable bytes as U+FFFD, and the other pages as they are
    assert "\ufffd\ufffd caf\ufffd" in result.main("p").get_text()
    assert "Café." in result.main("q").get_text()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Text \x00 here.", "the control character '\\x00' (its character 6)"),  # Markdown would show U+FFFD
        ("Text \x85 here.", "the control character '\\x85' (its character 6)"),  # a C1 control: text decoded wrongly
        ("Pay \u202e0001\u202c now.", "the invisible right-to-left override (U+202E), which shows the words after"),
        ("Pay \u20670001\u2069 now.", "the invisible right-to-left isolate (U+2067)"),
    ],
    ids=["nul", "c1-control", "bidi-override", "bidi-isolate"],
)
def test_a_character_no_reader_should_get_fails_at_its_line(build_snippet, text: str, words: str) -> None:
    """A control character, or a bidirectional control that shows a reader the words in another order than the
    file's (what was reviewed is not what is published): each a warning at its line, not a page that builds."""
    pages = {"index": f"# P\n\nFirst line.\n{text}\n"}
    result = build_snippet(pages, conf=SOURCES, builder="dummy")
    assert_fails_at(result, "index", 4, "unfit_character", f"this line holds {words}")
    assert build_snippet(pages).status == 0  # without engine/sources.py, the page is published as it is


def test_a_root_page_not_saved_as_utf8_fails_naming_it(build_snippet, capsys, tmp_path: Path) -> None:
    result = _build_with_bytes(build_snippet, tmp_path, {"index": b"# Home\n\nCaf\xe9\n"})
    err = capsys.readouterr().err
    assert result.status == 1, err
    assert f"{result.srcdir / 'index.md'}:3: WARNING: not UTF-8 text: byte 0xe9 at column 4" in result.warnings
    assert "Traceback" not in err
