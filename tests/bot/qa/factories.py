"""Small one-brief index states and ranking candidates for the ranking-rule tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.qa.index_state import IndexState
from bot.qa.retrieval import Candidate
from corpus.models import Brief, Passage


def sentence_brief(brief_id: str, *sentences: str, one_paragraph: bool = False) -> Brief:
    """A brief of plain sentences, each its own paragraph (or all in one), its content hash set from its text."""
    passages, start = [], 0
    for i, s in enumerate(sentences):
        paragraph = 1 if one_paragraph else i
        passages.append(
            Passage(
                id=f"{brief_id}:{i}",
                brief_id=brief_id,
                kind="sentence",
                text=s,
                start=start,
                end=start + len(s),
                paragraph=paragraph,
                seq=i,
            )
        )
        start += len(s) + 1
    text = " ".join(sentences)
    return Brief(id=brief_id, title=brief_id, text=text, passages=tuple(passages), content_hash=brief_id + text)


def sentence_state(*sentences: str) -> tuple[IndexState, list[Passage]]:
    brief = sentence_brief("b", *sentences)
    return IndexState.build([brief]), list(brief.passages)


def candidate(state: IndexState, p: Passage) -> Candidate:
    return Candidate(p, state.position[p.id], 0.016, 0.6, 0.6, 0.6, 1.0, 1.0, 0.5, 0.5, 0.0)


def markdown_engine(folder: Path, embedder: Any, documents: dict[str, str]) -> Iterator[Any]:
    """A real engine (Chroma, the given embedder) over small Markdown documents written into ``folder``, named by
    file name; the Chroma client cache is cleared when the generator is closed (use it as a fixture's body)."""
    from chromadb.api.client import SharedSystemClient

    from bot.engine import Engine
    from corpus.loader import load_brief
    from corpus.settings import Settings
    from index.library import BriefRepository
    from index.store import make_store

    settings = Settings(data_dir=folder / "data")
    settings.ensure_dirs()
    eng = Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings))
    for name, text in documents.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        eng.ingest(load_brief(path))
    yield eng
    SharedSystemClient.clear_system_cache()


def unknown_words(engine: Any, question: str, brief: str) -> int:
    """How many of the question's words the abstention evidence counts as unknown to ``brief`` (top 3 candidates)."""
    from bot.qa import answer as answering

    state = engine._current()
    query = engine._query(state, question, brief)
    candidates = engine._candidates(state, query.search, brief, None, 3)
    return answering.evidence(candidates, False, query, state, brief).unknown
