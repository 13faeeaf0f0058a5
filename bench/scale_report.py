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

    rows = sorted((e for e in results["sizes"].values() if "serve" in e), key=lambda e: e["briefs"])
    n = [e["briefs"] for e in rows]
    kinds = (("c1_library", "o-"), ("c1_scoped", "o--"), ("c8_library", "s-"), ("c8_scoped", "s--"))

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    for ax, stat in zip(axes, ("p50_ms", "p99_ms"), strict=False):
        for key, style in kinds:
            ax.plot(n, [e["serve"][key][stat] for e in rows], style, label=key.replace("_", ", "))
        ax.axhline(50 if stat == "p50_ms" else 200, color="grey", lw=0.8, ls=":", label="c=1 target")
        ax.set(xscale="log", xlabel="briefs in the library", ylabel="ms", title=f"/chat {stat[:3]}, distinct questions")
    for key, style in kinds:
        cpu = [e["serve"][key].get("server_cpu_ms_per_request") for e in rows]
        axes[2].plot(n, [c or 0 for c in cpu], style, label=key.replace("_", ", "))
    axes[2].set(xscale="log", xlabel="briefs in the library", ylabel="ms", title="server CPU per /chat request")
    axes[2].set_ylim(bottom=0)
    for ax in axes:
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
    axes[2].plot(n, [e["ingest"]["passages_per_s"] or 0 for e in rows], "o-", label="passages / s")
    axes[2].plot(n, [e["ingest"].get("vectors_per_s") or 0 for e in rows], "s--", label="vectors embedded / s")
    axes[2].set(xscale="log", xlabel="briefs", ylabel="per second", title="ingest throughput (briefs added)")
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


def _load(x: Any) -> str:
    """A load average as recorded: the 1-minute figure (older runs kept only that) or 1/5/15 minutes."""
    return "/".join(f"{v:.1f}" for v in x) if isinstance(x, list) else str(x)


def _cpu(s: dict[str, Any], key: str) -> str:
    cpu = s[key].get("server_cpu_ms_per_request")
    return f" ({cpu:.0f})" if cpu is not None else ""


def extrapolation(rows: list[dict[str, Any]], target: int = 1000) -> list[str]:
    """Straight-line estimates at ``target`` briefs from the two largest measured sizes, labelled as such."""
    if len(rows) < 2 or rows[-1]["briefs"] >= 0.99 * target:
        return []  # measured at (or within a few briefs of) the target: nothing to extrapolate
    a, b = rows[-2], rows[-1]
    per_brief_vectors = b["vectors"] / b["briefs"]
    per_brief_passages = b["passages"] / b["briefs"]

    def line(get: Any) -> float:
        slope = (get(b) - get(a)) / (b["briefs"] - a["briefs"])
        return float(get(b) + slope * (target - b["briefs"]))

    out = [
        "",
        f"**Extrapolated to {target:,} briefs, not measured** (straight lines through the {a['briefs']:,}- and "
        f"{b['briefs']:,}-brief figures; {per_brief_passages:.0f} passages and {per_brief_vectors:.0f} vectors per "
        f"brief, so about {per_brief_passages * target:,.0f} passages and {per_brief_vectors * target:,.0f} vectors):",
        "",
        f"- server RSS after the load: about {line(lambda e: e['serve']['rss_mb']):,.0f} MB "
        f"(peak {line(lambda e: e['serve']['peak_rss_mb']):,.0f} MB); target 2,560 MB",
    ]
    scoped = b["serve"]["c1_scoped"].get("server_cpu_ms_per_request")
    if scoped is not None:
        out.append(
            f"- no straight line for library-wide CPU per question: it is dominated by the cost named in the notes "
            f"(it jumps past 256 briefs); scoped questions cost {scoped:.0f} ms of server CPU at "
            f"{b['briefs']:,} briefs, "
            "and the per-question costs that grow with the library are timed at 1,000 briefs below"
        )
    vps = b["ingest"].get("vectors_per_s")
    if vps:
        hours = per_brief_vectors * (target - b["briefs"]) / vps / 3600
        out.append(
            f"- ingest of the other {target - b['briefs']:,} briefs at this run's {vps} vectors/s: about "
            f"{hours:.1f} h (load during ingest {_load(b.get('ingest_load_avg', '?'))})"
        )
    return out


def components(c: dict[str, Any]) -> list[str]:
    """The per-question costs that grow with the library, timed in process at 1,000 briefs."""
    d, names, lex = c["dense"], c["name_checks"], c["lexical"]
    return [
        "",
        f"Per-question costs that grow with the library, timed in process at {c['briefs']:,} briefs "
        f"(`bench/scale_components.py`: the {c['real_briefs']} real briefs of the largest library repeated under new "
        "ids; the dense matrix of that many rows holds random unit vectors; median CPU ms, one thread):",
        "",
        f"- dense ranking over the cached vectors ({d['rows']:,} rows, {d['matrix_mb']} MB float32): "
        f"library-wide top 24 {d['library_wide_top24']['cpu_ms']:.1f} ms, scoped to one brief "
        f"{d['scoped_top24']['cpu_ms']:.2f} ms (finding a brief's rows as before, `np.isin` over every row: "
        f"{d['scoped_row_lookup_before_isin']['cpu_ms']:.2f} ms)",
        f"- BM25 over {lex['documents']:,} documents, own text and context: {lex['cpu_ms_per_question']:.2f} ms",
        "- name and acronym checks (`IndexState.mentions`/`spells_out`): "
        f"{names['per_brief_loop_cpu_ms_per_question']:.2f} ms asking each brief's postings in turn, "
        f"{names['library_tables_cpu_ms_per_question']:.2f} ms with the library tables "
        f"(built in {c['phrase_tables_build_cpu_s']:.1f} s once, "
        f"{c['phrase_tables_add_one_cpu_ms']:.0f} ms to add a brief)",
    ]


