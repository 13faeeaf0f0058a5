"""The second hop: planted source files (HTML, PDF, text, manifest) that support, contradict or ignore the brief.

Every source file is written here; nothing is fetched from the network.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.schemas_check import VerifyCitationsResponse
from bot.audit.sources import check_with_sources, verify_citations
from corpus.errors import InputError
from corpus.loader import parse_bytes
from corpus.settings import Settings
from index.sources import SourceIndex, find_sources, html_text, parse_source, source_passages

pytestmark = pytest.mark.slow

BRIEF = """THE SYNTHETIC MISSILE BRIEF

The Falcon-9 rocket flew 1,200 km in its March test.¹ The navy commissioned three new frigates in 2021.² The \
ministry doubled the research budget.³ Officials met in Geneva to discuss the treaty.⁴

¹ "Falcon-9 Test Report," Daily News, March 05, 2022, <https://example.org/2022/03/05/falcon>
² "Navy Adds Frigates," Defence Weekly, June 2021, <https://example.org/2021/06/frigates>
³ "Budget News," Ministry Press, May 2021, <https://example.org/2021/05/budget>
⁴ "Geneva Talks," Wire Service, April 2021, <https://example.org/geneva-talks>
"""

SUPPORTING_HTML = """<html><head><title>Falcon-9</title><script>var x = 1;</script><style>p{}</style></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Falcon-9 test report</h1>
<p>The Falcon-9 rocket was launched on March 3 from the northern range.</p>
<p>Officials said the Falcon-9 flew 1,200 km before falling into the sea.</p></article>
<footer>Copyright Daily News</footer></body></html>"""

CONTRADICTING_TEXT = """Navy adds frigates

The navy commissioned two new frigates in 2021, officials said.

Both ships will be based in the south."""

SILENT_TEXT = """Budget news

The ministry published its annual report on fisheries.

Fish catches were stable."""


def _pdf(text: str, path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    y = 800
    for line in text.split("\n"):
        c.drawString(50, y, line)
        y -= 20
    c.save()


@pytest.fixture
def brief():
    return parse_bytes(BRIEF.encode(), "synthetic-missiles.txt")


@pytest.fixture
def sources_root(tmp_path, brief):
    folder = tmp_path / "sources" / brief.id
    folder.mkdir(parents=True)
    (folder / "1.html").write_text(SUPPORTING_HTML, encoding="utf-8")
    (folder / "navy.txt").write_text(CONTRADICTING_TEXT, encoding="utf-8")
    (folder / "3.txt").write_text(SILENT_TEXT, encoding="utf-8")
    (folder / "sources.toml").write_text(
        '[[source]]\nurl = "http://www.example.org/2021/06/frigates/"\nfile = "navy.txt"\n', encoding="utf-8"
    )
    return tmp_path / "sources"


@pytest.fixture
def index(tmp_path, embedder, sources_root):
    settings = Settings(data_dir=tmp_path / "data")
    settings.ensure_dirs()
    yield SourceIndex(settings, embedder, roots=[sources_root])
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def test_sources_found_by_number_and_by_manifest_url(brief, sources_root):
    found = find_sources(brief, [sources_root])
    assert sorted(found) == [1, 2, 3]
    assert found[2].name == "navy.txt"


def test_html_is_extracted_without_boilerplate():
    text = html_text(SUPPORTING_HTML.encode())
    assert "flew 1,200 km" in text
    assert "var x" not in text
    assert "Home | World" not in text
    assert "Copyright" not in text


def test_pdf_sources_are_read(tmp_path, brief):
    path = tmp_path / "1.pdf"
    _pdf("Falcon-9 test report\n\nThe Falcon-9 rocket flew 1,200 km.", path)
    doc = parse_source(path, brief.id, 1)
    assert doc.format == "pdf"
    assert "flew 1,200 km" in doc.text


def test_source_passages_have_exact_offsets(brief, sources_root):
    doc = parse_source(sources_root / brief.id / "1.html", brief.id, 1)
    passages = source_passages(doc)
    assert passages
    for p in passages:
        assert doc.text[p.start : p.end] == p.text


def test_verify_citations_planted_verdicts(brief, index):
    results = {r.footnote: r for r in verify_citations(brief, index)}
    assert results[1].verdict == "supported"
    assert "1,200 km" in results[1].quote.quote
    assert results[2].verdict == "contradicted"
    assert "two new frigates" in results[2].quote.quote
    assert results[3].verdict == "source_silent"
    assert results[4].verdict == "source_not_provided"
    assert results[4].quote is None
    for r in results.values():
        if r.quote is not None:
            assert r.quote.verified


def test_verify_citations_response_counts(brief, index):
    body = VerifyCitationsResponse.of(brief, index, verify_citations(brief, index)).model_dump(mode="json")
    assert body["counts"] == {"supported": 1, "contradicted": 1, "source_silent": 1, "source_not_provided": 1}
    assert [s["footnote"] for s in body["sources"]] == [1, 2, 3]
    assert {r["verdict"] for r in body["results"]} == {
        "supported",
        "contradicted",
        "source_silent",
        "source_not_provided",
    }


def test_source_passages_live_in_their_own_collection(brief, index):
    index.passages(brief)
    assert index.store.count({"brief_id": brief.id}) > 0
    from index.store import make_store

    brief_store = make_store(index.settings, index.embedder)
    assert brief_store.count({"brief_id": brief.id}) == 0


def test_bad_manifest_is_an_input_error(tmp_path, brief):
    folder = tmp_path / "src" / brief.id
    folder.mkdir(parents=True)
    (folder / "sources.toml").write_text('[[source]]\nfile = "x.txt"\nurl = "https://nowhere.example/"\n')
    with pytest.raises(InputError):
        find_sources(brief, [tmp_path / "src"])
    (folder / "sources.toml").write_text("not = [valid")
    with pytest.raises(InputError):
        find_sources(brief, [tmp_path / "src"])


def test_check_says_what_the_cited_source_says(make_engine, brief, index):
    engine = make_engine()
    engine.ingest(brief)
    result = check_with_sources(engine, "The navy commissioned three new frigates in 2021.", index=index)
    assert result.verdict == "supported"
    assert result.citations[0].footnotes == (2,)
    (note,) = result.sources
    assert note.footnote == 2
    assert note.verdict == "contradicted"
    assert "two new frigates" in (note.quote or "")
    assert "citing [2]" in result.explanation
    assert "the source of [2] says" in result.explanation
