"""HTML as documentation and site generators write it: docutils 0.18+ (Sphinx 5+) footnotes as <aside> elements with
"[1]" references set after a space, a permalink sign in every heading, and the generator's page footer."""

from __future__ import annotations

from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.format_checks import assert_offsets, sentence


def _reference(target: str, ref_id: str, number: int) -> str:
    """A docutils 0.18+ footnote reference, on one line as docutils writes it."""
    return (
        f'<a class="footnote-reference brackets" href="#{target}" id="{ref_id}" role="doc-noteref">'
        f'<span class="fn-bracket">[</span>{number}<span class="fn-bracket">]</span></a>'
    )


# the shape docutils' HTML5 writer gives footnotes (auto-numbered "[#survey]_" and "[#]_") and Sphinx's page
_SPHINX_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tidal Mills &#8212; Estuary Notes 1.0 documentation</title>
</head><body>
<div class="document"><div class="documentwrapper"><div class="body" role="main">
<section id="tidal-mills">
<h1>Tidal Mills<a class="headerlink" href="#tidal-mills" title="Link to this heading">¶</a></h1>
<p>The mill closed in 1911 {ref_1}. Its wheel was sold for scrap
{ref_2}, and the race was filled in.</p>
<section id="the-ledger"><h2>The ledger<a class="headerlink" href="#the-ledger" title="Link to this heading">¶</a></h2>
<div class="admonition note"><p class="admonition-title">Note</p>
<p>The ledger survives in part {ref_3}.</p></div>
</section>
<hr class="footnotes docutils" />
<aside class="footnote-list brackets">
<aside class="footnote brackets" id="survey" role="doc-footnote">
<span class="label"><span class="fn-bracket">[</span>1<span class="fn-bracket">]</span></span>
<span class="backrefs">(<a role="doc-backlink" href="#id1">1</a>,<a role="doc-backlink" href="#id3">2</a>)</span>
<p>A. Marsh, Survey of the Estuary Mills, 1912.</p>
</aside>
<aside class="footnote brackets" id="id4" role="doc-footnote">
{label_2}
<p>B. Reed, Railways and the Coast, 1950.</p>
</aside>
</aside>
</section></div></div></div>
<div class="footer">&#169; Copyright 2024, Ann Marsh. Created using Sphinx 7.2.6.</div>
</body></html>
""".format(
    ref_1=_reference("survey", "id1", 1),
    ref_2=_reference("id4", "id2", 2),
    ref_3=_reference("survey", "id3", 1),
    label_2='<span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#id2">2</a>'
    '<span class="fn-bracket">]</span></span>',
)


def _page() -> Brief:
    return parse_bytes(_SPHINX_PAGE.encode(), "tidal-mills.html")


def test_aside_footnotes_are_the_notes_and_their_references_the_markers() -> None:
    brief = _page()
    assert [f.number for f in brief.footnotes] == [1, 2]
    two = brief.footnote(2)
    assert two is not None and two.raw == "B. Reed, Railways and the Coast, 1950."
    assert sentence(brief, "The ledger survives in part").footnotes == (1,)
    assert not brief.warnings
    assert_offsets(brief)


def test_the_space_docutils_wants_before_a_reference_does_not_stay_before_the_stop() -> None:
    brief = _page()
    assert sentence(brief, "The mill closed").text == "The mill closed in 1911."
    assert sentence(brief, "Its wheel").text == "Its wheel was sold for scrap, and the race was filled in."


def test_a_heading_s_permalink_sign_is_not_its_text() -> None:
    brief = _page()
    assert brief.title == "Tidal Mills"
    assert "The ledger" in [p.text for p in brief.passages if p.kind == "heading"]
    assert "¶" not in brief.text


def test_the_generator_s_page_footer_is_not_the_document_s_text() -> None:
    assert "Created using Sphinx" not in _page().text


def test_a_note_link_in_a_heading_is_no_permalink() -> None:
    page = """<html><body><h1>Mills of the Coast</h1>
    <h2>The ledger<a href="#fn1" id="r1">1</a></h2><p>The ledger survives in part.</p>
    <ol><li id="fn1">Kept in the county archive. <a href="#r1">↩</a></li></ol></body></html>"""
    brief = parse_bytes(page.encode(), "coast.html")
    assert [f.number for f in brief.footnotes] == [1]
    assert {n for n, _ in brief.markers} == {1}


_BODY = "<p>The mill closed in 1911 {ref_1}. Its wheel was sold for scrap {ref_2}, and the race was filled in.</p>"


def test_docutils_0_17_notes_in_a_definition_list_are_the_notes() -> None:
    # Sphinx 4 and docutils 0.17: the <dt> holds the label (a backlink), the <dd> after it the note
    refs = {f"ref_{n}": f'<a class="footnote-reference brackets" href="#id{n + 2}" id="id{n}">{n}</a>' for n in (1, 2)}
    notes = "".join(
        f'<dt class="label" id="id{n + 2}"><span class="brackets"><a class="fn-backref" href="#id{n}">{n}</a>'
        f"</span></dt><dd><p>{text}</p></dd>"
        for n, text in ((1, "A. Marsh, Survey of the Estuary Mills, 1912."), (2, "B. Reed, Railways, 1950."))
    )
    page = f'<html><body><main><h1>Tidal Mills</h1>{_BODY.format(**refs)}<dl class="footnote brackets">{notes}</dl>'
    brief = parse_bytes(f"{page}</main></body></html>".encode(), "mills.html")
    assert [f.number for f in brief.footnotes] == [1, 2]
    one = brief.footnote(1)
    assert one is not None and one.raw == "A. Marsh, Survey of the Estuary Mills, 1912."
    assert sentence(brief, "Its wheel").footnotes == (2,)
    assert not brief.warnings
    assert "Survey of the Estuary" not in " ".join(p.text for p in brief.passages if p.kind == "sentence")


def test_docutils_html4_notes_in_tables_are_the_notes() -> None:
    refs = {f"ref_{n}": f'<a class="footnote-reference" href="#id{n + 2}" id="id{n}">[{n}]</a>' for n in (1, 2)}
    notes = "".join(
        f'<table class="docutils footnote" frame="void" id="id{n + 2}" rules="none"><tbody valign="top"><tr>'
        f'<td class="label"><a class="fn-backref" href="#id{n}">[{n}]</a></td><td>{text}</td></tr></tbody></table>'
        for n, text in ((1, "A. Marsh, Survey of the Estuary Mills, 1912."), (2, "B. Reed, Railways, 1950."))
    )
    page = f'<html><body><div class="document"><h1 class="title">Tidal Mills</h1>{_BODY.format(**refs)}{notes}'
    brief = parse_bytes(f"{page}</div></body></html>".encode(), "mills.html")
    assert [f.number for f in brief.footnotes] == [1, 2]
    assert sentence(brief, "The mill closed").text == "The mill closed in 1911."


# ----- Tufte CSS sidenotes: the note set in the text, numbered by a CSS counter -----------------------------------

_TUFTE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tidal Mills</title></head>
<body><article><h1>Tidal Mills</h1><p class="subtitle">Ann Marsh</p>
<section><h2 id="history">History</h2>
<p>The mill closed in 1911.<label for="sn-1" class="margin-toggle sidenote-number"></label>
<input type="checkbox" id="sn-1" class="margin-toggle"/><span class="sidenote">County Gazette, 3 January 1911.</span>
Its wheel was sold for scrap,<label for="sn-2" class="margin-toggle sidenote-number"></label>
<input type="checkbox" id="sn-2" class="margin-toggle"/><span class="sidenote">A. Marsh, <em>Survey of the Estuary
Mills</em>, 1912.</span> and the race was filled in.</p>
<p>The ledger survives in part.<label for="mn-1" class="margin-toggle">&#8853;</label>
<input type="checkbox" id="mn-1" class="margin-toggle"/><span class="marginnote">Two pages are photographed.</span></p>
</section></article></body></html>"""


