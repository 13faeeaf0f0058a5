"""The store watch: questions fail while the shared store is down and pass again as soon as it answers (the real
Chroma server case is tests/api/test_chroma_server_api.py)."""

from __future__ import annotations

import pytest

from bot.store_watch import StoreWatch
from corpus.errors import IndexUnavailable


class SwitchableStore:
    """A store seam whose count fails while ``down`` is set, as a stopped server's does."""

    def __init__(self, failure: Exception | None = None) -> None:
        self.down = False
        self.counts = 0
        self.failure = failure or IndexUnavailable("the vector store at http://127.0.0.1:1 is unavailable: refused")

    def ping(self) -> None:
        self.counts += 1
        if self.down:
            raise self.failure


def test_a_store_that_answers_lets_questions_through_without_a_round_trip_each():
    store = SwitchableStore()
    watch = StoreWatch(lambda: store, every=3600)  # type: ignore[arg-type, return-value]
    watch.probe()
    before = store.counts
    for _ in range(5):
        watch.check()
    assert store.counts == before


def test_an_outage_seen_by_the_watch_fails_questions_with_the_stores_error():
    store = SwitchableStore()
    watch = StoreWatch(lambda: store, every=3600)  # type: ignore[arg-type, return-value]
    store.down = True
    watch.probe()
    with pytest.raises(IndexUnavailable, match=r"vector store at http://127\.0\.0\.1:1 is unavailable"):
        watch.check()


def test_the_first_question_after_the_store_returns_passes_at_once():
    store = SwitchableStore()
    watch = StoreWatch(lambda: store, every=3600)  # type: ignore[arg-type, return-value]
    store.down = True
    watch.probe()
    store.down = False
    watch.check()  # asks the store again instead of waiting for the next beat
    watch.check()


def test_without_a_heartbeat_every_check_asks_the_store_so_an_outage_shows_at_once():
    store = SwitchableStore()
    watch = StoreWatch(lambda: store, every=None)  # type: ignore[arg-type, return-value]
    watch.check()
    store.down = True
    with pytest.raises(IndexUnavailable):
        watch.check()
    store.down = False
    watch.check()
    assert store.counts == 3


def test_an_unexpected_client_error_counts_as_an_outage_instead_of_escaping():
    store = SwitchableStore(KeyError("d906971e"))  # chromadb's shared-system cache, raced
    watch = StoreWatch(lambda: store, every=3600)  # type: ignore[arg-type, return-value]
    store.down = True
    watch.probe()
    with pytest.raises(IndexUnavailable, match="could not be asked: KeyError"):
        watch.check()
    store.down = False
    watch.check()
