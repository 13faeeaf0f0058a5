"""HTML: pandoc, Word and kramdown footnote markup, unlinked superscripts, metadata from <head>, chrome dropped."""

from __future__ import annotations

import pytest

from corpus.loader import detect_format, parse_bytes
from corpus.models import Brief
from tests.corpus.brief_writers import SAMPLE, to_html
from tests.corpus.format_checks import assert_footnotes, assert_offsets, assert_sample, sentence


def _parse(html: str, *, encoding: str = "utf-8") -> Brief:
    return parse_bytes(html.encode(encoding), "page.html")


@pytest.mark.parametrize("style", ["pandoc", "word"])
def test_sample_brief_parses_completely(style: str) -> None:
    brief = parse_bytes(to_html(SAMPLE, style), f"sample-{style}.html")
    assert brief.format == "html"
    assert_sample(brief)


def test_scripts_styles_navigation_and_site_footer_are_dropped() -> None:
    brief = parse_bytes(to_html(SAMPLE), "sample.html")
    for junk in ("tracking script", "color: #222", "Home", "Briefs", "All rights reserved"):
        assert junk not in brief.text
    assert "↩" not in brief.text  # backlinks belong to the notes' markup, not to their text


def test_kramdown_notes_and_metadata_from_head_only() -> None:
    brief = _parse(
        """<!DOCTYPE html><html><head><title>Sanctions and Talks | Example Institute</title>
        <meta name="citation_title" content="Sanctions and Talks">
        <meta name="author" content="Ann Lee"><meta name="author" content="Bo Park">
        <meta property="article:published_time" content="2021-07-02T09:00:00Z">
        <meta property="og:site_name" content="Example Institute"></head><body>
        <article><p>Sanctions bite hard.<sup id="fnref:1"><a href="#fn:1" class="footnote">1</a></sup>
        Talks stalled.<sup id="fnref:2"><a href="#fn:2" class="footnote">2</a></sup></p>
        <div class="footnotes" role="doc-endnotes"><ol>
        <li id="fn:1"><p>“Sanctions Report,” <em>Daily Wire</em>, May 1, 2021,
            <a href="https://example.org/sanctions">https://example.org/sanctions</a>
            <a href="#fnref:1" class="reversefootnote">&#8617;</a></p></li>
        <li id="fn:2"><p>“<a href="https://example.org/talks">Talks Stall</a>,” Wire, June 2, 2021.
            <a href="#fnref:2" class="reversefootnote">&#8617;</a></p></li>
        </ol></div></article></body></html>"""
    )
    assert brief.title == "Sanctions and Talks"
    assert [a.name for a in brief.authors] == ["Ann Lee", "Bo Park"]
    assert brief.date == "2021-07-02"
    assert brief.organisation == "Example Institute"
    assert sentence(brief, "Sanctions bite").footnotes == (1,)
    assert sentence(brief, "Talks stalled").footnotes == (2,)
    one, two = brief.footnotes
    assert (one.title, one.publisher, one.date, one.url) == (
        "Sanctions Report",
        "Daily Wire",
        "2021-05-01",
        "https://example.org/sanctions",
    )
    assert (two.title, two.date, two.url) == ("Talks Stall", "2021-06-02", "https://example.org/talks")
    assert_offsets(brief)


def test_unlinked_superscripts_with_a_notes_section() -> None:
    brief = _parse(
        """<html><body><h1>Water Policy</h1>
        <p>The basin covers 40 km<sup>2</sup> of farmland.<sup>1</sup> The treaty ends in 2026.<sup>2</sup></p>
        <h2>Notes</h2>
        <p>1. "Basin Survey," Water Board, March 2020, <a href="https://example.org/basin">https://example.org/basin</a></p>
        <p>2. "Treaty Text," Ministry, 2019, <a href="https://example.org/treaty">https://example.org/treaty</a></p>
        </body></html>"""
    )
    basin = sentence(brief, "The basin covers")
    assert basin.text == "The basin covers 40 km2 of farmland."  # km² is an exponent, not note 2
    assert basin.footnotes == (1,)
    treaty = sentence(brief, "The treaty ends in 2026.")
    assert treaty.footnotes == (2,)
    assert [(f.number, f.title, f.url) for f in brief.footnotes] == [
        (1, "Basin Survey", "https://example.org/basin"),
        (2, "Treaty Text", "https://example.org/treaty"),
    ]
    assert "Notes" not in [p.text for p in brief.passages if p.kind == "sentence"]


