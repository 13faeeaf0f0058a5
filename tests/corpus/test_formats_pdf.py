"""PDF (pdfplumber): raised markers, page-foot notes, sentences across page breaks, running heads, metadata, bad files.

Every PDF is built here with reportlab: the line-by-line writer in ``pdf_writer`` (the shared sample), reportlab's
platypus with ``<super>`` tags (another producer, endnotes under a "Notes" heading), and hand-drawn pages.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from corpus.errors import ParseError, UnsupportedFormat
from corpus.loader import detect_format, parse_bytes
from corpus.models import Brief
from tests.corpus.brief_writers import SAMPLE
from tests.corpus.format_checks import assert_footnotes, assert_offsets, assert_sample, sentence
from tests.corpus.pdf_writer import to_pdf


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return to_pdf(SAMPLE)


@pytest.fixture(scope="module")
def sample(sample_pdf: bytes) -> Brief:
    return parse_bytes(sample_pdf, "sample.pdf")


def test_the_fixture_really_splits_a_sentence_over_two_pages(sample_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample_pdf)) as pdf:
        assert len(pdf.pages) == 2
        first = pdf.pages[0].extract_text()
        second = pdf.pages[1].extract_text()
    assert "both sides spoke of\n" in first
    assert "releasing the prisoners of war" in second


def test_sample_brief_parses_completely(sample: Brief) -> None:
    assert sample.format == "pdf"
    assert_sample(sample)


def test_a_footnote_right_after_a_year_is_the_year_and_the_note(sample: Brief) -> None:
    year = sentence(sample, "The research programme")
    assert year.text.endswith("ends in 2026.")
    assert year.footnotes == (2,)
    assert "20262" not in sample.text


def test_notes_at_the_foot_are_removed_from_the_body(sample: Brief) -> None:
    body = " ".join(p.text for p in sample.passages if p.kind == "sentence")
    assert "Observer Research Foundation" not in body
    assert "Stanley Center" not in body
    assert_footnotes(sample)


def test_running_header_and_page_numbers_are_dropped(sample: Brief) -> None:
    assert "ISSI Issue Brief" not in sample.text
    assert not [p for p in sample.passages if p.text.strip().isdigit()]


def test_metadata_from_the_document_info_without_a_title_block() -> None:
    brief = parse_bytes(to_pdf(SAMPLE, header=False), "bare.pdf")
    assert brief.title == "Prospects Of Renewed Nuclear Talks"  # the info's Title, as the writer set it
    assert [a.name for a in brief.authors] == ["Jane Doe"]
    assert sentence(brief, "North Korea is building up").footnotes == (1,)
    assert_offsets(brief)


def _platypus_pdf() -> bytes:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.alignment = 4  # justified: word spacing is stretched, spaces are still found
    story = [
        Paragraph("Water and Security in the Basin", styles["Title"]),
        Paragraph(
            "The basin feeds forty million people.<super>1</super> Its glaciers lose mass every year, and the "
            "treaty that governs the river is funded by a grant that ends in 2026.<super>2</super> Downstream "
            "states have asked for talks.",
            body,
        ),
        Spacer(1, 12),
        Paragraph("Upstream dams store 40 km<super>3</super> of water. Nobody disputes this figure.", body),
        Paragraph("Notes", styles["Heading2"]),
        Paragraph('1. "Basin Population Survey," Water Board, March 2020, &lt;https://example.org/basin&gt;', body),
        Paragraph('2. "Treaty Funding," Ministry of Water, June 5, 2019, &lt;https://example.org/treaty&gt;', body),
    ]
    buf = io.BytesIO()

    def number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {doc.page}")

    SimpleDocTemplate(buf, pagesize=A4, title="Water Brief", author="Ann Lee").build(
        story, onFirstPage=number, onLaterPages=number
    )
    return buf.getvalue()


def test_another_producer_with_endnotes_under_a_notes_heading() -> None:
    brief = parse_bytes(_platypus_pdf(), "water.pdf")
    assert brief.title == "Water and Security in the Basin"
    assert sentence(brief, "The basin feeds").footnotes == (1,)
    grant = sentence(brief, "Its glaciers lose mass")
    assert grant.text.endswith("a grant that ends in 2026.")
    assert grant.footnotes == (2,)
    dams = sentence(brief, "Upstream dams store")
    assert dams.text == "Upstream dams store 40 km3 of water."  # a raised 3 after a unit is a power
    assert dams.footnotes == ()
    assert [(f.number, f.title, f.date, f.url) for f in brief.footnotes] == [
        (1, "Basin Population Survey", "2020-03", "https://example.org/basin"),
        (2, "Treaty Funding", "2019-06-05", "https://example.org/treaty"),
    ]
    assert "Page 1" not in brief.text
    assert_offsets(brief)


def _two_page_note_pdf() -> bytes:
    """Page 1's note runs over to the foot of page 2; note numbers typed as "1." in small type."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    _, height = A4

    def body(y: float, text: str, marker: str | None = None) -> None:
        t = c.beginText(72, y)
        t.setFont("Times-Roman", 12)
        t.textOut(text)
        if marker:
            t.setFont("Times-Roman", 7)
            t.setRise(5)
            t.textOut(marker)
            t.setRise(0)
        c.drawText(t)

    body(height - 100, "Drought has cut the harvest by a third.", "1")
    body(height - 116, "Farmers have left the valley for the towns.")
    c.line(72, 130, 200, 130)
    c.setFont("Times-Roman", 9)
    c.drawString(72, 118, '1. "Harvest Report," Farm Agency, July 2, 2021, a long note that')
    c.showPage()
    body(height - 100, "Food prices rose in every market.", "2")
    c.line(72, 130, 200, 130)
    c.setFont("Times-Roman", 9)
    c.drawString(72, 118, "continues here, <https://example.org/harvest>.")
    c.drawString(72, 106, '2. "Price Index," Statistics Office, August 2021, <https://example.org/prices>')
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_note_continued_on_the_next_page_and_typed_note_numbers() -> None:
    brief = parse_bytes(_two_page_note_pdf(), "drought.pdf")
    one = brief.footnote(1)
    assert one is not None
    assert one.raw.endswith("a long note that continues here, <https://example.org/harvest>.")
    assert (one.title, one.url) == ("Harvest Report", "https://example.org/harvest")
    assert sentence(brief, "Food prices rose").footnotes == (2,)
    assert "continues here" not in " ".join(p.text for p in brief.passages if p.kind == "sentence")


