"""Quantities as they are written in everyday prose: someone's age ("at the age of twenty-eight", "died at 89"),
years of an era ("from 514 to 496 B.C."), and a number whose noun is left unsaid ("both sensors instead of just
one")."""

from __future__ import annotations

import dataclasses
import re

from bot.claims.lexicon import phrases
from bot.claims.numbers.patterns import AGE, AGE_LIMIT, ERA_BEFORE, ERA_YEAR
from bot.claims.numbers.quantity import Quantity, lemma, parse_number
from corpus.text.words import STOPWORDS


def _year(raw: str, era: str) -> tuple[int | None, int | None, int | None]:
    year = int(raw)
    return (-year if era.upper().startswith("B") else year, None, None)


def era_years(text: str) -> list[Quantity]:
    """ "514 B.C.", "A.D. 1066", and both ends of "from 514 to 496 B.C." as dates (a year before Christ negative)."""
    out = []
    for m in ERA_YEAR.finditer(text):
        era = m.group("era")
        end = m.end("lo") if m.group("hi") else m.end()
        out.append(Quantity(0, 0, "date", "exact", m.start("lo"), end, text[m.start("lo") : end], _year(m["lo"], era)))
        if m.group("hi"):
            out.append(
                Quantity(
                    0, 0, "date", "exact", m.start("hi"), m.end(), text[m.start("hi") : m.end()], _year(m["hi"], era)
                )
            )
    for m in ERA_BEFORE.finditer(text):
        out.append(Quantity(0, 0, "date", "exact", m.start(), m.end(), m.group(0), _year(m["lo"], m["era"])))
    return out


def ages(text: str) -> list[Quantity]:
    """ "at the age of twenty-eight", "aged 89", "89 years old", "died at 89": someone's age (unit "age")."""
    out = []
    for m in AGE.finditer(text):
        group = next(g for g in ("num", "num2", "num3") if m.group(g))
        value = parse_number(m.group(group))
        if value is None or not 0 < value <= AGE_LIMIT:
            continue
        start = m.start(group) if group == "num3" else m.start()
        out.append(Quantity(value, value, "age", "exact", start, m.end(), text[start : m.end()]))
    return out


_AT = re.compile(r"\bat\s+$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:!?]")


def elliptic_ages(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "Her father died at 89 and her mother at 85": a bare "at N" next to an age in the same sentence is an age
    too (the verb or the "years of age" said once for both)."""
    out = list(found)
    for i, q in enumerate(out):
        if q.unit != "count:" or not _AT.search(text[max(0, q.start - 6) : q.start]):
            continue
        value_ok = 0 < q.low <= AGE_LIMIT and q.low == int(q.low)
        near = [o for o in (out[i - 1] if i else None, out[i + 1] if i + 1 < len(out) else None) if o is not None]
        for o in near:
            between = text[min(o.end, q.end) : max(o.start, q.start)]
            if value_ok and o.unit == "age" and not _CLAUSE_END.search(between):
                out[i] = dataclasses.replace(q, unit="age")
                break
    return out


_OPENERS = "|".join(
    r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases("ellipsis_openers.txt"), key=len, reverse=True)
)
_ELLIPSIS = re.compile(rf"\b(?:{_OPENERS})\s+(?:just\s+|only\s+|merely\s+|even\s+)?$", re.IGNORECASE)
_PLURAL = re.compile(r"\b[a-z][a-z-]{2,}s\b", re.IGNORECASE)
_NO_NOUN_AFTER = re.compile(r"\s*(?:[.;:,)!?]|$|\band\b|\bor\b)")


def elliptic_heads(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "inputs from both sensors instead of just one": a bare number after "instead of", "rather than" … with no
    noun of its own counts the plural noun just before it (one sensor)."""
    out = list(found)
    for i, q in enumerate(out):
        if q.unit != "count:" or not _NO_NOUN_AFTER.match(text, q.end):
            continue
        opener = _ELLIPSIS.search(text[max(0, q.start - 40) : q.start])
        if opener is None:
            continue
        before = text[max(0, q.start - 100) : q.start - len(opener.group(0))]
        before = re.split(r"[.;:\d]", before)[-1]
        nouns = [m.group(0) for m in _PLURAL.finditer(before) if m.group(0).lower() not in STOPWORDS]
        if nouns and not nouns[-1].endswith("ss"):
            out[i] = dataclasses.replace(q, unit=f"count:{lemma(nouns[-1])}")
    return out
