"""``citebot eval FILE.jsonl [--json]``: hit@1/3, footnote exactness, verification, abstention, latency."""

from __future__ import annotations

import json

import click

from bot.evaluate import load_items, run_eval
from bot.factory import build_engine, ingest_bundled
from corpus.settings import get_settings


def _fmt(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


@click.command("eval")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--brief", "brief_id", default=None, help="Only ask this brief (by id).")
@click.option("--top-k", type=click.IntRange(1, 10), default=3, show_default=True)
def eval_(file: str, as_json: bool, brief_id: str | None, top_k: int) -> None:
    """Run an eval file in the format of DESIGN.md and print the figures."""
    items = load_items(file)
    settings = get_settings()
    engine = build_engine(settings)
    ingest_bundled(engine, settings)
    engine.ask("warm-up question about the brief", brief_id=brief_id)  # first call pays one-off costs
    summary = run_eval(engine, items, top_k=top_k, brief_id=brief_id).summary()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    rows = [
        ("ask items", summary["ask_items"]),
        ("hit@1", summary["hit@1"]),
        ("hit@3", summary["hit@3"]),
        ("footnote exactness", summary["footnote_exactness"]),
        ("verified rate", summary["verified_rate"]),
        ("abstain items", summary["abstain_items"]),
        ("abstention accuracy", summary["abstention_accuracy"]),
        ("false abstentions", summary["false_abstentions"]),
        ("latency p50 (ms)", summary["latency_ms_p50"]),
        ("latency p95 (ms)", summary["latency_ms_p95"]),
        ("check items", summary["check_items"]),
    ]
    if summary["check_skipped"]:
        rows.append(("check skipped", f"{summary['check_skipped']} (bot.check.check_claim not available)"))
    if "check_accuracy" in summary:
        rows.append(("check accuracy", summary["check_accuracy"]))
        for cls, pr in summary["check_per_class"].items():
            rows.append((f"  {cls} P/R", f"{_fmt(pr['precision'])} / {_fmt(pr['recall'])}"))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        click.echo(f"{name.ljust(width)}  {_fmt(value)}")
    for failure in summary["failures"]:
        click.echo(f"  miss {failure.get('id') or ''}: {failure}")


COMMANDS = [eval_]
