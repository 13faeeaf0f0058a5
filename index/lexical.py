"""Lexical side of hybrid retrieval: a small English tokenizer and a BM25 index (index/bm25.py) over passages."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

# The text toolkit is shared with bot; names kept here too for the callers that import them from index.lexical.
from corpus.text.countries import US_NAME
from corpus.text.words import IRREGULAR_VERBS, is_name_form, word_groups, word_list
from corpus.text.words import STOPWORDS as STOPWORDS
from corpus.text.words import stem as stem
from index.bm25 import BM25, Part, Vocabulary

_WORDLISTS = Path(__file__).with_name("wordlists")

# Words that frame a question rather than name its topic ("what happened", "how far", "what role", "what does the
# author blame"): a question is not off-topic because the brief never uses one of these.
QUESTION_FRAME = word_list(_WORDLISTS / "question_frame.txt")

# How much of a question term a related word the document uses instead meets ("technique" against "method").
RELATED_CREDIT = 0.5

_TOKEN = re.compile(r"[a-z0-9]+(?:[-.,'][a-z0-9]+)*")
_TOKEN_ANY_CASE = re.compile(_TOKEN.pattern, re.IGNORECASE)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def tokenize(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Lowercased, stemmed tokens. Numbers lose their thousands commas; hyphenated names give parts and whole."""
    # The same passages are tokenized for every question that reaches them: remember them (a fresh list each
    # call, so a caller may change its copy).
    return list(_tokens(text, keep_stopwords))


@functools.lru_cache(maxsize=65536)
def _tokens(text: str, keep_stopwords: bool) -> tuple[str, ...]:
    out: list[str] = []
    text = US_NAME.sub(" usa ", text.translate(_QUOTES))
    for m in _TOKEN_ANY_CASE.finditer(text):
        written = m.group(0).strip(".,'")
        token = written.lower()
        if re.fullmatch(r"[0-9][0-9,]*(?:\.[0-9]+)?", token):
            out.append(token.replace(",", ""))
            continue
        parts = [p for p in re.split(r"[-.,']", written) if p]
        if len(parts) > 1:
            out.append("-".join(parts).lower())
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 3]
        for k, part in enumerate(parts):
            low = part.lower()
            if keep_stopwords or low not in STOPWORDS:
                # a capitalised word inside a sentence is a name: "Drew" is no form of "draw"
                out.append(stem(low, name=is_name_form(part, "x" if k else before, after)))
    return tuple(out)


def bigrams(tokens: Sequence[str]) -> frozenset[tuple[str, str]]:
    """Adjacent content-token pairs: a cheap phrase match ("january 17", "supreme court")."""
    return frozenset(itertools.pairwise(tokens))


def content_terms(text: str) -> list[str]:
    """The distinct content tokens of a question, in order."""
    seen: dict[str, None] = {}
    for tok in tokenize(text):
        seen.setdefault(tok, None)
    return list(seen)


def concepts(terms: Sequence[str]) -> list[tuple[str, ...]]:
    """Group a hyphenated name with its parts ("kim-jong-un", "kim", "jong", "un") so that one name counts once."""
    groups: list[tuple[str, ...]] = []
    grouped: set[str] = set()
    for t in terms:
        if "-" in t:
            parts = tuple(stem(p) for p in t.split("-") if p and p not in STOPWORDS)
            groups.append((t, *parts))
            grouped.update(parts)
    for t in terms:
        if "-" not in t and t not in grouped:
            groups.append((t,))
    return groups


def unknown_terms(terms: Sequence[str], vocabulary: LexicalIndex) -> list[str]:
    """Content terms (names counted once) of a question the corpus never uses, question-frame words aside."""
    return [
        g[0]
        for g in concepts(terms)
        if g[0] not in NEVER_UNKNOWN and not g[0].isdigit() and not any(vocabulary.knows(t) for t in g)
    ]


FRAME_STEMS = frozenset({stem(w) for w in QUESTION_FRAME} | QUESTION_FRAME)
# Words a reader uses about the document itself or as a particle ("what does the *author* blame", "thrown *away*",
# "*according* to"): one the document never uses says nothing about whether it answers. They still count for
# coverage where it does use them ("Who is the author?" against "Author: ...").
NEVER_UNKNOWN = FRAME_STEMS | frozenset(stem(w) for w in word_list(_WORDLISTS / "never_unknown.txt"))

