"""A note marker set inside an HTML table cell cites that row's note; the marker's text is not cell text."""

from __future__ import annotations

from corpus.loader import parse_bytes
from tests.corpus.format_checks import assert_offsets

PAGE = """<html><head><title>Sonatas</title></head><body>
<h1>Early Sonatas</h1>
<p>The first set has twelve sonatas.<a class="fnanchor" href="#Footnote_1">[1]</a></p>
<table>
<tr><th>Work</th><th>Movements</th></tr>
<tr><td>Op. 4, No. 8</td><td>Preludio, Allemanda, Sarabanda</td></tr>
<tr><td>Op. 4, No. 10</td><td>Preludio<a class="fnanchor" href="#Footnote_2">[2]</a> and Allegro</td></tr>
<tr><td>Op. 4, No. 11<sup>[<a href="#Footnote_3">3</a>]</sup></td><td>Preludio, Corrente</td></tr>
</table>
<div class="footnote"><p><a id="Footnote_1" href="#FNanchor_1">[1]</a> Printed in Rome.</p></div>
<div class="footnote"><p><a id="Footnote_2" href="#FNanchor_2">[2]</a> The Preludio has four chords.</p></div>
<div class="footnote"><p><a id="Footnote_3" href="#FNanchor_3">[3]</a> Lost in the second edition.</p></div>
</body></html>"""


def test_markers_in_table_cells_cite_their_rows_notes() -> None:
    brief = parse_bytes(PAGE.encode(), "sonatas.html")
    rows = [p for p in brief.passages if p.kind == "table_row"]
    assert [r.footnotes for r in rows] == [(), (2,), (3,)]
    assert rows[1].text == "Work: Op. 4, No. 10; Movements: Preludio and Allegro"
    assert "[3]" not in rows[2].text and "[]" not in rows[2].text
    assert not brief.warnings  # every note is cited
    assert_offsets(brief)
