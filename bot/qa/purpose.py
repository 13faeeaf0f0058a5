"""Purpose: a question asking what something was for, and a sentence that states an aim.

"Why did they send envoys abroad?" is answered by "..., but to buy more time, they sent envoys" as much as by a
"because" clause; "What was the index developed for?" by "To monitor heat illness, ...". These are forms of
English, not of any document. (Causal words, "because", "due to", are the answer types' business: bot/qa/cues.)
"""

from __future__ import annotations

import re

from corpus.text.numbers import ONES, TENS
from corpus.text.words import STOPWORDS

# A question about an aim: "why ...", "for what purpose", "what was X developed for?", "what was X trying to do".
_ASKS_PURPOSE = re.compile(
    r"^\W*why\b|\bfor what (?:reason|purpose)\b|\bwhat\b.*\bfor\W*$|\b(?:trying|tried|meant|intended|aiming) to\b|"
    r"\b(?:purpose|aim|goal|object|objective|intention|point) (?:of|behind)\b",
    re.IGNORECASE,
)

# Phrases that state an aim whatever follows them.
_AIM_PHRASES = re.compile(
    r"\b(?:in order to|so as to|so that|in an? (?:effort|attempt|bid) to|with the (?:aim|goal|intention|object) of|"
    r"for the purpose of|(?:aimed|designed|intended|meant) to|(?:the|its|their|his|her) (?:aim|goal|purpose|"
    r"intention|objective) (?:was|is|being) to)\b",
    re.IGNORECASE,
)
# An infinitive of purpose set off from its clause: "To perform the correction, we used ..." or "..., but to buy
# more time, they sent ...". The word after "to" is taken for a verb unless it is a function word or a number.
_SET_OFF_INFINITIVE = re.compile(
    r"(?:^|[,;:—–(]\s*)(?:(?:but|and|or|only|mainly|partly|largely|simply|chiefly|also|instead|not)\s+)*"
    r"[Tt]o\s+([a-z][a-z'-]*)\b",
)
# What a speaker or writer does something for: "gave the lectures to make a point", "wrote it to warn ...".
_TO_ARGUE = re.compile(
    r"\bto (?:make (?:a|the|his|her|their|this|that) (?:point|case)|argue|prove|show that|demonstrate|illustrate|"
    r"warn|persuade|convince|remind)\b",
    re.IGNORECASE,
)
_NOT_VERBS = STOPWORDS | frozenset(ONES) | frozenset(TENS) | frozenset({"date", "example", "instance", "wit"})


def asks_purpose(question: str) -> bool:
    """Whether a question asks what something was for (why, for what purpose, what ... for?)."""
    return bool(_ASKS_PURPOSE.search(question.strip()))


def states_purpose(text: str) -> bool:
    """Whether a sentence states an aim: an aim phrase ("in order to", "so that"), an infinitive of arguing
    ("to make a point", "to warn") or a set-off infinitive of purpose ("To do X, ...", "..., but to do X, ...")."""
    if _AIM_PHRASES.search(text) or _TO_ARGUE.search(text):
        return True
    return any(m.group(1).lower() not in _NOT_VERBS for m in _SET_OFF_INFINITIVE.finditer(text.lstrip("*_\"'“‘ ")))
