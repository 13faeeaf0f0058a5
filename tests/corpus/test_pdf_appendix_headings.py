"""Appendix headings in a PDF take their depth from the letter: "Appendix A" is a top section, "A.1" one below."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from corpus.formats.pdf_headings import appendix_depth
from corpus.loader import parse_bytes
from tests.corpus.pdf_writer import canvas_pdf, draw_line, draw_lines

WIDTH, HEIGHT = A4
BODY = [
    "The survey reached two thousand households in the first year and more in the second,",
    "when the sample frame was widened to the towns along the coast and the islands.",
]


def _paper(c: Canvas) -> None:
    draw_line(c, 72, HEIGHT - 80, "1 Introduction", font="Times-Bold", size=12)
    y = draw_lines(c, 72, HEIGHT - 100, BODY, size=11, pitch=14)
    draw_line(c, 72, y - 16, "Appendix A", font="Times-Bold", size=12)
    y = draw_lines(c, 72, y - 36, BODY, size=11, pitch=14)
    draw_line(c, 72, y - 16, "A.1 Sampling Weights", font="Times-Bold", size=12)
    draw_lines(c, 72, y - 36, BODY, size=11, pitch=14)


def test_appendix_letters_give_heading_depth() -> None:
    brief = parse_bytes(canvas_pdf([_paper]), "paper.pdf")
    labels = {p.text: p.label for p in brief.passages if p.kind == "heading"}
    assert labels["Appendix A"] == "h1"
    assert labels["A.1 Sampling Weights"] == "h2"


def test_an_initial_is_no_appendix_letter() -> None:
    assert appendix_depth("A. Smith and B. Jones") == 0
    assert appendix_depth("Appendix Alpha") == 0
    assert appendix_depth("B.2.1 Weights") == 3
