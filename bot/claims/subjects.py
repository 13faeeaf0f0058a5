"""Who a claim is about: the kind of a name (person, country, organisation, designation) and whether a piece of
evidence is about someone else ("Chile exported …" against "… a market for Peru and Chile").

People are the ones the document itself names as people (``bot.claims.names``), passed in as ``persons``."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from bot.claims.lexicon import (
    ALIASES,
    AUXILIARIES,
    COUNTRIES,
    EVENT_NOUNS,
    NOT_PERSON_WORDS,
    ORGANISATION_WORDS,
    PREPOSITIONS,
    TITLES,
)
from bot.claims.text.entities import Entity, entities, leading_entities, leading_entity
from bot.claims.text.tokens import Token, tokens

_DESIGNATION = re.compile(r"^([a-z]+)-\d+[a-z]?$")


def name_kind(key: str, persons: frozenset[str] = frozenset()) -> str | None:
    """The kind of a name for substitution (one person for another); None when unknown (never substituted).
    ``persons``: the document's people (lower-case names and their first and last words)."""
    if _DESIGNATION.match(key):
        return "designation:" + key.split("-")[0]
    if key in COUNTRIES:
        return "country"
    if key in persons or any(part in persons for part in key.split()[-1:] + key.split()[:1]):
        return "person"
    if set(key.replace("-", " ").split()) & ORGANISATION_WORDS or key in ORGANISATION_WORDS:
        return "organisation"
    words = [w for w in key.split() if w not in TITLES]
    titled = len(words) < len(key.split())
    # "Anna Berg", "Chancellor Anna Berg", "Ana María Ruiz-Soto": two or three plain name words.
    if (titled and words) or (
        2 <= len(words) <= 3
        and all(w.replace("-", "").isalpha() for w in words)
        and not {p for w in words for p in w.split("-")} & NOT_PERSON_WORDS
    ):
        return "person"
    return None


def entity_kind(
    text: str, names: Sequence[Entity], entity: Entity, persons: frozenset[str] = frozenset()
) -> str | None:
    """The kind of a claim's name; an unknown name joined by "and" to a known person or country is one too
    ("Ana Ruiz and Tom Berg met …")."""
    kind = name_kind(entity.key, persons)
    if kind is not None:
        return kind
    for other in names:
        if other is entity:
            continue
        a, b = sorted((entity, other), key=lambda e: e.start)
        if text[a.end : b.start].strip().lower() in {"and", "&", ","}:
            inherited = name_kind(other.key, persons)
            if inherited in {"person", "country"}:
                return inherited
    return None


ALIAS_WORDS = frozenset(w for alias in ALIASES for w in alias.split())
_PREPOSITIONS = PREPOSITIONS


def only_as_object(key: str, text: str, common: frozenset[str]) -> bool:
    """Whether every mention of ``key`` in ``text`` follows a preposition ("a source of concern for the US and
    Chile"), i.e. the text is not about it doing anything."""
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


def other_subject(
    claim_text: str, text: str, context: str, common: frozenset[str], persons: frozenset[str] = frozenset()
) -> bool:
    """The claim opens on one country or person that the evidence mentions only as an object, while it is about
    another of the same kind ("Chile exported …" against "It [Peru] has exported … a concern for the US and
    Chile")."""
    cs = leading_entity(claim_text, common=common)
    kind = name_kind(cs, persons) if cs and cs != "<pronoun>" else None
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
    return bool(found) and cs not in found and any(name_kind(k, persons) == kind for k in found)


# ----- slots: the place a name fills in its sentence ----------------------------------------------------------
_PARTICIPANT = frozenset({"subject", "prep:between", "prep:with"})
_COORDINATION = frozenset({"the", "and", ",", "&", "a", "an", "or", "both"})


def _sentence_around(text: str, start: int) -> tuple[int, int]:
    begin = max((m.end() for m in re.finditer(r"[.!?;]\s+", text[:start])), default=0)
    stop = re.search(r"[.!?;](?:\s|$)", text[start:])
    return begin, start + stop.start() if stop else len(text)


