"""Number words: the one table of English words for numbers that claims, quiz grading, answer types and the
citation audit read ("seven", "forty", "a dozen")."""

from __future__ import annotations

ONES: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "  # noqa: SIM905
        "seventeen eighteen nineteen".split()
    )
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Magnitude words and abbreviations written after a figure ("6 billion", "2.5bn"), with the factor they apply.
MAGNITUDES: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "milliard": 1e9,
    "bn": 1e9,
    "mn": 1e6,
    "tn": 1e12,
}
# Words that count without being numerals ("a pair of tests", "a single launch").
COUNTING_WORDS: dict[str, int] = {"dozen": 12, "pair": 2, "couple": 2, "single": 1}
# Every word that is one number by itself, as quantities are read from claims and evidence.
WORD_NUMBERS: dict[str, int] = {**ONES, **TENS, "hundred": SCALES["hundred"], **COUNTING_WORDS}
