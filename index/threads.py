"""How many threads the embedding model may use in the calling thread: one per question, every core at ingest.

Why it matters on a small shared machine: one short question is dozens of tiny parallel regions, and with two
threads each region waits for both cores, so whenever anything else runs the wait is a scheduler slice. We
measured a one-question embedding at 8 ms on one thread against 40-180 ms (p95 400 ms) on two while another
process kept a core busy. Large ingest batches are the opposite: long matrix products that two threads halve.

The count is kept per OS thread, so a question thread and an ingest thread do not disturb each other. The ONNX
embedder reads it as how many batches of a long list to run side by side (one core each); torch, when it is
loaded (the comparison path), is set to it as its intra-op thread count.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCAL = threading.local()
TORCH_DEFAULT_THREADS: list[int] = []  # torch's own intra-op thread count, read once before citebot changes it


def wanted_threads() -> int:
    """The count asked for by the innermost ``embed_threads`` of this thread (0: the runtime's default)."""
    return int(getattr(_LOCAL, "count", 0))


@contextmanager
def embed_threads(count: int) -> Iterator[None]:
    """Run the block with ``count`` embedding threads in the calling thread (0: one per core), then put the
    previous count back."""
    previous = wanted_threads()
    _LOCAL.count = count
    try:
        if "torch" in sys.modules:  # never import torch here: the serving path does not have it loaded
            with _torch_threads(count):
                yield
        else:
            yield
    finally:
        _LOCAL.count = previous


@contextmanager
def _torch_threads(count: int) -> Iterator[None]:
    import torch

    want = count or (TORCH_DEFAULT_THREADS[0] if TORCH_DEFAULT_THREADS else torch.get_num_threads())
    before = torch.get_num_threads()
    if want != before:
        torch.set_num_threads(want)
    try:
        yield
    finally:
        if want != before:
            torch.set_num_threads(before)
