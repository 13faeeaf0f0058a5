"""Pydantic models of ``POST /check``, ``GET /briefs/{id}/audit`` and ``GET /briefs/{id}/verify-citations``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from api.schemas import CitationOut, Identifier
from bot.inputs import claim_text
from corpus.errors import InvalidRequest

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


class CheckResponse(BaseModel):
    verdict: Literal["supported", "contradicted", "not_found"]
    confidence: float = Field(ge=0, le=1)
    citations: list[CitationOut] = Field(description="Verified quotes of the brief that decide the verdict.")
    explanation: str = Field(description="The deciding difference, e.g. 'The brief says … 1,090 km, not 2,000 km'.")
    sources: list[SourceNoteOut] = Field(default_factory=list, description="The second hop, when sources exist.")


class FindingOut(BaseModel):
    code: str = Field(description="orphan_footnote, undefined_marker, date_url_mismatch, possible_miscitation, …")
    severity: Literal["error", "warning", "info"]
    footnote: int | None
    passage_id: str | None
    message: str
    suggested: bool = Field(description="True for an inference (a guess), never a fact of the brief.")
    details: dict[str, Any] = Field(default_factory=dict)


class AuditResponse(BaseModel):
    brief_id: str
    findings: list[FindingOut]


class SourceQuoteOut(BaseModel):
    footnote: int
    file: str
    quote: str
    start: int
    end: int
    verified: bool = Field(description="The source file's text at [start:end] equals the quote.")


class CitationVerdictOut(BaseModel):
    passage_id: str
    paragraph: int | None
    sentence: str
    footnote: int
    verdict: Literal["supported", "contradicted", "source_silent", "source_not_provided"]
    quote: SourceQuoteOut | None
    explanation: str


class SourceFileOut(BaseModel):
    footnote: int
    file: str
    format: str


class VerifyCitationsResponse(BaseModel):
    brief_id: str
    sources: list[SourceFileOut]
    counts: dict[str, int]
    results: list[CitationVerdictOut]
