"""Two neighbouring sentences that both rank near the top are quoted together.

A writer often states a topic in one sentence and the fact about it in the next ("We compared our figures with
the survey's. Ours were higher by a tenth."), or gives the fact first and its consequence after. The sentence that
echoes the question's words then ranks with the one that answers it, and the two compete for the places of the
answer. When a top-ranked sentence's neighbour in the same paragraph ranks almost as high, the reader is shown
both, as one quote, whose citation carries the footnotes of the one that answers (``pair_answerer``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set

from bot.qa.cues import cue_bonus, has_answer
from bot.qa.index_state import IndexState
from bot.qa.purpose import states_purpose
from bot.qa.query import Query
from bot.qa.retrieval import Candidate
from corpus.models import Passage

# How much closer to the question (own-text support) one of the two must be to be cited alone (as in
# ``bot.qa.answer``).
CLEARLY_CLOSER = 1.3
# How far below the sentence's own score its neighbour may rank and still be quoted with it. The fused scores of
# passages that compete for the answer lie a few hundredths apart; an unrelated sentence lies tenths below.
NEAR_SCORE = 0.1


def close_neighbour(
    state: IndexState, p: Passage, score: float, scores: Mapping[str, float], used: Set[str]
) -> Passage | None:
    """The sentence just before or after ``p`` in its paragraph that ranked within ``NEAR_SCORE`` of it (the
    better of the two), unless already quoted; None when there is none."""
    if p.kind != "sentence" or p.paragraph is None:
        return None
    best: tuple[float, Passage] | None = None
    for step in (-1, 1):
        n = state.neighbour(p, step)
        if n is None or n.kind != "sentence" or n.paragraph != p.paragraph or n.id in used:
            continue
        s = scores.get(n.id)
        if s is not None and s >= score - NEAR_SCORE and (best is None or s > best[0]):
            best = (s, n)
    return best[1] if best is not None else None


def pair_answerer(
    query: Query, pair: Sequence[Candidate], support: Callable[[Candidate], float]
) -> tuple[Passage, ...]:
    """Which of two sentences quoted together answers, so the citation carries its footnotes: the only one holding
    an answer of the asked type (for "why", a reason or, asked what for, an aim), else the one clearly closer to the
    question by its own words and meaning (``support``), else both; but never one whose form is wrong for the
    question (a malus of ``bot.qa.cues.cue_bonus``: another year than the one asked, no answer of a strict type)
    when the other's is not."""
    a = query.asked
    typed = [c for c in pair if has_answer(a, c.passage.text) or (query.purpose and states_purpose(c.passage.text))]
    if a.kind and len(typed) == 1:
        pick = typed[0]
    else:
        first, second = sorted(pair, key=lambda c: -support(c))
        if support(first) < CLEARLY_CLOSER * support(second):
            return tuple(c.passage for c in pair)
        pick = first
    other = pair[1] if pick is pair[0] else pair[0]
    if cue_bonus(a, pick.passage) < 0 <= cue_bonus(a, other.passage):
        pick = other  # the pick's form is wrong for the question: another year, no answer of a strict type
    return (pick.passage,)
