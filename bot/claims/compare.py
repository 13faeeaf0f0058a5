"""Compare one claim with one piece of evidence: the structured half of claim checking (pure, no model).

The claim is broken into anchors that must agree: named entities, quantities (each with the words around it, its
*role*), comparatives, and negated words. The evidence is a sentence plus the sentences it leans on ("It flew for
1,090 km …" after "… Model-17 …"). A quantity is compared with the evidence quantity of the same unit whose role
fits best, so "2,000 km" in the claim meets "flew for 1,090 km", not "an altitude of 6,248.5 kms".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.claims.attributes import check_attributes
from bot.claims.lexicon import ALIASES, FRAME, NECESSITY, fold_phrases
from bot.claims.lists import unlisted_member
from bot.claims.names import head_noun, head_noun_key, surname_of
from bot.claims.numbers import Quantity, extract_quantities
from bot.claims.opposition import comparative, polarity_conflict, superlative_rival
from bot.claims.quantities import QuantityCheck, as_precise, check_quantities, role, year_of
from bot.claims.subjects import (
    SUBSTITUTABLE,
    agent_swap,
    claim_kind,
    kinds_match,
    name_kind,
    one_group,
    other_subject,
    reversed_roles,
    slots,
)
from bot.claims.text import (
    Comparison,
    Entity,
    Token,
    claim_acronyms,
    comparisons,
    denied_names,
    entities,
    entity_keys,
    expand_acronyms,
    mentions,
    negated_stems,
    negator_positions,
    superlative_degrees,
    synonym_keys,
    tokens,
    word_stem,
)
from corpus.text.words import STOPWORDS

Outcome = Literal["supported", "contradicted", "unrelated"]
Reason = Literal[
    "match",
    "number",
    "entity",
    "comparative",
    "attribute",
    "negation",
    "missing_entity",
    "missing_number",
    "partial",
    "weak",
]

_NEED = word_stem("need")
_BOUND_WORDS = frozenset(["maximum", "max", "peak", "top", "highest", "minimum", "min", "lowest"])
_DATE_OPENER = re.compile(r"^\s*(?:in|during|by)\s+(?:early\s+|late\s+|mid-)?(?:\d{4}|[A-Z][a-z]+\s+\d{4}),", re.I)
_FRAMING = re.compile(r"^\s*(?:according to the brief,?|the brief (?:says|states|claims) (?:that)?)\s*", re.I)
# Comparatives are compared as comparisons ("larger than" vs "smaller than"), not as content words.
_COMPARATIVE = re.compile(r"\b(?:(?:more|less)\s+\w+|\w+er)\s+than\b", re.I)

# Thresholds over coverage (share of the claim's content words the evidence has) and similarity (MiniLM cosine).
SUPPORT_COVERAGE = 0.75
SUPPORT_COVERAGE_WITH_SIMILARITY = (0.5, 0.62)
NUMBER_CONTRADICTION = (0.34, 0.45)  # coverage or similarity needed to call a number mismatch a contradiction
OPPOSITION_COVERAGE = 0.6  # negation and comparative flips need the rest of the claim to line up
DATE_EVENT_COVERAGE = 0.75  # share of the claim's words needed before a different date contradicts it
RARE = 0.75  # a word whose IDF is this close to the top is one the brief uses once or twice
FOCAL_COVERAGE = 0.3  # the quoted sentence itself must carry this much of the claim
WORDS_COVERAGE = 0.34  # share of the claim's words (numbers aside) needed for support
SUBSTITUTION_COVERAGE = 0.6
UNKNOWN_SUBSTITUTION_COVERAGE = 0.7  # a name the brief never mentions stands in for another only on a close match


@dataclass(frozen=True)
class Claim:
    """A claim analysed once, compared with many pieces of evidence."""

    text: str
    entities: tuple[Entity, ...]
    quantities: tuple[Quantity, ...]
    roles: tuple[frozenset[str], ...]
    content: tuple[str, ...]  # content stems outside names and quantities
    negated: frozenset[str]
    comparisons: tuple[Comparison, ...]

    @classmethod
    def parse(cls, text: str, *, common: frozenset[str] = frozenset()) -> Claim:
        text = fold_phrases(_FRAMING.sub("", text))
        qs = tuple(extract_quantities(text))
        # "330 MW": a unit written in capitals is part of a quantity, not a name.
        ents = tuple(e for e in entities(text, common=common) if not any(q.start <= e.start < q.end for q in qs))
        toks = tokens(text)
        spans = [(e.start, e.end) for e in ents] + [(q.start, q.end) for q in qs]
        spans += [(m.start(), m.end()) for m in _COMPARATIVE.finditer(text)]
        content: dict[str, None] = {}
        quantifiers = negator_positions(toks)
        if qs:
            # "a maximum range of 13,000 km": the bound word belongs to the quantity
            quantifiers |= {i for i, t in enumerate(toks) if t.norm in _BOUND_WORDS}
        for i, t in enumerate(toks):
            # An acronym is a name and a word at once ("250 kilotons of TNT"): it counts among the claim's words.
            acronym = re.fullmatch(r"[A-Z]{2,}s?", t.text) is not None and t.norm not in ALIASES
            named = any(s <= t.start < e for s, e in spans) and not acronym
            if not t.stem or t.norm in FRAME or i in quantifiers or named:
                continue
            content.setdefault(t.stem, None)
        return cls(
            text=text,
            entities=ents,
            quantities=qs,
            roles=tuple(role(text, toks, q, qs, ents) for q in qs),
            content=tuple(content),
            negated=frozenset(negated_stems(toks)),
            # "faster than the speed of sound" is a bound of a quantity, not a comparison of two things
            comparisons=tuple(comparisons(_blank(text, [(q.start, q.end) for q in qs]), common=common)),
        )


def _indefinite(text: str, entity: Entity) -> bool:
    """ "tested an XYZ": a name after "a" or "an" is a kind of thing, not one thing."""
    return re.search(r"\b(?:a|an)\s+$", text[: entity.start], re.I) is not None


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


@dataclass(frozen=True)
class Evidence:
    """What a claim is compared with. ``text`` is quoted; ``context`` (the sentences it leans on) resolves what it
    refers to; ``lead`` (its paragraph's opening sentence) may name the subject of claims without numbers."""

    text: str
    context: str = ""
    implied: frozenset[str] = frozenset()  # entity keys every passage is about (the brief's title topic)
    lead: str = ""
    common: frozenset[str] = frozenset()  # words the brief writes in lower case (not names)
    weights: Mapping[str, float] = field(default_factory=dict)  # stem -> informativeness (IDF) in the brief
    acronyms: Mapping[str, str] = field(default_factory=dict)  # the brief's own short forms -> long forms
    persons: frozenset[str] = frozenset()  # the people the brief names (``bot.claims.names``)
    heads: Mapping[str, str] = field(default_factory=dict)  # head noun -> the brief's only long name with it

    @property
    def full(self) -> str:
        return f"{self.context} {self.text}".strip()


@dataclass(frozen=True)
class Judgement:
    """The outcome of comparing a claim with one piece of evidence."""

    outcome: Outcome
    reason: Reason
    score: float
    coverage: float
    similarity: float
    missing: tuple[Entity, ...] = ()
    quantities: tuple[QuantityCheck, ...] = ()
    substitute: Entity | None = None  # the evidence's name in place of the claim's missing one
    opposite: str | None = None  # the evidence words that oppose the claim (negation, antonym, comparative)
    claimed: str | None = None  # the claim's word that the evidence opposes
    matched: tuple[str, ...] = field(default=())

    @property
    def mismatch(self) -> QuantityCheck | None:
        bad = [q for q in self.quantities if q.status == "mismatch"]
        return max(bad, key=lambda q: q.strength) if bad else None


def _stem_set(toks: tuple[Token, ...]) -> set[str]:
    """Every stem and synonym key of a text; compounds both ways ("short range" has "short-rang", and
    "short-range" has "short" and "rang")."""
    out: set[str] = set()
    for i, t in enumerate(toks):
        if t.norm in NECESSITY:
            out.update(synonym_keys(_NEED))  # "there must be a solution": a solution is needed
        if not t.stem:
            continue
        out.update(synonym_keys(t.stem))
        if "-" in t.stem:
            out.update(p for p in t.stem.split("-") if p)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and nxt.stem and "-" not in t.stem + nxt.stem and nxt.start - t.end <= 1:
            out.add(f"{t.stem}-{nxt.stem}")
    return out


def _coverage(
    stems: Sequence[str], have: set[str], weights: Mapping[str, float], numbers: tuple[int, int] = (0, 0)
) -> tuple[float, tuple[str, ...]]:
    """IDF-weighted share of the claim's content words the evidence has (rare words weigh more). ``numbers`` is
    (claim quantities, matched ones): a matched number counts like a rare word."""
    top = weights.get("__unknown__", max(weights.values(), default=1.0))
    # A compound is there when all its parts are ("train-launched" in "launched a train-based rocket").
    matched = tuple(
        s for s in stems if synonym_keys(s) & have or ("-" in s and all(p in have for p in s.split("-") if p))
    )
    total = sum(weights.get(s, top) for s in stems) + top * numbers[0]
    if total == 0:
        return 1.0, ()
    return (sum(weights.get(s, top) for s in matched) + top * numbers[1]) / total, matched


def _named_by_head(entity: Entity, low: str, evidence: Evidence) -> bool:
    """ "the toolkit" names the brief's one "Rainfall Data Toolkit (RDT)" (a definite head noun stands for the only
    name of the brief with that head), and "Berg" its one "Anna Berg"."""
    last = surname_of(entity.key, evidence.persons)
    if last is not None and re.search(rf"\b{re.escape(last)}\b", low):
        return True  # "Byrd" names the brief's one "Robert Byrd"
    long = evidence.acronyms.get(entity.key, entity.text)
    head = head_noun(long)
    if len(long.split()) < 2 or len(head) < 4 or evidence.heads.get(head) != head_noun_key(long):
        return False
    return re.search(rf"\b(?:the|this|that|its)\s+{re.escape(head)}\b", low) is not None


def _substitute(
    claim: Claim, evidence: Evidence, missing: Sequence[Entity], known: Callable[[Entity], bool], coverage: float
) -> Entity | None:
    """The evidence's name in the place the claim gives to a name it lacks ("Berg" where the claim has "Lee"
    at the Geneva summit, "Chile" where it has "China and Russia" as the ones concerned), else None.

    The names the claim lacks must be one group of one kind; a name the brief never mentions only stands in for
    a person, an organisation, a country or a place, and only when the rest of the claim lines up closely."""
    if not one_group(claim.text, missing):
        return None
    want = claim_kind(claim.text, claim.entities, missing[0], evidence.persons)
    if want not in SUBSTITUTABLE and not all(known(m) for m in missing):
        return None
    unknown = not all(known(m) for m in missing)
    if coverage < (UNKNOWN_SUBSTITUTION_COVERAGE if unknown else SUBSTITUTION_COVERAGE):
        return None
    if want in {"place", "country"}:
        # "The Geneva summit was held in Switzerland": the claim already places its event; another name adds to it.
        others = [e for e in claim.entities if e not in missing and name_kind(e.key, evidence.persons) != "person"]
        if any("place" in slots(claim.text, e, evidence.common) for e in others):
            return None
    claim_keys = {e.key for e in claim.entities}
    for found in entities(evidence.text, common=evidence.common):
        if found.key in claim_keys:
            continue
        kind = name_kind(found.key, evidence.persons) or (
            "place" if "place" in slots(evidence.text, found, evidence.common) else None
        )
        if not kinds_match(want, kind):
            continue
        shared = slots(claim.text, missing[0], evidence.common) & slots(evidence.text, found, evidence.common)
        # The brief's own topic is everywhere: it stands in for a name only in a specific place, not as a subject.
        if shared and (found.key not in evidence.implied or shared - {"subject", "participant"}):
            return found
    return None


def compare(
    claim: Claim,
    evidence: Evidence,
    similarity: float,
    *,
    known: Callable[[Entity], bool] = lambda e: True,
) -> Judgement:
    """Compare a claim with one piece of evidence. ``known(entity)``: the brief mentions it somewhere."""
    # Folded like the claim ("would not step back from" reads "would not abandon"); quotes stay verbatim.
    wanted = claim_acronyms(claim.text)
    full = expand_acronyms(fold_phrases(evidence.full), evidence.acronyms, wanted)
    ev_keys = entity_keys(full) | set(evidence.implied)
    low = " ".join(full.lower().split())
    missing = tuple(e for e in claim.entities if not mentions(e, ev_keys, low) and not _named_by_head(e, low, evidence))
    ev_toks = tokens(full)
    have = _stem_set(ev_toks)
    qchecks = check_quantities(claim, evidence.text, evidence.common, year_of(evidence.context))
    if evidence.context and any(q.status != "absent" and q.claim.is_date for q in qchecks):
        # "Similarly, it tested … in 2019" after "The Model-16 was unveiled in 2020": a year in the sentence before
        # that plays the claim's part better ("unveiled") dates the claim's event, not this sentence's year.
        before = check_quantities(claim, evidence.context, evidence.common)
        qchecks = tuple(
            b
            if q.status != "absent" and q.claim.is_date and b.status != "absent" and b.strength > q.strength + 1
            else q
            for q, b in zip(qchecks, before, strict=True)
        )
    focal_numbers = sum(q.status == "match" for q in qchecks)
    measured = any(q.status == "match" and not q.claim.is_date and not q.claim.is_count for q in qchecks)
    if evidence.context and any(q.status == "absent" for q in qchecks):
        # Only dates come from the sentences before ("On March 24, …" then "It flew …"): a measurement there
        # belongs to whatever that sentence was about.
        around = check_quantities(claim, evidence.context, evidence.common)
        qchecks = tuple(
            a if q.status == "absent" and q.claim.is_date else q for q, a in zip(qchecks, around, strict=True)
        )
    if evidence.lead and _DATE_OPENER.match(evidence.lead) and any(q.status == "absent" for q in qchecks):
        # "In 2021, Madrid signed …" opening a paragraph dates what the paragraph goes on to list.
        framed = check_quantities(claim, evidence.lead, evidence.common)
        qchecks = tuple(
            a if q.status == "absent" and q.claim.is_date else q for q, a in zip(qchecks, framed, strict=True)
        )
    if missing and evidence.lead and all(q.status == "match" for q in qchecks):
        # "The two meetings lacked substance" is about the summits its paragraph opened with; only when the
        # sentence itself holds every number of the claim.
        lead = expand_acronyms(evidence.lead, evidence.acronyms, wanted)
        lead_keys, lead_low = entity_keys(lead), lead.lower()
        missing = tuple(e for e in missing if not mentions(e, lead_keys, lead_low))
    numbers = (len(claim.quantities), sum(q.status == "match" for q in qchecks))
    coverage, matched = _coverage(claim.content, have, evidence.weights, numbers)
    words_coverage, _ = _coverage(claim.content, have, evidence.weights)
    focal_have = _stem_set(tokens(expand_acronyms(fold_phrases(evidence.text), evidence.acronyms, wanted)))
    focal_coverage, _ = _coverage(claim.content, focal_have, evidence.weights, (numbers[0], focal_numbers))
    # A kind-of-thing word the brief uses ("train-based", "short-range") missing here: another passage's fact.
    top = evidence.weights.get("__unknown__", 0.0)
    # A compound the brief never uses ("solid-fuel", "nuclear-capable") is a fact the brief does not state.
    rare_missing = [
        s
        for s in claim.content
        if "-" in s
        and s not in matched
        and (
            0 < evidence.weights.get(s, top + 1) <= top
            or any(p and p not in evidence.weights and p not in STOPWORDS for p in s.split("-"))
        )
    ]
    base = 0.5 * coverage + 0.5 * similarity
    entity_share = 1 - len(missing) / len(claim.entities) if claim.entities else 1.0

    def result(outcome: Outcome, reason: Reason, score: float, **kw: Any) -> Judgement:
        kw.setdefault("missing", missing)
        return Judgement(outcome, reason, score, coverage, similarity, quantities=qchecks, matched=matched, **kw)

    if missing:
        sub = _substitute(claim, evidence, missing, known, coverage)
        if sub is not None and not any(q.status == "mismatch" for q in qchecks):
            return result("contradicted", "entity", base + 0.1, substitute=sub)
        return result("unrelated", "missing_entity", base * entity_share * 0.8)

    swap = agent_swap(
        claim.text, full, evidence.common, lambda a, b: bool(synonym_keys(a) & synonym_keys(b)), evidence.persons
    )
    if swap is not None and coverage >= SUBSTITUTION_COVERAGE:
        # "According to Berg, the US wanted tariffs lifted" against "… Madrid wanted tariffs lifted".
        return result("contradicted", "entity", base + 0.1, substitute=swap[1], missing=(swap[0],))

    finer = any(
        q.status == "match" and q.claim.is_date and q.evidence is not None and not as_precise(q.evidence, q.claim)
        for q in qchecks
    )
    # The evidence is about one day of the claim's period ("1 rocket on January 30, 2022" against "ten rockets
    # in 2022"), or the claim about one month of the evidence's year ("seven tests in January 2022" against "10
    # tests in 2022"): one count is a part of the other, so neither can contradict it.
    coarser = any(q.status == "absent" and q.claim.is_date and q.evidence is not None for q in qchecks)
    if finer or coarser:
        qchecks = tuple(
            QuantityCheck(q.claim, q.evidence, "absent", q.strength)
            if q.status == "mismatch" and q.claim.is_count
            else q
            for q in qchecks
        )
    mismatch = [q for q in qchecks if q.status == "mismatch"]
    if mismatch:
        # Another of the claim's measurements matching here ("five times the speed of sound") pins the passage to
        # the claim's fact as firmly as a strong role does.
        strong = any(q.strength > 0 for q in mismatch) or any(
            q.status == "match" and not q.claim.is_date and not q.claim.is_count for q in qchecks
        )
        need_cov, need_sim = NUMBER_CONTRADICTION
        measured = any(not q.claim.is_date for q in mismatch)
        anchored = any(q.status == "match" for q in qchecks)
        # A different date only contradicts when the event is plainly the same one (its words line up, or
        # another number of the claim matches here); a different measurement needs less.
        event = words_coverage >= (DATE_EVENT_COVERAGE - (0.2 if anchored else 0.0)) or similarity >= 0.7
        # ... and only an event the claim singles out: a named thing ("the Model-16", "the Geneva summit"), a
        # count, a day, or a definite description ("The 2017 test"). "Chile conducted a rocket test in
        # 2021" is not denied by tests in 2006 and 2017: there may have been more.
        specific = (
            anchored
            or any(e.key not in evidence.implied and not _indefinite(claim.text, e) for e in claim.entities)
            or any(q.claim.is_date and q.claim.date and q.claim.date[2] is not None for q in mismatch)
            or claim.text.lstrip().lower().startswith("the ")
            or (top > 0 and any(evidence.weights.get(w, 0.0) >= RARE * top for w in matched))
        )
        event = event and (measured or specific)
        dated_elsewhere = any(q.status == "mismatch" and q.claim.is_date for q in qchecks)
        if measured and dated_elsewhere and all(e.key in evidence.implied for e in claim.entities):
            # "Chile's new rocket flew 700 km in January 2022" against the March 4 launch: another date and
            # another figure for an unnamed rocket are another event.
            return result("unrelated", "weak", base * 0.7)
        if not measured and any(
            q.status == "absent" and not q.claim.is_date and q.claim.unit != "ordinal" for q in qchecks
        ):
            # "70 rockets in 2022" against "a series of rockets in 2020": the claim's count is not here, so
            # neither is its event; another year is no contradiction.
            return result("unrelated", "weak", base * 0.7)
        if (measured or event) and (
            coverage >= need_cov + (0 if strong else 0.2) or similarity >= need_sim + (0 if strong else 0.15)
        ):
            return result("contradicted", "number", base + (0.2 if strong else 0.05))
        return result("unrelated", "weak", base * 0.7)

    # "The XY-24 is a long-range glider" against "XY-24 … Short range glider".
    named = [n for e in claim.entities if e.key not in evidence.implied for n in (e.text, e.key)]
    attribute = check_attributes(claim.text, named, evidence.full, evidence.acronyms)
    # The claim's own class word counts as matched, as an antonym does: it is what differs.
    claimed_words = {k for t in tokens(attribute.claimed) if t.stem for k in synonym_keys(t.stem)}
    with_class = _coverage(
        claim.content, have | claimed_words | _stem_set(tokens(attribute.claimed)), evidence.weights, numbers
    )[0]
    if attribute.status == "opposed" and with_class >= OPPOSITION_COVERAGE - 0.2:
        return result("contradicted", "attribute", base + 0.15, opposite=attribute.difference)

    rival = superlative_rival(claim, evidence.text)
    if rival is not None and coverage >= OPPOSITION_COVERAGE - 0.2:
        return result("contradicted", "comparative", base + 0.15, opposite=rival)

    # "one of the least powerful" against "one of the most powerful"
    degrees = superlative_degrees(evidence.text)
    flipped = [d for d in superlative_degrees(claim.text) if (d[0], -d[1]) in degrees and d not in degrees]
    if flipped and coverage >= OPPOSITION_COVERAGE - 0.2:
        said = re.search(r"\b(?:most|least)\s+[a-z]+|\b[a-z]+est\b", evidence.text, re.I)
        return result("contradicted", "comparative", base + 0.15, opposite=said.group(0) if said else None)

    # "the views are those of the Institute" against "… do not represent those of the Institute"
    _, claim_stated = denied_names(claim.text, common=evidence.common)
    ev_denied, ev_stated = denied_names(evidence.text, common=evidence.common)
    flips = [k for k in claim_stated if k in ev_denied and k not in ev_stated]
    if flips and coverage >= OPPOSITION_COVERAGE:
        name = next((e.text for e in claim.entities if e.key == flips[0]), flips[0])
        return result("contradicted", "negation", base + 0.1, opposite=name, claimed=name)

    verdict, words = comparative(claim, evidence.text, evidence.common)
    if verdict is False and coverage >= OPPOSITION_COVERAGE - 0.2:
        return result("contradicted", "comparative", base + 0.15, opposite=words)

    opposite, antonym = polarity_conflict(claim, ev_toks, have)
    if opposite:
        with_antonym = _coverage(claim.content, have | synonym_keys(antonym or ""), evidence.weights, numbers)[0]
        if with_antonym >= OPPOSITION_COVERAGE:
            keys = (
                synonym_keys(antonym)
                if antonym
                else {k for t in ev_toks if t.text == opposite for k in synonym_keys(t.stem)}
            )
            word = next((t.text for t in tokens(claim.text) if t.stem and synonym_keys(t.stem) & keys), antonym)
            return result("contradicted", "negation", base + 0.1, opposite=opposite, claimed=word)
        # A word the claim shares with the evidence, affirmed in one and denied in the other: whatever else lines
        # up, this evidence cannot support the claim.
        return result("unrelated", "partial", base * 0.8)

    if any(q.status == "absent" for q in qchecks):
        return result("unrelated", "missing_number", base * 0.8)
    if claim.comparisons and verdict is None:
        return result("unrelated", "partial", base * 0.8)
    if unlisted_member(claim.text, [w for w in claim.content if w not in matched], evidence.text):
        # "such as mean, median and variance" names some members of a kind: not the claim's missing one.
        return result("unrelated", "partial", base * 0.85)
    if rare_missing:
        # A word the brief uses only rarely, missing here, means the claim is about another passage's fact
        # ("a train-based rocket in 2019" against "short-range rockets in 2019").
        return result("unrelated", "partial", base * 0.85)
    if other_subject(claim.text, evidence.text, evidence.context, evidence.common, evidence.persons):
        return result("unrelated", "partial", base * 0.8)
    if attribute.status == "elsewhere":
        # The evidence's "short-range" is about something else than the claim's Model-12.
        return result("unrelated", "partial", base * 0.8)
    if verdict is not True and reversed_roles(claim.text, claim.entities, full, evidence.common):
        # "Chile considers Peru a rival" against "Peru perceives Santiago … as a rival": the same names, the other
        # way round (a comparison stated the other way round, "X is smaller than Y" for "Y is larger than X", is
        # the claim itself).
        return result("unrelated", "partial", base * 0.8)
    c_min, s_min = SUPPORT_COVERAGE_WITH_SIMILARITY
    # The claim's own words, not only its numbers, must be there: "Berg met Ruiz in 2021" is not "in 2021, Berg
    # described his policy".
    # A matched measurement ("250,000 tons of TNT") is the claim's own fact, whatever words frame it.
    if claim.content and words_coverage < WORDS_COVERAGE and not measured:
        return result("unrelated", "partial", base * 0.85)
    # A matched measurement ("about 6,200 km/h") carries the claim in the quoted sentence by itself.
    if (focal_coverage >= FOCAL_COVERAGE or measured) and (
        coverage >= SUPPORT_COVERAGE or (coverage >= c_min and similarity >= s_min)
    ):
        return result("supported", "match", base + 0.1 * bool(claim.quantities))
    return result("unrelated", "partial", base * 0.9)
