"""Words of a closed class that fill one slot of a sentence ("on Monday evenings", "in the winter", "north of the
river"): the claim's member missing from the evidence, where the evidence has another member of its class in the
same place, states another fact ("met on Monday evenings" against "we met on Friday evenings").

The classes are general English (``wordlists/slot_classes.txt``)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.claims.lexicon import groups
from bot.claims.text.entities import entities
from bot.claims.text.tokens import Token, synonym_keys, tokens


def _classes() -> tuple[dict[str, tuple[str, str]], frozenset[str]]:
    members: dict[str, tuple[str, str]] = {}
    capital: set[str] = set()
    for name, *entries in groups("slot_classes.txt"):
        for entry in entries:
            forms = entry.lstrip("^").split("/")
            for form in forms:
                members[form] = (name, forms[0])
                if entry.startswith("^"):
                    capital.add(form)
    return members, frozenset(capital)


_MEMBERS, _CAPITAL = _classes()
NEIGHBOUR_REACH = 2  # tokens either side of a slot word that may show where it stands
DEGREE_MARKERS = frozenset({"most", "least"})


@dataclass(frozen=True)
class SlotSwap:
    """The claim's slot word, the evidence's other member of its class, and whether they stand in the same place
    (a content word next to one is next to the other on the same side)."""

    claimed: str
    found: str
    aligned: bool


def member(t: Token) -> tuple[str, str] | None:
    """(class, member) of a token, or None ("evenings" -> ("daypart", "evening"))."""
    norm = t.norm
    if norm not in _MEMBERS and norm.endswith("s") and norm[:-1] in _MEMBERS:
        norm = norm[:-1]
    found = _MEMBERS.get(norm)
    if found is None or (norm in _CAPITAL and not t.text[:1].isupper()):
        return None
    return found


def _members(text: str, toks: tuple[Token, ...]) -> list[tuple[str, str] | None]:
    """The class member of each token; none inside a name of several words ("North Dakota", "Good Friday")."""
    names = [(e.start, e.end) for e in entities(text) if " " in e.text.strip() or "-" in e.text]
    return [None if any(s <= t.start < e for s, e in names) else member(t) for t in toks]


def _neighbours(toks: tuple[Token, ...], i: int) -> set[tuple[str, str]]:
    """The content words just before and after token ``i`` (their synonym keys), marked with their side."""
    out: set[tuple[str, str]] = set()
    for side, span in (
        ("<", range(i - 1, max(-1, i - 1 - NEIGHBOUR_REACH - 1), -1)),
        (">", range(i + 1, i + 2 + NEIGHBOUR_REACH)),
    ):
        for k in span:
            if not 0 <= k < len(toks):
                break
            if toks[k].stem:
                out.update((side, key) for key in synonym_keys(toks[k].stem))
                break
    return out


def slot_swaps(claim: str, evidence: str) -> list[SlotSwap]:
    """Each slot word of the claim that the evidence lacks while it has another member of the same class."""
    ctoks, etoks = tokens(claim), tokens(evidence)
    c_members = _members(claim, ctoks)
    e_members = _members(evidence, etoks)
    c_set = {m for m in c_members if m}
    e_set = {m for m in e_members if m}
    out = []
    for i, m in enumerate(c_members):
        if m is None or m in e_set:
            continue
        rivals = [j for j, o in enumerate(e_members) if o and o[0] == m[0] and o not in c_set]
        if not rivals:
            continue
        near = _neighbours(ctoks, i)
        aligned = [j for j in rivals if near & _neighbours(etoks, j)]
        j = aligned[0] if aligned else rivals[0]
        out.append(SlotSwap(ctoks[i].text, etoks[j].text, bool(aligned)))
    return out + _degree_swaps(ctoks, etoks)


def _degree_word(toks: tuple[Token, ...], i: int) -> str | None:
    """The degree marker ("most", "least") before token ``i`` when ``i`` is a content word, else None."""
    if i == 0 or not toks[i].stem or toks[i - 1].norm not in DEGREE_MARKERS:
        return None
    return toks[i - 1].norm


def _degree_swaps(ctoks: tuple[Token, ...], etoks: tuple[Token, ...]) -> list[SlotSwap]:
    """ "the most vulnerable in its history" against "the most secure in its history": the word a superlative
    grades is the slot, and another word graded the same way in the same place is another description; "the least
    important" against "the most important" is the other end of the same scale."""
    e_stems = {t.stem for t in etoks if t.stem}
    graded = {(_degree_word(etoks, j), etoks[j].stem) for j in range(len(etoks))}
    out = []
    for i in range(len(ctoks)):
        degree = _degree_word(ctoks, i)
        if degree is None or (degree, ctoks[i].stem) in graded:
            continue
        if ctoks[i].stem in e_stems:
            # "the least important" against "the most important": the other end of the same scale
            other = next((d for d, st in graded if d and d != degree and st == ctoks[i].stem), None)
            if other:
                out.append(SlotSwap(degree, other, True))
            continue
        near = _neighbours(ctoks, i)
        for j in range(len(etoks)):
            if _degree_word(etoks, j) == degree and near & _neighbours(etoks, j):
                out.append(SlotSwap(ctoks[i].text, etoks[j].text, True))
                break
    return out
