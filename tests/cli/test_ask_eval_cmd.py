"""`citebot ask` and `citebot eval` through click's runner (one data dir, so the brief is embedded once)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli

pytestmark = pytest.mark.slow


def test_ask_and_eval_commands(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["ask", "Why did the Hanoi summit fail?", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["session_id"] is None
    assert body["abstained"] is False
    assert any(c["footnotes"] == [11] and c["verified"] for c in body["citations"])
    assert set(body["citations"][0]) >= {
        "quote", "footnotes", "sources", "brief_id", "start", "end", "kind", "score", "verified"
    }  # fmt: skip

    readable = runner.invoke(cli, ["ask", "How far did the Hwasong-17 fly?", "--top-k", "1"])
    assert readable.exit_code == 0, readable.output
    assert "1,090 km" in readable.output
    assert "uncited in the brief" in readable.output

    sources = runner.invoke(cli, ["ask", "What is footnote 11?"])
    assert "Observer Research Foundation" in sources.output

    abstain = runner.invoke(cli, ["ask", "Who won the 2018 World Cup?", "--json"])
    assert json.loads(abstain.output)["abstained"] is True

    eval_file = tmp_path / "mini.jsonl"
    eval_file.write_text(
        json.dumps(
            {"kind": "ask", "question": "Who edited the brief?", "gold": ["malik qasim mustafa"], "footnotes": None}
        )
        + "\n"
        + json.dumps({"kind": "abstain", "question": "What is the capital of France?"})
        + "\n"
    )
    ev = runner.invoke(cli, ["eval", str(eval_file), "--json"])
    assert ev.exit_code == 0, ev.output
    summary = json.loads(ev.output)
    assert summary["hit@1"] == 1.0
    assert summary["abstention_accuracy"] == 1.0

    text = runner.invoke(cli, ["eval", str(eval_file)])
    assert "hit@1" in text.output and "1.000" in text.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "Why?", "--brief", "no-such-brief"], "no brief with id"),
        (["ask", "   "], "empty"),
        (["eval", "/nonexistent/file.jsonl"], "no such eval file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
