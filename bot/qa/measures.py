"""A figure of the measure a question asks for, and a vague amount in its place.

"How fast can it travel?" is answered by "five times the speed of sound" or "6,200 km/h", not by "travelled 800 km"
(a distance); "how often can it activate?" by "only one activation per event", "twice a year", "three times". A
sentence that names the asked quantity only as "a certain threshold" or "some amount" gives no figure at all.
General English read from ``wordlists/measure_units.txt``, never one document's words.
"""

from __future__ import annotations

import re
from functools import cache

from bot.qa import answer_types as types
from corpus.text.numbers import ONES, SCALES, TENS

_HOW = re.compile(r"\bhow (\w+)\b", re.I)
_NUMBER_WORDS = frozenset({*ONES, *TENS, *SCALES, "half", "dozen", "dozens", "hundreds", "thousands"}) - {"zero"}
_TOKEN = re.compile(r"[\w°º/.%-]+")
_FIGURE = re.compile(r"^[+~≈<>-]?\d[\d,]*(?:\.\d+)?[a-zº°/%]*$")
OFTEN = "often"
# "how often": a count of times ("once", "twice", "three times", "every year") or one thing per another.
_FREQUENCY = re.compile(
    r"\b(?:once|twice|thrice)\b|\b(?:\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?:\w+\s+){0,3}?(?:times|per|each|every)\b|\bevery\s+(?:\d+\s+)?(?:\w+\s+)?(?:day|week|month|year|hour|"
    r"minute|second|decade|time)s?\b|\b(?:daily|weekly|monthly|annually|yearly|hourly)\b",
    re.I,
)
# An amount named without a figure: "a certain threshold", "some amount", "a given number".
_VAGUE = re.compile(
    r"\b(?:a|an|some)\s+(?:certain|given|specified|particular|predetermined|set|defined)\s+"
    r"(?:\w+\s+)?(?:threshold|amount|number|level|value|limit|degree|quantity|percentage|distance|time|period|"
    r"margin)s?\b",
    re.I,
)


@cache
def _units() -> dict[str, tuple[frozenset[str], frozenset[tuple[str, ...]]]]:
    """Adjective -> (one-word units, several-word units), from the word list."""
    out: dict[str, tuple[frozenset[str], frozenset[tuple[str, ...]]]] = {}
    rows: list[tuple[list[str], list[str]]] = []
    for line in types._lines("measure_units.txt"):
        if not line[0].isspace() and ":" in line:
            head, line = line.split(":", 1)
            rows.append((head.split(), []))
        rows[-1][1].extend(line.split())
    for adjectives, units in rows:
        single = frozenset(u.lower() for u in units if "_" not in u)
        multi = frozenset(tuple(u.lower().split("_")) for u in units if "_" in u)
        for a in adjectives:
            out[a.lower()] = (single, multi)
    return out


def asked_measure(question: str) -> str:
    """The measure a "how <adjective>" question asks for ("fast", "far", "often", ...), or ""."""
    for m in _HOW.finditer(question):
        word = m.group(1).lower()
        if word == OFTEN or word in _units():
            return word
    return ""


def _is_figure(token: str) -> bool:
    return bool(_FIGURE.match(token)) or token.lower() in _NUMBER_WORDS


def gives_measure(measure: str, text: str) -> bool:
    """Whether the text gives a figure of the asked measure: a number with a unit of it within three words
    after ("800 km", "five times the speed of sound"), or for "often" a count of times."""
    if measure == OFTEN:
        return bool(_FREQUENCY.search(text))
    units = _units().get(measure)
    if units is None:
        return False
    single, multi = units
    tokens = [t.strip(".,;:()[]\"'“”").lower() for t in _TOKEN.findall(text)]
    for i, tok in enumerate(tokens):
        if not _is_figure(tok):
            continue
        if any(u in tok for u in single if len(u) > 2 and tok.endswith(u)):
            return True  # "6,200km/h", "35ºc"
        window = tokens[i + 1 : i + 4]
        if any(t in single for t in window):
            return True
        for j in range(len(window)):
            if any(tuple(tokens[i + 1 + j : i + 1 + j + len(u)]) == u for u in multi):
                return True
    return False


def vague_amount(text: str) -> bool:
    """Whether the text names an amount only vaguely ("a certain threshold") and gives no figure at all."""
    return bool(_VAGUE.search(text)) and not re.search(r"\d", text)
