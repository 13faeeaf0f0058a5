"""API fixtures: the real app (TestClient with lifespan) over the real engine, plus seams for failure cases.

- ``client``: TestClient over ``create_app(settings, engine)`` with the bundled brief indexed (real MiniLM,
  real Chroma PersistentClient in tmp_path, sessions in SQLite in the same data dir).
- ``flaky``: the same engine whose store can be switched off (raises IndexUnavailable) and on again.
- ``fake_engine``: a small engine with the same methods, answering with real Citations of the bundled brief;
  only for the seams a real engine cannot be made to hit on demand (unexpected exceptions, recording history).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from bot.citations import make_citation, verify_citation
from bot.qa.render import answer_text
from bot.types import Answer
from corpus.errors import BriefNotFound, IndexUnavailable
from corpus.models import Brief, Citation
from corpus.settings import Settings


def parse_sse(text: str) -> list[tuple[str, str]]:
    """``event:``/``data:`` blocks of a text/event-stream body as (event, data) pairs."""
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[len("event:") :].strip()
            elif line.startswith("data:"):
                data.append(line[len("data:") :].removeprefix(" "))
        if data:
            events.append((name, "\n".join(data)))
    return events


@pytest.fixture
def client(engine: Any) -> Iterator[TestClient]:
    with TestClient(create_app(engine.settings, engine)) as c:
        yield c


class FlakyStore:
    """Wraps the real store; while ``down`` every call raises IndexUnavailable, as a lost Chroma server does."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.down = False

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.inner, name)
        if not callable(target):
            return target

        def call(*args: Any, **kwargs: Any) -> Any:
            if self.down:
                raise IndexUnavailable("the vector store at test is unavailable: connection refused")
            return target(*args, **kwargs)

        return call


@pytest.fixture
def flaky(engine: Any) -> FlakyStore:
    store = FlakyStore(engine.store)
    engine.store = store
    return store


class FakeEngine:
    """Same surface as bot.engine.Engine; answers with the brief's first footnoted sentence, verified for real."""

    def __init__(self, brief: Brief, settings: Settings) -> None:
        self.settings = settings
        self._brief = brief
        self.calls: list[dict[str, Any]] = []
        self.fail_with: BaseException | None = None
        self.fail_after_first: BaseException | None = None  # raised once the first citation has been yielded
        self.metrics: dict[str, int] = {"questions": 0, "citations_dropped": 0}
        self.store = self

    def count(self, where: Any = None) -> int:
        return len(self._brief.passages)

    def briefs(self) -> list[Brief]:
        return [self._brief]

    def brief(self, brief_id: str) -> Brief:
        if brief_id != self._brief.id:
            raise BriefNotFound(f"no brief with id {brief_id!r}")
        return self._brief

    def is_empty(self) -> bool:
        return False

    def warm_up(self) -> None:
        return None

    def ask(self, message: str, *, brief_id: str | None = None, top_k: int = 3, history: Sequence[str] = ()) -> Answer:
        *_, answer = self.ask_stream(message, brief_id=brief_id, top_k=top_k, history=history)
        assert isinstance(answer, Answer)
        return answer

    def ask_stream(
        self, message: str, *, brief_id: str | None = None, top_k: int = 3, history: Sequence[str] = ()
    ) -> Iterator[Citation | Answer]:
        self.calls.append({"message": message, "brief_id": brief_id, "top_k": top_k, "history": list(history)})
        self.metrics["questions"] += 1
        if self.fail_with is not None:
            raise self.fail_with
        passages = [p for p in self._brief.passages if p.kind == "sentence" and p.footnotes][:top_k]
        citations = []
        for p in passages:
            citation = verify_citation(self._brief, make_citation(self._brief, [p], 1.0))
            citations.append(citation)
            yield citation
            if self.fail_after_first is not None:
                raise self.fail_after_first
        yield Answer(answer_text(citations), tuple(citations), False)


@pytest.fixture
def fake_engine(bundled_brief: Brief, tmp_path: Any) -> FakeEngine:
    return FakeEngine(bundled_brief, Settings(data_dir=tmp_path / "fake-data"))


@pytest.fixture
def fake_client(fake_engine: FakeEngine) -> Iterator[TestClient]:
    with TestClient(create_app(fake_engine.settings, fake_engine), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        yield c


@pytest.fixture
def app_factory() -> Callable[..., Any]:
    return create_app