def slots(text: str, entity: Entity, common: frozenset[str] = frozenset()) -> frozenset[str]:
    """Where a name stands in its sentence: "subject", "prep:<preposition>" (the word before it, past coordinated
    names), "mod:<noun>" (a name used as a modifier: "a Chinese invasion"), "place" ("held in X", "the X summit").
    Someone met "between X and Y", "with X" or as subject is a "participant"."""
    begin, end = _sentence_around(text, entity.start)
    sentence = text[begin:end]
    names = entities(sentence, common=common)
    out: set[str] = set()
    lead = leading_entities(sentence, common=common)
    if lead != "<pronoun>" and entity.key in lead:
        out.add("subject")
    toks = [t for t in tokens(sentence) if t.end <= entity.start - begin]
    # "a Chinese invasion", "the Berg era": a name after a determiner and before a noun modifies the noun.
    determined = bool(toks) and toks[-1].norm in {"a", "an", "the", "its", "their", "his", "her", "this", "that"}
    inside = [(e.start, e.end) for e in names]
    while toks and (toks[-1].norm in _COORDINATION or any(s <= toks[-1].start < e for s, e in inside)):
        toks.pop()
    if toks and toks[-1].norm in _PREPOSITIONS | {"in", "at", "near"}:
        out.add("prep:" + toks[-1].norm)
    after = [t for t in tokens(sentence) if t.start >= entity.end - begin]
    paired = re.match(r"-[A-Z]", text[entity.end : entity.end + 2]) or re.search(r"[A-Za-z]-$", text[: entity.start])
    if paired:
        # "the Berg-Ruiz summit", "US-China talks": the two sides of an event, not where it was held.
        out.add("participant")
    elif after and after[0].stem and after[0].text[:1].islower():
        if determined or after[0].norm in EVENT_NOUNS:
            out.add("mod:" + after[0].stem)
        if after[0].norm in EVENT_NOUNS:
            out.add("place")
    if out & {"prep:in", "prep:at"}:
        out.add("place")
    if out & _PARTICIPANT:
        out.add("participant")
    return frozenset(out)


SUBSTITUTABLE = frozenset({"person", "organisation", "country", "place"})


def claim_kind(text: str, names: Sequence[Entity], entity: Entity, persons: frozenset[str] = frozenset()) -> str | None:
    """The kind of a claim's name, "place" for an unknown name where something is held ("held in Stockholm")."""
    kind = entity_kind(text, names, entity, persons)
    if kind is None and "place" in slots(text, entity) and len(entity.text.split()) <= 2:
        return "place"
    return kind


def kinds_match(a: str | None, b: str | None) -> bool:
    """Whether names of these kinds can stand for one another (a city or a country where something happened)."""
    return a is not None and (a == b or {a, b} <= {"country", "place"})


def one_group(text: str, names: Sequence[Entity]) -> bool:
    """Whether the names are written as one coordinated group ("China and Russia", "Paris, Rome and Madrid")."""
    ordered = sorted(names, key=lambda e: e.start)
    return all(
        re.fullmatch(r"(?:\s|,|and|or|&|the)*", text[a.end : b.start], re.I) is not None
        for a, b in itertools.pairwise(ordered)
    )


# ----- agents: who does what ---------------------------------------------------------------------------------
_AUXILIARIES = AUXILIARIES


def _subject_groups(text: str, common: frozenset[str]) -> list[tuple[frozenset[str], Entity, str]]:
    """(the names of a subject group, its last name, the stem of the verb after it) for every name or group of
    names written right before a verb ("Madrid wanted", "Ana Ruiz and Berg met")."""
    names = sorted(entities(text, common=common), key=lambda e: e.start)
    toks = tokens(text)
    out = []
    i = 0
    while i < len(names):
        group = [names[i]]
        while i + 1 < len(names) and re.fullmatch(r"(?:\s|,|and|&)*", text[group[-1].end : names[i + 1].start]):
            i += 1
            group.append(names[i])
        i += 1
        after = [t for t in toks if t.start >= group[-1].end]
        if not after or text[group[-1].end : after[0].start].strip():
            continue  # "Berg, …", "Madrid's …": not the subject of a verb
        verb = next((t for t in after[:4] if t.norm not in _AUXILIARIES), None)
        if verb is None or not verb.stem or not verb.text[:1].islower() or verb.norm.endswith("ly"):
            continue
        out.append((frozenset(e.key for e in group), group[-1], verb.stem))
    return out


