"""The role of a name in a sentence: "Mr. Lee tells us that his teacher gave up" names the teller, not the
teacher. A name asked for ("who taught him", "the name of the master") is never the source the passage
quotes, unless the question asks who said or wrote something."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from corpus.text.words import word_list


@cache
def _verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list(Path(__file__).with_name("wordlists") / "reporting_verbs.txt"))


@cache
def _reporting() -> re.Pattern[str]:
    verbs = "|".join(sorted(_verbs(), key=len, reverse=True))
    # The name, an optional aside between commas ("Mr. Lee, an old friend of the poet's, says"), an optional
    # adverb, then the reporting verb.
    return re.compile(rf"(?:\s*,[^.;:!?]{{1,200}}?,)?\s+(?:\w+ly\s+|also\s+|himself\s+|herself\s+)?(?:{verbs})\b", re.I)


_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?$", re.I)


def asks_report(question_words: frozenset[str]) -> bool:
    """Whether a question is about who said or wrote something ("who suggested ...", "what does X say ...")."""
    return bool(question_words & _verbs())


def reports(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is the source of what the sentence reports: the subject of a
    reporting verb ("Mr. Lee tells us", "Ms. Ono, his neighbour, recalls") or after "according to"."""
    if _ACCORDING.search(text[max(0, start - 20) : start]):
        return True
    return bool(_reporting().match(text, end))
