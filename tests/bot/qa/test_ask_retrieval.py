"""What the index snapshot knows about a library's words: acronyms written out, lower-case usage."""

from __future__ import annotations

from bot.qa.index_state import IndexState
from corpus.models import Brief, Passage


def _state(*sentences: str) -> IndexState:
    text = " ".join(sentences)
    passages, start = [], 0
    for i, s in enumerate(sentences):
        passages.append(
            Passage(
                id=f"b:{i}", brief_id="b", kind="sentence", text=s, start=start, end=start + len(s), paragraph=1, seq=i
            )
        )
        start += len(s) + 1
    brief = Brief(id="b", title="t", text=text, passages=tuple(passages))
    return IndexState.build([brief])


def test_an_acronym_the_document_spells_out_is_known():
    state = _state("The team joined the National Hockey League in 1993.", "Its arena seats 17,000 people.")
    assert state.spells_out("NHL")
    assert not state.spells_out("NBA")


def test_lower_case_words_of_the_library():
    state = _state("The State appealed.", "A state court heard the case.")
    assert "state" in state.lower_words()
    assert "appealed" in state.lower_words()
