"""End-to-end parser checks on real PDFs by real authors (``../shared/eval/real-dev``, skipped when absent): every
note number found exactly, and no page furniture (running heads, page numbers, notes) inside a body sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.loader import load_brief
from corpus.models import Brief
from tests.corpus.format_checks import assert_offsets
from tests.corpus.real_files import real_document

REAL_DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "real-dev"
TRIPLET = REAL_DEV / "tenth-circuit-triplet" / "triplet-v-franklin-10th-cir-2010.pdf"
MALAMUD = REAL_DEV / "malamud-twelve-tables" / "malamud-twelve-tables-or-7-11-2011.pdf"
ADVISORY = REAL_DEV / "sg-youth-mental-health" / "sg-protecting-youth-mental-health-2021.pdf"


def _load(path: Path) -> Brief:
    if not path.exists():
        pytest.skip(f"{path.name} is not here (the real-dev set lives beside the repository)")
    return load_brief(path)


@pytest.fixture(scope="module")
def triplet() -> Brief:
    return _load(TRIPLET)


@pytest.fixture(scope="module")
def malamud() -> Brief:
    return _load(MALAMUD)


@pytest.fixture(scope="module")
def advisory() -> Brief:
    return _load(ADVISORY)


def _sentences(brief: Brief) -> list[str]:
    return [p.text for p in brief.passages if p.kind == "sentence"]


def _containing(brief: Brief, text: str) -> tuple[int, ...]:
    found = [p for p in brief.passages if p.kind == "sentence" and text in p.text]
    assert len(found) == 1, f"{text!r} in {len(found)} sentences"
    return found[0].footnotes


def test_court_opinion_same_size_page_foot_notes_are_all_found(triplet: Brief) -> None:
    assert [f.number for f in triplet.footnotes] == list(range(1, 14))
    assert not [w for w in triplet.warnings if w.code in ("undefined_marker", "orphan_footnote")]
    assert_offsets(triplet)


def test_court_opinion_notes_continued_on_the_next_page(triplet: Brief) -> None:
    eight, twelve = triplet.footnote(8), triplet.footnote(12)
    assert eight is not None and "completed it on May 7, 2005" in eight.raw
    assert twelve is not None and "tried and sentenced by the district court (adult court)." in twelve.raw


def test_court_opinion_body_is_free_of_notes_and_page_numbers(triplet: Brief) -> None:
    body = " ".join(_sentences(triplet))
    assert not re.search(r"- \d+ -", triplet.text)
    assert "unpublished decision, not binding precedent" not in body  # the "*" note
    assert "For this discussion only, we cite" not in body  # note 1
    assert _containing(triplet, "then fifteen years old, pled guilty to robbery with a firearm") == (4,)


def test_speech_notes_and_markers_after_quotes_and_spaces(malamud: Brief) -> None:
    assert [f.number for f in malamud.footnotes] == list(range(1, 21))
    assert malamud.title == "The Future of Law Libraries: Twelve Tables or 7-11?"
    assert _containing(malamud, "its way, its nerve, its vision, and its independence.") == (3,)
    assert _containing(malamud, "no intention of adopting any Greek laws.") == (12,)


def test_speech_running_head_never_reaches_the_text(malamud: Brief) -> None:
    assert "TWELVE TABLES OR 7-11, PAGE" not in malamud.text


def test_advisory_two_column_references_are_its_endnotes(advisory: Brief) -> None:
    assert [f.number for f in advisory.footnotes] == list(range(1, 122))
    nineteen = advisory.footnote(19)
    assert nineteen is not None and "Youth Risk Behavior Surveillance Data Summary & Trends Report" in nineteen.raw
    two = advisory.footnote(2)
    assert two is not None and two.raw.startswith("U.S. Department of Health and Human Services. (1999) Mental health")
    cited = {n for p in advisory.passages if p.kind == "sentence" for n in p.footnotes}
    assert set(range(1, 114)) <= cited


def test_advisory_body_is_free_of_references_and_footers(advisory: Brief) -> None:
    body = " ".join(_sentences(advisory))
    assert not re.search(r"Surgeon General’s Advisory \d", advisory.text)
    assert "https://doi.org" not in body
    assert advisory.title == "Protecting Youth Mental Health"
    assert _containing(advisory, "were 51% higher for adolescent girls") == (45,)


# ----- a real two-column paper, committed (CC BY-SA 4.0; provenance in tests/data/real/SOURCE.md) ------------------


@pytest.fixture(scope="module")
def paper() -> Brief:
    return load_brief(real_document("ethereum-yellow-paper-byzantium-2018.pdf"))


def _sentence(brief: Brief, start: str) -> str:
    found = [p.text for p in brief.passages if p.kind == "sentence" and p.text.startswith(start)]
    assert len(found) == 1, f"{start!r}: {found}"
    return found[0]


def test_two_column_paper_has_exactly_its_two_footnotes(paper: Brief) -> None:
    assert [f.number for f in paper.footnotes] == [1, 2]
    one = paper.footnote(1)
    assert one is not None and one.raw.startswith("Notably, such ‘tools’ could ultimately become so causally removed")
    assert_offsets(paper)


@pytest.mark.parametrize(
    "whole",
    [
        # the left column's last lines share baselines with the right column's: never spliced
        "With ubiquitous internet connections in most places of the world, global information transmission has "
        "become incredibly cheap.",
        # a sentence that runs from the foot of the left column to the top of the right one
        "Transparency, or being able to see exactly how a state or judgement came about through the transaction "
        "log and rules or instructional codes, never happens perfectly in human-based systems since natural "
        "language is necessarily vague, information is often lacking, and plain old prejudices are difficult to "
        "shake.",
        # line-end hyphens: "Bit-coin" joined, "proof-of-work" kept
        "Dwork and Naor [1992] provided the first work into the usage of a cryptographic proof of computational "
        "expenditure (“proof-of-work”) as a means of transmitting a value signal over the Internet.",
    ],
    ids=["shared-baselines", "across-the-gutter", "hyphenation"],
)
def test_two_column_paper_is_read_column_by_column(paper: Brief, whole: str) -> None:
    assert _sentence(paper, whole[:30]) == whole


def test_two_column_paper_footnote_text_is_not_body(paper: Brief) -> None:
    assert "gender-neutral term" not in " ".join(_sentences(paper))
    assert paper.title == "Ethereum Yellow Paper: a formal specification of Ethereum, a programmable blockchain"


def test_court_opinion_statute_citations_are_not_split_into_fragments(triplet: Brief) -> None:
    sentences = _sentences(triplet)
    fragments = [s for s in sentences if re.fullmatch(r"(?:See |see also )?(?:[A-Z][A-Za-z]{0,4}\.\s?)+(?:tit\.)?", s)]
    assert fragments == []
    assert not [s for s in sentences if s.endswith((" v.", " Cir.", " Stat.", " tit."))]
    assert any(s.startswith("See Okla. Stat. Ann. tit. 10, §§ 7301-1.3(4)") for s in sentences)


def test_court_opinion_is_not_titled_by_its_filed_stamp(triplet: Brief) -> None:
    assert triplet.title is not None and not triplet.title.startswith("FILED")
