"""``POST /briefs/{id}/sources/fetch`` as a background job, ``GET /jobs/{id}``, ``GET /briefs/{id}/sources``, and
``verify-citations`` reading the fetched copies; the site is the loopback one of tests/index/fetch_server.py."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from index.fetch_store import FetchStore
from tests.index.fetch_server import ARTICLE_SENTENCES, SourceSite, brief_with_urls, running_site


@pytest.fixture
def site() -> Iterator[SourceSite]:
    with running_site() as s:
        yield s


@pytest.fixture
def client(site, make_engine, tmp_path) -> Iterator[TestClient]:
    engine = make_engine(fetch_allow_private=True, archive_url=site.base, fetch_timeout=2.0)
    brief = brief_with_urls(tmp_path, [site.url("/article"), site.url("/gone"), site.url("/login")])
    engine.ingest(brief)
    with TestClient(create_app(engine.settings, engine)) as c:
        yield c


def finished(client: TestClient, job_id: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed", "cancelled"):
            return job
        time.sleep(0.05)
    raise AssertionError("the fetch job did not finish")


def test_fetch_job_reports_progress_and_result(client):
    started = client.post("/briefs/flood-brief/sources/fetch")
    assert started.status_code == 202
    body = started.json()
    assert body["status_url"] == f"/jobs/{body['job_id']}"
    job = finished(client, body["job_id"])
    assert job["status"] == "done", job["error"]
    assert (job["done"], job["total"]) == (3, 3)
    assert job["result"]["counts"] == {"fetched": 1, "archived": 1, "failed": 1, "skipped": 0}
    assert any("source passages indexed" in m for m in job["messages"])


def test_sources_listing_after_fetch(client, site):
    finished(client, client.post("/briefs/flood-brief/sources/fetch").json()["job_id"])
    rows = {r["footnote"]: r for r in client.get("/briefs/flood-brief/sources").json()["sources"]}
    assert rows[1]["status"] == "fetched" and rows[1]["passages"] > 0 and rows[1]["fetched_at"]
    assert rows[2]["status"] == "archived" and rows[2]["archived"].startswith(f"{site.base}/web/")
    assert rows[3]["status"] == "failed" and "login wall" in rows[3]["reason"] and rows[3]["passages"] == 0


def test_sources_listing_before_fetch_says_not_fetched(client):
    rows = client.get("/briefs/flood-brief/sources").json()["sources"]
    assert {r["status"] for r in rows} == {"not_fetched"}


def test_unknown_job_and_unknown_brief_are_404(client):
    assert client.get("/jobs/nope").status_code == 404
    assert client.post("/jobs/nope/cancel").status_code == 404
    assert client.post("/briefs/nope/sources/fetch").status_code == 404


def test_verify_citations_uses_fetched_text_with_verified_quotes(client):
    finished(client, client.post("/briefs/flood-brief/sources/fetch").json()["job_id"])
    app_engine = client.app.state.citebot.engine
    report = client.get("/briefs/flood-brief/verify-citations").json()
    by_fn = {r["footnote"]: r for r in report["results"]}
    assert by_fn[3]["verdict"] == "source_not_provided"  # the login wall is never indexed as the source
    assert by_fn[1]["verdict"] == "supported", by_fn[1]
    quote = by_fn[1]["quote"]
    store = FetchStore.for_settings(app_engine.settings)
    text = store.text(store.get("flood-brief", 1))
    assert text[quote["start"] : quote["end"]] == quote["quote"] and quote["verified"]
    assert ARTICLE_SENTENCES[0] in quote["quote"]
    assert "archived copy of" in by_fn[2]["explanation"] and "2022-01-05" in by_fn[2]["explanation"]


def test_audit_reports_the_dead_link_and_the_source_that_could_not_be_fetched(client, site):
    before = client.get("/briefs/flood-brief/audit").json()["findings"]
    assert not [f for f in before if f["code"] in ("dead_link", "source_unavailable")]
    finished(client, client.post("/briefs/flood-brief/sources/fetch").json()["job_id"])
    findings = client.get("/briefs/flood-brief/audit").json()["findings"]
    mine = {f["footnote"]: f for f in findings if f["code"] in ("dead_link", "source_unavailable")}
    assert set(mine) == {2, 3}  # the live source (1) needs no finding
    assert mine[2]["code"] == "dead_link" and mine[2]["severity"] == "info"
    assert "2022-01-05" in mine[2]["message"] and mine[2]["details"]["archived"].startswith(f"{site.base}/web/")
    assert mine[3]["code"] == "source_unavailable" and mine[3]["severity"] == "warning"
    assert "login wall" in mine[3]["message"]
    severities = [f["severity"] for f in findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_chat_with_sources_returns_verified_source_quotes_labelled_by_footnote(client):
    finished(client, client.post("/briefs/flood-brief/sources/fetch").json()["job_id"])
    store = FetchStore.for_settings(client.app.state.citebot.engine.settings)
    body = client.post(
        "/chat", json={"message": "How high did the spring flood reach?", "brief_id": "flood-brief", "sources": True}
    ).json()
    assert not body["abstained"]
    cited = {n for c in body["citations"] for n in c["footnotes"]}
    srcs = body["source_citations"]
    assert srcs and len(srcs) <= 3
    for s in srcs:
        assert s["footnote"] in cited and s["footnote"] != 3  # never the login wall, never a foreign number
        text = store.text(store.get("flood-brief", s["footnote"]))
        assert text[s["start"] : s["end"]] == s["quote"] and s["verified"]
        brief_quotes = [c["quote"] for c in body["citations"]]
        assert s["quote"] not in brief_quotes  # a source's words are not shown as the brief's
    first = next(s for s in srcs if s["footnote"] == 1)
    assert first["quote"] == ARTICLE_SENTENCES[0] and first["archived"] is None and first["fetched_at"]
    assert "What the cited sources say:" in body["answer"]
    for s in srcs:
        if s["archived"]:
            assert s["archive_date"] == "2022-01-05" and "archived copy of 2022-01-05" in body["answer"]


def test_check_names_the_archived_copy_and_its_date(client, site):
    finished(client, client.post("/briefs/flood-brief/sources/fetch").json()["job_id"])
    claim = "The spring flood reached 4.2 metres above the usual level, officials reported."  # footnote 2's
    body = client.post("/check", json={"claim": claim, "brief_id": "flood-brief"}).json()
    assert body["citations"][0]["footnotes"] == [2], body
    assert f"the source of [2] (archived copy of {site.url('/gone')} from 2022-01-05) says" in body["explanation"]


def test_chat_without_sources_has_no_source_citations(client):
    body = client.post("/chat", json={"message": "How high did the spring flood reach?"}).json()
    assert "source_citations" not in body  # the response shape is unchanged unless sources are asked for


def test_footnote_source_shows_status_link_and_best_matching_passage(client, site):
    finished(client, client.post("/briefs/flood-brief/sources/fetch").json()["job_id"])
    sentence = "The spring flood reached 4.2 metres above the usual level, the river authority said."
    one = client.get("/briefs/flood-brief/sources/1", params={"sentence": sentence}).json()
    assert one["status"] == "fetched" and one["final_url"] == site.url("/article")
    assert one["passage"]["quote"] == ARTICLE_SENTENCES[0] and one["passage"]["verified"]
    two = client.get("/briefs/flood-brief/sources/2", params={"sentence": sentence}).json()
    assert two["status"] == "archived" and "2022-01-05" in two["label"]
    three = client.get("/briefs/flood-brief/sources/3").json()
    assert three["status"] == "failed" and three["passage"] is None
    assert client.get("/briefs/flood-brief/sources/99").status_code == 404
