"""Fact-check a claim against the indexed briefs: retrieve evidence, compare, decide, explain, cite.

Verdicts: ``supported`` (a passage says the same thing, perhaps in other words or number formats),
``contradicted`` (a passage about the same subject says otherwise: a number, a name, a comparison, a negation),
``not_found`` (the briefs never mention the subject, or say nothing that decides the claim). Every citation is a
verified quote of the brief with the brief's own footnotes; nothing inferred is ever put in ``footnotes``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.citations import make_citation, verify_citation
from bot.claims.alias import AliasFinding, alias_claim, check_alias
from bot.claims.authorship import is_author
from bot.claims.claim import Claim
from bot.claims.compare import compare, outweighs
from bot.claims.context import paragraph_before, units_for
from bot.claims.evidence import CLAIM_KINDS, Evidence, Unit, fragment
from bot.claims.explain import elsewhere, explain, in_note, quote_text
from bot.claims.judgement import Judgement
from bot.claims.meta import MetaFinding, about_document, check_document_claim
from bot.claims.names import spelled_out, surname_of
from bot.claims.opposition import opposite_words
from bot.claims.profile import brief_profile, front_matter_units
from bot.claims.similarity import cosines
from bot.claims.subjects import SUBSTITUTABLE, claim_kind, one_group
from bot.claims.text.entities import Entity, entity_keys, mentions
from bot.types import Library
from corpus.errors import CitationNotVerified, InvalidRequest
from corpus.models import Brief, Citation

log = logging.getLogger("citebot.check")

Verdict = Literal["supported", "contradicted", "not_found"]
MAX_CLAIM_CHARS = 1000
RETRIEVE_K = 12
OPPOSITE_K = 4  # passages found by the claim's opposite words alone


@dataclass(frozen=True)
class SourceNote:
    """What a cited footnote's own source says about the claim (the second hop); filled by ``bot.audit.sources``."""

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


def _cite(unit: Unit, claim: Claim, score: float, *, with_context: bool = True) -> Citation | None:
    """A verified citation of the unit; the leading context sentences are included when they name the subject."""
    passages = list(unit.focal)
    if unit.context and with_context:
        focal_keys = entity_keys(unit.text)
        low = unit.text.lower()
        # A sentence cut off by a layout break ("fields, such as …") is quoted with its start.
        if fragment(unit.focal[0]) or any(not mentions(e, focal_keys, low) for e in claim.entities):
            passages = [*unit.context, *passages]
    try:
        return verify_citation(unit.brief, make_citation(unit.brief, passages, score))
    except CitationNotVerified as exc:
        log.error("dropped a check citation that failed verification: %s", exc)
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
    """Names in the claim that no brief mentions anywhere (an acronym a brief spells out, or a full name whose
    last name the brief gives one of its people, is mentioned)."""
    return [e for e in claim.entities if not any(_mentioned(e, b) for b in briefs)]


def _mentioned(e: Entity, brief: Brief) -> bool:
    prof = brief_profile(brief)
    if mentions(e, prof.keys, prof.lower) or (prof.author and is_author(e, prof.author)):
        return True
    last = surname_of(e.key, prof.persons)
    if last is not None and last in prof.keys:
        return True
    return e.text.isupper() and len(e.text) >= 3 and spelled_out(brief.text, e.text) is not None


def _confidence(verdict: str, j: Judgement | None) -> float:
    if j is None:
        return 0.9
    if verdict == "supported":
        return round(min(0.99, 0.55 + 0.4 * min(1.0, j.score)), 2)
    if verdict == "contradicted":
        strength = max((q.strength for q in j.quantities if q.status == "mismatch"), default=0.0)
        base = {
            "number": 0.8 + 0.1 * (strength > 0),
            "entity": 0.75,
            "comparative": 0.8,
            "attribute": 0.8,
            "negation": 0.7,
            "slot": 0.8,
        }
        return round(min(0.97, base.get(j.reason, 0.7) + 0.05 * j.coverage), 2)
    return round(max(0.5, 0.9 - 0.4 * j.score), 2)


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """A claim analysed once against the briefs asked, as every later step reads it: its parsed form, the names
    no brief mentions, whether one of them may stand in for another (``substitutable``), and the words that
    would state its opposite (a second search)."""

    parsed: Claim
    unknown: tuple[Entity, ...]
    substitutable: bool
    opposite: tuple[str, ...]

    @classmethod
    def analyse(cls, text: str, briefs: Sequence[Brief]) -> ClaimQuery:
        common = frozenset().union(*(brief_profile(b).common for b in briefs))
        persons = frozenset().union(*(brief_profile(b).persons for b in briefs))
        parsed = Claim.parse(text, common=common)
        unknown = _unknown(parsed, briefs)
        # One unknown person, organisation, country or place (or one group of them: "China and Russia") may stand
        # in for another in an event the brief describes: compare before giving up.
        substitutable = one_group(parsed.text, unknown) and all(
            claim_kind(parsed.text, parsed.entities, e, persons) in SUBSTITUTABLE for e in unknown
        )
        return cls(parsed, tuple(unknown), substitutable, opposite_words(parsed))


