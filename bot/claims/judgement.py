"""The outcome of comparing a claim with one piece of evidence (``Judgement``), and every tuning number of
that comparison (``Thresholds``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.claims.pairing import QuantityCheck
from bot.claims.text.entities import Entity

Outcome = Literal["supported", "contradicted", "unrelated"]

Reason = Literal[
    "match",
    "number",
    "entity",
    "comparative",
    "attribute",
    "negation",
    "slot",
    "missing_entity",
    "missing_number",
    "partial",
    "weak",
]


@dataclass(frozen=True)
class Thresholds:
    """Every tuning number of the comparison. *Coverage* is the IDF-weighted share of the claim's content words (and
    numbers) the evidence has; *similarity* the embedding cosine of claim and evidence. The ``*_bonus`` and
    ``*_factor`` fields only rank pieces of evidence of one outcome against each other."""

    support_coverage: float = 0.75  # words and numbers enough for support on their own
    support_coverage_with_similarity: float = 0.5  # ... or this much coverage ...
    support_similarity: float = 0.62  # ... with this similarity
    focal_coverage: float = 0.3  # the quoted sentence itself must carry this much of the claim
    words_coverage: float = 0.34  # share of the claim's words (numbers aside) needed for support
    number_coverage: float = 0.34  # coverage, or ...
    number_similarity: float = 0.45  # ... similarity, needed to call a number mismatch a contradiction
    weak_number_coverage: float = 0.2  # added to both when no mismatched number has a role that fits
    weak_number_similarity: float = 0.15
    date_event_coverage: float = 0.75  # share of the claim's words needed before a different date contradicts it
    anchored_date_event_slack: float = 0.2  # ... less when another number of the claim matches here
    same_event_similarity: float = 0.7  # a similarity that alone says the event is the claim's
    rare: float = 0.75  # a word whose IDF is this close to the top is one the brief uses once or twice
    opposition_coverage: float = 0.6  # a negation flip needs the rest of the claim to line up
    opposition_slack: float = 0.2  # less for an antonym, comparative or class: the opposed word is the difference
    substitution_coverage: float = 0.6
    unknown_substitution_coverage: float = 0.7  # a name the brief never mentions stands in only on a close match
    entity_bonus: float = 0.1
    negation_bonus: float = 0.1
    opposition_bonus: float = 0.15
    strong_number_bonus: float = 0.2
    weak_number_bonus: float = 0.05
    quantity_support_bonus: float = 0.1
    missing_factor: float = 0.8
    weak_factor: float = 0.7
    partial_factor: float = 0.8
    near_partial_factor: float = 0.85
    near_miss_factor: float = 0.9
    # A contradiction that has nearly all the claim's words, one of them opposed, outweighs a support that covers
    # less of the claim, by this much score (``outweighs``).
    outweigh_coverage: float = 0.95
    outweighed_support_coverage: float = 0.9
    outweigh_margin: float = 0.2


THRESHOLDS = Thresholds()


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
    claimed: str | None = None  # the claim's word that the evidence opposes
    matched: tuple[str, ...] = field(default=())

    @property
    def mismatch(self) -> QuantityCheck | None:
        bad = [q for q in self.quantities if q.status == "mismatch"]
        return max(bad, key=lambda q: q.strength) if bad else None
