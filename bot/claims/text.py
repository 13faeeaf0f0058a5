"""Text analysis for claim checking: tokens with offsets, named entities, negation scope and comparatives.

Everything here is a pure function of strings. Country names are normalised through a general table (the US is
"U.S.", "United States" or "Washington"); a document's own acronyms come from the document (``bot.claims.names``);
designations stay whole tokens so "Model-17" never matches "Model-12".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.claims.lexicon import (
    ALIASES,
    COMPARATIVE_BASES,
    COMPARATIVES,
    FRAME,
    IRREGULAR,
    NEGATIONS,
    NOT_SUPERLATIVES,
    PREVENTIONS,
    PRONOUNS,
    ROLE_CLASSES,
    SCARCE_PARTS,
    SKIP_AFTER_NEGATION,
    SYNONYMS,
    TITLES,
    phrases,
    words,
)
from bot.claims.names import initials_match
from corpus.text.dates import CALENDAR_WORDS
from corpus.text.numbers import WORD_NUMBERS
from corpus.text.words import STOPWORDS, is_name_form, stem

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[-.][A-Za-z0-9]+)*\.?|\d+(?:,\d{3})*(?:\.\d+)?")
_DESIGNATION = re.compile(r"^[A-Za-z]+-\d+[A-Za-z]?$")
_CAPITALISED = re.compile(r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})")

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@lru_cache(maxsize=4096)
def _folded_char(c: str) -> str:
    base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
    return base if len(base) == 1 and base.isascii() else c


def fold_accents(text: str) -> str:
    """The text with accented Latin letters written plain, one letter for one ("Zoë" -> "Zoe"), so offsets
    stay valid; letters with no plain form ("ß", "ø") are kept."""
    if text.isascii():
        return text
    return "".join(_folded_char(c) if not c.isascii() else c for c in text)


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written
    start: int
    end: int
    norm: str  # lower-case, possessive and trailing dot dropped
    stem: str  # comparison form ("" for stopwords)


def _norm(word: str) -> str:
    w = word.translate(_QUOTES).lower()
    w = re.sub(r"'s$", "", w)
    if w.endswith(".") and not re.fullmatch(r"(?:[a-z]\.)+", w):
        w = w[:-1]
    return w


def word_stem(word: str, *, name: bool = False) -> str:
    """The comparison form of one lower-case word (irregular verbs folded unless it is a ``name``, Snowball
    stem)."""
    w = word if name else IRREGULAR.get(word, word)
    if _DESIGNATION.match(w) or w[:1].isdigit():
        return w
    return stem(w, name=name) if "-" not in w else "-".join(stem(p, name=name) for p in w.split("-"))


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens with offsets; stopwords get an empty stem."""
    out = []
    text = fold_accents(text)
    for m in _WORD.finditer(text):
        raw = m.group(0)
        end = m.end()
        if raw.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+", raw):
            raw, end = raw[:-1], end - 1
        n = _norm(raw)
        # "Drew" inside a sentence is a name, not "draw"
        name = is_name_form(raw, text[max(0, m.start() - 40) : m.start()], text[end : end + 3])
        st = "" if (n in STOPWORDS and n not in {"us"}) or (len(n) < 2 and not n.isdigit()) else word_stem(n, name=name)
        if n == "us" and raw == "US":
            st = "usa"
        out.append(Token(raw, m.start(), end, n, st))
    return tuple(out)


def synonym_keys(s: str) -> frozenset[str]:
    """The stem and every synonym group it belongs to."""
    keys = {s}
    for i, group in enumerate(SYNONYMS):
        if s in group:
            keys.add(f"syn{i}")
    return frozenset(keys)


def role_classes(stems: Iterable[str]) -> frozenset[int]:
    out = set()
    for s in stems:
        for i, group in enumerate(ROLE_CLASSES):
            if s in group:
                out.add(i)
    return frozenset(out)


# ----- entities --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    start: int
    end: int
    key: str  # canonical key: alias target, or the lower-case name


def canonical(name: str) -> str:
    """The canonical key of a name ("U.S." -> "usa", "Model 17" -> "model-17")."""
    n = " ".join(name.translate(_QUOTES).lower().replace("the ", " ").split())
    n = re.sub(r"'s$", "", n)
    n = re.sub(r"^([a-z]+-\d+)s$", r"\1", n)  # "XY-23s": more than one XY-23
    n = re.sub(r"^([a-z]+)[\s-](\d+[a-z]?)$", r"\1-\2", n)
    return ALIASES.get(n, ALIASES.get(n.rstrip("."), n))


