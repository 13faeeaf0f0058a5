"""Fetching a brief's footnoted sources as one piece of work, shared by ``citebot sources fetch`` and the API's
background job, the per-footnote status listing of ``GET /briefs/{id}/sources``, and what the citation audit
learns from the fetch records (dead links, sources that could not be fetched).

After a fetch the new sources are split and embedded into the sources collection (``SourceIndex.passages``),
so answers, ``verify-citations`` and the audit use them with no further step.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from bot.audit.brief_citations import audit_brief
from bot.jobs import Job
from corpus.audit import SEVERITY_ORDER, Finding
from corpus.errors import NotFound
from corpus.models import Brief
from corpus.settings import Settings
from index.fetch_run import FetchOutcome, fetch_briefs
from index.fetch_store import FetchStore
from index.sources import SourceIndex, find_sources, source_passages, source_roots
from index.types import Embeddings

STATUSES = ("fetched", "archived", "failed", "skipped")


def fetch_sources(
    briefs: Sequence[Brief],
    settings: Settings,
    *,
    refresh: bool = False,
    archive: bool = True,
    on_outcome: Callable[[FetchOutcome], None] = lambda _: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[FetchOutcome]:
    """Fetch every footnote URL of the briefs (blocking; runs its own event loop)."""
    return asyncio.run(
        fetch_briefs(briefs, settings, refresh=refresh, archive=archive, on_outcome=on_outcome, cancelled=cancelled)
    )


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    """What one fetch did for one footnote: the job's result row and ``sources fetch --json``'s."""

    brief_id: str
    footnote: int
    url: str | None
    status: str
    reason: str | None
    final_url: str | None
    archived: str | None
    archive_date: str | None
    fetched_at: str | None

    @classmethod
    def of(cls, o: FetchOutcome) -> OutcomeRow:
        rec = o.record
        return cls(
            brief_id=o.brief_id,
            footnote=o.footnote,
            url=o.url,
            status=o.status,
            reason=o.reason,
            final_url=rec.final_url if rec else None,
            archived=rec.archive_url if rec else None,
            archive_date=rec.archive_date if rec else None,
            fetched_at=rec.fetched_at if rec else None,
        )


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """Where one footnote's source comes from and what state it is in (``GET /briefs/{id}/sources``)."""

    footnote: int
    url: str | None
    status: str  # local, fetched, archived, failed or not_fetched
    reason: str | None
    final_url: str | None
    archived: str | None
    archive_date: str | None
    fetched_at: str | None
    title: str | None
    passages: int


@dataclass(frozen=True, slots=True)
class SourcePassage:
    """A sentence of the footnote's source (not the brief): ``source_text[start:end] == quote``."""

    quote: str
    start: int
    end: int
    score: float
    verified: bool


@dataclass(frozen=True, slots=True)
class FootnoteSource:
    """One footnote's status plus how answers name its source and the source sentence matching the citing one."""

    status: SourceStatus
    label: str | None
    passage: SourcePassage | None


def fetch_result(outcomes: Sequence[FetchOutcome]) -> dict[str, Any]:
    """The counts and one row per footnote, as plain data (a job's stored result, the CLI's ``--json``)."""
    return {"counts": counts(outcomes), "outcomes": [asdict(OutcomeRow.of(o)) for o in outcomes]}


def counts(outcomes: Sequence[FetchOutcome]) -> dict[str, int]:
    return {s: sum(1 for o in outcomes if o.status == s) for s in STATUSES}


def fetch_job(
    briefs: Sequence[Brief], settings: Settings, index: SourceIndex | None, *, refresh: bool, archive: bool
) -> Callable[[Job], dict[str, Any]]:
    """The work of a ``sources-fetch`` job: fetch, report each footnote, then index what was fetched."""

    def work(job: Job) -> dict[str, Any]:
        job.progress(done=0, total=sum(len(b.footnotes) for b in briefs))
        outcomes = fetch_sources(
            briefs,
            settings,
            refresh=refresh,
            archive=archive,
            on_outcome=lambda o: job.step(f"{o.brief_id} {o.line()}"),
            cancelled=lambda: job.cancelled,
        )
        if index is not None and not job.cancelled:
            for brief in briefs:
                n = sum(len(p) for p in index.passages(brief).values())
                job.progress(message=f"{brief.id}: {n} source passages indexed")
        return fetch_result(outcomes)

    return work


