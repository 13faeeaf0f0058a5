"""Quantities of a claim against those of a piece of evidence: each claim quantity meets the evidence quantity of
the same unit whose *role* (the words around it) fits best, so "2,000 km" in a claim about a flight meets "flew
for 1,090 km", not "an altitude of 6,248.5 kms"."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Protocol

from bot.claims.lexicon import words
from bot.claims.modality import about_supposing, habitual
from bot.claims.numbers.agreement import agrees, units_comparable
from bot.claims.numbers.extract import extract_quantities
from bot.claims.numbers.quantity import Quantity
from bot.claims.pairing import Pool, QuantityCheck, crossed_years, one_to_one
from bot.claims.text.entities import Entity, entities
from bot.claims.text.tokens import Token, role_classes, synonym_keys, tokens

ROLE_WINDOW = 4  # content words before a quantity that say what it measures
_MODALS = words("modals.txt")


def hypothetical(text: str, q: Quantity, habit: bool = False) -> bool:
    """Whether a figure is only supposed, required or conditional in its clause ("ought to be twenty times")."""
    start = max(text.rfind(c, 0, q.start) for c in ".;:,")
    modals = {t.norm for t in tokens(text[start + 1 : q.start])} & _MODALS
    if modals == {"would"}:
        # "He would play three concerts every week": a past habit, stated as fact.
        stop = min((i for i in (text.find(c, q.end) for c in ".;:") if i >= 0), default=len(text))
        return not (habit or habitual(text[start + 1 : stop]))
    return bool(modals)


class HasQuantities(Protocol):
    """A claim's text and quantities with their roles (``bot.claims.claim.Claim``)."""

    @property
    def text(self) -> str: ...

    @property
    def quantities(self) -> tuple[Quantity, ...]: ...

    @property
    def roles(self) -> tuple[frozenset[str], ...]: ...


def role(
    text: str, toks: tuple[Token, ...], q: Quantity, qs: tuple[Quantity, ...], names: Sequence[Entity] = ()
) -> frozenset[str]:
    """The content stems that say what a quantity measures: words just before it (not past the previous quantity
    or a ';'/':'), and for counts and ordinals the counted noun after it. Names count half (marked "!")."""
    prev_end = max((o.end for o in qs if o.end <= q.start), default=0)
    cut = max(prev_end, text.rfind(";", 0, q.start) + 1, text.rfind(":", 0, q.start) + 1)

    def mark(t: Token) -> str:
        return "!" + t.stem if any(e.start <= t.start < e.end for e in names) else t.stem

    before = [mark(t) for t in toks if cut <= t.start and t.end <= q.start and t.stem]
    words = set(before[-ROLE_WINDOW:])
    if q.is_count or q.unit == "ordinal":
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
            # "In 2021, Madrid signed …": an opening date dates the whole clause after it.
            stop = text.find(".", q.end)
            main = [t.stem for t in toks if q.end < t.start and (stop < 0 or t.end <= stop) and t.stem]
            words.update(main[: 2 * ROLE_WINDOW])
    return frozenset(words)


def _role_score(a: frozenset[str], b: frozenset[str]) -> float:
    plain_a, plain_b = {w.lstrip("!") for w in a}, {w.lstrip("!") for w in b}
    shared = plain_a & plain_b
    exact = sum(0.5 if ("!" + w in a or "!" + w in b) else 1.0 for w in shared)
    a, b = frozenset(plain_a), frozenset(plain_b)
    shared_syn = {k for s in a for k in synonym_keys(s) if k.startswith("syn")} & {
        k for s in b for k in synonym_keys(s) if k.startswith("syn")
    }
    classes = len(role_classes(a) & role_classes(b))
    return exact + 0.5 * classes + 0.25 * len(shared_syn)


