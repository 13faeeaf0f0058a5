"""A note's sentences read with what they lean on (the note's sentence before, or the body sentence citing it), a
note that opens "See X (1993) for …" read as prose, a next sentence that takes up "them", a person taken up by
the last word of a name, words with figures inside, and a comparison stated by the two figures it rests on."""

from __future__ import annotations

import pytest

from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.context import units_for
from bot.claims.evidence import Evidence, prose_sentences
from bot.claims.text.entities import entities
from corpus.loader import parse_bytes
from corpus.models import Brief, Passage

SIM = 0.7


def _outcome(claim: str, evidence: str, context: str = "") -> str:
    return compare(Claim.parse(claim), Evidence(evidence, context), SIM).outcome


# ----- notes -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("note", "kept"),
    [
        (
            "See Card and Riddell (1993) for an early U.S.-Canada comparison. Union coverage rates have declined in "
            "both countries but remain more than 10 percentage points higher in Canada.",
            "Union coverage rates have declined in both countries but remain more than 10 percentage points higher in "
            "Canada.",
        ),
        (
            "Cf. Lund (2020) on the older gauges. The board replaced every gauge on the lower river in the spring of "
            "1999.",
            "The board replaced every gauge on the lower river in the spring of 1999.",
        ),
    ],
)
def test_a_note_that_points_to_a_source_goes_on_in_prose(note, kept):
    assert prose_sentences(note) == [kept]


KINGS = """# The kings of Wu

His book brought him to the notice of Ho Lu,[^1] King of Wu, who tested him at once.

The union leaders met the ministers of both countries in Ottawa every spring.[^2]

[^1]: He reigned from 514 to 496 B.C. and was killed in a battle against his neighbours.
[^2]: See Card and Riddell (1993) for an early U.S.-Canada comparison. Union coverage rates have declined in both
    countries but remain more than 10 percentage points higher in Canada than in the whole United States.
"""


@pytest.fixture(scope="module")
def kings():
    return parse_bytes(KINGS.encode(), "kings.md")


def _note(brief, number):
    return next(p for p in brief.passages if p.kind == "footnote" and number in p.footnotes)


def test_a_note_opening_on_he_leans_on_the_sentence_citing_it(kings):
    (unit,) = units_for(kings, _note(kings, 1))
    assert "Ho Lu" in unit.context_text
    assert unit.statement.startswith("He reigned from 514 to 496 B.C.")
    assert unit.focal == (_note(kings, 1),)  # the quote is the note alone


def test_a_note_sentence_leans_on_the_one_before_it(kings):
    (unit,) = units_for(kings, _note(kings, 2))
    assert unit.statement.startswith("Union coverage rates")
    assert "U.S.-Canada" in unit.context_text


# ----- the next sentence that takes up "them" ---------------------------------------------------------------------
STORY = """# The test

The answer was again in the affirmative, so arrangements were made to bring 180 ladies out of the Palace.
Sun Tzu divided them into two companies.

The wardens counted 42 sheep in the lower field. Ada Park then moved them to the barn for the winter.
"""


@pytest.mark.parametrize(
    ("start", "joined"),
    [("The answer was again", "Sun Tzu divided them"), ("The wardens counted", "Ada Park then moved them")],
)
def test_a_next_sentence_taking_up_them_joins_the_unit(start, joined):
    brief = parse_bytes(STORY.encode(), "story.md")
    passage = next(p for p in brief.passages if p.text.startswith(start))
    assert any(joined in u.text for u in units_for(brief, passage))


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "To test his methods, Sun Tzu drilled 300 ladies from the palace.",
            "The answer was again in the affirmative, so arrangements were made to bring 180 ladies out of the "
            "Palace. Sun Tzu divided them into two companies.",
            "contradicted",
        ),
        (
            "Ada Park moved 40 sheep to the barn.",
            "The wardens counted 42 sheep in the lower field. Ada Park then moved them to the barn for the winter.",
            "contradicted",
        ),
    ],
)
def test_the_joined_sentence_names_who_acted(claim, evidence, outcome):
    assert _outcome(claim, evidence) == outcome


