"""Shared fixtures: every test is sealed off from the network and the user's data folder.

- autouse ``_sealed``: HF_HUB_OFFLINE=1, telemetry off, CITEBOT_DATA_DIR -> a fresh temp dir, no CITEBOT_CHROMA_URL.
- ``embedder`` (session): the real all-MiniLM-L6-v2 on ONNX Runtime (the serving path), loaded once, memoising
  vectors of texts it has seen. The torch path is covered by tests/index/test_onnx_embedder.py's equality test.
- ``pg_server`` (session) / ``pg_url``: a throwaway PostgreSQL cluster and a fresh database on it (tests/pg.py).
- ``bundled_brief`` (session): the parsed bundled brief.
- ``make_engine``: ``make_engine(data_dir=None, **settings)`` -> a new Engine over a PersistentClient in tmp_path.
- ``engine``: an Engine with the bundled brief ingested.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings

from corpus.loader import load_brief
from corpus.models import Brief
from corpus.settings import BUNDLED_BRIEFS, Settings

pytest_plugins = ["tests.pg"]  # pg_server / pg_url: a throwaway PostgreSQL cluster

BUNDLED_BRIEF_PATH = BUNDLED_BRIEFS / "issi-2022-us-north-korea-talks.txt"


@pytest.fixture(autouse=True)
def _sealed(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path_factory.mktemp("citebot-data")))
    monkeypatch.delenv("CITEBOT_CHROMA_URL", raising=False)
    monkeypatch.delenv("CITEBOT_DATABASE_URL", raising=False)
    # An install-time vector cache (index/onnxmodel/vector_cache.py) is read only by the tests that make their own.
    monkeypatch.setenv("CITEBOT_VECTOR_CACHE", "off")


class MemoEmbeddings(Embeddings):
    """The real model, remembering vectors of texts already embedded so re-indexing in each test is quick."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.identity = getattr(inner, "identity", None)  # the store records and checks the real model's
        self._memo: dict[str, list[float]] = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if todo:
            self._memo.update(zip(todo, self.inner.embed_documents(todo), strict=True))
        return [self._memo[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        if text not in self._memo:
            self._memo[text] = self.inner.embed_query(text)
        return self._memo[text]


@pytest.fixture(scope="session")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> Embeddings:
    from index.embeddings import load_embedder

    return MemoEmbeddings(load_embedder(Settings(data_dir=tmp_path_factory.mktemp("model-settings"))))


@pytest.fixture(scope="session")
def bundled_brief() -> Brief:
    return load_brief(BUNDLED_BRIEF_PATH)


@pytest.fixture
def make_engine(tmp_path: Path, embedder: Embeddings) -> Iterator[Callable[..., Any]]:
    from bot.engine import Engine
    from index.library import BriefRepository
    from index.store import make_store

    def _make(data_dir: Path | None = None, embedder_override: Embeddings | None = None, **fields: Any) -> Engine:
        settings = Settings(data_dir=data_dir or tmp_path / "data", **fields)
        settings.ensure_dirs()
        emb = embedder_override or embedder
        return Engine(settings, emb, make_store(settings, emb), BriefRepository(settings))

    yield _make
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # release the per-path Chroma systems this test opened


@pytest.fixture
def engine(make_engine: Callable[..., Any], bundled_brief: Brief) -> Any:
    eng = make_engine()
    eng.ingest(bundled_brief)
    return eng
