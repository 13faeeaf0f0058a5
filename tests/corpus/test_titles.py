"""Title selection: a stamp, a date line, a docket line or a section name never titles a document when a real
title candidate (a later leading heading, the container's title) exists."""

from __future__ import annotations

import pytest

from corpus.formats.assemble import assemble
from corpus.formats.common import Metadata, Para
from corpus.formats.title_choice import can_be_title

BODY = Para(("The court affirmed the judgment of the district court for the reasons that follow in this order.",))


def _title(*blocks: Para, meta: Metadata | None = None) -> str | None:
    return assemble("pdf", [*blocks, BODY], meta=meta).title


@pytest.mark.parametrize(
    "text",
    ["FILED\nUnited States Court of Appeals", "February 5, 2010", "No. 06-6247", "Case No. 1:20-cv-00376", "Abstract"],
)
def test_not_a_title(text: str) -> None:
    assert not can_be_title(text)


@pytest.mark.parametrize("text", ["Duck", "Order and Judgment", "The Future of Law Libraries: Twelve Tables or 7-11?"])
def test_can_be_a_title(text: str) -> None:
    assert can_be_title(text)


def test_stamp_gives_way_to_the_next_leading_heading() -> None:
    stamp = Para(("FILED\nCourt of Appeals\nSecond District",), heading=True)
    date = Para(("February 5, 2010",), heading=True)
    court = Para(("COURT OF APPEALS FOR THE SECOND DISTRICT",), heading=True)
    assert _title(stamp, date, court) == "COURT OF APPEALS FOR THE SECOND DISTRICT"


def test_date_line_gives_way_to_the_container_title() -> None:
    date = Para(("March 3, 2021",), heading=True)
    assert _title(date, meta=Metadata(title="Annual Report on Water")) == "Annual Report on Water"


def test_docket_line_gives_way_to_the_next_heading() -> None:
    docket = Para(("No. 21-1234",), heading=True)
    assert _title(docket, Para(("Brief for the Respondent",), heading=True)) == "Brief for the Respondent"


def test_a_real_first_heading_keeps_the_title() -> None:
    assert _title(Para(("Water in Dry Cities",), heading=True), Para(("Background",), heading=True)) == (
        "Water in Dry Cities"
    )


def test_lone_capital_word_gives_way_to_a_heading_of_its_rank() -> None:
    draft = Para(("DRAFT",), heading=True, level=1)
    assert _title(draft, Para(("Water in Dry Cities",), heading=True, level=1)) == "Water in Dry Cities"


def test_lone_capital_word_keeps_the_title_over_a_subsection_or_a_question() -> None:
    faq = Para(("FAQ",), heading=True, level=1)
    usage = Para(("Usage notes",), heading=True, level=2)
    assert _title(faq, usage) == "FAQ"
    question = Para(("Is this meant to replace the old index?",), heading=True, level=1)
    assert _title(faq, question) == "FAQ"


def test_no_better_candidate_keeps_the_old_choice_out_of_the_body_order() -> None:
    # nothing better before the body: no title is invented from the body
    assert _title(Para(("FILED\nCourt of Appeals",), heading=True)) is None
