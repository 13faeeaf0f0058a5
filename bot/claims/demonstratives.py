"""A demonstrative that takes up a name said earlier in its paragraph: "… the parish of Bugaba …" then, sentences
later, "… collected from this cemetery, which embraced an area of twelve acres." A claim about "the Bugaba cemetery"
names the cemetery by the name and the noun; the evidence by "this cemetery" after the name (pure, no model)."""

from __future__ import annotations

import re

from bot.claims.text.entities import Entity, entity_keys, mentions
from bot.claims.text.tokens import tokens, word_stem

_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those)\s+([a-z][a-z-]{2,})\b", re.IGNORECASE)


def _noun_after(text: str, entity: Entity) -> str | None:
    """The word just after a name in the claim ("Bugaba cemetery" -> "cemetery"), the noun the name qualifies."""
    after = tokens(text[entity.end :])
    if not after or not after[0].stem or text[entity.end : after[0].start].strip():
        return None
    return after[0].stem


def taken_up_earlier(claim: str, entity: Entity, sentence: str, earlier: str) -> bool:
    """Whether the sentence names the claim's "<Name> <noun>" by "this <noun>", the name said earlier in its
    paragraph (``earlier``)."""
    noun = _noun_after(claim, entity)
    if noun is None or not earlier:
        return False
    if not any(word_stem(m.group(1).lower()) == noun for m in _DEMONSTRATIVE.finditer(sentence)):
        return False
    return mentions(entity, entity_keys(earlier), " ".join(earlier.lower().split()))
