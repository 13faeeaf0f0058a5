"""The README's settings table lists exactly the fields of Settings, and every field is described."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_described_in_code():
    assert all(field.description for field in Settings.model_fields.values())


def test_readme_settings_table_matches_the_settings_fields():
    text = README.read_text(encoding="utf-8")
    section = text.split("### Settings", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `CITEBOT_([A-Z0-9_]+)` \|", section, flags=re.MULTILINE))
    assert documented == {name.upper() for name in Settings.model_fields}


def test_settings_come_from_citebot_environment_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CITEBOT_QUERY_THREADS", "2")
    monkeypatch.setenv("CITEBOT_SESSION_TTL_DAYS", "0")
    settings = Settings()
    assert settings.data_dir == tmp_path
    assert settings.query_threads == 2
    assert settings.session_ttl_days == 0
