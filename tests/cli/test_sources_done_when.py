"""Issue 11's "done when", as one chain through the CLI and the API, on a brief whose footnotes all point at the
loopback site of tests/index/fetch_server.py (and its fake Wayback Machine):

1. ``citebot sources fetch`` gets every live source (an article, a PDF, a redirect chain) and archives the dead
   ones (a 404, a soft-404), and reports the rest with reasons (login wall, timeout, oversize, robots.txt, a 410
   the archive does not know);
2. ``citebot ask --sources`` and ``POST /chat`` with ``sources: true`` return source quotes labelled with their
   footnotes and verified against the stored source text; an archived one says so, with its date;
3. ``citebot verify-citations`` and ``GET /briefs/{id}/verify-citations`` judge the brief's sentences against the
   fetched text with no manual step.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from cli.main import cli
from corpus.settings import get_settings
from index.fetch_store import FetchStore
from tests.index.fetch_server import ARTICLE_SENTENCES, SNAPSHOT_SENTENCES, SourceSite, brief_with_urls, running_site

pytestmark = pytest.mark.slow

# (path on the site, the sentence of the brief citing it, what `sources fetch` must say about it)
FOOTNOTES = [
    ("/article", "The spring flood reached 4.2 metres above the usual level, the river authority said.", "fetched"),
    ("/doc.pdf", "Engineers said that the new levee held along all of its 12 kilometres.", "fetched"),
    ("/hop/3", "The town council voted to make the flood barrier three kilometres longer.", "fetched"),
    ("/gone", "The regional archive has reopened its reading room after two years of work.", "archived"),
    ("/moved-page", "The archive keeps about 40,000 maps, most of them drawn by hand.", "archived"),
    ("/login", "A journal wrote that the repairs of the embankment were overdue.", "failed: login wall"),
    ("/slow", "Fields downstream were under water for a whole week.", "failed: timed out"),
    ("/big", "The repairs are expected to cost about 8 million euros.", "failed: larger than"),
    ("/private/report", "A report on the causes of the flood is due in the autumn.", "failed: robots.txt"),
    ("/gone-unarchived", "Opening hours now include Saturday mornings.", "failed: no snapshot"),
]
LIVE = {1, 2, 3}
ARCHIVED = {4, 5}


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[SourceSite]:
    with running_site() as s:
        monkeypatch.setenv("CITEBOT_FETCH_ALLOW_PRIVATE", "1")  # the loopback site only; off by default
        monkeypatch.setenv("CITEBOT_ARCHIVE_URL", s.base)
        monkeypatch.setenv("CITEBOT_FETCH_TIMEOUT", "1")
        monkeypatch.setenv("CITEBOT_FETCH_MAX_BYTES", "50000")
        monkeypatch.setenv("CITEBOT_BRIEFS_DIR", str(tmp_path / "no-bundled-briefs"))
        yield s


@pytest.fixture
def brief_file(site: SourceSite, tmp_path: Path) -> Path:
    folder = tmp_path / "upload"
    folder.mkdir()
    brief_with_urls(folder, [site.url(p) for p, _, _ in FOOTNOTES], sentences=[s for _, s, _ in FOOTNOTES])
    return folder / "flood-brief.txt"


def _stored_text(footnote: int) -> str:
    store = FetchStore.for_settings(get_settings())
    rec = store.get("flood-brief", footnote)
    assert rec is not None
    text = store.text(rec)
    assert text is not None
    return text


def _check_source_quotes(body: dict, site: SourceSite, *, archived_expected: bool) -> list[dict]:
    """Every source quote: labelled with a footnote its brief quote carries, verbatim in the stored source text,
    never the brief's words; an archived copy says so with its date."""
    srcs = body["source_citations"]
    assert srcs, body
    cited = {n for c in body["citations"] for n in c["footnotes"]}
    brief_quotes = {c["quote"] for c in body["citations"]}
    for s in srcs:
        assert s["footnote"] in cited and s["footnote"] in LIVE | ARCHIVED
        assert _stored_text(s["footnote"])[s["start"] : s["end"]] == s["quote"] and s["verified"]
        assert s["quote"] not in brief_quotes
        assert s["fetched_at"] and s["title"]
        assert s["url"] == site.url(FOOTNOTES[s["footnote"] - 1][0])  # the footnote's own URL, archived or not
        assert bool(s["archived"]) == (s["footnote"] in ARCHIVED)
    if archived_expected:
        assert any(s["archived"] and s["archive_date"] == "2022-01-05" for s in srcs)
    return srcs


