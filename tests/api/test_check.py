"""``POST /check`` over the real app and engine: verdicts, verified citations, explanations, bad input."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_contradiction_with_the_deciding_difference(client, bundled_brief):
    r = client.post("/check", json={"claim": "The Hwasong-17 flew 2,000 km.", "brief_id": None})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["verdict"] == "contradicted"
    assert "1,090 km" in body["explanation"] and "not 2,000 km" in body["explanation"]
    assert 0 <= body["confidence"] <= 1
    first = body["citations"][0]
    assert first["verified"] is True
    assert first["uncited"] is True
    assert bundled_brief.text[first["start"] : first["end"]] == first["quote"]
    assert body["sources"] == []


def test_supported_with_the_briefs_footnotes(client, bundled_brief):
    body = client.post(
        "/check", json={"claim": "The Hwasong-14 has a range of 10400 km.", "brief_id": bundled_brief.id}
    ).json()
    assert body["verdict"] == "supported"
    assert body["citations"][0]["footnotes"] == [13]
    assert body["citations"][0]["sources"][0]["publisher"] == "Missile Threat CSIS Organisation"


def test_not_found_for_an_unmentioned_subject(client):
    body = client.post("/check", json={"claim": "Russia supplied North Korea with hypersonic missiles."}).json()
    assert body["verdict"] == "not_found"
    assert body["citations"] == []


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"claim": ""}, 422),
        ({"claim": "   "}, 422),
        ({"claim": "x" * 1001}, 422),
        ({}, 422),
        ({"claim": 42}, 422),
        ({"claim": "The Hwasong-17 flew 2,000 km.", "unexpected": 1}, 422),
        ({"claim": "The Hwasong-17 flew 2,000 km.", "brief_id": "no-such-brief"}, 404),
    ],
)
def test_bad_input_is_a_4xx_with_a_reason(client, payload, status):
    r = client.post("/check", json=payload)
    assert r.status_code == status, r.text
    assert r.json()["detail"]


def test_body_must_be_json(client):
    r = client.post("/check", content=b"claim=hello", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
