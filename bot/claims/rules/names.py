"""Rules on whose fact it is: a name missing or another in its place, the claim's words said of something
else, the parties the other way round."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.claims.authorship import FIRST_PERSON_SINGULAR, is_author
from bot.claims.claim import Claim
from bot.claims.evidence import Evidence
from bot.claims.facts import Facts
from bot.claims.judgement import Judgement, Thresholds
from bot.claims.lexicon import fold_phrases
from bot.claims.roles import first_person_keys, role_reversal, roles_kept
from bot.claims.subjects import (
    SUBSTITUTABLE,
    agent_swap,
    claim_kind,
    kinds_match,
    name_kind,
    one_group,
    other_subject,
    reversed_roles,
    slots,
)
from bot.claims.text.entities import Entity, entities
from bot.claims.text.tokens import synonym_keys


def _substitute(
    claim: Claim,
    evidence: Evidence,
    missing: Sequence[Entity],
    known: Callable[[Entity], bool],
    coverage: float,
    t: Thresholds,
) -> Entity | None:
    """The evidence's name in the place the claim gives to a name it lacks ("Berg" where the claim has "Lee"
    at the Geneva summit, "Chile" where it has "China and Russia" as the ones concerned), else None.

    The names the claim lacks must be one group of one kind; a name the brief never mentions only stands in for
    a person, an organisation, a country or a place, and only when the rest of the claim lines up closely."""
    if not one_group(claim.text, missing):
        return None
    want = claim_kind(claim.text, claim.entities, missing[0], evidence.persons)
    if want not in SUBSTITUTABLE and not all(known(m) for m in missing):
        return None
    unknown = not all(known(m) for m in missing)
    if coverage < (t.unknown_substitution_coverage if unknown else t.substitution_coverage):
        return None
    if want in {"place", "country"}:
        # "The Geneva summit was held in Switzerland": the claim already places its event; another name adds to it.
        others = [e for e in claim.entities if e not in missing and name_kind(e.key, evidence.persons) != "person"]
        if any("place" in slots(claim.text, e, evidence.common) for e in others):
            return None
    claim_keys = {e.key for e in claim.entities}
    for found in entities(evidence.text, common=evidence.common):
        if found.key in claim_keys:
            continue
        kind = name_kind(found.key, evidence.persons) or (
            "place" if "place" in slots(evidence.text, found, evidence.common) else None
        )
        if not kinds_match(want, kind):
            continue
        shared = slots(claim.text, missing[0], evidence.common) & slots(evidence.text, found, evidence.common)
        # The brief's own topic is everywhere: it stands in for a name only in a specific place, not as a subject.
        if shared and (found.key not in evidence.implied or shared - {"subject", "participant"}):
            return found
    return None


def missing_name(f: Facts) -> Judgement | None:
    """A name of the claim is not here: another name in its place contradicts, else the evidence is unrelated."""
    if not f.missing:
        return None
    t = f.t
    sub = _substitute(f.claim, f.evidence, f.missing, f.known, f.coverage, t)
    if sub is not None and not any(q.status == "mismatch" for q in f.stated):
        return f.result("contradicted", "entity", f.base + t.entity_bonus, substitute=sub, quantities=f.stated)
    share = 1 - len(f.missing) / len(f.claim.entities)
    return f.result("unrelated", "missing_entity", f.base * share * t.missing_factor, quantities=f.stated)


def swapped_agent(f: Facts) -> Judgement | None:
    """ "According to Berg, the US wanted tariffs lifted" against "… Madrid wanted tariffs lifted"."""
    swap = agent_swap(
        f.claim.text,
        f.full,
        f.evidence.common,
        lambda a, b: bool(synonym_keys(a) & synonym_keys(b)),
        f.evidence.persons,
    )
    if swap is None or f.coverage < f.t.substitution_coverage:
        return None
    if FIRST_PERSON_SINGULAR.fullmatch(swap[1].text) and is_author(swap[0], f.evidence.author):
        return None  # "I first read it" in Ana Ruiz's essay is Ruiz reading it
    return f.result(
        "contradicted", "entity", f.base + f.t.entity_bonus, substitute=swap[1], missing=(swap[0],), quantities=f.stated
    )


def another_subject(f: Facts) -> Judgement | None:
    """The evidence says the claim's words of something else."""
    ev = f.evidence
    if other_subject(f.claim.text, ev.text, ev.context, ev.common, ev.persons):
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def class_of_another(f: Facts) -> Judgement | None:
    """The evidence's "short-range" is about something else than the claim's Model-12."""
    if f.attribute.status == "elsewhere":
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def _we(f: Facts) -> frozenset[str]:
    return first_person_keys(f.evidence.voice, f.evidence.common, f.evidence.weights)


def roles_reversed(f: Facts) -> Judgement | None:
    """ "Chile considers Peru a rival" against "Peru perceives Santiago … as a rival": the same names, the other
    way round (a comparison stated the other way round, "X is smaller than Y" for "Y is larger than X", is the
    claim itself)."""
    if (
        f.comparison[0] is not True
        and reversed_roles(f.claim.text, f.claim.entities, f.full, f.evidence.common)
        # a passive keeps the roles the other way round, and "we" is the document's masthead
        and not roles_kept(f.claim.text, fold_phrases(f.full), _we(f))
    ):
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def swapped_roles(f: Facts) -> Judgement | None:
    """ "The court reversed the agency" against "the agency reversed the court": the same words, the parties on
    each other's side of the verb (a passive keeps them: "the agency was reversed by the court" is the claim). A
    comparison turned round ("X is more likely than Y to …" against "Y is more likely to …") is the opposite
    comparison; any other reversal only leaves the claim unsaid."""
    # The sentences the evidence leans on count too: "they would draft the X" before "they could only draft …".
    reversal = role_reversal(f.claim.text, fold_phrases(f.evidence.full), _we(f))
    if reversal is None:
        return None
    if reversal.comparison and f.coverage >= f.t.opposition_coverage - f.t.opposition_slack:
        return f.result("contradicted", "comparative", f.base + f.t.opposition_bonus)
    return f.result("unrelated", "partial", f.base * f.t.partial_factor)
