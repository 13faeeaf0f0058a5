"""PDF layouts beyond the word-processor brief: same-size page-foot notes, endnote sections, two columns, margin line
numbers, running heads, hyphenation and glued punctuation. Each PDF is drawn line by line here (``pdf_writer``)."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.format_checks import assert_offsets, sentence
from tests.corpus.pdf_writer import canvas_pdf, draw_line, draw_lines

WIDTH, HEIGHT = A4


def _sentences(brief: Brief) -> str:
    return " | ".join(p.text for p in brief.passages if p.kind == "sentence")


# ----- notes at the foot in the body's own type size (court opinions, typescripts) -------------------------------


def _opinion_page_one(c: Canvas) -> None:
    draw_line(c, 230, HEIGHT - 80, "ORDER AND JUDGMENT{*}", font="Times-Bold", size=13)
    draw_lines(
        c,
        72,
        HEIGHT - 130,
        [
            "The appellant was sentenced to two years in the state prison.{1}  The district court",
            "denied his petition and we granted a certificate of appealability.{2}  We now affirm the",
            "judgment of the district court for the reasons that follow in this order.",
        ],
        pitch=30,  # double-spaced body
        size=13,
    )
    c.line(72, 300, 216, 300)
    draw_lines(
        c,
        72,
        285,
        [
            "{*} This order is not binding precedent except under the doctrines of law of the case.",
            "{1} The sentence was ordered to run concurrently with two other sentences imposed in",
            "the same year.",
            "{2} The certificate was limited to one claim of ineffective assistance of counsel, which",
        ],
        pitch=15,  # notes single-spaced, same type size
        size=13,
    )
    draw_line(c, 290, 50, "- 1 -", size=13)


def _opinion_page_two(c: Canvas) -> None:
    draw_lines(
        c,
        72,
        HEIGHT - 80,
        [
            "Our review of the state court decision is deferential under the federal statute.{3}",
            "The petitioner has not shown that the state court erred in any respect.",
        ],
        pitch=30,
        size=13,
    )
    c.line(72, 300, 216, 300)
    draw_lines(
        c,
        72,
        285,
        [
            "the petitioner raised for the first time in his reply brief.",
            "{3} The statute limits relief to decisions contrary to clearly established law.",
        ],
        pitch=15,
        size=13,
    )
    draw_line(c, 290, 50, "- 2 -", size=13)


@pytest.fixture(scope="module")
def opinion() -> Brief:
    return parse_bytes(canvas_pdf([_opinion_page_one, _opinion_page_two]), "opinion.pdf")


def test_same_size_notes_under_a_rule_are_notes(opinion: Brief) -> None:
    assert [f.number for f in opinion.footnotes] == [1, 2, 3]
    assert sentence(opinion, "The appellant was sentenced").footnotes == (1,)
    assert sentence(opinion, "Our review of the state court").footnotes == (3,)
    assert_offsets(opinion)


def test_a_same_size_note_continues_on_the_next_page(opinion: Brief) -> None:
    two = opinion.footnote(2)
    assert two is not None
    assert two.raw.endswith("assistance of counsel, which the petitioner raised for the first time in his reply brief.")


def test_note_text_and_page_numbers_never_reach_the_body(opinion: Brief) -> None:
    body = _sentences(opinion)
    assert "concurrently" not in body
    assert "not binding precedent" not in body  # the symbol note leaves the body too
    assert "reply brief" not in body
    assert "- 1 -" not in opinion.text and "- 2 -" not in opinion.text


def test_a_double_spaced_paragraph_is_one_paragraph(opinion: Brief) -> None:
    s = sentence(opinion, "The district court denied his petition")
    assert s.text == "The district court denied his petition and we granted a certificate of appealability."


def test_same_size_notes_without_a_rule_are_found_by_their_raised_numbers() -> None:
    def page(c: Canvas) -> None:
        draw_lines(
            c,
            72,
            HEIGHT - 80,
            [f"Line {i} of the body text runs on in the same size as the notes do here." for i in range(1, 12)]
            + ["The claim was filed late.{1}  It was dismissed by the court below."],
            pitch=28,
        )
        draw_lines(c, 72, 160, ["{1} The filing was made two days after the deadline had passed."], pitch=14)

    brief = parse_bytes(canvas_pdf([page]), "norule.pdf")
    assert [f.number for f in brief.footnotes] == [1]
    assert sentence(brief, "The claim was filed late.").footnotes == (1,)
    assert "two days after" not in _sentences(brief)


# ----- endnotes ------------------------------------------------------------------------------------------------


def _endnote_pdf() -> bytes:
    def body(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "Rivers and Treaties", font="Times-Bold", size=20)
        draw_lines(
            c,
            72,
            HEIGHT - 130,
            [
                "The river carries silt to the delta every spring.{1} Farmers call it “the gift of the",
                "mountains.”{2} The treaty of the basin states was signed in the capital. {3} Its text",
                "has never been published in full.",
            ],
        )

    def notes(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "Notes", font="Times-Bold", size=16)
        draw_lines(
            c,
            72,
            HEIGHT - 110,
            [
                "1. Delta Survey Office, Annual Report on Sediment, 2019, p. 12.",
                "2. Interview with a farmers' association, quoted in the Basin Review, March",
                "2020, p. 4.",
                "3. Basin Commission, The Treaty and Its Parties, 1998.",
            ],
            size=10,
            pitch=13,
        )

    return canvas_pdf([body, body, notes])


def test_an_endnote_section_defines_the_notes() -> None:
    brief = parse_bytes(_endnote_pdf(), "rivers.pdf")
    assert sorted({f.number for f in brief.footnotes}) == [1, 2, 3]
    two = brief.footnote(2)
    assert two is not None and two.raw.endswith("Basin Review, March 2020, p. 4.")
    assert "Annual Report on Sediment" not in _sentences(brief)


def test_markers_after_a_closing_quote_and_after_a_space() -> None:
    brief = parse_bytes(_endnote_pdf(), "rivers.pdf")
    quote = next(p for p in brief.passages if p.kind == "sentence" and p.text.startswith("Farmers call it"))
    assert quote.footnotes == (2,)
    spaced = next(p for p in brief.passages if p.kind == "sentence" and p.text.startswith("The treaty of the basin"))
    assert spaced.footnotes == (3,)


def test_endnotes_set_in_two_columns_are_read_column_by_column() -> None:
    def body(c: Canvas) -> None:
        draw_lines(
            c,
            72,
            HEIGHT - 100,
            [f"Claim number {n} of the report is supported by a source.{{{n}}}" for n in range(1, 9)],
        )

    def notes(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "References", font="Times-Bold", size=16)
        left = [
            "1. First Author. A study of the",
            "first question. Journal, 2001.",
            "2. Second Author. Another study,",
            "much longer than the first one.",
            "3. Third Author. Methods, 2003.",
            "4. Fourth Author. Results and",
            "their meaning. Review, 2004.",
        ]
        right = [
            "5. Fifth Author. Data sources,",
            "a survey of archives. 2005.",
            "6. Sixth Author. Field notes, 2006.",
            "7. Seventh Author. Archives and",
            "their keepers. Press, 2007.",
            "8. Eighth Author. Last words, 2008.",
            "",
        ]
        y = HEIGHT - 110
        for a, b in zip(left, right, strict=True):
            draw_line(c, 72, y, a, size=9)
            if b:
                draw_line(c, 312, y, b, size=9)
            y -= 11

    brief = parse_bytes(canvas_pdf([body, notes]), "columns-notes.pdf")
    raws = {f.number: f.raw for f in brief.footnotes}
    assert sorted(raws) == list(range(1, 9))
    assert raws[2] == "Second Author. Another study, much longer than the first one."
    assert raws[5] == "Fifth Author. Data sources, a survey of archives. 2005."


# ----- columns -------------------------------------------------------------------------------------------------

_LEFT = [
    "Glaciers in the northern range",
    "have lost a third of their mass",
    "since the survey began, and the",
    "loss has doubled in the last ten",
    "years of measurement.",
]
_RIGHT = [
    "Downstream, the river now runs",
    "dry in late summer in most years,",
    "and the wells of the valley towns",
    "have fallen by several metres in",
    "the same period of time.",
]


def _two_column_page(c: Canvas, *, title: bool = False) -> None:
    y = HEIGHT - 80
    if title:
        draw_line(c, 72, y, "A Survey of the Northern Range", font="Times-Bold", size=18)
        y -= 30
        y = draw_lines(c, 72, y, ["This full-width abstract sums up the survey in one sentence across the page."])
        y -= 15
    for a, b in zip(_LEFT, _RIGHT, strict=True):
        draw_line(c, 72, y, a, size=11)
        draw_line(c, 318, y, b, size=11)
        y -= 14


@pytest.mark.parametrize("title", [False, True], ids=["two-columns", "mixed-one-and-two-columns"])
def test_two_columns_are_read_column_by_column(title: bool) -> None:
    brief = parse_bytes(canvas_pdf([lambda c: _two_column_page(c, title=title)]), "columns.pdf")
    assert sentence(brief, "Glaciers in the northern range").text == " ".join(_LEFT)
    assert sentence(brief, "Downstream, the river").text == " ".join(_RIGHT)
    if title:
        assert brief.title == "A Survey of the Northern Range"
        assert sentence(brief, "This full-width abstract").text.endswith("across the page.")


# ----- noise ---------------------------------------------------------------------------------------------------


def test_margin_line_numbers_are_dropped() -> None:
    line = "The witness said that the gate was open when she arrived"

    def page(c: Canvas) -> None:
        y = HEIGHT - 100
        for n in range(1, 13):
            draw_line(c, 40, y, str(n), size=10)
            draw_line(c, 90, y, line + ("." if n == 12 else " and"))
            y -= 24

    brief = parse_bytes(canvas_pdf([page]), "transcript.pdf")
    text = _sentences(brief)
    assert not any(f" {n} " in f" {text} " for n in range(1, 13))
    assert text.startswith("The witness said that the gate was open")


def _book_page(n: int) -> object:
    def draw(c: Canvas) -> None:
        head = f"{n} A BOOK OF RIVERS" if n % 2 == 0 else f"THE NORTHERN RANGE {n}"
        draw_line(c, 72 if n % 2 == 0 else 400, HEIGHT - 40, head, size=9)
        draw_lines(c, 72, HEIGHT - 160, [f"Page {n} tells of the river in its own words and ends here."])
        draw_line(c, 72, 30, "4TH PASS PAGES", size=7)

    return draw


def test_running_heads_with_page_numbers_and_printers_marks_are_dropped() -> None:
    brief = parse_bytes(canvas_pdf([_book_page(n) for n in range(112, 120)]), "book.pdf")  # type: ignore[misc]
    assert "A BOOK OF RIVERS" not in brief.text
    assert "THE NORTHERN RANGE" not in brief.text
    assert "4TH PASS" not in brief.text
    assert len([p for p in brief.passages if p.kind == "sentence" and "tells of the river" in p.text]) == 8


def test_hyphens_at_line_ends_join_broken_words_and_keep_compounds() -> None:
    def page(c: Canvas) -> None:
        draw_lines(
            c,
            72,
            HEIGHT - 100,
            [
                "The compa-",
                "nies built a long-",
                "range pipeline over the long hills of the range in five years.",
                "The post-",
                "war treaty, a post-war settlement, held. The Franco-",
                "Prussian border moved.",
            ],
        )

    brief = parse_bytes(canvas_pdf([page]), "hyphens.pdf")
    assert sentence(brief, "The companies built").text.startswith("The companies built a long-range pipeline")
    assert sentence(brief, "The post-war treaty").text == "The post-war treaty, a post-war settlement, held."
    assert "Franco-Prussian border" in brief.text


def test_glued_punctuation_gets_its_space_back_but_domains_do_not() -> None:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The vote was held.The result was close; see Example.Org for the count."])

    brief = parse_bytes(canvas_pdf([page]), "glued.pdf")
    assert sentence(brief, "The vote was held.").text == "The vote was held."
    assert "Example.Org" in brief.text


def test_a_file_name_in_the_info_is_not_a_title() -> None:
    def page(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The body of the note has one sentence."])

    brief = parse_bytes(canvas_pdf([page], title="draft_v2.final", author="Ann Lee"), "draft.pdf")
    assert brief.title != "draft_v2.final"
    assert [a.name for a in brief.authors] == ["Ann Lee"]


def test_a_book_s_notes_to_pages_heading_opens_the_endnotes() -> None:
    def body(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The harbour was dredged in the spring.{1} Ships returned in May.{2}"])

    def notes(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "Notes to pages 1–2", font="Times-Bold", size=14)
        draw_lines(c, 72, HEIGHT - 110, ["1 Port Authority, Dredging Log, 1921.", "2 Harbour diary, May 1921."])

    brief = parse_bytes(canvas_pdf([body, body, notes]), "harbour.pdf")
    assert sorted({f.number for f in brief.footnotes}) == [1, 2]
    assert "Dredging Log" not in _sentences(brief)


def test_a_section_heading_on_top_never_titles_the_brief_when_the_info_has_a_title() -> None:
    def page(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 100, "Abstract", font="Times-Bold", size=14)
        draw_lines(c, 72, HEIGHT - 130, ["We measure the flow of the river over ten years."])

    brief = parse_bytes(canvas_pdf([page], title="River Flow Over a Decade"), "abstract.pdf")
    assert brief.title == "River Flow Over a Decade"


def test_a_printers_mark_beyond_the_page_edge_is_dropped() -> None:
    def page(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT + 4, "JOB 4471 FINAL PROOF", size=8)  # in the slug, above the trimmed page
        draw_lines(c, 72, HEIGHT - 100, ["The only sentence of the page is this one."])

    brief = parse_bytes(canvas_pdf([page]), "slug.pdf")
    assert "PROOF" not in brief.text
    assert sentence(brief, "The only sentence").text == "The only sentence of the page is this one."


def test_a_notes_running_head_on_two_pages_stays_out_of_the_notes() -> None:
    def body(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 160, [f"Claim {n} of the chapter rests on a source.{{{n}}}" for n in range(1, 5)])

    def notes(first: int, page_number: int) -> object:
        def draw(c: Canvas) -> None:
            draw_line(c, 400, HEIGHT - 40, f"NOTES {page_number}", size=9)
            y = HEIGHT - 160
            if first == 1:
                draw_line(c, 72, y + 40, "Notes", font="Times-Bold", size=16)
            for n in (first, first + 1):
                draw_line(c, 72, y, f"{n}. Archive of the harbour board, box {n}, folder {n + 10}.", size=10)
                y -= 13

        return draw

    pages = [body, body, body, body, body, notes(1, 301), notes(3, 302)]
    brief = parse_bytes(canvas_pdf(pages), "chapter.pdf")  # type: ignore[arg-type]
    assert [f.number for f in brief.footnotes] == [1, 2, 3, 4]
    assert "NOTES 30" not in brief.text
    assert all("NOTES" not in f.raw for f in brief.footnotes)


def test_endnotes_in_body_type_under_a_bold_heading_end_at_the_next_heading() -> None:
    def body(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The mill closed in the winter.{1} The workers moved south.{2}"])

    def notes(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 80, "Notes", font="Times-Bold", size=12)
        y = draw_lines(c, 72, HEIGHT - 100, ["1. County Gazette, 3 January 1931.", "2. Census of 1931, table 4."])
        draw_line(c, 72, y - 10, "Acknowledgments", font="Times-Bold", size=12)
        draw_lines(c, 72, y - 30, ["The author thanks the county archivist for her help."])

    brief = parse_bytes(canvas_pdf([body, body, notes]), "mill.pdf")
    assert sorted({f.number for f in brief.footnotes}) == [1, 2]
    assert sentence(brief, "The author thanks").footnotes == ()
    assert "County Gazette" not in _sentences(brief)


def test_two_columns_each_with_notes_at_its_foot() -> None:
    def page(c: Canvas) -> None:
        y = HEIGHT - 100
        for a, b in zip(_LEFT, _RIGHT, strict=True):
            draw_line(c, 72, y, a + ("{1}" if a.endswith("measurement.") else ""), size=11)
            draw_line(c, 318, y, b + ("{2}" if b.endswith("time.") else ""), size=11)
            y -= 14
        for x, n, text in ((72, 1, "Survey office, Glacier Mass Report, 2019."), (318, 2, "Valley water board, 2020.")):
            c.line(x, y - 8, x + 60, y - 8)
            draw_line(c, x, y - 20, f"{{{n}}} {text}", size=8, raised=5)

    brief = parse_bytes(canvas_pdf([page]), "column-notes.pdf")
    assert [f.number for f in brief.footnotes] == [1, 2]
    assert sentence(brief, "Glaciers in the northern range").footnotes == (1,)
    assert sentence(brief, "Downstream, the river").text == " ".join(_RIGHT)
    assert sentence(brief, "Downstream, the river").footnotes == (2,)


def test_a_notes_heading_in_body_type_still_opens_the_endnotes() -> None:
    def body(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The bridge opened in the autumn.{1} Tolls were lifted in spring.{2}"])

    def notes(c: Canvas) -> None:
        draw_line(c, 280, HEIGHT - 100, "NOTES")  # centred capitals in the text's own type, not bold
        draw_lines(c, 72, HEIGHT - 130, ["1. City council minutes, October 1932.", "2. Bridge trust, annual report."])

    brief = parse_bytes(canvas_pdf([body, body, body, notes]), "bridge.pdf")
    assert sorted({f.number for f in brief.footnotes}) == [1, 2]
    assert "council minutes" not in _sentences(brief)


def test_long_notes_without_a_heading_do_not_set_the_body_size() -> None:
    def body(c: Canvas) -> None:
        draw_lines(c, 72, HEIGHT - 100, ["The ferry ran twice a day.{1} It stopped in the war.{2}"])

    def notes(c: Canvas) -> None:
        lines = [f"{n}. Harbour records, ledger {n}, with an account of every crossing and its fare." for n in (1, 2)]
        draw_lines(c, 72, HEIGHT - 100, lines + ["Ledger entries continue in small type " * 2] * 30, size=9, pitch=11)

    brief = parse_bytes(canvas_pdf([body, notes]), "ferry.pdf")
    assert [f.number for f in brief.footnotes] == [1, 2]  # smaller than the body, so notes
    assert "Harbour records" not in _sentences(brief)
    assert brief.title is None or "ferry" not in brief.title  # body text in the body size is no heading


def test_endnotes_restarting_per_chapter_are_cited_by_their_own_chapter() -> None:
    def chapter_one(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 70, "Chapter 1", font="Times-Bold", size=16)
        draw_lines(c, 72, HEIGHT - 100, ["The harbour was dredged in the spring.{1} Ships returned in May.{2}"])

    def chapter_two(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 70, "Chapter 2", font="Times-Bold", size=16)
        draw_lines(c, 72, HEIGHT - 100, ["The new quay opened in the autumn.{1}"])

    def notes(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 70, "Notes", font="Times-Bold", size=16)
        draw_line(c, 72, HEIGHT - 100, "Chapter 1", font="Times-Bold", size=12)
        draw_lines(c, 72, HEIGHT - 120, ["1 Port Authority, Dredging Log, 1921.", "2 Harbour diary, May 1921."])
        draw_line(c, 72, HEIGHT - 170, "Chapter 2", font="Times-Bold", size=12)
        draw_lines(c, 72, HEIGHT - 190, ["1 Town council minutes, October 1922."])

    brief = parse_bytes(canvas_pdf([chapter_one, chapter_two, notes]), "harbour.pdf")
    assert [f.number for f in brief.footnotes] == [1, 2, 3]
    assert sentence(brief, "The new quay").footnotes == (3,)
    assert sentence(brief, "Ships returned").footnotes == (2,)
    three = brief.footnote(3)
    assert three is not None and "Town council minutes" in three.raw and three.raw.startswith("(note 1 of part 2)")
