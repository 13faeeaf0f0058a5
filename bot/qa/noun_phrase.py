"""The noun phrase a "what"/"which" question asks about, and durations.

"Which statute governs the court's review?" asks about a statute: "governs" is the phrase's verb, since a noun
phrase does not run on into "the". "What prison term did she receive?" asks for a length of time, which a passage
gives as a number of time units ("two years", "an hour"), general English read from the word lists of
``bot/qa/wordlists/``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bot.qa import answer_types as types
from bot.qa.related import MAX_RELATED
from bot.qa.related import table as related_words
from corpus.text.numbers import ONES, TENS
from corpus.text.words import stem

DURATION = "duration"
ORIGIN = "origin"
# "Where does X come from?", "Where did the name originate?": where a thing comes from, not a place.
ORIGIN_QUESTION = re.compile(
    r"^\W*where\b.*\b(?:(?:comes?|came|gets?|got|derives?|derived|takes?|took)\b.*\bfrom\W*$|originat\w*)", re.I
)


def _looks_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _finite_verb(word: str, before: str) -> bool:
    """Whether a word after a noun, followed by a determiner or a name, reads as that noun's verb: "governs"
    after "statute" (a plural noun, "outcomes" after "health", is no verb: the noun before it would be singular
    too)."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")) and not _looks_plural(before)


def verb_cut(phrase: Sequence[str], after: Sequence[str]) -> int:
    """How many leading words of ``phrase`` (a question's noun phrase, lower case) are the noun phrase proper:
    the phrase is cut before an adverb or a past form ("Which tribune first called ...", "Which music
    overwhelmed ..."), and before a word followed (``after``: the question's words, as written, that follow the
    phrase word by word) by a determiner or a capitalised name ("Which statute governs the ..."), and before a
    verb-like word followed by a noun phrase of its own ending in a plural ("What law frees small firms ...")."""
    opens = types.words("determiners.txt")
    for i in range(1, len(phrase)):
        if adverb(phrase[i]) or (phrase[i].endswith("ed") and len(phrase[i]) > 4):
            return i  # "which tribune first called for ...", "which dataset served as ..."
        if _finite_verb(phrase[i], phrase[i - 1]) and any(_looks_plural(w) for w in phrase[i + 2 :]):
            return i  # "what law frees social media companies": a compound noun has one plural, its last word
        nxt = after[i] if i < len(after) else ""
        if not nxt or not (nxt.lower() in opens or nxt[:1].isupper()):
            continue
        if _finite_verb(phrase[i], phrase[i - 1]):
            return i
    return len(phrase)


def adverb(word: str) -> bool:
    return word in types.words("adverbs.txt") or (word.endswith("ly") and len(word) > 4)


def head_kin(head: str | None) -> frozenset[str]:
    """Stems of the few words related to the asked noun (``bot.qa.related``): "technique" -> "method", "statute"
    -> "act". None for a noun with many meanings ("work"), whose related words would match anything."""
    kin = related_words().get(stem(head), frozenset()) if head else frozenset()
    return kin if len(kin) <= MAX_RELATED else frozenset()


def asks_duration(phrase: Sequence[str]) -> bool:
    """Whether the asked noun phrase is a length of time: a duration noun with a word before it saying of what
    ("prison term", "probation period")."""
    return len(phrase) > 1 and phrase[-1] in types.words("duration_nouns.txt")


_NUMBER_WORDS = "|".join(sorted({*ONES, *TENS, "a", "an", "several", "few", "many", "half"}, key=len, reverse=True))


def _duration_pattern() -> re.Pattern[str]:
    units = "|".join(sorted(types.words("time_units.txt"), key=len, reverse=True))
    amount = rf"(?:\d[\d,.]*|(?:{_NUMBER_WORDS})(?:[\s-]+(?:{_NUMBER_WORDS}))*)"
    return re.compile(rf"\b{amount}[\s-]+(?:\w+[\s-]+)?(?:{units})\b|\blife\s+(?:sentence|imprisonment|term)\b", re.I)


_PATTERN: list[re.Pattern[str]] = []


def has_duration(text: str) -> bool:
    """Whether the text gives a length of time: "two years", "18 months", "a three-year term", "a life sentence"."""
    if not _PATTERN:
        _PATTERN.append(_duration_pattern())
    return bool(_PATTERN[0].search(text))


def tells_origin(text: str) -> bool:
    """Whether the text says where something comes from: "is derived from", "named after", "its origin"."""
    listed = _origin_stems()
    return any(stem(w) in listed for w in re.findall(r"[a-z]+", text.lower()))


@cache
def _origin_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in types.words("origin_words.txt"))


_LETTERS = re.compile(r"[^\W\d_]+")


def shouted(text: str) -> bool:
    """Whether a passage is a line in capitals ("CHAPTER II. THE EARLY YEARS"): a title or a running head that
    a plain-text layout left among the sentences, never an answer on its own."""
    words = _LETTERS.findall(text)
    return len(words) >= 2 and sum(len(w) for w in words) >= 6 and all(w.isupper() or len(w) == 1 for w in words)


_TITLE_MAX_WORDS = 10


def title_line(text: str) -> bool:
    """Whether a passage is a line in capitals or a short line in title case without a sentence's closing stop
    ("Open Data for Researchers"): a heading that a layout left among the sentences."""
    if shouted(text):
        return True
    words = _LETTERS.findall(text)
    if not 2 <= len(words) <= _TITLE_MAX_WORDS or text.rstrip().endswith((".", "!", "?", ";", ",", '."', ".”")):
        return False
    return all(w[0].isupper() for w in words if len(w) > 3)
