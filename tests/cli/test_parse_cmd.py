from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli
from tests.corpus.conftest import BUNDLED


def test_parse_prints_a_readable_summary() -> None:
    result = CliRunner().invoke(cli, ["parse", str(BUNDLED)])
    assert result.exit_code == 0
    assert "Zainab Fatima (Intern)" in result.output
    assert "footnotes:    18" in result.output
    assert "[orphan_footnote] footnote 5" in result.output


def test_parse_json_follows_the_contract() -> None:
    result = CliRunner().invoke(cli, ["parse", str(BUNDLED), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"brief", "footnotes", "passages", "warnings"}
    assert data["brief"]["authors"] == [{"name": "Zainab Fatima", "role": "Intern"}]
    assert data["brief"]["editors"] == ["Malik Qasim Mustafa"]
    assert data["brief"]["date"] == "2022-04-29"
    assert len(data["footnotes"]) == 18
    for fn in data["footnotes"]:
        assert {"number", "title", "publisher", "date", "url", "raw"} <= set(fn)
    text = data["brief"]["text"]
    for p in data["passages"]:
        assert {"id", "kind", "text", "start", "end", "paragraph", "footnotes", "direct"} <= set(p)
        assert text[p["start"] : p["end"]] == p["text"]
    assert data["warnings"] == [
        {"code": "orphan_footnote", "footnote": 5, "message": "footnote 5 is defined but never cited"}
    ]
    assert any(
        p["text"].startswith("It fired two short-range ballistic missiles into the sea") for p in data["passages"]
    )


def test_parse_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "no such file" in result.output
    assert "Traceback" not in result.output


def test_parse_binary_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x00" * 64)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2
    assert "binary" in result.output
