"""How quantities are written: the regular expressions for measures, ranges, money, dates, versions, frequencies,
ordinals and counts, and the small readers of their parts (unit, bound, scale, rounding, rate)."""

from __future__ import annotations

import re

from bot.claims.lexicon import fields, words
from bot.claims.numbers.quantity import parse_number
from bot.claims.units import ORDINALS, UNITS
from corpus.text.dates import MONTH_PATTERN
from corpus.text.numbers import MAGNITUDES, ONES, WORD_NUMBERS

_UNIT_RE = (
    r"(?:km|kilomet(?:re|er)s?)\s+(?:per|an|a)\s+hour|miles\s+(?:per|an)\s+hour|km/h|kilomet(?:re|er)s?|kms|km|kph|kmh|mph|miles?|mi|metres?|meters?|m|kilotonnes?|kilotons?|kt|megatonnes?|"
    r"megawatts?|gigawatts?|kilowatts?|mw|gw|kw|"
    r"megatons?|mt|tonnes?|tons?|kg|per\s?cent|%|times|fold"
)

_WORD_NUM = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DIGIT_WORD = "|".join(w for w, n in ONES.items() if 1 <= n <= 9)  # "twenty-one" .. "ninety-nine"
_NUM = rf"(?:{_DIGITS}|(?:a\s+)?(?:{_WORD_NUM})(?:[\s-](?:{_DIGIT_WORD}))?)"
_SCALE = r"(?:\s+(?:thousand|million|billion|trillion))?"
_MONTH = MONTH_PATTERN


def _phrases(kind: str) -> str:
    """The bound phrases of one kind as a regular expression, longest first ("no more than" before "more")."""
    found = [p for k, p in fields("bounds.txt") if k == kind]
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(found, key=len, reverse=True))


_AT_MOST = _phrases("at_most")
_AT_LEAST = _phrases("at_least")
_ABOUT = _phrases("about")
_BOUND = rf"(?:(?P<bound>{_AT_MOST}|{_AT_LEAST}|{_ABOUT})\s+)?"

