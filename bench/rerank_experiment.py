"""Would all-mpnet-base-v2, used only to rerank the top candidates, answer paraphrased questions better?

    PYTHONPATH=$PWD .venv/bin/python bench/rerank_experiment.py --mpnet /tmp/mpnet/all-mpnet-base-v2 --out R.json
    PYTHONPATH=$PWD .venv/bin/python bench/rerank_experiment.py --mpnet DIR --latency   # timing only

Quality. Two throwaway libraries: the real-dev documents (``../shared/eval/real-dev``), and the bundled brief (for
``../shared/eval/dev.jsonl``, ``bench/heldout.jsonl``, ``bench/heldout2.jsonl``). ``bot.qa.answer.rank`` is wrapped:
the current ranking is taken as is, its top N candidates get the mpnet cosine between the question and the
candidate's own text (``self``), its context view (``ctx``: the sentence with the one before it and its paragraph's
lead), or the better of the two (``max``), and are re-ordered by one of these mixes:

- ``add``: score + lam * cosine;
- ``swap``: the MiniLM dense term of the score, max(0.4 * self, 0.7 * context), replaced by the same term over mpnet
  cosines, times lam (lam = 1: the same slot, a better model);
- ``only``: the mpnet cosine alone (the current score only chose the N);
- ``field``: the head candidates' dense evidence (``dense_self``, ``dense_context``) replaced by lam * mpnet's, and
  all candidates ranked again by the unchanged ``rank`` (what a served stage could do without touching
  ``rank``; the tail keeps MiniLM's);
- ``blend``: the same with (1 - lam) * MiniLM + lam * mpnet.

Abstention is not touched (the stage only re-orders what is answered), and ask/abstain items are scored with the
project's own ``run_eval``; claim checks are left out. Candidates are memoised per question, so each setting costs
only the ranking and the mpnet vectors of texts not embedded before.

Latency (``--latency``): for the real-dev questions, the question and its top N candidates' texts through mpnet,
per question, on 1 and 2 threads: torch (sentence-transformers' pipeline by hand), and ONNX Runtime fp32 and int8
when ``--onnx DIR`` holds an export (``index.rerank_export.export_rerank_model``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from results_section import update_section  # noqa: E402

from bot.engine import Engine  # noqa: E402
from bot.evaluate import assign_briefs, load_items, run_eval  # noqa: E402
from bot.factory import build_engine, ingest_bundled  # noqa: E402
from bot.qa import answer as answering  # noqa: E402
from bot.qa.retrieval import Candidate  # noqa: E402
from cli.eval_cmd import documents, ingest_documents, parse_documents  # noqa: E402
from corpus.settings import get_settings  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
REAL_DEV = SHARED / "real-dev"


class TorchMpnet:
    """sentence-transformers' mean-pooled, normalised pipeline by hand (the model folder has no 2_Normalize)."""

    def __init__(self, folder: Path, threads: int = 1) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.set_num_threads(threads)
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
        self.max_len = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = []
        for i in range(0, len(texts), 16):
            batch = self.tokenizer(
                list(texts[i : i + 16]), padding=True, truncation=True, max_length=self.max_len, return_tensors="pt"
            )
            with self.torch.no_grad():
                hidden = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            out.append(self.torch.nn.functional.normalize(pooled, dim=1).numpy())
        return np.concatenate(out) if out else np.zeros((0, 768), dtype=np.float32)


class Cache:
    """Vectors by text, embedded in batches on first need (and kept in ``path`` between runs)."""

    def __init__(self, embed: Callable[[Sequence[str]], np.ndarray], path: Path | None = None) -> None:
        self.embed = embed
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        if path is not None and path.is_file():
            self.vectors = pickle.loads(path.read_bytes())
        self.seconds = 0.0

    def save(self) -> None:
        if self.path is not None:
            self.path.write_bytes(pickle.dumps(self.vectors))

    def get(self, texts: Sequence[str]) -> list[np.ndarray]:
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            started = time.perf_counter()
            for t, v in zip(missing, self.embed(missing), strict=True):
                self.vectors[t] = v
            self.seconds += time.perf_counter() - started
        return [self.vectors[t] for t in texts]


