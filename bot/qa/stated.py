"""What an answering passage must state besides an answer of the asked type: the things the question names.

A document that names the question's subject is not thereby an answer to everything asked about it. Asked "What
was the working-age population of Enid in 1990?", a sentence giving the working-age population of the whole sample
holds a figure of the right kind, but Enid is neither in it nor in the sentences it follows.

A name the document is about (in its title, or in many of its passages) is exempt: a document about Franklin
says "I was born in 1706". Read from the form of English only: names are the question's runs of capitalised
words (``bot.qa.event_subject.subject_names``); a country is named in any of its forms (the country table)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.qa.event_subject import subject_names
from corpus.models import Brief
from corpus.text.countries import COUNTRY_GROUPS

_WORD = re.compile(r"[A-Za-z0-9]+")
# A name the document mentions in this share of its passages (or more) is what the document is about: a passage
# may speak of it without naming it.
TOPIC_SHARE = 0.02


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def asked_names(question: str) -> list[frozenset[str]]:
    """The names a question asks about (``subject_names``), each kept to its words written with a capital:
    "mid-2021" is a date, "COVID-19" a name."""
    capitalised = {w.lower() for w in _WORD.findall(question) if w[0].isupper()}
    return [n & capitalised for n in subject_names(question) if n & capitalised]


def _key(name: frozenset[str]) -> frozenset[str]:
    """The words of a name that identify it: no single letters ("U.S." -> u, s), no bare numbers (a year is a
    detail, checked elsewhere)."""
    return frozenset(w for w in name if len(w) > 1 and not w.isdigit())


# A country is named in any of its forms: asked about "American" metros, "U.S. metros" names them.
_COUNTRY = {form: group for group in COUNTRY_GROUPS for form in group if " " not in form}


def met(name: frozenset[str], words: set[str]) -> bool:
    """Whether a text (its lower-case words) names the name: at least half of its identifying words, or, for a
    country's name or adjective, another of its forms ("u.s" is read as the words "u" and "s")."""
    key = _key(name)
    if len(key) == 1 and next(iter(key)) in _COUNTRY:
        forms = _COUNTRY[next(iter(key))]
        return any(set(_WORD.findall(f)) <= words for f in forms)
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
