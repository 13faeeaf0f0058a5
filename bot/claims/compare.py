"""Compare one claim with one piece of evidence: the structured half of claim checking (pure, no model).

The claim is broken into anchors that must agree: named entities, quantities (each with the words around it, its
*role*), comparatives, and negated words. The evidence is a sentence plus the sentences it leans on ("It flew for
1,090 km …" after "… Model-17 …"). A quantity is compared with the evidence quantity of the same unit whose role
fits best, so "2,000 km" in the claim meets "flew for 1,090 km", not "an altitude of 6,248.5 kms".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from bot.claims.attributes import AttributeCheck, check_attributes
from bot.claims.attribution import names_the_speaker, own_voice
from bot.claims.compounds import other_term, word_compound_spans
from bot.claims.demonstratives import taken_up_earlier
from bot.claims.hedges import hedged
from bot.claims.lexicon import ALIASES, FRAME, NECESSITY, fold_phrases, words
from bot.claims.lists import unlisted_member
from bot.claims.modality import about_supposing, consequence, habit_frame, supposes
from bot.claims.modifiers import other_modifier
from bot.claims.names import head_noun, head_noun_key, surname_of
from bot.claims.numbers import Quantity, extract_quantities, parse_number
from bot.claims.opposition import (
    comparative,
    polarity_conflict,
    superlative_rival,
    swapped_contrast,
    swapped_pairing,
    turned_contrast,
)
from bot.claims.quantities import QuantityCheck, as_precise, check_quantities, role, year_of
from bot.claims.refuted import refuted_report
from bot.claims.roles import first_person_keys, missing_predicate, role_reversal, roles_kept
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
    fold_accents,
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
_BOUND_WORDS = words("bound_words.txt")
_DATE_OPENER = re.compile(r"^\s*(?:in|during|by)\s+(?:early\s+|late\s+|mid-)?(?:\d{4}|[A-Z][a-z]+\s+\d{4}),", re.I)
_FRAMING = re.compile(r"^\s*(?:according to the brief,?|the brief (?:says|states|claims) (?:that)?)\s*", re.I)
# Comparatives are compared as comparisons ("larger than" vs "smaller than"), not as content words.
_COMPARATIVE = re.compile(r"\b(?:(?:more|less)\s+\w+|\w+er)\s+than\b", re.I)


@dataclass(frozen=True)
class Thresholds:
    """Every tuning number of the comparison. *Coverage* is the IDF-weighted share of the claim's content words (and
    numbers) the evidence has; *similarity* the embedding cosine of claim and evidence. The ``*_bonus`` and
    ``*_factor`` fields only rank pieces of evidence of one outcome against each other."""

    support_coverage: float = 0.75  # words and numbers enough for support on their own
    support_coverage_with_similarity: float = 0.5  # ... or this much coverage ...
    support_similarity: float = 0.62  # ... with this similarity
    focal_coverage: float = 0.3  # the quoted sentence itself must carry this much of the claim
    words_coverage: float = 0.34  # share of the claim's words (numbers aside) needed for support
    number_coverage: float = 0.34  # coverage, or ...
    number_similarity: float = 0.45  # ... similarity, needed to call a number mismatch a contradiction
    weak_number_coverage: float = 0.2  # added to both when no mismatched number has a role that fits
    weak_number_similarity: float = 0.15
    date_event_coverage: float = 0.75  # share of the claim's words needed before a different date contradicts it
    anchored_date_event_slack: float = 0.2  # ... less when another number of the claim matches here
    same_event_similarity: float = 0.7  # a similarity that alone says the event is the claim's
    rare: float = 0.75  # a word whose IDF is this close to the top is one the brief uses once or twice
    opposition_coverage: float = 0.6  # a negation flip needs the rest of the claim to line up
    opposition_slack: float = 0.2  # less for an antonym, comparative or class: the opposed word is the difference
    substitution_coverage: float = 0.6
    unknown_substitution_coverage: float = 0.7  # a name the brief never mentions stands in only on a close match
    entity_bonus: float = 0.1
    negation_bonus: float = 0.1
    opposition_bonus: float = 0.15
    strong_number_bonus: float = 0.2
    weak_number_bonus: float = 0.05
    quantity_support_bonus: float = 0.1
    missing_factor: float = 0.8
    weak_factor: float = 0.7
    partial_factor: float = 0.8
    near_partial_factor: float = 0.85
    near_miss_factor: float = 0.9
    # A contradiction that has nearly all the claim's words, one of them opposed, outweighs a support that covers
    # less of the claim, by this much score (``outweighs``).
    outweigh_coverage: float = 0.95
    outweighed_support_coverage: float = 0.9
    outweigh_margin: float = 0.2


THRESHOLDS = Thresholds()


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
    terms: tuple[str, ...] = ()  # compounds with number words that are not figures ("one-on-one")

    @classmethod
    def parse(cls, text: str, *, common: frozenset[str] = frozenset()) -> Claim:
        text = fold_phrases(_FRAMING.sub("", fold_accents(text)))
        qs = tuple(extract_quantities(text))
        # "330 MW": a unit written in capitals is part of a quantity, not a name.
        ents = tuple(e for e in entities(text, common=common) if not any(q.start <= e.start < q.end for q in qs))
        toks = tokens(text)
        spans = [(e.start, e.end) for e in ents]
        spans += [(m.start(), m.end()) for m in _COMPARATIVE.finditer(text)]
        figures = [(q.start, q.end) for q in qs]
        content: dict[str, None] = {}
        quantifiers = negator_positions(toks)
        if qs:
            # "a maximum range of 13,000 km": the bound word belongs to the quantity
            quantifiers |= {i for i, t in enumerate(toks) if t.norm in _BOUND_WORDS}
        for i, t in enumerate(toks):
            # An acronym is a name and a word at once ("250 kilotons of TNT"): it counts among the claim's words.
            acronym = re.fullmatch(r"[A-Z]{2,}s?", t.text) is not None and t.norm not in ALIASES
            # A compound with a figure inside ("one-person-one-vote") is a word of the claim, not only a figure.
            wordy = sum(parse_number(p) is None for p in _parts(t.norm)) >= 2  # not "five-year", "30-day"
            inside = any(s <= t.start < e and (t.end <= e or not wordy) for s, e in figures)
            named = any(s <= t.start < e for s, e in spans) or inside
            named = named and not acronym
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
            terms=tuple(t.stem for t in toks if t.stem and any(s <= t.start < e for s, e in word_compound_spans(text))),
        )


def _indefinite(text: str, entity: Entity) -> bool:
    """ "tested an XYZ": a name after "a" or "an" is a kind of thing, not one thing."""
    return re.search(r"\b(?:a|an)\s+$", text[: entity.start], re.I) is not None


_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")
_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|[Mm]y|me|[Mm]ine|myself)\b")


_AUTHOR_NOUNS = words("author_nouns.txt")


def _by_the_author(evidence: Evidence) -> bool:
    """The evidence speaks as the document's author ("I", "my") or names them."""
    if not evidence.author:
        return False
    text = fold_accents(evidence.text)
    if _FIRST_PERSON_SINGULAR.search(text):
        return True
    return any(is_author(e, evidence.author) for e in entities(text, common=evidence.common))


