"""Source PDFs are read by the brief's own PDF reader, not line by line across the page."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from index.sources import pdf_text
from tests.corpus.pdf_writer import canvas_pdf, draw_lines

LEFT = [f"Left sentence number {n} of the first column stays whole." for n in range(1, 21)]
RIGHT = [f"Right sentence number {n} of the second column stays whole." for n in range(1, 21)]


def _split(sentences: list[str]) -> list[str]:
    # Each sentence wraps over two short lines, as a narrow column sets it.
    lines: list[str] = []
    for sentence in sentences:
        words = sentence.split()
        lines += [" ".join(words[:5]), " ".join(words[5:])]
    return lines


def _two_columns(c: Canvas) -> None:
    # Drawn a baseline at a time across both columns, as many typesetters write them: a reader that follows the
    # content stream splices the columns.
    y = 780.0
    for left, right in zip(_split(LEFT), _split(RIGHT), strict=True):
        draw_lines(c, 60, y, [left], size=9)
        draw_lines(c, 310, y, [right], size=9)
        y -= 11


def test_a_two_column_source_is_read_column_by_column() -> None:
    text = " ".join(pdf_text(canvas_pdf([_two_columns]), "two-columns.pdf").split())
    for sentence in LEFT + RIGHT:
        assert sentence in text
    assert text.index(LEFT[-1]) < text.index(RIGHT[0])


def _hyphenated(c: Canvas) -> None:
    draw_lines(c, 60, 780, ["Several large compa-", "nies reported their long-range", "plans in the annual filing."])


def test_line_end_hyphenation_is_undone_and_real_hyphens_stay() -> None:
    text = pdf_text(canvas_pdf([_hyphenated]), "hyphens.pdf")
    assert "Several large companies reported their long-range plans in the annual filing." in text
