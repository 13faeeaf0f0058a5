"""A one-line "B. Title" set in the body's face is a section heading when the document has its neighbour in the
series (A., B., C. or I., II.), even at the body's line pitch; a lone one, or one inside a sentence, is text."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from corpus.formats.pdf_labels import _label, _roman
from corpus.loader import parse_bytes
from corpus.models import Brief
from corpus.sections import section_paths
from tests.corpus.format_checks import sentence
from tests.corpus.pdf_writer import canvas_pdf, draw_lines

WIDTH, HEIGHT = A4


def _brief(lines: list[str]) -> Brief:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, lines)  # one pitch throughout: no gap sets the headings off

    return parse_bytes(canvas_pdf([page]), "labels.pdf")


OPINION = [
    "This appeal comes from a judgment entered after a plea.",
    "I. BACKGROUND",
    "The appellant was convicted in the county court in the spring.{1}",
    "II. DISCUSSION",
    "We review the district court's legal rulings de novo.{2}",
    "A. Standard of Review",
    "The standard of review is set by the statute itself.{3}",
    "B. Effect of the Plea",
    "A voluntary plea waives all defects that came before it.{4}",
    "C. Remedy",
    "The case goes back to the district court for a new hearing.{5}",
]


def _headings(brief: Brief) -> list[str]:
    return [p.text for p in brief.passages if p.kind == "heading"]


def test_lettered_lines_in_a_series_are_headings() -> None:
    heads = _headings(_brief(OPINION))
    assert {"A. Standard of Review", "B. Effect of the Plea", "C. Remedy"} <= set(heads)


def test_roman_numbered_lines_in_a_series_are_headings() -> None:
    heads = _headings(_brief(OPINION))
    assert {"I. BACKGROUND", "II. DISCUSSION"} <= set(heads)


def test_a_labelled_heading_is_not_a_sentence() -> None:
    brief = _brief(OPINION)
    assert not any(p.kind == "sentence" and p.text.startswith("B. Effect") for p in brief.passages)


def test_the_sentence_after_a_labelled_heading_keeps_its_footnote() -> None:
    brief = _brief(OPINION)
    assert sentence(brief, "A voluntary plea waives").footnotes == (4,)


def test_lettered_headings_nest_under_roman_sections() -> None:
    brief = _brief(OPINION)
    paths = section_paths(brief.passages)
    plea = sentence(brief, "A voluntary plea waives")
    assert paths[plea.id] == ("II. DISCUSSION", "B. Effect of the Plea")


def test_a_lone_labelled_line_without_a_series_stays_text() -> None:
    brief = _brief(
        [
            "The committee met twice during the year to review the accounts.{1}",
            "A. Summary of Findings",
            "The accounts were in order and no changes were needed.{2}",
        ]
    )
    assert "A. Summary of Findings" not in _headings(brief)


def test_a_labelled_line_inside_an_unfinished_sentence_stays_text() -> None:
    brief = _brief(
        [
            "The letters were signed by the two witnesses, one of them",
            "A. Brown and the other",
            "B. Green, both of the same town.{1}",
        ]
    )
    assert _headings(brief) == []
    assert sentence(brief, "The letters were signed").footnotes == (1,)


def test_a_labelled_line_ending_a_sentence_is_no_heading_candidate() -> None:
    assert _label("A. The court agreed.") is None
    assert _label("B. The parties argued that:") is None


def test_a_short_labelled_title_is_a_candidate() -> None:
    assert _label("C. Effect of Guilty Plea") == "C"
    assert _label("A. “In custody” requirement") == "A"
    assert _label("IV. FEDERAL PROCEEDINGS") == "IV"


def test_a_lower_case_title_is_no_candidate() -> None:
    assert _label("a. the first item") is None
    assert _label("A. and so on") is None


def test_roman_numerals_are_read_only_when_well_formed() -> None:
    assert _roman("IV") == 4
    assert _roman("XII") == 12
    assert _roman("IIII") is None
    assert _roman("VX") is None
