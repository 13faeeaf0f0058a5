"""``citebot check "CLAIM" [--json] [--brief ID]``: fact-check a claim against the indexed briefs."""

from __future__ import annotations

import json

import click

from api.schemas_check import CheckResponse
from bot.audit.sources import check_with_sources
from bot.claims.check import CheckResult
from bot.factory import build_engine, ingest_bundled
from bot.inputs import claim_text
from bot.qa.render import marker
from corpus.settings import get_settings


def check_readable(result: CheckResult) -> str:
    """The verdict, the deciding difference, then the quotes (and what the cited sources say)."""
    lines = [f"{result.verdict.upper().replace('_', ' ')} (confidence {result.confidence:.2f})", result.explanation]
    if result.citations:
        lines += ["", "Evidence:"]
        lines += [f"  {i}. “{' '.join(c.quote.split())}” {marker(c)}" for i, c in enumerate(result.citations, 1)]
    if result.sources:
        lines += ["", "Cited sources:"]
        for s in result.sources:
            said = f": “{' '.join(s.quote.split())}”" if s.quote else ""
            lines.append(f"  [{s.footnote}] {s.verdict.replace('_', ' ')}{f' ({s.file})' if s.file else ''}{said}")
    return "\n".join(lines)


@click.command()
@click.argument("claim")
@click.option("--json", "as_json", is_flag=True, help="Print the POST /check response shape.")
@click.option("--brief", "brief_id", default=None, help="Only check against this brief (by id).")
def check(claim: str, as_json: bool, brief_id: str | None) -> None:
    """Say whether the briefs support, contradict or do not mention CLAIM, with the quotes that decide it."""
    claim = claim_text(claim)  # before the model loads: a content-free claim is a one-line error at once
    settings = get_settings()
    engine = build_engine(settings)
    ingest_bundled(engine, settings)
    result = check_with_sources(engine, claim, brief_id)
    if as_json:
        click.echo(json.dumps(CheckResponse.of(result).model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        click.echo(check_readable(result))


COMMANDS = [check]
