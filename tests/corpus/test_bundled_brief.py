"""The plain-text parser on the bundled ISSI brief."""

from __future__ import annotations

import pytest

from corpus.models import Brief
from tests.corpus.conftest import sentence_starting


def test_metadata_is_parsed(brief: Brief) -> None:
    assert brief.title == "PROSPECTS OF RESUMPTION OF US-NORTH KOREA NUCLEAR TALKS"
    assert [(a.name, a.role) for a in brief.authors] == [("Zainab Fatima", "Intern")]
    assert brief.organisation == "Arms Control & Disarmament Centre, ISSI"
    assert brief.editors == ("Malik Qasim Mustafa",)
    assert brief.date == "2022-04-29"
    assert brief.disclaimer is not None
    assert brief.disclaimer.startswith("Views expressed in the brief")


def test_each_metadata_field_is_a_citable_passage(brief: Brief) -> None:
    labels = {p.label: p.text for p in brief.passages if p.kind == "metadata"}
    assert set(labels) == {"title", "author", "organisation", "editor", "date", "disclaimer"}
    assert "Zainab Fatima" in labels["author"]
    assert "Malik Qasim Mustafa" in labels["editor"]
    assert labels["date"] == "April 29, 2022"


def test_every_passage_satisfies_the_offset_invariant(brief: Brief) -> None:
    assert brief.passages
    for p in brief.passages:
        assert brief.text[p.start : p.end] == p.text, p.id


def test_passage_ids_are_unique_and_in_reading_order(brief: Brief) -> None:
    ids = [p.id for p in brief.passages]
    assert len(ids) == len(set(ids))
    assert [p.seq for p in brief.passages] == list(range(len(brief.passages)))
    starts = [p.start for p in brief.passages]
    assert starts == sorted(starts)


def test_canonical_text_has_no_superscript_markers(brief: Brief) -> None:
    assert not any(ch in brief.text for ch in "⁰¹²³⁴⁵⁶⁷⁸⁹")


@pytest.mark.parametrize(
    ("prefix", "continuation"),
    [
        ("It fired two short-range ballistic missiles into", "into the sea and allegedly flight-tested"),
        ("The summits emphasised denuclearising", "denuclearising the Korean Peninsula, re-establishing"),
        ("Back in 2021, Joe Biden described", "policy as a combination of “diplomacy and stern deterrence”"),
    ],
)
def test_sentence_cut_by_a_page_break_is_rebuilt(brief: Brief, prefix: str, continuation: str) -> None:
    sentence = sentence_starting(brief, prefix)
    assert continuation in sentence.text
    assert "\n" not in sentence.text


def test_page_break_sentence_keeps_its_footnote(brief: Brief) -> None:
    assert sentence_starting(brief, "It fired two short-range").footnotes == (2,)
    assert sentence_starting(brief, "Back in 2021, Joe Biden").footnotes == (17,)


@pytest.mark.parametrize(
    ("prefix", "number"),
    [
        ("After no beneficial result was produced", 10),
        ("According to Trump, they came to a halt", 11),
        ("It detonated a nuclear device in 2017", 12),
        ("Hwasong-14 has a range of 10,400 km", 13),
        ("Hwasong-12, was also launched in 2017", 14),
        ("Lastly, it had an objection to the UN", 15),
        ("Kim expects the US to respond quickly", 16),
        ("Back in 2021, Joe Biden described", 17),
        ("Its ultimate goal is to intimidate Seoul", 18),
    ],
)
def test_multi_digit_markers_are_single_footnotes(brief: Brief, prefix: str, number: int) -> None:
    sentence = sentence_starting(brief, prefix)
    assert sentence.footnotes == (number,)
    assert sentence.direct is True


def test_all_eighteen_footnotes_are_defined(brief: Brief) -> None:
    assert [f.number for f in brief.footnotes] == list(range(1, 19))
    for fn in brief.footnotes:
        assert fn.title and fn.publisher and fn.date and fn.url, fn.number


def test_footnote_11_fields(brief: Brief) -> None:
    fn = brief.footnote(11)
    assert fn is not None
    assert fn.title == "Failure of the Hanoi Summit: What Lies Ahead?"
    assert fn.publisher == "Observer Research Foundation"
    assert fn.date == "2019-03-13"
    assert fn.date_raw == "March 13, 2019"
    assert fn.url == "https://www.orfonline.org/expert-speak/the-failure-of-the-hanoi-summit-and-what-lies-ahead-48949/"


def test_footnote_5_without_opening_quote(brief: Brief) -> None:
    fn = brief.footnote(5)
    assert fn is not None
    assert fn.title == "North Korea says tested new ICBM, prepared for long confrontation with U.S."
    assert fn.publisher == "Reuters"
    assert fn.date == "2022-03-26"


def test_footnote_18_without_opening_quote(brief: Brief) -> None:
    fn = brief.footnote(18)
    assert fn is not None
    assert fn.title is not None
    assert fn.title.startswith("For the U.S., South Korea, and Japan")
    assert fn.title.endswith("That Is the Threat")
    assert fn.publisher == "RAND Corporation"
    assert fn.date == "2020-06-08"


