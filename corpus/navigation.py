"""Navigation blocks: a table of contents, a list of illustrations, a back-of-book index.

They repeat the document's headings and captions with page numbers ("III. Church Music ....... 69",
"Dickens, Charles, 12, 45-7"); none of it is a statement, so none of it may become a passage. A block is
recognised by its shape: a heading from a short general list (``data/navigation_headings.txt``) followed by
blocks whose lines are mostly entries, short lines ending in a page reference or naming a heading of the
document. Column heads ("CHAP.", "PAGE") and letter groups ("B") are neither entries nor text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"

# an entry is short: a line of more words (page numbers aside) is prose, even if it ends in a number
ENTRY_WORDS = 12
# a page reference closing a line: "45", "45-7", "xi", "[20]", "33 (note)", "21, _note_"; dotted leaders before it
_PAGE = r"(?:\[?\d{1,4}\]?|[ivxlc]{1,7})(?:\s*[-–]\s*\d{1,4})?"
_ENTRY_END = re.compile(rf"(?:\s|\.{{2,}}|…|,|^){_PAGE},?\s*(?i:\(\s*(?:note|n\.?)\s*\)|_?note_?|ff?\.?)?\s*[.,;]?\s*$")
_SEE = re.compile(r"\b(?:see|see also)\b", re.IGNORECASE)
_ROMAN = re.compile(r"^[IVXLC]{1,7}\.?$|^[ivxlc]{1,7}\.$")


def _phrases(name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The exact headings and the heading prefixes ("index of *") of a phrase list."""
    lines = [ln.split("#", 1)[0].strip().lower() for ln in (_DATA / name).read_text(encoding="utf-8").splitlines()]
    exact = frozenset(ln for ln in lines if ln and not ln.endswith("*"))
    prefixes = tuple(ln[:-1] for ln in lines if ln.endswith(" *"))
    return exact, prefixes


@cache
def _headings() -> tuple[frozenset[str], tuple[str, ...]]:
    return _phrases("navigation_headings.txt")


@cache
def _column_words() -> frozenset[str]:
    text = (_DATA / "navigation_columns.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#", 1)[0].split())


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s'’-]", " ", text.lower()).split())


def is_navigation_heading(text: str) -> bool:
    """Whether a line names a navigation block ("CONTENTS.", "List of Illustrations", "Index of Names")."""
    key = _key(text)
    exact, prefixes = _headings()
    return bool(key) and len(key.split()) <= 8 and (key in exact or key.startswith(prefixes))


def _neutral(line: str) -> bool:
    """A column head, a chapter numeral or an index's letter group: part of a navigation block, but no entry."""
    text = line.strip()
    if _ROMAN.match(text) or re.fullmatch(r"[A-Z]\.?", text):
        return True
    words = re.findall(r"[A-Za-z]+", text)
    return bool(words) and all(w.lower() in _column_words() for w in words) and not re.search(r"\d{2}", text)


def is_entry(line: str, headings: Collection[str] = ()) -> bool:
    """A navigation entry: a short line ending in a page reference, a cross-reference ("see Violin"), or the
    text of one of the document's headings (a web page's contents list)."""
    text = line.strip()
    if not text or sum(not re.fullmatch(r"[\W\d]*", w) for w in text.split()) > ENTRY_WORDS:
        return False
    if _key(text) in headings:
        return True
    return bool(_ENTRY_END.search(text) and re.search(r"[A-Za-z]{2}", text)) or bool(
        _SEE.search(text) and len(text.split()) <= 10
    )


def _shape(lines: Sequence[str], headings: Collection[str]) -> str:
    """ "entries" when most of the block's lines (column heads aside) are entries, "neutral" when it is only
    column heads, "text" otherwise."""
    counted = [ln for ln in lines if ln.strip() and not _neutral(ln)]
    if not counted:
        return "neutral" if any(ln.strip() for ln in lines) else "text"
    entries = sum(is_entry(ln, headings) for ln in counted)
    return "entries" if 2 * entries >= len(counted) and entries >= 1 else "text"


def navigation_blocks(
    blocks: Sequence[Sequence[str]], headings: Collection[str] = (), heading_blocks: Collection[int] = ()
) -> set[int]:
    """The indices of the blocks (each given as its lines) that are navigation: a navigation heading and the run
    of entry blocks under it, up to the next heading of the document (``heading_blocks``, the indices of blocks
    set as headings; ``headings``, the texts of all of them). A heading with no entries under it stays."""
    keys = {_key(h) for h in headings}
    drop: set[int] = set()
    i = 0
    while i < len(blocks):
        lines = [ln for ln in blocks[i] if ln.strip()]
        if not lines or not is_navigation_heading(lines[0]):
            i += 1
            continue
        last = i if len(lines) > 1 and _shape(lines[1:], keys) == "entries" else None
        j = i + 1
        while j < len(blocks):
            inner = [ln for ln in blocks[j] if ln.strip()]
            if inner and is_navigation_heading(inner[0]) and len(inner) == 1:
                j += 1
                continue
            if j in heading_blocks:
                break
            shape = _shape(inner, keys)
            if shape == "text":
                break
            if shape == "entries":
                last = j
            j += 1
        if last is None:
            i += 1
            continue
        drop.update(range(i, last + 1))
        i = last + 1
    return drop
