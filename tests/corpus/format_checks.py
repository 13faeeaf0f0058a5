"""Checks every format must pass on ``brief_writers.SAMPLE``: metadata, footnotes, the span rule, offsets."""

from __future__ import annotations

from corpus.models import Brief, Passage

# number -> (title, publisher, date, url) as the notes in SAMPLE state them
EXPECTED_NOTES = {
    1: (
        "North Korea says Kim Oversaw Third Hypersonic Missile Test",
        "BBC",
        "2022-01-12",
        "https://www.bbc.com/news/world-asia-59958664",
    ),
    2: ("Funding Nuclear Diplomacy Research", "Stanley Center", "2021-06", "https://stanleycenter.org/funding-2021"),
    3: (
        "North Korea Tests Longest-range Missile since 2017",
        "NPR",
        "2022-01-29",
        "https://www.npr.org/2022/01/29/1076751251/north-korea-missile-launch",
    ),
    4: (
        "North Korea Conducts its Ninth Missile Test of 2022",
        "The Japan Times",
        "2022-03-05",
        "https://www.japantimes.co.jp/news/2022/03/05/north-korea-ninth-missile-launch/",
    ),
    5: (
        "Failure of the Hanoi Summit: What Lies Ahead?",
        "Observer Research Foundation",
        "2019-03-13",
        "https://www.orfonline.org/expert-speak/the-failure-of-the-hanoi-summit-48949/",
    ),
}


def sentence(brief: Brief, prefix: str) -> Passage:
    found = [p for p in brief.passages if p.kind == "sentence" and p.text.startswith(prefix)]
    assert len(found) == 1, f"expected one sentence starting {prefix!r}, got {[p.text for p in found]}"
    return found[0]


def assert_offsets(brief: Brief) -> None:
    for p in brief.passages:
        assert brief.text[p.start : p.end] == p.text, p


def assert_metadata(brief: Brief, *, roles: bool = True) -> None:
    assert brief.title == "PROSPECTS OF RENEWED NUCLEAR TALKS"
    assert [a.name for a in brief.authors] == ["Jane Doe"]
    if roles:
        assert brief.authors[0].role == "Senior Fellow"
    assert brief.date == "2022-04-29"
    assert brief.organisation == "Arms Control Centre, ISSI"
    assert brief.editors == ("John Roe",)


def assert_footnotes(brief: Brief) -> None:
    got = {f.number: (f.title, f.publisher, f.date, f.url) for f in brief.footnotes}
    assert got == EXPECTED_NOTES
    assert brief.warnings == ()


def assert_span_rule(brief: Brief) -> None:
    first = sentence(brief, "North Korea is building up")
    assert (first.footnotes, first.direct) == ((1,), False)  # covered by the paragraph's marker
    last = sentence(brief, "Sanctions are deepening")
    assert (last.footnotes, last.direct) == ((1,), True)
    year = sentence(brief, "The research programme is funded")
    assert year.text == "The research programme is funded by a grant that ends in 2026."  # the year, then note 2
    assert (year.footnotes, year.direct) == ((2,), True)
    assert sentence(brief, "The grant pays").footnotes == ()  # after the paragraph's last marker
    assert sentence(brief, "It fired two").footnotes == (3, 4)
    assert sentence(brief, "Pyongyang claims").footnotes == ()  # a paragraph without markers
    hanoi = sentence(brief, "According to Trump")
    assert (hanoi.footnotes, hanoi.direct) == ((5,), True)


def assert_page_break_sentence(brief: Brief) -> None:
    split = sentence(brief, "The summits emphasised")
    assert "spoke of releasing the prisoners of war" in split.text
    assert (split.footnotes, split.direct) == ((5,), False)


def assert_tables_and_sources(brief: Brief) -> None:
    rows = [p for p in brief.passages if p.kind == "table_row"]
    assert [r.text for r in rows] == [
        "Date: January 30, 2022; Missile tested: Hwasong-12; Number of missiles: 1",
        "Date: January 27, 2022; Missile tested: KN-23; Number of missiles: 2",
    ]
    assert {r.label for r in rows} == {"NORTH KOREA MISSILE TESTING 2022"}
    assert all(r.references and r.references[0].publisher == "IISS" for r in rows)
    notes = [p for p in brief.passages if p.kind == "source_note"]
    assert [n.label for n in notes] == ["table", "figure"]
    assert notes[1].references[0].url == "https://oneearthfuture.org/research-analysis/january-2022-missile-tests-dprk"


def assert_sample(brief: Brief, *, roles: bool = True) -> None:
    """Every check at once."""
    assert_offsets(brief)
    assert_metadata(brief, roles=roles)
    assert_footnotes(brief)
    assert_span_rule(brief)
    assert_page_break_sentence(brief)
    assert_tables_and_sources(brief)
