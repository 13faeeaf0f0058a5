"""Quiz mode: ``POST /quiz/next``, ``POST /quiz/answer``, ``GET /quiz/sessions/{id}/score`` and ``/mistakes``."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from api.deps import EngineDep, JsonBody, SettingsDep
from api.schemas import ErrorOut
from api.schemas_quiz import (
    MistakeOut,
    MistakesOut,
    QuizAnswerRequest,
    QuizAnswerResponse,
    QuizNextRequest,
    QuizNextResponse,
    ScoreOut,
)
from bot.quiz.generate import Question
from bot.quiz.master import Quiz, cosine_similarity
from bot.quiz.store import QuizStore
from corpus.errors import BriefNotFound
from index.db import open_database

router = APIRouter(prefix="/quiz", tags=["quiz"])

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown quiz session or brief"},
    415: {"model": ErrorOut, "description": "The body is not JSON"},
    422: {"model": ErrorOut, "description": "Invalid request (e.g. a question not asked in this session)"},
    503: {"model": ErrorOut, "description": "The index is still loading"},
}
_LOCK = threading.Lock()


def get_quiz(request: Request, engine: EngineDep, settings: SettingsDep) -> Quiz:
    """One Quiz per app and engine (it caches question pools), with its store under the data dir."""
    with _LOCK:
        quiz: Quiz | None = getattr(request.app.state, "quiz", None)
        if quiz is None or quiz.library is not engine:
            store = quiz.store if quiz is not None else QuizStore(open_database(settings))
            embed = getattr(engine, "embed_query", None)
            quiz = Quiz(engine, store, similarity=cosine_similarity(embed) if embed is not None else None)
            request.app.state.quiz = quiz
        return quiz


QuizDep = Annotated[Quiz, Depends(get_quiz)]


def _title(quiz: Quiz, q: Question) -> str | None:
    """The title of the question's brief (None once the brief has been removed)."""
    try:
        return quiz.library.brief(q.brief_id).title
    except BriefNotFound:
        return None


@router.post("/next", response_model=QuizNextResponse, responses=ERRORS, dependencies=[JsonBody])
def next_question(req: QuizNextRequest, quiz: QuizDep) -> QuizNextResponse:
    """A question from a cited sentence (cloze or short answer about a number, date, actor or cause); none
    repeats in a session until every question of the pool has been asked."""
    asked = quiz.next(req.session_id, req.brief_id)
    return QuizNextResponse.of(asked, _title(quiz, asked.question))


@router.post("/answer", response_model=QuizAnswerResponse, responses=ERRORS, dependencies=[JsonBody])
def answer(req: QuizAnswerRequest, quiz: QuizDep) -> QuizAnswerResponse:
    """Grade the answer against the brief and return the verdict with the quote and its footnotes."""
    return QuizAnswerResponse.of(quiz.answer(req.session_id, req.question_id, req.answer))


@router.get("/sessions/{session_id}/score", response_model=ScoreOut, responses={404: ERRORS[404]})
def score(session_id: str, quiz: QuizDep) -> ScoreOut:
    """The session's score: asked, answered, right and wrong, overall and per kind of question."""
    return ScoreOut.of(session_id, quiz.score(session_id))


@router.get("/sessions/{session_id}/mistakes", response_model=MistakesOut, responses={404: ERRORS[404]})
def mistakes(session_id: str, quiz: QuizDep) -> MistakesOut:
    """The questions answered wrongly, most recent first, each with the quote that settles it."""
    items = [MistakeOut.of(m, _title(quiz, m.question)) for m in quiz.mistakes(session_id)]
    return MistakesOut(session_id=session_id, mistakes=items)
