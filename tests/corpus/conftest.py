from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.loader import load_brief, parse_bytes
from corpus.models import Brief, Passage
from corpus.settings import BUNDLED_BRIEFS

BUNDLED = BUNDLED_BRIEFS / "issi-2022-us-north-korea-talks.txt"


@pytest.fixture(scope="session")
def brief() -> Brief:
    return load_brief(BUNDLED)


@pytest.fixture
def parse_text_brief() -> Callable[[str], Brief]:
    """Parse a synthetic plain-text brief written inside a test."""

    def _parse(text: str) -> Brief:
        return parse_bytes(text.encode("utf-8"), "synthetic.txt")

    return _parse


def sentence_starting(brief: Brief, prefix: str) -> Passage:
    matches = [p for p in brief.passages if p.kind == "sentence" and p.text.startswith(prefix)]
    assert len(matches) == 1, f"expected one sentence starting {prefix!r}, found {len(matches)}"
    return matches[0]


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def _write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write
