"""Markdown written for a static-site generator (Jekyll/kramdown, Hugo, pandoc): its markup is not the text."""

from __future__ import annotations

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.format_checks import assert_offsets

JEKYLL_POST = """---
title: Reading Old Maps
author: A. Writer
layout: essay
---

### Table of Contents
{: .no_toc}

- list
{:toc}

### Introduction {#intro}

Old maps were drawn for sailors.[^1] They show coasts in detail.

{% include figure.html objectid="map-01" caption="A chart of the coast, 1720" %}

<div class="row">{{ site.baseurl }}</div>

The inland parts were often left blank.[^2] Writers filled them with *guesses*{: .red} instead.

{% comment %}
A draft paragraph the author kept out of the page.
{% endcomment %}

Templates write `{{ page.title }}` where the title goes.

```liquid
{% for post in site.posts %}{{ post.title }}{% endfor %}
```

[^1]: J. Smith, *Charts* (London, 1901), 4.
[^2]: Ibid., 9.
"""


def _brief() -> Brief:
    return parse_bytes(JEKYLL_POST.encode(), "post.md")


def _texts(brief: Brief) -> list[str]:
    return [p.text for p in brief.passages if p.kind in ("sentence", "heading")]


def test_liquid_and_attribute_lists_never_become_text() -> None:
    brief = _brief()
    joined = " ".join(_texts(brief))
    for markup in ("{%", "%}", "{:", "site.baseurl", "no_toc", "{#intro}", "objectid", "draft paragraph"):
        assert markup not in joined
    assert "list" not in _texts(brief)  # the contents placeholder kramdown replaces
    assert_offsets(brief)


def test_notes_and_text_around_the_markup_are_kept() -> None:
    brief = _brief()
    assert [f.number for f in brief.footnotes] == [1, 2]
    assert not brief.warnings
    heading = next(p for p in brief.passages if p.kind == "heading")
    assert heading.text == "Introduction"
    sentence = next(p for p in brief.passages if p.kind == "sentence" and "guesses" in p.text)
    assert sentence.text == "Writers filled them with guesses instead."
    cited = next(p for p in brief.passages if p.kind == "sentence" and "left blank" in p.text)
    assert cited.footnotes == (2,)


def test_markup_shown_as_code_stays() -> None:
    texts = _texts(_brief())
    assert any("{{ page.title }}" in t for t in texts)


BOOK_CHAPTER = """title: Building a Crawler
author: A. Writer

<markdown>
_A. Writer builds crawlers for a living._
</markdown>

## Introduction

Event loops suit programs with many idle connections.[^4]<latex>[^bench]</latex> Threads suit busy ones.[^5]

[^4]: A talk on when to use async.
<latex>
[^5]: Printed edition: see the appendix.
[^bench]: A benchmark of both, cited only in print.
</latex>
<markdown>
[^5]: Web edition: see [the appendix](http://example.org/appendix).
</markdown>
"""


def test_a_print_only_block_is_not_read_when_the_file_has_web_blocks() -> None:
    brief = parse_bytes(BOOK_CHAPTER.encode(), "chapter.md")
    assert [f.number for f in brief.footnotes] == [4, 5]
    first = next(p for p in brief.passages if p.text.startswith("Event loops suit"))
    assert first.footnotes == (4,)
    assert brief.footnotes[1].raw.startswith("Web edition")
    assert "<latex>" not in brief.text and "markdown>" not in brief.text
    assert any(p.text.startswith("A. Writer builds crawlers") for p in brief.passages)
    assert_offsets(brief)


def test_latex_tags_in_a_file_without_web_blocks_are_left_alone() -> None:
    text = "# Notes on TeX\n\nWrite <latex>\\emph{x}</latex> for emphasis in print.\n"
    brief = parse_bytes(text.encode(), "tex.md")
    assert any("emphasis in print" in p.text for p in brief.passages)
