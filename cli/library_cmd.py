"""``citebot ingest PATH...``, ``citebot briefs`` and ``citebot remove ID``: the library from the command line.

The commands call what ``POST /briefs``, ``GET /briefs`` and ``DELETE /briefs/{id}`` call: ``corpus.loader`` to
parse, ``Engine.ingest`` / ``Engine.remove`` to change the index. A file that fails is reported on its own line and
the others are still ingested; the command then exits 2 with a one-line summary.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from api.schemas_brief import BriefSummaryOut
from api.schemas_library import IngestOut
from bot.engine import Engine
from bot.factory import BRIEF_SUFFIXES, build_engine
from bot.ingest import ingest_bytes, parse_ahead
from corpus.errors import InputError
from corpus.loader import read_brief_file, slugify
from corpus.models import Brief
from corpus.settings import Settings, get_settings
from index.library import BriefRepository
from index.store import Progress

PROGRESS_MIN_FILES = 3  # fewer files finish before a bar would be worth drawing
VECTOR_PROGRESS_MIN = 300  # smaller briefs embed in about a second


def brief_files(paths: Iterable[str]) -> Iterator[Path]:
    """Files named directly (any extension: the format is read from the content), and every brief-like file
    under the folders named (by extension, skipping hidden files), in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if found.is_file() and not hidden and found.suffix.lower() in BRIEF_SUFFIXES:
                    yield found
        else:
            yield path


@dataclass(frozen=True)
class _Outcome:
    path: Path
    brief: Brief | None = None
    payload: dict[str, Any] | None = None
    error: str | None = None


def _readable(outcome: _Outcome) -> str:
    if outcome.error is not None:
        return f"failed     {outcome.path}: {outcome.error}"
    assert outcome.brief is not None and outcome.payload is not None
    b = outcome.brief
    counts = outcome.payload["brief"]["counts"]
    lines = [
        f"{outcome.payload['status']:<10} {b.id}  ({b.format}, {counts['passages']} passages, "
        f"{counts['footnotes']} footnotes)  {b.title or '(untitled)'}"
    ]
    lines.extend(f"           warning [{w.code}] {w.message}" for w in b.warnings)
    return "\n".join(lines)


class _VectorBar:
    """A progress bar over one brief's vectors, drawn only once it turns out to be big enough to wait for."""

    def __init__(self, name: str, *, enabled: bool, position: int) -> None:
        self._name = name[:40]
        self._enabled = enabled
        self._position = position
        self._bar: tqdm[None] | None = None

    def update(self, done: int, total: int) -> None:
        if not self._enabled or total < VECTOR_PROGRESS_MIN:
            return
        if self._bar is None:
            self._bar = tqdm(
                total=total,
                unit="vector",
                desc=f"embedding {self._name}",
                file=sys.stderr,
                leave=False,
                position=self._position,
            )
        self._bar.update(done - self._bar.n)

    def __enter__(self) -> _VectorBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


@dataclass(frozen=True)
class _Read:
    """A file read and parsed ahead of its turn: its bytes and brief (None: the library holds it unchanged), or
    why it cannot be read."""

    data: bytes | None = None
    brief: Brief | None = None
    error: InputError | None = None


def _read(engine: Engine, settings: Settings, path: Path, wanted: str) -> _Read:
    try:
        data = read_brief_file(path, max_bytes=settings.max_file_bytes)
        return _Read(data, parse_ahead(engine, data, str(path), wanted))
    except InputError as exc:
        return _Read(error=exc)


def _ingest_one(
    engine: Engine,
    path: Path,
    wanted: str,
    read: _Read,
    taken: dict[str, Path],
    progress: Progress | None = None,
) -> _Outcome:
    try:
        if wanted in taken:
            raise InputError(f"its id {wanted!r} is already used by {taken[wanted]} in this run; rename one of them")
        if read.error is not None:
            raise read.error
        assert read.data is not None
        brief, report = ingest_bytes(engine, read.data, str(path), wanted, progress, parsed=read.brief)
    except InputError as exc:
        return _Outcome(path, error=str(exc))
    taken[wanted] = path
    return _Outcome(path, brief, IngestOut.of(brief, report, path.name).model_dump(mode="json"))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--id", "brief_id", default=None, help="File a single brief under this id (default: from its name).")
