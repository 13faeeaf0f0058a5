"""Ingest is idempotent (content hash) and atomic (new version written first, flipped, old deleted)."""

from __future__ import annotations

import pytest
from langchain_core.embeddings import Embeddings

from corpus.errors import BriefNotFound, IndexUnavailable
from corpus.loader import parse_bytes
from tests.conftest import BUNDLED_BRIEF_PATH

QUESTION = "How far did the Hwasong-17 fly?"


@pytest.fixture(scope="module")
def changed_brief():
    """The bundled brief with one figure changed: same id, new content hash."""
    data = BUNDLED_BRIEF_PATH.read_bytes().replace(b"1,090 km", b"1,234 km")
    return parse_bytes(data, BUNDLED_BRIEF_PATH.name)


class CountingEmbeddings(Embeddings):
    def __init__(self, inner: Embeddings, fail_on_call: int | None = None) -> None:
        self.inner = inner
        self.document_calls = 0
        self.documents = 0
        self.fail_on_call = fail_on_call

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.document_calls += 1
        if self.fail_on_call is not None and self.document_calls >= self.fail_on_call:
            raise IndexUnavailable("embedder failed mid-ingest")
        self.documents += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def test_first_ingest_adds_and_reingest_embeds_nothing(make_engine, embedder, bundled_brief):
    counting = CountingEmbeddings(embedder)
    eng = make_engine(embedder_override=counting)
    report = eng.ingest(bundled_brief)
    assert report.status == "added"
    assert report.passages == len(bundled_brief.passages)
    assert [w.footnote for w in report.warnings] == [5]
    embedded = counting.documents
    assert embedded > len(bundled_brief.passages)  # own views plus context views

    again = eng.ingest(bundled_brief)
    assert again.status == "unchanged"
    assert counting.documents == embedded

    restarted = make_engine(embedder_override=counting)
    assert restarted.ingest(bundled_brief).status == "unchanged"
    assert counting.documents == embedded


def test_changed_brief_replaces_the_old_version(make_engine, bundled_brief, changed_brief):
    eng = make_engine()
    eng.ingest(bundled_brief)
    count_before = eng.store.count()
    assert "1,090 km" in eng.ask(QUESTION).citations[0].quote

    report = eng.ingest(changed_brief)
    assert report.status == "updated"
    quote = eng.ask(QUESTION).citations[0].quote
    assert "1,234 km" in quote
    assert "1,090 km" not in quote
    assert eng.brief(changed_brief.id).content_hash == changed_brief.content_hash
    assert eng.store.count() == count_before  # the old version's vectors are gone


def test_failed_ingest_leaves_the_previous_index_intact(make_engine, embedder, bundled_brief, changed_brief):
    eng = make_engine()
    eng.ingest(bundled_brief)
    count_before = eng.store.count()

    failing = make_engine(embedder_override=CountingEmbeddings(embedder, fail_on_call=2))
    with pytest.raises(IndexUnavailable):
        failing.ingest(changed_brief)

    for survivor in (failing, make_engine()):
        answer = survivor.ask(QUESTION)
        assert "1,090 km" in answer.citations[0].quote
        assert all(c.verified for c in answer.citations)
        assert survivor.brief(bundled_brief.id).content_hash == bundled_brief.content_hash
    assert eng.store.count() == count_before  # the half-written new version was cleaned up


class PausingStore:
    """Delegates to the real store; runs ``hook`` after the new vectors are written, before the flip."""

    def __init__(self, inner, hook) -> None:
        self.inner = inner
        self.hook = hook

    def add(self, docs, progress=None):
        self.inner.add(docs, progress)
        self.hook()

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_queries_during_an_ingest_see_only_the_old_version(make_engine, bundled_brief, changed_brief):
    eng = make_engine()
    eng.ingest(bundled_brief)
    seen = []
    eng.store = PausingStore(eng.store, lambda: seen.append(eng.ask(QUESTION)))
    eng.ingest(changed_brief)
    (during,) = seen
    assert "1,090 km" in during.citations[0].quote
    old_text = bundled_brief.text
    assert all(old_text[c.start : c.end] == c.quote for c in during.citations)
    assert "1,234 km" in eng.ask(QUESTION).citations[0].quote


def test_remove(make_engine, bundled_brief):
    eng = make_engine()
    eng.ingest(bundled_brief)
    eng.remove(bundled_brief.id)
    assert eng.is_empty()
    assert eng.store.count() == 0
    assert eng.ask("Why did the Hanoi summit fail?").abstained
    with pytest.raises(BriefNotFound):
        eng.remove(bundled_brief.id)
    with pytest.raises(BriefNotFound):
        eng.brief(bundled_brief.id)


def test_restart_keeps_the_library_and_verifies(make_engine, bundled_brief):
    make_engine().ingest(bundled_brief)
    restarted = make_engine()
    assert [b.id for b in restarted.briefs()] == [bundled_brief.id]
    answer = restarted.ask("Why did the Hanoi summit fail?")
    assert any(c.verified and c.footnotes == (11,) for c in answer.citations)


def test_sync_reembeds_a_wiped_store(make_engine, bundled_brief):
    eng = make_engine()
    eng.ingest(bundled_brief)
    eng.store.delete_brief(bundled_brief.id)
    assert eng.store.count() == 0
    reports = make_engine().sync()
    assert [r.brief_id for r in reports] == [bundled_brief.id]
    assert "1,090 km" in make_engine().ask(QUESTION).citations[0].quote


def test_another_process_ingesting_is_seen_without_restart(make_engine, bundled_brief):
    reader = make_engine()
    assert reader.is_empty()
    make_engine().ingest(bundled_brief)  # e.g. another API worker
    assert not reader.is_empty()
    assert not reader.ask("Why did the Hanoi summit fail?").abstained


SECOND = """A SHORT NOTE ON LIGHTHOUSES

By
Ada Keeper
Fellow

Coastal Studies Unit

January 5, 2023

The Fastnet lighthouse stands on a rock off the coast of Ireland.¹ Its light can be seen for 27 nautical miles.

¹ "Fastnet Rock," Irish Lights, March 1, 2020, <https://www.irishlights.ie/fastnet>.
"""


def test_brief_and_kind_filters(make_engine, bundled_brief):
    eng = make_engine()
    eng.ingest(bundled_brief)
    second = parse_bytes(SECOND.encode(), "lighthouses.txt")
    assert eng.ingest(second).status == "added"
    assert {b.id for b in eng.briefs()} == {bundled_brief.id, second.id}

    hits = eng.retrieve("How far can the light be seen?", brief_id=second.id)
    assert hits
    assert {h.passage.brief_id for h in hits} == {second.id}
    answer = eng.ask("How far can the lighthouse light be seen?")
    assert "27 nautical miles" in answer.citations[0].quote
    assert answer.citations[0].brief_id == second.id

    only_footnotes = eng.retrieve("Hanoi summit", kinds=frozenset({"footnote"}))
    assert only_footnotes
    assert {h.passage.kind for h in only_footnotes} == {"footnote"}
    assert eng.ask("Why did the Hanoi summit fail?", brief_id=second.id).abstained
