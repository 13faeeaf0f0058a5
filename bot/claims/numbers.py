"""Quantities in claims and evidence: numbers with units, ranges, bounds, dates, counts and ordinals.

"10,400 km", "10400 km" and "10,400 kms" are the same quantity; "250 kilotons" and "250 kt" too; "ten tests" is
"10 tests". "8,500-13,000 km" is a range that "up to 13,000 km" agrees with. "February 2019" is a date that "held
in 2020" contradicts. Each quantity keeps its span so the words around it (its *role*) can be compared.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from bot.claims.compounds import word_compound_spans
from bot.claims.count_nouns import partitive_noun_at, plural
from bot.claims.lexicon import fields
from bot.claims.units import ORDINALS, UNITS
from corpus.text.dates import MONTH_PATTERN, MONTHS
from corpus.text.numbers import MAGNITUDES, ONES, WORD_NUMBERS
from corpus.text.words import STOPWORDS, stem

_UNIT_RE = (
    r"(?:km|kilomet(?:re|er)s?)\s+(?:per|an|a)\s+hour|miles\s+(?:per|an)\s+hour|km/h|kilomet(?:re|er)s?|kms|km|kph|kmh|mph|miles?|mi|metres?|meters?|m|kilotonnes?|kilotons?|kt|megatonnes?|"
    r"megawatts?|gigawatts?|kilowatts?|mw|gw|kw|"
    r"megatons?|mt|tonnes?|tons?|kg|per\s?cent|%|times|fold"
)

SCALES: dict[str, float] = MAGNITUDES  # the toolkit's magnitude words (corpus/text/numbers.py)

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
_YEAR_PARTS = {w: (int(a), int(b)) for w, a, b in fields("year_parts.txt")}
_PART_OF_YEAR = re.compile(
    r"\b(?P<part>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[\s-]+(?P<year>(?:19|20)\d\d)\b", re.I
)
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I), "mdy"),
    (
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})\b", re.I
        ),
        "dmy",
    ),
    (re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"), "iso"),
    (re.compile(rf"\b(?P<month>{_MONTH}),?\s+(?:of\s+)?(?P<year>\d{{4}})\b", re.I), "my"),
    (re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:{_UNIT_RE})\b)"), "md"),
    (re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\b"), "dm"),
)
_RANGE = re.compile(
    rf"(?:\bbetween\s+|\bfrom\s+)?(?<![A-Za-z]-)(?<![\w.,])(?P<lo>{_DIGITS}|{_WORD_NUM}){_SCALE}\s*(?:-|–|—|to|and|or)\s*(?P<hi>{_DIGITS}|{_WORD_NUM})(?P<scale>{_SCALE})"
    rf"\s*(?P<unit>{_UNIT_RE})\b",
    re.I,
)
_NOT_IN_NAME = r"(?<![A-Za-z]-)(?<![\w.,])"  # "Model-17" and "XY-23" are names, not numbers
_MEASURE = re.compile(
    rf"{_BOUND}{_NOT_IN_NAME}(?P<num>{_NUM})(?P<scale>{_SCALE})(?:\s*|-)(?P<unit>{_UNIT_RE})(?![\w/])", re.I
)
# Money: "$6 billion", "US$ 2.5bn", "€40m", "6 billion dollars". Amounts are compared in their own currency.
_CURRENCIES = {" ".join(w.lower().split()): key for w, key in fields("currencies.txt")}
_CURRENCY_NAMES = "|".join(
    r"\s+".join(w.split()) for w in sorted(_CURRENCIES, key=len, reverse=True) if re.fullmatch(r"[a-z ]+", w)
)
_MONEY = re.compile(
    rf"{_BOUND}(?P<cur>US\$|[$£€¥])\s?(?P<num>{_DIGITS})(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|k)\b)?",
    re.I,
)
_MONEY_WORDS = re.compile(
    rf"{_BOUND}{_NOT_IN_NAME}(?P<num>{_NUM})(?P<scale>{_SCALE})\s+(?P<cur>{_CURRENCY_NAMES})\b",
    re.I,
)
# Versions: "Python 3.6", "version 2.1.4", "v1.2": compared part by part, never as close numbers.
_VERSION = re.compile(
    r"(?:\b(?P<name>[A-Z][A-Za-z+#]*)\s+|\bversion\s+|\b(?=v\d))v?(?P<ver>\d+(?:\.\d+){1,3})(?![\d.]*\d)"
)
# "not much more than five times": a denied lower bound is an upper one.
_DENIED = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+){0,3}?(?:much\s+|far\s+|very\s+)?$", re.I)
_TWICE = re.compile(r"\b(?P<word>twice|thrice)\b", re.I)
_MACH = re.compile(r"\bMach\s+(?P<num>\d+(?:\.\d+)?)\b", re.I)
_SPEED_OF_SOUND = re.compile(r"\s+(?:the\s+)?speed\s+of\s+sound\b", re.I)
_SOUND = re.compile(rf"{_BOUND}\b(?:the\s+)?speed\s+of\s+sound\b", re.I)
# How often something happens, as times per year: "annually", "every two years", "twice a year", "monthly".
_PER_YEAR = {w: float(n) for w, n in fields("frequencies.txt")}
_ADVERBS = {w: float(n) for w, n in fields("frequency_adverbs.txt")}
_FREQUENCY = re.compile(
    rf"\b(?:(?P<adv>{'|'.join(sorted(_ADVERBS, key=len, reverse=True))})"
    r"|(?:every|each|once\s+(?:a|every|per|each))\s+(?:(?P<n>other|[a-z]+|\d+)\s+)?(?P<per>year|month|week|day)s?"
    r"|(?P<k>once|twice|thrice|[a-z]+\s+times|\d+\s+times)\s+(?:a|per|every|each)\s+(?P<per2>year|month|week|day))\b",
    re.I,
)
_PART_OF_DATE = re.compile(r"\.\d|\s*(?:%|per\s?cent)")
_NOT_VERSION = re.compile(rf"\s*(?:%|per\s?cent|(?:thousand|million|billion|trillion|times|{_UNIT_RE})\b)", re.I)
_YEAR = re.compile(r"(?<![\d,.])\b(?P<year>(?:1[89]|20)\d{2})s?\b(?![,.]?\d)")
# "in 1619", "since 1066", "c. 1450": an earlier year, told from a count ("in 1500 cases") by the word before it
# and by no counted noun after it.
_OLD_YEAR = re.compile(
    r"\b(?:in|since|by|until|till|from|circa|c\.|ca\.|year|around|of|before|after)\s+(?P<year>1[0-7]\d{2})\b(?![,.]?\d)",
    re.I,
)
_ORDINAL = re.compile(rf"\b(?P<ord>{'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th))\b", re.I)
_TENS = "|".join(w for w, n in WORD_NUMBERS.items() if 20 <= n <= 90 and n % 10 == 0)
_UNIT_ORDINALS = "|".join(w for w, n in ORDINALS.items() if 1 <= n <= 9 and w.isalpha())
# "twenty-first", "thirty third": an ordinal of two words is one position in a series.
_COMPOUND_ORDINAL = re.compile(rf"\b(?P<tens>{_TENS})[\s-](?P<ord>{_UNIT_ORDINALS})\b", re.I)
_COUNT = re.compile(rf"{_BOUND}{_NOT_IN_NAME}\b(?P<num>{_NUM})(?P<scale>{_SCALE})\b(?!\s*(?:%|-\d))", re.I)
# "4.2MB", "5GHz", "12ft": a figure with its unit glued on is one quantity of that unit, whatever the unit.
_GLUED = re.compile(r"(?<![\w.,])(?P<num>\d+(?:\.\d+)?)(?P<unit>[A-Za-z]{1,4})\b")
_NOT_GLUED_UNIT = frozenset({"st", "nd", "rd", "th", "s", "am", "pm"})
# Bare figures joined into a run ("pages 12, 14, 19", "3 + 4 * 12"): a list or a formula's operands.
_RUN_JOINT = re.compile(r"\s*(?:,|;|\+|\*|/|=|×|-|–|\band\b|\bor\b|&)\s*(?:and\s+|or\s+)?$", re.I)
_HEAD = re.compile(r"[A-Za-z][A-Za-z-]*(?:\d+[A-Za-z]?)?")
_DESIGNATION = re.compile(r"[A-Za-z]+-\d+[A-Za-z]?")


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


def _scaled(value: float, scale: str | None) -> float:
    return value * SCALES.get((scale or "").strip().lower(), 1.0)


def _bound(word: str | None) -> str:
    if not word:
        return "exact"
    w = " ".join(word.lower().split())
    if re.fullmatch(_AT_MOST, w):
        return "at_most"
    if re.fullmatch(_AT_LEAST, w):
        return "at_least"
    return "about"


def _unit(raw: str) -> tuple[str, float]:
    low = " ".join(raw.lower().split())
    if low.endswith(" hour"):  # "km per hour", "kilometres an hour", "miles per hour"
        return ("km/h", 1.609344) if low.startswith("mile") else ("km/h", 1.0)
    return UNITS.get(low, (low, 1.0))


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
        if _DESIGNATION.fullmatch(w):
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
        if (w.endswith("s") and not w.endswith("ss") and len(w) > 3) or plural(w):
            return lemma(w)
    return lemma(names[-1])


def lemma(word: str) -> str:
    """A stem to compare count nouns by (rockets/rocket, tests/test)."""
    return stem(word.lower())


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order; overlapping matches resolved in favour of the more specific kind."""
    found: list[Quantity] = []

    def free(s: int, e: int) -> bool:
        return all(e <= q.start or s >= q.end for q in found)

    for m in _PART_OF_YEAR.finditer(text):
        span = next(_YEAR_PARTS[w] for w in m.group("part").lower().split() if w in _YEAR_PARTS)
        whole = (int(m.group("year")), None, None)
        found.append(Quantity(0, 0, "date", "exact", m.start(), m.end(), m.group(0), whole, months=span))
    for pattern, shape in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            month_raw = g.get("month")
            if month_raw is None:
                continue
            month = int(month_raw) if month_raw.isdigit() else MONTHS.get(month_raw.lower().rstrip("."))
            if not month:
                continue
            year = int(g["year"]) if g.get("year") else None
            day = int(g["day"]) if g.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            if shape in {"md", "dm"} and month_raw.lower().rstrip(".") == "may" and not month_raw[0].isupper():
                continue  # "may 5" is a verb
            found.append(Quantity(0, 0, "date", "exact", m.start(), m.end(), m.group(0), (year, month, day)))
    for m in _VERSION.finditer(text):
        if not free(m.start("ver"), m.end("ver")) or _PART_OF_DATE.match(text, m.end("ver")):
            continue
        name = (m.group("name") or "").lower()
        after = text[m.end("ver") : m.end("ver") + 20].lower()
        if name in MONTHS or name == "mach" or _NOT_VERSION.match(after):
            continue  # "Mach 5.5", "3.5 million", "2.5 km": a measure, not a version
        name = "" if name == "version" else name
        parts = tuple(int(x) for x in m.group("ver").split("."))
        found.append(
            Quantity(0, 0, f"version:{name}", "exact", m.start("ver"), m.end("ver"), m.group("ver"), version=parts)
        )
    for m in (*_MONEY.finditer(text), *_MONEY_WORDS.finditer(text)):
        if not free(m.start(), m.end()):
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        cur = m.group("cur").lower()
        unit = _CURRENCIES.get(" ".join(cur.split()), " ".join(cur.split()))
        raw_scale = (m.group("scale") or "").strip().lower()
        magnitude = {"m": 1e6, "k": 1e3}.get(raw_scale) or SCALES.get(raw_scale, 1.0)
        v = value * magnitude
        found.append(
            Quantity(
                v,
                v,
                unit,
                _bound(m.group("bound")),
                m.start(),
                m.end(),
                m.group(0),
                precision=_precision(m.group("num")),
            )
        )
    for m in _RANGE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        unit, factor = _unit(m.group("unit"))
        lo = parse_number(m.group("lo"))
        hi = parse_number(m.group("hi"))
        if lo is None or hi is None or lo >= hi:
            continue
        scale = m.group("scale")
        found.append(
            Quantity(
                _scaled(lo, scale) * factor, _scaled(hi, scale) * factor, unit, "range", m.start(), m.end(), m.group(0)
            )
        )
    for m in _FREQUENCY.finditer(text):
        if free(m.start(), m.end()) and (rate := _rate(m)) is not None:
            found.append(Quantity(rate, rate, "per_year", "exact", m.start(), m.end(), m.group(0)))
    for m in _MACH.finditer(text):
        if free(m.start(), m.end()):
            v = float(m.group("num"))
            found.append(
                Quantity(v, v, "mach", "exact", m.start(), m.end(), m.group(0), precision=_precision(m.group("num")))
            )
    for m in _MEASURE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit, factor = _unit(m.group("unit"))
        end = m.end()
        if unit == "times" and (sound := _SPEED_OF_SOUND.match(text, m.end())):
            unit, end = "mach", sound.end()  # "five times the speed of sound" is Mach 5
        v = _scaled(value, m.group("scale")) * factor
        found.append(
            Quantity(
                v,
                v,
                unit,
                _bound(m.group("bound")),
                m.start(),
                end,
                text[m.start() : end],
                precision=_precision(m.group("num")),
                converted=factor != 1.0,
            )
        )
    for m in _SOUND.finditer(text):
        if free(m.start(), m.end()):  # "less than the speed of sound" is below Mach 1
            found.append(Quantity(1.0, 1.0, "mach", _bound(m.group("bound")), m.start(), m.end(), m.group(0)))
    for m in _TWICE.finditer(text):
        if free(m.start(), m.end()):
            v = 2.0 if m.group("word").lower() == "twice" else 3.0
            found.append(Quantity(v, v, "times", "exact", m.start(), m.end(), m.group(0)))
    for m in _YEAR.finditer(text):
        if free(m.start(), m.end()):
            year = int(m.group("year"))
            found.append(Quantity(0, 0, "date", "exact", m.start(), m.end(), m.group(0), (year, None, None)))
    for m in _COMPOUND_ORDINAL.finditer(text):
        if free(m.start(), m.end()):
            value = WORD_NUMBERS[m.group("tens").lower()] + ORDINALS[m.group("ord").lower()]
            found.append(Quantity(value, value, "ordinal", "exact", m.start(), m.end(), m.group(0)))
    for m in _OLD_YEAR.finditer(text):
        next_word = re.match(r"\s+([a-z]+)", text[m.end("year") :])
        counted = next_word is not None and next_word.group(1) not in STOPWORDS  # "in 1500 cases"
        if free(m.start("year"), m.end("year")) and not counted:
            year = int(m.group("year"))
            found.append(
                Quantity(0, 0, "date", "exact", m.start("year"), m.end("year"), m.group("year"), (year, None, None))
            )
    for m in _ORDINAL.finditer(text):
        if not free(m.start(), m.end()):
            continue
        raw = m.group("ord").lower()
        value = ORDINALS.get(raw) or float(re.sub(r"\D", "", raw))
        head = count_head(text, m.end())
        if raw in {"first", "second"} and not head:
            continue  # "at first", "a second time" are not positions in a series
        if m.group("ord")[:1].isupper() and re.match(r"\s+[A-Z][a-z]", text[m.end() :]) and m.start() > 0:
            continue  # "the Tenth Circuit", "Fifth Avenue": an ordinal inside a name
        found.append(Quantity(value, value, "ordinal", "exact", m.start(), m.end(), m.group(0)))
    for m in _GLUED.finditer(text):
        unit_raw = m.group("unit").lower()
        if not free(m.start(), m.end()) or unit_raw in _NOT_GLUED_UNIT:
            continue
        v = float(m.group("num"))
        found.append(
            Quantity(
                v,
                v,
                f"count:{lemma(unit_raw)}",
                "exact",
                m.start(),
                m.end(),
                m.group(0),
                precision=_precision(m.group("num")),
            )
        )
    for m in _COUNT.finditer(text):
        if not free(m.start(), m.end()):
            continue
        raw = m.group("num")
        value = parse_number(raw)
        if value is None:
            continue
        low = raw.strip().lower()
        after = text[m.end() : m.end() + 12].lower()
        if low == "one" and re.match(r"\s*(?:of|another|day|time)\b", after):
            continue  # "one of the most", "one another": not a count
        opening = text[: m.start()]
        if (raw.strip() == "One" and re.fullmatch(r"\W*", opening)) or (
            low == "one" and re.fullmatch(r"\W*(?:in|during)\s+", opening, re.I)
        ):
            continue  # "One test flew …", "In one test, …": "a certain", not a count
        if re.fullmatch(r"\d{1,2}", raw.strip()) and re.match(r"\s*(?:am|pm|a\.m|p\.m)\b", after):
            continue
        head = count_head(text, m.end())
        v = _scaled(value, m.group("scale"))
        found.append(Quantity(v, v, f"count:{head}", _bound(m.group("bound")), m.start(), m.end(), m.group(0)))
    found.sort(key=lambda q: q.start)
    # "one-CPU-one-vote", "first-rate": the number word is part of a term, not a figure
    terms = word_compound_spans(text)
    found = [q for q in found if not any(s <= q.end - 1 and q.end <= e for s, e in terms)]
    return [_denied(text, _extreme(text, q)) for q in _counted_elsewhere(text, _partitives(text, _runs(text, found)))]