def test_superscript_definitions_at_the_end_like_a_text_export() -> None:
    brief = _parse(
        "<html><body><h1>T</h1><p>A claim.<sup>1</sup></p>"
        '<p><sup>1</sup> "Claim Source," Paper, May 2, 2020, &lt;https://example.org/c&gt;</p></body></html>'
    )
    assert sentence(brief, "A claim.").footnotes == (1,)
    assert brief.footnotes[0].url == "https://example.org/c"
    assert brief.warnings == ()


def test_windows_1252_declared_charset_is_honoured() -> None:
    page = (
        '<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252"><title>Caf\xe9 Talks'
        "</title></head><body><p>The caf\xe9 “summit” failed.</p></body></html>"
    )
    brief = _parse(page, encoding="cp1252")
    assert brief.title == "Café Talks"
    assert sentence(brief, "The café").text == "The café “summit” failed."


def test_html_is_detected_from_content() -> None:
    data = to_html(SAMPLE)
    assert detect_format(data, "download") == "html"
    assert detect_format(b"<p>A paragraph.</p><p>Another.</p>", "x.txt") == "html"


def test_pandoc_notes_have_every_field() -> None:
    brief = parse_bytes(to_html(SAMPLE), "sample.html")
    assert_footnotes(brief)
    assert brief.footnotes[0].raw.startswith('"North Korea says Kim')


def test_wiki_style_bracket_references_and_plain_links_to_sections() -> None:
    brief = _parse(
        """<html><body><h1>Dams</h1>
        <p>The dam was finished in 2019.<sup class="reference"><a href="#cite_note-1">[1]</a></sup>
        See <a href="#history">2</a> for the history.</p>
        <h2 id="history">History</h2><p>Work began earlier.</p>
        <h2>References</h2><ol class="references">
        <li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">^</a></span>
        <span class="reference-text">"Dam Opens," Water Times, June 1, 2019,
        <a href="https://example.org/dam">https://example.org/dam</a></span></li></ol></body></html>"""
    )
    dam = sentence(brief, "The dam was finished")
    assert dam.text == "The dam was finished in 2019."
    assert dam.footnotes == (1,)
    assert sentence(brief, "See 2 for the history.").footnotes == ()  # a link to a section is not a marker
    assert [(f.number, f.title, f.url) for f in brief.footnotes] == [(1, "Dam Opens", "https://example.org/dam")]


def test_a_paragraph_opening_with_a_marker_is_not_a_note() -> None:
    brief = _parse(
        "<html><body><h1>T</h1><p>A claim.<sup>1</sup></p>"
        "<p><sup>2</sup>In March 2022, the talks resumed in Geneva.</p>"
        '<p><sup>1</sup> "One," Paper, May 2, 2020, &lt;https://example.org/1&gt;</p>'
        '<p><sup>2</sup> "Two," Paper, May 3, 2020, &lt;https://example.org/2&gt;</p></body></html>'
    )
    resumed = sentence(brief, "In March 2022, the talks resumed")
    assert resumed.footnotes == (2,)
    assert [f.number for f in brief.footnotes] == [1, 2]


# ---- headings, page furniture, notes that must not vanish (issue 10) ----


def test_headings_are_heading_passages_with_levels_and_section_paths() -> None:
    from corpus.sections import section_paths

    brief = _parse(
        "<html><body><h1>Field Report</h1><h2>Methods</h2><h3>Sampling</h3><p>We sampled weekly.</p>"
        "<h2>Results</h2><p>Counts rose.</p></body></html>"
    )
    headings = [(p.text, p.label) for p in brief.passages if p.kind == "heading"]
    assert headings == [("Methods", "h2"), ("Sampling", "h3"), ("Results", "h2")]
    paths = section_paths(brief.passages)
    assert paths[sentence(brief, "We sampled").id] == ("Methods", "Sampling")
    assert paths[sentence(brief, "Counts rose").id] == ("Results",)


