"""Quiz questions generated from a brief's cited passages.

Every question comes from one body sentence that carries footnotes (so the quote that settles it can be shown
with the brief's own footnote numbers). Four kinds, each found with patterns over the sentence text:

- ``number``: cloze over a quantity ("The A-14 engine has a range of _____ km …"), digits or a number word;
- ``date``: cloze over a full date, a month and day, or a year;
- ``actor``: "Who …?" when a named actor is the subject of a reporting or action verb, else a cloze;
- ``cause``: short answer for the clause after "because", "due to", …

Questions are plain frozen data with a stable id (brief, kind, answer offsets), so the same brief always yields
the same pool and a session can tell which questions it has already seen.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from bot.qa.answer_types import words
from corpus.models import Brief, Passage
from corpus.text.dates import MONTH_PATTERN
from corpus.text.numbers import ONES, TENS

QuestionKind = Literal["number", "date", "actor", "cause"]
QuestionStyle = Literal["cloze", "short_answer"]
BLANK = "_____"


@dataclass(frozen=True, slots=True)
class Question:
    """One quiz question. ``answer`` is ``brief.text[answer_start:answer_end]``; the passage settles it."""

    id: str
    brief_id: str
    passage_id: str
    kind: QuestionKind
    style: QuestionStyle
    prompt: str
    answer: str
    answer_start: int
    answer_end: int
    context: str | None = None  # the sentence before, verbatim, when this one opens with a pronoun


@dataclass(frozen=True, slots=True)
class _Span:
    kind: QuestionKind
    start: int  # offsets into the passage text
    end: int


# ----- patterns --------------------------------------------------------------------------------------------
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A quantity: not part of a name ("A-14", "KN-23") or a unit-glued token ("600m"); an optional range.
NUMBER_RE = re.compile(rf"(?<![\w.,\-/])(?:{_NUM})(?:\s*(?:-|–|to)\s*(?:{_NUM}))?(?![\w\-]|[.,]\d)")
NUMBER_WORDS: dict[str, int] = {**ONES, "twenty": TENS["twenty"]}
# "two summits", "six underground tests": a number word before a word that is not "of" ("one of the …").
_COUNT_WORDS = "|".join(w for w, n in NUMBER_WORDS.items() if 2 <= n <= 12 or n == 20)
NUMBER_WORD_RE = re.compile(rf"\b(?:{_COUNT_WORDS})\b(?=\s+(?!of\b)[a-z])")
_MONTH = MONTH_PATTERN
FULL_DATE_RE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?)"
)
YEAR_RE = re.compile(r"(?<![\w.,\-/])(?:1[89]|20)\d{2}(?![\w\-]|[.,]\d)")
# Words that may be capitalised at a sentence start without naming anyone.
_NOT_NAMES = words("not_names.txt")
_NAME_TOKEN = r"[A-Z][\w’'\-]*"
ENTITY_RE = re.compile(rf"\b{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}))*")
_VERBS = (
    "stated|said|says|claimed|claims|described|describes|pledged|promised|wanted|wants|expects|expected|considers|"
    "considered|perceives|perceived|demands|demanded|met|launched|launches|fired|tested|tests|conducted|detonated|"
    "unveiled|warned|announced|accused|agreed|refused|rejected|argued|argues|believes|insisted|threatened|signed|"
    "proposed|urged|reported|called|criticised|criticized|imposed|offered|sought|seeks|developed|built"
)
# After the entity: an optional comma, auxiliary or adverb ("also", "allegedly"), then the verb.
ACTOR_VERB_RE = re.compile(rf",?\s+(?:(?:has|have|had|also|reportedly|allegedly|\w+ly)\s+)?(?:{_VERBS})\b")
ACCORDING_RE = re.compile(rf"\bAccording to ({_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*),")
CAUSE_RE = re.compile(r"\s(?:because(?: of)?|due to|owing to|as a result of|since(?!\s+(?:\d|then|the\s+\d)))\s")
# Discourse openers dropped before "Who": "In addition, X launched …" -> "Who launched …?"
_INTRO_ADVERBS = frozenset(
    {"moreover", "furthermore", "similarly", "lastly", "therefore", "unfortunately", "however", "also", "additionally"}
    | {"in addition", "on the other hand", "for example", "for instance", "at the same time", "in contrast"}
    | {"by contrast", "as a result", "meanwhile", "likewise", "finally", "besides"}
)
# "It …", "In addition, it …": a sentence whose subject needs the one before it.
_PRONOUN_START = re.compile(
    r"^(?:[A-Z][\w ]{0,30}, )?(?:it|its|this|these|they|their|he|she|his|her|that|those)\b", re.IGNORECASE
)
MAX_INTRO_WORDS = 5


def _question_id(brief: Brief, kind: str, start: int, end: int) -> str:
    digest = hashlib.sha1(f"{brief.id}|{brief.content_hash}|{kind}|{start}|{end}".encode()).hexdigest()
    return f"q-{digest[:12]}"


def _clean(text: str) -> str:
    """Prompt text for display: markdown emphasis dropped, line breaks and runs of spaces collapsed."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def _overlaps(a: _Span, taken: Iterable[_Span]) -> bool:
    return any(a.start < t.end and t.start < a.end for t in taken)


