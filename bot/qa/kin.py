"""A question word met in a passage by a related word of general English: a reader asks who *provided* the
candles, the document says who *supplied* them; asked when a name was *adopted*, it says when it was *chosen*;
asked how many *finished* a survey, how many *completed* it. The related words are those of
``wordlists/related_words.txt`` (WordNet-derived, ``bot.qa.related``).

Retrieval bridges only the words a document never uses (``bot.qa.related``). The abstention evidence also needs
the other case: a word the document does use, but not in the sentence that answers. Here a related word counts as
the question's word, for less (``index.lexical.RELATED_CREDIT``), in the coverage the abstention rule judges, and a
related verb reports the asked event."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bot.qa.query import Query
from bot.qa.related import table
from bot.qa.retrieval import Candidate, IndexState
from bot.qa.support import NOTE_DISCOUNT, support
from index.lexical import FRAME_STEMS, LexicalIndex


def kin(term: str) -> frozenset[str]:
    """The stems related to a question term's stem (none for the question's frame words: "happen", "do")."""
    if term in FRAME_STEMS:
        return frozenset()
    return table().get(term, frozenset())


def kin_of_all(terms: Iterable[str]) -> frozenset[str]:
    """The terms and their related stems, together."""
    out: set[str] = set()
    for t in terms:
        out.add(t)
        out |= kin(t)
    return frozenset(out)


def related_map(terms: Sequence[str]) -> Mapping[str, frozenset[str]]:
    """For each term, its related stems (the shape ``LexicalIndex.coverage_of`` reads)."""
    return {t: kin(t) for t in terms}


def kin_coverage(lexicon: LexicalIndex, terms: Sequence[str], have: frozenset[str]) -> float:
    """Coverage of the question's terms by a passage's stems ``have``, a term missing from the passage met in
    part by one of its related words there (``index.lexical.RELATED_CREDIT``)."""
    return lexicon.coverage_of(terms, have, (), related_map(terms))


def kin_support(
    state: IndexState, c: Candidate, query: Query, brief_id: str | None, leans: bool = False
) -> tuple[float, float]:
    """``bot.qa.support.support`` with the passage's coverage of the question counting related words
    (``kin_coverage``): how well one passage supports an answer when the reader words it otherwise."""
    value, cov = support(c, leans)
    terms = [t for t in query.search.terms if t not in state.author_terms(brief_id)] or list(query.search.terms)
    own = kin_coverage(state.lexicon(brief_id), terms, state.lexical.terms[c.position])
    if own <= cov:
        return value, cov
    dense = max(c.dense_self, c.dense_context) if leans else c.dense_self
    lifted = 0.5 * dense + 0.5 * own
    if c.passage.kind in ("footnote", "source_note"):
        lifted *= NOTE_DISCOUNT
    return max(value, lifted), own
