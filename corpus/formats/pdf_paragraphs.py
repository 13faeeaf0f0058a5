"""A PDF flow's body lines read as paragraphs: raised digits become markers where they can cite a note (not a
formula's index, a fraction's numerator or an exponent), typed "[3]" cites a reference list's entry, and a gap
wider than the type size's usual line pitch, a change of size, a bold heading or an indent starts a new paragraph."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable

from corpus.formats.blocks import Para, Pending, Piece
from corpus.formats.common import clean, is_exponent, marker_numbers
from corpus.formats.pdf_breaks import starts_paragraph
from corpus.formats.pdf_headings import Numbering, display_formula, heading_level
from corpus.formats.pdf_layout import Line, tokens
from corpus.formats.pdf_text import spaced
from corpus.raw import Marker

# a numeric citation in running text: "[3]", "[2, 5]", "[2-5]", after a word or punctuation, possibly one space
CITATION = re.compile(r"(?<=[^\s\[])\s?\[(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\]")
Join = Callable[[str, str], str]


def _loose_digits(before: str, run: str, after: str, defined: set[int]) -> bool:
    """Raised digits after a space or an operator that cite no note: a stacked fraction's numerator ("· ½N") or a
    formula's index, not a marker (a marker set after a space, "laws. ¹²", cites a note the document has). Raised
    digits over a fraction bar ("⁹/10") never are."""
    digits = clean(run)
    if after.lstrip().startswith(("/", "⁄")) or after[:1].isdigit():
        return True  # over a fraction bar ("⁹/10"), or the first digit of a raised number ("2²048")
    if not before or not digits.isdigit() or not (before[-1].isspace() or before[-1] in "+-−·×=/(<>"):
        return False
    return int(digits) not in defined and not all(int(d) in defined for d in digits)


def _cites(run: str, numbers: tuple[int, ...], defined: set[int]) -> bool:
    """Whether raised digits can cite one of these notes: "12" note 12, "2,3" (or a run "23") notes 2 and 3."""
    digits = clean(run)
    if set(numbers) <= defined:
        return True
    return digits.isdigit() and (int(digits) in defined or all(int(d) in defined for d in digits))


def _line_pieces(line: Line, defined: set[int], strict: bool = False) -> list[Piece]:
    """A line as text and markers: runs of raised digits are markers, other raised text stays text. ``strict``:
    only raised digits that cite one of ``defined`` (the notes this page can cite) are markers."""
    pieces: list[Piece] = []
    out = list(tokens(line.chars))
    if display_formula(line.text):
        return [spaced("".join(t for t, _ in out))]
    i = 0
    text = ""
    while i < len(out):
        s, raised = out[i]
        if not raised:
            text += s
            i += 1
            continue
        j = i
        run = ""
        while j < len(out) and (out[j][1] or (out[j][0] in ", " and j + 1 < len(out) and out[j + 1][1])):
            run += out[j][0]
            j += 1
        numbers = marker_numbers(run)
        after = out[j][0] if j < len(out) else ""
        if (
            numbers is None
            or is_exponent(text, numbers, defined)
            or _loose_digits(text, run, after, defined)
            or (strict and not _cites(run, numbers, defined))
        ):
            text += run
        else:
            if text:
                pieces.append(spaced(text))
                text = ""
            digits = clean(run)
            pieces.append(Pending(digits) if digits.isdigit() else Marker(numbers))
        i = j
    if text:
        pieces.append(spaced(text))
    return pieces


def line_pitches(flows: list[list[Line]]) -> dict[float, float]:
    """Each type size's usual line pitch in the body (the most common one, so double-spaced text with single-spaced
    block quotes and notes keeps its own pitch); a wider gap between two lines of a size separates paragraphs."""
    pitches: dict[float, Counter[float]] = {}
    for flow in flows:
        for a, b in itertools.pairwise(flow):
            d = b.bottom - a.bottom
            if a.size == b.size and 0.8 * a.size <= d <= 2.6 * a.size:
                pitches.setdefault(a.size, Counter())[round(d * 2) / 2] += 1
    return {size: max(c.items(), key=lambda kv: (kv[1], -kv[0]))[0] for size, c in pitches.items()}


def _bracket_citations(pieces: list[Piece], cited: frozenset[int]) -> list[Piece]:
    """Typed "[3]" (or "[2, 5]", "[2-5]") in the text, where 3 is an entry of the reference list, cites that entry:
    a marker follows it (numeric citations: the list is the document's notes). The "[3]" stays in the text, where
    the author may use it as a noun ("as shown in [3]"); "[1990]" or a "[2]" no entry has is only text."""
    if not cited:
        return pieces
    out: list[Piece] = []
    for piece in pieces:
        if not isinstance(piece, str):
            out.append(piece)
            continue
        pos = 0
        for m in CITATION.finditer(piece):
            numbers = marker_numbers(m.group(1))
            if not numbers or not set(numbers) <= cited:
                continue
            out.append(piece[pos : m.end()])
            out.append(Marker(numbers))
            pos = m.end()
        if pos < len(piece):
            out.append(piece[pos:])
    return out


def paragraphs(
    lines: list[Line],
    leadings: dict[float, float],
    body_size: float,
    defined: set[int],
    join: Join,
    numbering: Numbering,
    cited: frozenset[int] = frozenset(),
    strict: bool = False,
) -> list[tuple[Line, Line, Para]]:
    """Body lines of one flow as (first line, last line, paragraph); ``strict``: raised digits are markers only
    where they cite one of ``defined``."""
    if not lines:
        return []
    left = min((ln.x0 for ln in lines if ln.size == body_size), default=min(ln.x0 for ln in lines))
    right = max(ln.x1 for ln in lines)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, line in itertools.pairwise(lines):
        if starts_paragraph(prev, line, leadings.get(prev.size, prev.size * 1.4), left, right, body_size):
            groups.append([line])
        else:
            groups[-1].append(line)
    out = []
    for group in groups:
        pieces: list[Piece] = []
        for line in group:
            line_pieces = _line_pieces(line, defined, strict)
            if pieces and isinstance(pieces[-1], str) and line_pieces and isinstance(line_pieces[0], str):
                pieces[-1] = join(pieces[-1], line_pieces[0])
                line_pieces = line_pieces[1:]
            elif pieces:
                pieces.append("\n")
            pieces.extend(line_pieces)
        pieces = _bracket_citations(pieces, cited)
        level = heading_level(group, body_size, left, right, numbering)
        out.append((group[0], group[-1], Para(tuple(pieces), level != 0, None, max(level, 0))))
    return out
