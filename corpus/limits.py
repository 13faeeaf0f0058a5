"""Bounded work per file: size and count limits, parse and embed deadlines, and cancellation.

One upload's work runs inside ``within(budget)``. Code that loops over something a file controls (zip chunks,
pages, embedding batches) calls ``checkpoint()`` between steps: it raises once the current stage's deadline has
passed or the work was cancelled (the client disconnected, or the job was deleted). A Python thread cannot be
stopped from outside, so this cooperation is how a long ingest is cut short. The budget travels in a context
variable, so the parsers and the store need no extra parameter; with no budget set, only the size limits apply,
at their defaults.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.errors import InputError, PayloadTooLarge, WorkCancelled

if TYPE_CHECKING:  # pydantic-settings is a fifth of a second to import: a PDF page worker never needs it
    from corpus.settings import Settings


@dataclass(frozen=True)
class WorkLimits:
    max_inflated_bytes: int
    max_zip_members: int
    max_pdf_pages: int
    max_passages: int
    max_parse_seconds: float
    max_embed_seconds: float

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkLimits:
        return cls(
            max_inflated_bytes=settings.max_inflated_bytes,
            max_zip_members=settings.max_zip_members,
            max_pdf_pages=settings.max_pdf_pages,
            max_passages=settings.max_passages,
            max_parse_seconds=settings.max_parse_seconds,
            max_embed_seconds=settings.max_embed_seconds,
        )

    @classmethod
    def defaults(cls) -> WorkLimits:
        """The limits as ``Settings`` declares them, without reading the environment."""
        from corpus.settings import Settings

        fields = Settings.model_fields
        return cls(**{name: fields[name].default for name in cls.__dataclass_fields__})


# A stage -> the setting bounding it (named in the error, so an operator knows what to raise).
_STAGE_SETTING = {"parse": "max_parse_seconds", "embed": "max_embed_seconds"}
_STAGE_WORD = {"parse": "parsing", "embed": "embedding"}


@dataclass
class Budget:
    """The limits of one piece of work, the deadline of its current stage, and its cancel flag."""

    limits: WorkLimits
    cancel: threading.Event = field(default_factory=threading.Event)
    stage: str | None = None
    deadline: float | None = None

    def check(self) -> None:
        if self.cancel.is_set():
            raise WorkCancelled("the upload was cancelled before it finished; the library is unchanged")
        if self.stage is not None and self.deadline is not None and time.monotonic() > self.deadline:
            setting = _STAGE_SETTING[self.stage]
            seconds = getattr(self.limits, setting)
            raise InputError(
                f"{_STAGE_WORD[self.stage]} the file took longer than the limit of {seconds:g} s "
                f"(CITEBOT_{setting.upper()}); the library is unchanged"
            )


_current: ContextVar[Budget | None] = ContextVar("citebot_work_budget", default=None)


def current_limits() -> WorkLimits:
    budget = _current.get()
    return budget.limits if budget is not None else WorkLimits.defaults()


def current_budget() -> Budget | None:
    return _current.get()


def checkpoint() -> None:
    """Raise if the current work was cancelled or its stage ran out of time; a no-op outside ``within``."""
    budget = _current.get()
    if budget is not None:
        budget.check()


@contextmanager
def within(budget: Budget) -> Iterator[Budget]:
    """Run the block under ``budget`` (in this thread: a worker thread must enter it itself)."""
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Give the block its stage's deadline (``parse`` or ``embed``), counted from now."""
    budget = _current.get()
    if budget is None:
        yield
        return
    before = (budget.stage, budget.deadline)
    budget.stage = name
    budget.deadline = time.monotonic() + getattr(budget.limits, _STAGE_SETTING[name])
    try:
        budget.check()
        yield
    finally:
        budget.stage, budget.deadline = before


def too_large(what: str, setting: str, limit: int) -> PayloadTooLarge:
    """The error for a size or count over its limit (``what``: "the PDF has 900 pages"), naming its setting."""
    return PayloadTooLarge(f"{what}, over the limit of {limit:,} (CITEBOT_{setting.upper()})")


class InflationCounter:
    """Counts the bytes one zip inflates to, across all its parts, and refuses past the limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.total = 0

    def add(self, n: int) -> None:
        self.total += n
        if self.total > self.limit:
            raise PayloadTooLarge(
                f"the document inflates to more than the limit of {self.limit:,} bytes (CITEBOT_MAX_INFLATED_BYTES)"
            )
        checkpoint()
