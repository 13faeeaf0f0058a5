"""Compare one claim with one piece of evidence: the structured half of claim checking (pure, no model).

The claim is broken into anchors that must agree: named entities, quantities (each with the words around it, its
*role*), comparatives, and negated words. The evidence is a sentence plus the sentences it leans on ("It flew for
1,090 km …" after "… Hwasong-17 …"). A quantity is compared with the evidence quantity of the same unit whose role
fits best, so "2,000 km" in the claim meets "flew for 1,090 km", not "an altitude of 6,248.5 kms".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from bot.check_text import (
    ANTONYMS,
    FRAME,
    Comparison,
    Entity,
    Token,
    comparisons,
    entities,
    entity_keys,
    expand_acronyms,
    fold_phrases,
    mentions,
    negated_stems,
    role_classes,
    synonym_keys,
    tokens,
)
from bot.numbers import Quantity, agrees, extract_quantities, units_comparable

Outcome = Literal["supported", "contradicted", "unrelated"]
Reason = Literal[
    "match", "number", "entity", "comparative", "negation", "missing_entity", "missing_number", "partial", "weak"
]

ROLE_WINDOW = 4  # content words before a quantity that say what it measures
PERSONS = frozenset({"trump", "biden", "kim", "obama", "putin", "xi", "moon", "psaki", "abe", "kishida", "yoon"})
_DESIGNATION = re.compile(r"^([a-z]+)-\d+[a-z]?$")
_FRAMING = re.compile(r"^\s*(?:according to the brief,?|the brief (?:says|states|claims) (?:that)?)\s*", re.I)
# Comparatives are compared as comparisons ("larger than" vs "smaller than"), not as content words.
_COMPARATIVE = re.compile(r"\b(?:(?:more|less)\s+\w+|\w+er)\s+than\b", re.I)

# Thresholds over coverage (share of the claim's content words the evidence has) and similarity (MiniLM cosine).
SUPPORT_COVERAGE = 0.75
SUPPORT_COVERAGE_WITH_SIMILARITY = (0.5, 0.62)
NUMBER_CONTRADICTION = (0.34, 0.45)  # coverage or similarity needed to call a number mismatch a contradiction
OPPOSITION_COVERAGE = 0.6  # negation and comparative flips need the rest of the claim to line up
SUBSTITUTION_COVERAGE = 0.6


@dataclass(frozen=True)
class QuantityCheck:
    claim: Quantity
    evidence: Quantity | None
    status: Literal["match", "mismatch", "absent"]
    strength: float  # role overlap of the pair that decided (0: decided on unit alone)


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

    @classmethod
    def parse(cls, text: str, *, common: frozenset[str] = frozenset()) -> Claim:
        text = re.sub(
            r"^\s*(?:according to the brief,?|the brief (?:says|states|claims) (?:that)?)\s*", "", text, flags=re.I
        )
        text = fold_phrases(text)
        ents = tuple(entities(text, common=common))
        qs = tuple(extract_quantities(text))
        toks = tokens(text)
        spans = [(e.start, e.end) for e in ents] + [(q.start, q.end) for q in qs]
        content: dict[str, None] = {}
        spans += [(m.start(), m.end()) for m in _COMPARATIVE.finditer(text)]
        for t in toks:
            if not t.stem or t.norm in FRAME or any(s <= t.start < e for s, e in spans):
                continue
            content.setdefault(t.stem, None)
        return cls(
            text=text,
            entities=ents,
            quantities=qs,
            roles=tuple(role(text, toks, q, qs) for q in qs),
            content=tuple(content),
            negated=frozenset(negated_stems(toks)),
            comparisons=tuple(comparisons(text)),
        )


@dataclass(frozen=True)
class Evidence:
    """What a claim is compared with. ``text`` is quoted; ``context`` only resolves what ``text`` refers to."""

    text: str
    context: str = ""
    implied: frozenset[str] = frozenset()  # entity keys every passage is about (the brief's title topic)

    @property
    def full(self) -> str:
        return f"{self.context} {self.text}".strip()


@dataclass(frozen=True)
class Judgement:
    """The outcome of comparing a claim with one piece of evidence."""

    outcome: Outcome
    reason: Reason
    score: float
    coverage: float
    similarity: float
    missing: tuple[Entity, ...] = ()
    quantities: tuple[QuantityCheck, ...] = ()
    substitute: Entity | None = None  # the evidence's name in place of the claim's missing one
    opposite: str | None = None  # the evidence words that oppose the claim (negation, antonym, comparative)
    matched: tuple[str, ...] = field(default=())

    @property
    def mismatch(self) -> QuantityCheck | None:
        bad = [q for q in self.quantities if q.status == "mismatch"]
        return max(bad, key=lambda q: q.strength) if bad else None


def role(text: str, toks: tuple[Token, ...], q: Quantity, qs: tuple[Quantity, ...]) -> frozenset[str]:
    """The content stems that say what a quantity measures: words just before it (not past the previous quantity
    or a ';'/':'), and for counts and ordinals the counted noun after it."""
    prev_end = max((o.end for o in qs if o.end <= q.start), default=0)
    cut = max(prev_end, text.rfind(";", 0, q.start) + 1, text.rfind(":", 0, q.start) + 1)
    before = [t.stem for t in toks if cut <= t.start and t.end <= q.start and t.stem]
    words = set(before[-ROLE_WINDOW:])
    if q.is_count or q.unit == "ordinal" or q.is_date:
        nxt = min((o.start for o in qs if o.start >= q.end), default=len(text))
        stop = min(nxt, *(i for i in (text.find(c, q.end) for c in ".;,") if i >= 0), len(text))
        after = [t.stem for t in toks if q.end <= t.start and t.end <= stop and t.stem]
        words.update(after[:3])
    if q.is_count and q.unit[6:]:
        words.add(q.unit[6:])
    if q.is_date:
        prep = re.search(r"(\w+)\s+(?:the\s+)?$", text[: q.start])
        if prep:
            # "in 2021" and "since 2019" relate a date differently; in/on/of/during all mean "at".
            p = prep.group(1).lower()
            words.add("@at" if p in {"in", "on", "of", "during", "by"} else f"@{p}")
        opener = re.match(r"\s*(?:in|on|by|during)?\s*$", text[: q.start], re.I)
        if opener and text[q.end : q.end + 1] == ",":
            # "In 2021, Pyongyang launched …": an opening date dates the whole clause after it.
            stop = text.find(".", q.end)
            main = [t.stem for t in toks if q.end < t.start and (stop < 0 or t.end <= stop) and t.stem]
            words.update(main[: 2 * ROLE_WINDOW])
    return frozenset(words)


def _role_score(a: frozenset[str], b: frozenset[str]) -> float:
    exact = len(a & b)
    shared_syn = {k for s in a for k in synonym_keys(s) if k.startswith("syn")} & {
        k for s in b for k in synonym_keys(s) if k.startswith("syn")
    }
    classes = len(role_classes(a) & role_classes(b))
    return exact + 0.5 * classes + 0.25 * len(shared_syn)


def check_quantities(claim: Claim, text: str) -> tuple[QuantityCheck, ...]:
    """Each claim quantity against the evidence quantity of the same unit that plays the same role."""
    ev_qs = tuple(extract_quantities(text))
    ev_toks = tokens(text)
    ev_roles = [role(text, ev_toks, q, ev_qs) for q in ev_qs]
    out = []
    for cq, crole in zip(claim.quantities, claim.roles, strict=True):
        cands = [(eq, r) for eq, r in zip(ev_qs, ev_roles, strict=True) if units_comparable(cq, eq)]
        if not cands:
            out.append(QuantityCheck(cq, None, "absent", 0.0))
            continue
        scored = sorted(((_role_score(crole, r), i) for i, (_, r) in enumerate(cands)), reverse=True)
        best = scored[0][0]
        tied = [cands[i][0] for s, i in scored if s == best]
        agreeing = [eq for eq in tied if agrees(cq, eq)]
        if agreeing:
            out.append(QuantityCheck(cq, agreeing[0], "match", best))
        elif cq.is_date and best == 0:
            # A year the evidence mentions in passing is not the claim's date unless its role says so.
            hit = next((eq for eq, _ in cands if agrees(cq, eq)), None)
            out.append(QuantityCheck(cq, hit or tied[0], "match" if hit else "mismatch", 0.0))
        else:
            out.append(QuantityCheck(cq, tied[0], "mismatch", best))
    return tuple(out)


def _stem_set(toks: tuple[Token, ...]) -> set[str]:
    out: set[str] = set()
    for t in toks:
        if t.stem:
            out.update(synonym_keys(t.stem))
    return out


def _polarity_conflict(claim: Claim, ev_toks: tuple[Token, ...], ev_keys: set[str]) -> str | None:
    """A word the claim and evidence share, negated in one only; or an antonym pair ("accepted"/"rejected")."""
    ev_neg = negated_stems(ev_toks)
    ev_neg_keys = {k for s in ev_neg for k in synonym_keys(s)}
    claim_neg_keys = {k for s in claim.negated for k in synonym_keys(s)}
    for s in claim.content:
        keys = synonym_keys(s)
        if not keys & ev_keys:
            continue
        in_claim = bool(keys & claim_neg_keys)
        in_ev = bool(keys & ev_neg_keys)
        if in_claim != in_ev:
            return next((t.text for t in ev_toks if t.stem and synonym_keys(t.stem) & keys), s)
    ev_stems = {t.stem for t in ev_toks if t.stem}
    for a, b in ANTONYMS:
        for x, y in ((a, b), (b, a)):
            if x in claim.content and y in ev_stems and x not in ev_stems and (x in claim.negated) == (y in ev_neg):
                return next((t.text for t in ev_toks if t.stem == y), y)
    return None


def _comparative(claim: Claim, text: str) -> tuple[bool | None, str | None]:
    """(True, words) when the evidence states the claim's comparison; (False, words) when it states the opposite;
    (None, None) when it does not compare the same things."""
    if not claim.comparisons:
        return None, None
    ev = comparisons(text)
    for c in claim.comparisons:
        for e in ev:
            same = (c.subject, c.other) == (e.subject, e.other)
            swapped = (c.subject, c.other) == (e.other, e.subject)
            if not (same or swapped) or (c.dimension != e.dimension and c.subject is None):
                continue
            agree = (c.direction == e.direction) == same
            m = re.search(r"\b(?:more|less)\s+\w+\s+than\b|\b\w+er\s+than\b", text, re.I)
            return agree, (m.group(0) if m else None)
    return None, None


def _kind(key: str) -> str:
    if _DESIGNATION.match(key):
        return "designation:" + key.split("-")[0]
    if key in PERSONS:
        return "person"
    return "name"


def compare(
    claim: Claim,
    evidence: Evidence,
    similarity: float,
    *,
    known: Callable[[Entity], bool] = lambda e: True,
) -> Judgement:
    """Compare a claim with one piece of evidence. ``known(entity)``: the brief mentions it somewhere."""
    full = expand_acronyms(evidence.full)
    ev_keys_entities = entity_keys(full) | set(evidence.implied)
    low = " ".join(full.lower().split())
    missing = tuple(e for e in claim.entities if not mentions(e, ev_keys_entities, low))
    ev_toks = tokens(full)
    ev_stem_keys = _stem_set(ev_toks)
    matched = tuple(s for s in claim.content if synonym_keys(s) & ev_stem_keys)
    coverage = len(matched) / len(claim.content) if claim.content else 1.0
    qchecks = check_quantities(claim, evidence.text)
    if evidence.context and any(q.status == "absent" for q in qchecks):
        # A date or number the sentence leaves out may sit in the sentence it leans on ("On March 24, …").
        # Only dates: a measurement in the sentence before belongs to whatever that sentence was about.
        around = check_quantities(claim, evidence.context)
        qchecks = tuple(
            a if q.status == "absent" and q.claim.is_date else q for q, a in zip(qchecks, around, strict=True)
        )
    base = 0.5 * coverage + 0.5 * similarity
    entity_share = 1 - len(missing) / len(claim.entities) if claim.entities else 1.0

    def result(outcome: Outcome, reason: Reason, score: float, **kw: object) -> Judgement:
        return Judgement(outcome, reason, score, coverage, similarity, missing, qchecks, matched=matched, **kw)  # type: ignore[arg-type]

    if missing:
        claim_keys = {e.key for e in claim.entities}
        focal_entities = [
            e for e in entities(evidence.text) if e.key not in claim_keys and e.key not in evidence.implied
        ]
        if len(missing) == 1 and known(missing[0]) and coverage >= SUBSTITUTION_COVERAGE:
            want = _kind(missing[0].key)
            subs = [e for e in focal_entities if _kind(e.key) == want]
            if subs and not any(q.status == "mismatch" for q in qchecks):
                return result("contradicted", "entity", base + 0.1, substitute=subs[0])
        return result("unrelated", "missing_entity", base * entity_share * 0.8)

    mismatch = [q for q in qchecks if q.status == "mismatch"]
    if mismatch:
        strong = any(q.strength > 0 for q in mismatch)
        if coverage >= NUMBER_CONTRADICTION[0] or similarity >= NUMBER_CONTRADICTION[1]:
            return result("contradicted", "number", base + (0.2 if strong else 0.05))
        return result("unrelated", "weak", base * 0.7)

    verdict, words = _comparative(claim, evidence.text)
    if verdict is False and coverage >= OPPOSITION_COVERAGE - 0.2:
        return result("contradicted", "comparative", base + 0.15, opposite=words)

    opposite = _polarity_conflict(claim, ev_toks, ev_stem_keys)
    if opposite and coverage >= OPPOSITION_COVERAGE:
        return result("contradicted", "negation", base + 0.1, opposite=opposite)

    if any(q.status == "absent" for q in qchecks):
        return result("unrelated", "missing_number", base * 0.8)
    if claim.comparisons and verdict is None:
        return result("unrelated", "partial", base * 0.8)
    c_min, s_min = SUPPORT_COVERAGE_WITH_SIMILARITY
    if coverage >= SUPPORT_COVERAGE or (coverage >= c_min and similarity >= s_min):
        return result("supported", "match", base + 0.1 * bool(claim.quantities))
    return result("unrelated", "partial", base * 0.9)
