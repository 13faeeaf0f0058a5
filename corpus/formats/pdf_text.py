"""Words broken by the typesetter: hyphens at line ends and spaces lost after punctuation.

Whether "compa- nies" is "companies" and "long- range" is "long-range" is decided from the document's own words
(no dictionary): the joined form printed elsewhere joins, the hyphenated compound printed elsewhere keeps its
hyphen, and with neither a break between two words the document uses on their own ("long", "range") is a compound
while a fragment it never prints alone ("nies") is a broken word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.text.words import STOPWORDS

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHEN_END = re.compile(r"(\S*?)([^\W\d_]+)-$")
_LEAD_WORD = re.compile(r"^[^\W\d_]+")
# "laws.The", "one,two" and "technology,Sarnoff": a sentence or clause mark glued to the next word (never inside a
# URL, an e-mail address or initials such as "U.S.Code", whose letters before the mark are capitals or one letter)
_COMMA_GLUED = re.compile(r"(?<=[a-z]{2},)(?=[A-Z][a-z])")
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?;:,])(?=[A-Z][a-z])|(?<=[a-z]{2}[,;])(?=[a-z]{2})")
# Spaces a publisher's PDF loses around figures, brackets and quotes: "Christmas,1933,four", "December 17,1903",
# "States,but", "died),the", "universe.”But", "In 1936,RCA". A comma between digits stays when three digits follow
# it, as in "1,903" (a thousands separator).
_GLUED_MORE = re.compile(
    r"(?<=[A-Za-z]{2},)(?=\d|[a-z]{2})|(?<=\d,)(?=\d{4}(?!\d)|\d{1,2}(?![\d,.])|[a-z]{2})|(?<=[)\]],)(?=[A-Za-z]{2})"
    r"|(?<=[a-z]{2}[.!?][”\"’])(?=[A-Z][a-z])|(?<=\d{2},)(?=[A-Z][A-Za-z])"
)


_STOP_GLUED = re.compile(r"([a-z]{2}[.!?])([A-Z][a-z]*(?:[’'][a-z]+)?)(?=\W|$)")


def _stop_glued(m: re.Match[str]) -> str:
    return f"{m.group(1)} {m.group(2)}" if m.group(2).lower().split("’")[0].split("'")[0] in STOPWORDS else m.group(0)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Words and hyphenated compounds printed whole inside a line, lowercased."""

    words: frozenset[str]
    compounds: frozenset[str]


def vocabulary(lines: Iterable[str]) -> Vocabulary:
    """The document's words, leaving out the two halves of every word broken at a line end."""
    words: set[str] = set()
    compounds: set[str] = set()
    broken = False
    for line in lines:
        tokens = _WORD.findall(line)
        if broken and tokens and line.lstrip()[:1].isalpha():
            tokens = tokens[1:]
        broken = line.rstrip().endswith("-")
        if broken and tokens:
            tokens = tokens[:-1]
        for t in tokens:
            t = t.lower()
            if "-" in t:
                compounds.add(t)
                words.update(t.split("-"))
            else:
                words.add(t)
    return Vocabulary(frozenset(words), frozenset(compounds))


def keeps_hyphen(prev: str, nxt: str, vocab: Vocabulary) -> bool | None:
    """For a line ending in a hyphen: True to keep it ("long-range"), False to join the word ("companies"),
    None when the line does not end in a hyphenated word."""
    m = _HYPHEN_END.search(prev)
    lead = _LEAD_WORD.match(nxt)
    if m is None or lead is None:
        return None
    first, second = m.group(2), lead.group(0)
    if second[0].isupper():
        return True  # "Franco-\nPrussian", "non-\nEuropean"
    joined, compound = (first + second).lower(), f"{first}-{second}".lower()
    if joined in vocab.words:
        return False
    if compound in vocab.compounds or "-" in m.group(1):  # printed so elsewhere, or part of a chain ("out-of-")
        return True
    return len(first) > 1 and len(second) > 1 and first.lower() in vocab.words and second.lower() in vocab.words


def spaced(text: str) -> str:
    """Put back a space the PDF lost after punctuation, leaving URLs and addresses alone."""
    if not _GLUED.search(text) and not _GLUED_MORE.search(text):
        return text
    return " ".join(_spaced_token(t) for t in text.split(" "))


def _spaced_token(token: str) -> str:
    # a name with several dots is an address or a domain ("Public.Resource.Org", "example.co.uk"), not two words
    if "/" in token or "@" in token or "www" in token or token.rstrip(".").count(".") > 1:
        return token
    token = _GLUED_MORE.sub(" ", token)
    if not re.match(r"^[(\"“‘']?[a-z]", token):
        # "Example.Org", "Pub.L": a capitalised name with a dot is more often a name than two words; a comma
        # never joins one ("Bill,Jr.", "Superman,Winick"), nor a dot before a function word ("America.But")
        token = _STOP_GLUED.sub(_stop_glued, token)
        return _COMMA_GLUED.sub(" ", token)
    return _GLUED.sub(" ", token)


def join_lines(prev: str, nxt: str, vocab: Vocabulary) -> str:
    """Join two lines of one paragraph: a word broken at the line end is made whole (its hyphen kept only when
    it is a compound's), a URL split over lines is rejoined, anything else keeps the line break."""
    if prev.endswith("\xad"):
        return prev[:-1] + nxt
    last = prev.rsplit(None, 1)[-1] if prev.strip() else ""
    first = nxt.split(None, 1)[0] if nxt.strip() else ""
    url = ("://" in last or last.startswith("www.") or "/" in last) and not nxt.startswith(("<", "http"))
    # a URL broken after "/" or "-" goes on; after "." only when the next line goes on with the address
    if url and (last[-1] in "/-_=&?#" or (last[-1] == "." and ("/" in first or "." in first.rstrip(".")))):
        return prev + nxt
    keep = keeps_hyphen(prev, nxt, vocab)
    if keep is not None:
        return prev + nxt if keep else prev[:-1] + nxt
    if re.search(r"\S-$", prev) and nxt[:1].isalnum():
        return prev + nxt  # "§ 7306-" + "2.8(A)": a hyphenated number or code goes on
    return f"{prev}\n{nxt}"
