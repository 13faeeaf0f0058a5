"""Exclusive attributes: classes of which a thing has exactly one ("short-range" or "intermediate-range",
"ballistic" or "cruise", "solid-fuel" or "liquid-fuel", "nuclear" or "conventional").

A claim that gives a named thing one class is supported only where the evidence gives that class to the same
thing, in the same sentence; it is contradicted where that sentence gives the thing another class of the same
scale and not the claim's. A class the evidence gives to something else (the next sentence's "It fired two
short-range missiles" after "… the Hwasong-12 …") decides nothing about the claim's thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.check_lexicon import ACRONYMS

# scale -> pattern whose group "v" is the class. General vocabulary of kinds, not facts of any brief.
SCALES: dict[str, re.Pattern[str]] = {
    "range": re.compile(
        r"\b(?:(?P<v>short|medium|intermediate|long)[\s-]+range|(?P<w>intercontinental)|(?P<x>strategic|tactical)"
        r"(?=\s+(?:ballistic|cruise|missile|nuclear|weapon)))\b",
        re.I,
    ),
    "launch": re.compile(
        r"\b(?P<v>submarine|ship|sea|ground|land|air|train|rail|road)[\s-]+(?:launched|based)\b", re.I
    ),
    "fuel": re.compile(r"\b(?P<v>solid|liquid)[\s-]+(?:fuel(?:led|ed)?|propellant)\b", re.I),
    "flight": re.compile(r"\b(?P<v>ballistic|cruise)(?=\s+missiles?\b)", re.I),
    "warhead": re.compile(r"\b(?P<v>nuclear|conventional)[\s-]+(?:warheads?|armed|capable|tipped)\b", re.I),
    "scope": re.compile(r"\b(?P<v>bilateral|trilateral|multilateral)\b", re.I),
}


_NOUN = {"range": "-range", "launch": "-launched", "fuel": "-fuel", "flight": " missile", "warhead": " warhead"}


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


def spell_out(text: str) -> str:
    """Acronyms written out in place ("an ICBM" -> "an intercontinental ballistic missile"), offsets not kept."""

    def one(m: re.Match[str]) -> str:
        long = ACRONYMS[m.group(1).lower()]
        return long + ("s" if m.group(2) else "")

    names = "|".join(ACRONYMS)
    return re.sub(rf"\b({names})(s?)\b", one, text, flags=re.I)


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"'“])", text))]


def attributes(text: str) -> list[Attribute]:
    """Every class named in the text, with the sentence it is in."""
    starts = _sentence_starts(text)
    out = []
    for scale, pattern in SCALES.items():
        for m in pattern.finditer(text):
            value = next(g for g in (m.group("v"), m.groupdict().get("w"), m.groupdict().get("x")) if g)
            if scale == "range" and value.lower() in {"strategic", "intercontinental"}:
                value = "intercontinental"
            sentence = max(i for i, s in enumerate(starts) if s <= m.start())
            out.append(Attribute(scale, value.lower(), m.start(), sentence))
    return out


def _sentences_naming(text: str, names: Iterable[str]) -> set[int]:
    starts = _sentence_starts(text)
    found = set()
    low = text.lower()
    for name in names:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", low):
            found.add(max(i for i, s in enumerate(starts) if s <= m.start()))
    return found


def _shown(a: Attribute) -> str:
    return a.value + _NOUN.get(a.scale, "")


def check_attributes(claim: str, names: Iterable[str], evidence: str) -> AttributeCheck:
    """The claim's classes for its named things (``names``: how the claim writes them) against the evidence."""
    names = [n for n in names if n]
    wanted = attributes(spell_out(claim))
    if not wanted or not names:
        return AttributeCheck("silent")
    text = spell_out(evidence)
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
