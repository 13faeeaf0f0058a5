"""The sentences a passage leans on: the ones before it that name its subject (a pronoun, "its", a definite noun
taking up a name, a supposition a "would" follows), and the next one when that one leans on it."""

from __future__ import annotations

import re

from bot.claims.evidence import EVIDENCE_KINDS, NOTE_KINDS, Unit, fragment, note_statements, sentences
from bot.claims.lexicon import ORGANISATION_WORDS
from bot.claims.modality import consequence, habit_frame, supposes
from bot.claims.names import head_noun
from bot.claims.profile import brief_profile
from bot.claims.text.entities import Entity, entities
from bot.claims.text.tokens import word_stem
from corpus.models import Brief, Passage
from corpus.text.words import STOPWORDS
from index.views import leans_back, pronoun_subject

# "On March 4 2022, it fired …", "On May 5, 1935, he …": a pronoun subject after a short opening phrase (one or two
# commas) also leans on what came before.
_LATE_PRONOUN = re.compile(r"^(?:[^,]{0,40},\s*){1,2}(?:it|they|he|she)\b", re.IGNORECASE)


# "Pakistan objected to its design": a possessive or object pronoun points back to the sentence before too.
# "… only 33 of these localities …": a partitive demonstrative counts what the sentence before named.
_BACK_REFERENCE = re.compile(r"\b(?:its|their|them)\b|\b(?:of|among)\s+(?:these|those)\b", re.IGNORECASE)
_OBJECT_BACK = re.compile(r"^[^.;:]{3,60}?\b(?:them|their)\b", re.IGNORECASE)
# "We granted the motion and now affirm.": a short statement in the author's own voice acts on what the
# sentences before it set out (the object of "affirm" is there, not here).
_FIRST_PERSON_OPENER = re.compile(r"^(?:we|i|our)\b", re.IGNORECASE)
FIRST_PERSON_WORDS = 12


def _leans(p: Passage) -> bool:
    return _leans_text(p.text)


def _leans_text(text: str) -> bool:
    short_own_voice = bool(_FIRST_PERSON_OPENER.match(text)) and len(text.split()) <= FIRST_PERSON_WORDS
    return leans_back(text) or short_own_voice or bool(_LATE_PRONOUN.match(text) or _BACK_REFERENCE.search(text))


def _citing(brief: Brief, note: Passage) -> str:
    """The body sentence that cites a note, whose names the note's "He" or "It" stands for: the one that carries
    the note's marker ("… to the notice of Ho Lu,[2] King of Wu."), else the first that cites it."""
    numbers = set(note.footnotes)
    citing = [p for p in sentences(brief) if p.kind == "sentence" and numbers & set(p.footnotes)]
    if not numbers or not citing:
        return ""
    at = [offset for n, offset in brief.markers if n in numbers]
    marked = [p for p in citing if any(p.start <= a <= p.end + 4 for a in at)]
    return (marked or citing)[0].text


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
        # The whole note is quoted; each of its prose sentences is compared on its own, as a body sentence is, with
        # the note's sentence before it, or (a first sentence that opens on "He", "It" …) the sentence citing it.
        return [
            Unit(brief, (passage,), (), sentence, before or (_citing(brief, passage) if _leans_text(sentence) else ""))
            for sentence, before in note_statements(passage.text)
        ]
    if passage.kind != "sentence":
        return [Unit(brief, (passage,), ())]
    ordered = sentences(brief)
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
    # "On March 24, it tested …" starts a new event whose "it" is the brief's topic. One that takes up this one's
    # things by "them" or "their" ("… to bring 180 ladies …" + "Sun Tzu divided them …") says who acted on them.
    if (
        nxt is not None
        and nxt.paragraph == passage.paragraph
        and (pronoun_subject(nxt.text) or _OBJECT_BACK.search(nxt.text))
    ):
        units.append(Unit(brief, (passage, ordered[i + 1]), tuple(context)))
    return units


def paragraph_before(unit: Unit) -> str:
    """The sentences of the unit's paragraph before its context and quoted text."""
    first = (unit.context or unit.focal)[0]
    if first.kind != "sentence" or first.paragraph is None:
        return ""
    return " ".join(p.text for p in sentences(unit.brief) if p.paragraph == first.paragraph and p.seq < first.seq)
