"""Columns: a page's lines cut into flows that are read one after another, for any number of columns.

pdfminer groups characters by baseline across the whole page, so columns whose lines share baselines come out
as one line holding all of them ("…in the | …were | …and"). A gutter is an x band that no character covers over a
run of consecutive lines, with prose on both sides of it: a wide band (0.8 em), or a narrower one (0.6 em) where
the lines right of it start at one x, the next column's left edge. The longest such run is a column region, read
left part first; each part is cut again the same way, so three or four columns, or a block that spans two of three
columns, come out column by column. Lines above and below a region (a title, an abstract, a table across the
page) are flows of their own, so mixed one/two/three-column pages keep their reading order.

A column's characters are grouped into lines again once it is cut out (``pdf_layout.group_lines``): grouped
across the whole page, a raised marker or a small note line of one column could be folded into a line of the next
as its superscript.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

import numpy as np

from corpus.formats.pdf_layout import Char, Line, group_lines

_MIN_SIDE_LINES = 3  # lines with text on each side of a gutter before it is believed
_MIN_SIDE_CHARS = 12.0  # a column's parts are prose, not a label or a number (median characters per part)
_WIDE = 0.4  # half the width of a wide gutter, in ems of the characters beside it: wider than a word space
_NARROW = 0.3  # half the width of a narrow gutter, believed only beside an aligned left edge
_ALIGNED = 0.5  # share of the lines right of a narrow gutter that start at one x (the rest: indents, headings)
_STEP = 0.5  # the spacing of the x positions tried, in points


@dataclass(frozen=True, slots=True)
class _Glyphs:
    """The characters of a run of lines as arrays: the line each is on, its left and right edges and its size (the
    larger of its own and its line's, so a raised marker is padded like the text around it)."""

    line: np.ndarray
    x0: np.ndarray
    x1: np.ndarray
    size: np.ndarray

    @classmethod
    def of(cls, lines: list[Line]) -> _Glyphs:
        rows = [(i, c.x0, c.x1, max(c.size, ln.size)) for i, ln in enumerate(lines) for c in ln.chars]
        a = np.array(rows, dtype=float).reshape(-1, 4)
        return cls(a[:, 0].astype(int), a[:, 1], a[:, 2], a[:, 3])

    def free(self, count: int, xs: np.ndarray, pad: float) -> np.ndarray:
        """[line, x]: True where no character of the line comes within ``pad`` ems of x (so a word space, narrower
        than two pads, never counts as empty)."""
        first = np.searchsorted(xs, self.x0 - pad * self.size, side="right")
        stop = np.searchsorted(xs, self.x1 + pad * self.size, side="left")
        cover = np.zeros((count, len(xs) + 1), dtype=np.int32)
        keep = stop > first
        np.add.at(cover, (self.line[keep], first[keep]), 1)
        np.add.at(cover, (self.line[keep], stop[keep]), -1)
        free: np.ndarray = np.cumsum(cover, axis=1)[:, :-1] == 0
        return free


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


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # the run of lines [start, end) that the gutter divides
    end: int
    x: float
    narrow: bool  # found only as a narrow gutter: the right part must start at one x


def _candidates(lines: list[Line], lo: float, hi: float) -> list[_Candidate]:
    """Every maximal run of at least three lines that an x band leaves free, one per band of x positions sharing a
    run, longest runs first (wide gutters before narrow ones, then left to right)."""
    xs = np.arange(lo, hi + _STEP / 2, _STEP)
    if len(xs) == 0:
        return []
    glyphs = _Glyphs.of(lines)
    out: list[_Candidate] = []
    for pad, narrow in ((_WIDE, False), (_NARROW, True)):
        edges = np.zeros((len(lines) + 2, len(xs)), dtype=np.int8)
        edges[1:-1] = glyphs.free(len(lines), xs, pad)
        steps = np.diff(edges, axis=0).T  # [x, boundary]: +1 where a run starts, -1 where it ends
        at, starts = np.nonzero(steps == 1)
        _, ends = np.nonzero(steps == -1)  # in the same order: each x's runs top to bottom
        long = ends - starts >= _MIN_SIDE_LINES
        at, starts, ends = at[long], starts[long], ends[long]
        if len(at) == 0:
            continue
        order = np.lexsort((at, ends, starts))
        at, starts, ends = at[order], starts[order], ends[order]
        # a band: neighbouring x positions that leave the same run free
        new = np.ones(len(at), dtype=bool)
        new[1:] = (starts[1:] != starts[:-1]) | (ends[1:] != ends[:-1]) | (at[1:] != at[:-1] + 1)
        first = np.flatnonzero(new)
        last = np.append(first[1:], len(at)) - 1
        for f, g in zip(first.tolist(), last.tolist(), strict=True):
            out.append(_Candidate(int(starts[f]), int(ends[f]), float(xs[at[(f + g) // 2]]), narrow))
    out.sort(key=lambda c: (c.start - c.end, c.narrow, c.x))
    return out


def _median(values: list[int]) -> float:
    values = sorted(values)
    return float(values[len(values) // 2]) if values else 0.0


def _aligned(run: list[Line], x: float) -> bool:
    """A narrow gutter is believed where the parts right of it start at one x, the next column's left edge (a river
    of word spaces has ragged edges), mostly, and where it is at least twice as wide as the run's usual space
    between words (a code listing's spaces in a fixed-width font line up too)."""
    starts: list[float] = []
    gutter = float("inf")
    spaces: list[float] = []
    for ln in run:
        shown = [c for c in ln.chars if c.text.strip()]
        left = [c for c in shown if c.x1 <= x]
        right = [c for c in shown if c.x0 >= x]
        if right:
            starts.append(right[0].x0)
        if left and right:
            gutter = min(gutter, right[0].x0 - max(c.x1 for c in left))
        for side in (left, right):
            spaces.extend(g for a, b in itertools.pairwise(side) if (g := b.x0 - a.x1) > 0.15 * ln.size)
    if len(starts) < 2 * _MIN_SIDE_LINES:
        return False
    mode = Counter(round(s) for s in starts).most_common(1)[0][0]
    aligned = sum(abs(s - mode) <= 1.5 for s in starts) >= _ALIGNED * len(starts)
    return aligned and (not spaces or gutter >= 2 * sorted(spaces)[len(spaces) // 2])


def _best_region(lines: list[Line], lo: float, hi: float) -> _Candidate | None:
    """The longest run of lines that a gutter divides, if any."""
    counts = [_Counts.of(ln) for ln in lines]
    for cand in _candidates(lines, lo, hi):
        rows = range(cand.start, cand.end)
        left = [n for k in rows if (n := counts[k].left(cand.x))]
        right = [n for k in rows if (n := counts[k].right(cand.x))]
        if (
            len(left) >= _MIN_SIDE_LINES
            and len(right) >= _MIN_SIDE_LINES
            and _median(left) >= _MIN_SIDE_CHARS
            and _median(right) >= _MIN_SIDE_CHARS
            and (not cand.narrow or _aligned(lines[cand.start : cand.end], cand.x))
        ):
            return cand
    return None


def _gutter(run: list[Line], x: float) -> float:
    """The middle of the empty band around x, so a split never cuts a character."""
    right_edge = max((c.x1 for ln in run for c in ln.chars if c.x1 <= x), default=x)
    left_edge = min((c.x0 for ln in run for c in ln.chars if c.x0 >= x), default=x)
    return (right_edge + left_edge) / 2


def _regroup(chars: list[Char], page: int) -> list[Line]:
    """A column's lines grouped again from its own characters, its superscripts found anew."""
    for c in chars:
        c.raised = False
    return group_lines(chars, page) if chars else []


def _split(lines: list[Line], lo: float, hi: float) -> list[list[Line]]:
    if len(lines) < _MIN_SIDE_LINES:
        return [lines] if lines else []
    found = _best_region(lines, lo, hi)
    if found is None:
        return [lines]
    run = lines[found.start : found.end]
    x = _gutter(run, found.x)
    chars = [c for ln in run for c in ln.chars]
    columns: list[list[Line]] = []
    for part in ([c for c in chars if c.x1 <= x], [c for c in chars if c.x1 > x]):
        column = _regroup(part, lines[0].page)
        if column:
            x0, x1 = min(ln.x0 for ln in column), max(ln.x1 for ln in column)
            columns.extend(_split(column, x0 + 0.25 * (x1 - x0), x1 - 0.25 * (x1 - x0)))
    return [*_split(lines[: found.start], lo, hi), *_lift_header(columns), *_split(lines[found.end :], lo, hi)]


def _lift_header(flows: list[list[Line]]) -> list[list[Line]]:
    """A region's flows with a header over its columns read first: blocks side by side at the top (a page's title
    beside a masthead) above a gap across the whole region under which one of the columns only begins. Read as
    the top of their columns, they would come between the foot of one column and the head of the next."""
    ordered = sorted((ln for flow in flows for ln in flow), key=lambda ln: ln.top)
    bottom = float("-inf")
    cut = None
    for k in range(1, len(ordered) // 4 + 1):
        bottom = max(bottom, ordered[k - 1].bottom)
        top = ordered[k].top
        if top - bottom >= ordered[k].size and any(flow[0].top >= top for flow in flows if flow):
            cut = top
    if cut is None:
        return flows
    above = [[ln for ln in flow if ln.top < cut] for flow in flows]
    below = [[ln for ln in flow if ln.top >= cut] for flow in flows]
    return [f for f in above + below if f]


def split_columns(lines: list[Line], width: float) -> list[list[Line]]:
    """The page's lines (top to bottom) as flows in reading order."""
    return _split(lines, 0.25 * width, 0.75 * width)
