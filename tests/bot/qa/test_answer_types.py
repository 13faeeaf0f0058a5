"""Typed answer slots (bot/qa/answer_types.py): a place, a person, an organisation, a sum of money, a count of the
asked thing and the asked phase of an event, each told apart from the question's own words, on invented sentences
of several topics (a harbour town, a choir, a bakery chain, a strike, birds, a court)."""

from __future__ import annotations

import pytest

from bot.qa import answer_types as types
from bot.qa.cues import cue_bonus, has_answer
from bot.qa.question_kind import asked
from corpus.models import Brief, Passage


def _holds(question: str, text: str) -> bool:
    return has_answer(asked(question), text)


# ------------------------------------------------------------------------------------------------ slots asked
@pytest.mark.parametrize(
    ("question", "kind", "slot"),
    [
        ("Who founded the choir?", "name", types.AGENT),  # a person or an organisation
        ("Whom did the mayor appoint?", "name", types.AGENT),
        ("Who was the conductor's successor?", "name", types.AGENT),
        ("Who was the judge at the hearing?", "name", types.PERSON),
        ("Who is the president of the club?", "name", types.PERSON),
        ("Which judge wrote the dissent?", "name", types.PERSON),
        ("What was the name of the lawyer the court appointed?", "name", types.PERSON),
        ("In which county was the mill built?", "name", types.PLACE),
        ("Which city hosted the fair?", "name", types.PLACE),
        ("Which continent has no penguins?", "name", types.PLACE),
        ("Which newspaper published the letter?", "name", types.ORGANISATION),
        ("Which university did she attend?", "name", types.ORGANISATION),
        ("Which book does the author cite?", "name", ""),
        ("How much revenue did the bakery chain earn?", "quantity", types.MONEY),
        ("How much was the bail set at?", "quantity", types.MONEY),
        ("What was the company's annual budget in 1990?", "quantity", types.MONEY),
        ("How much did the river rise?", "quantity", ""),
        ("How many bakeries does the chain run?", "quantity", ""),
    ],
)
def test_the_slot_a_question_asks_for(question, kind, slot):
    a = asked(question)
    assert (a.kind, a.slot) == (kind, slot)


def test_a_named_noun_is_matched_as_a_word_not_a_stem():
    assert asked("What report is cited for the figures?").kind == ""  # "report" is not "reporter"
    assert asked("Which newspaper published the letter?").head == "newspaper"  # not "published" for "publisher"


# ------------------------------------------------------------------------------------------------ places
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mill was built in Kent County in 1820.", True),
        ("The mill stood in the county of Kent.", True),
        ("The mill was built near Ashford, on the river.", True),
        ("The mill was built in an Oklahoma county far from any river.", False),  # a descriptor, not a name
        ("The mill in Oklahoma was rebuilt twice.", False),  # the question's own place
        ("Judge Harlan later visited the mill.", False),  # a person
        ("The COA ordered the mill closed.", False),  # initials without a place frame
        ("The rule is stated at 992 P.2d 911 (Okla. Civ. App. 1999).", False),  # a citation
    ],
)
def test_a_place_answer_is_a_new_place_name(text, expected):
    assert _holds("In which Oklahoma county was the mill built?", text) is expected


def test_initials_after_a_place_preposition_are_a_place():
    assert _holds("In which country did the choir tour?", "The choir toured in the UK for a month.")


def test_a_region_named_without_a_preposition_is_a_place():
    assert _holds("Which regions saw the most rain?", "Only South Asia and the Middle East saw such rain.")


# ------------------------------------------------------------------------------------------------ people
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The choir was founded by Maria Olsen, a teacher.", True),
        ("The choir was founded by Dr. Olsen in 1921.", True),
        ("The choir's founder, who had trained in Vienna, wrote its first hymns.", False),  # a place
        ("The choir was founded by a retired schoolteacher.", False),  # no name
        ("The choir was founded in Kent County by a teacher.", False),  # a place again
    ],
)
def test_a_person_answer_is_not_a_place(text, expected):
    assert _holds("Who founded the choir?", text) is expected


def test_an_organisation_answers_who():
    assert _holds("Who first measured the echo?", "The echo was first measured by the Acoustics Research Centre.")


def test_a_successor_is_not_the_person_the_question_names():
    question = "Who succeeded Clara Weiss as director?"
    assert not _holds(question, "Its first director was Clara Weiss, a botanist who had trained in Vienna.")
    assert _holds(question, "Clara Weiss was succeeded by Paul Amsel in 1950.")


