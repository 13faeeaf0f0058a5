"""Whether a shared vector store (a Chroma server) answers, known without a round trip per question.

Questions are ranked over the snapshot's cached vectors, so a question alone would not notice the server going
down. The watch asks the store for its count once a second in a daemon thread; while that fails, every question
fails too (HTTP 503, as the store's own error), and the first question after an outage checks the store itself, so
service comes back as soon as the server does.
"""

from __future__ import annotations

import threading
import weakref

from corpus.errors import CitebotError, IndexUnavailable
from index.store import PassageStore

HEARTBEAT_SECONDS = 1.0


class StoreWatch:
    def __init__(self, store: PassageStore, every: float = HEARTBEAT_SECONDS) -> None:
        self.store = store
        self._error: CitebotError | None = None
        self._lock = threading.Lock()
        watch = weakref.ref(self)

        def beat() -> None:  # holds only a weak reference: the thread ends once the watch is gone
            while True:
                threading.Event().wait(every)  # the store has just answered whoever built the watch
                found = watch()
                if found is None:
                    return
                found.probe()
                del found

        threading.Thread(target=beat, name="citebot-store-watch", daemon=True).start()

    def probe(self) -> None:
        """One round trip to the store; remembers whether it failed."""
        try:
            self.store.count()
        except CitebotError as exc:
            error: CitebotError | None = exc
        else:
            error = None
        with self._lock:
            self._error = error

    def check(self) -> None:
        """Raise the store's error while it is down (after asking it once more, so recovery is seen at once)."""
        with self._lock:
            failing = self._error is not None
        if failing:
            self.probe()
        with self._lock:
            error = self._error
        if error is not None:
            raise error if isinstance(error, IndexUnavailable) else IndexUnavailable(str(error))
