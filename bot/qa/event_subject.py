"""Whose event a date belongs to. Asked "In what year did Sun Wu die?", the sentences "Huai-nan Tzu died in 122
B.C." and "He did not survive his patron, who died in 496" date other people's deaths: the verb of the asked phase
(died, was born, was founded) is there, but its subject is someone else. A date answers only when the phase word's
clause is about the question's named subject: the name, or a pronoun standing for it, is its subject ("Sun Wu
died", "he died", "his death"), or the name follows it closely ("the death of Sun Wu", "founded the Junto").

Read from the form of English clauses only: commas and dashes end a clause, "who"/"which" open one about the
noun before them."""

from __future__ import annotations

import re

from bot.qa.answer_types import phases
from corpus.text.words import stem

_WORD = re.compile(r"[A-Za-z0-9]+")
_COMPOUND = re.compile(r"[A-Za-z0-9]+(?:[-.'’][A-Za-z0-9]+)*")  # "Huai-nan", "Law.Gov" are one word of a name
# The question's own frame words, capitalised only because they open it.
_FRAME = frozenset({"in", "on", "at", "what", "which", "when", "who", "whom", "whose", "how", "did", "was", "were"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we"})
_POSSESSIVES = frozenset({"his", "her", "its", "their", "my", "our"})
_RELATIVE = frozenset({"who", "which", "that", "whose", "whom"})
_BOUNDARY = re.compile(r"[,;:()\[\]—–]|\s-\s")
# Words after the phase word that may still name its subject ("the death of Sun Wu", "founded the Junto").
_AFTER = 5
_ANTECEDENT = 5


def subject_names(question: str) -> list[frozenset[str]]:
    """The names a question asks about, as sets of lower-case words: its runs of capitalised words (or words with
    digits) after the first word. "In what year did Sun Wu die?" -> [{sun, wu}]."""
    runs: list[list[str]] = []
    previous_end = -2
    for i, m in enumerate(_COMPOUND.finditer(question)):
        w = m.group(0)
        named = (w[0].isupper() or any(ch.isdigit() for ch in w)) and w.lower() not in _FRAME
        if i == 0 or not named:
            continue
        parts = [p.lower() for p in _WORD.findall(w)]
        if runs and question[previous_end : m.start()].strip() == "":
            runs[-1] += parts
        else:
            runs.append(parts)
        previous_end = m.end()
    return [frozenset(r) for r in runs]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _named(names: list[frozenset[str]], text: str) -> bool:
    have = _words(text)
    return any(n <= have for n in names)


def _last_words(text: str, n: int) -> str:
    return " ".join(_WORD.findall(text)[-n:])


def _about(names: list[frozenset[str]], text: str, start: int, end: int) -> bool:
    """Whether the phase word at ``text[start:end]`` is about one of the names."""
    before = text[:start]
    cut = max((m.end() for m in _BOUNDARY.finditer(before)), default=0)
    clause = before[cut:]
    words = [w.lower() for w in _WORD.findall(clause)]
    if _named(names, clause) or _named(names, " ".join(_WORD.findall(text[end:])[:_AFTER])):
        return True
    if words and words[-1] in _POSSESSIVES:
        return True  # "his death"
    if not words or words[0] in _RELATIVE:
        # "the Junto, founded in 1727", "his patron, who died": the clause is about the noun before it.
        if not cut:
            return True  # "Born in 1732, ...": the subject follows; nothing says it is another's
        return _named(names, _last_words(before[: cut - 1], _ANTECEDENT))
    return bool(_SUBJECT_PRONOUNS & set(words))


def dates_subject(question: str, phase_stems: frozenset[str], text: str) -> bool:
    """Whether the text reports the asked phase (``phase_stems``: its words' stems) of the question's named
    subject, or names no such phase at all (then other checks decide). True when the question names nothing."""
    names = subject_names(question)
    if not names or not phase_stems:
        return True
    found = False
    for m in _WORD.finditer(text):
        if stem(m.group(0).lower()) not in phase_stems:
            continue
        found = True
        if _about(names, text, m.start(), m.end()):
            return True
    return not found


def asked_phase(question_stems: frozenset[str]) -> frozenset[str]:
    """The stems of the one event phase a question asks about ("die": the end's words), or none."""
    asked = [stems for stems in phases().values() if stems & question_stems]
    return asked[0] if len(asked) == 1 else frozenset()
