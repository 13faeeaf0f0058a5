"""Find every quantity in a text, in order, overlaps resolved in favour of the more specific kind; then read
partitives ("7 of the 12 Houses"), runs of figures, denied bounds and maxima."""

from __future__ import annotations

import dataclasses
import re

from bot.claims.compounds import word_compound_spans
from bot.claims.count_nouns import partitive_noun_at
from bot.claims.numbers.everyday import ages, elliptic_ages, elliptic_heads, era_years
from bot.claims.numbers.patterns import (
    COMPOUND_ORDINAL,
    COUNT,
    CURRENCIES,
    DATE_PATTERNS,
    FREQUENCY,
    GLUED,
    MACH,
    MEASURE,
    MONEY,
    MONEY_WORDS,
    NOT_GLUED_UNIT,
    NOT_VERSION,
    OLD_YEAR,
    ORDINAL,
    PART_OF_DATE,
    PART_OF_YEAR,
    RANGE,
    SOUND,
    SPEED_OF_SOUND,
    TWICE,
    VERSION,
    YEAR,
    YEAR_PARTS,
    bound_kind,
    rounding,
    scaled,
    times_per_year,
    unit_and_factor,
)
from bot.claims.numbers.quantity import Quantity, count_head, lemma, parse_number
from bot.claims.units import ORDINALS
from corpus.text.dates import MONTHS
from corpus.text.numbers import MAGNITUDES, WORD_NUMBERS
from corpus.text.words import STOPWORDS