_MONTH_WORDS = CALENDAR_WORDS
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
        if not is_cap or t.norm in _MONTH_WORDS:
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
            if _CAPITALISED.fullmatch(nxt.text) and nxt.norm not in _MONTH_WORDS:
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
        if len(words) > 1 and _DESIGNATION.match(words[-1].text) and all(w.text.isupper() for w in words[:-1]):
            words = words[-1:]  # "the XYZ Model-16": a type's acronym before a designation is not part of the name
        first_title = next((k for k, w in enumerate(words[:-1]) if w.norm in TITLES), None)
        if first_title:
            # "City Hall Press Secretary Jo Lee": the person starts at the title; "City Hall" only says where the
            # title is held (the brief may write just "Press Secretary, Jo Lee").
            words = words[first_title:]
        name = text[words[0].start : words[-1].end]
        m = re.fullmatch(r"([A-Z][\w.]*)-([A-Z][\w' .-]*)", name)
        if m and not _DESIGNATION.match(name.split()[0]):
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


_ACRONYM_WORD = re.compile(r"\b([A-Z][A-Z0-9&]{1,9})(s?)\b")


def spelled_out(text: str, short: str) -> str | None:
    """Where ``text`` writes out the acronym ``short`` (its words' initials spell it), else None."""
    letters = sum(c.isalnum() for c in short)
    toks = re.findall(r"[A-Za-z][\w'’-]*", text)
    for k in range(2, letters + 3):
        for i in range(len(toks) - k + 1):
            window = toks[i : i + k]
            inner = [w.lower() for w in window if w.lower() not in {"of", "and", "the", "for"}]
            # "Joint Comprehensive Plan of Action", "wet-bulb globe temperature": one cased run of content words.
            cased = all(w[:1].isupper() for w in inner) or all(w.islower() for w in inner)
            if any(w in STOPWORDS for w in inner) or not cased:
                continue
            if window[0][:1].lower() == short[:1].lower() and initials_match(short, window):
                return " ".join(window)
    return None


def expand_acronyms(text: str, acronyms: Mapping[str, str] | None = None, wanted: Iterable[str] = ()) -> str:
    """Append the short form of every long form the text writes out, and the long form of every short form it
    uses. ``acronyms``: the document's own pairs (lower-case short form -> long form); ``wanted``: a claim's short
    forms, looked for as spelled-out initials ("NSS" in "… National Security Systems …")."""
    pairs = dict(acronyms or {})
    low = text.lower().replace("-", " ")
    extra = []
    for short, long in pairs.items():
        if long.lower().replace("-", " ") in low:
            extra.append(short.upper() if short.isalpha() else short)
        if re.search(rf"(?<![\w-]){re.escape(short)}s?(?![\w-])", low):
            extra.append(long)
    for short in wanted:
        used = re.search(rf"(?<![\w-]){re.escape(short)}s?(?![\w-])", text)
        if short.lower() not in pairs and not used and spelled_out(text, short) is not None:
            extra.append(short)
    for m in re.finditer(r"((?:[A-Z][a-z-]+\s+){1,5})\(([A-Z]{2,6})\)", text):
        extra.append(m.group(2))
    return text + (" " + " ".join(extra) if extra else "")


def claim_acronyms(text: str) -> tuple[str, ...]:
    """The short forms a claim uses ("NSS", "GCMs" -> "GCM")."""
    return tuple(dict.fromkeys(m.group(1) for m in _ACRONYM_WORD.finditer(text) if len(m.group(1)) >= 3))


def entity_keys(text: str) -> set[str]:
    """Every canonical key an evidence text can answer to: its names, their parts, and alias targets."""
    keys: set[str] = set()
    text = fold_accents(text)
    for e in entities(text):
        keys.add(e.key)
        for part in re.split(r"[\s]+", e.text):
            keys.add(canonical(part))
    low = " ".join(text.translate(_QUOTES).lower().split())
    for alias, key in ALIASES.items():
        if len(alias.replace(".", "")) <= 3:
            # Short aliases only in capitals: "US" the country, never "us" the pronoun.
            forms = {alias.upper(), alias.capitalize()}
            if any(re.search(rf"(?<![A-Za-z0-9]){re.escape(f)}(?![A-Za-z0-9])", text) for f in forms):
                keys.add(key)
        elif re.search(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", low):
            keys.add(key)
    return keys


def mentions(entity: Entity, text_keys: set[str], text_lower: str) -> bool:
    """Whether a text (by its keys and lower-cased words) names the entity."""
    if entity.key in text_keys:
        return True
    words = [w for w in re.split(r"[\s]+", fold_accents(entity.text).translate(_QUOTES).lower()) if w not in STOPWORDS]
    if not words:
        return True
    # Multi-word names ("Geneva summit", "National Security Systems") match when every word occurs.
    return all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text_lower) for w in words) and len(words) > 1


