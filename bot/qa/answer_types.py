"""Typed answer slots: whether a passage holds an answer of the asked kind that is not just the question's own words.

A question names its subject; the answer is something else of the asked type. "Which county ..." wants a county's
name ("Essex County", "the county of Kent", "in Kent"), not the question's own "Wessex" nor a descriptor ("a
Wessex county"); "who ..." wants a person or an organisation, not a place ("trained in Lisbon"); "how much
revenue" wants a sum of money, not a rank ("the top 10"); asked when something ended, the date it began is another
event's. The evidence is the form of English names, read from capitalisation and a few general word lists
(``bot/qa/wordlists/``), never one document's topic.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from bot.qa.roles import asks_report, reports
from corpus.models import Brief
from corpus.text.dates import CALENDAR_WORDS
from corpus.text.numbers import COUNTING_WORDS, MAGNITUDES, WORD_NUMBERS
from corpus.text.words import STOPWORDS, stem, word_list


def _lines(name: str) -> Iterator[str]:
    text = files("bot.qa").joinpath("wordlists", name).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            yield line


@cache
def words(name: str) -> frozenset[str]:
    """Every word of a word-list file, lower case."""
    return frozenset(w.lower() for w in word_list(Path(__file__).with_name("wordlists") / name))


@cache
def phases() -> dict[str, frozenset[str]]:
    """Stems of the words of each event phase ("start", "end"); an indented line continues the phase above."""
    out: dict[str, set[str]] = {}
    current = ""
    for line in _lines("event_phases.txt"):
        if not line[0].isspace() and ":" in line:
            current, line = line.split(":", 1)
        out.setdefault(current, set()).update(stem(w.lower()) for w in line.split())
    return {k: frozenset(v) for k, v in out.items()}


# Slots a question can ask for: an agent is a person or an organisation ("who founded ...").
PERSON, AGENT, PLACE, ORGANISATION, MONEY = "person", "agent", "place", "organisation", "money"
_SLOT_NOUNS = ((PLACE, "place_nouns.txt"), (PERSON, "person_nouns.txt"), (ORGANISATION, "organisation_nouns.txt"))


def slot_of_noun(noun: str) -> str:
    """The slot of a head noun ("county" -> place, "judge" -> person), or "" when it is none of them."""
    for slot, name in _SLOT_NOUNS:
        if noun in words(name):
            return slot
    return ""


def money_noun(noun: str) -> bool:
    """Whether the noun's amount is money: "revenue", "salary", or money itself ("cash")."""
    return noun in words("money_nouns.txt") or noun in words("money_itself.txt")


_CAP_WORD = re.compile(r"(?<![\w'’])[A-Z][\w'’.&-]*")
# Small words inside a name: "University of Leeds", "Bank of the North".
_JOINER = re.compile(r"\s+(?:(?:of|for|de|von|van|del|da)\s+(?:the\s+)?)?$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(‘]\s*)$")
_NEXT_WORD = re.compile(r"\s+([a-z][\w'’-]*)")


def _plain(word: str) -> str:
    return word.rstrip(".,").lower().removesuffix("'s").removesuffix("’s").strip(".-")


@dataclass(frozen=True, slots=True)
class NameRun:
    """A run of capitalised words ("Marine Research Centre", "University of Leeds") in a passage."""

    words: tuple[str, ...]  # as written
    start: int
    end: int
    grammar: bool  # the first word is capitalised because it starts a sentence

    @property
    def plain(self) -> tuple[str, ...]:
        return tuple(_plain(w) for w in self.words)


def name_runs(text: str) -> list[NameRun]:
    """The runs of capitalised words of a text, joined across "of", "for", "de" ... ("Bank of Canada")."""
    runs: list[NameRun] = []
    cur: list[re.Match[str]] = []

    def close() -> None:
        if cur:
            start = cur[0].start()
            # Only the few characters before the name are read: a search over the whole prefix, for every name of
            # a long document, is quadratic in its length. ("^$" still matches only an empty prefix.)
            grammar = bool(_SENTENCE_START.search(text[max(0, start - 40) : start]))
            runs.append(NameRun(tuple(m.group(0) for m in cur), start, cur[-1].end(), grammar))

    for m in _CAP_WORD.finditer(text):
        if cur and _JOINER.fullmatch(text[cur[-1].end() : m.start()]) and _runs_on(cur[-1].group(0), m.group(0)):
            cur.append(m)
            continue
        close()
        cur = [m]
    close()
    return runs


