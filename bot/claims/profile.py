"""What claim checking knows about a whole brief, computed once per brief version: its vocabulary, names, topic,
word weights, paragraph leads and who speaks in it; and its title and disclaimer as evidence about itself."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from bot.claims.evidence import EVIDENCE_KINDS, Unit, sentences
from bot.claims.names import document_names, expand_acronyms, head_noun, head_noun_key
from bot.claims.text.entities import entities, entity_keys
from bot.claims.text.tokens import fold_accents, tokens, word_stem
from corpus.models import Brief
from corpus.text.words import STOPWORDS


def cased_like_body(title: str, body: str) -> str:
    """A title in capitals written as the body writes its words ("US-SOUTH AFRICA TRADE TALKS" -> "US-South
    Africa trade talks"), so names stay names and common words stay common."""

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        seen = [
            f.group(0)
            for f in re.finditer(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", body, re.IGNORECASE)
            if not f.group(0).isupper() or len(word) <= 3
        ]
        # The body's usual spelling: "South" where it writes "South Africa" more often than "south of".
        return max(dict.fromkeys(seen), key=seen.count) if seen else word.lower()

    return re.sub(r"[A-Za-z]+", one, title)


def front_matter_units(brief: Brief) -> list[Unit]:
    """The disclaimer and title as evidence for claims about the brief itself (quoted verbatim, compared as
    sentences: "The brief is about prospects of …")."""
    out = []
    body = brief.text[max((p.end for p in brief.passages if p.kind == "metadata"), default=0) :]
    for p in brief.passages:
        if p.kind != "metadata":
            continue
        if p.label == "disclaimer":
            out.append(Unit(brief, (p,), (), " ".join(p.text.strip("() ").split()) + "."))
        elif p.label == "title":
            title = cased_like_body(" ".join(p.text.split()), body) if p.text.isupper() else p.text
            out.append(Unit(brief, (p,), (), f"The brief is about the {title[:1].lower()}{title[1:]}."))
    return out


@dataclass(frozen=True)
class Profile:
    """What claim checking needs to know about a whole brief (computed once per brief version)."""

    common: frozenset[str]  # words the brief writes in lower case: a capitalised opener among them is no name
    keys: set[str]  # every entity key the brief mentions
    lower: str  # the brief's text, lower case, acronyms expanded
    topic: frozenset[str]  # entity keys of the title: what every passage is about
    weights: dict[str, float]  # stem -> IDF over the brief's sentences and rows
    leads: dict[int, str]  # paragraph -> its opening sentence
    acronyms: dict[str, str]  # the brief's own short forms (lower case) -> long forms, from its bracketed pairs
    persons: frozenset[str]  # the people the brief names (lower-case names, first and last words)
    heads: dict[str, str]  # head noun -> the brief's only multi-word name with that head ("toolkit" -> "… toolkit")
    voice: str = ""  # the masthead, lower case: who "we" is in the brief's own sentences
    author: str = ""  # the author's names, lower case: who "I" is in the brief's own sentences


@lru_cache(maxsize=32)
def _brief_profile(brief: Brief) -> Profile:
    text = fold_accents(brief.text)
    lower_words = {w.lower() for w in re.findall(r"\b[a-z][a-z'-]+\b", text)}
    common = frozenset(lower_words | {word_stem(w) for w in lower_words})
    names = document_names(
        text, [fold_accents(a.name) for a in brief.authors] + [fold_accents(e) for e in brief.editors]
    )
    expanded = expand_acronyms(text, names.acronyms)
    passages = sentences(brief)
    df: dict[str, int] = {}
    leads: dict[int, str] = {}
    for p in passages:
        for st in {t.stem for t in tokens(p.text) if t.stem}:
            df[st] = df.get(st, 0) + 1
        if p.kind == "sentence" and p.paragraph is not None:
            leads.setdefault(p.paragraph, p.text)
    n = max(1, len(passages))
    weights = {st: math.log(1 + n / c) for st, c in df.items()}
    weights["__unknown__"] = math.log(1 + n)
    return Profile(
        common,
        entity_keys(expanded),
        " ".join(expanded.lower().split()),
        _topic(brief, expanded, common),
        weights,
        leads,
        names.acronyms,
        names.persons,
        _heads(text, names.acronyms),
        _masthead(brief),
        fold_accents(" ".join(document_authors(brief)).lower()),
    )


# "by Ana Ruiz", "By A. B. Smith and C. Jones": a byline set above the body.
_BYLINE = re.compile(r"^\s*by\s+(?P<names>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,)){0,8})\s*$", re.UNICODE)
BYLINE_PASSAGES = 8  # the byline is among the document's first passages


def document_authors(brief: Brief) -> list[str]:
    """The names the document is written by: its metadata authors, else a "by NAME" line above its body or in its
    title. Who "I" and "my" are in its sentences."""
    if brief.authors:
        return [a.name for a in brief.authors]
    ordered = sorted(brief.passages, key=lambda p: p.seq)[:BYLINE_PASSAGES]
    for text in [brief.title or "", *(p.text for p in ordered)]:
        for line in text.splitlines():
            tail = re.search(r"(?:^|[:—–-]\s*|\s)(by\s+[A-Z].*)$", line.strip())
            m = _BYLINE.match(tail.group(1) if tail else line)
            if m:
                names = re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names"))
                return [n.strip() for n in names if len(n.split()) >= 2]
    return []


def _masthead(brief: Brief) -> str:
    """The title, organisation and authors, with the headings set above the first body sentence ("COURT OF
    APPEALS" / "FIRST CIRCUIT"), lower case: the names a document speaks as when it writes "we"."""
    ordered = sorted(brief.passages, key=lambda p: p.seq)
    first = next((p.seq for p in ordered if p.kind in EVIDENCE_KINDS), None)
    above = [p.text for p in ordered if p.kind == "heading" and (first is None or p.seq < first)]
    parts = [brief.title or "", brief.organisation or "", *(a.name for a in brief.authors), *above]
    return " ".join(" ".join(parts).lower().split())


def _heads(text: str, acronyms: dict[str, str]) -> dict[str, str]:
    """Head noun -> the only multi-word name (or acronym long form) of the text with that head."""
    found: dict[str, set[str]] = {}
    names = [e.text for e in entities(text) if len(e.text.split()) >= 2] + list(acronyms.values())
    for name in names:
        if name.isupper():
            continue
        found.setdefault(head_noun(name), set()).add(head_noun_key(name))
    return {h: next(iter(ks)) for h, ks in found.items() if len(ks) == 1 and len(h) >= 4}


def _topic(brief: Brief, expanded: str, common: frozenset[str] = frozenset()) -> frozenset[str]:
    """The names of the title that the body keeps returning to (in at least a tenth of its paragraphs): what
    every passage is about even when it does not name it."""
    paragraphs: dict[int, str] = {}
    for p in sentences(brief):
        if p.paragraph is not None:
            paragraphs[p.paragraph] = paragraphs.get(p.paragraph, "") + " " + p.text
    if not paragraphs:
        return frozenset()
    keyed = [entity_keys(expand_acronyms(t)) for t in paragraphs.values()]
    need = max(3, len(keyed) // 10)
    title = brief.title or ""
    if title.isupper():
        title = cased_like_body(title, brief.text)
    counts: dict[str, int] = {}
    for ks in keyed:
        for k in ks:
            if len(k) > 2 and not all(w in common or w in STOPWORDS for w in k.split()):
                counts[k] = counts.get(k, 0) + 1
    # The name the body returns to most often, if the title gives it ("Charles Dickens and Music", its paragraphs
    # full of songs and letters that never name him), is the topic too.
    most = max(counts.values(), default=0)
    return frozenset(
        k
        for k in entity_keys(title)
        if sum(k in ks for ks in keyed) >= need or (counts.get(k, 0) == most and most >= 3)
    )


def brief_profile(brief: Brief) -> Profile:
    """The brief's vocabulary, names, topic, word weights and paragraph leads (cached per brief version)."""
    return _brief_profile(brief)
