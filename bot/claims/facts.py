"""What every comparison rule reads: a claim and one piece of evidence measured once (``Facts``): the names the
evidence lacks, the quantities checked, and how much of the claim's wording it covers."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from bot.claims.attributes import AttributeCheck, check_attributes
from bot.claims.attribution import names_the_speaker, own_voice
from bot.claims.authorship import AUTHOR_NOUNS, FIRST_PERSON, FIRST_PERSON_SINGULAR, by_the_author, in_voice, is_author
from bot.claims.claim import Claim
from bot.claims.demonstratives import taken_up_earlier
from bot.claims.evidence import Evidence
from bot.claims.judgement import Judgement, Outcome, Reason, Thresholds
from bot.claims.lexicon import NECESSITY, fold_phrases
from bot.claims.modality import habit_frame
from bot.claims.names import claim_acronyms, expand_acronyms, head_noun, head_noun_key, surname_of
from bot.claims.opposition import comparative
from bot.claims.pairing import QuantityCheck
from bot.claims.quantities import as_precise, check_quantities, year_of
from bot.claims.text.entities import Entity, entity_keys, mentions
from bot.claims.text.tokens import Token, fold_accents, synonym_keys, tokens, word_stem
from corpus.text.words import STOPWORDS

_NEED = word_stem("need")

_DATE_OPENER = re.compile(r"^\s*(?:in|during|by)\s+(?:early\s+|late\s+|mid-)?(?:\d{4}|[A-Z][a-z]+\s+\d{4}),", re.I)


def stem_set(toks: tuple[Token, ...]) -> set[str]:
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


def weighted_coverage(
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


def _named_by_surname(entity: Entity, full: str, known: Callable[[Entity], bool]) -> bool:
    """ "Kegel coined the term" names the claim's "Dan Kegel" when the brief writes that full name somewhere: a
    person is taken up by the last word of the name (not when another capitalised word stands before it)."""
    words = re.sub(r"['’]s$", "", entity.text).split()
    last = words[-1] if words else ""
    if len(words) < 2 or len(last) < 3 or not last[:1].isupper() or not known(entity):
        return False
    for m in re.finditer(rf"\b{re.escape(last)}\b", full):
        before = full[: m.start()].split()[-1:]
        if not (before and before[0][:1].isupper() and m.start() > 0 and full[m.start() - 1] == " "):
            return True
    return False


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
        return weighted_coverage(self.claim.content, self.have | extra, self.evidence.weights, self.numbers)[0]

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


def measure(
    claim: Claim, evidence: Evidence, similarity: float, known: Callable[[Entity], bool], t: Thresholds
) -> Facts:
    # Folded like the claim ("would not step back from" reads "would not abandon"); quotes stay verbatim.
    wanted = claim_acronyms(claim.text)
    full = expand_acronyms(fold_phrases(fold_accents(evidence.full)), evidence.acronyms, wanted)
    ev_keys = entity_keys(full) | set(evidence.implied)
    low = " ".join(full.lower().split())
    missing = tuple(
        e
        for e in claim.entities
        if not mentions(e, ev_keys, low)
        and not _named_by_head(e, low, evidence)
        and not _named_by_surname(e, full, known)
    )
    if missing and evidence.voice and FIRST_PERSON.search(evidence.text):
        # "We … now affirm" in a ruling headed "Court of Appeals / First Circuit": the court speaks as "we".
        missing = tuple(e for e in missing if not in_voice(e, evidence.voice))
    if missing and evidence.author and FIRST_PERSON_SINGULAR.search(fold_accents(evidence.text)):
        # "I argue that …" in an essay by Ana Ruiz is Ruiz arguing it.
        missing = tuple(e for e in missing if not is_author(e, evidence.author))
    if missing and evidence.author and own_voice(evidence.full):
        # "According to Faraday, …" in Faraday's own book: what it says in its own voice is his saying.
        missing = tuple(e for e in missing if not (is_author(e, evidence.author) and names_the_speaker(claim.text, e)))
    ev_toks = tokens(full)
    have = stem_set(ev_toks)
    if by_the_author(evidence):
        # "The author argues …" against "I argue …" (or "Ruiz argues …" in Ruiz's essay).
        have |= {k for w in AUTHOR_NOUNS for k in synonym_keys(word_stem(w))}
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
    coverage, matched = weighted_coverage(claim.content, have, evidence.weights, numbers)
    words_coverage, _ = weighted_coverage(claim.content, have, evidence.weights)
    focal_have = stem_set(tokens(expand_acronyms(fold_phrases(evidence.text), evidence.acronyms, wanted)))
    focal_coverage, _ = weighted_coverage(claim.content, focal_have, evidence.weights, (numbers[0], focal_numbers))
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


# A rule reads the facts and decides (a judgement) or passes (None); ``bot.claims.compare.RULES`` orders them.
Rule = Callable[[Facts], Judgement | None]
