"""PDF structure found in real papers and books: numbered section headings set in the body's type (with their
depth, carried into every passage's section path), raised digits that cite only a note at their own page's foot,
author affiliations at the title page's foot, lower-case roman folios, and reference lists nothing cites. Each
PDF is drawn line by line here (``pdf_writer``)."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from corpus.loader import parse_bytes
from corpus.models import Brief
from corpus.sections import section_paths
from tests.corpus.format_checks import assert_offsets, sentence
from tests.corpus.pdf_writer import canvas_pdf, draw_line, draw_lines

WIDTH, HEIGHT = A4
Draw = Callable[[Canvas], None]
_PROSE = "The survey of the valley was made over a long season, and it was made by hand."


def _headings(brief: Brief) -> list[tuple[str | None, str]]:
    return [(p.label, p.text) for p in brief.passages if p.kind == "heading"]


def _numbered_paper(c: Canvas) -> None:
    draw_lines(
        c,
        72,
        HEIGHT - 100,
        [
            "1 Introduction",
            _PROSE,
            "The farms along the river were counted one by one.",
            "2 Methods",
            "2.1 Sampling",
            "Plots were chosen at random across the valley floor.",
            "2.1.1 Plot size",
            "Each plot was a square of ten metres on each side.",
            "2.2 Measures",
            "Each plot was measured twice by two observers.",
            "The steps were these, in order:",
            "1. Mark the corners",
            "2. Measure the sides",
            "3 Results",
            "The river farms were larger than the hill farms.",
        ],
    )


def test_numbered_headings_in_the_body_type_are_headings_with_their_depth() -> None:
    brief = parse_bytes(canvas_pdf([_numbered_paper]), "survey.pdf")
    assert _headings(brief) == [
        ("h1", "1 Introduction"),
        ("h1", "2 Methods"),
        ("h2", "2.1 Sampling"),
        ("h3", "2.1.1 Plot size"),
        ("h2", "2.2 Measures"),
        ("h1", "3 Results"),
    ]
    paths = section_paths(brief.passages)
    assert paths[sentence(brief, "Each plot was a square").id] == ("2 Methods", "2.1 Sampling", "2.1.1 Plot size")
    assert paths[sentence(brief, "Each plot was measured").id] == ("2 Methods", "2.2 Measures")
    assert paths[sentence(brief, "The river farms were larger").id] == ("3 Results",)
    assert_offsets(brief)


def test_a_numbered_step_or_a_list_of_short_items_is_not_a_heading() -> None:
    brief = parse_bytes(canvas_pdf([_numbered_paper]), "survey.pdf")
    texts = [text for _, text in _headings(brief)]
    assert not [t for t in texts if "Mark the corners" in t or "Measure the sides" in t]


def test_a_formula_set_large_is_not_a_heading() -> None:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, [_PROSE, "The chance that the attacker catches up is:"])
        draw_line(c, 200, HEIGHT - 150, "P = Q + R < S", size=16)
        draw_lines(c, 72, HEIGHT - 190, ["That chance falls fast as the blocks pile up."])

    brief = parse_bytes(canvas_pdf([page]), "chance.pdf")
    assert not _headings(brief)


def _note_page(body: list[str], notes: list[str]) -> Draw:
    def draw(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, body)
        c.line(72, 120, 200, 120)
        draw_lines(c, 72, 105, notes, size=8, pitch=10)

    return draw


def test_a_raised_digit_cites_only_a_note_at_its_own_page_s_foot() -> None:
    first = _note_page(
        [
            "The ledger was kept in the mill office.{1} Its value a{2} grew each year,",
            "and the squares of the sides were summed: a{2} + b{2} = c{2} for every plot.",
        ],
        ["{1} County archive, box 4."],
    )
    second = _note_page(["The ledger was lost in the flood of that spring.{2}"], ["{2} Town council minutes."])
    brief = parse_bytes(canvas_pdf([first, second]), "ledger.pdf")
    assert [f.number for f in brief.footnotes] == [1, 2]
    assert sorted(n for n, _ in brief.markers) == [1, 2]  # the page-one squares cite nothing
    assert sentence(brief, "The ledger was kept").footnotes == (1,)
    assert sentence(brief, "The ledger was lost").footnotes == (2,)
    assert not brief.warnings


def test_author_affiliations_at_the_title_page_foot_are_not_notes() -> None:
    def title(c: Canvas) -> None:
        draw_line(c, 120, HEIGHT - 100, "A Study of Valley Mills", size=20)
        draw_line(c, 150, HEIGHT - 140, "Ann Lee{1} and Bo Chen{2}", size=11)
        draw_lines(c, 72, HEIGHT - 180, [_PROSE, "The mills along the river were counted one by one."], size=11)
        c.line(72, 120, 200, 120)
        draw_lines(c, 72, 105, ["{1} University of the Valley", "{2} Mill Research Lab"], size=8, pitch=10)

    second = _note_page(["The oldest mill was built of stone and timber.{1}"], ["{1} Parish register, folio 12."])
    brief = parse_bytes(canvas_pdf([title, second]), "mills.pdf")
    assert [f.number for f in brief.footnotes] == [1]
    note = brief.footnote(1)
    assert note is not None and note.raw.startswith("Parish register")
    assert sentence(brief, "The oldest mill").footnotes == (1,)
    assert not brief.warnings


def _roman_page(n: int, numeral: str) -> Draw:
    def draw(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, [f"The preface page {n} says what the book is about, at length."])
        if n % 2:
            draw_line(c, WIDTH / 2, 40, numeral, size=10)
        else:
            draw_line(c, 72, HEIGHT - 40, f"{numeral} PREFACE", size=9)

    return draw


def test_lower_case_roman_folios_are_dropped() -> None:
    numerals = ["xi", "xii", "xiii", "xiv"]
    brief = parse_bytes(canvas_pdf([_roman_page(11 + k, r) for k, r in enumerate(numerals)]), "preface.pdf")
    words = brief.text.split()
    assert not [w for w in words if w in numerals]
    assert "PREFACE" not in brief.text
    assert len([p for p in brief.passages if p.kind == "sentence"]) == 4


def _references_page(c: Canvas) -> None:
    draw_line(c, 72, HEIGHT - 100, "References", font="Times-Bold", size=14)
    draw_lines(
        c,
        72,
        HEIGHT - 130,
        ["1. Lee, Ann. Mills of the valley. River Press, 1990.", "2. Chen, Bo. Stone and timber. Hill Books, 2001."],
    )


def test_a_numbered_reference_list_nothing_cites_is_a_bibliography() -> None:
    def body(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, [_PROSE, "Earlier surveys (Lee 1990; Chen 2001) had counted fewer mills."])

    brief = parse_bytes(canvas_pdf([body, body, _references_page]), "survey.pdf")
    assert brief.footnotes == ()
    assert not brief.warnings
    assert "River Press" not in " ".join(p.text for p in brief.passages if p.kind == "sentence")


def test_a_numbered_reference_list_cited_by_raised_numbers_is_the_notes() -> None:
    def body(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["Earlier surveys had counted fewer mills.{1} Later ones found more.{2}"])

    def more(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, [_PROSE])

    brief = parse_bytes(canvas_pdf([body, more, _references_page]), "survey.pdf")
    assert [f.number for f in brief.footnotes] == [1, 2]
    assert sentence(brief, "Later ones found more").footnotes == (2,)
