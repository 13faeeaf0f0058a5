"""Layouts seen in real books and papers the parser had not met: a printer's proof larger than its trimmed page,
folios beside changing running titles, repeated note text at the page foot, bracketed note labels under a rule
across the measure, and a book's endnotes opened by a paragraph and divided by chapter names in the notes' own
type. Each PDF is drawn line by line here (``pdf_writer``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.format_checks import assert_offsets, sentence
from tests.corpus.pdf_writer import canvas_pdf, draw_line, draw_lines

WIDTH, HEIGHT = A4
Draw = Callable[[Canvas], None]


def _sentences(brief: Brief) -> str:
    return " | ".join(p.text for p in brief.passages if p.kind == "sentence")


def _proof_page(n: int) -> Draw:
    """A page trimmed to a 400 x 600 box inside the sheet, with a proof's furniture outside the trim."""

    def draw(c: Canvas) -> None:
        c.setTrimBox((90, 120, 490, 720))
        draw_line(c, 20, HEIGHT - 12, f"book_0{n}.qxd  2/10/04  3:51 PM  Page {n}", size=8)
        y = 680.0
        subject = ["mill", "ford"][n - 1]
        for k in range(1, 9):
            text = f"Line {k} of page {n} tells the story of the {subject}" + ("." if k == 8 else " and")
            draw_line(c, 110, y, text, size=11)
            draw_line(c, 500, y, str(k), size=9)  # the proofreader's line number, right of the trim
            y -= 15
        draw_line(c, 200, 60, "4TH PASS PAGES", size=18)

    return draw


def test_everything_outside_the_trimmed_page_is_dropped() -> None:
    brief = parse_bytes(canvas_pdf([_proof_page(n) for n in (1, 2)]), "proof.pdf")
    assert ".qxd" not in brief.text and "PASS PAGES" not in brief.text
    assert "Line 1 of page 1 tells the story of the mill and Line 2 of page 1" in _sentences(brief)
    assert "Line 1 of page 2 tells the story of the ford and Line 2 of page 2" in _sentences(brief)
    assert not any(f" {k} Line" in brief.text for k in range(1, 9))


def _folio_page(n: int, title: str) -> Draw:
    def draw(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 120, [f"The text of page {n} speaks of {title.lower()} at some length here."])
        folio = f"{n} A HISTORY OF MILLS" if n % 2 == 0 else f"{title} {n}"
        draw_line(c, 72 if n % 2 == 0 else 380, 50, folio, size=9)

    return draw


def test_folios_in_page_sequence_are_dropped_beside_changing_titles() -> None:
    titles = ["WATER", "GRAIN", "STONE", "TIMBER", "IRON"]
    pages = [_folio_page(21 + k, t) for k, t in enumerate(titles)]
    brief = parse_bytes(canvas_pdf(pages), "mills.pdf")
    for k, title in enumerate(titles):
        assert f"{title} {21 + k}" not in brief.text
    assert "A HISTORY OF MILLS" not in brief.text
    assert len([p for p in brief.passages if p.kind == "sentence"]) == 5


def _page_with_notes(body: str, notes: list[str]) -> Draw:
    def draw(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, [body], size=11)
        c.line(72, 120, 200, 120)
        draw_lines(c, 72, 105, notes, size=8, pitch=10)

    return draw


def test_note_text_repeated_at_the_foot_of_pages_is_not_a_running_foot() -> None:
    pages = [
        _page_with_notes("The first claim rests on the survey.{1}", ["{1}Ibid., the county survey of the year."]),
        _page_with_notes("The second claim rests on it too.{2}", ["{2}Ibid., the county survey of the year."]),
        _page_with_notes("The third claim also rests on it.{3}", ["{3}Ibid., the county survey of the year."]),
    ]
    brief = parse_bytes(canvas_pdf(pages), "ibid.pdf")
    assert [f.number for f in brief.footnotes] == [1, 2, 3]
    assert all("county survey" in f.raw for f in brief.footnotes)
    assert not brief.warnings


def test_bracketed_raised_labels_under_a_rule_across_the_measure_are_notes() -> None:
    def page(c: Canvas) -> None:
        draw_lines(
            c,
            72,
            HEIGHT - 100,
            ["The ring used eleven decoys{[1]} drawn from the whole set of outputs, and the", "spender was hidden."],
            size=11,
        )
        c.line(72, 130, WIDTH - 72, 130)  # the separator spans the text's full width
        draw_lines(c, 72, 115, ["{[1]}A decoy is an output of another user."], size=11)

    brief = parse_bytes(canvas_pdf([page]), "bulletin.pdf")
    assert [(f.number, f.raw) for f in brief.footnotes] == [(1, "A decoy is an output of another user.")]
    assert sentence(brief, "The ring used").footnotes == (1,)
    assert "decoy is an output" not in _sentences(brief)


def _chapter(name: str, lines: list[str]) -> Draw:
    def draw(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, name, font="Times-Bold", size=16)
        draw_lines(c, 72, HEIGHT - 120, lines, size=11)

    return draw