def test_not_printed_hidden_and_wiki_chrome_are_not_text() -> None:
    brief = _parse(
        "<html><body><main><h1>Topic</h1>"
        '<div class="noprint">From the free encyclopedia</div>'
        '<div class="shortdescription" style="display:none">Short description</div>'
        '<label aria-hidden="true">136 languages</label>'
        '<div role="note" class="hatnote">For other uses, see Topic (disambiguation).</div>'
        '<h2>History<span class="mw-editsection">[edit]</span></h2>'
        '<p>It began in 1900.<sup class="noprint Inline-Template">[<i>citation needed</i>]</sup> It grew.</p>'
        '<div class="catlinks">Categories: Things</div>'
        '<div class="printfooter">Retrieved from "https://example.org"</div>'
        "</main></body></html>"
    )
    for junk in (
        "free encyclopedia",
        "Short description",
        "languages",
        "other uses",
        "[edit]",
        "citation needed",
        "Categories",
        "Retrieved from",
    ):
        assert junk not in brief.text
    assert sentence(brief, "It began").text == "It began in 1900."


def test_see_also_and_external_links_sections_are_dropped_until_the_next_section() -> None:
    brief = _parse(
        "<html><body><h1>Topic</h1><h2>Uses</h2><p>It is used widely.</p>"
        "<h2>See also</h2><ul><li><a href='/a'>Other topic</a></li></ul>"
        "<h2>Legacy</h2><p>It lasted.</p>"
        "<h2>External links</h2><ul><li><a href='https://x.org'>Official site</a></li></ul></body></html>"
    )
    assert "Other topic" not in brief.text
    assert "Official site" not in brief.text
    assert sentence(brief, "It lasted.")
    assert [p.text for p in brief.passages if p.kind == "heading"] == ["Uses", "Legacy"]


def test_infobox_key_value_table_reads_label_value() -> None:
    brief = _parse(
        "<html><body><h1>Duck</h1><table class='infobox'><tr><th colspan=2>Duck</th></tr>"
        "<tr><td colspan=2>A picture credit</td></tr><tr><th colspan=2>Scientific classification</th></tr>"
        "<tr><td>Kingdom:</td><td>Animalia</td></tr><tr><td>Class:</td><td>Aves</td></tr></table>"
        "<p>Ducks swim.</p></body></html>"
    )
    rows = [p for p in brief.passages if p.kind == "table_row"]
    assert [(p.label, p.text) for p in rows] == [("Scientific classification", "Kingdom: Animalia; Class: Aves")]
    assert "picture credit" not in brief.text


def test_shortened_footnote_gets_its_bibliography_entry_which_leaves_the_body() -> None:
    brief = _parse(
        "<html><body><h1>Topic</h1><p>Ducks dabble.<sup class='reference'><a href='#cite_note-1'>[1]</a></sup>"
        " Ducks dive.<sup class='reference'><a href='#cite_note-1'>[1]</a></sup></p>"
        "<h2>Notes</h2><ol class='references'><li id='cite_note-1'><span class='mw-cite-backlink'>^ "
        "<a href='#cite_ref-1a'><b>a</b></a> <a href='#cite_ref-1b'><b>b</b></a></span> "
        "<span class='reference-text'><a href='#CITEREFSmith1992'>Smith 1992</a>, p. 536.</span></li></ol>"
        "<h2>Sources</h2><ul><li><cite id='CITEREFSmith1992'>Smith, Ann (1992). <i>Birds of the World</i>. "
        "Lynx.</cite></li></ul></body></html>"
    )
    note = brief.footnote(1)
    assert note is not None
    assert note.raw == "Smith 1992, p. 536. Smith, Ann (1992). Birds of the World. Lynx."
    assert "^" not in note.raw
    assert "Birds of the World" not in brief.text.split("Notes")[0]
    assert sentence(brief, "Ducks dive.").footnotes == (1,)


def test_admonition_and_aside_stay_in_the_text_with_their_markers() -> None:
    brief = _parse(
        "<html><body><h1>Guide</h1><p>Install it.<sup><a href='#fn1' id='r1'>1</a></sup></p>"
        "<div class='admonition note'><p class='admonition-title'>Note</p>"
        "<p>Back up first.<sup><a href='#fn2' id='r2'>2</a></sup></p></div>"
        "<aside class='note'><p>Old versions differ.<sup><a href='#fn3' id='r3'>3</a></sup></p></aside>"
        "<section class='footnotes' role='doc-endnotes'><ol><li id='fn1'>Manual, p. 1.</li>"
        "<li id='fn2'>Manual, p. 2.</li><li id='fn3'>Manual, p. 3.</li></ol></section></body></html>"
    )
    assert sentence(brief, "Back up first.").footnotes == (2,)
    assert sentence(brief, "Old versions differ.").footnotes == (3,)
    assert not [w for w in brief.warnings if w.code == "orphan_footnote"]