def test_sidenotes_are_numbered_notes_cited_where_they_are_set() -> None:
    brief = parse_bytes(_TUFTE.encode(), "tufte.html")
    assert [f.number for f in brief.footnotes] == [1, 2]
    two = brief.footnote(2)
    assert two is not None and two.raw == "A. Marsh, Survey of the Estuary Mills, 1912."
    assert sentence(brief, "Its wheel").text == "Its wheel was sold for scrap, and the race was filled in."
    assert sentence(brief, "Its wheel").footnotes == (2,)
    assert_offsets(brief)


def test_a_margin_note_is_its_own_paragraph() -> None:
    brief = parse_bytes(_TUFTE.encode(), "tufte.html")
    assert sentence(brief, "The ledger survives").text == "The ledger survives in part."
    assert sentence(brief, "Two pages are photographed").footnotes == ()


def test_a_section_heading_under_the_title_is_no_header_line() -> None:
    brief = parse_bytes(_TUFTE.encode(), "tufte.html")
    assert [a.name for a in brief.authors] == ["Ann Marsh"]
    assert brief.organisation is None
    assert "History" in [p.text for p in brief.passages if p.kind == "heading"]


# Project Gutenberg's HTML: a note whose first paragraph holds only its label, the note itself (here a letter) in
# the paragraphs after it, inside the same <div class="footnote">.
_LABEL_ONLY_NOTE = """<html><head><title>Letters of a Mill</title></head><body>
<h1>Letters of a Mill</h1>
<p>The miller answered at once.<a name="FNanchor_1_1" id="FNanchor_1_1"></a><a href="#Footnote_1_1"
class="fnanchor">[1]</a> His neighbour wrote a week later.<a name="FNanchor_2_2" id="FNanchor_2_2"></a><a
href="#Footnote_2_2" class="fnanchor">[2]</a></p>
<div class="footnotes"><h3>FOOTNOTES:</h3>
<div class="footnote"><p><a name="Footnote_1_1" id="Footnote_1_1"></a><a href="#FNanchor_1_1"><span
class="label">[1]</span></a>
</p><p style="text-align: right"><span class="smcap">Ashford</span>, <i>June 12, 1801.</i></p>
<p>Dear Sir, the wheel is mended and the race runs clear again.</p></div>
<div class="footnote"><p><a name="Footnote_2_2" id="Footnote_2_2"></a><a href="#FNanchor_2_2"><span
class="label">[2]</span></a> County Record Office, bundle 7.</p></div>
</div></body></html>"""


def test_a_note_whose_first_paragraph_is_only_its_label_is_read_from_the_paragraphs_after_it() -> None:
    brief = parse_bytes(_LABEL_ONLY_NOTE.encode(), "letters.html")
    notes = {f.number: f.raw for f in brief.footnotes}
    assert sorted(notes) == [1, 2]
    assert "the wheel is mended" in notes[1]
    assert notes[2] == "County Record Office, bundle 7."
    assert all("wheel is mended" not in p.text for p in brief.passages if p.kind == "sentence")
