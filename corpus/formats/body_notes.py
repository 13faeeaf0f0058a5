"""Footnote definitions written in a document's body rather than linked by its container: a "Notes" section's
numbered entries, or reference-like paragraphs that open with a superscript number (``split_definitions``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.formats.blocks import Block, Para, Pending, Piece
from corpus.formats.common import clean
from corpus.raw import Marker
from corpus.text_format import _looks_like_definition
from corpus.text_notes import NOTES_HEADING

_NUMBERED_NOTE = re.compile(r"^\s*\[?(\d{1,4})[\].)]?\s+(\S.*)$", re.DOTALL)


def _leading_number(para: Para) -> tuple[str, str] | None:
    """(digits, rest) when a paragraph opens with a superscript or "N." number."""
    first = next((p for p in para.pieces if not (isinstance(p, str) and not p.strip())), None)
    if isinstance(first, Pending | Marker):
        idx = para.pieces.index(first)
        rest = "".join(p for p in para.pieces[idx + 1 :] if isinstance(p, str))
        digits = first.digits if isinstance(first, Pending) else ",".join(str(n) for n in first.numbers)
        return digits, rest
    if para.list_number is not None:
        return str(para.list_number), para.text
    m = _NUMBERED_NOTE.match(para.text)
    return (m.group(1), m.group(2)) if m else None


def _definition(para: Para) -> tuple[int, str] | None:
    found = _leading_number(para)
    if found is None or not found[0].isdigit():
        return None
    return int(found[0]), clean(found[1])


def _first_piece(para: Para) -> Piece | None:
    return next((p for p in para.pieces if not (isinstance(p, str) and not p.strip())), None)


def _typed_notes(text: str, defs: list[tuple[int, str]]) -> None:
    """Notes typed as "1. …" lines; one paragraph of a PDF may hold several. A line opens a new note only when
    its number follows the previous note's (a wrapped line may start with a number too)."""
    for line in text.split("\n"):
        m = _NUMBERED_NOTE.match(line)
        if m and (not defs or int(m.group(1)) == defs[-1][0] + 1):
            defs.append((int(m.group(1)), clean(m.group(2))))
        elif defs:
            number, body = defs[-1]
            defs[-1] = (number, f"{body} {clean(line)}".strip())


def split_definitions(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[int, str]]]:
    """Take footnote definitions written in the body: a Notes section, or reference-like paragraphs that open
    with a superscript number. Everything else stays, in order."""
    body: list[Block] = []
    defs: list[tuple[int, str]] = []
    in_notes = False
    opened = 0  # how many definitions there were when the notes section opened
    for b in blocks:
        if isinstance(b, Para) and b.heading and NOTES_HEADING.match(b.text) and not in_notes:
            in_notes, opened = True, len(defs)
            continue
        if isinstance(b, Para) and in_notes:
            if b.heading:
                in_notes = False
            elif (d := _definition(b)) is not None and (len(defs) > opened or d[0] == 1):
                # a numbered notes list opens with note 1; "2014. URL …" opening an author-year entry's
                # wrapped line is no note
                if b.list_number is None and isinstance(_first_piece(b), str):
                    _typed_notes(b.text, defs)
                else:
                    defs.append(d)
                continue
            elif len(defs) > opened and not b.heading:
                # a note that runs over two paragraphs
                number, text = defs[-1]
                defs[-1] = (number, f"{text} {clean(b.text)}")
                continue
        if isinstance(b, Para) and not b.heading:
            lead = _leading_number(b)
            first_is_sup = isinstance(_first_piece(b), Pending)
            # as in plain text: a note's number is followed by a space or a quoted title, a marker by the sentence
            spaced = lead is not None and lead[1][:1] in " \t\n\"“‘'"
            if lead and first_is_sup and spaced and lead[0].isdigit() and _looks_like_definition(clean(lead[1])):
                defs.append((int(lead[0]), clean(lead[1])))
                continue
        body.append(b)
    return body, defs
