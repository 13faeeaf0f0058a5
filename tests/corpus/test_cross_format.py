"""The same brief written as text, Markdown, HTML (pandoc and Word markup), PDF and DOCX parses to the same passages
and footnotes: the format changes how the structure is found, never what is cited."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.brief_writers import SAMPLE, to_html, to_markdown, to_text
from tests.corpus.docx_writer import to_docx
from tests.corpus.pdf_writer import to_pdf

WRITERS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "markdown": ("brief.md", lambda: to_markdown(SAMPLE)),
    "html-pandoc": ("brief.html", lambda: to_html(SAMPLE, "pandoc")),
    "html-word": ("brief.htm", lambda: to_html(SAMPLE, "word")),
    "pdf": ("brief.pdf", lambda: to_pdf(SAMPLE)),
    "docx": ("brief.docx", lambda: to_docx(SAMPLE)),
    "docx-endnotes": ("brief.docx", lambda: to_docx(SAMPLE, endnotes=True)),
}


def _content(brief: Brief) -> list[tuple[str, str, tuple[int, ...], bool, str | None]]:
    """Everything citable except the header, whose wording depends on where the format keeps metadata. Plain
    text has no heading markup, so a heading there is a one-sentence paragraph: compared as such."""
    return [
        ("sentence", p.text, p.footnotes, p.direct, None)
        if p.kind == "heading"
        else (p.kind, p.text, p.footnotes, p.direct, p.label)
        for p in brief.passages
        if p.kind != "metadata"
    ]


def _headings(brief: Brief) -> list[str]:
    return [p.text for p in brief.passages if p.kind == "heading"]


@pytest.mark.parametrize("fmt", ["markdown", "html-pandoc", "html-word", "docx", "docx-endnotes"])
def test_headings_are_heading_passages_in_marked_up_formats(fmt: str) -> None:
    name, write = WRITERS[fmt]
    assert _headings(parse_bytes(write(), name)) == _headings(parse_bytes(to_markdown(SAMPLE), "brief.md"))
    assert "Missile tests" in _headings(parse_bytes(write(), name))


def _notes(brief: Brief) -> list[tuple[int, str | None, str | None, str | None, str | None, str]]:
    return [(f.number, f.title, f.publisher, f.date, f.url, f.raw) for f in brief.footnotes]


@pytest.fixture(scope="module")
def reference() -> Brief:
    return parse_bytes(to_text(SAMPLE), "brief.txt")


@pytest.mark.parametrize("fmt", WRITERS)
def test_same_passages_and_footnotes_in_every_format(fmt: str, reference: Brief) -> None:
    name, write = WRITERS[fmt]
    brief = parse_bytes(write(), name)
    assert _content(brief) == _content(reference)
    assert _notes(brief) == _notes(reference)
    assert [(w.code, w.footnote) for w in brief.warnings] == [(w.code, w.footnote) for w in reference.warnings]


@pytest.mark.parametrize("fmt", WRITERS)
def test_same_metadata_in_every_format(fmt: str, reference: Brief) -> None:
    name, write = WRITERS[fmt]
    brief = parse_bytes(write(), name)
    fields = ("title", "authors", "editors", "organisation", "date", "disclaimer")
    assert {f: getattr(brief, f) for f in fields} == {f: getattr(reference, f) for f in fields}


@pytest.mark.parametrize("fmt", WRITERS)
def test_offsets_hold_in_every_format(fmt: str) -> None:
    name, write = WRITERS[fmt]
    brief = parse_bytes(write(), name)
    assert brief.passages
    for p in brief.passages:
        assert brief.text[p.start : p.end] == p.text
