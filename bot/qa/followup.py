"""Follow-up questions: decide when a message leans on the previous turn, and build the query that resolves it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.lexical import content_terms

# Words that point back at something said before ("what did the mayor promise there?", "how far did it travel?").
_DEICTIC = re.compile(
    r"\b(?:there|then|it|its|they|them|their|this|that|these|those|he|him|his|she|her|such|same|above|"
    r"earlier|former|latter|what else)\b",
    re.IGNORECASE,
)
SHORT = 4  # a message with this few content words rarely stands on its own


def is_followup(message: str) -> bool:
    """Whether a message probably needs the previous turn to be understood."""
    terms = content_terms(message)
    if len(terms) <= 1:
        return True
    return (bool(_DEICTIC.search(message)) and len(terms) <= SHORT + 2) or len(terms) <= SHORT - 2


def resolve(message: str, history: Sequence[str]) -> str | None:
    """The query to retrieve with for a follow-up: the message plus the last earlier question; None if none."""
    earlier = [h for h in history if h.strip()]
    if not earlier or not is_followup(message):
        return None
    return f"{message} {earlier[-1]}"
