"""Scoring an eval file (DESIGN.md format): ask, abstain and check items against a live engine.

Every item is run once and becomes an ``Outcome``; the figures (pooled, per document, and the abstention
coverage/precision table) are all computed from the same outcomes, so they always agree with each other.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from bot.claims.check import check_claim
from bot.engine import Engine
from bot.types import Answer
from corpus.errors import InputError
from corpus.loader import slugify

_MARKERS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+|\[\d+(?:,\s*\d+)*\]")
_TAGS = re.compile(r"<[^>]+>")
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "*": None})

KINDS = ("ask", "abstain", "check")
VERDICTS = ("supported", "contradicted", "not_found")
# Thresholds over Answer.confidence for the coverage/precision table. 0 is the engine's own rule; the margins
# the rule works with are a few hundredths to a few tenths, so steps of 0.05 show the trade-off either side.
THRESHOLDS = (-0.2, -0.15, -0.1, -0.05, 0.0, 0.05, 0.1, 0.15, 0.2, 0.3)


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


# ------------------------------------------------------------------------------------------------ the file
def _alias(item: dict[str, Any], name: str, alias: str, where: str) -> Any:
    """``item[name]``, or its alias from the several-documents format ("type" for "kind", "expect" for
    "verdict"); both given and different is an error rather than a silent pick."""
    value, other = item.get(name), item.get(alias)
    if value is not None and other is not None and value != other:
        raise InputError(f"{where}: {name} {value!r} and {alias} {other!r} disagree")
    return value if value is not None else other


def _item(raw: object, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: an item must be a JSON object")
    item = dict(raw)
    kind = _alias(item, "kind", "type", where)
    if kind not in KINDS:
        raise InputError(f"{where}: kind (or type) must be ask, abstain or check")
    item["kind"] = kind
    text_field = "claim" if kind == "check" else "question"
    if not isinstance(item.get(text_field), str) or not item[text_field].strip():
        raise InputError(f"{where}: a {kind} item needs a {text_field}")
    if kind == "ask" and (not isinstance(item.get("gold"), list) or not item["gold"]):
        raise InputError(f"{where}: an ask item needs a non-empty gold list")
    if kind == "check":
        verdict = _alias(item, "verdict", "expect", where)
        if verdict not in VERDICTS:
            raise InputError(f"{where}: verdict (or expect) must be one of {', '.join(VERDICTS)}")
        item["verdict"] = verdict
    for key in ("doc", "brief"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise InputError(f"{where}: {key} must be a string")
    return item


def load_items(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL eval file; InputError with the line number on a bad line. Each item gets ``line``."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no such eval file: {p}")
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {p.name} as UTF-8 text: {exc}") from exc
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{p.name} line {n} is not JSON: {exc.msg}") from exc
        items.append({**_item(raw, f"{p.name} line {n}"), "line": n})
    if not items:
        raise InputError(f"{p.name} has no items")
    return items


def doc_brief_id(doc: str) -> str:
    """The id ``citebot ingest`` gives a document file: its name without the extension, slugified."""
    return slugify(PurePath(doc).stem)


def assign_briefs(items: Sequence[dict[str, Any]], doc_ids: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Each item with the brief it is scoped to: the id its ``doc`` was ingested under (``doc_ids``, from
    ``--docs``), else its own ``brief``, else the id ingest would give its ``doc``; None when it names neither."""
    out = []
    for item in items:
        doc = item.get("doc")
        brief = item.get("brief")
        if doc is not None and doc_ids is not None and doc in doc_ids:
            brief = doc_ids[doc]
        elif brief is None and doc is not None:
            brief = doc_brief_id(doc)
        out.append({**item, "brief": brief})
    return out


# ------------------------------------------------------------------------------------------------- scoring
@dataclass(frozen=True)
class Outcome:
    """One item, run and scored."""

    item: dict[str, Any]
    kind: str
    brief: str | None
    abstained: bool = False
    hit: int | None = None  # index of the first of the top 3 quotes holding a gold string
    exact: bool | None = None  # footnotes of the hitting citation as expected; None when none are expected
    citations: int = 0
    verified: int = 0
    latency_ms: float | None = None
    confidence: float | None = None
    # Had it been answered: hit@3 for an ask item. Taken from the answer, or for an abstained item from the
    # engine's top passages, so the coverage table can say what a looser threshold would have served.
    would_hit: bool = False
    got: str | None = None  # check verdict
    failure: dict[str, Any] | None = None

    def row(self) -> dict[str, Any]:
        """One line per item for the JSON output, e.g. to calibrate abstention on the confidences."""
        out: dict[str, Any] = {"id": self.item.get("id"), "line": self.item.get("line"), "kind": self.kind}
        out["brief"] = self.brief
        if self.kind == "check":
            return {**out, "expected": self.item["verdict"], "got": self.got}
        confidence = None if self.confidence is None else round(self.confidence, 4)
        out.update(abstained=self.abstained, confidence=confidence)
        if self.kind == "ask":
            out.update(hit=None if self.hit is None else self.hit + 1, footnotes_exact=self.exact)
            out["hit@3_if_answered"] = self.would_hit
        return out


