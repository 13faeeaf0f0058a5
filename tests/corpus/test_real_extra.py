"""End-to-end parser checks on real documents in layouts the development set lacks (provenance in
tests/data/real/SOURCE.md): a transcribed book as plain text and as HTML, an essay as Markdown and as its LaTeX PDF,
a research bulletin with bracketed note labels, a publisher's proof of a book excerpt with per-chapter endnotes, and
a Word file with real footnotes. Exact note numbers, titles, no page furniture in sentences. The public-domain book
is committed; the others are read from ``$CITEBOT_REAL_EXTRA`` and skipped where absent (see real_files.py)."""

from __future__ import annotations

import re

import pytest

from corpus.models import Brief
from tests.corpus.format_checks import assert_offsets
from tests.corpus.real_files import parsed_real_document

FEWKES_TXT = "fewkes-passamaquoddy-folk-lore-1890.txt"
FEWKES_HTML = "fewkes-passamaquoddy-folk-lore-1890.html"
ZYNDA_MD = "zynda-two-cultures-essay.md"
ZYNDA_PDF = "zynda-two-cultures-essay.pdf"
MRL = "monero-mrl-0001-chain-reactions-2014.pdf"
LESSIG = "lessig-free-culture-2004-preface-ch2-notes.pdf"
FELDMAN = "feldman-gerke-writing-samples.docx"
MRL_2 = "monero-mrl-0002-merkle-2014.pdf"
MRL_4 = "monero-mrl-0004-obfuscation-2015.pdf"
MRL_5 = "monero-mrl-0005-ringct-2016.pdf"
MRL_6 = "monero-mrl-0006-subaddresses-2017.pdf"
CRYPTONOTE = "cryptonote-whitepaper-v2-2013.pdf"
NAKAMOTO = "nakamoto-bitcoin-2008.pdf"

# page furniture that must never reach a sentence: proof slugs, pass stamps, e-book page numbers, margin line
# numbers read as a run of numbers, dingbat rules, unconverted note syntax
_FURNITURE = re.compile(r"\.qxd|PASS PAGES|\[Pg \d|(?:\b\d{1,2}\s+){4}|[❚❘❙]|\[Footnote|</?sup>|\[\^\d")


_load = parsed_real_document


def _sentences(brief: Brief) -> list[str]:
    return [p.text for p in brief.passages if p.kind == "sentence"]


def _containing(brief: Brief, words: str) -> tuple[int, ...]:
    found = [p for p in brief.passages if p.kind == "sentence" and words in p.text]
    assert len(found) == 1, f"{len(found)} sentences hold {words!r}"
    return found[0].footnotes


@pytest.mark.parametrize(
    ("name", "count"),
    [(FEWKES_TXT, 33), (FEWKES_HTML, 33), (ZYNDA_MD, 17), (ZYNDA_PDF, 17), (MRL, 3), (FELDMAN, 7)],
)
def test_every_note_number_exactly(name: str, count: int) -> None:
    brief = _load(name)
    assert [f.number for f in brief.footnotes] == list(range(1, count + 1))
    assert {n for n, _ in brief.markers} == set(range(1, count + 1))
    assert not brief.warnings
    assert_offsets(brief)


@pytest.mark.parametrize("name", [FEWKES_TXT, FEWKES_HTML, ZYNDA_MD, ZYNDA_PDF, MRL, LESSIG, FELDMAN])
def test_no_page_furniture_in_any_sentence(name: str) -> None:
    brief = _load(name)
    assert not [s for s in _sentences(brief) if _FURNITURE.search(s)]


@pytest.mark.parametrize(
    ("name", "title", "author"),
    [
        (ZYNDA_MD, "Further Thoughts on The Two Cultures", "David Zynda"),
        (ZYNDA_PDF, "Further Thoughts on The Two Cultures", "David Zynda"),
        (FEWKES_TXT, "Contribution to Passamaquoddy Folk-Lore", "J. Walter Fewkes"),
        (FEWKES_HTML, "Contribution to Passamaquoddy Folk-Lore", "J. Walter Fewkes"),
        (LESSIG, "Free Culture", "Lawrence Lessig"),
        (MRL, "A Note on Chain Reactions in Traceability in CryptoNote 2.0", None),
    ],
)
def test_title_and_author(name: str, title: str, author: str | None) -> None:
    brief = _load(name)
    assert brief.title == title
    if author is not None:
        assert [a.name for a in brief.authors] == [author]


def test_transcribed_book_notes_leave_the_text_and_cite_their_sentence() -> None:
    for name in (FEWKES_TXT, FEWKES_HTML):
        brief = _load(name)
        assert _containing(brief, "less civilized Indians of New Mexico, I visited") == (1,)
        note = brief.footnote(1)
        assert note is not None and note.raw.startswith("This work was undertaken as a preparation")


def test_bracketed_labels_under_a_full_measure_rule_are_the_bulletin_s_notes() -> None:
    brief = _load(MRL)
    note = brief.footnote(1)
    assert note is not None and note.raw == "We define a mixin as a foreign output included in the transaction."
    assert not [s for s in _sentences(brief) if "We define a mixin" in s]


