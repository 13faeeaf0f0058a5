"""Whether a passage holds an answer of the kind a question asks for (``has_answer``), and how much the form of a
passage moves its rank (``cue_bonus``). What a question asks for is read in ``bot.qa.question_kind``.

These are generic properties of English questions and answers, not of any particular document: "when" wants a
date, "how many" a count of the thing named after it, "who" a person or an organisation, "why" a reason, "where"
a place. A passage that names what the question is about but holds no answer of the asked type does not answer it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.qa import answer_types as types
from bot.qa import cause, noun_phrase
from bot.qa.question_kind import DIGITS, YEAR, Asked, singular
from corpus.models import Passage
from corpus.text.dates import MONTH_NAMES, MONTH_PATTERN
from corpus.text.numbers import ONES, SCALES, TENS
from corpus.text.words import stem

_CAUSAL = re.compile(
    r"\b(?:because|due to|owing to|as a result|since|so that|caus(?:e|es|ed|ing)|reasons?|in order to|thanks to|"
    r"le(?:d|ads?|ading)(?: \w+){0,4} to|so as to|result(?:s|ed)? (?:of|from|in)|stem(?:s|med)? from|"
    r"on account of|for fear|therefore|hence|consequently|given that|is that)\b",
    re.I,
)
_NUMBER_WORDS = "|".join(
    [
        *(w for w, n in ONES.items() if n >= 2),
        *TENS,
        *(f"{w}s?" for w in SCALES),
        "trillions?|milliards?|dozens?|half|halved|double[ds]?|twice|tripled?|quadrupled?|percent|"
        "one-(?:half|third|quarter|fourth|fifth|sixth|eighth|tenth)",
    ]
)
_NUMBER_WORD = re.compile(rf"\b(?:{_NUMBER_WORDS})\b", re.I)
_DURATION = re.compile(r"\b(?:a|an|one) (?:year|month|week|day|hour|minute|second|decade|century|season)\b", re.I)
_ERA = re.compile(r"\b\d{1,4}\s*(?:B\.?\s?C\.?|A\.?\s?D\.?|BCE|CE)(?!\w)")
# Month names count only capitalised: "may" is also a verb, "march" a noun.
# Alone, every month but May (a verb too) counts; with a day after it, May and the abbreviations count too.
_MONTH = re.compile(rf"\b{MONTH_PATTERN}\s+\d{{1,2}}\b|\b{MONTH_NAMES.replace('|May|', '|')}\b")
_MONTHS = MONTH_NAMES
_MONTH_NEAR = re.compile(rf"\b{_MONTHS}\.?\s+$")
_MONTH_AFTER = re.compile(rf"\s+{_MONTHS}\b")
_DECADE = re.compile(r"\b(?:1[0-9]|20)\d0s\b|\b(?:\w+(?:teenth|tieth|th|st|nd|rd)) century\b", re.I)
# "What is the name for X?": a passage that gives X's term ("this is called 'stack ripping'") names it, in lower
# case or not.
_TERMED = re.compile(
    r"\b(?:(?:is|are|was|were|be|been) (?:called|named|termed|dubbed)|known as|referred to as)\s+\S", re.I
)
_PRESCRIPTIVE = re.compile(r"\b(?:should|must|ought to|need to|needs to)\b", re.I)
_PEOPLE_FIELDS = frozenset({"author", "editor", "organisation"})
_ADDITIVE = re.compile(
    r"^\W*(?:it |they |\w+ )?(?:also|another|in addition|moreover|furthermore|additionally|besides|similarly)\b|"
    r"\balso\b",
    re.I,
)


def _is_head(word: str, head: str) -> bool:
    """Whether a word of a passage is the asked head noun (singular or plural): "lectures" for "lecture". Asked
    how many people, a count of informants, voters or pupils counts people."""
    noun = singular(word)
    return noun == head or (head == "person" and types.slot_of_noun(noun) == types.PERSON)


def _names_head(head: str, text: str) -> bool:
    """Whether the text uses the head noun: "lectures" for "lecture", "informants" for "people"."""
    return any(_is_head(w, head) for w in re.findall(r"[\w'’-]+", text))


def _has_date(a: Asked, text: str) -> bool:
    if _MONTH.search(text) or _ERA.search(text) or _DECADE.search(text):
        return True
    return any(y not in a.question_years for y in YEAR.findall(text))


def _amounts(a: Asked, text: str, durations: bool = True) -> Iterator[int]:
    """Where the text gives an amount, lazily: number words, durations ("a year") and figures that are not a year,
    the day of a date, a rank or one of the question's own numbers."""
    yield from (m.start() for m in _NUMBER_WORD.finditer(text))
    if durations:
        yield from (m.start() for m in _DURATION.finditer(text))
    for m in DIGITS.finditer(text):
        raw = m.group(0).rstrip(",")
        n = raw.replace(",", "")
        if n in a.question_numbers:
            continue
        if (
            YEAR.fullmatch(raw)
            and not text[m.end() : m.end() + 2].strip().startswith("%")
            and not _counts_next(a, text, m)
        ):
            continue  # a year is a date, not an amount
        if _MONTH_NEAR.search(text[max(0, m.start() - 10) : m.start()]) or _MONTH_AFTER.match(text[m.end() :]):
            continue  # the day of a date ("May 7", "7 May")
        if types.rank_number(text, m.start()):
            continue  # a position ("the top 10"), not an amount
        yield m.start()