_SPEECH_VERBS = words("speech_verbs.txt") | {"argue", "say", "claim", "believe", "think", "contend", "hold"}
_DETERMINERS = words("determiners.txt") | {"many", "several", "most", "few", "two", "three"}
_OWN_VOICE = frozenset({"i", "we", "this", "our", "my"})


def others_say(claim: Claim, evidence: Evidence) -> bool:
    """ "The author argues that X" against "Economists argue that X": the claim gives its words to the author, the
    evidence to someone else (not "I", "we", or "this essay")."""
    claim_norms = {t.norm for t in tokens(claim.text)}
    if not claim_norms & _AUTHOR_NOUNS or not evidence.author or _by_the_author(evidence):
        return False
    toks = tokens(fold_accents(evidence.text))
    for i, t in enumerate(toks):
        if t.norm not in _SPEECH_VERBS or i == 0 or toks[i - 1].norm in _DETERMINERS:
            continue  # "Both states …", "the claims of …": a noun, not a verb of saying
        if not {u.norm for u in toks[max(0, i - 3) : i]} & _OWN_VOICE:
            return True
    return False


def is_author(entity: Entity, author: str) -> bool:
    """The name is the document's author's (all its words among the author's names: "Ruiz", "Ana Ruiz")."""
    parts = [w for w in re.split(r"\s+", entity.key) if w]
    return bool(parts) and all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", author) for w in parts)


