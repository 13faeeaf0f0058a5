"""Fact-check a claim against the indexed briefs: retrieve evidence, compare, decide, explain, cite.

Verdicts: ``supported`` (a passage says the same thing, perhaps in other words or number formats),
``contradicted`` (a passage about the same subject says otherwise: a number, a name, a comparison, a negation),
``not_found`` (the briefs never mention the subject, or say nothing that decides the claim). Every citation is a
verified quote of the brief with the brief's own footnotes; nothing inferred is ever put in ``footnotes``.
"""

from __future__ import annotations

import logging
import math
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from bot.check_text import ALIASES, Entity, entities, entity_keys, expand_acronyms, mentions, tokens
from bot.compare import Claim, Evidence, Judgement, comparable, compare, entity_kind
from bot.numbers import Quantity, agrees, extract_quantities, lemma, render
from bot.render import citation_json, marker
from bot.verify import make_citation, verify_citation
from corpus.errors import CitationNotVerified, InvalidRequest
from corpus.models import Brief, Citation, Passage
from index.lexical import STOPWORDS
from index.views import leans_back, pronoun_subject

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger("citebot.check")

Verdict = Literal["supported", "contradicted", "not_found"]
MAX_CLAIM_CHARS = 1000
EVIDENCE_KINDS = frozenset({"sentence", "table_row"})
RETRIEVE_K = 12

# "On March 4 2022, it fired …": a pronoun subject after a short opening phrase also leans on what came before.
_LATE_PRONOUN = re.compile(r"^[^,]{0,40},\s*(?:it|they|he|she)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceNote:
    """What a cited footnote's own source says about the claim (the second hop); filled by ``bot.sources``."""

    footnote: int
    verdict: str
    quote: str | None
    file: str | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class CheckResult:
    verdict: Verdict
    confidence: float
    citations: tuple[Citation, ...]
    explanation: str
    sources: tuple[SourceNote, ...] = field(default=())


@dataclass(frozen=True)
class Unit:
    """A piece of evidence: the passages quoted (``focal``) and the ones before them that name the subject."""

    brief: Brief
    focal: tuple[Passage, ...]
    context: tuple[Passage, ...]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.focal)

    @property
    def context_text(self) -> str:
        label = self.focal[0].label if self.focal[0].kind == "table_row" and self.focal[0].label else ""
        return " ".join([label, *(p.text for p in self.context)]).strip()


def _leans(p: Passage) -> bool:
    return leans_back(p.text) or bool(_LATE_PRONOUN.match(p.text))


def _sentences(brief: Brief) -> list[Passage]:
    return [p for p in sorted(brief.passages, key=lambda p: p.seq) if p.kind in EVIDENCE_KINDS]


def _units(brief: Brief, passage: Passage) -> list[Unit]:
    """The passage with the sentences it leans on; and with the next one when that one leans on it."""
    if passage.kind != "sentence":
        return [Unit(brief, (passage,), ())]
    ordered = _sentences(brief)
    i = next((k for k, p in enumerate(ordered) if p.id == passage.id), None)
    if i is None:
        return []
    context: list[Passage] = []
    j = i
    topic = _profile(brief).topic
    while _leans(ordered[j]) and j > 0 and ordered[j - 1].paragraph == passage.paragraph and len(context) < 2:
        j -= 1
        context.insert(0, ordered[j])
        if any(e.key not in topic for e in entities(ordered[j].text)):
            break  # this sentence names the subject: no need to look further back
    units = [Unit(brief, (passage,), tuple(context))]
    nxt = ordered[i + 1] if i + 1 < len(ordered) else None
    # Only a sentence that opens on a pronoun continues this one's subject ("… Hwasong-17 …" + "It flew …");
    # "On March 24, it tested …" starts a new event whose "it" is the brief's topic.
    if nxt is not None and nxt.paragraph == passage.paragraph and pronoun_subject(nxt.text):
        units.append(Unit(brief, (passage, ordered[i + 1]), tuple(context)))
    return units


_ALIAS_TARGETS = frozenset(ALIASES.values())


@dataclass(frozen=True)
class Profile:
    """What claim checking needs to know about a whole brief (computed once per brief version)."""

    common: frozenset[str]  # words the brief writes in lower case: a capitalised opener among them is no name
    keys: set[str]  # every entity key the brief mentions
    lower: str  # the brief's text, lower case, acronyms expanded
    topic: frozenset[str]  # entity keys of the title: what every passage is about
    weights: dict[str, float]  # stem -> IDF over the brief's sentences and rows
    leads: dict[int, str]  # paragraph -> its opening sentence


