"""A quantity found in text: the ``Quantity`` type, written numbers ("10,400", "ten", "a dozen"), and the noun a
bare number counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.claims.text.tokens import DESIGNATION
from corpus.text.numbers import WORD_NUMBERS
from corpus.text.words import STOPWORDS, stem

_HEAD = re.compile(r"[A-Za-z][A-Za-z-]*(?:\d+[A-Za-z]?)?")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text. ``low``/``high`` bound it (equal for an exact value); dates use ``date``."""

    low: float
    high: float
    unit: str  # "km", "km/h", "t", "%", "times", "mach", "per_year", "date", "ordinal" or "count:<head noun>"
    bound: str  # "exact" | "about" | "range" | "at_most" | "at_least"
    start: int
    end: int
    text: str
    date: tuple[int | None, int | None, int | None] | None = None  # (year, month, day)
    precision: float = 0.0  # share of the value the written figure may be rounded by ("680 miles": 5/680)
    converted: bool = False  # written in another unit than the canonical one ("miles" for km)
    months: tuple[int, int] | None = None  # "early 2019": the months the year's part spans (1, 4)
    version: tuple[int, ...] | None = None  # "3.6.1" -> (3, 6, 1); unit "version:<name>"

    @property
    def is_date(self) -> bool:
        return self.unit == "date"

    @property
    def is_count(self) -> bool:
        return self.unit.startswith("count:")

    @property
    def is_version(self) -> bool:
        return self.version is not None


def parse_number(raw: str) -> float | None:
    """'10,400' -> 10400; 'ten' -> 10; 'a dozen' -> 12; 'twenty-five' -> 25; None if not a number."""
    s = raw.strip().lower()
    s = re.sub(r"^a\s+", "", s)
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    parts = re.split(r"[\s-]+", s)
    if all(p in WORD_NUMBERS for p in parts):
        return float(sum(WORD_NUMBERS[p] for p in parts))
    return None


def count_head(text: str, end: int) -> str:
    """The noun a bare number counts: the first plural (or the last word) of up to four words after it."""
    words: list[tuple[str, int]] = []
    named = ""
    for m in _HEAD.finditer(text, end):
        gap = text[end : m.start()] if not words else text[words[-1][1] : m.start()]
        if re.search(r"[.,;:()\d]", gap):
            break
        w = m.group(0).lower()
        if w in STOPWORDS and w not in {"of"}:
            break
        if DESIGNATION.fullmatch(w):
            # "a single XY-24 rocket": the name is not the counted noun, unless nothing else follows.
            named = named or w
            words.append(("of", m.end()))
            continue
        words.append((w, m.end()))
        if len(words) >= 4:
            break
    names = [w for w, _ in words if w != "of"]
    if not names:
        return lemma(named) if named else ""
    for w in names:
        if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            return lemma(w)
    return lemma(names[-1])


def lemma(word: str) -> str:
    """A stem to compare count nouns by (rockets/rocket, tests/test)."""
    return stem(word.lower())


def render(q: Quantity) -> str:
    """The quantity as written (for explanations)."""
    return " ".join(q.text.split())