def check_claim(engine: Library, claim: str, brief_id: str | None = None) -> CheckResult:
    """Check a claim against the indexed briefs (one brief with ``brief_id``)."""
    text = _validate(claim)
    if engine.is_empty():
        return CheckResult("not_found", 0.9, (), "The library has no briefs yet, so nothing can be checked.")
    briefs = [engine.brief(brief_id)] if brief_id is not None else engine.briefs()
    meta = check_document_claim(text, briefs)
    if meta is not None:
        return _from_front_matter(meta)
    alias = check_alias(text, briefs)
    if alias is not None:
        return _from_alias(alias, text)
    query = ClaimQuery.analyse(text, briefs)
    parsed, unknown = query.parsed, query.unknown
    if unknown and not query.substitutable:
        names = " or ".join(dict.fromkeys(e.text for e in unknown))
        return CheckResult("not_found", 0.9, (), f"The brief never mentions {names}.")

    hits = engine.retrieve(text, brief_id=brief_id, k=RETRIEVE_K, kinds=CLAIM_KINDS)
    opposite = query.opposite
    if opposite:
        # "We … now affirm." denies "X reversed the ruling" with no other word of the claim: search for it too.
        hits += engine.retrieve(" ".join(opposite), brief_id=brief_id, k=OPPOSITE_K, kinds=CLAIM_KINDS)
    units: dict[tuple[tuple[str, ...], str], Unit] = {}
    for hit in hits:
        brief = engine.brief(hit.passage.brief_id)
        for u in units_for(brief, hit.passage):
            units.setdefault((tuple(p.id for p in u.focal), u.gloss), u)
    if about_document(text, briefs):
        # "The views are the author's own": the front matter's disclaimer and title are evidence too.
        for brief in briefs:
            for u in front_matter_units(brief):
                units.setdefault((tuple(p.id for p in u.focal), u.gloss), u)
    candidates = list(units.values())
    sims = cosines(engine.embedder, text, [f"{u.context_text} {u.statement}".strip() for u in candidates])

    def known(e: Entity) -> bool:
        return not _unknown(Claim(e.text, (e,), (), (), (), frozenset(), ()), briefs)

    judged = []
    for u, sim in zip(candidates, sims, strict=True):
        prof = brief_profile(u.brief)
        lead = prof.leads.get(u.focal[0].paragraph or -1, "")
        ev = Evidence(
            u.statement,
            u.context_text,
            prof.topic,
            lead if lead != u.focal[0].text else "",
            prof.common,
            prof.weights,
            prof.acronyms,
            prof.persons,
            prof.heads,
            prof.voice,
            prof.author,
            paragraph_before(u),
        )
        judged.append((compare(parsed, ev, sim, known=known), u))
    result = _decide(parsed, judged)
    if unknown and result.verdict != "contradicted":
        names = " or ".join(dict.fromkeys(e.text for e in unknown))
        return CheckResult("not_found", 0.9, (), f"The brief never mentions {names}.")
    return result


def _from_alias(finding: AliasFinding, claim: str) -> CheckResult:
    """A verdict on "X is also known as Y", quoting the passage that brackets one name with the other."""
    try:
        c = verify_citation(finding.brief, make_citation(finding.brief, [finding.passage], 0.9))
    except CitationNotVerified as exc:
        log.error("dropped an alias citation that failed verification: %s", exc)
        return CheckResult("not_found", 0.5, (), "The evidence could not be verified against the brief.")
    if finding.verdict == "supported":
        return CheckResult("supported", 0.9, (c,), f"The brief writes “{finding.found}”: {quote_text(c)}.")
    names = alias_claim(claim)
    wrong = names[1] if names else "that name"
    explanation = (
        f"The brief gives the other name as {finding.other}, not {wrong} (“{finding.found}”): {quote_text(c)}."
    )
    return CheckResult("contradicted", 0.85, (c,), explanation)