def test_schema_org_json_ld_gives_author_publisher_and_date() -> None:
    brief = _parse(
        '<html><head><script type="application/ld+json">{"@type": "Article", "name": "Topic",'
        '"author": {"@type": "Organization", "name": "Contributors"}, "publisher": {"name": "Example Press"},'
        '"datePublished": "2002-02-25T15:43:11Z", "dateModified": "2024-09-21T12:11:34Z"}</script></head>'
        "<body><h1>Topic</h1><p>Text here.</p></body></html>"
    )
    assert [a.name for a in brief.authors] == ["Contributors"]
    assert brief.organisation == "Example Press"
    assert brief.date == "2024-09-21"


def test_section_name_heading_is_not_the_title_when_the_page_has_one() -> None:
    brief = _parse(
        "<html><head><title>Real Title</title></head><body><h2>Abstract</h2><p>We study ducks.</p></body></html>"
    )
    assert brief.title == "Real Title"
    assert [p.text for p in brief.passages if p.kind == "heading"] == ["Abstract"]


def test_dublin_core_meta_gives_author_and_issued_date_and_profile_urls_are_not_names() -> None:
    brief = _parse(
        '<html><head><title>Topic</title><meta property="article:author" content="https://social.example/ann">'
        '<meta name="DC.creator" content="Ann Lee"><meta name="DC.date.issued" content="2020-05-04">'
        "</head><body><h1>Topic</h1><p>Text here.</p></body></html>"
    )
    assert [a.name for a in brief.authors] == ["Ann Lee"]
    assert brief.date == "2020-05-04"


@pytest.mark.parametrize(
    "faq",
    [
        "<details><summary>Is this meant to replace the old index?</summary><p>Not at all. It adds to it.</p>"
        "</details>",
        "<dl><dt>Is this meant to replace the old index?</dt><dd>Not at all. It adds to it.</dd></dl>",
        "<p><strong>Is this meant to replace the old index?</strong></p><p>Not at all. It adds to it.</p>",
    ],
)
def test_faq_question_heads_its_answer(faq: str) -> None:
    from corpus.sections import section_paths

    brief = _parse(f"<html><body><h1>FAQ</h1><h2>Usage</h2>{faq}</body></html>")
    assert [p.text for p in brief.passages if p.kind == "heading"][-1] == "Is this meant to replace the old index?"
    answer = sentence(brief, "Not at all.")
    assert section_paths(brief.passages)[answer.id] == ("Usage", "Is this meant to replace the old index?")


def test_bold_lead_in_that_is_not_a_question_stays_text() -> None:
    brief = _parse("<html><body><h1>T</h1><p><strong>Warning.</strong> Back up first.</p></body></html>")
    assert not [p for p in brief.passages if p.kind == "heading"]


# docutils' two HTML writers: html5 (footnotes as <aside role="doc-footnote">, an admonition and a sidebar) and
# html4css1 (footnotes as label/text tables)
DOCUTILS_HTML5 = """<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="author"
content="Ann Lee"><meta name="dcterms.date" content="2021-03-04"><title>Test Doc</title></head>
<body><main id="test-doc"><h1 class="title">Test Doc</h1>
<section id="intro"><h2>Intro</h2>
<p>Ducks dabble.<a class="footnote-reference brackets" href="#footnote-1" id="footnote-reference-1"
role="doc-noteref"><span class="fn-bracket">[</span>1<span class="fn-bracket">]</span></a> They dive.</p>
<div class="admonition note"><p class="admonition-title">Note</p><p>Geese honk.<a
class="footnote-reference brackets" href="#footnote-2" id="footnote-reference-2" role="doc-noteref"><span
class="fn-bracket">[</span>2<span class="fn-bracket">]</span></a></p></div>
<aside class="sidebar"><p class="sidebar-title">Aside</p><p>Swans glide.<a class="footnote-reference brackets"
href="#footnote-3" id="footnote-reference-3" role="doc-noteref"><span class="fn-bracket">[</span>3<span
class="fn-bracket">]</span></a></p></aside>
</section>
<aside class="footnote-list brackets">
<aside class="footnote brackets" id="footnote-1" role="doc-footnote"><span class="label"><span
class="fn-bracket">[</span><a role="doc-backlink" href="#footnote-reference-1">1</a><span
class="fn-bracket">]</span></span><p>Smith, Birds, 1999.</p></aside>
<aside class="footnote brackets" id="footnote-2" role="doc-footnote"><span class="label"><span
class="fn-bracket">[</span><a role="doc-backlink" href="#footnote-reference-2">2</a><span
class="fn-bracket">]</span></span><p>Jones, Geese, 2001.</p></aside>
<aside class="footnote brackets" id="footnote-3" role="doc-footnote"><span class="label"><span
class="fn-bracket">[</span><a role="doc-backlink" href="#footnote-reference-3">3</a><span
class="fn-bracket">]</span></span><p>Lee, Swans, 2002.</p></aside>
</aside></main></body></html>"""

