"""Fetch every footnote URL of some briefs: live copy first, the Wayback Machine for dead links, one record each.

A footnote is skipped when a local source file is provided for it (local files take precedence), when it has no
URL, or when the store already holds what a run would get (see ``FetchStore.is_done``), unless ``refresh``.
Dead links (404/410, a host that does not resolve, a "not found" page served with 200) are looked up in the
archive's availability API for the snapshot closest to the footnote's date (else the brief's), and that snapshot
is fetched instead, with the same guard and limits.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from corpus.errors import FetchFailed
from corpus.models import Brief, Footnote
from corpus.settings import Settings
from index.fetch import DEAD_STATUSES, Fetcher, Response
from index.fetch_extract import extract
from index.fetch_store import FetchRecord, FetchStore
from index.sources import find_sources, source_roots

Clock = Callable[[], datetime]
log = logging.getLogger("citebot.fetch")


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """One footnote's line of a run. ``status``: fetched | archived | failed | skipped."""

    brief_id: str
    footnote: int
    url: str | None
    status: str
    reason: str
    record: FetchRecord | None = None

    def line(self) -> str:
        where = f" {self.url}" if self.url else ""
        return f"[{self.footnote}] {self.status}{where}: {self.reason}"


def _now() -> datetime:
    return datetime.now(UTC)


def wayback_timestamp(*dates: str | None) -> str | None:
    """YYYYMMDD from the first date given (ISO-like, as the parser writes them), month/day padded with 01."""
    for d in dates:
        digits = re.sub(r"\D", "", d or "")
        if len(digits) >= 4:
            return (digits[:8] + "0101")[:8] if len(digits) < 8 else digits[:8]
    return None


async def _archive_lookup(fetcher: Fetcher, url: str, timestamp: str | None) -> tuple[str, str] | None:
    """(snapshot URL, YYYY-MM-DD) of the closest snapshot, or None when the archive has none."""
    params = {"url": url, **({"timestamp": timestamp} if timestamp else {})}
    api = str(httpx.URL(f"{fetcher.settings.archive_url.rstrip('/')}/wayback/available", params=params))
    resp = await fetcher.get(api)
    if resp.status != 200:
        return None
    try:
        closest = json.loads(resp.body)["archived_snapshots"]["closest"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(closest, dict) or not closest.get("available", True) or not closest.get("url"):
        return None
    stamp = re.sub(r"\D", "", str(closest.get("timestamp", "")))
    date = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}" if len(stamp) >= 8 else ""
    return str(closest["url"]), date


_SNAPSHOT = re.compile(r"(/web/\d{4,14})(/)")


def raw_snapshot_url(snapshot: str) -> str:
    """The Wayback URL of a snapshot's original bytes (``/web/<timestamp>id_/<url>``), without the archive's own
    toolbar and rewritten links, which would otherwise be read as part of the source."""
    return _SNAPSHOT.sub(r"\1id_\2", snapshot, count=1)


def _record(brief: Brief, fn: Footnote, url: str, resp: Response, store: FetchStore, clock: Clock) -> FetchRecord:
    """Store the bytes and the extracted text of a good response; FetchFailed when it is not the source."""
    if resp.status in DEAD_STATUSES:
        raise FetchFailed("dead", f"HTTP {resp.status}", status=resp.status)
    if resp.status >= 400:
        raise FetchFailed("http", f"HTTP {resp.status}", status=resp.status)
    try:
        got = extract(resp.body, resp.content_type, resp.final_url)
    except FetchFailed as exc:
        exc.status = resp.status
        raise
    sha = store.put_blob(resp.body)
    text_sha = store.put_blob(got.text.encode("utf-8"))
    return FetchRecord(
        brief.id,
        fn.number,
        url,
        "fetched",
        final_url=resp.final_url,
        http_status=resp.status,
        content_type=resp.content_type or None,
        sha256=sha,
        text_sha256=text_sha,
        format=got.format,
        title=got.title or fn.title,
        fetched_at=clock().isoformat(timespec="seconds"),
    )


