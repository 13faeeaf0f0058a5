"""Negation: the words that only negate, the stems in a negation's scope, and the names a text denies."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.claims.lexicon import NEGATIONS, PREVENTIONS, SCARCE_PARTS, SKIP_AFTER_NEGATION, phrases, words
from bot.claims.text.entities import entities
from bot.claims.text.tokens import Token, tokens

_SCARCE = words("scarce.txt")
_FAILURE = words("failure_words.txt")  # negations that are content too ("failed to agree")


def negator_positions(toks: Sequence[Token]) -> set[int]:
    """Tokens that only negate or quantify ("not", "little", "a small part of"): not content of their own."""
    out = set()
    for i, t in enumerate(toks):
        nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
        if t.norm in NEGATIONS and t.norm not in _FAILURE:
            out.add(i)
        elif t.norm in _SCARCE and nxt in SCARCE_PARTS:
            out.update({i, i + 1})
    return out


def negated_stems(toks: Sequence[Token]) -> set[str]:
    """Stems in the scope of a negation ("failed to restart" -> restart; "is also not working" -> work)."""
    out: set[str] = set()
    for i, t in enumerate(toks):
        n = t.norm
        if n.endswith("n't"):
            n = "n't"
        prev = toks[i - 1].norm if i else ""
        nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
        if n in {"little", "few"} and prev in {"a", "quite", "not"}:
            continue  # "a few tests" is some tests
        if n in _SCARCE and nxt in SCARCE_PARTS:
            # "only a small part of the continental US" denies "continental" as "little" would.
            scope = [u for u in toks[i + 2 : i + 7] if u.stem and u.norm not in SKIP_AFTER_NEGATION]
            if scope:
                out.add(scope[0].stem)
            continue
        if (n, nxt) in {("rather", "than"), ("instead", "of")}:
            n = "not"  # "increase pressure rather than negotiate" denies "negotiate"
        if n in PREVENTIONS:
            # "prevent the chasms between them from increasing" denies "increasing", not "chasms"
            after = next((j for j in range(i + 1, min(i + 9, len(toks) - 1)) if toks[j].norm == "from"), None)
            if after is not None and toks[after + 1].stem:
                out.add(toks[after + 1].stem)
            continue
        if n not in NEGATIONS:
            continue
        if n in {"fail", "failed", "fails", "failing", "failure", "unable", "refused", "refuse"} and not (
            i + 1 < len(toks) and toks[i + 1].norm == "to"
        ):
            continue  # "the failure of", "failed talks": not a negated verb
        for u in toks[i + 1 : i + 6]:
            if u.norm in SKIP_AFTER_NEGATION or not u.stem:
                continue
            out.add(u.stem)  # the first content word: the negated verb or noun
            break
    return out


_EXCEPTIONS = re.compile(
    r"\b(?:"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases("exceptions.txt"), key=len, reverse=True))
    + r")\b",
    re.I,
)


def denied_names(text: str, *, common: frozenset[str] = frozenset()) -> tuple[set[str], set[str]]:
    """(keys of names inside a negation's clause or after an exception, keys of names outside any): "do not
    represent those of the Institute" and "all breeds apart from the Muscovy" deny the Institute and the Muscovy."""
    toks = tokens(text)
    # A clause ends at punctuation, and at a dash or bracket closing an aside ("delivered without notes—tracing the
    # fall of the Republic" denies the notes, not the Republic).
    ends = [m.start() for m in re.finditer(r"[,.;:()\u2013\u2014]", text)]
    spans = [(m.end(), next((c for c in ends if c > m.end()), len(text))) for m in _EXCEPTIONS.finditer(text)]
    for t in toks:
        n = "n't" if t.norm.endswith("n't") else t.norm
        if n in {"not", "n't", "never", "no", "without"}:
            spans.append((t.end, next((c for c in ends if c > t.end), len(text))))
    denied: set[str] = set()
    stated: set[str] = set()
    for e in entities(text, common=common):
        (denied if any(s <= e.start < stop for s, stop in spans) else stated).add(e.key)
    return denied, stated