DOCUTILS_HTML4 = """<html><head><title>Old Doc</title></head><body><div class="document" id="old-doc"><h1
class="title">Old Doc</h1>
<div class="section" id="intro"><h1>Intro</h1>
<p>Ducks dabble.<a class="footnote-reference" href="#id3" id="id1">[1]</a> They dive.<a
class="footnote-reference" href="#id4" id="id2">[2]</a></p>
<table class="docutils footnote" frame="void" id="id3" rules="none"><colgroup><col
class="label" /><col /></colgroup><tbody valign="top">
<tr><td class="label"><a class="fn-backref"
href="#id1">[1]</a></td><td>Smith, Birds, 1999.</td></tr></tbody></table>
<table class="docutils footnote" frame="void" id="id4" rules="none"><colgroup><col
class="label" /><col /></colgroup><tbody valign="top">
<tr><td class="label"><a class="fn-backref"
href="#id2">[2]</a></td><td>Jones, Geese, 2001.</td></tr></tbody></table>
</div></div></body></html>"""


def test_docutils_html5_notes_admonition_and_sidebar_keep_their_markers() -> None:
    brief = _parse(DOCUTILS_HTML5)
    assert [(f.number, f.raw) for f in brief.footnotes] == [
        (1, "Smith, Birds, 1999."),
        (2, "Jones, Geese, 2001."),
        (3, "Lee, Swans, 2002."),
    ]
    assert sentence(brief, "Geese honk.").footnotes == (2,)
    assert sentence(brief, "Swans glide.").footnotes == (3,)
    assert not brief.warnings


def test_docutils_html4_footnote_tables_are_notes_not_body() -> None:
    brief = _parse(DOCUTILS_HTML4)
    assert [(f.number, f.raw) for f in brief.footnotes] == [(1, "Smith, Birds, 1999."), (2, "Jones, Geese, 2001.")]
    assert sentence(brief, "They dive.").footnotes == (2,)
    assert [p.kind for p in brief.passages if "Smith" in p.text] == ["footnote"]


@pytest.mark.parametrize("tag", ["[citation needed]", "[self-published source?]", "[who?]"])
def test_editorial_tags_in_superscript_are_dropped_even_when_printed(tag: str) -> None:
    brief = _parse(f"<html><body><h1>T</h1><p>Ducks quack.<sup><i>{tag}</i></sup> Geese honk.</p></body></html>")
    assert tag not in brief.text
    assert sentence(brief, "Ducks quack.").text == "Ducks quack."


def test_lettered_superscript_is_kept() -> None:
    brief = _parse("<html><body><h1>T</h1><p>Point x<sup>a</sup> lies here.</p></body></html>")
    assert "xa" in brief.text or "x a" in brief.text


def test_an_e_book_s_printed_page_numbers_stay_out_of_the_text() -> None:
    html = (
        "<html><head><title>River Notes</title></head><body><h1>River Notes</h1>"
        '<p>The ferry ran until the bridge<span class="pagenum"><a id="Page_2">[Pg 2]</a></span> opened in May.</p>'
        '<p>It never ran again.<span epub:type="pagebreak" role="doc-pagebreak" title="3">3</span> The landing is a '
        "park.</p>"
        '<p class="page-break">A paragraph set to open a new printed page keeps its words.</p></body></html>'
    )
    brief = parse_bytes(html.encode(), "river.html")
    assert "The ferry ran until the bridge opened in May." in brief.text
    assert "[Pg" not in brief.text and "again.3" not in brief.text
    assert "keeps its words" in brief.text
