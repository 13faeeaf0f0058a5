"""Acronyms a document defines for itself, so a question may use either form.

A document writes "the wet-bulb globe temperature (WBGT)" once and "WBGT" ever after; a reader asks about
"the wet-bulb globe temperature", or the other way round. The pairs come from the document's own text: a
capitalised acronym in brackets right after words whose initials spell it. Nothing here knows any topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexical import phrase_key

# "(WBGT)", "(“AEDPA”)", "(NSS)", "(CoV)": two to ten letters, capitals first, an optional plural "s".
_DEFINED = re.compile(r"\(\s*[\"“]?([A-Z][A-Za-z]{1,9})[\"”]?\s*\)")
# Small words a long form may hold without giving a letter ("Department *of* Justice", "*the* Act").
_SMALL = frozenset({"of", "and", "the", "for", "in", "on", "to", "at", "by", "a", "an", "&"})
_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[\w'’]+)*|&")
_MAX_WORDS = 12  # words looked at before the bracket


@dataclass(frozen=True, slots=True)
class Acronym:
    """One definition as the document writes it: ``short`` "WBGT", ``long`` "wet-bulb globe temperature"."""

    short: str
    long: str

    @property
    def keys(self) -> tuple[str, str]:
        """Both forms as phrase keys, " wbgt " and " wet bulb globe temperature ", for matching whole words."""
        return phrase_key(self.short), phrase_key(self.long)


def _initials(word: str) -> list[str]:
    """The letters a word may give an acronym: one per hyphenated part ("wet-bulb" -> w, b)."""
    return [part[0].lower() for part in word.split("-") if part]


def _spelled_by(letters: str, words: list[str]) -> tuple[int, int] | None:
    """Where the long form starts, counted back from the end, and how many words it has: the last words whose
    initials spell the letters, small words at its edges left out (None if no such words)."""
    want = list(letters)
    i = len(words)
    while want and i > 0:
        i -= 1
        w = words[i]
        if w.lower() in _SMALL:
            continue
        initials = _initials(w)
        if want[-len(initials) :] == initials:
            want = want[: -len(initials)]
        elif want[-1] == initials[0]:
            want = want[:-1]  # "Anti-terrorism" may give one letter, not two
        else:
            return None
    if want:
        return None
    while i < len(words) and words[i].lower() in _SMALL:
        i += 1  # "the" before a long form is not part of it
    end = len(words)
    while end > i and words[end - 1].lower() in _SMALL:
        end -= 1  # nor "of" after it ("... Act of 1996", the year dropped)
    return (len(words) - i, end - i) if end > i else None


def defined_acronyms(text: str) -> tuple[Acronym, ...]:
    """The acronyms a text defines in brackets after their long form, first definition of each kept."""
    seen: dict[str, Acronym] = {}
    for m in _DEFINED.finditer(text):
        short = m.group(1)
        letters = "".join(c for c in short.removesuffix("s") if c.isalpha()).lower()
        if len(letters) < 2 or sum(c.isupper() for c in short) < 2 or letters in seen:
            continue
        before = _WORD.findall(text[max(0, m.start() - 160) : m.start()])[-_MAX_WORDS:]
        span = _spelled_by(letters, before)
        if span:
            start = len(before) - span[0]
            seen[letters] = Acronym(short, " ".join(before[start : start + span[1]]))
    return tuple(seen.values())


def expand_question(question: str, acronyms: tuple[Acronym, ...]) -> str:
    """The question with the other form of each defined acronym it uses appended, so that retrieval finds the
    passages written either way: "How is the wet-bulb globe temperature computed?" gains "WBGT"."""
    key = phrase_key(question)
    extra = []
    for a in acronyms:
        short, long = a.keys
        if (short in key) != (long in key):
            extra.append(a.long if short in key else a.short)
    return f"{question} ({'; '.join(extra)})" if extra else question
