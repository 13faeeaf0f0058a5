"""Questions that ask the cause of a death ("What did X die of?", "What killed X?", "What caused X's death?") and
whether a passage states one: a passage that only says someone died, or when, does not answer them."""

from __future__ import annotations

import re

from bot.qa.answer_types import words

CAUSE = "cause"  # the slot of a reason question whose answer must state a cause

_DEATH = "|".join(sorted(words("death_words.txt"), key=len, reverse=True))
_ASKS = re.compile(
    r"^\W*what\s+(?:did|does|do|had|has|have)\s+.+?\s+(?:die|perish)\s+(?:of|from)\W*$"
    r"|^\W*what\s+(?:killed|kills|has\s+killed)\b"
    r"|^\W*what\s+(?:caused|causes|led\s+to)\s+(?:[\w'’-]+\s+){0,4}?deaths?\b"
    r"|\b(?:cause|causes|reason)\s+(?:of|for)\s+(?:[\w'’-]+\s+){0,4}?deaths?\b",
    re.I,
)
_STATES = re.compile(
    rf"\b(?:{_DEATH})\s+(?:of|from|by|after|following|because|due\s+to|owing\s+to|as\s+a\s+result)\b"
    r"|\bsuccumb(?:s|ed|ing)?\s+to\b|\bcaus(?:e|es|ed|ing)\b|\bbecause\b|\bdue\s+to\b|\bowing\s+to\b"
    r"|\bresult(?:s|ed)?\s+(?:of|from)\b|\bas\s+a\s+result\b",
    re.I,
)


def asks_cause_of_death(question: str) -> bool:
    """Whether a question asks what someone or something died of (not how many died of a named cause)."""
    return bool(_ASKS.search(question.strip()))


def states_cause(text: str) -> bool:
    """Whether a text states a cause: "died of fever", "killed by", "succumbed to", "because", "caused"."""
    return bool(_STATES.search(text))
