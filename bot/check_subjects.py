"""Who a claim is about: the kind of a name (person, country, weapon designation) and whether a piece of evidence
is about someone else ("Japan launched …" against "… a source of concern for the US and Japan")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.check_lexicon import ALIASES, COUNTRIES, NOT_PERSON_WORDS, ORGANISATION_WORDS, PERSONS, TITLES
from bot.check_text import Entity, entities, leading_entities, leading_entity, tokens

_DESIGNATION = re.compile(r"^([a-z]+)-\d+[a-z]?$")


def name_kind(key: str) -> str | None:
    """The kind of a name for substitution ("Biden" for "Trump"); None when unknown (never substituted)."""
    if _DESIGNATION.match(key):
        return "designation:" + key.split("-")[0]
    if key in PERSONS or any(part in PERSONS for part in key.split()[-1:] + key.split()[:1]):
        return "person"  # "xi jinping", "moon jae-in"
    if key in COUNTRIES:
        return "country"
    if set(key.replace("-", " ").split()) & ORGANISATION_WORDS or key in ORGANISATION_WORDS:
        return "organisation"
    words = [w for w in key.replace("-", " ").split() if w not in TITLES]
    titled = len(words) < len(key.replace("-", " ").split())
    # "Olaf Scholz", "Chancellor Olaf Scholz", "Angela Merkel": two or three plain name words.
    if (titled and words) or (
        2 <= len(words) <= 3 and all(w.isalpha() for w in words) and not set(words) & NOT_PERSON_WORDS
    ):
        return "person"
    return None


def entity_kind(text: str, names: Sequence[Entity], entity: Entity) -> str | None:
    """The kind of a claim's name; an unknown name joined by "and" to a known person or country is one too
    ("Moon Jae-in and Kim Jong-un met …")."""
    kind = name_kind(entity.key)
    if kind is not None:
        return kind
    for other in names:
        if other is entity:
            continue
        a, b = sorted((entity, other), key=lambda e: e.start)
        if text[a.end : b.start].strip().lower() in {"and", "&", ","}:
            inherited = name_kind(other.key)
            if inherited in {"person", "country"}:
                return inherited
    return None


ALIAS_WORDS = frozenset(w for alias in ALIASES for w in alias.split())
_PREPOSITIONS = frozenset(
    [
        "for",
        "to",
        "of",
        "with",
        "about",
        "against",
        "from",
        "by",
        "at",
        "on",
        "toward",
        "towards",
        "between",
        "among",
        "over",
        "into",
        "upon",
        "than",
    ]
)


def only_as_object(key: str, text: str, common: frozenset[str]) -> bool:
    """Whether every mention of ``key`` in ``text`` follows a preposition ("a source of concern for the US and
    Japan"), i.e. the text is not about it doing anything."""
    found = [e for e in entities(text, common=common) if e.key == key]
    if not found:
        return False
    for e in found:
        before = [t.norm for t in tokens(text[: e.start])][-6:]
        while before and (before[-1] in {"the", "and", ",", "&"} or before[-1] in ALIAS_WORDS):
            before.pop()
        if not before or before[-1] not in _PREPOSITIONS:
            return False
    return True


def other_subject(claim_text: str, text: str, context: str, common: frozenset[str]) -> bool:
    """The claim opens on one country or person that the evidence mentions only as an object, while it is about
    another of the same kind ("Japan launched …" against "It [North Korea] has conducted … a source of concern
    for the US and Japan")."""
    cs = leading_entity(claim_text, common=common)
    kind = name_kind(cs) if cs and cs != "<pronoun>" else None
    if kind not in {"country", "person"} or cs is None:
        return False
    if not only_as_object(cs, text, common):
        return False
    found = leading_entities(text, common=common)
    if found == "<pronoun>":
        found = []
        for sentence in reversed(re.split(r"(?<=[.!?])\s+", context)):
            lead = leading_entities(sentence, common=common) if sentence else []
            if lead and lead != "<pronoun>":
                found = list(lead)
                break
    return bool(found) and cs not in found and any(name_kind(k) == kind for k in found)
