"""Text renderings of answers, made from verified citations, never the reverse (the JSON shapes are api.schemas')."""

from __future__ import annotations

from collections.abc import Sequence

from bot.types import Answer
from corpus.models import Citation, Footnote, Reference

ABSTAIN_TEXT = "The brief does not address this question, so there is nothing to quote."
UNCITED = "uncited in the brief"


def is_uncited(c: Citation) -> bool:
    """A body sentence the brief gives no footnote (shown as "uncited in the brief")."""
    return not c.footnotes and c.kind == "sentence"


def marker(c: Citation) -> str:
    """How a citation is referenced after its quote: [11], [2, 3], (uncited in the brief) or (Sources: …)."""
    if c.footnotes:
        return "[" + ", ".join(str(n) for n in c.footnotes) + "]"
    if c.sources:
        names = "; ".join(s.publisher or s.title or s.raw for s in c.sources)
        return f"(Sources: {names})"
    if c.kind == "metadata":
        return "(from the brief's front matter)"
    return f"({UNCITED})"


def answer_text(citations: Sequence[Citation]) -> str:
    """The quotes, best first, each followed by its footnote numbers."""
    return "\n".join(f"“{c.quote}” {marker(c)}" for c in citations)


def _source_line(src: Footnote | Reference) -> str:
    parts = [f"“{src.title}”" if src.title else None, src.publisher, src.date, src.url]
    body = ", ".join(p for p in parts if p) or src.raw
    return f"[{src.number}] {body}" if isinstance(src, Footnote) else f"- {body}"


def answer_readable(answer: Answer) -> str:
    """A plain-text rendering for people: numbered quotes with markers, then the sources behind them."""
    if answer.abstained:
        return answer.text
    lines: list[str] = []
    sources: list[Footnote | Reference] = []
    for i, c in enumerate(answer.citations, 1):
        lines.append(f"{i}. “{c.quote}” {marker(c)}")
        sources.extend(s for s in c.sources if s not in sources)
    if sources:
        lines += ["", "Sources:"]
        lines += [f"  {_source_line(s)}" for s in sources]
    return "\n".join(lines)
