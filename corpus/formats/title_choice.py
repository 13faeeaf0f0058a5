"""Which leading block is a document's title, and which leading lines can be its header: a weak first heading (a
section name, a stamp, a date or docket line, a lone upper-case word) gives way to a later title-like heading, and
short lines printed above the title move below it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from corpus.formats.blocks import Block, Para
from corpus.formats.common import clean
from corpus.text.dates import parse_date
from corpus.text_layout import is_section_name


def header_blocks(blocks: Sequence[Block]) -> list[list[str]]:
    """Lines of the leading marker-free paragraphs, the only place a header can be. A heading of a lower rank than
    the first block's (an <h2> under the <h1> title) opens the body, unless it is a "By …" byline."""
    out: list[list[str]] = []
    rank = blocks[0].level if blocks and isinstance(blocks[0], Para) else 0
    for b in blocks:
        if not isinstance(b, Para) or any(not isinstance(p, str) for p in b.pieces):
            break
        if out and b.heading and rank and b.level > rank and not re.match(r"\s*By\b", b.text, re.IGNORECASE):
            break
        lines = [clean(ln) for ln in b.text.split("\n") if ln.strip()]
        if not lines:
            break
        out.append(lines)
    return out


# A docket or case number line ("No. 06-6247", "Case No. 1:20-cv-01", "Docket 12-345"): it names a filing, not it.
_DOCKET = re.compile(r"^\(?(?:[\w.]+\s+){0,2}(?:no\.|nos\.|#)\s*[\w.:/-]*\d", re.IGNORECASE)
# How many leading blocks may hold the title when the first one cannot be it (stamps, dates, docket lines).
_TITLE_REACH = 6


def _lone_capital_word(line: str) -> bool:
    word = line.strip().rstrip(":")
    return len(word.split()) == 1 and word.isalpha() and word.isupper() and len(word) > 1


def can_be_title(text: str) -> bool:
    """Whether a leading heading can title the document: not a section name ("Abstract"), a stamp over other
    lines ("FILED" above a court's name), a date line, or a docket or case number line."""
    lines = [clean(ln) for ln in text.split("\n") if ln.strip()]
    if not lines:
        return False
    joined = " ".join(lines)
    return not (
        is_section_name(joined)
        or (len(lines) > 1 and _lone_capital_word(lines[0]))
        or parse_date(joined) is not None
        or all(_DOCKET.match(ln) for ln in lines)
    )


def _better_title(b: Block, rank: int) -> bool:
    """A later leading heading that may replace a weak first one: a title-like heading of several words, of the
    first heading's rank or above, and not a question (a question heads its answer)."""
    return (
        isinstance(b, Para)
        and b.heading
        and (b.level or 1) <= rank
        and len(b.text.split()) > 1
        and not clean(b.text).endswith("?")
        and can_be_title(b.text)
    )


_TERMINAL_MARK = re.compile(r"[.?!:;,][\"”’')\]]*\s*$")


def _header_like(b: Block) -> bool:
    """A short block of header lines: no markers, no sentence end, not a section's name or a heading."""
    return (
        isinstance(b, Para)
        and not b.heading
        and all(isinstance(p, str) for p in b.pieces)
        and not _TERMINAL_MARK.search(b.text)
        and not is_section_name(b.text)
    )


def title_first(body: list[Block]) -> list[Block]:
    """When the first heading cannot be the title (or is a lone upper-case word such as "DRAFT") and a later
    leading heading can, put that heading first; the blocks before it follow it unchanged. The search ends where
    the body's first paragraph of sentences starts."""
    first = body[0] if body else None
    if not isinstance(first, Para):
        return body
    if not first.heading:
        # a short line in the text's own type over the document's first heading: a series label or a kicker
        # ("RESEARCH BULLETIN 6", "Working paper") set above the title, not the title
        second = body[1] if len(body) > 1 else None
        kicker = (
            len(first.text.split()) <= 6 and "\n" not in first.text.strip() and not _TERMINAL_MARK.search(first.text)
        )
        if not (kicker and isinstance(second, Para) and _better_title(second, 1)):
            return _title_below_lines(body)
        # the label goes after the header lines under the title (a byline, a date), so they stay the header's
        end = 2
        while end < min(len(body), _TITLE_REACH) and _header_like(body[end]):
            end += 1
        return [second, *body[2:end], first, *body[end:]]
    if can_be_title(first.text) and not _lone_capital_word(clean(first.text)):
        return body
    for i, b in enumerate(body[1:_TITLE_REACH], start=1):
        if not isinstance(b, Para) or any(not isinstance(p, str) for p in b.pieces):
            break
        if _better_title(b, first.level or 1):
            return [b, *body[:i], *body[i + 1 :]]
        if not b.heading and clean(b.text).endswith((".", "?", "!")) and len(b.text.split()) > 12:
            break
    return body