def test_pdf_is_detected_from_content(sample_pdf: bytes) -> None:
    assert detect_format(sample_pdf, "download.bin") == "pdf"


def test_encrypted_pdf_is_refused_with_a_reason() -> None:
    with pytest.raises(UnsupportedFormat, match="encrypted"):
        parse_bytes(to_pdf(SAMPLE, password="secret"), "locked.pdf")


def test_image_only_pdf_has_no_text_layer() -> None:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    for i in range(40):  # a "scan": marks on the page, no text objects
        c.rect(72, 100 + i * 15, 300 + (i % 5) * 20, 8, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(UnsupportedFormat, match="no text layer; OCR is not supported"):
        parse_bytes(buf.getvalue(), "scan.pdf")


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_damaged_pdf_is_a_parse_error(sample_pdf: bytes, cut: float) -> None:
    with pytest.raises(ParseError, match="damaged") as info:
        parse_bytes(sample_pdf[: int(len(sample_pdf) * cut)], "broken.pdf")
    assert "\n" not in str(info.value)


def test_ligatures_become_letters_and_placeholder_authors_are_ignored() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # ships with reportlab; has the ﬁ and ﬂ glyphs
    buf = io.BytesIO()
    c = Canvas(buf)  # reportlab's default info: Author "anonymous"
    c.setFont("Vera", 12)
    c.drawString(72, 700, "Public ﬁnance and capital ﬂows grew.")
    c.showPage()
    c.save()
    brief = parse_bytes(buf.getvalue(), "ligatures.pdf")
    assert sentence(brief, "Public").text == "Public finance and capital flows grew."
    assert brief.authors == ()
