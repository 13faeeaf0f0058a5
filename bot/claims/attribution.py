"""A claim that names who says it: "According to Faraday, a horse burns …", "Faraday writes that …". When the
speaker is the document's author, every sentence the document says in its own voice is theirs, so the name need
not be in the sentence; a sentence that reports someone's words (a speech verb, a quotation) is not the author's
own saying and keeps the name required (pure, no model)."""

from __future__ import annotations

import re

from bot.claims.lexicon import words
from bot.claims.text.entities import Entity
from bot.claims.text.tokens import tokens

_SPEECH = words("speech_verbs.txt") | {"say", "write", "argue", "note", "explain", "state", "claim", "observe"}
_ACCORDING = re.compile(r"^\s*(?:according\s+to|in\s+the\s+words\s+of)\s+(?:[^,]{1,60}),", re.IGNORECASE)
_QUOTES = re.compile(r"[\"“”]")


def names_the_speaker(claim: str, entity: Entity) -> bool:
    """Whether the name only says who states the claim: it sits in "According to X," at the start, or is the
    subject of a verb of saying that opens the claim ("X writes that …", "X says …")."""
    frame = _ACCORDING.match(claim)
    if frame is not None:
        return entity.end <= frame.end()
    if claim[: entity.start].strip():
        return False
    after = tokens(claim[entity.end :])
    return bool(after) and after[0].norm in _SPEECH


def own_voice(sentence: str) -> bool:
    """The sentence says something itself, rather than reporting what someone says (no quotation marks, no verb
    of saying)."""
    if _QUOTES.search(sentence):
        return False
    return not any(t.norm in _SPEECH for t in tokens(sentence))
