"""Markdown: YAML front matter, ``[^label]`` footnotes, inline HTML superscripts, pandoc table captions."""

from __future__ import annotations

import pytest

from corpus.errors import ParseError
from corpus.loader import detect_format, parse_bytes
from tests.corpus.brief_writers import SAMPLE, to_markdown
from tests.corpus.format_checks import assert_offsets, assert_sample, sentence


def _parse(text: str, name: str = "brief.md"):
    return parse_bytes(text.encode(), name)


def test_sample_brief_parses_completely() -> None:
    brief = parse_bytes(to_markdown(SAMPLE), "sample.md")
    assert brief.format == "markdown"
    assert_sample(brief)


def test_front_matter_gives_metadata_passages() -> None:
    brief = parse_bytes(to_markdown(SAMPLE), "sample.md")
    meta = {p.label: p.text for p in brief.passages if p.kind == "metadata"}
    assert meta["author"] == "By Jane Doe (Senior Fellow)"
    assert meta["date"] == "2022-04-29"
    # the "# title" heading repeats the front matter's title: it is the title, not a body paragraph
    assert not [p for p in brief.passages if p.kind == "sentence" and p.text == SAMPLE.title]


def test_front_matter_accepts_plain_strings_and_written_dates() -> None:
    brief = _parse(
        "---\ntitle: Notes on Talks\nauthor: Ann Lee and Bo Park\ndate: March 3, 2021\n"
        "publisher: Some Institute\n---\n\n"
        "A claim.[^1]\n\n[^1]: Source, 2020.\n"
    )
    assert brief.title == "Notes on Talks"
    assert [a.name for a in brief.authors] == ["Ann Lee", "Bo Park"]
    assert brief.date == "2021-03-03"
    assert brief.organisation == "Some Institute"


def test_numeric_labels_keep_the_authors_numbers() -> None:
    brief = _parse("---\ntitle: T\n---\n\nFirst.[^7] Second.[^8]\n\n[^7]: Seven, 2020.\n[^8]: Eight, 2021.\n")
    assert sentence(brief, "First.").footnotes == (7,)
    assert [f.number for f in brief.footnotes] == [7, 8]


def test_named_labels_are_numbered_by_first_reference() -> None:
    brief = _parse(
        "---\ntitle: T\n---\n\nFirst.[^later] Second.[^early] Again.[^later]\n\n"
        '[^early]: "Early Source," Paper, 2019.\n[^later]: "Later Source," Paper, 2020.\n'
    )
    assert sentence(brief, "First.").footnotes == (1,)
    assert sentence(brief, "Second.").footnotes == (2,)
    assert sentence(brief, "Again.").footnotes == (1,)
    assert {f.number: f.title for f in brief.footnotes} == {1: "Later Source", 2: "Early Source"}


def test_definition_with_markup_and_continuation_lines() -> None:
    brief = _parse(
        "---\ntitle: T\n---\n\nThe claim.[^1]\n\n"
        '[^1]: "[A Long Title](https://example.org/a),"\n    *The Publisher*,\n    May 5, 2020.\n'
    )
    fn = brief.footnotes[0]
    assert (fn.title, fn.publisher, fn.date, fn.url) == (
        "A Long Title",
        "The Publisher",
        "2020-05-05",
        "https://example.org/a",
    )
    assert "*" not in fn.raw


def test_inline_html_superscript_is_a_marker_but_an_exponent_is_not() -> None:
    brief = _parse(
        "---\ntitle: T\n---\n\nThe site covers 40 km<sup>2</sup> of land. It ends in 2026.<sup>1</sup>\n\n"
        "[^1]: Source, 2020, <https://example.org/x>\n"
    )
    area = sentence(brief, "The site covers")
    assert area.text == "The site covers 40 km2 of land."
    assert area.footnotes == (1,)  # covered by the marker that follows
    assert sentence(brief, "It ends in 2026.").footnotes == (1,)


