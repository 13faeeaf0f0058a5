"""The full audit with the real MiniLM embedder: possible mis-citations and likely sources are suggestions."""

from __future__ import annotations

import pytest

from bot.audit.brief_citations import audit_brief, cited_groups
from corpus.loader import parse_bytes
from corpus.models import Brief

pytestmark = pytest.mark.slow


def _sentence(brief: Brief, prefix: str):
    (p,) = [p for p in brief.passages if p.kind == "sentence" and p.text.startswith(prefix)]
    return p


@pytest.fixture(scope="module")
def bundled_findings(bundled_brief, embedder):
    return audit_brief(bundled_brief, embedder)


def test_bundled_audit_finds_every_planted_issue(bundled_findings, bundled_brief):
    codes = {(f.code, f.footnote) for f in bundled_findings}
    assert ("orphan_footnote", 5) in codes
    assert ("date_url_mismatch", 9) in codes
    uncited = {f.passage_id for f in bundled_findings if f.code == "uncited_claim"}
    assert _sentence(bundled_brief, "On March 24, it tested").id in uncited
    assert _sentence(bundled_brief, "It flew for 1,090 km").id in uncited


def test_footnotes_8_and_9_look_swapped(bundled_findings, bundled_brief):
    mis = {f.footnote: f for f in bundled_findings if f.code == "possible_miscitation"}
    assert set(mis) == {8, 9}, [f.message for f in mis.values()]
    short_range = _sentence(bundled_brief, "In addition, North Korea launched a series of short-range")
    hwasong_16 = _sentence(bundled_brief, "The ICBM Hwasong-16 was unveiled")
    assert mis[8].passage_id == short_range.id
    assert mis[9].passage_id == hwasong_16.id
    for own, other in ((8, 9), (9, 8)):
        f = mis[own]
        assert f.suggested is True
        assert f.details["swap_with"] == other
        assert f.details["suggested_similarity"] > f.details["cited_similarity"]
        assert f"{f.details['cited_similarity']:.2f}" in f.message
        assert f"{f.details['suggested_similarity']:.2f}" in f.message
        assert "may be swapped" in f.message


def test_footnote_5_is_the_likely_source_of_the_hwasong_17_sentences(bundled_findings, bundled_brief):
    likely = {f.passage_id: f for f in bundled_findings if f.code == "likely_source"}
    for prefix in ("On March 24, it tested", "It flew for 1,090 km"):
        f = likely[_sentence(bundled_brief, prefix).id]
        assert f.footnote == 5
        assert f.suggested is True
    # Footnote 5 belongs between footnotes 4 and 6: not suggested for the opening paragraph.
    opening = _sentence(bundled_brief, "It has conducted a series of missile tests in 2022")
    assert likely.get(opening.id) is None or likely[opening.id].footnote != 5


def test_suggestions_never_change_the_parsed_footnotes(bundled_findings, bundled_brief):
    for f in bundled_findings:
        if f.suggested and f.passage_id:
            p = bundled_brief.passage(f.passage_id)
            assert p is not None
            assert f.footnote not in p.footnotes or f.code == "possible_miscitation"
    flew = _sentence(bundled_brief, "It flew for 1,090 km")
    assert flew.footnotes == ()


def test_only_inferred_findings_are_suggested(bundled_findings):
    for f in bundled_findings:
        assert f.suggested is (f.code in {"possible_miscitation", "likely_source"})


def test_errors_come_before_warnings_and_info(bundled_findings):
    order = {"error": 0, "warning": 1, "info": 2}
    ranks = [order[f.severity] for f in bundled_findings]
    assert ranks == sorted(ranks)


SWAPPED = """A SYNTHETIC BRIEF

The city council approved a new budget for public libraries in 2021.¹ The national football team won the \
regional championship after a penalty shootout.² Farmers reported a record wheat harvest.³

¹ "Football Team Wins Regional Championship on Penalties," Sports Daily, June 2021, <https://example.org/sport>
² "Council Approves Library Budget for 2021," City Paper, May 2021, <https://example.org/council>
³ "Record Wheat Harvest Reported by Farmers," Farm Weekly, August 2021, <https://example.org/wheat>
"""


def test_planted_swap_in_a_synthetic_brief(embedder):
    brief = parse_bytes(SWAPPED.encode(), "swapped.txt")
    mis = {f.footnote: f for f in audit_brief(brief, embedder) if f.code == "possible_miscitation"}
    assert set(mis) == {1, 2}
    assert mis[1].details["swap_with"] == 2
    assert 3 not in mis


CORRECT = (
    SWAPPED.replace("Football Team Wins Regional Championship on Penalties", "TMP")
    .replace("Council Approves Library Budget for 2021", "Football Team Wins Regional Championship on Penalties")
    .replace("TMP", "Council Approves Library Budget for 2021")
)


def test_correct_citations_raise_no_miscitation(embedder):
    brief = parse_bytes(CORRECT.encode(), "correct.txt")
    assert [f for f in audit_brief(brief, embedder) if f.code == "possible_miscitation"] == []


ORPHAN = """A SYNTHETIC BRIEF

The ministry published its annual trade figures in January 2021.¹ On March 3, the navy launched a new \
frigate at the southern shipyard. It displaces 4,200 tonnes.

Shipping companies praised the port reforms in April 2021.³

¹ "Trade Figures for 2020 Released," Economy Times, January 2021, <https://example.org/2021/01/trade>
² "Navy Launches New Frigate at Southern Shipyard," Defence News, March 4, 2021, <https://example.org/2021/03/04/frigate>
³ "Port Reforms Praised by Shipping Firms," Port Journal, April 2021, <https://example.org/2021/04/ports>
"""


def test_orphan_footnote_suggested_for_the_uncited_sentences_in_its_gap(embedder):
    brief = parse_bytes(ORPHAN.encode(), "orphan.txt")
    findings = audit_brief(brief, embedder)
    assert [f.footnote for f in findings if f.code == "orphan_footnote"] == [2]
    likely = {f.passage_id: f for f in findings if f.code == "likely_source"}
    frigate = _sentence(brief, "On March 3, the navy launched")
    assert likely[frigate.id].footnote == 2
    assert likely[frigate.id].suggested is True
    assert frigate.footnotes == ()


def test_cited_groups_cover_unmarked_sentences_before_a_marker(bundled_brief):
    groups = {g.anchor.text[:30]: g for g in cited_groups(bundled_brief)}
    hanoi = next(g for k, g in groups.items() if k.startswith("According to Trump"))
    assert hanoi.footnote == 11
    assert len(hanoi.passages) == 6
