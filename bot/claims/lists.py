"""Example lists: "functions such as mean, median and variance" names three members of a kind and no others.

A claim that the kind includes a member the list does not name ("… such as mode") is not supported by the list,
however many of the claim's other words it shares. The list says nothing against the claim either: other members
may exist, so the verdict is left to other evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.claims.lexicon import phrases
from bot.claims.text import tokens

_INTRODUCERS = phrases("list_introducers.txt")
_ITEM = r"[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}"
_LIST = re.compile(
    rf"\b(?P<intro>such\s+as|including|includes|include|e\.g\.,?|like|for\s+example,?|for\s+instance,?)\s+"
    rf"(?P<items>{_ITEM}(?:\s*,\s*{_ITEM})*(?:\s*,?\s+(?:and|or)\s+{_ITEM})?)",
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
    for head, members in example_lists(evidence):
        if own and own & members and own & lacking:
            return next(iter(own & lacking))  # the claim lists its own members: one is not the evidence's
        if own and own <= members:
            continue  # "farms such as orchards" against "farms, such as orchards and …": named here
        for i, t in enumerate(toks):
            if t.stem != head and t.stem not in members:
                continue
            near = {u.stem for u in toks[max(0, i - 2) : i + 4]}
            if near & lacking:
                return next(iter(near & lacking))
    return None
