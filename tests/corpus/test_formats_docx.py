"""DOCX: real Word footnotes and endnotes, numbering by reference order, core properties, tracked changes."""

from __future__ import annotations

import io
import zipfile

import pytest

from corpus.errors import ParseError, UnsupportedFormat
from corpus.loader import detect_format, parse_bytes
from tests.corpus.brief_writers import SAMPLE
from tests.corpus.docx_writer import to_docx
from tests.corpus.format_checks import assert_footnotes, assert_offsets, assert_sample, assert_span_rule, sentence


def test_sample_brief_parses_completely() -> None:
    brief = parse_bytes(to_docx(SAMPLE), "sample.docx")
    assert brief.format == "docx"
    assert_sample(brief)


def test_note_ids_are_keys_and_numbers_follow_reference_order() -> None:
    # the writer gives note n the XML id n + 1; Word shows them as 1, 2, 3 in reading order
    data = to_docx(SAMPLE)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert 'w:footnoteReference w:id="2"' in z.read("word/document.xml").decode()
    brief = parse_bytes(data, "sample.docx")
    assert [f.number for f in brief.footnotes] == [1, 2, 3, 4, 5]


def test_endnotes_are_read_like_footnotes() -> None:
    brief = parse_bytes(to_docx(SAMPLE, endnotes=True), "endnotes.docx")
    assert_footnotes(brief)
    assert_span_rule(brief)


def test_hyperlinks_in_notes_come_from_the_relationships_part() -> None:
    brief = parse_bytes(to_docx(SAMPLE), "sample.docx")
    assert brief.footnote(5) is not None
    assert brief.footnote(5).url == "https://www.orfonline.org/expert-speak/the-failure-of-the-hanoi-summit-48949/"  # type: ignore[union-attr]


def test_core_properties_give_metadata_without_a_title_block() -> None:
    brief = parse_bytes(to_docx(SAMPLE, header=False), "bare.docx")
    assert brief.title == SAMPLE.title
    assert [a.name for a in brief.authors] == ["Jane Doe"]
    assert brief.organisation == SAMPLE.organisation  # from docProps/app.xml's Company
    assert brief.date == "2022-04-29"  # from dcterms:created
    assert sentence(brief, "North Korea is building up").footnotes == (1,)
    assert_offsets(brief)


def test_tracked_deletions_and_field_codes_are_not_text() -> None:
    extra = (
        '<w:p><w:r><w:t xml:space="preserve">Kept words </w:t></w:r>'
        '<w:del w:id="9" w:author="x"><w:r><w:delText>deleted words </w:delText></w:r></w:del>'
        '<w:ins w:id="10" w:author="x"><w:r><w:t xml:space="preserve">and inserted words </w:t></w:r></w:ins>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> stay.</w:t></w:r></w:p>'
    )
    brief = parse_bytes(to_docx(SAMPLE, extra_body=extra), "tracked.docx")
    assert sentence(brief, "Kept words").text == "Kept words and inserted words 7 stay."
    assert "deleted words" not in brief.text
    assert "PAGE" not in brief.text


def test_superscript_typed_by_hand_is_a_marker_after_punctuation() -> None:
    extra = (
        '<w:p><w:r><w:t xml:space="preserve">The treaty expires in 2026.</w:t></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>5</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> The area is 40 km</w:t></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> wide.</w:t></w:r></w:p>'
    )
    brief = parse_bytes(to_docx(SAMPLE, extra_body=extra), "manual.docx")
    assert sentence(brief, "The treaty expires in 2026.").footnotes == (5,)
    assert sentence(brief, "The area is").text == "The area is 40 km2 wide."


def test_docx_is_detected_from_content() -> None:
    assert detect_format(to_docx(SAMPLE), "upload.bin") == "docx"


def test_damaged_docx_is_a_parse_error() -> None:
    data = to_docx(SAMPLE)
    with pytest.raises(ParseError, match="damaged"):
        parse_bytes(data[: len(data) // 2], "broken.docx")


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormat, match="spreadsheets are not supported"):
        parse_bytes(buf.getvalue(), "table.xlsx")


# ---- document metadata over file metadata, tables in notes, headings (issue 10) ----


def _docx(body: str, footnotes: str = "", created: str = "2026-11-30T16:33:15Z") -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {w}><w:body>{body}</w:body></w:document>")
        if footnotes:
            zf.writestr("word/footnotes.xml", f"<w:footnotes {w}>{footnotes}</w:footnotes>")
        zf.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            f"<dc:title>A Book, Chapter Two</dc:title><dc:creator>File Owner</dc:creator>"
            f"<dcterms:created>{created}</dcterms:created></cp:coreProperties>",
        )
    return buf.getvalue()