def section(results: dict[str, Any]) -> str:
    rows = sorted(
        ({**e, "target": int(k)} for k, e in results["sizes"].items() if "serve" in e), key=lambda e: e["briefs"]
    )
    lines = [
        "## Scale curve: 10, 100, 1,000 briefs (`bench/bench_scale.py`)",
        "",
        "Libraries cut from the real documents of `../shared/eval/real-dev` and the bundled brief "
        "(`bench/scale_briefs.py`: runs of consecutive paragraphs with their footnotes, names and figures renamed "
        "per brief so no two briefs share a sentence; text, Markdown, HTML, DOCX, PDF in turn), grown in one data "
        "directory (parsed and ingested in process through the engine, a copy kept at each size) and served by a "
        "real `citebot serve` on 127.0.0.1. Questions are distinct (never asked before, so every one pays a query "
        'embedding); "scoped" requests name the question\'s brief. '
        f"Embedder: `{results.get('embedder', '?')}` {results.get('embedder_identity') or ''}. "
        "Machine: 2 cores shared with other helpers' work; the load averages (1/5/15 min) are in the table, and "
        "wall times at a load of 10 or more on 2 cores are several times what an idle machine gives, so the "
        "server's CPU time per request (in brackets) is the steadier figure.",
        "",
        f"![/chat latency]({CHART_LATENCY}) ![memory, disk, cold start, ingest]({CHART_RESOURCES}) "
        f"![adding one brief]({CHART_LEXICAL})",
        "",
        "| briefs | passages | vectors | ingest passages/s (vectors/s) | load during ingest | disk MB "
        "| cold start: /health, 1st /chat (s) | RSS / peak MB | c=1 p50/p99 library (CPU ms) "
        "| c=1 p50/p99 scoped | c=8 p50/p99 library | c=8 p50/p99 scoped "
        "| top citation right brief (c=1 library) | load during serve |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for e in rows:
        s = e["serve"]

        def lat(key: str, s: dict[str, Any] = s) -> str:
            return f"{s[key]['p50_ms']:.0f} / {s[key]['p99_ms']:.0f}{_cpu(s, key)}"

        short = e["target"] - e["briefs"]
        partial = f" (of {e['target']:,}: {short} not ingested)" if e.get("partial") else ""
        ing = e["ingest"]
        vps = f" ({ing['vectors_per_s']})" if ing.get("vectors_per_s") else ""
        lines.append(
            f"| {e['briefs']:,}{partial} "
            f"| {e['passages']:,} | {e['vectors']:,} "
            f"| {ing['passages_per_s']}{vps} | {_load(e.get('ingest_load_avg', '?'))} | {e['disk_mb']} "
            f"| {s['cold_start_health_s']}, {s['cold_start_first_chat_s']} "
            f"| {s['rss_mb']:.0f} / {s['peak_rss_mb']:.0f} "
            f"| {lat('c1_library')} | {lat('c1_scoped')} | {lat('c8_library')} | {lat('c8_scoped')} "
            f"| {s['c1_library']['top_citation_right_brief']:.0%} "
            f"| {_load(e['load_avg_start'])} -> {_load(e['load_avg_end'])} |"
        )
    lines += extrapolation(rows)
    if results.get("components_at_scale"):
        lines += components(results["components_at_scale"])
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
        "Where an in-process question's time goes (`engine.ask`, distinct questions: wall and CPU ms per question "
        "without the profiler, then cumulative ms under cProfile, so nested rows overlap):",
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
        picks = []
        if "unprofiled_cpu_ms_per_question" in prof:
            picks.append(
                f"{prof['unprofiled_ms_per_question']:.0f} ms wall, {prof['unprofiled_cpu_ms_per_question']:.0f} ms "
                "CPU unprofiled"
            )
        picks.append(f"profiled {prof['ms_per_question']:.0f} ms: query embedding {embed:.0f}")
        if "hybrid_search" in ms:
            picks.append(f"hybrid search {ms['hybrid_search']:.0f}")
        if "top" in ms:
            picks.append(f"of it the dense matrix product {ms['top']:.0f}")
        scans = [ms[k] for k in ("mentions", "spells_out") if k in ms]
        if scans:
            picks.append(f"name and acronym checks (`IndexState.mentions`/`spells_out`) {max(scans):.1f}")
        lines.append(f"- {e['briefs']:,} briefs: " + ", ".join(picks))
    notes = results.get("notes") or []
    if notes:
        lines += ["", "Notes:", "", *[f"- {n}" for n in notes]]
    lines += ["", f"Targets {TARGETS}."]
    return "\n".join(lines)


def write_report(results: dict[str, Any]) -> None:
    charts(results, ROOT / "bench")
    text = section(results)
    update_section(ROOT / "bench" / "RESULTS.md", "bench_scale", text)
    print(text)


if __name__ == "__main__":
    write_report(json.loads(JSON_OUT.read_text()))
