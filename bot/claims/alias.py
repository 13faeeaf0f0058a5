"""Claims that one name is another's alias: "The Falcon-12 is also known as the XY-17".

Briefs give a second name in brackets right after the first ("Falcon-12 (XY-17)", "National Security Systems
(NSS)"). A claim pairing two names is supported when a passage brackets one with the other, and contradicted when
a passage brackets the claim's first name with a different name of the same kind (another designation, another
acronym). Anything else is left to the general comparison.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.models import Brief, Passage

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*"
_CLAIM = re.compile(
    rf"^\W*(?:the\s+)?(?P<a>{_NAME})\s*,?\s+(?:is|was|are|were)\s+(?:also\s+)?(?:known|called|designated|named|"
    rf"referred\s+to)\s+(?:as\s+)?(?:the\s+)?(?P<b>{_NAME})\s*\.?\s*$|"
    rf"^\W*(?:the\s+)?(?P<c>{_NAME})\s*,?\s+(?:is|was)\s+(?:also\s+)?(?:designated|called|named)\s+(?:the\s+)?"
    rf"(?P<d>{_NAME})\s*\.?\s*$|"
    rf"^\W*(?:the\s+)?(?P<e>{_NAME})\s+(?:is|was)\s+(?:another|a\s+second|an\s+alternative)\s+name\s+for\s+"
    rf"(?:the\s+)?(?P<f>{_NAME})\s*\.?\s*$",
)
_BRACKETED = re.compile(rf"(?P<a>{_NAME})\s+\((?P<b>[A-Z][\w'’. -]*)\)")
_DESIGNATION = re.compile(r"^[A-Za-z]+-\d+[A-Za-z]?$")
_ACRONYM = re.compile(r"^[A-Z]{2,}$")


@dataclass(frozen=True, slots=True)
class AliasFinding:
    verdict: str  # "supported" | "contradicted"
    brief: Brief
    passage: Passage
    found: str  # the bracketed pair as the brief writes it, "Falcon-12 (XY-17)"
    other: str  # the brief's other name for the claim's first name ("" when supported)


def _clean(name: str) -> str:
    """A name without a leading "The" or a closing full stop."""
    return re.sub(r"^(?:the|The)\s+", "", name.strip()).rstrip(".").strip()


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", "-", _clean(name).lower())


def _kind(name: str) -> str:
    if _DESIGNATION.match(name):
        return "designation"
    if _ACRONYM.match(name):
        return "acronym"
    return "name"


def alias_claim(claim: str) -> tuple[str, str] | None:
    """The two names a claim says are the same thing, or None."""
    m = _CLAIM.match(claim.strip())
    if m is None:
        return None
    pairs = [(m.group("a"), m.group("b")), (m.group("c"), m.group("d")), (m.group("e"), m.group("f"))]
    return next((_clean(a), _clean(b)) for a, b in pairs if a and b)


def check_alias(claim: str, briefs: Sequence[Brief]) -> AliasFinding | None:
    """Decide an alias claim from the briefs' bracketed names; None when the claim is not one or nothing decides."""
    names = alias_claim(claim)
    if names is None:
        return None
    a, b = _key(names[0]), _key(names[1])
    contradiction: AliasFinding | None = None
    for brief in briefs:
        for p in brief.passages:
            for m in _BRACKETED.finditer(p.text):
                x = m.group("a").split()[-1] if _kind(m.group("b")) == "designation" else m.group("a")
                first, second = _key(x), _key(m.group("b"))
                if {first, second} == {a, b}:
                    return AliasFinding("supported", brief, p, m.group(0), "")
                if contradiction is None and first == a and _kind(m.group("b")) == _kind(names[1]):
                    contradiction = AliasFinding("contradicted", brief, p, m.group(0), m.group("b"))
    return contradiction
