"""The blocks a format reader hands to the brief builder: paragraphs of text pieces (with note markers, resolved or
pending), tables and source notes."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.raw import Marker, RawSourceNote, RawTable


@dataclass(frozen=True, slots=True)
class Pending:
    """Superscript digits not linked to a definition; read as footnote numbers once every definition is known."""

    digits: str


Piece = str | Marker | Pending


@dataclass(frozen=True, slots=True)
class Para:
    pieces: tuple[Piece, ...]
    heading: bool = False
    list_number: int | None = None  # the item's number when the paragraph is an item of an ordered list
    level: int = 0  # a heading's depth (1 = top section); 0 when the container does not say

    @property
    def text(self) -> str:
        return "".join(p for p in self.pieces if isinstance(p, str))


Block = Para | RawTable | RawSourceNote
