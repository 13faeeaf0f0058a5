"""Audit a brief's own citations: the corpus-level checks plus two inferences that need the embedder.

- possible_miscitation: a sentence's footnote title is about something else, while a nearby footnote's title
  matches the sentence better (both cosine similarities reported). Two sentences whose footnotes fit each other
  better than their own are reported as a possible swap. Always ``suggested``: a guess, never a fact.
- likely_source: an uncited factual sentence and a footnote that nothing cites (or whose title names the same
  event or weapon) look like they belong together. Always ``suggested``, and never written into any citation's
  ``footnotes``: those come only from the parser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corpus.audit import (
    SEVERITY_ORDER,
    Finding,
    corpus_findings,
    url_date,
)
from corpus.models import Brief, Footnote, Passage
from corpus.text.dates import MONTH_NAMES, MONTHS
from corpus.text.vectors import cosine_matrix
from index.types import Embeddings
from index.views import leans_back

# A title must beat the cited one by this much (cosine) before we suggest it. Swaps need less: two sentences
# pointing at each other's footnote is much stronger evidence than one title fitting a little better.
SINGLE_MARGIN = 0.15
SWAP_MARGIN = 0.05
SINGLE_CITED_CEILING = 0.45  # a cited title this similar to its sentence is not suspicious on its own
LIKELY_SOURCE_FLOOR = 0.45
LIKELY_SOURCE_WITH_DATE = 0.35  # lower bar when the sentence's date is within days of the footnote's
NEARBY = 2  # footnote numbers this close, or cited in the same or next paragraph, are "nearby"


@dataclass(frozen=True)
class CitedGroup:
    """The sentences one marker covers: the marked sentence and the unmarked ones before it."""

    passages: tuple[Passage, ...]
    footnote: int

    @property
    def anchor(self) -> Passage:
        return self.passages[-1]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)


def cited_groups(brief: Brief) -> list[CitedGroup]:
    """One group per (marked sentence, footnote) for sentences with exactly one footnote."""
    ordered = [p for p in sorted(brief.passages, key=lambda p: p.seq) if p.kind == "sentence"]
    groups: list[CitedGroup] = []
    pending: list[Passage] = []
    for p in ordered:
        if pending and pending[-1].paragraph != p.paragraph:
            pending = []
        if not p.footnotes:
            pending = []
            continue
        if not p.direct:
            pending.append(p)
            continue
        if len(p.footnotes) == 1:
            covered = [q for q in pending if q.footnotes == p.footnotes]
            groups.append(CitedGroup((*covered, p), p.footnotes[0]))
        pending = []
    return groups


def _title(fn: Footnote) -> str:
    return fn.title or fn.raw


def _cosines(embedder: Embeddings, rows: Sequence[str], cols: Sequence[str]) -> np.ndarray:
    if not rows or not cols:
        return np.zeros((len(rows), len(cols)))
    vectors = embedder.embed_documents([*rows, *cols])
    return cosine_matrix(vectors[: len(rows)], vectors[len(rows) :])


def _nearby(a: CitedGroup, b: CitedGroup) -> bool:
    pa, pb = a.anchor.paragraph or 0, b.anchor.paragraph or 0
    return abs(a.footnote - b.footnote) <= NEARBY or abs(pa - pb) <= 1


def _snippet(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def miscitation_findings(brief: Brief, embedder: Embeddings) -> list[Finding]:
    """Sentences whose footnote title fits a nearby footnote better; swapped pairs are reported as such."""
    groups = [g for g in cited_groups(brief) if brief.footnote(g.footnote) is not None]
    numbers = sorted({g.footnote for g in groups})
    if len(numbers) < 2:
        return []
    footnotes = {n: brief.footnote(n) for n in numbers}
    sims = _cosines(embedder, [g.text for g in groups], [_title(fn) for fn in footnotes.values() if fn])
    col = {n: i for i, n in enumerate(numbers)}

    def s(i: int, n: int) -> float:
        return float(sims[i, col[n]])

    out: list[Finding] = []
    flagged: set[int] = set()
    for i, gi in enumerate(groups):
        for j in range(i + 1, len(groups)):
            gj = groups[j]
            a, b = gi.footnote, gj.footnote
            if a == b or not _nearby(gi, gj) or i in flagged or j in flagged:
                continue
            if s(i, b) > s(i, a) + SWAP_MARGIN and s(j, a) > s(j, b) + SWAP_MARGIN:
                flagged.update((i, j))
                for k, g, own, other in ((i, gi, a, b), (j, gj, b, a)):
                    out.append(_miscitation(brief, g, own, other, s(k, own), s(k, other), swap=True))
    for i, g in enumerate(groups):
        if i in flagged:
            continue
        own = g.footnote
        rivals = [h.footnote for h in groups if h.footnote != own and _nearby(g, h)]
        if not rivals or s(i, own) >= SINGLE_CITED_CEILING:
            continue
        best = max(rivals, key=lambda n: s(i, n))
        if s(i, best) > s(i, own) + SINGLE_MARGIN:
            out.append(_miscitation(brief, g, own, best, s(i, own), s(i, best), swap=False))
    return out


def _miscitation(
    brief: Brief, g: CitedGroup, own: int, other: int, own_sim: float, other_sim: float, *, swap: bool
) -> Finding:
    own_fn, other_fn = brief.footnote(own), brief.footnote(other)
    assert own_fn is not None and other_fn is not None
    tail = f" Footnotes {min(own, other)} and {max(own, other)} may be swapped." if swap else ""
    return Finding(
        code="possible_miscitation",
        severity="warning",
        message=(
            f"“{_snippet(g.anchor.text)}” cites [{own}] “{_title(own_fn)}” (similarity {own_sim:.2f}), but "
            f"[{other}] “{_title(other_fn)}” fits it better (similarity {other_sim:.2f}).{tail}"
        ),
        footnote=own,
        passage_id=g.anchor.id,
        suggested=True,
        details={
            "cited_footnote": own,
            "cited_similarity": round(own_sim, 4),
            "suggested_footnote": other,
            "suggested_similarity": round(other_sim, 4),
            "swap_with": other if swap else None,
            "paragraph": g.anchor.paragraph,
            "passage_ids": [p.id for p in g.passages],
        },
    )


# ----- likely sources for uncited sentences ----------------------------------------------------------------------
_MONTH_DAY = re.compile(rf"\b({MONTH_NAMES})\s+(\d{{1,2}})\b")
_NAMED = re.compile(r"\b[A-Z][A-Za-z]*-\d+[A-Za-z]?\b|\b(?:[A-Z][\w'-]+\s+)+(?:[Ss]ummit|[Tt]reaty|[Aa]greement)\b")


def _day_number(iso: str) -> int | None:
    parts = iso.split("-")
    if len(parts) != 3:
        return None
    y, m, d = (int(x) for x in parts)
    return y * 372 + m * 31 + d  # a monotone day index; only small differences matter


def _sentence_days(text: str, year: int | None) -> list[int]:
    if year is None:
        return []
    out = []
    for m in _MONTH_DAY.finditer(text):
        month = MONTHS[m.group(1).lower()]
        out.append(year * 372 + month * 31 + int(m.group(2)))
    return out


def _near_in_time(text: str, year: int | None, fn: Footnote) -> bool:
    days = _sentence_days(text, year)
    marks = [d for iso in (fn.date, url_date(fn.url) if fn.url else None) if iso and (d := _day_number(iso))]
    return any(abs(a - b) <= 7 for a in days for b in marks)


def _gap(brief: Brief, number: int) -> tuple[int, int]:
    """Where footnote ``number``'s marker would sit if numbering runs in reading order: between the last marker
    with a smaller number and the first with a larger one."""
    before = [off for n, off in brief.markers if n < number]
    after = [off for n, off in brief.markers if n > number]
    return (max(before) if before else 0, min(after) if after else len(brief.text))


def _context(brief: Brief, p: Passage) -> list[Passage]:
    """The sentence and the ones before it that it leans on ("It sailed …" after "… the Orion …")."""
    ordered = [q for q in sorted(brief.passages, key=lambda q: q.seq) if q.kind == "sentence"]
    idx = ordered.index(p)
    chain = [p]
    while leans_back(chain[0].text) and idx > 0 and ordered[idx - 1].paragraph == p.paragraph and len(chain) < 3:
        idx -= 1
        chain.insert(0, ordered[idx])
    return chain


def likely_source_findings(brief: Brief, embedder: Embeddings, uncited: Sequence[Finding]) -> list[Finding]:
    """For each uncited factual sentence: an orphan footnote (or one naming the same event) that fits it."""
    orphans = {w.footnote for w in brief.warnings if w.code == "orphan_footnote" and w.footnote is not None}
    passages = [p for f in uncited if f.passage_id and (p := brief.passage(f.passage_id)) is not None]
    if not passages or not brief.footnotes:
        return []
    year = int(brief.date[:4]) if brief.date and brief.date[:4].isdigit() else None
    contexts = [_context(brief, p) for p in passages]
    texts = [" ".join(q.text for q in ctx) for ctx in contexts]
    fns = list(brief.footnotes)
    sims = _cosines(embedder, texts, [_title(fn) for fn in fns])
    out: list[Finding] = []
    for i, p in enumerate(passages):
        names = {m.group(0) for m in _NAMED.finditer(texts[i])}
        best: tuple[float, Footnote, list[str]] | None = None
        for j, fn in enumerate(fns):
            sim = float(sims[i, j])
            reasons = []
            shared = sorted(n for n in names if n.lower() in _title(fn).lower())
            if shared:
                reasons.append("its title names " + ", ".join(shared))
            near = _near_in_time(texts[i], year, fn)
            if near:
                reasons.append("it is dated within a week of the sentence's date")
            orphan = fn.number in orphans
            lo, hi = _gap(brief, fn.number)
            fits = orphan and lo <= p.start < hi
            if fits:
                reasons.append("nothing in the brief cites it, and its number fits the gap where this sentence sits")
            floor = LIKELY_SOURCE_WITH_DATE if near else LIKELY_SOURCE_FLOOR
            if sim < floor or not (fits or shared):
                continue
            score = sim + 0.1 * near + 0.1 * bool(shared)
            if best is None or score > best[0]:
                best = (score, fn, reasons)
        if best is None:
            continue
        score, fn, reasons = best
        sim = float(sims[i, fns.index(fn)])
        out.append(
            Finding(
                code="likely_source",
                severity="info",
                message=(
                    f"Paragraph {p.paragraph}: “{_snippet(p.text)}” is uncited; footnote {fn.number} "
                    f"(“{_title(fn)}”) may be its source: " + "; ".join(reasons) + f" (similarity {sim:.2f})."
                ),
                footnote=fn.number,
                passage_id=p.id,
                suggested=True,
                details={
                    "similarity": round(sim, 4),
                    "paragraph": p.paragraph,
                    "reasons": reasons,
                    "context_passage_ids": [q.id for q in contexts[i]],
                },
            )
        )
    return out


def audit_brief(brief: Brief, embedder: Embeddings) -> list[Finding]:
    """Every finding for one brief: parser warnings, footnote metadata, uncited claims, and suggestions."""
    base = corpus_findings(brief)
    uncited = [f for f in base if f.code == "uncited_claim"]
    findings = [*base, *miscitation_findings(brief, embedder), *likely_source_findings(brief, embedder, uncited)]
    seq = {p.id: p.seq for p in brief.passages}

    def order(f: Finding) -> tuple[int, int, int]:
        return (SEVERITY_ORDER[f.severity], f.footnote or 0, seq.get(f.passage_id or "", -1))

    return sorted(findings, key=order)
