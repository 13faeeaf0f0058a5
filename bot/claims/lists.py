"""Example lists: "functions such as mean, median and variance" names three members of a kind and no others.

A claim that the kind includes a member the list does not name ("… such as mode") is not supported by the list,
however many of the claim's other words it shares. The list says nothing against the claim either: other members
may exist, so the verdict is left to other evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.claims.lexicon import phrases
from bot.claims.text.tokens import Token, tokens

_INTRODUCERS = phrases("list_introducers.txt")
_ITEM = r"[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}"
# The introducers as written in the data file, longest first ("such as" before "such"), a comma allowed after.
_INTRO = "|".join(
    r"\s+".join(re.escape(w) for w in p.split()) + ",?" for p in sorted(_INTRODUCERS, key=len, reverse=True)
)
_LIST = re.compile(
    rf"(?<![\w.])(?P<intro>{_INTRO})\s+(?P<items>{_ITEM}(?:\s*,\s*{_ITEM})*(?:\s*,?\s+(?:and|or)\s+{_ITEM})?)",
    re.I,
)


def example_lists(text: str) -> list[tuple[str, frozenset[str]]]:
    """(the kind's head word stem, the stems of the listed members) for every example list in the text."""
    out = []
    for m in _LIST.finditer(text):
        intro = " ".join(m.group("intro").lower().rstrip(",").split())
        if intro not in _INTRODUCERS:
            continue
        before = [t.stem for t in tokens(text[: m.start()]) if t.stem][-1:]
        items = frozenset(t.stem for t in tokens(m.group("items")) if t.stem)
        if before and len(re.split(r",|\band\b|\bor\b", m.group("items"))) >= 2:
            out.append((before[0], items))
    return out


def _first_examples(text: str) -> set[str]:
    """The stem of the first example a text gives ("fruit farms such as orchards are …" -> {"orchard"}), even when
    it gives only one."""
    out = set()
    for m in _LIST.finditer(text):
        if " ".join(m.group("intro").lower().rstrip(",").split()) in _INTRODUCERS:
            first = next((t.stem for t in tokens(m.group("items")) if t.stem), None)
            if first:
                out.add(first)
    return out


def unlisted_member(claim: str, missing: Iterable[str], evidence: str) -> str | None:
    """A word of the claim, missing from the evidence, that stands where the evidence gives its kind only by
    example ("a mode function" or "functions such as mode" against "functions such as mean, median and variance"):
    the word, else None."""
    lacking = {s for s in missing if s}
    if not lacking:
        return None
    toks = [t for t in tokens(claim) if t.stem]
    own = {s for _, items in example_lists(claim) for s in items} | _first_examples(claim)
    member = _member_outside_list(claim, lacking, evidence)
    if member is not None:
        return member
    for head, members in example_lists(evidence):
        if own and own & members and own & lacking:
            return next(iter(own & lacking))  # the claim lists its own members: one is not the evidence's
        if own and own <= members:
            continue  # "farms such as orchards" against "farms, such as orchards and …": named here
        every = members <= {t.stem for t in toks}
        for i, t in enumerate(toks):
            if t.stem != head and t.stem not in members:
                continue
            near = toks[max(0, i - 2) : i + 4]
            if every:
                # The claim names every member of the list ("the new X featured flank and skip mobility"): only a
                # word joined to them ("…, skip mobility and drift") is one more member.
                near = [u for u in near if _coordinated(claim, u, t)]
            hit = {u.stem for u in near} & lacking
            if hit:
                return next(iter(hit))
    return None


def _coordinated(text: str, a: Token, b: Token) -> bool:
    """Whether two words of a text stand side by side in a list: only a comma, "and" or "or" between them."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end : second.start]
    return re.fullmatch(r"\s*(?:,|,?\s*(?:and|or))\s+", between, re.I) is not None


def _members(text: str) -> list[tuple[int, set[str]]]:
    """(where the introducer starts, the stems of every member after it) for each list in a text, one member
    or many ("crimes included burglary", "factors, including life experiences")."""
    out = []
    for m in _LIST.finditer(text):
        if " ".join(m.group("intro").lower().rstrip(",").split()) in _INTRODUCERS:
            out.append((m.start(), {t.stem for t in tokens(m.group("items")) if t.stem}))
    return out


def _member_outside_list(claim: str, lacking: set[str], evidence: str) -> str | None:
    """The claim says a kind includes a member ("the crimes included burglary") that the evidence, listing the
    same kind's members ("crimes …, including theft, fraud (forgery) and …"), does not name: the member's missing
    word, else None. The kind is the claim's word before its introducer, found before the evidence's."""
    claim_toks = [t for t in tokens(claim) if t.stem]
    for start, members in _members(claim):
        absent = members & lacking
        kind = [t.stem for t in claim_toks if t.end <= start][-1:]
        if not absent or not kind:
            continue
        for ev_start, _ in _members(evidence):
            sentence = re.split(r"[.;!?]\s", evidence[:ev_start])[-1]
            if kind[0] in {t.stem for t in tokens(sentence)}:
                return next(iter(sorted(absent)))
    return None
