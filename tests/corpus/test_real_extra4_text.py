"""Plain text and Markdown of the fourth held-out set: a Project Gutenberg book (Faraday's Chemical History of a
Candle, in its Latin-1 and UTF-8 editions) and a Markdown chapter whose note labels are the printed numbers (Davis
and van Rossum's asyncio web crawler). The files are not committed; the tests skip without them."""

from __future__ import annotations

from corpus.loader import load_brief
from tests.corpus.real_files import real_extra4_document


def test_faraday_latin1_edition_is_read_with_its_notes() -> None:
    brief = load_brief(real_extra4_document("faraday-14474-8-latin1.txt"))
    assert brief.title == "The Chemical History Of A Candle"
    # notes 1-19, and the unnumbered inline "[Footnote: [greek: hudos], …]" numbered after them
    assert [f.number for f in brief.footnotes] == list(range(1, 21))
    assert brief.footnotes[19].raw.startswith("[greek: hudos]")
    named = next(p for p in brief.passages if p.kind == "sentence" and "has been so named hydrogen" in p.text)
    assert named.footnotes == (20,)


def test_faraday_marker_before_a_colon_and_dashes_cites_its_note() -> None:
    brief = load_brief(real_extra4_document("faraday-chemical-history-of-a-candle-1861.txt"))
    # notes 1-19, and the unnumbered inline "[Footnote: [greek: hudos], …]" numbered after them
    assert [f.number for f in brief.footnotes] == list(range(1, 21))
    assert brief.footnotes[19].raw.startswith("[greek: hudos]")
    named = next(p for p in brief.passages if p.kind == "sentence" and "has been so named hydrogen" in p.text)
    assert named.footnotes == (20,)
    fat = next(p for p in brief.passages if p.kind == "sentence" and "The fat or tallow is first boiled" in p.text)
    assert fat.footnotes == (2,)
    assert "[2]" not in fat.text
    # note 16's marker is misprinted "[14]" in the source: its note is the only orphan; the unnumbered note (20)
    # is cited in the third lecture, between notes 13 and 14
    assert [(w.code, w.footnote) for w in brief.warnings] == [("orphan_footnote", 16), ("out_of_order_footnote", 14)]


def test_crawler_keeps_the_printed_note_numbers_and_reads_its_bare_metadata() -> None:
    brief = load_brief(real_extra4_document("davis-van-rossum-asyncio-web-crawler-2016.md"))
    assert brief.title == "A Web Crawler With asyncio Coroutines"
    assert [a.name for a in brief.authors] == ["A. Jesse Jiryu Davis", "Guido van Rossum"]
    # [^4]..[^17] keep their numbers; the web edition is read, so the print-only [^bayer] is not a note
    assert [f.number for f in brief.footnotes] == list(range(4, 18))
    glyph = next(p for p in brief.passages if p.kind == "sentence" and "Threads make local reasoning" in p.text)
    assert glyph.footnotes == (4,)
    # [^11] and [^16] are defined once per edition: the web edition's definitions are the notes
    assert not [w for w in brief.warnings if w.code == "duplicate_footnote"]
    assert {f.number: f.raw for f in brief.footnotes}[16].startswith("Guido introduced the standard asyncio library")