def _in_voice(entity: Entity, voice: str) -> bool:
    """The name is one the document speaks as (its masthead names it)."""
    return re.search(rf"(?<![\w-]){re.escape(entity.key)}(?![\w-])", voice) is not None


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
    voice: str = ""  # the brief's masthead, lower case: who "we" is in its own sentences (``bot.check_evidence``)
    author: str = ""  # the author's names, lower case: who "I" and "my" are in its own sentences
    earlier: str = ""  # the paragraph's sentences before the quoted text and its context

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
    stems: Sequence[str], have: AbstractSet[str], weights: Mapping[str, float], numbers: tuple[int, int] = (0, 0)
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
    claim: Claim,
    evidence: Evidence,
    missing: Sequence[Entity],
    known: Callable[[Entity], bool],
    coverage: float,
    t: Thresholds,
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
    if coverage < (t.unknown_substitution_coverage if unknown else t.substitution_coverage):
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


@dataclass(frozen=True)
class Facts:
    """What every rule reads: a claim and one piece of evidence, measured once."""

    claim: Claim
    evidence: Evidence
    similarity: float
    known: Callable[[Entity], bool]
    full: str  # the evidence with its context, folded and with the claim's acronyms spelled out
    ev_toks: tuple[Token, ...]
    have: frozenset[str]  # the stems and synonym keys of ``full``
    missing: tuple[Entity, ...]  # the claim's names the evidence lacks
    stated: tuple[QuantityCheck, ...]  # the claim's quantities against the evidence's, as stated
    quantities: tuple[QuantityCheck, ...]  # ... with a count in a part of the claim's period no longer a mismatch
    numbers: tuple[int, int]  # (the claim's quantities, those matched)
    coverage: float
    matched: tuple[str, ...]
    words_coverage: float  # coverage of the words alone, numbers aside
    focal_coverage: float  # coverage by the quoted sentence alone
    measured: bool  # a measurement (not a date, not a count) of the claim matches in the quoted sentence
    rare_missing: tuple[str, ...]
    t: Thresholds

    @property
    def base(self) -> float:
        return 0.5 * self.coverage + 0.5 * self.similarity

    @property
    def top(self) -> float:
        """The informativeness of a word the brief never uses (0 when unknown)."""
        return self.evidence.weights.get("__unknown__", 0.0)

    @cached_property
    def attribute(self) -> AttributeCheck:
        named = [n for e in self.claim.entities if e.key not in self.evidence.implied for n in (e.text, e.key)]
        return check_attributes(self.claim.text, named, self.evidence.full, self.evidence.acronyms)

    @cached_property
    def comparison(self) -> tuple[bool | None, str | None]:
        return comparative(self.claim, self.evidence.text, self.evidence.common)

    def with_words(self, extra: set[str] | frozenset[str]) -> float:
        """The coverage had the evidence also these words (the opposed word counts as matched: it is what differs)."""
        return _coverage(self.claim.content, self.have | extra, self.evidence.weights, self.numbers)[0]

    def result(
        self,
        outcome: Outcome,
        reason: Reason,
        score: float,
        *,
        quantities: tuple[QuantityCheck, ...] | None = None,
        **kw: Any,
    ) -> Judgement:
        kw.setdefault("missing", self.missing)
        return Judgement(
            outcome,
            reason,
            score,
            self.coverage,
            self.similarity,
            quantities=self.quantities if quantities is None else quantities,
            matched=self.matched,
            **kw,
        )


