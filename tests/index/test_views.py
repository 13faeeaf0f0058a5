"""Passage views: section paths in the context view, question headings leading to their answer, no heading views."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.builder import build_brief
from corpus.loader import parse_bytes
from corpus.raw import RawDocument, RawParagraph
from index.views import leans_back, passage_views


def _brief(*blocks: RawParagraph):  # type: ignore[no-untyped-def]
    return build_brief(RawDocument(format="markdown", blocks=blocks), "b")


def H(text: str, level: int = 2) -> RawParagraph:
    return RawParagraph((text,), heading=True, level=level)


def P(text: str) -> RawParagraph:
    return RawParagraph((text,))


def test_context_view_carries_the_heading_path() -> None:
    views = passage_views(_brief(H("Methods", 2), H("Wet bulb globe temperature", 3), P("It combines four variables.")))
    (view,) = views
    assert view.context_text == "Methods > Wet bulb globe temperature: It combines four variables."
    assert view.self_text == "It combines four variables."


def test_later_sentences_keep_paragraph_context_after_the_path() -> None:
    views = passage_views(_brief(H("Data"), P("The station is coastal. It reports hourly. Gaps are filled.")))
    assert views[2].context_text == "Data: The station is coastal. It reports hourly. Gaps are filled."


def test_headings_have_no_view_of_their_own() -> None:
    views = passage_views(_brief(H("Results"), P("Counts rose.")))
    assert [v.passage.kind for v in views] == ["sentence"]


def test_question_heading_leads_to_the_first_sentences_below_it() -> None:
    brief = _brief(
        H("Is this supposed to replace the old index?"),
        P("Not at all. It complements the old index. Both are kept. A fourth."),
        P("Another paragraph."),
    )
    views = {v.passage.text: v for v in passage_views(brief)}
    assert views["Not at all."].self_text.startswith("Is this supposed to replace the old index?")
    assert views["It complements the old index."].self_text.startswith("Is this supposed")
    assert views["Both are kept."].self_text == "Both are kept."
    assert views["Another paragraph."].self_text == "Another paragraph."


def test_plain_heading_does_not_change_the_self_view() -> None:
    (view,) = passage_views(_brief(H("Results"), P("Counts rose.")))
    assert view.self_text == "Counts rose."


def test_sentence_without_section_or_predecessor_has_no_context_view() -> None:
    (view,) = passage_views(_brief(P("Alone.")))
    assert view.context_text is None


def test_leaning_back_uses_general_cues_only() -> None:
    assert leans_back("However, prices fell.")
    assert leans_back("The latter was larger.")
    assert not leans_back("The committee met.")
    source = Path(__file__).parents[2].joinpath("index", "views.py").read_text(encoding="utf-8")
    assert not re.search(r"missile|hwasong|summit|korea|hanoi", source, re.IGNORECASE)


def test_markdown_brief_views_end_to_end() -> None:
    brief = parse_bytes(b"# Report\n\n## Methods\n\nWe sampled weekly.\n", "r.md")
    (view,) = [v for v in passage_views(brief) if v.passage.kind == "sentence"]
    assert view.context_text == "Methods: We sampled weekly."
