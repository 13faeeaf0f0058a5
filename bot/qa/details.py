"""The numbers a question names, as a detail the answer must share: asked what happened "when he was fifteen"
or "in 494 B.C.", a passage with that number answers it rather than one about another age or year.

Years are the answer types' business (bot/qa/cues: a passage about another year is ranked down); this module
reads the other numbers, in digits or in words ("fifteen" is 15), and compares them by value.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.text.numbers import ONES, TENS

_DIGITS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")
# "one" is as often a pronoun ("the one that") and "zero" rare as a detail: numbers from two up.
_WORDS = {w: n for w, n in {**ONES, **TENS}.items() if n >= 2}
_WORD = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[0-9]\d\d|20\d\d)$")


@lru_cache(maxsize=8192)
def numbers_in(text: str) -> frozenset[float]:
    """The values of the numbers a text writes in digits or in words ("1,090", "2.5", "fifteen")."""
    values = {float(m.group(0).replace(",", "")) for m in _DIGITS.finditer(text)}
    values |= {float(_WORDS[m.group(1).lower()]) for m in _WORD.finditer(text)}
    return frozenset(values)


# A number counting the things named right after it ("the two summits", "three men") describes them; it is
# not the detail asked about ("when he was fifteen", "in 494 B.C.").
_COUNTING = re.compile(
    r"^\s+(?:[a-z]+-)?(?:[a-z]+s|men|women|people|children|persons)\b(?!\s+(?:old|ago|later|earlier|before|after))"
)


def asked_numbers(question: str) -> frozenset[float]:
    """The numbers a question names as details: years left out, and counts of the things named after them."""
    out: set[float] = set()
    for m in _DIGITS.finditer(question):
        if not _YEAR.match(m.group(0)) and not _COUNTING.match(question[m.end() :]):
            out.add(float(m.group(0).replace(",", "")))
    for m in _WORD.finditer(question):
        if not _COUNTING.match(question[m.end() :]):
            out.add(float(_WORDS[m.group(1).lower()]))
    return frozenset(out)


def shares_numbers(asked: frozenset[float], text: str) -> bool:
    """Whether the text names every number the question asks about (false when it asks about none)."""
    return bool(asked) and asked <= numbers_in(text)
