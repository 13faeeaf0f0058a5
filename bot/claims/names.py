"""Names a document defines for itself (acronyms and second names in brackets, the people it names), and the
acronyms a text spells out.

No list of names is built into citebot. A document writes "National Security Systems (NSS)" or "Name-12 (XY-17)",
calls someone "Chancellor Anna Berg", has "Berg said that she …": those pairs and people are read from its text.
An acronym and its expansion are matched by the Schwartz-Hearst rule: every letter of the short form occurs in
the long form in order, the first letter of the short form starts the long form's first word, and every word of
the long form gives at least its first letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.claims.lexicon import TITLES, words
from bot.claims.text.tokens import DESIGNATION
from corpus.text.words import STOPWORDS

_SHORT = r"[A-Z][A-Za-z0-9&.-]{1,9}"
# "Long Form Words (LFW)": up to eight words before a bracketed short form.
_LONG_THEN_SHORT = re.compile(rf"(?<![\w-])((?:[A-Za-z][\w'’-]*[\s]+){{1,8}})\((?P<s>{_SHORT})\)")
# "LFW (Long Form Words)".
_SHORT_THEN_LONG = re.compile(r"\b(?P<s>[A-Z][A-Z0-9&-]{1,9})\s+\((?P<l>[A-Za-z][\w'’ -]{3,80})\)")
_FILLERS = frozenset({"of", "and", "the", "for", "on", "in", "to", "a", "an", "&"})
_SPEECH = words("speech_verbs.txt")
_MODIFIERS = words("title_modifiers.txt")
_NOT_NAMES = words("not_person.txt") | words("organisation_words.txt")
_NOT_A_NAME = words("pronouns.txt") | words("skip_after_negation.txt") | {"he", "she", "we", "i", "you"}
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)


def initials_match(short: str, long_words: list[str]) -> bool:
    """Whether ``short`` abbreviates ``long_words`` (Schwartz-Hearst: every content word gives its first letter,
    a filler word such as "of" may give its own, and at most one letter comes from inside a word)."""
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2 or not long_words or long_words[-1].lower() in _FILLERS:
        return False
    # Hyphenated parts count as words of their own ("Submarine-launched" gives S and L).
    parts: list[tuple[str, bool]] = []
    for w in long_words:
        pieces = [p for p in re.split(r"[-’']", w) if p]
        for i, p in enumerate(pieces):
            # A filler word, or the tail of a hyphenated word, need not give a letter.
            parts.append((p.lower(), w.lower() in _FILLERS or i > 0))
    if sum(not optional for _, optional in parts) > len(letters):
        return False
    return _match(letters, parts, inner=1)


def _match(letters: list[str], parts: list[tuple[str, bool]], *, inner: int) -> bool:
    """Each word gives its first letter (an optional one may give none), and ``inner`` more letters in all may
    come from inside the word they follow."""
    if not parts:
        return not letters
    (head, optional), rest = parts[0], parts[1:]
    if optional and _match(letters, rest, inner=inner):
        return True
    if not letters or head[0] != letters[0]:
        return False
    if _match(letters[1:], rest, inner=inner):
        return True
    pos = 1
    for used in range(1, inner + 1):
        pos = head.find(letters[used], pos) + 1 if used < len(letters) else 0
        if pos == 0:
            return False
        if _match(letters[used + 1 :], rest, inner=inner - used):
            return True
    return False


@dataclass(frozen=True)
class Names:
    """The document's own second names (lower-case short form -> long form) and the people it names."""

    acronyms: dict[str, str]
    persons: frozenset[str]  # lower-case full names and their first and last words