def _measure(
    claim: Claim, evidence: Evidence, similarity: float, known: Callable[[Entity], bool], t: Thresholds
) -> Facts:
    # Folded like the claim ("would not step back from" reads "would not abandon"); quotes stay verbatim.
    wanted = claim_acronyms(claim.text)
    full = expand_acronyms(fold_phrases(fold_accents(evidence.full)), evidence.acronyms, wanted)
    ev_keys = entity_keys(full) | set(evidence.implied)
    low = " ".join(full.lower().split())
    missing = tuple(e for e in claim.entities if not mentions(e, ev_keys, low) and not _named_by_head(e, low, evidence))
    if missing and evidence.voice and _FIRST_PERSON.search(evidence.text):
        # "We … now affirm" in a ruling headed "Court of Appeals / First Circuit": the court speaks as "we".
        missing = tuple(e for e in missing if not _in_voice(e, evidence.voice))
    if missing and evidence.author and _FIRST_PERSON_SINGULAR.search(fold_accents(evidence.text)):
        # "I argue that …" in an essay by Ana Ruiz is Ruiz arguing it.
        missing = tuple(e for e in missing if not is_author(e, evidence.author))
    if missing and evidence.author and own_voice(evidence.full):
        # "According to Faraday, …" in Faraday's own book: what it says in its own voice is his saying.
        missing = tuple(e for e in missing if not (is_author(e, evidence.author) and names_the_speaker(claim.text, e)))
    ev_toks = tokens(full)
    have = _stem_set(ev_toks)
    if _by_the_author(evidence):
        # "The author argues …" against "I argue …" (or "Ruiz argues …" in Ruiz's essay).
        have |= {k for w in _AUTHOR_NOUNS for k in synonym_keys(word_stem(w))}
    habit = habit_frame(evidence.context)
    qchecks = check_quantities(claim, evidence.text, evidence.common, year_of(evidence.context), habit)
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
    if missing and evidence.earlier and qchecks and all(q.status == "match" for q in qchecks):
        # "… this cemetery, which embraced twelve acres" for "the Bugaba cemetery", Bugaba named before it.
        missing = tuple(e for e in missing if not taken_up_earlier(claim.text, e, evidence.text, evidence.earlier))
    numbers = (len(claim.quantities), sum(q.status == "match" for q in qchecks))
    coverage, matched = _coverage(claim.content, have, evidence.weights, numbers)
    words_coverage, _ = _coverage(claim.content, have, evidence.weights)
    focal_have = _stem_set(tokens(expand_acronyms(fold_phrases(evidence.text), evidence.acronyms, wanted)))
    focal_coverage, _ = _coverage(claim.content, focal_have, evidence.weights, (numbers[0], focal_numbers))
    # A kind-of-thing word the brief uses ("train-based", "short-range") missing here: another passage's fact.
    top = evidence.weights.get("__unknown__", 0.0)
    # A compound the brief never uses ("solid-fuel", "nuclear-capable") is a fact the brief does not state.
    rare_missing = tuple(
        s
        for s in claim.content
        if "-" in s
        and s not in matched
        and (
            0 < evidence.weights.get(s, top + 1) <= top
            or any(p and p not in evidence.weights and p not in STOPWORDS for p in s.split("-"))
        )
    )
    return Facts(
        claim=claim,
        evidence=evidence,
        similarity=similarity,
        known=known,
        full=full,
        ev_toks=ev_toks,
        have=frozenset(have),
        missing=missing,
        stated=qchecks,
        quantities=_part_of_period(qchecks),
        numbers=numbers,
        coverage=coverage,
        matched=matched,
        words_coverage=words_coverage,
        focal_coverage=focal_coverage,
        measured=measured,
        rare_missing=rare_missing,
        t=t,
    )


def _part_of_period(qchecks: tuple[QuantityCheck, ...]) -> tuple[QuantityCheck, ...]:
    """A count no longer mismatches when the evidence is about one day of the claim's period ("1 rocket on January
    30, 2022" against "ten rockets in 2022"), or the claim about one month of the evidence's year ("seven tests in
    January 2022" against "10 tests in 2022"): one count is a part of the other, so neither can contradict it."""
    finer = any(
        q.status == "match" and q.claim.is_date and q.evidence is not None and not as_precise(q.evidence, q.claim)
        for q in qchecks
    )
    coarser = any(q.status == "absent" and q.claim.is_date and q.evidence is not None for q in qchecks)
    if not (finer or coarser):
        return qchecks
    return tuple(
        QuantityCheck(q.claim, q.evidence, "absent", q.strength) if q.status == "mismatch" and q.claim.is_count else q
        for q in qchecks
    )


# ----- the rules, in order: the first that decides gives the judgement --------------------------------------------
Rule = Callable[[Facts], Judgement | None]


def missing_name(f: Facts) -> Judgement | None:
    """A name of the claim is not here: another name in its place contradicts, else the evidence is unrelated."""
    if not f.missing:
        return None
    t = f.t
    sub = _substitute(f.claim, f.evidence, f.missing, f.known, f.coverage, t)
    if sub is not None and not any(q.status == "mismatch" for q in f.stated):
        return f.result("contradicted", "entity", f.base + t.entity_bonus, substitute=sub, quantities=f.stated)
    share = 1 - len(f.missing) / len(f.claim.entities)
    return f.result("unrelated", "missing_entity", f.base * share * t.missing_factor, quantities=f.stated)


def swapped_agent(f: Facts) -> Judgement | None:
    """ "According to Berg, the US wanted tariffs lifted" against "… Madrid wanted tariffs lifted"."""
    swap = agent_swap(
        f.claim.text,
        f.full,
        f.evidence.common,
        lambda a, b: bool(synonym_keys(a) & synonym_keys(b)),
        f.evidence.persons,
    )
    if swap is None or f.coverage < f.t.substitution_coverage:
        return None
    if _FIRST_PERSON_SINGULAR.fullmatch(swap[1].text) and is_author(swap[0], f.evidence.author):
        return None  # "I first read it" in Ana Ruiz's essay is Ruiz reading it
    return f.result(
        "contradicted", "entity", f.base + f.t.entity_bonus, substitute=swap[1], missing=(swap[0],), quantities=f.stated
    )