def _notes_pages() -> Draw:
    def draw(c: Canvas) -> None:
        draw_line(c, 250, HEIGHT - 80, "NOTES", size=16)
        y = draw_lines(
            c,
            72,
            HEIGHT - 120,
            [
                "Throughout this text there are references to archives. Each is listed by the chapter",
                "that cites it, and each chapter's notes are numbered from one.",
            ],
            size=9,
            pitch=11,
        )
        for name, notes in [
            ("CHAPTER ONE: WATER", ["1. County archive, mill deeds, 1820.", "2. Parish register, 1821."]),
            ("CHAPTER TWO: “GRAIN”", ["1. Miller's ledger, 1830.", "2. Harbour diary, 1831.", "3. Ibid., 40."]),
            ("CHAPTER THREE: STONE", ["1. Quarry accounts, 1840."]),
        ]:
            y -= 10
            draw_line(c, 72, y, name, size=9)
            y = draw_lines(c, 80, y - 11, notes, size=9, pitch=11)

    return draw


def test_a_chapter_with_the_book_s_notes_pages_is_cited_by_its_own_notes() -> None:
    pages = [
        _chapter("Water", ["The first mill stood by the ford.{1} Its wheel was oak.{2}"]),
        _chapter("Grain", ["The second mill ground wheat.{1} It burned once.{2} It was rebuilt.{3}"]),
        _notes_pages(),
    ]
    brief = parse_bytes(canvas_pdf(pages), "mills.pdf")
    assert_offsets(brief)
    assert sentence(brief, "It was rebuilt").footnotes == (5,)
    five = brief.footnote(5)
    assert five is not None and five.raw.endswith("Ibid., 40.")
    assert not any("CHAPTER" in f.raw for f in brief.footnotes)
    assert "Throughout this text" not in _sentences(brief)
    # the third chapter's note is printed but cited by nothing in this excerpt
    assert [w.code for w in brief.warnings] == ["orphan_footnote"]


def test_a_line_of_ornament_glyphs_is_not_text() -> None:
    def page(c: Canvas) -> None:
        c.setFont("ZapfDingbats", 14)
        c.drawString(72, HEIGHT - 80, "nnnnnnnnnn")  # a row of filled squares in the dingbat font
        draw_lines(c, 72, HEIGHT - 120, ["The mill closed in the winter of that year."])

    brief = parse_bytes(canvas_pdf([page]), "ornament.pdf")
    assert brief.text.strip().endswith("The mill closed in the winter of that year.")
    assert "■" not in brief.text


def test_a_comma_glued_to_a_capitalised_word_gets_its_space_back() -> None:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["At the time of the flood,Miller Brown was away in the town."])

    brief = parse_bytes(canvas_pdf([page]), "comma.pdf")
    assert "flood, Miller Brown" in brief.text


def test_a_comma_glued_after_a_capitalised_word_gets_its_space_back() -> None:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The film was Steamboat Bill,Jr. and it opened in the spring."])

    brief = parse_bytes(canvas_pdf([page]), "comma.pdf")
    assert "Bill, Jr." in brief.text


def test_a_centred_chapter_name_in_the_text_face_is_a_heading() -> None:
    def page(c: Canvas) -> None:
        first = "The first mill stood by the ford, and its wheel was made of oak from the hill."
        draw_lines(c, 72, HEIGHT - 60, [first])
        lines = ["The second mill ground wheat for the whole valley and it burned once in a dry summer."] * 4
        c.setFont("Times-Roman", 12.5)
        c.drawCentredString(72 + stringWidth(lines[0], "Times-Roman", 12) / 2, HEIGHT - 100, "CHAPTER TWO: Mills")
        draw_lines(c, 72, HEIGHT - 140, lines)

    brief = parse_bytes(canvas_pdf([page], title="A History of Mills"), "chapter.pdf")
    assert [p.text for p in brief.passages if p.kind == "heading"] == ["CHAPTER TWO: Mills"]


def test_a_centred_formula_is_not_a_heading() -> None:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The cost of a step is given by the rule below, for every step taken."] * 3)
        c.setFont("Times-Roman", 12)
        width = stringWidth("The cost of a step is given by the rule below, for every step taken.", "Times-Roman", 12)
        c.drawCentredString(72 + width / 2, HEIGHT - 160, "Cost if n < Limit")
        draw_lines(c, 72, HEIGHT - 190, ["The rule holds for every step of the program and for no other thing."] * 3)

    brief = parse_bytes(canvas_pdf([page]), "formula.pdf")
    assert not [p for p in brief.passages if p.kind == "heading"]


def test_small_type_opening_with_a_number_no_marker_raises_is_not_a_note() -> None:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The mill's output rose every year until the flood, as the figures show."])
        draw_lines(c, 72, 200, ["1984 was the best year, with two thousand sacks.", "1985 saw fewer."], size=8)

    brief = parse_bytes(canvas_pdf([page]), "figures.pdf")
    assert not brief.footnotes
    assert "1984 was the best year" in brief.text


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("Ann Lee, Bo Chen, Cy Dorn", ["Ann Lee", "Bo Chen", "Cy Dorn"]),
        ("Lee, Ann", ["Lee, Ann"]),
        ("A. Lee and B. Chen", ["A. Lee", "B. Chen"]),
    ],
)
def test_the_info_author_field_is_split_into_names(field: str, names: list[str]) -> None:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The mill closed in the winter of that year."])

    brief = parse_bytes(canvas_pdf([page], title="Mills", author=field), "mills.pdf")
    assert [a.name for a in brief.authors] == names
