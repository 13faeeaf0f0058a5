"""Bad input never becomes a brief: each gets a one-line ParseError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.errors import ParseError
from corpus.loader import detect_format, load_brief, slugify

Write = Callable[[str, bytes], Path]


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="no such file"):
        load_brief(tmp_path / "nope.txt")


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="folder"):
        load_brief(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file(write_file: Write, content: bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        load_brief(write_file("empty.txt", content))


def test_binary_file(write_file: Write) -> None:
    with pytest.raises(ParseError, match="binary"):
        load_brief(write_file("blob.txt", b"\x00\x01\x02\xff" * 100))


def test_non_utf8_text_is_read_as_legacy_text(write_file: Write) -> None:
    brief = load_brief(write_file("latin.txt", "A Title\n\nCaf\u00e9 society met on Tuesdays.".encode("latin-1")))
    assert "Caf\u00e9 society met on Tuesdays." in [p.text for p in brief.passages]


def test_oversized_file(write_file: Write) -> None:
    with pytest.raises(ParseError, match="limit"):
        load_brief(write_file("big.txt", b"word " * 1000), max_bytes=100)


def test_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as info:
        load_brief(tmp_path / "nope.txt")
    assert "\n" not in str(info.value)


def test_brief_id_comes_from_the_file_name(write_file: Write) -> None:
    brief = load_brief(write_file("My Brief (2022).txt", b"TITLE\n\nOne sentence here.\n"))
    assert brief.id == "my-brief-2022"


def test_utf8_bom_is_accepted(write_file: Write) -> None:
    brief = load_brief(write_file("bom.txt", "\ufeffTITLE\n\nA sentence.\n".encode()))
    assert brief.title == "TITLE"


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (b"%PDF-1.7 ...", "x.txt", "pdf"),
        (b"PK\x03\x04....", "x.bin", "docx"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "x.txt", "html"),
        (b"plain words.", "notes.txt", "text"),
    ],
)
def test_format_is_detected_from_content(data: bytes, name: str, fmt: str) -> None:
    assert detect_format(data, name) == fmt


def test_slugify_never_returns_empty() -> None:
    assert slugify("!!!") == "brief"
