"""Fusion of the dense and lexical rankings over the whole candidate pool (bot.qa.retrieval.hybrid_search).

A tiny in-memory store with hand-made unit vectors stands in for Chroma: what is tested is how the two rankings
are fused, not the model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.qa.index_state import IndexState, version_key
from bot.qa.query import Search, search_for
from bot.qa.retrieval import RRF_K, hybrid_search
from corpus.models import Brief, Passage
from index.store import StoreHit, Where


class VectorStore:
    """Stores one "s" vector per passage; search is exact cosine, cut at k."""

    def __init__(self, state: IndexState, vectors: dict[str, list[float]]) -> None:
        brief_id = next(iter(state.briefs))
        self.version = state.versions[brief_id]
        self.docs = {f"{self.version}|{pid}|s": (pid, np.asarray(v, dtype=np.float32)) for pid, v in vectors.items()}

    def search(self, embedding: Sequence[float], k: int, where: Where | None = None) -> list[StoreHit]:
        q = np.asarray(embedding, dtype=np.float32)
        hits = [
            StoreHit(key, float(vec @ q), {"passage_id": pid, "version": self.version, "view": "s"})
            for key, (pid, vec) in self.docs.items()
        ]
        return sorted(hits, key=lambda h: -h.similarity)[:k]

    def vectors(self, where: Where | None = None) -> dict[str, list[float]]:
        return {key: vec.tolist() for key, (_, vec) in self.docs.items()}


def _brief(sentences: Sequence[str]) -> Brief:
    passages, start = [], 0
    for i, s in enumerate(sentences):
        passages.append(
            Passage(
                id=f"b:{i}",
                brief_id="b",
                kind="sentence",
                text=s,
                start=start,
                end=start + len(s),
                paragraph=i + 1,
                seq=i,
            )
        )
        start += len(s) + 1
    return Brief(id="b", title="t", text=" ".join(sentences), passages=tuple(passages))


def _unit(angle: float) -> list[float]:
    return [float(np.cos(angle)), float(np.sin(angle))]


def _search(question: str) -> Search:
    """The question's search, its embedding at angle 0."""
    return search_for(question, embed=lambda _: _unit(0.0))


# Topic words differ per case; the shape is the same: one passage holds the question's rare word (lexically
# first) but is the third closest in meaning, and the dense search is cut at depth 2.
CASES = [
    (
        "What did the defendant plead guilty to when he was fifteen?",
        [
            "The defendant pled guilty to the escape charge.",
            "He later withdrew his guilty plea.",
            "At fifteen, the defendant pled guilty to robbery.",
            "The court sat in the county seat.",
        ],
    ),
    (
        "Which regions saw the hottest summers before 1950?",
        [
            "Hot summers were common in the regions studied.",
            "Summers grew hotter in most regions.",
            "Before 1950, only the southern regions saw the hottest summers.",
            "The station data were checked.",
        ],
    ),
    (
        "What did the committee rename the trophy in 1927?",
        [
            "The committee awarded the trophy each spring.",
            "The trophy was kept by the committee.",
            "In 1927 the committee decided to rename the trophy after its donor.",
            "Games were played at night.",
        ],
    ),
]


@pytest.mark.parametrize(("question", "sentences"), CASES)
def test_a_lexical_find_cut_from_the_dense_list_still_gets_its_dense_rank(question: str, sentences: list[str]) -> None:
    state = IndexState.build([_brief(sentences)])
    # Closeness to the query (angle 0): sentence 0 closest, then 1, then 2 (the one holding the rare word).
    store = VectorStore(state, {f"b:{i}": _unit(a) for i, a in enumerate([0.1, 0.2, 0.3, 1.4])})
    found = {c.passage.id: c for c in hybrid_search(state, store, _search(question), brief_id="b", depth=2)}
    answer = found["b:2"]
    assert answer.dense_self == pytest.approx(float(np.cos(0.3)), abs=1e-5)  # filled from the stored vector
    lexical_first = 1.0 / (RRF_K + 1)
    dense_third = 1.0 / (RRF_K + 3)
    assert answer.rrf == pytest.approx(lexical_first + dense_third)  # not lexical_first alone


def test_version_key_names_the_brief() -> None:
    assert version_key(_brief(["One."])).startswith("b@")