_PRONOUNS = PRONOUNS
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
    if first and first[0].norm in _PRONOUNS:
        return "<pronoun>"
    out: list[str] = []
    pos = 0
    for e in entities(body, common=common):
        if re.fullmatch(r"(?:\s|,|and|&|the|The)*", body[pos : e.start]) is None:
            break
        out.append(e.key)
        pos = e.end
    return out


# ----- negation ----------------------------------------------------------------------------------------------------
_SKIP_AFTER_NEG = SKIP_AFTER_NEGATION
_SCARCE = words("scarce.txt")
_FAILURE = words("failure_words.txt")  # negations that are content too ("failed to agree")


def negator_positions(toks: Sequence[Token]) -> set[int]:
    """Tokens that only negate or quantify ("not", "little", "a small part of"): not content of their own."""
    out = set()
    for i, t in enumerate(toks):
        nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
        if t.norm in NEGATIONS and t.norm not in _FAILURE:
            out.add(i)
        elif t.norm in _SCARCE and nxt in SCARCE_PARTS:
            out.update({i, i + 1})
    return out


def negated_stems(toks: Sequence[Token]) -> set[str]:
    """Stems in the scope of a negation ("failed to restart" -> restart; "is also not working" -> work)."""
    out: set[str] = set()
    for i, t in enumerate(toks):
        n = t.norm
        if n.endswith("n't"):
            n = "n't"
        prev = toks[i - 1].norm if i else ""
        nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
        if n in {"little", "few"} and prev in {"a", "quite", "not"}:
            continue  # "a few tests" is some tests
        if n in _SCARCE and nxt in SCARCE_PARTS:
            # "only a small part of the continental US" denies "continental" as "little" would.
            scope = [u for u in toks[i + 2 : i + 7] if u.stem and u.norm not in _SKIP_AFTER_NEG]
            if scope:
                out.add(scope[0].stem)
            continue
        if (n, nxt) in {("rather", "than"), ("instead", "of")}:
            n = "not"  # "increase pressure rather than negotiate" denies "negotiate"
        if n in PREVENTIONS:
            # "prevent the chasms between them from increasing" denies "increasing", not "chasms"
            after = next((j for j in range(i + 1, min(i + 9, len(toks) - 1)) if toks[j].norm == "from"), None)
            if after is not None and toks[after + 1].stem:
                out.add(toks[after + 1].stem)
            continue
        if n not in NEGATIONS:
            continue
        if n in {"fail", "failed", "fails", "failing", "failure", "unable", "refused", "refuse"} and not (
            i + 1 < len(toks) and toks[i + 1].norm == "to"
        ):
            continue  # "the failure of", "failed talks": not a negated verb
        for u in toks[i + 1 : i + 6]:
            if u.norm in _SKIP_AFTER_NEG or not u.stem:
                continue
            out.add(u.stem)  # the first content word: the negated verb or noun
            break
    return out


# ----- comparatives --------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Comparison:
    dimension: str
    direction: int
    subject: str | None  # canonical key of what is compared
    other: str | None  # canonical key after "than"


_TIME_COMPARATIVES = words("time_comparatives.txt")


def comparisons(text: str, *, common: frozenset[str] = frozenset()) -> list[Comparison]:
    """Comparisons with the names on each side: "X … larger than Y", "less vulnerable" (None: no name)."""
    out = []
    toks = tokens(text)
    names = entities(text, common=common)
    for i, t in enumerate(toks):
        nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
        if t.norm in {"more", "less", "fewer"} and nxt and nxt not in {"than", "of", "and", "or"}:
            if nxt[:1].isdigit() or nxt in STOPWORDS:
                continue
            sign = 1 if t.norm == "more" else -1
            base = COMPARATIVE_BASES.get(nxt)
            spec = COMPARATIVES.get(f"{t.norm} {nxt}") or (
                (base[0], base[1] * sign) if base else (word_stem(nxt), sign)
            )
            end = toks[i + 1].end
        elif t.norm in COMPARATIVES and t.norm not in {"more", "less", "fewer"}:
            if t.norm in _TIME_COMPARATIVES and nxt != "than":
                continue  # "Earlier, …" is not a comparison
            spec = COMPARATIVES[t.norm]
            end = t.end
        else:
            continue
        than = re.match(r"\s+than\b", text[end:])
        before = [e for e in names if e.end <= t.start and "." not in text[e.end : t.start] and not _governed(text, e)]
        after = [e for e in names if than and e.start >= end + than.end()]
        out.append(Comparison(spec[0], spec[1], before[-1].key if before else None, after[0].key if after else None))
    for m in _MULTIPLE.finditer(text):
        # "16 times the size of the lake in Geneva": larger than it (smaller for "half").
        factor = m.group("n").lower()
        value = _MULTIPLE_WORDS.get(factor) or WORD_NUMBERS.get(factor) or float(factor)
        if value == 1:
            continue
        before = [
            e for e in names if e.end <= m.start() and "." not in text[e.end : m.start()] and not _governed(text, e)
        ]
        after = [e for e in names if e.start >= m.end() and "." not in text[m.end() : e.start]]
        out.append(
            Comparison(
                "size", 1 if value > 1 else -1, before[-1].key if before else None, after[0].key if after else None
            )
        )
    return out