def _p(text: str, style: str | None = None, note: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    ref = f'<w:r><w:footnoteReference w:id="{note}"/></w:r>' if note else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r>{ref}</w:p>'


def test_stated_author_and_date_paragraphs_beat_the_file_properties() -> None:
    body = _p("A Book, Chapter Two", "Title") + _p("Ann Author", "Author") + _p("1919", "Date") + _p("Prices rose.")
    brief = parse_bytes(_docx(body), "chapter.docx")
    assert brief.date == "1919"  # not the file's created date, the day it was exported
    assert [a.name for a in brief.authors] == ["Ann Author"]
    assert "Ann Author" not in [p.text for p in brief.passages if p.kind == "sentence"]


def test_created_date_is_used_when_the_text_states_none() -> None:
    brief = parse_bytes(_docx(_p("A Book, Chapter Two", "Title") + _p("Prices rose.")), "chapter.docx")
    assert brief.date == "2026-11-30"


def test_table_inside_a_footnote_is_read_row_by_row() -> None:
    def cell(t: str) -> str:
        return f"<w:tc>{_p(t)}</w:tc>"

    rows = [["Year", "Imports", "Exports"], ["", "$1,000", "$1,000"], ["1913", "140,355", "114,670"]]
    table = "<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in r) + "</w:tr>" for r in rows) + "</w:tbl>"
    note = f'<w:footnote w:id="5">{_p("As the table shows:")}{table}{_p("Figures at par.")}</w:footnote>'
    brief = parse_bytes(_docx(_p("Trade fell.", note="5"), note), "trade.docx")
    fn = brief.footnote(1)
    assert fn is not None
    assert (
        fn.raw == "As the table shows: Year: 1913: Imports ($1,000) 140,355, Exports ($1,000) 114,670. Figures at par."
    )


def test_reference_mid_sentence_cites_that_sentence() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Circulation is about ten times</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> what it was. Next.</w:t></w:r></w:p>'
    )
    brief = parse_bytes(_docx(body, f'<w:footnote w:id="2">{_p("Including notes.")}</w:footnote>'), "c.docx")
    assert sentence(brief, "Circulation").footnotes == (1,)
    assert sentence(brief, "Circulation").text == "Circulation is about ten times what it was."


def test_heading_styles_give_heading_passages_with_levels() -> None:
    body = _p("A Book, Chapter Two", "Title") + _p("Part one", "Heading2") + _p("Prices rose.")
    brief = parse_bytes(_docx(body), "h.docx")
    assert [(p.text, p.label) for p in brief.passages if p.kind == "heading"] == [("Part one", "h2")]


def test_a_symbol_font_character_is_read_and_never_glues_two_words() -> None:
    extra = (
        '<w:p><w:r><w:t xml:space="preserve">Four founders of the guild</w:t></w:r>'
        '<w:r><w:sym w:font="Symbol" w:char="F0BE"/></w:r><w:r><w:t xml:space="preserve">Ann Lee and Bo Park'
        '</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0BE"/></w:r><w:r><w:t xml:space="preserve">met at a '
        "temperature of 20</w:t></w:r>"
        '<w:r><w:sym w:font="Symbol" w:char="F0B0"/></w:r><w:r><w:t xml:space="preserve">C under a</w:t></w:r>'
        '<w:r><w:sym w:font="Wingdings" w:char="F04A"/></w:r><w:r><w:t xml:space="preserve">sky.</w:t></w:r></w:p>'
    )
    brief = parse_bytes(to_docx(SAMPLE, extra_body=extra), "symbols.docx")
    assert sentence(brief, "Four founders").text == (
        "Four founders of the guild\u2014Ann Lee and Bo Park\u2014met at a temperature of 20\u00b0C under a sky."
    )


def test_the_comma_between_two_note_references_is_no_text() -> None:
    extra = (
        '<w:p><w:r><w:t xml:space="preserve">Prices rose.</w:t></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="2"/></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>,</w:t></w:r>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="3"/></w:r>'
        '<w:r><w:t xml:space="preserve"> Wages did not.</w:t></w:r></w:p>'
    )
    brief = parse_bytes(to_docx(SAMPLE, extra_body=extra), "pair.docx")
    rose = sentence(brief, "Prices rose.")
    assert rose.text == "Prices rose."
    assert sentence(brief, "Wages did not.").text == "Wages did not."
    assert rose.footnotes == (1, 2)


def _bold_para(text: str) -> str:
    return f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _plain_para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_a_short_bold_line_is_a_heading_typed_by_hand() -> None:
    extra = _bold_para("What is a guild?") + _plain_para("A guild is an association of craftsmen in one trade.")
    brief = parse_bytes(to_docx(SAMPLE, extra_body=extra), "bold.docx")
    heading = next(p for p in brief.passages if p.text == "What is a guild?")
    assert heading.kind == "heading"
    assert sentence(brief, "A guild is").kind == "sentence"


@pytest.mark.parametrize(
    "body",
    [
        _bold_para("The guild was dissolved in 1791."),  # a bold sentence, not a heading
        '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Guilds </w:t></w:r>'
        '<w:r><w:t xml:space="preserve">and their masters</w:t></w:r></w:p>',  # bold only in part
        '<w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">Guilds and masters</w:t></w:r></w:p>',
    ],
)
def test_bold_sentences_and_partly_bold_lines_stay_text(body: str) -> None:
    brief = parse_bytes(to_docx(SAMPLE, extra_body=body + _plain_para("Trade was free.")), "bold.docx")
    assert not any(p.kind == "heading" and "uild" in p.text for p in brief.passages)
