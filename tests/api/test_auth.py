"""API keys: CITEBOT_WRITE_KEY guards changes to the library, CITEBOT_READ_KEY everything else; the UI page and
/health stay open. Driven through the real app (TestClient) over the fake engine, plus the pure decision."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.auth import KeyMiddleware, needs_write
from api.main import create_app
from corpus.settings import Settings


@pytest.fixture
def keyed(fake_engine, tmp_path):
    def make(**keys: str) -> TestClient:
        settings = Settings(data_dir=tmp_path / "keyed", **keys)
        return TestClient(create_app(settings, fake_engine), raise_server_exceptions=False)  # type: ignore[arg-type]

    return make


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize(
    ("method", "path", "write"),
    [
        ("POST", "/briefs", True),
        ("DELETE", "/briefs/some-brief", True),
        ("POST", "/jobs", True),
        ("GET", "/briefs", False),
        ("POST", "/chat", False),
        ("POST", "/check", False),
    ],
)
def test_which_requests_change_the_library(method, path, write):
    assert needs_write(method, path) is write


def test_without_keys_everything_is_open(fake_client):
    assert fake_client.get("/briefs").status_code == 200
    assert fake_client.post("/briefs").status_code == 422  # reaches the route, which wants a file


def test_a_write_without_the_write_key_is_401_with_a_bearer_challenge(keyed):
    with keyed(write_key="w-secret") as client:
        r = client.delete("/briefs/no-such-brief")
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert "write key" in r.json()["detail"]


def test_a_write_with_a_wrong_key_is_401(keyed):
    with keyed(write_key="w-secret") as client:
        assert client.delete("/briefs/x", headers=bearer("guess")).status_code == 401


def test_a_write_with_the_write_key_reaches_the_route(keyed):
    with keyed(write_key="w-secret") as client:
        r = client.post("/briefs", headers=bearer("w-secret"))
    assert r.status_code == 422  # past the key check: the route itself asks for the missing file


def test_reads_stay_open_when_only_a_write_key_is_set(keyed):
    with keyed(write_key="w-secret") as client:
        assert client.get("/briefs").status_code == 200
        assert client.post("/chat", json={"message": "What happened?"}).status_code == 200


def test_a_read_key_guards_reads(keyed):
    with keyed(read_key="r-secret") as client:
        assert client.get("/briefs").status_code == 401
        assert client.post("/chat", json={"message": "What happened?"}).status_code == 401
        assert client.get("/briefs", headers=bearer("r-secret")).status_code == 200


def test_the_write_key_also_reads(keyed):
    with keyed(read_key="r-secret", write_key="w-secret") as client:
        assert client.get("/briefs", headers=bearer("w-secret")).status_code == 200


def test_a_read_key_on_a_write_is_403(keyed):
    with keyed(read_key="r-secret", write_key="w-secret") as client:
        r = client.delete("/briefs/x", headers=bearer("r-secret"))
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"


def test_a_read_key_alone_also_guards_writes(keyed):
    with keyed(read_key="r-secret") as client:
        assert client.delete("/briefs/x").status_code == 401
        assert client.post("/briefs", headers=bearer("r-secret")).status_code == 422


def test_the_page_its_files_and_health_stay_open(keyed):
    with keyed(read_key="r-secret", write_key="w-secret") as client:
        assert client.get("/").status_code == 200
        assert client.get("/static/core.js").status_code == 200
        assert client.get("/health").status_code != 401


def test_a_non_bearer_authorization_is_not_a_key():
    middleware = KeyMiddleware(lambda *a: None, write_key=None, read_key="r")  # type: ignore[arg-type]
    assert middleware.refusal("GET", "/briefs", None) == (401, "a key is needed")
    assert middleware.refusal("GET", "/briefs", "r") is None
