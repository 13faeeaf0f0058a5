"""What a user types, made fit to match: invisible format characters out, and content required for a claim.

Zero-width spaces, joiners, soft hyphens and direction marks (Unicode category Cf) split words invisibly, so
"sum\u200bmit" would not meet "summit" in either index; they are removed before anything else sees the text.
A claim with no content word ("?", "the", "not", an emoji) has nothing to check, and must never come back
"supported" by whatever quote happens to be nearest.
"""

from __future__ import annotations

import re
import unicodedata

from corpus.errors import InvalidRequest
from index.lexical import tokenize


def clean_input(text: str) -> str:
    """``text`` without format characters, its whitespace collapsed and trimmed."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", kept).strip()


def has_content(text: str) -> bool:
    """Whether ``text`` holds at least one content word: not a stop word, and more than one letter unless a number."""
    return any(len(token) > 1 or token.isdigit() for token in tokenize(clean_input(text)))


def claim_text(text: str) -> str:
    """A claim ready to check, or InvalidRequest when it has nothing to check."""
    cleaned = clean_input(text)
    if not cleaned:
        raise InvalidRequest("the claim is empty")
    if not has_content(cleaned):
        raise InvalidRequest("the claim has no content words to check; write it as a sentence, e.g. 'X happened in Y'")
    return cleaned
