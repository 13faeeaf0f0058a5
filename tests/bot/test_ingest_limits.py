"""Work limits on the ingest path (``bot.ingest.ingest_bytes``): a limit or a cancel part-way through embedding
leaves the library and the store as they were, and a large ingest does not hold up questions or other briefs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from bot.ingest import ingest_bytes
from corpus.errors import InputError, PayloadTooLarge, WorkCancelled
from corpus.limits import current_budget
from corpus.loader import parse_bytes
from tests.conftest import BUNDLED_BRIEF_PATH
from tests.corpus.brief_writers import OTHER, to_markdown

QUESTION = "How far did the Hwasong-17 fly?"
WAIT = 120  # seconds: a bound on waiting for another thread, never a timing being measured


def many_sentences(n: int) -> bytes:
    return " ".join(f"Finding number {i} is one short plain statement." for i in range(n)).encode()


def snapshot(engine: Any) -> tuple[list[tuple[str, str]], int]:
    return [(b.id, b.content_hash) for b in engine.repository.all()], engine.store.count()


def test_a_many_sentence_upload_over_the_passage_limit_embeds_nothing(make_engine: Callable[..., Any]) -> None:
    eng = make_engine(max_passages=100)
    with pytest.raises(PayloadTooLarge, match="CITEBOT_MAX_PASSAGES"):
        ingest_bytes(eng, many_sentences(500), "sentences.txt", "sentences")
    assert snapshot(eng) == ([], 0)


def _trip(action: Callable[[], None]) -> Callable[[int, int], None]:
    """A progress callback that acts once, after the first batch is stored (mid-embedding)."""

    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 1:
            assert done < total, "the brief must need more than one batch"
            action()

    return progress


def _expire() -> None:
    budget = current_budget()
    assert budget is not None and budget.deadline is not None
    budget.deadline -= 10_000  # as if the embedding had run past its limit


def test_an_embed_deadline_mid_embedding_keeps_the_old_version(engine: Any) -> None:
    before = snapshot(engine)
    changed = BUNDLED_BRIEF_PATH.read_bytes().replace(b"1,090 km", b"1,234 km")
    with pytest.raises(InputError, match="CITEBOT_MAX_EMBED_SECONDS"):
        ingest_bytes(engine, changed, BUNDLED_BRIEF_PATH.name, "issi-2022-us-north-korea-talks", _trip(_expire))
    assert snapshot(engine) == before
    assert "1,090 km" in engine.ask(QUESTION).text


def test_a_cancel_mid_embedding_leaves_no_new_brief(make_engine: Callable[..., Any]) -> None:
    eng = make_engine()
    cancel = threading.Event()
    with pytest.raises(WorkCancelled):
        ingest_bytes(eng, many_sentences(120), "sentences.txt", "sentences", _trip(cancel.set), cancel=cancel)
    assert snapshot(eng) == ([], 0)


def test_questions_and_other_briefs_go_on_while_a_large_brief_embeds(engine: Any) -> None:
    started, release = threading.Event(), threading.Event()

    def hold() -> None:
        started.set()
        assert release.wait(WAIT)

    big: list[Any] = []
    worker = threading.Thread(
        target=lambda: big.append(ingest_bytes(engine, many_sentences(120), "big.txt", "big", _trip(hold)))
    )
    worker.start()
    try:
        assert started.wait(WAIT), "the large ingest did not start embedding"
        answer = engine.ask(QUESTION)  # a read while the large brief is mid-embedding
        assert not answer.abstained

        other_done = threading.Event()

        def other() -> None:
            engine.ingest(parse_bytes(to_markdown(OTHER), "other.md"))
            engine.remove("other")
            other_done.set()

        writer = threading.Thread(target=other)
        writer.start()
        writer.join(WAIT)
        assert other_done.is_set(), "another brief's upload and removal waited behind the large ingest"
    finally:
        release.set()
        worker.join(WAIT)
    assert big and big[0][1].status == "added"
    assert {b.id for b in engine.briefs()} == {"issi-2022-us-north-korea-talks", "big"}
