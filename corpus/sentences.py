"""Sentence boundaries that survive decimals ("6,248.5 kms"), units ("km/h.") and initials ("U.S.")."""

from __future__ import annotations

import re

# Words that end in a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "no",
        "nos",
        "vs",
        "e.g",
        "i.e",
        "etc.al",
        "cf",
        "fig",
        "figs",
        "approx",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "km/h",
        "p",
        "pp",
        "vol",
        "ed",
        "eds",
        "op",
        "cit",
        "ibid",
    ]
)
_CLOSERS = "\"”’')]"
_OPENERS = "\"“‘'(["
_INITIALS = re.compile(r"^(?:[A-Za-z]\.){2,}$")


def _is_abbreviation(token: str) -> bool:
    word = token.lstrip(_OPENERS).rstrip(".")
    if _INITIALS.match(token.lstrip(_OPENERS)):
        return True
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of one paragraph, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in ".?!":
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            if j < n and text[j].isspace():
                k = j
                while k < n and text[k].isspace():
                    k += 1
                nxt = text[k] if k < n else ""
                token = text[text.rfind(" ", 0, i) + 1 : i + 1]
                starts_new = nxt.isupper() or nxt.isdigit() or nxt in _OPENERS
                if starts_new and not (ch == "." and _is_abbreviation(token)):
                    spans.append((start, j))
                    start = k
                    i = k
                    continue
        i += 1
    if start < n and text[start:].strip():
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]
