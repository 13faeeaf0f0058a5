"""Eval scoring: normalisation, hits, footnote exactness, abstention, check items."""

from __future__ import annotations

import json

import pytest

from bot.evaluate import alt_hits, load_items, normalise, run_eval
from corpus.errors import InputError


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


def test_bad_eval_files(tmp_path):
    with pytest.raises(InputError, match="no such eval file"):
        load_items(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "ask", "question": "q", "gold": ["x"]}\nnot json\n')
    with pytest.raises(InputError, match="line 2"):
        load_items(bad)


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
