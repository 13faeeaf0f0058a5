"""Explanations of claim verdicts that name the deciding difference ("The brief says the Model-17 flew for
1,090 km, not 2,000 km (uncited in the brief).")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.claims.claim import Claim
from bot.claims.evidence import Unit
from bot.claims.judgement import Judgement
from bot.claims.numbers.agreement import agrees
from bot.claims.numbers.extract import extract_quantities
from bot.claims.numbers.quantity import Quantity, lemma, render
from bot.claims.quantities import comparable
from bot.qa.render import marker
from corpus.models import Citation
from corpus.text.words import STOPWORDS


def _subject_phrase(claim: Claim) -> str | None:
    if not claim.entities:
        return None
    e = claim.entities[0]
    before = claim.text[: e.start].rstrip().split()
    if [w.lower() for w in before] not in ([], ["the"]):
        return None  # the claim does not open on this name: it is not what the evidence's "it" stands for
    return f"the {e.text}" if before else e.text


def _clause(text: str, start: int, end: int, subject: str | None) -> str:
    """The evidence's clause that ends with the deciding words, its pronoun subject replaced by the claim's."""
    cut = 0
    for m in re.finditer(r"[;:]\s*|,\s+(?=(?:which|and|while|but|it|they)\b)", text[:start]):
        cut = m.end()
    piece = text[cut:end].strip()
    intro = re.match(r"^[^,]{0,40},\s+", piece)
    if intro and intro.end() <= start - cut and not re.match(r"(?:it|they|which)\b", piece[intro.end() :], re.I):
        piece = piece[intro.end() :]  # "During the Berg era, Ana Ruiz and Berg met …"
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
    if first[1:] != first[1:].lower() or (subject and piece.startswith(subject)):
        return piece  # "US …", "the Model-17 …": a name keeps its capitals
    if first.lower() in STOPWORDS or first.lower() in {"during", "earlier", "similarly", "moreover"}:
        piece = piece[:1].lower() + piece[1:]
    return piece


def _window(text: str, word: str | None, before: int = 3, after: int = 2) -> str | None:
    """The words around ``word`` in ``text`` within its clause ("have failed to restart trade")."""
    if not word:
        return None
    m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE)
    if m is None:
        return None
    start = max((k.end() for k in re.finditer(r"[,;:()]\s*", text[: m.start()])), default=0)
    stop = re.search(r"[,;:.()]", text[m.end() :])
    left = text[start : m.start()].split()[-before:]
    right = text[m.end() : m.end() + stop.start() if stop else len(text)].split()[:after]
    return " ".join([*left, m.group(0), *right])


def quote_text(c: Citation) -> str:
    return f"“{' '.join(c.quote.split())}” {marker(c)}"


def _noun_end(text: str, q: Quantity) -> int:
    """Where the noun a count counts ends ("10 tests", "six underground tests"), else the number's end."""
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
    # A note is quoted whole but compared a sentence at a time: the deciding clause is in that sentence.
    note = unit.focal[0].kind == "footnote" and q.evidence.text in unit.statement
    full = unit.statement if note else unit.text if q.evidence.text in unit.text else unit.context_text
    idx = full.find(q.evidence.text)
    if idx < 0:
        return f"The brief gives {render(q.evidence)}, not {said}: {quote_text(c)}."
    located = next((e for e in extract_quantities(full) if e.start == idx), q.evidence)
    clause = _clause(full, idx, _noun_end(full, located), _subject_phrase(claim))
    if len(clause.split()) < 4:
        # "On March 24" alone does not say what happened then: quote the whole sentence.
        starts = [0, *(m.end() for m in re.finditer(r"(?<=[.!?])\s+", full[:idx]))]
        stop = re.search(r"[.!?](?:\s|$)", full[idx:])
        sentence = full[starts[-1] : idx + stop.end() if stop else len(full)].strip()
        clause = f"“{re.sub(r'[¹²³⁴⁵⁶⁷⁸⁹⁰]+', '', sentence)}”"
    dated = q.evidence.date
    if q.evidence.is_date and dated and dated[0] is not None and str(dated[0]) not in q.evidence.text:
        clause += f" (in {dated[0]}, the year its paragraph gives)"
    return f"The brief says {clause}, not {said} {marker(c)}."


def explain(verdict: str, j: Judgement | None, unit: Unit | None, c: Citation | None, claim: Claim) -> str:
    if j is None or unit is None or c is None:
        return "Nothing in the brief addresses this claim."
    if verdict == "supported":
        formats = [
            f"{render(q.evidence)} matches {render(q.claim)}"
            for q in j.quantities
            if q.evidence is not None and render(q.evidence).lower() != render(q.claim).lower()
        ]
        extra = f" ({'; '.join(formats)})" if formats else ""
        return f"The brief says so: {quote_text(c)}{extra}."
    if j.reason == "number":
        return _explain_number(j, unit, c, claim)
    if j.reason == "entity" and j.substitute is not None and j.missing:
        return f"The brief names {j.substitute.text}, not {j.missing[0].text}: {quote_text(c)}."
    if j.reason == "comparative":
        said = f"; it says “{j.opposite}”" if j.opposite else ""
        return f"The brief states the opposite comparison{said}: {quote_text(c)}."
    if j.reason == "attribute" and j.opposite:
        named = _subject_phrase(claim)
        return f"The brief calls {named or 'it'} {j.opposite}: {quote_text(c)}."
    if j.reason in ("negation", "slot"):
        theirs = _window(c.quote, j.opposite)
        ours = _window(claim.text, j.claimed)
        if theirs and ours and theirs.lower() != ours.lower():
            return f"The brief says “{theirs}”, not “{ours}”: {quote_text(c)}."
        if theirs:
            return f"The brief says the opposite (“{theirs}”): {quote_text(c)}."
        return f"The brief says the opposite: {quote_text(c)}."
    return f"The brief does not say this. The closest passage: {quote_text(c)}."


def in_note(explanation: str, unit: Unit) -> str:
    """Say so when the deciding words are in one of the brief's notes, not its body ("In note 2, the brief …")."""
    first = unit.focal[0]
    if first.kind != "footnote" or not first.footnotes or not explanation.startswith("The brief "):
        return explanation
    return f"In note {first.footnotes[0]}, the brief {explanation[len('The brief ') :]}"


def elsewhere(judged: Sequence[tuple[Judgement, Unit]], best: Judgement) -> tuple[Unit, str] | None:
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
