"""Quiz mode: ``POST /quiz/next``, ``POST /quiz/answer``, ``GET /quiz/sessions/{id}/score`` and ``/mistakes``."""

from __future__ import annotations

import json
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from api.deps import EngineDep, JsonBody, SessionsDep, SettingsDep
from api.schemas import CitationOut, ErrorOut
from api.schemas_quiz import (
    MistakeOut,
    MistakesOut,
    QuestionOut,
    QuizAnswerRequest,
    QuizAnswerResponse,
    QuizNextRequest,
    QuizNextResponse,
    ScoreOut,
)
from bot.quiz.generate import Question
from bot.quiz.master import Quiz, Span, cosine_similarity
from bot.quiz.store import QUIZ_FILE, QuizStore, Score
from bot.sessions import SessionStore
from corpus.errors import BriefNotFound
from corpus.models import Citation

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
            store = quiz.store if quiz is not None else QuizStore(settings.data_dir / QUIZ_FILE)
            embed = getattr(engine, "embed_query", None)
            quiz = Quiz(engine, store, similarity=cosine_similarity(embed) if embed is not None else None)
            request.app.state.quiz = quiz
        return quiz


QuizDep = Annotated[Quiz, Depends(get_quiz)]


def _question_out(quiz: Quiz, q: Question) -> QuestionOut:
    try:
        title = quiz.library.brief(q.brief_id).title
    except BriefNotFound:
        title = None
    return QuestionOut(
        id=q.id, brief_id=q.brief_id, brief_title=title, kind=q.kind, style=q.style, prompt=q.prompt, context=q.context
    )


def _score_out(session_id: str, s: Score) -> ScoreOut:
    return ScoreOut.model_validate(
        {
            "session_id": session_id,
            "asked": s.asked,
            "answered": s.answered,
            "correct": s.correct,
            "wrong": s.wrong,
            "accuracy": round(s.correct / s.answered, 4) if s.answered else None,
            "by_kind": s.by_kind,
        }
    )


def _citation(c: Citation | None) -> dict[str, Any] | None:
    return CitationOut.of(c).model_dump(mode="json") if c is not None else None


def quoted_spans(sessions: SessionStore, chat_session_id: str) -> list[Span]:
    """Every quote the chat session's answers showed (SessionNotFound if there is no such chat)."""
    spans = []
    for turn in sessions.history(chat_session_id):
        if turn.role == "assistant" and turn.payload_json:
            for c in json.loads(turn.payload_json).get("citations", []):
                spans.append(Span(str(c["brief_id"]), int(c["start"]), int(c["end"])))
    return spans


@router.post("/next", response_model=QuizNextResponse, responses=ERRORS, dependencies=[JsonBody])
def next_question(req: QuizNextRequest, quiz: QuizDep, sessions: SessionsDep) -> QuizNextResponse:
    """A question from a cited sentence (cloze or short answer about a number, date, actor or cause); none
    repeats in a session until every question of the pool has been asked. With ``chat_session_id``, about what
    that chat quoted."""
    about = quoted_spans(sessions, req.chat_session_id) if req.chat_session_id is not None else None
    asked = quiz.next(req.session_id, req.brief_id, about=about)
    return QuizNextResponse.model_validate(
        {
            "session_id": asked.session_id,
            "question": _question_out(quiz, asked.question),
            "progress": {"used": asked.progress.used, "pool": asked.progress.pool, "round": asked.progress.round},
        }
    )


@router.post("/answer", response_model=QuizAnswerResponse, responses=ERRORS, dependencies=[JsonBody])
def answer(req: QuizAnswerRequest, quiz: QuizDep) -> QuizAnswerResponse:
    """Grade the answer against the brief and return the verdict with the quote and its footnotes."""
    graded = quiz.answer(req.session_id, req.question_id, req.answer)
    return QuizAnswerResponse.model_validate(
        {
            "session_id": graded.session_id,
            "question_id": graded.question.id,
            "correct": graded.grade.correct,
            "answer": graded.answer,
            "expected": graded.grade.expected,
            "feedback": graded.grade.feedback,
            "citation": _citation(graded.citation),
            "score": _score_out(graded.session_id, graded.score),
        }
    )


@router.get("/sessions/{session_id}/score", response_model=ScoreOut, responses={404: ERRORS[404]})
def score(session_id: str, quiz: QuizDep) -> ScoreOut:
    """The session's score: asked, answered, right and wrong, overall and per kind of question."""
    return _score_out(session_id, quiz.score(session_id))


@router.get("/sessions/{session_id}/mistakes", response_model=MistakesOut, responses={404: ERRORS[404]})
def mistakes(session_id: str, quiz: QuizDep) -> MistakesOut:
    """The questions answered wrongly, most recent first, each with the quote that settles it."""
    items = [
        MistakeOut.model_validate(
            {
                "question": _question_out(quiz, m.question),
                "answer": m.answer,
                "expected": m.expected,
                "citation": _citation(m.citation),
            }
        )
        for m in quiz.mistakes(session_id)
    ]
    return MistakesOut(session_id=session_id, mistakes=items)
