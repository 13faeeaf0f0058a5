"""Pydantic models of the HTTP edge (DESIGN.md's contracts), split by use. Domain types stay dataclasses.

Each shape is defined once, here or in a sibling ``api/schemas_*.py`` (briefs and the parse contract in
``schemas_brief``), and built from the domain objects by its ``.of(...)`` constructor; the CLI's ``--json`` output
dumps the same models (``citebot ask --json`` is :class:`ChatResponse`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field, StringConstraints

from bot.audit.source_answer import SourceCitation, sources_text
from bot.inputs import clean_input
from bot.qa.render import is_uncited
from bot.types import Answer
from corpus.models import Citation, Footnote, Reference

MAX_MESSAGE_CHARS = 2000

# Format characters (zero-width spaces and the like) go first, so a message of only those is empty (422).
Message = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE_CHARS),
    BeforeValidator(lambda v: clean_input(v) if isinstance(v, str) else v),  # wraps, so it runs first
]
Identifier = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class ChatRequest(BaseModel):
    """``POST /chat`` and ``POST /chat/stream``."""

    message: Message = Field(description="The question, 1 to 2000 characters once surrounding spaces are removed.")
    session_id: Identifier | None = Field(
        default=None, description="null starts a new conversation; an id from an earlier response continues it."
    )
    brief_id: Identifier | None = Field(default=None, description="Only quote this brief; null searches them all.")
    top_k: int | None = Field(
        default=None, ge=1, le=10, strict=True, description="How many quotes at most (1-10); default 3."
    )
    sources: bool = Field(
        default=False,
        description="Also quote the cited sources (fetched or local) behind the brief's quotes, in source_citations.",
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"message": "Why did the negotiations stall?", "session_id": None, "brief_id": None, "top_k": 3}
            ]
        }
    }


class SourceOut(BaseModel):
    """A footnote (``number`` set) or a table's "Sources:" entry (``number`` null) behind a quote."""

    number: int | None
    title: str | None
    publisher: str | None
    date: str | None
    url: str | None

    @classmethod
    def of(cls, src: Footnote | Reference) -> SourceOut:
        number = src.number if isinstance(src, Footnote) else None
        return cls(number=number, title=src.title, publisher=src.publisher, date=src.date, url=src.url)


class CitationOut(BaseModel):
    """A verified verbatim quote: ``brief.text[start:end] == quote`` and the brief's own footnote numbers."""

    quote: str
    footnotes: list[int]
    sources: list[SourceOut]
    brief_id: str
    start: int
    end: int
    kind: str
    score: float
    verified: bool
    uncited: bool = Field(description='True for a body sentence the brief gives no footnote ("uncited in the brief").')

    @classmethod
    def of(cls, c: Citation) -> CitationOut:
        """The DESIGN.md citation shape plus ``uncited``."""
        return cls(
            quote=c.quote,
            footnotes=list(c.footnotes),
            sources=[SourceOut.of(s) for s in c.sources],
            brief_id=c.brief_id,
            start=c.start,
            end=c.end,
            kind=c.kind,
            score=round(float(c.score), 4),
            verified=c.verified,
            uncited=is_uncited(c),
        )


class SourceCitationOut(BaseModel):
    """A sentence of a footnote's source (never the brief's words): ``source_text[start:end] == quote``."""

    brief_id: str
    footnote: int = Field(description="The footnote whose source this is.")
    quote: str
    start: int
    end: int
    title: str | None
    url: str | None
    archived: str | None = Field(description="The archive snapshot URL when the live link was dead, else null.")
    archive_date: str | None
    fetched_at: str | None
    score: float
    verified: bool

    @classmethod
    def of(cls, s: SourceCitation) -> SourceCitationOut:
        return cls(
            brief_id=s.brief_id,
            footnote=s.footnote,
            quote=s.quote,
            start=s.start,
            end=s.end,
            title=s.title,
            url=s.url,
            archived=s.archived,
            archive_date=s.archive_date,
            fetched_at=s.fetched_at,
            score=s.score,
            verified=True,  # bot.audit.source_answer keeps only sentences whose offsets give back the quote
        )


class ChatResponse(BaseModel):
    session_id: str | None = Field(description="null only from `citebot ask --json`, which keeps no session.")
    abstained: bool
    answer: str
    citations: list[CitationOut]
    source_citations: list[SourceCitationOut] = Field(
        default_factory=list, description='With "sources": true, what the cited footnotes\' sources say.'
    )

    @classmethod
    def of(
        cls, answer: Answer, session_id: str | None = None, sources: Sequence[SourceCitation] | None = None
    ) -> ChatResponse:
        """The ``POST /chat`` body (and ``citebot ask --json``). ``sources`` is given only when they were asked
        for: it is then set (and shown, even empty), and the answer text ends with what the sources say."""
        out = cls(
            session_id=session_id,
            abstained=answer.abstained,
            answer=answer.text,
            citations=[CitationOut.of(c) for c in answer.citations],
        )
        if sources is not None:
            out.source_citations = [SourceCitationOut.of(s) for s in sources]
            if sources:
                out.answer = f"{out.answer}\n\n{sources_text(sources)}"
        return out


class TurnOut(BaseModel):
    role: str
    text: str
    created_at: float
    response: ChatResponse | None = Field(default=None, description="The full answer, on assistant turns.")


class SessionOut(BaseModel):
    session_id: str
    turns: list[TurnOut]


class CheckOut(BaseModel):
    status: str = Field(description='"ok", or "unavailable" (the reason is in ``detail``).')
    latency_ms: float = Field(description="Round trip of the probe, in milliseconds.")
    kind: str = Field(description='Vector store: "server" (a `chroma run`) or "embedded"; database: its engine.')
    detail: str | None = None


class HealthOut(BaseModel):
    status: str = Field(description='"ready", or "starting" / "unavailable" with HTTP 503.')
    detail: str | None = None
    worker: int | None = Field(None, description="The process id of the worker that answered.")
    checks: dict[str, CheckOut] | None = Field(
        None, description='"vector_store" and "database", each probed with one round trip.'
    )
    briefs: int | None = None
    passages: int | None = None
    footnotes: int | None = None
    vectors: int | None = None
    sessions: int | None = None
    store: str | None = None
    load_seconds: float | None = None
    metrics: dict[str, int] | None = None


class ErrorOut(BaseModel):
    detail: str
    code: str | None = None