# the short lines a paper may print above its title (a name, a course, a date): a few words each
_LINE_ABOVE_WORDS = 6


def _short_lines(b: Block) -> bool:
    return isinstance(b, Para) and all(len(ln.split()) <= _LINE_ABOVE_WORDS for ln in b.text.split("\n"))


def _title_lead(b: Block, nxt: Block) -> bool:
    """A title's first part set in another type than the heading under it: a short line ending in a colon
    ("Bathing Suits and Ladies:" over the heading that completes it)."""
    return (
        isinstance(b, Para)
        and isinstance(nxt, Para)
        and nxt.heading
        and not b.heading
        and all(isinstance(p, str) for p in b.pieces)
        and "\n" not in b.text.strip()
        and clean(b.text).endswith(":")
        and len(b.text.split()) <= _LINE_ABOVE_WORDS * 2
    )


def _title_below_lines(body: list[Block]) -> list[Block]:
    """A top-rank heading under a few short header lines (a student's name, a course, a date, set above the
    title): the title comes first, the lines under it, so they are read as its byline and date. A line ending in
    a colon right above the heading is the title's first part."""
    for i, b in enumerate(body[: _TITLE_REACH + 1]):
        if isinstance(b, Para) and b.heading:
            if i > 1 and (b.level or 1) == 1 and _better_title(b, 1):
                lead = body[i - 1]
                if isinstance(lead, Para) and _title_lead(lead, b):
                    joined = replace(b, pieces=(clean(lead.text) + "\n", *b.pieces))
                    return [joined, *body[: i - 1], *body[i + 1 :]]
                return [b, *body[:i], *body[i + 1 :]]
            return body
        nxt = body[i + 1] if i + 1 < len(body) else None
        if nxt is not None and _title_lead(b, nxt):
            continue
        if not isinstance(b, Para) or not _header_like(b) or not _short_lines(b):
            return body
    return body


# how far into the first page a document's own title may follow a publication's masthead
_MASTHEAD_REACH = 12


def _in_running(text: str, running: Sequence[str]) -> bool:
    """Whether a line is printed, whole, inside a running head or foot of the other pages ("Proposed Rules" in
    "Federal Register/Vol. 85, No. 152/Thursday, August 6, 2020/Proposed Rules 47699")."""
    line = clean(text).lower()
    if len(line) < 3 or "\n" in text.strip():
        return False
    edge = r"[\s/|,;:\u2013\u2014-]"
    pattern = re.compile(rf"(?:^|{edge}){re.escape(line)}(?:$|{edge})")
    return any(pattern.search(r.lower()) for r in running)


def _titles(b: Block) -> bool:
    return isinstance(b, Para) and len(b.text.split()) > 1 and can_be_title(b.text) and not clean(b.text).endswith("?")


def title_before_masthead(body: list[Block], running: Sequence[str]) -> list[Block]:
    """A first heading that the other pages print in their running heads (a journal's name, a register's section,
    "Proposed Rules") is the publication's masthead, not the document's title. The title is the first page's next
    heading, or the last that can title the document in a stack of headings there (an agency, a docket line, then
    the title right above the text): it comes first, and the masthead's lines under it are plain lines."""
    first = body[0] if body else None
    if not running or not isinstance(first, Para) or not first.heading or not _in_running(first.text, running):
        return body
    start = next(
        (
            i
            for i, b in enumerate(body[1:_MASTHEAD_REACH], start=1)
            if isinstance(b, Para) and b.heading and not _in_running(b.text, running)
        ),
        None,
    )
    if start is None:
        return body
    end = start
    while end + 1 < len(body) and isinstance(nxt := body[end + 1], Para) and nxt.heading:
        end += 1
    chosen = next((i for i in range(end, start - 1, -1) if _titles(body[i])), None)
    title = body[chosen] if chosen is not None else None
    if chosen is None or not isinstance(title, Para):
        return body
    lead = [
        replace(x, heading=False, level=0) if isinstance(x, Para) and _in_running(x.text, running) else x
        for x in body[:chosen]
    ]
    return [replace(title, level=1), *lead, *body[chosen + 1 :]]