def _runs_on(word: str, nxt: str) -> bool:
    """Whether a name goes on past a word ending in a period: after an initial ("Anna K. Berg"), initials
    ("U.S. Courts"), a title ("Dr. Olsen") or inside a chain of abbreviations ("Cal. Ct. App."); otherwise
    the period ends a sentence ("... the Seven Seas. See Moore")."""
    if not word.endswith("."):
        return True
    bare = word[:-1]
    if len(bare) == 1 or "." in bare or bare.lower() in words("person_titles.txt"):
        return True
    return len(bare) <= 5 and nxt.endswith(".")


@dataclass(frozen=True, slots=True)
class Question:
    """What the slot checks read from a question: its words and the words of the noun phrase it asks about."""

    words: frozenset[str]
    phrase: frozenset[str] = frozenset()  # "which North Shore art school" -> north, shore, art, school


def _counted(run: NameRun, q: Question, common: frozenset[str], initial: bool = False) -> list[str]:
    """The run's words (as written) that can name an answer: not the question's, not small or calendar words,
    not the one capitalised only because it starts the sentence, and (alone) not a word the document writes in
    lower case ("the State"). ``initial``: a sentence's first word counts when the library never writes it in
    lower case ("Marlowe is said to have declared ...")."""
    plain = run.plain
    out = []
    for i, w in enumerate(plain):
        grammar = i == 0 and run.grammar and not (initial and common and w.isalpha() and w not in common)
        if grammar or w in q.words or w in STOPWORDS or w in CALENDAR_WORDS or len(w) < 2:
            continue
        out.append(run.words[i])
    if len(plain) == 1 and out and plain[0] in common:
        return []
    return out


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+(?:the\s+)?$")
_BEFORE_WINDOW = 80


def _before(text: str, run: NameRun) -> str:
    """The word before the run, skipping "the", lower case ("" at the start)."""
    # Only the last few words are read: searching the whole text before every name is quadratic in its length.
    m = _WORD_BEFORE.search(text[max(0, run.start - _BEFORE_WINDOW) : run.start])
    return m.group(1).lower() if m else ""


_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:[a-z][\w-]*\s+){0,2}$", re.I)


def _descriptor(text: str, run: NameRun, q: Question) -> bool:
    """Whether the run only describes a kind of thing: it qualifies the asked noun, written in lower case after
    it ("the North Shore art school" for "which art school"), or follows "a"/"an" ("a Wessex county", "a
    famous Oxford professor"): a name with an indefinite article is not the one thing asked for."""
    if _INDEFINITE.search(text[: run.start]):
        return True
    m = _NEXT_WORD.match(text, run.end)
    return bool(m and (m.group(1).lower() in q.phrase or m.group(1).lower().rstrip("s") in q.phrase))


def _acronym(counted: list[str]) -> bool:
    """Whether the words are initials ("NGO", "U.S.", "NATO's")."""
    letters = "".join(ch for w in counted for ch in w.removesuffix("'s").removesuffix("’s") if ch.isalpha())
    return len(letters) >= 2 and letters.isupper()


_NUMBERED = re.compile(r"\s*\d")


def _code(text: str, run: NameRun, counted: list[str]) -> bool:
    """Whether the words are a code or a citation, not a name: each has a digit ("M25"), all are abbreviations
    ("Cal. Ct. App."), or an abbreviation stands before a number ("Fig. 2", "Vol. 3")."""
    digits = all(any(ch.isdigit() for ch in w) for w in counted)
    abbreviated = all(w.endswith(".") for w in counted)
    return digits or (abbreviated and (len(counted) > 1 or bool(_NUMBERED.match(text, run.end))))


_AUTHORS = re.compile(r",?\s+(?:et al\b|and [A-Z]|&|\(?(?:1[5-9]|20)\d\d\b)")


