"""``citebot audit [BRIEF] [--json]`` and ``citebot verify-citations [BRIEF] [--json] [--sources DIR]``.

BRIEF is a brief file (parsed on the spot) or the id of a brief in the library; without it, every brief in the
bundled briefs folder. The audit needs only the embedder; verify-citations also indexes the source files.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from api.schemas_check import AuditResponse, VerifyCitationsResponse
from bot.audit.fetch_sources import audit_with_sources
from bot.audit.sources import verify_citations
from bot.factory import BRIEF_SUFFIXES
from corpus.audit import Finding
from corpus.errors import BriefNotFound, InputError
from corpus.loader import load_brief
from corpus.models import Brief
from corpus.settings import Settings, get_settings
from index.embeddings import load_embedder
from index.library import BriefRepository
from index.sources import SourceIndex


def _briefs(target: str | None, settings: Settings) -> list[tuple[Brief, Path | None]]:
    """The briefs to work on, each with the file it came from (None for a library brief)."""
    if target is None:
        folder = Path(settings.briefs_dir)
        paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in BRIEF_SUFFIXES)
        if not paths:
            raise InputError(f"no briefs in {folder}; name a brief file or a library brief id")
        return [(load_brief(p, max_bytes=settings.max_file_bytes), p) for p in paths]
    path = Path(target)
    if path.is_file():
        return [(load_brief(path, max_bytes=settings.max_file_bytes), path)]
    if path.is_dir():
        raise InputError(f"{target} is a folder; name one brief file or a library brief id")
    try:
        return [(BriefRepository(settings).get(target), None)]
    except BriefNotFound:
        raise InputError(f"{target!r} is neither a brief file nor the id of a brief in the library") from None


def _finding_line(f: Finding) -> str:
    label = "SUGGESTED" if f.suggested else f.severity.upper()
    where = f" [{f.footnote}]" if f.footnote is not None else ""
    return f"  {label:<9} {f.code}{where}: {f.message}"


def audit_readable(brief: Brief, findings: Sequence[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    head = f"{brief.id}: {len(findings)} findings ({counts['error']} errors, {counts['warning']} warnings, "
    head += f"{counts['info']} info; {sum(f.suggested for f in findings)} suggested)"
    return "\n".join([head, *(_finding_line(f) for f in findings)])


@click.command()
@click.argument("brief", required=False)
@click.option("--json", "as_json", is_flag=True, help='Print {"brief_id", "findings": […]} per brief.')
def audit(brief: str | None, as_json: bool) -> None:
    """Audit a brief's own citations: orphan/undefined footnotes, metadata that disagrees with itself,
    uncited factual sentences, and suggested mis-citations and sources."""
    settings = get_settings()
    targets = _briefs(brief, settings)
    embedder = load_embedder(settings)
    reports: list[dict[str, Any]] = []
    texts = []
    for b, _ in targets:
        findings = audit_with_sources(b, embedder, settings)
        reports.append(AuditResponse.of(b, findings).model_dump(mode="json"))
        texts.append(audit_readable(b, findings))
    if as_json:
        click.echo(json.dumps(reports[0] if len(reports) == 1 else reports, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(texts))


@click.command("verify-citations")
@click.argument("brief", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the GET /briefs/{id}/verify-citations shape.")
@click.option(
    "--sources",
    "sources_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="A folder holding <brief-id>/ source folders (default: <data dir>/sources, then sources/ beside the briefs).",
)
def verify_citations_cmd(brief: str | None, as_json: bool, sources_dir: Path | None) -> None:
    """Check every cited sentence against its footnote's source file: supported, contradicted, source silent,
    or source not provided."""
    settings = get_settings()
    if sources_dir is not None and not sources_dir.is_dir():
        raise InputError(f"no such sources folder: {sources_dir}")
    targets = _briefs(brief, settings)
    settings.ensure_dirs()
    embedder = load_embedder(settings)
    reports = []
    for b, path in targets:
        roots = [r for r in (sources_dir, path.parent.parent / "sources" if path else None) if r is not None]
        index = SourceIndex(settings, embedder, roots=roots)
        reports.append(VerifyCitationsResponse.of(b, index, verify_citations(b, index)).model_dump(mode="json"))
    if as_json:
        click.echo(json.dumps(reports[0] if len(reports) == 1 else reports, ensure_ascii=False, indent=2))
        return
    for report in reports:
        c = report["counts"]
        click.echo(
            f"{report['brief_id']}: {len(report['results'])} cited sentence/footnote pairs; "
            f"{c['supported']} supported, {c['contradicted']} contradicted, {c['source_silent']} source silent, "
            f"{c['source_not_provided']} source not provided"
        )
        for r in report["results"]:
            if r["verdict"] == "source_not_provided":
                continue
            quote = f"\n      source: “{' '.join(r['quote']['quote'].split())}”" if r["quote"] else ""
            click.echo(f"  [{r['footnote']}] {r['verdict'].upper()}: “{r['sentence']}”{quote}")


COMMANDS = [audit, verify_citations_cmd]
