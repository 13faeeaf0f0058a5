"""`citebot check` through click's runner: readable and JSON output, bad input exits 2 with one line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli

pytestmark = pytest.mark.slow


def test_check_command_readable_and_json():
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "The Hwasong-17 flew 2,000 km."])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("CONTRADICTED")
    assert "not 2,000 km" in result.output
    assert "(uncited in the brief)" in result.output

    as_json = runner.invoke(cli, ["check", "The Hwasong-14 has a range of 10,400 km.", "--json"])
    assert as_json.exit_code == 0, as_json.output
    body = json.loads(as_json.output)
    assert body["verdict"] == "supported"
    assert body["citations"][0]["footnotes"] == [13]
    assert body["citations"][0]["verified"] is True

    missing = json.loads(runner.invoke(cli, ["check", "Russia sold submarines to Iran.", "--json"]).output)
    assert missing["verdict"] == "not_found"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", ""], "the claim is empty"),
        (["check", "x" * 1001], "longer than 1000"),
        (["check", "The Hwasong-17 flew 2,000 km.", "--brief", "no-such-brief"], "no brief with id"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("citebot: error:")
    assert message in lines[0]