def _texts(engine: Engine, c: Candidate) -> tuple[str, str]:
    view = engine._current().views[c.position]
    return view.self_text, view.context_text or view.self_text


def make_rank(engine: Engine, cache: Cache, n: int, text: str, mix: str, lam: float) -> Callable[..., Any]:
    original = answering.rank

    def rank(
        candidates: Sequence[Candidate], question: str, anchor: Sequence[Any] = (), w: Any = answering.WEIGHTS
    ) -> list[tuple[Candidate, float]]:
        ranked = original(candidates, question, anchor, w)
        head, tail = ranked[:n], ranked[n:]
        if not head:
            return ranked
        own, ctx = zip(*(_texts(engine, c) for c, _ in head), strict=True)
        q, *vs = cache.get([question, *own, *ctx])
        sims = np.asarray(vs) @ q
        s_self, s_ctx = sims[: len(head)], sims[len(head) :]
        cos = {"self": s_self, "ctx": s_ctx, "max": np.maximum(s_self, s_ctx)}[text]
        if mix == "blend":
            # The two models' cosines averaged (lam: mpnet's share) in the same slot.
            new_c = {
                c.passage.id: dataclasses.replace(
                    c,
                    dense_self=(1 - lam) * c.dense_self + lam * float(a),
                    dense_context=(1 - lam) * c.dense_context + lam * float(b),
                    dense=max((1 - lam) * c.dense_self + lam * float(a), (1 - lam) * c.dense_context + lam * float(b)),
                )
                for (c, _), a, b in zip(head, s_self, s_ctx, strict=True)
            }
            return original([new_c.get(c.passage.id, c) for c in candidates], question, anchor, w)
        if mix == "field":
            # What a served stage can do without touching rank(): the head's dense evidence replaced by mpnet's,
            # and everything ranked again (the tail keeps MiniLM's cosines).
            new_c = {
                c.passage.id: dataclasses.replace(
                    c, dense_self=float(a), dense_context=float(b), dense=float(max(a, b))
                )
                for (c, _), a, b in zip(head, s_self * lam, s_ctx * lam, strict=True)
            }
            return original([new_c.get(c.passage.id, c) for c in candidates], question, anchor, w)
        rescored = []
        for i, (c, score) in enumerate(head):
            if mix == "add":
                new = score + lam * float(cos[i])
            elif mix == "swap":
                old = max(w.dense_self * c.dense_self, w.dense_context * c.dense_context)
                mp = max(w.dense_self * float(s_self[i]), w.dense_context * float(s_ctx[i]))
                new = score - old + lam * mp
            else:
                new = float(cos[i])
            rescored.append((c, new))
        rescored.sort(key=lambda cs: -cs[1])
        # The tail stays below the head whatever the mix does to the head's scale.
        floor = min(s for _, s in rescored)
        return rescored + [(c, min(s, floor)) for c, s in tail]

    return rank


def memoise_candidates(engine: Engine) -> None:
    original = engine._candidates
    memo: dict[Any, Any] = {}

    def candidates(state: Any, query: str, brief_id: Any, kinds: Any, k: int) -> Any:
        key = (query, brief_id, kinds, k)
        if key not in memo:
            memo[key] = original(state, query, brief_id, kinds, k)
        return memo[key]

    engine._candidates = candidates  # type: ignore[method-assign]


def _questions(path: Path) -> list[dict[str, Any]]:
    return [i for i in load_items(path) if i["kind"] in ("ask", "abstain")]


