"""Tokenizer, BM25 and coverage."""

from __future__ import annotations

import pytest

from index.lexical import LexicalIndex, content_terms, tokenize, unknown_terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It flew for 1,090 km", ["fly", "1090", "km"]),
        ("The US and the U.S. and the United States", ["usa", "usa", "usa"]),
        ("let us go", ["let", "go"]),
        ("launched launches launch", ["launch", "launch", "launch"]),
        ("interception intercept", ["intercept", "intercept"]),
        ("Hwasong-17", ["hwasong-17", "hwasong", "17"]),
        ("“Hanoi” ‘summit’", ["hanoi", "summit"]),
    ],
)
def test_tokenize(text, expected):
    assert tokenize(text) == expected


def test_bm25_prefers_the_matching_document():
    index = LexicalIndex(["The Hanoi summit failed.", "Missiles flew far.", "Sanctions were not lifted."])
    scores = index.scores(content_terms("Why did the Hanoi summit fail?"))
    assert scores.argmax() == 0
    assert index.scores(["nothing-like-this"]).tolist() == [0.0, 0.0, 0.0]


def test_coverage_counts_a_hyphenated_name_once():
    index = LexicalIndex(["Hwasong-12 reached 2,000 km.", "Hwasong-17 flew far."])
    terms = content_terms("Hwasong-17 range")
    assert index.coverage(terms, 1) > index.coverage(terms, 0) > 0


def test_unknown_terms_ignore_question_frame_words():
    index = LexicalIndex(["Pyongyang claims its programme is defensive."])
    assert unknown_terms(content_terms("What is the population of Pyongyang?"), index) == ["popul"]
    assert unknown_terms(content_terms("What happened in Pyongyang?"), index) == []


def test_words_about_the_document_itself_are_never_unknown():
    index = LexicalIndex(["The mill closed because the river silted up."])
    question = "What does the author say the mill gave away, according to the essay?"
    assert unknown_terms(content_terms(question), index) == []
    assert unknown_terms(content_terms("What does the author say about the dam?"), index) == ["dam"]


def test_words_about_the_document_still_count_for_coverage_where_it_uses_them():
    index = LexicalIndex(["Author: Ann Reed", "The mill closed."])
    terms = content_terms("Who is the author?")
    assert index.coverage(terms, 0) > index.coverage(terms, 1)


def test_word_families_join_what_stemming_does_not():
    index = LexicalIndex(["Sanctions are deepening the economic crisis."])
    terms = content_terms("What about the economy?")
    assert "economi" in terms
    assert index.knows("economi")
    assert index.coverage(terms, 0) == 1.0
    assert index.scores(terms)[0] > 0
    assert not index.knows("popul")


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Who is the US Secretary of State?", ["usa secretary of state"]),
        ("What did Kim Jong-un say?", ["kim jong un"]),
        ("Did Trump meet Kim Jong Un in Hanoi?", ["kim jong un"]),
        ("Who was president during the Singapore and Hanoi summits?", []),
        ("What Is The Hwasong-17?", []),
        ("how far did it fly?", []),
    ],
)
def test_name_phrases_are_multi_word_capitalised_names(question, names):
    from index.lexical import name_phrases

    assert name_phrases(question) == names


def test_phrase_key_joins_spelling_variants():
    from index.lexical import phrase_key

    assert phrase_key("Kim Jong-un's test") == phrase_key("Kim Jong Un test")
    assert phrase_key("the U.S. army") == phrase_key("the United States army")


@pytest.mark.parametrize(
    "question",
    ["Can rain make the drought worse rather than better?", "Which port had the largest harbour fees?"],
)
def test_comparative_and_superlative_words_are_the_question_frame(question):
    index = LexicalIndex(["Rain eased the drought in the port.", "The harbour fees rose at the port."])
    assert unknown_terms(content_terms(question), index) == []
