"""The builder: headings are their own passages, never sentences; section paths follow heading levels."""

from __future__ import annotations

from corpus.builder import build_brief
from corpus.models import Brief
from corpus.raw import Marker, RawDocument, RawParagraph
from corpus.sections import MAX_HEADING_WORDS, section_paths, section_text


def _brief(*blocks: RawParagraph, defs: tuple[tuple[int, str], ...] = ()) -> Brief:
    return build_brief(RawDocument(format="markdown", blocks=blocks, footnote_defs=defs), "b")


def H(text: str, level: int = 2, *marks: int) -> RawParagraph:
    segments: tuple[str | Marker, ...] = (text, Marker(marks)) if marks else (text,)
    return RawParagraph(segments, heading=True, level=level)


def P(*segments: str | Marker) -> RawParagraph:
    return RawParagraph(tuple(segments))


def test_heading_is_one_heading_passage_not_a_sentence() -> None:
    brief = _brief(H("Why it matters. A second clause"), P("Body text."))
    kinds = [(p.kind, p.text) for p in brief.passages]
    assert kinds == [("heading", "Why it matters. A second clause"), ("sentence", "Body text.")]
    heading = brief.passages[0]
    assert brief.text[heading.start : heading.end] == heading.text
    assert heading.label == "h2"


def test_marker_on_a_heading_cites_its_note_and_is_not_an_orphan() -> None:
    brief = _brief(H("Background", 2, 1), P("Body text."), defs=((1, "A source."),))
    assert brief.passages[0].footnotes == (1,)
    assert not brief.warnings


def test_overlong_heading_is_read_as_sentences() -> None:
    text = " ".join(["word"] * (MAX_HEADING_WORDS + 1)) + ". Another sentence."
    brief = _brief(H(text))
    assert [p.kind for p in brief.passages] == ["sentence", "sentence"]


def test_section_paths_follow_levels() -> None:
    brief = _brief(H("Methods", 2), H("Data", 3), P("One."), H("Model", 3), P("Two."), H("Results", 2), P("Three."))
    paths = section_paths(brief.passages)
    by_text = {p.text: paths[p.id] for p in brief.passages}
    assert by_text["One."] == ("Methods", "Data")
    assert by_text["Two."] == ("Methods", "Model")
    assert by_text["Three."] == ("Results",)
    assert section_text(by_text["Two."]) == "Methods > Model"


def test_unknown_heading_level_replaces_the_previous_heading() -> None:
    brief = _brief(H("First", 0), P("One."), H("Second", 0), P("Two."))
    paths = section_paths(brief.passages)
    assert [paths[p.id] for p in brief.passages if p.kind == "sentence"] == [("First",), ("Second",)]


def test_zero_width_spaces_leave_the_canonical_text() -> None:
    brief = _brief(P("Fine. \u200b\u200bFor that reason, no.\u2060"))
    assert [p.text for p in brief.passages] == ["Fine.", "For that reason, no."]


def test_lower_case_fragment_marked_as_heading_stays_a_sentence() -> None:
    brief = _brief(H("more fulfilled nation."), P("Body text."))
    assert [p.kind for p in brief.passages] == ["sentence", "sentence"]
