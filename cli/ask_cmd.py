"""``citebot ask "…" [--json] [--brief ID] [--top-k N] [--sources]``."""

from __future__ import annotations

import json

import click

from api.schemas import ChatResponse
from bot.audit.source_answer import source_citations, sources_text
from bot.factory import build_engine, ingest_bundled
from bot.inputs import clean_input
from bot.qa.render import answer_readable
from corpus.settings import get_settings


@click.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the POST /chat response shape (session_id null).")
@click.option("--brief", "brief_id", default=None, help="Only quote this brief (by id).")
@click.option("--top-k", type=click.IntRange(1, 10), default=None, help="How many quotes to return (1-10).")
@click.option("--sources", "with_sources", is_flag=True, help="Also quote the cited sources behind the quotes.")
def ask(question: str, as_json: bool, brief_id: str | None, top_k: int | None, with_sources: bool) -> None:
    """Answer a question with verified quotes from the indexed briefs."""
    settings = get_settings()
    engine = build_engine(settings)
    ingest_bundled(engine, settings)
    answer = engine.ask(clean_input(question), brief_id=brief_id, top_k=top_k or settings.top_k)
    cites = source_citations(engine, answer, top_k or settings.top_k) if with_sources else []
    if as_json:
        body = ChatResponse.of(answer, sources=cites if with_sources else None)
        click.echo(json.dumps(body.model_dump(mode="json", exclude_unset=True), ensure_ascii=False, indent=2))
    else:
        click.echo(answer_readable(answer) + (f"\n\n{sources_text(cites)}" if cites else ""))


COMMANDS = [ask]