def _learned(text: str) -> tuple[set[str], set[str]]:
    """Words a text uses as place names ("in Ashby", "Kent County", "the State of Wessex") and as people's names
    ("Judge Amos Reed", "Dr. Olsen")."""
    places: set[str] = set()
    people: set[str] = set()
    titles, place_nouns = words("person_titles.txt"), words("place_nouns.txt")
    lower = set(re.findall(r"\b[a-z][a-z'’-]+\b", text))  # "in Children and Youth": title case, no place
    for run in name_runs(text):
        plain = [
            w
            for i, w in enumerate(run.plain)
            if not (i == 0 and run.grammar) and w not in lower and w not in CALENDAR_WORDS and w not in STOPWORDS
        ]
        if not plain or any(ch.isdigit() for w in plain for ch in w):
            continue
        before = _before(text, run)
        if before in titles or plain[0] in titles:
            people.update(w for w in plain if w not in titles)
        elif _nouns(tuple(plain), "organisation_nouns.txt"):
            continue  # "in the Supreme Court": an organisation, even after "in"
        elif _AUTHORS.match(text, run.end):
            continue  # "in Lee et al. (2020)", "in Lee (2020)": authors cited, not places
        elif (before in words("locative_prepositions.txt") and not run.words[-1].endswith(("'s", "’s"))) or (
            set(run.plain) & place_nouns
        ):
            places.update(w for w in plain if w not in place_nouns)
    return places, people


# One small set per brief version, least recently used dropped first: a library of thousands of briefs keeps
# its place names instead of learning them again whenever the cache fills.
_PLACES: OrderedDict[tuple[str, str], frozenset[str]] = OrderedDict()
_PLACES_MAX = 4096
_PLACES_LOCK = threading.Lock()


