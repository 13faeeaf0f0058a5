"""The product is for any document: its code, docstrings and word lists never name the bundled brief's subjects
(issue 10). Tests and the bundled brief itself may."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("corpus", "index", "bot", "api", "cli")
# The bundled brief's subjects: its countries, capital, leaders, weapons and summits.
SUBJECTS = re.compile(
    r"\b(?:korea\w*|pyongyang|hanoi|trump|kim jong|hwasong|icbms?|missiles?|denucleari[sz]\w*)\b", re.IGNORECASE
)
# Data that is the document or general English by construction: the bundled brief, the WordNet-derived table
# (every English word) and the countries of the world.
EXEMPT = ("corpus/data/briefs/", "bot/qa/wordlists/related_words.txt", "corpus/data/countries.txt")


def _product_files() -> list[Path]:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*") if p.suffix in (".py", ".txt")]
    return [p for p in files if not any(p.relative_to(ROOT).as_posix().startswith(e) for e in EXEMPT)]


def test_there_are_product_files_to_check() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in _product_files()}
    assert "index/wordlists/question_frame.txt" in names
    assert "bot/qa/cues.py" in names


@pytest.mark.parametrize("path", _product_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_product_file_does_not_name_the_bundled_brief_s_subjects(path: Path) -> None:
    hits = SUBJECTS.findall(path.read_text(encoding="utf-8"))
    assert not hits, f"{path.relative_to(ROOT)} names {sorted(set(hits))}"


@pytest.mark.parametrize("folder", ["corpus/data", "index/wordlists", "bot/qa/wordlists", "bot/claims/wordlists"])
def test_every_word_list_ships_with_the_package(folder: str) -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    package, rest = folder.split("/", 1)
    line = next(ln for ln in pyproject.splitlines() if ln.startswith(f"{package} = ["))
    assert f"{rest}/*.txt" in line, f"{folder}/*.txt is not in [tool.setuptools.package-data] {package}"
