"""A question analysed once: the typed value every stage of answering reads instead of the raw text.

The engine turns a message into a ``Query`` at the door (``analyse``): its content terms, names, numbers, verbs,
the answer type it asks for, the footnotes it names, whether it asks about the sources or the document itself,
and the ``Search`` retrieval runs (the text with defined acronyms expanded, its terms, adjacent pairs and
embedding). It then flows one way, retrieve -> rank -> select -> verify -> render, and nothing downstream
tokenises the question again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.qa.details import asked_numbers
from bot.qa.purpose import asks_purpose
from bot.qa.question_kind import Asked, asked
from bot.qa.related import Related, related_terms
from index.aliases import Acronym, expand_question
from index.lexical import FRAME_STEMS, bigrams, content_terms, name_phrases, phrase_key, question_verbs, tokenize

# A question about the brief's sources rather than its claims.
_SOURCE_INTENT = re.compile(
    r"\b(?:foot\s*notes?|sources?|cite[sd]?|citations?|citing|references?|referenced|bibliography|articles?)\b",
    re.IGNORECASE,
)
_FOOTNOTE_NUMBER = re.compile(
    r"\b(?:foot\s*notes?|notes?|fn|sources?|references?|citations?)\s*(?:no\.?|numbers?|#)?\s*"
    r"(\d{1,4}(?:\s*(?:,|and|&|or)\s*\d{1,4})*)\b",
    re.IGNORECASE,
)
_DOCUMENT_ABOUT = re.compile(
    r"\bwhat(?:'s| is| are)? (?:this|the) (?:brief|paper|report|document)(?: (?:mainly|mostly|really))? about\b|"
    r"\b(?:subject|topic|main theme) of (?:this|the) (?:brief|paper|report|document)\b",
    re.IGNORECASE,
)
_DOC = r"(?:this|the) (?:brief|paper|report|document|author|article)"
# "What does the brief recommend?", "the brief's recommendations", "What is its conclusion?": questions about the
# document's own advice or conclusion, which name no topic the retrieval could match.
_DOCUMENT_ADVICE = re.compile(
    rf"\bwhat (?:does|do|did) {_DOC}s? (?:recommend|suggest|propose|advise|advocate)\b|"
    rf"\b(?:recommendations?|suggestions?|proposals?|policy (?:options?|advice)|way forward) (?:of|in|from) {_DOC}\b|"
    rf"\b(?:{_DOC}'s|its) (?:recommendations?|suggestions?|proposals?|policy (?:options?|advice))\b|"
    r"\bwhat (?:is|are) (?:the|its) (?:recommendations?|policy recommendations?)\b",
    re.IGNORECASE,
)
_DOCUMENT_CONCLUSION = re.compile(
    rf"\bwhat (?:does|do|did) {_DOC}s? conclude\b|\bconclusions? (?:of|in) {_DOC}\b|"
    rf"\b(?:{_DOC}'s|its) conclusions?\b|\bwhat (?:is|was|are) (?:the|its) conclusions?\b|"
    rf"\bhow does {_DOC} (?:end|conclude)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
# "Who is/was the X?": the question is about X itself, so if the library never names X it cannot answer.
_WHO_IS = re.compile(r"^\W*who (?:is|was|are|were)\b", re.IGNORECASE)

# Words that point back at something said before ("what did the mayor promise there?", "how far did it travel?").
_DEICTIC = re.compile(
    r"\b(?:there|then|it|its|they|them|their|this|that|these|those|he|him|his|she|her|such|same|above|"
    r"earlier|former|latter|what else)\b",
    re.IGNORECASE,
)
SHORT = 4  # a message with this few content words rarely stands on its own

Same = tuple[frozenset[str], frozenset[str]]


@dataclass(frozen=True, slots=True)
class Search:
    """What retrieval reads of the text it searches with: the question with the other form of each defined
    acronym it uses appended (``index.aliases.expand_question``), that text's content terms, its adjacent term
    pairs, the (acronym, long form) term sets coverage counts as one concept, its embedding, and for each term the
    searched document never uses, the related words it does use (``bot.qa.related``), searched with less weight."""

    text: str
    terms: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]
    same: tuple[Same, ...]
    embedding: tuple[float, ...] = ()
    related: Related = ()


def alternatives(text: str, acronyms: Sequence[Acronym]) -> list[Same]:
    """For a text that names a defined acronym in both its forms (``index.aliases.expand_question``): the
    terms of each form, (acronym, long form), which coverage counts as one concept met by either."""
    key = phrase_key(text)
    out = []
    for a in acronyms:
        short, long = a.keys
        if short in key and long in key:
            short_terms, long_terms = frozenset(tokenize(a.short)), frozenset(tokenize(a.long))
            if short_terms and long_terms:
                out.append((short_terms, long_terms))
    return out


Embed = Callable[[str], Sequence[float]]
Knows = Callable[[str], bool]


def search_for(
    text: str, acronyms: Sequence[Acronym] = (), embed: Embed | None = None, knows: Knows | None = None
) -> Search:
    """The ``Search`` for a text, over the acronyms of the briefs asked; ``embed`` (the engine's query embedder)
    fills its embedding, left empty without it; ``knows`` (whether the searched documents use a term) fills its
    related words, none without it."""
    expanded = expand_question(text, tuple(acronyms))
    tokens = tokenize(expanded)
    terms = tuple(dict.fromkeys(tokens))  # ``index.lexical.content_terms`` of the tokens at hand
    return Search(
        expanded,
        terms,
        bigrams(tokens),
        tuple(alternatives(expanded, acronyms)),
        tuple(embed(expanded)) if embed is not None else (),
        related_terms(terms, knows, FRAME_STEMS) if knows is not None else (),
    )


@dataclass(frozen=True, slots=True)
class Query:
    """A question as every stage reads it, analysed once (``analyse``)."""

    text: str  # as asked
    terms: tuple[str, ...]  # distinct content tokens, in order (``index.lexical.content_terms``)
    names: tuple[str, ...]  # multi-word capitalised names, as phrase keys ("secretary of state")
    acronyms: frozenset[str]  # words in capitals ("NHL"), lower case
    verbs: frozenset[str]  # stems of its main verbs ("was *lifted*")
    numbers: frozenset[float]  # numbers named as details (years and counts aside)
    asked: Asked  # the answer type asked for
    purpose: bool  # asks what something was for
    footnotes: tuple[int, ...]  # footnote numbers it names ("footnote 11")
    sources: bool  # about the brief's sources rather than its claims
    about: bool  # "what is the brief about?"
    advice: bool  # "what does the brief recommend?"
    conclusion: bool  # "what does the brief conclude?"
    who_is: bool  # "Who is/was ...?": about a name itself
    search: Search  # what retrieval searches with
    # For a message that leans on the previous turn: the text to retrieve with (the message and the last earlier
    # question) and that earlier question, whose answer anchors this one.
    followup: str | None = None
    earlier: str | None = None


def is_followup(message: str, terms: Sequence[str]) -> bool:
    """Whether a message (with these content terms) probably needs the previous turn to be understood."""
    if len(terms) <= 1:
        return True
    return (bool(_DEICTIC.search(message)) and len(terms) <= SHORT + 2) or len(terms) <= SHORT - 2


def analyse(
    text: str,
    *,
    history: Sequence[str] = (),
    acronyms: Sequence[Acronym] = (),
    embed: Embed | None = None,
    knows: Knows | None = None,
) -> Query:
    """Everything answering reads from a question, computed once. ``history``: the earlier questions of the
    conversation; ``acronyms``: those the briefs asked define; ``embed``: the query embedder; ``knows``: whether
    the briefs asked use a term (see ``search_for``)."""
    search = search_for(text, acronyms, embed, knows)
    # The question's own terms are its search's unless an acronym's other form was appended.
    terms = search.terms if search.text == text else tuple(content_terms(text))
    earlier = [h for h in history if h.strip()]
    leans = bool(earlier) and is_followup(text, terms)
    return Query(
        text=text,
        terms=terms,
        names=tuple(name_phrases(text)),
        acronyms=frozenset(a.lower() for a in _ACRONYM.findall(text)),
        verbs=question_verbs(text),
        numbers=asked_numbers(text),
        asked=asked(text),
        purpose=asks_purpose(text),
        footnotes=tuple(int(n) for m in _FOOTNOTE_NUMBER.finditer(text) for n in re.findall(r"\d+", m.group(1))),
        sources=bool(_SOURCE_INTENT.search(text)),
        about=bool(_DOCUMENT_ABOUT.search(text)),
        advice=bool(_DOCUMENT_ADVICE.search(text)),
        conclusion=bool(_DOCUMENT_CONCLUSION.search(text)),
        who_is=bool(_WHO_IS.search(text)),
        search=search,
        followup=f"{text} {earlier[-1]}" if leans else None,
        earlier=earlier[-1] if leans else None,
    )
