"""An admonition's title ("Note", "Warning") or a run-in label is a heading passage, never a one-word sentence,
and it nests under the section it sits in."""

from __future__ import annotations

from corpus.loader import parse_bytes
from corpus.models import Brief
from corpus.sections import section_paths

DOCUTILS = b"""<html><head><title>Guide to pools</title></head><body><h1>Guide to pools</h1>
<h2>Diving</h2><p>Pools hold water for swimming.<a class="footnote-reference" href="#f1" id="r1">[1]</a></p>
<div class="admonition note"><p class="admonition-title">Note</p><p>Always check the depth before diving.</p></div>
<aside class="admonition warning"><p class="admonition-title">Warning</p><p>Never swim alone.</p></aside>
<aside class="footnote brackets" id="f1"><span class="label"><a href="#r1">1</a></span><p>A note.</p></aside>
</body></html>"""


def _kinds(brief: Brief) -> dict[str, str]:
    return {p.text: p.kind for p in brief.passages}


def test_admonition_titles_are_headings_not_sentences() -> None:
    brief = parse_bytes(DOCUTILS, "guide.html")
    kinds = _kinds(brief)
    assert kinds["Note"] == "heading"
    assert kinds["Warning"] == "heading"
    assert kinds["Always check the depth before diving."] == "sentence"
    assert not [p for p in brief.passages if p.kind == "sentence" and len(p.text.split()) == 1]


def test_admonition_title_nests_under_its_section() -> None:
    brief = parse_bytes(DOCUTILS, "guide.html")
    paths = section_paths(brief.passages)
    body = next(p for p in brief.passages if p.text == "Always check the depth before diving.")
    assert paths[body.id][-2:] == ("Diving", "Note")


def test_one_word_sentence_with_a_full_stop_stays_a_sentence() -> None:
    brief = parse_bytes(b"# Title here\n\nDone.\n\nThe rest follows here.\n", "x.md")
    assert _kinds(brief)["Done."] == "sentence"


def test_last_one_word_paragraph_is_not_a_label() -> None:
    brief = parse_bytes(b"# Title here\n\nThe text is here.\n\nFinis\n", "x.md")
    assert _kinds(brief)["Finis"] == "sentence"