# "early 2019", "the end of 2021": a year narrowed to some of its months.
YEAR_PARTS = {w: (int(a), int(b)) for w, a, b in fields("year_parts.txt")}
PART_OF_YEAR = re.compile(
    r"\b(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[\s-]+(?P<year>(?:19|20)\d\d)\b", re.I
)
DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
        "mdy",
    ),
    (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})\b",
            re.I,
        ),
        "dmy",
    ),
    (re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"), "iso"),
    (re.compile(rf"\b(?P<month>{_MONTH}),?\s+(?:of\s+)?(?P<year>\d{{4}})\b", re.I), "my"),
    (re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:{_UNIT_RE})\b)"), "md"),
    (re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\b"), "dm"),
)
RANGE = re.compile(
    rf"(?:\bbetween\s+|\bfrom\s+)?(?<![A-Za-z]-)(?<![\w.,])(?P<lo>{_DIGITS}|{_WORD_NUM}){_SCALE}\s*(?:-|–|—|to|and|or)\s*(?P<hi>{_DIGITS}|{_WORD_NUM})(?P<scale>{_SCALE})"
    rf"\s*(?P<unit>{_UNIT_RE})\b",
    re.I,
)
_NOT_IN_NAME = r"(?<![A-Za-z]-)(?<![\w.,])"  # "Model-17" and "XY-23" are names, not numbers
MEASURE = re.compile(
    rf"{_BOUND}{_NOT_IN_NAME}(?P<num>{_NUM})(?P<scale>{_SCALE})(?:\s*|-)(?P<unit>{_UNIT_RE})(?![\w/])", re.I
)
# Money: "$6 billion", "US$ 2.5bn", "€40m", "6 billion dollars". Amounts are compared in their own currency.
CURRENCIES = {" ".join(w.lower().split()): key for w, key in fields("currencies.txt")}
_CURRENCY_NAMES = "|".join(
    r"\s+".join(w.split()) for w in sorted(CURRENCIES, key=len, reverse=True) if re.fullmatch(r"[a-z ]+", w)
)
MONEY = re.compile(
    rf"{_BOUND}(?P<cur>US\$|[$£€¥])\s?(?P<num>{_DIGITS})(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k)\b)?",
    re.I,
)
MONEY_WORDS = re.compile(
    rf"{_BOUND}{_NOT_IN_NAME}(?P<num>{_NUM})(?P<scale>{_SCALE})\s+(?P<cur>{_CURRENCY_NAMES})\b",
    re.I,
)
# Versions: "Python 3.6", "version 2.1.4", "v1.2": compared part by part, never as close numbers.
VERSION = re.compile(
    r"(?:\b(?P<name>[A-Z][A-Za-z+#]*)\s+|\bversion\s+|\b(?=v\d))v?(?P<ver>\d+(?:\.\d+){1,3})(?![\d.]*\d)"
)
# "not much more than five times": a denied lower bound is an upper one.
TWICE = re.compile(r"\b(?P<word>twice|thrice)\b", re.I)
MACH = re.compile(r"\bMach\s+(?P<num>\d+(?:\.\d+)?)\b", re.I)
SPEED_OF_SOUND = re.compile(r"\s+(?:the\s+)?speed\s+of\s+sound\b", re.I)
SOUND = re.compile(rf"{_BOUND}\b(?:the\s+)?speed\s+of\s+sound\b", re.I)
# How often something happens, as times per year: "annually", "every two years", "twice a year", "monthly".
_PER_YEAR = {w: float(n) for w, n in fields("frequencies.txt")}
_ADVERBS = {w: float(n) for w, n in fields("frequency_adverbs.txt")}
FREQUENCY = re.compile(
    rf"\b(?:(?P<adv>{'|'.join(sorted(_ADVERBS, key=len, reverse=True))})"
    r"|(?:every|each|once\s+(?:a|every|per|each))\s+(?:(?P<n>other|[a-z]+|\d+)\s+)?(?P<per>year|month|week|day)s?"
    r"|(?P<k>once|twice|thrice|[a-z]+\s+times|\d+\s+times)\s+(?:a|per|every|each)\s+(?P<per2>year|month|week|day))\b",
    re.I,
)
PART_OF_DATE = re.compile(r"\.\d|\s*(?:%|per\s?cent)")
NOT_VERSION = re.compile(rf"\s*(?:%|per\s?cent|(?:thousand|million|billion|trillion|times|{_UNIT_RE})\b)", re.I)
YEAR = re.compile(r"(?<![\d,.])\b(?P<year>(?:1[89]|20)\d{2})s?\b(?![,.]?\d)")
# "in 1619", "since 1066", "c. 1450": an earlier year, told from a count ("in 1500 cases") by the word before it
# and by no counted noun after it.
OLD_YEAR = re.compile(
    r"\b(?:in|since|by|until|till|from|circa|c\.|ca\.|year|around|of|before|after)\s+(?P<year>1[0-7]\d{2})\b(?![,.]?\d)",
    re.I,
)
# Years of an era: "514 B.C.", "from 514 to 496 B.C." (both years of the era), "A.D. 1066". A year before Christ is
# negative. Only the dotted "A.D." and "C.E." stand for the common era ("AD" and "CE" are too often acronyms).
_BC = r"B\.\s?C\.(?:\s?E\.)?|BCE\b|BC\b"
_AD = r"A\.\s?D\.|C\.\s?E\."
ERA_YEAR = re.compile(
    rf"(?:\b(?:from|between)\s+)?(?<![\w.,])(?P<lo>\d{{1,4}})(?:\s*(?:-|–|—|to|and)\s*(?P<hi>\d{{1,4}}))?"
    rf"\s*(?P<era>{_BC}|{_AD})"
)
ERA_BEFORE = re.compile(r"\b(?P<era>A\.\s?D\.)\s*(?P<lo>\d{1,4})\b(?![,.]?\d)")
# Someone's age: "at the age of twenty-eight", "aged 89", "89 years old", "85 years of age", and "at 89" after a
# word of ``age_cues.txt`` ("died at 89", "he at 89, and she at 85").
_AGE_NUM = rf"(?:\d{{1,3}}|(?:{_WORD_NUM})(?:[\s-](?:{_DIGIT_WORD}))?)"
_AGE_CUES = "|".join(re.escape(w).replace("'", "['’]") for w in sorted(words("age_cues.txt"), key=len, reverse=True))
AGE = re.compile(
    rf"\b(?:at\s+(?:the\s+)?age\s+of|at\s+age|aged?)\s+(?P<num>{_AGE_NUM})\b(?!\s*(?:%|per\s?cent|[.,:]\d))"
    rf"|(?<![\w.,])(?P<num2>{_AGE_NUM})(?:\s+|-)years?(?:\s+|-)(?:old\b|of\s+age\b)"
    rf"|\b(?:{_AGE_CUES})\s+at\s+(?P<num3>{_AGE_NUM})(?=\s*[,;.)]|\s+and\b|\s*$)",
    re.I,
)
AGE_LIMIT = 130
ORDINAL = re.compile(rf"\b(?P<ord>{'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th))\b", re.I)
_TENS = "|".join(w for w, n in WORD_NUMBERS.items() if 20 <= n <= 90 and n % 10 == 0)
_UNIT_ORDINALS = "|".join(w for w, n in ORDINALS.items() if 1 <= n <= 9 and w.isalpha())
# "twenty-first", "thirty third": an ordinal of two words is one position in a series.
COMPOUND_ORDINAL = re.compile(rf"\b(?P<tens>{_TENS})[\s-](?P<ord>{_UNIT_ORDINALS})\b", re.I)
COUNT = re.compile(rf"{_BOUND}{_NOT_IN_NAME}\b(?P<num>{_NUM})(?P<scale>{_SCALE})\b(?!\s*(?:%|-\d))", re.I)
# "4.2MB", "5GHz", "12ft": a figure with its unit glued on is one quantity of that unit, whatever the unit.
GLUED = re.compile(r"(?<![\w.,])(?P<num>\d+(?:\.\d+)?)(?P<unit>[A-Za-z]{1,4})\b")
NOT_GLUED_UNIT = frozenset({"st", "nd", "rd", "th", "s", "am", "pm"})


