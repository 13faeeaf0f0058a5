"""DOCX: notes cited where a paragraph's text is not read as sentences: on the title, and in a table's cells."""

from __future__ import annotations

import io
import re
import zipfile

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.brief_writers import SAMPLE
from tests.corpus.docx_writer import to_docx
from tests.corpus.format_checks import assert_offsets

_REF = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="99"/></w:r>'
_NOTE = '<w:footnote w:id="99"><w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p></w:footnote>'


def _with_note(where: str, note: str) -> Brief:
    """The sample brief with one more Word footnote, referenced right after the first run of ``where``'s text."""
    src = io.BytesIO(to_docx(SAMPLE))
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename).decode()
            if item.filename == "word/document.xml":
                run = re.search(rf"<w:r><w:t[^>]*>{re.escape(where)}</w:t></w:r>", data)
                assert run is not None
                data = data[: run.end()] + _REF + data[run.end() :]
            elif item.filename == "word/footnotes.xml":
                data = data.replace("</w:footnotes>", _NOTE.format(note) + "</w:footnotes>")
            zout.writestr(item, data)
    return parse_bytes(out.getvalue(), "placed.docx")


def test_a_note_on_the_title_is_cited_by_the_title() -> None:
    brief = _with_note(SAMPLE.title, "An earlier version was presented at a workshop in May.")
    title = next(p for p in brief.passages if p.kind == "metadata" and p.label == "title")
    assert title.footnotes == (1,)  # the first reference in reading order
    assert brief.footnote(1) is not None and "workshop" in brief.footnote(1).raw  # type: ignore[union-attr]
    assert [f.number for f in brief.footnotes] == [1, 2, 3, 4, 5, 6]
    assert not brief.warnings
    assert not [p for p in brief.passages if p.kind == "sentence" and SAMPLE.title.lower() in p.text.lower()]
    assert_offsets(brief)


def test_a_note_in_a_column_name_is_cited_by_every_row() -> None:
    table = next(b for b in SAMPLE.blocks if hasattr(b, "columns"))
    column = table.columns[0]
    brief = _with_note(column, "Figures rounded to the nearest unit.")
    number = next(f.number for f in brief.footnotes if "rounded" in f.raw)
    rows = [p for p in brief.passages if p.kind == "table_row"]
    assert rows and all(number in p.footnotes for p in rows)
    assert [n for n, _ in brief.markers].count(number) == 1  # one reference, cited once
    assert not brief.warnings
    assert_offsets(brief)
