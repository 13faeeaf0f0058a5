"""Sentence boundaries that survive decimals ("6,248.5 kms"), units ("km/h."), initials ("U.S.") and citation
abbreviations ("See Ann. Code tit. 22, § 5", "Id. at 5", "(2d Cir. 2004)").

A full stop after a word ends a sentence unless general signals say the word is an abbreviation: it is listed in
``data/abbreviations.txt`` (general English and bibliographic abbreviations, no topic words), it is a single letter
or a run of initials, or it is a short word (2-5 letters) that sits in a run of such dotted words ("Stat. Ann."),
inside an open parenthesis, or before a number or a section sign.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "abbreviations.txt"
_CLOSERS = "\"”’')]"
_OPENERS = "\"“‘'(["
_INITIALS = re.compile(r"^(?:[A-Za-z]\.){2,}$")
# A short dotted word that may be an abbreviation ("Stat", "App", "tit"): letters only, at most five of them.
_SHORT_WORD = re.compile(r"^[A-Za-z]{1,5}$")
# a list item's number opening the sentence ("2. Horses were led"): part of the item, never a sentence of its own
_ITEM_NUMBER = re.compile(r"^\s*\(?\d{1,3}\.$")
# How far ahead a parenthesis opened in the sentence may close for a full stop inside it to be no boundary.
_PAREN_REACH = 200


@cache
def _abbreviations() -> dict[str, frozenset[str]]:
    sections: dict[str, set[str]] = {}
    current = ""
    for raw in _DATA.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, set()).add(line.lower())
    return {name: frozenset(words) for name, words in sections.items()}


def abbreviations(section: str) -> frozenset[str]:
    """The listed abbreviations of one section of the data file ("title", "never_final", "before_number")."""
    return _abbreviations().get(section, frozenset())


# Kept for callers that ask whether a word is a known abbreviation at all.
ABBREVIATIONS = abbreviations("title") | abbreviations("never_final") | abbreviations("before_number")


def _word(token: str) -> str:
    return token.lstrip(_OPENERS).rstrip(_CLOSERS).rstrip(".")


def _never_final(token: str) -> bool:
    bare = token.lstrip(_OPENERS)
    if _INITIALS.match(bare):
        return True
    word = _word(token)
    lower = word.lower()
    listed = lower in abbreviations("never_final") or lower in abbreviations("title")
    return listed or (len(word) == 1 and word.isalpha())


def _short(word: str) -> bool:
    return bool(_SHORT_WORD.match(word))


def _dotted_short(token: str) -> bool:
    """A token such as "Stat." or "App." that may continue a run of abbreviations (titles begin sentences)."""
    bare = token.lstrip(_OPENERS)
    if not bare.endswith(".") or bare.rstrip(".").lower() in abbreviations("title"):
        return False
    if _INITIALS.match(bare):
        return True
    word = bare.rstrip(".")
    return _short(word) and word[:1].isupper()


def _inside_parenthesis(text: str, start: int, i: int) -> bool:
    """A parenthesis opened in this sentence before i, still open, and closed soon after i."""
    depth = 0
    for ch in text[start:i]:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
    if not depth:
        return False
    close = text.find(")", i, i + _PAREN_REACH)
    return close != -1


def _token_before(text: str, i: int) -> str:
    return text[text.rfind(" ", 0, i) + 1 : i + 1]


def _token_after(text: str, k: int) -> str:
    m = k
    while m < len(text) and not text[m].isspace():
        m += 1
    return text[k:m]


def _ends_sentence(text: str, start: int, i: int, k: int) -> bool:
    """Whether the full stop at i ends the sentence begun at start; k is where the next token begins."""
    token = _token_before(text, i)
    if _never_final(token) or _ITEM_NUMBER.match(text[start : i + 1]):
        return False
    word = _word(token)
    nxt = text[k]
    after = _token_after(text, k)
    if not word and _inside_parenthesis(text, start, i):
        return False  # a spaced ellipsis (". . .") inside a parenthetical quotation
    if not _short(word):
        return True
    if nxt == "(" and after[1:2].isdigit() and word.lower() in abbreviations("before_number"):
        return False  # "Baker et al. (2015) found": the year in brackets belongs to the citation
    if nxt.isdigit():
        if word.lower() in abbreviations("before_number") or word.islower():
            return False
        space = text.rfind(" ", start, i)
        previous = _token_before(text, space - 1) if space > start else ""
        return not (_dotted_short(previous) or _inside_parenthesis(text, start, i))
    # "Ann. Stat. Code" or "Crim. App.": capitalised short dotted words in a row are one citation
    return not (nxt.isupper() and word[:1].isupper() and _dotted_short(after))


def _boundary(text: str, start: int, i: int, j: int, k: int) -> bool:
    """Whether the mark at i (closed by quotes or brackets up to j) ends the sentence; k starts the next token."""
    if text[i] != ".":
        return True
    if j != i + 1:
        # a full stop inside closing quotes or brackets ends the sentence unless the word is a listed abbreviation
        return not _never_final(_token_before(text, i))
    return _ends_sentence(text, start, i, k)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of one paragraph, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in ".?!":
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            if j < n and text[j].isspace():
                k = j
                while k < n and text[k].isspace():
                    k += 1
                nxt = text[k] if k < n else ""
                starts_new = nxt.isupper() or nxt.isdigit() or nxt in _OPENERS
                if starts_new and _boundary(text, start, i, j, k):
                    spans.append((start, j))
                    start = k
                    i = k
                    continue
        i += 1
    if start < n and text[start:].strip():
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]