_GRAMMAR = word_groups(_WORDLISTS / "grammar.txt")
_AUXILIARY, _BE, _STOP_VERBS = _GRAMMAR["auxiliary"], _GRAMMAR["be"], _GRAMMAR["stop_verbs"]
_SKIP = frozenset({"not", "n't", "the", "a", "an", "i", "we", "you", "they", "he", "she", "it"})


def question_verbs(question: str) -> frozenset[str]:
    """Stems of a question's main verbs, roughly: the last content word of the run after an auxiliary ("did the
    people *exploit* in ...", "could the city not *absorb* a ..."), and a past participle after a form of "be"
    ("was *lifted*"). A reader words the action in their own terms far more often than the thing asked about,
    so a verb the document never uses is weaker evidence of an off-topic question than an unknown noun."""
    words = re.findall(r"[A-Za-z][\w'-]*", question.translate(_QUOTES))
    out: set[str] = set()
    for i, w in enumerate(words):
        lw = w.lower()
        if lw in _AUXILIARY:
            run: list[str] = []
            for nxt in words[i + 1 : i + 6]:
                ln = nxt.lower()
                if ln in _SKIP and not run:
                    continue
                if ln == "not":
                    continue
                if ln in STOPWORDS:
                    if ln in _STOP_VERBS:
                        run = []  # the verb is "say" or "get": the words before it were its subject
                    break
                run.append(nxt)
            verb = _after_named_subject(run) or (run[-1] if run and run[-1][0].islower() else None)
            if verb is not None:
                out.add(stem(verb.lower()))
        elif i == len(words) - 1 and lw.endswith("ed") and len(lw) > 4 and w[0].islower():
            out.add(stem(lw))  # "... was the plea entered?"
        elif lw in _BE and i + 1 < len(words):
            nxt = words[i + 1].lower()
            nxt = words[i + 2].lower() if nxt == "not" and i + 2 < len(words) else nxt
            if nxt.endswith("ed") and len(nxt) > 4:
                out.add(stem(nxt))
        if not w[0].islower() or lw in STOPWORDS:
            continue
        if lw in IRREGULAR_VERBS:
            out.add(stem(lw))  # "who taught him": an irregular past form is a verb wherever it stands
        elif i > 0 and words[i - 1].lower() == "to" and i > 1 and words[i - 2].lower().endswith(("ing", "ed")):
            out.add(stem(lw))  # "trying to *argue*", "used to *correct*"
        elif 0 < i <= 3 and words[0].lower() in _WH_SUBJECT and lw.endswith("ed") and len(lw) > 4:
            out.add(stem(lw))  # "which dataset *served* as", "who first *disproved*"
    return frozenset(out)


_WH_SUBJECT = frozenset({"who", "which", "what", "whose"})
# Adverbs that stand between a subject and its verb ("did Smith *first* show ...").
_MID_ADVERBS = word_list(_WORDLISTS / "mid_adverbs.txt")


def _after_named_subject(run: list[str]) -> str | None:
    """The verb after a named subject: "did Smith first show the device to ..." -> "show" (the run's last word,
    "device", is its object)."""
    if not run or not run[0][0].isupper():
        return None
    i = 0
    while i < len(run) and run[i][0].isupper():
        i += 1
    while i < len(run) and (run[i].lower() in _MID_ADVERBS or run[i].lower().endswith("ly")):
        i += 1
    return run[i] if i < len(run) and run[i][0].islower() else None


@dataclass(frozen=True, eq=False)
class LexicalPart:
    """The tokenized documents of one part of a corpus (a brief): built once, reused by every index holding it."""

    terms: tuple[frozenset[str], ...]
    pairs: tuple[frozenset[tuple[str, str]], ...]
    counts: Part

    @classmethod
    def build(cls, docs: Sequence[str], vocabulary: Vocabulary) -> LexicalPart:
        tokens = [tokenize(d) or ["\x00empty"] for d in docs]
        return cls(
            tuple(frozenset(t) for t in tokens), tuple(bigrams(t) for t in tokens), Part.build(tokens, vocabulary)
        )


