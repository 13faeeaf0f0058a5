"""``citebot doctor``: one line per finding, exit 1 while a problem is left, 0 once --repair fixed it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli

pytestmark = pytest.mark.slow


def test_doctor_reports_then_repairs_a_broken_brief_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "broken.json").write_bytes(b"\x00\xff binary")

    checked = CliRunner().invoke(cli, ["doctor"])
    assert checked.exit_code == 1, checked.output
    assert "PROBLEM  briefs   briefs/broken.json is unreadable" in checked.output
    assert str(tmp_path) not in checked.output

    repaired = CliRunner().invoke(cli, ["doctor", "--repair", "--json"])
    assert repaired.exit_code == 0, repaired.output
    findings = json.loads(repaired.output[repaired.output.index("[") :])
    assert any(f["repaired"] and "quarantine/broken.json" in f["message"] for f in findings)
    assert (tmp_path / "quarantine" / "broken.json").exists()
