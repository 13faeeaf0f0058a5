"""Unicode superscript footnote markers: "¹⁰" is footnote 10, "²³" after footnote 1 is 2 and 3."""

from __future__ import annotations

import itertools
import re

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGIT = {ch: str(i) for i, ch in enumerate(SUPERSCRIPT_DIGITS)}
SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")


def superscript_to_str(run: str) -> str:
    return "".join(_TO_DIGIT[c] for c in run)


def _splits(digits: str) -> list[tuple[int, ...]]:
    """Every way to cut a digit string into numbers without leading zeros."""
    if not digits:
        return [()]
    out: list[tuple[int, ...]] = []
    for i in range(1, len(digits) + 1):
        head = digits[:i]
        if head.startswith("0"):
            continue
        out.extend((int(head), *rest) for rest in _splits(digits[i:]))
    return out


def resolve_marker(digits: str, defined: set[int], last: int) -> tuple[int, ...]:
    """Read a run of marker digits as the footnote numbers it most plausibly cites.

    A run is ambiguous ("²³" could be 23, or 2 and 3). Prefer readings whose numbers are all
    defined, increase, and continue from the last marker seen; then fewer, larger numbers.
    """
    candidates = [c for c in _splits(digits) if c and all(a < b for a, b in itertools.pairwise(c))]
    if not candidates:
        return (int(digits),)

    def score(c: tuple[int, ...]) -> tuple[int, int, int]:
        all_defined = all(n in defined for n in c)
        continues = c[0] == last + 1 or (c[0] > last and all_defined)
        return (int(all_defined), int(continues), -len(c))

    return max(candidates, key=score)
