"""Rules on how the evidence frames its statement: only supposed, said by others, reported to be refuted, or
hedged where the claim is universal."""

from __future__ import annotations

from bot.claims.authorship import others_say
from bot.claims.facts import Facts
from bot.claims.hedges import hedged
from bot.claims.judgement import Judgement
from bot.claims.modality import about_supposing, consequence, supposes
from bot.claims.refuted import refuted_report
from bot.claims.text.tokens import fold_accents


def supposed_only(f: Facts) -> Judgement | None:
    """ "Suppose the tax rate is 30 percent", "If the river were to flood the town, …": the evidence only supposes
    what the claim states as fact, so it neither supports nor contradicts it (a claim that supposes too is read
    on)."""
    text = fold_accents(f.evidence.text)
    supposed = supposes(text) or (consequence(text) and supposes(fold_accents(f.evidence.context)))
    if supposed and not about_supposing(f.claim.text):
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def said_by_others(f: Facts) -> Judgement | None:
    """What the claim has the author say, the evidence has others say: not the author's view (``others_say``)."""
    if others_say(f.claim, f.evidence):
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def refuted_statement(f: Facts) -> Judgement | None:
    """ "Owls can turn their heads all the way round" against "A legend claims that owls can turn their heads all
    the way round; this has been proven false": the evidence reports the claim only to deny it. A claim that
    denies the reported statement is not contradicted by the denial (nor, to be safe, supported by it)."""
    found = refuted_report(f.claim.text, f.evidence.full)
    if found is None:
        return None
    if found.same_polarity and f.coverage >= f.t.opposition_coverage:
        return f.result("contradicted", "negation", f.base + f.t.negation_bonus, opposite=found.refutation)
    return f.result("unrelated", "partial", f.base * f.t.partial_factor)


def universal_hedged(f: Facts) -> Judgement | None:
    """ "Wind always cools" against "wind generally cools": the evidence allows the exceptions the claim denies."""
    if hedged(f.claim.text, f.evidence.text):
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None