def comparable(cq: Quantity, eq: Quantity) -> bool:
    if cq.is_date or eq.is_date:
        # "2016" and "March 24" share no part: neither supports nor contradicts the other.
        return bool(
            cq.date and eq.date and any(x is not None and y is not None for x, y in zip(cq.date, eq.date, strict=True))
        )
    return units_comparable(cq, eq)


def as_precise(claim: Quantity, evidence: Quantity) -> bool:
    """Whether the evidence's date gives every part the claim's date gives."""
    if not (claim.date and evidence.date):
        return True
    if claim.months is not None and evidence.date[1] is None and evidence.months is None:
        return False  # "late 2019" asks for more than the evidence's bare "2019" gives
    return all(c is None or e is not None for c, e in zip(claim.date, evidence.date, strict=True))


def year_of(text: str) -> int | None:
    """The year of the last dated mention in a text ("On March 4 2022, …" -> 2022)."""
    years = [q.date[0] for q in extract_quantities(text) if q.is_date and q.date and q.date[0] is not None]
    return years[-1] if years else None


def _within(claim: Quantity, evidence: Quantity) -> bool:
    """An exact claim figure inside an evidence bound ("10" under "more than 5", "300 km" under "less than 500")."""
    if claim.is_date or evidence.is_date or evidence.text[:1].isdigit():
        return False  # only a bound written with the figure ("more than 5"), not "a maximum altitude of 550 km"
    if evidence.bound == "at_least":
        return claim.low > evidence.low
    if evidence.bound == "at_most":
        return claim.high < evidence.high
    return False


def _uncounted(claim: Quantity, evidence: Quantity, ev_stems: set[str]) -> bool:
    """A bare evidence figure ("see page 14", a table cell) stands for the claim's count ("14 cases") only when the
    evidence names the counted noun somewhere; a figure from an unrelated clause does not."""
    if not (claim.is_count and evidence.is_count) or evidence.unit[6:] or not claim.unit[6:]:
        return False
    noun = claim.unit[6:]
    return noun not in ev_stems and not any(s.startswith(noun) or noun.startswith(s) for s in ev_stems if len(s) >= 4)