def engines() -> dict[str, tuple[Engine, list[dict[str, Any]]]]:
    settings = get_settings()
    real = _questions(REAL_DEV / "questions.jsonl")
    fresh = settings.model_copy(update={"data_dir": Path(tempfile.mkdtemp(prefix="rr-real-")), "chroma_url": None})
    real_engine = build_engine(fresh)
    real = assign_briefs(real, ingest_documents(real_engine, parse_documents(documents(real, REAL_DEV), settings)))
    bundled = settings.model_copy(update={"data_dir": Path(tempfile.mkdtemp(prefix="rr-brief-")), "chroma_url": None})
    brief_engine = build_engine(bundled)
    ingest_bundled(brief_engine, bundled)
    for e in (real_engine, brief_engine):
        memoise_candidates(e)
    return {
        "real-dev": (real_engine, real),
        "dev": (brief_engine, assign_briefs(_questions(SHARED / "dev.jsonl"))),
        "heldout": (brief_engine, assign_briefs(_questions(ROOT / "bench" / "heldout.jsonl"))),
        "heldout2": (brief_engine, assign_briefs(_questions(ROOT / "bench" / "heldout2.jsonl"))),
    }


def summarise(s: dict[str, Any]) -> dict[str, Any]:
    """One set's figures from ``Report.summary()``."""
    keys = ("hit@1", "hit@3", "footnote_exactness", "abstention_accuracy", "false_abstentions")
    out = {k: s.get(k) for k in keys}
    out["ask_items"], out["abstain_items"] = s["ask_items"], s["abstain_items"]
    out["misses"] = [f.get("id") or f.get("question", "")[:50] for f in s.get("failures", [])]
    return out


