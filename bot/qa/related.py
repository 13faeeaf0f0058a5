"""Bridging a reader's words and a document's: related words of general English (``wordlists/related_words.txt``,
derived from WordNet 3.0 by ``bench/build_synonyms.py``).

A reader asks about a "technique" where the document writes "method", about a "statute" where it names an "Act".
A question word the asked document never uses is looked up here, and its related words that the document does use
join the search as weaker terms (``bot.qa.query.Search.related``). Words the document uses are never expanded:
the reader's own word, found, is the best evidence there is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib.resources import files

from corpus.text.words import stem

Related = tuple[tuple[str, tuple[str, ...]], ...]
# A question word with more related words in the document than this is too vague to bridge: "original" would bring
# "first", "new", "source", "cause" and more, each a different meaning.
MAX_RELATED = 4


@cache
def table() -> Mapping[str, frozenset[str]]:
    """Stem -> stems of its related words, read once on first need (the file lists each pair once)."""
    text = files("bot.qa").joinpath("wordlists", "related_words.txt").read_text(encoding="utf-8")
    rows = [line.split() for line in text.splitlines() if not line.startswith("#")]
    stems = {w: stem(w) for w in {w for row in rows for w in row}}  # each word stemmed once, not once a pair
    out: dict[str, set[str]] = {}
    for row in rows:
        if len(row) < 2:
            continue
        head = stems[row[0]]
        for w in row[1:]:
            other = stems[w]
            if other != head:
                out.setdefault(head, set()).add(other)
                out.setdefault(other, set()).add(head)
    return {k: frozenset(v) for k, v in out.items()}


def related_terms(terms: Sequence[str], knows: Callable[[str], bool], skip: frozenset[str] = frozenset()) -> Related:
    """For each question term (a stem) the document does not use: its related words that the document does use,
    as (term, related stems). ``skip``: terms never expanded (the question's frame: "how *big*")."""
    words = table()
    asked = set(terms)
    out = []
    for t in terms:
        if t in skip or t.isdigit() or "-" in t or knows(t):
            continue
        found = sorted(r for r in words.get(t, ()) if r not in asked and knows(r))
        if 0 < len(found) <= MAX_RELATED:
            out.append((t, tuple(found)))
    return tuple(out)
