"""Word lists for claim checking, read from the data files in ``bot/claims/wordlists/`` (general English only).

Names, aliases and acronyms of a document never come from here: they are read from the document itself
(``bot.claims.names``). This module only loads the files and derives the few tables built from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from corpus.text.countries import COUNTRY_FORMS
from corpus.text.countries import named_forms as parse_named_forms
from corpus.text.words import stem


def _lines(name: str) -> Iterator[str]:
    """The data lines of a lexicon file: comments and blank lines dropped."""
    text = files("bot.claims").joinpath("wordlists", name).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("\\") else raw.strip()
        if line:
            yield line


@cache
def words(name: str) -> frozenset[str]:
    """Every word of a file of plain words."""
    return frozenset(w for line in _lines(name) for w in line.split())


@cache
def phrases(name: str) -> frozenset[str]:
    """One word or phrase a line."""
    return frozenset(" ".join(line.split()) for line in _lines(name))


def groups(name: str) -> tuple[tuple[str, ...], ...]:
    """One group of words a line."""
    return tuple(tuple(line.split()) for line in _lines(name))


def fields_of_two(name: str) -> tuple[tuple[str, str], ...]:
    """One pair of words a line ("flew fly")."""
    return tuple((a, b) for a, b in (line.split() for line in _lines(name)))


def fields(name: str, count: int = -1) -> tuple[tuple[str, ...], ...]:
    """One record a line, fields separated by ``|`` (only the first ``count`` bars when the last field is a
    regular expression)."""
    return tuple(tuple(f.strip() for f in line.split("|", count)) for line in _lines(name))


def named_forms(name: str) -> dict[str, tuple[str, ...]]:
    """``key: form | form`` lines (a line without ``:`` lists keys with no other forms)."""
    return parse_named_forms(_lines(name))


_COUNTRY_FORMS = COUNTRY_FORMS  # the toolkit's one country table (corpus/data/countries.txt)
_OTHER_FORMS = named_forms("aliases.txt")

# Alias -> canonical key. Keys are lower-case, whitespace-normalised surface forms.
ALIASES: dict[str, str] = {
    form: key
    for table in (_COUNTRY_FORMS, _OTHER_FORMS)
    for key, forms in table.items()
    for form in (key.replace("_", " "), *forms)
}
# Countries (canonical keys): a claim that puts one country where the evidence has another is contradicted.
COUNTRIES = frozenset(_COUNTRY_FORMS)

# Irregular word forms the Snowball stemmer leaves apart, beyond the verbs ``stem`` itself folds (IRREGULAR_VERBS).
IRREGULAR: dict[str, str] = dict(fields_of_two("irregular.txt"))
# Words that mean the same thing (stems).
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(stem(IRREGULAR.get(w, w)) for w in group) for group in groups("synonyms.txt")
)
# Measurement roles: words near a number that say what it measures.
ROLE_CLASSES: tuple[frozenset[str], ...] = tuple(
    frozenset(stem(IRREGULAR.get(w, w)) for w in group) for group in groups("roles.txt")
)


def inflections(word: str) -> frozenset[str]:
    """The stems of a word's usual forms ("boycott", "boycotts", "boycotted" stem differently)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ied", word[:-1] + "ies"}
    return frozenset(stem(f) for f in forms)


ANTONYMS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (inflections(a), inflections(b)) for a, b in groups("antonyms.txt")
)
# word -> (dimension, direction)
COMPARATIVES: dict[str, tuple[str, int]] = {w: (d, int(s)) for w, d, s in fields("comparatives.txt")}
# Adjectives whose comparatives are in COMPARATIVES: "less large" is "smaller", "more powerful" is "stronger".
COMPARATIVE_BASES: dict[str, tuple[str, int]] = {w: (d, int(s)) for w, d, s in fields("comparative_bases.txt")}
# Level words before a noun ("elevated risk", "reduced access") -> +1 above the usual level, -1 below it.
GRADED: dict[str, int] = {w: int(s) for w, s in fields("graded.txt")}
NEGATIONS = words("negations.txt")
PREVENTIONS = words("preventions.txt")
SCARCE_PARTS = words("scarce_parts.txt")
FRAME = words("frame.txt")
NECESSITY = words("necessity.txt")
TITLES = words("titles.txt")
NOT_PERSON_WORDS = words("not_person.txt")
ORGANISATION_WORDS = words("organisation_words.txt")
JOB_TITLES = words("job_titles.txt")
EVENT_NOUNS = words("event_nouns.txt")
PREPOSITIONS = words("prepositions.txt")
AUXILIARIES = words("auxiliaries.txt")
NOT_SUPERLATIVES = words("not_superlatives.txt")
META_WORDS = words("meta_words.txt")
SKIP_AFTER_NEGATION = words("skip_after_negation.txt")
PRONOUNS = words("pronouns.txt")

# Phrases with a one-word equivalent, folded before comparing ("took place" is "occurred").
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern.strip(), re.I), word.strip())
    for pattern, word in (line.rsplit("=>", 1) for line in _lines("phrases.txt"))
)


def fold_phrases(text: str) -> str:
    """Replace multi-word verbs by a one-word equivalent (offsets change: use on claims before parsing)."""
    for pattern, word in PHRASES:
        text = pattern.sub(word, text)
    return text


def _closed(stems: frozenset[str]) -> frozenset[str]:
    """A side of an antonym pair with its synonyms ("restrict" brings "block", "curb", "obstacle")."""
    out = set(stems)
    for group in SYNONYMS:
        if group & stems:
            out |= group
    return frozenset(out)


# Antonym pairs widened by synonyms; a word on both sides (through two groups) is dropped from both.
OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (a - b, b - a) for a, b in ((_closed(x), _closed(y)) for x, y in ANTONYMS)
)
