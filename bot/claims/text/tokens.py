"""Words of claims and evidence: accent folding, tokens with offsets and stems, synonym and role-class keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.claims.lexicon import IRREGULAR, ROLE_CLASSES, SYNONYMS
from corpus.text.words import STOPWORDS, is_name_form, stem

# "C10K", "MP3", "H2O": letters with figures inside are one word (a name), not a letter, a number and a letter.
_WORD = re.compile(
    r"[A-Za-z]+\d+[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[A-Za-z][A-Za-z'’]*(?:[-.][A-Za-z0-9]+)*\.?|\d+(?:,\d{3})*(?:\.\d+)?"
)
DESIGNATION = re.compile(r"^[A-Za-z]+-\d+[A-Za-z]?$")  # "Model-17": one token, never stemmed

QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


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
    w = word.translate(QUOTES).lower()
    w = re.sub(r"'s$", "", w)
    if w.endswith(".") and not re.fullmatch(r"(?:[a-z]\.)+", w):
        w = w[:-1]
    return w


def word_stem(word: str, *, name: bool = False) -> str:
    """The comparison form of one lower-case word (irregular verbs folded unless it is a ``name``, Snowball
    stem)."""
    w = word if name else IRREGULAR.get(word, word)
    if DESIGNATION.match(w) or w[:1].isdigit():
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
