"""Browser-facing protection: the Host header, the Origin of writes, CORS for listed origins, and the headers
every response carries. Through the real app (TestClient) over the fake engine."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.guard import host_name, split_list
from api.main import create_app
from corpus.settings import Settings

FOREIGN = "http://attacker.example"


@pytest.fixture
def guarded(fake_engine, tmp_path):
    def make(bound_host: str | None = None, **settings: str) -> TestClient:
        app = create_app(Settings(data_dir=tmp_path / "guarded", **settings), fake_engine, bound_host=bound_host)  # type: ignore[arg-type]
        return TestClient(app, raise_server_exceptions=False)

    return make


@pytest.mark.parametrize(
    ("value", "name"),
    [("example.org:8000", "example.org"), ("[::1]:8000", "::1"), ("LOCALHOST", "localhost"), ("::1", "::1")],
)
def test_host_names_drop_the_port(value, name):
    assert host_name(value) == name


def test_a_list_setting_is_split_on_commas():
    assert split_list(" a.example, b.example ,") == ("a.example", "b.example")
    assert split_list(None) == ()


def test_on_loopback_only_localhost_names_are_served(guarded):
    with guarded(bound_host="127.0.0.1") as client:
        assert client.get("/briefs", headers={"Host": "localhost:8000"}).status_code == 200
        assert client.get("/briefs", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        refused = client.get("/briefs", headers={"Host": "rebound.example:8000"})
    assert refused.status_code == 400
    assert refused.json()["code"] == "host_not_allowed"


def test_allowed_hosts_setting_replaces_the_default(guarded):
    with guarded(bound_host="0.0.0.0", allowed_hosts="api.example.org") as client:
        assert client.get("/briefs", headers={"Host": "api.example.org"}).status_code == 200
        assert client.get("/briefs", headers={"Host": "localhost"}).status_code == 400


def test_a_write_from_a_foreign_page_is_403(guarded):
    with guarded() as client:
        upload = client.post("/briefs", headers={"Origin": FOREIGN}, files={"file": ("a.md", b"# A\n\nText.\n")})
        chat = client.post("/chat", headers={"Origin": FOREIGN}, json={"message": "What happened?"})
    assert upload.status_code == 403
    assert upload.json()["code"] == "origin_not_allowed"
    assert chat.status_code == 403


def test_same_origin_and_origin_less_writes_go_through(guarded):
    with guarded() as client:
        own = client.post("/chat", headers={"Origin": "http://testserver"}, json={"message": "What happened?"})
        plain = client.post("/chat", json={"message": "What happened?"})
    assert own.status_code == 200
    assert plain.status_code == 200


def test_a_foreign_page_may_still_read(guarded):
    with guarded() as client:
        assert client.get("/briefs", headers={"Origin": FOREIGN}).status_code == 200


def test_a_listed_origin_may_write_and_gets_cors_headers(guarded):
    app_origin = "https://app.example.org"
    with guarded(cors_origins=app_origin) as client:
        r = client.post("/chat", headers={"Origin": app_origin}, json={"message": "What happened?"})
        preflight = client.options(
            "/chat",
            headers={
                "Origin": app_origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == app_origin
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == app_origin


def test_unlisted_origins_get_no_cors_headers(guarded):
    with guarded(cors_origins="https://app.example.org") as client:
        r = client.get("/briefs", headers={"Origin": FOREIGN})
    assert "access-control-allow-origin" not in r.headers


@pytest.mark.parametrize("path", ["/docs", "/openapi.json", "/briefs", "/no-such-page", "/health"])
def test_every_response_carries_the_security_headers(fake_client, path):
    r = fake_client.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_the_ui_keeps_its_own_strict_policy(fake_client):
    policy = fake_client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy
