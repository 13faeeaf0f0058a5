"""`citebot eval FILE --docs DIR`: documents named by the items, ingested into a throwaway library, figures per
document and pooled; bad files and missing documents are one-line errors with exit code 2."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli

HARBOUR_MD = """---
title: The Old Harbour
author: Ada Writer
---

# The Old Harbour

The harbour was dredged in 1887 to admit larger steamships.[^1] Fishing boats still land their catch at the
north quay every morning.[^2]

[^1]: Port Authority, Annual Report, 1888.
[^2]: Regional Fisheries Survey, 2019.
"""

ORCHARD_TXT = """THE APPLE ORCHARD

By
Ben Grower

The orchard holds four hundred trees planted in 1952.¹ Most of the fruit is pressed into cider at the farm's own
mill, which was built from the stones of an older barn.²

¹ County Archive, Land Register, 1953.

² Farm Accounts, 2020.
"""

ITEMS = [
    {"id": "h1", "type": "ask", "doc": "harbour.md", "question": "When was the harbour dredged?",
     "gold": ["dredged in 1887"], "footnotes": [1]},
    {"id": "o1", "type": "ask", "doc": "orchard.txt", "question": "When were the orchard's trees planted?",
     "gold": ["four hundred trees planted in 1952"], "footnotes": [1]},
    {"id": "o2", "type": "abstain", "doc": "orchard.txt", "question": "What is the boiling point of mercury?"},
]  # fmt: skip


def _write(tmp_path: Path, items: list[dict[str, object]]) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "harbour.md").write_text(HARBOUR_MD, encoding="utf-8")
    (docs / "sub" / "orchard.txt").write_text(ORCHARD_TXT, encoding="utf-8")  # found recursively
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return questions, docs


@pytest.mark.slow
def test_eval_with_docs_scores_each_document_in_a_throwaway_library(tmp_path):
    questions, docs = _write(tmp_path, ITEMS)
    user_library = Path(os.environ["CITEBOT_DATA_DIR"])
    before = sorted(user_library.rglob("*"))
    result = CliRunner().invoke(cli, ["eval", str(questions), "--docs", str(docs), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert set(summary["per_document"]) == {"harbour", "orchard"}
    harbour, orchard = summary["per_document"]["harbour"], summary["per_document"]["orchard"]
    assert (harbour["items"], harbour["hit@1"], harbour["footnote_exactness"]) == (1, 1.0, 1.0)
    assert (orchard["items"], orchard["hit@1"], orchard["abstention_accuracy"]) == (2, 1.0, 1.0)
    assert (summary["hit@1"], summary["abstention_accuracy"], summary["false_abstentions"]) == (1.0, 1.0, 0)
    assert summary["coverage"][0] == {
        "threshold": None, "items": 3, "answered": 2, "coverage": 0.6667, "precision": 1.0,
        "abstain_items_answered": 0, "ask_items_declined": 0,
    }  # fmt: skip
    assert "ingested 1/2 harbour (markdown" in result.stderr
    assert "ingested 2/2 orchard" in result.stderr
    assert sorted(user_library.rglob("*")) == before  # the configured library is never written

    readable = CliRunner().invoke(cli, ["eval", str(questions), "--docs", str(docs), "--brief", "orchard"])
    assert readable.exit_code == 0, readable.output
    assert "harbour" not in readable.output  # --brief ingests and asks only its own document
    lines = readable.stdout.splitlines()
    assert lines[0].split() == [
        "doc",
        "hit@1",
        "hit@3",
        "fn",
        "exact",
        "abstention",
        "false",
        "abst",
        "check",
        "acc",
        "n",
    ]
    assert lines[2].split()[:3] == ["orchard", "1.000", "1.000"]
    assert any(line.startswith("engine (as run)") for line in lines)


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        ("missing-doc", ["--docs", "{docs}"], "line 2 names doc 'missing.pdf', which is not under"),
        ("ok", ["--docs", "{tmp}/nowhere"], "no such folder"),
        ("ok", ["--docs", "{docs}", "--brief", "nothing-like-it"], "no item of the file is about brief"),
        ("bad-json", ["--docs", "{docs}"], "line 2 is not JSON"),
        ("bad-kind", ["--docs", "{docs}"], "kind (or type) must be ask, abstain or check"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, args, message):
    items = [json.dumps(i) for i in ITEMS]
    if make == "missing-doc":
        items[1] = json.dumps({**ITEMS[1], "doc": "missing.pdf"})
    elif make == "bad-json":
        items[1] = "{not json"
    elif make == "bad-kind":
        items[1] = json.dumps({"type": "quiz", "question": "q"})
    questions, docs = _write(tmp_path, [])
    questions.write_text("\n".join(items) + "\n", encoding="utf-8")
    argv = ["eval", str(questions), *(a.format(docs=docs, tmp=tmp_path) for a in args)]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("harbour.md", b"", "harbour.md"),
        ("broken.pdf", b"%PDF-1.4 garbage", "this PDF is damaged"),
        ("broken.docx", b"PK\x03\x04garbage", "the Word document is damaged"),
    ],
)
def test_an_unreadable_document_is_a_one_line_error(tmp_path, name, data, reason):
    questions, docs = _write(tmp_path, [*ITEMS, {"type": "abstain", "doc": name, "question": "q"}])
    (docs / name).write_bytes(data)
    result = CliRunner().invoke(cli, ["eval", str(questions), "--docs", str(docs)])
    assert result.exit_code == 2, result.output
    assert name in result.output and reason in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