def source_statuses(brief: Brief, settings: Settings, index: SourceIndex | None = None) -> list[SourceStatus]:
    """Per footnote, where its source comes from and what state it is in."""
    store = FetchStore.for_settings(settings)
    records = store.records(brief.id)
    local = find_sources(brief, [*(index.roots if index else ()), *source_roots(settings)])
    docs = index.documents(brief) if index is not None else {}
    rows = []
    for fn in sorted(brief.footnotes, key=lambda f: f.number):
        rec = records.get(fn.number)
        if rec is not None and rec.url != fn.url:
            rec = None  # recorded for a URL the footnote no longer gives
        doc = docs.get(fn.number)
        reason: str | None
        if fn.number in local:
            status, reason = "local", f"local file {local[fn.number].name}"
        elif rec is not None:
            status, reason = rec.status, rec.reason
        else:
            status, reason = "not_fetched", None if fn.url else "the footnote gives no URL"
        rows.append(
            SourceStatus(
                footnote=fn.number,
                url=fn.url,
                status=status,
                reason=reason,
                final_url=rec.final_url if rec else None,
                archived=rec.archive_url if rec else None,
                archive_date=rec.archive_date if rec else None,
                fetched_at=rec.fetched_at if rec else None,
                title=rec.title if rec else None,
                passages=len(source_passages(doc)) if doc is not None else 0,
            )
        )
    return rows


def footnote_source(
    brief: Brief, footnote: int, sentence: str | None, settings: Settings, index: SourceIndex
) -> FootnoteSource:
    """One footnote's status plus, when its source is at hand, the source sentence that best matches
    ``sentence`` (the citing sentence), verified against the stored source text."""
    status = next((r for r in source_statuses(brief, settings, index) if r.footnote == footnote), None)
    if status is None:
        raise NotFound(f"{brief.id} has no footnote {footnote}")
    passage = None
    doc = index.documents(brief).get(footnote)
    if doc is not None and sentence and sentence.strip():
        candidates = index.passages(brief).get(footnote, [])
        hits = index.search(brief, footnote, index.embedder.embed_query(sentence), candidates, k=1)
        for p, sim in hits:
            if doc.text[p.start : p.end] == p.text:
                passage = SourcePassage(quote=p.text, start=p.start, end=p.end, score=round(sim, 4), verified=True)
    return FootnoteSource(status=status, label=doc.label if doc is not None else None, passage=passage)


def fetch_findings(brief: Brief, settings: Settings) -> list[Finding]:
    """Audit findings from the fetch records: a footnote whose link is dead (an archived copy stands in for it)
    and one whose source could not be fetched at all, with the reason. Footnotes with a local file are left out:
    their source is at hand whatever became of the link."""
    records = FetchStore.for_settings(settings).records(brief.id)
    local = find_sources(brief, source_roots(settings))
    out = []
    for fn in sorted(brief.footnotes, key=lambda f: f.number):
        rec = records.get(fn.number)
        if rec is None or rec.url != fn.url or fn.number in local:
            continue
        details = {"url": rec.url, "kind": rec.kind, "http_status": rec.http_status, "fetched_at": rec.fetched_at}
        if rec.status == "archived":
            out.append(
                Finding(
                    "dead_link",
                    "info",
                    f"The link of footnote {fn.number} is dead; the archived snapshot of {rec.archive_date or '?'} "
                    f"({rec.archive_url}) is used as its source.",
                    footnote=fn.number,
                    details={**details, "archived": rec.archive_url, "archive_date": rec.archive_date},
                )
            )
        elif rec.status == "failed":
            out.append(
                Finding(
                    "source_unavailable",
                    "warning",
                    f"The source of footnote {fn.number} could not be fetched: {rec.reason or rec.kind}.",
                    footnote=fn.number,
                    details=details,
                )
            )
    return out


def audit_with_sources(brief: Brief, embedder: Embeddings, settings: Settings) -> list[Finding]:
    """``audit_brief`` plus the findings of the fetched sources, in the audit's order."""
    seq = {p.id: p.seq for p in brief.passages}
    findings = [*audit_brief(brief, embedder), *fetch_findings(brief, settings)]
    return sorted(
        findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.footnote or 0, seq.get(f.passage_id or "", -1))
    )
