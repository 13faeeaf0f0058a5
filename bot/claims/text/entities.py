"""Named entities: capitalised names and designations with canonical keys (aliases folded), which names a text
mentions, and the names a sentence opens with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.claims.lexicon import ALIASES, FRAME, PRONOUNS, TITLES, words
from bot.claims.text.tokens import DESIGNATION, QUOTES, fold_accents, tokens
from corpus.text.dates import CALENDAR_WORDS
from corpus.text.words import STOPWORDS

_CAPITALISED = re.compile(r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})")


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    start: int
    end: int
    key: str  # canonical key: alias target, or the lower-case name


def canonical(name: str) -> str:
    """The canonical key of a name ("U.S." -> "usa", "Model 17" -> "model-17")."""
    n = " ".join(name.translate(QUOTES).lower().replace("the ", " ").split())
    n = re.sub(r"'s$", "", n)
    n = re.sub(r"^([a-z]+-\d+)s$", r"\1", n)  # "XY-23s": more than one XY-23
    n = re.sub(r"^([a-z]+)[\s-](\d+[a-z]?)$", r"\1-\2", n)
    return ALIASES.get(n, ALIASES.get(n.rstrip("."), n))


_LABELS = words("labels.txt")
_CONNECTORS = frozenset({"of", "de", "for"})


def entities(text: str, *, common: frozenset[str] = frozenset()) -> list[Entity]:
    """Capitalised names and designations. A capitalised sentence opener counts only if it is not a common word
    (``common``: words seen in lower case in the brief or the claim)."""
    text = fold_accents(text)
    toks = tokens(text)
    out: list[Entity] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        is_cap = bool(_CAPITALISED.fullmatch(t.text)) and not t.text[:1].isdigit()
        if not is_cap or t.norm in CALENDAR_WORDS:
            i += 1
            continue
        j = i
        while j + 1 < len(toks):
            nxt = toks[j + 1]
            gap = text[toks[j].end : nxt.start]
            if gap.strip() not in {"", "-"} or re.search(r"['’]s$", toks[j].text):
                break  # "South Africa's Model-14" is two names: the owner and the thing
            if re.fullmatch(r"[A-Z]{2,}s|[A-Z]{3,}", toks[j].text) and nxt.text[1:2].islower():
                # "GCMs North America", "the GCM Chile ran": an acronym of three letters or more (or a plural one)
                # is a common noun before a name, not its start; "US Navy" stays one name.
                break
            if _CAPITALISED.fullmatch(nxt.text) and nxt.norm not in CALENDAR_WORDS:
                j += 1
            elif re.fullmatch(r"\d{1,3}[A-Za-z]?", nxt.text) and gap == " " and toks[j].norm not in STOPWORDS:
                j += 1  # "Model 17" written without its hyphen
                break
            elif (
                nxt.norm in _CONNECTORS
                and j + 2 < len(toks)
                and _CAPITALISED.fullmatch(toks[j + 2].text)
                and text[nxt.end : toks[j + 2].start].strip() == ""
            ):
                j += 2
            else:
                break
        words = [toks[k] for k in range(i, j + 1)]
        opener = i == 0 or text[: t.start].rstrip().endswith((".", "!", "?", ":", '"', "“"))
        plain = (
            t.norm in STOPWORDS
            or t.norm in common
            or t.stem in common  # "Renewables" opens a claim; the brief writes "renewable"
            or t.norm in FRAME
            or t.norm.endswith("ly")
        )
        if text[t.end : t.end + 1] == ":" or (opener and t.norm in _LABELS):
            i = j + 1
            continue  # a field label ("Date: …", "Vehicle tested: …")
        if opener and len(words) == 1 and plain:
            i = j + 1
            continue
        if opener and words[0].norm in STOPWORDS | common and len(words) > 1:
            words = words[1:]
        if len(words) > 1 and DESIGNATION.match(words[-1].text) and all(w.text.isupper() for w in words[:-1]):
            words = words[-1:]  # "the XYZ Model-16": a type's acronym before a designation is not part of the name
        first_title = next((k for k, w in enumerate(words[:-1]) if w.norm in TITLES), None)
        if first_title:
            # "City Hall Press Secretary Jo Lee": the person starts at the title; "City Hall" only says where the
            # title is held (the brief may write just "Press Secretary, Jo Lee").
            words = words[first_title:]
        name = text[words[0].start : words[-1].end]
        m = re.fullmatch(r"([A-Z][\w.]*)-([A-Z][\w' .-]*)", name)
        if m and not DESIGNATION.match(name.split()[0]):
            # "US-South Africa" joint exercises: two names joined by a hyphen.
            first, second = m.group(1), m.group(2)
            s0 = words[0].start
            out.append(Entity(first, s0, s0 + len(first), canonical(first)))
            out.append(Entity(second, s0 + len(first) + 1, words[-1].end, canonical(second)))
            i = j + 1
            continue
        # "NGOs" is more than one NGO: the key is the acronym's.
        key = canonical(name[:-1]) if re.fullmatch(r"[A-Z]{2,}s", name) else canonical(name)
        out.append(Entity(name, words[0].start, words[-1].end, key))
        i = j + 1
    return out


def entity_keys(text: str) -> set[str]:
    """Every canonical key an evidence text can answer to: its names, their parts, and alias targets."""
    keys: set[str] = set()
    text = fold_accents(text)
    for e in entities(text):
        keys.add(e.key)
        for part in re.split(r"[\s]+", e.text):
            keys.add(canonical(part))
    low = " ".join(text.translate(QUOTES).lower().split())
    for alias, key in ALIASES.items():
        if len(alias.replace(".", "")) <= 3:
            # Short aliases only in capitals: "US" the country, never "us" the pronoun.
            forms = {alias.upper(), alias.capitalize()}
            if any(re.search(rf"(?<![A-Za-z0-9]){re.escape(f)}(?![A-Za-z0-9])", text) for f in forms):
                keys.add(key)
        elif re.search(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", low):
            keys.add(key)
    return keys


# "South African" is of "South Africa", "New Mexican" of "New Mexico": the endings English makes an adjective
# of a place name with, and what they replace.
_DEMONYM_ENDINGS = (
    ("n", ""),
    ("an", "o"),
    ("ian", "a"),
    ("ian", "y"),
    ("ian", ""),
    ("ese", ""),
    ("ese", "a"),
    ("i", ""),
)


def demonym_bases(key: str) -> set[str]:
    """The place names a name of two or more words may be the adjective of ("south african" -> "south africa")."""
    *head, last = key.split() or [""]
    if not head:
        return set()
    out = set()
    for ending, base in _DEMONYM_ENDINGS:
        if last.endswith(ending) and len(last) - len(ending) + len(base) >= 4:
            out.add(" ".join([*head, last[: len(last) - len(ending)] + base]))
    return out


def mentions(entity: Entity, text_keys: set[str], text_lower: str) -> bool:
    """Whether a text (by its keys and lower-cased words) names the entity (a place by its adjective too: "South
    African" is named by "South Africa" and the other way round)."""
    if entity.key in text_keys or demonym_bases(entity.key) & text_keys:
        return True
    if " " in entity.key and any(entity.key in demonym_bases(k) for k in text_keys if " " in k):
        return True
    words = [w for w in re.split(r"[\s]+", fold_accents(entity.text).translate(QUOTES).lower()) if w not in STOPWORDS]
    if not words:
        return True
    # Multi-word names ("Geneva summit", "National Security Systems") match when every word occurs.
    return all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text_lower) for w in words) and len(words) > 1


