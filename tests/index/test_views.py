"""Passage views: section paths in the context view, question headings leading to their answer, no heading views."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.builder import build_brief
from corpus.loader import parse_bytes
from corpus.raw import RawDocument, RawParagraph
from index.views import is_prose_note, leans_back, passage_views


def _brief(*blocks: RawParagraph):  # type: ignore[no-untyped-def]
    return build_brief(RawDocument(format="markdown", blocks=blocks), "b")


def H(text: str, level: int = 2) -> RawParagraph:
    return RawParagraph((text,), heading=True, level=level)


def P(text: str) -> RawParagraph:
    return RawParagraph((text,))


def test_context_view_carries_the_heading_path() -> None:
    views = passage_views(_brief(H("Methods", 2), H("Wet bulb globe temperature", 3), P("It combines four variables.")))
    (view,) = views
    assert view.context_text == "Methods > Wet bulb globe temperature: It combines four variables."
    assert view.self_text == "It combines four variables."


def test_later_sentences_keep_paragraph_context_after_the_path() -> None:
    views = passage_views(_brief(H("Data"), P("The station is coastal. It reports hourly. Gaps are filled.")))
    assert views[2].context_text == "Data: The station is coastal. It reports hourly. Gaps are filled."


def test_headings_have_no_view_of_their_own() -> None:
    views = passage_views(_brief(H("Results"), P("Counts rose.")))
    assert [v.passage.kind for v in views] == ["sentence"]


def test_question_heading_leads_to_the_first_sentences_below_it() -> None:
    brief = _brief(
        H("Is this supposed to replace the old index?"),
        P("Not at all. It complements the old index. Both are kept. A fourth."),
        P("Another paragraph."),
    )
    views = {v.passage.text: v for v in passage_views(brief)}
    assert views["Not at all."].self_text.startswith("Is this supposed to replace the old index?")
    assert views["It complements the old index."].self_text.startswith("Is this supposed")
    assert views["Both are kept."].self_text == "Both are kept."
    assert views["Another paragraph."].self_text == "Another paragraph."


def test_plain_heading_does_not_change_the_self_view() -> None:
    (view,) = passage_views(_brief(H("Results"), P("Counts rose.")))
    assert view.self_text == "Counts rose."


def test_sentence_without_section_or_predecessor_has_no_context_view() -> None:
    (view,) = passage_views(_brief(P("Alone.")))
    assert view.context_text is None


def test_leaning_back_uses_general_cues_only() -> None:
    assert leans_back("However, prices fell.")
    assert leans_back("The latter was larger.")
    assert not leans_back("The committee met.")
    assert leans_back("But Justice Reed had no patience for the old rule.")
    assert leans_back("Yet the mill stayed open.")
    assert not leans_back("Butter prices rose.")
    source = Path(__file__).parents[2].joinpath("index", "views.py").read_text(encoding="utf-8")
    assert not re.search(r"missile|hwasong|summit|korea|hanoi", source, re.IGNORECASE)


def test_markdown_brief_views_end_to_end() -> None:
    brief = parse_bytes(b"# Report\n\n## Methods\n\nWe sampled weekly.\n", "r.md")
    (view,) = [v for v in passage_views(brief) if v.passage.kind == "sentence"]
    assert view.context_text == "Methods: We sampled weekly."


# ----- prose notes that end by citing their authority ------------------------------------------------------------
@pytest.mark.parametrize(
    "note",
    [
        "In his brief, the appellant stated he had already served the sentence. (R., Doc. 4 at 2.) The record "
        "shows he began serving it in 2004 and completed it a year later. See http://records.example.org/1234.",
        "Evidence that the commission was simply a delaying tactic is the absence of any foreign influence in "
        "the code. See Watson, The Law of the Code (1975), p. 12.",
        "The station moved twice during the record, and the older readings were adjusted to the new site before "
        "any trend was computed. Smith et al. (2019) describe the adjustment.",
    ],
)
def test_a_prose_note_that_cites_its_authority_is_prose(note: str) -> None:
    assert is_prose_note(note)


@pytest.mark.parametrize(
    "note",
    [
        "Whitney, D.G. & Peterson, M. (2019). US national and state-level prevalence of mental health disorders "
        "and disparities of mental health care use in children. JAMA Pediatrics, 173(4), 389-391.",
        'Sanderson, Peter; Gilbert, Laura (2008). "1970s". A Year by Year History. London: Kindersley. p. 161.',
        "See, e.g., Book IV, 126: a recipe for jelly. (Put bread in a mould with pieces of cheese and nuts.)",
        "Cmd. 280.",
        # an entry by "Surname, Forename I." with a remark in prose after it
        'Hilton, Nicholas S., "The Determinants of Harbour Fees: An Analysis of 100 Ports from 2012-2017". This '
        "is my colleague's thesis, which has been defended and is to be published in the coming months.",
        "Moreau, J. A study of tidal silt and the dredging of small harbours in the northern provinces.",
    ],
)
def test_a_reference_entry_is_not_prose(note: str) -> None:
    assert not is_prose_note(note)


def test_a_title_in_title_case_is_not_prose() -> None:
    assert not is_prose_note(
        "Report of the Commission. Increases in Depressive Symptoms and Suicide Rates Among Adolescents After "
        "2010 and Links to Increased New Media Screen Time. Clinical Psychological Science 6 (2018)."
    )


def test_a_memo_header_field_says_what_it_is() -> None:
    views = passage_views(_brief(P("To: The Harbour Board"), P("From: Jane Smith"), P("Subject: Dredging")))
    assert views[0].self_text == "Addressed to, the recipient of this memo or letter: To: The Harbour Board"
    assert views[1].self_text.startswith("From, the sender who wrote this memo")
    assert views[2].self_text.startswith("Subject of this memo")


def test_a_long_sentence_opening_like_a_field_is_prose() -> None:
    text = "To: the surprise of everyone present, the harbour board voted to dredge the channel again next spring."
    (view,) = passage_views(_brief(P(text)))
    assert view.self_text == text


def test_a_prose_note_ending_on_a_link_is_prose() -> None:
    # the author's statement, then where it was said: still the author's prose, evidence like body text
    assert is_prose_note(
        'Guido introduced the standard asyncio library, called "Tulip" then, at PyCon 2013, '
        "<http://pyvideo.org/video/1667/keynote>."
    )
    assert not is_prose_note("National Highway Safety Board, Annual Report on Crashes, https://example.org/report")


def test_an_entry_opening_on_a_quoted_lower_case_title_and_ending_on_a_link_is_no_prose() -> None:
    assert not is_prose_note(
        '"Ancient harbour walls three times older than thought, new survey finds," Coastal News, May 04, 2021, '
        "<https://example.org/news/4411>."
    )
    assert is_prose_note(
        '"Tulip" was the name the library had then, as announced at a conference, <https://example.org/>.'
    )
