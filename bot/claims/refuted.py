"""Statements a text reports only to deny: "A common legend claims that owls can turn their heads all the way
round; this has been proven false." The reported clause has every word of the claim "Owls can turn their heads all
the way round", yet the text says the opposite. The clause after a report word ("legend", "belief", "myth" …)
and a refutation word after it ("false", "debunked" …) make the pair; a claim that itself calls the statement
false ("the legend … is false") is what the text says, and is left to the other rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.claims.lexicon import words
from bot.claims.text.negation import negator_positions
from bot.claims.text.tokens import synonym_keys, tokens

REPORT_FRAMES = words("report_frames.txt")
REFUTATIONS = words("refutations.txt")
_SAID = re.compile(r"\bthat\b(?P<said>[^.;:!?]+)")
_MATCH_SHARE = 0.6  # of the claim's content words that must lie in the reported clause


@dataclass(frozen=True)
class Refuted:
    """A reported statement the evidence denies: the clause, the refutation word, and whether the claim takes the
    statement's side (same polarity) or the denial's (the claim negates what was reported)."""

    said: str
    refutation: str
    same_polarity: bool


def _keys(text: str) -> set[str]:
    return {k for t in tokens(text) if t.stem for k in synonym_keys(t.stem)}


def refuted_report(claim: str, evidence: str) -> Refuted | None:
    """The evidence's reported statement that holds the claim's words and that the evidence then calls untrue."""
    claim_toks = tokens(claim)
    if any(t.norm in REFUTATIONS or t.norm in REPORT_FRAMES for t in claim_toks):
        return None
    wanted = [t.stem for t in claim_toks if t.stem]
    if not wanted:
        return None
    for m in _SAID.finditer(evidence):
        before = [t.norm for t in tokens(evidence[: m.start()])][-6:]
        if not REPORT_FRAMES & set(before):
            continue
        said = m.group("said")
        have = _keys(said)
        if sum(bool(synonym_keys(s) & have) for s in wanted) < _MATCH_SHARE * len(wanted):
            continue
        # The denial follows the report, in its sentence or after it ("…, but this has been proven false").
        after = next((t.norm for t in tokens(evidence[m.start("said") :]) if t.norm in REFUTATIONS), None)
        if after is None:
            continue
        said_toks = tokens(said)
        same = bool(negator_positions(said_toks)) == bool(negator_positions(claim_toks))
        return Refuted(said.strip(), after, same)
    return None
