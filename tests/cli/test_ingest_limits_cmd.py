"""`citebot ingest` over a work limit: one line naming the limit, exit 2, and the library unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli

pytestmark = pytest.mark.slow


def test_ingest_over_the_passage_limit_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEBOT_MAX_PASSAGES", "50")
    path = tmp_path / "sentences.txt"
    path.write_bytes(" ".join(f"Finding number {i} is one short plain statement." for i in range(300)).encode())
    result = CliRunner().invoke(cli, ["ingest", str(path)])
    assert result.exit_code == 2, result.output
    assert [line for line in result.stdout.splitlines() if "CITEBOT_MAX_PASSAGES" in line] == [
        f"failed     {path}: the document has 300 passages, over the limit of 50 (CITEBOT_MAX_PASSAGES)"
    ]
    assert result.stderr.strip() == "citebot: error: 1 of 1 files could not be ingested"
    listed = CliRunner().invoke(cli, ["briefs"])
    assert "sentences" not in listed.stdout
