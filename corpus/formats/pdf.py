"""The PDF front-end, on pdfplumber.

Why pdfplumber: footnote markers in a PDF are only visible as geometry -- a digit set smaller and higher than the
text around it. pdfplumber (over pdfminer.six) gives every character with its font name, size and bounding box
(including the text rise), finds ruled tables, and exposes the document info; pypdf's text extraction loses the
per-character size and rise, and pypdfium2 is faster but needs the raw C API for font sizes and has no table
finder. Characters are read from pdfminer's layout tree rather than pdfplumber's per-character dicts, which
halves the time: a generated 20-page brief with 60 notes parses in about 1.3 s here (bench/bench_ingest.py).

How a page is read (steps 1-2 in ``corpus.formats.pdf_layout``):
1. characters are grouped into lines by baseline; a cluster of smaller characters raised above a larger line
   (its bottom well above the line's bottom) is merged into that line as superscript;
2. running headers and footers (the same text, digits aside, at the same height on many pages) and bare page
   numbers in the margins are dropped;
3. the foot of the page -- below a short rule, or from the first small-type line that opens with a raised or
   leading number below the last line of body type -- holds the notes; a note without a number at the top of a
   foot continues the previous page's last note;
4. the rest becomes paragraphs (a gap wider than the leading, a change of size or weight, or an indent starts a
   new one), ruled tables become tables, and a paragraph left unfinished at the bottom of a page continues on
   the next page.
Raised digits become markers; bare digits never do ("…ends in 2026.⁸" is the year 2026 and footnote 8).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from io import BytesIO
from typing import Any

import pdfplumber

from corpus.errors import UnsupportedFormat
from corpus.formats.common import (
    Block,
    Metadata,
    Para,
    Pending,
    Piece,
    assemble,
    clean,
    is_exponent,
    iso_date,
    marker_numbers,
)
from corpus.formats.pdf_layout import Line, Page, drop_running, read_pages, reading, tokens
from corpus.models import Author
from corpus.raw import Marker, RawDocument, RawTable

NO_TEXT_LAYER = "this PDF has no text layer; OCR is not supported (it looks like a scanned image)"
_NUMBERED = re.compile(r"^\s*(\d{1,4})[.)]?\s+\S")
_TERMINAL = re.compile(r"[.?!…][\"”’')\]]*$")
_PLACEHOLDER_AUTHORS = frozenset({"anonymous", "unknown", "user", "admin", "administrator", "author", "owner"})
_JUNK_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled)|\.(?:docx?|pdf|indd|tex)$", re.IGNORECASE)


def _line_pieces(line: Line, defined: set[int] | None, skip_leading: bool = False) -> list[Piece]:
    """A line as text and markers: runs of raised digits are markers, other raised text stays text."""
    pieces: list[Piece] = []
    out = list(tokens(line.chars))
    i = 0
    text = ""
    if skip_leading:
        while out and (out[0][1] or not out[0][0].strip()):
            out.pop(0)
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
        if numbers is None or defined is None or is_exponent(text, numbers, defined):
            text += run
        else:
            if text:
                pieces.append(text)
                text = ""
            digits = clean(run)
            pieces.append(Pending(digits) if digits.isdigit() else Marker(numbers))
        i = j
    if text:
        pieces.append(text)
    return pieces


def _note_start(line: Line) -> int | None:
    """The number a footnote line opens with (raised, or typed "12." / "12 "), if any."""
    first = next((c for c in line.chars if c.text.strip()), None)
    if first is None:
        return None
    if first.raised:
        digits = ""
        for c in line.chars:
            if not c.text.strip():
                if digits:
                    break
                continue
            if not (c.raised and c.text.isdigit()):
                break
            digits += c.text
        return int(digits) if digits else None
    m = _NUMBERED.match(line.text)
    return int(m.group(1)) if m else None


def _split_foot(page: Page, body_size: float) -> tuple[list[Line], list[Line]]:
    """(body lines, foot lines) of a page."""
    lines = page.lines
    last_body = max((i for i, ln in enumerate(lines) if ln.size >= body_size * 0.92), default=-1)
    small = [i for i in range(last_body + 1, len(lines)) if lines[i].size < body_size * 0.92]
    if not small:
        return lines, []
    start: int | None = None
    body_bottom = lines[last_body].bottom if last_body >= 0 else 0.0
    rules = [r for r in page.rules if r > body_bottom]
    if rules:
        start = next((i for i in small if lines[i].top > min(rules) - 1), None)
    if start is None:
        start = next((i for i in small if _note_start(lines[i]) is not None), None)
    if start is None or any(lines[i].size >= body_size * 0.92 for i in range(start, len(lines))):
        return lines, []
    return lines[:start], lines[start:]


def _joined(prev: str, nxt: str) -> str:
    """Join two lines: a hyphen at a line end keeps the word whole; a URL split over lines is rejoined."""
    if prev.endswith("\xad"):
        return prev[:-1] + nxt
    if re.search(r"[A-Za-z]-$", prev) and nxt[:1].islower():
        return prev + nxt
    if re.search(r"https?://\S*[/\-_.=&?#]$", prev) and not nxt.startswith(("<", "http")):
        return prev + nxt
    return f"{prev}\n{nxt}"


def _notes(pages: list[Page], body_size: float) -> tuple[list[list[Line]], list[tuple[int, str]]]:
    bodies: list[list[Line]] = []
    defs: list[tuple[int, str]] = []
    for page in pages:
        body, foot = _split_foot(page, body_size)
        bodies.append(body)
        for line in foot:
            number = _note_start(line)
            if number is not None:
                rest = clean("".join(p for p in _line_pieces(line, None, skip_leading=True) if isinstance(p, str)))
                if line.chars and not line.chars[0].raised:
                    rest = re.sub(rf"^\s*{number}[.)]?\s*", "", clean(line.text), count=1)
                defs.append((number, rest))
            elif defs:
                number, text = defs[-1]
                defs[-1] = (number, _joined(text, clean(line.text)))
    return bodies, [(n, clean(t)) for n, t in defs]


def _starts_paragraph(prev: Line, line: Line, leading: float, left: float) -> bool:
    gap = line.bottom - prev.bottom
    if gap > leading * 1.3 or gap < 0:
        return True
    if abs(line.size - prev.size) > 0.6 or line.bold != prev.bold:
        return True
    return line.x0 > left + 0.8 * line.size and prev.x0 <= left + 2


def _paragraphs(lines: list[Line], body_size: float, defined: set[int]) -> list[tuple[Line, Line, Para]]:
    """Body lines of one page as (first line, last line, paragraph)."""
    if not lines:
        return []
    deltas = [b.bottom - a.bottom for a, b in itertools.pairwise(lines) if a.size == b.size == body_size]
    # the tightest spacing between body lines is the leading; wider gaps separate paragraphs
    deltas = [d for d in deltas if d >= body_size * 0.8]
    leading = min(deltas) if deltas else body_size * 1.4
    left = min((ln.x0 for ln in lines if ln.size == body_size), default=min(ln.x0 for ln in lines))
    groups: list[list[Line]] = [[lines[0]]]
    for prev, line in itertools.pairwise(lines):
        if _starts_paragraph(prev, line, leading, left):
            groups.append([line])
        else:
            groups[-1].append(line)
    out = []
    for group in groups:
        pieces: list[Piece] = []
        for line in group:
            line_pieces = _line_pieces(line, defined)
            if pieces and isinstance(pieces[-1], str) and line_pieces and isinstance(line_pieces[0], str):
                pieces[-1] = _joined(pieces[-1], line_pieces[0])
                line_pieces = line_pieces[1:]
            elif pieces:
                pieces.append("\n")
            pieces.extend(line_pieces)
        heading = group[0].size > body_size * 1.1 or (
            all(ln.bold for ln in group) and not _TERMINAL.search(clean(group[-1].text))
        )
        out.append((group[0], group[-1], Para(tuple(pieces), heading)))
    return out


def _finished(para: Para) -> bool:
    return bool(_TERMINAL.search(clean(para.text))) or para.heading


def _page_blocks(page: Page, lines: list[Line], body_size: float, defined: set[int]) -> list[Block]:
    items: list[tuple[float, Block]] = []
    paras = _paragraphs(lines, body_size, defined)
    for top, _bottom, table in page.tables:
        # a short line of its own just above the table is its caption
        above = [p for p in paras if p[1].bottom <= top + 1 and top - p[1].bottom < 2.5 * body_size]
        if above and table.caption is None:
            first, last, para = above[-1]
            text = clean(para.text)
            if first is last and len(text) < 120 and not _TERMINAL.search(text):
                table = RawTable(text, table.columns, table.rows, table.sources)
                paras.remove(above[-1])
        items.append((top, table))
    items.extend((first.top, para) for first, _, para in paras)
    return [b for _, b in sorted(items, key=lambda x: x[0])]


def _join_pages(pages: list[list[Block]]) -> list[Block]:
    """Concatenate pages; a paragraph left unfinished continues in the first paragraph of the next page, and any
    table or source note printed between the two halves follows the rebuilt paragraph."""
    out: list[Block] = []
    for blocks in pages:
        open_idx = next((i for i in range(len(out) - 1, -1, -1) if isinstance(out[i], Para)), None)
        first = blocks[0] if blocks else None
        if (
            open_idx is not None
            and isinstance(first, Para)
            and not first.heading
            and not _finished(out[open_idx])  # type: ignore[arg-type]
            and all(not isinstance(b, Para) for b in out[open_idx + 1 :])
        ):
            prev = out[open_idx]
            assert isinstance(prev, Para)
            between = out[open_idx + 1 :]
            del out[open_idx:]
            out.append(Para((*prev.pieces, "\n", *first.pieces), prev.heading, prev.list_number))
            out.extend(between)
            blocks = blocks[1:]
        out.extend(blocks)
    return out


def _metadata(info: dict[str, Any]) -> Metadata:
    def text(key: str) -> str | None:
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        return clean(str(value)) if value and str(value).strip() else None

    title = text("Title")
    author = text("Author")
    return Metadata(
        title=None if title is None or _JUNK_TITLE.search(title) else title,
        authors=tuple(
            Author(n.strip())
            for n in re.split(r";|\band\b", author or "")
            if n.strip() and n.strip().lower() not in _PLACEHOLDER_AUTHORS
        ),
        date=iso_date(text("CreationDate")),
    )


def parse_pdf(data: bytes) -> RawDocument:
    """Find the structure of a PDF brief."""
    with reading():
        pdf = pdfplumber.open(BytesIO(data))
    with pdf:
        pages = read_pages(pdf)
        with reading():
            info = dict(pdf.metadata or {})
    if not any(page.lines for page in pages):
        raise UnsupportedFormat(NO_TEXT_LAYER)
    # The body's type size: the size most characters are set in, not counting what lies under a footnote rule
    # (a short brief can have more words in its notes than in its text).
    weights: Counter[float] = Counter()
    for page in pages:
        foot_rule = max((r for r in page.rules if r > page.height / 2), default=page.height)
        for line in page.lines:
            if line.top < foot_rule:
                weights[line.size] += len(line.chars)
    body_size = (weights or Counter(ln.size for page in pages for ln in page.lines)).most_common(1)[0][0]
    drop_running(pages)
    bodies, defs = _notes(pages, body_size)
    defined = {n for n, _ in defs}
    blocks = _join_pages(
        [_page_blocks(page, body, body_size, defined) for page, body in zip(pages, bodies, strict=True)]
    )
    return assemble("pdf", blocks, defs, _metadata(info))
