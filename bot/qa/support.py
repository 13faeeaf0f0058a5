"""How well one retrieved passage supports an answer, and the sentence it takes up: shared by answer selection
(``bot.qa.answer``) and the abstention evidence (``bot.qa.evidence``)."""

from __future__ import annotations

import re

from bot.qa.index_state import IndexState
from bot.qa.retrieval import Candidate
from corpus.models import Passage

# A note is evidence too (an answer may live in a prose note), but a reference entry's title shares the topic
# words of the article it names without answering anything: notes count for a little less than body text.
NOTE_DISCOUNT = 0.85
# A term found only in a sentence's context counts for less than one in the sentence itself.
CONTEXT_DISCOUNT = 0.7


def with_context(state: IndexState, c: Candidate, leans: bool) -> str:
    """A passage's text, with the sentences before it when it leans on them ("It flew for ...")."""
    view = state.views[c.position]
    return (view.context_text or view.self_text) if leans else view.self_text


def support(c: Candidate, leans: bool = False, context_discount: float = CONTEXT_DISCOUNT) -> tuple[float, float]:
    """How well one passage supports an answer: the mean of its cosine similarity and its coverage of the
    question's terms, and that coverage. Its context counts (for less) only when the passage leans on it: a
    sentence that merely follows one naming the subject ("I asked him to ...") does not inherit its words."""
    cov = max(c.coverage, context_discount * c.coverage_context) if leans else c.coverage
    dense = max(c.dense_self, c.dense_context) if leans else c.dense_self
    value = 0.5 * dense + 0.5 * cov
    if c.passage.kind in ("footnote", "source_note"):
        value *= NOTE_DISCOUNT
    return value, cov


# "This merger ...", "These talks ...", "Such a plan ...": a sentence opening on a demonstrative names the event or
# thing of the sentence before it, whose date, figure or name is then its own.
_DEMONSTRATIVE = re.compile(r"^\W*(?:this|these|that|those|such)\s+(?:a\s+|an\s+)?[a-z]", re.I)


def leaned_on(state: IndexState, p: Passage) -> Passage | None:
    """The sentence of the same paragraph whose subject ``p`` takes up with a demonstrative, if any."""
    if p.kind != "sentence" or not _DEMONSTRATIVE.match(p.text):
        return None
    prev = state.neighbour(p, -1)
    if prev is None or prev.kind != "sentence" or prev.paragraph != p.paragraph:
        return None
    return prev