def document_places(brief: Brief, version: str = "") -> frozenset[str]:
    """The words one document uses as place names and never as a person's: names come from the document itself,
    so "Wessex" is a place wherever a brief once wrote "in Wessex". Cached per brief version."""
    key = (brief.id, version)
    with _PLACES_LOCK:
        found = _PLACES.get(key)
        if found is not None:
            _PLACES.move_to_end(key)
            return found
    places, people = _learned(brief.text)
    found = frozenset(places - people)
    with _PLACES_LOCK:
        _PLACES[key] = found
        while len(_PLACES) > _PLACES_MAX:
            _PLACES.popitem(last=False)
    return found


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the words around a name run say about it."""

    located: bool  # after "in", "at", "near" ...: "trained in Lisbon"
    titled: bool  # after or starting with a title: "Judge Lee", "Dr. Olsen"
    org: bool  # holds an organisation noun: "Research Centre", "Bank of Canada"
    place: bool  # holds a place noun: "Kent County", "the United States"
    acronym: bool  # initials: "NGO", "U.S."
    code: bool  # a code or citation: "M25", "Cal. Ct. App."
    ordinary: bool  # only words the document also writes in lower case: "the Seven Seas"


def _nouns(plain: tuple[str, ...], name: str) -> bool:
    listed = words(name)
    return any(w in listed or (w.endswith("s") and w[:-1] in listed) for w in plain)


def _read(text: str, run: NameRun, counted: list[str], common: frozenset[str], places: frozenset[str]) -> _Reading:
    titles = words("person_titles.txt")
    before = _before(text, run)
    return _Reading(
        located=before in words("locative_prepositions.txt"),
        titled=before in titles or (len(run.words) > 1 and run.plain[0] in titles),
        org=_nouns(run.plain, "organisation_nouns.txt"),
        place=_nouns(run.plain, "place_nouns.txt") or _known_place(counted, common, places),
        acronym=_acronym(counted),
        code=_code(text, run, counted),
        ordinary=all(_plain(w) in common for w in counted),
    )


def _known_place(counted: list[str], common: frozenset[str], places: frozenset[str]) -> bool:
    """Whether the document uses these words as a place name: one of them is a learned place and the others are
    ordinary words ("New York" where "York" was seen "in York")."""
    plain = [_plain(w) for w in counted]
    return any(w in places for w in plain) and all(w in places or w in common for w in plain)


def _agent(r: _Reading) -> bool:
    """A person or an organisation: not a place ("in Lisbon", "Kent County") or a code."""
    return not (r.code or (r.place and not r.org) or (r.located and not (r.org or r.titled)))


def _person(r: _Reading) -> bool:
    """A person: an agent that is not an organisation ("which judge" is not answered by "the NGO") nor a run of
    ordinary words ("the Seven Seas", where the White House would still do for "who")."""
    return _agent(r) and not r.org and not r.acronym and (r.titled or not r.ordinary)


def _place(r: _Reading) -> bool:
    """A place: not a person ("Judge Lee"), an organisation ("the Supreme Court") or a code, and initials only
    after a place preposition ("in the UK", not "the NGO ordered")."""
    return not (r.code or r.titled or (r.org and not r.place) or (r.acronym and not r.located))


_SLOT_RULES = {PERSON: _person, AGENT: _agent, PLACE: _place}


def fills(
    slot: str, text: str, q: Question, common: frozenset[str] = frozenset(), places: frozenset[str] = frozenset()
) -> bool:
    """Whether the text has a name of the slot's kind (person, agent, place; organisation and "" for any name)
    other than the question's own. ``common``: the words the document writes in lower case; ``places``: the
    words it uses as place names (``document_places``)."""
    rule = _SLOT_RULES.get(slot)
    for run in name_runs(text):
        counted = _counted(run, q, common, initial=slot != PLACE)
        if not counted or _descriptor(text, run, q):
            continue
        if reports(text, run.start, run.end, q.words) and not asks_report(q.words):
            continue  # "Mr. Lee tells us that his teacher ...": the teller is not the name asked for
        if rule is None or rule(_read(text, run, counted, common, places)):
            return True
    return False


_MONEY_SYMBOL = re.compile(r"[$£€¥₹]\s?\d|\d\s?[$£€¥₹]")
# "40 million pesos", "two billions": the toolkit's magnitude words, singular or plural.
_SCALE = frozenset(w for word in MAGNITUDES for w in (word, word + "s"))


# A change of a sum answers "how much did the price rise" as well as the sum does.
_CHANGE = re.compile(r"\d\s?%|\b(?:percent|per cent|(?:\w+ )?times|doubled|tripled|halved|twice)\b", re.I)


def has_money(text: str) -> bool:
    """Whether the text gives a sum of money or its change: a currency sign, a figure or number word with a currency
    or magnitude word after it ("$6 billion", "40 million pesos", "three shillings"), a word that is a sum by itself
    ("sixpence"), a percentage or a multiple."""
    if _MONEY_SYMBOL.search(text) or _CHANGE.search(text):
        return True
    if words("money_amounts.txt") & set(re.findall(r"[a-z'’]+", text)):
        return True  # "sixpence", "a farthing": a sum in one word
    currencies = words("currencies.txt")
    for m in _AMOUNT_THEN_WORDS.finditer(text):
        after = m.group(1).lower().split()
        if after[0] in _SCALE or any(w in currencies for w in after):
            return True
    return False


# A figure or a number word ("three shillings", "forty dollars", "a hundred pounds") and the words after it.
_NUMBER_WORDS = "|".join(w for w, n in WORD_NUMBERS.items() if n >= 2 and w not in COUNTING_WORDS)
_AMOUNT_THEN_WORDS = re.compile(
    rf"(?:(?<![\w.-])\d[\d,]*(?:\.\d+)?|\b(?:{_NUMBER_WORDS})(?:-[a-z]+)?\b)((?:\s+[a-z]+){{1,3}})", re.I
)


def rank_number(text: str, start: int) -> bool:
    """Whether the number at ``start`` is a position, not an amount: "the top 10", "No. 3"."""
    m = re.search(r"([A-Za-z]+)\.?\s*#?\s*$", text[max(0, start - 24) : start])
    return bool(m and m.group(1).lower() in words("rank_words.txt"))


def other_phase(question_stems: frozenset[str], text_stems: frozenset[str]) -> bool:
    """Whether the text reports only the other phase of the asked event: asked when something ended (or began),
    it says only when it began (or ended)."""
    table = phases()
    asked_phases = {p for p, stems in table.items() if stems & question_stems}
    if len(asked_phases) != 1:
        return False
    (asked_phase,) = asked_phases
    said = {p for p, stems in table.items() if stems & text_stems}
    return bool(said) and asked_phase not in said
