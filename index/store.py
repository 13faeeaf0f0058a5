"""Vector storage behind one small interface, with Chroma (through langchain-chroma) as its implementation.

Embedded ``PersistentClient`` under ``<data_dir>/chroma`` by default; a Chroma server (``chroma run``) when
``settings.chroma_url`` is set. Chroma's own default embedding function never runs: texts are embedded by the
MiniLM embedder we pass in, and queries are always made by vector.

Writes go through langchain-chroma's ``Chroma.add_texts``. Reads (search, ids, count, vectors) were always made on
the collection under it, so the store opens that collection itself and builds the LangChain object only for the
first write: importing langchain-chroma (LangChain's retriever, runnable and tracing stack) took about half a
second of every restart, which never writes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlparse

import httpx

from corpus.errors import IndexUnavailable
from corpus.limits import checkpoint
from corpus.settings import Settings
from index.chroma_startup import forget_embedded, import_in_background, light_override_checks, telemetry_off
from index.store_identity import MODEL_KEY, PATH_KEY, VARIANT_KEY, check_identity
from index.threads import embed_threads, wanted_threads
from index.types import Embeddings

Metadata = Mapping[str, str | int | float | bool]
Where = dict[str, Any]

# Embedded batches are written to Chroma together, this many documents at a time at least: each write has a fixed
# cost (1,498 vectors: about 1.2 CPU s written 64 at a time, 0.9 s 256 at a time).
WRITE_SIZE = 256

# Cosine distance set through the collection configuration (Chroma 1.x), not the legacy "hnsw:space" metadata.
COLLECTION_CONFIGURATION: dict[str, Any] = {"hnsw": {"space": "cosine"}}


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """One vector to store: its id, the text that is embedded, and filterable metadata."""

    id: str
    text: str
    metadata: Metadata


@dataclass(frozen=True, slots=True)
class StoreHit:
    id: str
    similarity: float  # cosine similarity, 1 - cosine distance
    metadata: Metadata


# Called as documents are embedded: (embedded so far, total), so a long ingest can show how far it has got. The
# last call comes once everything is stored.
Progress = Callable[[int, int], None]


class PassageStore(Protocol):
    """Add, delete, search with scores and metadata filters, count."""

    def add(self, docs: Sequence[StoredDoc], progress: Progress | None = None) -> None: ...

    def delete(self, where: Where) -> None: ...

    def delete_brief(self, brief_id: str) -> None: ...

    def search(self, embedding: Sequence[float], k: int, where: Where | None = None) -> list[StoreHit]: ...

    def count(self, where: Where | None = None) -> int: ...

    def ping(self) -> None:
        """One cheap round trip to the store; raises ``IndexUnavailable`` when it cannot be reached."""

    def ids(self, where: Where | None = None) -> list[str]: ...

    def vectors(self, where: Where | None = None) -> dict[str, list[float]]: ...

    def refresh(self) -> None:
        """Drop cached state so the next call sees what other processes wrote."""


def collection_name(settings: Settings) -> str:
    # The model is part of the name so a different embedder never mixes vector spaces in one collection.
    return f"{settings.collection}-minilm-l6-v2"


class _Ahead(Embeddings):
    """The embedder as the LangChain store sees it: a write's vectors, computed by the store just before, are
    handed over instead of being computed again; anything else goes to the model."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self._local = threading.local()

    @contextmanager
    def serving(self, texts: list[str], vectors: list[list[float]]) -> Iterator[None]:
        self._local.ready = (texts, vectors)
        try:
            yield
        finally:
            self._local.ready = None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        ready = getattr(self._local, "ready", None)
        if ready is not None and ready[0] == texts:
            return list(ready[1])
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