def pool(per_set: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Hit@1/3 over every ask item of every set, abstentions over every abstain item."""
    ask = sum(r["ask_items"] for r in per_set.values())
    h1 = sum(round((r["hit@1"] or 0) * r["ask_items"]) for r in per_set.values())
    h3 = sum(round((r["hit@3"] or 0) * r["ask_items"]) for r in per_set.values())
    abst = sum(r["abstain_items"] for r in per_set.values())
    ok = sum(round((r["abstention_accuracy"] or 0) * r["abstain_items"]) for r in per_set.values())
    false = sum(r["false_abstentions"] or 0 for r in per_set.values())
    return {"hit@1": h1 / ask, "hit@3": h3 / ask, "abstain_ok": f"{ok}/{abst}", "false": false, "ask": ask}


def quality(args: argparse.Namespace) -> None:
    sets = engines()
    cache = Cache(embedder(args), args.cache)
    grid: list[tuple[int, str, str, float]] = [(0, "self", "add", 0.0)]
    for n in args.n:
        for mix in args.mix:
            if mix == "add":
                grid += [(n, text, "add", lam) for text in ("self", "max") for lam in args.lam]
            elif mix == "only":
                grid += [(n, text, "only", 1.0) for text in ("self", "max")]
            else:
                grid += [(n, "max", mix, lam) for lam in args.swap_lam]
    results = []
    for n, text, mix, lam in grid:
        per_set = {}
        for name, (engine, items) in sets.items():
            # each set's wrapper reads its own engine's snapshot (the positions index its views)
            answering.rank = make_rank(engine, cache, n, text, mix, lam) if n else ORIGINAL_RANK
            try:
                per_set[name] = summarise(run_eval(engine, items).summary())
            finally:
                answering.rank = ORIGINAL_RANK
        row = {"setting": {"n": n, "text": text, "mix": mix, "lam": lam}, "sets": per_set, "pooled": pool(per_set)}
        results.append(row)
        p, r = row["pooled"], per_set["real-dev"]
        print(
            f"N={n:>2} {text:<4} {mix:<4} lam={lam:<4} real {r['hit@1']:.3f}/{r['hit@3']:.3f} "
            f"fn {r['footnote_exactness']:.3f}  pooled {p['hit@1']:.3f}/{p['hit@3']:.3f}  abst {p['abstain_ok']} "
            f"false {p['false']}  (mpnet {cache.seconds:.0f} s, {len(cache.vectors)} texts)",
            flush=True,
        )
        Path(args.out).write_text(json.dumps(results, indent=1))
        cache.save()


def embedder(args: argparse.Namespace) -> Callable[[Sequence[str]], np.ndarray]:
    if args.embed == "torch":
        return TorchMpnet(args.mpnet, threads=args.threads).embed
    from index.rerank import OnnxReranker

    return OnnxReranker.load(args.onnx, threads=args.threads, int8=args.embed == "int8").embed


ORIGINAL_RANK = answering.rank


# ------------------------------------------------------------------------------------------------- latency
def _samples(args: argparse.Namespace) -> list[tuple[str, list[str], list[str]]]:
    """Per real-dev question: its top candidates' own and context texts. With ``--cache`` (a quality run's
    vectors), no library is built: each question gets candidate texts drawn at random from the cached texts
    (the same population of lengths), which is what the timing depends on."""
    top = max(args.n)
    questions = [i["question"] for i in _questions(REAL_DEV / "questions.jsonl")][: args.questions]
    if args.cache is not None and args.cache.is_file():
        pool = [t for t in pickle.loads(args.cache.read_bytes()) if t not in set(questions)]
        rng = np.random.default_rng(0)
        out = []
        for q in questions:
            picks = [pool[i] for i in rng.choice(len(pool), 2 * top, replace=False)]
            out.append((q, picks[:top], picks[top:]))
        return out
    engine, items = engines()["real-dev"]
    samples = []
    for item in items[: args.questions]:
        state = engine._current()
        cands = engine._candidates(state, item["question"], item["brief"], None, 3)
        ranked = ORIGINAL_RANK(cands, item["question"])
        texts = [_texts(engine, c) for c, _ in ranked[:top]]
        samples.append((item["question"], [t[0] for t in texts], [t[1] for t in texts]))
    return samples


def latency(args: argparse.Namespace) -> None:
    samples = _samples(args)
    rows = []
    for threads in (1, 2):
        runners: dict[str, Callable[[Sequence[str]], np.ndarray]] = {}
        if not args.no_torch:
            runners["torch fp32"] = TorchMpnet(args.mpnet, threads).embed
        if args.onnx:
            from index.rerank import OnnxReranker

            for int8 in (False, True):
                r = OnnxReranker.load(args.onnx, threads=threads, int8=int8)
                runners["onnx int8" if int8 else "onnx fp32"] = r.embed
        for name, run in runners.items():
            run(["warm up", "a second text"])
            # The served variant (own text and context: up to 2N + 1 texts) at the smallest and largest N, and
            # own text only at the smallest: a full grid would take longer than the answers are worth.
            for n, text in ((min(args.n), "self"), (min(args.n), "max"), (max(args.n), "max")):
                times = []
                for q, own, ctx in samples:
                    # as served: each distinct text once (a passage with no context view has one)
                    batch = list(dict.fromkeys([q, *own[:n], *(ctx[:n] if text == "max" else [])]))
                    started = time.perf_counter()
                    run(batch)
                    times.append(1000 * (time.perf_counter() - started))
                row = {
                    "runtime": name,
                    "threads": threads,
                    "n": n,
                    "text": text,
                    "p50_ms": statistics.median(times),
                    "p95_ms": float(np.percentile(times, 95)),
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
                Path(args.out).write_text(json.dumps(rows, indent=1))
    Path(args.out).write_text(json.dumps(rows, indent=1))


# -------------------------------------------------------------------------------------------------- report
def _label(setting: dict[str, Any]) -> str:
    if not setting["n"]:
        return "current ranking (no rerank)"
    mix, lam, text = setting["mix"], setting["lam"], setting["text"]
    what = {
        "add": f"score + {lam} x cos({text})",
        "only": f"cos({text}) alone",
        "swap": f"dense term from mpnet x {lam}",
        "field": f"dense evidence := {lam} x mpnet",
        "blend": f"dense evidence := {1 - lam:g} MiniLM + {lam:g} mpnet",
    }[mix]
    return f"N={setting['n']}: {what}"


def _cell(s: dict[str, Any]) -> str:
    return f"{s['hit@1']:.3f} / {s['hit@3']:.3f}"


def report(quality_files: Sequence[Path], latency_file: Path | None, verdict: str) -> str:
    rows: list[dict[str, Any]] = []
    for f in quality_files:
        for row in json.loads(f.read_text()):
            if row["setting"] not in [r["setting"] for r in rows]:
                rows.append(row)
    lines = [
        "## Reranking the top candidates with all-mpnet-base-v2 (issue 10, paraphrase)",
        "",
        "`bench/rerank_experiment.py`: the current ranking's top N candidates get the cosine of all-mpnet-base-v2 "
        "(ONNX fp32 export) between the question and the candidate's own text (`self`) or the better of own text "
        "and context view (`max`), and are re-ordered by the mix named. hit@1 / hit@3 per set (real-dev: 60 ask "
        "items over 6 documents; dev: 14 and heldout / heldout2: 30 / 20 on the bundled brief); pooled over all "
        "124 ask items. Abstention is untouched by construction (the stage runs after the decision): 50/51 "
        "abstain items declined and 1 false abstention in every row.",
        "",
        "| setting | real-dev | real-dev fn exact | dev | heldout | heldout2 | **pooled** |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        s = row["sets"]
        lines.append(
            f"| {_label(row['setting'])} | {_cell(s['real-dev'])} | {s['real-dev']['footnote_exactness']:.3f} | "
            f"{_cell(s['dev'])} | {_cell(s['heldout'])} | {_cell(s['heldout2'])} | **{_cell(row['pooled'])}** |"
        )
    if latency_file is not None and latency_file.is_file():
        lines += [
            "",
            "Latency of the stage per question (the question and the N candidates' texts through mpnet in one batch; "
            "20 real-dev questions; milliseconds, p50 / p95). The machine's 2 cores were shared with other work "
            "(load average 3-14) while this ran, so absolute figures are pessimistic; compare rows with each other. "
            "For scale, the project's target for a whole /chat answer is p50 <= 50 ms (section bench_library). "
            "Rows marked `sampled` time batches of cached candidate texts drawn at random (10 questions), the "
            "others the real top candidates of 20 questions; the run was cut short to keep within the shared cores.",
            "",
            "| runtime | threads | N | texts | candidates | p50 ms | p95 ms |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in json.loads(latency_file.read_text()):
            texts = "own" if r["text"] == "self" else "own + context"
            lines.append(
                f"| {r['runtime']} | {r['threads']} | {r['n']} | {texts} | {r.get('candidates', 'real')} | "
                f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} |"
            )
    lines += ["", verdict]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mpnet", type=Path, required=True, help="the sentence-transformers model folder")
    parser.add_argument("--onnx", type=Path, default=None, help="an index.rerank_export folder")
    parser.add_argument("--out", default="rerank_experiment.json")
    parser.add_argument("--n", type=int, nargs="+", default=[8, 12, 20])
    parser.add_argument("--lam", type=float, nargs="+", default=[0.25, 0.5, 1.0, 2.0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--embed", choices=("torch", "onnx", "int8"), default="onnx", help="quality: mpnet runtime")
    parser.add_argument("--cache", type=Path, default=None, help="quality: keep mpnet vectors in this file")
    parser.add_argument("--mix", nargs="+", default=["add", "only", "swap", "field"])
    parser.add_argument("--swap-lam", type=float, nargs="+", default=[1.0, 1.5])
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--no-torch", action="store_true", help="latency: ONNX Runtime only")
    parser.add_argument("--report", type=Path, nargs="+", default=None, help="quality JSON files: write RESULTS.md")
    parser.add_argument("--latency-file", type=Path, default=None, help="with --report: a --latency JSON file")
    parser.add_argument("--verdict", type=Path, default=None, help="with --report: a file with the conclusion")
    parser.add_argument("--questions", type=int, default=40, help="latency: how many real-dev questions")
    args = parser.parse_args()
    if args.report:
        verdict = args.verdict.read_text() if args.verdict else ""
        text = report(args.report, args.latency_file, verdict)
        update_section(ROOT / "bench" / "RESULTS.md", "bench_rerank", text)
        print(text)
        return
    (latency if args.latency else quality)(args)


if __name__ == "__main__":
    main()
