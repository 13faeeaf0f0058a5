"""The tutorial LangChain RAG beside citebot on the real-document dev set, per document and pooled; writes its own
section of bench/RESULTS.md.

    PYTHONPATH=$PWD .venv/bin/python bench/baseline_realdev.py            # ../shared/eval/real-dev
    PYTHONPATH=$PWD .venv/bin/python bench/baseline_realdev.py --questions FILE --docs DIR --no-write

Both systems read the same documents in one run, each in a throwaway library (a temporary folder):
- citebot: ``citebot eval FILE --docs DIR`` in process (same parsing, ingest and scoring code);
- the tutorial (bench/run_bench.py's ``tutorial_*``): each document's canonical text as citebot's parser gives it
  (``brief.text``: notes, running heads and page furniture as the parser leaves them), split 1000/200 by
  RecursiveCharacterTextSplitter, embedded with the same MiniLM into an in-memory Chroma collection per document,
  top 4 chunks per question. hit@1 / hit@4: a gold string (DESIGN.md normalisation) inside the first / any chunk.
  It has no notion of abstaining, so it answers every abstain item.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_section import machine, update_section  # noqa: E402
from run_bench import TUTORIAL_K, tutorial_chunks, tutorial_search, tutorial_store  # noqa: E402

from bot.evaluate import assign_briefs, first_hit, load_items, normalise, run_eval  # noqa: E402
from bot.factory import build_engine  # noqa: E402
from cli.eval_cmd import documents, ingest_documents, parse_documents  # noqa: E402
from corpus.settings import get_settings  # noqa: E402

REAL_DEV = ROOT.parent / "shared" / "eval" / "real-dev"
SECTION = "baseline_realdev"


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def tutorial_figures(items: list[dict[str, Any]], texts: dict[str, str], embedder: Any) -> dict[str, dict[str, Any]]:
    """Per brief: the tutorial's hit@1 / hit@4 on the ask items, how many gold strings its text holds at all,
    and its abstentions (none)."""
    chunks = {brief: tutorial_chunks(text) for brief, text in texts.items()}
    stores = {brief: tutorial_store(c, embedder, f"tutorial-{n}") for n, (brief, c) in enumerate(chunks.items())}
    out: dict[str, dict[str, Any]] = {}
    for brief in texts:
        asks = [i for i in items if i["brief"] == brief and i["kind"] == "ask"]
        abstains = [i for i in items if i["brief"] == brief and i["kind"] == "abstain"]
        hits = [first_hit(i["gold"], tutorial_search(stores[brief], i["question"], TUTORIAL_K)) for i in asks]
        text = normalise(texts[brief])
        in_text = sum(1 for i in asks if first_hit(i["gold"], [text]) is not None)
        out[brief] = {"ask": len(asks), "hit1": sum(h == 0 for h in hits), "hit4": sum(h is not None for h in hits),
                      "in_text": in_text, "abstain": len(abstains), "chunks": len(chunks[brief])}  # fmt: skip
    return out


def _pooled(per: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {key: sum(v[key] for v in per.values()) for key in ("ask", "hit1", "hit4", "in_text", "abstain", "chunks")}


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def table(citebot: dict[str, Any], tutorial: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "| document | citebot hit@1 | citebot hit@3 | fn exact | abstained | false abst. | check acc. "
        "| tutorial hit@1 | tutorial hit@4 | gold in tutorial's text | tutorial abstained |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows = [(b, citebot["per_document"][b], tutorial[b]) for b in sorted(tutorial)]
    rows.append(("**pooled**", citebot, _pooled(tutorial)))
    for name, c, t in rows:
        abst = f"{round((c['abstention_accuracy'] or 0) * c['abstain_items'])}/{c['abstain_items']}"
        lines.append(
            f"| {name} | {_cell(c['hit@1'])} | {_cell(c['hit@3'])} | {_cell(c['footnote_exactness'])} | {abst} "
            f"| {c['false_abstentions']} | {_cell(c.get('check_accuracy'))} | {_cell(_ratio(t['hit1'], t['ask']))} "
            f"| {_cell(_ratio(t['hit4'], t['ask']))} | {t['in_text']}/{t['ask']} | 0/{t['abstain']} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=REAL_DEV / "questions.jsonl")
    parser.add_argument("--docs", type=Path, default=REAL_DEV)
    parser.add_argument("--no-write", action="store_true", help="print the section, do not touch bench/RESULTS.md")
    args = parser.parse_args()
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    items = load_items(args.questions)
    settings = get_settings()
    briefs = parse_documents(documents(items, args.docs), settings)
    with tempfile.TemporaryDirectory(prefix="citebot-baseline-", ignore_cleanup_errors=True) as tmp:
        fresh = settings.model_copy(update={"data_dir": Path(tmp), "chroma_url": None})
        engine = build_engine(fresh)
        items = assign_briefs(items, ingest_documents(engine, briefs))
        citebot = run_eval(engine, items).full_summary()
        texts = {brief.id: brief.text for brief, _ in briefs.values()}
        tutorial = tutorial_figures(items, texts, engine.embedder)
    lines = [
        "## Real documents: the tutorial RAG beside citebot (`bench/baseline_realdev.py`)",
        "",
        f"- machine: {machine()}; load average {load_start:.2f} -> {os.getloadavg()[0]:.2f}; "
        f"{time.perf_counter() - started:.0f} s in all",
        f"- command: `PYTHONPATH=$PWD .venv/bin/python bench/baseline_realdev.py` ({len(items)} items of "
        f"`{args.questions.name}`; citebot's columns are what `citebot eval {args.questions.name} --docs DIR` prints)",
        f"- tutorial: RecursiveCharacterTextSplitter 1000/200 over citebot's canonical text of each document "
        f"({_pooled(tutorial)['chunks']} chunks), MiniLM embeddings, in-memory Chroma, top {TUTORIAL_K}; "
        "hit@4 = a gold string inside any of the 4 chunks (about 4,000 characters to read, against citebot's 3 quotes)",
        "",
        *table(citebot, tutorial),
        "",
        "'gold in tutorial's text': ask items whose gold string occurs in the text at all, the ceiling for both "
        "systems' quotes from that text. The tutorial never abstains and gives no footnote numbers.",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        update_section(ROOT / "bench" / "RESULTS.md", SECTION, text)


if __name__ == "__main__":
    main()
