"""Labelled section headings in a PDF: "C. Effect of the Plea", "II. Background".

A PDF only shows such a heading by its layout, and many are set in the body's own face and size (court opinions,
memos), so the paragraph rules see a one-line paragraph. A line that is only a label -- a capital letter or a
roman numeral and a period -- and a short title ending no sentence is a heading when the document also has the
label next to it in the same series (A. and B., or II. and III.): one such line alone may be an initial and a
name ("J. Smith"), a series is an outline.
"""

from __future__ import annotations

import re

from corpus.formats.common import clean
from corpus.formats.pdf_layout import Line, tokens

_LABELLED = re.compile(r"^(?P<label>[A-Z]|[IVXL]{1,6})\.\s+(?P<title>[\"“‘'(]?[A-Z].*)$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
MAX_TITLE_WORDS = 12
SUBSECTION = 2  # a lettered heading's depth in a document whose sections are numbered in roman numerals


def _roman(label: str) -> int | None:
    """The value of a well-formed roman numeral, else None ("IIII", "VX" are no numerals)."""
    values = [_ROMAN[ch] for ch in label]
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and v < values[i + 1] else v
    canon = _to_roman(total) if 0 < total < 90 else ""
    return total if canon == label else None


def _to_roman(n: int) -> str:
    out = ""
    for value, symbol in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += symbol
            n -= value
    return out


def _label(text: str) -> str | None:
    """The label of a line that can be a labelled heading, else None."""
    m = _LABELLED.match(text)
    if m is None:
        return None
    title = m.group("title")
    if (
        len(title.split()) > MAX_TITLE_WORDS
        or re.search(r"[.?!…:;,][\"”’')\]]*$", title)  # a sentence or a lead-in, not a title
        or re.search(r"[^\W\d_]{3,}", title) is None
    ):
        return None
    return m.group("label")


def _series(label: str) -> set[tuple[str, int]]:
    """The series a label can belong to, with its place: "C" is the third letter and the roman 100 is not read."""
    out = set()
    if len(label) == 1:
        out.add(("letter", ord(label) - ord("A") + 1))
    value = _roman(label) if set(label) <= set(_ROMAN) else None
    if value is not None:
        out.add(("roman", value))
    return out


def _unraised(line: Line) -> str:
    """A line's text without its raised characters: "…the spring.¹" ends a sentence."""
    return clean("".join(t for t, raised in tokens(line.chars) if not raised))


def labelled_headings(flows: list[list[Line]]) -> dict[int, int]:
    """id(line) -> heading depth for every line that is a labelled heading: it ends short of the flow's right
    edge, follows a finished sentence (or another labelled line, or opens its flow), and its series has a
    neighbour in the document."""
    labels: dict[int, str] = {}
    for flow in flows:
        right = max((ln.x1 for ln in flow), default=0.0)
        for k, line in enumerate(flow):
            text = _unraised(line)
            prev = _unraised(flow[k - 1]) if k else ""
            label = _label(text)
            if (
                label is not None
                and line.x1 < right - 2 * line.size
                and (not prev or re.search(r"[.?!…:;)][\"”’')\]]*$", prev) is not None or _label(prev))
            ):
                labels[id(line)] = label
    places = {place for label in labels.values() for place in _series(label)}
    kinds = {
        key: {kind for kind, n in _series(label) if (kind, n - 1) in places or (kind, n + 1) in places}
        for key, label in labels.items()
    }
    roman_sections = any("roman" in k and "letter" not in k for k in kinds.values())
    return {key: SUBSECTION if k == {"letter"} and roman_sections else 0 for key, k in kinds.items() if k}
