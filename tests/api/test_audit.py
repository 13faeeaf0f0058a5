"""``GET /briefs/{id}/audit`` and ``GET /briefs/{id}/verify-citations`` over the real app and engine."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_audit_of_the_bundled_brief(client, bundled_brief):
    r = client.get(f"/briefs/{bundled_brief.id}/audit")
    assert r.status_code == 200, r.text
    findings = r.json()["findings"]
    pairs = {(f["code"], f["footnote"]) for f in findings}
    assert {("orphan_footnote", 5), ("date_url_mismatch", 9), ("possible_miscitation", 8)} <= pairs
    assert ("possible_miscitation", 9) in pairs
    uncited = [f for f in findings if f["code"] == "uncited_claim"]
    assert any("1,090 km" in f["message"] for f in uncited)
    for f in findings:
        assert set(f) >= {"code", "severity", "footnote", "passage_id", "message", "suggested"}
        assert f["suggested"] is (f["code"] in {"possible_miscitation", "likely_source"})
    likely = [f for f in findings if f["code"] == "likely_source" and f["footnote"] == 5]
    assert likely and all(f["suggested"] for f in likely)


def test_audit_of_an_unknown_brief_is_404(client):
    r = client.get("/briefs/no-such-brief/audit")
    assert r.status_code == 404
    assert r.json()["detail"]


def test_verify_citations_without_sources(client, bundled_brief):
    r = client.get(f"/briefs/{bundled_brief.id}/verify-citations")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["sources"] == []
    assert body["results"]
    assert {x["verdict"] for x in body["results"]} == {"source_not_provided"}
    assert body["counts"]["source_not_provided"] == len(body["results"])


def test_verify_citations_with_a_planted_source(client, engine, bundled_brief):
    folder = engine.settings.data_dir / "sources" / bundled_brief.id
    folder.mkdir(parents=True)
    (folder / "13.txt").write_text(
        "Hwasong-14 (KN-20)\n\nThe Hwasong-14 has a range of 10,400 km, enough to reach most of the continental US.\n",
        encoding="utf-8",
    )
    (folder / "12.html").write_text(
        "<html><body><article><p>The 2017 test was equal to 100 kilotons of TNT.</p></article></body></html>",
        encoding="utf-8",
    )
    body = client.get(f"/briefs/{bundled_brief.id}/verify-citations").json()
    by = {(x["footnote"], x["sentence"][:20]): x for x in body["results"]}
    range_row = next(x for (n, s), x in by.items() if n == 13 and s.startswith("Hwasong-14 has"))
    assert range_row["verdict"] == "supported"
    assert "10,400 km" in range_row["quote"]["quote"]
    assert range_row["quote"]["verified"] is True
    yield_row = next(x for (n, s), x in by.items() if n == 12 and s.startswith("It detonated"))
    assert yield_row["verdict"] == "contradicted"
    assert [s["footnote"] for s in body["sources"]] == [12, 13]

    # /check now also says what the source of [13] says.
    check = client.post("/check", json={"claim": "The Hwasong-14 has a range of 10,400 km."}).json()
    assert check["verdict"] == "supported"
    assert check["sources"][0]["footnote"] == 13
    assert check["sources"][0]["verdict"] == "supported"
    assert "the source of [13] says" in check["explanation"]


def test_a_broken_manifest_is_a_422_on_verify(client, engine, bundled_brief):
    folder = engine.settings.data_dir / "sources" / bundled_brief.id
    folder.mkdir(parents=True)
    (folder / "sources.toml").write_text("this is [not toml", encoding="utf-8")
    r = client.get(f"/briefs/{bundled_brief.id}/verify-citations")
    assert r.status_code == 422
    assert "sources.toml" in r.json()["detail"]
    # … and /check still answers from the brief alone.
    assert client.post("/check", json={"claim": "The Hwasong-14 has a range of 10,400 km."}).status_code == 200
