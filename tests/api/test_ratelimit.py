"""Per-client rate limits: the window arithmetic on a fake clock, and 429 with Retry-After through the real app."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.ratelimit import SlidingWindow, request_kind
from corpus.settings import Settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("method", "path", "kind"),
    [
        ("POST", "/briefs", "write"),
        ("DELETE", "/briefs/a", "write"),
        ("POST", "/check", "check"),
        ("POST", "/chat", "chat"),
        ("POST", "/chat/stream", "chat"),
        ("GET", "/briefs", None),
        ("GET", "/health", None),
    ],
)
def test_requests_are_counted_by_kind(method, path, kind):
    assert request_kind(method, path) == kind


def test_the_window_admits_up_to_the_limit_then_says_how_long_to_wait():
    clock = Clock()
    window = SlidingWindow(60.0, clock)
    assert [window.admit(("1.2.3.4", "check"), 3) for _ in range(3)] == [None, None, None]
    clock.now += 20
    assert window.admit(("1.2.3.4", "check"), 3) == pytest.approx(40.0)


def test_the_window_slides():
    clock = Clock()
    window = SlidingWindow(60.0, clock)
    window.admit(("a", "write"), 1)
    assert window.admit(("a", "write"), 1) is not None
    clock.now += 61
    assert window.admit(("a", "write"), 1) is None


def test_clients_and_kinds_are_counted_apart():
    window = SlidingWindow(60.0, Clock())
    assert window.admit(("a", "write"), 1) is None
    assert window.admit(("b", "write"), 1) is None
    assert window.admit(("a", "check"), 1) is None
    assert window.admit(("a", "write"), 1) is not None


@pytest.fixture
def limited(fake_engine, tmp_path):
    settings = Settings(data_dir=tmp_path / "limited", rate_limit_chat=2, rate_limit_write=1)
    with TestClient(create_app(settings, fake_engine), raise_server_exceptions=False) as client:  # type: ignore[arg-type]
        yield client


def test_over_the_limit_is_429_with_retry_after(limited):
    codes = [limited.post("/chat", json={"message": "What happened?"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    r = limited.post("/chat", json={"message": "What happened?"})
    assert r.status_code == 429
    assert 1 <= int(r.headers["retry-after"]) <= 60
    assert r.json()["code"] == "rate_limited"


def test_reads_are_not_limited(limited):
    assert all(limited.get("/briefs").status_code == 200 for _ in range(5))


def test_a_zero_limit_means_none(fake_client):
    assert all(fake_client.post("/chat", json={"message": "What happened?"}).status_code == 200 for _ in range(5))
