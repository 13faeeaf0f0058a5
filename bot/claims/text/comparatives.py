"""Comparatives and superlatives: what a text compares, in which direction, with the names on each side."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.claims.lexicon import COMPARATIVE_BASES, COMPARATIVES, NOT_SUPERLATIVES, words
from bot.claims.text.entities import Entity, entities
from bot.claims.text.tokens import tokens, word_stem
from corpus.text.numbers import WORD_NUMBERS
from corpus.text.words import STOPWORDS


@dataclass(frozen=True, slots=True)
class Comparison:
    dimension: str
    direction: int
    subject: str | None  # canonical key of what is compared
    other: str | None  # canonical key after "than"


_TIME_COMPARATIVES = words("time_comparatives.txt")


def comparisons(text: str, *, common: frozenset[str] = frozenset()) -> list[Comparison]:
    """Comparisons with the names on each side: "X … larger than Y", "less vulnerable" (None: no name)."""
    out = []
    toks = tokens(text)
    names = entities(text, common=common)
    for i, t in enumerate(toks):
        nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
        if t.norm in {"more", "less", "fewer"} and nxt and nxt not in {"than", "of", "and", "or"}:
            if nxt[:1].isdigit() or nxt in STOPWORDS:
                continue
            sign = 1 if t.norm == "more" else -1
            base = COMPARATIVE_BASES.get(nxt)
            spec = COMPARATIVES.get(f"{t.norm} {nxt}") or (
                (base[0], base[1] * sign) if base else (word_stem(nxt), sign)
            )
            end = toks[i + 1].end
        elif t.norm in COMPARATIVES and t.norm not in {"more", "less", "fewer"}:
            if t.norm in _TIME_COMPARATIVES and nxt != "than":
                continue  # "Earlier, …" is not a comparison
            spec = COMPARATIVES[t.norm]
            end = t.end
        else:
            continue
        than = re.match(r"\s+than\b", text[end:])
        before = [e for e in names if e.end <= t.start and "." not in text[e.end : t.start] and not _governed(text, e)]
        after = [e for e in names if than and e.start >= end + than.end()]
        out.append(Comparison(spec[0], spec[1], before[-1].key if before else None, after[0].key if after else None))
    for m in _MULTIPLE.finditer(text):
        # "16 times the size of the lake in Geneva": larger than it (smaller for "half").
        factor = m.group("n").lower()
        value = _MULTIPLE_WORDS.get(factor) or WORD_NUMBERS.get(factor) or float(factor)
        if value == 1:
            continue
        before = [
            e for e in names if e.end <= m.start() and "." not in text[e.end : m.start()] and not _governed(text, e)
        ]
        after = [e for e in names if e.start >= m.end() and "." not in text[m.end() : e.start]]
        out.append(
            Comparison(
                "size", 1 if value > 1 else -1, before[-1].key if before else None, after[0].key if after else None
            )
        )
    return out


def _governed(text: str, entity: Entity) -> bool:
    """Whether a name is the object of a preposition ("250 tons of TNT"): not what a comparison is about."""
    return re.search(r"\b(?:of|in|at|by|for|with|from|to|on)\s+(?:the\s+)?$", text[: entity.start], re.I) is not None


_MULTIPLE_WORDS = {"twice": 2.0, "half": 0.5}  # the rest of the number words: corpus.text.numbers
_MULTIPLE = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|twice|half|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")\s+"
    r"(?:times\s+)?(?:the\s+)?"
    r"(?:size|power|yield|strength|force)\s+of\b",
    re.IGNORECASE,
)


# ----- superlatives ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Superlative:
    """ "<subject> was the largest <category>": the subject's and category's content stems."""

    subject: frozenset[str]
    degree: str
    category: frozenset[str]


_SUPERLATIVE = re.compile(
    r"\b(?:is|was|are|were|remains|remained|became|has\s+been|have\s+been)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?P<deg>(?:most|least)\s+[a-z]+|[a-z]{3,}est)\s+(?P<cat>[a-z][a-z -]{0,60}?)"
    r"(?=[,.;:]|\s+(?:in|of|ahead|since|after|before|for|with|and)\b|$)",
    re.IGNORECASE,
)


def superlatives(text: str) -> list[Superlative]:
    """ "Wind power was the largest renewable source" -> subject {wind, power}, degree larg, category {renew, sourc}."""
    out = []
    for m in _SUPERLATIVE.finditer(text):
        deg = m.group("deg").lower()
        if deg.split()[-1] in NOT_SUPERLATIVES:
            continue
        clause_start = max(text.rfind(c, 0, m.start()) for c in ".;:,") + 1
        subject = frozenset(t.stem for t in tokens(text[clause_start : m.start()])[-4:] if t.stem)
        category = frozenset(t.stem for t in tokens(m.group("cat"))[:3] if t.stem)
        if subject and category:
            out.append(Superlative(subject, " ".join(word_stem(w) for w in deg.split()), category))
    return out


def superlative_degrees(text: str) -> set[tuple[str, int]]:
    """(dimension, direction) of every superlative ("the most powerful" -> ("strength", 1), "least powerful"
    -> ("strength", -1), "smallest" -> ("size", -1))."""
    out = set()
    for m in re.finditer(r"\b(most|least)\s+([a-z]+)", text, re.I):
        base = COMPARATIVE_BASES.get(m.group(2).lower())
        if base:
            out.add((base[0], base[1] * (1 if m.group(1).lower() == "most" else -1)))
    for m in re.finditer(r"\b([a-z]+?)(?:e?st)\b", text, re.I):
        word = m.group(1).lower()
        for cand in (word, word + "e", word[:-1] if len(word) > 2 and word[-1] == word[-2] else word, word[:-1] + "y"):
            if cand in COMPARATIVE_BASES and len(m.group(0)) > len(cand):
                out.add(COMPARATIVE_BASES[cand])
                break
    return out
