"""``citebot backup`` and ``citebot restore`` from the command line: one line each, exit 2 on a bad archive."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.conftest import BUNDLED_BRIEF_PATH

pytestmark = pytest.mark.slow


def test_backup_and_restore_through_the_cli(tmp_path, monkeypatch):
    source = tmp_path / "source"
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(source))
    assert CliRunner().invoke(cli, ["ingest", str(BUNDLED_BRIEF_PATH)]).exit_code == 0
    made = CliRunner().invoke(cli, ["backup", str(tmp_path / "lib.tar.gz")])
    assert made.exit_code == 0, made.output
    assert "backed up 1 brief(s)" in made.output

    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path / "target"))
    back = CliRunner().invoke(cli, ["restore", str(tmp_path / "lib.tar.gz")])
    assert back.exit_code == 0, back.output
    assert "ready: 1 brief(s)" in back.output

    again = CliRunner().invoke(cli, ["restore", str(tmp_path / "lib.tar.gz")])
    assert again.exit_code == 2
    assert "empty library" in again.output


def test_restoring_a_missing_file_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["restore", str(tmp_path / "nope.tar.gz")])
    assert result.exit_code == 2
    assert "no such backup file: nope.tar.gz" in result.output
    assert "Traceback" not in result.output