# An opening phrase before the subject: "On March 4 2022, ", "During the Berg era, ", "Unfortunately, ".
_INTRO = re.compile(
    r"^(?:(?:on|in|at|during|after|before|since|by|from|until|following|according|back|earlier|later|however|"
    r"moreover|furthermore|similarly|lastly|therefore|meanwhile|also|then|still|yet|thus|hence|besides)\b|"
    r"[A-Za-z]+ly\b)[^,]{0,40},\s+",
    re.IGNORECASE,
)


def leading_entity(text: str, *, common: frozenset[str] = frozenset()) -> str | None:
    """Who a sentence is about: the first name it opens with (after an opening phrase such as "On March 4 2022,"),
    "<pronoun>" when it opens with a pronoun, or None. See ``leading_entities`` for "Ana Ruiz and Berg"."""
    found = leading_entities(text, common=common)
    if found == "<pronoun>":
        return found
    return found[0] if found else None


def leading_entities(text: str, *, common: frozenset[str] = frozenset()) -> list[str] | str:
    """The names a sentence opens with, joined by "and" or commas ("Ana Ruiz and Berg met …")."""
    body = text.lstrip(" *_\"'“‘")
    if m := _INTRO.match(body):
        rest = body[m.end() :]
        if not re.match(r"(?:and|or|but|which|who)\b", rest):
            body = rest
    first = tokens(body)[:1]
    if first and first[0].norm in PRONOUNS:
        return "<pronoun>"
    out: list[str] = []
    pos = 0
    for e in entities(body, common=common):
        if re.fullmatch(r"(?:\s|,|and|&|the|The)*", body[pos : e.start]) is None:
            break
        out.append(e.key)
        pos = e.end
    return out
