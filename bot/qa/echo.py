"""Sentences that raise a topic without stating anything about it: the document's own questions and lead-ins.

A writer asks a question before answering it ("Why has the harbour silted up?") and announces a list or a quotation
with a colon ("The reasons are these:"). Such a sentence shares the words of a reader's question, often more of
them than the sentence that answers, but it answers nothing: the answer is what follows it. General English form,
read from the punctuation that closes the sentence, never from a document's topic.
"""

from __future__ import annotations

import re

# A reader asking about a question the document raises ("What question does the author ask?"), or about what a
# list or quotation is introduced as, is answered by that very sentence.
_ASKS_ABOUT_QUESTION = re.compile(r"\b(?:questions?|ask(?:s|ed|ing)?|wonders?|wondered|puzzles?)\b", re.I)
_CLOSING = "\"'”’)]*_ \t"


def poses_question(text: str) -> bool:
    """Whether a sentence is itself a question ("Why has our adoption of the method been so slow?")."""
    return text.rstrip(_CLOSING).endswith("?")


def leads_in(text: str) -> bool:
    """Whether a sentence announces what follows it, ending on a colon ("The author complained about this:")."""
    return text.rstrip(_CLOSING).endswith(":")


def raises_only(question: str, text: str) -> bool:
    """Whether a passage only raises a topic for what follows (a question it asks, a lead-in ending on a colon),
    unless the reader asks about the questions the document raises."""
    if not (poses_question(text) or leads_in(text)):
        return False
    return not _ASKS_ABOUT_QUESTION.search(question)
