"""The scale curve: a library grown to 10, 100 and 1,000 briefs (``bench/scale_briefs.py``), measured at each size.

    .venv/bin/python bench/bench_scale.py --sizes 10 100              # a temp library, removed at the end
    .venv/bin/python bench/bench_scale.py --sizes 10 100 1000 --keep /tmp/lib --budget-s 1500

One library grows through the sizes (the 100-brief library is the 10-brief one plus 90), ingested in process
through ``build_engine`` (so with whatever embedder ``load_embedder`` gives). At each size:
- ingest: passages per second for the briefs added at this step (parse, embed and store);
- index size on disk (the whole data directory: Chroma, parsed briefs);
- the lexical index when one more brief is added: the new snapshot built from the previous one against one built
  from scratch (tokenizer cache cleared), and bm25s indexing every document as citebot did before;
- a real ``citebot serve`` on 127.0.0.1: cold start (spawn to the first ready /health, then to the first answered
  /chat), resident memory after the load (VmRSS and peak VmHWM), and /chat p50/p99 at concurrency 1 and 8 with
  questions never asked before, library-wide and scoped with ``brief_id``; and how often the top citation comes
  from the brief the question was made from (and carries its footnote).
A size whose ingest would overrun ``--budget-s`` stops where the budget ran out and is measured and recorded there,
marked partial. Results merge into ``bench/RESULTS_scale.json`` (other sizes' entries are kept) and the section of
``bench/RESULTS.md``; ``bench/scale_charts.py`` draws the PNGs.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from results_section import machine  # noqa: E402
from run_bench import free_port, pct  # noqa: E402
from scale_briefs import Question, make_brief, questions_for, write_brief  # noqa: E402

CITEBOT = Path(sys.executable).with_name("citebot")
JSON_OUT = ROOT / "bench" / "RESULTS_scale.json"


def brief_id(i: int) -> str:
    return f"scale-{i:04d}"


# ---------------------------------------------------------------------------------------------------- ingest
def grow(engine: Any, start: int, stop: int, deadline: float) -> dict[str, Any]:
    """Ingest briefs ``start``..``stop - 1`` (fewer if the deadline passes); parse and embed+store timings."""
    from corpus.loader import parse_bytes

    parse_s = ingest_s = 0.0
    passages = 0
    done = start
    store_add = engine.store.add
    spent = [0.0, 0]

    def timed_add(docs: Any, progress: Any = None) -> None:  # embed + write, apart from the rest of engine.ingest
        t = time.perf_counter()
        store_add(docs, progress)
        spent[0] += time.perf_counter() - t
        spent[1] += len(docs)

    engine.store.add = timed_add
    for i in range(start, stop):
        if time.monotonic() > deadline:
            break
        t = time.perf_counter()
        name, data = write_brief(i)
        brief = parse_bytes(data, name, brief_id=brief_id(i))
        parse_s += time.perf_counter() - t
        t = time.perf_counter()
        engine.ingest(brief)
        ingest_s += time.perf_counter() - t
        passages += len(brief.passages)
        done = i + 1
        if done % 25 == 0:
            print(
                f"  ingested {done}/{stop} ({passages / (parse_s + ingest_s):.1f} passages/s, "
                f"{spent[1] / max(spent[0], 1e-9):.1f} vectors/s embedded, load {os.getloadavg()[0]:.1f})",
                file=sys.stderr,
            )
    engine.store.add = store_add
    return {
        "vectors_added": spent[1],
        "embed_store_add_s": round(spent[0], 2),
        "vectors_per_s": round(spent[1] / spent[0], 1) if spent[0] else None,
        "added": done - start,
        "passages_added": passages,
        "parse_s": round(parse_s, 2),
        "embed_store_s": round(ingest_s, 2),
        "passages_per_s": round(passages / (parse_s + ingest_s), 1) if passages else None,
        "reached": done,
    }


def lexical_add_cost(engine: Any, size: int) -> dict[str, Any]:
    """Seconds to make the searchable snapshot with one more brief: from the previous snapshot, from scratch, and
    bm25s over every document (the pre-change design's lexical step alone)."""
    import bm25s

    from bot.qa.index_state import IndexState
    from corpus.loader import parse_bytes
    from index import lexical

    state = engine._state
    briefs = list(state.briefs.values())
    name, data = write_brief(size)
    extra = parse_bytes(data, name, brief_id=brief_id(size))
    t = time.perf_counter()
    updated = IndexState.build([*briefs, extra], previous=state)
    incremental = time.perf_counter() - t
    t = time.perf_counter()
    lexical.LexicalIndex.from_parts([p.lexical for p in updated.parts.values()], state.lexical)
    relayout = time.perf_counter() - t
    lexical._tokens.cache_clear()
    t = time.perf_counter()
    fresh = IndexState.build([*briefs, extra])
    scratch = time.perf_counter() - t
    t = time.perf_counter()
    for texts in ([v.lexical_text for v in fresh.views], [v.lexical_context for v in fresh.views]):
        bm25s.BM25().index([lexical.tokenize(x) or ["\x00empty"] for x in texts], show_progress=False)
    old = time.perf_counter() - t
    return {
        "documents": len(fresh.views),
        "vocabulary": len(fresh.lexical._df),
        "incremental_snapshot_s": round(incremental, 4),
        "incremental_lexical_relayout_s": round(relayout, 4),
        "scratch_snapshot_s": round(scratch, 4),
        "bm25s_full_reindex_s": round(old, 4),
    }


def where_time_goes(engine: Any, size: int, count: int = 40) -> dict[str, Any]:
    """In process: distinct questions through ``engine.ask`` under cProfile; the functions with the most cumulative
    time (own code and the libraries it calls), and the share of the query embedding."""
    import cProfile
    import pstats

    questions = question_pool(size, count, seed=size + 7919)
    engine.ask("warm-up: what does the library say?")
    t, cpu = time.perf_counter(), time.process_time()
    for q in questions[: len(questions) // 2]:  # timed without the profiler's overhead
        engine.ask(q.text)
    plain_wall, plain_cpu = time.perf_counter() - t, time.process_time() - cpu
    plain_per_q = 1000 / (len(questions) // 2)
    questions = questions[len(questions) // 2 :]
    profile = cProfile.Profile()
    t = time.perf_counter()
    profile.enable()
    for q in questions:
        engine.ask(q.text)
    profile.disable()
    wall = time.perf_counter() - t
    stats = pstats.Stats(profile)
    rows = []
    for (file, line, func), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = file.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        rows.append((cumulative, f"{where}:{line}({func})"))
    rows.sort(reverse=True)
    per_q = 1000 / len(questions)
    own = [r for r in rows if r[1].startswith(("bot/", "index/", "corpus/")) or r[1].startswith("chromadb/api")]
    return {
        "questions": len(questions),
        "unprofiled_ms_per_question": round(plain_wall * plain_per_q, 1),
        "unprofiled_cpu_ms_per_question": round(plain_cpu * plain_per_q, 1),
        "ms_per_question": round(wall * per_q, 1),
        "top_cumulative_ms_per_question": [[name, round(c * per_q, 1)] for c, name in rows[:25]],
        "own_code_and_chroma_cumulative_ms_per_question": [[name, round(c * per_q, 1)] for c, name in own[:30]],
    }


def disk_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ----------------------------------------------------------------------------------------------------- serve
def memory(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system, all threads) a process has used: a cost that other work on the cores does not
    inflate the way it inflates wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def post(conn: http.client.HTTPConnection, body: dict[str, Any]) -> tuple[float, int, dict[str, Any]]:
    t = time.perf_counter()
    conn.request("POST", "/chat", body=json.dumps(body), headers={"Content-Type": "application/json"})
    resp = conn.getresponse()
    raw = resp.read()
    ms = (time.perf_counter() - t) * 1000
    try:
        answer = json.loads(raw) if resp.status == 200 else {}
    except ValueError:
        answer = {}
    return ms, resp.status, answer


def load(port: int, questions: Sequence[Question], concurrency: int, scoped: bool) -> dict[str, Any]:
    """POST /chat once per question from ``concurrency`` keep-alive clients."""

    def worker(chunk: Sequence[Question]) -> list[tuple[float, int, bool, bool]]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        out = []
        try:
            for q in chunk:
                body: dict[str, Any] = {"message": q.text, "top_k": 3}
                if scoped:
                    body["brief_id"] = q.brief_id
                ms, status, answer = post(conn, body)
                top = (answer.get("citations") or [None])[0]
                right = bool(top and top.get("brief_id") == q.brief_id)
                note = bool(right and top and set(q.footnotes) & set(top.get("footnotes", [])))
                out.append((ms, status, right, note))
        finally:
            conn.close()
        return out

    chunks = [list(questions[i::concurrency]) for i in range(concurrency)]
    t = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        rows = [r for chunk in pool.map(worker, chunks) for r in chunk]
    wall = time.perf_counter() - t
    ms = [r[0] for r in rows]
    noted = [r for r, q in zip(rows, [q for c in chunks for q in c], strict=True) if q.footnotes]
    return {
        "requests": len(rows),
        "errors": sum(r[1] != 200 for r in rows),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(pct(ms, 0.99), 1),
        "rps": round(len(rows) / wall, 1),
        "top_citation_right_brief": round(sum(r[2] for r in rows) / len(rows), 3),
        "top_citation_right_footnote": round(sum(r[3] for r in noted) / len(noted), 3) if noted else None,
    }


def question_pool(size: int, count: int, seed: int) -> list[Question]:
    """``count`` distinct questions about random briefs of the library."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[Question] = []
    per_brief: dict[int, list[Question]] = {}
    attempts = 0
    while len(out) < count and attempts < count * 20:
        attempts += 1
        i = rng.randrange(size)
        if i not in per_brief:
            per_brief[i] = questions_for(make_brief(i), brief_id(i), random.Random(f"q{seed}:{i}"), 40)
        if not per_brief[i]:
            continue
        q = per_brief[i].pop(0)
        if q.text not in seen:
            seen.add(q.text)
            out.append(q)
    return out


def serve_and_measure(data_dir: Path, size: int, n1: int, n8: int) -> dict[str, Any]:
    port = free_port()
    env = {**os.environ, "CITEBOT_DATA_DIR": str(data_dir)}
    env.pop("CITEBOT_CHROMA_URL", None)
    args = [str(CITEBOT), "serve", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    pool = question_pool(size, 2 * n1 + 2 * n8 + 1, seed=size)
    warm, pool = pool[0], pool[1:]
    if len(pool) < 2 * n1 + 2 * n8:  # a small library has fewer distinct questions: fewer per kind
        n1 = n8 = len(pool) // 4
    out: dict[str, Any] = {}
    started = time.perf_counter()
    args += ["--log-level", "warning"]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        with httpx.Client() as client:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"citebot serve exited: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
                if time.perf_counter() - started > 900:
                    raise RuntimeError("citebot serve was not ready after 900 s")
                try:
                    r = client.get(f"http://127.0.0.1:{port}/health", timeout=5)
                    if r.status_code == 200 and r.json().get("ready", True):
                        break
                except (httpx.HTTPError, ValueError):
                    pass
                time.sleep(0.05)
        out["cold_start_health_s"] = round(time.perf_counter() - started, 2)
        out["cold_start_cpu_s"] = round(cpu_s(proc.pid), 2)
        out["rss_after_start_mb"] = memory(proc.pid)["VmRSS"]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        post(conn, {"message": warm.text})
        conn.close()
        out["cold_start_first_chat_s"] = round(time.perf_counter() - started, 2)
        # Let the server finish what its start left running (the warm-up thread, the collector working through the
        # start's allocations) so the load phases measure questions, not the start's tail: up to 120 s.
        settle = time.perf_counter()
        while time.perf_counter() - settle < 120:
            before = cpu_s(proc.pid)
            time.sleep(1.0)
            if cpu_s(proc.pid) - before < 0.05:
                break
        out["settle_s"] = round(time.perf_counter() - settle, 1)
        k = 0
        for concurrency, n in ((1, n1), (8, n8)):
            for scoped in (False, True):
                batch, k = pool[k : k + n], k + n
                before = cpu_s(proc.pid)
                got = load(port, batch, concurrency, scoped)
                got["server_cpu_ms_per_request"] = round((cpu_s(proc.pid) - before) * 1000 / max(1, len(batch)), 1)
                out[f"c{concurrency}_{'scoped' if scoped else 'library'}"] = got
        mem = memory(proc.pid)
        out["rss_mb"], out["peak_rss_mb"] = mem["VmRSS"], mem["VmHWM"]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return out


# ------------------------------------------------------------------------------------------------------ main
def save(results: dict[str, Any]) -> None:
    Path(results["json"]).write_text(json.dumps({k: v for k, v in results.items() if k != "json"}, indent=2) + "\n")


def snapshot_dir(keep: Path, size: int) -> Path:
    """Where the ingest phase leaves a copy of the library as it was at ``size`` briefs (for the measure phase)."""
    return keep.parent / f"{keep.name}-{size}"


def library_facts(engine: Any, data_dir: Path) -> dict[str, Any]:
    briefs = engine.briefs()
    return {
        "briefs": len(briefs),
        "passages": sum(len(b.passages) for b in briefs),
        "footnotes": sum(len(b.footnotes) for b in briefs),
        "vectors": engine.store.count(),
        "formats": sorted({b.format for b in briefs}),
        "disk_mb": round(disk_bytes(data_dir) / 2**20, 1),
    }


def close(data_dir: Path) -> None:
    """Stop this process's embedded Chroma for ``data_dir`` (the caller has dropped its engine), so its files are
    complete for a copy and its memory is free for the server."""
    from chromadb.api.shared_system_client import SharedSystemClient

    gc.collect()
    system = SharedSystemClient._identifier_to_system.pop(str(data_dir / "chroma"), None)
    if system is not None:
        system.stop()
    gc.collect()


def ingest_phase(args: argparse.Namespace, results: dict[str, Any], data_dir: Path, deadline: float) -> None:
    """Grow the library through the sizes; a copy is left at every size but the last, for the measure phase."""
    from bot.factory import build_engine
    from corpus.settings import Settings

    engine = build_engine(Settings(data_dir=data_dir))
    for size in args.sizes:
        have = len(engine.briefs())
        print(f"ingest to {size}: have {have}", file=sys.stderr)
        entry: dict[str, Any] = results["sizes"].get(str(size), {}) if have >= size else {}
        if have < size or "ingest" not in entry:
            entry = {"ingest_machine": machine(), "ingest_load_avg": [round(x, 2) for x in os.getloadavg()]}
            entry["ingest"] = grow(engine, have, size, deadline)
            entry["ingest_load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
        entry.update(library_facts(engine, data_dir))
        entry["partial"] = entry["briefs"] < size
        results["sizes"][str(size)] = entry
        save(results)
        print(json.dumps(entry, indent=1), file=sys.stderr)
        if entry["partial"]:
            break
        if size != args.sizes[-1] and not snapshot_dir(data_dir, size).exists():
            engine = None
            close(data_dir)
            shutil.copytree(data_dir, snapshot_dir(data_dir, size))
            engine = build_engine(Settings(data_dir=data_dir))
    engine = None
    close(data_dir)


def measure_phase(args: argparse.Namespace, results: dict[str, Any], data_dir: Path) -> None:
    """At each size the ingest phase reached: the add-one-brief cost and profile in process, then a server."""
    from bot.factory import build_engine
    from corpus.settings import Settings

    for size in args.sizes:
        entry = results["sizes"].get(str(size))
        if not entry:
            continue
        folder = snapshot_dir(data_dir, size)
        folder = folder if folder.exists() else data_dir
        engine = build_engine(Settings(data_dir=folder))
        if len(engine.briefs()) != entry["briefs"]:
            print(f"size {size}: {folder} holds {len(engine.briefs())} briefs, not {entry['briefs']}", file=sys.stderr)
            engine = None
            close(folder)
            continue
        print(f"measure {size} ({entry['briefs']} briefs) in {folder}", file=sys.stderr)
        entry["machine"] = machine()
        entry["load_avg_start"] = [round(x, 2) for x in os.getloadavg()]
        # The profile first: the add-one-brief measure clears the tokenizer's cache, which questions then refill.
        entry["in_process_profile"] = where_time_goes(engine, entry["briefs"])
        entry["lexical_add_one"] = lexical_add_cost(engine, entry["briefs"])
        engine = None
        close(folder)
        entry["serve"] = serve_and_measure(folder, entry["briefs"], args.requests, args.requests_c8)
        entry["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
        save(results)
        print(json.dumps(entry["serve"], indent=1), file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--keep", type=Path, help="grow the library here and keep it (a later run continues it)")
    parser.add_argument("--phase", choices=("all", "ingest", "measure"), default="all")
    parser.add_argument("--budget-s", type=float, default=1500, help="ingest time allowed for the whole run")
    parser.add_argument("--fresh", action="store_true", help="forget the recorded sizes first")
    parser.add_argument("--json", type=Path, default=JSON_OUT, help="where the figures are read and written")
    parser.add_argument("--no-report", action="store_true", help="leave RESULTS.md and the charts as they are")
    parser.add_argument("--requests", type=int, default=60, help="questions per kind at concurrency 1")
    parser.add_argument("--requests-c8", type=int, default=96, help="questions per kind at concurrency 8")
    args = parser.parse_args()

    from corpus.settings import Settings
    from index.embeddings import load_embedder

    if args.keep is None and args.phase != "all":
        parser.error("--phase ingest/measure needs --keep (the library the other phase uses)")
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="citebot-scale-")) / "data"
    results = json.loads(args.json.read_text()) if args.json.exists() and not args.fresh else {"sizes": {}}
    results.setdefault("sizes", {})
    results["json"] = str(args.json)
    embedder = load_embedder(Settings(data_dir=data_dir))
    results["embedder"] = f"{type(embedder).__module__}.{type(embedder).__name__}"
    results["embedder_identity"] = getattr(embedder, "identity", None)
    deadline = time.monotonic() + args.budget_s
    try:
        if args.phase in ("all", "ingest"):
            ingest_phase(args, results, data_dir, deadline)
        if args.phase in ("all", "measure"):
            measure_phase(args, results, data_dir)
    finally:
        if args.keep is None:
            shutil.rmtree(data_dir.parent, ignore_errors=True)
    results.pop("json")
    if not args.no_report:
        from scale_report import write_report

        write_report(results)


if __name__ == "__main__":
    main()
