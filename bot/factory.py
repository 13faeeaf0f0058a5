"""Builds the engine from settings: the one place the embedder, store and repository are wired together."""

from __future__ import annotations

import os
from pathlib import Path

from bot.engine import Engine, IngestReport
from corpus.loader import load_brief
from corpus.settings import Settings
from index.embeddings import load_embedder
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


def ingest_bundled(engine: Engine, settings: Settings) -> list[IngestReport]:
    """Index every brief in ``settings.briefs_dir`` if the library is empty (first start); else do nothing."""
    if not engine.is_empty():
        return []
    folder = Path(settings.briefs_dir)
    if not folder.is_dir():
        return []
    reports = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in BRIEF_SUFFIXES:
            reports.append(engine.ingest(load_brief(path, max_bytes=settings.max_file_bytes)))
    return reports
