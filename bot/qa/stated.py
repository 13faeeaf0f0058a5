"""What an answering passage must state besides an answer of the asked type: the things the question names, and
the event a "who" question asks about.

A document that names the question's subject is not thereby an answer to everything asked about it. Asked "What
was the working-age population of Enid in 1990?", a sentence giving the working-age population of the whole sample
holds a figure of the right kind, but Enid is neither in it nor in the sentences it follows. Asked "Who won the
title at Long Beach?", a caption naming a contestant at Long Beach names a person, but says nothing of winning.

A name the document is about (in its title, or in many of its passages) is exempt: a document about Franklin
says "I was born in 1706". Read from the form of English only: names are the question's runs of capitalised
words (``bot.qa.event_subject.subject_names``), events its verbs and their related words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.qa.events import families
from corpus.models import Brief
from corpus.text.words import stem

_WORD = re.compile(r"[A-Za-z0-9]+")
# A name the document mentions in this share of its passages (or more) is what the document is about: a passage
# may speak of it without naming it.
TOPIC_SHARE = 0.02


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _key(name: frozenset[str]) -> frozenset[str]:
    """The words of a name that identify it: no single letters ("U.S." -> u, s), no bare numbers (a year is a
    detail, checked elsewhere)."""
    return frozenset(w for w in name if len(w) > 1 and not w.isdigit())


def met(name: frozenset[str], words: set[str]) -> bool:
    """Whether a text (its lower-case words) names the name: at least half of its identifying words."""
    key = _key(name)
    return not key or 2 * len(key & words) >= len(key)


def topics(names: Iterable[frozenset[str]], brief: Brief | None) -> frozenset[frozenset[str]]:
    """The names a document is about (named in its metadata, or in at least ``TOPIC_SHARE`` of its passages), and
    those it never names."""
    names = [n for n in names if _key(n)]
    if brief is None or not names:
        return frozenset(names)
    title = set().union(*(_words(p.text) for p in brief.passages if p.kind == "metadata"))
    out = {n for n in names if met(n, title)}
    rest = [n for n in names if n not in out]
    if rest:
        counts = dict.fromkeys(rest, 0)
        for p in brief.passages:
            have = _words(p.text)
            for n in rest:
                if met(n, have):
                    counts[n] += 1
        # A name it never gives is exempt too: the abstention rule already weighs the words a document never uses.
        out |= {n for n, k in counts.items() if k == 0 or k >= TOPIC_SHARE * len(brief.passages)}
    return frozenset(out)


def names_stated(names: Sequence[frozenset[str]], exempt: frozenset[frozenset[str]], text: str) -> bool:
    """Whether a passage (with the sentences it follows) names every name of the question that the document is
    not about as a whole."""
    have = _words(text)
    return all(met(n, have) for n in names if n not in exempt)


def _stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-z]+", text.lower())}


# A clause that follows the main one: "Who was mayor *when* the monument was inaugurated" asks no inauguration.
_SUBCLAUSE = re.compile(r"[,;]|\b(?:when|while|after|before|because|since|if|that|which|whose|where|during)\b", re.I)
_WHO = re.compile(r"^\W*who\b", re.I)


def main_clause(question: str) -> str:
    """A "who" question up to its first subordinate clause ("Who won the title at Long Beach"), else ""."""
    if not _WHO.match(question):
        return ""
    return _SUBCLAUSE.split(question, maxsplit=1)[0]


def event_stated(verbs: frozenset[str], text: str) -> bool:
    """Whether a text states the asked event: one of the question's verbs (any form: "won", "winner") or a verb of
    its family ("defeated" for "won"). True when no verb is asked."""
    if not verbs:
        return True
    have = _stems(text)
    related = set(verbs)  # not its WordNet kin: "win" -> "get", "gain" span other senses
    # A question's verb is stemmed as a verb ("founded" -> "found"); the families' words as any word ("found" ->
    # "find"): both forms find the family.
    forms = verbs | {stem(v) for v in verbs}
    for f in families():
        if f.words & forms:
            related |= f.words
    if related & have:
        return True
    return any(w.startswith(v) for v in verbs if len(v) >= 3 for w in have)
