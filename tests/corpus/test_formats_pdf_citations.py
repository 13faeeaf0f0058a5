"""PDF papers that cite a numbered reference list by typed "[3]" (numeric citations), papers with page-foot notes
and such a list both numbered from 1, stray numbered lines at a page's foot, and a series label over the title.
Each PDF is drawn line by line here (``pdf_writer``)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.format_checks import assert_offsets, sentence
from tests.corpus.pdf_writer import canvas_pdf, draw_line, draw_lines

WIDTH, HEIGHT = A4

_BODY = [
    "Tidal mills were common on the estuary until the railway came [2]. The last one",
    "closed in 1911, as the survey of [1] records, and its wheel was sold for scrap.",
    "Later writers [3] doubt that date; the survey of [1] is the only witness to it.",
]


def _text(c: Canvas) -> None:
    draw_line(c, 72, HEIGHT - 80, "Tidal Mills of the Estuary", font="Times-Bold", size=16)
    draw_lines(c, 72, HEIGHT - 120, _BODY)


def _references(labels: str) -> list[str]:
    entries = [
        "A. Marsh. Survey of the Estuary Mills. County Press, 1912.",
        "B. Reed. Railways and the Coast. Harbour Books, 1950.",
        "C. Stone. Mills Remembered. Valley Press, 1988.",
    ]
    return [(f"[{n}] " if labels == "brackets" else f"{n}. ") + e for n, e in enumerate(entries, 1)]


def _paper(labels: str) -> Brief:
    def refs(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "References", font="Times-Bold", size=14)
        draw_lines(c, 72, HEIGHT - 105, _references(labels), size=10, pitch=13)

    return parse_bytes(canvas_pdf([_text, refs]), "mills.pdf")


def _sentences(brief: Brief) -> str:
    return " | ".join(p.text for p in brief.passages if p.kind == "sentence")


def test_typed_bracket_numbers_cite_a_bracket_labelled_reference_list() -> None:
    brief = _paper("brackets")
    assert [f.number for f in brief.footnotes] == [1, 2, 3]
    assert sentence(brief, "Tidal mills were common").footnotes == (2,)
    assert sentence(brief, "Later writers").footnotes == (3, 1)
    two = brief.footnote(2)
    assert two is not None and two.raw.startswith("B. Reed. Railways and the Coast")
    assert_offsets(brief)


def test_typed_bracket_numbers_cite_a_list_numbered_with_periods() -> None:
    brief = _paper("periods")
    assert [f.number for f in brief.footnotes] == [1, 2, 3]
    assert {n for n, _ in brief.markers} == {1, 2, 3}
    assert "Survey of the Estuary Mills" not in _sentences(brief)


def test_the_bracket_stays_in_the_sentence_the_author_wrote() -> None:
    brief = _paper("brackets")
    assert sentence(brief, "The last one closed in 1911").text.startswith(
        "The last one closed in 1911, as the survey of [1] records"
    )


def test_a_range_and_a_citation_before_a_colon_cite_their_entries() -> None:
    def text(c: Canvas) -> None:
        draw_lines(
            c, 72, HEIGHT - 120, ["Earlier surveys [1-3] agree. The mill's output was as follows [2]: ten tons."]
        )

    def refs(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "References", font="Times-Bold", size=14)
        draw_lines(c, 72, HEIGHT - 105, _references("brackets"), size=10, pitch=13)

    brief = parse_bytes(canvas_pdf([text, refs]), "survey.pdf")
    assert sentence(brief, "Earlier surveys").footnotes == (1, 2, 3)
    assert sentence(brief, "The mill's output").footnotes == (2,)


def test_a_bracketed_number_no_entry_has_is_only_text() -> None:
    def text(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 120, ["The mill was rebuilt [1]. Its owner wrote [1990] in the ledger [9]."])

    def refs(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "References", font="Times-Bold", size=14)
        draw_lines(c, 72, HEIGHT - 105, _references("brackets")[:1], size=10)

    brief = parse_bytes(canvas_pdf([text, text, refs]), "ledger.pdf")
    assert {n for n, _ in brief.markers} == {1}
    assert "[1990] in the ledger [9]." in _sentences(brief)


# ----- page-foot notes and a reference list, both numbered from 1 ------------------------------------------------


def _page_with_notes(c: Canvas) -> None:
    draw_lines(
        c,
        72,
        HEIGHT - 120,
        [
            "The wheel turned twice a day with the tide.{1} Its miller kept a ledger of the flour",
            "sold at market,{2} which the survey of [1] and the history in [2] both quote at length.",
        ],
    )
    c.line(72, 150, 216, 150)
    draw_lines(c, 72, 138, ["{1}High water came about fifty minutes later each day.", "{2}The ledger is lost."], size=8)


def test_page_foot_notes_keep_their_numbers_beside_a_numbered_reference_list() -> None:
    def refs(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "References", font="Times-Bold", size=14)
        draw_lines(c, 72, HEIGHT - 105, _references("periods"), size=10, pitch=13)

    brief = parse_bytes(canvas_pdf([_page_with_notes, refs]), "wheel.pdf")
    assert [f.number for f in brief.footnotes] == [1, 2]
    one = brief.footnote(1)
    assert one is not None and one.raw == "High water came about fifty minutes later each day."
    assert not [w for w in brief.warnings if w.code == "duplicate_footnote"]
    assert sentence(brief, "The wheel turned twice a day").footnotes == (1,)


def test_a_numbered_line_under_the_byline_is_not_the_note_of_that_number() -> None:
    def first(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "Tidal Mills of the Estuary", font="Times-Bold", size=16)
        # the affiliation marks of a journal's title page: its "2" is printed at this foot, its "1" elsewhere
        draw_line(c, 72, HEIGHT - 105, "Ann Marsh{1} and Ben Reed{2}")
        draw_lines(c, 72, HEIGHT - 140, ["The wheel turned twice a day with the tide, as the miller wrote."])
        c.line(72, 150, 216, 150)
        draw_lines(c, 72, 138, ["{2}Harbour Trust."], size=8)

    def second(c: Canvas) -> None:
        draw_lines(
            c,
            72,
            HEIGHT - 120,
            ["The ledger records flour sold at market.{1} Its last page is dated 1911.{2} Nothing follows."],
        )
        c.line(72, 150, 216, 150)
        draw_lines(c, 72, 138, ["{1}The ledger is in the county archive.", "{2}In the miller's hand."], size=8)

    brief = parse_bytes(canvas_pdf([first, second]), "ledger.pdf")
    two = brief.footnote(2)
    assert two is not None and two.raw == "In the miller's hand."


def test_a_foot_line_of_only_digits_opens_no_note() -> None:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 120, ["The sum runs over every index from one to n, as shown below.{1}"])
        # a display formula's indices, set small near the foot, and no rule over the note
        draw_line(c, 200, 200, "1 1 1", size=8)
        draw_lines(c, 72, 138, ["{1}The indices are set small under the sum."], size=8)

    brief = parse_bytes(canvas_pdf([page]), "sum.pdf")
    assert [f.number for f in brief.footnotes] == [1]
    assert not brief.warnings


# ----- a series label over the title -----------------------------------------------------------------------------


def test_a_series_label_in_text_type_over_the_title_is_not_the_title() -> None:
    def page(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 70, "RESEARCH BULLETIN 12", size=10)
        draw_line(c, 72, HEIGHT - 95, "Tidal Mills of the Estuary", font="Times-Bold", size=16)
        draw_lines(c, 72, HEIGHT - 140, _BODY, size=10)

    brief = parse_bytes(canvas_pdf([page]), "bulletin.pdf")
    assert brief.title == "Tidal Mills of the Estuary"


# ----- the title block of a paper ---------------------------------------------------------------------------------


def _title_block(c: Canvas) -> None:
    draw_line(c, 200, HEIGHT - 80, "Tidal Mills of the Estuary", font="Times-Bold", size=17)
    draw_line(c, 210, HEIGHT - 110, "Ann Marsh and Ben Reed{*}", size=12)
    draw_line(c, 220, HEIGHT - 130, "October 17, 2013", size=12)
    draw_line(c, 72, HEIGHT - 170, "1 Introduction", font="Times-Bold", size=17)
    draw_lines(c, 72, HEIGHT - 200, _BODY, size=10)


def test_a_byline_on_its_own_line_under_the_title_names_the_authors() -> None:
    brief = parse_bytes(canvas_pdf([_title_block]), "paper.pdf")
    assert brief.title == "Tidal Mills of the Estuary"
    assert [a.name for a in brief.authors] == ["Ann Marsh", "Ben Reed"]
    assert brief.date == "2013-10-17"


def test_a_numbered_section_heading_after_the_byline_is_no_organisation() -> None:
    brief = parse_bytes(canvas_pdf([_title_block]), "paper.pdf")
    assert brief.organisation is None
    assert "1 Introduction" in [p.text for p in brief.passages if p.kind == "heading"]


# ----- raised digits in formulas ---------------------------------------------------------------------------------


def test_a_fraction_s_raised_numerator_is_no_marker() -> None:
    def page(c: Canvas) -> None:
        draw_lines(
            c,
            72,
            HEIGHT - 120,
            [
                "Keeping every second block costs · N + · {2} · N extra work in all.{1} Saving",
                "{9}/10 of the memory costs more.",
            ],
        )
        c.line(72, 150, 216, 150)
        draw_lines(c, 72, 138, ["{1}The work is counted in hash calls."], size=8)

    brief = parse_bytes(canvas_pdf([page]), "memory.pdf")
    assert {n for n, _ in brief.markers} == {1}
    assert not brief.warnings
    assert sentence(brief, "Keeping every second block").footnotes == (1,)


def test_latex_s_asterisk_note_with_an_email_leaves_the_text_and_the_byline_is_read() -> None:
    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # ships with reportlab; has U+2217

    def page(c: Canvas) -> None:
        draw_line(c, 200, HEIGHT - 80, "Tidal Mills of the Estuary", font="Times-Bold", size=17)
        # LaTeX's \thanks marks print U+2217, not "*"
        byline = ["Ann Marsh{\u2217}", "Harbour Research Group", "March 5, 2018"]
        draw_lines(c, 210, HEIGHT - 110, byline, size=12, font="Vera")
        draw_lines(c, 72, HEIGHT - 200, _BODY, size=10)
        c.line(72, 150, 216, 150)
        draw_line(c, 82, 138, "{\u2217}ann.marsh@example.org", size=8, font="Vera")

    brief = parse_bytes(canvas_pdf([page]), "paper.pdf")
    assert [a.name for a in brief.authors] == ["Ann Marsh"]
    assert brief.organisation == "Harbour Research Group"
    assert "example.org" not in brief.text
