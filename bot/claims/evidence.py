"""What counts as evidence: the passage kinds compared with claims, the ``Unit`` quoted (a passage with the
sentences it leans on), the ``Evidence`` texts a claim is compared with, and which notes are the author's prose."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from corpus.models import Brief, Passage
from corpus.text.words import STOPWORDS

EVIDENCE_KINDS = frozenset({"sentence", "table_row"})
# A note's own prose ("The Act took effect in 1998.") is the author's statement too, quoted as the note it is;
# a bibliographic entry is what a source is called, not what the brief says (``prose_sentences``).
NOTE_KINDS = frozenset({"footnote"})
CLAIM_KINDS = EVIDENCE_KINDS | NOTE_KINDS


@dataclass(frozen=True)
class Unit:
    """A piece of evidence: the passages quoted (``focal``) and the ones before them that name the subject."""

    brief: Brief
    focal: tuple[Passage, ...]
    context: tuple[Passage, ...]
    gloss: str = ""  # what is compared instead of the quoted text (a front-matter field read as a sentence)
    lean: str = ""  # text the gloss leans on but the quote leaves out (a note sentence's sentence before it)

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.focal)

    @property
    def statement(self) -> str:
        """The text the claim is compared with: the gloss when there is one, else the quoted text."""
        return self.gloss or self.text

    @property
    def context_text(self) -> str:
        label = self.focal[0].label if self.focal[0].kind == "table_row" and self.focal[0].label else ""
        return " ".join([label, self.lean, *(p.text for p in self.context)]).strip()


def fragment(p: Passage) -> bool:
    """A sentence that opens in lower case ("fields, such as …") is the tail of one a layout break cut off."""
    first = p.text.lstrip("*_\"'“‘ ([")[:1]
    return first.isalpha() and first.islower()


# Marks of a bibliographic entry: a DOI, an ISBN, "Retrieved from", "Accessed on", a volume and issue
# ("58(7)"). A note with one is a reference entry, whatever its title says.
_ENTRY = re.compile(r"\bdoi\b|\bISBN\b|\bretrieved\s+from\b|\baccessed\s+(?:on\b|\d)|\b\d+\(\d+\)", re.IGNORECASE)
# Marks of a citation: "(2020)", "(2021 October 14)", "pp. 12". A note that opens on one (its authors, then the
# year) is a reference entry; elsewhere one marks a sentence that cites ("See Smith v. Jones, 12 F.3d 4 (1999).")
# rather than one that states.
_CITES = re.compile(r"\(\d{4}[a-z]?(?:[),;]|\s+[A-Z][a-z]+)|\bpp?\.\s*\d")
_QUOTED_TITLE = re.compile(r"^[\"“'‘].*[\"”'’][.,]?$")
PROSE_NOTE_WORDS = 8  # a sentence this long, mostly of common words, is prose rather than a title or a reference
PROSE_NOTE_STOPWORD_SHARE = 0.2
TITLE_CASE_SHARE = 0.6  # a sentence whose content words are mostly capitalised is a title ("A Guide to …")


# "He reigned from 514 to 496 B.C.": a short note whose subject is a pronoun and then a verb states a fact.
_PRONOUN_STATEMENT = re.compile(r"^(?:he|she|they|it)\s+[a-z]+(?:\s+\S+){2,}", re.IGNORECASE)


def _prose(sentence: str) -> bool:
    if _QUOTED_TITLE.match(sentence) or re.search(r"https?://", sentence):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", sentence)
    if len(words) < PROSE_NOTE_WORDS:
        return _PRONOUN_STATEMENT.match(sentence) is not None
    content = [w for w in words[1:] if w.lower() not in STOPWORDS]
    if content and sum(w[0].isupper() for w in content) >= TITLE_CASE_SHARE * len(content):
        return False
    return sum(w.lower() in STOPWORDS for w in words) >= PROSE_NOTE_STOPWORD_SHARE * len(words)


# "See Card and Riddell (1993) for …", "Cf. …": a note that opens by pointing to a source goes on in prose.
_SIGNAL = re.compile(r"^(?:see(?:\s+also)?|cf\.|compare|for\s+(?:a|an|the|more)\b)", re.IGNORECASE)


def prose_sentences(text: str) -> list[str]:
    """The sentences of a note in the author's own prose ("The Act took effect on January 1, 1998, to …"), none
    of a note that names a source ("Lund, M. (2020). Rain and rivers. Hydrology, 58(7), 19–21.")."""
    return [s for s, _ in note_statements(text)]


def note_statements(text: str) -> list[tuple[str, str]]:
    """Each prose sentence of a note (``prose_sentences``) with the note's sentence before it ("" for the first):
    what "both countries" or "this" in it refers to."""
    flat = " ".join(text.split())
    if _ENTRY.search(flat):
        return []
    first = _CITES.search(flat)
    if first is not None and not _SIGNAL.match(flat) and not any(_prose(s) for s in _split(flat[: first.start()])):
        return []  # an entry that opens on its authors and year: the rest is its title and where it appeared
    parts = _split(flat)
    return [(s, parts[k - 1] if k else "") for k, s in enumerate(parts) if not _CITES.search(s) and _prose(s)]


def _split(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text)


def sentences(brief: Brief) -> list[Passage]:
    """The brief's sentences and table rows, in reading order."""
    return [p for p in sorted(brief.passages, key=lambda p: p.seq) if p.kind in EVIDENCE_KINDS]


@dataclass(frozen=True)
class Evidence:
    """What a claim is compared with. ``text`` is quoted; ``context`` (the sentences it leans on) resolves what it
    refers to; ``lead`` (its paragraph's opening sentence) may name the subject of claims without numbers."""

    text: str
    context: str = ""
    implied: frozenset[str] = frozenset()  # entity keys every passage is about (the brief's title topic)
    lead: str = ""
    common: frozenset[str] = frozenset()  # words the brief writes in lower case (not names)
    weights: Mapping[str, float] = field(default_factory=dict)  # stem -> informativeness (IDF) in the brief
    acronyms: Mapping[str, str] = field(default_factory=dict)  # the brief's own short forms -> long forms
    persons: frozenset[str] = frozenset()  # the people the brief names (``bot.claims.names``)
    heads: Mapping[str, str] = field(default_factory=dict)  # head noun -> the brief's only long name with it
    voice: str = ""  # the brief's masthead, lower case: who "we" is in its own sentences (``bot.check_evidence``)
    author: str = ""  # the author's names, lower case: who "I" and "my" are in its own sentences
    earlier: str = ""  # the paragraph's sentences before the quoted text and its context

    @property
    def full(self) -> str:
        return f"{self.context} {self.text}".strip()
