"""Pages that cannot be read as text: a page saved in an encoding other than UTF-8, or holding a character that has
no place in text (:func:`unfit_character`).

Sphinx 9 reads each page itself (``Path.read_text`` in ``Builder.read_doc``, with the encoding that
``source_encoding`` puts in the environment's docutils settings) before any extension sees it, so a page
saved as Windows-1252 (an older editor, text pasted through some tools) stops the build with
``UnicodeDecodeError`` and Sphinx's "please open an issue" report, naming neither the file nor the line.
The ``source-read`` event comes too late, and docutils' own input error handling is not used, since Sphinx
opens the file.

The one event between finding the pages and reading them is ``env-before-read-docs``. There each page about
to be read is checked as UTF-8; one that is not gets a warning naming its file and line (which fails the
build, ``-W``), and for this build the pages are read with :data:`LENIENT`, UTF-8 whose unreadable bytes
become U+FFFD (``�``): the page is still read, so a preview shows it, with ``�`` where the bad bytes are, and
nothing that depends on it (a toctree, the root page) breaks. A page that is UTF-8 reads exactly as before.
The setting is put back once the pages are read.

Only a project whose ``source_encoding`` is UTF-8 (the default; Sphinx 10 allows nothing else) is checked.

A page that reads as UTF-8 may still hold characters that no editor means and no reader should get
(:func:`unfit_character`): control characters (NUL, escape, the C1 controls that a Windows-1252 text decoded as
Latin-1 leaves), which HTML and PDF have no place for and Markdown passes on or turns into U+FFFD without a word;
and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), which show a reader the words after
them in another order than the file's, so that what was reviewed is not what is published ("Trojan Source").
Each page is a warning at the line of its first such character. Zero-width characters are left alone: the
joiners shape emoji and some scripts' letters (glossary terms are compared without them, ``model/glossary.py``).
The data files are held to the same rule, per field (``engine/datafiles.py``'s ``unfit_text``).
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig
import re
import unicodedata
from typing import TYPE_CHECKING

from .. import __version__
from ..problems import Problem, warn

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

#: The codec pages are read with in a build where one is not UTF-8.
LENIENT = "constitution-lenient-utf-8-sig"

# The characters :func:`unfit_character` refuses (every control character but tab and the line breaks, and the
# bidirectional controls), to find the first of them in a page at C speed.
_UNFIT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("env-before-read-docs", check_pages)
    app.connect("env-updated", strict_again)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def check_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Warn about each page to be read that is not UTF-8, and have Sphinx read them all leniently if so."""
    if _codec_name(app.config.source_encoding) not in {"utf-8", "utf-8-sig"}:
        return
    unreadable = False
    for docname in docnames:
        try:
            data = env.doc2path(docname).read_bytes()
        except OSError:
            continue  # not an encoding problem
        problem = undecodable(data)
        if problem is not None:
            line, message = problem
            warn(Problem.NOT_UTF8, f"{message} (shown as \ufffd): save the file as UTF-8", (docname, line))
            unreadable = True
        elif found := _UNFIT.search(text := data.decode("utf-8-sig")):
            line, column = text.count("\n", 0, found.start()) + 1, found.start() - text.rfind("\n", 0, found.start())
            message = f"this line holds {unfit_character(found[0])} (its character {column}): remove it"
            warn(Problem.UNFIT_CHARACTER, message, (docname, line))
    if unreadable:
        env.settings["input_encoding"] = LENIENT


def strict_again(app: Sphinx, env: BuildEnvironment) -> None:
    if env.settings.get("input_encoding") == LENIENT:
        env.settings["input_encoding"] = app.config.source_encoding


def undecodable(data: bytes) -> tuple[int, str] | None:
    """``(line, what is wrong)`` if *data* is not UTF-8 text; ``None`` if it is."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8-sig")) + 1
        return line, f"not UTF-8 text: byte 0x{data[error.start]:02x} at column {column} cannot be read"
    return None


def unfit_character(char: str, *, line_breaks: bool = True) -> str | None:
    """What *char* is, as words for a message, if it has no place in text a reader gets; ``None`` if it has.

    Tab, line feed and carriage return are text (*line_breaks* false refuses them too, for a one-line value)."""
    if char in "\t\n\r" and line_breaks:
        return None
    if unicodedata.category(char) == "Cc":
        return f"the control character {char!a}"
    if _UNFIT.fullmatch(char):  # a bidirectional control
        name = unicodedata.name(char).lower()
        return f"the invisible {name} (U+{ord(char):04X}), which shows the words after it in another order"
    return None


def visible(text: str) -> bool:
    """Whether *text* has a character a reader sees: not only spaces and invisible characters (a zero-width space,
    the other format characters)."""
    return any(not char.isspace() and unicodedata.category(char) != "Cf" for char in text)


def _codec_name(encoding: str) -> str | None:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None  # Sphinx reports an unknown encoding itself


class _LenientDecoder(encodings.utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _lenient(input: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
    return encodings.utf_8_sig.decode(input, "replace")


def _find_lenient(name: str) -> codecs.CodecInfo | None:
    if name != LENIENT.replace("-", "_"):
        return None
    return codecs.CodecInfo(
        name=LENIENT,
        encode=encodings.utf_8_sig.encode,
        decode=_lenient,
        incrementalencoder=encodings.utf_8_sig.IncrementalEncoder,
        incrementaldecoder=_LenientDecoder,
        streamreader=encodings.utf_8_sig.StreamReader,
        streamwriter=encodings.utf_8_sig.StreamWriter,
    )


codecs.register(_find_lenient)
