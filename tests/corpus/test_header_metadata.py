"""Header metadata on unseen documents: software-default author names, a lead-in sentence that is no title, and a
byline printed under the title without "By"."""

from __future__ import annotations

from dataclasses import replace

import pytest

from corpus.formats.common import is_placeholder_author
from corpus.loader import parse_bytes
from tests.corpus.brief_writers import SAMPLE
from tests.corpus.docx_writer import to_docx


@pytest.mark.parametrize("name", ["Microsoft Office User", "Windows User", "user", "Author", "Mac User"])
def test_software_default_author_names_are_placeholders(name: str) -> None:
    assert is_placeholder_author(name)


@pytest.mark.parametrize("name", ["Ann Lee", "Carl Malamud", "Office of Research"])
def test_real_names_are_not_placeholders(name: str) -> None:
    assert not is_placeholder_author(name)


def test_a_word_file_s_default_author_is_no_author() -> None:
    spec = replace(SAMPLE, authors=(("Microsoft Office User", ""),))
    brief = parse_bytes(to_docx(spec, header=False), "memo.docx")
    assert brief.authors == ()


def test_a_long_unpunctuated_lead_in_is_not_the_title() -> None:
    lead = (
        "Below is a note I wrote with a colleague for the county newsletter about the river survey that we "
        "carried out over two summers"
    )
    brief = parse_bytes(f"{lead}\n\nThe survey began in May. It ended in June.\n".encode(), "note.txt")
    assert brief.title != lead


def test_a_byline_under_the_title_is_the_author() -> None:
    text = "Further Notes on Mills\nJane Q. Smith\n\nThe mill stood by the ford. Its wheel was oak.\n"
    brief = parse_bytes(text.encode(), "essay.md")
    assert brief.title == "Further Notes on Mills"
    assert [a.name for a in brief.authors] == ["Jane Q. Smith"]


def test_a_title_s_second_line_made_of_common_words_stays_in_the_title() -> None:
    text = "Protecting Rivers\nClean Water\n\nEveryone wants clean water in the rivers. Rivers need care.\n"
    brief = parse_bytes(text.encode(), "advisory.md")
    assert brief.title == "Protecting Rivers Clean Water"
    assert brief.authors == ()


def test_a_title_line_ending_in_by_leaves_by_to_the_byline() -> None:
    text = "The Collected Letters of a Miller, by\nJohn R. Hale\n\nThe mill stood by the ford. Its wheel was oak.\n"
    brief = parse_bytes(text.encode(), "letters.txt")
    assert brief.title == "The Collected Letters of a Miller"
    assert [a.name for a in brief.authors] == ["John R. Hale"]


def test_a_notice_of_two_sentences_is_not_the_title() -> None:
    text = (
        "This copy of the survey is licensed for reading. This licence permits copying\n\nThe mill stood by the ford.\n"
    )
    brief = parse_bytes(text.encode(), "survey.txt")
    assert brief.title is None or not brief.title.startswith("This copy")


def test_a_title_with_an_abbreviation_is_still_the_title() -> None:
    brief = parse_bytes(b"Dr. Smith and the U.S. Mills\n\nThe mill stood by the ford. It burned.\n", "mills.txt")
    assert brief.title == "Dr. Smith and the U.S. Mills"


def test_an_email_under_the_byline_is_not_the_organisation() -> None:
    text = "Notes on Mills\n\nJane Q. Smith\njane@example.org\n\nThe mill stood by the ford. Its wheel was oak.\n"
    brief = parse_bytes(text.encode(), "essay.txt")
    assert [a.name for a in brief.authors] == ["Jane Q. Smith"]
    assert brief.organisation is None


def test_a_licence_line_under_the_byline_is_not_the_organisation() -> None:
    text = (
        "Notes on Mills\n\nBy Jane Q. Smith\n\nThis text is for the use of anyone anywhere at no cost and with"
        " almost no restrictions whatsoever\n\nThe mill stood by the ford. Its wheel was oak.\n"
    )
    brief = parse_bytes(text.encode(), "essay.txt")
    assert brief.organisation is None


@pytest.mark.parametrize("line", ["Monero Research Lab", "Institute for Fiscal Studies"])
def test_a_short_institution_line_is_an_organisation(line: str) -> None:
    from corpus.text_format import organisation_like

    assert organisation_like(line)
