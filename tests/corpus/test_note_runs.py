"""Notes restarting at 1 per chapter: chapter k's markers cite chapter k's notes, printed numbers kept in the text."""

from __future__ import annotations

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.conftest import sentence_starting


def _note(n: str, title: str, day: int) -> str:
    return f'{n} "{title}," Paper, March {day:02d}, 2022, <https://example.org/{day}>'


def _parse(*blocks: str) -> Brief:
    return parse_bytes(("A Book of Two Chapters\n\n" + "\n\n".join(blocks) + "\n").encode(), "book.txt")


def test_second_chapter_markers_cite_the_second_chapter_notes() -> None:
    brief = _parse(
        "The first chapter opens here.¹ It goes on.²",
        _note("¹", "First Source", 1) + "\n" + _note("²", "Second Source", 2),
        "The second chapter opens here.¹ It ends.",
        _note("¹", "Third Source", 3),
    )
    assert [f.number for f in brief.footnotes] == [1, 2, 3]
    assert sentence_starting(brief, "The second chapter").footnotes == (3,)
    assert sentence_starting(brief, "It goes on").footnotes == (2,)
    third = brief.footnote(3)
    assert third is not None and third.raw.startswith("(note 1 of part 2)") and "Third Source" in third.raw
    assert not [w for w in brief.warnings if w.code == "duplicate_footnote"]


def test_notes_that_do_not_restart_are_unchanged() -> None:
    brief = _parse(
        "One claim here.¹ Another claim there.²",
        _note("¹", "First Source", 1) + "\n" + _note("²", "Second Source", 2),
    )
    first = brief.footnote(1)
    assert first is not None and not first.raw.startswith("(note")
    assert sentence_starting(brief, "Another claim").footnotes == (2,)


def test_restarting_notes_without_matching_marker_runs_are_left_alone() -> None:
    # the second chapter cites nothing: the runs cannot be matched, so nothing is renumbered (duplicate warned)
    brief = _parse(
        "The first chapter opens here.¹",
        _note("¹", "First Source", 1),
        "The second chapter cites nothing.",
        _note("¹", "Third Source", 3),
    )
    assert [f.number for f in brief.footnotes] == [1]
    assert [w.code for w in brief.warnings] == ["duplicate_footnote"]
