"""Eval scoring: normalisation, hits, footnote exactness, abstention, check items, per-document grouping, the
coverage/precision table, and the file format (aliases, bad files)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot import evaluate
from bot.evaluate import Report, alt_hits, assign_briefs, coverage_row, load_items, normalise, run_eval
from bot.qa import answer as answering
from bot.types import Answer, Hit
from corpus.errors import InputError
from corpus.models import Citation, Passage

# ------------------------------------------------------------------------------------- a fake engine (seam)


def _citation(quote: str, footnotes: tuple[int, ...] = (), brief: str = "doc-a") -> Citation:
    return Citation(quote, footnotes, (), brief, 0, len(quote), "sentence", 1.0, verified=True)


def _answer(quotes: list[tuple[str, tuple[int, ...]]], confidence: float) -> Answer:
    cites = tuple(_citation(q, fn) for q, fn in quotes)
    return Answer(" ".join(q for q, _ in quotes), cites, not cites, confidence)


@dataclass
class FakeEngine:
    """Answers from a table: question -> Answer; ``retrieve`` gives the passages an abstained answer would quote."""

    answers: dict[str, Answer]
    passages: dict[str, list[str]] = field(default_factory=dict)
    asked: list[tuple[str, str | None]] = field(default_factory=list)

    def ask(self, message: str, *, brief_id: str | None = None, top_k: int = 3) -> Answer:
        self.asked.append((message, brief_id))
        return self.answers[message]

    def retrieve(self, query: str, *, brief_id: str | None = None, k: int = 10) -> list[Hit]:
        texts = self.passages.get(query, [])[:k]
        return [
            Hit(Passage(f"p{i}", brief_id or "x", "sentence", t, 0, len(t), 1), 0.1, 0.1, 0.1)
            for i, t in enumerate(texts)
        ]


def _run(engine: FakeEngine, items: list[dict[str, Any]], **kw: Any) -> Report:
    return run_eval(engine, items, **kw)  # type: ignore[arg-type]


ANSWERS = {
    "q-first": _answer([("The river floods every spring.", (3,)), ("Other text.", (4,))], 0.3),
    "q-second": _answer([("Unrelated.", (1,)), ("Markets close at noon on Fridays.", (2,))], 0.1),
    "q-none": _answer([("Nothing useful.", (1,))], 0.05),
    "q-abstained": _answer([], -0.1),
    "q-declined-right": _answer([], -0.02),
    "q-answered-wrongly": _answer([("A loosely related sentence.", (7,))], 0.02),
}

ITEMS: list[dict[str, Any]] = [
    {"kind": "ask", "question": "q-first", "gold": ["river floods every spring"], "footnotes": [3], "brief": "doc-a"},
    {"kind": "ask", "question": "q-second", "gold": ["close at noon"], "footnotes": [9], "brief": "doc-a"},
    {"kind": "ask", "question": "q-none", "gold": ["not there"], "footnotes": None, "brief": "doc-b"},
    {"kind": "ask", "question": "q-abstained", "gold": ["the answer"], "footnotes": [1], "brief": "doc-b"},
    {"kind": "abstain", "question": "q-declined-right", "brief": "doc-a"},
    {"kind": "abstain", "question": "q-answered-wrongly", "brief": "doc-b"},
]


@pytest.fixture
def fake() -> FakeEngine:
    return FakeEngine(dict(ANSWERS), passages={"q-abstained": ["Here is the answer, all along."]})


# ---------------------------------------------------------------------------------------- normalising, hits


def test_normalise_follows_design():
    assert normalise("  “Failure”  of the\n*Hanoi* <b>Summit</b>.¹¹ [11]") == '"failure" of the hanoi summit.'


@pytest.mark.parametrize(
    ("alt", "quote", "hit"),
    [
        ("they came to a halt", "According to Trump, They came  to a halt because", True),
        (["january 25, 2022", "land attack"], "Date: January 25, 2022; Missile type: Land attack cruise missile", True),
        (["january 25, 2022", "kn-23"], "Date: January 25, 2022; Missile type: Land attack cruise missile", False),
        ("north korea's newest icbm", "“Does Size Matter? North Korea’s Newest ICBM,”", True),
    ],
)
def test_alt_hits(alt, quote, hit):
    assert alt_hits(alt, quote) is hit


# ------------------------------------------------------------------------------------------ scoring (fake)


def test_hits_and_footnote_exactness_on_fake_answers(fake):
    s = _run(fake, ITEMS).summary()
    assert s["ask_items"] == 4
    assert s["hit@1"] == 0.25  # only q-first hits with its first quote
    assert s["hit@3"] == 0.5  # q-second hits with its second quote
    assert s["footnote_exactness"] == pytest.approx(1 / 3, abs=1e-3)  # q-second's [2] is not [9]; q-abstained missed
    assert s["false_abstentions"] == 1
    assert s["abstention_accuracy"] == 0.5
    assert s["verified_rate"] == 1.0


def test_failures_say_what_went_wrong(fake):
    problems = {f["question"]: f["problem"] for f in _run(fake, ITEMS).summary()["failures"]}
    assert problems == {
        "q-second": "hit at 2, footnotes differ",
        "q-none": "no hit",
        "q-abstained": "abstained",
        "q-answered-wrongly": "answered",
    }


def test_each_item_is_asked_in_its_own_brief(fake):
    _run(fake, [*ITEMS, {"kind": "abstain", "question": "q-declined-right"}], brief_id="fallback")
    assert [b for _, b in fake.asked] == ["doc-a", "doc-a", "doc-b", "doc-b", "doc-a", "doc-b", "fallback"]


def test_per_document_figures_split_the_pooled_ones(fake):
    report = _run(fake, ITEMS)
    groups = report.by_brief()
    assert set(groups) == {"doc-a", "doc-b"}
    a, b = groups["doc-a"].summary(), groups["doc-b"].summary()
    assert (a["hit@1"], a["hit@3"], a["abstention_accuracy"], a["items"]) == (0.5, 1.0, 1.0, 3)
    assert (b["hit@1"], b["hit@3"], b["abstention_accuracy"], b["false_abstentions"]) == (0.0, 0.0, 0.0, 1)
    full = report.full_summary()
    assert set(full["per_document"]) == {"doc-a", "doc-b"}
    assert "failures" not in full["per_document"]["doc-a"]
    assert full["hit@1"] == 0.25


def test_json_lists_every_item_with_its_confidence(fake):
    rows = _run(fake, ITEMS).full_summary()["outcomes"]
    assert [r["kind"] for r in rows] == ["ask", "ask", "ask", "ask", "abstain", "abstain"]
    assert rows[1] == {
        "id": None, "line": None, "kind": "ask", "brief": "doc-a", "abstained": False, "confidence": 0.1,
        "hit": 2, "footnotes_exact": False, "hit@3_if_answered": True,
    }  # fmt: skip
    assert rows[3]["abstained"] and rows[3]["hit@3_if_answered"]  # abstained, but its top passage held the answer


def test_items_without_a_brief_are_grouped_as_the_library(fake):
    assert set(_run(fake, [{"kind": "abstain", "question": "q-declined-right"}]).by_brief()) == {"(library)"}


def test_check_items_are_scored_per_class(fake):
    @dataclass
    class Result:
        verdict: str

    verdicts = {"claim one": "supported", "claim two": "not_found", "claim three": "contradicted"}
    seen: list[str | None] = []

    def check(engine: object, claim: str, brief_id: str | None = None) -> Result:
        seen.append(brief_id)
        return Result(verdicts[claim])

    items = [
        {"kind": "check", "claim": "claim one", "verdict": "supported", "brief": "doc-a"},
        {"kind": "check", "claim": "claim two", "verdict": "supported", "brief": "doc-b"},
        {"kind": "check", "claim": "claim three", "verdict": "contradicted", "brief": "doc-b"},
    ]
    s = _run(fake, items, check=check).summary()
    assert s["check_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert s["check_per_class"]["supported"] == {"precision": 1.0, "recall": 0.5}
    assert s["check_per_class"]["not_found"] == {"precision": 0.0, "recall": None}
    assert seen == ["doc-a", "doc-b", "doc-b"]
    assert s["failures"] == [{"id": None, "claim": "claim two", "expected": "supported", "got": "not_found"}]


def test_checks_are_skipped_when_no_check_is_given(fake):
    s = _run(fake, [{"kind": "check", "claim": "c", "verdict": "supported"}], check=None).summary()
    assert (s["check_items"], s["check_skipped"], "check_accuracy" in s) == (1, 1, False)


# --------------------------------------------------------------------------------------- coverage/precision


def test_engine_row_counts_what_the_engine_answered(fake):
    row = coverage_row(_run(fake, ITEMS).outcomes, None)
    # answered: q-first (hit), q-second (hit@3), q-none (miss), q-answered-wrongly (an abstain item)
    assert (row["answered"], row["items"], row["coverage"], row["precision"]) == (4, 6, 0.6667, 0.5)
    assert (row["abstain_items_answered"], row["ask_items_declined"]) == (1, 1)


def test_stricter_threshold_declines_low_confidence_answers(fake):
    row = coverage_row(_run(fake, ITEMS).outcomes, 0.08)
    assert (row["answered"], row["precision"]) == (2, 1.0)
    assert (row["abstain_items_answered"], row["ask_items_declined"]) == (0, 2)


def test_looser_threshold_judges_abstained_items_by_their_top_passages(fake):
    row = coverage_row(_run(fake, ITEMS).outcomes, -0.2)
    # everything answered; q-abstained would have hit through its retrieved passage
    assert (row["answered"], row["precision"]) == (6, 0.5)


def test_coverage_table_starts_with_the_engine_row_then_thresholds(fake):
    rows = _run(fake, ITEMS).coverage((0.0, 0.5))
    assert [r["threshold"] for r in rows] == [None, 0.0, 0.5]
    assert rows[2]["answered"] == 0 and rows[2]["precision"] is None


def test_separation_is_the_chance_an_answerable_item_outranks_an_abstain_item(fake):
    report = _run(fake, ITEMS)
    # answerable and found: q-first 0.3, q-second 0.1, q-abstained -0.1; abstain items: -0.02, 0.02
    assert report.full_summary()["confidence_separation"] == pytest.approx(4 / 6, abs=1e-3)
    assert evaluate.separation(report.by_brief()["doc-a"].outcomes) == 1.0
    assert evaluate.separation([o for o in report.outcomes if o.kind == "ask"]) is None


@pytest.mark.parametrize("joint", [0.0, 0.2, 0.34, 0.35, 0.5, 0.55, 0.6, 0.65, 0.9])
@pytest.mark.parametrize("unknown", [0, 1, 2, 3])
@pytest.mark.parametrize(
    ("explicit", "sources", "absent"),
    [(False, 0.0, False), (True, 0.0, False), (False, 0.6, False), (False, 0.0, True)],
)
@pytest.mark.parametrize(("strict", "typed"), [(False, 0.0), (True, 0.0), (True, 0.45), (True, 0.9)])
def test_confidence_is_below_zero_exactly_when_the_engine_abstains(
    joint, unknown, explicit, sources, absent, strict, typed
):
    ev = answering.Evidence(
        0.5,
        0.5,
        explicit,
        sources=sources,
        joint=joint,
        unknown=unknown,
        absent_subject=absent,
        strict=strict,
        typed=typed,
    )
    assert answering.should_abstain(ev) == (answering.confidence(ev) < 0)


# ------------------------------------------------------------------------------------------------ the file


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_type_and_expect_stand_for_kind_and_verdict(tmp_path):
    path = _write(
        tmp_path,
        [
            json.dumps({"type": "ask", "question": "q", "gold": ["x"], "doc": "a.pdf"}),
            json.dumps({"type": "check", "claim": "c", "expect": "contradicted"}),
            json.dumps({"type": "abstain", "kind": "abstain", "question": "q2"}),
        ],
    )
    items = load_items(path)
    assert [i["kind"] for i in items] == ["ask", "check", "abstain"]
    assert items[1]["verdict"] == "contradicted"
    assert [i["line"] for i in items] == [1, 2, 3]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "line 2 is not JSON"),
        ("[1, 2]", "line 2: an item must be a JSON object"),
        ('{"kind": "quiz", "question": "q"}', "kind \\(or type\\) must be"),
        ('{"kind": "ask", "type": "abstain", "question": "q"}', "kind 'ask' and type 'abstain' disagree"),
        ('{"kind": "ask", "question": "q"}', "needs a non-empty gold list"),
        ('{"kind": "abstain", "question": "  "}', "needs a question"),
        ('{"kind": "check", "claim": "c", "expect": "true"}', "verdict \\(or expect\\) must be"),
        ('{"kind": "abstain", "question": "q", "doc": 3}', "doc must be a string"),
    ],
)
def test_bad_lines_are_input_errors_with_their_line(tmp_path, line, message):
    path = _write(tmp_path, [json.dumps({"kind": "abstain", "question": "fine"}), line])
    with pytest.raises(InputError, match=message):
        load_items(path)


def test_missing_empty_and_binary_files_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such eval file"):
        load_items(tmp_path / "missing.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n\n")
    with pytest.raises(InputError, match="has no items"):
        load_items(tmp_path / "empty.jsonl")
    (tmp_path / "binary.jsonl").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="UTF-8"):
        load_items(tmp_path / "binary.jsonl")


def test_items_are_scoped_by_brief_or_by_their_document():
    items = [
        {"kind": "abstain", "question": "q", "brief": "given-id"},
        {"kind": "abstain", "question": "q", "doc": "Some Report (2021).PDF"},
        {"kind": "abstain", "question": "q", "doc": "x.md", "brief": "other"},
        {"kind": "abstain", "question": "q"},
    ]
    assert [i["brief"] for i in assign_briefs(items)] == ["given-id", "some-report-2021", "other", None]
    # with --docs, the id a document was ingested under wins over the item's own brief
    assert [i["brief"] for i in assign_briefs(items, {"x.md": "x"})] == ["given-id", "some-report-2021", "x", None]


# ------------------------------------------------------------------------------- the real engine, bundled brief


def test_run_eval_scores_hits_footnotes_and_abstention(engine, tmp_path):
    path = tmp_path / "mini.jsonl"
    items = [
        {"kind": "ask", "question": "Why did the Hanoi summit fail?", "gold": ["came to a halt"], "footnotes": [11]},
        {"kind": "ask", "question": "Why did the Hanoi summit fail?", "gold": ["came to a halt"], "footnotes": [12]},
        {"kind": "ask", "question": "Why did the Hanoi summit fail?", "gold": ["not in the brief"], "footnotes": None},
        {"kind": "abstain", "question": "Who won the 2018 World Cup?"},
        {"kind": "check", "claim": "North Korea has conducted six underground nuclear tests.", "verdict": "supported"},
    ]
    path.write_text("\n".join(json.dumps(i) for i in items))
    summary = run_eval(engine, load_items(path)).summary()
    assert summary["ask_items"] == 3
    assert summary["hit@1"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["hit@3"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["footnote_exactness"] == 0.5
    assert summary["verified_rate"] == 1.0
    assert summary["abstention_accuracy"] == 1.0
    assert summary["false_abstentions"] == 0
    assert summary["check_items"] == 1
    assert summary["latency_ms_p50"] > 0
    assert {f["problem"] for f in summary["failures"]} == {"hit at 1, footnotes differ", "no hit"}