class LexicalIndex:
    """BM25 over a list of documents, plus the per-document term sets used for coverage.

    Built from parts (``from_parts``), an index made from its predecessor re-reads only the parts that came or
    went, and scores exactly as one built from scratch over the same parts."""

    parts: tuple[LexicalPart, ...]
    terms: list[frozenset[str]]
    pairs: list[frozenset[tuple[str, str]]]
    size: int
    _bm25: BM25
    _df: dict[str, int]
    _by_prefix: dict[str, frozenset[str]]

    def __init__(self, docs: Sequence[str] = ()) -> None:
        self._set_parts([LexicalPart.build(docs, Vocabulary())] if docs else [], None)

    @classmethod
    def from_parts(cls, parts: Sequence[LexicalPart], previous: LexicalIndex | None = None) -> LexicalIndex:
        """The index over ``parts`` in order; with ``previous`` (whose parts share the vocabulary), only the parts
        not in it, or no longer in it, are counted."""
        index = cls.__new__(cls)
        index._set_parts(parts, previous)
        return index

    @property
    def vocabulary(self) -> Vocabulary:
        """Build the parts of a successor index with this."""
        return self._bm25.vocabulary

    def _set_parts(self, parts: Sequence[LexicalPart], previous: LexicalIndex | None) -> None:
        self.parts = tuple(parts)
        self.terms = [t for p in parts for t in p.terms]
        self.pairs = [b for p in parts for b in p.pairs]
        reuse = previous is not None and (not parts or parts[0].counts.vocabulary is previous.vocabulary)
        self._bm25 = BM25([p.counts for p in parts], previous._bm25 if previous is not None and reuse else None)
        self.size = self._bm25.size
        self._df = self._bm25.doc_freq
        if previous is not None and reuse:
            # Words of the same family are grouped by their first five letters: only words that came or went move.
            by_prefix = dict(previous._by_prefix)
            was = {id(p) for p in previous.parts}
            kept = {id(p) for p in parts}
            came = {t for p in parts if id(p) not in was for t in p.counts.doc_freq if t not in previous._df}
            went = {t for p in previous.parts if id(p) not in kept for t in p.counts.doc_freq if t not in self._df}
            for t in went:
                if len(t) >= 5:
                    left = by_prefix[t[:5]] - {t}
                    if left:
                        by_prefix[t[:5]] = left
                    else:
                        del by_prefix[t[:5]]
            for t in came:
                if len(t) >= 5:
                    by_prefix[t[:5]] = by_prefix.get(t[:5], frozenset()) | {t}
            self._by_prefix = by_prefix
        else:
            groups: dict[str, set[str]] = {}
            for t in self._df:
                if len(t) >= 5:
                    groups.setdefault(t[:5], set()).add(t)
            self._by_prefix = {k: frozenset(v) for k, v in groups.items()}

    def family(self, term: str) -> tuple[str, ...]:
        """The term if the corpus uses it; else corpus words of the same family (one stem a prefix of the other,
        at least five letters: "economi" -> "econom"), which stemming alone does not join."""
        if term in self._df:
            return (term,)
        if len(term) < 5:
            return ()
        # Sorted: the scores add the family's terms in this order, the same whatever order the parts came in.
        return tuple(sorted(t for t in self._by_prefix.get(term[:5], ()) if t.startswith(term) or term.startswith(t)))

    def knows(self, term: str) -> bool:
        """Whether the corpus uses the term or a word of its family."""
        return bool(self.family(term))

    def idf(self, term: str) -> float:
        """Inverse document frequency; a term the corpus never uses counts as the rarest possible."""
        return math.log((self.size + 1) / (self._df.get(term, 0) + 0.5))

    def scores(self, terms: Iterable[str]) -> npt.NDArray[np.float64]:
        """BM25 score of every document for the query terms (zeros when nothing matches)."""
        query = [f for t in terms for f in self.family(t)]
        if not self.size or not query:
            return np.zeros(self.size)
        return self._bm25.scores(query)

    def phrase_overlap(self, pairs: frozenset[tuple[str, str]], doc: int) -> float:
        """Share of the query's adjacent term pairs that also appear adjacent in document ``doc``."""
        return len(pairs & self.pairs[doc]) / len(pairs) if pairs else 0.0

    def coverage(
        self,
        terms: Sequence[str],
        doc: int,
        same: Sequence[tuple[frozenset[str], frozenset[str]]] = (),
        related: Mapping[str, Collection[str]] | None = None,
    ) -> float:
        """IDF-weighted share of the query's content terms present in document ``doc``.

        A hyphenated name and its parts count as one concept, fully matched by the whole name, partly by its parts
        (so "COVID-19" half-matches "COVID-20" instead of matching it twice). ``same``: pairs of term sets that
        name one thing (an acronym and its long form): one concept, met by either form. ``related``: for a term
        the corpus never uses, words related to it (``bot.qa.related``); one found meets it in part."""
        return self.coverage_of(terms, self.terms[doc], same, related)

    def coverage_of(
        self,
        terms: Sequence[str],
        have: frozenset[str],
        same: Sequence[tuple[frozenset[str], frozenset[str]]] = (),
        related: Mapping[str, Collection[str]] | None = None,
    ) -> float:
        """``coverage`` of a set of terms: those of several documents together (a sentence and its notes)."""
        if not terms:
            return 0.0
        total = got = 0.0
        aliased = {t for pair in same for form in pair for t in form}
        for short, long in same:
            # As rare as its commoner spelling: a document that defines an acronym mostly uses it.
            weight = min(max(self.idf(t) for t in short), max(self.idf(t) for t in long))
            total += weight
            got += weight * max(float(short <= have), len(long & have) / len(long))
        for group in concepts(terms):
            if group[0] in FRAME_STEMS or any(t in aliased for t in group):
                continue  # "recommend", "happen", "hold": the question's frame, not its topic
            weight = max(self.idf(t) for t in group)
            total += weight
            if group[0] in have or (group[0] not in self._df and any(f in have for f in self.family(group[0]))):
                got += weight
            elif len(group) > 1:
                got += weight * sum(1 for t in group[1:] if t in have) / (len(group) - 1)
            elif related and any(r in have for r in related.get(group[0], ())):
                got += weight * RELATED_CREDIT  # the reader's word for it, not the document's: weaker evidence
        return got / total if total else 0.0


