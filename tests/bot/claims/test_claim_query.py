"""A claim is analysed once into a ``ClaimQuery`` (bot/claims/check.py): parsed, its unknown names found, its
opposite's words read (pure: a parsed brief, no model)."""

from __future__ import annotations

import pytest

from bot.claims.check import ClaimQuery
from corpus.loader import parse_bytes

RIVER = """# River levels

The Harbour Board met in Ashby in May. The district court reversed the permit.[^1]

[^1]: Board minutes, 1999.
"""


@pytest.fixture(scope="module")
def river():
    return parse_bytes(RIVER.encode(), "river.md")


def test_a_claim_naming_only_known_names_has_no_unknown(river):
    q = ClaimQuery.analyse("The Harbour Board met in Ashby.", [river])
    assert q.parsed.text == "The Harbour Board met in Ashby."
    assert q.unknown == ()


def test_a_name_no_brief_mentions_is_unknown(river):
    q = ClaimQuery.analyse("The Harbour Board met in Lisbon.", [river])
    assert [e.text for e in q.unknown] == ["Lisbon"]
    assert q.substitutable  # one place may stand in for another


def test_the_opposite_words_are_read_once(river):
    assert "affirm" in ClaimQuery.analyse("The district court reversed the permit.", [river]).opposite


def test_a_claim_query_is_frozen(river):
    q = ClaimQuery.analyse("The Harbour Board met in Ashby.", [river])
    with pytest.raises(AttributeError):
        q.unknown = ()  # type: ignore[misc]
