"""Ranking by the form of what a question asks: the asked event (``bot.qa.events``), the asked measure
(``bot.qa.measures``), a cause asked as "what made X do Y", and lines that only label.

Each is a small bonus or malus added to the ranking score of ``bot.qa.answer.rank``; none of them decides an
abstention. A question is read once (``Forms.of``), then each candidate passage is scored (``Forms.bonus``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.qa import cues
from bot.qa.events import AskedEvent, asked_event, match
from bot.qa.measures import asked_measure, gives_measure, vague_amount
from bot.qa.noun_phrase import title_line
from bot.qa.query import Query
from bot.qa.question_kind import Asked
from corpus.models import Passage

# "What made him leave?", "What prompted the change?": a cause is asked, as by "why".
_WHAT_MADE = re.compile(
    r"^\W*what (?:made|makes|make|prompted|prompts|drove|drives|led|leads|caused|causes|forced|forces|persuaded|"
    r"convinced|motivated|motivates|inspired|pushed|moved)\b",
    re.I,
)
_CLOSES = (".", "!", "?", ";", ":", ",", '."', ".”", "”", '"', ")")
LABEL_MAX_WORDS = 6
_LETTERS = re.compile(r"[^\W\d_]+")
# A question about a document's title or its headings is answered by them.
_ASKS_TITLE = re.compile(r"\b(?:title[sd]?|headings?|head(?:ed|line)|called|named|entitled)\b", re.I)


@dataclass(frozen=True, slots=True)
class FormWeights:
    """How much each form moves a passage's rank (calibrated on the pooled development sets)."""

    kin_event: float = 0.1  # the asked event in other words ("stepped down" for "resign")
    other_phase: float = 0.15  # only the other end of the asked event ("promoted", asked when they resigned)
    measure: float = 0.25  # a figure of the asked measure ("km/h", asked how fast)
    vague: float = 0.1  # the asked amount only as "a certain threshold"
    made_reason: float = 0.25  # asked "what made X do Y", a causal sentence (as ``cues.CUES.reason`` for "why")
    label: float = 0.2  # a short line without a closing stop, or the document's title: it names, answers nothing


FORMS = FormWeights()


def label_line(p: Passage) -> bool:
    """Whether a passage only labels: the document's title among the front matter, a heading or list label left
    among the sentences (short, no closing stop: "You don't have Imposter Syndrome", "1. feels fast")."""
    if p.kind == "metadata":
        return p.label == "title"
    if p.kind != "sentence":
        return False
    text = p.text.strip()
    if title_line(text):
        return False  # ranked down already (``bot.qa.answer.Weights.heading_like``)
    return len(_LETTERS.findall(text)) <= LABEL_MAX_WORDS and not text.endswith(_CLOSES)


@dataclass(frozen=True, slots=True)
class Forms:
    """What the form checks read of a question, once."""

    event: AskedEvent
    measure: str
    made: bool  # "what made X do Y": a cause is asked though the question opens on "what"
    labels: bool  # labels may answer: the question is about a title, the document, or asks who or when

    @classmethod
    def of(cls, query: Query) -> Forms:
        a = query.asked
        verbs = query.verbs | {a.verb} if a.verb else query.verbs
        labels = query.about or a.who or a.kind in ("date", "name") or bool(_ASKS_TITLE.search(query.text))
        made = a.kind != "reason" and bool(_WHAT_MADE.search(query.text))
        return cls(asked_event(query.text, verbs), asked_measure(query.text), made, labels)

    def bonus(self, p: Passage, w: FormWeights = FORMS) -> float:
        text = p.text
        out = 0.0
        if self.event.families:
            m = match(self.event, text)
            out += (w.kin_event if m.kin else 0.0) - (w.other_phase if m.other_phase else 0.0)
        if self.measure:
            if gives_measure(self.measure, text):
                out += w.measure
            elif vague_amount(text):
                out -= w.vague
        if self.made and cues.has_answer(Asked("reason"), text):
            out += w.made_reason
        if not self.labels and label_line(p):
            out -= w.label
        return out