# Names and titles a question spells out ("Secretary of State", "Jean Paul Sartre"): two or more capitalised words,
# joined at most by "of", "the" or "for" ("Paris and Vienna" is two names, not one). The question's opening
# word is capitalised for grammar, not as a name, so it is dropped when it is an ordinary question word.
_NAME_PHRASE = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|the|for)\s+)?[A-Z][\w'’-]*)+",
)
_OPENERS = frozenset(
    {
        *("what", "who", "whom", "whose", "when", "where", "which", "why", "how", "did", "does", "do", "is"),
        *("are", "was", "were", "has", "have", "had", "can", "could", "would", "should", "will", "according"),
        *("tell", "list", "name", "give", "explain", "describe"),
    }
)


def phrase_key(text: str) -> str:
    """Text reduced for phrase matching: lowercase, "US"/"United States" as one word, punctuation and hyphens as
    single spaces ("Jean-Paul Sartre" and "Jean Paul Sartre" meet), padded with spaces so a match is whole words."""
    text = US_NAME.sub(" usa ", text.translate(_QUOTES))
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("'s ", " "))) + " "


def name_phrases(question: str) -> list[str]:
    """The multi-word capitalised names of a question, as phrase keys."""
    out = []
    for m in _NAME_PHRASE.finditer(question):
        words = m.group(0).split()
        if m.start() == len(question) - len(question.lstrip()) or question[: m.start()].strip() in ("", '"', "'"):
            while words and (words[0].lower() in _OPENERS or words[0].lower() in ("the", "a", "an")):
                words = words[1:]
        while words and words[-1].lower() in ("of", "the", "for"):
            words = words[:-1]
        if len(words) >= 2:
            out.append(phrase_key(" ".join(words)).strip())
    return out
