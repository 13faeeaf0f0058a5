"""The searchable snapshot of the library (``IndexState``): each brief's passage views, lexical indexes and phrase
tables, and the caches built from them on first need; swapped whole on ingest."""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from bot.qa.phrases import OPTIONAL_IN_NAMES, LibraryPhrases, PhrasePostings
from bot.qa.related import table as related_words
from bot.qa.stored_vectors import DenseMatrix, StoredVectors, read_vectors
from corpus.models import Brief, Passage
from index.aliases import Acronym, defined_acronyms
from index.bm25 import Vocabulary
from index.lexical import LexicalIndex, LexicalPart, phrase_key, tokenize
from index.store import PassageStore
from index.views import VIEWS_VERSION, PassageViews, passage_views

_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")


@dataclass(frozen=True, eq=False)
class _BriefPart:
    """What one brief contributes to a snapshot, kept for the next snapshot while the brief is unchanged."""

    brief: Brief
    views: tuple[PassageViews, ...]
    lexical: LexicalPart
    context: LexicalPart
    phrases: list[PhrasePostings] = field(default_factory=list)  # built on first need (a question's name checks)
    lower: list[frozenset[str]] = field(default_factory=list)  # its lower-case words, built on first need
    acronyms: tuple[Acronym, ...] = ()  # those the brief defines ("wet-bulb globe temperature (WBGT)")
    own: list[tuple[LexicalIndex, LexicalIndex]] = field(default_factory=list)  # built on first scoped question