def supposed_only(f: Facts) -> Judgement | None:
    """ "Suppose the tax rate is 30 percent", "If the river were to flood the town, …": the evidence only supposes
    what the claim states as fact, so it neither supports nor contradicts it (a claim that supposes too is read
    on)."""
    text = fold_accents(f.evidence.text)
    supposed = supposes(text) or (consequence(text) and supposes(fold_accents(f.evidence.context)))
    if supposed and not about_supposing(f.claim.text):
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def said_by_others(f: Facts) -> Judgement | None:
    """What the claim has the author say, the evidence has others say: not the author's view (``others_say``)."""
    if others_say(f.claim, f.evidence):
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def _mismatches(f: Facts) -> list[QuantityCheck]:
    return [q for q in f.quantities if q.status == "mismatch"]


def mismatch_of_another_event(f: Facts) -> Judgement | None:
    """ "Chile's new rocket flew 700 km in January 2022" against the March 4 launch: another date and another
    figure for an unnamed thing are another event."""
    mismatch = _mismatches(f)
    if not mismatch:
        return None
    measured = any(not q.claim.is_date for q in mismatch)
    dated_elsewhere = any(q.claim.is_date for q in mismatch)
    if measured and dated_elsewhere and all(e.key in f.evidence.implied for e in f.claim.entities):
        return f.result("unrelated", "weak", f.base * f.t.weak_factor)
    return None


def mismatch_without_the_count(f: Facts) -> Judgement | None:
    """ "70 rockets in 2022" against "a series of rockets in 2020": the claim's count is not here, so neither is its
    event; another year is no contradiction."""
    mismatch = _mismatches(f)
    if not mismatch or any(not q.claim.is_date for q in mismatch):
        return None
    if any(q.status == "absent" and not q.claim.is_date and q.claim.unit != "ordinal" for q in f.quantities):
        return f.result("unrelated", "weak", f.base * f.t.weak_factor)
    return None


def _singled_out(f: Facts, mismatch: Sequence[QuantityCheck], anchored: bool) -> bool:
    """The claim singles out one event: a named thing ("the Model-16", "the Geneva summit"), a count, a day, a
    definite description ("The 2017 test") or a word the brief rarely uses. "Chile conducted a rocket test in 2021"
    is not denied by tests in 2006 and 2017: there may have been more."""
    claim, ev = f.claim, f.evidence
    return (
        anchored
        or any(e.key not in ev.implied and not _indefinite(claim.text, e) for e in claim.entities)
        or any(q.claim.is_date and q.claim.date and q.claim.date[2] is not None for q in mismatch)
        or claim.text.lstrip().lower().startswith("the ")
        or (f.top > 0 and any(ev.weights.get(w, 0.0) >= f.t.rare * f.top for w in f.matched))
    )


def mismatched_number(f: Facts) -> Judgement | None:
    """A number of the claim differs from the evidence's number in the same role: a contradiction when the evidence
    is about the claim's fact, else unrelated."""
    mismatch = _mismatches(f)
    if not mismatch:
        return None
    t = f.t
    # Another of the claim's measurements matching here ("five times the speed of sound") pins the passage to the
    # claim's fact as firmly as a strong role does.
    strong = any(q.strength > 0 for q in mismatch) or any(
        q.status == "match" and not q.claim.is_date and not q.claim.is_count for q in f.quantities
    )
    measured = any(not q.claim.is_date for q in mismatch)
    anchored = any(q.status == "match" for q in f.quantities)
    # A different date only contradicts when the event is plainly the same one (its words line up, or another
    # number of the claim matches here), and one the claim singles out; a different measurement needs less.
    slack = t.anchored_date_event_slack if anchored else 0.0
    event = f.words_coverage >= t.date_event_coverage - slack or f.similarity >= t.same_event_similarity
    event = event and (measured or _singled_out(f, mismatch, anchored))
    need_cov = t.number_coverage + (0 if strong else t.weak_number_coverage)
    need_sim = t.number_similarity + (0 if strong else t.weak_number_similarity)
    if (measured or event) and (f.coverage >= need_cov or f.similarity >= need_sim):
        bonus = t.strong_number_bonus if strong else t.weak_number_bonus
        return f.result("contradicted", "number", f.base + bonus)
    return f.result("unrelated", "weak", f.base * f.t.weak_factor)


