"""Scoring an eval file (DESIGN.md format): ask, abstain and check items against a live engine."""

from __future__ import annotations

import importlib
import json
import re
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.engine import Answer, Engine
from corpus.errors import InputError

_MARKERS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+|\[\d+(?:,\s*\d+)*\]")
_TAGS = re.compile(r"<[^>]+>")
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "*": None})


def normalise(text: str) -> str:
    """DESIGN.md's normalisation: lowercase, whitespace collapsed, markers removed, quotes straight, no * or tags."""
    text = _TAGS.sub("", text)
    text = _MARKERS.sub("", text)
    text = text.translate(_STRAIGHT).lower()
    return re.sub(r"\s+", " ", text).strip()


def alt_hits(alt: str | Sequence[str], quote: str) -> bool:
    """An alt is a string or a list of strings that must all appear in the (normalised) quote."""
    q = normalise(quote)
    parts = [alt] if isinstance(alt, str) else list(alt)
    return all(normalise(p) in q for p in parts)


def first_hit(gold: Sequence[str | Sequence[str]], quotes: Sequence[str]) -> int | None:
    for i, quote in enumerate(quotes):
        if any(alt_hits(alt, quote) for alt in gold):
            return i
    return None


def load_items(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL eval file; InputError with the line number on a bad line."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no such eval file: {p}")
    items = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{p.name} line {n} is not JSON: {exc.msg}") from exc
        if not isinstance(item, dict) or item.get("kind") not in {"ask", "abstain", "check"}:
            raise InputError(f"{p.name} line {n}: kind must be ask, abstain or check")
        items.append(item)
    return items


@dataclass
class Report:
    ask: int = 0
    hit1: int = 0
    hit3: int = 0
    footnote_items: int = 0
    footnote_exact: int = 0
    citations: int = 0
    verified: int = 0
    abstain: int = 0
    abstained_ok: int = 0
    false_abstentions: int = 0
    check: int = 0
    check_skipped: int = 0
    check_correct: int = 0
    check_pairs: list[tuple[str, str]] = field(default_factory=list)  # (expected, got)
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def _pct(self, values: Sequence[float], q: float) -> float:
        if not values:
            return 0.0
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    def summary(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        out: dict[str, Any] = {
            "ask_items": self.ask,
            "hit@1": ratio(self.hit1, self.ask),
            "hit@3": ratio(self.hit3, self.ask),
            "footnote_exactness": ratio(self.footnote_exact, self.footnote_items),
            "verified_rate": ratio(self.verified, self.citations),
            "citations": self.citations,
            "abstain_items": self.abstain,
            "abstention_accuracy": ratio(self.abstained_ok, self.abstain),
            "false_abstentions": self.false_abstentions,
            "latency_ms_p50": round(statistics.median(self.latencies_ms), 1) if self.latencies_ms else None,
            "latency_ms_p95": round(self._pct(self.latencies_ms, 0.95), 1) if self.latencies_ms else None,
            "check_items": self.check,
            "check_skipped": self.check_skipped,
        }
        if self.check_pairs:
            out["check_accuracy"] = ratio(self.check_correct, len(self.check_pairs))
            per_class = {}
            for cls in ("supported", "contradicted", "not_found"):
                tp = sum(1 for e, g in self.check_pairs if e == g == cls)
                predicted = sum(1 for _, g in self.check_pairs if g == cls)
                actual = sum(1 for e, _ in self.check_pairs if e == cls)
                per_class[cls] = {"precision": ratio(tp, predicted), "recall": ratio(tp, actual)}
            out["check_per_class"] = per_class
        out["failures"] = self.failures
        return out


def _check_fn() -> Callable[..., Any] | None:
    """``bot.check.check_claim`` when that module exists (built separately); None otherwise."""
    try:
        module = importlib.import_module("bot.check")
    except ModuleNotFoundError as exc:
        if exc.name in {"bot.check"}:
            return None
        raise
    fn = getattr(module, "check_claim", None)
    return fn if callable(fn) else None


def run_eval(engine: Engine, items: Iterable[dict[str, Any]], *, top_k: int = 3, brief_id: str | None = None) -> Report:
    """Ask every item and score it. Latency is measured per ``engine.ask`` call (in-process, warm)."""
    report = Report()
    check = _check_fn()
    for item in items:
        kind = item["kind"]
        if kind == "check":
            report.check += 1
            if check is None:
                report.check_skipped += 1
                continue
            got = str(check(engine, item["claim"], brief_id=brief_id).verdict)
            report.check_pairs.append((item["verdict"], got))
            report.check_correct += got == item["verdict"]
            if got != item["verdict"]:
                report.failures.append(
                    {"id": item.get("id"), "claim": item["claim"], "expected": item["verdict"], "got": got}
                )
            continue
        started = time.perf_counter()
        answer: Answer = engine.ask(item["question"], brief_id=brief_id, top_k=top_k)
        report.latencies_ms.append((time.perf_counter() - started) * 1000)
        report.citations += len(answer.citations)
        report.verified += sum(1 for c in answer.citations if c.verified)
        if kind == "abstain":
            report.abstain += 1
            report.abstained_ok += answer.abstained
            if not answer.abstained:
                report.failures.append({"id": item.get("id"), "question": item["question"], "problem": "answered"})
            continue
        report.ask += 1
        report.false_abstentions += answer.abstained
        quotes = [c.quote for c in answer.citations]
        hit = first_hit(item["gold"], quotes[:3])
        report.hit1 += hit == 0
        report.hit3 += hit is not None
        expected = item.get("footnotes")
        exact = True
        if expected is not None:
            report.footnote_items += 1
            exact = hit is not None and list(answer.citations[hit].footnotes) == list(expected)
            report.footnote_exact += exact
        if hit != 0 or not exact:
            report.failures.append(
                {
                    "id": item.get("id"),
                    "question": item["question"],
                    "problem": "abstained"
                    if answer.abstained
                    else ("no hit" if hit is None else f"hit at {hit + 1}") + ("" if exact else ", footnotes differ"),
                    "first_quote": quotes[0] if quotes else None,
                }
            )
    return report
