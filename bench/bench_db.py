"""What the database adds to one ``/chat``: the storage calls a follow-up question makes (the library's version
check, the session's earlier questions, the exchange recorded), timed on the embedded SQLite file and on
PostgreSQL over loopback, against the issue-12 target of at most 3 ms more at p50 on PostgreSQL.

    .venv/bin/python bench/bench_db.py [--n 500] [--pg-url postgresql://...]

Without ``--pg-url`` a throwaway cluster is started with tests/pg.py (Debian's postgresql; as ``postgres`` under
root) and removed afterwards. Prints a table; writes nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.sessions import SessionStore  # noqa: E402
from corpus.settings import Settings  # noqa: E402
from index.db import connect  # noqa: E402
from index.db.migrate import upgrade  # noqa: E402
from index.library import BriefRepository  # noqa: E402

PAYLOAD = '{"abstained": false, "citations": [{"quote": "' + "x" * 600 + '"}]}'


def chat_storage(settings: Settings) -> dict[str, Callable[[], None]]:
    """One /chat follow-up's storage work, as the engine and the chat route do it, step by step."""
    repository = BriefRepository(settings)
    sessions = SessionStore(repository.db)
    session_id = sessions.record(None, "first question", "first answer", PAYLOAD)
    return {
        "stamp": repository.stamp,  # Engine._current: has another process changed the library?
        "history": lambda: sessions.user_messages(session_id),  # what a follow-up is resolved against
        "record": lambda: sessions.record(session_id, "a follow-up question", "its answer", PAYLOAD),
    }


def timings(steps: dict[str, Callable[[], None]], n: int) -> dict[str, list[float]]:
    """Per step and in total ("chat"), in ms."""
    for _ in range(20):  # warm the pool and the caches
        for step in steps.values():
            step()
    out: dict[str, list[float]] = {name: [] for name in [*steps, "chat"]}
    for _ in range(n):
        total = 0.0
        for name, step in steps.items():
            started = time.perf_counter()
            step()
            took = (time.perf_counter() - started) * 1000
            out[name].append(took)
            total += took
        out["chat"].append(total)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--pg-url", default=None)
    args = parser.parse_args()
    cluster = None
    pg_url = args.pg_url
    if pg_url is None:
        from tests.pg import start_cluster

        cluster = start_cluster()
        pg_url = cluster.create_database()
    try:
        db = connect.create(pg_url)
        upgrade(db)
        db.engine.dispose()
        with tempfile.TemporaryDirectory() as folder:
            rows = {
                "SQLite file": timings(chat_storage(Settings(data_dir=Path(folder) / "sqlite")), args.n),
                "PostgreSQL (loopback)": timings(
                    chat_storage(Settings(data_dir=Path(folder) / "pg", database_url=pg_url)), args.n
                ),
            }
    finally:
        if cluster is not None:
            from tests.pg import stop_cluster

            stop_cluster(cluster)
    print(f"storage work of one /chat follow-up, n={args.n}, load average {os.getloadavg()[0]:.1f}")
    print(f"{'database':<24}{'stamp':>8}{'history':>9}{'record':>8}{'chat p50':>10}{'chat p90':>10}  (ms)")
    p50 = {}
    for name, steps in rows.items():
        p50[name] = statistics.median(steps["chat"])
        p90 = statistics.quantiles(steps["chat"], n=10)[8]
        parts = "".join(
            f"{statistics.median(steps[s]):>{w}.2f}" for s, w in (("stamp", 8), ("history", 9), ("record", 8))
        )
        print(f"{name:<24}{parts}{p50[name]:>10.2f}{p90:>10.2f}")
    added = p50["PostgreSQL (loopback)"] - p50["SQLite file"]
    print(f"PostgreSQL adds {added:+.2f} ms at p50 (target: at most +3 ms)")


if __name__ == "__main__":
    main()
