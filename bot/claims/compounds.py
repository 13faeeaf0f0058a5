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


_BE = r"(?:is|are|was|were|amounts\s+to|amount\s+to|amounted\s+to)"
_TERM = r"(?:(?:a|an|the)\s+)?(?P<term>[A-Za-z]+(?:-[A-Za-z]+)+)"
_CLAIM_SHAPE = re.compile(rf"^\s*(?P<subj>[\w'-]+(?:\s+[\w'-]+){{0,4}}?)\s+{_BE}\s+(?:\w+ly\s+)?{_TERM}\s*\.?\s*$")
_EVIDENCE_SHAPE = re.compile(rf"(?<![\w-])(?P<subj>[\w'-]+)\s+{_BE}\s+(?:\w+ly\s+)?{_TERM}(?![\w-])")


def other_term(claim: str, evidence: str) -> str | None:
    """ "Proof-of-work amounts to one-IP-address-one-vote" against "Proof-of-work is essentially one-CPU-one-vote":
    the same subject is said to be another term of the same make (a word part shared, another swapped). Gives the
    evidence's term."""
    m = _CLAIM_SHAPE.match(claim)
    if m is None or not _not_figures(m.group("term")):
        return None
    subject = m.group("subj").split()[-1].lower()
    ours = m.group("term").lower().split("-")
    for e in _EVIDENCE_SHAPE.finditer(evidence):
        theirs = e.group("term").lower().split("-")
        if e.group("subj").lower() != subject or theirs == ours or not _not_figures(e.group("term")):
            continue
        shared = set(ours) & set(theirs) - set(WORD_NUMBERS)
        if shared and set(ours) ^ set(theirs):
            return e.group("term")
    return None
