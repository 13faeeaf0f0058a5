"""Grading a quiz answer against the brief's own words, tolerantly.

- numbers: "10,400", "10400", "10 400", "10.4k", "10.4 thousand" and "ten thousand four hundred" are one value;
  a range needs both ends; an answer may not add other numbers ("2,000 or 800").
- dates: "March 4 2022", "4 March 2022", "2022-03-04" and "04/03/2022" (either order) agree; every part the
  brief gives must be there.
- named entities: case, accents, hyphens and "the" do not matter; a surname does for a full name ("Berg" for
  "Anna Berg"), so does a fuller name ("Anna Berg" for "Berg"), a country's other name ("Washington", "USA"
  for "the United States"), and a small typo.
- paraphrase (causes): enough of the reason's content words (stemmed), a short answer made mostly of them, or a
  close sentence embedding when a ``similarity`` function is given and some content word is shared.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from bot.quiz.generate import NUMBER_WORDS, Question
from corpus.text.countries import COUNTRY_GROUPS
from corpus.text.dates import MONTHS
from corpus.text.numbers import SCALES, TENS
from corpus.text.words import STOPWORDS, stem

Similarity = Callable[[str, str], float]

# Paraphrase thresholds, set on hand-written right and wrong answers in tests/bot/quiz/test_grade.py.
RECALL_CORRECT = 0.5
PRECISION_CORRECT = 0.6
MIN_SHARED = 2
SIMILARITY_CORRECT = 0.65
RECALL_WITH_SIMILARITY = 0.2
TYPO_RATIO = 0.85

# Countries and their usual other names (``corpus/data/countries.txt``): "Washington" for "the United States".
ALIASES: tuple[frozenset[str], ...] = tuple(
    frozenset(" ".join(re.sub(r"[^a-z0-9]+", " ", f.replace("'", "")).split()) for f in group)
    for group in COUNTRY_GROUPS
)

_TENS = TENS
_SCALES = SCALES
_SUFFIX = {"k": 1_000, "mn": 1_000_000, "bn": 1_000_000_000}
_DIGITS_RE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(thousand|million|billion)\b|(k|mn|bn)\b)?",
    re.IGNORECASE,
)
_WORD_NUMBER_RE = re.compile(
    r"\b(?:(?:" + "|".join([*NUMBER_WORDS, *_TENS, *_SCALES]) + r")\b(?:[\s-]+(?:and\s+)?)?)+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Grade:
    """The verdict on one answer; ``feedback`` says why in a sentence."""

    correct: bool
    expected: str
    feedback: str


# ----- numbers ---------------------------------------------------------------------------------------------
def _words_value(phrase: str) -> float | None:
    """ "ten thousand four hundred" -> 10400; None when the phrase is not a number."""
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", phrase.lower()):
        if not word or word == "and":
            continue
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text``, whatever its format, in order of appearance."""
    found: list[tuple[int, float]] = []
    taken: list[tuple[int, int]] = []
    for m in _DIGITS_RE.finditer(text):
        taken.append(m.span())
        value = float(re.sub(r"[ ,\u00a0\u202f]", "", m.group(1)))
        if m.group(2):
            value *= _SCALES[m.group(2).lower()]
        elif m.group(3):
            value *= _SUFFIX[m.group(3).lower()]
        found.append((m.start(), value))
    for m in _WORD_NUMBER_RE.finditer(text):
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue  # "thousand" of "10.4 thousand" is already counted
        spelled = _words_value(m.group())
        if spelled is not None:
            found.append((m.start(), spelled))
    return [v for _, v in sorted(found)]


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def grade_number(expected: str, answer: str) -> bool:
    """The answer gives exactly the brief's value (or both ends of its range), in any format."""
    gold = numbers_in(expected.replace("–", "-").replace("-", " - "))
    given = numbers_in(answer.replace("–", " - "))
    if not gold or not given:
        return False
    return all(any(_same(g, v) for v in given) for g in gold) and all(any(_same(v, g) for g in gold) for v in given)


