"""The asked event against the event a sentence reports: verb families and their phases.

A reader words an action in their own terms: asked who "ran" a company, the document writes its "president";
asked when someone "resigned", it writes that they "stepped down". And a sentence about the same person and office
may report the other end of it: asked when someone resigned, the sentence where they were promoted holds a date,
of the wrong event. The families and phases are general English (``wordlists/verb_families.txt``), compared by
stem, never one document's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from bot.qa import answer_types as types
from corpus.text.words import stem

START, END = "start", "end"
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    phase: str  # START, END or ""
    words: frozenset[str]  # stems of its one-word members
    pairs: frozenset[tuple[str, str]]  # stems of its two-word members ("step down")


@cache
def families() -> tuple[Family, ...]:
    """The verb families of ``verb_families.txt``; an indented line continues the family above."""
    rows: list[tuple[str, list[str]]] = []
    for line in types._lines("verb_families.txt"):
        if not line[0].isspace() and ":" in line:
            head, line = line.split(":", 1)
            rows.append((head.strip(), []))
        rows[-1][1].extend(line.split())
    out = []
    for head, members in rows:
        phase, _, name = head.partition("/")
        singles = frozenset(stem(w.lower()) for w in members if "_" not in w)
        split = (w.lower().split("_", 1) for w in members if "_" in w)
        pairs = frozenset((stem(a), stem(b)) for a, b in split)
        out.append(Family(name, phase if phase in (START, END) else "", singles, pairs))
    return tuple(out)


@lru_cache(maxsize=65536)
def _stems(text: str) -> tuple[str, ...]:
    """A text's word stems, in order; remembered, as the same passages reach many questions."""
    return tuple(stem(w) for w in _WORD.findall(text.lower()))


def found(stems: Iterable[str]) -> frozenset[Family]:
    """The families whose members occur among the stems (in order, for the two-word members)."""
    seq = list(stems)
    present, pairs = set(seq), set(pairwise(seq))
    return frozenset(f for f in families() if f.words & present or f.pairs & pairs)


@dataclass(frozen=True, slots=True)
class AskedEvent:
    """The families of a question's verbs and the stems of those verbs (which ``same_event`` already rewards)."""

    families: frozenset[Family] = frozenset()
    verbs: frozenset[str] = frozenset()

    @property
    def phase(self) -> str:
        phases = {f.phase for f in self.families if f.phase}
        return phases.pop() if len(phases) == 1 else ""


def asked_event(question: str, verbs: frozenset[str]) -> AskedEvent:
    """The verb families a question asks about: those of its main verbs (stems, ``Query.verbs``) and of a
    two-word verb it uses ("give up")."""
    seq = _stems(question)
    pairs = set(pairwise(seq))
    fams = frozenset(f for f in families() if f.words & verbs or f.pairs & pairs)
    return AskedEvent(fams, verbs)


@dataclass(frozen=True, slots=True)
class EventMatch:
    kin: bool  # the sentence reports the asked event in other words ("stepped down" for "resign")
    other_phase: bool  # it reports only the other end of the asked event ("promoted", asked when they resigned)


def match(event: AskedEvent, text: str) -> EventMatch:
    """How a sentence's events stand to the asked one. The asked verb itself is ``same_event``'s business
    (``bot.qa.answer``): a sentence using it is never said to report only the other phase."""
    if not event.families:
        return EventMatch(False, False)
    seq = _stems(text)
    words, pairs = set(seq), set(pairwise(seq))
    own = words & event.verbs
    kin = any((f.words & words) - own or f.pairs & pairs for f in event.families)
    phase = event.phase
    said = {f.phase for f in found(seq) if f.phase}
    other = bool(phase) and bool(said) and phase not in said and not own
    return EventMatch(kin, other)
