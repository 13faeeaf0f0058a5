"""``citebot eval FILE.jsonl [--docs DIR] [--brief ID] [--json] [--top-k N]``: hit@1/3, footnote exactness,
verification, abstention (with a coverage/precision table), claim checks and latency, per document and pooled.

With ``--docs DIR`` the documents the items name (``doc``) are ingested into a throwaway library in a temporary
folder, deleted afterwards: the configured library (``CITEBOT_DATA_DIR``, ``CITEBOT_CHROMA_URL``) is neither
read nor written, so an eval never adds to a user's own briefs and never scores against them.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from bot import eval_docs
from bot.engine import Engine
from bot.eval_docs import documents, parse_documents  # noqa: F401 - bench/baseline_realdev.py imports them here
from bot.evaluate import assign_briefs, doc_brief_id, load_items, run_eval
from bot.factory import build_engine, ingest_bundled
from corpus.errors import InputError
from corpus.models import Brief
from corpus.settings import get_settings


def _fmt(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


# ----------------------------------------------------------------------------------------------- documents
def ingest_documents(engine: Engine, briefs: dict[str, tuple[Brief, float]]) -> dict[str, str]:
    """``bot.eval_docs.ingest_documents`` with its progress lines on stderr (bench/baseline_realdev.py imports it
    from here)."""
    return eval_docs.ingest_documents(engine, briefs, report=lambda line: click.echo(line, err=True))


def _check_briefs(engine: Engine, items: Sequence[dict[str, Any]]) -> None:
    known = {b.id for b in engine.briefs()}
    for item in items:
        if item["brief"] is not None and item["brief"] not in known:
            raise InputError(
                f"line {item['line']} asks brief {item['brief']!r}, which is not in the library "
                "(ingest it, or give --docs DIR)"
            )


# ------------------------------------------------------------------------------------------------- output
_DOC_COLUMNS = ("hit@1", "hit@3", "footnote_exactness", "abstention_accuracy", "false_abstentions", "check_accuracy")


def _doc_table(summary: dict[str, Any]) -> list[str]:
    rows = [(name, s) for name, s in summary["per_document"].items()] + [("pooled", summary)]
    width = max(len(name) for name, _ in rows)
    head = f"{'doc'.ljust(width)}  hit@1  hit@3  fn exact  abstention  false abst  check acc    n"
    lines = [head, "-" * len(head)]
    for name, s in rows:
        cells = [_fmt(s.get(key)) for key in _DOC_COLUMNS]
        lines.append(
            f"{name.ljust(width)}  {cells[0]:>5}  {cells[1]:>5}  {cells[2]:>8}  {cells[3]:>10}  {cells[4]:>10}  "
            f"{cells[5]:>9}  {s['items']:>3}"
        )
    return lines


def _coverage_table(rows: Sequence[dict[str, Any]]) -> list[str]:
    lines = [
        "abstention: coverage against precision (ask + abstain items; an answered ask item is right when hit@3,",
        "an answered abstain item is wrong; thresholds over Answer.confidence, 0 being the engine's own rule)",
        "threshold        answered  coverage  precision  abstain answered  ask declined",
    ]
    for row in rows:
        label = "engine (as run)" if row["threshold"] is None else f"{row['threshold']:+.2f}"
        lines.append(
            f"{label:<15}  {row['answered']:>4}/{row['items']:<3}  {_fmt(row['coverage']):>8}  "
            f"{_fmt(row['precision']):>9}  {row['abstain_items_answered']:>16}  {row['ask_items_declined']:>12}"
        )
    return lines


def _detail(summary: dict[str, Any]) -> list[str]:
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
        rows.append(("check skipped", f"{summary['check_skipped']} (no claim check given)"))
    if "check_accuracy" in summary:
        rows.append(("check accuracy", summary["check_accuracy"]))
        for cls, pr in summary["check_per_class"].items():
            rows.append((f"  {cls} P/R", f"{_fmt(pr['precision'])} / {_fmt(pr['recall'])}"))
    width = max(len(name) for name, _ in rows)
    return [f"{name.ljust(width)}  {_fmt(value)}" for name, value in rows]


def _print(summary: dict[str, Any]) -> None:
    lines = [*_doc_table(summary), "", "pooled:", *_detail(summary), "", *_coverage_table(summary["coverage"])]
    lines.append(
        "separation (chance that an answerable item found in the top 3 outranks an abstain item): "
        + _fmt(summary["confidence_separation"])
    )
    for line in lines:
        click.echo(line)
    for failure in summary["failures"]:
        click.echo(f"  miss {failure.get('id') or ''}: {failure}")


# ------------------------------------------------------------------------------------------------ command
def _evaluate(
    engine: Engine, items: list[dict[str, Any]], brief_id: str | None, top_k: int, as_json: bool
) -> dict[str, Any]:
    _check_briefs(engine, items)
    warm = next((item["brief"] for item in items if item["brief"]), brief_id)
    engine.ask("warm-up question about the document", brief_id=warm)  # the first call pays one-off costs
    summary = run_eval(engine, items, top_k=top_k, brief_id=brief_id).full_summary()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print(summary)
    return summary


@click.command("eval")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Ingest the documents the items name (doc), found under this folder, into a fresh temporary library.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--brief",
    "brief_id",
    default=None,
    help="Ask this brief (by id): items naming no document are scoped to it, items naming another are skipped.",
)
@click.option("--top-k", type=click.IntRange(1, 10), default=3, show_default=True)
def eval_(file: str, docs_dir: Path | None, as_json: bool, brief_id: str | None, top_k: int) -> None:
    """Run an eval file in the format of DESIGN.md and print the figures, per document and pooled."""
    items = load_items(file)
    settings = get_settings()
    if docs_dir is None:
        items = _only(assign_briefs(items), brief_id)
        engine = build_engine(settings)
        ingest_bundled(engine, settings)
        _evaluate(engine, items, brief_id, top_k, as_json)
        return
    # Filter before ingesting, so `--brief` ingests only its own document (ingest ids are predictable).
    items = _only(assign_briefs(items, {i["doc"]: doc_brief_id(i["doc"]) for i in items if i.get("doc")}), brief_id)
    docs = documents(items, docs_dir)
    with tempfile.TemporaryDirectory(prefix="citebot-eval-", ignore_cleanup_errors=True) as tmp:
        fresh = settings.model_copy(update={"data_dir": Path(tmp), "chroma_url": None})
        # each document is ingested while the next is parsed (a bad one still stops the run, before any answer)
        engine, ids = eval_docs.parse_and_ingest(
            docs, settings, lambda: build_engine(fresh), report=lambda line: click.echo(line, err=True)
        )
        items = assign_briefs(items, ids)
        _evaluate(engine, items, brief_id, top_k, as_json)


def _only(items: list[dict[str, Any]], brief_id: str | None) -> list[dict[str, Any]]:
    """With ``--brief``, the items about that brief (or about no brief in particular)."""
    if brief_id is None:
        return items
    kept = [i for i in items if i["brief"] in (None, brief_id)]
    if not kept:
        raise InputError(f"no item of the file is about brief {brief_id!r}")
    return kept


COMMANDS = [eval_]