@dataclass(frozen=True)
class IndexState:
    """An immutable snapshot of what is searchable; swapped whole on ingest so readers never see half."""

    briefs: Mapping[str, Brief]
    versions: Mapping[str, str]  # brief id -> version key stored in Chroma metadata
    views: Sequence[PassageViews]
    lexical: LexicalIndex  # over each passage's own (labelled) text
    lexical_context: LexicalIndex  # over each sentence with its paragraph's lead and its predecessor
    stamp: int = 0
    position: Mapping[str, int] = field(default_factory=dict)  # passage id -> index in views
    parts: Mapping[str, _BriefPart] = field(default_factory=dict, compare=False, repr=False)  # reused by successors
    # Stored vectors of the active versions, read once per snapshot on first need: [None] when over the cap.
    _vectors: list[StoredVectors | None] = field(default_factory=list, compare=False, repr=False)
    _vectors_lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)
    _lower_words: list[frozenset[str]] = field(default_factory=list, compare=False, repr=False)
    _library_phrases: list[LibraryPhrases] = field(default_factory=list, compare=False, repr=False)
    # Library-wide tables a question would otherwise rebuild from every brief (authors' terms, acronyms).
    _library_memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    # What an earlier snapshot had built (its vectors, its phrase tables): this one starts from them, so one more
    # brief reads one brief's vectors and words. Dropped once this snapshot has built its own.
    _earlier: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def carried(self) -> dict[str, object]:
        """What a successor may start from: the caches this snapshot built, else those it was handed."""
        out = dict(self._earlier)
        if self._vectors and self._vectors[0] is not None:
            out["vectors"] = self._vectors[0]
        if self._library_phrases:
            out["phrases"] = self._library_phrases[0]
        return out

    def lower_words(self, brief_id: str | None = None) -> frozenset[str]:
        """Words the library (or one brief) writes in lower case somewhere: "state" in "a state court" (so "the
        State" is not taken for a name)."""
        if brief_id is not None:
            with self._vectors_lock:
                return self._brief_lower(self.parts[brief_id])
        if not self._lower_words:
            with self._vectors_lock:
                if not self._lower_words:
                    words: set[str] = set()
                    for part in self.parts.values():
                        words |= self._brief_lower(part)
                    self._lower_words.append(frozenset(words))
        return self._lower_words[0]

    @staticmethod
    def _brief_lower(part: _BriefPart) -> frozenset[str]:
        if not part.lower:
            text = (v.passage.text for v in part.views)
            part.lower.append(frozenset(w for t in text for w in _LOWER_WORD.findall(t)))
        return part.lower[0]

    def _phrases(self) -> LibraryPhrases:
        """The library's phrase tables over each brief's phrase postings, built on first need (the postings are
        kept with the brief's part, the tables patched from an earlier snapshot's for the briefs that changed)."""
        if not self._library_phrases:
            with self._vectors_lock:
                if not self._library_phrases:
                    parts = [self.parts[b] for b in self.briefs]
                    for p in parts:
                        if not p.phrases:
                            p.phrases.append(PhrasePostings.build([phrase_key(v.self_text) for v in p.views]))
                    earlier = self._earlier.pop("phrases", None)
                    tables = LibraryPhrases.build(
                        {p.brief.id: p.phrases[0] for p in parts},
                        earlier if isinstance(earlier, LibraryPhrases) else None,
                    )
                    self._library_phrases.append(tables)
        return self._library_phrases[0]

    def warm(self) -> None:
        """Build now what the first question would otherwise build: the phrase postings (0.9 s at 413 briefs),
        the lower-case word set and the related-word table (``bot.qa.related``)."""
        self._phrases()
        self.lower_words()
        related_words()

    def mentions_each(self, phrase: str, brief_id: str | None = None) -> bool:
        """Whether every word of the phrase key occurs somewhere in the library or the brief (not necessarily
        together)."""
        postings = self._phrases_for(brief_id)
        words = [w for w in phrase.split() if w not in OPTIONAL_IN_NAMES]
        return all(postings.has_word(w) for w in words)

    def mentions(self, phrase: str, brief_id: str | None = None) -> bool:
        """Whether a passage has the phrase's words (a ``phrase_key``; "of", "the", "for" optional) in order,
        at most two other words apart: "Professor Weiss" is in "Professor Clara Weiss", but "Secretary of State"
        is not in "Press Secretary, Ann Lee, stated"."""
        words = [w for w in phrase.split() if w not in OPTIONAL_IN_NAMES]
        return bool(words) and self._phrases_for(brief_id).mentions(words)

    def spells_out(self, acronym: str, brief_id: str | None = None) -> bool:
        """Whether some passage writes the acronym's words out: "NHL" in "National Hockey League" (small words
        such as "of" and "and" may come between)."""
        letters = [c for c in acronym.lower() if c.isalpha()]
        if len(letters) < 2:
            return False
        return self._phrases_for(brief_id).spells_out(letters)

    def _phrases_for(self, brief_id: str | None) -> LibraryPhrases | PhrasePostings:
        """The phrase postings a question is checked against: one brief's own when it is scoped to one."""
        if brief_id is None:
            return self._phrases()
        part = self.parts[brief_id]
        if not part.phrases:
            with self._vectors_lock:
                if not part.phrases:
                    part.phrases.append(PhrasePostings.build([phrase_key(v.self_text) for v in part.views]))
        return part.phrases[0]

    def lexicon(self, brief_id: str | None) -> LexicalIndex:
        """The lexical index whose words a question is judged by: one brief's own when it is scoped to one."""
        return self.own_lexical(brief_id)[0] if brief_id is not None else self.lexical

    def own_lexical(self, brief_id: str) -> tuple[LexicalIndex, LexicalIndex, int]:
        """One brief's lexical indexes over its own passages alone, and the position of its first view.

        A question scoped to one brief is scored with that brief's own statistics: how rare a word is, and how
        long a passage is, are judged within the document asked about, so its answer does not depend on which
        other documents happen to share the library."""
        part = self.parts[brief_id]
        if not part.own:
            with self._vectors_lock:
                if not part.own:
                    part.own.append((LexicalIndex.from_parts([part.lexical]), LexicalIndex.from_parts([part.context])))
        own, own_context = part.own[0]
        return own, own_context, self.position[part.views[0].passage.id] if part.views else 0

    def vector(self, store: PassageStore, doc_id: str) -> npt.NDArray[np.float32] | None:
        """The stored embedding of one document of an active version (None for very large libraries)."""
        cached = self._stored(store)
        row = cached.rows.get(doc_id) if cached is not None else None
        return cached.values[row] if cached is not None and row is not None else None

    def dense_matrix(self, store: PassageStore) -> DenseMatrix | None:
        """Every stored vector of the snapshot's views as one matrix, so the dense ranking is an exact search in
        process instead of a store query per question (no round trip to a Chroma server, no HNSW walk). None when
        the library is too large to cache, or when a view's vector is missing (a store being filled): then the
        store's own search serves this snapshot."""
        cached = self._stored(store)
        return cached.matrix if cached is not None else None

    def _doc_ids(self) -> list[tuple[int, bool, str]]:
        """(view index, is context view, document id) of every stored document of the snapshot, in view order."""
        out = []
        for pos, view in enumerate(self.views):
            version = self.versions[view.passage.brief_id]
            out.append((pos, False, f"{version}|{view.passage.id}|s"))
            if view.context_text:
                out.append((pos, True, f"{version}|{view.passage.id}|c"))
        return out

    def _stored(self, store: PassageStore) -> StoredVectors | None:
        """The snapshot's stored vectors, read on first need: those of briefs an earlier snapshot had read are
        copied from it, the rest read from the store a few versions at a time (never the whole library as Python
        floats at once). None when they would take more than ``MAX_CACHED_BYTES``."""
        if self._vectors:
            return self._vectors[0]
        with self._vectors_lock:
            if not self._vectors:
                self._vectors.append(read_vectors(store, self._doc_ids(), self._earlier.get("vectors")))
                self._earlier.pop("vectors", None)
        return self._vectors[0]

    @classmethod
    def build(cls, briefs: Sequence[Brief], stamp: int = 0, previous: IndexState | None = None) -> IndexState:
        """The snapshot of ``briefs``; given the ``previous`` one, briefs it already held unchanged keep their views
        and lexical parts, so adding one brief reads only that brief."""
        ordered = sorted(briefs, key=lambda b: b.id)
        vocabulary = previous.lexical.vocabulary if previous is not None else Vocabulary()
        context_vocabulary = previous.lexical_context.vocabulary if previous is not None else Vocabulary()
        parts: dict[str, _BriefPart] = {}
        for b in ordered:
            old = previous.parts.get(b.id) if previous is not None else None
            if old is not None and (old.brief is b or old.brief == b):
                parts[b.id] = old
                continue
            views = tuple(passage_views(b))
            parts[b.id] = _BriefPart(
                b,
                views,
                LexicalPart.build([v.lexical_text for v in views], vocabulary),
                LexicalPart.build([v.lexical_context for v in views], context_vocabulary),
                acronyms=defined_acronyms(b.text),
            )
        chosen = [parts[b.id] for b in ordered]
        all_views = [v for part in chosen for v in part.views]
        return cls(
            briefs={b.id: b for b in ordered},
            versions={b.id: version_key(b) for b in ordered},
            views=all_views,
            lexical=LexicalIndex.from_parts([p.lexical for p in chosen], previous.lexical if previous else None),
            lexical_context=LexicalIndex.from_parts(
                [p.context for p in chosen], previous.lexical_context if previous else None
            ),
            stamp=stamp,
            position={v.passage.id: i for i, v in enumerate(all_views)},
            parts=parts,
            _earlier=previous.carried() if previous is not None else {},
        )

    def author_terms(self, brief_id: str | None) -> frozenset[str]:
        """Terms of the personal names of the authors of one brief (or of any): a reader asks "what does <the
        author> argue" of a text that says "I", so these words are no evidence of where the answer is."""
        one = self.briefs.get(brief_id) if brief_id is not None else None
        if one is not None:
            return frozenset(t for a in one.authors if _personal(a.name) for t in tokenize(a.name))
        found = self._library_memo.get("authors")
        if found is None:
            briefs = self.briefs.values()
            found = frozenset(t for b in briefs for a in b.authors if _personal(a.name) for t in tokenize(a.name))
            self._library_memo["authors"] = found
        return found  # type: ignore[return-value]

    def acronyms(self, brief_id: str | None) -> tuple[Acronym, ...]:
        """The acronyms one brief (or any brief) defines."""
        one = self.parts.get(brief_id) if brief_id is not None else None
        if one is not None:
            return tuple(one.acronyms)
        found = self._library_memo.get("acronyms")
        if found is None:
            found = tuple(a for p in self.parts.values() for a in p.acronyms)
            self._library_memo["acronyms"] = found
        return found  # type: ignore[return-value]

    def neighbour(self, p: Passage, step: int) -> Passage | None:
        """The passage ``step`` places away in reading order within the same brief, if any."""
        i = self.position.get(p.id)
        if i is None or not (0 <= i + step < len(self.views)):
            return None
        q = self.views[i + step].passage
        return q if q.brief_id == p.brief_id else None


def _personal(name: str) -> bool:
    """Whether an author name looks like a person's ("Ann B. Lee"), not a body's ("Office of the Director")."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def version_key(brief: Brief) -> str:
    """Identifies one parsed version of a brief in the vector store."""
    return f"{brief.id}@{brief.content_hash[:16]}.v{VIEWS_VERSION}"
