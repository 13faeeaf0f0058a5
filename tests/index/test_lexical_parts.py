"""A lexical index updated part by part (one part per brief) scores exactly as one built from scratch."""

from __future__ import annotations

import random

import bm25s
import numpy as np
import pytest

from index.bm25 import Vocabulary
from index.lexical import LexicalIndex, LexicalPart, content_terms, tokenize

PART_A = [
    "The river treaty was signed in 1996 after four years of talks.",
    "Dams on the upper river hold back 40 percent of the spring flood.",
    "Farmers downstream say the irrigation canals run dry by August.",
]
PART_B = [
    "The economic crisis deepened when exports fell by a third.",
    "Economists expected the central bank to raise rates twice.",
    "",
    "The treaty's review clause was never used.",
]
PART_C = [
    "A survey of 900 households found strong support for new clinics.",
    "Clinics in the north treat twice as many patients as in 2019.",
    "The health ministry's budget grew by 12 percent.",
    "Economies of scale made the new clinics cheaper to run.",
]
QUESTIONS = [
    "When was the river treaty signed?",
    "What happened to the economy and exports?",
    "How many households supported clinics?",
    "Did the treaty have a review clause?",
    "What did economists expect from the central bank?",
    "Who pays for the dams?",
]


def build(*parts: list[str], vocabulary: Vocabulary | None = None) -> list[LexicalPart]:
    vocabulary = vocabulary or Vocabulary()
    return [LexicalPart.build(docs, vocabulary) for docs in parts]


def assert_same_index(updated: LexicalIndex, fresh: LexicalIndex) -> None:
    assert updated.size == fresh.size
    assert updated.terms == fresh.terms
    assert updated.pairs == fresh.pairs
    for question in QUESTIONS:
        terms = content_terms(question)
        assert np.array_equal(updated.scores(terms), fresh.scores(terms)), question
        for t in terms:
            assert updated.family(t) == fresh.family(t)
            assert updated.idf(t) == fresh.idf(t)
        for doc in range(fresh.size):
            assert updated.coverage(terms, doc) == fresh.coverage(terms, doc)


def test_adding_a_part_scores_exactly_as_a_fresh_build():
    a, b = build(PART_A, PART_B)
    before = LexicalIndex.from_parts([a, b])
    (c,) = build(PART_C, vocabulary=before.vocabulary)
    after = LexicalIndex.from_parts([a, c, b], before)  # the new brief sorts between the others
    assert_same_index(after, LexicalIndex(PART_A + PART_C + PART_B))


def test_removing_a_part_scores_exactly_as_a_fresh_build():
    a, b, c = build(PART_A, PART_B, PART_C)
    before = LexicalIndex.from_parts([a, b, c])
    after = LexicalIndex.from_parts([a, c], before)
    assert_same_index(after, LexicalIndex(PART_A + PART_C))
    assert not after.knows("export")  # its only document left with part B
    assert after.family("econom") == ("economi",)  # "economic" left, "economies" (part C) stays


def test_replacing_a_part_then_removing_all_and_adding_back():
    a, b = build(PART_A, PART_B)
    index = LexicalIndex.from_parts([a, b])
    changed = [*PART_B[:2], "The treaty was reviewed in 2004."]
    (b2,) = build(changed, vocabulary=index.vocabulary)
    index = LexicalIndex.from_parts([a, b2], index)
    assert_same_index(index, LexicalIndex(PART_A + changed))
    index = LexicalIndex.from_parts([], index)
    assert index.size == 0
    assert index.scores(content_terms("river treaty")).tolist() == []
    index = LexicalIndex.from_parts([a], index)
    assert_same_index(index, LexicalIndex(PART_A))


def test_an_update_leaves_the_previous_index_unchanged():
    a, b = build(PART_A, PART_B)
    before = LexicalIndex.from_parts([a, b])
    terms = content_terms("Which clinics treat patients near the river?")
    expected = before.scores(terms)
    (c,) = build(PART_C, vocabulary=before.vocabulary)  # new terms enter the shared vocabulary
    LexicalIndex.from_parts([a, b, c], before)
    assert np.array_equal(before.scores(terms), expected)
    assert not before.knows("clinic")


def test_an_update_keeps_the_unchanged_parts_as_they_are():
    a, b = build(PART_A, PART_B)
    before = LexicalIndex.from_parts([a, b])
    (c,) = build(PART_C, vocabulary=before.vocabulary)
    after = LexicalIndex.from_parts([a, b, c], before)
    assert after.parts[0] is a and after.parts[1] is b


def test_parts_of_another_vocabulary_are_refused():
    (a,) = build(PART_A)
    (b,) = build(PART_B)
    with pytest.raises(ValueError, match="vocabulary"):
        LexicalIndex.from_parts([a, b])


@pytest.mark.parametrize("question", QUESTIONS)
def test_scores_match_the_bm25s_library_it_replaced(question):
    docs = PART_A + PART_B + PART_C
    index = LexicalIndex(docs)
    reference = bm25s.BM25()
    reference.index([tokenize(d) or ["\x00empty"] for d in docs], show_progress=False)
    query = [f for t in content_terms(question) for f in index.family(t)]
    expected = np.asarray(reference.get_scores(query), dtype=np.float64) if query else np.zeros(len(docs))
    assert np.allclose(index.scores(content_terms(question)), expected, rtol=1e-5, atol=1e-6)


def test_many_adds_and_removes_keep_scores_equal_to_a_fresh_build():
    # Enough parts and changes for the index to keep several tiers, some with rows of removed parts.
    rng = random.Random(3)
    words = [
        "river",
        "treaty",
        "dam",
        "flood",
        "canal",
        "export",
        "bank",
        "rate",
        "clinic",
        "survey",
        "budget",
        "court",
        "appeal",
        "plea",
        "harbour",
    ]
    pool = {
        f"p{i:02d}": [" ".join(rng.choice(words) for _ in range(rng.randint(2, 9))) for _ in range(rng.randint(1, 6))]
        for i in range(40)
    }
    index = LexicalIndex.from_parts([])
    live: dict[str, LexicalPart] = {}
    most_tiers = 0
    for step in range(120):
        name = rng.choice(sorted(pool))
        if name in live and rng.random() < 0.5:
            del live[name]
        else:
            live[name] = LexicalPart.build(pool[name], index.vocabulary)
        order = sorted(live)
        index = LexicalIndex.from_parts([live[n] for n in order], index)
        most_tiers = max(most_tiers, len(index._bm25._tiers))
        fresh = LexicalIndex([d for n in order for d in pool[n]])
        for query in (["river", "treati"], ["clinic", "clinic", "budget"], ["plea", "harbour", "export"]):
            assert np.array_equal(index.scores(query), fresh.scores(query)), step
    assert most_tiers >= 3