def refuted_statement(f: Facts) -> Judgement | None:
    """ "Owls can turn their heads all the way round" against "A legend claims that owls can turn their heads all
    the way round; this has been proven false": the evidence reports the claim only to deny it. A claim that
    denies the reported statement is not contradicted by the denial (nor, to be safe, supported by it)."""
    found = refuted_report(f.claim.text, f.evidence.full)
    if found is None:
        return None
    if found.same_polarity and f.coverage >= f.t.opposition_coverage:
        return f.result("contradicted", "negation", f.base + f.t.negation_bonus, opposite=found.refutation)
    return f.result("unrelated", "partial", f.base * f.t.partial_factor)


def opposed_class(f: Facts) -> Judgement | None:
    """ "The XY-24 is a long-range glider" against "XY-24 … Short range glider"."""
    attribute = f.attribute
    if attribute.status != "opposed":
        return None
    # The claim's own class word counts as matched, as an antonym does: it is what differs.
    claimed = {k for tok in tokens(attribute.claimed) if tok.stem for k in synonym_keys(tok.stem)}
    if f.with_words(claimed | _stem_set(tokens(attribute.claimed))) < f.t.opposition_coverage - f.t.opposition_slack:
        return None
    return f.result("contradicted", "attribute", f.base + f.t.opposition_bonus, opposite=attribute.difference)


def superlative_elsewhere(f: Facts) -> Judgement | None:
    """ "Wind was the largest source" against "Solar was the largest source"."""
    rival = superlative_rival(f.claim, f.evidence.text)
    if rival is None or f.coverage < f.t.opposition_coverage - f.t.opposition_slack:
        return None
    return f.result("contradicted", "comparative", f.base + f.t.opposition_bonus, opposite=rival)


def superlative_flipped(f: Facts) -> Judgement | None:
    """ "one of the least powerful" against "one of the most powerful"."""
    degrees = superlative_degrees(f.evidence.text)
    flipped = [d for d in superlative_degrees(f.claim.text) if (d[0], -d[1]) in degrees and d not in degrees]
    if not flipped or f.coverage < f.t.opposition_coverage - f.t.opposition_slack:
        return None
    said = re.search(r"\b(?:most|least)\s+[a-z]+|\b[a-z]+est\b", f.evidence.text, re.I)
    return f.result(
        "contradicted", "comparative", f.base + f.t.opposition_bonus, opposite=said.group(0) if said else None
    )


def denied_name(f: Facts) -> Judgement | None:
    """ "the views are those of the Institute" against "… do not represent those of the Institute"."""
    _, claim_stated = denied_names(f.claim.text, common=f.evidence.common)
    ev_denied, ev_stated = denied_names(f.evidence.text, common=f.evidence.common)
    flips = [k for k in claim_stated if k in ev_denied and k not in ev_stated]
    if not flips or f.coverage < f.t.opposition_coverage:
        return None
    name = next((e.text for e in f.claim.entities if e.key == flips[0]), flips[0])
    return f.result("contradicted", "negation", f.base + f.t.negation_bonus, opposite=name, claimed=name)


def opposite_comparison(f: Facts) -> Judgement | None:
    """ "X is larger than Y" against "X is smaller than Y"."""
    verdict, words = f.comparison
    if verdict is not False or f.coverage < f.t.opposition_coverage - f.t.opposition_slack:
        return None
    if turned_contrast(f.claim.text, fold_accents(f.evidence.text)):
        return None  # "less common among girls than boys" for "more common among boys than girls": both turned

    return f.result("contradicted", "comparative", f.base + f.t.opposition_bonus, opposite=words)


def contrast_turned(f: Facts) -> Judgement | None:
    """ "X is more common among boys than girls" against "… among girls than boys", and "A rather than B" against
    "B rather than A": the same two sides of a contrast, the other way round; and "Y is large, while Z is small"
    against "Z is large, while Y is small": two subjects given each other's predicates."""
    text = fold_accents(f.evidence.text)
    if not (swapped_contrast(f.claim.text, text) or swapped_pairing(f.claim.text, text)):
        return None
    if f.coverage < f.t.opposition_coverage - f.t.opposition_slack:
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return f.result("contradicted", "comparative", f.base + f.t.opposition_bonus)


