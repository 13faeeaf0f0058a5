"""PDF page geometry: characters from pdfminer's layout tree, grouped into lines with superscripts folded in.
``corpus.formats.pdf_margins`` removes running headers, footers and page numbers from these lines, and
``corpus.formats.pdf`` reads structure from them.

A superscript is found from geometry alone: a cluster of characters set smaller than a line and raised above it
(its bottom well above the line's bottom) belongs to that line, flagged ``raised``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from corpus.errors import ParseError, UnsupportedFormat
from corpus.raw import RawTable

# a glyph with no Unicode mapping (pdfminer writes "(cid:42)"): drawn, but not text anyone could quote
_UNMAPPED = re.compile(r"^\(cid:\d+\)$")
# a dingbat font's private-use code: a list's bullet or an arrow drawn from Wingdings, no text (a maths font's
# private-use codes are symbols of a formula and stay)
_DINGBAT = re.compile(r"^[\ue000-\uf8ff]+$")
_DINGBAT_FONT = re.compile(r"wingding|webding|dingbat", re.IGNORECASE)
# the Symbol font's bullet (code 0xB7, which Word maps to private-use U+F0B7): a list's bullet, whatever the font's
# other private-use codes (Greek letters, operators) mean in a formula
_SYMBOL_BULLET, _SYMBOL_FONT = "\uf0b7", re.compile(r"symbol", re.IGNORECASE)
# typeset ligatures back to letters, so "ﬁnance" reads and matches as "finance"
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    raised: bool = False


@dataclass(slots=True)
class Line:
    chars: list[Char]
    page: int
    top: float
    bottom: float
    size: float
    x0: float
    x1: float
    bold: bool
    # (id and count of ``chars``, text): the text is read many times over, and the chars change rarely (a line
    # that gets other chars is given a new list)
    _text: tuple[int, int, str] | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        cached = self._text
        if cached is not None and cached[0] == id(self.chars) and cached[1] == len(self.chars):
            return cached[2]
        text = "".join(t for t, _ in tokens(self.chars))
        self._text = (id(self.chars), len(self.chars), text)
        return text


@dataclass
class Page:
    number: int
    height: float
    width: float
    lines: list[Line]
    tables: list[tuple[float, float, RawTable]] = field(default_factory=list)  # (top, bottom, table)
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # short horizontal rules: (top, x0, x1)
    flows: list[list[Line]] = field(default_factory=list)  # the lines in reading order, one list per column


def translated(exc: BaseException) -> ParseError:
    """pdfminer's errors (pdfplumber wraps them in PdfminerException) as one-line messages."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return UnsupportedFormat("this PDF is encrypted with a password; save an unprotected copy and upload that")
    if isinstance(inner, PDFEncryptionError):
        return UnsupportedFormat(f"this PDF uses an encryption citebot cannot open ({inner})")
    detail = str(inner) or type(inner).__name__
    return ParseError(f"this PDF is damaged and cannot be read ({detail})")


@contextmanager
def reading() -> Iterator[None]:
    try:
        yield
    except (PdfminerException, PDFException, PSException) as exc:
        raise translated(exc) from exc
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError) as exc:
        # pdfminer raises these on malformed objects; a readable PDF never gets here
        raise ParseError(f"this PDF is damaged and cannot be read ({type(exc).__name__}: {exc})") from exc


def tokens(chars: Sequence[Char]) -> Iterator[tuple[str, bool]]:
    """(text, raised) per character, with a space wherever the gap is wider than a space would leave (some PDFs
    position words without drawing spaces)."""
    prev: Char | None = None
    for c in chars:
        gap = c.x0 - prev.x1 if prev is not None else 0.0
        if prev is not None and c.text != " " and prev.text != " " and gap > 0.18 * max(c.size, prev.size):
            yield " ", False
        yield c.text, c.raised
        prev = c


