"""The name and acronym checks read word postings, and answer exactly as the former whole-library text scan did."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bot.qa.index_state import IndexState
from corpus.loader import parse_bytes
from corpus.models import Brief
from index.lexical import phrase_key

REAL_DEV = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "real-dev"
NON_PDF = (
    "wikipedia-duck/wikipedia-duck-2024.html",
    "carbonplan-extreme-heat/carbonplan-modeling-extreme-heat-2023.md",
    "keynes-europe-after-the-treaty/keynes-economic-consequences-ch6-europe-after-the-treaty.docx",
)


class _Scan:
    """The former implementation, kept as the reference: regexes over all passages' phrase keys joined."""

    def __init__(self, state: IndexState) -> None:
        self.text = "\n".join(phrase_key(v.self_text) for v in state.views)

    def mentions_each(self, phrase: str) -> bool:
        return all(f" {w} " in self.text for w in phrase.split() if w not in ("of", "the", "for"))

    def mentions(self, phrase: str) -> bool:
        words = [w for w in phrase.split() if w not in ("of", "the", "for")]
        if not words or not self.mentions_each(phrase):
            return False
        gap = r"(?: [a-z0-9]+){0,2}"
        return re.search(" " + gap.join(" " + re.escape(w) for w in words).lstrip() + " ", self.text) is not None

    def spells_out(self, acronym: str) -> bool:
        letters = [c for c in acronym.lower() if c.isalpha()]
        if len(letters) < 2:
            return False
        pattern = r"(?: (?:of|the|and|for|on|in))?".join(f" {c}[a-z]*" for c in letters)
        return re.search(pattern + " ", self.text) is not None


@pytest.fixture(scope="module")
def library(bundled_brief: Brief) -> IndexState:
    briefs = [bundled_brief]
    for relative in NON_PDF:
        path = REAL_DEV / relative
        if path.exists():
            briefs.append(parse_bytes(path.read_bytes(), path.name))
    return IndexState.build(briefs)


def _phrases(state: IndexState, rng: random.Random) -> list[str]:
    """Runs of 1-4 words from the passages (some with words skipped, reversed, or mixed across passages), both as
    written (case, punctuation) and as phrase keys."""
    texts = [v.self_text for v in state.views]
    out = ["", "of the", "the", "zzzz unknownword", "US", "Jean-Paul"]
    for _ in range(1500):
        words = rng.choice(texts).split()
        if not words:
            continue
        i = rng.randrange(len(words))
        run = words[i : i + rng.randint(1, 6)]
        if len(run) > 2 and rng.random() < 0.3:
            del run[rng.randrange(1, len(run) - 1)]
        if rng.random() < 0.15:
            run.reverse()
        if rng.random() < 0.1:
            run.append(rng.choice(rng.choice(texts).split() or ["x"]))
        raw = " ".join(run)
        out += [raw, phrase_key(raw).strip()]
    return out


def _acronyms(state: IndexState, rng: random.Random) -> list[str]:
    """Initials of word runs from the passages, with and without small words, and random letter strings."""
    texts = [v.self_text for v in state.views]
    out = ["", "A", "U.S.", "é1x", "ÉTÉ"]
    for _ in range(1500):
        words = phrase_key(rng.choice(texts)).split()
        if len(words) < 2:
            continue
        i = rng.randrange(len(words) - 1)
        run = words[i : i + rng.randint(2, 5)]
        kept = [w for w in run if w not in ("of", "the", "and", "for", "on", "in")] if rng.random() < 0.5 else run
        out.append("".join(w[0] for w in kept).upper())
        out.append("".join(rng.choice("abcdefghilmnoprstuw") for _ in range(rng.randint(2, 4))))
    return out


def test_names_match_the_former_scan(library: IndexState) -> None:
    scan, rng = _Scan(library), random.Random(15)
    phrases = _phrases(library, rng)
    assert sum(scan.mentions(p) for p in phrases) > 500  # the sample holds many hits and many misses
    assert sum(not scan.mentions(p) for p in phrases) > 500
    for p in phrases:
        assert library.mentions(p) == scan.mentions(p), p
        assert library.mentions_each(p) == scan.mentions_each(p), p


def test_acronyms_match_the_former_scan(library: IndexState) -> None:
    scan, rng = _Scan(library), random.Random(15)
    acronyms = _acronyms(library, rng)
    assert sum(scan.spells_out(a) for a in acronyms) > 300
    assert sum(not scan.spells_out(a) for a in acronyms) > 300
    for a in acronyms:
        assert library.spells_out(a) == scan.spells_out(a), a


def test_a_snapshot_keeps_the_postings_of_unchanged_briefs(library: IndexState, bundled_brief: Brief) -> None:
    assert library.mentions_each("zzzz") is False  # builds every brief's postings
    smaller = IndexState.build([bundled_brief], stamp=1, previous=library)
    assert smaller.parts[bundled_brief.id].phrases is library.parts[bundled_brief.id].phrases
    assert smaller.mentions("zzzz") is False
    assert _Scan(smaller).spells_out("ab") == smaller.spells_out("ab")


def test_warm_builds_every_briefs_postings_ahead_and_answers_alike(bundled_brief: Brief):
    cold, warmed = IndexState.build([bundled_brief]), IndexState.build([bundled_brief])
    assert not any(part.phrases for part in warmed.parts.values())
    warmed.warm()
    assert all(part.phrases for part in warmed.parts.values())
    for phrase in ("hanoi summit", "kim jong un", "no such name here"):
        assert warmed.mentions(phrase) == cold.mentions(phrase)


def test_an_engines_warm_up_builds_its_snapshots_postings_in_the_background(engine):
    engine.warm_up().join(timeout=120)
    state = engine._current()
    assert state.parts and all(part.phrases for part in state.parts.values())


def _tables(phrases: object) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    return (
        {w: sorted(b) for w, b in phrases.words.items()},  # type: ignore[attr-defined]
        {k: sorted(b) for k, b in phrases.initials.items()},  # type: ignore[attr-defined]
    )


def test_library_tables_patched_per_brief_equal_tables_built_afresh(library: IndexState) -> None:
    from bot.qa.phrases import LibraryPhrases

    library.mentions("zzzz")  # builds every brief's postings
    postings = {b: p.phrases[0] for b, p in library.parts.items()}
    assert len(postings) > 1
    first, *rest = sorted(postings)
    whole = LibraryPhrases.build(postings)
    without = LibraryPhrases.build({b: postings[b] for b in rest}, previous=whole)
    assert _tables(without) == _tables(LibraryPhrases.build({b: postings[b] for b in rest}))
    assert not any(first in briefs for briefs in without.words.values())
    again = LibraryPhrases.build(postings, previous=without)
    assert _tables(again) == _tables(whole)


def test_a_successors_name_checks_answer_as_a_fresh_snapshots(library: IndexState, bundled_brief: Brief) -> None:
    library.warm()
    smaller = IndexState.build([bundled_brief], stamp=1, previous=library)
    fresh = IndexState.build([bundled_brief])
    for phrase in _phrases(smaller, random.Random(3))[:400]:
        assert smaller.mentions(phrase) == fresh.mentions(phrase), phrase
        assert smaller.mentions_each(phrase) == fresh.mentions_each(phrase), phrase
    assert smaller.lower_words() == fresh.lower_words()
