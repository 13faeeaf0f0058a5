"""Superlative questions: "Which city has the most hot days?", "Which of her songs did she like best?" ask for the
one thing a ranking puts first. A passage that names the things asked about but ranks none of them ("the city
had many hot days") does not say which; the abstention evidence counts only passages that rank something.

"Most" before a plural noun is a quantity, not a ranking ("Which species are most farm ducks descended from?"
asks about the majority) and is no superlative question."""

from __future__ import annotations

import re

from bot.qa.answer_types import words

_WORDS = re.compile(r"[a-z][a-z'’-]*")
# "the most", "the least" ("which city has the most days"), and an adverb closing its clause ("like best?",
# "hurts democracy most?"): superlatives in any case.
_THE_MOST = re.compile(r"\bthe (?:most|least|best|worst)\b|\b(?:most|least|best)\s*(?:[?,;.]|$)", re.I)
# "most harmful to": "most" + an adjective + a preposition or the end, not "most farm ducks" (a quantity).
_MOST_ADJECTIVE = re.compile(
    r"\b(?:most|least)\s+[a-z]+(?:\s+(?:to|of|in|for|among|at|on|with|by)\b|\s*[?,;.]|$)", re.I
)
# Phrases that rank without a superlative word.
_RANKING = re.compile(
    r"\b(?:above all|than any other|than all (?:the )?others|more than any|second only to|number one|"
    r"first among|ranks? (?:first|highest|top)|ranked (?:first|highest|top)|topp(?:ed|s))\b",
    re.I,
)
_WH = re.compile(r"^\W*(?:(?:in|on|at|of|for|from|by|with|to|according to)\s+)?(?:which|what|who|whom|whose)\b", re.I)


def _superlative_word(w: str) -> bool:
    if w in words("superlatives.txt"):
        return True
    return len(w) >= 6 and w.endswith("est") and w not in words("not_superlatives.txt")


def _superlative(text: str) -> bool:
    if _THE_MOST.search(text) or _MOST_ADJECTIVE.search(text):
        return True
    return any(_superlative_word(w) for w in _WORDS.findall(text.lower()))


def ranks(text: str) -> bool:
    """Whether a text ranks something: a superlative ("the largest", "the most harmful", "her favourite"), a
    ranking word ("the main", "the leading") or phrase ("more than any other", "second only to")."""
    if _superlative(text) or _RANKING.search(text):
        return True
    return any(w in words("ranking_words.txt") for w in _WORDS.findall(text.lower()))


# "best suited to", "best known for": "best" + a participle grades how well, it ranks nothing against others.
_DEGREE = re.compile(r"(?<!\bthe )\b(?:best|least)\s+(?:[a-z]+ed|known|understood|seen|shown|written)\b", re.I)


def asks_superlative(question: str) -> bool:
    """Whether a which/what/who question asks for the one thing a ranking puts first ("Which platform is the most
    harmful?", "Who was her favourite composer?"). "How many"/"when" questions with a superlative in them ("how
    many live in the smallest houses") ask for an amount or a date, and are not counted; nor is "best" before a
    participle ("What is the method best suited to?", "What is she best known for?")."""
    return bool(_WH.match(question)) and _superlative(_DEGREE.sub(" ", question))
