"""One hop deeper in an answer: for each quote of the brief, what its footnotes' sources say next to it.

``source_citations`` takes an answer's verified brief citations and, for each footnote they carry whose source
is at hand (a local file or a fetched copy), the source sentence nearest to the cited quote. Each is checked
verbatim against the stored source text (``doc.text[start:end] == quote``) and carries only the footnote whose
source it is; it is never presented as the brief's words. An archived copy says so, with its date.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.audit.sources import source_index_for
from bot.types import Answer, Library
from corpus.errors import InputError
from index.sources import SourceIndex

log = logging.getLogger("citebot.sources")

SEARCH_K = 3


@dataclass(frozen=True, slots=True)
class SourceCitation:
    brief_id: str
    footnote: int
    quote: str
    start: int
    end: int
    title: str | None
    url: str | None  # the footnote's URL, or the local file's name
    archived: str | None
    archive_date: str | None
    fetched_at: str | None
    score: float
    cited_quote: str  # the brief's quote this source sentence stands behind


def source_citations(
    engine: Library, answer: Answer, top_k: int, index: SourceIndex | None = None
) -> list[SourceCitation]:
    """Up to ``top_k`` verified source quotes behind the answer's brief quotes, best match first."""
    if answer.abstained or not answer.citations:
        return []
    if index is None:
        index = source_index_for(engine)
    found: dict[tuple[str, int, int], SourceCitation] = {}
    for cit in answer.citations:
        if not cit.footnotes:
            continue
        brief = engine.brief(cit.brief_id)
        try:
            docs = index.documents(brief)
            if not any(n in docs for n in cit.footnotes):
                continue
            passages = index.passages(brief)
        except InputError as exc:  # a broken sources folder must not break answering
            log.warning("sources of %s could not be read: %s", brief.id, exc)
            continue
        query = index.embedder.embed_query(cit.quote)
        for n in cit.footnotes:
            doc = docs.get(n)
            if doc is None or doc.footnote != n:
                continue
            for p, sim in index.search(brief, n, query, passages.get(n, []), k=SEARCH_K)[:1]:
                if doc.text[p.start : p.end] != p.text:  # never served: dropped, as a brief quote would be
                    log.warning("source passage %s does not match the stored source text; dropped", p.id)
                    continue
                key = (brief.id, n, p.start)
                if key not in found or found[key].score < sim:
                    found[key] = SourceCitation(
                        brief.id,
                        n,
                        p.text,
                        p.start,
                        p.end,
                        doc.title,
                        doc.url or doc.name,
                        doc.archived,
                        doc.archive_date,
                        doc.fetched_at,
                        round(float(sim), 4),
                        cit.quote,
                    )
    return sorted(found.values(), key=lambda s: -s.score)[:top_k]


def sources_text(cites: Sequence[SourceCitation]) -> str:
    """The lines an answer adds for its source quotes; labelled as the sources' words, never the brief's."""
    if not cites:
        return ""
    lines = ["What the cited sources say:"]
    for s in cites:
        where = f"archived copy of {s.archive_date or 'unknown date'}" if s.archived else (s.url or "source")
        lines.append(f"- source of [{s.footnote}] ({where}): “{' '.join(s.quote.split())}”")
    return "\n".join(lines)
