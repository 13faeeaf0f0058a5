"""Builds the engine from settings: the one place the embedder, store and repository are wired together."""

from __future__ import annotations

import os
from pathlib import Path

from bot.engine import Engine
from bot.ingest_records import IngestReport
from corpus.loader import load_brief
from corpus.settings import Settings
from index.embeddings import embed_threads, load_embedder
from index.library import BriefRepository
from index.store import make_store


def build_engine(settings: Settings) -> Engine:
    """Load the embedder (offline), open the store and the brief repository, and return a ready engine."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    settings.ensure_dirs()
    embedder = load_embedder(settings)
    engine = Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings))
    engine.sync()
    return engine


BRIEF_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"})


def bundled_paths(settings: Settings) -> list[Path]:
    """The brief files in ``settings.briefs_dir`` (those a first start indexes), in name order."""
    folder = Path(settings.briefs_dir)
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() in BRIEF_SUFFIXES]


def ingest_bundled(engine: Engine, settings: Settings) -> list[IngestReport]:
    """Index every brief in ``settings.briefs_dir`` if the library is empty (first start); else do nothing."""
    if not engine.is_empty():
        return []
    return [engine.ingest(load_brief(path, max_bytes=settings.max_file_bytes)) for path in bundled_paths(settings)]


def cache_bundled_vectors(settings: Settings) -> tuple[Path, int] | None:
    """Embed every view of the bundled briefs with each model ingest uses and write them to the vector cache
    (``index/onnxmodel/vector_cache.py``), for a first start to reuse: (its path, vectors written). None when the
    cache is off or the embedder is not the ONNX one (the torch path has no model file checksum to key on)."""
    from index.onnxmodel.embedder import OnnxEmbeddings
    from index.onnxmodel.vector_cache import cache_path, write_cache
    from index.views import passage_views

    path = cache_path(settings)
    embedder = load_embedder(settings)
    if path is None or not isinstance(embedder, OnnxEmbeddings):
        return None
    texts: list[str] = []
    for brief_path in bundled_paths(settings):
        for view in passage_views(load_brief(brief_path, max_bytes=settings.max_file_bytes)):
            texts += [view.self_text, *([view.context_text] if view.context_text else [])]
    with embed_threads(settings.ingest_threads):
        entries = embedder.vectors_to_cache(texts)
    return path, write_cache(path, embedder.manifest.dimension, entries)
