"""Names a document defines for itself: acronyms and second names in brackets, and the people it names.

No list of names is built into citebot. A document writes "National Security Systems (NSS)" or "Name-12 (XY-17)",
calls someone "Chancellor Anna Berg", has "Berg said that she …": those pairs and people are read from its text.
An acronym and its expansion are matched by the Schwartz-Hearst rule: every letter of the short form occurs in
the long form in order, the first letter of the short form starts the long form's first word, and every word of
the long form gives at least its first letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.check_lexicon import TITLES, words

_SHORT = r"[A-Z][A-Za-z0-9&.-]{1,9}"
# "Long Form Words (LFW)": up to eight words before a bracketed short form.
_LONG_THEN_SHORT = re.compile(rf"(?<![\w-])((?:[A-Za-z][\w'’-]*[\s]+){{1,8}})\((?P<s>{_SHORT})\)")
# "LFW (Long Form Words)".
_SHORT_THEN_LONG = re.compile(rf"\b(?P<s>[A-Z][A-Z0-9&-]{{1,9}})\s+\((?P<l>[A-Za-z][\w'’ -]{{3,80}})\)")
_DESIGNATION = re.compile(r"^[A-Za-z]+-\d+[A-Za-z]?$")
_FILLERS = frozenset({"of", "and", "the", "for", "on", "in", "to", "a", "an", "&"})
_SPEECH = words("speech_verbs.txt")
_MODIFIERS = words("title_modifiers.txt")
_NOT_NAMES = words("not_person.txt") | words("organisation_words.txt")
_NOT_A_NAME = words("pronouns.txt") | words("skip_after_negation.txt") | {"he", "she", "we", "i", "you"}
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)


def initials_match(short: str, long_words: list[str]) -> bool:
    """Whether ``short`` abbreviates ``long_words`` (Schwartz-Hearst, every content word giving its first letter)."""
    letters = [c.lower() for c in short if c.isalnum()]
    content = [w for w in long_words if w.lower() not in _FILLERS]
    if len(letters) < 2 or not content or len(content) > len(letters):
        return False
    # Hyphenated parts count as words of their own ("Submarine-launched" gives S and L).
    parts = [p for w in content for p in re.split(r"[-’']", w) if p]
    return _match(letters, [p.lower() for p in parts], first=True) or _match(
        letters, [w.lower() for w in content], first=True
    )


def _match(letters: list[str], parts: list[str], *, first: bool) -> bool:
    """Each part must start with the next letter; extra letters may come from inside the part they follow."""
    if not parts:
        return not letters
    if not letters:
        return False
    head, rest = parts[0], parts[1:]
    if head[0] != letters[0]:
        # A part may be skipped only when it is a hyphen tail ("launched" in "Submarine-launched" need not give L).
        return not first and _match(letters, rest, first=False)
    # Try giving 1..k letters from this part (the first, then more from inside it, in order).
    for take in range(1, len(letters) + 1):
        if take > 1:
            pos, ok = 1, True
            for c in letters[1:take]:
                pos = head.find(c, pos) + 1
                if pos == 0:
                    ok = False
                    break
            if not ok:
                break
        if _match(letters[take:], rest, first=False):
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
        if _DESIGNATION.match(short) and before and _DESIGNATION.match(before[-1].rstrip(",")):
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
    pattern = r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:named|called)\s+((?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+)"
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
    return " ".join(name.lower().replace("-", " ").split())


def surname_of(key: str, persons: frozenset[str]) -> str | None:
    """The last name by which a text may refer to one of its people ("robert byrd" -> "byrd"), when no other of
    its people has that last name; else None."""
    parts = key.split()
    if len(parts) < 2 or key not in persons:
        return None
    last = parts[-1]
    if sum(1 for p in persons if " " in p and p.split()[-1] == last) != 1:
        return None
    return last
