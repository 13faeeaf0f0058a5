"""Pydantic models of a brief at the HTTP edge and in ``citebot parse --json``: the library's listing
(``GET /briefs``), one brief (``GET /briefs/{id}``), its footnotes, and DESIGN.md's parse contract (:class:`ParseOut`).

Each is built from the corpus's domain objects by its ``.of(...)`` constructor. This module imports only ``corpus``
and pydantic, so ``citebot parse`` loads no retrieval or answering code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

from corpus.models import Brief, Footnote, ParseWarning, Passage, Reference
from corpus.sections import section_paths


class WarningOut(BaseModel):
    """Something the parser noticed in the document (the brief is still usable)."""

    code: str = Field(description="orphan_footnote | undefined_marker | duplicate_footnote | out_of_order_footnote")
    footnote: int | None
    message: str

    @classmethod
    def of(cls, w: ParseWarning) -> WarningOut:
        return cls(code=w.code, footnote=w.footnote, message=w.message)


class AuthorOut(BaseModel):
    name: str
    role: str | None


class BriefCounts(BaseModel):
    passages: int
    sentences: int
    footnotes: int
    warnings: int


class BriefSummaryOut(BaseModel):
    """A brief as ``GET /briefs`` (and ``citebot briefs --json``) lists it."""

    id: str
    title: str | None
    date: str | None
    authors: list[AuthorOut]
    organisation: str | None
    format: str
    counts: BriefCounts

    @classmethod
    def of(cls, brief: Brief) -> BriefSummaryOut:
        return cls(**_summary_fields(brief))


def _summary_fields(brief: Brief) -> dict[str, Any]:
    return {
        "id": brief.id,
        "title": brief.title,
        "date": brief.date,
        "authors": [AuthorOut(name=a.name, role=a.role) for a in brief.authors],
        "organisation": brief.organisation,
        "format": brief.format,
        "counts": BriefCounts(
            passages=len(brief.passages),
            sentences=sum(1 for p in brief.passages if p.kind == "sentence"),
            footnotes=len(brief.footnotes),
            warnings=len(brief.warnings),
        ),
    }


class BriefDetailOut(BriefSummaryOut):
    editors: list[str]
    disclaimer: str | None
    content_hash: str
    warnings: list[WarningOut]
    text: str

    @classmethod
    def of(cls, brief: Brief) -> BriefDetailOut:
        return cls(
            **_summary_fields(brief),
            editors=list(brief.editors),
            disclaimer=brief.disclaimer,
            content_hash=brief.content_hash,
            warnings=[WarningOut.of(w) for w in brief.warnings],
            text=brief.text,
        )


class ReferenceOut(BaseModel):
    """A footnote (``number`` set) or a table's "Sources:" entry (``number`` null), every parsed field."""

    number: int | None
    title: str | None
    publisher: str | None
    date: str | None
    date_raw: str | None = Field(description="The date as the note writes it; ``date`` is its ISO form.")
    url: str | None
    raw: str = Field(description="The whole note as written.")

    @classmethod
    def of(cls, ref: Footnote | Reference) -> ReferenceOut:
        return cls(**_reference_fields(ref))


def _reference_fields(ref: Footnote | Reference) -> dict[str, Any]:
    return {
        "number": ref.number if isinstance(ref, Footnote) else None,
        "title": ref.title,
        "publisher": ref.publisher,
        "date": ref.date,
        "date_raw": ref.date_raw,
        "url": ref.url,
        "raw": ref.raw,
    }


class FootnoteOut(ReferenceOut):
    number: int
    cited: int = Field(description="How many times the brief's text carries this footnote's marker (0: orphan).")

    @classmethod
    def of_cited(cls, footnote: Footnote, cited: int) -> FootnoteOut:
        return cls(**_reference_fields(footnote), cited=cited)


class FootnotesOut(BaseModel):
    brief_id: str
    footnotes: list[FootnoteOut]


def _empty(value: object) -> bool:
    return not value


class PassageOut(BaseModel):
    """A citable passage: ``brief.text[start:end] == text``. The optional keys appear only when they hold something."""

    id: str
    kind: str = Field(description="sentence | table_row | metadata | source_note | footnote | heading")
    text: str
    start: int
    end: int
    paragraph: int | None = Field(description="0 for metadata, 1.. for body blocks, null for footnote entries.")
    footnotes: list[int] = Field(description="The footnotes the citation span rule gives it ([]: uncited).")
    direct: bool = Field(description="True when the passage carries the markers itself, false when it is covered.")
    label: str | None = Field(default=None, exclude_if=_empty, description="A table row's or metadata line's label.")
    sources: list[ReferenceOut] = Field(
        default_factory=list, exclude_if=_empty, description="A table row's entries of its table's Sources: line."
    )
    section: list[str] = Field(
        default_factory=list, exclude_if=_empty, description="The headings above the passage, outermost first."
    )

    @classmethod
    def of(cls, p: Passage, section: Sequence[str] = ()) -> PassageOut:
        return cls(
            id=p.id,
            kind=p.kind,
            text=p.text,
            start=p.start,
            end=p.end,
            paragraph=p.paragraph,
            footnotes=list(p.footnotes),
            direct=p.direct,
            label=p.label,
            sources=[ReferenceOut.of(r) for r in p.references],
            section=list(section),
        )


class BriefMetaOut(BaseModel):
    """A brief's metadata and canonical text, the text every passage's offsets point into."""

    id: str
    title: str | None
    authors: list[AuthorOut]
    editors: list[str]
    organisation: str | None
    date: str | None
    disclaimer: str | None
    format: str
    content_hash: str
    text: str

    @classmethod
    def of(cls, brief: Brief) -> BriefMetaOut:
        return cls(
            id=brief.id,
            title=brief.title,
            authors=[AuthorOut(name=a.name, role=a.role) for a in brief.authors],
            editors=list(brief.editors),
            organisation=brief.organisation,
            date=brief.date,
            disclaimer=brief.disclaimer,
            format=brief.format,
            content_hash=brief.content_hash,
            text=brief.text,
        )


class ParseOut(BaseModel):
    """``citebot parse --json`` (DESIGN.md's parse contract): brief, footnotes, passages, warnings."""

    brief: BriefMetaOut
    footnotes: list[ReferenceOut]
    passages: list[PassageOut]
    warnings: list[WarningOut]

    @classmethod
    def of(cls, brief: Brief) -> ParseOut:
        sections = section_paths(brief.passages)
        return cls(
            brief=BriefMetaOut.of(brief),
            footnotes=[ReferenceOut.of(f) for f in brief.footnotes],
            passages=[PassageOut.of(p, sections.get(p.id, ())) for p in brief.passages],
            warnings=[WarningOut.of(w) for w in brief.warnings],
        )
