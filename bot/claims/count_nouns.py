"""Where the noun a bare number counts is written when it does not follow the number (pure, no model):

* a plural without an "s": "2,000 people representing 90 countries" counts people (``PLURALS``);
* a partitive: "only 33 of these localities" counts localities;
* a partitive that opens the sentence: "Of the localities …, only 33 are in the south" counts localities too.

``bot.claims.numbers.count_head`` reads the noun at the position these give.
"""

from __future__ import annotations

import re

from bot.claims.lexicon import words

PLURALS = words("plural_nouns.txt")

_DETERMINER = r"(?:the|these|those|its|their|our|his|her|all|all\s+the|such)"
# "33 of these localities", "seven out of the ten voters"
_PARTITIVE_AFTER = re.compile(rf"\s+(?:out\s+)?of\s+{_DETERMINER}\s+(?=[A-Za-z])", re.IGNORECASE)
# "Of the localities whose dialects …, only 33 are …", "Among these voters, 12 were …"
_PARTITIVE_OPENER = re.compile(rf"(?:^|[.;:]\s+)(?:of|among)\s+{_DETERMINER}\s+(?=[A-Za-z])", re.IGNORECASE)
# The number is the subject with nothing counted after it: "only 33 are", "12 were", "three have".
_BARE_SUBJECT = re.compile(r"\s+(?:are|were|is|was|have|had|do|did|can|could|come|came|remain|remained)\b", re.I)


def plural(word: str) -> bool:
    """A plural noun without the usual "s" ("people", "children")."""
    return word.lower() in PLURALS


def partitive_noun_at(text: str, start: int, end: int) -> int | None:
    """Where the noun a bare count at ``text[start:end]`` counts begins when a partitive names it, else None."""
    after = _PARTITIVE_AFTER.match(text, end)
    if after:
        return after.end()
    if not _BARE_SUBJECT.match(text, end):
        return None
    sentence_start = max(text.rfind(c, 0, start) for c in ".;:") + 1
    opener = _PARTITIVE_OPENER.search(text, max(0, sentence_start - 1), start)
    if opener is None or "," not in text[opener.end() : start]:
        return None  # "Of the localities …, 33 are": the partitive phrase ends at its comma
    return opener.end()