def opposite_polarity(f: Facts) -> Judgement | None:
    """A word the claim shares with the evidence, affirmed in one and denied in the other, or an antonym: a
    contradiction when the rest lines up, and never support whatever else does."""
    opposite, antonym = polarity_conflict(f.claim, f.ev_toks, set(f.have))
    if not opposite:
        return None
    if f.with_words(synonym_keys(antonym or "")) >= f.t.opposition_coverage:
        keys = (
            synonym_keys(antonym)
            if antonym
            else {k for tok in f.ev_toks if tok.text == opposite for k in synonym_keys(tok.stem)}
        )
        word = next((tok.text for tok in tokens(f.claim.text) if tok.stem and synonym_keys(tok.stem) & keys), antonym)
        return f.result("contradicted", "negation", f.base + f.t.negation_bonus, opposite=opposite, claimed=word)
    return f.result("unrelated", "partial", f.base * f.t.partial_factor)


def missing_number(f: Facts) -> Judgement | None:
    """A number of the claim the evidence does not have: the claim's fact is not here."""
    if any(q.status == "absent" for q in f.quantities):
        return f.result("unrelated", "missing_number", f.base * f.t.partial_factor)
    # "one-on-one" holds a number word that is no figure: the term itself must be there.
    if any(t not in f.have and t not in f.matched for t in f.claim.terms):
        term = other_term(f.claim.text, f.evidence.text)
        if term is not None:
            return f.result("contradicted", "attribute", f.base + f.t.opposition_bonus, opposite=term)
        return other_compound(f) or f.result("unrelated", "missing_number", f.base * f.t.partial_factor)
    return None


def comparison_not_stated(f: Facts) -> Judgement | None:
    """The claim compares two things and the evidence does not compare them."""
    if f.claim.comparisons and f.comparison[0] is None:
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def unnamed_member(f: Facts) -> Judgement | None:
    """ "such as mean, median and variance" names some members of a kind: not the claim's missing one."""
    if unlisted_member(f.claim.text, [w for w in f.claim.content if w not in f.matched], f.evidence.text):
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def another_kind(f: Facts) -> Judgement | None:
    """ "a communications satellite" against "a reconnaissance satellite": the shared noun, another kind."""
    if other_modifier(f.claim.text, [w for w in f.claim.content if w not in f.matched], f.evidence.text):
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def another_deed(f: Facts) -> Judgement | None:
    """ "Its goal is to build closer ties with X" against "its goal is to intimidate X": the parties are there,
    the claim's verb and its object are not."""
    # The deed must be in the quoted sentence itself, not only in one it leans on ("… continue to build weapons.").
    focal = _stem_set(tokens(fold_phrases(f.evidence.text)))
    if missing_predicate(f.claim.text, {w for w in f.claim.content if not synonym_keys(w) & focal}):
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def _parts(compound: str) -> list[str]:
    """A compound's parts, figures written as digits ("five-year" -> ["5", "year"])."""
    out = []
    for p in compound.split("-"):
        n = parse_number(p) if p else None
        out.extend([f"{n:g}"] if n is not None else [p] if p else [])
    return out


def other_compound(f: Facts) -> Judgement | None:
    """ "one-person-one-vote" against "one-share-one-vote", "part-time" against "full-time": a compound of the
    claim the evidence writes with another part in place of one of its own is another term, not the claim's."""
    have = f.have
    for s in f.claim.content:
        parts = _parts(s)
        if len(parts) < 2 or s in f.matched or s in have:
            continue
        for t in f.ev_toks:
            theirs = _parts(t.stem)
            if len(theirs) < 2 or theirs == parts:
                continue
            if set(parts) & set(theirs) and (set(parts) ^ set(theirs)):
                return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def rare_word_missing(f: Facts) -> Judgement | None:
    """A word the brief uses only rarely, missing here, means the claim is about another passage's fact ("a
    train-based rocket in 2019" against "short-range rockets in 2019")."""
    if f.rare_missing:
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def another_subject(f: Facts) -> Judgement | None:
    """The evidence says the claim's words of something else."""
    ev = f.evidence
    if other_subject(f.claim.text, ev.text, ev.context, ev.common, ev.persons):
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def class_of_another(f: Facts) -> Judgement | None:
    """The evidence's "short-range" is about something else than the claim's Model-12."""
    if f.attribute.status == "elsewhere":
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def _we(f: Facts) -> frozenset[str]:
    return first_person_keys(f.evidence.voice, f.evidence.common, f.evidence.weights)


