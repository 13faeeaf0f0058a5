"""Who speaks in a piece of evidence: the document's author ("I", "my"), its masthead ("we"), or others
("Economists argue …")."""

from __future__ import annotations

import re

from bot.claims.claim import Claim
from bot.claims.evidence import Evidence
from bot.claims.lexicon import words
from bot.claims.text.entities import Entity, entities
from bot.claims.text.tokens import fold_accents, tokens

FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")

FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|[Mm]y|me|[Mm]ine|myself)\b")

AUTHOR_NOUNS = words("author_nouns.txt")


def by_the_author(evidence: Evidence) -> bool:
    """The evidence speaks as the document's author ("I", "my") or names them."""
    if not evidence.author:
        return False
    text = fold_accents(evidence.text)
    if FIRST_PERSON_SINGULAR.search(text):
        return True
    return any(is_author(e, evidence.author) for e in entities(text, common=evidence.common))


_SPEECH_VERBS = words("speech_verbs.txt") | {"argue", "say", "claim", "believe", "think", "contend", "hold"}

_DETERMINERS = words("determiners.txt") | {"many", "several", "most", "few", "two", "three"}

_OWN_VOICE = frozenset({"i", "we", "this", "our", "my"})


def others_say(claim: Claim, evidence: Evidence) -> bool:
    """ "The author argues that X" against "Economists argue that X": the claim gives its words to the author, the
    evidence to someone else (not "I", "we", or "this essay")."""
    claim_norms = {t.norm for t in tokens(claim.text)}
    if not claim_norms & AUTHOR_NOUNS or not evidence.author or by_the_author(evidence):
        return False
    toks = tokens(fold_accents(evidence.text))
    for i, t in enumerate(toks):
        if t.norm not in _SPEECH_VERBS or i == 0 or toks[i - 1].norm in _DETERMINERS:
            continue  # "Both states …", "the claims of …": a noun, not a verb of saying
        if not {u.norm for u in toks[max(0, i - 3) : i]} & _OWN_VOICE:
            return True
    return False


def is_author(entity: Entity, author: str) -> bool:
    """The name is the document's author's (all its words among the author's names: "Ruiz", "Ana Ruiz")."""
    parts = [w for w in re.split(r"\s+", entity.key) if w]
    return bool(parts) and all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", author) for w in parts)


def in_voice(entity: Entity, voice: str) -> bool:
    """The name is one the document speaks as (its masthead names it)."""
    return re.search(rf"(?<![\w-]){re.escape(entity.key)}(?![\w-])", voice) is not None
