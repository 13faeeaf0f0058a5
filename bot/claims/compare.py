"""Compare one claim with one piece of evidence: the structured half of claim checking (pure, no model).

The claim is broken into anchors that must agree (``bot.claims.claim``): named entities, quantities (each with the
words around it, its *role*), comparatives, and negated words. The evidence (``bot.claims.evidence``) is a sentence
plus the sentences it leans on ("It flew for 1,090 km …" after "… Model-17 …"). Both are measured once into
``Facts`` (``bot.claims.facts``): a quantity is compared with the evidence quantity of the same unit whose role
fits best, so "2,000 km" in the claim meets "flew for 1,090 km", not "an altitude of 6,248.5 kms". Then the rules
of ``bot.claims.rules`` are tried in the order of ``RULES``: the first that decides gives the ``Judgement``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.claims.claim import Claim
from bot.claims.evidence import Evidence
from bot.claims.facts import Rule, measure
from bot.claims.judgement import THRESHOLDS, Judgement, Thresholds
from bot.claims.rules.framing import refuted_statement, said_by_others, supposed_only, universal_hedged
from bot.claims.rules.names import (
    another_subject,
    class_of_another,
    missing_name,
    roles_reversed,
    swapped_agent,
    swapped_roles,
)
from bot.claims.rules.numbers import (
    mismatch_of_another_event,
    mismatch_without_the_count,
    mismatched_number,
    missing_number,
    other_compound,
)
from bot.claims.rules.opposites import (
    contrast_turned,
    denied_name,
    opposed_class,
    opposite_comparison,
    opposite_polarity,
    slot_filled_otherwise,
    superlative_elsewhere,
    superlative_flipped,
)
from bot.claims.rules.wording import (
    another_deed,
    another_kind,
    comparison_not_stated,
    rare_word_missing,
    same_fact,
    too_few_words,
    unnamed_member,
)
from bot.claims.text.entities import Entity

RULES: tuple[Rule, ...] = (
    missing_name,
    swapped_agent,
    supposed_only,
    said_by_others,
    mismatch_of_another_event,
    mismatch_without_the_count,
    mismatched_number,
    refuted_statement,
    slot_filled_otherwise,
    opposed_class,
    superlative_elsewhere,
    superlative_flipped,
    denied_name,
    opposite_comparison,
    contrast_turned,
    opposite_polarity,
    missing_number,
    comparison_not_stated,
    unnamed_member,
    another_kind,
    another_deed,
    other_compound,
    rare_word_missing,
    another_subject,
    class_of_another,
    roles_reversed,
    swapped_roles,
    too_few_words,
    universal_hedged,
    same_fact,
)

_OPPOSED = frozenset(
    {"negation", "comparative", "attribute", "slot"}
)  # not a number: another event may have another figure


def outweighs(contradiction: Judgement, support: Judgement, t: Thresholds = THRESHOLDS) -> bool:
    """Whether a contradiction decides against a support: it states the claim's words nearly in full with one
    opposed ("Climate models do not account for X" for "Climate models account for X"), where the support only
    covers part of the claim, and scores clearly higher."""
    return (
        contradiction.reason in _OPPOSED
        and contradiction.coverage >= t.outweigh_coverage
        and support.coverage < t.outweighed_support_coverage
        and contradiction.score >= support.score + t.outweigh_margin
    )


def compare(
    claim: Claim,
    evidence: Evidence,
    similarity: float,
    *,
    known: Callable[[Entity], bool] = lambda e: True,
    thresholds: Thresholds = THRESHOLDS,
    rules: Sequence[Rule] = RULES,
) -> Judgement:
    """Compare a claim with one piece of evidence: the first rule that decides gives the judgement, else the
    evidence is unrelated. ``known(entity)``: the brief mentions it somewhere."""
    facts = measure(claim, evidence, similarity, known, thresholds)
    for rule in rules:
        judgement = rule(facts)
        if judgement is not None:
            return judgement
    return facts.result("unrelated", "partial", facts.base * thresholds.near_miss_factor)
