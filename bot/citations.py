"""Building and verifying citations: nothing leaves citebot unless it matches the parsed brief exactly."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

from corpus.errors import CitationNotVerified
from corpus.models import Brief, Citation, Footnote, Passage, Reference


def _union(passages: Sequence[Passage]) -> tuple[int, ...]:
    seen: dict[int, None] = {}
    for p in passages:
        for n in p.footnotes:
            seen.setdefault(n, None)
    return tuple(seen)


def _sources(brief: Brief, passages: Sequence[Passage], footnotes: Sequence[int]) -> tuple[Footnote | Reference, ...]:
    """The Footnote objects for the numbers, or a table row's / source note's own "Sources:" entries."""
    out: list[Footnote | Reference] = []
    for n in footnotes:
        fn = brief.footnote(n)
        if fn is not None:
            out.append(fn)
    for p in passages:
        for ref in p.references:
            if ref not in out:
                out.append(ref)
    return tuple(out)


def make_citation(
    brief: Brief, passages: Sequence[Passage], score: float, cited: Sequence[Passage] | None = None
) -> Citation:
    """A citation from one passage or several adjacent ones (quote = the brief's text from first to last).

    ``cited``: the quoted passages that answer (default: all). A neighbour quoted only to give the answer its
    subject ("This myth ..." before "It was ...") lends the quote its words, not its footnotes."""
    if not passages:
        raise ValueError("a citation needs at least one passage")
    ordered = sorted(passages, key=lambda p: p.seq)
    first, last = ordered[0], ordered[-1]
    answering = [p for p in ordered if cited is None or any(p.id == c.id for c in cited)] or ordered
    footnotes = _union(answering)
    kinds = {p.kind for p in ordered}
    return Citation(
        quote=brief.text[first.start : last.end],
        footnotes=footnotes,
        sources=_sources(brief, answering, footnotes),
        brief_id=brief.id,
        start=first.start,
        end=last.end,
        kind=first.kind if len(kinds) == 1 else "sentence",
        score=float(score),
        verified=False,
        passage_ids=tuple(p.id for p in ordered),
        direct=any(p.direct for p in answering),
    )


def _fail(reason: str) -> CitationNotVerified:
    return CitationNotVerified(reason)


def verify_citation(brief: Brief, c: Citation) -> Citation:
    """Return ``c`` with verified=True, or raise CitationNotVerified.

    Checks: the brief id; ``brief.text[start:end] == quote``; the quote spans exactly its passages, which are
    adjacent in reading order; footnotes equal the union of the parsed footnotes of those passages, or of some of
    them (the ones that answer); sources are exactly the brief's footnotes for those numbers (plus table sources).
    """
    if c.brief_id != brief.id:
        raise _fail(f"citation names brief {c.brief_id!r}, checked against {brief.id!r}")
    if not (0 <= c.start < c.end <= len(brief.text)):
        raise _fail(f"offsets {c.start}:{c.end} are outside the brief")
    if brief.text[c.start : c.end] != c.quote:
        raise _fail(f"quote is not the brief's text at {c.start}:{c.end}")
    if c.passage_ids:
        passages = []
        for pid in c.passage_ids:
            p = brief.passage(pid)
            if p is None:
                raise _fail(f"unknown passage {pid!r}")
            passages.append(p)
    else:
        passages = [p for p in brief.passages if p.start >= c.start and p.end <= c.end and p.kind != "metadata"]
        passages = passages or [p for p in brief.passages if p.start == c.start and p.end == c.end]
    passages.sort(key=lambda p: p.seq)
    if not passages:
        raise _fail("the quote matches no passage")
    seqs = [p.seq for p in passages]
    if seqs != list(range(seqs[0], seqs[0] + len(seqs))):
        raise _fail("the quoted passages are not adjacent")
    if passages[0].start != c.start or passages[-1].end != c.end:
        raise _fail("the quote does not span exactly its passages")
    if any(brief.text[p.start : p.end] != p.text for p in passages):
        raise _fail("a passage no longer matches the brief's text")
    subsets = [passages] + [
        list(s) for n in range(len(passages) - 1, 0, -1) for s in itertools.combinations(passages, n)
    ]
    cited = [s for s in subsets if _union(s) == tuple(c.footnotes)]
    if not cited:
        raise _fail(f"footnotes {list(c.footnotes)} differ from the parsed {list(_union(passages))}")
    if not any(tuple(c.sources) == _sources(brief, s, c.footnotes) for s in cited):
        raise _fail("sources differ from the brief's footnotes")
    return dataclasses.replace(c, verified=True)
