"""Text files in legacy encodings are read (Latin-1, Windows-1252, a declared encoding); binary files are refused
with a one-line reason."""

from __future__ import annotations

import pytest

from corpus.decoding import decode_bytes
from corpus.errors import ParseError
from corpus.loader import parse_bytes
from tests.corpus.conftest import sentence_starting

PARAGRAPH = "The caf\u00e9 on the quay charged \u00a35 for a tin of coffee, and the owner kept the change."


def test_latin1_bytes_are_read_as_text() -> None:
    brief = parse_bytes(f"A Harbour Survey\n\n{PARAGRAPH}\n".encode("latin-1"), "survey.txt")
    assert sentence_starting(brief, "The caf").text == PARAGRAPH


def test_windows_1252_quotes_and_dashes_are_read() -> None:
    data = b"A Harbour Survey\n\nThe harbourmaster called it \x93the best quay on the coast\x94 \x96 and meant it.\n"
    brief = parse_bytes(data, "survey.txt")
    assert "\u201cthe best quay on the coast\u201d \u2013 and" in sentence_starting(brief, "The harbourmaster").text


def test_a_declared_encoding_is_honoured() -> None:
    # byte 0xA4 is the euro sign in ISO-8859-15, a currency sign in Windows-1252
    data = b"Title: Prices\nCharacter set encoding: ISO-8859-15\n\nA ticket cost \xa42 in the spring of that year.\n"
    text, codec = decode_bytes(data)
    assert "cost \u20ac2" in text
    assert codec == "iso8859_15"


def test_declared_latin1_reads_windows_quotes_as_browsers_do() -> None:
    data = b"Character set encoding: ISO-8859-1\n\nHe said \x93enough\x94 and left.\n"
    text, codec = decode_bytes(data)
    assert "\u201cenough\u201d" in text
    assert codec == "cp1252"


def test_utf8_is_read_as_utf8_whatever_a_header_declares() -> None:
    data = "Character set encoding: ISO-8859-1\n\nThe caf\u00e9 opened.\n".encode()
    assert decode_bytes(data) == ("Character set encoding: ISO-8859-1\n\nThe caf\u00e9 opened.\n", "utf_8")


def test_utf16_with_a_byte_order_mark_is_read() -> None:
    brief = parse_bytes(f"A Harbour Survey\n\n{PARAGRAPH}\n".encode("utf-16"), "survey.txt")
    assert sentence_starting(brief, "The caf").text == PARAGRAPH


@pytest.mark.parametrize(
    "data",
    [
        b"Some words\x00\x00\x00\x01 and more",
        bytes(range(1, 32)) * 40 + b" some words",
        b"".join(bytes([0x80 + i % 20, 0x01, 0x02, 0x7F, 0x41]) for i in range(400)),
    ],
    ids=["nul-bytes", "control-characters", "control-soup-among-high-bytes"],
)
def test_binary_data_is_refused_in_one_line(data: bytes) -> None:
    with pytest.raises(ParseError, match=r"^the file is binary, not a text document$"):
        parse_bytes(data, "upload.txt")


def test_markdown_shares_the_decoding() -> None:
    data = "---\ntitle: Caf\u00e9s\n---\n\nA caf\u00e9 opened.[^1]\n\n[^1]: Town record, 1901.\n".encode("latin-1")
    brief = parse_bytes(data, "cafes.md")
    assert brief.title == "Caf\u00e9s"
    assert [f.number for f in brief.footnotes] == [1]


def test_html_honours_its_meta_charset() -> None:
    page = (
        b'<html><head><meta charset="iso-8859-1"><title>Quay</title></head><body>'
        b"<p>The harbourmaster called it \x93the best quay\x94 in the caf\xe9.</p></body></html>"
    )
    brief = parse_bytes(page, "quay.html")
    text = next(p.text for p in brief.passages if p.kind == "sentence")
    assert text == "The harbourmaster called it \u201cthe best quay\u201d in the caf\u00e9."
