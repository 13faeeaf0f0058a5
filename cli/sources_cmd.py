"""``citebot sources fetch [BRIEF_ID...] [--refresh] [--no-archive] [--json]``: get what the footnotes cite.

BRIEF_ID is the id of a brief in the library or a brief file; without any, every brief in the library (or, when
the library is empty, every brief of the bundled briefs folder). One line per footnote as it finishes.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.audit.fetch_sources import counts, fetch_result, fetch_sources
from bot.factory import BRIEF_SUFFIXES
from corpus.errors import BriefNotFound, InputError
from corpus.loader import load_brief
from corpus.models import Brief
from corpus.settings import Settings, get_settings
from index.fetch_run import FetchOutcome
from index.library import BriefRepository


def _targets(ids: tuple[str, ...], settings: Settings) -> list[Brief]:
    repo = BriefRepository(settings)
    if not ids:
        briefs = repo.all()
        if briefs:
            return briefs
        folder = Path(settings.briefs_dir)
        paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in BRIEF_SUFFIXES)
        if not paths:
            raise InputError("the library is empty and there are no briefs to fetch sources for")
        return [load_brief(p, max_bytes=settings.max_file_bytes) for p in paths]
    out = []
    for target in ids:
        path = Path(target)
        if path.is_file():
            out.append(load_brief(path, max_bytes=settings.max_file_bytes))
            continue
        try:
            out.append(repo.get(target))
        except BriefNotFound:
            raise InputError(f"{target!r} is neither a brief file nor the id of a brief in the library") from None
    return out


@click.group()
def sources() -> None:
    """The documents the footnotes cite: fetch them, with archived copies of dead links. (Their state per
    footnote is listed by GET /briefs/{id}/sources.)"""


@sources.command("fetch")
@click.argument("brief_ids", nargs=-1)
@click.option("--refresh", is_flag=True, help="Fetch again what is already stored (and retry failures).")
@click.option("--no-archive", is_flag=True, help="Do not fall back to the Wayback Machine for dead links.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per footnote and the counts.")
def fetch(brief_ids: tuple[str, ...], refresh: bool, no_archive: bool, as_json: bool) -> None:
    """Fetch every footnote URL of the briefs, keep a copy, and report each: fetched, archived snapshot used,
    failed and why, or skipped and why. Resumable: a second run fetches only what is missing."""
    settings = get_settings()
    settings.ensure_dirs()
    briefs = _targets(brief_ids, settings)
    total = sum(len(b.footnotes) for b in briefs)
    done = 0

    def show(o: FetchOutcome) -> None:
        nonlocal done
        done += 1
        if not as_json:
            click.echo(f"[{done}/{total}] {o.brief_id} {o.line()}")

    outcomes = fetch_sources(briefs, settings, refresh=refresh, archive=not no_archive, on_outcome=show)
    c = counts(outcomes)
    if as_json:
        click.echo(json.dumps(fetch_result(outcomes), indent=2))
        return
    click.echo(
        f"{len(outcomes)} footnotes: {c['fetched']} fetched, {c['archived']} from the archive, "
        f"{c['failed']} failed, {c['skipped']} skipped"
    )


COMMANDS = [sources]