def scaled(value: float, scale: str | None) -> float:
    return value * MAGNITUDES.get((scale or "").strip().lower(), 1.0)


def bound_kind(word: str | None) -> str:
    if not word:
        return "exact"
    w = " ".join(word.lower().split())
    if re.fullmatch(_AT_MOST, w):
        return "at_most"
    if re.fullmatch(_AT_LEAST, w):
        return "at_least"
    return "about"


def unit_and_factor(raw: str) -> tuple[str, float]:
    low = " ".join(raw.lower().split())
    if low.endswith(" hour"):  # "km per hour", "kilometres an hour", "miles per hour"
        return ("km/h", 1.609344) if low.startswith("mile") else ("km/h", 1.0)
    return UNITS.get(low, (low, 1.0))


def rounding(raw: str) -> float:
    """How much a written figure may have been rounded, as a share of it ("680": 5/680; "6,248.5": 0.05/6248.5)."""
    digits = raw.strip().replace(",", "")
    value = parse_number(digits)
    if not value:
        return 0.0
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    elif digits.isdigit():
        step = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    else:
        step = 1.0
    return step / 2 / value


def times_per_year(m: re.Match[str]) -> float | None:
    """Times per year of a frequency phrase."""
    if m.group("adv"):
        return _ADVERBS[m.group("adv").lower()]
    if m.group("per"):
        raw = (m.group("n") or "one").lower()
        n = 2.0 if raw == "other" else parse_number(raw)
        return _PER_YEAR[m.group("per").lower()] / n if n else None
    k_raw = m.group("k").lower().replace(" times", "")
    k = {"once": 1.0, "twice": 2.0, "thrice": 3.0}.get(k_raw) or parse_number(k_raw)
    return k * _PER_YEAR[m.group("per2").lower()] if k else None
