"""Work limits while parsing (``corpus.limits``): an inflating .docx, too many zip members, a PDF with too many
pages, a brief with too many passages, the parse deadline and a cancelled parse. Each names its setting."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator

import pdfplumber
import pytest

from corpus.errors import InputError, PayloadTooLarge, WorkCancelled
from corpus.limits import Budget, WorkLimits, checkpoint, stage, within
from corpus.loader import parse_bytes
from corpus.settings import Settings
from tests.corpus.brief_writers import SAMPLE, to_markdown
from tests.corpus.docx_writer import to_docx
from tests.corpus.pdf_writer import to_pdf

# A valid Word document whose document.xml inflates to about 1.4 MB from a few kilobytes.
INFLATING_DOCX = to_docx(SAMPLE, extra_body="<w:p/>" * 200_000)


def limits(**fields: object) -> WorkLimits:
    return WorkLimits.from_settings(Settings(**fields))  # type: ignore[arg-type]


@pytest.fixture
def low() -> Iterator[None]:
    """Parse under deliberately low limits, as an operator could set them."""
    budget = Budget(limits(max_inflated_bytes=500_000, max_zip_members=12, max_pdf_pages=1, max_passages=5))
    with within(budget):
        yield


def many_sentences(n: int) -> bytes:
    return " ".join(f"Sentence number {i} says one short thing." for i in range(n)).encode()


def test_the_inflating_docx_is_small_on_the_wire_and_large_inflated() -> None:
    info = zipfile.ZipFile(io.BytesIO(INFLATING_DOCX)).getinfo("word/document.xml")
    assert len(INFLATING_DOCX) < 50_000 < 1_000_000 < info.file_size


def test_an_inflating_docx_is_refused_at_the_inflated_bytes_limit(low: None) -> None:
    with pytest.raises(PayloadTooLarge, match="CITEBOT_MAX_INFLATED_BYTES"):
        parse_bytes(INFLATING_DOCX, "bomb.docx")


def test_the_limit_counts_every_part_of_the_document_together() -> None:
    document = zipfile.ZipFile(io.BytesIO(INFLATING_DOCX)).getinfo("word/document.xml").file_size
    # document.xml alone fits; with the notes, styles and properties read after it, the document does not.
    with within(Budget(limits(max_inflated_bytes=document + 1))), pytest.raises(PayloadTooLarge, match="INFLATED"):
        parse_bytes(INFLATING_DOCX, "bomb.docx")


def test_the_same_docx_parses_under_the_default_limits() -> None:
    brief = parse_bytes(INFLATING_DOCX, "big.docx")
    assert brief.passages


def test_a_zip_with_too_many_members_is_refused(low: None) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(to_docx(SAMPLE))) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        for i in range(20):
            dst.writestr(f"word/media/image{i}.png", b"x")
    with pytest.raises(PayloadTooLarge, match="CITEBOT_MAX_ZIP_MEMBERS"):
        parse_bytes(out.getvalue(), "many.docx")


def test_a_pdf_over_the_page_limit_is_refused_before_it_is_parsed(low: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus import formats

    def never(data: bytes) -> object:
        raise AssertionError("the PDF was parsed although its page count is over the limit")

    monkeypatch.setitem(formats.FRONT_ENDS, "pdf", never)
    pdf = to_pdf(SAMPLE)
    with pytest.raises(PayloadTooLarge, match=r"PDF has \d+ pages.*CITEBOT_MAX_PDF_PAGES"):
        parse_bytes(pdf, "sample.pdf")


def test_a_pdf_within_the_page_limit_parses() -> None:
    assert parse_bytes(to_pdf(SAMPLE), "sample.pdf").passages


def test_a_many_sentence_text_is_refused_at_the_passage_limit(low: None) -> None:
    with pytest.raises(PayloadTooLarge, match="CITEBOT_MAX_PASSAGES"):
        parse_bytes(many_sentences(50), "sentences.txt")


def test_a_parse_over_its_deadline_is_refused_naming_the_setting() -> None:
    budget = Budget(limits(max_parse_seconds=1e-9))
    with within(budget), pytest.raises(InputError, match="CITEBOT_MAX_PARSE_SECONDS"), stage("parse"):
        parse_bytes(to_markdown(SAMPLE), "sample.md")


def test_a_cancelled_parse_stops_at_the_next_checkpoint() -> None:
    cancel = threading.Event()
    cancel.set()
    with within(Budget(limits(), cancel)), pytest.raises(WorkCancelled):
        parse_bytes(INFLATING_DOCX, "big.docx")


def test_checkpoint_is_a_no_op_outside_a_budget() -> None:
    checkpoint()


def test_default_limits_are_the_settings_defaults() -> None:
    assert WorkLimits.defaults() == limits()


def test_a_pdf_is_stopped_between_its_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF reader checks its budget before every page, not only after the whole parse."""
    import corpus.formats.pdf_pages as layout

    seen: list[int] = []
    real = checkpoint

    def counting() -> None:
        seen.append(1)
        real()

    monkeypatch.setattr(layout, "checkpoint", counting)
    cancel = threading.Event()
    cancel.set()
    with within(Budget(limits(), cancel)), pytest.raises(WorkCancelled):
        layout.read_pages(pdfplumber.open(io.BytesIO(to_pdf(SAMPLE))))
    assert seen == [1]  # stopped at the first page's checkpoint
