"""The second hop: does a footnote's own source say what the brief cites it for?

For every cited sentence of a brief and each of its footnotes: ``supported`` / ``contradicted`` (the source says
so / says otherwise, with the deciding source quote), ``source_silent`` (the source is there but does not address
the sentence; the closest source sentence is shown) or ``source_not_provided`` (no file for that footnote).
The comparison is the one claim checking uses (``bot.claims.compare``), with the brief's sentence as the claim.
Source quotes are verbatim: ``document.text[start:end] == quote`` is checked before anything is returned.
"""

from __future__ import annotations

import dataclasses
import logging
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.claims.check import CheckResult, SourceNote, check_claim
from bot.claims.claim import Claim
from bot.claims.compare import compare
from bot.claims.evidence import Evidence
from bot.claims.judgement import Judgement
from bot.claims.profile import brief_profile
from bot.types import Library
from corpus.errors import InputError
from corpus.models import Brief, Passage
from corpus.text.vectors import cosines
from index.sources import SourceDocument, SourceIndex, SourcePassage
from index.views import leans_back

log = logging.getLogger("citebot.sources")

VERDICTS = ("supported", "contradicted", "source_silent", "source_not_provided")
SEARCH_K = 8
MEASURED_ROLE = 1.0  # role overlap (see bot.claims.quantities.role) for a measurement mismatch to count on its own


@dataclass(frozen=True)
class SourceQuote:
    footnote: int
    file: str
    quote: str
    start: int
    end: int
    verified: bool


@dataclass(frozen=True)
class CitationCheck:
    """One cited sentence of the brief against the source of one of its footnotes."""

    passage_id: str
    paragraph: int | None
    sentence: str
    footnote: int
    verdict: str
    quote: SourceQuote | None
    explanation: str


def _quote(doc: SourceDocument, passages: Sequence[SourcePassage]) -> SourceQuote:
    start, end = passages[0].start, passages[-1].end
    text = doc.text[start:end]
    return SourceQuote(
        doc.footnote, doc.name, text, start, end, verified=all(doc.text[p.start : p.end] == p.text for p in passages)
    )


def _units(
    passages: Sequence[SourcePassage], hits: Sequence[SourcePassage]
) -> list[tuple[tuple[SourcePassage, ...], str]]:
    """Each hit alone (with the sentence before as context when it leans back), and with the next sentence."""
    by_seq = {p.seq: p for p in passages}
    out: list[tuple[tuple[SourcePassage, ...], str]] = []
    seen: set[tuple[int, ...]] = set()
    for p in hits:
        prev = by_seq.get(p.seq - 1)
        context = prev.text if prev is not None and leans_back(p.text) else ""
        for focal in ((p,), (p, by_seq[p.seq + 1]) if p.seq + 1 in by_seq else ()):
            key = tuple(x.seq for x in focal)
            if focal and key not in seen:
                seen.add(key)
                out.append((tuple(focal), context))
    return out


def _cos(embedder: Any, query: str, texts: Sequence[str]) -> list[float]:
    if not texts:
        return []
    q = embedder.embed_query(query)
    return cosines(q, embedder.embed_documents(list(texts)))


def judge_against_source(
    text: str, brief: Brief, doc: SourceDocument, passages: Sequence[SourcePassage], index: SourceIndex
) -> tuple[str, SourceQuote | None, Judgement | None]:
    """Compare a statement (a brief's sentence, or a claim) with one source: verdict, deciding quote, judgement."""
    if not passages:
        return "source_silent", None, None
    prof = brief_profile(brief)
    query = index.embedder.embed_query(text)
    hits = [p for p, _ in index.search(brief, doc.footnote, query, passages, k=SEARCH_K)]
    units = _units(passages, hits)
    sims = _cos(index.embedder, text, [" ".join(p.text for p in focal) for focal, _ in units])
    claim = Claim.parse(text, common=prof.common)
    lead = passages[0].text  # a source's first block is usually its headline: it names the subject
    judged = []
    for (focal, context), sim in zip(units, sims, strict=True):
        ev = Evidence(" ".join(p.text for p in focal), context, prof.topic, lead, prof.common, prof.weights)
        judged.append((compare(claim, ev, sim), focal, sim))
    for outcome, verdict in (("supported", "supported"), ("contradicted", "contradicted")):
        found = [
            (j, f) for j, f, _ in judged if j.outcome == outcome or (outcome == "contradicted" and _measured_clash(j))
        ]
        if found:
            j, focal = max(found, key=lambda jf: jf[0].score)
            return verdict, _quote(doc, focal), j
    j, focal, _ = max(judged, key=lambda x: x[2])
    return "source_silent", _quote(doc, focal), j


