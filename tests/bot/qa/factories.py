"""Small one-brief index states and ranking candidates for the ranking-rule tests."""

from __future__ import annotations

from bot.qa.retrieval import Candidate, IndexState
from corpus.models import Brief, Passage


def sentence_state(*sentences: str) -> tuple[IndexState, list[Passage]]:
    passages, start = [], 0
    for i, s in enumerate(sentences):
        passages.append(
            Passage(
                id=f"b:{i}", brief_id="b", kind="sentence", text=s, start=start, end=start + len(s), paragraph=i, seq=i
            )
        )
        start += len(s) + 1
    return IndexState.build([Brief(id="b", title="t", text=" ".join(sentences), passages=tuple(passages))]), passages


def candidate(state: IndexState, p: Passage) -> Candidate:
    return Candidate(p, state.position[p.id], 0.016, 0.6, 0.6, 0.6, 1.0, 1.0, 0.5, 0.5, 0.0)
