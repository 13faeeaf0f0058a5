"""The documents of an eval run (``citebot eval --docs DIR``, and the benchmarks that score the same way): find the
files the items name, parse them, and ingest them into an engine.

``parse_documents`` then ``ingest_documents`` parse every document before any model loads. ``parse_and_ingest``
does the same work in the same order, pipelined: a second thread builds the engine and ingests each document as
soon as it is parsed, while the next one is parsed. Parsing holds the GIL (pdfminer is pure Python); embedding
runs in ONNX Runtime, which releases it, so the two overlap. A document that cannot be parsed still stops the run
(what was ingested before it lies in the engine's throwaway data dir).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
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
        ids[name] = _ingest_one(engine, brief, parse_s, f"{n}/{len(briefs)}", report)
    return ids


def _ingest_one(
    engine: Engine, brief: Brief, parse_s: float, position: str, report: Callable[[str], None] | None
) -> str:
    started = time.perf_counter()
    engine.ingest(brief)
    if report is not None:
        report(
            f"ingested {position} {brief.id} ({brief.format}, {len(brief.passages)} passages, "
            f"{len(brief.footnotes)} footnotes, {len(brief.warnings)} warnings) in "
            f"{parse_s + time.perf_counter() - started:.1f} s"
        )
    return brief.id


def parse_documents(docs: dict[str, Path], settings: Settings) -> dict[str, tuple[Brief, float]]:
    """Parse every document first, so a bad one stops the run before the model is loaded. Each is given the id
    ``citebot ingest`` would give it; returns document name -> (brief, seconds spent parsing)."""
    return dict(_parsed(docs, settings))


def _parsed(docs: dict[str, Path], settings: Settings) -> Iterator[tuple[str, tuple[Brief, float]]]:
    """(document name, (brief, seconds spent parsing)) of each document in turn, each under the id ``citebot
    ingest`` would give it; an InputError names the file that failed."""
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
        yield name, (brief, time.perf_counter() - started)


def parse_and_ingest(
    docs: dict[str, Path],
    settings: Settings,
    build: Callable[[], Engine],
    report: Callable[[str], None] | None = None,
) -> tuple[Engine, dict[str, str]]:
    """``parse_documents`` then ``ingest_documents`` into the engine ``build`` makes, the two overlapped: this
    thread parses the documents in order while a second one builds the engine and ingests each parsed document, in
    the same order, with the same report lines. Returns the engine and document name -> brief id. An error of
    either side (the first document that cannot be parsed, a failed ingest) is raised here once both stopped.

    The report lines are held until every document is parsed (then told in order, and later ones as they come),
    so a document that cannot be parsed is still the run's one line of output."""
    parsed: queue.Queue[tuple[str, Brief, float] | None] = queue.Queue()
    stop = threading.Event()
    made: list[Engine] = []
    failed: list[BaseException] = []
    ids: dict[str, str] = {}
    telling = threading.Lock()
    held: list[str] = []
    parsing = [True]

    def tell_now(line: str) -> None:
        if report is not None:
            report(line)

    def tell(line: str) -> None:
        with telling:
            if parsing[0]:
                held.append(line)
            else:
                tell_now(line)

    def ingest_as_parsed() -> None:
        try:
            made.append(build())
            while (item := parsed.get()) is not None and not stop.is_set():
                name, brief, parse_s = item
                ids[name] = _ingest_one(made[0], brief, parse_s, f"{len(ids) + 1}/{len(docs)}", tell)
        except BaseException as exc:  # raised in the caller's thread below
            failed.append(exc)
            stop.set()

    ingesting = threading.Thread(target=ingest_as_parsed, name="citebot-eval-ingest", daemon=True)
    ingesting.start()
    try:
        for name, (brief, parse_s) in _parsed(docs, settings):
            if stop.is_set():
                break  # the ingest failed: its error is raised below
            parsed.put((name, brief, parse_s))
        with telling:
            parsing[0] = False
            for line in held:
                tell_now(line)
    except BaseException:
        stop.set()
        raise
    finally:
        parsed.put(None)
        ingesting.join()
    if failed:
        raise failed[0]
    return made[0], ids
