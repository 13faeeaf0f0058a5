"""Pydantic models of ``POST /check``, ``GET /briefs/{id}/audit`` and ``GET /briefs/{id}/verify-citations``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from api.schemas import CitationOut, Identifier
from bot.audit.sources import VERDICTS, CitationCheck, SourceQuote
from bot.claims.check import CheckResult, SourceNote
from bot.inputs import claim_text
from corpus.audit import Finding
from corpus.errors import InvalidRequest
from corpus.models import Brief
from index.sources import SourceIndex

MAX_CLAIM_CHARS = 1000


def _claim(value: str) -> str:
    try:
        return claim_text(value)
    except InvalidRequest as exc:
        raise ValueError(str(exc)) from None  # a 422 with the reason, like any other invalid field


ClaimText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_CLAIM_CHARS),
    AfterValidator(_claim),
]


class CheckRequest(BaseModel):
    """``POST /check``."""

    claim: ClaimText = Field(description="The claim to check, 1 to 1000 characters once surrounding spaces go.")
    brief_id: Identifier | None = Field(default=None, description="Only check against this brief; null: all.")

    model_config = {
        "extra": "forbid",
        "json_schema_extra": {"examples": [{"claim": "The programme was funded until 2026.", "brief_id": None}]},
    }


class SourceNoteOut(BaseModel):
    """What the source of a cited footnote says about the claim (when the source file was provided)."""

    footnote: int
    verdict: str = Field(description="supported | contradicted | source_silent | source_not_provided")
    quote: str | None = Field(description="Verbatim text of the source file at [start:end].")
    file: str | None
    start: int | None
    end: int | None

    @classmethod
    def of(cls, s: SourceNote) -> SourceNoteOut:
        return cls(footnote=s.footnote, verdict=s.verdict, quote=s.quote, file=s.file, start=s.start, end=s.end)


class CheckResponse(BaseModel):
    verdict: Literal["supported", "contradicted", "not_found"]
    confidence: float = Field(ge=0, le=1)
    citations: list[CitationOut] = Field(description="Verified quotes of the brief that decide the verdict.")
    explanation: str = Field(description="The deciding difference, e.g. 'The brief says … 1,090 km, not 2,000 km'.")
    sources: list[SourceNoteOut] = Field(default_factory=list, description="The second hop, when sources exist.")

    @classmethod
    def of(cls, result: CheckResult) -> CheckResponse:
        """The ``POST /check`` body (DESIGN.md), and ``citebot check --json``."""
        return cls(
            verdict=result.verdict,
            confidence=result.confidence,
            citations=[CitationOut.of(c) for c in result.citations],
            explanation=result.explanation,
            sources=[SourceNoteOut.of(s) for s in result.sources],
        )


class FindingOut(BaseModel):
    code: str = Field(description="orphan_footnote, undefined_marker, date_url_mismatch, possible_miscitation, …")
    severity: Literal["error", "warning", "info"]
    footnote: int | None
    passage_id: str | None
    message: str
    suggested: bool = Field(description="True for an inference (a guess), never a fact of the brief.")
    details: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def of(cls, f: Finding) -> FindingOut:
        """The DESIGN.md finding shape, plus ``details``."""
        return cls(
            code=f.code,
            severity=f.severity,  # type: ignore[arg-type]  # Finding.severity is one of the three
            footnote=f.footnote,
            passage_id=f.passage_id,
            message=f.message,
            suggested=f.suggested,
            details=dict(f.details),
        )


class AuditResponse(BaseModel):
    brief_id: str
    findings: list[FindingOut]

    @classmethod
    def of(cls, brief: Brief, findings: Sequence[Finding]) -> AuditResponse:
        """``GET /briefs/{id}/audit`` and ``citebot audit --json``."""
        return cls(brief_id=brief.id, findings=[FindingOut.of(f) for f in findings])


class SourceQuoteOut(BaseModel):
    footnote: int
    file: str
    quote: str
    start: int
    end: int
    verified: bool = Field(description="The source file's text at [start:end] equals the quote.")

    @classmethod
    def of(cls, q: SourceQuote) -> SourceQuoteOut:
        return cls(footnote=q.footnote, file=q.file, quote=q.quote, start=q.start, end=q.end, verified=q.verified)


class CitationVerdictOut(BaseModel):
    passage_id: str
    paragraph: int | None
    sentence: str
    footnote: int
    verdict: Literal["supported", "contradicted", "source_silent", "source_not_provided"]
    quote: SourceQuoteOut | None
    explanation: str

    @classmethod
    def of(cls, r: CitationCheck) -> CitationVerdictOut:
        return cls(
            passage_id=r.passage_id,
            paragraph=r.paragraph,
            sentence=r.sentence,
            footnote=r.footnote,
            verdict=r.verdict,  # type: ignore[arg-type]  # CitationCheck.verdict is one of VERDICTS
            quote=SourceQuoteOut.of(r.quote) if r.quote is not None else None,
            explanation=r.explanation,
        )


class SourceFileOut(BaseModel):
    footnote: int
    file: str
    format: str
    url: str | None = Field(default=None, description="The footnote's URL, for a fetched copy.")
    archived: str | None = Field(default=None, description="The archive snapshot used when the live link was dead.")


class VerifyCitationsResponse(BaseModel):
    brief_id: str
    sources: list[SourceFileOut]
    counts: dict[str, int]
    results: list[CitationVerdictOut]

    @classmethod
    def of(cls, brief: Brief, index: SourceIndex, results: Sequence[CitationCheck]) -> VerifyCitationsResponse:
        """``GET /briefs/{id}/verify-citations`` and ``citebot verify-citations --json``."""
        return cls(
            brief_id=brief.id,
            sources=[
                SourceFileOut(footnote=n, file=d.name, format=d.format, url=d.url, archived=d.archived)
                for n, d in sorted(index.documents(brief).items())
            ],
            counts={v: sum(1 for r in results if r.verdict == v) for v in VERDICTS},
            results=[CitationVerdictOut.of(r) for r in results],
        )
