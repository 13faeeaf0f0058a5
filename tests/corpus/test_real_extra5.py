"""End-to-end parser checks on real documents of layouts found weak (provenance in tests/data/real/SOURCE.md): a
two-column Word paper with notes at each column's foot (committed, CC BY), a two-column ACM paper, a student's
Word paper as PDF with a two-line title and an account name as the file's author, a LibreOffice PDF and its DOCX
with a note on the title and one in a table's column name, and a Jekyll essay whose Markdown carries Liquid tags
and kramdown attribute lists. Skipped where a file is absent (see real_files.py)."""

from __future__ import annotations

import re

import pytest

from tests.corpus.format_checks import assert_offsets
from tests.corpus.real_files import parsed_real_document

HELLAND = "helland-life-beyond-distributed-transactions-2007.pdf"
AKAMAI = "nygren-sitaraman-sun-akamai-network-2010.pdf"
NIE = "nie-first-air-canadian-north-merger-2024.pdf"
ZILO_PDF = "moroz-verhees-zilo-andi-noun-classes-2018.pdf"
ZILO_DOCX = "moroz-verhees-zilo-andi-noun-classes-2018.docx"
MULLER = "muller-paul-thomas-visualized.md"

# doubled glyphs of fake bold, a dingbat bullet, template markup, an unconverted note
_ARTIFACT = re.compile(r"(\w)\1(\w)\2(\w)\3(\w)\4|[\ue000-\uf8ff]|\{%|%\}|\{:|\{\{|\[\^\d")


_load = parsed_real_document


@pytest.mark.parametrize(("name", "count"), [(HELLAND, 16), (AKAMAI, 10), (NIE, 23), (ZILO_DOCX, 3), (MULLER, 25)])
def test_every_note_number_exactly(name: str, count: int) -> None:
    brief = _load(name)
    assert [f.number for f in brief.footnotes] == list(range(1, count + 1))
    assert {n for n, _ in brief.markers} == set(range(1, count + 1))
    assert not brief.warnings
    assert_offsets(brief)


@pytest.mark.parametrize("name", [HELLAND, AKAMAI, NIE, ZILO_PDF, ZILO_DOCX, MULLER])
def test_no_artifact_in_any_sentence_or_heading(name: str) -> None:
    brief = _load(name)
    assert not [p.text for p in brief.passages if p.kind in ("sentence", "heading") and _ARTIFACT.search(p.text)]


@pytest.mark.parametrize(
    ("name", "title", "author"),
    [
        (HELLAND, "Life beyond Distributed Transactions: an Apostate’s Opinion", "Pat Helland"),
        (
            NIE,
            "When Anticompetitive Concerns Take a Backseat: Assessing First Air & Canadian North Merger through "
            "Granger Causality Test",
            "Adelina Nie",
        ),
        (ZILO_PDF, "Variability in noun classes assignment in Zilo Andi: experimental data", "George Moroz"),
        (ZILO_DOCX, "Variability in noun classes assignment in Zilo Andi: experimental data", "George Moroz"),
        (MULLER, "Paul Thomas Visualized", "Grace Muller"),
    ],
)
def test_title_and_first_author(name: str, title: str, author: str) -> None:
    brief = _load(name)
    assert brief.title == title
    assert brief.authors and brief.authors[0].name == author


@pytest.mark.parametrize("name", [ZILO_PDF, ZILO_DOCX])
def test_the_note_on_the_title_is_cited_by_the_title(name: str) -> None:
    brief = _load(name)
    title = next(p for p in brief.passages if p.kind == "metadata" and p.label == "title")
    assert title.footnotes == (1,)
    assert "Russian Foundation for Basic Research" in brief.footnote(1).raw  # type: ignore[union-attr]


def test_a_note_in_a_word_table_header_is_cited_by_its_rows() -> None:
    brief = _load(ZILO_DOCX)
    rows = [p for p in brief.passages if p.kind == "table_row" and "Andi" in p.text]
    assert rows and all(2 in p.footnotes for p in rows)


def test_two_column_markers_reach_their_sentences() -> None:
    brief = _load(HELLAND)
    cited = [p for p in brief.passages if p.kind == "sentence" and "application-visible messaging" in p.text]
    assert [p.footnotes for p in cited] == [(11,)]
    # a figure printed inside a paragraph does not cut its sentence in two
    assert any("applications may evolve to become new platforms" in p.text for p in brief.passages)


def test_author_year_citation_is_not_cut_at_et_al() -> None:
    brief = _load(NIE)
    assert any("Baker et al. (2015) is particularly worth highlighting." in p.text for p in brief.passages)
