"""PDF pages in three columns (as the Federal Register sets them): read column by column, top to bottom and left to
right, with the notes at the foot of each column matched to the raised markers in it, and full-width blocks (a
title, an abstract) read where they stand. Each page is drawn line by line (``pdf_writer``)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from corpus.loader import load_brief, parse_bytes
from corpus.models import Brief
from tests.corpus.format_checks import assert_offsets, sentence
from tests.corpus.pdf_writer import canvas_pdf, draw_line
from tests.corpus.real_files import EXTRA4, real_document

WIDTH, HEIGHT = A4
SIZE, PITCH = 9.0, 10.0
COLUMN = 160.0
GUTTER = 7.0  # narrower than one em: only the aligned left edges of the next column make it a gutter

# one paragraph per column; "{n}" is a raised marker
_COLUMNS = [
    "The river authority measured the flow at the northern weir every morning for three years, and the "
    "readings show that the spring flood now arrives almost a month earlier than it did when the survey "
    "began.{1} The authority published the readings in its annual report and asked the towns downstream "
    "to comment on them before the end of the year.",
    "Farmers in the lower valley said that the wells on their land had fallen by several metres over the "
    "same period, and that two of the older wells had run dry in the late summer of the second year. The "
    "valley council asked the authority to extend the survey to the groundwater under the lower valley "
    "and to publish the results with the flow readings.",
    "The authority agreed to a two-year survey of the groundwater, paid for by the council and the "
    "authority in equal shares, and appointed an engineer from the coastal office to lead it.{2} The "
    "first readings from the new boreholes are expected in the spring, when the survey team will report "
    "to a public meeting in the valley.",
]
_NOTES = {
    1: (0, "Annual report of the river authority, volume three, table four."),
    2: (2, "Minutes of the valley council, meeting of the ninth of March."),
}


def _wrap(text: str, width: float, size: float = SIZE) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        shown = (lines[-1] + " " + word if lines else word).replace("{", "").replace("}", "")
        if lines and stringWidth(shown, "Times-Roman", size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _three_columns(c: Canvas, top: float) -> None:
    """Three columns from baseline ``top`` down, each with its notes under a short rule at its foot."""
    for k, text in enumerate(_COLUMNS):
        x = 40 + k * (COLUMN + GUTTER)
        y = top
        for line in _wrap(text, COLUMN):
            draw_line(c, x, y, line, size=SIZE, raised=6)
            y -= PITCH
        notes = [(n, note) for n, (col, note) in _NOTES.items() if col == k]
        if notes:
            y -= 2 * PITCH
            c.line(x, y + 8, x + 40, y + 8)
            for n, note in notes:
                for i, line in enumerate(_wrap(note, COLUMN - 8, 7.0)):
                    draw_line(c, x + (7 if i == 0 else 0), y, (f"{{{n}}}" if i == 0 else "") + line, size=7.0, raised=5)
                    y -= 8


def _first_sentence(k: int) -> str:
    return _COLUMNS[k].split(". ")[0].split("{")[0].rstrip(".") + "."


def _assert_read_column_by_column(brief: Brief) -> None:
    assert [f.number for f in brief.footnotes] == [1, 2]
    one, two = brief.footnote(1), brief.footnote(2)
    assert one is not None and one.raw == _NOTES[1][1]
    assert two is not None and two.raw == _NOTES[2][1]
    first = sentence(brief, "The river authority measured")
    assert first.text == _first_sentence(0)
    assert first.footnotes == (1,)
    middle = sentence(brief, "Farmers in the lower valley")
    assert middle.text == _first_sentence(1)
    assert middle.footnotes == ()
    last = sentence(brief, "The authority agreed")
    assert last.text == _first_sentence(2)
    assert last.footnotes == (2,)
    body = " ".join(p.text for p in brief.passages if p.kind == "sentence")
    assert "Annual report of the river" not in body and "Minutes of the valley" not in body
    # reading order: the first column, then the second, then the third
    assert body.index("The river authority") < body.index("Farmers in") < body.index("The authority agreed")
    assert_offsets(brief)


def test_three_narrow_columns_are_read_column_by_column_with_notes_at_their_feet() -> None:
    brief = parse_bytes(canvas_pdf([lambda c: _three_columns(c, HEIGHT - 80)]), "three-columns.pdf")
    _assert_read_column_by_column(brief)


def test_a_full_width_title_and_abstract_over_three_columns() -> None:
    abstract = (
        "This notice reports three years of flow readings at the northern weir and the survey of the groundwater "
        "that the valley council asked for."
    )

    def page(c: Canvas) -> None:
        draw_line(c, 40, HEIGHT - 70, "Flow and Groundwater in the Northern Valley", font="Times-Bold", size=16)
        y = HEIGHT - 95
        for line in _wrap(abstract, WIDTH - 80):
            draw_line(c, 40, y, line, size=SIZE)
            y -= PITCH
        _three_columns(c, y - 15)

    brief = parse_bytes(canvas_pdf([page]), "title-and-columns.pdf")
    assert brief.title == "Flow and Groundwater in the Northern Valley"
    assert sentence(brief, "This notice reports").text == abstract
    _assert_read_column_by_column(brief)


# ----- a real three-column document (read from $CITEBOT_REAL_EXTRA4; provenance in tests/data/real/SOURCE.md) -----


def test_federal_register_three_columns_are_never_spliced() -> None:
    brief = load_brief(real_document("faa-boeing-737-max-airworthiness-nprm-2020.pdf", EXTRA4))
    assert [f.number for f in brief.footnotes] == list(range(1, 16))
    thirteen = brief.footnote(13)
    assert thirteen is not None and thirteen.raw == "More than 10 degrees difference for more than 10 seconds."
    # a sentence from the foot of the first column to the top of the second, and one that cites two notes
    assert sentence(brief, "On October 29, 2018, a Boeing").text.endswith("resulting in 189 fatalities.")
    spanning = sentence(brief, "The data from the flight data recorders")
    assert "Ethiopian Airlines Flight 302 accident and the Lion Air Flight 610 accident" in spanning.text
    assert spanning.footnotes == (7, 8)
    assert sentence(brief, "On November 7, 2018, the FAA issued").footnotes == (6,)
    cited = {n for p in brief.passages for n in p.footnotes}
    assert cited >= set(range(1, 16))
    # the running head's page number is neither the title nor a passage
    assert brief.title is not None and not brief.title.isdigit()
    assert not [p for p in brief.passages if "Federal Register / Vol. 85" in p.text]
