"""Files citebot cannot read get one clear line, whatever is wrong with them."""

from __future__ import annotations

import io
import zipfile

import pytest

import corpus.formats
from corpus.errors import ParseError, UnsupportedFormat
from corpus.loader import detect_format, parse_bytes

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(*members: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for m in members:
            z.writestr(m, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "fmt", "message"),
    [
        (
            OLE + b"\x00" * 64 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64,
            "locked.docx",
            "encrypted-office",
            "encrypted",
        ),
        (OLE + b"\x00" * 200, "old.doc", "doc", "save the document as .docx"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "scan.png", "image", "OCR is not supported"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "photo.pdf", "image", "OCR is not supported"),
        (_zip("xl/workbook.xml"), "data.xlsx", "xlsx", "spreadsheets"),
        (_zip("ppt/presentation.xml"), "deck.pptx", "pptx", "slide decks"),
        (_zip("notes.txt"), "bundle.zip", "zip", "zip archives"),
        (b"{\\rtf1\\ansi Hello}", "old.rtf", "rtf", "RTF"),
    ],
)
def test_unsupported_files_are_named_and_refused(data: bytes, name: str, fmt: str, message: str) -> None:
    assert detect_format(data, name) == fmt
    with pytest.raises(UnsupportedFormat, match=message) as info:
        parse_bytes(data, name)
    assert "\n" not in str(info.value)
    assert ".docx" in str(info.value)  # the message says what citebot does read


def test_a_crash_inside_a_third_party_parser_becomes_a_parse_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(data: bytes) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(corpus.formats.FRONT_ENDS, "html", explode)
    with pytest.raises(ParseError, match="could not be parsed"):
        parse_bytes(b"<html><body><p>x</p></body></html>", "deep.html")


def test_an_html_page_without_text_is_refused() -> None:
    with pytest.raises(ParseError, match="no text"):
        parse_bytes(b"<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>", "x.html")
