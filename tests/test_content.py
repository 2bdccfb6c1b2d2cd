"""Content is data (sphinx_constitution/engine/content.py): each attack a page can make, refused with its file and line.

Every attack is built twice: with the guard, it must fail the build at the right line and leave no trace in the
output; without the guard (``sphinx_constitution.engine.content`` left out of the configuration), the same page
must do its harm, which proves the attack is real and that the guarded test would fail if the guard were switched off.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from conftest import Build, assert_fails_at, assert_warns_at
from sphinx_constitution.engine.content import link_is_safe

SECRET = "SECRET_42"  # in files beside the source folder: no page may publish them (one token to Pygments)
OUTSIDE = {"secret.txt": f"{SECRET}\n", "secret.csv": f"{SECRET},x\n", "secret.png": SECRET.encode()}
SUBSTITUTIONS = 'myst_enable_extensions.append("substitution")\nmyst_substitutions = {"council_name": "Testshire"}\n'
DESIGN = 'extensions.append("sphinx_design")\n'
GUARD_OFF = '\nextensions.remove("sphinx_constitution.engine.content")\n'


def published(result: Build, pattern: str = "*") -> str:
    """Every file matching *pattern* that the build wrote for readers, as text: its doctrees aside, and the copies
    of the sources that Sphinx publishes as plain text by default (``html_copy_source``; the site turns it off)."""
    files = [p for p in result.outdir.rglob(pattern) if p.is_file() and not {".doctrees", "_sources"} & set(p.parts)]
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in files)


def leaked(result: Build) -> bool:
    return SECRET in published(result)


def script_link(result: Build) -> bool:
    return re.search(r'(?:href|src)="\s*(?:javascript|data|vbscript):', published(result, "*.html")) is not None


def inside(result: Build, selector: str) -> str:
    """The text of the page's elements that *selector* finds."""
    return " ".join(element.get_text() for element in result.main().select(selector))


def ran_code(result: Build) -> bool:
    return "pwned-42" in published(result)  # what only the shell's arithmetic would print


@dataclass
class Attack:
    id: str
    source: str
    line: int
    subtype: str
    words: str
    harm: Callable[[Build], bool]
    conf: str = ""
    files: dict[str, str | bytes] = field(default_factory=dict)
    page: str = "index"