# ------------------------------------------------------------------------------------------- organisations
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She studied law at Harvard Law School.", True),
        ("She visited the dean of a famous East Coast law school.", False),  # a kind of school, not its name
        ("She studied law at the University of Leeds.", True),
    ],
)
def test_an_organisation_answer_is_its_name_not_a_descriptor(text, expected):
    assert _holds("Which West Coast law school did she attend?", text) is expected


# ------------------------------------------------------------------------------------------------ money
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The chain earned $6 billion in revenue last year.", True),
        ("Its revenue was estimated at 25 milliards of marks.", True),
        ("Its revenue came to 40 million pounds.", True),
        ("The chain ranks in the top 10 bakeries by revenue.", False),  # a rank
        ("Its revenue rose by 12% over the year.", True),  # a change of the sum
        ("Its revenue grew in all 14 regions.", False),  # a count of something else
    ],
)
def test_a_money_answer_is_a_sum(text, expected):
    assert _holds("How much revenue did the bakery chain earn?", text) is expected


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [("in the top 10 sellers", 11, True), ("ranked No. 3 in the list", 11, True), ("sold 10 loaves", 5, False)],
)
def test_a_number_after_top_or_no_is_a_rank(text, start, expected):
    assert text[start].isdigit()
    assert types.rank_number(text, start) is expected


# ------------------------------------------------------------------------------------------------ counts
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The family holds about 174 species worldwide.", True),
        ("Three species of steamer duck are almost flightless.", True),
        ("The number of species is estimated at 120 or more.", True),
        ("Most species breed once a year, in spring.", False),  # a frequency, not a count of species
        ("Species of this family nest within 200 m of water.", False),  # an amount of something else
    ],
)
def test_a_count_stands_next_to_the_counted_noun(text, expected):
    assert _holds("How many species are there?", text) is expected


# ------------------------------------------------------------------------------------------------ events
@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("When did the strike end?", "The strike began on 3 May 1926.", False),
        ("When did the strike end?", "The strike ended on 12 May 1926.", True),
        ("When did the strike end?", "The strike began on 3 May and ended on 12 May 1926.", True),
        ("When was the bakery founded?", "The bakery closed in 1998.", False),
        ("When was the bakery founded?", "The bakery was founded in 1890.", True),
        ("When did the poet die?", "The poet was born in 1812 in a harbour town.", False),
        ("When did the strike spread?", "The strike began on 3 May 1926.", True),  # no phase asked
    ],
)
def test_asked_when_something_ended_its_start_date_does_not_answer(question, text, expected):
    assert _holds(question, text) is expected


def test_phases_are_read_from_the_word_list():
    table = types.phases()
    assert {"start", "end"} <= set(table)
    assert not table["start"] & table["end"]


# ------------------------------------------------------------------------------------------------ name runs
def test_name_runs_join_of_and_mark_a_sentence_start():
    runs = types.name_runs("The Bank of Canada raised rates. Later the Royal Mint agreed.")
    assert [r.words for r in runs] == [("The", "Bank", "Canada"), ("Later",), ("Royal", "Mint")]
    assert [r.grammar for r in runs] == [True, True, False]


@pytest.mark.parametrize(
    "name",
    ["place_nouns.txt", "person_nouns.txt", "organisation_nouns.txt", "person_titles.txt", "currencies.txt"],
)
def test_word_lists_are_lower_case_words(name):
    words = types.words(name)
    assert words
    assert all(w == w.lower() and " " not in w for w in words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The appeal was heard by Judge Amos Reed.", True),
        ("See Lee v. Holt, 532 F.3d 1037 (10th Cir. 2008).", True),  # the parties are names
        ("The rule is set out in 532 F.3d 1037 (10th Cir. 2008).", False),  # a citation names nobody
        ("The appeal was decided by the OCCA in 2004.", False),  # initials: an organisation, not a judge
        ("The tales of the Twelve Tables were told at the hearing.", False),  # ordinary words capitalised
    ],
)
def test_a_person_asked_by_role_is_a_personal_name(text, expected):
    common = frozenset({"twelve", "tables", "tale", "hearing"})
    assert has_answer(asked("Who was the judge at the hearing?"), text, common) is expected