# "not much more than five times": a denied lower bound is an upper one.
_DENIED = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+){0,3}?(?:much\s+|far\s+|very\s+)?$", re.I)
# Bare figures joined into a run ("pages 12, 14, 19", "3 + 4 * 12"): a list or a formula's operands.
_RUN_JOINT = re.compile(r"\s*(?:,|;|\+|\*|/|=|×|-|–|\band\b|\bor\b|&)\s*(?:and\s+|or\s+)?$", re.I)


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order; overlapping matches resolved in favour of the more specific kind."""
    found: list[Quantity] = []

    def free(s: int, e: int) -> bool:
        return all(e <= q.start or s >= q.end for q in found)

    for m in PART_OF_YEAR.finditer(text):
        span = next(YEAR_PARTS[w] for w in m.group("part").lower().split() if w in YEAR_PARTS)
        whole = (int(m.group("year")), None, None)
        found.append(Quantity(0, 0, "date", "exact", m.start(), m.end(), m.group(0), whole, months=span))
    for pattern, shape in DATE_PATTERNS:
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
    for m in VERSION.finditer(text):
        if not free(m.start("ver"), m.end("ver")) or PART_OF_DATE.match(text, m.end("ver")):
            continue
        name = (m.group("name") or "").lower()
        after = text[m.end("ver") : m.end("ver") + 20].lower()
        if name in MONTHS or name == "mach" or NOT_VERSION.match(after):
            continue  # "Mach 5.5", "3.5 million", "2.5 km": a measure, not a version
        name = "" if name == "version" else name
        parts = tuple(int(x) for x in m.group("ver").split("."))
        found.append(
            Quantity(0, 0, f"version:{name}", "exact", m.start("ver"), m.end("ver"), m.group("ver"), version=parts)
        )
    for m in (*MONEY.finditer(text), *MONEY_WORDS.finditer(text)):
        if not free(m.start(), m.end()):
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        cur = m.group("cur").lower()
        unit = CURRENCIES.get(" ".join(cur.split()), " ".join(cur.split()))
        raw_scale = (m.group("scale") or "").strip().lower()
        magnitude = {"m": 1e6, "k": 1e3}.get(raw_scale) or MAGNITUDES.get(raw_scale, 1.0)
        v = value * magnitude
        found.append(
            Quantity(
                v,
                v,
                unit,
                bound_kind(m.group("bound")),
                m.start(),
                m.end(),
                m.group(0),
                precision=rounding(m.group("num")),
            )
        )
    found.extend(q for q in era_years(text) if free(q.start, q.end))
    found.extend(q for q in ages(text) if free(q.start, q.end))
    for m in RANGE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        unit, factor = unit_and_factor(m.group("unit"))
        lo = parse_number(m.group("lo"))
        hi = parse_number(m.group("hi"))
        if lo is None or hi is None or lo >= hi:
            continue
        scale = m.group("scale")
        found.append(
            Quantity(
                scaled(lo, scale) * factor, scaled(hi, scale) * factor, unit, "range", m.start(), m.end(), m.group(0)
            )
        )
    for m in FREQUENCY.finditer(text):
        if free(m.start(), m.end()) and (rate := times_per_year(m)) is not None:
            found.append(Quantity(rate, rate, "per_year", "exact", m.start(), m.end(), m.group(0)))
    for m in MACH.finditer(text):
        if free(m.start(), m.end()):
            v = float(m.group("num"))
            found.append(
                Quantity(v, v, "mach", "exact", m.start(), m.end(), m.group(0), precision=rounding(m.group("num")))
            )
    for m in MEASURE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit, factor = unit_and_factor(m.group("unit"))
        end = m.end()
        if unit == "times" and (sound := SPEED_OF_SOUND.match(text, m.end())):
            unit, end = "mach", sound.end()  # "five times the speed of sound" is Mach 5
        v = scaled(value, m.group("scale")) * factor
        found.append(
            Quantity(
                v,
                v,
                unit,
                bound_kind(m.group("bound")),
                m.start(),
                end,
                text[m.start() : end],
                precision=rounding(m.group("num")),
                converted=factor != 1.0,
            )
        )
    for m in SOUND.finditer(text):
        if free(m.start(), m.end()):  # "less than the speed of sound" is below Mach 1
            found.append(Quantity(1.0, 1.0, "mach", bound_kind(m.group("bound")), m.start(), m.end(), m.group(0)))
    for m in TWICE.finditer(text):
        if free(m.start(), m.end()):
            v = 2.0 if m.group("word").lower() == "twice" else 3.0
            found.append(Quantity(v, v, "times", "exact", m.start(), m.end(), m.group(0)))
    for m in YEAR.finditer(text):
        if free(m.start(), m.end()):
            year = int(m.group("year"))
            found.append(Quantity(0, 0, "date", "exact", m.start(), m.end(), m.group(0), (year, None, None)))
    for m in COMPOUND_ORDINAL.finditer(text):
        if free(m.start(), m.end()):
            value = WORD_NUMBERS[m.group("tens").lower()] + ORDINALS[m.group("ord").lower()]
            found.append(Quantity(value, value, "ordinal", "exact", m.start(), m.end(), m.group(0)))
    for m in OLD_YEAR.finditer(text):
        next_word = re.match(r"\s+([a-z]+)", text[m.end("year") :])
        counted = next_word is not None and next_word.group(1) not in STOPWORDS  # "in 1500 cases"
        if free(m.start("year"), m.end("year")) and not counted:
            year = int(m.group("year"))
            found.append(
                Quantity(0, 0, "date", "exact", m.start("year"), m.end("year"), m.group("year"), (year, None, None))
            )
    for m in ORDINAL.finditer(text):
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
    for m in GLUED.finditer(text):
        unit_raw = m.group("unit").lower()
        if not free(m.start(), m.end()) or unit_raw in NOT_GLUED_UNIT:
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
                precision=rounding(m.group("num")),
            )
        )
    for m in COUNT.finditer(text):
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
        v = scaled(value, m.group("scale"))
        found.append(Quantity(v, v, f"count:{head}", bound_kind(m.group("bound")), m.start(), m.end(), m.group(0)))
    found.sort(key=lambda q: q.start)
    found = elliptic_heads(text, elliptic_ages(text, found))
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