@lru_cache(maxsize=32)
def _brief_profile(brief: Brief) -> Profile:
    text = brief.text
    common = frozenset(w.lower() for w in re.findall(r"\b[a-z][a-z'-]+\b", text))
    expanded = expand_acronyms(text)
    passages = _sentences(brief)
    df: dict[str, int] = {}
    leads: dict[int, str] = {}
    for p in passages:
        for st in {t.stem for t in tokens(p.text) if t.stem}:
            df[st] = df.get(st, 0) + 1
        if p.kind == "sentence" and p.paragraph is not None:
            leads.setdefault(p.paragraph, p.text)
    n = max(1, len(passages))
    weights = {st: math.log(1 + n / c) for st, c in df.items()}
    weights["__unknown__"] = math.log(1 + n)
    return Profile(
        common,
        entity_keys(expanded),
        " ".join(expanded.lower().split()),
        frozenset(k for k in entity_keys(brief.title or "") if k in _ALIAS_TARGETS),
        weights,
        leads,
    )


def brief_profile(brief: Brief) -> Profile:
    """The brief's vocabulary, names, topic, word weights and paragraph leads (cached per brief version)."""
    return _brief_profile(brief)


_profile = brief_profile


_VECTORS: weakref.WeakKeyDictionary[Any, dict[str, list[float]]] = weakref.WeakKeyDictionary()
_VECTORS_MAX = 4096


def _embed_documents(embedder: Any, texts: Sequence[str]) -> list[list[float]]:
    """Evidence texts recur from claim to claim: remember their vectors per embedder (bounded)."""
    try:
        memo = _VECTORS.setdefault(embedder, {})
    except TypeError:  # an embedder that cannot be weakly referenced: no memo
        return list(embedder.embed_documents(list(texts)))
    todo = [t for t in dict.fromkeys(texts) if t not in memo]
    if todo:
        if len(memo) + len(todo) > _VECTORS_MAX:
            memo.clear()
        memo.update(zip(todo, embedder.embed_documents(todo), strict=True))
    return [memo[t] for t in texts]


def _cosines(engine: Engine, claim: str, texts: Sequence[str]) -> list[float]:
    if not texts:
        return []
    q = np.asarray(engine.embedder.embed_query(claim), dtype=float)
    docs = np.asarray(_embed_documents(engine.embedder, texts), dtype=float)
    q /= np.linalg.norm(q) + 1e-12
    docs /= np.linalg.norm(docs, axis=1, keepdims=True) + 1e-12
    return [float(x) for x in docs @ q]


def _cite(unit: Unit, claim: Claim, score: float, *, with_context: bool = True) -> Citation | None:
    """A verified citation of the unit; the leading context sentences are included when they name the subject."""
    passages = list(unit.focal)
    if unit.context and with_context:
        focal_keys = entity_keys(unit.text)
        low = unit.text.lower()
        if any(not mentions(e, focal_keys, low) for e in claim.entities):
            passages = [*unit.context, *passages]
    try:
        return verify_citation(unit.brief, make_citation(unit.brief, passages, score))
    except CitationNotVerified as exc:
        log.error("dropped a check citation that failed verification: %s", exc)
        return None


# ----- explanations --------------------------------------------------------------------------------------------
def _subject_phrase(claim: Claim) -> str | None:
    if not claim.entities:
        return None
    e = claim.entities[0]
    before = claim.text[: e.start].rstrip().split()
    return f"the {e.text}" if before and before[-1].lower() == "the" else e.text


def _clause(text: str, start: int, end: int, subject: str | None) -> str:
    """The evidence's clause that ends with the deciding words, its pronoun subject replaced by the claim's."""
    cut = 0
    for m in re.finditer(r"[;:]\s*|,\s+(?=(?:which|and|while|but|it|they)\b)", text[:start]):
        cut = m.end()
    piece = text[cut:end].strip()
    intro = re.match(r"^[^,]{0,40},\s+", piece)
    if intro and intro.end() <= start - cut and not re.match(r"(?:it|they|which)\b", piece[intro.end() :], re.I):
        piece = piece[intro.end() :]  # "During the Trump era, Kim Jong-un and Trump met …"
    if subject:
        piece = re.sub(
            r"^((?:[^,]{0,40},\s*)?)(?:it|they|which)\b",
            lambda m: m.group(1) + subject,
            piece,
            count=1,
            flags=re.IGNORECASE,
        )
    piece = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+", "", piece)
    first = piece.split(" ", 1)[0]
    if first.lower() in STOPWORDS or first.lower() in {"during", "earlier", "similarly", "moreover"}:
        piece = piece[:1].lower() + piece[1:]
    return piece