ATTACKS = [
    # -- running code --------------------------------------------------------------------------------------
    Attack(
        "jinja-reaches-os",
        "# P\n\nHello {{ lipsum.__globals__.os.popen('echo pwned-$((6*7))').read() }}.\n",
        3,
        "bad_substitution",
        "is not the name of a value",
        ran_code,
        conf=SUBSTITUTIONS,
    ),
    Attack(
        "eval-rst-raw-script",
        "# P\n\n```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```\n",
        3,
        "refused_markup",
        "{eval-rst} is not allowed in content",
        lambda result: "<script>alert(1)</script>" in published(result),
    ),
    Attack(
        "rst-source",
        "# P\n\n```{toctree}\nevil\n```\n",
        1,
        "refused_markup",
        "reStructuredText sources are not accepted",
        lambda result: "<script>alert(1)</script>" in published(result),
        files={"src/evil.rst": "Evil\n====\n\n.. raw:: html\n\n   <script>alert(1)</script>\n"},
        page="evil",
    ),
    Attack(
        "front-matter-meta-refresh",
        '---\nhtml_meta:\n  "http-equiv=refresh": "0; url=https://evil.example"\n---\n# P\n\nText.\n',
        2,
        "refused_markup",
        "front matter may not set 'html_meta'",
        lambda result: 'http-equiv="refresh"' in published(result),
    ),
    Attack(
        "front-matter-myst-settings",
        '---\nmyst:\n  html_meta:\n    "http-equiv=refresh": "0; url=https://evil.example"\n---\n# P\n\nText.\n',
        2,
        "refused_markup",
        "front matter may not set 'myst'",
        lambda result: 'http-equiv="refresh"' in published(result),
    ),
    Attack(
        "math-loads-a-third-party-script",
        "# P\n\n```{math}\nx^2\n```\n",
        3,
        "refused_markup",
        "the {math} directive is not allowed in content",
        lambda result: re.search(r'<script[^>]+src="https://', published(result)) is not None,
    ),
    Attack(
        "math-role-loads-a-third-party-script",
        "# P\n\nThe area is\n{math}`\\pi r^2`.\n",
        4,
        "refused_markup",
        "the {math} role is not allowed in content",
        lambda result: re.search(r'<script[^>]+src="https://', published(result)) is not None,
    ),
    # -- reading files outside the project -----------------------------------------------------------------------
    Attack("include", "# P\n\n```{include} ../secret.txt\n```\n", 3, "refused_markup", "{include}", leaked),
    Attack(
        "literalinclude",
        "# P\n\n```{literalinclude} ../secret.txt\n```\n",
        3,
        "refused_markup",
        "{literalinclude}",
        leaked,
    ),
    Attack(
        "eval-rst-include",
        "# P\n\n```{eval-rst}\n.. include:: ../secret.txt\n```\n",
        3,
        "refused_markup",
        "{eval-rst}",
        leaked,
    ),
    Attack(
        "csv-table-file",
        "# P\n\n```{csv-table} T\n:file: ../secret.csv\n```\n",
        3,
        "[docutils]",  # docutils' own switch for untrusted input, which the guard turns off
        'File and URL access deactivated; ignoring "csv-table" directive.',
        leaked,
    ),
    Attack("raw-file", "# P\n\n```{raw} html\n:file: ../secret.txt\n```\n", 3, "refused_markup", "{raw}", leaked),
    Attack(
        "image", "# P\n\n![A picture](../secret.png)\n", 3, "unsafe_link", "image '../secret.png' is outside", leaked
    ),
    Attack("figure", "# P\n\n```{figure} ../secret.png\n```\n", 3, "unsafe_link", "image '../secret.png'", leaked),
    Attack("download-role", "# P\n\nGet {download}`the file <../secret.txt>`.\n", 3, "unsafe_link", "download", leaked),
    Attack(
        "markdown-link-to-a-file",
        "# P\n\nGet [the file](../secret.txt).\n",
        3,
        "unsafe_link",
        "download '../secret.txt' is outside",
        leaked,
    ),
    # -- links a browser would run ----------------------------------------------------------------------------------
    Attack(
        "button-link-javascript",
        "# P\n\n:::{button-link} javascript:alert(1)\nClick\n:::\n",
        3,
        "unsafe_link",
        "link to 'javascript:alert(1)'",
        script_link,
        conf=DESIGN,
    ),
    Attack(
        "card-link-data",
        "# P\n\n:::{card} Title\n:link: data:text/html,<script>alert(1)</script>\nText\n:::\n",
        3,
        "unsafe_link",
        "link to 'data:text/html",
        script_link,
        conf=DESIGN,
    ),
    Attack(
        "image-target-javascript",
        "# P\n\n```{image} pic.png\n:target: javascript:alert(1)\n```\n",
        3,
        "unsafe_link",
        "link to 'javascript:alert(1)'",
        script_link,
        files={"src/pic.png": b"\x89PNG\r\n\x1a\n"},
    ),
    Attack(
        "toctree-javascript",
        "# P\n\n```{toctree}\nEvil <javascript://%0aalert(1)>\n```\n",
        3,
        "unsafe_link",
        "link to 'javascript://%0aalert(1)'",
        script_link,
    ),
    Attack(
        "eval-rst-link",
        "# P\n\n```{eval-rst}\n`Click <javascript:alert(1)>`_\n```\n",
        3,
        "refused_markup",
        "{eval-rst}",
        script_link,
    ),
    Attack(
        "remote-image-tracks-readers",
        "# P\n\n![](https://evil.example/pixel.png)\n",
        3,
        "unsafe_link",
        "is not a file of the site",
        lambda result: 'src="https://evil.example' in published(result),
    ),
    # markdown-it leaves a link it declines (javascript:, vbscript:, file:) unmade, as its literal text: published
    # without a word, the author's link gone. The guard has every link made, and refuses it at its line.
    Attack(
        "declined-link-published-as-its-text",
        "# P\n\nFill in\n[the form](javascript:alert(1)).\n",
        4,
        "unsafe_link",
        "link to 'javascript:alert(1)'",
        lambda result: result.status == 0 and "](javascript:alert(1))" in published(result, "*.html"),
    ),
    Attack(
        "declined-autolink-published-as-its-text",
        "# P\n\nFill in <vbscript:msgbox(1)>.\n",
        3,
        "unsafe_link",
        "link to 'vbscript:msgbox(1)'",
        lambda result: result.status == 0 and "&lt;vbscript:msgbox(1)&gt;" in published(result, "*.html"),
    ),
    Attack(
        "declined-reference-link-published-as-its-text",
        "# P\n\nFill in [the form][form].\n\n[form]: file:///etc/passwd\n",
        3,
        "unsafe_link",
        "link to 'file:///etc/passwd'",
        lambda result: result.status == 0 and "[form]: file:///etc/passwd" in published(result, "*.html"),
    ),
    Attack(
        "declined-image-published-as-its-text",
        "# P\n\n![The form](javascript:alert(1))\n",
        3,
        "unsafe_link",
        "image 'javascript:alert(1)' is not a file of the site",
        lambda result: result.status == 0 and "![The form](javascript:alert(1))" in published(result, "*.html"),
    ),
    # -- silently wrong pages and crashes -------------------------------------------------------------------------
    Attack(
        "clause-role-missing-a-backtick",
        "# P\n\n:::{clause} 1.1\nWords.\n:::\n\nSee\n{clause}`1.1 for more.\n",
        8,
        "unclosed_role",
        "the {clause} role here has no text in backticks",
        lambda result: result.status == 0 and "{clause}" in published(result, "*.html"),  # published as it is
    ),
    Attack(
        "term-role-missing-a-backtick",
        "# P\n\nA {term}Member is elected.\n",
        3,
        "unclosed_role",
        "the {term} role",
        lambda result: result.status == 0 and "{term}" in published(result, "*.html"),
    ),
    Attack(
        "sub-items-nested-a-hundred-deep",
        "# P\n\n"
        + "".join(":" * (203 - depth) + "{clause} " + ("(1)" if depth else "1.1") + "\n" for depth in range(100))
        + "Words.\n"
        + "".join(":" * (104 + depth) + "\n" for depth in range(100)),
        3,
        "too_deep",
        "nested more than 12 deep",
        lambda result: result.status == 2,  # Sphinx's crash report: "please open an issue"
    ),
    Attack(
        "lists-nested-too-deep-drop-the-rest-of-the-page",
        "# P\n\nFirst words.\n\n" + "".join("  " * depth + "- item\n" for depth in range(15)) + "\nLast words.\n",
        13,  # the ninth item, where lists and their items are 20 deep
        "too_deep",
        "lists or quotes are nested too deep here",
        lambda result: result.status == 0 and "Last words." not in published(result, "*.html"),
    ),
    # A fence inside a directive's fence of the same marker and no longer closes that one with its own closing line:
    # what follows leaves the directive, and the last closing line opens a code block to the end of the page.
    Attack(
        "fence-inside-a-fence-as-long-closes-it-early",
        "# P\n\n```{note}\nFirst.\n```{warning}\nInner.\n```\nStill the note.\n```\n",
        5,
        "unclosed_fence",
        "its closing ``` closed that one early, and what follows is left out of it. Make the outer fence longer (````)",
        lambda result: result.status == 0 and "Still the note." not in inside(result, ".note"),
    ),
    Attack(
        "colon-fence-inside-a-colon-fence-closes-it-early",
        "# P\n\n:::{note}\nFirst.\n\n:::{warning}\nInner.\n:::\n\nStill the note.\n:::\n",
        6,
        "unclosed_fence",
        "Make the outer fence longer (::::)",
        lambda result: result.status == 0 and "Still the note." not in inside(result, ".note"),
    ),
    Attack(
        "fence-never-closed-takes-the-rest-of-the-page",
        "# P\n\nText.\n\n```\ncode\n\nMore text.\n",
        5,
        "unclosed_fence",
        "the ``` fence opened here is never closed",
        lambda result: result.status == 0 and "More text." in inside(result, "pre"),
    ),
    # A heading or a link with nothing to read: to a screen reader "heading" or "link" and nothing more
    Attack(
        "heading-with-no-text",
        "# P\n\nText.\n\n## \u200b\n\nMore.\n",
        5,
        "empty_text",
        "this heading has no text",
        lambda result: (
            result.status == 0 and re.search(r"<h2>\s*\u200b?\s*<a class=\"headerlink\"", published(result, "*.html"))
        ),
    ),
    Attack(
        "link-with-no-text",
        "# P\n\nSee [](https://example.org/form).\n",
        3,
        "empty_text",
        "this link to 'https://example.org/form' has no text",
        lambda result: result.status == 0 and 'href="https://example.org/form"></a>' in published(result, "*.html"),
    ),
    Attack(
        "raw-html-script",
        "# P\n\n<script>alert(1)</script>\n",
        3,
        "raw_html",
        "raw HTML is not allowed",
        lambda result: "<script>alert(1)</script>" in published(result),
    ),
]


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.id)
def test_the_guard_refuses_the_attack_at_its_line_and_publishes_nothing_of_it(build_snippet, attack: Attack) -> None:
    result = build_snippet({"index": attack.source}, conf=attack.conf, files={**OUTSIDE, **attack.files})
    suffix = "rst" if attack.files.get(f"src/{attack.page}.rst") else "md"
    tag = attack.subtype if attack.subtype == "[docutils]" else f"[constitution.{attack.subtype}]"
    assert_warns_at(result, attack.page, attack.line, tag, attack.words, suffix)
    assert "Traceback" not in result.warnings
    assert result.status == 1, "a warning, not a crash"
    assert not attack.harm(result)


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.id)
def test_without_the_guard_the_attack_does_harm(build_snippet, attack: Attack) -> None:
    result = build_snippet(
        {"index": attack.source}, conf=attack.conf + GUARD_OFF, files={**OUTSIDE, **attack.files}, args=("-Q",)
    )
    assert attack.harm(result)


