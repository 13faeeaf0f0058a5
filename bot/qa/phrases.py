"""Word and initial-pair postings over one brief's phrase keys, so a question's name and acronym checks read only
the passages that hold its words instead of scanning the whole library's text."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

OPTIONAL_IN_NAMES = ("of", "the", "for")  # a name matches without them: "Bank of Canada" as "bank ... canada"
_BETWEEN_INITIALS = frozenset(("of", "the", "and", "for", "on", "in"))  # "National Bank of Canada" spells "NBC"
_NAME_GAP = r"(?: [a-z0-9]+){0,2}"  # at most two other words between a name's words
# Initials of two letter-only words of a phrase key, found at every space (lookahead, so pairs overlap).
_ADJACENT = re.compile(r" (?=([a-z])[a-z]* ([a-z])[a-z]* )")
_SKIPPING = re.compile(r" (?=([a-z])[a-z]* (?:" + "|".join(sorted(_BETWEEN_INITIALS)) + r") ([a-z])[a-z]* )")


@dataclass(frozen=True)
class PhrasePostings:
    """One brief's passages as phrase keys (" w1 w2 ... ", lower-case alphanumeric words), with the passages
    holding each word and each pair of initials of letter-only words that are adjacent or one small word apart."""

    keys: tuple[str, ...]
    words: dict[str, tuple[int, ...]]
    initials: dict[str, tuple[int, ...]]

    @classmethod
    def build(cls, keys: Sequence[str]) -> PhrasePostings:
        words: dict[str, list[int]] = {}
        initials: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            for w in set(key.split()):
                words.setdefault(w, []).append(i)
            for pair in _initial_pairs(key):
                initials.setdefault(pair, []).append(i)
        return cls(tuple(keys), {w: tuple(p) for w, p in words.items()}, {k: tuple(p) for k, p in initials.items()})

    def has_word(self, word: str) -> bool:
        return word in self.words

    def mentions(self, words: Sequence[str]) -> bool:
        """Whether a passage has ``words`` in order, at most two other words apart (the words are non-empty)."""
        postings = [self.words.get(w) for w in set(words)]
        if any(p is None for p in postings):
            return False
        rarest = min((p for p in postings if p is not None), key=len)
        pattern = re.compile(" " + _NAME_GAP.join(" " + re.escape(w) for w in words).lstrip() + " ")
        return any(pattern.search(self.keys[i]) for i in rarest)

    def spells_out(self, letters: Sequence[str]) -> bool:
        """Whether a passage writes letter-only words with these initials in order, each next one adjacent or
        after one small word ("of", "and", ...); ``letters`` has at least two."""
        candidates: set[int] | None = None
        for a, b in itertools.pairwise(letters):
            found = self.initials.get(a + b)
            if found is None:
                return False
            candidates = set(found) if candidates is None else candidates & set(found)
            if not candidates:
                return False
        pattern = re.compile(r"(?: (?:of|the|and|for|on|in))?".join(f" {re.escape(c)}[a-z]*" for c in letters) + " ")
        return any(pattern.search(self.keys[i]) for i in sorted(candidates or ()))


def _initial_pairs(key: str) -> set[str]:
    """The initials of letter-only words one after the other, or with one small word between (a necessary
    condition for an acronym match, which the pattern then checks exactly)."""
    return {a + b for a, b in _ADJACENT.findall(key)} | {a + b for a, b in _SKIPPING.findall(key)}


@dataclass(frozen=True)
class LibraryPhrases:
    """Which briefs hold each word and each initial pair, over every brief's ``PhrasePostings``: a library-wide
    name or acronym check reads only the briefs that hold all its words (or pairs), not every brief's postings.
    Built from the previous snapshot's by patching the briefs that changed, so one more brief costs its own words."""

    postings: dict[str, PhrasePostings]  # brief id -> its postings (the objects these tables were built from)
    words: dict[str, tuple[str, ...]]  # word -> ids of the briefs that write it
    initials: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, postings: dict[str, PhrasePostings], previous: LibraryPhrases | None = None) -> LibraryPhrases:
        base = previous.postings if previous is not None else {}
        gone = {b: p for b, p in base.items() if postings.get(b) is not p}
        added = {b: p for b, p in postings.items() if base.get(b) is not p}
        words = dict(previous.words) if previous is not None else {}
        initials = dict(previous.initials) if previous is not None else {}
        for table, key in ((words, "words"), (initials, "initials")):
            for brief_id, p in gone.items():
                for term in getattr(p, key):
                    kept = tuple(b for b in table[term] if b != brief_id)
                    if kept:
                        table[term] = kept
                    else:
                        del table[term]
            for brief_id, p in added.items():
                for term in getattr(p, key):
                    table[term] = (*table.get(term, ()), brief_id)
        return cls(dict(postings), words, initials)

    def has_word(self, word: str) -> bool:
        return word in self.words

    def mentions(self, words: Sequence[str]) -> bool:
        """``PhrasePostings.mentions`` in any brief (the words are non-empty)."""
        return any(self.postings[b].mentions(words) for b in _holding(self.words, set(words)))

    def spells_out(self, letters: Sequence[str]) -> bool:
        """``PhrasePostings.spells_out`` in any brief (``letters`` has at least two)."""
        pairs = {a + b for a, b in itertools.pairwise(letters)}
        return any(self.postings[b].spells_out(letters) for b in _holding(self.initials, pairs))


def _holding(table: dict[str, tuple[str, ...]], keys: set[str]) -> list[str]:
    """Ids of the briefs listed under every key, in the order of the rarest key's list."""
    lists = [table.get(k) for k in keys]
    if not lists or any(x is None for x in lists):
        return []
    found = sorted((x for x in lists if x is not None), key=len)
    if len(found) == 1:
        return list(found[0])
    others = [set(x) for x in found[1:]]
    return [b for b in found[0] if all(b in s for s in others)]