def _quote(c: Citation) -> str:
    return f"“{' '.join(c.quote.split())}” {marker(c)}"


def _noun_end(text: str, q: Quantity) -> int:
    """Where the noun a count counts ends ("10 tests", "six underground nuclear tests"), else the number's end."""
    if not q.is_count or not q.unit[6:]:
        return q.end
    for m in re.finditer(r"[A-Za-z][A-Za-z-]*", text[q.end : q.end + 60]):
        if lemma(m.group(0)) == q.unit[6:]:
            return q.end + m.end()
    return q.end


def _explain_number(j: Judgement, unit: Unit, c: Citation, claim: Claim) -> str:
    q = j.mismatch
    assert q is not None and q.evidence is not None
    said = claim.text[q.claim.start : _noun_end(claim.text, q.claim)]
    if unit.focal[0].kind == "table_row":
        return f"The brief's table says “{unit.text}”, not {said} {marker(c)}."
    full = unit.text if q.evidence.text in unit.text else unit.context_text
    idx = full.find(q.evidence.text)
    if idx < 0:
        return f"The brief gives {render(q.evidence)}, not {said}: {_quote(c)}."
    located = next((e for e in extract_quantities(full) if e.start == idx), q.evidence)
    clause = _clause(full, idx, _noun_end(full, located), _subject_phrase(claim))
    return f"The brief says {clause}, not {said} {marker(c)}."


def _explain(verdict: str, j: Judgement | None, unit: Unit | None, c: Citation | None, claim: Claim) -> str:
    if j is None or unit is None or c is None:
        return "Nothing in the brief addresses this claim."
    if verdict == "supported":
        formats = [
            f"{render(q.evidence)} matches {render(q.claim)}"
            for q in j.quantities
            if q.evidence is not None and render(q.evidence).lower() != render(q.claim).lower()
        ]
        extra = f" ({'; '.join(formats)})" if formats else ""
        return f"The brief says so: {_quote(c)}{extra}."
    if j.reason == "number":
        return _explain_number(j, unit, c, claim)
    if j.reason == "entity" and j.substitute is not None and j.missing:
        return f"The brief names {j.substitute.text}, not {j.missing[0].text}: {_quote(c)}."
    if j.reason == "comparative":
        said = f" it says “{j.opposite}”" if j.opposite else ""
        return f"The brief states the opposite comparison;{said}: {_quote(c)}."
    if j.reason == "negation":
        return f"The brief says the opposite: {_quote(c)}."
    return f"The brief does not say this. The closest passage: {_quote(c)}."


def _elsewhere(judged: Sequence[tuple[Judgement, Unit]], best: Judgement) -> tuple[Unit, str] | None:
    """Where the claim's mismatched number does appear in the brief (attached to something else), if anywhere."""
    q = best.mismatch
    if q is None or q.claim.is_date:
        return None  # years recur everywhere; only a measurement "belongs" to something else
    for j, unit in sorted(judged, key=lambda ju: -ju[0].similarity):
        if j is best:
            continue
        for found in extract_quantities(unit.text):
            if comparable(q.claim, found) and agrees(q.claim, found):
                return unit, render(found)
    return None


# ----- the check -----------------------------------------------------------------------------------------------
def _validate(claim: str) -> str:
    text = " ".join(claim.split())
    if not text:
        raise InvalidRequest("the claim is empty")
    if len(claim) > MAX_CLAIM_CHARS:
        raise InvalidRequest(f"the claim is longer than {MAX_CLAIM_CHARS} characters")
    return text


def _unknown(claim: Claim, briefs: Sequence[Brief]) -> list[Entity]:
    """Names in the claim that no brief mentions anywhere."""
    out = []
    for e in claim.entities:
        if not any(mentions(e, _profile(b).keys, _profile(b).lower) for b in briefs):
            out.append(e)
    return out


def _confidence(verdict: str, j: Judgement | None) -> float:
    if j is None:
        return 0.9
    if verdict == "supported":
        return round(min(0.99, 0.55 + 0.4 * min(1.0, j.score)), 2)
    if verdict == "contradicted":
        strength = max((q.strength for q in j.quantities if q.status == "mismatch"), default=0.0)
        base = {"number": 0.8 + 0.1 * (strength > 0), "entity": 0.75, "comparative": 0.8, "negation": 0.7}
        return round(min(0.97, base.get(j.reason, 0.7) + 0.05 * j.coverage), 2)
    return round(max(0.5, 0.9 - 0.4 * j.score), 2)


