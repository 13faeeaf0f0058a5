"""The engine: ingest briefs into the index, and answer questions with verified, footnoted quotes.

Versions and atomicity. Every vector carries a ``version`` key (brief id + content hash). Ingesting a changed
brief writes the new version's vectors first, then saves the parsed brief to the repository (the flip: the
repository's content hash *is* the active version), then deletes the old vectors. Queries only accept vectors
of the active versions, so no query sees half of each, and a failed ingest leaves the previous index in place.

The flip runs in one database transaction that holds the library's write lock (``BriefRepository.writing``), so
it is atomic across processes too; every process notices the library version it bumped on its next request and
rebuilds its snapshot (and the lexical index with it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence

from bot.citations import make_citation, verify_citation
from bot.ingest_records import IngestReport, replace_refusal, stored_docs
from bot.qa import answer as answering
from bot.qa.index_state import IndexState, version_key
from bot.qa.query import Query, Search, analyse, search_for
from bot.qa.render import ABSTAIN_TEXT, answer_text
from bot.qa.retrieval import Candidate, hybrid_search
from bot.query_vectors import QueryVectors
from bot.store_watch import HEARTBEAT_SECONDS, StoreWatch
from bot.types import Answer, Hit
from corpus.errors import BriefExists, BriefNotFound, CitationNotVerified, CitebotError, InvalidRequest
from corpus.models import Brief, Citation, Passage
from corpus.settings import Settings
from index.embeddings import torch_threads
from index.library import BriefRepository
from index.store import PassageStore, Progress, StoredDoc
from index.types import Embeddings
from index.views import passage_views

log = logging.getLogger("citebot.engine")

EMPTY_LIBRARY_TEXT = "The library has no briefs yet, so there is nothing to quote."


class Engine:
    """Ingest, retrieve, ask. Safe to share between threads: readers use an immutable snapshot."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embeddings,
        store: PassageStore,
        repository: BriefRepository,
        *,
        query_cache_size: int = 1024,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self.repository = repository
        self.metrics: dict[str, int] = {
            "questions": 0,
            "abstentions": 0,
            "citations_served": 0,
            "citations_dropped": 0,
            "ingests": 0,
        }
        self._write_lock = threading.RLock()
        self._brief_locks: dict[str, threading.Lock] = {}
        self._brief_locks_guard = threading.Lock()
        self._metrics_lock = threading.Lock()
        stamp = repository.stamp()  # read before the briefs: a change in between makes the next check reload
        self._state = IndexState.build(repository.all(), stamp)
        self._anchors: dict[tuple[str, str | None, int], tuple[Passage, ...]] = {}
        # Query vectors by text: repeated questions and follow-up anchors skip the model (the costliest step).
        self._query_vectors = QueryVectors(embedder, settings.query_threads, query_cache_size)
        # A store outage must reach questions answered from the cached vectors (see bot/store_watch.py).
        self._store_watch = StoreWatch(lambda: self.store, HEARTBEAT_SECONDS if settings.chroma_url else None)

    # ----- library -----------------------------------------------------------------------------------------
    def _current(self) -> IndexState:
        """The snapshot, reloaded if another process changed the library since it was built."""
        state = self._state
        stamp = self.repository.stamp()
        if stamp != state.stamp:
            with self._write_lock:
                if self._state.stamp != self.repository.stamp():
                    # Another process changed the library: its vectors are on disk but not in this
                    # process's view of the store until it is reopened.
                    self.store.refresh()
                    self._rebuild()
                state = self._state
        return state

    def _rebuild(self) -> None:
        """A new snapshot of the library (under the write lock). The stamp is read first: a change made between
        the two reads leaves the snapshot's stamp older than its briefs, so the next check reloads again."""
        stamp = self.repository.stamp()
        self._state = IndexState.build(self.repository.all(), stamp, self._state)

    def _count(self, key: str, n: int = 1) -> None:
        with self._metrics_lock:
            self.metrics[key] = self.metrics.get(key, 0) + n

    def briefs(self) -> list[Brief]:
        return sorted(self._current().briefs.values(), key=lambda b: b.id)

    def brief(self, brief_id: str) -> Brief:
        found = self._current().briefs.get(brief_id)
        if found is None:
            raise BriefNotFound(f"no brief with id {brief_id!r}")
        return found

    def is_empty(self) -> bool:
        return not self._current().briefs

    def ingest(self, brief: Brief, progress: Progress | None = None, *, replace: bool = True) -> IngestReport:
        """Index a brief: nothing is embedded if it is unchanged; a changed brief replaces the old atomically, or
        raises BriefExists when ``replace`` is false (decided under the brief's lock, so two uploads cannot both
        see the id free). ``progress`` hears (vectors stored, total) as the embedding goes.

        The embedding, the long part, holds only this brief id's lock: questions and other briefs' uploads and
        removals go on meanwhile, and the write lock is taken only to look and to make the flip."""
        with self._brief_lock(brief.id):
            with self._write_lock:
                try:
                    old: Brief | None = self.repository.get(brief.id)
                except BriefNotFound:
                    old = None
                if old is not None and not replace and old.content_hash != brief.content_hash:
                    raise BriefExists(replace_refusal(old))
                version = version_key(brief)
                docs = stored_docs(passage_views(brief), version)
                report = IngestReport(brief.id, "unchanged", len(brief.passages), brief.warnings)
                if old is not None and old.content_hash == brief.content_hash and self._complete(version, docs):
                    return report
                old_version = version_key(old) if old is not None else None
            try:
                self._add(docs, progress)
            except BaseException:
                if version != old_version:
                    self._discard(version)
                raise
            # The flip, under the library's write lock in the database: every process's flips of any brief queue
            # here, so two processes ingesting one brief at once leave exactly one active version, with its vectors.
            with self._write_lock, self.repository.writing() as tx:
                current = tx.get(brief.id)
                if current is not None and not replace and current.content_hash != brief.content_hash:
                    self._discard(version)  # another process filed other content under the id meanwhile
                    raise BriefExists(replace_refusal(current))
                if not self._complete(version, docs):
                    self._add(docs)  # another process's flip discarded this version's vectors meanwhile
                tx.save(brief)
                self._discard_others(brief.id, version)
            with self._write_lock:
                self._rebuild()
            self._count("ingests")
            status = "added" if current is None else "updated"
            log.info("ingested %s (%s, %d passages)", brief.id, status, len(brief.passages))
            return IngestReport(brief.id, status, len(brief.passages), brief.warnings)

    def _brief_lock(self, brief_id: str) -> threading.Lock:
        """The lock that orders writes to one brief id (its embedding runs outside the write lock)."""
        with self._brief_locks_guard:
            return self._brief_locks.setdefault(brief_id, threading.Lock())

    def _add(self, docs: Sequence[StoredDoc], progress: Progress | None = None) -> None:
        with torch_threads(self.settings.ingest_threads):
            self.store.add(docs, progress)

    def _complete(self, version: str, docs: Sequence[StoredDoc]) -> bool:
        return self.store.count({"version": version}) == len(docs)

    def _discard(self, version: str) -> None:
        """Best-effort removal of one version's vectors; leftovers are never served (wrong version)."""
        try:
            self.store.delete({"version": version})
        except CitebotError as exc:
            log.warning("could not delete vectors of %s: %s", version, exc)

    def _discard_others(self, brief_id: str, keep: str) -> None:
        """Delete every other version of a brief's vectors (the replaced one, or leftovers of older code)."""
        try:
            self.store.delete({"$and": [{"brief_id": brief_id}, {"version": {"$ne": keep}}]})
        except CitebotError as exc:
            log.warning("could not delete old vectors of %s: %s", brief_id, exc)

    def warm_up(self) -> threading.Thread:
        """Build the current snapshot's lazily built parts in a background thread (a server calls this once it
        is loaded, so its first question does not pay for them); a question meanwhile waits for the same lock."""
        state = self._current()

        def warm() -> None:
            state.warm()
            try:
                state.dense_matrix(self.store)  # the vectors, fetched once, for the in-process dense search
            except CitebotError as exc:  # the first question retries and reports it
                log.warning("could not cache the stored vectors yet: %s", exc)

        thread = threading.Thread(target=warm, name="citebot-warm-up", daemon=True)
        thread.start()
        return thread

    def sync(self) -> list[IngestReport]:
        """Make the store hold exactly the active version of every stored brief (re-embedding what is missing,
        e.g. after the embedded views changed or the store was wiped). Called once at start-up."""
        reports = []
        with self._write_lock:
            for brief in self.repository.all():
                version = version_key(brief)
                docs = stored_docs(passage_views(brief), version)
                if not self._complete(version, docs):
                    self._add(docs)
                    reports.append(IngestReport(brief.id, "updated", len(brief.passages), brief.warnings))
                self._discard_others(brief.id, version)
        return reports

    def incomplete(self) -> list[str]:
        """Ids of the stored briefs whose active version lacks vectors (``sync`` embeds them)."""
        missing = []
        for brief in self.repository.all():
            version = version_key(brief)
            if not self._complete(version, stored_docs(passage_views(brief), version)):
                missing.append(brief.id)
        return missing

    def remove(self, brief_id: str) -> None:
        """Remove a brief from the library and the index (BriefNotFound if unknown)."""
        with self._brief_lock(brief_id), self._write_lock:
            with self.repository.writing() as tx:
                tx.delete(brief_id)  # BriefNotFound rolls the transaction back
                try:
                    self.store.delete_brief(brief_id)
                except CitebotError as exc:
                    log.warning("could not delete vectors of %s: %s", brief_id, exc)
            self._rebuild()

    # ----- questions ---------------------------------------------------------------------------------------
    def embed_query(self, query: str) -> list[float]:
        """The query's vector, from a small LRU cache when the same text was embedded recently."""
        return self._query_vectors.embed(query)

    def _query(self, state: IndexState, text: str, brief_id: str | None, history: Sequence[str] = ()) -> Query:
        """The question analysed once, for every stage. A question may name an acronym the briefs asked define by
        its other form: its search looks for both; and a word the briefs asked never use: its search also looks
        for the related words they do use (``bot.qa.related``)."""
        lexicon = state.lexicon(brief_id)
        return analyse(
            text, history=history, acronyms=state.acronyms(brief_id), embed=self.embed_query, knows=lexicon.knows
        )

    def _search(self, state: IndexState, text: str, brief_id: str | None) -> Search:
        return search_for(text, state.acronyms(brief_id), self.embed_query, state.lexicon(brief_id).knows)

    def _candidates(
        self, state: IndexState, search: Search, brief_id: str | None, kinds: frozenset[str] | None, k: int
    ) -> list[Candidate]:
        self._store_watch.check()
        return hybrid_search(state, self.store, search, brief_id=brief_id, kinds=kinds, depth=max(24, k))

    def _check_brief(self, state: IndexState, brief_id: str | None) -> None:
        if brief_id is not None and brief_id not in state.briefs:
            raise BriefNotFound(f"no brief with id {brief_id!r}")

    def retrieve(
        self, query: str, *, brief_id: str | None = None, k: int = 10, kinds: frozenset[str] | None = None
    ) -> list[Hit]:
        """Hybrid (BM25 + dense, RRF) search over the active passages."""
        state = self._current()
        self._check_brief(state, brief_id)
        if not query.strip():
            raise InvalidRequest("the query is empty")
        q = self._query(state, query, brief_id)
        ranked = answering.rank(self._candidates(state, q.search, brief_id, kinds, k), q)
        return [Hit(c.passage, score, c.dense, c.bm25) for c, score in ranked[:k]]

    def ask(self, message: str, *, brief_id: str | None = None, top_k: int = 3, history: Sequence[str] = ()) -> Answer:
        """Answer with verified quotes, best first, or abstain when the brief does not answer."""
        for item in self.ask_stream(message, brief_id=brief_id, top_k=top_k, history=history):
            if isinstance(item, Answer):
                return item
        raise AssertionError("ask_stream ended without an answer")  # pragma: no cover - ask_stream always answers

    def ask_stream(
        self, message: str, *, brief_id: str | None = None, top_k: int = 3, history: Sequence[str] = ()
    ) -> Iterator[Citation | Answer]:
        """``ask`` as it happens: each citation as soon as it is verified, best first, then the whole Answer.

        Bad input (empty question, top_k out of range, unknown brief) raises on the first ``next()``, before
        anything is yielded, so a caller can still turn it into a plain error response."""
        if not message.strip():
            raise InvalidRequest("the question is empty")
        if not 1 <= top_k <= 10:
            raise InvalidRequest("top_k must be between 1 and 10")
        state = self._current()
        self._check_brief(state, brief_id)
        self._count("questions")
        if not state.briefs:
            self._count("abstentions")
            yield Answer(EMPTY_LIBRARY_TEXT, (), True)
            return
        query = self._query(state, message, brief_id, history)
        selections, confidence = self._selections(state, query, brief_id, top_k)
        citations: list[Citation] = []
        for citation in self._verified(state, selections):
            citations.append(citation)
            yield citation
        if not citations:
            self._count("abstentions")
            yield Answer(ABSTAIN_TEXT, (), True, confidence)
            return
        yield Answer(answer_text(citations), tuple(citations), False, confidence)

    def _selections(
        self, state: IndexState, query: Query, brief_id: str | None, top_k: int
    ) -> tuple[list[answering.Selection], float]:
        """The passages chosen to answer, best first, empty when the brief does not answer (abstain); and the
        confidence that decided it."""
        explicit = bool(answering.named_passages(state, query, brief_id))
        candidates = self._candidates(state, query.search, brief_id, None, top_k)
        own = answering.evidence(candidates, explicit, query, state, brief_id)
        ev = own
        anchor: tuple[Passage, ...] = ()
        if query.followup is not None and query.earlier is not None:
            # A follow-up: prefer passages near what answered the previous turn, and unless the message has
            # strong evidence of its own, retrieve with the previous question appended.
            anchor = self._anchor(state, query.earlier, brief_id)
            if not answering.strong(own):
                followup = self._search(state, query.followup, brief_id)
                candidates = self._candidates(state, followup, brief_id, None, top_k)
                ev = answering.evidence(candidates, explicit, query, state, brief_id)
        confidence = max(answering.confidence(ev), answering.confidence(own))
        if answering.should_abstain(ev) and answering.should_abstain(own):
            return [], confidence
        return list(answering.select(state, candidates, query, top_k, brief_id, anchor)), confidence

    def _anchor(self, state: IndexState, earlier: str, brief_id: str | None) -> tuple[Passage, ...]:
        """The passages that best answered an earlier question (empty if it was not answerable)."""
        key = (earlier, brief_id, state.stamp)
        cached = self._anchors.get(key)
        if cached is not None:
            return cached
        query = self._query(state, earlier, brief_id)
        candidates = self._candidates(state, query.search, brief_id, None, 1)
        found: tuple[Passage, ...] = ()
        if not answering.should_abstain(answering.evidence(candidates, False, query, state, brief_id)):
            picks = answering.select(state, candidates, query, 1, brief_id)
            found = picks[0].passages if picks else ()
        if len(self._anchors) > 512:
            self._anchors.clear()
        self._anchors[key] = found
        return found

    def _verified(self, state: IndexState, selections: Sequence[answering.Selection]) -> Iterator[Citation]:
        """Each selection as a verified citation, in order; one that fails verification is dropped and counted."""
        for sel in selections:
            brief = state.briefs[sel.passages[0].brief_id]
            try:
                citation = verify_citation(brief, make_citation(brief, sel.passages, sel.score, sel.cited or None))
            except CitationNotVerified as exc:
                self._count("citations_dropped")
                log.error("dropped a citation that failed verification: %s", exc)
                continue
            self._count("citations_served")
            yield citation