def _entity(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim leading capitalised function words ("In", "Moreover") off a run of capitalised tokens."""
    tokens = list(re.finditer(r"\S+", text[start:end]))
    while tokens and tokens[0].group().lower().strip("’'") in _NOT_NAMES:
        tokens.pop(0)
    if not tokens:
        return None
    return start + tokens[0].start(), end


def number_spans(text: str) -> list[_Span]:
    """Quantities in a sentence, in order: digits (not years, not parts of names) and number words."""
    spans = [
        _Span("number", m.start(), m.end())
        for m in NUMBER_RE.finditer(text)
        if not YEAR_RE.fullmatch(m.group()) or "," in m.group()
    ]
    spans += [_Span("number", m.start(), m.end()) for m in NUMBER_WORD_RE.finditer(text)]
    return sorted(spans, key=lambda s: s.start)


def date_spans(text: str) -> list[_Span]:
    """Full dates ("March 4 2022", "February 2019", "March 24") first, then bare years outside them."""
    full = [_Span("date", m.start(), m.end()) for m in FULL_DATE_RE.finditer(text)]
    years = [_Span("date", m.start(), m.end()) for m in YEAR_RE.finditer(text)]
    return full + [y for y in years if not _overlaps(y, full)]


def actor_span(text: str) -> tuple[_Span, bool] | None:
    """The actor of the sentence and whether it is the subject of a verb (so "Who …?" reads right)."""
    if m := ACCORDING_RE.search(text):
        return _Span("actor", m.start(1), m.end(1)), False
    for m in ENTITY_RE.finditer(text):
        trimmed = _entity(text, m.start(), m.end())
        if trimmed is None:
            continue
        start, end = trimmed
        if ACTOR_VERB_RE.match(text, end):
            return _Span("actor", start, end), True
    return None


def cause_span(text: str) -> _Span | None:
    """The reason clause: from after the connective to the sentence's end (its full stop left out)."""
    m = CAUSE_RE.search(text)
    if m is None or m.start() < 12:
        return None
    end = len(text.rstrip().rstrip(".!?").rstrip())
    if end - m.end() < 12:  # too short to be a reason worth asking for
        return None
    return _Span("cause", m.end(), end)


def _who_prompt(text: str, span: _Span) -> str | None:
    """ "Moreover, Smith also stated that …" -> "Who also stated that …?"; None unless the actor opens the
    sentence or follows a short introductory phrase ("In 2021, …"), where "who" reads right."""
    prefix = text[: span.start].strip()
    rest = text[span.end :].lstrip(" ,").rstrip().rstrip(".!?")
    words = prefix.rstrip(",").split()
    if not prefix or " ".join(words).lower() in _INTRO_ADVERBS:
        return _clean(f"Who {rest}?")
    if prefix.endswith(",") and "," not in prefix[:-1] and len(words) <= MAX_INTRO_WORDS:
        return _clean(f"{prefix} who {rest}?")
    return None


def _cloze(text: str, span: _Span) -> str:
    return _clean(text[: span.start] + BLANK + text[span.end :])


def _cause_prompt(text: str, span: _Span) -> str:
    return "What reason does the brief give? " + _clean(f"“{text[: span.start].rstrip()} …”")


def _context(brief: Brief, passage: Passage, by_seq: dict[int, Passage], answer: str) -> str | None:
    """The previous sentence of the paragraph, when this one opens with a pronoun and it does not give away
    the answer."""
    if not _PRONOUN_START.match(passage.text):
        return None
    prev = by_seq.get(passage.seq - 1)
    if prev is None or prev.kind != "sentence" or prev.paragraph != passage.paragraph:
        return None
    if answer.lower() in prev.text.lower():
        return None
    return _clean(prev.text)


def _spans(text: str) -> Iterator[tuple[_Span, QuestionStyle, str]]:
    """Candidate (span, style, prompt) for one sentence: up to two numbers, one date, one actor, one cause."""
    taken: list[_Span] = []
    dates = date_spans(text)
    for span in dates[:1]:
        taken.append(span)
        yield span, "cloze", _cloze(text, span)
    numbers = [n for n in number_spans(text) if not _overlaps(n, dates)]
    for span in numbers[:2]:
        taken.append(span)
        yield span, "cloze", _cloze(text, span)
    cause = cause_span(text)
    if cause is not None:
        yield cause, "short_answer", _cause_prompt(text, cause)
    actor = actor_span(text)
    if actor is not None and (cause is None or not _overlaps(actor[0], [cause])):
        span, is_subject = actor
        who = _who_prompt(text, span) if is_subject else None
        if who is not None:
            yield span, "short_answer", who
        else:
            yield span, "cloze", _cloze(text, span)


def generate_questions(brief: Brief) -> list[Question]:
    """Every question the brief's cited sentences support, in reading order (the same brief, the same pool)."""
    by_seq = {p.seq: p for p in brief.passages}
    questions: list[Question] = []
    for passage in brief.passages:
        if passage.kind != "sentence" or not passage.footnotes:
            continue
        for span, style, prompt in _spans(passage.text):
            start, end = passage.start + span.start, passage.start + span.end
            answer = brief.text[start:end]
            questions.append(
                Question(
                    id=_question_id(brief, span.kind, start, end),
                    brief_id=brief.id,
                    passage_id=passage.id,
                    kind=span.kind,
                    style=style,
                    prompt=prompt,
                    answer=answer,
                    answer_start=start,
                    answer_end=end,
                    context=_context(brief, passage, by_seq, answer),
                )
            )
    return questions