# ----- names -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("Dan Kegel coined the term C10K in 2009.", 'Kegel coined the term "C10K" in 1999.', "contradicted"),
        ("Dan Kegel coined the term C10K in 1999.", 'Kegel coined the term "C10K" in 1999.', "supported"),
        ("Ada Lovelace published her notes in 1843.", "In 1843 Lovelace published her notes.", "supported"),
    ],
)
def test_a_person_is_taken_up_by_the_last_word_of_the_name(claim, evidence, outcome):
    assert _outcome(claim, evidence) == outcome


@pytest.mark.parametrize(("text", "name"), [("the C10K problem", "C10K"), ("an MP3 player", "MP3")])
def test_a_word_with_figures_inside_is_one_name(text, name):
    assert name in [e.text for e in entities(text)]


# ----- comparisons stated by their figures ---------------------------------------------------------------------------
COROUTINE = (
    "Compared to the 50k of memory per thread and the operating system's hard limits on threads, a Python coroutine "
    "takes barely 3k of memory on Jesse's system."
)
ENGINES = "The old engine burned 12 litres an hour, and the new engine of the Model-7 burns 8 litres an hour."


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        (
            "A Python coroutine needs far less memory than a thread on Jesse's system, about 3k compared with 50k.",
            COROUTINE,
            "supported",
        ),
        (
            "The new engine of the Model-7 burns less fuel than the old engine, 8 litres an hour compared with 12.",
            ENGINES,
            "supported",
        ),
    ],
)
def test_two_figures_in_the_comparisons_order_state_it(claim, evidence, outcome):
    assert _outcome(claim, evidence) == outcome


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        (
            "A Python coroutine needs far more memory than a thread on Jesse's system, about 3k compared with 50k.",
            COROUTINE,
        ),
        (
            "The new engine of the Model-7 burns more fuel than the old engine, 8 litres an hour compared with 12.",
            ENGINES,
        ),
    ],
)
def test_figures_in_the_other_order_state_no_such_comparison(claim, evidence):
    assert _outcome(claim, evidence) != "supported"


# ----- a short note leans on the sentence carrying its marker -----------------------------------------------------
def _brief_of(sentences: list[str], note: str, number: int, after: str) -> Brief:
    """Body sentences that all cite note ``number`` (the parser's citation span), its marker after ``after``."""
    text, passages, start = "", [], 0
    for k, s in enumerate(sentences):
        passages.append(
            Passage(f"b:{k}", "b", "sentence", s, start, start + len(s), paragraph=1, footnotes=(number,), seq=k)
        )
        text += s + " "
        start = len(text)
    text += "\n\n"
    passages.append(Passage("b:n", "b", "footnote", note, len(text), len(text) + len(note), None, (number,), seq=99))
    text += note
    return Brief("b", "Notes", text, passages=tuple(passages), markers=((number, text.index(after) + len(after)),))


@pytest.mark.parametrize(
    ("sentences", "note", "number", "after", "named", "not_named"),
    [
        (
            ["Sun Tzu was a native of Ch'i.", "His book brought him to the notice of Ho Lu, King of Wu."],
            "He reigned from 514 to 496 B.C.",
            2,
            "Ho Lu,",
            "Ho Lu",
            "Sun Tzu",
        ),
        (
            ["The firm hired Tom Reyes in 1931.", "Its bridge was designed by Ada Park of Leeds."],
            "She retired at 61.",
            7,
            "Ada Park",
            "Ada Park",
            "Tom Reyes",
        ),
    ],
)
def test_a_short_pronoun_note_leans_on_the_sentence_carrying_its_marker(
    sentences, note, number, after, named, not_named
):
    brief = _brief_of(sentences, note, number, after)
    passage = next(p for p in brief.passages if p.kind == "footnote")
    (unit,) = units_for(brief, passage)
    assert named in unit.context_text and not_named not in unit.context_text
    assert unit.focal == (passage,) and unit.context == ()  # quoted alone


@pytest.mark.parametrize(
    ("note", "prose"),
    [
        ("He reigned from 514 to 496 B.C.", True),
        ("She retired at 61.", True),
        ("Ibid., p. 12.", False),
        ("Annual Report 1998.", False),
    ],
)
def test_a_short_note_is_prose_when_a_pronoun_states_something(note, prose):
    assert bool(prose_sentences(note)) is prose
