"""``citebot doctor``: one line per finding, exit 1 while a problem is left, 0 once --repair fixed it."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from cli.main import cli
from corpus.settings import Settings
from index.db.schema import briefs
from index.library import BriefRepository

pytestmark = pytest.mark.slow


def test_doctor_reports_then_repairs_a_broken_stored_brief(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    repository = BriefRepository(Settings(data_dir=tmp_path))
    with repository.writing() as tx:
        tx._conn.execute(
            sa.insert(briefs).values(
                id="broken", content_hash="x", payload="\x00 binary", saved_version=tx.version, updated_at=0.0
            )
        )

    checked = CliRunner().invoke(cli, ["doctor"])
    assert checked.exit_code == 1, checked.output
    assert "PROBLEM  briefs   the stored brief broken is unreadable" in checked.output
    assert str(tmp_path) not in checked.output

    repaired = CliRunner().invoke(cli, ["doctor", "--repair", "--json"])
    assert repaired.exit_code == 0, repaired.output
    findings = json.loads(repaired.output[repaired.output.index("[") :])
    assert any(f["repaired"] and "quarantine/broken.json" in f["message"] for f in findings)
    assert (tmp_path / "quarantine" / "broken.json").exists()