def test_titles_urls_and_publishers_are_clean(brief: Brief) -> None:
    for fn in brief.footnotes:
        assert fn.title is not None and fn.publisher is not None and fn.url is not None
        assert not fn.title.startswith(('"', "“")) and not fn.title.endswith(('"', "”", ","))
        assert "*" not in fn.publisher
        assert not fn.url.startswith("<") and not fn.url.endswith((">", "."))


def test_month_only_date_is_iso_month(brief: Brief) -> None:
    fn = brief.footnote(9)
    assert fn is not None
    assert (fn.date, fn.date_raw) == ("2022-04", "April 2022")


def test_covering_rule_in_the_summit_paragraph(brief: Brief) -> None:
    first = sentence_starting(brief, "During the Trump era")
    assert (first.footnotes, first.direct) == ((11,), False)
    direct = sentence_starting(brief, "According to Trump")
    assert (direct.footnotes, direct.direct) == ((11,), True)


def test_covering_rule_in_the_hypersonic_paragraph(brief: Brief) -> None:
    covered = sentence_starting(brief, "North Korea conducted 10 tests in 2022.")
    assert (covered.footnotes, covered.direct) == ((1,), False)


def test_covering_rule_in_the_negotiations_paragraph(brief: Brief) -> None:
    covered = sentence_starting(brief, "Pyongyang considers the US policy to be hostile")
    assert (covered.footnotes, covered.direct) == ((15,), False)
    after_last = sentence_starting(brief, "Pyongyang claims that its missile programme is defensive.")
    assert after_last.footnotes == ()


@pytest.mark.parametrize(
    "prefix",
    [
        "On March 24, it tested its 'monster missile' Hwasong-17",
        "It flew for 1,090 km to a maximum altitude of 6,248.5 kms.",
        "Therefore, it continues to bolster",
    ],
)
def test_hwasong_17_sentences_after_the_last_marker_are_uncited(brief: Brief, prefix: str) -> None:
    sentence = sentence_starting(brief, prefix)
    assert sentence.footnotes == ()
    assert sentence.direct is False


def test_paragraph_without_markers_is_uncited(brief: Brief) -> None:
    assert sentence_starting(brief, "Earlier, North Korea and the US failed").footnotes == ()


def test_decimal_does_not_split_or_become_a_marker(brief: Brief) -> None:
    sentence = sentence_starting(brief, "It flew for 1,090 km")
    assert sentence.text == "It flew for 1,090 km to a maximum altitude of 6,248.5 kms."


def test_unit_abbreviation_ends_sentence_with_its_marker(brief: Brief) -> None:
    sentence = sentence_starting(brief, "In addition, it can also achieve")
    assert sentence.text.endswith("about 6,200 km/h.")
    assert sentence.footnotes == (1,)


def test_separate_markers_on_neighbouring_sentences(brief: Brief) -> None:
    assert sentence_starting(brief, "Another test was a ballistic missile").footnotes == (3,)
    assert sentence_starting(brief, "On March 4 2022").footnotes == (4,)


def test_table_rows_are_readable_lines_cited_by_the_tables_sources(brief: Brief) -> None:
    rows = [p for p in brief.passages if p.kind == "table_row"]
    assert len(rows) == 7
    assert rows[1].text == (
        "Date: January 27, 2022; Missile tested: KN-23; Missile type: Short range ballistic missile; "
        "Number of missiles tested: 2"
    )
    for row in rows:
        assert row.footnotes == ()
        assert [r.publisher for r in row.references] == ["IISS", "One Earth Future"]
        assert row.label == "NORTH KOREA MISSILE TESTING 2022"


def test_figure_source_line_is_a_source_note(brief: Brief) -> None:
    notes = [p for p in brief.passages if p.kind == "source_note"]
    figure = [p for p in notes if p.label == "figure"]
    assert len(figure) == 1
    assert figure[0].text.startswith("Source: ")
    (ref,) = figure[0].references
    assert ref.title == "January 2022: Missile Tests of the DPRK"
    assert ref.publisher == "One Earth Future"
    assert ref.date == "2022-02-01"


def test_footnote_entries_are_passages_citing_themselves(brief: Brief) -> None:
    entries = [p for p in brief.passages if p.kind == "footnote"]
    assert [p.footnotes for p in entries] == [(n,) for n in range(1, 19)]
    fn = brief.footnote(11)
    assert fn is not None
    assert entries[10].text == fn.raw


def test_only_warning_is_the_orphan_footnote_5(brief: Brief) -> None:
    assert [(w.code, w.footnote) for w in brief.warnings] == [("orphan_footnote", 5)]


def test_orphan_footnote_is_never_attached_to_a_sentence(brief: Brief) -> None:
    assert all(5 not in p.footnotes for p in brief.passages if p.kind != "footnote")


def test_content_hash_is_stable(brief: Brief) -> None:
    from corpus.loader import load_brief
    from tests.corpus.conftest import BUNDLED

    assert load_brief(BUNDLED).content_hash == brief.content_hash
    assert len(brief.content_hash) == 64
