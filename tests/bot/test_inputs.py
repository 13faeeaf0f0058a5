"""User input: format characters never split words, and a claim without a content word is refused."""

from __future__ import annotations

import pytest

from bot.inputs import claim_text, clean_input, has_content
from corpus.errors import InvalidRequest


def test_zero_width_and_format_characters_are_removed():
    assert clean_input("sum\u200bmit  talks\u2060 \ufeffended\u00ad") == "summit talks ended"


@pytest.mark.parametrize("claim", ["?", "the", "x", "…", "not", "😀", "it is"])
def test_a_claim_without_content_words_is_refused(claim):
    assert not has_content(claim)
    with pytest.raises(InvalidRequest, match="no content words"):
        claim_text(claim)


@pytest.mark.parametrize("claim", ["", "   ", "\u200b\u200d"])
def test_an_empty_claim_says_so(claim):
    with pytest.raises(InvalidRequest, match="the claim is empty"):
        claim_text(claim)


@pytest.mark.parametrize("claim", ["Funding ended in 2026.", "2026", "Prices rose."])
def test_a_claim_with_content_is_kept_clean(claim):
    assert claim_text(claim + "\u200b") == claim
