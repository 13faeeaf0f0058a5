"""A note on a document's title: "A Study of X¹" where note 1 thanks a funder or names where the paper was given.

The title is read into the header (a ``metadata`` passage), which a paragraph carrying a marker never is. So the
trailing markers are taken off the first block before the header is read, and given to the title's metadata item
once the header has taken that block as the title; otherwise the block is put back as it was."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from corpus.formats.blocks import Block, Para, Pending
from corpus.markers import resolve_marker
from corpus.raw import Marker, RawMetadataItem


def detach(body: list[Block], defined: set[int]) -> tuple[list[Block], tuple[int, ...]]:
    """``body`` with the first block's trailing note markers removed, and the notes they cite; ``()`` when the
    first block is not a short paragraph ending in markers (a marker inside the text makes it a sentence)."""
    first = body[0] if body else None
    if not isinstance(first, Para) or first.list_number is not None:
        return body, ()
    pieces = list(first.pieces)
    notes: list[int] = []
    while pieces and (isinstance(pieces[-1], Marker | Pending) or not str(pieces[-1]).strip()):
        piece = pieces.pop()
        if isinstance(piece, Marker):
            notes[:0] = piece.numbers
        elif isinstance(piece, Pending):
            notes[:0] = resolve_marker(piece.digits, defined, 0)
    text = "".join(p for p in pieces if isinstance(p, str))
    if not notes or any(not isinstance(p, str) for p in pieces) or "\n" in text.strip() or len(text.split()) > 30:
        return body, ()
    return [replace(first, pieces=tuple(pieces)), *body[1:]], tuple(notes)


def attach(items: Sequence[RawMetadataItem], notes: tuple[int, ...]) -> list[RawMetadataItem]:
    """The header items with the title's notes on its ``title`` item."""
    out = list(items)
    for i, item in enumerate(out):
        if item.label == "title":
            out[i] = replace(item, notes=notes)
            break
    return out