def _counted_elsewhere(text: str, found: list[Quantity]) -> list[Quantity]:
    """A bare count takes the noun a partitive names ("33 of these localities"; ``bot.claims.count_nouns``)."""
    out = []
    for q in found:
        at = partitive_noun_at(text, q.start, q.end) if q.unit == "count:" else None
        head = count_head(text, at) if at is not None else ""
        out.append(dataclasses.replace(q, unit=f"count:{head}") if head else q)
    return out


_PARTITIVE = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|all\s+)?", re.IGNORECASE)


def _partitives(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "7 of the 12 Houses", "seven out of ten voters": the first figure counts the noun of the second."""
    out = list(found)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if a.unit == "count:" and b.is_count and b.unit != "count:" and _PARTITIVE.fullmatch(text[a.end : b.start]):
            out[k] = dataclasses.replace(a, unit=b.unit)
    return out


def _runs(text: str, found: list[Quantity]) -> list[Quantity]:
    """Bare figures in a run ("pages 12, 14, 19", "3 + 4 * 12") count nothing of their own: they take the counted
    noun of the run's last figure ("3, 4 or 5 children"), else they are plain numerals (unit "number"), compared only
    with other plain numerals."""
    out = list(found)
    i = 0
    while i < len(out):
        j = i
        while (
            j + 1 < len(out)
            and out[j].is_count
            and out[j + 1].is_count
            and _RUN_JOINT.fullmatch(text[out[j].end : out[j + 1].start])
            and out[j].text[:1].isdigit()
            and out[j + 1].text[:1].isdigit()
        ):
            j += 1
        if j > i:
            unit = out[j].unit if out[j].unit != "count:" else "number"
            for k in range(i, j + 1):
                if out[k].unit == "count:" or k == j:
                    out[k] = dataclasses.replace(out[k], unit=unit)
        i = j + 1
    return out


def _denied(text: str, q: Quantity) -> Quantity:
    """ "do not average much more than five times" is at most five times (and "not less than" at least)."""
    if q.bound not in ("at_least", "at_most") or not _DENIED.search(text[max(0, q.start - 40) : q.start]):
        return q
    return dataclasses.replace(q, bound="at_most" if q.bound == "at_least" else "at_least")


_MAXIMUM = re.compile(
    r"\b(?:maximum|max|top|peak|highest|longest|greatest)\s+(?:[a-z-]+\s+){0,2}?(?:of|at|is|was)?\s*$", re.I
)
_MINIMUM = re.compile(r"\b(?:minimum|min|lowest|shortest)\s+(?:[a-z-]+\s+){0,2}?(?:of|at|is|was)?\s*$", re.I)


def _precision(raw: str) -> float:
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


def _rate(m: re.Match[str]) -> float | None:
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


def _extreme(text: str, q: Quantity) -> Quantity:
    """ "a maximum range of 12,000 km" is an upper end: compared with a range's top, not anywhere inside it."""
    if q.bound != "exact" or q.is_date or q.unit == "ordinal":
        return q
    before = text[max(0, q.start - 40) : q.start]
    if _MAXIMUM.search(before):
        return dataclasses.replace(q, bound="at_most")
    if _MINIMUM.search(before):
        return dataclasses.replace(q, bound="at_least")
    return q


def _close(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= max(1e-9, rel * max(abs(a), abs(b)))


def dates_agree(a: tuple[int | None, int | None, int | None], b: tuple[int | None, int | None, int | None]) -> bool:
    """Two dates agree when every part both give is equal ("2019" agrees with "February 2019") and they share at
    least one part ("March 24" says nothing about "2015")."""
    shared = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    return bool(shared) and all(x == y for x, y in shared)


def _within_part(q: Quantity, month: int | None) -> bool:
    """Whether a month the other side gives falls in ``q``'s part of the year ("February" is "early 2019")."""
    return q.months is None or month is None or q.months[0] <= month <= q.months[1]


def units_comparable(claim: Quantity, evidence: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing (counts: the same counted noun; an evidence count
    with no noun, such as a table cell "Number of rockets tested: 2", matches any)."""
    if claim.is_count and evidence.is_count:
        a, b = claim.unit[6:], evidence.unit[6:]
        return bool(a) and (not b or a == b)
    if claim.is_version and evidence.is_version:
        a, b = claim.unit[8:], evidence.unit[8:]
        return not a or not b or a == b
    return claim.unit == evidence.unit


def agrees(claim: Quantity, evidence: Quantity) -> bool:
    """Whether the evidence's quantity supports the claim's (same unit assumed; see ``units_comparable``)."""
    if claim.is_date or evidence.is_date:
        if not (claim.date and evidence.date and dates_agree(claim.date, evidence.date)):
            return False
        return _within_part(claim, evidence.date[1]) and _within_part(evidence, claim.date[1])
    if claim.version is not None or evidence.version is not None:
        # "Python 3" agrees with "Python 3.6"; "3.6" never agrees with "3.5", however close the numbers.
        if not (claim.version and evidence.version):
            return False
        return evidence.version[: len(claim.version)] == claim.version
    rel = 0.05 if "about" in (claim.bound, evidence.bound) else 0.01
    if claim.converted != evidence.converted:
        # "677 miles" for "1,090 km": a converted figure is as exact as the rounding of either figure allows.
        rel = max(rel, claim.precision + evidence.precision + 0.002)
    if claim.unit != evidence.unit and not (claim.is_count and evidence.is_count):
        return False
    if evidence.bound == "range":
        if claim.bound == "range":
            return _close(claim.low, evidence.low, rel) and _close(claim.high, evidence.high, rel)
        if claim.bound == "at_most":
            return _close(claim.high, evidence.high, rel)
        if claim.bound == "at_least":
            return _close(claim.low, evidence.low, rel) or claim.low < evidence.high
        return evidence.low * (1 - rel) <= claim.low <= evidence.high * (1 + rel)
    v = evidence.low
    if claim.bound == "at_most":
        return _close(claim.high, v, rel) if evidence.bound in {"exact", "at_most", "about"} else False
    if claim.bound == "at_least":
        return v > claim.low or (_close(claim.low, v, rel) and evidence.bound in {"at_least", "exact", "about"})
    if claim.bound == "range":
        return claim.low <= v <= claim.high
    if evidence.bound == "at_most":
        return _close(claim.low, v, rel)
    if evidence.bound == "at_least":
        return _close(claim.low, v, rel)
    return _close(claim.low, v, rel)


def render(q: Quantity) -> str:
    """The quantity as written (for explanations)."""
    return " ".join(q.text.split())