def _same_names(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two groups share a name ("anna berg" is "chancellor anna berg")."""
    for x in a:
        for y in b:
            wx, wy = set(x.replace("-", " ").split()), set(y.replace("-", " ").split())
            if x == y or (wx and wy and (wx <= wy or wy <= wx)):
                return True
    return False


def _named_right_before(
    ev_tokens: Sequence[Token], claimed: Entity, verb: str, same_verb: Callable[[str, str], bool]
) -> bool:
    """Whether the evidence has the claim's name (its last word) followed within four words by the claim's verb."""
    words = claimed.key.replace("-", " ").replace("_", " ").split()
    if not words:
        return False
    last = words[-1]
    for i, t in enumerate(ev_tokens):
        if t.norm == last and any(u.stem and same_verb(verb, u.stem) for u in ev_tokens[i + 1 : i + 5]):
            return True
    return False


_AGENTS = frozenset({"person", "country", "organisation"})


def agent_swap(
    claim_text: str,
    evidence_text: str,
    common: frozenset[str],
    same_verb: Callable[[str, str], bool],
    persons: frozenset[str] = frozenset(),
) -> tuple[Entity, Entity] | None:
    """The claim has one name do something the evidence has another name of the same kind do ("the US wanted
    tariffs lifted" against "Madrid wanted tariffs to be lifted"): (the claim's name, the evidence's), or
    None. Nothing is swapped when the evidence also has the claim's name do it."""
    found = _subject_groups(evidence_text, common)
    ev_tokens = tokens(evidence_text)
    claim_names = {e.key for e in entities(claim_text, common=common)}
    for keys, claimed, verb in _subject_groups(claim_text, common):
        doers = [(k, e) for k, e, v in found if same_verb(verb, v)]
        if not doers or any(_same_names(k, keys) for k, _ in doers):
            continue
        if _named_right_before(ev_tokens, claimed, verb, same_verb):
            continue  # "Press Secretary, Jo Lee, stated": the claim's name does it, set off by commas
        kind = name_kind(claimed.key, persons)
        for _, other in doers:
            theirs = name_kind(other.key, persons)
            # Another named doer of an unknown kind ("Madrid wanted …" where the claim has "the US wanted …") is
            # someone else too, unless the claim names it as well (then the roles are only reversed).
            unknown = theirs is None and kind in _AGENTS and other.key not in claim_names
            if kinds_match(kind, theirs) or unknown:
                return claimed, other
    return None


def reversed_roles(claim_text: str, names: Sequence[Entity], evidence_text: str, common: frozenset[str]) -> bool:
    """The claim's subject is only an object in the evidence, whose subject is another of the claim's names
    ("Chile considers Peru a rival" against "Peru perceives Santiago … as a rival")."""
    lead = leading_entities(claim_text, common=common)
    if lead == "<pronoun>" or not lead:
        return False
    keys = {e.key for e in names}
    found = entities(evidence_text, common=common)
    subjects = {e.key for e in found if "subject" in slots(evidence_text, e, common)}
    for key in lead:
        first = next((e for e in names if e.key == key), None)
        possessive = re.match(r"['’]s\b", claim_text[first.end : first.end + 3]) if first else None
        if first is None or possessive or first.text.endswith(("'s", "’s")):
            continue  # "Chile's trade deal …": a possessive, not the subject
        mentioned = [e for e in found if e.key == key]
        if (
            mentioned
            and key not in subjects
            and subjects & (keys - set(lead))
            and all(_object(evidence_text, e) for e in mentioned)
        ):
            return True
    return False


def _object(text: str, entity: Entity) -> bool:
    """Whether a name is the object of the word right before it ("perceives Santiago", "for the US")."""
    before = list(tokens(text[: entity.start]))[-3:]
    while before and before[-1].norm in {"the", "a", "an"}:
        before.pop()
    return bool(before) and before[-1].text[:1].islower() and text[before[-1].end : entity.start].strip() in {"", "the"}
