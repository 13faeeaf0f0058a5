"""The shared word toolkit: stop words, irregular verbs and the one stemmer."""

from corpus.text.words import IRREGULAR_VERBS, STOPWORDS, stem


def test_stem_folds_irregular_verb_forms_onto_their_base() -> None:
    assert stem("flew") == stem("fly") == stem("flown")
    assert stem("wrote") == stem("writing")


def test_stem_leaves_numbers_and_short_words_alone() -> None:
    assert stem("1090") == "1090"
    assert stem("was") == "was"


def test_stem_is_snowball_for_regular_words() -> None:
    assert stem("reopening") == stem("reopened") == "reopen"


def test_irregular_verbs_map_forms_to_bases_not_back() -> None:
    assert IRREGULAR_VERBS["took"] == "take"
    assert not set(IRREGULAR_VERBS.values()) & set(IRREGULAR_VERBS)


def test_stopwords_are_lower_case_function_words() -> None:
    assert {"the", "of", "which", "said"} <= STOPWORDS
    assert "summit" not in STOPWORDS
    assert all(w == w.lower() for w in STOPWORDS)


def test_stem_joins_past_forms_that_reports_use() -> None:
    assert stem("pled") == stem("pleading") == stem("plead")
    assert stem("withdrew") == stem("withdrawn") == stem("withdrawing")
    assert stem("understood") == stem("understanding")
    assert stem("upheld") == stem("upholds")
    assert stem("sworn") == stem("swearing")
