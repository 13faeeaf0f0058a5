"""A kind of thing named by its modifier: "a communications satellite" is not "a reconnaissance satellite".

Only words shaped like kind nouns count as modifiers here (``wordlists/kind_suffixes.txt``): "urgent need" and
"desperate need" are one need in other words.

Coverage counts the shared noun ("satellite") and misses that the word before it, the one that says which kind,
differs. When a word of the claim that the evidence lacks stands right before a noun, and the evidence writes
that noun after a different word the claim does not have, the evidence names another kind: it does not state the
claim (it need not deny it either, for a thing may be of two kinds)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from bot.claims.lexicon import words
from bot.claims.roles import DETERMINERS
from bot.claims.text.tokens import Token, synonym_keys, tokens

KIND_SUFFIXES = tuple(sorted(words("kind_suffixes.txt"), key=len, reverse=True))

_JOINED = re.compile(r"\s+")  # only spaces between the modifier and its noun: no comma, no "of"


def _kind_word(t: Token) -> bool:
    """A word shaped like a noun naming a kind ("communications", "reconnaissance"), not an evaluative word."""
    return t.norm.endswith(KIND_SUFFIXES) and len(t.norm) > 5


def _plain(t: Token) -> bool:
    """A lower-case word of content (not a name, number or function word)."""
    return bool(t.stem) and t.text[:1].islower() and not t.stem[:1].isdigit() and t.norm not in DETERMINERS


def _pairs(text: str) -> list[tuple[Token, Token]]:
    """(modifier, noun) pairs: two plain words side by side, the first no verb ("restoring relations" is an act,
    "a communications satellite" a kind)."""
    toks = tokens(text)
    out = []
    for i, (a, b) in enumerate(itertools.pairwise(toks)):
        determined = i > 0 and toks[i - 1].norm in DETERMINERS
        verbal = a.norm.endswith(("ing", "ed")) and not determined
        possessive = a.text.endswith(("'", "’"))
        adverb = b.norm.endswith("ly")
        joined = _JOINED.fullmatch(text[a.end : b.start]) is not None
        if _plain(a) and _plain(b) and not (verbal or possessive or adverb) and joined:
            out.append((a, b))
    return out


def other_modifier(claim: str, lacking: Iterable[str], evidence: str) -> tuple[str, str] | None:
    """(the claim's modifier, the evidence's) when the evidence writes the claim's noun after another word."""
    lacking = set(lacking)
    claim_keys = {k for t in tokens(claim) if t.stem for k in synonym_keys(t.stem)}
    ev_pairs = _pairs(evidence)
    for mod, noun in _pairs(claim):
        if mod.stem not in lacking or not _kind_word(mod):
            continue
        keys = synonym_keys(noun.stem)
        for theirs, their_noun in ev_pairs:
            other = _kind_word(theirs) and not synonym_keys(theirs.stem) & claim_keys
            if other and synonym_keys(their_noun.stem) & keys:
                return mod.text, theirs.text
    return None
