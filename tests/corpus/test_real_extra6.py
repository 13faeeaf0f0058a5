"""Real documents of the fifth held-out set (tests/data/real/SOURCE.md, read from ``$CITEBOT_REAL_EXTRA6``): the
note numbers each prints are the ones its passages carry."""

from __future__ import annotations

from functools import cache

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.conftest import sentence_starting
from tests.corpus.real_files import real_extra6_document

GILES = "sun-tzu-art-of-war-giles-1910.txt"


@cache
def _parsed(name: str) -> Brief:
    path = real_extra6_document(name)
    return parse_bytes(path.read_bytes(), path.name)


def test_giles_introduction_notes_are_the_numbered_footnotes_list() -> None:
    brief = _parsed(GILES)
    # 74 notes listed under "Footnotes" after the introduction, then 16 chapter notes numbered [1].. per chapter
    assert len(brief.footnotes) == 90
    raw = {fn.number: fn.raw for fn in brief.footnotes}
    assert raw[5] == "SHI CHI, ch. 31."
    assert raw[15] == "See chap. XI."


def test_giles_introduction_markers_cite_the_listed_notes() -> None:
    brief = _parsed(GILES)
    assert sentence_starting(brief, "Ho Lu followed this advice").footnotes == (5,)
    assert sentence_starting(brief, "In the bibliographic section of the HAN SHU").footnotes == (15,)
    assert not any(p.text.startswith("5. SHI CHI") for p in brief.passages)