def test_a_period_ends_a_name_unless_it_marks_an_initial_a_title_or_an_abbreviation():
    runs = [r.words for r in types.name_runs("It was in the Twelve Tables. See Watson, and Robert C. Byrd.")]
    assert ("Twelve", "Tables.") in runs
    assert ("See", "Watson") in runs
    assert ("Robert", "C.", "Byrd.") in runs
    assert [r.words for r in types.name_runs("(Okla. Crim. App. 1999)")] == [("Okla.", "Crim.", "App.")]


# ------------------------------------------------------------------------------------------ document places
def _brief(text: str) -> Brief:
    return Brief(id="towns", title=None, text=text)


def test_a_document_teaches_which_of_its_names_are_places():
    brief = _brief(
        "The choir was founded in Ashby by Dr. Marlow. It toured in Kent County and in the Harbour Museum. "
        "Its archive is in Marlow's house. The study in Lee et al. found the same."
    )
    places = types.document_places(brief)
    assert {"ashby", "kent"} <= places
    assert "marlow" not in places  # a title makes it a person's name; a possessive is no place
    assert "harbour" not in places  # an organisation, even after "in"
    assert "lee" not in places  # authors cited


def test_a_name_the_document_uses_as_a_place_does_not_answer_who():
    places = types.document_places(_brief("The choir sang in Ashby every spring."))
    a = asked("Who conducted the choir?")
    assert not has_answer(a, "The choir was conducted from Ashby for a decade.", places=places)
    assert has_answer(a, "The choir was conducted by Marlow for a decade.", places=places)


# ------------------------------------------------------------------------------------------------ ranking
def _sentence(text: str) -> Passage:
    return Passage(id="b:1", brief_id="b", kind="sentence", text=text, start=0, end=len(text), paragraph=1)


def test_the_date_of_the_asked_event_outranks_the_date_of_its_other_end():
    question = "When did the dock strike end?"
    ended = _sentence("The dock strike ended on 12 May 1926, after nine days.")
    began = _sentence("The dock strike began on 3 May 1926, at midnight.")
    assert cue_bonus(asked(question), ended) > cue_bonus(asked(question), began)


def test_a_county_name_outranks_a_sentence_that_only_names_the_state():
    question = "In which Ohio county was the mill built?"
    named = _sentence("The mill was built in Greene County, Ohio, in 1820.")
    unnamed = _sentence("The mill was one of the first built in Ohio.")
    assert cue_bonus(asked(question), named) > cue_bonus(asked(question), unnamed)


def test_a_sentence_s_first_word_is_a_name_when_the_document_never_writes_it_in_lower_case():
    a = asked("Who said that debasing the coinage ruins a state?")
    text = "Marlowe is said to have declared that debasing the coinage ruins a state."
    common = frozenset({"is", "said", "declared", "however", "ruins"})
    assert has_answer(a, text, common)
    assert not has_answer(a, "However, debasing the coinage was said to ruin a state.", common)


def test_an_organisation_of_ordinary_words_answers_who_but_not_which_judge():
    common = frozenset({"white", "house", "announced", "the", "sanctions"})
    text = "The sanctions were announced by the White House on Monday."
    assert has_answer(asked("Who announced the sanctions?"), text, common)
    assert not has_answer(asked("Who was the judge who announced the sanctions?"), text, common)


def test_document_places_keeps_recent_briefs_when_the_cache_is_full(monkeypatch):
    answer_types = types
    monkeypatch.setattr(answer_types, "_PLACES", answer_types.OrderedDict())
    monkeypatch.setattr(answer_types, "_PLACES_MAX", 2)
    towns = ["Ashby", "Kendal", "Penrith"]
    briefs = [
        Brief(id=f"b{i}", title="t", text=f"She trained in {t} for years.", passages=()) for i, t in enumerate(towns)
    ]
    for b in briefs:
        answer_types.document_places(b, "v1")
    assert list(answer_types._PLACES) == [("b1", "v1"), ("b2", "v1")]  # the oldest dropped, not all
    assert answer_types.document_places(briefs[2], "v1") == frozenset({"penrith"})


def test_a_name_late_in_a_long_text_still_reads_the_word_before_it():
    text = "Filler words go on here. " * 2000 + "She trained in Ashby before the war."
    run = next(r for r in types.name_runs(text) if r.words == ("Ashby",))
    assert not run.grammar
    assert types._before(text, run) == "in"
