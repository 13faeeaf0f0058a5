"""Edge cases on small briefs written here: markers, abbreviations, decimals, page breaks, warnings."""

from __future__ import annotations

from collections.abc import Callable

from corpus.models import Brief
from tests.corpus.conftest import sentence_starting

Parse = Callable[[str], Brief]

NOTE_1 = '¹ "First Source," *Daily News*, March 05, 2022, <https://example.org/one>.'
NOTE_2 = "² “Second Source,” Wire Service, April 2021, <https://example.org/two>"
NOTE_3 = '³ "Third Source," Gazette, June 8, 2020, <https://example.org/three>'


def _doc(*blocks: str) -> str:
    return "A SYNTHETIC BRIEF\n\n" + "\n\n".join(blocks) + "\n"


def test_marker_at_paragraph_start_attaches_to_the_first_sentence(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(_doc("¹The report came first. Then nothing else happened.", NOTE_1))
    first = sentence_starting(brief, "The report came first.")
    assert (first.footnotes, first.direct) == ((1,), True)
    assert sentence_starting(brief, "Then nothing else").footnotes == ()


def test_two_markers_on_one_sentence(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(
        _doc("It was quiet.¹ The state fired two missiles.²³ Nobody knew why.", NOTE_1, NOTE_2, NOTE_3)
    )
    assert sentence_starting(brief, "The state fired").footnotes == (2, 3)
    assert sentence_starting(brief, "The state fired").text == "The state fired two missiles."
    assert sentence_starting(brief, "Nobody knew why.").footnotes == ()


def test_two_digit_marker_is_read_whole_when_defined(parse_text_brief: Parse) -> None:
    notes = [
        '¹⁰ "Tenth Source," Paper, March 05, 2022, <https://example.org/10>',
        '¹¹ "Eleventh Source," Paper, March 06, 2022, <https://example.org/11>',
    ]
    brief = parse_text_brief(_doc("One claim here.¹⁰ Another claim there.¹¹", *notes))
    assert sentence_starting(brief, "One claim").footnotes == (10,)
    assert sentence_starting(brief, "Another claim").footnotes == (11,)
    assert [w.code for w in brief.warnings] == []


def test_abbreviations_do_not_split_sentences(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(
        _doc("The U.S. Navy and S Korea held drills at 6,200 km/h. speeds with Dr. Smith present. It ended.¹", NOTE_1)
    )
    texts = [p.text for p in brief.passages if p.kind == "sentence"]
    assert texts == [
        "The U.S. Navy and S Korea held drills at 6,200 km/h. speeds with Dr. Smith present.",
        "It ended.",
    ]


def test_decimals_are_neither_markers_nor_boundaries(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(_doc("It flew 6,248.5 kms. It stopped at 3.5 km.¹", NOTE_1))
    texts = [p.text for p in brief.passages if p.kind == "sentence"]
    assert texts == ["It flew 6,248.5 kms.", "It stopped at 3.5 km."]
    assert sentence_starting(brief, "It flew").footnotes == (1,)


def test_brief_without_footnotes_is_valid_and_uncited(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(_doc("Nothing here is cited. Neither is this."))
    sentences = [p for p in brief.passages if p.kind == "sentence"]
    assert len(sentences) == 2
    assert all(p.footnotes == () for p in sentences)
    assert brief.footnotes == ()
    assert brief.warnings == ()


def test_page_break_continuation_is_found_from_the_text(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(
        _doc("The talks stalled because both sides wanted", NOTE_1, "more concessions than they offered.¹")
    )
    sentence = sentence_starting(brief, "The talks stalled")
    assert sentence.text == "The talks stalled because both sides wanted more concessions than they offered."
    assert sentence.footnotes == (1,)


def test_a_finished_paragraph_is_not_joined_to_the_next(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(_doc("The first paragraph ends here.", "the second starts in lower case."))
    assert {p.paragraph for p in brief.passages if p.kind == "sentence"} == {1, 2}


def test_undefined_marker_is_a_warning(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(_doc("A claim.¹ Another claim.²", NOTE_1))
    assert ("undefined_marker", 2) in [(w.code, w.footnote) for w in brief.warnings]
    # the marker is still recorded: the parser reports what the brief says
    assert sentence_starting(brief, "Another claim").footnotes == (2,)


def test_duplicate_definition_is_a_warning_and_the_first_wins(parse_text_brief: Parse) -> None:
    dup = '¹ "Other Title," Elsewhere, May 01, 2020, <https://example.org/dup>'
    brief = parse_text_brief(_doc("A claim.¹", NOTE_1, dup))
    assert ("duplicate_footnote", 1) in [(w.code, w.footnote) for w in brief.warnings]
    assert len(brief.footnotes) == 1
    assert brief.footnotes[0].title == "First Source"


def test_orphan_definition_is_a_warning(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(_doc("A claim.¹", NOTE_1, NOTE_2))
    assert [(w.code, w.footnote) for w in brief.warnings] == [("orphan_footnote", 2)]


def test_out_of_order_markers_are_a_warning(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(_doc("First.² Second.¹", NOTE_1, NOTE_2))
    assert "out_of_order_footnote" in [w.code for w in brief.warnings]


def test_curly_and_straight_quotes_both_give_clean_titles(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(_doc("One.¹ Two.²", NOTE_1, NOTE_2))
    assert [f.title for f in brief.footnotes] == ["First Source", "Second Source"]
    assert [f.publisher for f in brief.footnotes] == ["Daily News", "Wire Service"]
    assert [f.date for f in brief.footnotes] == ["2022-03-05", "2021-04"]
    assert [f.url for f in brief.footnotes] == ["https://example.org/one", "https://example.org/two"]


def test_offsets_hold_for_synthetic_briefs(parse_text_brief: Parse) -> None:
    brief = parse_text_brief(_doc("It was quiet.¹ The state fired two missiles into", NOTE_1, "the sea.²", NOTE_2))
    for p in brief.passages:
        assert brief.text[p.start : p.end] == p.text
