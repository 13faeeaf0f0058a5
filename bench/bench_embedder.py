"""The embedder on ONNX Runtime against sentence-transformers (torch), measured side by side in one run.

    .venv/bin/python bench/bench_embedder.py            # prints one JSON object

- cold: a fresh process imports citebot's embedder, loads the model and embeds one text (median of 3);
- query: distinct questions from the dev file, one at a time on one thread, the paths interleaved (p50, p95);
- bulk: every embedded view of the bundled brief in one call on all cores (best of 3);
- batching: 8 threads asking distinct questions at once, through the QueryBatcher and without it (ONNX fp32);
- threads: one question on 1 thread and on all cores (ONNX fp32).
Loopback only, fixed small counts, no timed assertions anywhere.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.loader import load_brief  # noqa: E402
from corpus.settings import BUNDLED_BRIEFS, Settings  # noqa: E402
from index.batching import QueryBatcher  # noqa: E402
from index.embeddings import load_embedder, query_embed_many  # noqa: E402
from index.threads import embed_threads  # noqa: E402
from index.views import passage_views  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
PATHS = {"onnx": {"embedder": "onnx"}, "int8": {"embedder": "onnx", "onnx_int8": True}, "torch": {"embedder": "torch"}}
COLD = """
import time, sys
t0 = time.perf_counter()
from corpus.settings import Settings
from index.embeddings import load_embedder
load_embedder(Settings(**{kw})).embed_query("warm up")
print(time.perf_counter() - t0, "torch" in sys.modules)
"""


def questions() -> list[str]:
    items = [json.loads(line) for line in DEV.read_text().splitlines() if line.strip()]
    return [i.get("question") or i.get("claim") for i in items]


def views() -> list[str]:
    texts = []
    for v in passage_views(load_brief(BUNDLED_BRIEFS / "issi-2022-us-north-korea-talks.txt")):
        texts.append(v.self_text)
        if v.context_text:
            texts.append(v.context_text)
    return texts


def ms(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cold(kw: dict[str, Any]) -> dict[str, Any]:
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", COLD.replace("{kw}", repr(kw))],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=True,
        ).stdout.split()
        runs.append(float(out[0]))
    return {"s": round(statistics.median(runs), 2), "torch_loaded": out[1] == "True"}


def concurrent(embed: Callable[[str], Any], qs: list[str], workers: int = 8) -> dict[str, float]:
    per_call: list[float] = []
    lock = threading.Lock()
    chunks = [qs[i::workers] for i in range(workers)]

    def run(chunk: list[str]) -> None:
        for q in chunk:
            t = ms(lambda q=q: embed(q))
            with lock:
                per_call.append(t)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=run, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"p50_ms": round(statistics.median(per_call), 1), "wall_s": round(time.perf_counter() - t0, 2)}


def main() -> None:
    out: dict[str, Any] = {"cold": {name: cold(kw) for name, kw in PATHS.items()}}
    embedders = {name: load_embedder(Settings(**kw)) for name, kw in PATHS.items()}
    qs = questions()
    query: dict[str, list[float]] = {name: [] for name in PATHS}
    with embed_threads(1):
        for q in qs[:10]:
            for e in embedders.values():
                e.embed_query(q)
        for i, q in enumerate(qs):
            text = f"{q} ({i})"  # distinct texts: nothing is cached anywhere
            for name, e in embedders.items():
                query[name].append(ms(lambda e=e, text=text: e.embed_query(text)))
    out["query_1_thread"] = {
        name: {"p50_ms": round(statistics.median(v), 2), "p95_ms": round(pct(v, 0.95), 2), "n": len(v)}
        for name, v in query.items()
    }
    texts = views()
    with embed_threads(0):
        out["bulk_bundled_views"] = {
            name: {"s": round(min(ms(lambda e=e: e.embed_documents(texts)) for _ in range(3)) / 1000, 2)}
            for name, e in embedders.items()
        }
    out["bulk_bundled_views"]["texts"] = len(texts)
    onnx = embedders["onnx"]
    distinct = [f"{q} [{i}]" for i, q in enumerate(qs * 2)][:160]
    batcher = QueryBatcher(query_embed_many(onnx, threads=1))

    def direct(text: str) -> Any:
        with embed_threads(1):
            return onnx.embed_query(text)

    out["c8_onnx"] = {
        "batched": concurrent(batcher.embed, [f"b {q}" for q in distinct]),
        "unbatched": concurrent(direct, [f"u {q}" for q in distinct]),
    }
    threads_ms: dict[str, list[float]] = {"1": [], "all": []}
    for i, q in enumerate(qs):
        for key, count in (("1", 1), ("all", 0)):
            with embed_threads(count):
                threads_ms[key].append(ms(lambda q=q, key=key, i=i: onnx.embed_query(f"{q} {key}{i}")))
    out["onnx_query_threads"] = {k: {"p50_ms": round(statistics.median(v), 2)} for k, v in threads_ms.items()}
    out["load_average"] = os.getloadavg()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
