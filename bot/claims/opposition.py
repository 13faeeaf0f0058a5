"""Opposition between a claim and a piece of evidence: a shared word negated in one only, an antonym, a
superlative given to something else, a comparison the other way round."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Protocol

from bot.claims.lexicon import GRADED, NEGATIONS, OPPOSITES
from bot.claims.text.comparatives import Comparison, comparisons, superlatives
from bot.claims.text.negation import negated_stems
from bot.claims.text.tokens import Token, synonym_keys, tokens


class Claim(Protocol):
    """The parts of an analysed claim (``bot.claims.claim.Claim``) that opposition reads; named here so this
    module need not import ``compare``, which imports it."""

    @property
    def text(self) -> str: ...

    @property
    def content(self) -> tuple[str, ...]: ...

    @property
    def negated(self) -> frozenset[str]: ...

    @property
    def comparisons(self) -> tuple[Comparison, ...]: ...


def polarity_conflict(claim: Claim, ev_toks: tuple[Token, ...], ev_keys: set[str]) -> tuple[str | None, str | None]:
    """A word the claim and evidence share, negated in one only; or an antonym pair ("offensive"/"defensive").
    Returns (the evidence's opposing word, the claim word it opposes when it is an antonym)."""
    ev_neg = negated_stems(ev_toks)
    ev_neg_keys = {k for s in ev_neg for k in synonym_keys(s)}
    claim_neg_keys = {k for s in claim.negated for k in synonym_keys(s)}
    claim_toks = tokens(claim.text)
    for s in claim.content:
        keys = synonym_keys(s)
        if not keys & ev_keys:
            continue
        in_claim = bool(keys & claim_neg_keys)
        in_ev = bool(keys & ev_neg_keys)
        if in_claim != in_ev and not _in_wider_scope(ev_toks if in_claim else claim_toks, keys):
            return next((t.text for t in ev_toks if t.stem and synonym_keys(t.stem) & keys), s), None
    ev_stems = {t.stem for t in ev_toks if t.stem}
    content = set(claim.content)
    for a, b in OPPOSITES:
        for xs, ys in ((a, b), (b, a)):
            x, y = next(iter(xs & content), None), next(iter(ys & ev_stems), None)
            if x and y and not xs & ev_stems and (x in claim.negated) == (y in ev_neg):
                return next((t.text for t in ev_toks if t.stem == y), y), x
    return None, None


_SCOPE = 6  # words after a negator that its denial may reach ("lack of the usual supply of X" denies X)


def _in_wider_scope(toks: tuple[Token, ...], keys: frozenset[str]) -> bool:
    """Whether the word stands a few words after a negator of this text: "from lack of the usual applications of
    manures" denies the manures as "from lack of manures" does, though the first word it reaches is "usual"."""
    for i, t in enumerate(toks):
        if t.stem and synonym_keys(t.stem) & keys and any(u.norm in NEGATIONS for u in toks[max(0, i - _SCOPE) : i]):
            return True
    return False


OPPOSITE_QUERY_WORDS = 6


def opposite_words(claim: Claim) -> tuple[str, ...]:
    """The words that would state the opposite of the claim's ("affirm" for "reversed", "reject" for "accept"):
    a search for them finds a short sentence that denies the claim with none of its other words ("We now affirm.")."""
    content = set(claim.content)
    out: dict[str, None] = {}
    for a, b in OPPOSITES:
        for xs, ys in ((a, b), (b, a)):
            if xs & content:
                out.update(dict.fromkeys(sorted(ys)))
    return tuple(out)[:OPPOSITE_QUERY_WORDS]


def superlative_rival(claim: Claim, text: str) -> str | None:
    """The evidence gives the claim's superlative to something else ("Wind power was the largest renewable source"
    against "Solar was the largest renewable source"): the evidence's words, else None."""
    for c in superlatives(claim.text):
        for e in superlatives(text):
            same_category = len(c.category & e.category) * 2 >= len(c.category)
            if c.degree == e.degree and same_category and not c.subject & e.subject:
                return f"{' '.join(sorted(e.subject))} … {e.degree}"
    return None


def _same(a: str | None, b: str | None) -> bool:
    """Whether two name keys name one thing ("model-16" and "new model-16": one holds every word of the other)."""
    if a is None or b is None:
        return a == b
    wa, wb = set(a.split()), set(b.split())
    return a == b or wa <= wb or wb <= wa


def comparative(claim: Claim, text: str, common: frozenset[str]) -> tuple[bool | None, str | None]:
    """(True, words) when the evidence states the claim's comparison; (False, words) when it states the opposite;
    (None, None) when it does not compare the same things."""
    if not claim.comparisons:
        return None, None
    ev = comparisons(text, common=common)
    for c in claim.comparisons:
        for e in ev:
            if c.dimension != e.dimension:
                continue
            # An evidence sentence whose subject is a pronoun ("It detonated … 16 times the size of …") compares
            # the same things when what it compares against is the claim's.
            same = (
                c.subject is None or _same(c.subject, e.subject) or (e.subject is None and e.other is not None)
            ) and (c.other is None or _same(c.other, e.other))
            swapped = c.subject is not None and _same(c.subject, e.other) and _same(c.other, e.subject)
            if not (same or swapped):
                continue
            agree = (c.direction == e.direction) == (same and not swapped)
            m = re.search(
                r"\b(?:more|less)\s+\w+(?:\s+than)?\b|\b\w+er\s+than\b|"
                r"\b(?:\d+(?:\.\d+)?\s+times|twice|half)\s+the\s+\w+\s+of\b",
                text,
                re.I,
            )
            return agree, (m.group(0) if m else None)
    if all(c.other is None for c in claim.comparisons) and not re.search(r"\bthan\b", claim.text, re.I):
        # "at higher risk" with nothing on the other side is a level, and "at elevated risk" states it.
        theirs = graded_levels(text)
        for noun, (direction, _) in graded_levels(claim.text).items():
            if noun in theirs:
                return theirs[noun][0] == direction, theirs[noun][1]
    return None, None


def graded_levels(text: str) -> dict[str, tuple[int, str]]:
    """Noun stem -> (its level, the words) for every level word before a noun with no "than" after it ("at
    elevated risk" -> {"risk": (1, "elevated risk")})."""
    toks = tokens(text)
    out: dict[str, tuple[int, str]] = {}
    for t, nxt in itertools.pairwise(toks):
        direction = GRADED.get(t.norm)
        if direction is None or not nxt.stem or text[nxt.end :].lstrip().lower().startswith("than"):
            continue
        out.setdefault(nxt.stem, (direction, text[t.start : nxt.end]))
    return out


# "more common among boys than girls", "statute rather than precedent", "wind instead of coal": the two sides of a
# contrast, each the content word next to the contrast word.
_CONTRAST = re.compile(r"\b(?:than|rather\s+than|instead\s+of|in\s+place\s+of)\b", re.IGNORECASE)
# "twice as many worms in gardens as in fields": an equative with a multiplier is a contrast at its second "as"
# (without one, "as many women as men" says the same both ways round, so it is none).
_EQUATIVE = re.compile(
    r"\b(?:twice|thrice|half|(?:\w+|\d+(?:\.\d+)?)\s+times)\s+as\s+\w+(?:\s+[^\s.;,]+){0,8}?\s+(as)\b",
    re.IGNORECASE,
)


CONTRAST_SIDE_WORDS = 3  # content words of one side of a contrast ("older gardeners" than "younger ones")


def _phrase(toks: Sequence[Token]) -> list[Token]:
    """The content words that open ``toks`` (after any leading stopwords), up to the next stopword."""
    out: list[Token] = []
    for t in toks:
        if not t.stem:
            if out:
                break
            continue
        out.append(t)
        if len(out) >= CONTRAST_SIDE_WORDS:
            break
    return out


def _keys(toks: Sequence[Token]) -> frozenset[str]:
    return frozenset(k for t in toks for k in synonym_keys(t.stem))


def contrasts(text: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Each contrast of the text as (the words only its first side has, the words only its second side has), as
    synonym keys: "among older gardeners than younger ones" -> ({older}, {younger}). A first side that is itself
    the comparative ("larger than", "more than") is no side: what is compared then is a name, read by
    ``bot.claims.text.comparatives.comparisons``."""
    toks = tokens(text)
    out = []
    spans = [(m.start(), m.end(), m.group(0).lower()) for m in _CONTRAST.finditer(text)]
    spans += [(m.start(1), m.end(1), "as") for m in _EQUATIVE.finditer(text)]
    for start, end, word in spans:
        before = [t for t in toks if t.end <= start]
        after = [t for t in toks if t.start >= end]
        if not before or not before[-1].stem or before[-1].norm in {"more", "less", "fewer", "other"}:
            continue  # "than" after a stopword or a bare comparative: a comparison, not a contrast of two words
        if before[-1].norm.endswith("er") and word == "than":
            continue  # "larger than"
        first = list(reversed(_phrase(list(reversed(before)))))
        a, b = _keys(first), _keys(_phrase(after))
        if a - b and b - a:
            out.append((a - b, b - a))
    return out


def turned_contrast(claim: str, evidence: str) -> bool:
    """Whether the evidence has the claim's contrast with its two sides the other way round (and not as well)."""
    theirs = contrasts(evidence)
    return any(
        any(a & y and b & x for x, y in theirs) and not any(a & x and b & y for x, y in theirs)
        for a, b in contrasts(claim)
    )


def swapped_contrast(claim: str, evidence: str) -> bool:
    """Whether the evidence sets the claim's contrast the other way round ("more common among girls than boys" for
    "… among boys than girls", "precedent rather than statute" for "statute rather than precedent")."""
    if not turned_contrast(claim, evidence):
        return False
    # "less common among girls than boys" turns both round: it is the claim itself.
    ours, theirs = _directions(claim), _directions(evidence)
    return not any(theirs.get(d, v) != v for d, v in ours.items())


def _directions(text: str) -> dict[str, int]:
    return {c.dimension: c.direction for c in comparisons(text)}


# "X is large, while Y is small": two clauses that give two subjects two different predicates.
_PAIRING = re.compile(r",?\s+(?:while|whereas)\s+|;\s+(?:but\s+)?|,\s+but\s+", re.IGNORECASE)
_COPULA = frozenset({"is", "are", "was", "were", "remains", "remain", "seems", "seem", "becomes", "become"})


def _clause_sides(clause: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(subject keys, predicate keys) of "S is P", else None."""
    toks = tokens(clause)
    at = next((i for i, t in enumerate(toks) if t.norm in _COPULA), None)
    if at is None or at == 0:
        return None
    return _keys([t for t in toks[:at] if t.stem]), _keys([t for t in toks[at + 1 :] if t.stem])


def _pairs(text: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...] | None:
    parts = _PAIRING.split(text.rstrip(". "), maxsplit=1)
    if len(parts) != 2:
        return None
    sides = [_clause_sides(p) for p in parts]
    if sides[0] is None or sides[1] is None:
        return None
    return sides[0], sides[1]


def swapped_pairing(claim: str, evidence: str) -> bool:
    """Whether the evidence gives the claim's two subjects each other's predicates ("Y is highly X, while Z is only
    somewhat X" against "Z is highly X, while Y is only somewhat X")."""
    ours, theirs = _pairs(claim), _pairs(evidence)
    if ours is None or theirs is None:
        return False
    (s1, p1), (s2, p2) = ours
    (e1, f1), (e2, f2) = theirs
    own1, own2 = s1 - s2, s2 - s1  # what tells the two subjects apart
    said1, said2 = p1 - p2, p2 - p1  # and the two predicates
    if not (own1 and own2 and said1 and said2):
        return False
    crossed = bool(own1 & e2 and own2 & e1 and not own1 & e1 and not own2 & e2)
    return crossed and bool(said1 & (f1 - f2)) and bool(said2 & (f2 - f1))
