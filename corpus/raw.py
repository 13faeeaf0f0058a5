"""The format-neutral shape every front-end (text, Markdown, HTML, PDF, DOCX) produces.

A front-end finds structure: metadata, paragraphs already rebuilt across page breaks with
footnote markers as separate segments, tables, source notes and footnote definitions.
``corpus.builder`` turns that into a ``Brief`` with one canonical text and exact offsets,
so the sentence splitting and the citation span rule live in one place for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.models import Author


@dataclass(frozen=True, slots=True)
class Marker:
    """A footnote marker; several numbers when one superscript run cites several notes."""

    numbers: tuple[int, ...]


Segment = str | Marker


@dataclass(frozen=True, slots=True)
class RawParagraph:
    segments: tuple[Segment, ...]
    heading: bool = False  # a section heading: its own passage kind, never a sentence
    level: int = 0  # the heading's depth (1 for the top sections); 0 when the format does not say


@dataclass(frozen=True, slots=True)
class RawTable:
    caption: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sources: str | None = None  # the table's own "Sources: …" line, verbatim
    # per body row, the notes its cells cite (a column name's note is cited by every row under it); () when
    # the format does not say
    notes: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class RawSourceNote:
    """A figure's "Source: …" line."""

    text: str


RawBlock = RawParagraph | RawTable | RawSourceNote


@dataclass(frozen=True, slots=True)
class RawMetadataItem:
    label: str  # title | author | organisation | editor | date | disclaimer
    text: str  # verbatim text as it stands in the document
    notes: tuple[int, ...] = ()  # the notes a marker on it cites (a title's acknowledgement note)


@dataclass(frozen=True, slots=True)
class RawDocument:
    format: str
    title: str | None = None
    authors: tuple[Author, ...] = ()
    editors: tuple[str, ...] = ()
    organisation: str | None = None
    date: str | None = None  # ISO
    disclaimer: str | None = None
    header: tuple[RawMetadataItem, ...] = ()
    blocks: tuple[RawBlock, ...] = ()
    # every definition in document order, duplicates included, as (number, raw text without the number)
    footnote_defs: tuple[tuple[int, str], ...] = field(default=())