def layout_objects(page: Any) -> tuple[list[LTChar], list[LTCurve]]:
    """pdfminer's characters and drawn lines/rectangles of a page, straight from its layout tree: reading them
    from pdfplumber's ``page.chars`` would first copy every attribute of every character into a dict."""
    chars: list[LTChar] = []
    edges: list[LTCurve] = []
    stack: list[Any] = list(page.layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            chars.append(obj)
        elif isinstance(obj, LTCurve):  # LTLine and LTRect are curves
            edges.append(obj)
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    return chars, edges


def trim_frame(page: Any) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) of the page a reader sees, in pdfplumber's top-down MediaBox coordinates: the TrimBox
    (the printed page after cutting) or else the CropBox (what a viewer shows). A printer's proof PDF is larger
    than the page: the sheet around it holds a job slug ("book.qxd 2/10/04 Page 23"), a pass stamp ("4TH PASS
    PAGES"), crop and registration marks and margin line numbers for proofreading, none of it the author's text."""
    height, width = float(page.height), float(page.width)
    mb_x0, mb_y0 = float(page.mediabox[0]), float(page.mediabox[1])
    box = page.page_obj.attrs.get("TrimBox") or page.cropbox
    try:
        bx0, by0, bx1, by1 = (float(v) for v in box)
    except (TypeError, ValueError):
        return 0.0, 0.0, width, height
    x0, x1 = max(0.0, bx0 - mb_x0), min(width, bx1 - mb_x0)
    top, bottom = max(0.0, height - (by1 - mb_y0)), min(height, height - (by0 - mb_y0))
    # a box that is not a sensible part of the page (absent, inverted, a sliver) leaves the whole page
    if x1 - x0 < 0.4 * width or bottom - top < 0.4 * height:
        return 0.0, 0.0, width, height
    return x0, top, x1, bottom


def page_chars(
    page: Any,
    objs: Sequence[LTChar],
    exclude: Sequence[tuple[float, float, float, float]],
    frame: tuple[float, float, float, float] | None = None,
) -> list[Char]:
    """The page's characters in top-down coordinates relative to the trimmed page (``frame``)."""
    height, width = float(page.height), float(page.width)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    fx0, ftop, fx1, fbottom = frame or (0.0, 0.0, width, height)
    out = []
    for c in objs:
        text = c.get_text().translate(_LIGATURES)
        if not c.upright or (not text.strip() and text != " ") or _UNMAPPED.match(text):
            continue
        if _DINGBAT.match(text) and _DINGBAT_FONT.search(str(c.fontname)):
            continue
        if text == _SYMBOL_BULLET and _SYMBOL_FONT.search(str(c.fontname)):
            continue
        # the same page coordinates pdfplumber reports (top-down, relative to the MediaBox)
        x0, top = float(c.x0) + mb_x0, height - float(c.y1) + mb_top
        if not (fx0 - 1 <= x0 <= fx1 + 1 and ftop - 1 <= top <= fbottom + 1):
            continue  # outside the trimmed page: a printer's slug, a crop-mark label, a proof's line numbers
        if any(b[0] - 1 <= x0 <= b[2] + 1 and b[1] - 1 <= top <= b[3] + 1 for b in exclude):
            continue
        font = str(c.fontname).lower()
        out.append(
            Char(
                text,
                x0 - fx0,
                float(c.x1) + mb_x0 - fx0,
                top - ftop,
                height - float(c.y0) + mb_top - ftop,
                round(float(c.size), 1),
                "bold" in font or "black" in font,
            )
        )
    return _without_overprint(out)


def _without_overprint(chars: list[Char]) -> list[Char]:
    """One of each glyph printed again a fraction of a point away: a word processor's fake bold ("SSccaallee" read
    from "Scale" drawn two or three times over). The glyph kept is bold."""
    seen: dict[tuple[str, float, int], list[Char]] = {}
    out: list[Char] = []
    for c in chars:
        if not c.text.strip():
            out.append(c)
            continue
        row = round(c.top)
        near = [
            d
            for r in (row - 1, row, row + 1)
            for d in seen.get((c.text, c.size, r), ())
            if abs(d.x0 - c.x0) < min(1.5, 0.4 * max(c.x1 - c.x0, 0.1)) and abs(d.top - c.top) < 1
        ]
        if near:
            near[0].bold = True
            continue
        seen.setdefault((c.text, c.size, row), []).append(c)
        out.append(c)
    return out


def _ornament(chars: list[Char]) -> bool:
    """A line drawn with symbol glyphs only (a dingbat rule "❚❘❙❚❘❙", a row of stars): decoration, not text."""
    shown = [c.text for c in chars if c.text.strip()]
    return len(shown) > 2 and all(unicodedata.category(t[0]) == "So" for t in shown)


def make_line(chars: list[Char], page: int) -> Line:
    chars.sort(key=lambda c: c.x0)
    body = [c for c in chars if not c.raised and c.text.strip()] or chars
    size = Counter(c.size for c in body).most_common(1)[0][0]
    return Line(
        chars=chars,
        page=page,
        top=min(c.top for c in body),
        bottom=max(c.bottom for c in body),
        size=size,
        x0=min(c.x0 for c in chars),
        x1=max(c.x1 for c in chars),
        bold=sum(c.bold for c in body) > len(body) / 2,
    )


def _apart_small(cluster: list[Char]) -> list[list[Char]]:
    """A run of small characters standing apart from the rest of a baseline cluster: a superscript of the next
    column's line whose bottom happens to fall on this column's baseline. It is folded into its own line later."""
    sizes = Counter(c.size for c in cluster if c.text.strip())
    if len(sizes) < 2:
        return [cluster]
    size = sizes.most_common(1)[0][0]
    ordered = sorted(cluster, key=lambda c: c.x0)
    runs: list[list[Char]] = [[ordered[0]]]
    for a, b in itertools.pairwise(ordered):
        if b.x0 - a.x1 > 1.5 * size:  # a column gutter, wider than a gap between words
            runs.append([b])
        else:
            runs[-1].append(b)
    small = [r for r in runs if all(c.size < 0.88 * size for c in r if c.text.strip())]
    if not small or len(small) == len(runs):
        return [cluster]
    return [[c for r in runs if r not in small for c in r], *small]


def group_lines(chars: list[Char], page: int) -> list[Line]:
    """Group characters by baseline, then fold raised small clusters (superscripts) into the line they sit on."""
    clusters: list[list[Char]] = []
    for c in sorted(chars, key=lambda c: c.bottom):
        if clusters and c.bottom - clusters[-1][0].bottom <= 1.5:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    clusters = [part for cl in clusters for part in _apart_small(cl)]
    lines = [make_line(cl, page) for cl in clusters if any(c.text.strip() for c in cl) and not _ornament(cl)]
    merged: list[Line] = []
    for line in lines:
        host = next(
            (
                h
                for h in lines
                if h is not line
                and line.size < 0.88 * h.size
                and h.top - 0.6 * h.size <= line.top
                and line.bottom < h.bottom - 0.2 * h.size
                and line.x1 >= h.x0 - h.size
                and line.x0 <= h.x1 + h.size
            ),
            None,
        )
        if host is not None:
            for c in line.chars:
                c.raised = True
            host.chars.extend(line.chars)
            host.chars.sort(key=lambda c: c.x0)
            host.x0, host.x1 = min(host.x0, line.x0), max(host.x1, line.x1)
        else:
            merged.append(line)
    return sorted(merged, key=lambda ln: ln.top)