def _run_check(engine: Engine, item: dict[str, Any], scope: str | None, check: Callable[..., Any]) -> Outcome:
    got = str(check(engine, item["claim"], brief_id=scope).verdict)
    failure = None
    if got != item["verdict"]:
        failure = {"id": item.get("id"), "claim": item["claim"], "expected": item["verdict"], "got": got}
    return Outcome(item, "check", scope, got=got, failure=failure)


def _would_hit(engine: Engine, item: dict[str, Any], answer: Answer, scope: str | None, top_k: int) -> bool:
    quotes = [c.quote for c in answer.citations[:3]]
    if answer.abstained:
        quotes = [h.passage.text for h in engine.retrieve(item["question"], brief_id=scope, k=min(3, top_k))]
    return first_hit(item["gold"], quotes) is not None


def _run_question(engine: Engine, item: dict[str, Any], scope: str | None, top_k: int) -> Outcome:
    started = time.perf_counter()
    answer: Answer = engine.ask(item["question"], brief_id=scope, top_k=top_k)
    latency = (time.perf_counter() - started) * 1000
    base: dict[str, Any] = {
        "abstained": answer.abstained,
        "citations": len(answer.citations),
        "verified": sum(1 for c in answer.citations if c.verified),
        "latency_ms": latency,
        "confidence": answer.confidence,
    }
    if item["kind"] == "abstain":
        failure = None
        if not answer.abstained:
            failure = {"id": item.get("id"), "question": item["question"], "problem": "answered"}
        return Outcome(item, "abstain", scope, failure=failure, **base)
    quotes = [c.quote for c in answer.citations]
    hit = first_hit(item["gold"], quotes[:3])
    expected = item.get("footnotes")
    exact = None
    if expected is not None:
        exact = hit is not None and list(answer.citations[hit].footnotes) == list(expected)
    failure = None
    if hit != 0 or exact is False:
        problem = "abstained" if answer.abstained else ("no hit" if hit is None else f"hit at {hit + 1}")
        failure = {
            "id": item.get("id"),
            "question": item["question"],
            "problem": problem + (", footnotes differ" if exact is False and hit is not None else ""),
            "first_quote": quotes[0] if quotes else None,
        }
    would = hit is not None if not answer.abstained else _would_hit(engine, item, answer, scope, top_k)
    return Outcome(item, "ask", scope, hit=hit, exact=exact, would_hit=would, failure=failure, **base)


def run_eval(
    engine: Engine,
    items: Iterable[dict[str, Any]],
    *,
    top_k: int = 3,
    brief_id: str | None = None,
    check: Callable[..., Any] | None = check_claim,
) -> Report:
    """Ask every item, scoped to its own ``brief`` or else ``brief_id``, and score it. Latency is measured per
    ``engine.ask`` call (in-process, warm). ``check`` judges the claim items (None counts them as skipped)."""
    outcomes = []
    for item in items:
        scope = item.get("brief") or brief_id
        if item["kind"] != "check":
            outcomes.append(_run_question(engine, item, scope, top_k))
        elif check is None:
            outcomes.append(Outcome(item, "check", scope, got=None))
        else:
            outcomes.append(_run_check(engine, item, scope, check))
    return Report(outcomes)


# ------------------------------------------------------------------------------------------------- figures
def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _answered(o: Outcome, threshold: float | None) -> bool:
    """Whether the item is answered at a threshold over its confidence (None: the engine's own decision)."""
    if threshold is None or o.confidence is None:
        return not o.abstained
    return o.confidence >= threshold


