"""What every structured front-end shares: the container ``Metadata``, the paragraph ``Builder``, and the small
readers of markers, dates, tables and author fields that more than one front-end needs. The blocks they emit are
turned into a ``RawDocument`` by ``corpus.formats.assemble``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from corpus.formats.blocks import Block as Block
from corpus.formats.blocks import Para as Para
from corpus.formats.blocks import Pending as Pending
from corpus.formats.blocks import Piece as Piece
from corpus.models import Author
from corpus.raw import Marker, RawTable
from corpus.text.dates import parse_date
from corpus.text_notes import NOTES_HEADING as NOTES_HEADING


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata the container states outside the visible text."""

    title: str | None = None
    authors: tuple[Author, ...] = ()
    editors: tuple[str, ...] = ()
    organisation: str | None = None
    date: str | None = None  # ISO
    disclaimer: str | None = None


@dataclass
class Builder:
    """Collects pieces of the paragraph being read; ``flush`` closes it."""

    blocks: list[Block] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)

    def text(self, s: str) -> None:
        if not s:
            return
        # "in 1911 [1]." (docutils wants a space before a reference): with the reference made a marker, the space
        # would stand before the full stop
        if s[0] in ".,;:!?)" and len(self.pieces) >= 2 and isinstance(self.pieces[-1], Marker | Pending):
            before = self.pieces[-2]
            if isinstance(before, str) and before.endswith(" ") and before.strip():
                self.pieces[-2] = before.rstrip(" ")
        self.pieces.append(s)

    def marker(self, m: Marker | Pending) -> None:
        self.pieces.append(m)

    def flush(self, *, heading: bool = False, list_number: int | None = None, level: int = 0) -> None:
        if any(isinstance(p, str) and p.strip() for p in self.pieces):
            self.blocks.append(Para(tuple(self.pieces), heading, list_number, level if heading else 0))
        self.pieces = []

    def block(self, b: Block) -> None:
        self.flush()
        self.blocks.append(b)


_WS = re.compile(r"\s+")
_DIGIT_MARKER = re.compile(r"^\s*[\[(]?(\d+(?:\s*[,–-]\s*\d+)*)[\])]?\s*$")


def clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


# The account names office software writes into a file's author field when its user set none.
_PLACEHOLDER_AUTHOR = re.compile(
    r"^(?:anonymous|unknown|user|admin|administrator|author|owner|"
    r"(?:microsoft(?: office)?|office|windows|mac|apple|valued|authorized) user|customer)$"
    # an account name, not a person's: one word holding digits ("DA17396", "jsmith01") or an e-mail login
    r"|^(?=\S*\d)\S+$",
    re.IGNORECASE,
)


def is_placeholder_author(name: str) -> bool:
    """Whether a container's author field holds a software default ("Microsoft Office User"), not a person."""
    return bool(_PLACEHOLDER_AUTHOR.match(clean(name)))


def marker_numbers(text: str) -> tuple[int, ...] | None:
    """Numbers of an explicit marker's label: "3", "[3]", "2,3", "2–4"; None if it is not numeric."""
    m = _DIGIT_MARKER.match(text)
    if not m:
        return None
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", m.group(1)):
        bounds = re.split(r"\s*[–-]\s*", part)
        lo, hi = int(bounds[0]), int(bounds[-1])
        numbers.extend(range(lo, hi + 1) if 0 < hi - lo < 50 else [lo])
    return tuple(numbers)


_UNIT = re.compile(r"(?:^|[\s\d(])(?:k?m|cm|mm|ft|mi|in|yd|sq|m/s|km/h)$", re.IGNORECASE)


def is_exponent(before: str, numbers: Sequence[int] | None, defined: set[int]) -> bool:
    """Whether raised digits right after ``before`` are an exponent ("km²", "10⁶") rather than a note marker.

    A marker normally follows punctuation or a space-free word end ("…2026.⁸", "harvests²"); after a unit a 2 or
    3 is a power, and after any other letter or digit the digits are a marker only if such notes exist.
    """
    if not before or before[-1:].isspace() or not before[-1:].isalnum():
        return False
    if numbers and set(numbers) <= {2, 3} and _UNIT.search(before):
        return True
    return not (numbers and all(n in defined for n in numbers))


def with_urls(text: str, urls: Sequence[str]) -> str:
    """A note with the addresses of its titled links added at the end, where a reference gives its url
    ("…, May 5, 2020, <https://…>.")."""
    for url in dict.fromkeys(urls):
        if url in text:
            continue
        body = text.rstrip().rstrip(",;").rstrip()
        text = f"{body[:-1]}, <{url}>." if body.endswith(".") else f"{body}, <{url}>"
    return text


def iso_date(text: str | None) -> str | None:
    """ISO date from a machine date ("2022-04-29T10:00", "2022/04/29", "D:20220429…") or a written one."""
    if not text:
        return None
    s = text.strip()
    if m := re.match(r"^(?:D:)?(\d{4})[-/]?(\d{2})[-/]?(\d{2})", s):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return parse_date(s)


def make_table(
    rows: Sequence[Sequence[str]], caption: str | None = None, notes: Sequence[Sequence[int]] = ()
) -> RawTable | None:
    """A table from cell texts. A first row with one filled cell is the caption (as the text front-end reads it);
    ALL-CAPS column names are put in sentence case, so every format yields the same rows. ``notes``, parallel to
    ``rows``, holds the note numbers each row's cells cite; a note on the column names is cited by every row."""
    cited = [tuple(n) for n in notes] or [()] * len(rows)
    kept = [([clean(c) for c in r], n) for r, n in zip(rows, cited, strict=False)]
    kept = [(r, n) for r, n in kept if any(r)]
    if kept and len([c for c in kept[0][0] if c]) == 1 and len(kept) > 1 and caption is None:
        caption = next(c for c in kept[0][0] if c)
        kept = [(kept[1][0], kept[0][1] + kept[1][1]), *kept[2:]]
    if not kept:
        return None
    head, head_notes = kept[0]
    columns = tuple(c[:1].upper() + c[1:].lower() if c.isupper() else c for c in head)
    body = [(tuple(r[: len(columns)]), n) for r, n in kept[1:] if any(r)]
    row_notes = tuple(tuple(dict.fromkeys((*head_notes, *n))) for _, n in body)
    return RawTable(
        caption=clean(caption) if caption else None,
        columns=columns,
        rows=tuple(r for r, _ in body),
        notes=row_notes if any(row_notes) else (),
    )