# Words before a year that make it one: "in 1990 members voted" dates the vote, "features 1147 sentences" counts.
_YEAR_PREPOSITIONS = frozenset(types.words("year_prepositions.txt"))


def _counts_next(a: Asked, text: str, m: re.Match[str]) -> bool:
    """Whether a four-digit figure counts the asked noun that follows it ("the atlas features 1147 sentences")
    rather than being a year ("in 1990 members voted", "since 2004 users have ...")."""
    nxt = re.match(r"\s+([\w'’-]+)", text[m.end() :])
    if a.head is None or nxt is None or not _is_head(nxt.group(1), a.head):
        return False
    before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 16) : m.start()])
    return not (before and before[-1].lower() in _YEAR_PREPOSITIONS)


# How far (in words) an amount may stand from the noun it counts: "14 concerts", "at least 35,000 people",
# "the number of members is put at 120".
_COUNT_BEFORE, _COUNT_AFTER = 4, 4


def _counts(head: str, text: str, amounts: list[int]) -> bool:
    """Whether one of the amounts counts the head noun, standing a few words before or after it: asked "how many
    members", "most members meet once a year" gives no count of members."""
    starts = set(amounts)
    tokens = list(re.finditer(r"[\w'’-]+", text))
    heads = [i for i, t in enumerate(tokens) if _is_head(t.group(0), head)]
    numbers = [i for i, t in enumerate(tokens) if t.start() in starts]
    return any(h - _COUNT_BEFORE <= n <= h + _COUNT_AFTER for h in heads for n in numbers)


def _has_quantity(a: Asked, text: str) -> bool:
    if a.head is None:
        return next(_amounts(a, text), None) is not None
    amounts = list(_amounts(a, text, durations=False))  # "once a year" counts no members
    return bool(amounts) and _counts(a.head, text, amounts)


def has_answer(a: Asked, text: str, common: frozenset[str] = frozenset(), places: frozenset[str] = frozenset()) -> bool:
    """Whether the text holds an answer of the asked type (always true when no particular type is asked).
    ``common``: the document's lower-case words, to tell a name from a capitalised common noun."""
    if a.kind == "quantity" and a.slot == types.MONEY and a.head is not None and types.money_noun(a.head):
        # "how much money did she give": "donated $1,000" names no money; "how much rent did they pay": "at three
        # shillings a week" names no rent. A sum answers a question about a sum.
        return types.has_money(text)
    if a.kind == "quantity" and a.head is not None and not _names_head(a.head, text):
        return False  # "how many lectures": a number of something else is not the answer
    if a.kind == "date":
        return _has_date(a, text) and not types.other_phase(a.question_stems, _stems(text))
    if a.kind == "quantity" and a.slot == noun_phrase.DURATION:
        return noun_phrase.has_duration(text)
    if a.kind == "quantity":
        return _has_quantity(a, text) and (a.slot != types.MONEY or types.has_money(text))
    if a.kind == "name":
        named = types.fills(a.slot, text, a.question, common, places)
        return named or (not a.slot and bool(_TERMED.search(text)))
    if a.kind == "reason" and a.slot == cause.CAUSE:
        return cause.states_cause(text)
    if a.kind == "reason":
        return bool(_CAUSAL.search(text))
    if a.kind == "place":
        return types.fills(types.PLACE, text, a.question, common, places)
    return True


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", text.lower()))


@dataclass(frozen=True, slots=True)
class CueWeights:
    """How much the form of a passage moves its rank (calibrated on the pooled development documents)."""

    typed: float = 0.12  # a strict answer type present
    untyped: float = 0.12  # a strict answer type absent: names the subject but not the asked fact
    reason: float = 0.25
    place: float = 0.08
    origin: float = 0.12  # "where does the name come from": "derived from"
    head: float = 0.08  # "which tribune": the passage names a tribune, or a word related to the noun ("which
    # technique": "the quantile delta method"; ``bot.qa.related``)
    metadata: float = 0.15
    advice: float = 0.15
    additive: float = 0.15
    other_year: float = 0.2


CUES = CueWeights()


def cue_bonus(a: Asked, p: Passage, w: CueWeights = CUES) -> float:
    """A score bonus (or malus) for a passage whose form matches what the question asks for."""
    text = p.text
    bonus = 0.0
    if p.kind == "metadata":
        # Front matter: "who wrote/edited/published" wants a name field, "when" the date.
        if a.who:
            bonus += w.metadata if p.label in _PEOPLE_FIELDS else -w.metadata
        if a.kind == "date":
            bonus += w.metadata if p.label == "date" else -w.metadata
    elif a.strict:
        bonus += w.typed if has_answer(a, text) else -w.untyped
    elif a.kind == "reason" and _CAUSAL.search(text):
        bonus += w.reason
    elif a.kind == "place" and has_answer(a, text):
        bonus += w.place
    elif a.kind == noun_phrase.ORIGIN and noun_phrase.tells_origin(text):
        bonus += w.origin
    if a.kind == "" and a.head is not None and _names_head(a.head, text):
        bonus += w.head
    elif a.kind == "" and a.head_kin and a.head_kin & _stems(text):
        bonus += w.head  # "which technique": the passage names a method
    if a.advice and _PRESCRIPTIVE.search(text):
        bonus += w.advice
    if a.more and _ADDITIVE.search(text):
        bonus += w.additive
    if a.question_years and p.kind == "sentence":
        years = set(YEAR.findall(text))
        if years and not years & a.question_years:
            bonus -= w.other_year  # the passage is about another year than the one asked
    return bonus