def acronym_pairs(text: str) -> dict[str, str]:
    """Short form -> long form for every bracketed pair of the text that abbreviates or renames its partner."""
    out: dict[str, str] = {}
    for m in _LONG_THEN_SHORT.finditer(text):
        short = m.group("s")
        before = m.group(1).split()
        if DESIGNATION.match(short) and before and DESIGNATION.match(before[-1].rstrip(",")):
            out[short.lower()] = before[-1].rstrip(",")  # "Name-12 (XY-17)": a second designation
            continue
        if not short.isupper() and not re.fullmatch(r"[A-Z][a-z]?[A-Z]+s?", short):
            continue
        bare = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
        for k in range(1, len(before) + 1):
            words_ = before[-k:]
            if initials_match(bare, words_):
                out.setdefault(bare.lower(), " ".join(words_))
                break
    for m in _SHORT_THEN_LONG.finditer(text):
        long_words = m.group("l").split()
        if initials_match(m.group("s"), long_words):
            out.setdefault(m.group("s").lower(), " ".join(long_words))
    return out


def _persons_by_title(text: str) -> set[str]:
    """Names written after a title ("Chancellor Anna Berg", "Press Secretary, Jo Lee")."""
    heads = "|".join(sorted((re.escape(t) for t in TITLES - _MODIFIERS), key=len, reverse=True))
    pattern = rf"\b(?i:{heads})\.?,?\s+((?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+)"
    out = set()
    for m in re.finditer(pattern, text):
        name = m.group(1).split()
        if not {w.lower() for w in name} & (TITLES | _NOT_NAMES):
            out.add(" ".join(name))
    return out


def _persons_by_speech(text: str) -> set[str]:
    """Names that say, promise or believe something and are "he" or "she" in the same sentence."""
    out = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        for m in re.finditer(r"\b((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)\s+(?:also\s+)?([a-z]+)\b", sentence):
            if m.group(2) in _SPEECH and _PERSON_PRONOUN.search(sentence[m.end() :]):
                out.add(m.group(1))
    return out


def _persons_by_naming(text: str) -> set[str]:
    """Full names introduced as someone's ("a young lawyer named Ana Ruiz", "a tribune called Tom Lee Berg")."""
    pattern = r"\b(?i:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:named|called)\s+((?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+)"
    return {m.group(1) for m in re.finditer(pattern, text)}


def person_keys(names: Iterable[str]) -> frozenset[str]:
    """Lower-case full names and their first and last words ("Anna Berg" -> "anna berg", "anna", "berg")."""
    out: set[str] = set()
    for name in names:
        parts = name.lower().split()
        if not parts or (len(parts) == 1 and parts[0] in _NOT_A_NAME):
            continue
        out.add(" ".join(parts))
        out.update({parts[0], parts[-1]})
    return frozenset(out)


def document_names(text: str, people: Iterable[str] = ()) -> Names:
    """The acronyms and people a document names (``people``: its byline's authors and editors, and any names the
    caller has recognised as people)."""
    lower = set(re.findall(r"\b[a-z][a-z'’-]+\b", text))
    # A word the text also writes in lower case ("Report", "Every") is a common word opening a sentence.
    found = {
        re.sub(r"\d+$", "", n)
        for n in _persons_by_title(text) | _persons_by_speech(text) | _persons_by_naming(text)
        if n.split()[-1].lower() not in lower
    } | set(people)
    return Names(acronym_pairs(text), person_keys(found))


def head_noun(name: str) -> str:
    """The noun a long name is a kind of ("Rainfall Data Toolkit" -> "toolkit", "Treaty of Lisbon" -> "treaty")."""
    words = name.lower().replace("-", " ").split()
    if " of " in f" {name.lower()} ":
        words = name.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def head_noun_key(name: str) -> str:
    """A long name as a lower-case key ("Rainfall Data Toolkit" -> "rainfall data toolkit")."""
    words = name.lower().replace("-", " ").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def surname_of(key: str, persons: frozenset[str]) -> str | None:
    """The last name by which a text may refer to a person ("robert byrd" -> "byrd"), when the text names someone
    by that last name and no other of its people has it; else None."""
    parts = key.split()
    if len(parts) < 2 or parts[-1] not in persons:
        return None
    last = parts[-1]
    if any(" " in p and p.split()[-1] == last and p != key for p in persons):
        return None  # two of its people share the last name: "Berg" alone names neither
    return last


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