def test_fetch_then_answer_and_verify_one_hop_deeper_through_cli_and_api(brief_file: Path, site: SourceSite):
    runner = CliRunner()
    ingested = runner.invoke(cli, ["ingest", str(brief_file)])
    assert ingested.exit_code == 0, ingested.output

    # 1. sources fetch: every live source fetched, the dead ones archived, the rest failed with a reason.
    fetched = runner.invoke(cli, ["sources", "fetch", "flood-brief"])
    assert fetched.exit_code == 0, fetched.output
    lines = fetched.output.strip().splitlines()
    for n, (_, _, said) in enumerate(FOOTNOTES, 1):
        line = next(x for x in lines if f"flood-brief [{n}] " in x)
        status, _, reason = said.partition(": ")
        assert f"[{n}] {status} " in line, line
        assert reason in line, line
        if n in ARCHIVED:
            assert "archived snapshot of 2022-01-05" in line
    assert lines[-1] == "10 footnotes: 3 fetched, 2 from the archive, 5 failed, 0 skipped"
    assert site.hits["/private/report"] == 0  # robots.txt honoured
    assert ARTICLE_SENTENCES[1] in _stored_text(2) and SNAPSHOT_SENTENCES[2] in _stored_text(5)

    # 2a. citebot ask --sources: the live source behind a quote, then an archived one.
    asked = runner.invoke(cli, ["ask", "--json", "--sources", "How high did the spring flood reach?"])
    assert asked.exit_code == 0, asked.output
    srcs = _check_source_quotes(json.loads(asked.output), site, archived_expected=False)
    assert any(s["footnote"] == 1 and s["quote"] == ARTICLE_SENTENCES[0] for s in srcs)
    readable = runner.invoke(cli, ["ask", "--sources", "How many maps does the archive keep?"])
    assert "What the cited sources say:" in readable.output
    assert "source of [5] (archived copy of 2022-01-05)" in readable.output

    # 3a. citebot verify-citations reads the fetched copies.
    verified = runner.invoke(cli, ["verify-citations", "--json", "flood-brief"])
    assert verified.exit_code == 0, verified.output
    report = json.loads(verified.output)
    assert {s["footnote"] for s in report["sources"]} == LIVE | ARCHIVED
    results = {r["footnote"]: r for r in report["results"]}
    assert results[1]["verdict"] == "supported"
    q = results[1]["quote"]
    assert _stored_text(1)[q["start"] : q["end"]] == q["quote"] and q["verified"]
    assert "2022-01-05" in results[4]["explanation"]
    assert all(results[n]["verdict"] == "source_not_provided" for n in range(6, 11))

    # 3a'. citebot audit reads the fetch records: dead links and sources that could not be fetched.
    audited = runner.invoke(cli, ["audit", "--json", "flood-brief"])
    assert audited.exit_code == 0, audited.output
    codes = {f["footnote"]: f["code"] for f in json.loads(audited.output)["findings"] if f["footnote"]}
    assert all(codes.get(n) == "dead_link" for n in ARCHIVED)
    assert all(codes.get(n) == "source_unavailable" for n in range(6, 11))

    # 2b and 3b. The API over the same data dir.
    from api.main import create_app
    from bot.factory import build_engine

    settings = get_settings()
    with TestClient(create_app(settings, build_engine(settings))) as client:
        body = client.post(
            "/chat", json={"message": "How many maps does the archive keep?", "sources": True, "top_k": 3}
        ).json()
        srcs = _check_source_quotes(body, site, archived_expected=True)
        five = next(s for s in srcs if s["footnote"] == 5)
        assert five["archived"].startswith(f"{site.base}/web/20220105120000/")
        assert "archived copy of 2022-01-05" in body["answer"]
        api_report = client.get("/briefs/flood-brief/verify-citations").json()
        assert api_report["counts"] == report["counts"]
        rows = {r["footnote"]: r for r in client.get("/briefs/flood-brief/sources").json()["sources"]}
        assert {n for n, r in rows.items() if r["status"] in ("fetched", "archived")} == LIVE | ARCHIVED
        assert all(rows[n]["passages"] > 0 for n in LIVE | ARCHIVED)
        assert all(rows[n]["status"] == "failed" and rows[n]["reason"] for n in range(6, 11))
