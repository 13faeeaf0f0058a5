"""An e-book's frame: the distributor's preamble and licence around the book's own text.

Project Gutenberg editions (plain text and HTML alike) open with a preamble ("Title: …", "Author: …", release
date, a licence paragraph) and a line "*** START OF THE PROJECT GUTENBERG EBOOK … ***", and close with
"*** END OF THE PROJECT GUTENBERG EBOOK … ***" followed by the full licence. Only what lies between the two
lines is the book; the preamble's fields are its title and author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# "*** START OF THIS PROJECT GUTENBERG EBOOK X ***", "***START OF THE PROJECT GUTENBERG EBOOK X***"
START = re.compile(r"\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b[^*]*\*{3}", re.IGNORECASE)
END = re.compile(r"\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b[^*]*\*{3}", re.IGNORECASE)
# the closing line older editions print just above the END line
_END_LINE = re.compile(r"^\s*End of (?:the )?Project Gutenberg'?s?\b", re.IGNORECASE | re.MULTILINE)
# the volunteers' credit and the edition's notes that open the book's text
_CREDIT = re.compile(r"^\s*(?:Produced by|E-?text prepared by|.{0,80}\bProject Gutenberg\b)", re.IGNORECASE | re.DOTALL)
# the preamble's fields; a value runs on (a wrapped title) until the next field or the START line
_FIELD_NAMES = (
    r"Title|Subtitle|Author|Editor|Illustrator|Translator|Release Date|Posting Date|Last Updated|"
    r"First Posted|Language|Character set encoding|Credits|Original publication|Most recently updated"
)
_FIELD = re.compile(rf"(?:^|\s)(Title|Author)\s*:\s*(.+?)\s*(?=\s(?:{_FIELD_NAMES})\s*:|\*{{3}}|\n\s*\n|$)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Frame:
    """What the preamble says of the book."""

    title: str | None = None
    authors: tuple[str, ...] = ()


def _clean(text: str) -> str:
    return " ".join(text.split())


def preamble_fields(preamble: str) -> Frame:
    """The title and authors the preamble names ("Title: …", "Author: A and B")."""
    title: str | None = None
    authors: list[str] = []
    for m in _FIELD.finditer(preamble):
        # a line under the field that opens in capitals is a subtitle or series (the field's own wrapped
        # value goes on in lower case)
        value = _clean(re.split(r"\n[ \t]*(?=[^a-z\s])", m.group(2))[0])
        if not value:
            continue
        if m.group(1) == "Title" and title is None:
            title = value
        elif m.group(1) == "Author" and not authors:
            authors = [n.strip() for n in re.split(r",?\s+and\s+|;|&", value) if n.strip()]
    return Frame(title, tuple(authors))


def split_text(text: str) -> tuple[str, Frame | None]:
    """A plain-text e-book's own text and its preamble's fields; the text unchanged and None without a frame."""
    start = START.search(text)
    if start is None:
        return text, None
    body = text[start.end() :]
    end = END.search(body)
    if end is not None:
        body = body[: end.start()]
    closing = list(_END_LINE.finditer(body))
    if closing and len(body) - closing[-1].start() < 400:
        body = body[: closing[-1].start()]
    # the credit paragraph under the START line is the edition's, not the book's
    while _CREDIT.match(lead := body.lstrip("\n")):
        cut = re.search(r"\n\s*\n", lead)
        body = lead[cut.end() :] if cut else ""
    return body, preamble_fields(text[: start.start()])


def frame_span(texts: Sequence[str]) -> tuple[int, int, Frame] | None:
    """For a document read as blocks (HTML, Markdown, Word): the range of blocks that is the book, after the block
    holding the START line (and a credit block) and before the one holding the END line (or its closing line)."""
    first = next((i for i, t in enumerate(texts) if START.search(t)), None)
    if first is None:
        return None
    frame = preamble_fields("\n\n".join([*texts[:first], START.split(texts[first])[0]]))
    begin = first + 1
    while begin < len(texts) and _CREDIT.match(texts[begin]):
        begin += 1
    stop = next((i for i in range(begin, len(texts)) if END.search(texts[i]) or _END_LINE.match(texts[i])), len(texts))
    return begin, stop, frame
