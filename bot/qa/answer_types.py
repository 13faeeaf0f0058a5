"""Typed answer slots: whether a passage holds an answer of the asked kind that is not just the question's own words.

A question names its subject; the answer is something else of the asked type. "Which county ..." wants a county's
name ("Tulsa County", "the county of Kent", "in Kent"), not the question's own "Oklahoma" nor a descriptor ("an
Oklahoma county"); "who ..." wants a person or an organisation, not a place ("trained in Vienna"); "how much
revenue" wants a sum of money, not a rank ("the top 10"); asked when something ended, the date it began is another
event's. The evidence is the form of English names, read from capitalisation and a few general word lists
(``bot/qa/wordlists/``), never one document's topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from corpus.text.dates import CALENDAR_WORDS
from corpus.text.words import STOPWORDS, stem


def _lines(name: str) -> Iterator[str]:
    text = files("bot.qa").joinpath("wordlists", name).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            yield line


@cache
def words(name: str) -> frozenset[str]:
    """Every word of a word-list file, lower case."""
    return frozenset(w.lower() for line in _lines(name) for w in line.split())


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


# Slots a "name" question can ask for.
PERSON, PLACE, ORGANISATION, MONEY = "person", "place", "organisation", "money"
_SLOT_NOUNS = ((PLACE, "place_nouns.txt"), (PERSON, "person_nouns.txt"), (ORGANISATION, "organisation_nouns.txt"))


def slot_of_noun(noun: str) -> str:
    """The slot of a head noun ("county" -> place, "judge" -> person), or "" when it is none of them."""
    for slot, name in _SLOT_NOUNS:
        if noun in words(name):
            return slot
    return ""


def money_noun(noun: str) -> bool:
    return noun in words("money_nouns.txt")


_CAP_WORD = re.compile(r"(?<![\w'’])[A-Z][\w'’.&-]*")
# Small words inside a name: "University of Salford", "Bank of the North".
_JOINER = re.compile(r"\s+(?:(?:of|for|de|von|van|del|da)\s+(?:the\s+)?)?$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(‘]\s*)$")
_NEXT_WORD = re.compile(r"\s+([a-z][\w'’-]*)")


def _plain(word: str) -> str:
    return word.rstrip(".,").lower().removesuffix("'s").removesuffix("’s").strip(".-")


@dataclass(frozen=True, slots=True)
class NameRun:
    """A run of capitalised words ("Acoustics Research Centre", "University of Salford") in a passage."""

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
            grammar = bool(_SENTENCE_START.search(text[:start]))
            runs.append(NameRun(tuple(m.group(0) for m in cur), start, cur[-1].end(), grammar))

    for m in _CAP_WORD.finditer(text):
        if cur and _JOINER.fullmatch(text[cur[-1].end() : m.start()]) and not cur[-1].group(0).endswith(","):
            cur.append(m)
            continue
        close()
        cur = [m]
    close()
    return runs


@dataclass(frozen=True, slots=True)
class Question:
    """What the slot checks read from a question: its words and the words of the noun phrase it asks about."""

    words: frozenset[str]
    phrase: frozenset[str] = frozenset()  # "which West Coast law school" -> west, coast, law, school


def _counted(run: NameRun, q: Question, common: frozenset[str]) -> list[str]:
    """The run's words (as written) that can name an answer: not the question's, not small or calendar words,
    not the one capitalised only because it starts the sentence, and (alone) not a word the document writes in
    lower case ("the State")."""
    plain = run.plain
    out = []
    for i, w in enumerate(plain):
        if (i == 0 and run.grammar) or w in q.words or w in STOPWORDS or w in CALENDAR_WORDS or len(w) < 2:
            continue
        out.append(run.words[i])
    if len(plain) == 1 and out and plain[0] in common:
        return []
    return out


def _before(text: str, run: NameRun) -> str:
    """The word before the run, skipping "the", lower case ("" at the start)."""
    m = re.search(r"([A-Za-z]+)\.?\s+(?:the\s+)?$", text[: run.start])
    return m.group(1).lower() if m else ""


def _modifier(text: str, run: NameRun, q: Question) -> bool:
    """Whether the run only qualifies the asked noun, written in lower case after it: "an Oklahoma county", "the
    famous East Coast law school" describe a kind of what is asked, not its name ("Tulsa County")."""
    m = _NEXT_WORD.match(text, run.end)
    return bool(m and (m.group(1).lower() in q.phrase or m.group(1).lower().rstrip("s") in q.phrase))


def _acronym(counted: list[str]) -> bool:
    """Whether the words are initials ("COA", "U.S.", "OCCA's")."""
    letters = "".join(ch for w in counted for ch in w.removesuffix("'s").removesuffix("’s") if ch.isalpha())
    return len(letters) >= 2 and letters.isupper()


def _code(counted: list[str]) -> bool:
    """Whether the words are a code or a citation, not a name: each has a digit ("P.2d") or all are
    abbreviations ("Okla. Crim. App.")."""
    digits = all(any(ch.isdigit() for ch in w) for w in counted)
    return digits or (len(counted) > 1 and all(w.endswith(".") for w in counted))


def fills(slot: str, text: str, q: Question, common: frozenset[str] = frozenset()) -> bool:
    """Whether the text has a name of the slot's kind (person, place, organisation; "" for any name) other than
    the question's own. ``common``: words the document writes in lower case ("the State" is no name alone)."""
    titles = words("person_titles.txt")
    for run in name_runs(text):
        counted = _counted(run, q, common)
        if not counted or _modifier(text, run, q) or (slot in (PERSON, PLACE) and _code(counted)):
            continue
        plain = set(run.plain)
        before = _before(text, run)
        located = before in words("locative_prepositions.txt")
        titled = before in titles or (len(run.words) > 1 and run.plain[0] in titles)
        org = bool(plain & words("organisation_nouns.txt"))
        place = bool(plain & words("place_nouns.txt"))
        if slot == PERSON and ((located and not (org or titled)) or (place and not org)):
            continue  # "trained in Vienna", "Kent County": a place, not an agent
        if slot == PLACE and (titled or (org and not place) or (_acronym(counted) and not located)):
            continue  # "Judge Lee", "the Supreme Court", "the COA": an agent, not a place
        return True
    return False


_MONEY_SYMBOL = re.compile(r"[$£€¥₹]\s?\d|\d\s?[$£€¥₹]")
_SCALE = frozenset({"thousand", "million", "millions", "billion", "billions", "trillion", "milliard", "milliards"})


# A change of a sum answers "how much did the price rise" as well as the sum does.
_CHANGE = re.compile(r"\d\s?%|\b(?:percent|per cent|(?:\w+ )?times|doubled|tripled|halved|twice)\b", re.I)


def has_money(text: str) -> bool:
    """Whether the text gives a sum of money or its change: a currency sign, a number with a currency or
    magnitude word after it ("$6 billion", "25 milliards of marks", "40 dollars"), a percentage or a multiple."""
    if _MONEY_SYMBOL.search(text) or _CHANGE.search(text):
        return True
    currencies = words("currencies.txt")
    for m in re.finditer(r"(?<![\w.-])\d[\d,]*(?:\.\d+)?((?:\s+[a-z]+){1,3})", text):
        after = m.group(1).split()
        if after[0] in _SCALE or any(w in currencies for w in after):
            return True
    return False


def rank_number(text: str, start: int) -> bool:
    """Whether the number at ``start`` is a position, not an amount: "the top 10", "No. 3"."""
    m = re.search(r"([A-Za-z]+)\.?\s*#?\s*$", text[:start])
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
