"""How firmly a sentence states what it says: a supposition ("Suppose the rate is 5%", "if prices were to fall")
states nothing as fact, while a habitual "would" ("she would walk there every morning") states what used to happen.

Both are read clause by clause from word lists (``wordlists/suppositions.txt``, ``wordlists/habit_markers.txt``)."""

from __future__ import annotations

import itertools
import re

from bot.claims.lexicon import words
from bot.claims.text.tokens import tokens, word_stem

SUPPOSITIONS = words("suppositions.txt")
HABIT_MARKERS = words("habit_markers.txt")
SUPPOSITION_NOUNS = frozenset({"assumption", "supposition", "hypothesis", "premise", "scenario"})
# "if the river were to flood", "had the court ruled otherwise", "if she had known": a condition contrary to fact.
_COUNTERFACTUAL = re.compile(
    r"\bif\b[^.;:!?]*?\b(?:were|had\s+(?:been|\w+ed|known|seen|gone|done|taken|given))\b|^\s*(?:had|were)\s+\w+\s+\w+",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[.;:!?]\s+")
SUPPOSITION_LEAD = 3  # a supposition word among a clause's first words ("Let us assume", "We suppose") sets it up


def supposes(text: str) -> bool:
    """Whether the text sets up a supposition or a condition contrary to fact ("Assume wages rose by 5%", "If the
    dam were to fail, …") rather than stating what is so."""
    for clause in _CLAUSE.split(text):
        if any(t.norm in SUPPOSITIONS for t in tokens(clause)[:SUPPOSITION_LEAD]) or _COUNTERFACTUAL.search(clause):
            return True
    return False


def habit_frame(text: str) -> bool:
    """Whether sentences set out a past custom or habit ("It was formerly the custom …", "They used to …") that a
    "would" after them goes on telling."""
    norms = [t.norm for t in tokens(text)]
    used_to = any(a == "used" and b == "to" for a, b in itertools.pairwise(norms))
    return used_to or any(w in HABIT_MARKERS for w in norms)


def habitual(clause: str) -> bool:
    """Whether a clause's "would" tells a past habit ("he would play every evening", "they would often meet"):
    a marker of frequency stands in the clause, and no condition ("if", "unless") does."""
    norms = [t.norm for t in tokens(clause)]
    if "would" not in norms or any(w in {"if", "unless"} for w in norms):
        return False
    return any(w in HABIT_MARKERS for w in norms)


_CONDITIONAL_MODALS = frozenset({"would", "could", "might"})


def consequence(sentence: str) -> bool:
    """Whether a sentence tells what would follow ("Crime would fall by half."): a conditional modal that is no
    habit. After a supposition it is the supposition's consequence, supposed too."""
    return any(t.norm in _CONDITIONAL_MODALS for t in tokens(sentence)) and not habitual(sentence)


def about_supposing(text: str) -> bool:
    """Whether a text speaks of a supposition anywhere ("The estimate assumes that …", "under the assumption
    that …"): a claim that does is about the supposition, which the evidence states."""
    stems = {word_stem(w) for w in SUPPOSITIONS} | {word_stem(w) for w in SUPPOSITION_NOUNS}
    return supposes(text) or any(t.stem in stems for t in tokens(text))
