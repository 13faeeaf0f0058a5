"""The JSON shapes of DESIGN.md for parsed briefs, shared by the CLI and the API."""

from __future__ import annotations

from typing import Any

from corpus.models import Brief, Footnote, ParseWarning, Passage, Reference
from corpus.sections import section_paths


def reference_json(ref: Footnote | Reference) -> dict[str, Any]:
    return {
        "number": ref.number if isinstance(ref, Footnote) else None,
        "title": ref.title,
        "publisher": ref.publisher,
        "date": ref.date,
        "date_raw": ref.date_raw,
        "url": ref.url,
        "raw": ref.raw,
    }


def passage_json(p: Passage, section: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": p.id,
        "kind": p.kind,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "paragraph": p.paragraph,
        "footnotes": list(p.footnotes),
        "direct": p.direct,
    }
    if p.label:
        out["label"] = p.label
    if p.references:
        out["sources"] = [reference_json(r) for r in p.references]
    if section:
        out["section"] = list(section)  # the headings above the passage, outermost first
    return out


def warning_json(w: ParseWarning) -> dict[str, Any]:
    return {"code": w.code, "footnote": w.footnote, "message": w.message}


def brief_meta_json(brief: Brief, *, with_text: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": brief.id,
        "title": brief.title,
        "authors": [{"name": a.name, "role": a.role} for a in brief.authors],
        "editors": list(brief.editors),
        "organisation": brief.organisation,
        "date": brief.date,
        "disclaimer": brief.disclaimer,
        "format": brief.format,
        "content_hash": brief.content_hash,
    }
    if with_text:
        out["text"] = brief.text
    return out


def brief_json(brief: Brief) -> dict[str, Any]:
    """``citebot parse --json``: brief, footnotes, passages, warnings."""
    sections = section_paths(brief.passages)
    return {
        "brief": brief_meta_json(brief),
        "footnotes": [reference_json(f) for f in brief.footnotes],
        "passages": [passage_json(p, sections.get(p.id, ())) for p in brief.passages],
        "warnings": [warning_json(w) for w in brief.warnings],
    }


def brief_summary(brief: Brief) -> str:
    """A readable summary for people."""
    kinds: dict[str, int] = {}
    for p in brief.passages:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    paragraphs = len({p.paragraph for p in brief.passages if p.kind == "sentence"})
    headings = [p for p in brief.passages if p.kind == "heading"]
    authors = ", ".join(f"{a.name} ({a.role})" if a.role else a.name for a in brief.authors) or "-"
    lines = [
        f"{brief.title or '(untitled)'}",
        f"  id:           {brief.id}",
        f"  authors:      {authors}",
        f"  editors:      {', '.join(brief.editors) or '-'}",
        f"  organisation: {brief.organisation or '-'}",
        f"  date:         {brief.date or '-'}",
        f"  format:       {brief.format}",
        f"  paragraphs:   {paragraphs}",
        f"  passages:     {len(brief.passages)} (" + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + ")",
        f"  footnotes:    {len(brief.footnotes)}",
    ]
    if headings:
        lines.append(
            "  headings:     " + " | ".join(p.text for p in headings[:12]) + (" | …" if len(headings) > 12 else "")
        )
    if brief.warnings:
        lines.append(f"  warnings:     {len(brief.warnings)}")
        lines.extend(f"    - [{w.code}] {w.message}" for w in brief.warnings)
    else:
        lines.append("  warnings:     none")
    return "\n".join(lines)
