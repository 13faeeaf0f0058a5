"""The documents of an eval run (``citebot eval --docs DIR``, and the benchmarks that score the same way): find the
files the items name, parse them all before any model loads, then ingest them into the engine given.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.engine import Engine
from bot.factory import BRIEF_SUFFIXES
from corpus.errors import InputError
from corpus.loader import load_brief, slugify
from corpus.models import Brief
from corpus.settings import Settings


def _find(folder: Path, doc: str) -> Path | None:
    """The file an item names: a path relative to the folder, else a file of that name anywhere under it."""
    direct = folder / doc
    if direct.is_file():
        return direct
    name = Path(doc).name  # compared as a plain name: "[draft]" in a file name is not a glob pattern
    found = [p for p in folder.rglob("*") if p.name == name and p.is_file()]
    if len(found) > 1:
        raise InputError(f"{doc!r} matches {len(found)} files under {folder}; name it by its path inside the folder")
    return found[0] if found else None


def documents(items: Sequence[dict[str, Any]], folder: Path) -> dict[str, Path]:
    """Document name -> file: the documents the items name, or every brief-like file under the folder when no
    item names one. A document that is missing is an InputError naming the first item that wants it."""
    if not folder.is_dir():
        raise InputError(f"--docs {folder}: no such folder")
    named = {item["doc"]: item["line"] for item in items if item.get("doc")}
    if not named:
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in BRIEF_SUFFIXES)
        if not files:
            raise InputError(f"--docs {folder}: no documents (txt, md, html, pdf, docx) in it")
        return {str(p.relative_to(folder)): p for p in files}
    out = {}
    for doc, line in named.items():
        path = _find(folder, doc)
        if path is None:
            raise InputError(f"line {line} names doc {doc!r}, which is not under {folder}")
        out[doc] = path
    return out


def ingest_documents(
    engine: Engine, briefs: dict[str, tuple[Brief, float]], report: Callable[[str], None] | None = None
) -> dict[str, str]:
    """Ingest each parsed document, telling ``report`` one progress line each; returns document name -> brief id."""
    ids: dict[str, str] = {}
    for n, (name, (brief, parse_s)) in enumerate(briefs.items(), 1):
        started = time.perf_counter()
        engine.ingest(brief)
        if report is not None:
            report(
                f"ingested {n}/{len(briefs)} {brief.id} ({brief.format}, {len(brief.passages)} passages, "
                f"{len(brief.footnotes)} footnotes, {len(brief.warnings)} warnings) in "
                f"{parse_s + time.perf_counter() - started:.1f} s"
            )
        ids[name] = brief.id
    return ids


def parse_documents(docs: dict[str, Path], settings: Settings) -> dict[str, tuple[Brief, float]]:
    """Parse every document first, so a bad one stops the run before the model is loaded. Each is given the id
    ``citebot ingest`` would give it; returns document name -> (brief, seconds spent parsing)."""
    out: dict[str, tuple[Brief, float]] = {}
    owner: dict[str, Path] = {}
    for name, path in docs.items():
        brief_id = slugify(path.stem)
        if brief_id in owner and owner[brief_id] != path:
            raise InputError(f"{path} and {owner[brief_id]} would both be brief {brief_id!r}; rename one")
        owner[brief_id] = path
        started = time.perf_counter()
        try:
            brief = load_brief(path, max_bytes=settings.max_file_bytes, brief_id=brief_id)
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from exc
        out[name] = (brief, time.perf_counter() - started)
    return out