def roles_reversed(f: Facts) -> Judgement | None:
    """ "Chile considers Peru a rival" against "Peru perceives Santiago … as a rival": the same names, the other
    way round (a comparison stated the other way round, "X is smaller than Y" for "Y is larger than X", is the
    claim itself)."""
    if (
        f.comparison[0] is not True
        and reversed_roles(f.claim.text, f.claim.entities, f.full, f.evidence.common)
        # a passive keeps the roles the other way round, and "we" is the document's masthead
        and not roles_kept(f.claim.text, fold_phrases(f.full), _we(f))
    ):
        return f.result("unrelated", "partial", f.base * f.t.partial_factor)
    return None


def swapped_roles(f: Facts) -> Judgement | None:
    """ "The court reversed the agency" against "the agency reversed the court": the same words, the parties on
    each other's side of the verb (a passive keeps them: "the agency was reversed by the court" is the claim). A
    comparison turned round ("X is more likely than Y to …" against "Y is more likely to …") is the opposite
    comparison; any other reversal only leaves the claim unsaid."""
    # The sentences the evidence leans on count too: "they would draft the X" before "they could only draft …".
    reversal = role_reversal(f.claim.text, fold_phrases(f.evidence.full), _we(f))
    if reversal is None:
        return None
    if reversal.comparison and f.coverage >= f.t.opposition_coverage - f.t.opposition_slack:
        return f.result("contradicted", "comparative", f.base + f.t.opposition_bonus)
    return f.result("unrelated", "partial", f.base * f.t.partial_factor)


def too_few_words(f: Facts) -> Judgement | None:
    """The claim's own words, not only its numbers, must be there: "Berg met Ruiz in 2021" is not "in 2021, Berg
    described his policy". A matched measurement ("250,000 tons of TNT") is the claim's own fact, whatever words
    frame it."""
    if f.claim.content and f.words_coverage < f.t.words_coverage and not f.measured:
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def universal_hedged(f: Facts) -> Judgement | None:
    """ "Wind always cools" against "wind generally cools": the evidence allows the exceptions the claim denies."""
    if hedged(f.claim.text, f.evidence.text):
        return f.result("unrelated", "partial", f.base * f.t.near_partial_factor)
    return None


def same_fact(f: Facts) -> Judgement | None:
    """Support: the quoted sentence carries the claim (a matched measurement, "about 6,200 km/h", does by itself)
    and the evidence covers it, closely or with a similar meaning."""
    t = f.t
    carried = f.focal_coverage >= t.focal_coverage or f.measured
    covered = f.coverage >= t.support_coverage or (
        f.coverage >= t.support_coverage_with_similarity and f.similarity >= t.support_similarity
    )
    if carried and covered:
        return f.result("supported", "match", f.base + t.quantity_support_bonus * bool(f.claim.quantities))
    return None


RULES: tuple[Rule, ...] = (
    missing_name,
    swapped_agent,
    supposed_only,
    said_by_others,
    mismatch_of_another_event,
    mismatch_without_the_count,
    mismatched_number,
    refuted_statement,
    opposed_class,
    superlative_elsewhere,
    superlative_flipped,
    denied_name,
    opposite_comparison,
    contrast_turned,
    opposite_polarity,
    missing_number,
    comparison_not_stated,
    unnamed_member,
    another_kind,
    another_deed,
    other_compound,
    rare_word_missing,
    another_subject,
    class_of_another,
    roles_reversed,
    swapped_roles,
    too_few_words,
    universal_hedged,
    same_fact,
)


_OPPOSED = frozenset({"negation", "comparative", "attribute"})  # not a number: another event may have another figure


def outweighs(contradiction: Judgement, support: Judgement, t: Thresholds = THRESHOLDS) -> bool:
    """Whether a contradiction decides against a support: it states the claim's words nearly in full with one
    opposed ("Climate models do not account for X" for "Climate models account for X"), where the support only
    covers part of the claim, and scores clearly higher."""
    return (
        contradiction.reason in _OPPOSED
        and contradiction.coverage >= t.outweigh_coverage
        and support.coverage < t.outweighed_support_coverage
        and contradiction.score >= support.score + t.outweigh_margin
    )


def compare(
    claim: Claim,
    evidence: Evidence,
    similarity: float,
    *,
    known: Callable[[Entity], bool] = lambda e: True,
    thresholds: Thresholds = THRESHOLDS,
    rules: Sequence[Rule] = RULES,
) -> Judgement:
    """Compare a claim with one piece of evidence: the first rule that decides gives the judgement, else the
    evidence is unrelated. ``known(entity)``: the brief mentions it somewhere."""
    facts = _measure(claim, evidence, similarity, known, thresholds)
    for rule in rules:
        judgement = rule(facts)
        if judgement is not None:
            return judgement
    return facts.result("unrelated", "partial", facts.base * thresholds.near_miss_factor)
