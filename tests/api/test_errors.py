"""The error paths: one mapping from citebot's errors to HTTP, 503 that recovers, and never a traceback."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.errors import status_for
from api.main import ROUTE_MODULES, create_app
from corpus import errors as E

HANOI = "Why did the Hanoi summit fail?"


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (E.ParseError("x"), 422),
        (E.UnsupportedFormat("x"), 422),
        (E.InvalidRequest("x"), 422),
        (E.PayloadTooLarge("x"), 413),
        (E.BriefNotFound("x"), 404),
        (E.SessionNotFound("x"), 404),
        (E.IndexUnavailable("x"), 503),
        (E.CitationNotVerified("x"), 500),
        (E.CitebotError("x"), 500),
    ],
)
def test_status_for_each_citebot_error(error, status):
    assert status_for(error) == status


def test_store_outage_is_503_and_recovers_on_its_own(client, flaky):
    flaky.down = True
    r = client.post("/chat", json={"message": HANOI})
    assert r.status_code == 503
    assert r.json()["code"] == "index_unavailable"
    assert int(r.headers["retry-after"]) > 0
    flaky.down = False
    r = client.post("/chat", json={"message": HANOI})
    assert r.status_code == 200
    assert any(c["footnotes"] == [11] for c in r.json()["citations"])


def test_a_failed_request_during_an_outage_leaves_the_session_usable(client, flaky):
    sid = client.post("/chat", json={"message": "When did North Korea test its monster missile?"}).json()["session_id"]
    flaky.down = True
    assert client.post("/chat", json={"message": "How far did it fly?", "session_id": sid}).status_code == 503
    flaky.down = False
    r = client.post("/chat", json={"message": "How far did it fly?", "session_id": sid})
    assert "1,090 km" in r.json()["citations"][0]["quote"]
    users = [t["text"] for t in client.get(f"/chat/sessions/{sid}").json()["turns"] if t["role"] == "user"]
    assert users == ["When did North Korea test its monster missile?", "How far did it fly?"]


@pytest.mark.parametrize(
    "error",
    [RuntimeError("secret internals at /srv/app.py line 3"), KeyError("secret"), E.CitationNotVerified("secret")],
)
def test_unexpected_errors_are_500_json_without_a_traceback(fake_client, fake_engine, error):
    fake_engine.fail_with = error
    r = fake_client.post("/chat", json={"message": HANOI})
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error", "code": "internal_error"}
    assert "Traceback" not in r.text and "secret" not in r.text


def test_unknown_path_is_a_json_404(fake_client):
    r = fake_client.get("/no/such/path")
    assert r.status_code == 404
    assert r.json()["code"] == "not_found"


def test_engine_input_errors_are_422(fake_client, fake_engine):
    fake_engine.fail_with = E.InvalidRequest("the question is empty")
    r = fake_client.post("/chat", json={"message": HANOI})
    assert r.status_code == 422
    assert r.json() == {"detail": "the question is empty", "code": "invalid_request"}


def test_core_routes_are_listed_and_included(fake_engine):
    names = [m.__name__.rsplit(".", 1)[-1] for m in ROUTE_MODULES]
    assert names[:3] == ["health", "briefs", "chat"]
    assert names[-1] == "ui"
    with TestClient(create_app(fake_engine.settings, fake_engine)) as c:
        paths = set(c.get("/openapi.json").json()["paths"])
    assert {
        "/health",
        "/briefs",
        "/briefs/{brief_id}",
        "/briefs/{brief_id}/footnotes",
        "/chat",
        "/chat/stream",
    } <= paths


def test_openapi_schema_documents_the_chat_contract(fake_engine):
    with TestClient(create_app(fake_engine.settings, fake_engine)) as c:
        schema = c.get("/openapi.json").json()
    request = schema["components"]["schemas"]["ChatRequest"]["properties"]
    assert request["message"]["maxLength"] == 2000
    assert request["top_k"]["anyOf"][0]["maximum"] == 10
