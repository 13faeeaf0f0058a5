"""Whether the vector store answers, for questions that are ranked over cached vectors and so never ask it.

An embedded store is pinged (one row read) on every question (in process, a fraction of a millisecond). A shared
server is asked once a second by a daemon thread instead of once per question; while that fails, every question
fails too (HTTP 503, with the store's own error), and the first question after an outage asks the store itself,
so service comes back as soon as the server does.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

from corpus.errors import CitebotError, IndexUnavailable
from index.store import PassageStore

HEARTBEAT_SECONDS = 1.0


class StoreWatch:
    def __init__(self, store_of: Callable[[], PassageStore], every: float | None = HEARTBEAT_SECONDS) -> None:
        """``store_of`` gives the current store; ``every`` None asks it on each check instead of in a thread."""
        self.store_of = store_of
        self.every = every
        self._error: CitebotError | None = None
        self._lock = threading.Lock()
        if every is None:
            return
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
            self.store_of().ping()
        except CitebotError as exc:
            error: CitebotError | None = exc
        except Exception as exc:
            # A client-side failure (seen: chromadb's system cache raced) must not end the heartbeat thread, or later
            # outages would go unseen; it counts as the store being down until the next answer.
            error = IndexUnavailable(f"the vector store could not be asked: {type(exc).__name__}: {exc}")
        else:
            error = None
        with self._lock:
            self._error = error

    def check(self) -> None:
        """Raise the store's error while it is down (asking it once more first when it was down or has no heartbeat,
        so recovery is seen at once)."""
        with self._lock:
            failing = self._error is not None
        if failing or self.every is None:
            self.probe()
        with self._lock:
            error = self._error
        if error is not None:
            raise error if isinstance(error, IndexUnavailable) else IndexUnavailable(str(error))