@click.option("--json", "as_json", is_flag=True, help="Print one POST /briefs response per file as a JSON list.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help=f"Draw a progress bar (default: on a terminal, from {PROGRESS_MIN_FILES} files).",
)
def ingest(paths: tuple[str, ...], brief_id: str | None, as_json: bool, progress: bool | None) -> None:
    """Add briefs (files or folders of .txt, .md, .html, .pdf, .docx) to the library.

    Re-ingesting an unchanged file does nothing; a changed file replaces the old version of that brief.
    """
    files = list(brief_files(paths))
    if not files:
        raise InputError("no brief files found in " + ", ".join(paths))
    if brief_id is not None and len(files) != 1:
        raise InputError("--id names one brief; give exactly one file with it")
    if brief_id is not None and slugify(brief_id) != brief_id:
        raise InputError("--id must be lower-case letters, digits and hyphens")
    settings = get_settings()
    engine = build_engine(settings)
    show = progress if progress is not None else (sys.stderr.isatty() and len(files) >= PROGRESS_MIN_FILES)
    outcomes: list[_Outcome] = []
    taken: dict[str, Path] = {}
    # A second bar follows the embedding of one big brief (a 20-page PDF is ~1,400 vectors, several seconds).
    show_vectors = progress if progress is not None else sys.stderr.isatty()
    wanted = [brief_id or slugify(path.stem) for path in files]
    # Each file is read and parsed in a helper thread while the one before it embeds: parsing holds the GIL (pdfminer
    # is pure Python), the model (ONNX Runtime) releases it. The files are still ingested one by one, in order.
    with (
        tqdm(total=len(files), unit="file", disable=not show, file=sys.stderr, leave=False) as bar,
        ThreadPoolExecutor(1, thread_name_prefix="citebot-parse-ahead") as ahead,
    ):
        upcoming = ahead.submit(_read, engine, settings, files[0], wanted[0])
        for n, path in enumerate(files):
            read = upcoming.result()
            if n + 1 < len(files):
                upcoming = ahead.submit(_read, engine, settings, files[n + 1], wanted[n + 1])
            bar.set_description(path.name[:40])
            with _VectorBar(path.name, enabled=show_vectors, position=1 if show else 0) as vectors:
                outcome = _ingest_one(engine, path, wanted[n], read, taken, vectors.update)
            outcomes.append(outcome)
            if not as_json:
                bar.write(_readable(outcome), file=sys.stdout)
            bar.update(1)
    if as_json:
        click.echo(
            json.dumps(
                [o.payload if o.error is None else {"filename": o.path.name, "error": o.error} for o in outcomes],
                ensure_ascii=False,
                indent=2,
            )
        )
    failed = [o for o in outcomes if o.error is not None]
    if failed:
        raise InputError(f"{len(failed)} of {len(outcomes)} files could not be ingested")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the GET /briefs response shape.")
def briefs(as_json: bool) -> None:
    """List the briefs in the library."""
    library = sorted(BriefRepository(get_settings()).all(), key=lambda b: b.id)
    if as_json:
        click.echo(
            json.dumps([BriefSummaryOut.of(b).model_dump(mode="json") for b in library], ensure_ascii=False, indent=2)
        )
        return
    if not library:
        click.echo("The library is empty. Add briefs with: citebot ingest PATH...")
        return
    width = max(len(b.id) for b in library)
    for b in library:
        warn = f", {len(b.warnings)} warnings" if b.warnings else ""
        click.echo(
            f"{b.id:<{width}}  {b.format:<8} {b.date or '-':<10}  {len(b.footnotes):>3} footnotes{warn}  "
            f"{b.title or '(untitled)'}"
        )


@click.command()
@click.argument("brief_id")
def remove(brief_id: str) -> None:
    """Remove a brief (by id, as `citebot briefs` lists it) from the library and the index."""
    settings = get_settings()
    BriefRepository(settings).get(brief_id)  # an unknown id fails here, before the model is loaded
    build_engine(settings).remove(brief_id)
    click.echo(f"removed {brief_id}")


COMMANDS = [ingest, briefs, remove]
