"""An e-book's title page in plain text: the short lines typed before its first paragraph of prose.

A book's text opens with its title page ("THE CHEMICAL HISTORY OF A CANDLE", "BY", "MICHAEL FARADAY", "EDITED BY",
"LONDON", a publisher, a year), often a dedication or a list of editors, and only then its first section ("PREFACE")
and prose. Lines in capitals there are not the book's headings: they say who wrote, edited and published it, so they
are read as metadata (a "By" line with the name under it one author item, a year a date). The headings right above
the first prose paragraph stay headings: they open the book's first section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.raw import RawMetadataItem
from corpus.text.dates import parse_date
from corpus.text_layout import is_caps_heading, is_section_name, underlined_heading

# the title page and the leaves after it (a dedication, a masthead) are a few dozen blocks at most
_REACH = 40
# prose: a sentence ends after a lower-case word, in a block of a few words or more
_PROSE_END = re.compile(r"[a-z]{2,}[.!?][\"”’')\]]*(?:\s|$)")
_PROSE_WORDS = 8
_EMPHASIS = re.compile(r"[_*]")
# a line that only announces the name under it: "BY", "EDITED BY", "_Introduction by_", "Translated by:"
_BY_LINE = re.compile(
    r"^(?:(?:edited|translated|illustrated|compiled|introduction|with an introduction)\s+)?by:?$", re.I
)
_YEAR = re.compile(r"^\(?1[5-9]\d\d\)?\.?$|^\(?20\d\d\)?\.?$")


def _joined(lines: Sequence[str]) -> str:
    return " ".join(ln.strip() for ln in lines)


def _plain(text: str) -> str:
    return " ".join(_EMPHASIS.sub("", text).split())


def is_prose(lines: Sequence[str]) -> bool:
    """A block of running text: a sentence ends after a lower-case word, in a block of several words."""
    text = _plain(_joined(lines))
    return len(text.split()) >= _PROSE_WORDS and bool(_PROSE_END.search(text))


def _is_heading(lines: Sequence[str]) -> bool:
    return bool(underlined_heading(lines)) or is_caps_heading(lines)


def title_page(blocks: Sequence[Sequence[str]], start: int, skip: set[int]) -> list[int]:
    """The indices of the blocks from ``start`` that are the book's title page: every block before the first
    paragraph of prose except the headings directly above that paragraph (from a section name among them on, such
    as "PREFACE"). A leading bracketed note (a transcriber's) ends nothing. [] when no prose follows in reach."""
    run: list[int] = []
    in_note = False
    for index in range(start, min(len(blocks), start + _REACH)):
        lines = blocks[index]
        text = _joined(lines).strip()
        if in_note or (not run and text.startswith("[")):
            in_note = not text.endswith("]")  # a transcriber's or an editor's note before the title page
            continue
        if index in skip or not re.search(r"[^\W_]", text):
            continue  # navigation, and rules or ornaments between the title page's parts
        if is_prose(lines):
            break
        run.append(index)
    else:
        return []
    # the headings right above the prose open its section
    keep = len(run)
    while keep > 0 and _is_heading(blocks[run[keep - 1]]):
        keep -= 1
    trailing = run[keep:]
    named = next((i for i, b in enumerate(trailing) if is_section_name(_plain(_joined(blocks[b])))), None)
    if named is not None:
        keep += named
    return run[:keep]


def _same_words(a: str, b: str) -> bool:
    def words(s: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", s.lower())

    return bool(words(a)) and words(a) == words(b)


def title_page_items(
    blocks: Sequence[Sequence[str]], indices: Sequence[int], title: str | None
) -> tuple[list[RawMetadataItem], str | None, tuple[str, ...]]:
    """The title page's blocks as metadata items (a "By" line joined to the name under it), with the date and the
    editors they state."""
    items: list[RawMetadataItem] = []
    date: str | None = None
    editors: list[str] = []
    pending: str | None = None  # a "By" line waiting for its name
    for index in indices:
        lines = [ln.strip() for ln in blocks[index] if ln.strip()]
        text = "\n".join(lines)
        plain = _plain(text)
        if pending is not None:
            label = "editor" if re.match(r"(?i)edited", _plain(pending)) else "author"
            items.append(RawMetadataItem(label, f"{pending}\n{text}"))
            if label == "editor":
                editors.append(plain.split(",")[0].strip())
            pending = None
            continue
        if _BY_LINE.match(plain):
            pending = text
            continue
        if len(lines) >= 2 and _BY_LINE.match(_plain(lines[0])):
            label = "editor" if re.match(r"(?i)edited", _plain(lines[0])) else "author"
        elif re.match(r"(?i)by\s+\S", plain):
            label = "author"
        elif (iso := parse_date(plain)) or _YEAR.match(plain):
            label = "date"
            date = date or iso
        elif title is not None and _same_words(plain, title):
            label = "title"
        else:
            label = "title page"
        items.append(RawMetadataItem(label, text))
    if pending is not None:
        items.append(RawMetadataItem("title page", pending))
    return items, date, tuple(editors)
