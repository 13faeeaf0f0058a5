"""Exclusive attributes: classes of which a thing has exactly one ("short-range" or "long-range", "bilateral" or
"multilateral", "hourly" or "daily" data), read from ``bot/claims/wordlists/attribute_scales.txt``.

A claim that gives a named thing one class is supported only where the evidence gives that class to the same
thing, in the same sentence; it is contradicted where that sentence gives the thing another class of the same
scale and not the claim's. A class the evidence gives to something else (the next sentence's "It built two
short-range bridges" after "… the Model-12 …") decides nothing about the claim's thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.claims.lexicon import fields

# scale -> pattern whose group "v" is the class.
SCALES: dict[str, re.Pattern[str]] = {
    scale: re.compile(pattern, re.I) for scale, _, pattern in fields("attribute_scales.txt", 2)
}
_NOUN = {scale: noun for scale, noun, _ in fields("attribute_scales.txt", 2)}


@dataclass(frozen=True)
class Attribute:
    scale: str
    value: str
    start: int
    sentence: int  # index of the sentence it is in


@dataclass(frozen=True)
class AttributeCheck:
    """How the evidence stands on the claim's classes: ``confirmed``, ``opposed`` (with the evidence's class) or
    ``elsewhere`` (the evidence has the claim's class, but not for the claim's thing)."""

    status: str  # "confirmed" | "opposed" | "elsewhere" | "silent"
    claimed: str = ""
    found: str = ""

    @property
    def difference(self) -> str:
        """ "short-range, not intermediate-range" (the evidence's class, then the claim's)."""
        return f"{self.found}, not {self.claimed}"


def spell_out(text: str, acronyms: Mapping[str, str]) -> str:
    """The document's acronyms written out in place ("the NSS" -> "the National Security Systems")."""
    if not acronyms:
        return text

    def one(m: re.Match[str]) -> str:
        long = acronyms[m.group(1).lower()]
        return long + ("s" if m.group(2) else "")

    names = "|".join(re.escape(a) for a in sorted(acronyms, key=len, reverse=True))
    return re.sub(rf"\b({names})(s?)\b", one, text, flags=re.I)


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"'“])", text))]


def attributes(text: str) -> list[Attribute]:
    """Every class named in the text, with the sentence it is in."""
    starts = _sentence_starts(text)
    out = []
    for scale, pattern in SCALES.items():
        for m in pattern.finditer(text):
            value = m.group("v")
            sentence = max(i for i, s in enumerate(starts) if s <= m.start())
            out.append(Attribute(scale, value.lower(), m.start(), sentence))
    return out


def _sentences_naming(text: str, names: Iterable[str]) -> set[int]:
    starts = _sentence_starts(text)
    found = set()
    low = text.lower()
    for name in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name.lower())}(?!\w)", low):
            found.add(max(i for i, s in enumerate(starts) if s <= m.start()))
    return found


def _shown(a: Attribute) -> str:
    return a.value + _NOUN.get(a.scale, "")


def check_attributes(
    claim: str, names: Iterable[str], evidence: str, acronyms: Mapping[str, str] | None = None
) -> AttributeCheck:
    """The claim's classes for its named things (``names``: how the claim writes them) against the evidence."""
    names = list(dict.fromkeys(w for n in names if n for w in (n, spell_out(n, acronyms or {}))))
    wanted = attributes(spell_out(claim, acronyms or {}))
    if not wanted or not names:
        return AttributeCheck("silent")
    text = spell_out(evidence, acronyms or {})
    own = _sentences_naming(text, names)
    found = attributes(text)
    checks = []
    for want in wanted:
        same_scale = [a for a in found if a.scale == want.scale]
        here = [a for a in same_scale if a.sentence in own]
        if any(a.value == want.value for a in here):
            checks.append(AttributeCheck("confirmed", _shown(want), _shown(want)))
        elif here:
            checks.append(AttributeCheck("opposed", _shown(want), _shown(here[0])))
        elif any(a.value == want.value for a in same_scale):
            checks.append(AttributeCheck("elsewhere", _shown(want), _shown(want)))
    for status in ("opposed", "elsewhere", "confirmed"):
        decided = next((c for c in checks if c.status == status), None)
        if decided is not None:
            return decided
    return AttributeCheck("silent")
