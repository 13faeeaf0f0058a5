"""Superlative questions: "Which city has the most hot days?", "Which of her songs did she like best?" ask for the
one thing a ranking puts first. A passage that names the things asked about but ranks none of them ("the city
had many hot days") does not say which; the abstention evidence counts only passages that rank something.

"Most" before a plural noun is a quantity, not a ranking ("Which species are most farm ducks descended from?"
asks about the majority) and is no superlative question."""

from __future__ import annotations

import re

from bot.qa.answer_types import words
from bot.qa.question_kind import singular
from corpus.text.words import STOPWORDS, stem

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


# Words a ranking word may grade, read up to the first function word or punctuation: "her favourite *composers*
# were ...", "the most *beautiful songs*"; none follow it when it stands alone ("his favourite was ...", "liked it
# best.").
_GRADED_MAX = 3
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]")


def _ranking_token(w: str) -> bool:
    return w in ("most", "least") or _superlative_word(w) or w in words("ranking_words.txt")


def _graded(tokens: list[str], i: int) -> list[str]:
    """The words the ranking word at ``tokens[i]`` grades: those right after it, up to a function word or a
    punctuation mark."""
    out: list[str] = []
    for t in tokens[i + 1 : i + 1 + _GRADED_MAX]:
        if not t[0].isalpha() or t in STOPWORDS:
            break
        out.append(t)
    return out


def ranks_asked(text: str, question: str) -> bool:
    """Whether a text ranks what a superlative question asks about: a ranking word (``ranks``) that stands alone
    ("his favourite was ...") or grades a word of the question ("the most harmful", "her favourite songs", asked
    which songs). "His favourite composers were Mendelssohn ..." ranks composers, not Mendelssohn's songs."""
    if _RANKING.search(text):
        return True
    asked = {stem(singular(w)) for w in _WORDS.findall(question.lower())} - {"most", "least"}
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    for i, w in enumerate(tokens):
        if not w[0].isalpha() or not _ranking_token(w):
            continue
        if (
            w in ("most", "least")
            and (_graded(tokens, i) or tokens[i + 1 : i + 2] == ["of"])  # "hurts democracy most by ...": ranks
            and not (i and tokens[i - 1] == "the")
            and not _MOST_ADJECTIVE.search(" ".join(tokens[i : i + 3]))
        ):
            continue  # "most farm ducks": a majority, not a ranking
        graded = _graded(tokens, i)
        if not graded or any(stem(singular(g)) in asked for g in graded):
            return True
        if w in ("most", "least") and len(graded) == 1:
            return True  # "proved most toxic to bees": an adjective said of the subject, not a noun graded
    return False


# "best suited to", "best known for": "best" + a participle grades how well, it ranks nothing against others.
_DEGREE = re.compile(r"(?<!\bthe )\b(?:best|least)\s+(?:[a-z]+ed|known|understood|seen|shown|written)\b", re.I)


def asks_superlative(question: str) -> bool:
    """Whether a which/what/who question asks for the one thing a ranking puts first ("Which platform is the most
    harmful?", "Who was her favourite composer?"). "How many"/"when" questions with a superlative in them ("how
    many live in the smallest houses") ask for an amount or a date, and are not counted; nor is "best" before a
    participle ("What is the method best suited to?", "What is she best known for?")."""
    return bool(_WH.match(question)) and _superlative(_DEGREE.sub(" ", question))