def check_claim(engine: Engine, claim: str, brief_id: str | None = None) -> CheckResult:
    """Check a claim against the indexed briefs (one brief with ``brief_id``)."""
    text = _validate(claim)
    if engine.is_empty():
        return CheckResult("not_found", 0.9, (), "The library has no briefs yet, so nothing can be checked.")
    briefs = [engine.brief(brief_id)] if brief_id is not None else engine.briefs()
    common = frozenset().union(*(_profile(b).common for b in briefs))
    parsed = Claim.parse(text, common=common)
    unknown = _unknown(parsed, briefs)
    # One unknown person may stand in for another in an event the brief describes: compare before giving up.
    substitutable = len(unknown) == 1 and entity_kind(parsed, unknown[0]) == "person"
    if unknown and not substitutable:
        names = " or ".join(dict.fromkeys(e.text for e in unknown))
        return CheckResult("not_found", 0.9, (), f"The brief never mentions {names}.")

    hits = engine.retrieve(text, brief_id=brief_id, k=RETRIEVE_K, kinds=EVIDENCE_KINDS)
    units: dict[tuple[str, ...], Unit] = {}
    for hit in hits:
        brief = engine.brief(hit.passage.brief_id)
        for u in _units(brief, hit.passage):
            units.setdefault(tuple(p.id for p in u.focal), u)
    candidates = list(units.values())
    sims = _cosines(engine, text, [f"{u.context_text} {u.text}".strip() for u in candidates])

    def known(e: Entity) -> bool:
        return not _unknown(Claim(e.text, (e,), (), (), (), frozenset(), ()), briefs)

    judged = []
    for u, sim in zip(candidates, sims, strict=True):
        prof = _profile(u.brief)
        lead = prof.leads.get(u.focal[0].paragraph or -1, "")
        ev = Evidence(
            u.text, u.context_text, prof.topic, lead if lead != u.focal[0].text else "", prof.common, prof.weights
        )
        judged.append((compare(parsed, ev, sim, known=known), u))
    result = _decide(parsed, judged)
    if unknown and result.verdict != "contradicted":
        names = " or ".join(dict.fromkeys(e.text for e in unknown))
        return CheckResult("not_found", 0.9, (), f"The brief never mentions {names}.")
    return result


def _decide(claim: Claim, judged: Sequence[tuple[Judgement, Unit]]) -> CheckResult:
    supported = [(j, u) for j, u in judged if j.outcome == "supported"]
    contradicted = [(j, u) for j, u in judged if j.outcome == "contradicted"]
    priority = {"number": 3, "comparative": 2, "entity": 1, "negation": 0}
    if supported:
        j, u = max(supported, key=lambda ju: (ju[0].score, -len(ju[1].focal)))
        verdict: Verdict = "supported"
    elif contradicted:
        j, u = max(contradicted, key=lambda ju: (priority.get(ju[0].reason, 0), ju[0].score))
        verdict = "contradicted"
    else:
        verdict = "not_found"
        if not judged:
            return CheckResult("not_found", 0.9, (), "Nothing in the brief addresses this claim.")
        j, u = max(judged, key=lambda ju: ju[0].score)
        related = not j.missing and j.coverage >= 0.5
        c = _cite(u, claim, j.score) if related else None
        explanation = _explain(verdict, j, u, c, claim) if c else "Nothing in the brief addresses this claim."
        return CheckResult(verdict, _confidence(verdict, j), (c,) if c else (), explanation)
    c = _cite(u, claim, j.score)
    if c is None:
        return CheckResult("not_found", 0.5, (), "The evidence could not be verified against the brief.")
    citations = [c]
    explanation = _explain(verdict, j, u, c, claim)
    if verdict == "contradicted" and j.reason == "number":
        other = _elsewhere(judged, j)
        if other is not None:
            unit, value = other
            c2 = _cite(unit, claim, j.score * 0.9, with_context=False)
            if c2 is not None and c2.quote != c.quote:
                citations.append(c2)
                explanation += f" The brief's {value} is about something else: {_quote(c2)}."
    return CheckResult(verdict, _confidence(verdict, j), tuple(citations), explanation)


def check_json(result: CheckResult) -> dict[str, Any]:
    """The ``POST /check`` response shape (DESIGN.md), plus ``sources`` from the second hop when present."""
    body: dict[str, Any] = {
        "verdict": result.verdict,
        "confidence": result.confidence,
        "citations": [citation_json(c) for c in result.citations],
        "explanation": result.explanation,
    }
    body["sources"] = [
        {"footnote": s.footnote, "verdict": s.verdict, "quote": s.quote, "file": s.file, "start": s.start, "end": s.end}
        for s in result.sources
    ]
    return body
