"""The quiz: next question, grading, scores and the review of mistakes, over a library and a ``QuizStore``.

Each graded answer comes back with the quote that settles it: the question's sentence as a citation built and
verified against the brief exactly like an answer's (``bot.citations``), so the quiz never shows an unverified quote.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.citations import make_citation, verify_citation
from bot.quiz.generate import Question, generate_questions
from bot.quiz.grade import Grade, Similarity, grade
from bot.quiz.store import Progress, QuizStore, Score
from corpus.errors import BriefNotFound, CitationNotVerified, InvalidRequest
from corpus.models import Brief, Citation
from corpus.text.vectors import cosine


class Library(Protocol):
    """What the quiz needs of the engine."""

    def briefs(self) -> list[Brief]: ...

    def brief(self, brief_id: str) -> Brief: ...


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one brief's text: a quote the student was shown in a chat answer (its ``start``/``end``)."""

    brief_id: str
    start: int
    end: int


def drawn_from(pool: Sequence[Question], spans: Sequence[Span]) -> list[Question]:
    """The questions of ``pool`` whose answer lies inside one of ``spans``: what the student has already read."""
    return [
        q
        for q in pool
        if any(s.brief_id == q.brief_id and s.start <= q.answer_start and q.answer_end <= s.end for s in spans)
    ]


@dataclass(frozen=True, slots=True)
class Asked:
    session_id: str
    question: Question
    progress: Progress


@dataclass(frozen=True, slots=True)
class Graded:
    session_id: str
    question: Question
    answer: str
    grade: Grade
    citation: Citation | None  # None only if the brief has since been removed or changed
    score: Score


@dataclass(frozen=True, slots=True)
class Mistake:
    question: Question
    answer: str
    expected: str
    citation: Citation | None


class Quiz:
    """Questions from the library's cited sentences, graded against the brief, remembered per session."""

    def __init__(
        self,
        library: Library,
        store: QuizStore,
        *,
        similarity: Similarity | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.library = library
        self.store = store
        self.similarity = similarity
        self._rng = rng or random.Random()
        self._rng_lock = threading.Lock()
        self._pools: dict[tuple[str, str], list[Question]] = {}
        self._pool_lock = threading.Lock()

    def pool(self, brief_id: str | None = None) -> list[Question]:
        """Every question of one brief (BriefNotFound if unknown) or of the whole library."""
        briefs = [self.library.brief(brief_id)] if brief_id is not None else self.library.briefs()
        out: list[Question] = []
        for brief in briefs:
            key = (brief.id, brief.content_hash)
            with self._pool_lock:
                questions = self._pools.get(key)
                if questions is None:
                    questions = self._pools[key] = generate_questions(brief)
            out.extend(questions)
        return out

    def _choose(self, candidates: Sequence[Question]) -> Question:
        with self._rng_lock:
            return self._rng.choice(list(candidates))

    def next(
        self, session_id: str | None, brief_id: str | None = None, *, about: Sequence[Span] | None = None
    ) -> Asked:
        """The next question for the session (a new session when ``session_id`` is None).

        With ``about`` (the quotes a chat showed the student), questions come from those quotes; when none of them
        makes a question, from the briefs they were quoted from."""
        pool = self.pool(brief_id)
        if about is not None:
            if not about:
                raise InvalidRequest("there is nothing to ask about yet: this chat has not quoted any passage")
            quoted = {s.brief_id for s in about}
            pool = drawn_from(pool, about) or [q for q in pool if q.brief_id in quoted]
        if not pool:  # say so before a new session is created for nothing
            raise InvalidRequest("there is nothing to ask: no brief in the library has cited sentences to quiz on")
        if session_id is None:
            session_id = self.store.create()
        question, progress = self.store.ask_next(session_id, pool, self._choose)
        return Asked(session_id, question, progress)

    def answer(self, session_id: str, question_id: str, answer: str) -> Graded:
        """Grade the answer to a question the session was asked, and record the grade."""
        turn = self.store.open_turn(session_id, question_id)
        verdict = grade(turn.question, answer, self.similarity)
        self.store.record_answer(session_id, turn.seq, answer, verdict.correct)
        return Graded(
            session_id, turn.question, answer, verdict, self.citation(turn.question), self.store.score(session_id)
        )

    def score(self, session_id: str) -> Score:
        return self.store.score(session_id)

    def mistakes(self, session_id: str) -> list[Mistake]:
        """Questions answered wrongly, most recent first, each with the quote that settles it."""
        out = []
        for turn in reversed(self.store.turns(session_id)):
            if turn.correct is False:
                q = turn.question
                expected = grade(q, "").expected
                out.append(Mistake(q, turn.answer or "", expected, self.citation(q)))
        return out

    def citation(self, question: Question) -> Citation | None:
        """The verified citation of the question's sentence, or None if the brief no longer holds it verbatim."""
        try:
            brief = self.library.brief(question.brief_id)
        except BriefNotFound:
            return None
        passage = brief.passage(question.passage_id)
        if (
            passage is None
            or not passage.start <= question.answer_start < question.answer_end <= passage.end
            or brief.text[question.answer_start : question.answer_end] != question.answer
        ):
            return None
        try:
            return verify_citation(brief, make_citation(brief, [passage], 1.0))
        except CitationNotVerified:
            return None


def cosine_similarity(embed: Callable[[str], Sequence[float]]) -> Similarity:
    """A ``Similarity`` from a query-embedding function (e.g. ``Engine.embed_query``)."""

    def similarity(a: str, b: str) -> float:
        va, vb = embed(a), embed(b)
        return cosine(va, vb)

    return similarity