# ----- dates -----------------------------------------------------------------------------------------------
def date_parts(text: str) -> list[dict[str, int]]:
    """Readings of a date as {year, month, day} (two readings for an ambiguous 04/03/2022)."""
    s = text.lower().replace(",", " ")
    if m := re.search(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b", s):
        iso = {"year": int(m.group(1)), "month": int(m.group(2))}
        return [iso | {"day": int(m.group(3))}] if m.group(3) else [iso]
    if m := re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b", s):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return [{"year": year, "month": b, "day": a}, {"year": year, "month": a, "day": b}]
    parts: dict[str, int] = {}
    words = re.findall(r"[a-z]+\.?|\d+(?:st|nd|rd|th)?", s)
    for w in words:
        w = w.rstrip(".")
        if w in MONTHS and "month" not in parts:
            parts["month"] = MONTHS[w]
        elif (digits := re.match(r"\d+", w)) is not None:
            n = int(digits.group())
            if len(digits.group()) == 4 and "year" not in parts:
                parts["year"] = n
            elif len(digits.group()) == 2 and "'" in s and "year" not in parts and "month" not in parts:
                parts["year"] = 2000 + n if n < 50 else 1900 + n
            elif 1 <= n <= 31 and "day" not in parts:
                parts["day"] = n
    return [parts] if parts else []


def grade_date(expected: str, answer: str) -> bool:
    """Every part of the brief's date (year, month, day) is in the answer, and nothing contradicts it."""
    gold = date_parts(expected)
    if not gold:
        return False
    want = gold[0]
    for reading in date_parts(answer):
        if all(reading.get(k) == v for k, v in want.items()) and all(want.get(k, v) == v for k, v in reading.items()):
            return True
    return False


# ----- names -----------------------------------------------------------------------------------------------
def normalise_name(text: str) -> str:
    """Lowercase ASCII words: accents, apostrophes, hyphens, punctuation, "the" and "'s" dropped."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"['’]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(w for w in s.split() if w not in ("the", "a", "an", "president", "mr", "leader"))


def _alias_group(name: str) -> frozenset[str] | None:
    return next((g for g in ALIASES if name in g), None)


def grade_name(expected: str, answer: str) -> bool:
    """Same actor: equal after normalising, an alias, a surname or fuller name, or a small typo."""
    gold, given = normalise_name(expected), normalise_name(answer)
    if not gold or not given:
        return False
    if gold == given:
        return True
    group = _alias_group(gold)
    if group is not None:
        # A country: only its own names count ("Guinea" could be any of three).
        return given in group or any(f" {a} " in f" {given} " for a in group if len(a) > 3)
    gold_words, given_words = gold.split(), given.split()
    # "Berg" for "Anna Berg", "Anna Berg" for "Berg": one name contains the other, word for word.
    if set(given_words) <= set(gold_words) and any(len(w) > 2 for w in given_words):
        return True
    if set(gold_words) <= set(given_words) and len(given_words) <= len(gold_words) + 2:
        return True
    return SequenceMatcher(None, gold, given).ratio() >= TYPO_RATIO


# ----- paraphrase ------------------------------------------------------------------------------------------
def content_stems(text: str) -> set[str]:
    """Stemmed content words; a country's other names map to one token so "Washington" meets "the United States"."""
    s = normalise_name(text)
    for group in ALIASES:
        canonical = "_" + sorted(group)[0].replace(" ", "_")
        for alias in sorted(group, key=len, reverse=True):
            if len(alias) > 2:
                s = re.sub(rf"\b{re.escape(alias)}\b", canonical, s)
    s = re.sub(r"\bus\b", "_united_states", s)  # "US" would otherwise vanish as the stopword "us"
    return {stem(w) for w in s.split() if w not in STOPWORDS and len(w) > 1}


def grade_paraphrase(expected: str, answer: str, similarity: Similarity | None = None) -> bool:
    """Enough of the reason's content is there, in any words."""
    gold, given = content_stems(expected), content_stems(answer)
    if not gold or not given:
        return False
    shared = len(gold & given)
    recall, precision = shared / len(gold), shared / len(given)
    # Most of the reason, or a short answer made mostly of the reason's own words ("military pressure").
    if recall >= RECALL_CORRECT or (shared >= MIN_SHARED and precision >= PRECISION_CORRECT):
        return True
    if similarity is None or recall < RECALL_WITH_SIMILARITY:
        return False
    return similarity(expected, answer) >= SIMILARITY_CORRECT


# ----- the verdict -----------------------------------------------------------------------------------------
def grade(question: Question, answer: str, similarity: Similarity | None = None) -> Grade:
    """Grade ``answer`` to ``question`` by its kind; the feedback quotes what the brief says."""
    expected = re.sub(r"\s+", " ", question.answer.replace("*", "")).strip()
    text = answer.strip()
    if not text:
        return Grade(False, expected, f"No answer given. The brief says: {expected}.")
    if question.kind == "number":
        ok = grade_number(expected, text)
    elif question.kind == "date":
        ok = grade_date(expected, text)
    elif question.kind == "actor":
        ok = grade_name(expected, text)
    else:
        ok = grade_paraphrase(expected, text, similarity)
    if ok:
        return Grade(True, expected, f"Correct. The brief says: {expected}.")
    return Grade(False, expected, f"Not quite. The brief says: {expected}.")