def test_markdown_is_detected_from_content_under_another_name() -> None:
    data = to_markdown(SAMPLE)
    assert detect_format(data, "upload.txt") == "markdown"
    assert detect_format(b"Just a line with a note.[^1]\n\n[^1]: Source.\n", "notes") == "markdown"


def test_hugo_toml_front_matter_gives_the_title_and_date() -> None:
    brief = _parse(
        '+++\ndate = "2018-04-24T18:17:23-04:00"\nauthor = ""\ntitle = "The Web in 2018"\n+++\n\n'
        "Most APIs are not RESTful.[^1]\n\n[^1]: Fielding, 2008.\n"
    )
    assert brief.title == "The Web in 2018"
    assert brief.date == "2018-04-24"
    assert brief.authors == ()
    assert [p.text for p in brief.passages if p.kind == "sentence"] == ["Most APIs are not RESTful."]


def test_broken_toml_front_matter_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="TOML front matter"):
        _parse('+++\ntitle = "unclosed\n+++\n\nText.\n')


def test_broken_front_matter_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="YAML front matter"):
        _parse("---\ntitle: [unclosed\n---\n\nText.\n")


def test_code_blocks_are_not_prose() -> None:
    brief = _parse("---\ntitle: T\n---\n\nReal text here.\n\n```\nprint('not a sentence.')\n```\n")
    assert [p.text for p in brief.passages if p.kind == "sentence"] == ["Real text here."]
    assert_offsets(brief)


# ---- headings, admonitions, invisible characters (issue 10) ----


def test_markdown_headings_are_heading_passages_with_their_path() -> None:
    from corpus.sections import section_paths

    brief = _parse(
        "# Report\n\n## Methods\n\n### Is this meant to replace X?\n\nNo. It adds to X.[^1]\n\n[^1]: A note.\n"
    )
    assert [(p.text, p.label) for p in brief.passages if p.kind == "heading"] == [
        ("Methods", "h2"),
        ("Is this meant to replace X?", "h3"),
    ]
    assert section_paths(brief.passages)[sentence(brief, "No.").id] == ("Methods", "Is this meant to replace X?")
    assert not [p for p in brief.passages if p.kind == "sentence" and p.text.startswith("Methods")]


def test_zero_width_spaces_are_not_in_the_text() -> None:
    brief = _parse("# T\n\nFine details. \u200b\u200bFor that reason, we chose it.[^1]\n\n[^1]: Note\u200b one.\n")
    assert "\u200b" not in brief.text
    assert sentence(brief, "For that reason").footnotes == (1,)
    assert_offsets(brief)


@pytest.mark.parametrize(
    "box",
    [
        '!!! note "Careful"\n    Back up first.[^1]\n',
        ":::note\nBack up first.[^1]\n:::\n",
        "> [!NOTE]\n> Back up first.[^1]\n",
        "> Back up first.[^1]\n",
    ],
)
def test_admonitions_and_blockquotes_stay_in_the_text_with_their_markers(box: str) -> None:
    brief = _parse(f"# Guide\n\nInstall it.\n\n{box}\n[^1]: Manual, p. 2.\n")
    assert sentence(brief, "Back up first.").footnotes == (1,)
    assert "[!NOTE]" not in brief.text
    assert ":::" not in brief.text
    assert not brief.warnings


def test_marker_runs_and_reused_notes_keep_their_numbers() -> None:
    brief = _parse("# T\n\nOne claim.[^2][^3] Another.[^2]\n\n[^2]: Two.\n[^3]: Three.\n")
    assert sentence(brief, "One claim.").footnotes == (2, 3)
    assert sentence(brief, "Another.").footnotes == (2,)
    assert [f.number for f in brief.footnotes] == [2, 3]


@pytest.mark.parametrize("lead", ["_Calendars._", "_Calendars_.", "**Calendars:**"])
def test_run_in_heading_becomes_a_heading_below_the_section(lead: str) -> None:
    from corpus.sections import section_paths

    brief = _parse(f"# T\n\n## Methods\n\n{lead} Many models skip leap years.[^1]\n\n[^1]: A note.\n")
    heading = [p for p in brief.passages if p.kind == "heading"][-1]
    assert heading.text.startswith("Calendars") and heading.label == "h3"
    body = sentence(brief, "Many models")
    assert body.footnotes == (1,)
    assert section_paths(brief.passages)[body.id] == ("Methods", heading.text)


