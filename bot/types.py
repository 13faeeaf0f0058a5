"""Types the bot's packages share: a retrieval hit, an answer, and ``Library``, what claim checks and source
audits need of the engine.

They live here, below every package of ``bot``, so that ``qa``, ``claims`` and ``audit`` can name them without
importing the engine (which imports them): no import cycle, and no ``TYPE_CHECKING`` guard to hide one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from corpus.models import Brief, Citation, Passage
from corpus.settings import Settings
from index.types import Embeddings


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    dense: float
    lexical: float


@dataclass(frozen=True)
class Answer:
    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    # The abstention evidence's margin (bot.qa.answer.confidence): below 0 the engine abstains.
    # None: nothing was weighed.
    confidence: float | None = None


class Library(Protocol):
    """The indexed briefs as claim checking and the source audit see them (``bot.engine.Engine`` is one)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def embedder(self) -> Embeddings: ...

    def briefs(self) -> list[Brief]: ...

    def brief(self, brief_id: str) -> Brief: ...

    def is_empty(self) -> bool: ...

    def retrieve(
        self, query: str, *, brief_id: str | None = None, k: int = 10, kinds: frozenset[str] | None = None
    ) -> list[Hit]: ...
