"""Layouts of real HTML, Markdown and Word documents: an e-book's frame in HTML, navigation lists, a Markdown image's
alt text, front-matter authors given as paths, and a Word title set by hand (centred) under a student's header."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from corpus.loader import parse_bytes
from corpus.models import Brief

GUTENBERG_HTML = """<html><head><title>The Project Gutenberg eBook of River Crossings, by Ann Reed</title></head>
<body>
<pre>
The Project Gutenberg EBook of River Crossings, by Ann Reed

This eBook is for the use of anyone anywhere at no cost and with almost no restrictions whatsoever.

Title: River Crossings

Author: Ann Reed

*** START OF THIS PROJECT GUTENBERG EBOOK RIVER CROSSINGS ***
</pre>
<p>Produced by a team of volunteers.</p>
<h1>RIVER CROSSINGS</h1>
<h2>CONTENTS</h2>
<table>
<tr><td>Chap.</td><td></td><td>Page</td></tr>
<tr><td>I.</td><td>THE FERRIES</td><td>1</td></tr>
<tr><td>II.</td><td>THE FORDS</td><td>14</td></tr>
</table>
<h2>CHAPTER I</h2>
<p>The ferry at the narrows carried wagons until the bridge opened.</p>
<h2>INDEX</h2>
<p>Bridge, opening of the, 2, 15-17.<br/>Ferry, 1-13; see also Landing.<br/>Landing, 3, 9.</p>
<pre>
End of the Project Gutenberg EBook of River Crossings, by Ann Reed

*** END OF THIS PROJECT GUTENBERG EBOOK RIVER CROSSINGS ***

Section 1. General Terms of Use and Redistributing Project Gutenberg-tm electronic works.
</pre>
</body></html>"""


def _body(brief: Brief) -> list[str]:
    return [p.text for p in brief.passages if p.kind != "metadata"]


def test_an_html_ebook_is_read_inside_its_frame() -> None:
    brief = parse_bytes(GUTENBERG_HTML.encode(), "river.html")
    assert brief.title == "River Crossings"
    assert [a.name for a in brief.authors] == ["Ann Reed"]
    body = _body(brief)
    assert not [t for t in body if "Gutenberg" in t or "Produced by" in t]
    assert "The ferry at the narrows carried wagons until the bridge opened." in body


def test_html_contents_table_and_index_are_not_passages() -> None:
    brief = parse_bytes(GUTENBERG_HTML.encode(), "river.html")
    body = " ".join(_body(brief))
    assert "THE FORDS" not in body and "CONTENTS" not in body
    assert "Bridge, opening" not in body and "INDEX" not in body
    assert "CHAPTER I" in body


MARKDOWN = """---
title: River Crossings
authors:
- _authors/ann-reed.md
- people/ben_marsh
---

## Contents

- [Ferries](#ferries)
- [Fords](#fords)

## Ferries

![A wagon waiting at the narrows for the morning boat](/images/wagon.jpg)

The ferry at the narrows carried wagons until the bridge opened.

## Fords

Upstream, a ford served the rest of the year.
"""


def test_markdown_front_matter_author_paths_become_names() -> None:
    brief = parse_bytes(MARKDOWN.encode(), "river.md")
    assert [a.name for a in brief.authors] == ["Ann Reed", "Ben Marsh"]


def test_markdown_image_alt_text_is_not_body_text() -> None:
    brief = parse_bytes(MARKDOWN.encode(), "river.md")
    assert not [t for t in _body(brief) if "wagon waiting" in t]


def test_a_web_contents_list_of_the_document_s_headings_is_not_a_passage() -> None:
    brief = parse_bytes(MARKDOWN.encode(), "river.md")
    assert [p.text for p in brief.passages if p.kind == "heading"] == ["Ferries", "Fords"]
    assert _body(brief).count("Ferries") == 1


def _docx(paragraphs: list[tuple[str, str | None]]) -> bytes:
    """A minimal Word file: (text, alignment) paragraphs."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def para(text: str, jc: str | None) -> str:
        ppr = f'<w:pPr><w:jc w:val="{jc}"/></w:pPr>' if jc else ""
        return f"<w:p>{ppr}<w:r><w:t>{escape(text)}</w:t></w:r></w:p>"

    body = "".join(para(t, jc) for t, jc in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        zf.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')
    return out.getvalue()


def test_a_centred_title_under_header_lines_titles_the_word_document() -> None:
    data = _docx(
        [
            ("Ann Reed", "right"),
            ("History 105", "right"),
            ("River Crossings of the Valley", "center"),
            ("The ferry at the narrows carried wagons until the bridge opened in the spring of that year.", None),
        ]
    )
    brief = parse_bytes(data, "paper.docx")
    assert brief.title == "River Crossings of the Valley"
    assert [a.name for a in brief.authors] == ["Ann Reed"]
    assert "River Crossings of the Valley" not in [p.text for p in brief.passages if p.kind == "sentence"]


def test_a_centred_line_inside_the_text_stays_text() -> None:
    data = _docx(
        [
            ("River Crossings of the Valley", None),
            ("The ferry at the narrows carried wagons until the bridge opened in the spring of that year.", None),
            ("Table of tolls", "center"),
            ("Wagons paid before boarding, and horses were led onto the deck by their owners.", None),
        ]
    )
    brief = parse_bytes(data, "paper.docx")
    assert "Table of tolls" not in [p.text for p in brief.passages if p.kind == "heading"]


def test_ordered_list_items_keep_the_numbers_they_show() -> None:
    text = "# Rules\n\nThe crossing had three rules.\n\n1. Wagons paid first.\n1. Horses were led.\n"
    text += "1. No crossing at night.\n"
    brief = parse_bytes(text.encode(), "rules.md")
    items = [p.text for p in brief.passages if p.kind == "sentence"][1:]
    assert items == ["1. Wagons paid first.", "2. Horses were led.", "3. No crossing at night."]


def test_html_ordered_list_items_keep_their_numbers() -> None:
    html = "<h1>Rules</h1><p>The crossing had rules.</p>"
    html += "<ol start='4'><li>Wagons paid first.</li><li>Horses were led.</li></ol>"
    brief = parse_bytes(html.encode(), "rules.html")
    assert [p.text for p in brief.passages if p.kind == "sentence"][1:] == [
        "4. Wagons paid first.",
        "5. Horses were led.",
    ]
