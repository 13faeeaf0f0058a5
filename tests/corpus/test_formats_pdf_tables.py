"""Ruled tables in a PDF (corpus/formats/pdf.py): two tables side by side under one short caption line both read,
the caption taken once, and the page parsed instead of refused. Drawn here with ``pdf_writer``."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from corpus.loader import parse_bytes
from tests.corpus.pdf_writer import canvas_pdf, draw_line, draw_lines

WIDTH, HEIGHT = A4


def _ruled_table(c: Canvas, x: float, top: float, rows: list[tuple[str, str]]) -> None:
    width, height = 100.0, 18.0
    for i, (left, right) in enumerate(rows):
        y = top - (i + 1) * height
        c.rect(x, y, width, height)
        c.line(x + width / 2, y, x + width / 2, y + height)
        draw_line(c, x + 4, y + 5, left, size=9)
        draw_line(c, x + width / 2 + 4, y + 5, right, size=9)


def _page(c: Canvas) -> None:
    draw_lines(c, 72, HEIGHT - 80, ["The two harbours were surveyed in the same summer by the county engineers."])
    draw_line(c, 72, HEIGHT - 120, "Harbour depths", size=10)
    _ruled_table(c, 72, HEIGHT - 128, [("Berth", "Depth"), ("North", "12 m"), ("South", "9 m")])
    _ruled_table(c, 300, HEIGHT - 128, [("Berth", "Depth"), ("East", "7 m"), ("West", "8 m")])
    draw_lines(c, 72, HEIGHT - 260, ["Both harbours were dredged again in the following spring by the council."])


def test_two_tables_side_by_side_under_one_caption_both_read():
    brief = parse_bytes(canvas_pdf([_page]), "harbours.pdf")
    rows = [p.text for p in brief.passages if p.kind == "table_row"]
    assert any("North" in r for r in rows) and any("East" in r for r in rows), rows
    assert any("dredged again" in p.text for p in brief.passages if p.kind == "sentence")
