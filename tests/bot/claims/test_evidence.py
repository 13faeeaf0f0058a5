"""Evidence units for claim checking: notes' own prose, rulings in the author's voice, sentences a layout break
cut in two (pure: parsed briefs, no model)."""

from __future__ import annotations

import pytest

from bot.claims.context import units_for
from bot.claims.evidence import CLAIM_KINDS, fragment, prose_sentences
from corpus.loader import parse_bytes

RIVER = """# River levels

The flood board met in May. Farms near the river with low

fields, such as orchards and vineyards, are at elevated risk of flooding.

We reviewed the gauge records. The district court denied the permit. We granted review and now affirm.[^1]

The board then published a long report on the state of every gauge along the river and the valley below it.

[^1]: The board adopted its flood code on March 3, 1999, to protect the lower valley. See Board Rule 4 (2001).
"""


@pytest.fixture(scope="module")
def river():
    return parse_bytes(RIVER.encode(), "river.md")


def _passage(brief, start):
    return next(p for p in brief.passages if p.text.startswith(start))


def test_notes_are_searched_for_claims():
    assert "footnote" in CLAIM_KINDS


@pytest.mark.parametrize(
    ("note", "prose"),
    [
        # the author's own words in a note
        ("Oklahoma adopted its Youthful Offender Act on January 1, 1998, to better ensure the public safety.", True),
        ("There is much discussion in the literature about the relative importance of humidity for health.", True),
        # reference entries: authors and year first, a quoted or title-cased title, a URL
        ("Marshall M. (2020). The hidden links between mental disorders. Nature, 581(7806), 19–21.", False),
        (
            "Hughes, K., Bellis, M. A., Hardcastle, K. A., Sethi, D., Butchart, A., Mikton, C., Jones, L. (2017). "
            "The effect of multiple adverse childhood experiences on health: a systematic review.",
            False,
        ),
        ('"Female-Biased Philopatry, Monogamy, and the Timing of Pair Formation in Migratory Waterfowl".', False),
        ("The Sibley Guide to Bird Life and Behaviour of the Birds of North America.", False),
        ("Livy, Book III. X. 6-12.", False),
    ],
)
def test_a_note_is_prose_or_a_reference(note, prose):
    assert bool(prose_sentences(note)) is prose


def test_a_citation_sentence_in_a_prose_note_is_left_out():
    said = prose_sentences(
        "The board adopted its flood code on March 3, 1999, to protect the lower valley of the river. "
        "See Board Rule 4, 12 F.3d 4 (2001)."
    )
    assert said == ["The board adopted its flood code on March 3, 1999, to protect the lower valley of the river."]


def test_a_prose_note_is_quoted_whole_and_compared_by_sentence(river):
    note = next(p for p in river.passages if p.kind == "footnote")
    units = units_for(river, note)
    assert [u.focal for u in units] == [(note,)]
    assert units[0].statement.startswith("The board adopted its flood code on March 3, 1999")
    assert "(2001)" not in units[0].statement


def test_a_reference_note_is_no_evidence():
    brief = parse_bytes(
        b"Rainfall rose.[^1]\n\n[^1]: Marshall M. (2020). The hidden links between rain and floods. Nature, 5(2).\n",
        "refs.md",
    )
    note = next(p for p in brief.passages if p.kind == "footnote")
    assert units_for(brief, note) == []


def test_a_sentence_cut_by_a_layout_break_leans_on_its_start(river):
    tail = _passage(river, "fields, such as")
    assert fragment(tail)
    (unit,) = units_for(river, tail)
    assert [p.text for p in unit.context] == ["Farms near the river with low"]


def test_a_whole_sentence_is_no_fragment(river):
    assert not fragment(_passage(river, "The flood board met"))


def test_a_short_ruling_in_the_authors_voice_leans_on_what_it_rules_on(river):
    (unit, *_) = units_for(river, _passage(river, "We granted review"))
    assert [p.text for p in unit.context] == ["The district court denied the permit."]


def test_a_long_first_person_sentence_stands_alone():
    brief = parse_bytes(
        (
            b"The gauges were old. We reviewed the gauge records of every station along the river for the whole "
            b"of the last decade and more.\n"
        ),
        "long.txt",
    )
    (unit, *_) = units_for(brief, _passage(brief, "We reviewed"))
    assert unit.context == ()


def test_a_pronoun_after_a_full_date_leans_on_the_sentence_naming_its_subject():
    brief = parse_bytes(
        b"Ann Reed built a new loom. On November 5, 1935, she showed it to the weavers' guild in Leeds.\n",
        "loom.txt",
    )
    (unit, *_) = units_for(brief, _passage(brief, "On November 5, 1935"))
    assert [p.text for p in unit.context] == ["Ann Reed built a new loom."]
