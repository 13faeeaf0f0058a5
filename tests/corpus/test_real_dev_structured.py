"""End-to-end parser checks on the real non-PDF development documents (``../shared/eval/real-dev``): exact note
numbers, sensible metadata, headings as heading passages, no page furniture in sentences. Skipped when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.loader import parse_bytes
from corpus.models import Brief
from corpus.sections import section_paths

REAL_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "real-dev"


def _load(relative: str) -> Brief:
    path = REAL_DEV / relative
    if not path.exists():
        pytest.skip(f"{relative} is not present")
    return parse_bytes(path.read_bytes(), path.name)


def _sentences(brief: Brief) -> list[str]:
    return [p.text for p in brief.passages if p.kind == "sentence"]


DUCK = "wikipedia-duck/wikipedia-duck-2024.html"
HEAT = "carbonplan-extreme-heat/carbonplan-modeling-extreme-heat-2023.md"
KEYNES = "keynes-europe-after-the-treaty/keynes-economic-consequences-ch6-europe-after-the-treaty.docx"


@pytest.mark.parametrize(("relative", "count"), [(DUCK, 55), (HEAT, 30), (KEYNES, 12)])
def test_every_note_number_exactly(relative: str, count: int) -> None:
    brief = _load(relative)
    assert [f.number for f in brief.footnotes] == list(range(1, count + 1))
    assert {n for n, _ in brief.markers} == set(range(1, count + 1))
    assert not brief.warnings
    for p in brief.passages:
        assert brief.text[p.start : p.end] == p.text


def test_wikipedia_page_furniture_is_not_text() -> None:
    brief = _load(DUCK)
    text = "\n".join(_sentences(brief))
    for junk in (
        "136 languages",
        "From Wikipedia",
        "Redirected from",
        "Retrieved from",
        "Categories:",
        "Hidden categories",
        "citation needed",
        "self-published source",
        "Toggle",
        "[edit]",
        "Duck as food",  # a "See also" link
    ):
        assert junk not in text, junk
    assert brief.title == "Duck"
    assert brief.date == "2024-09-21"


def test_wikipedia_shortened_notes_keep_their_text_and_gain_the_source_entry() -> None:
    brief = _load(DUCK)
    note = brief.footnote(5)
    assert note is not None
    assert note.raw.startswith("Carboneras 1992, p. 536.")
    assert "Handbook of the Birds of the World" in note.raw
    assert "^" not in note.raw
    assert "Handbook of the Birds of the World" not in "\n".join(_sentences(brief))


def test_wikipedia_note_in_an_image_caption_is_cited() -> None:
    brief = _load(DUCK)
    assert any(49 in p.footnotes and "coat of arms of Maaninka" in p.text for p in brief.passages)


def test_wikipedia_sections_are_heading_paths() -> None:
    brief = _load(DUCK)
    paths = section_paths(brief.passages)
    quack = next(p for p in brief.passages if p.kind == "sentence" and 'do not "quack"' in p.text)
    assert paths[quack.id] == ("Behaviour", "Communication")
    assert "Etymology" in [p.text for p in brief.passages if p.kind == "heading"]
    assert "Etymology" not in _sentences(brief)


def test_markdown_front_matter_and_headings() -> None:
    brief = _load(HEAT)
    assert brief.title == "Modeling extreme heat in a changing climate"
    assert [a.name for a in brief.authors] == ["Oriana Chegwidden", "Jeremy Freeman"]
    assert brief.date == "2023-09-05"
    assert brief.organisation == "CarbonPlan"
    headings = [p.text for p in brief.passages if p.kind == "heading"]
    assert "Choosing a metric" in headings
    assert "Choosing a metric" not in _sentences(brief)
    assert "\u200b" not in brief.text


def test_markdown_reused_notes_and_marker_runs() -> None:
    brief = _load(HEAT)
    run = next(p for p in brief.passages if p.kind == "sentence" and p.text.startswith("Third, we used specific"))
    assert run.footnotes == (16, 17, 18)
    assert sum(1 for n, _ in brief.markers if n == 8) == 5


def test_docx_date_is_the_stated_one_not_the_build_date() -> None:
    brief = _load(KEYNES)
    assert brief.date == "1919"
    assert [a.name for a in brief.authors] == ["John Maynard Keynes"]
    assert brief.title is not None and brief.title.startswith("The Economic Consequences of the Peace")


def test_docx_tables_inside_notes_and_mid_sentence_references() -> None:
    brief = _load(KEYNES)
    note = brief.footnote(7)
    assert note is not None and "1913: Imports" in note.raw
    ten = next(p for p in brief.passages if p.kind == "sentence" and "about ten times" in p.text)
    assert ten.footnotes == (2,)
    assert ten.text == "The note circulation of Germany is about ten times what it was before the war."
