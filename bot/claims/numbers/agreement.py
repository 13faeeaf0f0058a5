"""When two quantities agree: the same unit or counted noun, dates at the precision both give, versions part by
part, and figures within their bounds and rounding."""

from __future__ import annotations

from bot.claims.numbers.quantity import Quantity


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
