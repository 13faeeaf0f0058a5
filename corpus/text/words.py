"""Words as every part of citebot compares them: English stop words, irregular verb forms and the stem.

``stem`` is the one stemmer of citebot (retrieval, answer types, claim checking and quiz grading all call it), so
a word meets its other forms the same way everywhere.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any


def word_list(path: Path) -> frozenset[str]:
    """The words of a word-list file: '#' starts a comment, words are separated by spaces or new lines."""
    text = path.read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#", 1)[0].split())


def word_groups(path: Path) -> dict[str, frozenset[str]]:
    """Named groups of a word-list file, one "name: words ..." line each ('#' starts a comment)."""
    lines = (line.split("#", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())
    return {k.strip(): frozenset(v.split()) for k, v in (line.split(":", 1) for line in lines if ":" in line)}


STOPWORDS = word_list(Path(__file__).resolve().parent.parent / "data" / "stopwords.txt")

# Irregular verb forms that no suffix stemmer joins ("How far did it fly?" / "It flew for 1,090 km").
IRREGULAR_VERBS: dict[str, str] = {
    form: base
    for base, forms in {
        "fly": "flew flown",
        "write": "wrote written",
        "hold": "held",
        "take": "took taken",
        "see": "saw seen",
        "go": "went gone",
        "begin": "began begun",
        "make": "made",
        "say": "said",
        "tell": "told",
        "fight": "fought",
        "think": "thought",
        "bring": "brought",
        "buy": "bought",
        "seek": "sought",
        "meet": "met",
        "lead": "led",
        "win": "won",
        "give": "gave given",
        "know": "knew known",
        "grow": "grew grown",
        "draw": "drew drawn",
        "throw": "threw thrown",
        "shoot": "shot",
        "strike": "struck",
        "rise": "rose risen",
        "fall": "fell fallen",
        "break": "broke broken",
        "speak": "spoke spoken",
        "choose": "chose chosen",
        "drive": "drove driven",
        "run": "ran",
        "send": "sent",
        "spend": "spent",
        "build": "built",
        "keep": "kept",
        "feel": "felt",
        "find": "found",
        "become": "became",
        "come": "came",
        "stand": "stood",
        "pay": "paid",
        "sell": "sold",
        "catch": "caught",
        "teach": "taught",
        "undergo": "underwent undergone",
        # Courts, reports and histories report actions in the past: "pled guilty" answers "plead guilty".
        "plead": "pled",
        "arise": "arose arisen",
        "bear": "bore borne",
        "bleed": "bled",
        "blow": "blew blown",
        "breed": "bred",
        "cling": "clung",
        "deal": "dealt",
        "dig": "dug",
        "drink": "drank drunk",
        "eat": "ate eaten",
        "flee": "fled",
        "forbid": "forbade forbidden",
        "forget": "forgot forgotten",
        "forgive": "forgave forgiven",
        "foresee": "foresaw foreseen",
        "freeze": "froze frozen",
        "hang": "hung",
        "hear": "heard",
        "hide": "hid hidden",
        "lay": "laid",
        "lose": "lost",
        "mean": "meant",
        "mislead": "misled",
        "oversee": "oversaw overseen",
        "overtake": "overtook overtaken",
        "ride": "rode ridden",
        "shake": "shook shaken",
        "show": "shown",
        "shrink": "shrank shrunk",
        "sing": "sang sung",
        "sink": "sank sunk",
        "sit": "sat",
        "sleep": "slept",
        "slide": "slid",
        "steal": "stole stolen",
        "stick": "stuck",
        "swear": "swore sworn",
        "sweep": "swept",
        "swim": "swam swum",
        "swing": "swung",
        "tear": "tore torn",
        "understand": "understood",
        "undertake": "undertook undertaken",
        "uphold": "upheld",
        "wake": "woke woken",
        "wear": "wore worn",
        "weave": "wove woven",
        "weep": "wept",
        "withdraw": "withdrew withdrawn",
        "withhold": "withheld",
    }.items()
    for form in forms.split()
}

_LOCAL = threading.local()


def _stemmer() -> Any:
    # PyStemmer objects are not thread-safe: one per thread.
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _LOCAL.stemmer = Stemmer.Stemmer("english")
    return stemmer


# what may stand between a sentence's end and its first word: spaces, quotes and brackets
_OPENING = re.compile(r"(?:^|[.?!:;…]|\n\n)[\s\"“‘'(\[]*$")


_NEXT_NAME = re.compile(r"\s+[A-Z][a-z]")


def is_name_form(word: str, before: str, after: str = "") -> bool:
    """Whether a word as written is a name rather than a verb: capitalised ("Drew", "Rose", "Wade") and either not
    the first word of a sentence (``before`` is the text that precedes it), where any verb may be capitalised
    ("Found in 1990, ..."), or followed by another capitalised word (``after``: "Drew Smith founded ...")."""
    if not (len(word) > 1 and word[0].isupper() and word[1:].islower()):
        return False
    return _OPENING.search(before[-40:]) is None or _NEXT_NAME.match(after) is not None


def stem(word: str, *, name: bool = False) -> str:
    """The Snowball English stem (reopening/reopen, launched/launch); numbers stay as they are. Irregular verb
    forms are folded (drew/draw) unless the word is a ``name`` ("Drew" mid-sentence keeps its own form)."""
    if not name:
        word = IRREGULAR_VERBS.get(word, word)
    if word.isdigit() or len(word) <= 3:
        return word
    return str(_stemmer().stemWord(word))
