"""The HTTP edge: content-free claims are 422 (never "supported"), zero-width characters never reach the engine."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("claim", ["?", "the", "x", "…", "not", "😀", "\u200b"])
def test_a_content_free_claim_is_422(fake_client, claim):
    r = fake_client.post("/check", json={"claim": claim})
    assert r.status_code == 422
    assert "no content words" in str(r.json()) or "the claim is empty" in str(r.json())


def test_a_message_of_only_format_characters_is_422(fake_client):
    assert fake_client.post("/chat", json={"message": "\u200b\u200d"}).status_code == 422


def test_zero_width_characters_are_removed_before_the_engine_sees_a_question(fake_client, fake_engine):
    assert fake_client.post("/chat", json={"message": "Why did the sum\u200bmit fail?"}).status_code == 200
    assert fake_engine.calls[-1]["message"] == "Why did the summit fail?"
