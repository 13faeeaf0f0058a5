"""Paragraph breaks in a PDF flow without space between paragraphs: a first-line indent of less than one em (a
LaTeX class's small ``\\parindent``) opens a paragraph, so a note cited at the end of one paragraph does not cover
the sentences of the paragraph before it."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.format_checks import sentence
from tests.corpus.pdf_writer import canvas_pdf, draw_line, draw_lines

WIDTH, HEIGHT = A4
SIZE = 10.0


def _page(indent: float) -> Brief:
    def draw(c: Canvas) -> None:
        draw_line(c, 200, HEIGHT - 80, "A Short Paper on Ring Signatures", font="Times-Bold", size=14)
        y = draw_lines(
            c,
            72,
            HEIGHT - 130,
            [
                "Ring signatures hide the signer among a set of public keys chosen by the signer for",
                "each transaction, so an observer cannot tell which key signed.",
            ],
            pitch=12,
            size=SIZE,
        )
        draw_lines(
            c,
            72 + indent,
            y,
            ["A later scheme halves the storage cost of each signature on the chain, which is the"],
            pitch=12,
            size=SIZE,
        )
        draw_lines(
            c,
            72,
            y - 12,
            [
                "main reason it was adopted.{1} The rest of this paper describes the scheme in detail and",
                "compares it with the original one on real transactions.",
            ],
            pitch=12,
            size=SIZE,
        )
        c.line(72, 110, 200, 110)
        draw_line(c, 72, 96, "{1}The adoption is described in the project's release notes.", size=8, raised=6)

    pdf = canvas_pdf([draw])
    return parse_bytes(pdf, "paper.pdf")


def test_an_indent_under_one_em_opens_a_paragraph() -> None:
    brief = _page(indent=0.79 * SIZE)
    first = sentence(brief, "Ring signatures hide the signer")
    later = sentence(brief, "A later scheme halves")
    assert first.paragraph != later.paragraph
    assert first.footnotes == ()  # the note cited in the next paragraph does not reach back
    assert later.footnotes == (1,)


def test_a_line_starting_a_few_points_in_does_not_open_a_paragraph() -> None:
    brief = _page(indent=0.3 * SIZE)
    assert sentence(brief, "Ring signatures hide the signer").paragraph == sentence(brief, "A later scheme").paragraph
