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
