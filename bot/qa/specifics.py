"""The specific thing a question asks, beyond its answer type: "how old" asks an age, not any number ("180
ladies"); "on what exact date" a day, not a season ("in the autumn of the preceding year"); "in what year" a year,
not a month. A passage that names the question's subject but not the asked specific does not answer it, so the
abstention evidence counts only passages that state it.

General English only: the forms of ages and dates, never one document's words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.qa.answer_types import PERSON, slot_of_noun
from bot.qa.question_kind import EXACTLY
from corpus.text.dates import MONTH_NAMES, MONTH_PATTERN
from corpus.text.numbers import ONES, TENS

# "How old was she when ...", "At what age did he ...": an age is asked (not "the average age of", a quantity).
_ASKS_AGE = re.compile(r"^\W*how old\b|\b(?:at|by) what ages?\b|^\W*what age\b", re.I)
# An age: "seventeen years old", "a 17-year-old", "aged 17", "at the age of 17", "85 years of age", "in his
# twentieth year", "then 17" is too loose (any number) and is not counted.
_AGE = re.compile(
    r"\b(?:years?|months?|weeks?|days?|decades?|centuries)[\s-]+old\b|\b\w+-(?:years?|months?)-old\b|\baged\s+\w+|"
    r"\b(?:the|an?) age of\b|\bages? (?:of )?\d|\byears? of age\b|\bin (?:his|her|their|its) \w+(?:-\w+)? year\b|"
    r"\b(?:his|her|their|its) \w+(?:-\w+)? birthday\b|\bat \d{1,3}(?:\s*[,;.)]|\s+(?:and|he|she|they)\b)",
    re.I,
)
# "On what exact date", "what day", "on which date": a day is asked; "what year", "in which year": a year;
# "what month": a month.
_ASKS_DAY = re.compile(rf"\b(?:what|which)\s+{EXACTLY}(?:date|day)\b", re.I)
_ASKS_YEAR = re.compile(rf"\b(?:what|which)\s+{EXACTLY}year\b", re.I)
_ASKS_MONTH = re.compile(rf"\b(?:what|which)\s+{EXACTLY}month\b", re.I)
# A day: "February 9, 2004", "9 February", "the 9th of February", "2004-02-09", "9/2/2004" (not a weekday alone:
# "we met on Friday evenings" is no date).
_DAY = re.compile(
    rf"\b{MONTH_PATTERN}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_PATTERN}(?!\w)|"
    rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|"
    rf"\b(?:the\s+)?\w+(?:st|nd|rd|th)\s+(?:day\s+)?of\s+{MONTH_NAMES}\b",
)
# A year: "1808" (not "1,808" nor "18.08"), "122 B.C.", "'98".
_YEAR = re.compile(
    r"(?<![\w.])(?<!\d,)(?:1[0-9]\d\d|20\d\d)(?!\d|,\d|\.\d)|\b\d{1,4}\s*(?:B\.?\s?C\.?|A\.?\s?D\.?|BCE|CE)(?!\w)|'\d\d\b"
)
_MONTH = re.compile(rf"\b{MONTH_PATTERN}(?!\w)")

AGE, DAY, YEAR, MONTH = "age", "day", "year", "month"

# "Who was the captain flying ...", "What was the name of the lawyer (who) ...": the person is asked in a role.
# "Who was mayor of ...": the role may be named without an article before "of".
_WHO_ROLE = re.compile(
    r"^\W*who (?:is|was|are|were) (?:(?:the|a|an|its|their) ([\w'’]+)(?: ([\w'’]+))?|([\w'’]+) of\b)", re.I
)
_AS_ROLE = re.compile(r"^\W*who\b.*?\bas (?:the |a |an |its |their |his |her )?([\w'’]+)", re.I)
_NAME_ROLE = re.compile(r"\bnames? of (?:the |a |an |its |their |his |her )?((?:[\w'’]+\s*){0,3})", re.I)
_NUMBERS = frozenset({*ONES, *TENS})


def _singular(word: str) -> str:
    w = word.lower().removesuffix("'s").removesuffix("’s")
    return w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w


def _role(question: str) -> str:
    """The person noun of the role a person is asked in ("captain", "lawyer"), or ""."""
    m = _WHO_ROLE.search(question)
    nouns = [w for w in m.groups() if w] if m else []
    r = _AS_ROLE.search(question)
    if r:
        nouns.append(r.group(1))  # "who succeeded her as CEO": the name must be the CEO's
    n = _NAME_ROLE.search(question)
    if n:
        after = [w for w in n.group(1).split() if w.lower() not in _NUMBERS]
        if after[1:2] and after[1].lower() in ("who", "whom"):
            return _singular(after[0])  # "the name of the master who taught him": a person in a role
        nouns = after[:1]
    for w in nouns:
        if slot_of_noun(_singular(w)) == PERSON:
            return _singular(w)
    return ""


@dataclass(frozen=True, slots=True)
class Specific:
    """What a question asks precisely: ``what`` is "age", "day", "year", "month" or "" (nothing more than its
    answer type)."""

    what: str = ""
    role: str = ""  # the person noun of the role asked ("who was the captain ..."): a sentence must name the role

    def stated(self, text: str) -> bool:
        """Whether the text states the asked specific (always true when none is asked)."""
        if self.what == AGE:
            return bool(_AGE.search(text))
        if self.what == DAY:
            return bool(_DAY.search(text))
        if self.what == YEAR:
            return bool(_YEAR.search(text))
        if self.what == MONTH:
            return bool(_MONTH.search(text))
        return True

    def in_role(self, text: str, sentence: bool = True) -> bool:
        """Whether a sentence answering who held a role names the role ("the captain, ..."): a name in another
        sentence is someone else's. A name field of the front matter need not (``sentence`` False)."""
        return not (self.role and sentence) or self.role in {_singular(w) for w in re.findall(r"[\w'’]+", text)}


@lru_cache(maxsize=4096)
def specific(question: str) -> Specific:
    """The specific a question asks (see ``Specific``)."""
    role = _role(question)
    if _ASKS_AGE.search(question):
        return Specific(AGE, role)
    if _ASKS_DAY.search(question):
        return Specific(DAY, role)
    if _ASKS_YEAR.search(question):
        return Specific(YEAR, role)
    if _ASKS_MONTH.search(question):
        return Specific(MONTH, role)
    return Specific(role=role)
