"""Title pages and titles: an e-book's title page lines are metadata, not headings; rules and ornaments are no
passages; a publication's masthead, a picture's caption heading or the lines above a thesis title never title the
document when its real title is there."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from corpus.formats.assemble import assemble
from corpus.formats.common import Para
from corpus.loader import parse_bytes
from corpus.sentences import split_sentences
from tests.corpus.format_checks import assert_offsets
from tests.corpus.pdf_writer import canvas_pdf, draw_line, draw_lines

WIDTH, HEIGHT = A4

_PROSE = (
    "The river was dammed in the spring of that year, and the mills below it stood idle until the autumn rains "
    "came back. The millers went to law over the water, and the case lasted a decade."
)

EBOOK = f"""Title: The Mills of the Valley

Author: Ann Reed

*** START OF THE PROJECT GUTENBERG EBOOK THE MILLS OF THE VALLEY ***

Produced by a team of volunteers

                 THE MILLS
               OF THE VALLEY

         A HISTORY OF WATER AND WORK

                    BY

              ANN REED, M.A.

                 EDITED BY

                BEN MARSH

                  LONDON

             HARBOUR & SONS

                   1908


PREFACE

{_PROSE}

* * * * *

CHAPTER I.

THE DAM

{_PROSE}

------

{_PROSE}

*** END OF THE PROJECT GUTENBERG EBOOK THE MILLS OF THE VALLEY ***
"""


def test_ebook_title_page_lines_are_metadata_not_headings() -> None:
    brief = parse_bytes(EBOOK.encode(), "mills.txt")
    assert_offsets(brief)
    headings = [p.text for p in brief.passages if p.kind == "heading"]
    assert headings == ["PREFACE", "CHAPTER I.", "THE DAM"]
    meta = {p.text: p.label for p in brief.passages if p.kind == "metadata"}
    assert meta["BY\nANN REED, M.A."] == "author"
    assert meta["EDITED BY\nBEN MARSH"] == "editor"
    assert meta["1908"] == "date"
    assert meta["THE MILLS\nOF THE VALLEY"] == "title"
    assert meta["LONDON"] == "title page"
    assert brief.title == "The Mills of the Valley"
    assert brief.editors == ("BEN MARSH",)
    # the title page's lines are no sentences
    assert not any(p.kind == "sentence" and p.text in ("LONDON", "1908", "HARBOUR & SONS") for p in brief.passages)


def test_rules_and_ornaments_are_no_passages() -> None:
    brief = parse_bytes(EBOOK.encode(), "mills.txt")
    assert not any(p.text.strip(" *-") == "" for p in brief.passages)
    assert sum(p.text.startswith("The river was dammed") for p in brief.passages) == 3


def test_a_text_without_an_ebook_frame_keeps_its_header_rules() -> None:
    text = f"WATER RIGHTS\n\nBy Ann Reed\n\n{_PROSE}\n\nTHE COURTS\n\n{_PROSE}\n"
    brief = parse_bytes(text.encode(), "rights.txt")
    assert brief.title == "WATER RIGHTS"
    assert [p.text for p in brief.passages if p.kind == "heading"] == ["THE COURTS"]


def _masthead_pdf() -> bytes:
    body = [
        "The board proposes to replace the rule on reservoir levels that applies to all",
        "city reservoirs. This proposal was prompted by two dry summers in a row. We are",
        "proposing this rule to keep the reservoirs above their lowest safe level.",
    ]

    def first(c: Canvas) -> None:
        draw_line(c, 72, HEIGHT - 60, "Proposed Notices", font="Helvetica-Bold", size=20)
        draw_line(c, 72, HEIGHT - 90, "Water Gazette", font="Helvetica-Bold", size=14)
        draw_line(c, 72, HEIGHT - 140, "DEPARTMENT OF WATER", font="Times-Bold", size=12)
        draw_line(c, 72, HEIGHT - 160, "Reservoir Levels; City Reservoirs", font="Times-Bold", size=12)
        draw_lines(c, 72, HEIGHT - 190, body)

    def later(page: int) -> object:
        def draw(c: Canvas) -> None:
            draw_line(c, 72, HEIGHT - 40, f"Water Gazette/Vol. 3/Proposed Notices {40 + page}", size=8)
            draw_lines(c, 72, HEIGHT - 120, body)

        return draw

    return canvas_pdf([first, later(1), later(2)])  # type: ignore[list-item]


def test_a_masthead_printed_in_the_running_heads_does_not_title_the_document() -> None:
    brief = parse_bytes(_masthead_pdf(), "notice.pdf")
    assert_offsets(brief)
    assert brief.title == "Reservoir Levels; City Reservoirs"


BODY = Para(("The court affirmed the judgment of the district court for the reasons that follow in this order.",))


def test_a_title_line_ending_in_a_colon_over_the_heading_is_the_titles_first_part() -> None:
    lines = Para(("Ann Reed\nCity College - Senior Thesis",))
    lead = Para(("Water in Dry Cities:",))
    heading = Para(("Wells, Rivers and Rain in 1950",), heading=True, level=1)
    raw = assemble("pdf", [lines, lead, heading, BODY])
    assert raw.title == "Water in Dry Cities: Wells, Rivers and Rain in 1950"
    assert raw.authors and raw.authors[0].name == "Ann Reed"


HTML = """<html><head><title>The Project Gutenberg eBook of "Mills of the Valley."</title></head><body>
<h4>THE MILLER'S ARMS</h4>
<p>"They ground the corn of three parishes," said the old clerk.</p>
<h1>MILLS OF THE VALLEY</h1>
<div id="toc"><h2>Contents</h2>
<h4><a href="#c1">Chapter I.</a></h4><h4><a href="#c2">Chapter II.</a></h4><h4><a href="#c3">Chapter III.</a></h4>
</div>
<h2 id="c1">Chapter I.</h2><p>{p}</p><h2 id="c2">Chapter II.</h2><p>{p}</p><h2 id="c3">Chapter III.</h2><p>{p}</p>
</body></html>"""


def test_a_caption_heading_above_the_books_top_heading_does_not_title_it() -> None:
    brief = parse_bytes(HTML.replace("{p}", _PROSE).encode(), "mills.html")
    assert brief.title == "Mills of the Valley"


def test_an_html_table_of_contents_is_navigation() -> None:
    brief = parse_bytes(HTML.replace("{p}", _PROSE).encode(), "mills.html")
    chapters = [p.text for p in brief.passages if p.kind == "heading" and p.text.startswith("Chapter")]
    assert chapters == ["Chapter I.", "Chapter II.", "Chapter III."]
    assert not any(p.text == "Contents" for p in brief.passages)


def test_french_titles_do_not_end_a_sentence() -> None:
    text = "The lessons of Mme. Arnaud were printed. Mlle. Reed read them."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The lessons of Mme. Arnaud were printed.",
        "Mlle. Reed read them.",
    ]


def test_a_titles_note_mark_and_surrounding_space_are_not_the_title() -> None:
    text = f"\u00a0Water Rights in Dry Cities\u2217\n\nBy Ann Reed\n\n{_PROSE}\n"
    assert parse_bytes(text.encode(), "rights.txt").title == "Water Rights in Dry Cities"
