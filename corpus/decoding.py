"""Bytes to text for the text-based formats (plain text, Markdown, HTML).

UTF-8 first (with or without a byte-order mark; UTF-16 when its byte-order mark says so). A file that is not UTF-8
is read in the encoding it declares (a Project Gutenberg header's "Character set encoding: ISO-8859-1", an HTML
``<meta charset>``), else as Windows-1252, the encoding legacy English text files are in practice. ISO-8859-1 and
ASCII labels are read as Windows-1252, as browsers do: files labelled Latin-1 carry Windows "smart quotes".

A text or Markdown file that is binary is refused with a one-line reason: NUL bytes, or a share of control
characters no document has. (A page is HTML by its tags; it is read as well as it can be.)
"""

from __future__ import annotations

import codecs
import logging
import re

from corpus.errors import ParseError

log = logging.getLogger("citebot.corpus")

_SAMPLE = 8192
# "Character set encoding: ISO-8859-1" (Project Gutenberg), "Encoding: windows-1252", "charset=latin-1"
_DECLARED = re.compile(
    rb"(?im)^[ \t]*(?:character[ \t]+set[ \t]+)?encoding[ \t]*:[ \t]*([A-Za-z][A-Za-z0-9_.:-]{1,30})[ \t]*\r?$"
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# labels browsers read as Windows-1252 (WHATWG Encoding Standard)
_AS_WINDOWS_1252 = frozenset({"latin_1", "ascii", "cp1252"})
# control characters a text file does not hold (tab, line feed, form feed, carriage return and the DOS
# end-of-file mark are text); a few can be stray, a file full of them is not text
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_FALLBACK = "cp1252"


def _codec(label: bytes) -> str | None:
    """Python's name for an encoding label, Latin-1 and ASCII widened to Windows-1252; None when unknown."""
    try:
        name = codecs.lookup(label.decode("ascii").replace(":", "-")).name.replace("-", "_")
    except (LookupError, UnicodeDecodeError):
        return None
    if name in {"iso8859_1", "latin_1"} or name in _AS_WINDOWS_1252:
        return _FALLBACK
    return name


def _declared(data: bytes, *, html: bool) -> str | None:
    head = data[:_SAMPLE]
    m = (_CHARSET if html else _DECLARED).search(head)
    return _codec(m.group(1)) if m else None


def _legacy(data: bytes, declared: str | None) -> tuple[str, str]:
    codec = _FALLBACK if declared is None or declared.startswith("utf_8") else declared
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        if codec != _FALLBACK:  # the declared encoding, a few bad bytes replaced
            return data.decode(codec, errors="replace"), codec
    # bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): ISO-8859-1 reads every byte
    return data.decode("latin-1"), "latin_1"


def _refuse_binary(text: str) -> None:
    sample = text[:_SAMPLE]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise ParseError("the file is binary, not a text document")


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """The text of a text-format file and the encoding it was read in (Python's codec name).

    ``html`` reads the charset a ``<meta>`` tag declares, which wins over UTF-8 (a page saved by Word says
    windows-1252); otherwise a declaration is used only when the bytes are not UTF-8.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf_16"
        except UnicodeDecodeError as exc:
            raise ParseError("the file is not valid UTF-16 text") from exc
    if b"\x00" in data[:_SAMPLE] and not html:
        raise ParseError("the file is binary, not a text document")
    declared = _declared(data, html=html)
    if html and declared is not None and not declared.startswith("utf_8"):
        text, codec = _legacy(data, declared)
    else:
        try:
            text, codec = data.decode("utf-8-sig"), "utf_8"
        except UnicodeDecodeError:
            text, codec = _legacy(data, declared)
    if not html:
        _refuse_binary(text)
    return text, codec


def decode_text(data: bytes) -> str:
    """The text of a plain-text or Markdown file (see ``decode_bytes``); binary data raises ``ParseError``."""
    text, codec = decode_bytes(data)
    if codec != "utf_8":
        log.info("read as %s (the file is not UTF-8)", codec)
    return text
