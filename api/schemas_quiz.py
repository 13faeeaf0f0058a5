"""Pydantic models of the quiz endpoints, each built from the quiz's domain objects by its ``.of(...)``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from api.schemas import CitationOut, Identifier
from bot.quiz.generate import Question
from bot.quiz.master import Asked, Graded, Mistake
from bot.quiz.store import Progress, Score
from corpus.models import Citation

MAX_ANSWER_CHARS = 1000

AnswerText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_ANSWER_CHARS)]


class QuizNextRequest(BaseModel):
    """``POST /quiz/next``."""

    session_id: Identifier | None = Field(
        default=None, description="null starts a new quiz session; an id from an earlier response continues it."
    )
    brief_id: Identifier | None = Field(default=None, description="Only ask about this brief; null: the whole library.")

    model_config = {"json_schema_extra": {"examples": [{"session_id": None, "brief_id": None}]}}


class QuestionOut(BaseModel):
    """A question; its answer is not included."""

    id: str
    brief_id: str
    brief_title: str | None
    kind: Literal["number", "date", "actor", "cause"]
    style: Literal["cloze", "short_answer"]
    prompt: str = Field(description='The question, or the sentence with "_____" where the answer goes.')
    context: str | None = Field(default=None, description="The sentence before, when the question opens with 'it'.")

    @classmethod
    def of(cls, q: Question, brief_title: str | None) -> QuestionOut:
        return cls(
            id=q.id,
            brief_id=q.brief_id,
            brief_title=brief_title,
            kind=q.kind,
            style=q.style,
            prompt=q.prompt,
            context=q.context,
        )


class ProgressOut(BaseModel):
    used: int = Field(description="Questions of the pool seen in this round, this one included.")
    pool: int = Field(description="How many questions the pool holds; none repeats until all have been asked.")
    round: int

    @classmethod
    def of(cls, p: Progress) -> ProgressOut:
        return cls(used=p.used, pool=p.pool, round=p.round)


class QuizNextResponse(BaseModel):
    session_id: str
    question: QuestionOut
    progress: ProgressOut

    @classmethod
    def of(cls, asked: Asked, brief_title: str | None) -> QuizNextResponse:
        return cls(
            session_id=asked.session_id,
            question=QuestionOut.of(asked.question, brief_title),
            progress=ProgressOut.of(asked.progress),
        )


class QuizAnswerRequest(BaseModel):
    """``POST /quiz/answer``."""

    session_id: Identifier
    question_id: Identifier
    answer: AnswerText = Field(description="The answer, up to 1000 characters; an empty answer is graded wrong.")

    model_config = {
        "json_schema_extra": {"examples": [{"session_id": "quiz-…", "question_id": "q-…", "answer": "10,400"}]}
    }


class KindScoreOut(BaseModel):
    answered: int
    correct: int


class ScoreOut(BaseModel):
    session_id: str
    asked: int
    answered: int
    correct: int
    wrong: int
    accuracy: float | None = Field(description="correct / answered, or null before the first answer.")
    by_kind: dict[str, KindScoreOut]

    @classmethod
    def of(cls, session_id: str, s: Score) -> ScoreOut:
        return cls(
            session_id=session_id,
            asked=s.asked,
            answered=s.answered,
            correct=s.correct,
            wrong=s.wrong,
            accuracy=round(s.correct / s.answered, 4) if s.answered else None,
            by_kind={kind: KindScoreOut.model_validate(tally) for kind, tally in s.by_kind.items()},
        )


def _citation(c: Citation | None) -> CitationOut | None:
    return CitationOut.of(c) if c is not None else None


class QuizAnswerResponse(BaseModel):
    session_id: str
    question_id: str
    correct: bool
    answer: str
    expected: str = Field(description="What the brief says, verbatim.")
    feedback: str
    citation: CitationOut | None = Field(description="The verified quote that settles the question.")
    score: ScoreOut

    @classmethod
    def of(cls, graded: Graded) -> QuizAnswerResponse:
        return cls(
            session_id=graded.session_id,
            question_id=graded.question.id,
            correct=graded.grade.correct,
            answer=graded.answer,
            expected=graded.grade.expected,
            feedback=graded.grade.feedback,
            citation=_citation(graded.citation),
            score=ScoreOut.of(graded.session_id, graded.score),
        )


class MistakeOut(BaseModel):
    question: QuestionOut
    answer: str
    expected: str
    citation: CitationOut | None

    @classmethod
    def of(cls, m: Mistake, brief_title: str | None) -> MistakeOut:
        return cls(
            question=QuestionOut.of(m.question, brief_title),
            answer=m.answer,
            expected=m.expected,
            citation=_citation(m.citation),
        )


class MistakesOut(BaseModel):
    session_id: str
    mistakes: list[MistakeOut]
