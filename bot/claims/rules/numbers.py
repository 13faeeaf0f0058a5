"""Rules on the claim's numbers: a figure that differs for the same fact contradicts it; another event's figure,
a figure or term that is not here, leave it unsaid."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.claims.claim import compound_parts
from bot.claims.compounds import other_term
from bot.claims.facts import Facts
from bot.claims.judgement import Judgement
from bot.claims.pairing import QuantityCheck
from bot.claims.text.entities import Entity


def _mismatches(f: Facts) -> list[QuantityCheck]:
    return [q for q in f.quantities if q.status == "mismatch"]


def _indefinite(text: str, entity: Entity) -> bool:
    """ "tested an XYZ": a name after "a" or "an" is a kind of thing, not one thing."""
    return re.search(r"\b(?:a|an)\s+$", text[: entity.start], re.I) is not None


def mismatch_of_another_event(f: Facts) -> Judgement | None:
    """ "Chile's new rocket flew 700 km in January 2022" against the March 4 launch: another date and another
    figure for an unnamed thing are another event."""
    mismatch = _mismatches(f)
    if not mismatch:
        return None
    measured = any(not q.claim.is_date for q in mismatch)
    dated_elsewhere = any(q.claim.is_date for q in mismatch)
    if measured and dated_elsewhere and all(e.key in f.evidence.implied for e in f.claim.entities):
        return f.result("unrelated", "weak", f.base * f.t.weak_factor)
    return None


def mismatch_without_the_count(f: Facts) -> Judgement | None:
    """ "70 rockets in 2022" against "a series of rockets in 2020": the claim's count is not here, so neither is its
    event; another year is no contradiction."""
    mismatch = _mismatches(f)
    if not mismatch or any(not q.claim.is_date for q in mismatch):
        return None
    if any(q.status == "absent" and not q.claim.is_date and q.claim.unit != "ordinal" for q in f.quantities):
        return f.result("unrelated", "weak", f.base * f.t.weak_factor)
    return None


def _singled_out(f: Facts, mismatch: Sequence[QuantityCheck], anchored: bool) -> bool:
    """The claim singles out one event: a named thing ("the Model-16", "the Geneva summit"), a count, a day, a
    definite description ("The 2017 test") or a word the brief rarely uses. "Chile conducted a rocket test in 2021"
    is not denied by tests in 2006 and 2017: there may have been more."""
    claim, ev = f.claim, f.evidence
    return (
        anchored
        or any(e.key not in ev.implied and not _indefinite(claim.text, e) for e in claim.entities)
        or any(q.claim.is_date and q.claim.date and q.claim.date[2] is not None for q in mismatch)
        or claim.text.lstrip().lower().startswith("the ")
        or (f.top > 0 and any(ev.weights.get(w, 0.0) >= f.t.rare * f.top for w in f.matched))
    )


def mismatched_number(f: Facts) -> Judgement | None:
    """A number of the claim differs from the evidence's number in the same role: a contradiction when the evidence
    is about the claim's fact, else unrelated."""
    mismatch = _mismatches(f)
    if not mismatch:
        return None
    t = f.t
    # Another of the claim's measurements matching here ("five times the speed of sound") pins the passage to the
    # claim's fact as firmly as a strong role does.
    strong = any(q.strength > 0 for q in mismatch) or any(
        q.status == "match" and not q.claim.is_date and not q.claim.is_count for q in f.quantities
    )
    measured = any(not q.claim.is_date for q in mismatch)
    anchored = any(q.status == "match" for q in f.quantities)
    # A different date only contradicts when the event is plainly the same one (its words line up, or another
    # number of the claim matches here), and one the claim singles out; a different measurement needs less.
    slack = t.anchored_date_event_slack if anchored else 0.0
    event = f.words_coverage >= t.date_event_coverage - slack or f.similarity >= t.same_event_similarity
    event = event and (measured or _singled_out(f, mismatch, anchored))
    need_cov = t.number_coverage + (0 if strong else t.weak_number_coverage)
    need_sim = t.number_similarity + (0 if strong else t.weak_number_similarity)
    if (measured or event) and (f.coverage >= need_cov or f.similarity >= need_sim):
        bonus = t.strong_number_bonus if strong else t.weak_number_bonus
        return f.result("contradicted", "number", f.base + bonus)
    return f.result("unrelated", "weak", f.base * f.t.weak_factor)


def missing_number(f: Facts) -> Judgement | None:
    """A number of the claim the evidence does not have: the claim's fact is not here."""
    if any(q.status == "absent" for q in f.quantities):
        return f.result("unrelated", "missing_number", f.base * f.t.partial_factor)
    # "one-on-one" holds a number word that is no figure: the term itself must be there.
    if any(t not in f.have and t not in f.matched for t in f.claim.terms):
        term = other_term(f.claim.text, f.evidence.text)
        if term is not None:
            return f.result("contradicted", "attribute", f.base + f.t.opposition_bonus, opposite=term)
        return other_compound(f) or f.result("unrelated", "missing_number", f.base * f.t.partial_factor)
    return None


def other_compound(f: Facts) -> Judgement | None:
    """ "one-person-one-vote" against "one-share-one-vote", "part-time" against "full-time": a compound of the
    claim the evidence writes with another part in place of one of its own is another term, not the claim's."""
    have = f.have
    for s in f.claim.content:
        parts = compound_parts(s)
        if len(parts) < 2 or s in f.matched or s in have:
            continue
        for t in f.ev_toks:
            theirs = compound_parts(t.stem)
            if len(theirs) < 2 or theirs == parts:
                continue
            if set(parts) & set(theirs) and (set(parts) ^ set(theirs)):
                return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None
