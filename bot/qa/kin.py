"""A question word met in a passage by a related word of general English: a reader asks who finished the *whole*
survey, the document counts who did the *complete* survey; asked when a name was *adopted*, it says when it was
*chosen*. The
related words are those of ``wordlists/related_words.txt`` (WordNet-derived, ``bot.qa.related``).

Retrieval bridges only the words a document never uses (``bot.qa.related``). The abstention evidence also needs
the other case: a word the document does use, but not in the sentence that answers. Here a related word counts as
the question's word, for less (``index.lexical.RELATED_CREDIT``), in the coverage the abstention rule judges, and
a related word of the asked phase ("adopted": "chosen") says it (``bot.qa.abstain.states_phase``). The question's
verbs are matched only as themselves: a verb's related words span its senses ("live" / "last": "the partnership
lasts one year" tells no lifespan), and whether a passage reports the asked event is judged on the verb itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from bot.qa.answer_types import words
from bot.qa.index_state import IndexState
from bot.qa.query import Query, Same
from bot.qa.related import table
from bot.qa.retrieval import Candidate
from bot.qa.support import NOTE_DISCOUNT, support
from corpus.text.words import stem
from index.lexical import FRAME_STEMS, LexicalIndex


@cache
def light_verbs() -> frozenset[str]:
    """Stems of the light verbs (``wordlists/light_verbs.txt``): "set sail", "take part"."""
    return frozenset(stem(w) for w in words("light_verbs.txt"))


def kin(term: str) -> frozenset[str]:
    """The stems related to a question term's stem (none for the question's frame words, "happen", "do", nor for
    light verbs, "set", "take": their sense is the noun's)."""
    if term in FRAME_STEMS or term in light_verbs():
        return frozenset()
    return table().get(term, frozenset())


def kin_of_all(terms: Iterable[str]) -> frozenset[str]:
    """The terms and their related stems, together."""
    out: set[str] = set()
    for t in terms:
        out.add(t)
        out |= kin(t)
    return frozenset(out)


def related_map(terms: Sequence[str], have: frozenset[str]) -> Mapping[str, frozenset[str]]:
    """For each term the passage (its stems ``have``) lacks, the related stem that meets it there, in the shape
    ``LexicalIndex.coverage_of`` reads. A passage word meets one question word at most: "lasts" is not both
    "live" and "long"; nor does a word that is itself one of the question's."""
    used = set(terms)
    out: dict[str, frozenset[str]] = {}
    for t in terms:
        if t in have:
            continue
        found = sorted((kin(t) & have) - used)
        if found:
            out[t] = frozenset(found[:1])
            used.add(found[0])
    return out


def kin_coverage(
    lexicon: LexicalIndex,
    terms: Sequence[str],
    have: frozenset[str],
    same: Sequence[Same] = (),
    skip: frozenset[str] = frozenset(),
) -> float:
    """Coverage of the question's terms by a passage's stems ``have``, a term missing from the passage met in
    part by one of its related words there (``index.lexical.RELATED_CREDIT``). ``same``: the (acronym, long form)
    pairs counted as one concept (``bot.qa.query.Search.same``), whose words are not matched by kin; ``skip``:
    terms matched only as themselves."""
    aliased = {t for pair in same for form in pair for t in form}
    return lexicon.coverage_of(
        terms, have, same, related_map([t for t in terms if t not in aliased and t not in skip], have)
    )


def kin_support(
    state: IndexState, c: Candidate, query: Query, brief_id: str | None, leans: bool = False
) -> tuple[float, float]:
    """``bot.qa.support.support`` with the passage's coverage of the question counting related words
    (``kin_coverage``): how well one passage supports an answer when the reader words it otherwise."""
    value, cov = support(c, leans)
    terms = [t for t in query.search.terms if t not in state.author_terms(brief_id)] or list(query.search.terms)
    # Not the question's verbs: a verb's related words span its senses ("live" / "last": "the partnership lasts one
    # year" is no lifespan); whether the passage reports the asked event is the event check's, on the verb itself.
    cover = kin_coverage(
        state.lexicon(brief_id), terms, state.lexical.terms[c.position], query.search.same, query.verbs
    )
    if cover <= cov:
        return value, cov
    dense = max(c.dense_self, c.dense_context) if leans else c.dense_self
    lifted = 0.5 * dense + 0.5 * cover
    if c.passage.kind in ("footnote", "source_note"):
        lifted *= NOTE_DISCOUNT
    return max(value, lifted), cover
