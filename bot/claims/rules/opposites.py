"""Rules on opposed wording: another class, a superlative of something else or turned round, a denied name, the
opposite comparison or contrast, a negated word or an antonym."""

from __future__ import annotations

import re

from bot.claims.facts import Facts, stem_set
from bot.claims.judgement import Judgement
from bot.claims.opposition import (
    polarity_conflict,
    superlative_rival,
    swapped_contrast,
    swapped_pairing,
    turned_contrast,
)
from bot.claims.slots import DEGREE_MARKERS, slot_swaps
from bot.claims.text.comparatives import superlative_degrees
from bot.claims.text.negation import denied_names
from bot.claims.text.tokens import fold_accents, synonym_keys, tokens


def opposed_class(f: Facts) -> Judgement | None:
    """ "The XY-24 is a long-range glider" against "XY-24 … Short range glider"."""
    attribute = f.attribute
    if attribute.status != "opposed":
        return None
    # The claim's own class word counts as matched, as an antonym does: it is what differs.
    claimed = {k for tok in tokens(attribute.claimed) if tok.stem for k in synonym_keys(tok.stem)}
    if f.with_words(claimed | stem_set(tokens(attribute.claimed))) < f.t.opposition_coverage - f.t.opposition_slack:
        return None
    return f.result("contradicted", "attribute", f.base + f.t.opposition_bonus, opposite=attribute.difference)


def superlative_elsewhere(f: Facts) -> Judgement | None:
    """ "Wind was the largest source" against "Solar was the largest source"."""
    rival = superlative_rival(f.claim, f.evidence.text)
    if rival is None or f.coverage < f.t.opposition_coverage - f.t.opposition_slack:
        return None
    return f.result("contradicted", "comparative", f.base + f.t.opposition_bonus, opposite=rival)


def superlative_flipped(f: Facts) -> Judgement | None:
    """ "one of the least powerful" against "one of the most powerful"."""
    degrees = superlative_degrees(f.evidence.text)
    flipped = [d for d in superlative_degrees(f.claim.text) if (d[0], -d[1]) in degrees and d not in degrees]
    if not flipped or f.coverage < f.t.opposition_coverage - f.t.opposition_slack:
        return None
    said = re.search(r"\b(?:most|least)\s+[a-z]+|\b[a-z]+est\b", f.evidence.text, re.I)
    return f.result(
        "contradicted", "comparative", f.base + f.t.opposition_bonus, opposite=said.group(0) if said else None
    )


def denied_name(f: Facts) -> Judgement | None:
    """ "the views are those of the Institute" against "… do not represent those of the Institute"."""
    _, claim_stated = denied_names(f.claim.text, common=f.evidence.common)
    ev_denied, ev_stated = denied_names(f.evidence.text, common=f.evidence.common)
    flips = [k for k in claim_stated if k in ev_denied and k not in ev_stated]
    if not flips or f.coverage < f.t.opposition_coverage:
        return None
    name = next((e.text for e in f.claim.entities if e.key == flips[0]), flips[0])
    return f.result("contradicted", "negation", f.base + f.t.negation_bonus, opposite=name, claimed=name)


def opposite_comparison(f: Facts) -> Judgement | None:
    """ "X is larger than Y" against "X is smaller than Y"."""
    verdict, words = f.comparison
    if verdict is not False or f.coverage < f.t.opposition_coverage - f.t.opposition_slack:
        return None
    if turned_contrast(f.claim.text, fold_accents(f.evidence.text)):
        return None  # "less common among girls than boys" for "more common among boys than girls": both turned

    return f.result("contradicted", "comparative", f.base + f.t.opposition_bonus, opposite=words)


def contrast_turned(f: Facts) -> Judgement | None:
    """ "X is more common among boys than girls" against "… among girls than boys", and "A rather than B" against
    "B rather than A": the same two sides of a contrast, the other way round; and "Y is large, while Z is small"
    against "Z is large, while Y is small": two subjects given each other's predicates."""
    text = fold_accents(f.evidence.text)
    if not (swapped_contrast(f.claim.text, text) or swapped_pairing(f.claim.text, text)):
        return None
    if f.coverage < f.t.opposition_coverage - f.t.opposition_slack:
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return f.result("contradicted", "comparative", f.base + f.t.opposition_bonus)


def slot_filled_otherwise(f: Facts) -> Judgement | None:
    """ "The members met on Monday evenings" against "we met on Friday evenings": another weekday, month, season,
    time of day or compass point in the claim's place contradicts it when the rest lines up; another one elsewhere
    leaves the claim unsaid, never supported."""
    swaps = slot_swaps(f.claim.text, f.evidence.text)
    if not swaps:
        return None
    swap = next((s for s in swaps if s.aligned), swaps[0])
    claimed = {k for tok in tokens(swap.claimed) if tok.stem for k in synonym_keys(tok.stem)}
    if swap.aligned and not f.missing and f.with_words(claimed) >= f.t.opposition_coverage:
        turned = swap.claimed in DEGREE_MARKERS  # "least" for "most": a turned degree
        return f.result(
            "contradicted",
            "comparative" if turned else "slot",
            f.base + f.t.opposition_bonus,
            opposite=swap.found,
            claimed=swap.claimed,
        )
    return f.result("unrelated", "partial", f.base * f.t.partial_factor)


def opposite_polarity(f: Facts) -> Judgement | None:
    """A word the claim shares with the evidence, affirmed in one and denied in the other, or an antonym: a
    contradiction when the rest lines up, and never support whatever else does."""
    opposite, antonym = polarity_conflict(f.claim, f.ev_toks, set(f.have))
    if not opposite:
        return None
    if f.with_words(synonym_keys(antonym or "")) >= f.t.opposition_coverage:
        keys = (
            synonym_keys(antonym)
            if antonym
            else {k for tok in f.ev_toks if tok.text == opposite for k in synonym_keys(tok.stem)}
        )
        word = next((tok.text for tok in tokens(f.claim.text) if tok.stem and synonym_keys(tok.stem) & keys), antonym)
        return f.result("contradicted", "negation", f.base + f.t.negation_bonus, opposite=opposite, claimed=word)
    return f.result("unrelated", "partial", f.base * f.t.partial_factor)