def _from_front_matter(meta: MetaFinding) -> CheckResult:
    """A verdict on the brief's author, editor, date or publisher, quoting its front matter."""
    citations: list[Citation] = []
    for p in meta.passages:
        try:
            citations.append(verify_citation(meta.brief, make_citation(meta.brief, [p], 0.9)))
        except CitationNotVerified as exc:
            log.error("dropped a front-matter citation that failed verification: %s", exc)
    quotes = "; ".join(quote_text(c) for c in citations)
    if meta.verdict == "supported":
        if not citations:
            return CheckResult("not_found", 0.5, (), "The evidence could not be verified against the brief.")
        return CheckResult("supported", 0.9, tuple(citations), f"The brief says so: {quotes}.")
    explanation = f"The brief {meta.difference}" + (f": {quotes}." if quotes else ".")
    return CheckResult("contradicted", 0.85, tuple(citations), explanation)


def _holds_every_measure(j: Judgement, coverage: float) -> bool:
    """Every measurement of the claim (not its dates) matches here, in a passage naming all the claim names and
    covering at least as much of the claim as ``coverage`` (the contradiction's)."""
    measures = [q for q in j.quantities if not q.claim.is_date]
    return (
        # A bound ("more than 500 km") is met by many figures, so another passage's 800 km does not outweigh a
        # passage that states the opposite bound ("less than 500 km").
        all(q.claim.bound not in ("at_least", "at_most") for q in measures)
        and not j.missing
        and j.coverage >= max(coverage, 0.6)
        and j.outcome != "contradicted"
        and bool(measures)
        and all(q.status == "match" for q in measures)
        and any(not q.claim.is_count for q in measures)
    )


def _decide(claim: Claim, judged: Sequence[tuple[Judgement, Unit]]) -> CheckResult:
    supported = [(j, u) for j, u in judged if j.outcome == "supported"]
    contradicted = [(j, u) for j, u in judged if j.outcome == "contradicted"]
    priority = {"number": 3, "comparative": 2, "attribute": 2, "slot": 2, "entity": 1, "negation": 0}
    if supported and contradicted:
        best = max(supported, key=lambda ju: ju[0].score)[0]
        if any(outweighs(c, best) for c, _ in contradicted):
            supported = []
    if supported:
        j, u = max(supported, key=lambda ju: (ju[0].score, -len(ju[1].focal)))
        verdict: Verdict = "supported"
    elif contradicted:
        j, u = max(contradicted, key=lambda ju: (priority.get(ju[0].reason, 0), ju[0].score))
        verdict = "contradicted"
        if j.reason == "number" and any(_holds_every_measure(o, j.coverage) for o, _ in judged):
            # The claim's figures are all in the brief, about a thing the claim names: another passage's
            # figures for a different event do not contradict it.
            j, u = next((o, v) for o, v in judged if _holds_every_measure(o, j.coverage))
            c = _cite(u, claim, j.score)
            explanation = explain("not_found", j, u, c, claim) if c else "Nothing in the brief decides this claim."
            return CheckResult("not_found", _confidence("not_found", j), (c,) if c else (), explanation)
    else:
        verdict = "not_found"
        if not judged:
            return CheckResult("not_found", 0.9, (), "Nothing in the brief addresses this claim.")
        j, u = max(judged, key=lambda ju: ju[0].score)
        related = not j.missing and j.coverage >= 0.5
        c = _cite(u, claim, j.score) if related else None
        explanation = (
            in_note(explain(verdict, j, u, c, claim), u) if c else "Nothing in the brief addresses this claim."
        )
        return CheckResult(verdict, _confidence(verdict, j), (c,) if c else (), explanation)
    c = _cite(u, claim, j.score)
    if c is None:
        return CheckResult("not_found", 0.5, (), "The evidence could not be verified against the brief.")
    citations = [c]
    explanation = in_note(explain(verdict, j, u, c, claim), u)
    if verdict == "contradicted" and j.reason == "number":
        other = elsewhere(judged, j)
        if other is not None:
            unit, value = other
            c2 = _cite(unit, claim, j.score * 0.9, with_context=False)
            if c2 is not None and c2.quote != c.quote:
                citations.append(c2)
                explanation += f" The brief's {value} is about something else: {quote_text(c2)}."
    return CheckResult(verdict, _confidence(verdict, j), tuple(citations), explanation)
