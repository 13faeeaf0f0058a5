"""Related words bridge a reader's wording and a document's: the table (WordNet-derived, general English), the
expansion of question words a document never uses, and their effect on retrieval."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.qa import evidence as evidence_module
from bot.qa.answer import evidence
from bot.qa.index_state import IndexState
from bot.qa.query import analyse, search_for
from bot.qa.related import related_terms, table
from bot.qa.retrieval import hybrid_search
from corpus.text.words import stem
from index.lexical import LexicalIndex, content_terms
from index.store import StoreHit, Where
from tests.bot.qa.factories import candidate, sentence_brief, sentence_state


class NoDenseStore:
    """No vectors: only the lexical side is compared."""

    def search(self, embedding: Sequence[float], k: int, where: Where | None = None) -> list[StoreHit]:
        return []

    def vectors(self, where: Where | None = None) -> dict[str, list[float]]:
        return {}


@pytest.mark.parametrize(
    ("word", "related"),
    [
        ("technique", "method"),  # a hypernym
        ("statute", "act"),
        ("cease", "stop"),  # a synonym
        ("huge", "vast"),  # similar adjectives
        ("physician", "doctor"),
        ("purchase", "buy"),
    ],
)
def test_the_table_relates_general_english_words_both_ways(word: str, related: str) -> None:
    assert stem(related) in table()[stem(word)]
    assert stem(word) in table()[stem(related)]


@pytest.mark.parametrize(("word", "stranger"), [("dog", "frump"), ("dog", "cad"), ("table", "chair")])
def test_the_table_leaves_out_rare_senses_and_siblings(word: str, stranger: str) -> None:
    # "dog" as an insult is a rare sense; a table and a chair are both furniture, but neither is the other.
    assert stem(stranger) not in table()[stem(word)]


def test_the_table_holds_only_single_lower_case_words() -> None:
    words = table()
    assert len(words) > 5000
    assert all(" " not in w and w == w.lower() for w in words)


def test_table_is_read_once() -> None:
    assert table() is table()


def _knows(*sentences: str) -> LexicalIndex:
    return LexicalIndex(list(sentences))


def test_a_word_the_document_never_uses_finds_the_related_word_it_does() -> None:
    index = _knows("The survey used the quantile method.", "Rainfall rose in the north.")
    assert related_terms(content_terms("Which technique did the survey use?"), index.knows) == (
        (stem("technique"), (stem("method"),)),
    )


def test_a_word_the_document_uses_is_never_expanded() -> None:
    index = _knows("The survey used a new technique and an old method.")
    assert related_terms(content_terms("Which technique did the survey use?"), index.knows) == ()


def test_a_related_word_the_document_never_uses_is_not_added() -> None:
    index = _knows("Rainfall rose in the north.", "The harvest failed.")
    assert related_terms(content_terms("Which technique did the survey use?"), index.knows) == ()


@pytest.mark.parametrize(
    ("question", "text", "word"),
    [
        ("When did the shop cease trading?", "The shop had to stop trading in May.", "stop"),
        ("Who was the physician on duty?", "The doctor on duty was Ann Lee.", "doctor"),
        ("How huge was the crowd?", "A vast crowd gathered outside.", "vast"),
    ],
)
def test_expansion_on_several_topics(question: str, text: str, word: str) -> None:
    expanded = dict(related_terms(content_terms(question), _knows(text, "Nothing else happened.").knows))
    assert stem(word) in {r for words in expanded.values() for r in words}


def test_question_frame_words_are_not_expanded() -> None:
    index = _knows("The lake is large and cold.")
    search = search_for("How big is the lake?", knows=index.knows)
    assert search.related == ()


def test_without_a_lexicon_nothing_is_expanded() -> None:
    assert analyse("Which technique did the survey use?").search.related == ()


def test_a_related_word_meets_a_question_word_in_part() -> None:
    index = _knows("The survey used the quantile method.", "The survey ran in spring.")
    terms = content_terms("Which technique did the survey use?")
    related = dict(related_terms(terms, index.knows))
    plain, bridged = index.coverage(terms, 0), index.coverage(terms, 0, related=related)
    assert plain < bridged < index.coverage(content_terms("Which method did the survey use?"), 0)
    assert index.coverage(terms, 1, related=related) == index.coverage(terms, 1)  # no related word there


BRIEF = sentence_brief(
    "neutral",
    "The river authority dredged the harbour channel every spring.",
    "Its engineers measured the silt with the sonar method described in the appendix.",
    "Dredging cost the authority two million pounds a year.",
    "Ferries resumed once the channel was clear of silt.",
    "The harbour board measured the silt each autumn.",
    "Fishing boats used the channel at night.",
)


def test_a_question_in_the_readers_words_now_finds_the_passage() -> None:
    state = IndexState.build([BRIEF])
    question = "Which technique measured the silt?"
    plain = search_for(question, embed=lambda _: [1.0, 0.0])
    bridged = search_for(question, embed=lambda _: [1.0, 0.0], knows=state.lexicon("neutral").knows)
    store = NoDenseStore()
    before = hybrid_search(state, store, plain, brief_id="neutral", depth=10)  # type: ignore[arg-type]
    after = hybrid_search(state, store, bridged, brief_id="neutral", depth=10)  # type: ignore[arg-type]
    gold = "neutral:1"
    assert before[0].passage.id != gold  # the shorter sentence that also measured silt came first
    assert after[0].passage.id == gold
    assert max(after, key=lambda c: c.coverage).passage.id == gold


def test_a_bridged_word_counts_as_known_for_abstention_unless_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    state, passages = sentence_state("The survey used the quantile method.", "The survey ran in spring.")
    query = analyse("Which technique did the survey use?", knows=state.lexicon(None).knows)
    assert query.search.related  # bridged for retrieval ...
    candidates = [candidate(state, p) for p in passages]
    assert evidence(candidates, False, query, state).unknown == 0  # ... and known to the abstention rule
    monkeypatch.setattr(evidence_module, "BRIDGED_ARE_KNOWN", False)
    assert evidence(candidates, False, query, state).unknown == 1