def _governed(text: str, entity: Entity) -> bool:
    """Whether a name is the object of a preposition ("250 tons of TNT"): not what a comparison is about."""
    return re.search(r"\b(?:of|in|at|by|for|with|from|to|on)\s+(?:the\s+)?$", text[: entity.start], re.I) is not None


_MULTIPLE_WORDS = {"twice": 2.0, "half": 0.5}  # the rest of the number words: corpus.text.numbers
_MULTIPLE = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|twice|half|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")\s+"
    r"(?:times\s+)?(?:the\s+)?"
    r"(?:size|power|yield|strength|force)\s+of\b",
    re.IGNORECASE,
)


# ----- superlatives ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Superlative:
    """ "<subject> was the largest <category>": the subject's and category's content stems."""

    subject: frozenset[str]
    degree: str
    category: frozenset[str]


_NOT_SUPERLATIVE = NOT_SUPERLATIVES
_SUPERLATIVE = re.compile(
    r"\b(?:is|was|are|were|remains|remained|became|has\s+been|have\s+been)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?P<deg>(?:most|least)\s+[a-z]+|[a-z]{3,}est)\s+(?P<cat>[a-z][a-z -]{0,60}?)"
    r"(?=[,.;:]|\s+(?:in|of|ahead|since|after|before|for|with|and)\b|$)",
    re.IGNORECASE,
)


def superlatives(text: str) -> list[Superlative]:
    """ "Wind power was the largest renewable source" -> subject {wind, power}, degree larg, category {renew, sourc}."""
    out = []
    for m in _SUPERLATIVE.finditer(text):
        deg = m.group("deg").lower()
        if deg.split()[-1] in _NOT_SUPERLATIVE:
            continue
        clause_start = max(text.rfind(c, 0, m.start()) for c in ".;:,") + 1
        subject = frozenset(t.stem for t in tokens(text[clause_start : m.start()])[-4:] if t.stem)
        category = frozenset(t.stem for t in tokens(m.group("cat"))[:3] if t.stem)
        if subject and category:
            out.append(Superlative(subject, " ".join(word_stem(w) for w in deg.split()), category))
    return out


_EXCEPTIONS = re.compile(
    r"\b(?:"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases("exceptions.txt"), key=len, reverse=True))
    + r")\b",
    re.I,
)


def denied_names(text: str, *, common: frozenset[str] = frozenset()) -> tuple[set[str], set[str]]:
    """(keys of names inside a negation's clause or after an exception, keys of names outside any): "do not
    represent those of the Institute" and "all breeds apart from the Muscovy" deny the Institute and the Muscovy."""
    toks = tokens(text)
    # A clause ends at punctuation, and at a dash or bracket closing an aside ("delivered without notes—tracing the
    # fall of the Republic" denies the notes, not the Republic).
    ends = [m.start() for m in re.finditer(r"[,.;:()\u2013\u2014]", text)]
    spans = [(m.end(), next((c for c in ends if c > m.end()), len(text))) for m in _EXCEPTIONS.finditer(text)]
    for t in toks:
        n = "n't" if t.norm.endswith("n't") else t.norm
        if n in {"not", "n't", "never", "no", "without"}:
            spans.append((t.end, next((c for c in ends if c > t.end), len(text))))
    denied: set[str] = set()
    stated: set[str] = set()
    for e in entities(text, common=common):
        (denied if any(s <= e.start < stop for s, stop in spans) else stated).add(e.key)
    return denied, stated


def superlative_degrees(text: str) -> set[tuple[str, int]]:
    """(dimension, direction) of every superlative ("the most powerful" -> ("strength", 1), "least powerful"
    -> ("strength", -1), "smallest" -> ("size", -1))."""
    out = set()
    for m in re.finditer(r"\b(most|least)\s+([a-z]+)", text, re.I):
        base = COMPARATIVE_BASES.get(m.group(2).lower())
        if base:
            out.add((base[0], base[1] * (1 if m.group(1).lower() == "most" else -1)))
    for m in re.finditer(r"\b([a-z]+?)(?:e?st)\b", text, re.I):
        word = m.group(1).lower()
        for cand in (word, word + "e", word[:-1] if len(word) > 2 and word[-1] == word[-2] else word, word[:-1] + "y"):
            if cand in COMPARATIVE_BASES and len(m.group(0)) > len(cand):
                out.add(COMPARATIVE_BASES[cand])
                break
    return out