def check_quantities(
    claim: HasQuantities,
    text: str,
    common: frozenset[str] = frozenset(),
    year: int | None = None,
    habit: bool = False,
) -> tuple[QuantityCheck, ...]:
    """Each claim quantity against the evidence quantity of the same unit that plays the same role. ``year``
    completes the evidence's dates that give none ("On March 24, …" after "On March 4 2022, …"); ``habit``: the
    sentences before set out a past custom, so a "would" here tells it ("A full crew would number eight men")."""
    completed = []
    for q in extract_quantities(text):
        if q.is_date and q.date and q.date[0] is None and q.date[1] is not None and year is not None:
            q = dataclasses.replace(q, date=(year, q.date[1], q.date[2]))
        elif q.is_date and q.date and q.date[0] is not None:
            year = q.date[0]  # "On May 3 2021, … On May 19, …": the later date is in 2021 too
        completed.append(q)
    ev_qs = tuple(completed)
    ev_toks = tokens(text)
    names = entities(text, common=common)
    ev_roles = [role(text, ev_toks, q, ev_qs, names) for q in ev_qs]
    ev_stems = {t.stem for t in ev_toks if t.stem} | {t.norm for t in ev_toks}
    out = []
    pools: list[Pool] = []
    for cq, crole in zip(claim.quantities, claim.roles, strict=True):
        # A figure the evidence only supposes ("ought to be") says nothing about a figure the claim states; a claim
        # about the supposition itself ("The estimate assumes that …") is compared with the supposed figure.
        supposed = hypothetical(claim.text, cq) or about_supposing(claim.text)
        cands = [
            (eq, r)
            for eq, r in zip(ev_qs, ev_roles, strict=True)
            if eq.is_date or supposed or not hypothetical(text, eq, habit)
        ]
        cands = [
            (eq, r)
            for eq, r in cands
            if comparable(cq, eq)
            and not (eq.is_date and "@since" in r and "@since" not in crole)
            and not _uncounted(cq, eq, ev_stems)
        ]  # "testing … since 2017" neither confirms nor denies "in 2022"
        if cq.is_date and "@since" in crole and any("@since" in r for eq, r in cands if eq.is_date):
            # "its first since 2019" is compared with the evidence's "since" date, not with its "In 2021".
            cands = [(eq, r) for eq, r in cands if not eq.is_date or "@since" in r]
        pools.append([(eq, _role_score(crole, r)) for eq, r in cands])
        if not cands:
            out.append(QuantityCheck(cq, None, "absent", 0.0))
            continue
        scored = sorted(((_role_score(crole, r), i) for i, (_, r) in enumerate(cands)), reverse=True)
        best = scored[0][0]
        tied = [cands[i][0] for s, i in scored if s == best]
        agreeing = [eq for eq in tied if agrees(cq, eq)]
        if cq.is_date and agreeing and not any(as_precise(cq, eq) for eq in agreeing):
            # "2022" neither confirms nor denies "January 6, 2022": the claim says more than this evidence.
            out.append(QuantityCheck(cq, agreeing[0], "absent", best))
            continue
        if agreeing:
            out.append(QuantityCheck(cq, agreeing[0], "match", best))
        elif cq.bound == "exact" and any(_within(cq, eq) for eq in tied):
            # "Mach 10" against "more than five times the speed of sound": inside the bound, neither confirmed
            # nor denied.
            out.append(QuantityCheck(cq, tied[0], "absent", best))
        elif cq.is_date and best == 0:
            # A year the evidence mentions in passing is not the claim's date unless its role says so.
            hit = next((eq for eq, _ in cands if agrees(cq, eq)), None)
            out.append(QuantityCheck(cq, hit or tied[0], "match" if hit else "mismatch", 0.0))
        else:
            out.append(QuantityCheck(cq, tied[0], "mismatch", best))
    return _inside_period(claim, crossed_years(one_to_one(out, pools), ev_qs, text), ev_qs, text)


# "from 514 to 496 B.C.", "between 1990 and 1995", "1990-1995": two years joined as the ends of one period.
_PERIOD_JOINT = re.compile(r"\s*(?:-|–|—|to|until|till|and)\s*", re.IGNORECASE)


def _periods(qs: Sequence[Quantity], text: str) -> list[tuple[int, int]]:
    """The indexes of the pairs of dates that open and close a period ("from 514 to 496 B.C.")."""
    return [
        (i, i + 1)
        for i in range(len(qs) - 1)
        if qs[i].is_date and qs[i + 1].is_date and _PERIOD_JOINT.fullmatch(text[qs[i].end : qs[i + 1].start])
    ]


def _inside_period(
    claim: HasQuantities, checks: tuple[QuantityCheck, ...], ev_qs: Sequence[Quantity], text: str
) -> tuple[QuantityCheck, ...]:
    """A single year inside the period the claim gives ("in the third year of his reign [512 B.C.]" for "ruled from
    514 to 496 B.C.") is an event within it: it neither confirms nor denies either end (another period's ends do)."""
    out = list(checks)
    qs = claim.quantities
    ends = {(ev_qs[k].start, ev_qs[k].end) for pair in _periods(ev_qs, text) for k in pair}
    for i, _ in _periods(qs, claim.text):
        a, b = qs[i], qs[i + 1]
        if not (a.date and b.date):
            continue
        ya, yb = a.date[0], b.date[0]
        if ya is None or yb is None:
            continue
        lo, hi = min(ya, yb), max(ya, yb)
        for k in (i, i + 1):
            ev = out[k].evidence
            if ev is None or not ev.date or ev.date[0] is None or (ev.start, ev.end) in ends:
                continue
            if out[k].status == "mismatch" and lo < ev.date[0] < hi:
                out[k] = dataclasses.replace(out[k], status="absent")
    return tuple(out)
