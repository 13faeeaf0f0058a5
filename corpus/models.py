"""Domain types shared by every layer: small, frozen and free of I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PassageKind = Literal["sentence", "table_row", "metadata", "source_note", "footnote", "heading"]


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """A bibliographic entry: the body of a footnote, or one entry of a "Source(s):" line."""

    title: str | None
    publisher: str | None
    date: str | None  # ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY
    date_raw: str | None
    url: str | None
    raw: str


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    title: str | None
    publisher: str | None
    date: str | None
    date_raw: str | None
    url: str | None
    raw: str

    @classmethod
    def from_reference(cls, number: int, ref: Reference) -> Footnote:
        return cls(number, ref.title, ref.publisher, ref.date, ref.date_raw, ref.url, ref.raw)


@dataclass(frozen=True, slots=True)
class Passage:
    """A citable span of a brief. Invariant: ``brief.text[start:end] == text``."""

    id: str
    brief_id: str
    kind: PassageKind
    text: str
    start: int
    end: int
    paragraph: int | None  # 0 for metadata, 1.. for body blocks, None for footnote entries
    footnotes: tuple[int, ...] = ()
    direct: bool = False
    seq: int = 0  # reading order within the brief, used for neighbours and merging
    # metadata field ("author", "date", ...), table caption, or a heading's level ("h1".."h6")
    label: str | None = None
    references: tuple[Reference, ...] = ()  # a table row's or source note's "Source(s):" entries


@dataclass(frozen=True, slots=True)
class ParseWarning:
    code: str  # orphan_footnote | undefined_marker | duplicate_footnote | out_of_order_footnote
    message: str
    footnote: int | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    id: str
    title: str | None
    text: str
    authors: tuple[Author, ...] = ()
    editors: tuple[str, ...] = ()
    organisation: str | None = None
    date: str | None = None
    disclaimer: str | None = None
    footnotes: tuple[Footnote, ...] = ()
    passages: tuple[Passage, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    format: str = "text"
    content_hash: str = ""
    source_path: str | None = None
    # marker occurrences as (number, offset in text): where each footnote is cited
    markers: tuple[tuple[int, int], ...] = field(default=())

    def footnote(self, number: int) -> Footnote | None:
        for fn in self.footnotes:
            if fn.number == number:
                return fn
        return None

    def passage(self, passage_id: str) -> Passage | None:
        for p in self.passages:
            if p.id == passage_id:
                return p
        return None


@dataclass(frozen=True, slots=True)
class Citation:
    """A quote that is about to leave citebot. ``verified`` is set only by ``bot.citations``."""

    quote: str
    footnotes: tuple[int, ...]
    sources: tuple[Footnote | Reference, ...]
    brief_id: str
    start: int
    end: int
    kind: PassageKind
    score: float
    verified: bool = False
    passage_ids: tuple[str, ...] = ()
    direct: bool = False