def test_emphasis_that_is_not_a_lead_in_stays_in_the_sentence() -> None:
    brief = _parse("# T\n\n_Very_ few models skip leap years.\n\n_An entire emphasised sentence._\n")
    assert sentence(brief, "Very few").text == "Very few models skip leap years."
    assert sentence(brief, "An entire")


def test_front_matter_creator_and_published_keys() -> None:
    brief = _parse("---\ntitle: Heat\ncreator: Ann Lee\npublished: 2023-09-05\n---\n# Heat\n\nText here.\n")
    assert [a.name for a in brief.authors] == ["Ann Lee"]
    assert brief.date == "2023-09-05"


def test_section_name_heading_is_not_the_title_when_front_matter_has_one() -> None:
    brief = _parse("---\ntitle: Real Title\n---\n## Abstract\n\nWe study heat.\n")
    assert brief.title == "Real Title"
    assert [p.text for p in brief.passages if p.kind == "heading"] == ["Abstract"]


def test_bold_question_paragraph_heads_its_answer() -> None:
    from corpus.sections import section_paths

    brief = _parse("# FAQ\n\n## Usage\n\n**Is this meant to replace X?**\n\nNot at all. It adds to X.\n")
    assert [(p.text, p.label) for p in brief.passages if p.kind == "heading"][-1] == (
        "Is this meant to replace X?",
        "h3",
    )
    answer = sentence(brief, "Not at all.")
    assert section_paths(brief.passages)[answer.id] == ("Usage", "Is this meant to replace X?")


def test_a_heading_that_cites_a_note_stays_footnoted_text() -> None:
    """A "heading" carrying a marker (a boxed list item, a ruling's "AFFIRMED.") is the author's cited claim:
    it is kept even when another heading follows, and it is sentences with its note, not a heading passage."""
    from corpus.loader import parse_bytes

    md = b"# Ruling\n\n## AFFIRMED.[^1]\n\n## Notes on costs\n\nCosts follow the event.\n\n[^1]: Order of the court.\n"
    brief = parse_bytes(md, "ruling.md", brief_id="ruling")
    cited = [p for p in brief.passages if p.footnotes and p.kind != "footnote"]
    assert [(p.kind, p.text, p.footnotes) for p in cited] == [("sentence", "AFFIRMED.", (1,))]
    assert not [w for w in brief.warnings if w.code == "orphan_footnote"]


def test_pandoc_inline_notes_are_numbered_in_reading_order() -> None:
    md = (
        "# Bridges\n\nThe bridge opened in May.^[County record, 1921, see [the map](https://example.org/m).] "
        "The ferry stopped.[^a]\n\nA third claim.^[Ibid.]\n\n```\ncode ^[not a note]\n```\n\nUse `x^[1]` here.\n\n"
        "[^a]: Harbour diary.\n"
    )
    brief = parse_bytes(md.encode(), "bridges.md")
    assert sorted((f.number, f.raw) for f in brief.footnotes) == [
        (1, "County record, 1921, see the map, <https://example.org/m>."),
        (2, "Harbour diary."),
        (3, "Ibid."),
    ]
    assert sentence(brief, "The bridge opened").text == "The bridge opened in May."
    assert sentence(brief, "The bridge opened").footnotes == (1,)
    assert sentence(brief, "A third claim").footnotes == (3,)
    assert "x^[1]" in brief.text


def test_inline_and_labelled_notes_are_listed_in_number_order() -> None:
    md = "The mill closed in 1911.^[County Gazette.] Its wheel was sold.[^survey]\n\n[^survey]: A. Marsh, 1912.\n"
    brief = parse_bytes(md.encode(), "mill.md")
    assert [f.number for f in brief.footnotes] == [1, 2]
