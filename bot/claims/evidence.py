"""Evidence for claim checking: a passage with the sentences it leans on, and what is known about a whole brief
(its vocabulary, names, topic, word weights, paragraph leads), plus cached MiniLM similarities."""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.claims.lexicon import ORGANISATION_WORDS
from bot.claims.modality import consequence, habit_frame, supposes
from bot.claims.names import document_names, head_noun, head_noun_key
from bot.claims.text import Entity, entities, entity_keys, expand_acronyms, fold_accents, tokens, word_stem
from corpus.models import Brief, Passage
from corpus.text.vectors import cosines as vector_cosines
from corpus.text.words import STOPWORDS
from index.views import leans_back, pronoun_subject

EVIDENCE_KINDS = frozenset({"sentence", "table_row"})
# A note's own prose ("The Act took effect in 1998.") is the author's statement too, quoted as the note it is;
# a bibliographic entry is what a source is called, not what the brief says (``prose_note``).
NOTE_KINDS = frozenset({"footnote"})
CLAIM_KINDS = EVIDENCE_KINDS | NOTE_KINDS

# "On March 4 2022, it fired …", "On May 5, 1935, he …": a pronoun subject after a short opening phrase (one or two
# commas) also leans on what came before.
_LATE_PRONOUN = re.compile(r"^(?:[^,]{0,40},\s*){1,2}(?:it|they|he|she)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    """A piece of evidence: the passages quoted (``focal``) and the ones before them that name the subject."""

    brief: Brief
    focal: tuple[Passage, ...]
    context: tuple[Passage, ...]
    gloss: str = ""  # what is compared instead of the quoted text (a front-matter field read as a sentence)

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
        return " ".join([label, *(p.text for p in self.context)]).strip()


# "Pakistan objected to its design": a possessive or object pronoun points back to the sentence before too.
# "… only 33 of these localities …": a partitive demonstrative counts what the sentence before named.
_BACK_REFERENCE = re.compile(r"\b(?:its|their|them)\b|\b(?:of|among)\s+(?:these|those)\b", re.IGNORECASE)
# "We granted the motion and now affirm.": a short statement in the author's own voice acts on what the
# sentences before it set out (the object of "affirm" is there, not here).
_FIRST_PERSON_OPENER = re.compile(r"^(?:we|i|our)\b", re.IGNORECASE)
FIRST_PERSON_WORDS = 12


def _leans(p: Passage) -> bool:
    short_own_voice = bool(_FIRST_PERSON_OPENER.match(p.text)) and len(p.text.split()) <= FIRST_PERSON_WORDS
    return leans_back(p.text) or short_own_voice or bool(_LATE_PRONOUN.match(p.text) or _BACK_REFERENCE.search(p.text))


# "this museum", "the company", "that treaty": a definite noun that may take up a name said before it.
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those)\s+([a-z][a-z-]{2,})\b", re.IGNORECASE)
_SPECIFIED = re.compile(r"\s+(?:of|at|in|on|near)\s+(?:the\s+)?[A-Z]")
# A paragraph that opens on "He", "She" or "They" (perhaps after a short opening phrase: "On May 5, 1935, he …")
# goes on about the person or group the one before was about.
_PERSON_PRONOUN_OPENER = re.compile(r"^(?:[^,]{0,40},\s*){0,2}(?:he|she|they)\b", re.IGNORECASE)


# "It is said to be …": a subject that stands for a thing, never for the person the sentence before names.
_THING_SUBJECT = re.compile(r"^(?:[^,]{0,40},\s*){0,2}it\b", re.IGNORECASE)
# "… by Ada Park, who …", "Mr. Lee": a name the text itself marks as a person's.
_WHO_AFTER = re.compile(r"^,?\s+who\b")
_TITLE_BEFORE = re.compile(r"\b(?:mr|mrs|ms|dr|prof|sir|lady|lord)\.?\s+$", re.IGNORECASE)


def _person(e: Entity, text: str) -> bool:
    """Whether the text marks the name as a person's: "who" after it, or a title before it."""
    return bool(_WHO_AFTER.match(text[e.end :]) or _TITLE_BEFORE.search(text[: e.start]))


def _repeats_noun(sentence: str, before: str) -> bool:
    """Whether the sentence takes up a noun of the one before with "the" or "this" ("… an old custom …" + "The
    account of the custom …"): it goes on about the same thing, so a pronoun that leans on it leans further back."""
    said = {word_stem(w) for w in re.findall(r"[a-z][a-z-]{2,}", before.lower()) if w not in STOPWORDS}
    return any(
        word_stem(m.group(1).lower()) in said and m.group(1).lower() not in STOPWORDS
        for m in _DEFINITE.finditer(sentence)
    )


def _name_nouns(text: str) -> set[str]:
    """The nouns a definite description may use for the text's names: each name's head ("Northfield Museum" ->
    "museum"); the organisation word for a name that ends in one ("Acme Company" -> "company")."""
    out: set[str] = set()
    for e in entities(text):
        words = e.text.lower().replace("-", " ").split()
        if len(words) >= 2:
            out.add(word_stem(head_noun(e.text)))
        out.update(word_stem(w) for w in words if w in ORGANISATION_WORDS)
    return out


def takes_up(sentence: str, before: str) -> bool:
    """Whether a sentence refers back to a name of the one before by a definite noun ("The museum closed in
    1975" after "Northfield Museum opened in 1839"), naming it as surely as if it repeated it."""
    nouns = _name_nouns(before)
    if not nouns:
        return False
    own = _name_nouns(sentence)
    for m in _DEFINITE.finditer(sentence):
        if _SPECIFIED.match(sentence, m.end()):
            continue  # "the museum at Kew": another one, named by where it is
        if (st := word_stem(m.group(1).lower())) in nouns and st not in own:
            return True
    return False


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


def _prose(sentence: str) -> bool:
    if _QUOTED_TITLE.match(sentence) or re.search(r"https?://", sentence):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", sentence)
    if len(words) < PROSE_NOTE_WORDS:
        return False
    content = [w for w in words[1:] if w.lower() not in STOPWORDS]
    if content and sum(w[0].isupper() for w in content) >= TITLE_CASE_SHARE * len(content):
        return False
    return sum(w.lower() in STOPWORDS for w in words) >= PROSE_NOTE_STOPWORD_SHARE * len(words)


def prose_sentences(text: str) -> list[str]:
    """The sentences of a note in the author's own prose ("The Act took effect on January 1, 1998, to …"), none
    of a note that names a source ("Lund, M. (2020). Rain and rivers. Hydrology, 58(7), 19–21.")."""
    flat = " ".join(text.split())
    if _ENTRY.search(flat):
        return []
    first = _CITES.search(flat)
    if first is not None and not any(_prose(s) for s in _split(flat[: first.start()])):
        return []  # an entry that opens on its authors and year: the rest is its title and where it appeared
    return [s for s in _split(flat) if not _CITES.search(s) and _prose(s)]


def _split(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text)


def prose_note(text: str) -> bool:
    """Whether a note says something in the author's own prose (``prose_sentences``)."""
    return bool(prose_sentences(text))


def _sentences(brief: Brief) -> list[Passage]:
    return [p for p in sorted(brief.passages, key=lambda p: p.seq) if p.kind in EVIDENCE_KINDS]


def _taken_up(ordered: list[Passage], i: int) -> list[Passage]:
    """The sentences back to the one (of the same paragraph, at most two back) whose name the sentence ``i`` takes up
    by a definite noun ("… Northfield Museum …" + "The museum closed …")."""
    passage = ordered[i]
    for back in (1, 2):
        j = i - back
        if j < 0 or ordered[j].paragraph != passage.paragraph:
            break
        if takes_up(passage.text, ordered[j].text):
            return ordered[j:i]
    return []


def _modal_frame(ordered: list[Passage], i: int, context: list[Passage]) -> list[Passage]:
    """A sentence telling what would happen leans on the supposition or past custom set out just before it (at
    most two sentences back in its paragraph): "Suppose every town had a park." + "Crime would fall.", "It was
    formerly the custom …" + "A full crew would number eight men." The context is taken back to that sentence."""
    passage = ordered[i]
    if not consequence(passage.text):
        return context
    for j in (i - 1, i - 2):
        if j < 0 or ordered[j].paragraph != passage.paragraph:
            break
        if supposes(ordered[j].text) or habit_frame(ordered[j].text):
            start = min([j, *(ordered.index(p) for p in context if p in ordered)])
            return ordered[start:i]
    return context


def _previous_paragraph(ordered: list[Passage], i: int, topic: frozenset[str]) -> list[Passage]:
    """A paragraph that opens on "He", "She" or "They" (as its subject, perhaps after a short opening phrase) leans on
    the paragraph before: its sentences back to the last that names someone (at most two)."""
    passage = ordered[i]
    if (
        i == 0
        or not _PERSON_PRONOUN_OPENER.match(passage.text.lstrip("*_\"'“‘ "))
        or ordered[i - 1].paragraph == passage.paragraph
    ):
        return []
    for j in (i - 1, i - 2):
        if j < 0 or ordered[j].paragraph != ordered[i - 1].paragraph:
            break
        if any(e.key not in topic for e in entities(ordered[j].text)):
            return ordered[j:i]
    return []


def _cut_off_head(brief: Brief, passage: Passage) -> list[Passage]:
    """The passage just before a fragment, whatever its kind or paragraph ("… Farms near the river with low" read
    as a heading above "fields, such as orchards, are at risk"): the start of the fragment's sentence."""
    if not fragment(passage):
        return []
    before = [p for p in brief.passages if p.seq < passage.seq and p.kind in EVIDENCE_KINDS | {"heading"}]
    return [max(before, key=lambda p: p.seq)] if before else []


def units_for(brief: Brief, passage: Passage) -> list[Unit]:
    """The passage with the sentences it leans on; and with the next one when that one leans on it."""
    if passage.kind in NOTE_KINDS:
        # The whole note is quoted; each of its prose sentences is compared on its own, as a body sentence is.
        return [Unit(brief, (passage,), (), sentence) for sentence in prose_sentences(passage.text)]
    if passage.kind != "sentence":
        return [Unit(brief, (passage,), ())]
    ordered = _sentences(brief)
    i = next((k for k, p in enumerate(ordered) if p.id == passage.id), None)
    if i is None:
        return []
    head = _cut_off_head(brief, passage)
    if head:
        return [Unit(brief, (passage,), tuple(head))]
    context: list[Passage] = []
    j = i
    topic = brief_profile(brief).topic
    thing = _THING_SUBJECT.match(passage.text.lstrip("*_\"'“‘ ")) is not None
    while (
        (_leans(ordered[j]) or (j < i and _repeats_noun(ordered[j].text, ordered[j - 1].text)))
        and j > 0
        and ordered[j - 1].paragraph == passage.paragraph
        and len(context) < 2
    ):
        j -= 1
        context.insert(0, ordered[j])
        if any(e.key not in topic and not (thing and _person(e, ordered[j].text)) for e in entities(ordered[j].text)):
            break  # this sentence names the subject: no need to look further back
    if not context:
        context = _taken_up(ordered, i) or _previous_paragraph(ordered, i, topic)
    context = _modal_frame(ordered, i, context)
    units = [Unit(brief, (passage,), tuple(context))]
    nxt = ordered[i + 1] if i + 1 < len(ordered) else None
    # Only a sentence that opens on a pronoun continues this one's subject ("… the Model-17 …" + "It flew …");
    # "On March 24, it tested …" starts a new event whose "it" is the brief's topic.
    if nxt is not None and nxt.paragraph == passage.paragraph and pronoun_subject(nxt.text):
        units.append(Unit(brief, (passage, ordered[i + 1]), tuple(context)))
    return units


def paragraph_before(unit: Unit) -> str:
    """The sentences of the unit's paragraph before its context and quoted text."""
    first = (unit.context or unit.focal)[0]
    if first.kind != "sentence" or first.paragraph is None:
        return ""
    return " ".join(p.text for p in _sentences(unit.brief) if p.paragraph == first.paragraph and p.seq < first.seq)


def _cased_like_body(title: str, body: str) -> str:
    """A title in capitals written as the body writes its words ("US-SOUTH AFRICA TRADE TALKS" -> "US-South
    Africa trade talks"), so names stay names and common words stay common."""

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        seen = [
            f.group(0)
            for f in re.finditer(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", body, re.IGNORECASE)
            if not f.group(0).isupper() or len(word) <= 3
        ]
        # The body's usual spelling: "South" where it writes "South Africa" more often than "south of".
        return max(dict.fromkeys(seen), key=seen.count) if seen else word.lower()

    return re.sub(r"[A-Za-z]+", one, title)


def front_matter_units(brief: Brief) -> list[Unit]:
    """The disclaimer and title as evidence for claims about the brief itself (quoted verbatim, compared as
    sentences: "The brief is about prospects of …")."""
    out = []
    body = brief.text[max((p.end for p in brief.passages if p.kind == "metadata"), default=0) :]
    for p in brief.passages:
        if p.kind != "metadata":
            continue
        if p.label == "disclaimer":
            out.append(Unit(brief, (p,), (), " ".join(p.text.strip("() ").split()) + "."))
        elif p.label == "title":
            title = _cased_like_body(" ".join(p.text.split()), body) if p.text.isupper() else p.text
            out.append(Unit(brief, (p,), (), f"The brief is about the {title[:1].lower()}{title[1:]}."))
    return out


@dataclass(frozen=True)
class Profile:
    """What claim checking needs to know about a whole brief (computed once per brief version)."""

    common: frozenset[str]  # words the brief writes in lower case: a capitalised opener among them is no name
    keys: set[str]  # every entity key the brief mentions
    lower: str  # the brief's text, lower case, acronyms expanded
    topic: frozenset[str]  # entity keys of the title: what every passage is about
    weights: dict[str, float]  # stem -> IDF over the brief's sentences and rows
    leads: dict[int, str]  # paragraph -> its opening sentence
    acronyms: dict[str, str]  # the brief's own short forms (lower case) -> long forms, from its bracketed pairs
    persons: frozenset[str]  # the people the brief names (lower-case names, first and last words)
    heads: dict[str, str]  # head noun -> the brief's only multi-word name with that head ("toolkit" -> "… toolkit")
    voice: str = ""  # the masthead, lower case: who "we" is in the brief's own sentences
    author: str = ""  # the author's names, lower case: who "I" is in the brief's own sentences


@lru_cache(maxsize=32)
def _brief_profile(brief: Brief) -> Profile:
    text = fold_accents(brief.text)
    lower_words = {w.lower() for w in re.findall(r"\b[a-z][a-z'-]+\b", text)}
    common = frozenset(lower_words | {word_stem(w) for w in lower_words})
    names = document_names(
        text, [fold_accents(a.name) for a in brief.authors] + [fold_accents(e) for e in brief.editors]
    )
    expanded = expand_acronyms(text, names.acronyms)
    passages = _sentences(brief)
    df: dict[str, int] = {}
    leads: dict[int, str] = {}
    for p in passages:
        for st in {t.stem for t in tokens(p.text) if t.stem}:
            df[st] = df.get(st, 0) + 1
        if p.kind == "sentence" and p.paragraph is not None:
            leads.setdefault(p.paragraph, p.text)
    n = max(1, len(passages))
    weights = {st: math.log(1 + n / c) for st, c in df.items()}
    weights["__unknown__"] = math.log(1 + n)
    return Profile(
        common,
        entity_keys(expanded),
        " ".join(expanded.lower().split()),
        _topic(brief, expanded, common),
        weights,
        leads,
        names.acronyms,
        names.persons,
        _heads(text, names.acronyms),
        _masthead(brief),
        fold_accents(" ".join(document_authors(brief)).lower()),
    )


# "by Ana Ruiz", "By A. B. Smith and C. Jones": a byline set above the body.
_BYLINE = re.compile(r"^\s*by\s+(?P<names>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,)){0,8})\s*$", re.UNICODE)
BYLINE_PASSAGES = 8  # the byline is among the document's first passages


def document_authors(brief: Brief) -> list[str]:
    """The names the document is written by: its metadata authors, else a "by NAME" line above its body or in its
    title. Who "I" and "my" are in its sentences."""
    if brief.authors:
        return [a.name for a in brief.authors]
    ordered = sorted(brief.passages, key=lambda p: p.seq)[:BYLINE_PASSAGES]
    for text in [brief.title or "", *(p.text for p in ordered)]:
        for line in text.splitlines():
            tail = re.search(r"(?:^|[:—–-]\s*|\s)(by\s+[A-Z].*)$", line.strip())
            m = _BYLINE.match(tail.group(1) if tail else line)
            if m:
                names = re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names"))
                return [n.strip() for n in names if len(n.split()) >= 2]
    return []


def _masthead(brief: Brief) -> str:
    """The title, organisation and authors, with the headings set above the first body sentence ("COURT OF
    APPEALS" / "FIRST CIRCUIT"), lower case: the names a document speaks as when it writes "we"."""
    ordered = sorted(brief.passages, key=lambda p: p.seq)
    first = next((p.seq for p in ordered if p.kind in EVIDENCE_KINDS), None)
    above = [p.text for p in ordered if p.kind == "heading" and (first is None or p.seq < first)]
    parts = [brief.title or "", brief.organisation or "", *(a.name for a in brief.authors), *above]
    return " ".join(" ".join(parts).lower().split())


def _heads(text: str, acronyms: dict[str, str]) -> dict[str, str]:
    """Head noun -> the only multi-word name (or acronym long form) of the text with that head."""
    found: dict[str, set[str]] = {}
    names = [e.text for e in entities(text) if len(e.text.split()) >= 2] + list(acronyms.values())
    for name in names:
        if name.isupper():
            continue
        found.setdefault(head_noun(name), set()).add(head_noun_key(name))
    return {h: next(iter(ks)) for h, ks in found.items() if len(ks) == 1 and len(h) >= 4}


def _topic(brief: Brief, expanded: str, common: frozenset[str] = frozenset()) -> frozenset[str]:
    """The names of the title that the body keeps returning to (in at least a tenth of its paragraphs): what
    every passage is about even when it does not name it."""
    paragraphs: dict[int, str] = {}
    for p in _sentences(brief):
        if p.paragraph is not None:
            paragraphs[p.paragraph] = paragraphs.get(p.paragraph, "") + " " + p.text
    if not paragraphs:
        return frozenset()
    keyed = [entity_keys(expand_acronyms(t)) for t in paragraphs.values()]
    need = max(3, len(keyed) // 10)
    title = brief.title or ""
    if title.isupper():
        title = _cased_like_body(title, brief.text)
    counts: dict[str, int] = {}
    for ks in keyed:
        for k in ks:
            if len(k) > 2 and not all(w in common or w in STOPWORDS for w in k.split()):
                counts[k] = counts.get(k, 0) + 1
    # The name the body returns to most often, if the title gives it ("Charles Dickens and Music", its paragraphs
    # full of songs and letters that never name him), is the topic too.
    most = max(counts.values(), default=0)
    return frozenset(
        k
        for k in entity_keys(title)
        if sum(k in ks for ks in keyed) >= need or (counts.get(k, 0) == most and most >= 3)
    )


def brief_profile(brief: Brief) -> Profile:
    """The brief's vocabulary, names, topic, word weights and paragraph leads (cached per brief version)."""
    return _brief_profile(brief)


_VECTORS: weakref.WeakKeyDictionary[Any, dict[str, list[float]]] = weakref.WeakKeyDictionary()
_VECTORS_MAX = 4096


def _embed_documents(embedder: Any, texts: Sequence[str]) -> list[list[float]]:
    """Evidence texts recur from claim to claim: remember their vectors per embedder (bounded)."""
    try:
        memo = _VECTORS.setdefault(embedder, {})
    except TypeError:  # an embedder that cannot be weakly referenced: no memo
        return list(embedder.embed_documents(list(texts)))
    todo = [t for t in dict.fromkeys(texts) if t not in memo]
    if todo:
        if len(memo) + len(todo) > _VECTORS_MAX:
            memo.clear()
        memo.update(zip(todo, embedder.embed_documents(todo), strict=True))
    return [memo[t] for t in texts]


def cosines(embedder: Any, claim: str, texts: Sequence[str]) -> list[float]:
    if not texts:
        return []
    query = embedder.embed_query(claim)
    return vector_cosines(query, _embed_documents(embedder, texts))