def test_a_page_that_links_outside_the_source_folder_publishes_nothing(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\n```{toctree}\nleak\n```\n"}, files={"secret.md": f"# Leak\n\n{SECRET}\n"})
    os.symlink(result.srcdir.parent / "secret.md", result.srcdir / "leak.md")
    result = build_snippet({"index": "# P\n\n```{toctree}\nleak\n```\n"})
    assert "leak.md is a link to a place outside the source folder [constitution.unsafe_link]" in result.warnings
    assert result.status != 0
    assert not leaked(result)
    unguarded = build_snippet({"index": "# P\n\n```{toctree}\nleak\n```\n"}, conf=GUARD_OFF, args=("-E",))
    assert leaked(unguarded)


def test_council_details_are_values_by_name(build_snippet) -> None:
    source = "# P\n\nThe {{ council_name }} protocol; {{council_name}} again.\n"
    result = build_snippet({"index": source}, conf=SUBSTITUTIONS)
    assert result.status == 0, result.warnings
    assert "The Testshire protocol; Testshire again." in result.main().get_text(" ", strip=True)


def test_an_unknown_name_is_refused_naming_the_known_ones(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nThe {{ councel_name }}.\n"}, conf=SUBSTITUTIONS, builder="dummy")
    assert_fails_at(result, "index", 3, "bad_substitution", "{{ councel_name }} is not a value in the configuration")
    assert "(names: council_name)" in result.warnings


def test_front_matter_data_fields_are_still_allowed(build_snippet) -> None:
    result = build_snippet({"index": "---\nreviewed: 2026-04-29\n---\n# P\n\nText.\n"})
    assert result.status == 0, result.warnings


def test_configuration_may_add_markup_but_never_file_insertion(build_snippet) -> None:
    source = "# P\n\n```{math}\nx^2\n```\n\n```{include} ../secret.txt\n```\n"
    result = build_snippet({"index": source}, conf='constitution_content_markup = ["math", "include"]\n', files=OUTSIDE)
    assert "math" not in result.warnings  # trusted configuration allowed it
    assert 'Directive "include" disabled.' in result.warnings  # docutils' own switch, the second wall
    assert result.status != 0
    assert not leaked(result)


@pytest.mark.parametrize(
    "uri",
    ["https://www.legislation.gov.uk/ukpga/1972/70", "http://x", "mailto:a@b.c", "tel:+441246231111", "page.html#x"]
    + ["#clause-6-7", "../codes.html", "//cdn.example/x"],
)
def test_links_content_may_publish(uri: str) -> None:
    assert link_is_safe(uri)


@pytest.mark.parametrize(
    "uri",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:x"]
    + ["data:text/html,x", "vbscript:x", "file:///etc/passwd", "\x01javascript:x"],
)
def test_links_content_may_not_publish(uri: str) -> None:
    assert not link_is_safe(uri)


def test_raw_html_is_shown_as_code_not_rendered(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nIntro.\n\n<p><b>Officers Do</b></p>\n"})
    assert_fails_at(result, "index", 5, "raw_html", "raw HTML is not allowed; rewrite it in MyST")
    main = result.main()
    assert main.find("b") is None
    assert "<p><b>Officers Do</b></p>" in main.select_one(".con-refused-markup").get_text()


def test_inline_raw_html_fails_too(build_snippet) -> None:
    result = build_snippet({"index": "# P\n\nSome <b>bold</b> words.\n"}, builder="dummy")
    assert_fails_at(result, "index", 3, "raw_html", "'<b>'")


def test_a_value_that_names_itself_is_refused_not_looped(build_snippet) -> None:
    conf = 'myst_enable_extensions.append("substitution")\nmyst_substitutions = {"a": "A and {{ a }}"}\n'
    result = build_snippet({"index": "# P\n\nSee {{ a }}.\n"}, conf=conf, builder="dummy")
    assert_fails_at(result, "index", 3, "bad_substitution", "the value of 'a' names itself")


def test_a_front_matter_key_given_twice_fails_at_the_second(build_snippet) -> None:
    """YAML keeps the last of two ``description:`` lines without a word: the author may have meant the first."""
    page = "---\ndescription: The first.\ntitle: T\ndescription: The second.\n---\n# P\n\nText.\n"
    result = build_snippet({"index": page})
    words = "front matter gives 'description' twice (here and at line 2)"
    assert_warns_at(result, "index", 4, "[constitution.bad_front_matter]", words)
    assert build_snippet({"index": page}, conf=GUARD_OFF, args=("-E",)).status == 0