class ChromaPassageStore:
    """``PassageStore`` over a Chroma collection, written through langchain-chroma; connects lazily and
    reconnects."""

    def __init__(
        self, settings: Settings, embedder: Embeddings, *, batch_size: int = 64, write_size: int = WRITE_SIZE
    ) -> None:
        self._settings = settings
        self._embedder = embedder
        self._batch_size = batch_size
        self._write_size = write_size
        self._lock = threading.Lock()
        self._chroma: Any = None  # the client, kept for the LangChain object
        self._collection: Any = None
        self._vs: Any = None
        self._ahead = _Ahead(embedder)
        # Named in error messages: a server's URL, or the data dir's folder (never an absolute path of this host).
        self.location = settings.chroma_url or "chroma/ in the data dir"

    def _client(self) -> Any:
        with light_override_checks():
            return self._open_client()

    def _open_client(self) -> Any:
        import chromadb

        chroma_settings = telemetry_off()
        url = self._settings.chroma_url
        if url:
            parsed = urlparse(url)
            if parsed.scheme not in {"http", "https"} or not parsed.hostname:
                raise IndexUnavailable(f"CITEBOT_CHROMA_URL must look like http://127.0.0.1:8001, got {url!r}")
            return chromadb.HttpClient(
                host=parsed.hostname,
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=chroma_settings,
            )
        path = self._settings.data_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        try:
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        except Exception as exc:  # a damaged chroma.sqlite3, a store of another version: whatever Chroma raises
            forget_embedded(path)  # the half-started system would fail every later open
            raise IndexUnavailable(
                f"the vector store ({self.location}) cannot be opened: {exc}; "
                "`citebot doctor --repair` rebuilds it from the parsed briefs"
            ) from exc

    @property
    def collection(self) -> Any:
        """The Chroma collection (connecting on first use), checked against the embedder that made it."""
        with self._lock:
            if self._collection is None:
                with self._guard():
                    client = self._client()
                    # The arguments langchain-chroma opens it with, so either may be first to create it.
                    collection = client.get_or_create_collection(
                        name=collection_name(self._settings),
                        embedding_function=None,
                        configuration=COLLECTION_CONFIGURATION,  # type: ignore[arg-type]
                    )
                    check_identity(collection, self._embedder, self._settings, self.location)
                    self._chroma, self._collection = client, collection
            return self._collection

    @property
    def vectorstore(self) -> Any:
        """The langchain ``Chroma`` object over the same collection, built on first use (the first write). Also
        used by the benchmark."""
        collection = self.collection
        with self._lock:
            if self._vs is None:
                try:
                    from langchain_chroma import Chroma
                except ImportError as exc:  # deferred until now, so say plainly what is missing
                    raise IndexUnavailable(f"langchain-chroma cannot be imported ({exc}): reinstall citebot") from exc
                with self._guard():
                    self._vs = Chroma(
                        client=self._chroma,
                        collection_name=collection.name,
                        # LangChain types it as its Embeddings class; it calls only the Protocol's two methods.
                        embedding_function=self._ahead,  # type: ignore[arg-type]
                        collection_configuration=COLLECTION_CONFIGURATION,  # type: ignore[arg-type]
                    )
            return self._vs

    def refresh(self) -> None:
        """Reopen the embedded store on next use, so it sees vectors another process (``citebot ingest``) wrote.

        The embedded Chroma keeps its index in memory per process and per path (in ``SharedSystemClient``'s
        cache), so a reader that is not reopened fails on ids it has not loaded ("Error finding id"). Evicting
        the cached system makes the next client replay the store from disk; calls still running keep the old
        one until they finish. A Chroma server already serves every writer, so it needs nothing.
        """
        if self._settings.chroma_url:
            return
        with self._lock:
            self._vs = self._collection = None
            forget_embedded(self._settings.data_dir / "chroma")

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn "the store is not reachable" into IndexUnavailable and drop the connection so it is retried."""
        try:
            yield
        except (httpx.HTTPError, ConnectionError, OSError) as exc:
            self._vs = self._collection = None
            raise IndexUnavailable(f"the vector store at {self.location} is unavailable: {exc}") from exc
        except ValueError as exc:
            if "connect" not in str(exc).lower():
                raise
            self._vs = self._collection = None
            raise IndexUnavailable(f"the vector store at {self.location} is unavailable: {exc}") from exc

    def add(self, docs: Sequence[StoredDoc], progress: Progress | None = None) -> None:
        """Embed and upsert in batches (a failure part-way leaves earlier batches; callers clean up by id).

        Batches are cut from the documents sorted by length, so the model pads little. Each batch is embedded
        ahead, in a helper thread, while the batches before it are written through LangChain (which is handed
        those vectors) once they make ``write_size`` documents, so the model is not idle during writes; the first
        write of a process also imports langchain-chroma in the background meanwhile (the bundled brief, at first
        start). The order of vectors in the store does not matter."""
        self.collection  # noqa: B018 - open (and check) the store before spending time on the model
        # Context views first, each kind by length: a batch then holds one kind of view (see ``embed``). A batch is
        # padded to its longest text, so own views go by the model's token count when the embedder can count them
        # (20-page PDF: 10% of their tokens run were padding when sorted by characters, 6% by tokens). Context
        # views keep the character order: the int8 model they may run on quantises activations with one scale
        # per batch, so a context vector depends on the texts batched with it, and regrouping them moved a
        # real-dev question's answer from first to second place.
        count = getattr(self._embedder, "token_counts", None)
        own = [d.text for d in docs if not _context_view(d)]
        tokens = iter(count(own) if count is not None else [len(t) for t in own])
        sizes = [len(d.text) if _context_view(d) else next(tokens) for d in docs]
        order = sorted(range(len(docs)), key=lambda i: (not _context_view(docs[i]), sizes[i]))
        by_length = [docs[i] for i in order]
        try:
            self._add_sorted(by_length, progress)
        finally:
            if count is not None:
                count([])  # the embedder keeps the last texts it counted encoded: let them go

    def _add_sorted(self, by_length: Sequence[StoredDoc], progress: Progress | None) -> None:
        importing = import_in_background("langchain_chroma")
        batches = [by_length[i : i + self._batch_size] for i in range(0, len(by_length), self._batch_size)]
        threads = wanted_threads()  # the caller's ingest thread count, for the helper thread too

        # A sentence's context view (its paragraph's lead and predecessor around it) may be embedded by a cheaper
        # model (OnnxEmbeddings.embed_passages: int8); its own words, what a question mostly matches, by the
        # query model, so the closest passage is decided at full precision.
        cheap = getattr(self._embedder, "embed_passages", self._embedder.embed_documents)
        # The query model's vectors of stored texts; the ONNX embedder takes those made at install from its cache.
        precise = getattr(self._embedder, "embed_stored", self._embedder.embed_documents)

        def embed(batch: Sequence[StoredDoc]) -> list[list[float]]:
            kinds = [_context_view(d) for d in batch]
            with embed_threads(threads):
                context = iter(cheap([d.text for d, c in zip(batch, kinds, strict=True) if c]) if any(kinds) else [])
                own = iter(
                    precise([d.text for d, c in zip(batch, kinds, strict=True) if not c]) if not all(kinds) else []
                )
                return [next(context) if c else next(own) for c in kinds]

        done = 0
        ready: list[StoredDoc] = []  # embedded, not yet written
        ready_vectors: list[list[float]] = []
        with ThreadPoolExecutor(1, thread_name_prefix="citebot-embed-ahead") as ahead:
            upcoming = ahead.submit(embed, batches[0]) if batches else None
            for n, batch in enumerate(batches):
                assert upcoming is not None
                ready_vectors += upcoming.result()
                ready += batch
                upcoming = ahead.submit(embed, batches[n + 1]) if n + 1 < len(batches) else None
                if len(ready) >= self._write_size or upcoming is None:
                    if importing is not None:
                        importing.join()
                        importing = None
                    self._write(ready, ready_vectors)
                    ready, ready_vectors = [], []
                done += len(batch)
                if progress is not None:
                    progress(done, len(by_length))
                if upcoming is not None:
                    checkpoint()  # between batches: the embed deadline, or a cancelled upload (the caller cleans up)

    def _write(self, docs: Sequence[StoredDoc], vectors: list[list[float]]) -> None:
        vs = self.vectorstore
        texts = [d.text for d in docs]
        with self._guard(), self._ahead.serving(texts, vectors):
            vs.add_texts(texts=texts, metadatas=[dict(d.metadata) for d in docs], ids=[d.id for d in docs])

    def delete(self, where: Where) -> None:
        collection = self.collection
        with self._guard():
            collection.delete(where=where)

    def delete_brief(self, brief_id: str) -> None:
        self.delete({"brief_id": brief_id})

    def search(self, embedding: Sequence[float], k: int, where: Where | None = None) -> list[StoreHit]:
        """Nearest ``k`` vectors by cosine similarity, filtered by metadata."""
        collection = self.collection
        with self._guard():
            # Straight to the collection: the same query LangChain makes, without fetching the documents,
            # which the engine never needs (it quotes from the parsed brief).
            got = collection.query(
                query_embeddings=[list(embedding)], n_results=k, where=where, include=["metadatas", "distances"]
            )
        metas = got["metadatas"][0] if got["metadatas"] else []
        return [
            StoreHit(str(i), 1.0 - float(d), m or {})
            for i, d, m in zip(got["ids"][0], got["distances"][0], metas, strict=True)
        ]

    def ids(self, where: Where | None = None) -> list[str]:
        collection = self.collection
        with self._guard():
            got = collection.get(where=where, include=[])
        return [str(i) for i in got["ids"]]

    def vectors(self, where: Where | None = None) -> dict[str, list[float]]:
        """Stored embeddings by id (for scoring candidates the nearest-neighbour query did not return)."""
        collection = self.collection
        with self._guard():
            got = collection.get(where=where, include=["embeddings"])
        return {str(i): [float(x) for x in e] for i, e in zip(got["ids"], got["embeddings"], strict=True)}

    def count(self, where: Where | None = None) -> int:
        if where is None:
            collection = self.collection
            with self._guard():
                return int(collection.count())
        return len(self.ids(where))

    def ping(self) -> None:
        # The collection's catalogue entry: a count or a one-row read costs 9-13 ms per question at 83,000
        # vectors, this 0.6 ms, and it fails as they do when the store or the collection is gone.
        collection = self.collection
        with self._guard():
            self._chroma.get_collection(collection.name)

    def space(self) -> str | None:
        """The collection's distance space as Chroma reports it (for tests and /health)."""
        collection = self.collection
        with self._guard():
            hnsw = collection.configuration.get("hnsw") or {}
        space = hnsw.get("space")
        return str(space) if space else None


def recorded_identity(store: PassageStore) -> dict[str, str]:
    """What the store's collection records about the embedder that made it (empty when nothing is recorded)."""
    collection = getattr(store, "collection", None)
    if collection is None:
        return {}
    metadata = collection.metadata or {}
    keys = {MODEL_KEY: "model", VARIANT_KEY: "variant", PATH_KEY: "path"}
    return {name: str(metadata[key]) for key, name in keys.items() if key in metadata}


def make_store(settings: Settings, embedder: Embeddings) -> PassageStore:
    """The configured store: embedded Chroma, or a Chroma server when ``settings.chroma_url`` is set."""
    return ChromaPassageStore(settings, embedder)


def _context_view(doc: StoredDoc) -> bool:
    return doc.metadata.get("view") == "c"
