"""Markdown note labels keep the author's numbers; a bare "key: value" block at the top is metadata."""

from __future__ import annotations

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.format_checks import sentence


def _parse(text: str) -> Brief:
    return parse_bytes(text.encode(), "notes.md")


def test_number_labels_out_of_order_keep_their_numbers() -> None:
    brief = _parse("# T\n\nFirst.[^16] Second.[^4] Third.[^9]\n\n[^4]: Four.\n[^9]: Nine.\n[^16]: Sixteen.\n")
    assert sentence(brief, "First.").footnotes == (16,)
    assert sentence(brief, "Second.").footnotes == (4,)
    assert {f.number: f.raw for f in brief.footnotes} == {4: "Four.", 9: "Nine.", 16: "Sixteen."}


def test_a_named_label_among_number_labels_is_numbered_after_them() -> None:
    brief = _parse("# T\n\nFirst.[^5] Second.[^bayer] Third.[^6]\n\n[^5]: Five.\n[^bayer]: Named.\n[^6]: Six.\n")
    assert sentence(brief, "First.").footnotes == (5,)
    assert sentence(brief, "Second.").footnotes == (7,)
    assert sentence(brief, "Third.").footnotes == (6,)
    assert {f.number: f.raw for f in brief.footnotes} == {5: "Five.", 6: "Six.", 7: "Named."}


def test_a_note_defined_twice_keeps_the_first_and_warns_with_its_number() -> None:
    brief = _parse("# T\n\nA claim.[^11]\n\n[^11]: The print version.\n\n[^11]: The web version.\n")
    assert [(f.number, f.raw) for f in brief.footnotes] == [(11, "The print version.")]
    assert [(w.code, w.footnote) for w in brief.warnings] == [("duplicate_footnote", 11)]


def test_a_bare_key_value_block_at_the_top_is_metadata() -> None:
    brief = _parse(
        "title: A Web Crawler\nauthor: Ann Lee and Bo Park\n<div>\nAbout the authors.\n</div>\n\n"
        "## Introduction\n\nA claim.[^1]\n\n[^1]: A source.\n"
    )
    assert brief.title == "A Web Crawler"
    assert [a.name for a in brief.authors] == ["Ann Lee", "Bo Park"]
    assert not [p for p in brief.passages if p.kind == "sentence" and "title:" in p.text]


def test_a_leading_line_with_a_colon_that_is_not_metadata_stays_text() -> None:
    brief = _parse("Note: this essay was first given as a talk.\n\nA claim.[^1]\n\n[^1]: A source.\n")
    assert brief.title != "this essay was first given as a talk."
    assert sentence(brief, "Note: this essay").text == "Note: this essay was first given as a talk."


def test_key_value_lines_running_into_prose_are_not_metadata() -> None:
    brief = _parse("Title: the meeting ran long\nand nobody left early.\n\nA claim.[^1]\n\n[^1]: A source.\n")
    assert "Title: the meeting ran long and nobody left early." in [p.text for p in brief.passages]
