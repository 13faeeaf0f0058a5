"""Universal claims against hedged evidence: "Wind always cools" is not stated by "wind generally cools", nor
"all breeds descend from it" by "almost all breeds descend from it". The evidence allows exceptions the claim
denies, so it cannot support the claim (nor does it contradict it: the exceptions may not be named)."""

from __future__ import annotations

from bot.claims.lexicon import words
from bot.claims.text.tokens import tokens

UNIVERSALS = words("universals.txt")
HEDGES = words("hedges.txt")


def hedged(claim: str, evidence: str) -> str | None:
    """The claim's universal word that the evidence hedges (has a hedge word and not that universal, or the
    universal right after a hedge: "almost all"), else None."""
    claimed = [t.norm for t in tokens(claim) if t.norm in UNIVERSALS]
    if not claimed:
        return None
    ev = [t.norm for t in tokens(evidence)]
    for word in claimed:
        plain = [i for i, w in enumerate(ev) if w == word and not (i > 0 and ev[i - 1] in HEDGES)]
        if not plain and any(w in HEDGES for w in ev):
            return word
    return None
