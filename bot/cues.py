"""Answer-type cues: what kind of sentence a question wants (a cause, a number, a date, "something else").

These are generic properties of English questions and answers, not of any particular brief: a "why" question
is answered by a sentence that gives a reason, "how far" by a distance, "when" by a date.
"""

from __future__ import annotations

import re

from corpus.models import Passage

_CAUSAL = re.compile(r"\b(?:because|due to|owing to|as a result|since|so that|caused|reasons?|in order to)\b", re.I)
_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand)\b", re.I)
_MEASURE = re.compile(r"\d[\d,.]*\s*(?:km|kms|kilomet\w*|miles?|m\b|km/h|mph|kilotons?|kt|times)", re.I)
_DATE = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b",
    re.I,
)
_ADDITIVE = re.compile(
    r"^\W*(?:it |they |north korea |pyongyang )?(?:also|another|in addition|moreover|furthermore|"
    r"additionally|besides|similarly)\b|\balso\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")

WHY = re.compile(r"^\W*why\b|\bfor what reason\b|\bwhat (?:caused|led to)\b|\bhow come\b", re.I)
HOW_MUCH = re.compile(
    r"\bhow (?:far|long|high|fast|many|much|big|large|powerful|heavy)\b|\b(?:range|altitude|distance|speed|"
    r"number)\b",
    re.I,
)
WHEN = re.compile(r"^\W*when\b|\bwhat (?:date|year|month|day)\b|\bin which year\b", re.I)
WHO = re.compile(r"^\W*(?:who|whom|whose)\b|\bwhich (?:person|people|organi[sz]ation|institute)\b", re.I)
ADVICE = re.compile(r"\b(?:recommend\w*|suggest\w*|propos\w*|advi[sc]\w*|should|policy options?|way forward)\b", re.I)
_PRESCRIPTIVE = re.compile(r"\b(?:should|must|ought to|need to|needs to)\b", re.I)
_PEOPLE_FIELDS = frozenset({"author", "editor", "organisation"})
ELSE = re.compile(r"\b(?:else|other|another|besides|apart from|in addition)\b", re.I)


def cue_bonus(question: str, p: Passage) -> float:
    """A small score bonus (or malus) for a passage whose form matches what the question asks for."""
    text = p.text
    bonus = 0.0
    if WHY.search(question) and _CAUSAL.search(text):
        bonus += 0.25
    if HOW_MUCH.search(question):
        if _MEASURE.search(text):
            bonus += 0.15
        elif _NUMBER.search(text):
            bonus += 0.05
    if WHEN.search(question) and _DATE.search(text):
        bonus += 0.1
    if p.kind == "metadata":
        # Front matter: "who wrote/edited/published" wants a name field, "when" the date.
        if WHO.search(question):
            bonus += 0.15 if p.label in _PEOPLE_FIELDS else -0.15
        if WHEN.search(question):
            bonus += 0.15 if p.label == "date" else -0.15
    if ADVICE.search(question) and _PRESCRIPTIVE.search(text):
        bonus += 0.15
    if ELSE.search(question) and _ADDITIVE.search(text):
        bonus += 0.15
    asked_years = set(_YEAR.findall(question))
    if asked_years and p.kind == "sentence":
        years = set(_YEAR.findall(text))
        if years and not years & asked_years:
            bonus -= 0.2  # the passage is about another year than the one asked
    return bonus
