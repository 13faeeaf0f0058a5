"""Invalid /chat input: 422 with a short readable sentence and per-field details; 415 and 400 for non-JSON."""

from __future__ import annotations

import pytest

HANOI = "Why did the Hanoi summit fail?"


@pytest.mark.parametrize(
    ("body", "field", "phrase"),
    [
        ({"message": ""}, "message", "must not be empty"),
        ({"message": "   \n\t "}, "message", "must not be empty"),
        ({"message": "x" * 2001}, "message", "at most 2000 characters"),
        ({"message": HANOI, "top_k": 0}, "top_k", "at least 1"),
        ({"message": HANOI, "top_k": 11}, "top_k", "at most 10"),
        ({"message": HANOI, "top_k": "3"}, "top_k", "integer"),
        ({"message": HANOI, "top_k": 2.5}, "top_k", "integer"),
        ({"message": 42}, "message", "string"),
        ({"top_k": 3}, "message", "is required"),
        ({"message": HANOI, "session_id": ""}, "session_id", "must not be empty"),
        ({"message": HANOI, "brief_id": "b" * 201}, "brief_id", "at most 200"),
    ],
)
def test_invalid_fields_are_422_with_a_readable_message(fake_client, body, field, phrase):
    r = fake_client.post("/chat", json=body)
    assert r.status_code == 422
    out = r.json()
    assert out["detail"].startswith(f"{field} ")
    assert phrase in out["detail"]
    assert out["errors"][0]["field"] == field


def test_a_too_long_message_is_not_echoed_back(fake_client):
    r = fake_client.post("/chat", json={"message": "q" * 2001})
    assert "q" * 100 not in r.text


@pytest.mark.parametrize("length", [1, 2000])
def test_message_length_bounds_are_inclusive(fake_client, length):
    assert fake_client.post("/chat", json={"message": "x" * length}).status_code == 200


@pytest.mark.parametrize("top_k", [1, 10])
def test_top_k_bounds_are_inclusive(fake_client, fake_engine, top_k):
    assert fake_client.post("/chat", json={"message": HANOI, "top_k": top_k}).status_code == 200
    assert fake_engine.calls[-1]["top_k"] == top_k


def test_top_k_defaults_to_the_settings_value(fake_client, fake_engine):
    fake_client.post("/chat", json={"message": HANOI})
    assert fake_engine.calls[-1]["top_k"] == fake_engine.settings.top_k == 3


@pytest.mark.parametrize(
    "raw", [b"{not json", b'{"message": "unterminated', b"", b"null", b"[1, 2]", b'"just a string"']
)
def test_malformed_or_non_object_json_is_422(fake_client, raw):
    r = fake_client.post("/chat", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert r.json()["detail"]


def test_malformed_json_says_so(fake_client):
    r = fake_client.post("/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert r.json()["detail"].startswith("the request body is not valid JSON")


def test_binary_body_is_4xx_with_a_message(fake_client):
    r = fake_client.post("/chat", content=bytes(range(256)) * 4, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500
    assert r.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [{"content-type": "text/plain"}, {"content-type": "application/x-www-form-urlencoded"}, {}],
)
def test_a_body_not_declared_as_json_is_415(fake_client, headers):
    r = fake_client.post("/chat", content=b'{"message": "hi"}', headers=headers)
    assert r.status_code == 415
    assert "Content-Type: application/json" in r.json()["detail"]


def test_json_with_a_charset_is_accepted(fake_client):
    r = fake_client.post(
        "/chat", content=b'{"message": "hi"}', headers={"content-type": "application/json; charset=utf-8"}
    )
    assert r.status_code == 200


def test_wrong_method_is_405_json(fake_client):
    r = fake_client.get("/chat")
    assert r.status_code == 405
    assert r.json()["detail"]
