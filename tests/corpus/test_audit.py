"""Corpus-level audit: parser warnings, footnote metadata and uncited factual sentences, on the bundled brief
and on small synthetic briefs with planted faults."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from api.schemas_check import FindingOut
from corpus.audit import (
    corpus_findings,
    dates_disagree,
    factual_signals,
    url_date,
    url_problem,
)
from corpus.models import Brief
from tests.corpus.conftest import sentence_starting

Parse = Callable[[str], Brief]


def _codes(findings, code):
    return [f for f in findings if f.code == code]


def _doc(*blocks: str) -> str:
    return "A SYNTHETIC BRIEF\n\n" + "\n\n".join(blocks) + "\n"


# ----- the bundled brief ---------------------------------------------------------------------------------------
def test_bundled_orphan_footnote_5(brief: Brief) -> None:
    orphans = _codes(corpus_findings(brief), "orphan_footnote")
    assert [f.footnote for f in orphans] == [5]
    assert orphans[0].severity == "warning"
    assert orphans[0].suggested is False


def test_bundled_footnote_9_date_contradicts_its_url(brief: Brief) -> None:
    found = _codes(corpus_findings(brief), "date_url_mismatch")
    assert [f.footnote for f in found] == [9]
    assert "April 2022" in found[0].message
    assert "2020-04" in found[0].message
    assert found[0].details["url_date"] == "2020-04"


def test_bundled_reuters_update_two_days_later_is_not_a_mismatch(brief: Brief) -> None:
    # Footnote 5 is dated March 26 while its URL says 2022-03-24: an update, not a contradiction.
    assert 5 not in {f.footnote for f in _codes(corpus_findings(brief), "date_url_mismatch")}


def test_bundled_hwasong_17_sentences_are_uncited_claims(brief: Brief) -> None:
    uncited = {f.passage_id: f for f in _codes(corpus_findings(brief), "uncited_claim")}
    hwasong = sentence_starting(brief, "On March 24, it tested")
    flew = sentence_starting(brief, "It flew for 1,090 km")
    for p in (hwasong, flew):
        assert p.id in uncited
        assert uncited[p.id].details["paragraph"] == 3
        assert "Paragraph 3" in uncited[p.id].message
    assert sentence_starting(brief, "Earlier, North Korea and the US").id in uncited
    # Opinion and recommendations without numbers, dates or named events are not listed.
    assert sentence_starting(brief, "Therefore, it continues").id not in uncited
    assert sentence_starting(brief, "The US should bring").id not in uncited
    # Cited and covered sentences are never uncited claims.
    assert sentence_starting(brief, "Hwasong-14 has a range").id not in uncited


def test_bundled_brief_has_no_malformed_metadata(brief: Brief) -> None:
    findings = corpus_findings(brief)
    assert not _codes(findings, "missing_url")
    assert not _codes(findings, "malformed_url")
    assert not _codes(findings, "missing_publisher")
    assert not _codes(findings, "undefined_marker")


def test_finding_shape_at_the_api_edge(brief: Brief) -> None:
    body = FindingOut.of(_codes(corpus_findings(brief), "orphan_footnote")[0]).model_dump(mode="json")
    assert set(body) == {"code", "severity", "footnote", "passage_id", "message", "suggested", "details"}
    assert body["footnote"] == 5
    assert body["passage_id"] is None


# ----- planted faults ------------------------------------------------------------------------------------------
def test_planted_marker_faults(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(
        _doc(
            "The fleet sailed in 2019.² The port closed in 2020.¹ Talks resumed.⁷",
            '¹ "One," Daily News, March 05, 2022, <https://example.org/2022/03/05/one>',
            '² "Two," Daily News, March 06, 2022, <https://example.org/two>',
            '² "Two again," Daily News, March 07, 2022, <https://example.org/two-again>',
            '³ "Three," Daily News, March 08, 2022, <https://example.org/three>',
        )
    )
    findings = corpus_findings(brief)
    assert [f.footnote for f in _codes(findings, "orphan_footnote")] == [3]
    undefined = _codes(findings, "undefined_marker")
    assert [f.footnote for f in undefined] == [7]
    assert undefined[0].severity == "error"
    assert undefined[0].passage_id == sentence_starting(brief, "Talks resumed.").id
    assert [f.footnote for f in _codes(findings, "duplicate_footnote")] == [2]
    assert [f.footnote for f in _codes(findings, "out_of_order_footnote")] == [1]


def test_planted_metadata_faults(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(
        _doc(
            "Ships left in 2019.¹ Ports shut.² Trade fell.³ Prices rose.⁴",
            '¹ "Harbour Report," Daily News, May 2021, <https://example.org/news/2019/05/harbour>',
            '² "Port Story," March 05, 2022, <https://example.org/2022/03/05/port>',
            '³ "Trade Story," Wire Service, June 2020',
            '⁴ "Price Story," Wire Service, June 2020, <https://exa mple/prices>',
        )
    )
    findings = corpus_findings(brief)
    mismatch = _codes(findings, "date_url_mismatch")
    assert [f.footnote for f in mismatch] == [1]
    assert "2019-05" in mismatch[0].message
    assert [f.footnote for f in _codes(findings, "missing_publisher")] == [2]
    assert [f.footnote for f in _codes(findings, "missing_url")] == [3]
    assert [f.footnote for f in _codes(findings, "malformed_url")] == [4]
    # The well-formed, self-consistent footnote 2 has no date mismatch.
    assert 2 not in {f.footnote for f in mismatch}


def test_planted_uncited_claims_with_paragraphs(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(
        _doc(
            "Officials met in Geneva.¹ The Vienna summit was held in March 2011. Nobody was happy.",
            "The rocket flew 3,400 km. It carried twelve warheads. Both sides should talk.",
            '¹ "Geneva Meeting," Daily News, March 05, 2011, <https://example.org/2011/03/05/geneva>',
        )
    )
    uncited = {f.passage_id: f for f in _codes(corpus_findings(brief), "uncited_claim")}
    summit = sentence_starting(brief, "The Vienna summit")
    rocket = sentence_starting(brief, "The rocket flew")
    warheads = sentence_starting(brief, "It carried twelve")
    assert uncited[summit.id].details["paragraph"] == 1
    assert uncited[rocket.id].details["paragraph"] == 2
    assert warheads.id in uncited
    assert sentence_starting(brief, "Nobody was happy.").id not in uncited
    assert sentence_starting(brief, "Both sides should talk.").id not in uncited
    assert sentence_starting(brief, "Officials met").id not in uncited


# ----- the small pure helpers ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.armscontrol.org/act/2020-04/news/north-korea-tests-first-missiles-2020", "2020-04"),
        ("https://www.38north.org/2020/10/melleman102120/", "2020-10"),
        ("https://www.aljazeera.com/news/2022/3/5/north-korea-fires", "2022-03-05"),
        ("https://www.reuters.com/world/nkorea-fired-projectile-2022-03-24/", "2022-03-24"),
        ("https://www.bbc.com/news/world-asia-59958664", None),
        ("https://www.armscontrol.org/factsheets/dprkchron", None),
    ],
)
def test_url_date(url: str, expected: str | None) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(
    ("date", "in_url", "disagree"),
    [("2022-04", "2020-04", True), ("2022-03-26", "2022-03-24", False), ("2021-05", "2021-06", True)],
)
def test_dates_disagree(date: str, in_url: str, disagree: bool) -> None:
    assert dates_disagree(date, in_url) is disagree


@pytest.mark.parametrize(
    ("url", "bad"),
    [
        ("https://example.org/x", False),
        ("ftp://example.org/x", True),
        ("https://localhost/x", True),
        ("https://exa mple.org", True),
    ],
)
def test_url_problem(url: str, bad: bool) -> None:
    assert (url_problem(url) is not None) is bad


@pytest.mark.parametrize(
    ("text", "factual"),
    [
        ("It flew for 1,090 km to a maximum altitude of 6,248.5 kms.", True),
        ("On March 24, it tested its 'monster missile' Hwasong-17.", True),
        ("The Hanoi summit collapsed.", True),
        ("Both states should opt for a phased approach to denuclearisation.", False),
        ("Therefore, it continues to bolster its defence capabilities despite harsh sanctions.", False),
    ],
)
def test_factual_signals(text: str, factual: bool) -> None:
    assert bool(factual_signals(text)) is factual
