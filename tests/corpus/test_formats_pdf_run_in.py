"""A bold run-in lead ("Risks to children. Children with asthma …") is the start of a paragraph, not a heading."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from corpus.loader import parse_bytes
from tests.corpus.format_checks import sentence
from tests.corpus.pdf_writer import canvas_pdf, draw_line, draw_lines

WIDTH, HEIGHT = A4

CASES = [
    (
        "Risks to children with chronic conditions.",
        "Children with",
        ["asthma and diabetes were at higher risk of severe illness.{4} Clinics stayed open all year."],
        "Children with asthma and diabetes were at higher risk",
    ),
    (
        "Flooding along the lower river valley.",
        "Farms near the",
        ["levee lost most of their harvest in the spring floods.{4} Roads reopened in June."],
        "Farms near the levee lost most of their harvest",
    ),
]


@pytest.mark.parametrize(("lead", "start", "rest", "joined"), CASES)
def test_a_bold_lead_running_on_into_the_body_is_no_heading(lead: str, start: str, rest: list[str], joined: str):
    def page(c: Canvas) -> None:
        y = draw_lines(c, 72, HEIGHT - 100, ["The report looks at three groups of people in the region.{1}"])
        y = draw_lines(c, 72, y - 10, ["Each group was followed for two years by the same team.{2}"])
        draw_line(c, 72, y - 10, lead, font="Times-Bold")
        draw_line(c, 72 + stringWidth(lead + " ", "Times-Bold", 12), y - 10, start)
        y = draw_lines(c, 72, y - 25, rest)
        draw_lines(c, 72, y - 10, ["A last paragraph closes the page with a plain sentence.{5}"])

    brief = parse_bytes(canvas_pdf([page]), "run-in.pdf")
    assert not any(p.kind == "heading" and start in p.text for p in brief.passages)
    answer = sentence(brief, joined)
    assert answer.footnotes == (4,)
    assert sentence(brief, lead).kind == "sentence"


def test_a_bold_heading_on_its_own_line_stays_a_heading():
    def page(c: Canvas) -> None:
        y = draw_lines(c, 72, HEIGHT - 100, ["The report looks at three groups of people in the region.{1}"])
        draw_line(c, 72, y - 10, "Risks to children with chronic conditions", font="Times-Bold")
        draw_lines(c, 72, y - 30, ["Children with asthma were at higher risk of severe illness.{2}"])

    brief = parse_bytes(canvas_pdf([page]), "heading.pdf")
    heads = [p.text for p in brief.passages if p.kind == "heading"]
    assert "Risks to children with chronic conditions" in heads
