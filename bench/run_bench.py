"""citebot benchmark: HTTP /chat latency and throughput, in-process ask vs bare similarity_search, the tutorial
RAG baseline, and cold start. Prints a table and writes bench/RESULTS.md.

    .venv/bin/python bench/run_bench.py                 # starts `citebot serve` on a free loopback port
    .venv/bin/python bench/run_bench.py --url http://127.0.0.1:8000   # an already running server
    .venv/bin/python bench/run_bench.py --skip-http     # in-process parts only

Everything stays on 127.0.0.1 and every loop has a fixed, small request count.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bot.evaluate import first_hit  # noqa: E402
from corpus.settings import BUNDLED_BRIEFS  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
HELD_OUT = [ROOT / "bench" / "heldout.jsonl", ROOT / "bench" / "heldout2.jsonl"]
BRIEF = BUNDLED_BRIEFS / "issi-2022-us-north-korea-talks.txt"
CITEBOT = Path(sys.executable).with_name("citebot")
PREFIXES = ("", "Tell me: ", "Quick question: ", "Please answer: ", "I wonder: ", "From the brief: ")


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def questions(paths: Sequence[Path]) -> list[str]:
    return [i["question"] for p in paths if p.exists() for i in load(p) if i["kind"] in ("ask", "abstain")]


def distinct_pool() -> list[str]:
    """Distinct message strings (so no request can be served from the query-vector cache)."""
    base = questions([DEV, *HELD_OUT])
    return [f"{prefix}{q}" for prefix in PREFIXES for q in base]


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------------------------------------- HTTP server
def _ready(client: httpx.Client, url: str) -> bool:
    try:
        r = client.get(f"{url}/health", timeout=2)
    except httpx.HTTPError:
        return False
    if r.status_code != 200:
        return False
    with contextlib.suppress(ValueError):
        body = r.json()
        return bool(body.get("ready", body.get("status") in ("ok", "ready")))
    return False


@contextlib.contextmanager
def serve(
    data_dir: Path,
    extra_env: dict[str, str] | None = None,
    extra_args: Sequence[str] = (),
    timeout_s: float = 120,
) -> Iterator[tuple[str, float]]:
    """Start `citebot serve` on a free loopback port; yield (url, seconds from spawn to /health ready)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "CITEBOT_CHROMA_URL"}  # embedded unless extra_env says
    env.update({"CITEBOT_DATA_DIR": str(data_dir), **(extra_env or {})})
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(CITEBOT), "serve", "--host", "127.0.0.1", "--port", str(port), *extra_args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        with httpx.Client() as client:
            while not _ready(client, url):
                if proc.poll() is not None:
                    raise RuntimeError(f"citebot serve exited: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
                if time.perf_counter() - started > timeout_s:
                    raise RuntimeError(f"citebot serve was not ready after {timeout_s:.0f} s")
                time.sleep(0.05)
        yield url, time.perf_counter() - started
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def http_load(url: str, messages: Sequence[str], concurrency: int) -> dict[str, float]:
    """POST /chat for every message with ``concurrency`` keep-alive clients; latency per request."""
    latencies: list[float] = []
    errors = 0

    parsed = urlsplit(url)

    def worker(chunk: Sequence[str]) -> tuple[list[float], int]:
        # A plain keep-alive http.client connection: the load generator shares the 2 cores with the server, so
        # it should cost as little CPU per request as possible.
        out, bad = [], 0
        conn = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port, timeout=30)
        try:
            for m in chunk:
                body = json.dumps({"message": m, "session_id": None, "brief_id": None, "top_k": 3})
                t0 = time.perf_counter()
                conn.request("POST", "/chat", body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                out.append((time.perf_counter() - t0) * 1000)
                bad += resp.status != 200
        finally:
            conn.close()
        return out, bad

    chunks = [messages[i::concurrency] for i in range(concurrency)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for lat, bad in pool.map(worker, chunks):
            latencies += lat
            errors += bad
    wall = time.perf_counter() - t0
    return {
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": statistics.median(latencies),
        "p99_ms": pct(latencies, 0.99),
        "rps": len(latencies) / wall,
    }


def bench_http(url: str | None, n1: int, n8: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pool = distinct_pool()
    repeated = questions([DEV])
    tmp = Path(tempfile.mkdtemp(prefix="citebot-bench-"))
    try:
        if url is None:
            with serve(tmp / "data") as (_, first):
                out["cold_start_first_s"] = first  # empty data dir: includes indexing the bundled brief
            ctx: contextlib.AbstractContextManager[tuple[str, float]] = serve(tmp / "data")
        else:
            ctx = contextlib.nullcontext((url, float("nan")))
        with ctx as (live, restart):
            out["cold_start_restart_s"] = restart
            http_load(live, repeated * 2, 2)  # warm-up
            out["c1_repeated"] = http_load(live, [repeated[i % len(repeated)] for i in range(n1)], 1)
            out["c8_repeated"] = http_load(live, [repeated[i % len(repeated)] for i in range(n8)], 8)
            out["c1_distinct"] = http_load(live, pool[:n1], 1)
            out["c8_distinct"] = http_load(live, pool[n1 : n1 + n8], 8)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


# ------------------------------------------------------------------------------------------------ in-process
def build_engine(data_dir: Path, cache: int) -> Any:
    from bot.engine import Engine
    from corpus.settings import Settings
    from index.embeddings import load_embedder
    from index.library import BriefRepository
    from index.store import make_store

    settings = Settings(data_dir=data_dir)
    settings.ensure_dirs()
    embedder = load_embedder(settings)
    return Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings), query_cache_size=cache)


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def bench_inprocess(data_dir: Path) -> dict[str, Any]:
    """engine.ask vs a bare LangChain Chroma similarity_search (k=4) on the same collection, interleaved."""
    from corpus.loader import load_brief

    engine = build_engine(data_dir, cache=0)
    engine.ingest(load_brief(BRIEF))
    vs = engine.store.vectorstore  # langchain_chroma.Chroma over the same collection and embedder
    # The yardstick is plain LangChain: the same collection searched through HuggingFaceEmbeddings (torch).
    from langchain_chroma import Chroma
    from langchain_huggingface import HuggingFaceEmbeddings

    from index.embeddings import model_path

    hf = HuggingFaceEmbeddings(model_name=model_path(engine.settings), encode_kwargs={"normalize_embeddings": True})
    bare = Chroma(client=vs._client, collection_name=vs._collection.name, embedding_function=hf)
    pool = distinct_pool()[:120]
    for q in pool[:10]:
        engine.ask(q)
        vs.similarity_search(q, k=4)
        bare.similarity_search(q, k=4)
    ask_ms, sim_ms, hf_ms = [], [], []
    for q in pool:
        ask_ms.append(timed(lambda q=q: engine.ask(q)))
        sim_ms.append(timed(lambda q=q: vs.similarity_search(q, k=4)))
        hf_ms.append(timed(lambda q=q: bare.similarity_search(q, k=4)))
    cached = build_engine(data_dir, cache=1024)
    repeated = questions([DEV])
    for q in repeated:
        cached.ask(q)
    cached_ms = [timed(lambda q=q: cached.ask(q)) for q in repeated * 5]
    return {
        "ask_p50_ms": statistics.median(ask_ms),
        "ask_p95_ms": pct(ask_ms, 0.95),
        "similarity_search_p50_ms": statistics.median(sim_ms),
        "similarity_search_p95_ms": pct(sim_ms, 0.95),
        "ratio_p50": statistics.median(ask_ms) / statistics.median(sim_ms),
        "hf_similarity_search_p50_ms": statistics.median(hf_ms),
        "hf_similarity_search_p95_ms": pct(hf_ms, 0.95),
        "ratio_hf_p50": statistics.median(ask_ms) / statistics.median(hf_ms),
        "ask_cached_query_p50_ms": statistics.median(cached_ms),
        "calls": len(pool),
    }


# The tutorial LangChain RAG, as the tutorials write it: 1000-character chunks with 200 overlap, an in-memory
# Chroma with an explicit embedding function (citebot's MiniLM, never Chroma's default), the top 4 chunks.
TUTORIAL_CHUNK_SIZE = 1000
TUTORIAL_CHUNK_OVERLAP = 200
TUTORIAL_K = 4


def tutorial_chunks(text: str) -> list[str]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=TUTORIAL_CHUNK_SIZE, chunk_overlap=TUTORIAL_CHUNK_OVERLAP)
    return splitter.split_text(text)