async def _fetch_one(
    fetcher: Fetcher, brief: Brief, fn: Footnote, url: str, store: FetchStore, *, archive: bool, clock: Clock
) -> FetchRecord:
    try:  # each get() keeps its own time budget (``fetch_timeout``) and takes its slots per request
        return _record(brief, fn, url, await fetcher.get(url), store, clock)
    except FetchFailed as exc:
        first = exc
    dead = first.kind in ("dead", "dns") or (first.kind == "wall" and first.reason.startswith("soft-404"))
    if archive and dead:
        try:
            found = await _archive_lookup(fetcher, url, wayback_timestamp(fn.date, brief.date))
            if found is not None:
                snapshot, date = found
                rec = _record(brief, fn, url, await fetcher.get(raw_snapshot_url(snapshot)), store, clock)
                return FetchRecord.from_json(
                    {**rec.to_json(), "status": "archived", "archive_url": snapshot, "archive_date": date}
                )
            first = FetchFailed(first.kind, f"{first.reason}; the archive has no snapshot", status=first.status)
        except FetchFailed as exc:
            first = FetchFailed(first.kind, f"{first.reason}; archive fallback failed: {exc}", status=first.status)
    return FetchRecord(
        brief.id,
        fn.number,
        url,
        "failed",
        http_status=first.status,
        fetched_at=clock().isoformat(timespec="seconds"),
        kind=first.kind,
        reason=first.reason,
    )


def _outcome(rec: FetchRecord) -> FetchOutcome:
    if rec.status == "archived":
        reason = f"live link dead, archived snapshot of {rec.archive_date} used ({rec.archive_url})"
    elif rec.ok:
        via = f", via {rec.final_url}" if rec.final_url != rec.url else ""
        reason = f"{rec.format}, HTTP {rec.http_status}{via}"
    else:
        reason = rec.reason or "failed"
    return FetchOutcome(rec.brief_id, rec.footnote, rec.url, rec.status, reason, rec)


def plan(brief: Brief, settings: Settings, store: FetchStore, *, refresh: bool) -> list[FetchOutcome | Footnote]:
    """Per footnote: a ready FetchOutcome (skipped) or the Footnote to fetch."""
    local = find_sources(brief, source_roots(settings))
    out: list[FetchOutcome | Footnote] = []
    for fn in sorted(brief.footnotes, key=lambda f: f.number):
        if fn.number in local:
            out.append(FetchOutcome(brief.id, fn.number, fn.url, "skipped", f"local file {local[fn.number].name}"))
        elif not fn.url:
            out.append(FetchOutcome(brief.id, fn.number, None, "skipped", "the footnote gives no URL"))
        elif not refresh and store.is_done(brief.id, fn.number, fn.url):
            rec = store.get(brief.id, fn.number)
            said = "already fetched" if rec and rec.ok else f"failed before ({rec.reason if rec else '?'})"
            out.append(FetchOutcome(brief.id, fn.number, fn.url, "skipped", f"{said}; --refresh fetches again"))
        else:
            out.append(fn)
    return out


async def fetch_briefs(
    briefs: Sequence[Brief],
    settings: Settings,
    *,
    refresh: bool = False,
    archive: bool = True,
    on_outcome: Callable[[FetchOutcome], None] = lambda _: None,
    cancelled: Callable[[], bool] = lambda: False,
    clock: Clock = _now,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[FetchOutcome]:
    """Fetch the footnote URLs of the briefs; each outcome is reported as soon as it is known, and each record
    is stored as soon as it is made (so a killed run keeps everything done so far)."""
    store = FetchStore.for_settings(settings)
    outcomes: list[FetchOutcome] = []

    def report(o: FetchOutcome) -> None:
        outcomes.append(o)
        on_outcome(o)

    async with Fetcher(settings, transport=transport) as fetcher:

        async def run(brief: Brief, fn: Footnote) -> None:
            if cancelled():
                report(FetchOutcome(brief.id, fn.number, fn.url, "skipped", "cancelled"))
                return
            assert fn.url is not None
            try:
                rec = await _fetch_one(fetcher, brief, fn, fn.url, store, archive=archive, clock=clock)
            except Exception as exc:  # one odd page (an extractor bug, a full disk) must not sink the whole run
                log.exception("fetching footnote %s of %s failed", fn.number, brief.id)
                rec = FetchRecord(brief.id, fn.number, fn.url, "failed", kind="error", reason=f"internal error: {exc}")
            store.put(rec)
            report(_outcome(rec))

        tasks = []
        for brief in briefs:
            for item in plan(brief, settings, store, refresh=refresh):
                if isinstance(item, FetchOutcome):
                    report(item)
                else:
                    tasks.append(run(brief, item))
        await asyncio.gather(*tasks)
    return outcomes


def count_footnotes(briefs: Sequence[Brief]) -> int:
    return sum(len(b.footnotes) for b in briefs)