def _measured_clash(j: Judgement) -> bool:
    """A brief sentence often holds several facts and its source only some: a measurement the source gives for
    the same thing (same unit, same role words) but with another value contradicts, whatever else is missing."""
    q = j.mismatch
    return (
        q is not None
        and not q.claim.is_date
        and q.strength >= MEASURED_ROLE
        and (j.coverage >= 0.2 or j.similarity >= 0.5)
    )


def _cited_sentences(brief: Brief) -> list[Passage]:
    return [p for p in sorted(brief.passages, key=lambda p: p.seq) if p.kind == "sentence" and p.footnotes]


def _explain(verdict: str, footnote: int, quote: SourceQuote | None, doc: SourceDocument | None) -> str:
    if verdict == "source_not_provided":
        return f"No source file was provided or fetched for footnote {footnote}."
    assert doc is not None
    said = f"“{' '.join(quote.quote.split())}”" if quote else ""
    if verdict == "supported":
        return f"The source of [{footnote}] ({doc.label}) says so: {said}"
    if verdict == "contradicted":
        return f"The source of [{footnote}] ({doc.label}) says otherwise: {said}"
    tail = f" The closest it comes: {said}" if said else ""
    return f"The source of [{footnote}] ({doc.label}) does not address this sentence.{tail}"


def verify_citations(brief: Brief, index: SourceIndex) -> list[CitationCheck]:
    """Every cited sentence of the brief against each of its footnotes' sources."""
    passages_by_fn = index.passages(brief)
    docs = index.documents(brief)
    out = []
    for p in _cited_sentences(brief):
        for n in p.footnotes:
            doc = docs.get(n)
            if doc is None:
                out.append(
                    CitationCheck(
                        p.id,
                        p.paragraph,
                        p.text,
                        n,
                        "source_not_provided",
                        None,
                        _explain("source_not_provided", n, None, None),
                    )
                )
                continue
            verdict, quote, _ = judge_against_source(p.text, brief, doc, passages_by_fn.get(n, []), index)
            out.append(CitationCheck(p.id, p.paragraph, p.text, n, verdict, quote, _explain(verdict, n, quote, doc)))
    return out


# ----- /check with the second hop --------------------------------------------------------------------------------
_INDEXES: weakref.WeakKeyDictionary[Any, SourceIndex] = weakref.WeakKeyDictionary()


def source_index_for(engine: Library) -> SourceIndex:
    """One SourceIndex per engine (same settings and embedder), made on first use."""
    index = _INDEXES.get(engine)
    if index is None:
        index = _INDEXES[engine] = SourceIndex(engine.settings, engine.embedder)
    return index


def check_with_sources(
    engine: Library, claim: str, brief_id: str | None = None, *, index: SourceIndex | None = None
) -> CheckResult:
    """``check_claim``, then for the deciding citation's footnotes: what each footnote's source says."""
    result = check_claim(engine, claim, brief_id)
    if not result.citations or result.verdict == "not_found":
        return result
    first = result.citations[0]
    if not first.footnotes:
        return result
    index = index or source_index_for(engine)
    brief = engine.brief(first.brief_id)
    try:
        docs = index.documents(brief)
        if not any(n in docs for n in first.footnotes):
            return result
        passages = index.passages(brief)
    except InputError as exc:
        # A broken sources folder must not break claim checking: answer from the brief alone.
        log.warning("sources of %s could not be read: %s", brief.id, exc)
        return result
    notes = []
    lines = []
    for n in first.footnotes:
        doc = docs.get(n)
        if doc is None:
            notes.append(SourceNote(n, "source_not_provided", None, None, None, None))
            continue
        verdict, quote, _ = judge_against_source(claim, brief, doc, passages.get(n, []), index)
        notes.append(
            SourceNote(
                n,
                verdict,
                quote.quote if quote else None,
                doc.name,
                quote.start if quote else None,
                quote.end if quote else None,
            )
        )
        said = f"“{' '.join(quote.quote.split())}”" if quote else "nothing on this"
        meaning = {"supported": "which supports the claim", "contradicted": "which contradicts the claim"}.get(
            verdict, "which does not address the claim"
        )
        archived = f" ({doc.label})" if doc.archived else ""  # an archived copy always says so, and its date
        lines.append(f"the source of [{n}]{archived} says {said}, {meaning}")
    brief_says = (
        f"The brief says “{' '.join(first.quote.split())}” citing [{', '.join(str(n) for n in first.footnotes)}]"
    )
    explanation = result.explanation + (f" {brief_says}; " + "; ".join(lines) + "." if lines else "")
    return dataclasses.replace(result, sources=tuple(notes), explanation=explanation)
