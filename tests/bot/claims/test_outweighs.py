"""When a contradiction outweighs a support (``compare.outweighs``): only an opposed word in a passage that has the
claim's words nearly in full, against a support that covers less of the claim and scores clearly lower."""

from __future__ import annotations

import pytest

from bot.claims.compare import outweighs
from bot.claims.judgement import Judgement


def _j(outcome: str, reason: str, score: float, coverage: float) -> Judgement:
    return Judgement(outcome, reason, score, coverage, 0.8)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("contradiction", "support", "expected"),
    [
        # "Models do not account for X" (all words, one denied) against a loose passage: the denial decides
        (_j("contradicted", "negation", 1.05, 1.0), _j("supported", "match", 0.72, 0.84), True),
        (_j("contradicted", "comparative", 1.0, 1.0), _j("supported", "match", 0.7, 0.7), True),
        # a different figure may belong to another event: never outweighs
        (_j("contradicted", "number", 1.05, 1.0), _j("supported", "match", 0.72, 0.84), False),
        # the support covers the claim in full
        (_j("contradicted", "negation", 1.05, 1.0), _j("supported", "match", 0.8, 1.0), False),
        # the contradiction lacks some of the claim's words
        (_j("contradicted", "negation", 1.05, 0.8), _j("supported", "match", 0.72, 0.7), False),
        # close scores
        (_j("contradicted", "negation", 0.85, 1.0), _j("supported", "match", 0.72, 0.7), False),
    ],
)
def test_outweighs(contradiction, support, expected):
    assert outweighs(contradiction, support) is expected
