"""A plain-text contents list that gives no page numbers: under a "CONTENTS" heading, the document's own headings
("LECTURE I.", "A CANDLE: THE FLAME--ITS SOURCES"), each of which is set again later as a heading of the text.

``corpus.navigation`` finds lists whose entries end in page numbers; this finds the ones whose entries are only
the headings, by that repetition: the entries of the run are capitals headings whose words come back as a heading
further down (one reworded entry between two such is taken too). The run stops at the first block that is not such
an entry, so the book's own first heading (set once, after the list) stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.navigation import is_navigation_heading

MIN_ENTRIES = 2
ENTRY_LINES = 3  # an entry wraps onto at most three lines (a lecture's summary of topics)


def _capitals(lines: Sequence[str]) -> bool:
    """A short block in capitals: an entry may be longer than a heading of the text (a run of topics)."""
    text = " ".join(lines)
    return (
        0 < len(lines) <= ENTRY_LINES
        and bool(re.search(r"[A-Z]{3}", text))
        and all(c.isupper() for c in text if c.isalpha() and c.lower() != c.upper())
    )


def _key(lines: Sequence[str]) -> str:
    return " ".join(re.sub(r"[^\w\s'’-]", " ", " ".join(lines).lower()).split())


def heading_contents(blocks: Sequence[Sequence[str]], start: int = 0) -> set[int]:
    """Indices of the blocks (from ``start``) that form such a contents list, its heading included."""
    keys = {i: _key(b) for i, b in enumerate(blocks) if i >= start and _capitals(b)}
    last_at: dict[str, int] = {}
    for i, key in keys.items():
        last_at[key] = i
    drop: set[int] = set()

    def recurs(j: int) -> bool:
        return j in keys and last_at[keys[j]] > j

    for i in range(start, len(blocks)):
        lines = [ln for ln in blocks[i] if ln.strip()]
        if len(lines) != 1 or not is_navigation_heading(lines[0]):
            continue
        j = i + 1
        while j < len(blocks) and (recurs(j) or (j in keys and recurs(j + 1))):
            j += 1
        if j - i - 1 >= MIN_ENTRIES:
            drop.update(range(i, j))
    return drop
