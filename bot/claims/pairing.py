"""Which figure goes with which: two repairs to the claim-quantity-by-quantity matching of ``check_quantities``.

* One to one: "about 3k compared with 50k" against "Compared to the 50k … a coroutine takes barely 3k": each
  evidence figure answers for one claim figure, so the claim's 3k is not held against the 50k its other figure
  already matched: it meets a 3k of the evidence's own in a fitting role, else nothing.
* Crossed years: "$123 million for 2011" against "total revenue for 2011 was $163 million, up from $123 million in
  2010": both figures are there, but each belongs to the other year, so the claim's figure is the other year's.
  Figures and years are paired only when each is the other's nearest (a pairing that is not mutual decides
  nothing).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.claims.numbers.agreement import agrees, dates_agree, units_comparable
from bot.claims.numbers.quantity import Quantity


@dataclass(frozen=True)
class QuantityCheck:
    """A claim figure against the evidence figure it was paired with (or none), and how they compare."""

    claim: Quantity
    evidence: Quantity | None
    status: Literal["match", "mismatch", "absent"]
    strength: float  # role overlap of the pair that decided (0: decided on unit alone)


Pool = Sequence[tuple[Quantity, float]]  # a claim quantity's comparable evidence quantities with their role scores


def _same(a: Quantity | None, b: Quantity | None) -> bool:
    return a is not None and b is not None and (a.start, a.end) == (b.start, b.end)


def one_to_one(checks: Sequence[QuantityCheck], pools: Sequence[Pool]) -> tuple[QuantityCheck, ...]:
    """A mismatch against an evidence figure another claim figure matched is re-paired with an unused evidence
    figure that agrees with it and shares some of its role (score > 0), else is a mismatch against an unused figure;
    with none left it is absent (that evidence figure answers for the other claim figure, not this one)."""
    out = list(checks)
    for i, q in enumerate(out):
        if q.status != "mismatch" or q.claim.is_date:
            continue
        taken = [o.evidence for k, o in enumerate(out) if k != i and o.status == "match"]
        if not any(_same(q.evidence, e) for e in taken):
            continue
        free = [
            (score, eq)
            for eq, score in pools[i]
            if score > 0 and agrees(q.claim, eq) and not any(_same(eq, e) for e in taken)
        ]
        unused = [(score, eq) for eq, score in pools[i] if not any(_same(eq, e) for e in taken)]
        if free:
            score, eq = max(free, key=lambda se: se[0])
            out[i] = dataclasses.replace(q, evidence=eq, status="match", strength=score)
        elif unused:
            # "Five of the eight wells" against "3 of the 8 wells": the 8 is the claim's eight, the 3 its five.
            score, eq = max(unused, key=lambda se: se[0])
            # "died at 89 and his mother at 85" against "he at 89, and she at 85": the figures in the claim's
            # order, each agreeing, are the claim's (in the other order they are each other's).
            kept = agrees(q.claim, eq) and _in_order(out, i, eq)
            out[i] = dataclasses.replace(q, evidence=eq, status="match" if kept else "mismatch", strength=score)
        else:
            # The evidence figure is the claim's other figure: it says nothing about this one.
            out[i] = dataclasses.replace(q, status="absent")
    return tuple(out)


def _in_order(checks: Sequence[QuantityCheck], i: int, eq: Quantity) -> bool:
    """Whether pairing the claim figure ``i`` with ``eq`` keeps the order of the claim's other matched figures."""
    for k, o in enumerate(checks):
        if k == i or o.status != "match" or o.evidence is None or o.claim.is_date:
            continue
        if (k < i) != (o.evidence.start < eq.start):
            return False
    return True


def _nearest(q: Quantity, others: Sequence[Quantity]) -> Quantity | None:
    """The quantity closest to ``q`` in the text (by the characters between them); None on a tie."""
    if not others:
        return None

    def gap(o: Quantity) -> int:
        return o.start - q.end if o.start >= q.end else q.start - o.end

    ranked = sorted(others, key=gap)
    if len(ranked) > 1 and gap(ranked[0]) == gap(ranked[1]):
        return None
    return ranked[0]


def _paired(q: Quantity, dates: Sequence[Quantity], figures: Sequence[Quantity]) -> Quantity | None:
    """The date a figure goes with: its nearest date, whose nearest figure (of the same kind) is this one."""
    d = _nearest(q, dates)
    if d is None or not _same(_nearest(d, figures), q):
        return None
    return d


def crossed_years(
    checks: Sequence[QuantityCheck], evidence: Sequence[Quantity], text: str
) -> tuple[QuantityCheck, ...]:
    """The claim's one date and a figure both match, each paired in the evidence with another of the other kind:
    the figure becomes a mismatch against the figure the evidence gives for the claim's date."""
    dated = [q for q in checks if q.claim.is_date]
    if len(dated) != 1 or dated[0].status != "match" or dated[0].evidence is None:
        return tuple(checks)
    year = dated[0].evidence
    dates = [e for e in evidence if e.is_date and e.date and e.date[0] is not None]
    if len(dates) < 2 or not any(_same(year, d) for d in dates):
        return tuple(checks)
    out = list(checks)
    for i, q in enumerate(out):
        if q.status != "match" or q.claim.is_date or q.evidence is None:
            continue
        figures = [e for e in evidence if not e.is_date and units_comparable(q.claim, e)]
        if len(figures) < 2 or not text:
            continue
        own = _paired(q.evidence, dates, figures)
        if own is None or own.date is None or year.date is None or dates_agree(own.date, year.date):
            continue
        other = next((f for f in figures if _same(_paired(f, dates, figures), year)), None)
        if other is not None and not agrees(q.claim, other):
            out[i] = dataclasses.replace(q, evidence=other, status="mismatch", strength=max(q.strength, 1.0))
    return tuple(out)
