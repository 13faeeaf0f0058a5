"""A claim analysed once, to be compared with many pieces of evidence: its names, quantities and their roles,
content words, negated words, comparisons and number-word terms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.claims.compounds import word_compound_spans
from bot.claims.lexicon import ALIASES, FRAME, fold_phrases, words
from bot.claims.numbers.extract import extract_quantities
from bot.claims.numbers.quantity import Quantity, parse_number
from bot.claims.quantities import role
from bot.claims.text.comparatives import Comparison, comparisons
from bot.claims.text.entities import Entity, entities
from bot.claims.text.negation import negated_stems, negator_positions
from bot.claims.text.tokens import fold_accents, tokens

_BOUND_WORDS = words("bound_words.txt")

_FRAMING = re.compile(r"^\s*(?:according to the brief,?|the brief (?:says|states|claims) (?:that)?)\s*", re.I)

# Comparatives are compared as comparisons ("larger than" vs "smaller than"), not as content words.
_COMPARATIVE = re.compile(r"\b(?:(?:more|less)\s+\w+|\w+er)\s+than\b", re.I)


@dataclass(frozen=True)
class Claim:
    """A claim analysed once, compared with many pieces of evidence."""

    text: str
    entities: tuple[Entity, ...]
    quantities: tuple[Quantity, ...]
    roles: tuple[frozenset[str], ...]
    content: tuple[str, ...]  # content stems outside names and quantities
    negated: frozenset[str]
    comparisons: tuple[Comparison, ...]
    terms: tuple[str, ...] = ()  # compounds with number words that are not figures ("one-on-one")

    @classmethod
    def parse(cls, text: str, *, common: frozenset[str] = frozenset()) -> Claim:
        text = fold_phrases(_FRAMING.sub("", fold_accents(text)))
        qs = tuple(extract_quantities(text))
        # "330 MW": a unit written in capitals is part of a quantity, not a name.
        ents = tuple(e for e in entities(text, common=common) if not any(q.start <= e.start < q.end for q in qs))
        toks = tokens(text)
        spans = [(e.start, e.end) for e in ents]
        spans += [(m.start(), m.end()) for m in _COMPARATIVE.finditer(text)]
        figures = [(q.start, q.end) for q in qs]
        content: dict[str, None] = {}
        quantifiers = negator_positions(toks)
        if qs:
            # "a maximum range of 13,000 km": the bound word belongs to the quantity
            quantifiers |= {i for i, t in enumerate(toks) if t.norm in _BOUND_WORDS}
        for i, t in enumerate(toks):
            # An acronym is a name and a word at once ("250 kilotons of TNT"): it counts among the claim's words.
            acronym = re.fullmatch(r"[A-Z]{2,}s?", t.text) is not None and t.norm not in ALIASES
            # A compound with a figure inside ("one-person-one-vote") is a word of the claim, not only a figure.
            wordy = sum(parse_number(p) is None for p in compound_parts(t.norm)) >= 2  # not "five-year", "30-day"
            inside = any(s <= t.start < e and (t.end <= e or not wordy) for s, e in figures)
            named = any(s <= t.start < e for s, e in spans) or inside
            named = named and not acronym
            if not t.stem or t.norm in FRAME or i in quantifiers or named:
                continue
            content.setdefault(t.stem, None)
        return cls(
            text=text,
            entities=ents,
            quantities=qs,
            roles=tuple(role(text, toks, q, qs, ents) for q in qs),
            content=tuple(content),
            negated=frozenset(negated_stems(toks)),
            # "faster than the speed of sound" is a bound of a quantity, not a comparison of two things
            comparisons=tuple(comparisons(_blank(text, [(q.start, q.end) for q in qs]), common=common)),
            terms=tuple(t.stem for t in toks if t.stem and any(s <= t.start < e for s, e in word_compound_spans(text))),
        )


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def compound_parts(compound: str) -> list[str]:
    """A compound's parts, figures written as digits ("five-year" -> ["5", "year"])."""
    out = []
    for p in compound.split("-"):
        n = parse_number(p) if p else None
        out.extend([f"{n:g}"] if n is not None else [p] if p else [])
    return out
