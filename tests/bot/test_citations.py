"""Verification: a citation whose quote, offsets, footnotes or sources do not match the brief never leaves."""

from __future__ import annotations

import dataclasses
import logging

import pytest

import bot.engine
from bot.citations import make_citation, verify_citation
from corpus.errors import CitationNotVerified
from tests.corpus.conftest import sentence_starting


@pytest.fixture
def halt(bundled_brief):
    return sentence_starting(bundled_brief, "According to Trump, they came to a halt")


def test_a_true_citation_verifies(bundled_brief, halt):
    c = verify_citation(bundled_brief, make_citation(bundled_brief, [halt], 0.9))
    assert c.verified
    assert c.quote == halt.text
    assert c.footnotes == (11,)
    assert [s.number for s in c.sources] == [11]


def test_adjacent_sentences_merge_into_one_quote(bundled_brief):
    first = sentence_starting(bundled_brief, "On March 24, it tested its 'monster missile'")
    second = sentence_starting(bundled_brief, "It flew for 1,090 km")
    c = verify_citation(bundled_brief, make_citation(bundled_brief, [second, first], 0.5))
    assert c.quote == bundled_brief.text[first.start : second.end]
    assert c.footnotes == ()
    assert c.start == first.start and c.end == second.end


def test_merged_footnotes_are_the_union_in_order(bundled_brief):
    a = sentence_starting(bundled_brief, "Another test was a ballistic missile test")
    b = sentence_starting(bundled_brief, "On March 4 2022, it fired")
    c = verify_citation(bundled_brief, make_citation(bundled_brief, [a, b], 0.5))
    assert c.footnotes == (3, 4)
    assert [s.number for s in c.sources] == [3, 4]


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda c: dataclasses.replace(c, start=c.start + 1), id="start shifted"),
        pytest.param(lambda c: dataclasses.replace(c, start=c.start + 1, end=c.end + 1), id="both offsets shifted"),
        pytest.param(lambda c: dataclasses.replace(c, quote=c.quote.replace("completely", "entirely")), id="quote"),
        pytest.param(lambda c: dataclasses.replace(c, footnotes=(12,)), id="wrong footnote"),
        pytest.param(lambda c: dataclasses.replace(c, footnotes=(11, 12)), id="extra footnote"),
        pytest.param(lambda c: dataclasses.replace(c, footnotes=()), id="footnote dropped"),
        pytest.param(lambda c: dataclasses.replace(c, sources=()), id="sources dropped"),
        pytest.param(lambda c: dataclasses.replace(c, brief_id="other-brief"), id="other brief"),
        pytest.param(lambda c: dataclasses.replace(c, end=10**9), id="offsets outside the text"),
    ],
)
def test_tampered_citation_is_rejected(bundled_brief, halt, tamper):
    good = make_citation(bundled_brief, [halt], 0.9)
    with pytest.raises(CitationNotVerified):
        verify_citation(bundled_brief, tamper(good))


def test_non_adjacent_passages_are_rejected(bundled_brief):
    a = sentence_starting(bundled_brief, "North Korea is building up its military capabilities.")
    b = sentence_starting(bundled_brief, "Kim expects the US to respond quickly")
    fake = dataclasses.replace(make_citation(bundled_brief, [a], 0.1), passage_ids=(a.id, b.id))
    with pytest.raises(CitationNotVerified):
        verify_citation(bundled_brief, fake)


def test_table_row_sources_are_the_tables(bundled_brief):
    row = next(p for p in bundled_brief.passages if p.kind == "table_row")
    c = verify_citation(bundled_brief, make_citation(bundled_brief, [row], 0.5))
    assert c.footnotes == ()
    assert c.sources == row.references
    with pytest.raises(CitationNotVerified):
        verify_citation(bundled_brief, dataclasses.replace(c, sources=row.references[:1]))


@pytest.mark.parametrize("field", ["offsets", "footnotes"])
def test_engine_drops_a_tampered_citation_and_counts_it(engine, monkeypatch, caplog, field):
    real = bot.engine.make_citation

    def tampered(brief, passages, score, cited=None):
        c = real(brief, passages, score, cited)
        if "came to a halt" not in c.quote:
            return c
        if field == "offsets":
            return dataclasses.replace(c, start=c.start + 3, end=c.end + 3)
        return dataclasses.replace(c, footnotes=(12,))

    monkeypatch.setattr(bot.engine, "make_citation", tampered)
    before = engine.metrics["citations_dropped"]
    with caplog.at_level(logging.ERROR, logger="citebot.engine"):
        answer = engine.ask("Why did the Hanoi summit fail?")
    assert engine.metrics["citations_dropped"] == before + 1
    assert all("came to a halt" not in c.quote for c in answer.citations)
    assert "came to a halt" not in answer.text
    assert all(c.verified for c in answer.citations)
    assert any("failed verification" in r.message for r in caplog.records)


def test_when_every_citation_fails_the_engine_abstains(engine, monkeypatch):
    real = bot.engine.make_citation
    monkeypatch.setattr(
        bot.engine,
        "make_citation",
        lambda b, ps, s, cited=None: dataclasses.replace(real(b, ps, s, cited), footnotes=(99,)),
    )
    answer = engine.ask("Why did the Hanoi summit fail?")
    assert answer.abstained
    assert answer.citations == ()


def test_ask_stream_yields_each_citation_before_verifying_the_next(engine, monkeypatch):
    log: list[str] = []
    real = bot.engine.verify_citation

    def recording(brief, citation):
        log.append("verify")
        return real(brief, citation)

    monkeypatch.setattr(bot.engine, "verify_citation", recording)
    items = []
    for item in engine.ask_stream("Why did the Hanoi summit fail?", top_k=3):
        log.append("answer" if isinstance(item, bot.engine.Answer) else "yield")
        items.append(item)
    citations = [i for i in items if not isinstance(i, bot.engine.Answer)]
    assert len(citations) >= 2
    assert log == ["verify", "yield"] * len(citations) + ["answer"]
    assert items[-1].citations == tuple(citations)


def test_ask_stream_never_yields_a_tampered_citation(engine, monkeypatch):
    real = bot.engine.make_citation
    monkeypatch.setattr(
        bot.engine,
        "make_citation",
        lambda b, ps, s, cited=None: dataclasses.replace(real(b, ps, s, cited), footnotes=(99,)),
    )
    items = list(engine.ask_stream("Why did the Hanoi summit fail?"))
    assert len(items) == 1
    assert items[0].abstained
