"""Cold start of `citebot serve` (spawn -> `GET /health` ready), first start and restart, for one or more
checkouts of the code, interleaved round by round so each meets the same machine load.

    .venv/bin/python bench/bench_start.py                          # this checkout only
    .venv/bin/python bench/bench_start.py --before ../main --rounds 5   # A/B against another checkout

Each round, for each checkout: a first start on an empty data dir (indexes the bundled brief), then a restart on
the data dir it left. Prints the medians and updates its section of bench/RESULTS.md. Loopback only.

Vector cache: a checkout that has one (``index/onnxmodel/vector_cache.py``) is measured twice, without it
(``CITEBOT_VECTOR_CACHE=off``: what its code alone does) and with the bundled brief's vectors made beforehand by
``citebot model cache``, unmeasured, as ``make install`` makes them; the base checkout runs with the setting off too.

Bytecode: every start reads its compiled modules from one cache made for the run (``PYTHONPYCACHEPREFIX``), filled
by one unmeasured round per checkout first, as an installed citebot's are at install time. Without it, a shell with
``PYTHONDONTWRITEBYTECODE=1`` recompiles every citebot module on every start (~0.3 s of CPU), and a checkout that
happens to hold ``__pycache__`` folders and one that does not are not compared alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_section import machine, update_section  # noqa: E402
from run_bench import CITEBOT, _ready, free_port  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (all its threads), from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


Variant = tuple[Path, dict[str, str]]  # a checkout's code and the environment it runs with


def start(
    data_dir: Path, code: Path, pycache: Path, timeout_s: float = 300, extra: dict[str, str] | None = None
) -> tuple[float, float]:
    """Spawn `citebot serve` running the code in ``code``; (seconds to /health ready, CPU seconds it used)."""
    env = {**os.environ, "CITEBOT_DATA_DIR": str(data_dir), "PYTHONPATH": str(code), **(extra or {})}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)  # compiled once, then read (see the module docstring)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("CITEBOT_CHROMA_URL", None)
    port = free_port()
    began = time.perf_counter()
    proc = subprocess.Popen(
        [str(CITEBOT), "serve", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client() as client:
            while not _ready(client, f"http://127.0.0.1:{port}"):
                if proc.poll() is not None or time.perf_counter() - began > timeout_s:
                    raise RuntimeError("citebot serve exited or was not ready in time")
                time.sleep(0.02)
        return time.perf_counter() - began, cpu_seconds(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def one_round(variant: Variant, pycache: Path) -> dict[str, tuple[float, float]]:
    """First start and restart, each (wall seconds, CPU seconds), for one checkout and environment."""
    code, extra = variant
    tmp = Path(tempfile.mkdtemp(prefix="citebot-bench-start-"))
    try:
        first = start(tmp / "data", code, pycache, extra=extra)
        restart = start(tmp / "data", code, pycache, extra=extra)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"first": first, "restart": restart}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, help="another checkout to compare with (e.g. ../main)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    pycache = Path(tempfile.mkdtemp(prefix="citebot-bench-pycache-"))
    off = {"CITEBOT_VECTOR_CACHE": "off"}
    codes: dict[str, Variant] = {}
    if args.before:
        codes[f"before ({args.before.resolve().name})"] = (args.before.resolve(), off)
    if (ROOT / "index" / "onnxmodel" / "vector_cache.py").is_file():
        cache = pycache / "vector-cache.npz"  # made as `make install` makes it, before anything is measured
        made = {"CITEBOT_VECTOR_CACHE": str(cache)}
        env = {**os.environ, "PYTHONPATH": str(ROOT), **made}
        subprocess.run([str(CITEBOT), "model", "cache"], env=env, check=True, stdout=subprocess.DEVNULL)
        codes["this checkout, no vector cache"] = (ROOT, off)
        codes["this checkout, vector cache made at install"] = (ROOT, made)
    else:
        codes["this checkout"] = (ROOT, {})
    kinds = ("first", "restart")
    runs: dict[str, dict[str, list[tuple[float, float]]]] = {name: {k: [] for k in kinds} for name in codes}
    for code in codes.values():  # unmeasured: compiles each checkout's modules into the run's bytecode cache
        one_round(code, pycache)
    loads = [os.getloadavg()[0]]
    for _ in range(args.rounds):
        for name, code in codes.items():
            got = one_round(code, pycache)
            for kind in kinds:
                runs[name][kind].append(got[kind])
            print(f"{name}: {got} (load {os.getloadavg()[0]:.1f})", flush=True)
        loads.append(os.getloadavg()[0])

    def cell(values: list[tuple[float, float]], which: int) -> str:
        picked = [v[which] for v in values]
        return f"**{statistics.median(picked):.2f} s** ({', '.join(f'{v:.2f}' for v in picked)})"

    lines = [
        "## Cold start: `citebot serve` spawn -> `/health` ready (`bench/bench_start.py`)",
        "",
        f"- machine: {machine()}; load average by round: {', '.join(f'{x:.1f}' for x in loads)} "
        "(the 2 cores are shared with other work)",
        f"- {args.rounds} rounds; in each, every checkout once in turn: a first start on an empty data dir "
        "(indexes the bundled brief), then a restart; modules' bytecode compiled once beforehand (as at install); "
        "the vector cache, where a row uses it, made beforehand by `citebot model cache` (as at install)",
        "",
        "| code | first start, wall | first start, CPU | restart, wall | restart, CPU |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {cell(r['first'], 0)} | {cell(r['first'], 1)} | {cell(r['restart'], 0)} | "
            f"{cell(r['restart'], 1)} |"
            for name, r in runs.items()
        ),
        "",
        "Wall: spawn to `/health` ready, medians (runs). CPU: user + system seconds of the server process (all "
        "threads) by then, which moves less than wall time with the machine's load. Targets: restart <= 2.5 s, "
        "first start <= 4 s (wall).",
    ]
    text = "\n".join(lines)
    print(text)
    shutil.rmtree(pycache, ignore_errors=True)
    update_section(args.out, "bench_start", text)


if __name__ == "__main__":
    main()
