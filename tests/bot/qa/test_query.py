"""A question is analysed once into a ``Query`` (bot/qa/query.py), and every stage reads that value."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

import bot.engine
import bot.qa.answer
import bot.qa.index_state
import index.lexical
from bot.qa import query as query_module
from bot.qa.query import Query, analyse, search_for
from index.aliases import Acronym

ROOT = Path(__file__).resolve().parents[3]


def test_terms_are_the_distinct_content_tokens_in_order():
    q = analyse("How far did the rocket fly, and how far did the rocket drift?")
    assert q.terms == ("far", "rocket", "fly", "drift")
    assert q.search.terms == q.terms


def test_names_are_multi_word_capitalised_phrases_without_the_opening_word():
    q = analyse("What did the Secretary of State tell the Harbour Board?")
    assert q.names == ("secretary of state", "harbour board")


def test_acronyms_are_the_capitalised_words_lower_case():
    assert analyse("Does the NHL fund the WBGT study?").acronyms == {"nhl", "wbgt"}


def test_verbs_are_the_main_verbs_stems():
    assert analyse("When was the embargo lifted?").verbs == {"lift"}
    assert analyse("What did the council approve in May?").verbs == {"approv"}


def test_numbers_are_details_not_years_or_counts():
    assert analyse("What happened to him when he was fifteen, in 1990?").numbers == {15.0}
    assert analyse("Why did the two summits fail?").numbers == frozenset()


@pytest.mark.parametrize(
    ("question", "kind"),
    [("When did the bridge close?", "date"), ("How many ships sank?", "quantity"), ("Why did it fail?", "reason")],
)
def test_the_asked_answer_type(question, kind):
    assert analyse(question).asked.kind == kind


def test_the_asked_flags_who_advice_and_more():
    assert analyse("Who wrote the report?").asked.who
    assert analyse("What should the city do about floods?").asked.advice
    assert analyse("What else did the mayor promise?").asked.more
    plain = analyse("How long is the river?").asked
    assert not (plain.who or plain.advice or plain.more)


def test_purpose_is_asked_by_why_and_what_for():
    assert analyse("What was the index developed for?").purpose
    assert not analyse("When was the index developed?").purpose


def test_footnotes_named_in_order():
    assert analyse("What do footnotes 11 and 3 say?").footnotes == (11, 3)
    assert analyse("What did the study find?").footnotes == ()


def test_source_intent():
    assert analyse("Which sources does the brief cite?").sources
    assert not analyse("How deep is the lake?").sources


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("What is this report about?", "about"),
        ("What does the brief recommend?", "advice"),
        ("What does the paper conclude?", "conclusion"),
        ("Who is the harbour master?", "who_is"),
    ],
)
def test_document_flags(question, field):
    q = analyse(question)
    flags = {f: getattr(q, f) for f in ("about", "advice", "conclusion", "who_is")}
    assert flags == {f: f == field for f in flags}


def test_search_expands_a_defined_acronym_and_pairs_its_forms():
    acronyms = (Acronym("WBGT", "wet-bulb globe temperature"),)
    q = analyse("How is WBGT measured?", acronyms=acronyms)
    assert q.search.text == "How is WBGT measured? (wet-bulb globe temperature)"
    assert q.terms == ("wbgt", "measur")  # the question's own terms, not the expansion's
    assert set(q.search.terms) > set(q.terms)
    assert q.search.same == ((frozenset({"wbgt"}), frozenset(index.lexical.tokenize("wet-bulb globe temperature"))),)


def test_search_pairs_are_adjacent_tokens():
    assert search_for("supreme court ruling").pairs == {("suprem", "court"), ("court", "rule")}


def test_the_embedding_is_filled_once_by_the_given_embedder():
    seen: list[str] = []

    def embed(text: str) -> list[float]:
        seen.append(text)
        return [0.6, 0.8]

    q = analyse("How is WBGT measured?", acronyms=(Acronym("WBGT", "wet-bulb globe temperature"),), embed=embed)
    assert q.search.embedding == (0.6, 0.8)
    assert seen == [q.search.text]
    assert analyse("How is it measured?").search.embedding == ()


def test_a_query_is_frozen():
    q = analyse("How far did it fly?")
    with pytest.raises(AttributeError):
        q.terms = ()  # type: ignore[misc]


def test_a_followup_keeps_the_earlier_question():
    q = analyse("And its height?", history=["How tall is the tower?"])
    assert (q.followup, q.earlier) == ("And its height? How tall is the tower?", "How tall is the tower?")


# ----- one analysis per question ---------------------------------------------------------------------------------
def test_ask_tokenises_the_question_once(engine, monkeypatch):
    question = "How far did the missile fly in its test?"
    calls: Counter[str] = Counter()
    real = index.lexical.tokenize

    def counting(text: str, **kw: bool) -> list[str]:
        calls[text] += 1
        return real(text, **kw)

    for module in (index.lexical, query_module, bot.qa.answer, bot.qa.index_state):
        monkeypatch.setattr(module, "tokenize", counting)
    answer = engine.ask(question)
    assert not answer.abstained
    assert calls[question] == 1


def test_ask_analyses_the_message_once(engine, monkeypatch):
    made: list[str] = []

    def counting(text: str, **kw: object) -> Query:
        made.append(text)
        return analyse(text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(bot.engine, "analyse", counting)
    engine.ask("How far did the missile fly in its test?")
    assert made == ["How far did the missile fly in its test?"]


# The stages take the Query: none of them may call the question analysers, which only bot.qa.query runs.
_ANALYSERS = {
    "content_terms",
    "name_phrases",
    "question_verbs",
    "asked",
    "asks_purpose",
    "asked_numbers",
    "expand_question",
    "alternatives",
}
_STAGES = (
    "bot/qa/answer.py",
    "bot/qa/retrieval.py",
    "bot/qa/index_state.py",
    "bot/qa/cues.py",
    "bot/engine.py",
    "bot/qa/render.py",
)


@pytest.mark.parametrize("path", _STAGES)
def test_no_stage_analyses_the_question_again(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    imported = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    called = {
        n.func.id if isinstance(n.func, ast.Name) else n.func.attr
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name | ast.Attribute)
    }
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert not (_ANALYSERS & (imported | called)) - defined
