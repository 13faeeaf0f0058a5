"""Columns: a page's lines cut into flows that are read one after another.

pdfminer groups characters by baseline across the whole page, so two columns whose lines share baselines come out
as one line holding both ("…in the | …were"). A gutter is an x position that no character covers over a run of
consecutive lines, with text on both sides of it; each such run is a two-column region, read left column first.
Full-width lines above, between and below regions (a title, an abstract, a heading across both columns) break the
run and are flows of their own, so mixed one/two-column pages keep their reading order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from corpus.formats.pdf_layout import Char, Line, make_line

_MIN_SIDE_LINES = 3  # lines with text on each side of a gutter before it is believed
_MIN_SIDE_CHARS = 12.0  # a column's parts are prose, not a label or a number (median characters per part)


def _occupied(line: Line) -> list[tuple[float, float]]:
    """The x bands a line's characters cover, each widened so a word space never counts as empty: a gutter is
    wider than the gap between two words."""
    pad = 0.4 * line.size
    bands: list[tuple[float, float]] = []
    for c in sorted(line.chars, key=lambda c: c.x0):
        if bands and c.x0 - pad <= bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], c.x1 + pad))
        else:
            bands.append((c.x0 - pad, c.x1 + pad))
    return bands


def _free(bands: list[tuple[float, float]], x: float) -> bool:
    return not any(a < x < b for a, b in bands)


@dataclass(frozen=True, slots=True)
class _Counts:
    """A line's character edges, sorted, to count the characters on either side of an x at once."""

    rights: list[float]
    lefts: list[float]

    @classmethod
    def of(cls, line: Line) -> _Counts:
        return cls(sorted(c.x1 for c in line.chars), sorted(c.x0 for c in line.chars))

    def left(self, x: float) -> int:
        return bisect_right(self.rights, x)

    def right(self, x: float) -> int:
        return len(self.lefts) - bisect_left(self.lefts, x)


def _sides(line: Line, x: float) -> tuple[list[Char], list[Char]]:
    left = [c for c in line.chars if c.x1 <= x]
    return left, [c for c in line.chars if c.x0 >= x]


def _median(values: list[int]) -> float:
    values = sorted(values)
    return float(values[len(values) // 2]) if values else 0.0


def _best_region(lines: list[Line], lo: float, hi: float) -> tuple[int, int, float] | None:
    """(first, end, x) of the longest run of lines that a gutter at x divides, if any."""
    best: tuple[int, int, float] | None = None
    occupied = [_occupied(ln) for ln in lines]
    counts = [_Counts.of(ln) for ln in lines]
    x = lo
    while x <= hi:
        start = 0
        for end in range(len(lines) + 1):
            if end < len(lines) and _free(occupied[end], x):
                continue
            run = lines[start:end]
            if len(run) >= _MIN_SIDE_LINES and (best is None or end - start > best[1] - best[0]):
                left = [n for k in range(start, end) if (n := counts[k].left(x))]
                right = [n for k in range(start, end) if (n := counts[k].right(x))]
                if (
                    len(left) >= _MIN_SIDE_LINES
                    and len(right) >= _MIN_SIDE_LINES
                    and _median(left) >= _MIN_SIDE_CHARS
                    and _median(right) >= _MIN_SIDE_CHARS
                ):
                    best = (start, end, x)
            start = end + 1
        x += 2.0
    return best


def _gutter(run: list[Line], x: float) -> float:
    """The middle of the empty band around x, so a split never cuts a character."""
    right_edge = max((c.x1 for ln in run for c in ln.chars if c.x1 <= x), default=x)
    left_edge = min((c.x0 for ln in run for c in ln.chars if c.x0 >= x), default=x)
    return (right_edge + left_edge) / 2


def split_columns(lines: list[Line], width: float) -> list[list[Line]]:
    """The page's lines (top to bottom) as flows in reading order."""
    if len(lines) < _MIN_SIDE_LINES:
        return [lines] if lines else []
    found = _best_region(lines, 0.25 * width, 0.75 * width)
    if found is None:
        return [lines]
    start, end, x = found
    run = lines[start:end]
    x = _gutter(run, x)
    left: list[Line] = []
    right: list[Line] = []
    for ln in run:
        a, b = _sides(ln, x)
        if a:
            left.append(make_line(a, ln.page))
        if b:
            right.append(make_line(b, ln.page))
    out = split_columns(lines[:start], width)
    out.extend(f for f in (left, right) if f)
    out.extend(split_columns(lines[end:], width))
    return out
