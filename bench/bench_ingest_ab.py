"""Ingest time of the generated 20-page PDF (parse + embed + Chroma) for two checkouts of the code, in the same
run: each repeat ingests it once per checkout, in turn, in a fresh process with the model loaded and warmed
before the clock starts, so both meet the same machine load.

    .venv/bin/python bench/bench_ingest_ab.py --before ../main --repeats 3

Prints wall and CPU seconds (user + system, all threads, and of child processes) and updates its section of
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_section import machine, update_section  # noqa: E402

# Runs in the checkout under test (its own code first on sys.path); prints one JSON line.
CHILD = """
import json, os, resource, sys, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
from bot.engine import Engine
from corpus.loader import parse_bytes
from corpus.settings import Settings
from index.embeddings import load_embedder
from index.library import BriefRepository
from index.store import make_store
data, tmp = Path(sys.argv[1]).read_bytes(), Path(sys.argv[2])
settings = Settings(data_dir=tmp)
settings.ensure_dirs()
embedder = load_embedder(settings)
embedder.embed_query("warm up")
engine = Engine(settings, embedder, make_store(settings, embedder), BriefRepository(settings))
engine.store.count()  # open the collection before timing
# this process and any it waited for (a checkout that reads PDF pages in a worker process pays for it too)
usage = lambda: sum(sum(resource.getrusage(who)[:2]) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
t, c = time.perf_counter(), usage()
report = engine.ingest(parse_bytes(data, "generated-brief.pdf"))
wall = time.perf_counter() - t
# a checkout that starts its page worker from multiprocessing's fork server: stop the server, so that its CPU and
# its worker's (a child of the server, not of this process) are counted once it is reaped
import multiprocessing.forkserver as fs
fs._forkserver._stop()
cpu = usage() - c
method = getattr(sys.modules.get("corpus.formats.pdf_pages"), "start_method", None)
worker = method(True) if method else "fork"
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
passages = getattr(embedder, "passage_model_file", None)  # code from before the int8 passage model has none
model = passages().name if passages else "model.onnx"
print(json.dumps({"wall": wall, "cpu": cpu, "vectors": engine.store.count(), "status": report.status, "rss_mb": rss,
                  "passage_model": model, "worker": worker}))
"""


def one(code: Path, pdf: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="citebot-bench-ingest-ab-") as tmp:
        env = {**os.environ, "PYTHONPATH": str(code), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
        env.pop("CITEBOT_CHROMA_URL", None)
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(pdf), tmp], env=env, cwd=code, capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the checkout to compare with (e.g. ../main)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--pdf", type=Path, help="a PDF of your own instead of the generated 20-page one")
    args = parser.parse_args()
    from bench_ingest import build_pdf

    if args.pdf is not None:
        import pdfplumber

        data = args.pdf.read_bytes()
        with pdfplumber.open(args.pdf) as opened:
            pages = len(opened.pages)
    else:
        data, _, pages = build_pdf(20, 60)
    what = f"`{args.pdf.name}` ({pages} pages)" if args.pdf is not None else f"the {pages}-page PDF"
    codes = {f"before ({args.before.resolve().name})": args.before.resolve(), "this checkout": ROOT}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in codes}
    loads = [os.getloadavg()[0]]
    export = os.environ.get("CITEBOT_ONNX_DIR") or "the installed one"
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "generated-brief.pdf"
        pdf.write_bytes(data)
        for _ in range(args.repeats):
            for name, code in codes.items():
                runs[name].append(one(code, pdf))
                print(name, runs[name][-1], f"load {os.getloadavg()[0]:.1f}", flush=True)
            loads.append(os.getloadavg()[0])

    def med(name: str, key: str) -> float:
        return float(statistics.median(r[key] for r in runs[name]))

    def cell(name: str, key: str) -> str:
        return f"**{med(name, key):.2f} s** ({', '.join(f'{r[key]:.2f}' for r in runs[name])})"

    before, after = codes
    started = ", ".join(f"{name}: {runs[name][0].get('worker', 'fork')}" for name in codes)
    vectors = {name: int(runs[name][0]["vectors"]) for name in codes}
    lines = [
        f"## Ingest before/after in one run: {what} (`bench/bench_ingest_ab.py`)",
        "",
        f"- machine: {machine()}; load average by round: {', '.join(f'{x:.1f}' for x in loads)} "
        "(the 2 cores are shared with other work)",
        f"- {args.repeats} repeats, the two checkouts in turn, each in a fresh process with the model loaded; "
        "parse + embed + Chroma; CPU counts child processes (a PDF page worker, and the fork server it may come "
        f"from); page worker started by: {started}; ONNX export: {export}",
        "",
        "| code | vectors | passages embedded by | wall, median (runs) | CPU, median (runs) | peak RSS |",
        "|---|---|---|---|---|---|",
        *(
            f"| {name} | {vectors[name]} | {runs[name][0]['passage_model']} | {cell(name, 'wall')} | "
            f"{cell(name, 'cpu')} | "
            f"{statistics.median(r['rss_mb'] for r in runs[name]):.0f} MB |"
            for name in codes
        ),
        "",
        f"Speed-up (median wall, before / after): **{med(before, 'wall') / med(after, 'wall'):.2f}x**; "
        f"CPU: {med(before, 'cpu') / med(after, 'cpu'):.2f}x. Target >= 1.4x.",
    ]
    text = "\n".join(lines)
    print(text)
    update_section(args.out, "bench_ingest_ab" if args.pdf is None else "bench_ingest_ab_pdf", text)


if __name__ == "__main__":
    main()