def test_repeated_ibid_notes_at_the_page_foot_are_all_kept() -> None:
    brief = _load(ZYNDA_PDF)
    four, seventeen = brief.footnote(4), brief.footnote(17)
    assert four is not None and four.raw.startswith("Breiman, Leo")
    assert seventeen is not None and seventeen.raw.startswith("Breiman, Leo")


def test_book_proof_endnotes_restart_per_chapter_and_are_cited_by_their_chapter() -> None:
    brief = _load(LESSIG)
    # preface 3, introduction 11, part opener 4, chapter one 7, chapter two 22 cited; the last notes page also
    # prints chapters three and four (9 notes), cited by nothing in this excerpt
    assert {n for n, _ in brief.markers} == set(range(1, 48))
    assert [f.number for f in brief.footnotes] == list(range(1, 57))
    assert {w.footnote for w in brief.warnings} == set(range(48, 57))
    assert _containing(brief, "is a direct cartoon parody of Steamboat Bill") == (20,)
    twenty = brief.footnote(20)
    assert twenty is not None and twenty.raw.startswith("(note 2 of part 4) I am grateful to David Gerstein")
    assert not [f for f in brief.footnotes if "CHAPTER" in f.raw or "NOTES 3" in f.raw]
    assert "CHAPTER ONE: Creators" in [p.text for p in brief.passages if p.kind == "heading"]


def test_word_file_without_a_title_or_author_is_not_given_its_lead_in_or_account_name() -> None:
    brief = _load(FELDMAN)
    assert brief.authors == ()
    assert brief.title is None or not brief.title.startswith("Below is a blog post")


# ----- LaTeX papers with numeric citations ("[3]"), some with page-foot notes too -------------------------------


@pytest.mark.parametrize(
    ("name", "notes"),
    [(MRL_2, 3), (MRL_5, 4), (CRYPTONOTE, 1)],
    ids=["affiliation-under-byline", "formulas-at-the-foot", "fractions"],
)
def test_page_foot_notes_beside_a_bibliography_numbered_from_one(name: str, notes: int) -> None:
    brief = _load(name)
    # the reference list (numbered 1-n as well) is not the notes; a byline's affiliation mark, a formula's
    # indices and a fraction's numerator cite nothing
    assert [f.number for f in brief.footnotes] == list(range(1, notes + 1))
    assert {n for n, _ in brief.markers} == set(range(1, notes + 1))
    assert not [w for w in brief.warnings if w.code in ("undefined_marker", "orphan_footnote")]


def test_numeric_citations_cite_the_reference_list() -> None:
    brief = _load(MRL_4)
    assert [f.number for f in brief.footnotes] == [1, 2, 3, 4, 5]
    assert _containing(brief, "traceability is inevitable") == (2,)
    assert "(see, for example, [2]), traceability is inevitable." in brief.text
    five = brief.footnote(5)
    assert five is not None and five.raw.startswith("Tacotime. Saturation of unspent transaction outputs")


def test_bracket_labelled_references_and_a_series_label_over_the_title() -> None:
    brief = _load(MRL_6)
    assert [f.number for f in brief.footnotes] == [1, 2, 3]
    assert _containing(brief, "a subaddress scheme [1]") == (1,)
    assert brief.title == "An efficient implementation of Monero subaddresses"
    assert [a.name for a in brief.authors] == ["Sarang Noether", "Brandon Goodell"]
    assert "protonmail" not in " ".join(_sentences(brief))


def test_a_byline_on_its_own_line_is_the_paper_s_author() -> None:
    brief = _load(CRYPTONOTE)
    assert brief.title == "CryptoNote v 2.0"
    assert [a.name for a in brief.authors] == ["Nicolas van Saberhagen"]
    assert brief.date == "2013-10-17"


def test_ranges_runs_and_a_citation_before_a_colon_cite_the_references() -> None:
    brief = _load(NAKAMOTO)
    assert [f.number for f in brief.footnotes] == list(range(1, 9))
    assert {n for n, _ in brief.markers} == set(range(1, 9))  # "[2-5]" cites 3 and 4, "as follows [8]:" cites 8
    assert not brief.warnings
    assert _containing(brief, "transactions are hashed in a Merkle Tree") == (7, 2, 5)


HOLMES_TXT = "holmes-ancient-art-chiriqui-1888.txt"


@pytest.mark.parametrize("name", [FEWKES_TXT, FEWKES_HTML, HOLMES_TXT])
def test_an_ebook_s_licence_and_preamble_are_never_passages(name: str) -> None:
    brief = _load(name)
    body = [p.text for p in brief.passages if p.kind != "metadata"]
    assert not [t for t in body if "Gutenberg" in t or "Release Date" in t or "Produced by" in t]


def test_a_book_s_contents_illustrations_and_index_are_not_passages() -> None:
    brief = _load(HOLMES_TXT)
    body = [p.text for p in brief.passages if p.kind != "metadata"]
    assert not [t for t in body if t.rstrip(".") in ("CONTENTS", "ILLUSTRATIONS", "INDEX")]
    assert not [t for t in body if "Balboa, ornaments captured by" in t or "Section of oval grave 17" in t]
    assert brief.title == "Ancient art of the province of Chiriqui, Colombia"
    assert [a.name for a in brief.authors] == ["William Henry Holmes"]
