"""From retrieval candidates to the passages that answer: ranking, merging, abstention."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.cues import cue_bonus
from bot.retrieval import Candidate, IndexState
from corpus.models import Passage
from index.lexical import content_terms, tokenize
from index.views import leans_back

# A question about the brief's sources rather than its claims.
_SOURCE_INTENT = re.compile(
    r"\b(?:foot\s*notes?|sources?|cite[sd]?|citations?|citing|references?|referenced|bibliography|articles?)\b",
    re.IGNORECASE,
)
_FOOTNOTE_NUMBER = re.compile(
    r"\b(?:foot\s*note|note|fn|source|reference|citation)\s*(?:no\.?|number|#)?\s*(\d{1,4})\b", re.I
)


@dataclass(frozen=True, slots=True)
class Selection:
    """Adjacent passages to quote together, with the score of the best of them."""

    passages: tuple[Passage, ...]
    score: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the abstention rule looks at: the best candidate's dense and lexical evidence."""

    dense: float
    coverage: float
    explicit: bool  # the question named a footnote that exists
    sources: float = 0.0  # for a question about sources: best coverage among footnote/source passages


def explicit_footnotes(question: str) -> list[int]:
    """Footnote numbers the question names ("What is footnote 11?")."""
    return [int(m.group(1)) for m in _FOOTNOTE_NUMBER.finditer(question)]


def source_intent(question: str) -> bool:
    return bool(_SOURCE_INTENT.search(question))


def rank(candidates: Sequence[Candidate], question: str) -> list[tuple[Candidate, float]]:
    """Order candidates by a score mixing fused rank, dense similarity and term coverage; kinds by intent."""
    wants_sources = source_intent(question)
    scored = []
    for c in candidates:
        coverage = max(c.coverage, 0.85 * c.coverage_context)
        score = 30.0 * c.rrf + 0.5 * c.dense + 0.5 * coverage + 0.2 * c.phrase + cue_bonus(question, c.passage)
        if c.passage.kind in ("footnote", "source_note"):
            score += 0.15 if wants_sources else -0.25
        scored.append((c, score))
    scored.sort(key=lambda cs: -cs[1])
    return scored


def evidence(candidates: Sequence[Candidate], explicit: bool, question: str = "") -> Evidence:
    """Summarise the candidates' best dense and lexical evidence for the abstention rule."""
    if not candidates:
        return Evidence(0.0, 0.0, explicit)
    sources = 0.0
    if source_intent(question):
        sources = max((c.coverage for c in candidates if c.passage.kind in ("footnote", "source_note")), default=0.0)
    return Evidence(
        dense=max(c.dense for c in candidates),
        coverage=max(c.coverage for c in candidates),
        explicit=explicit,
        sources=sources,
    )


def should_abstain(ev: Evidence) -> bool:
    """The calibrated rule (see bench/CALIBRATION.md): too little dense *and* lexical evidence means no answer."""
    if ev.explicit or ev.sources >= 0.5:
        return False
    return ev.dense < 0.35 or (ev.coverage < 0.5 and ev.dense < 0.55)


def _new_terms(p: Passage, q_terms: set[str], have: set[str]) -> set[str]:
    return (set(tokenize(p.text)) & q_terms) - have


def _merge(state: IndexState, p: Passage, q_terms: set[str], question: str) -> tuple[Passage, ...]:
    """Join a sentence with its predecessor (or successor) when it leans on it and together they answer better:
    the neighbour adds question terms, or (for the successor) gives what the question asks for ("how far")."""
    if p.kind != "sentence":
        return (p,)
    have = set(tokenize(p.text)) & q_terms
    group = [p]
    prev = state.neighbour(p, -1)
    if (
        prev is not None
        and prev.kind == "sentence"
        and prev.paragraph == p.paragraph
        and leans_back(p.text)
        and _new_terms(prev, q_terms, have)
    ):
        group.insert(0, prev)
        return tuple(group)
    nxt = state.neighbour(p, 1)
    if (
        nxt is not None
        and nxt.kind == "sentence"
        and nxt.paragraph == p.paragraph
        and leans_back(nxt.text)
        and (
            len(_new_terms(nxt, q_terms, have)) >= max(1, len(q_terms - have) // 2)
            or cue_bonus(question, nxt) > max(0.0, cue_bonus(question, p))
        )
    ):
        group.append(nxt)
    return tuple(group)


def select(
    state: IndexState, candidates: Sequence[Candidate], question: str, top_k: int, brief_id: str | None = None
) -> list[Selection]:
    """The passages that answer, best first, adjacent sentences merged, no passage quoted twice."""
    q_terms = set(content_terms(question))
    chosen: list[Selection] = []
    used: set[str] = set()
    wanted = explicit_footnotes(question)
    for n in wanted:
        for v in state.views:
            p = v.passage
            if brief_id not in (None, p.brief_id):
                continue
            if p.kind == "footnote" and p.footnotes == (n,) and p.id not in used:
                chosen.append(Selection((p,), 1.0))
                used.add(p.id)
    for c, score in rank(candidates, question):
        if len(chosen) >= top_k:
            break
        if c.passage.id in used:
            continue
        group = tuple(p for p in _merge(state, c.passage, q_terms, question) if p.id not in used) or (c.passage,)
        chosen.append(Selection(group, score))
        used.update(p.id for p in group)
    return chosen[:top_k]


def strong(ev: Evidence) -> bool:
    """Evidence good enough that a follow-up-looking message is answered on its own terms."""
    return ev.explicit or (ev.dense >= 0.6 and ev.coverage >= 0.75)
