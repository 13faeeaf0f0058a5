"""Hyphenated word compounds whose number words are not figures: "one-CPU-one-vote", "one-on-one" (a number word
said twice, with words between) and idioms such as "first-rate". "two-thirds", "five-year" and "twenty-five" stay
quantities."""

from __future__ import annotations

import re

from bot.claims.lexicon import phrases
from bot.claims.units import ORDINALS
from corpus.text.numbers import WORD_NUMBERS

_COMPOUND = re.compile(r"(?<![\w-])[A-Za-z]+(?:-[A-Za-z]+)+(?![\w-])")
_IDIOMS = phrases("idiom_compounds.txt")


def _not_figures(compound: str) -> bool:
    parts = compound.lower().split("-")
    if compound.lower() in _IDIOMS or any("-".join(parts[i : i + 2]) in _IDIOMS for i in range(len(parts) - 1)):
        return True
    numbers = [i for i, p in enumerate(parts) if p in WORD_NUMBERS or p in ORDINALS]
    for a, i in enumerate(numbers):
        for j in numbers[a + 1 :]:
            # the same number word twice with a word between that is not a number ("one-on-one", not "one-one")
            if parts[i] == parts[j] and any(k not in numbers for k in range(i + 1, j)):
                return True
    return False


def word_compound_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the compounds in ``text`` whose number words are parts of a term, not figures."""
    return [(m.start(), m.end()) for m in _COMPOUND.finditer(text) if _not_figures(m.group(0))]
