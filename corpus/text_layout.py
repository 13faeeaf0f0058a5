"""Layout a plain-text document shows only by its typing: headings in capitals, list items one a line.

A short paragraph all in capital letters ("CHAPTER IV", "THE SONATA IN ENGLAND") is a heading. A block whose
lines open with bullets or numbers ("- ", "2. ", "(b) ") is a list: each item is a paragraph of its own and keeps
its bullet or number, so "the second step" can still be found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.ebook import Frame
from corpus.markers import SUPERSCRIPT_RUN
from corpus.models import Author
from corpus.raw import RawMetadataItem, RawTable

# a heading is short; a longer paragraph in capitals is a notice or a shouted sentence
HEADING_WORDS = 12
HEADING_LINES = 3
_ITEM = re.compile(r"^\s*(?:[-*•◦▪‣]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|\([a-z]\))\s+\S")
_RULE = re.compile(r"^\s*(?:-{3,}|={3,})\s*$")
_TAG = re.compile(r"<[^>]+>")
# Headings every kind of document uses for a part of itself; never its title.
_SECTION_NAMES = re.compile(
    r"^\s*(?:\d+\.?\s*)?(?:abstract|summary|executive summary|introduction|contents|table of contents|preface|"
    r"foreword|overview|background|acknowledge?ments?|key (?:findings|points|takeaways))\s*:?\s*$",
    re.IGNORECASE,
)


def is_section_name(text: str) -> bool:
    """Whether a heading names a standard part of a document ("Abstract", "1. Introduction")."""
    return bool(_SECTION_NAMES.match(" ".join(text.split())))


# underscores and asterisks are the typist's italics and bold, not letters
_EMPHASIS = re.compile(r"[_*]")


def is_caps_heading(lines: Sequence[str]) -> bool:
    """A short paragraph whose letters are all capitals, holding a word of three letters or more, citing no note
    and not ending a clause with a comma, colon or semicolon."""
    if not lines or len(lines) > HEADING_LINES:
        return False
    text = _EMPHASIS.sub("", " ".join(ln.strip() for ln in lines))
    if len(text.split()) > HEADING_WORDS or SUPERSCRIPT_RUN.search(text) or text.rstrip().endswith((",", ";", ":")):
        return False
    letters = [c for c in text if c.isalpha()]
    return (
        bool(re.search(r"[A-Z]{3}", text))
        and all(c.isupper() for c in letters if c.lower() != c.upper())
        and 2 * len(letters) > len(text.replace(" ", ""))
    )


def underlined_heading(lines: Sequence[str]) -> str | None:
    """The text of a short heading typed over a rule of dashes or equals signs ("Footnotes" over "---------"),
    or None."""
    if not 2 <= len(lines) <= HEADING_LINES or not _RULE.match(lines[-1]):
        return None
    text = " ".join(ln.strip() for ln in lines[:-1])
    rule = len(lines[-1].strip())
    if len(text.split()) > HEADING_WORDS or text.rstrip().endswith((",", ";")) or not re.search(r"[A-Za-z]", text):
        return None
    return text if 0.5 * len(lines[-2].strip()) <= rule <= 2 * len(lines[-2].strip()) + 2 else None


def list_items(lines: Sequence[str]) -> list[str] | None:
    """The items of a block typed as a list (its first line and at least one more open with a bullet or a
    number), a line without one continuing the item above it; None for any other block."""
    if len(lines) < 2 or not _ITEM.match(lines[0]) or sum(bool(_ITEM.match(ln)) for ln in lines) < 2:
        return None
    indent = len(lines[0]) - len(lines[0].lstrip())
    items: list[str] = []
    for line in lines:
        starts = _ITEM.match(line) and len(line) - len(line.lstrip()) <= indent + 1
        if starts or not items:
            items.append(line.strip())
        else:
            items[-1] = f"{items[-1]} {line.strip()}"
    return items


def frame_metadata(frame: Frame) -> tuple[str | None, tuple[Author, ...], list[RawMetadataItem]]:
    """An e-book preamble's title and authors, and the metadata lines that state them."""
    authors = tuple(Author(n) for n in frame.authors)
    items = [RawMetadataItem("title", frame.title)] if frame.title else []
    if authors:
        items.append(RawMetadataItem("author", "By " + ", ".join(frame.authors)))
    return frame.title, authors, items


def text_table(lines: Sequence[str]) -> RawTable:
    """A block of tab-separated lines as a table: a lone first cell is its caption, the next row its columns."""
    rows = [[_TAG.sub("", c).strip() for c in line.split("\t")] for line in lines]
    caption = None
    if len([c for c in rows[0] if c]) == 1:
        caption = next(c for c in rows[0] if c)
        rows = rows[1:]
    columns = tuple(c[:1].upper() + c[1:].lower() if c.isupper() else c for c in rows[0])
    body = tuple(tuple(r[: len(columns)]) for r in rows[1:] if any(r))
    return RawTable(caption=caption, columns=columns, rows=body)