def coverage_row(outcomes: Sequence[Outcome], threshold: float | None) -> dict[str, Any]:
    """Answered fraction of the ask and abstain items, and the precision of what was answered: an answered ask
    item is right when a gold string is in its top 3 quotes, an answered abstain item is always wrong."""
    pool = [o for o in outcomes if o.kind in ("ask", "abstain")]
    answered = [o for o in pool if _answered(o, threshold)]
    right = sum(1 for o in answered if o.kind == "ask" and o.would_hit)
    return {
        "threshold": threshold,
        "items": len(pool),
        "answered": len(answered),
        "coverage": _ratio(len(answered), len(pool)),
        "precision": _ratio(right, len(answered)),
        "abstain_items_answered": sum(1 for o in answered if o.kind == "abstain"),
        "ask_items_declined": sum(1 for o in pool if o.kind == "ask" and not _answered(o, threshold)),
    }


def separation(outcomes: Sequence[Outcome]) -> float | None:
    """How well the confidence ranks the two kinds of question (ROC AUC): the chance that an ask item whose top 3
    holds the answer has a higher confidence than an abstain item (ties count half). 0.5 is no better than chance;
    1.0 means some threshold answers all of the first and none of the second."""
    good = [o.confidence for o in outcomes if o.kind == "ask" and o.would_hit and o.confidence is not None]
    bad = [o.confidence for o in outcomes if o.kind == "abstain" and o.confidence is not None]
    if not good or not bad:
        return None
    wins = sum((g > b) + 0.5 * (g == b) for g in good for b in bad)
    return round(wins / (len(good) * len(bad)), 4)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def by_brief(self) -> dict[str, Report]:
        """The outcomes grouped by the brief each item was scoped to (``(library)``: the whole library)."""
        groups: dict[str, list[Outcome]] = {}
        for o in self.outcomes:
            groups.setdefault(o.brief or "(library)", []).append(o)
        return {name: Report(group) for name, group in groups.items()}

    def coverage(self, thresholds: Sequence[float] = THRESHOLDS) -> list[dict[str, Any]]:
        """The engine's own decision first, then each threshold over ``Answer.confidence``."""
        return [coverage_row(self.outcomes, None)] + [coverage_row(self.outcomes, t) for t in thresholds]

    def summary(self, *, failures: bool = True) -> dict[str, Any]:
        asks = [o for o in self.outcomes if o.kind == "ask"]
        abstains = [o for o in self.outcomes if o.kind == "abstain"]
        checks = [o for o in self.outcomes if o.kind == "check"]
        questions = asks + abstains
        latencies = [o.latency_ms for o in questions if o.latency_ms is not None]
        footnoted = [o for o in asks if o.exact is not None]
        out: dict[str, Any] = {
            "items": len(self.outcomes),
            "ask_items": len(asks),
            "hit@1": _ratio(sum(o.hit == 0 for o in asks), len(asks)),
            "hit@3": _ratio(sum(o.hit is not None for o in asks), len(asks)),
            "footnote_exactness": _ratio(sum(bool(o.exact) for o in footnoted), len(footnoted)),
            "verified_rate": _ratio(sum(o.verified for o in questions), sum(o.citations for o in questions)),
            "citations": sum(o.citations for o in questions),
            "abstain_items": len(abstains),
            "abstention_accuracy": _ratio(sum(o.abstained for o in abstains), len(abstains)),
            "false_abstentions": sum(o.abstained for o in asks),
            "latency_ms_p50": round(statistics.median(latencies), 1) if latencies else None,
            "latency_ms_p95": round(_pct(latencies, 0.95), 1) if latencies else None,
            "check_items": len(checks),
            "check_skipped": sum(o.got is None for o in checks),
        }
        pairs = [(o.item["verdict"], o.got) for o in checks if o.got is not None]
        if pairs:
            out["check_accuracy"] = _ratio(sum(e == g for e, g in pairs), len(pairs))
            out["check_per_class"] = {
                cls: {
                    "precision": _ratio(sum(e == g == cls for e, g in pairs), sum(g == cls for _, g in pairs)),
                    "recall": _ratio(sum(e == g == cls for e, g in pairs), sum(e == cls for e, _ in pairs)),
                }
                for cls in VERDICTS
            }
        if failures:
            out["failures"] = [o.failure for o in self.outcomes if o.failure is not None]
        return out

    def full_summary(self) -> dict[str, Any]:
        """The pooled figures at the top level (as for one document), plus ``per_document`` and ``coverage``."""
        out = self.summary()
        out["per_document"] = {name: r.summary(failures=False) for name, r in sorted(self.by_brief().items())}
        out["coverage"] = self.coverage()
        out["confidence_separation"] = separation(self.outcomes)
        out["outcomes"] = [o.row() for o in self.outcomes]
        return out
