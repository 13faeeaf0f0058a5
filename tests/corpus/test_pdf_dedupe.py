"""``corpus.formats.pdf_dedupe``: the characters pdfplumber's ``dedupe_chars`` keeps, in its order, without its
quadratic re-ordering."""

from __future__ import annotations

import io
import random
from typing import Any

import pdfplumber
import pytest
from pdfplumber.utils import dedupe_chars as plumber_dedupe

from corpus.formats.pdf_dedupe import dedupe_chars, deduped_page, rules_page
from tests.corpus.brief_writers import SAMPLE
from tests.corpus.pdf_writer import to_pdf
from tests.corpus.real_files import real_document


def char(text: str, x0: float, doctop: float, *, font: str = "F1", size: float = 10.0) -> dict[str, Any]:
    return {"text": text, "x0": x0, "doctop": doctop, "upright": True, "fontname": font, "size": size}


def test_fake_bold_keeps_one_glyph_of_each_overprint_in_page_order() -> None:
    chars = [char("S", 10, 5), char("c", 16, 5), char("S", 10.4, 5.2), char("c", 16.4, 5), char("x", 30, 5)]
    kept = dedupe_chars(chars)
    assert kept == plumber_dedupe(chars)
    assert [c["text"] for c in kept] == ["S", "c", "x"]
    assert kept[0] is chars[0] and kept[1] is chars[1]


def test_exact_copies_and_other_fonts_as_pdfplumber_keeps_them() -> None:
    rng = random.Random(7)
    chars = []
    for _ in range(400):  # glyphs drawn over each other, exactly or a little off, in two fonts and sizes
        c = char(
            rng.choice("ab."),
            rng.choice([1.0, 1.5, 2.0, 9.0]),
            rng.choice([0.0, 0.8, 3.0]),
            font=rng.choice(["F1", "F2"]),
            size=rng.choice([9.0, 10.0]),
        )
        chars.append(c)
        if rng.random() < 0.3:
            chars.append(dict(c))  # an equal copy (another dict)
        if rng.random() < 0.1:
            chars.append(c)  # the same object twice
    got, want = dedupe_chars(chars), plumber_dedupe(chars)
    assert got == want
    assert [id(c) for c in got] == [id(c) for c in want]


def test_a_page_deduped_is_pdfplumbers_with_the_same_tables() -> None:
    with pdfplumber.open(io.BytesIO(to_pdf(SAMPLE))) as pdf:  # the sample brief has a ruled table
        for page in pdf.pages:
            ours, theirs = deduped_page(page), page.dedupe_chars()
            assert ours.chars == theirs.chars and ours.edges == theirs.edges
            assert [t.extract() for t in ours.find_tables()] == [t.extract() for t in theirs.find_tables()]
        assert any(deduped_page(p).find_tables() for p in pdf.pages)


@pytest.mark.parametrize("name", ["ethereum-yellow-paper-byzantium-2018.pdf"])
def test_real_ruled_pages_keep_the_same_characters(name: str) -> None:
    with pdfplumber.open(real_document(name)) as pdf:
        for page in pdf.pages[:6]:
            assert [id(c) for c in deduped_page(page).chars] == [id(c) for c in page.dedupe_chars().chars]


def test_the_rules_alone_find_the_tables_the_whole_page_finds() -> None:
    with pdfplumber.open(io.BytesIO(to_pdf(SAMPLE))) as pdf:
        found = 0
        for page in pdf.pages:
            rules = rules_page(page)
            assert rules.chars == []  # no character was converted
            assert rules.edges == page.edges
            assert [t.bbox for t in rules.find_tables()] == [t.bbox for t in page.find_tables()]
            found += len(rules.find_tables())
        assert found >= 1


def test_a_real_papers_ruled_pages_give_the_same_tables_from_their_rules() -> None:
    with pdfplumber.open(real_document("ethereum-yellow-paper-byzantium-2018.pdf")) as pdf:
        for page in pdf.pages[:6]:
            assert rules_page(page).edges == page.edges
            assert [t.bbox for t in rules_page(page).find_tables()] == [t.bbox for t in page.find_tables()]