def tutorial_store(chunks: Sequence[str], embedder: Any, name: str = "tutorial") -> Any:
    """An ephemeral (in-memory) Chroma collection of the chunks, embedded with ``embedder``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    store = Chroma(
        collection_name=name,
        embedding_function=embedder,
        client=chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False)),
    )
    store.add_texts(list(chunks))
    return store


def tutorial_search(store: Any, question: str, k: int = TUTORIAL_K) -> list[str]:
    return [d.page_content for d in store.similarity_search(question, k=k)]


def bench_baseline(data_dir: Path) -> dict[str, Any]:
    """The tutorial RAG (1000/200 chunks, Chroma + MiniLM, top-4) against citebot on the dev questions."""
    engine = build_engine(data_dir, cache=0)
    chunks = tutorial_chunks(BRIEF.read_text())
    tutorial = tutorial_store(chunks, engine.embedder)
    items = load(DEV)
    asks = [i for i in items if i["kind"] == "ask"]
    abstains = [i for i in items if i["kind"] == "abstain"]
    base_first = base_any = base_chars = 0
    cb_first = cb_any = cb_chars = cb_exact = cb_fn_items = 0
    for item in asks:
        docs = tutorial_search(tutorial, item["question"])
        hit = first_hit(item["gold"], docs)
        base_first += hit == 0
        base_any += hit is not None
        base_chars += sum(len(d) for d in docs)
        answer = engine.ask(item["question"], top_k=3)
        quotes = [c.quote for c in answer.citations]
        chit = first_hit(item["gold"], quotes)
        cb_first += chit == 0
        cb_any += chit is not None
        cb_chars += sum(len(q) for q in quotes)
        if item.get("footnotes") is not None:
            cb_fn_items += 1
            cb_exact += chit is not None and list(answer.citations[chit].footnotes) == item["footnotes"]
    cb_abstain = sum(engine.ask(i["question"]).abstained for i in abstains)
    n = len(asks)
    return {
        "items": n,
        "chunks": len(chunks),
        "baseline_hit_first": base_first / n,
        "baseline_hit_any4": base_any / n,
        "baseline_chars": base_chars / n,
        "baseline_abstains": f"0/{len(abstains)} (never abstains)",
        "baseline_footnotes": "none given",
        "citebot_hit_first": cb_first / n,
        "citebot_hit_any3": cb_any / n,
        "citebot_chars": cb_chars / n,
        "citebot_abstains": f"{cb_abstain}/{len(abstains)}",
        "citebot_footnote_exact": cb_exact / cb_fn_items if cb_fn_items else float("nan"),
    }


def bench_cold_inprocess(data_dir: Path) -> float:
    """Seconds for a fresh Python process to import citebot, load the model and open the existing index."""
    code = (
        "import time; t=time.perf_counter(); from bot.factory import build_engine; from corpus.settings import "
        f"Settings; e=build_engine(Settings(data_dir=r'{data_dir}')); e.ask('Why did the Hanoi summit fail?'); "
        "print(time.perf_counter()-t)"
    )
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    total = time.perf_counter() - t0
    float(out.stdout.strip().splitlines()[-1])
    return total


# --------------------------------------------------------------------------------------------------- report
def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{platform.node()} · {cpu} · {os.cpu_count()} cores · {platform.system()} {platform.release()} · Python {platform.python_version()}"  # noqa: E501 - one table row per line


def fmt(v: Any, unit: str = "") -> str:
    if isinstance(v, float):
        return f"{v:.1f}{unit}" if unit in (" ms", " s", " req/s", " chars") else f"{v:.2f}{unit}"
    return f"{v}{unit}"


def report(results: dict[str, Any]) -> str:
    lines = [
        "# citebot benchmark results",
        "",
        f"- date: {results['date']}",
        f"- machine: {results['machine']}",
        f"- load average (1 min) at start / end: {results['load_start']:.2f} / {results['load_end']:.2f} "
        "(the 2 cores are shared with other work; higher load means slower figures)",
        "- command: `.venv/bin/python bench/run_bench.py`" + (f" ({results['note']})" if results.get("note") else ""),
        "",
    ]
    http = results.get("http")
    if http:
        lines += [
            "## HTTP `POST /chat` (warm, loopback, one `citebot serve` process)",
            "",
            "| load | requests | errors | p50 | p99 | throughput |",
            "|---|---|---|---|---|---|",
        ]
        for key, label in [
            ("c1_repeated", "concurrency 1, dev questions repeated"),
            ("c8_repeated", "concurrency 8, dev questions repeated"),
            ("c1_distinct", "concurrency 1, all-distinct messages"),
            ("c8_distinct", "concurrency 8, all-distinct messages"),
        ]:
            r = http[key]
            lines.append(
                f"| {label} | {r['requests']} | {r['errors']} | {fmt(r['p50_ms'], ' ms')} | {fmt(r['p99_ms'], ' ms')} "
                f"| {fmt(r['rps'], ' req/s')} |"
            )
        lines += [
            "",
            "Repeated questions reuse the engine's LRU of query vectors (the model is skipped); all-distinct",
            "messages never hit it, so they show the cost with the MiniLM forward pass on every request.",
            "",
            "## Cold start to ready (`citebot serve` spawn -> `GET /health` ready)",
            "",
            f"- first start, empty data dir (includes indexing the bundled brief): {fmt(http.get('cold_start_first_s', float('nan')), ' s')}",  # noqa: E501 - one table row per line
            f"- restart with the index on disk: {fmt(http['cold_start_restart_s'], ' s')}",
            "",
        ]
    ip = results["inprocess"]
    lines += [
        "## In process: `engine.ask` vs bare LangChain Chroma `similarity_search` (same index, same run)",
        "",
        "| call | p50 | p95 |",
        "|---|---|---|",
        f"| `engine.ask` (query cache off) | {fmt(ip['ask_p50_ms'], ' ms')} | {fmt(ip['ask_p95_ms'], ' ms')} |",
        f"| `Chroma.similarity_search(k=4)`, citebot's ONNX embedder | {fmt(ip['similarity_search_p50_ms'], ' ms')} | {fmt(ip['similarity_search_p95_ms'], ' ms')} |",  # noqa: E501 - one table row per line
        f"| `Chroma.similarity_search(k=4)`, `HuggingFaceEmbeddings` (plain LangChain) | {fmt(ip['hf_similarity_search_p50_ms'], ' ms')} | {fmt(ip['hf_similarity_search_p95_ms'], ' ms')} |",  # noqa: E501 - one table row per line
        f"| `engine.ask`, repeated question (query vector cached) | {fmt(ip['ask_cached_query_p50_ms'], ' ms')} | |",
        "",
        f"ratio ask / plain-LangChain similarity_search at p50: **{ip['ratio_hf_p50']:.2f}x**"
        f" (against the ONNX-embedded search: {ip['ratio_p50']:.2f}x) over {ip['calls']} distinct questions,"
        " interleaved call by call.",
        "",
        f"Cold start of a fresh process to a first answer (import, load model, open index, ask): {fmt(results['cold_process_s'], ' s')}",  # noqa: E501 - one table row per line
        "",
    ]
    bl = results["baseline"]
    lines += [
        f"## Tutorial RAG baseline vs citebot ({bl['items']} dev `ask` questions)",
        "",
        "| | answer in first chunk/quote | answer in any returned | chars to read | footnotes | abstains (3 dev items) |",  # noqa: E501 - one table row per line
        "|---|---|---|---|---|---|",
        f"| tutorial (RecursiveCharacterTextSplitter 1000/200 -> {bl['chunks']} chunks, Chroma + MiniLM, top-4) "
        f"| {bl['baseline_hit_first']:.2f} | {bl['baseline_hit_any4']:.2f} | {bl['baseline_chars']:.0f} | {bl['baseline_footnotes']} "  # noqa: E501 - one table row per line
        f"| {bl['baseline_abstains']} |",
        f"| citebot (top-3 verified quotes) | {bl['citebot_hit_first']:.2f} | {bl['citebot_hit_any3']:.2f} | {bl['citebot_chars']:.0f} "  # noqa: E501 - one table row per line
        f"| exact on {bl['citebot_footnote_exact']:.2f} | {bl['citebot_abstains']} |",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="benchmark this running server instead of starting one")
    parser.add_argument("--skip-http", action="store_true", help="only the in-process measurements")
    parser.add_argument("--requests-c1", type=int, default=100)
    parser.add_argument("--requests-c8", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "load_start": os.getloadavg()[0],
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
    }
    tmp = Path(tempfile.mkdtemp(prefix="citebot-bench-ip-"))
    try:
        results["inprocess"] = bench_inprocess(tmp / "data")
        results["baseline"] = bench_baseline(tmp / "data")
        results["cold_process_s"] = bench_cold_inprocess(tmp / "data")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not args.skip_http:
        results["http"] = bench_http(args.url, args.requests_c1, args.requests_c8)
    else:
        results["note"] = "--skip-http"
    results["load_end"] = os.getloadavg()[0]
    text = report(results)
    print(text)
    # Other benchmarks own marked sections of the same file (bench/results_section.py); keep them.
    old = args.out.read_text() if args.out.exists() else ""
    sections = [m.group(0) for m in re.finditer(r"<!-- (\w+):start -->.*?<!-- \1:end -->", old, re.S)]
    args.out.write_text(text + "\n" + "".join(f"\n{section}\n" for section in sections))
    (args.out.with_suffix(".json")).write_text(json.dumps(results, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
