"""`citebot audit` and `citebot verify-citations` through click's runner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from corpus.settings import BUNDLED_BRIEFS

pytestmark = pytest.mark.slow

BUNDLED = BUNDLED_BRIEFS / "issi-2022-us-north-korea-talks.txt"


def test_audit_defaults_to_the_bundled_brief():
    result = CliRunner().invoke(cli, ["audit"])
    assert result.exit_code == 0, result.output
    assert "orphan_footnote [5]" in result.output
    assert "date_url_mismatch [9]" in result.output
    assert "SUGGESTED possible_miscitation [8]" in result.output
    assert "1,090 km" in result.output


def test_audit_json_of_a_brief_file():
    result = CliRunner().invoke(cli, ["audit", str(BUNDLED), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["brief_id"] == "issi-2022-us-north-korea-talks"
    pairs = {(f["code"], f["footnote"]) for f in body["findings"]}
    assert {("orphan_footnote", 5), ("date_url_mismatch", 9), ("possible_miscitation", 9)} <= pairs


def test_verify_citations_with_planted_sources(tmp_path):
    brief = tmp_path / "briefs" / "mini.txt"
    brief.parent.mkdir()
    brief.write_text(
        "MINI BRIEF\n\nThe test rocket flew 900 km.¹ The port handled 12 ships.²\n\n"
        '¹ "Rocket Test," Daily News, March 05, 2022, <https://example.org/rocket>\n'
        '² "Port Report," Daily News, March 06, 2022, <https://example.org/port>\n',
        encoding="utf-8",
    )
    folder = tmp_path / "sources" / "mini"
    folder.mkdir(parents=True)
    (folder / "1.txt").write_text("Rocket test\n\nThe test rocket flew 900 km over the sea.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify-citations", str(brief), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    verdicts = {r["footnote"]: r["verdict"] for r in body["results"]}
    assert verdicts == {1: "supported", 2: "source_not_provided"}
    readable = CliRunner().invoke(cli, ["verify-citations", str(brief)])
    assert "1 supported" in readable.output
    assert "SUPPORTED" in readable.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["audit", "no-such-brief"], "neither a brief file nor the id"),
        (["verify-citations", "no-such-brief"], "neither a brief file nor the id"),
        (["verify-citations", str(BUNDLED), "--sources", "/no/such/folder"], "no such sources folder"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert message in lines[0]


def test_a_file_that_is_not_a_brief_exits_2(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(cli, ["audit", str(bad)])
    assert result.exit_code == 2
    assert result.output.startswith("citebot: error:")
