"""Pydantic models of the quiz endpoints (kept apart from api/schemas.py, which another module owns)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from api.schemas import CitationOut, Identifier

MAX_ANSWER_CHARS = 1000

AnswerText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_ANSWER_CHARS)]


class QuizNextRequest(BaseModel):
    """``POST /quiz/next``."""

    session_id: Identifier | None = Field(
        default=None, description="null starts a new quiz session; an id from an earlier response continues it."
    )
    brief_id: Identifier | None = Field(default=None, description="Only ask about this brief; null: the whole library.")
    chat_session_id: Identifier | None = Field(
        default=None,
        description="A chat session (POST /chat): ask about the passages its answers quoted (failing that, about "
        "the briefs they came from).",
    )

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


class ProgressOut(BaseModel):
    used: int = Field(description="Questions of the pool seen in this round, this one included.")
    pool: int = Field(description="How many questions the pool holds; none repeats until all have been asked.")
    round: int


class QuizNextResponse(BaseModel):
    session_id: str
    question: QuestionOut
    progress: ProgressOut


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


class QuizAnswerResponse(BaseModel):
    session_id: str
    question_id: str
    correct: bool
    answer: str
    expected: str = Field(description="What the brief says, verbatim.")
    feedback: str
    citation: CitationOut | None = Field(description="The verified quote that settles the question.")
    score: ScoreOut


class MistakeOut(BaseModel):
    question: QuestionOut
    answer: str
    expected: str
    citation: CitationOut | None


class MistakesOut(BaseModel):
    session_id: str
    mistakes: list[MistakeOut]
