"""From retrieval candidates to the passages that answer: ranking and merging. The evidence the abstention rule
(``bot.qa.abstain``) judges is gathered in ``bot.qa.evidence`` and re-exported here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.qa.abstain import ABSTAIN, AbstainRule, Evidence, confidence, should_abstain
from bot.qa.adjacent import close_neighbour, pair_answerer
from bot.qa.cues import cue_bonus, has_answer
from bot.qa.details import shares_numbers
from bot.qa.echo import raises_only
from bot.qa.evidence import _cited_coverage as _cited_coverage
from bot.qa.evidence import evidence as evidence
from bot.qa.forms import Forms
from bot.qa.index_state import IndexState
from bot.qa.named import named_passages
from bot.qa.noun_phrase import title_line
from bot.qa.purpose import states_purpose
from bot.qa.query import Query
from bot.qa.question_kind import Asked
from bot.qa.retrieval import Candidate
from bot.qa.support import CONTEXT_DISCOUNT, leaned_on
from bot.qa.support import support as _support
from corpus.models import Passage
from index.lexical import tokenize
from index.views import leans_back, pronoun_subject


@dataclass(frozen=True, slots=True)
class Selection:
    """Adjacent passages to quote together, with the score of the best of them. ``cited``: those whose footnotes
    the citation carries, the ones that answer (empty: all); a neighbour quoted for its subject is not cited."""

    passages: tuple[Passage, ...]
    score: float
    cited: tuple[Passage, ...] = ()


__all__ = ["ABSTAIN", "AbstainRule", "Evidence", "confidence", "evidence", "named_passages", "should_abstain"]


@dataclass(frozen=True, slots=True)
class Weights:
    """How the ranking score mixes the evidence (calibrated on dev and held-out questions: bench/heldout.jsonl)."""

    rrf: float = 5.0
    dense_self: float = 0.4
    dense_context: float = 0.7
    coverage: float = 0.3
    context_discount: float = CONTEXT_DISCOUNT  # a term found only in a sentence's context counts for less
    phrase: float = 0.2
    sources_bonus: float = 0.15
    sources_malus: float = 0.25
    note_malus: float = 0.0  # a prose note by the author (not a reference entry): an aside, still evidence
    back_matter: float = 0.2  # under an "Acknowledgements" / "About the authors" / "Credits" heading
    near_anchor: float = 0.25  # follow-ups: near the passage that answered the previous turn
    same_event: float = 0.08  # the question's verb is in the passage ("how long does X last" / "lasts one year")
    heading_like: float = 0.2  # a title line among the sentences (in capitals, or short in title case, no stop)
    purpose: float = 0.15  # asked what for, the passage states an aim ("to buy time, they ..."), not a cause
    same_number: float = 0.1  # the passage names the question's numbers ("when he was fifteen")
    raises_only: float = 0.2  # the document's own question, or a lead-in ending on a colon (``bot.qa.echo``)


WEIGHTS = Weights()


def _near(p: Passage, anchor: Sequence[Passage]) -> float:
    """How closely a passage follows on from the anchor: 1 for the next sentence when it carries on with a
    pronoun ("It flew …"), 0.6 within two sentences, 0.3 elsewhere in the paragraph, else 0."""
    best = 0.0
    for a in anchor:
        if a.brief_id != p.brief_id or a.id == p.id or a.paragraph is None or a.paragraph != p.paragraph:
            continue
        if p.seq == a.seq + 1 and pronoun_subject(p.text):
            best = max(best, 1.0)
        else:
            best = max(best, 0.6 if abs(a.seq - p.seq) <= 2 else 0.3)
    return best


def rank(
    candidates: Sequence[Candidate], query: Query, anchor: Sequence[Passage] = (), w: Weights = WEIGHTS
) -> list[tuple[Candidate, float]]:
    """Order candidates by a score mixing fused rank, dense similarity and term coverage; kinds by intent.

    ``anchor``: for a follow-up, the passages that answered the previous turn; their neighbours rank higher.
    """
    wants_sources, a, purpose, numbers = query.sources, query.asked, query.purpose, query.numbers
    verbs = query.verbs | {a.verb} if a.verb else query.verbs  # "which statute governs": "governs" is its verb
    forms = Forms.of(query)
    scored = []
    for c in candidates:
        coverage = max(c.coverage, w.context_discount * c.coverage_context)
        dense = max(w.dense_self * c.dense_self, w.dense_context * c.dense_context)
        score = w.rrf * c.rrf + dense + w.coverage * coverage + w.phrase * c.phrase + cue_bonus(a, c.passage)
        score += forms.bonus(c.passage)  # the asked event, measure or cause; a line that only labels
        if c.passage.kind in ("footnote", "source_note"):
            score += w.sources_bonus if wants_sources else -(w.note_malus if c.role == "note" else w.sources_malus)
        elif c.role == "back":
            score -= w.back_matter
        elif c.passage.kind == "sentence" and title_line(c.passage.text):
            score -= w.heading_like  # a title line read as a sentence: it names a topic, answers nothing
        elif c.passage.kind == "sentence" and raises_only(query.text, c.passage.text):
            score -= w.raises_only  # it asks or announces; what follows it answers
        if anchor:
            score += w.near_anchor * _near(c.passage, anchor)
        if verbs and verbs & set(tokenize(c.passage.text)):
            score += w.same_event  # the passage reports the asked action, not only its subject
        if purpose and states_purpose(c.passage.text) and not (a.kind == "reason" and has_answer(a, c.passage.text)):
            score += w.purpose  # (a causal "because" already has the cue's reason bonus)
        if shares_numbers(numbers, c.passage.text):
            score += w.same_number
        scored.append((c, score))
    scored.sort(key=lambda cs: -cs[1])
    return scored


def _new_terms(p: Passage, q_terms: set[str], have: set[str]) -> set[str]:
    return (set(tokenize(p.text)) & q_terms) - have


def _merge(
    state: IndexState, p: Passage, q_terms: set[str], a: Asked
) -> tuple[tuple[Passage, ...], tuple[Passage, ...]]:
    """Join a sentence with its predecessor (or successor) when it leans on it and together they answer better:
    the neighbour adds question terms, or (for the successor) gives what the question asks for ("how far").

    Returns the passages to quote and those that answer (whose footnotes are cited): the sentence itself, and a
    successor instead when it, not the sentence, holds what the question asks for. A neighbour that only adds
    words (the subject a pronoun stands for, a detail) is context, not the answer's source."""
    if p.kind != "sentence":
        return (p,), (p,)
    have = set(tokenize(p.text)) & q_terms
    group = [p]
    taken_up = leaned_on(state, p)
    if taken_up is not None and a.kind and has_answer(a, taken_up.text) and not has_answer(a, p.text):
        return (taken_up, p), (taken_up, p)  # what is asked for ("when") is in the sentence this one takes up
    prev = state.neighbour(p, -1)
    if (
        prev is not None
        and prev.kind == "sentence"
        and prev.paragraph == p.paragraph
        and leans_back(p.text)
        and _new_terms(prev, q_terms, have)
    ):
        group.insert(0, prev)
        return tuple(group), (p,)
    nxt = state.neighbour(p, 1)
    if nxt is not None and nxt.kind == "sentence" and nxt.paragraph == p.paragraph and pronoun_subject(nxt.text):
        typed = cue_bonus(a, nxt) > max(0.0, cue_bonus(a, p))
        if typed or len(_new_terms(nxt, q_terms, have)) >= max(1, len(q_terms - have) // 2):
            return (p, nxt), ((nxt,) if typed else (p,))
    return tuple(group), (p,)


def _answering(merged: Sequence[Passage], by_id: dict[str, Candidate], a: Asked) -> tuple[Passage, ...]:
    """Of two merged sentences that were both retrieved, the one that answers: the only one holding an answer of
    the asked type ("why": a reason), else the one whose own words and meaning are clearly closer to the question
    (a sentence ranked through its context, the one before it, may be only the answer's successor), else both."""
    found = [c for c in (by_id.get(p.id) for p in merged) if c is not None]
    if len(merged) < 2 or len(found) < len(merged):
        return ()
    typed = [c for c in found if has_answer(a, c.passage.text)]
    if a.kind and len(typed) == 1:
        return (typed[0].passage,)
    ranked = sorted(found, key=lambda c: -_support(c)[0])
    if _support(ranked[0])[0] < CLEARLY_CLOSER * _support(ranked[1])[0]:
        return tuple(p for p in merged)  # no clear answerer: both sentences' sources are cited
    return (ranked[0].passage,)


# How much closer to the question (own-text support) one of two merged sentences must be to be cited alone.
CLEARLY_CLOSER = 1.3


def select(
    state: IndexState,
    candidates: Sequence[Candidate],
    query: Query,
    top_k: int,
    brief_id: str | None = None,
    anchor: Sequence[Passage] = (),
    w: Weights = WEIGHTS,
) -> list[Selection]:
    """The passages that answer, best first, adjacent sentences merged, no passage quoted twice."""
    q_terms = set(query.terms)
    by_id = {c.passage.id: c for c in candidates}
    chosen: list[Selection] = []
    used: set[str] = set()
    for p in named_passages(state, query, brief_id):
        if p.id not in used:
            chosen.append(Selection((p,), 1.0))
            used.add(p.id)
    ranked = rank(candidates, query, anchor, w)
    scores = {c.passage.id: score for c, score in ranked}
    for c, score in ranked:
        if len(chosen) >= top_k:
            break
        if c.passage.id in used:
            continue
        merged, cited = _merge(state, c.passage, q_terms, query.asked)
        pair = close_neighbour(state, c.passage, score, scores, used) if len(merged) == 1 else None
        if pair is not None:  # its neighbour ranks as high: one states the subject, the other the fact
            merged = tuple(sorted((c.passage, pair), key=lambda p: p.seq))
            cited = pair_answerer(query, [by_id[p.id] for p in merged], lambda x: _support(x)[0])
        else:
            cited = _answering(merged, by_id, query.asked) or cited
        group = tuple(p for p in merged if p.id not in used) or (c.passage,)
        chosen.append(Selection(group, score, tuple(p for p in cited if p in group)))
        used.update(p.id for p in group)
    return chosen[:top_k]


def strong(ev: Evidence) -> bool:
    """Evidence good enough that a follow-up-looking message is answered on its own terms."""
    return ev.explicit or (ev.joint >= 0.7 and ev.unknown == 0)
