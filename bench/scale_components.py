"""Per-question costs of the parts that grow with the library, timed at 1,000 briefs in process, for when the
scale curve's real library could not be grown that far on this machine (``bench/bench_scale.py``).

    .venv/bin/python bench/scale_components.py --library /tmp/lib --briefs 1000

The kept library's real briefs are read back and repeated under new ids up to ``--briefs``, so the phrase
tables and the lexical index have the real briefs' sizes (but each word occurs in 1,000/N times as many
briefs as it would in 1,000 distinct ones: a harder case for the phrase tables). The dense matrix has as many rows
as 1,000 such briefs would store, filled with random unit vectors (its cost does not depend on the values).
Questions are the scale bench's own (``questions_for``). Everything is timed on one thread, CPU time (this
machine's cores are shared, and CPU time is what other work inflates least) and wall time.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

JSON_OUT = ROOT / "bench" / "RESULTS_scale.json"


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    """Median wall and CPU ms of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return {"wall_ms": round(statistics.median(walls), 3), "cpu_ms": round(statistics.median(cpus), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", type=Path, required=True, help="a data directory the scale bench grew")
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--json", type=Path, default=JSON_OUT)
    args = parser.parse_args()

    from bench_scale import question_pool

    from bot.qa.index_state import IndexState
    from bot.qa.phrases import OPTIONAL_IN_NAMES, LibraryPhrases
    from bot.qa.stored_vectors import DenseMatrix
    from corpus.settings import Settings
    from index.lexical import LexicalIndex, content_terms, phrase_key
    from index.library import BriefRepository

    real = BriefRepository(Settings(data_dir=args.library)).all()
    state = IndexState.build(real)
    state.warm()
    copies = -(-args.briefs // len(real))
    ids = [(b.id, k) for k in range(copies) for b in real][: args.briefs]
    per_brief = {b: state.parts[b].phrases[0] for b in state.briefs}
    postings = {f"{b}#{k}": per_brief[b] for b, k in ids}
    out: dict[str, Any] = {"real_briefs": len(real), "briefs": args.briefs}

    t = time.process_time()
    tables = LibraryPhrases.build(postings)
    out["phrase_tables_build_cpu_s"] = round(time.process_time() - t, 3)
    one_more = dict(postings)
    one_more["extra#0"] = per_brief[real[0].id]
    t = time.process_time()
    LibraryPhrases.build(one_more, previous=tables)
    out["phrase_tables_add_one_cpu_ms"] = round((time.process_time() - t) * 1000, 2)

    questions = [q.text for q in question_pool(len(real), args.questions, seed=99)]
    names: list[list[str]] = []
    acronyms: list[list[str]] = []
    for q in questions:
        for m in re.findall(r"\b[A-Z][\w'-]+(?: [A-Z][\w'-]+)*", q):
            words = [w for w in phrase_key(m).split() if w not in OPTIONAL_IN_NAMES]
            names += [words] if words else []
        acronyms += [list(a.lower()) for a in re.findall(r"\b[A-Z]{2,6}\b", q)]
    every = list(postings.values())

    def per_brief_loop() -> None:  # the code before: each brief's postings asked in turn
        for n in names:
            all(any(p.has_word(w) for p in every) for w in n)
            any(p.mentions(n) for p in every)
        for a in acronyms:
            any(p.spells_out(a) for p in every)

    def library_tables() -> None:
        for n in names:
            all(tables.has_word(w) for w in n)
            tables.mentions(n)
        for a in acronyms:
            tables.spells_out(a)

    assert [tables.mentions(n) for n in names] == [any(p.mentions(n) for p in every) for n in names]
    assert [tables.spells_out(a) for a in acronyms] == [any(p.spells_out(a) for p in every) for a in acronyms]
    per_q = len(questions)
    before, after = timed(per_brief_loop, 3), timed(library_tables, 3)
    out["name_checks"] = {
        "names": len(names),
        "acronyms": len(acronyms),
        "per_brief_loop_cpu_ms_per_question": round(before["cpu_ms"] / per_q, 3),
        "library_tables_cpu_ms_per_question": round(after["cpu_ms"] / per_q, 3),
    }

    # The lexical index over the repeated briefs' parts, scored for the questions' terms.
    parts = {b: state.parts[b] for b in state.briefs}
    lexical = LexicalIndex.from_parts([parts[b].lexical for b, _ in ids])
    context = LexicalIndex.from_parts([parts[b].context for b, _ in ids])
    terms = [content_terms(q) for q in questions]
    lex = timed(lambda: [(lexical.scores(t), context.scores(t)) for t in terms], 3)
    out["lexical"] = {"documents": lexical.size, "cpu_ms_per_question": round(lex["cpu_ms"] / per_q, 3)}

    # The dense matrix: as many rows as the repeated briefs' views store.
    per_view = [2 if v.context_text else 1 for b, _ in ids for v in parts[b].views]
    rows = sum(per_view)
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(rows, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    positions = np.repeat(np.arange(len(per_view)), per_view)
    context = np.concatenate([[False, True][:n] for n in per_view])
    matrix = DenseMatrix(vectors, positions, context)
    queries = rng.normal(size=(50, 384)).astype(np.float32)
    one_brief = np.arange(len(parts[real[0].id].views))  # the first brief's views
    qi = iter(range(10**9))
    library_wide = timed(lambda: matrix.top(queries[next(qi) % 50].tolist(), 24, None), 50)
    scoped = timed(lambda: matrix.top(queries[next(qi) % 50].tolist(), 24, one_brief), 50)
    isin = timed(lambda: np.flatnonzero(np.isin(positions, one_brief)), 50)
    out["dense"] = {
        "rows": rows,
        "matrix_mb": round(vectors.nbytes / 2**20, 1),
        "library_wide_top24": library_wide,
        "scoped_top24": scoped,
        "scoped_row_lookup_before_isin": isin,
    }
    results = json.loads(args.json.read_text()) if args.json.exists() else {}
    results["components_at_scale"] = out
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    random.seed(0)
    main()
