"""What gets embedded and what gets matched lexically for each passage.

The quote served is always the passage's own verbatim text; these views only decide how a passage is *found*:
- every passage has a "self" view: its text, prefixed with a label for metadata, table rows and footnotes
  ("Editor of the brief: Edited by …") so that "Who edited the brief?" lands on it;
- a sentence also has a "context" view: its section's heading path, its paragraph's opening sentence and two
  predecessors, then itself ("Methods > Data: The station … It reports hourly."), so a sentence that leans on
  what came before ("It reports hourly" after a sentence naming the station) is found by the names it omits;
- under a question-shaped heading ("Is this meant to replace X?") the first sentences of the paragraph below carry
  the question in their own view too: that paragraph is its answer.
Headings get no view of their own: they are never quoted on their own, only found through the passages below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.models import Brief, Passage
from corpus.sections import is_question, section_paths, section_text

# Bump when what gets embedded changes: the version key of every brief changes, so it is re-embedded.
VIEWS_VERSION = 4

METADATA_LABELS = {
    "title": "Title of the brief, its subject:",
    "author": "Author of the brief, who wrote it (written by):",
    "organisation": "Organisation or institute that published the brief:",
    "editor": "Editor of the brief, who edited it:",
    "date": "Date the brief was published or written, its publication date:",
    "disclaimer": "Disclaimer of the brief about whose views it expresses:",
}

# The header fields of a memo, letter or e-mail ("To: the Board", "From: J. Smith"): a reader asks who it was addressed
# to or who sent it, words the bare line lacks.
_FIELD_LINE = re.compile(r"^(to|from|date|dated|subject|re|cc|attn|attention)\s*:\s*\S", re.IGNORECASE)
FIELD_LABELS = {
    "to": "Addressed to, the recipient of this memo or letter:",
    "attn": "Addressed to, the recipient of this memo or letter:",
    "attention": "Addressed to, the recipient of this memo or letter:",
    "from": "From, the sender who wrote this memo or letter (written by):",
    "date": "Date this memo or letter was written or sent:",
    "dated": "Date this memo or letter was written or sent:",
    "subject": "Subject of this memo or letter, what it is about:",
    "re": "Subject of this memo or letter, what it is about:",
    "cc": "Copied to, who also received this memo or letter:",
}
# A header field is a short line; a long sentence opening "To:" is prose.
FIELD_LINE_WORDS = 16

# A sentence opening with a pronoun subject is about what the previous sentence named.
_PRONOUN_SUBJECT = re.compile(r"^(?:it|its|they|their|this|these|those|he|she|his|her)\b", re.IGNORECASE)

# A sentence opening like these continues the previous one's subject (a pronoun, or a connective: "But Justice
# Douglas had no patience for ..." goes on with the case the sentence before set out).
_LEANS_BACK = re.compile(
    r"^(?:it|its|they|their|them|this|these|those|that|he|she|his|her|such|there|both|another|the two|"
    r"but|yet|and|so|still|instead|thus|indeed|"
    r"the same|the latter|the former|moreover|furthermore|also|in addition|similarly|however|therefore|lastly)\b",
    re.IGNORECASE,
)

# Sentences of the paragraph under a question-shaped heading that carry the question in their own view.
QUESTION_LEAD_SENTENCES = 2


_BRIEF_WORD = re.compile(r"\b(?:of )?the brief\b", re.IGNORECASE)


# Headings of a document's back matter, in general English: the parts after the body that thank, credit, license,
# introduce the authors or list sources. They share the body's topic words (a thanks to the people whose work the
# body discusses) without answering questions about it.
_BACK_MATTER = re.compile(
    r"^\W*(?:\d+\.?\s+)?(?:acknowledge?ments?|thanks|credits?|terms(?: of use)?|licen[cs]e|copyright|"
    r"about (?:the )?authors?|about us|authors?(?: information| contributions?| bios?| notes?)?|contributors|"
    r"funding|disclosures?|conflicts? of interest|competing interests?|references?|bibliography|works cited|"
    r"sources|further reading|external links|see also|suggested citation|how to cite|citation|notes|endnotes)"
    r"\W*$",
    re.IGNORECASE,
)
# Signs of a bibliographic entry (a URL or DOI, a year in brackets, a page or ISBN, "Retrieved", "et al.", "See
# ..."): a note without any is a prose aside by the author, evidence like body text.
_REFERENCE = re.compile(
    r"https?://|www\.|\bdoi\b|\bISBN\b|\(\d{4}[^)]{0,20}\)|\bpp?\.\s*\d|\b(?:Retrieved|Accessed|Available)\b|"
    r"\bet al\b|\bIbid\b|\bId\.|^\W*(?:See|Cf)\b|\bPress\b|\b[Vv]ol\.|\b\d{4}\.\s*$|"
    # an entry opening on its author as "Surname, N." or "Surname, Nicholas S." (a prose aside never does)
    r"^\W*[A-Z][\w'’-]+,\s+(?:[A-Z][a-z]+\s+)?(?:[A-Z]\.\s*){1,3}(?:,|\s[\"“(A-Z])",
)
# Below this many words a note is a bare reference ("Cmd. 280."), whatever its form.
PROSE_NOTE_WORDS = 8


def is_back_matter(path: tuple[str, ...]) -> bool:
    """Whether a section path lies in the back matter (under "Acknowledgements", "About the authors", ...)."""
    return any(_BACK_MATTER.match(h) for h in path)


# Sentence ends inside a note: after . ! ? (and a closing quote or bracket), before a capital.
_NOTE_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z])")
# A long note is prose when prose sentences carry at least this share of its words, the first one among them.
PROSE_NOTE_SHARE = 0.5


# A link the sentence ends on, bare or in brackets: the author's prose giving where to see what it says ("Guido
# introduced it at PyCon 2013, <http://...>."), read without it.
_TRAILING_LINK = re.compile(r"\s*[<(\[]?(?:https?://|www\.)\S+?[>)\]]?[.,;]?\s*$")
# ...unless it opens on a quoted title followed by a capitalised name: an entry ('"Study finds X," Science Daily,
# June 3, 2019, <https://...>'), whose title is lower-case words.
_QUOTED_TITLE_OPENING = re.compile(r"^\W*[\"“][^\"”]{3,}[\"”]\s*,?\s*[A-Z]")


def _prose_sentence(sentence: str) -> bool:
    """A sentence of the author's own prose: long enough, no sign of a reference, and mostly lower-case words
    (a title in Title Case is not prose). A link it ends on is left out: prose may point to where it was said."""
    without_link = _TRAILING_LINK.sub("", sentence)
    if without_link != sentence and _QUOTED_TITLE_OPENING.search(sentence):
        return False
    sentence = without_link
    words = sentence.split()
    if len(words) < PROSE_NOTE_WORDS or _REFERENCE.search(sentence):
        return False
    return sum(1 for w in words if w[:1].islower()) >= 0.5 * len(words)


def is_prose_note(text: str) -> bool:
    """Whether a note's text is the author's prose ("While X generally helps, at very high Y it can ..."), not a
    bibliographic entry. A note that argues in prose and then cites its authority ("The court ... See Rule 201;
    https://...") is prose too: its first sentence is prose and prose sentences carry most of its words."""
    if len(text.split()) >= PROSE_NOTE_WORDS and not _REFERENCE.search(text):
        return True
    sentences = _NOTE_SENTENCE_END.split(text)
    if not sentences or not _prose_sentence(sentences[0]):
        return False
    prose = sum(len(s.split()) for s in sentences if _prose_sentence(s))
    return prose >= PROSE_NOTE_SHARE * len(text.split())


@dataclass(frozen=True, slots=True)
class PassageViews:
    passage: Passage
    self_text: str  # embedded as the "s" view
    context_text: str | None  # embedded as the "c" view (sentences with a predecessor in the paragraph)
    # "body"; "back" (under a back-matter heading); "reference" (a bibliographic note); "note" (a prose note).
    role: str = "body"

    @property
    def lexical_text(self) -> str:
        """Matched by the main BM25 index and used for coverage. A metadata label's "of the brief" is left out:
        every question about the brief says "brief", and that alone must not make the front matter an answer."""
        if self.passage.kind == "metadata":
            return _BRIEF_WORD.sub(" ", self.self_text)
        return self.self_text

    @property
    def lexical_context(self) -> str:
        """Matched by the secondary (context) BM25 index."""
        return self.context_text or self.self_text


def leans_back(text: str) -> bool:
    """Whether a sentence starts by referring to the one before it."""
    return bool(_LEANS_BACK.match(text.lstrip("*_\"'“‘ ")))


def pronoun_subject(text: str) -> bool:
    """Whether a sentence starts with a pronoun standing for something named just before."""
    return bool(_PRONOUN_SUBJECT.match(text.lstrip("*_\"'“‘ ")))


def _label(brief: Brief, p: Passage) -> str:
    if p.kind == "metadata":
        return METADATA_LABELS.get(p.label or "", f"{(p.label or 'detail').capitalize()} of the brief:")
    if p.kind == "footnote":
        numbers = ", ".join(str(n) for n in p.footnotes)
        return f"Footnote {numbers}, a source cited in the brief:"
    if p.kind == "table_row":
        return f"Table {p.label or ''}:".replace("  ", " ")
    if p.kind == "source_note":
        return f"Sources of the {p.label or 'figure'} in the brief:"
    field = _FIELD_LINE.match(p.text) if p.kind == "sentence" else None
    if field and len(p.text.split()) <= FIELD_LINE_WORDS:
        return FIELD_LABELS[field.group(1).lower()]
    return ""


def passage_views(brief: Brief) -> list[PassageViews]:
    """The views of every passage of a brief except headings, in reading order."""
    ordered = sorted(brief.passages, key=lambda p: p.seq)
    sections = section_paths(ordered)
    out: list[PassageViews] = []
    paragraph: list[Passage] = []  # sentences of the current paragraph so far
    question: str | None = None  # a question-shaped heading whose answer paragraph has not been passed yet
    answer_paragraph: int | None = None
    for p in ordered:
        if p.kind == "heading":
            question, answer_paragraph = (p.text, None) if is_question(p.text) else (None, None)
            paragraph = []
            continue
        label = _label(brief, p)
        self_text = f"{label} {p.text}".strip() if label else p.text
        before: list[Passage] = []
        if p.kind != "sentence":
            paragraph = []
        elif paragraph and paragraph[-1].paragraph != p.paragraph:
            paragraph = [p]
        else:
            if paragraph:
                before = paragraph[-2:]
                if paragraph[0] not in before:
                    before = [paragraph[0], *before]
            paragraph.append(p)
        if question is not None and p.kind in ("sentence", "table_row"):
            answer_paragraph = p.paragraph if answer_paragraph is None else answer_paragraph
            if p.paragraph == answer_paragraph and len(paragraph) <= QUESTION_LEAD_SENTENCES:
                self_text = f"{question} {self_text}"
            else:
                question = None
        context = None
        path = section_text(sections.get(p.id, ()))
        if p.kind == "sentence" and (before or path):
            body = " ".join([*(b.text for b in before), p.text])
            context = f"{path}: {body}" if path else body
        role = "back" if is_back_matter(sections.get(p.id, ())) else "body"
        if p.kind in ("footnote", "source_note"):
            role = "note" if p.kind == "footnote" and is_prose_note(p.text) else "reference"
        out.append(PassageViews(p, self_text, context, role))
    return out
