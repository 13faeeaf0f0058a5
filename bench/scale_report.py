"""The scale curve's section of bench/RESULTS.md and its PNG charts, from bench/RESULTS_scale.json.

.venv/bin/python bench/scale_report.py      # redraw from the recorded figures
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_section import update_section  # noqa: E402

JSON_OUT = ROOT / "bench" / "RESULTS_scale.json"
CHART_LATENCY = "scale_latency.png"
CHART_RESOURCES = "scale_resources.png"
CHART_LEXICAL = "scale_lexical_add.png"
PROFILE_ROWS = (
    ("retrieve", "retrieval.py"),
    ("query embedding", "embed"),
    ("Chroma query", "chromadb/api"),
    ("answer", "answer.py"),
    ("verify", "citations.py"),
)
TARGETS = "at 1,000 briefs: all-distinct /chat p50 <= 50 ms and p99 <= 200 ms at c=1, server memory <= 2.5 GB"


def charts(results: dict[str, Any], folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = sorted(results["sizes"].values(), key=lambda e: e["briefs"])
    n = [e["briefs"] for e in rows]

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for ax, stat in zip(axes, ("p50_ms", "p99_ms"), strict=True):
        for key, style in (("c1_library", "o-"), ("c1_scoped", "o--"), ("c8_library", "s-"), ("c8_scoped", "s--")):
            ax.plot(n, [e["serve"][key][stat] for e in rows], style, label=key.replace("_", ", "))
        ax.axhline(50 if stat == "p50_ms" else 200, color="grey", lw=0.8, ls=":", label="c=1 target")
        ax.set(xscale="log", xlabel="briefs in the library", ylabel="ms", title=f"/chat {stat[:3]}, distinct questions")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(folder / CHART_LATENCY, dpi=110)
    plt.close(fig)

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    axes[0].plot(n, [e["serve"]["rss_mb"] for e in rows], "o-", label="RSS after the load")
    axes[0].plot(n, [e["serve"]["peak_rss_mb"] for e in rows], "o--", label="peak RSS")
    axes[0].plot(n, [e["disk_mb"] for e in rows], "s-", label="index on disk")
    axes[0].axhline(2560, color="grey", lw=0.8, ls=":", label="2.5 GB target")
    axes[0].set(xscale="log", yscale="log", xlabel="briefs", ylabel="MB", title="server memory, index size")
    axes[1].plot(n, [e["serve"]["cold_start_health_s"] for e in rows], "o-", label="spawn -> /health ready")
    axes[1].plot(n, [e["serve"]["cold_start_first_chat_s"] for e in rows], "o--", label="spawn -> first /chat")
    axes[1].set(xscale="log", xlabel="briefs", ylabel="s", title="cold start")
    axes[2].plot(n, [e["ingest"]["passages_per_s"] or 0 for e in rows], "o-")
    axes[2].set(xscale="log", xlabel="briefs", ylabel="passages / s", title="ingest throughput (briefs added)")
    axes[1].set_ylim(bottom=0)
    axes[2].set_ylim(bottom=0)
    for ax in axes:
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(folder / CHART_RESOURCES, dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4))
    lex = [e["lexical_add_one"] for e in rows]
    ax.plot(n, [x["incremental_snapshot_s"] * 1000 for x in lex], "o-", label="incremental (this change)")
    ax.plot(n, [x["scratch_snapshot_s"] * 1000 for x in lex], "s--", label="snapshot from scratch")
    ax.plot(n, [x["bm25s_full_reindex_s"] * 1000 for x in lex], "^:", label="bm25s full re-index (before)")
    ax.set(xscale="log", yscale="log", xlabel="briefs", ylabel="ms", title="adding one brief: searchable snapshot")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(folder / CHART_LEXICAL, dpi=110)
    plt.close(fig)


def section(results: dict[str, Any]) -> str:
    rows = sorted(({**e, "target": int(k)} for k, e in results["sizes"].items()), key=lambda e: e["briefs"])
    lines = [
        "## Scale curve: 10, 100, 1,000 briefs (`bench/bench_scale.py`)",
        "",
        "Libraries cut from the real documents of `../shared/eval/real-dev` and the bundled brief "
        "(`bench/scale_briefs.py`: runs of consecutive paragraphs with their footnotes, names and figures renamed "
        "per brief so no two briefs share a sentence; text, Markdown, HTML, DOCX, PDF in turn), grown in one data "
        "directory and served by a real `citebot serve` on 127.0.0.1. Questions are distinct (never asked before, "
        'so every one pays a query embedding); "scoped" requests name the question\'s brief. '
        f"Embedder: `{results.get('embedder', '?')}`. Machine: 2 cores shared with other work (load averages below).",
        "",
        f"![/chat latency]({CHART_LATENCY}) ![memory, disk, cold start, ingest]({CHART_RESOURCES}) "
        f"![adding one brief]({CHART_LEXICAL})",
        "",
        "| briefs | passages | vectors | ingest passages/s | disk MB | cold start: /health, 1st /chat (s) "
        "| RSS / peak MB | c=1 p50/p99 library | c=1 p50/p99 scoped | c=8 p50/p99 library | c=8 p50/p99 scoped "
        "| top citation right brief (c=1 library) | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for e in rows:
        s = e["serve"]

        def lat(key: str, s: dict[str, Any] = s) -> str:
            return f"{s[key]['p50_ms']:.0f} / {s[key]['p99_ms']:.0f}"

        partial = f" (of {e['target']:,}: ingest budget ran out)" if e.get("partial") else ""
        lines.append(
            f"| {e['briefs']:,}{partial} "
            f"| {e['passages']:,} | {e['vectors']:,} "
            f"| {e['ingest']['passages_per_s']} | {e['disk_mb']} "
            f"| {s['cold_start_health_s']}, {s['cold_start_first_chat_s']} "
            f"| {s['rss_mb']:.0f} / {s['peak_rss_mb']:.0f} "
            f"| {lat('c1_library')} | {lat('c1_scoped')} | {lat('c8_library')} | {lat('c8_scoped')} "
            f"| {s['c1_library']['top_citation_right_brief']:.0%} | {e['load_avg_start']} -> {e['load_avg_end']} |"
        )
    lines += [
        "",
        "Adding one brief to the library (`IndexState.build` in process; the lexical index is kept in per-brief parts, "
        "`index/bm25.py`):",
        "",
        "| briefs | documents per lexical index | vocabulary | incremental snapshot ms (of it: lexical re-layout) "
        "| snapshot from scratch ms | bm25s re-index of everything ms (the design before) |",
        "|---|---|---|---|---|---|",
    ]
    for e in rows:
        x = e["lexical_add_one"]
        lines.append(
            f"| {e['briefs']:,} | {x['documents']:,} | {x['vocabulary']:,} | {x['incremental_snapshot_s'] * 1000:.1f} "
            f"({x['incremental_lexical_relayout_s'] * 1000:.1f}) | {x['scratch_snapshot_s'] * 1000:.0f} "
            f"| {x['bm25s_full_reindex_s'] * 1000:.0f} |"
        )
    lines += [
        "",
        "Where an in-process question's time goes (`engine.ask` under cProfile, distinct questions; "
        "cumulative ms per question, so nested rows overlap):",
        "",
    ]
    for e in rows:
        prof = e.get("in_process_profile")
        if not prof:
            continue
        ms = {
            name.split("(")[-1].rstrip(")"): v
            for name, v in reversed(
                prof.get("own_code_and_chroma_cumulative_ms_per_question", prof["top_cumulative_ms_per_question"])
            )
        }
        embed = ms.get("embed_query", 0.0)
        picks = [f"query embedding {embed:.0f}"]
        if "_candidates" in ms:
            picks.append(f"retrieval without the embedding {ms['_candidates'] - embed:.0f}")
        if "_selections" in ms and "_candidates" in ms:
            picks.append(f"ranking, selection and verification {ms['_selections'] - ms['_candidates']:.0f}")
        scans = [ms[k] for k in ("mentions", "spells_out") if k in ms]
        if scans:
            picks.append(f"of which whole-library phrase scans (`IndexState.mentions`/`spells_out`) {max(scans):.0f}")
        lines.append(f"- {e['briefs']:,} briefs: {prof['ms_per_question']:.0f} ms per question; " + ", ".join(picks))
    lines += ["", f"Targets {TARGETS}."]
    return "\n".join(lines)


def write_report(results: dict[str, Any]) -> None:
    charts(results, ROOT / "bench")
    text = section(results)
    update_section(ROOT / "bench" / "RESULTS.md", "bench_scale", text)
    print(text)


if __name__ == "__main__":
    write_report(json.loads(JSON_OUT.read_text()))
