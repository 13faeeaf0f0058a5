"""Oversized bodies are refused with 413, counting the bytes as they arrive (not trusting Content-Length)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.limits import JSON_BODY_LIMIT, BodyLimitMiddleware
from api.main import create_app
from corpus.settings import Settings

HANOI = "Why did the Hanoi summit fail?"


def _chunks(total: int, size: int = 4096):
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        sent += n
        yield b" " * n


def test_declared_content_length_over_the_json_limit_is_413(fake_client, fake_engine):
    r = fake_client.post("/chat", content=b" " * (JSON_BODY_LIMIT + 1), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["limit"] == JSON_BODY_LIMIT
    assert fake_engine.calls == []


def test_chunked_body_without_content_length_over_the_limit_is_413(fake_client, fake_engine):
    r = fake_client.post("/chat", content=_chunks(JSON_BODY_LIMIT * 2), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    assert r.request.headers["transfer-encoding"] == "chunked"
    assert r.status_code == 413
    assert r.json()["code"] == "payload_too_large"
    assert fake_engine.calls == []


def test_chunked_body_under_the_limit_is_served(fake_client):
    body = json.dumps({"message": HANOI}).encode()
    r = fake_client.post("/chat", content=iter([body[:10], body[10:]]), headers={"content-type": "application/json"})
    assert r.status_code == 200


def test_padded_json_just_under_the_limit_is_accepted(fake_client):
    body = json.dumps({"message": HANOI}).encode()
    padded = body + b" " * (JSON_BODY_LIMIT - len(body))
    assert fake_client.post("/chat", content=padded, headers={"content-type": "application/json"}).status_code == 200


def test_non_json_bodies_get_the_upload_limit(fake_engine):
    settings = Settings(data_dir=fake_engine.settings.data_dir, max_upload_bytes=1000)
    with TestClient(create_app(settings, fake_engine)) as c:
        under = c.post("/chat", content=b"x" * 999, headers={"content-type": "text/plain"})
        over = c.post("/chat", content=_chunks(5000, 100), headers={"content-type": "text/plain"})
    assert under.status_code == 415  # within the upload limit, so it reaches the route, which wants JSON
    assert over.status_code == 413
    assert over.json()["limit"] == 1000


# --- the middleware on its own, with a hand-driven ASGI receive -----------------------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    async def __call__(self, message: dict[str, Any]) -> None:
        self.messages.append(message)

    @property
    def status(self) -> int:
        return next(m["status"] for m in self.messages if m["type"] == "http.response.start")


def _scope(headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {"type": "http", "method": "POST", "path": "/chat", "headers": headers}


def _drip(chunks: int, size: int):
    pulled = {"n": 0}

    async def receive() -> dict[str, Any]:
        pulled["n"] += 1
        more = pulled["n"] < chunks
        return {"type": "http.request", "body": b"x" * size, "more_body": more}

    return receive, pulled


async def _read_all(scope, receive, send) -> None:
    while True:
        message = await receive()
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def test_middleware_stops_reading_as_soon_as_the_limit_is_passed():
    receive, pulled = _drip(chunks=1000, size=1024)
    send = _Recorder()
    asyncio.run(BodyLimitMiddleware(_read_all, upload_limit=10, json_limit=10 * 1024)(_scope([]), receive, send))
    assert send.status == 413
    assert pulled["n"] == 11  # 11 KiB read, not 1000: the rest of the body is never pulled


def test_middleware_refuses_a_declared_oversize_body_without_reading_it():
    receive, pulled = _drip(chunks=1, size=1)
    send = _Recorder()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"999999")]
    asyncio.run(BodyLimitMiddleware(_read_all, upload_limit=10, json_limit=1000)(_scope(headers), receive, send))
    assert send.status == 413
    assert pulled["n"] == 0


def test_a_lying_content_length_does_not_help():
    receive, pulled = _drip(chunks=50, size=100)
    send = _Recorder()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"10")]
    asyncio.run(BodyLimitMiddleware(_read_all, upload_limit=10, json_limit=1000)(_scope(headers), receive, send))
    assert send.status == 413
    assert pulled["n"] == 11


def test_an_app_that_swallows_the_error_still_answers_413():
    async def swallowing(scope, receive, send) -> None:
        try:
            while (await receive()).get("more_body"):
                pass
        except Exception:
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"pretend all is well"})

    receive, _ = _drip(chunks=100, size=100)
    send = _Recorder()
    asyncio.run(BodyLimitMiddleware(swallowing, upload_limit=10, json_limit=1000)(_scope([]), receive, send))
    assert send.status == 413
    assert b"pretend" not in b"".join(m.get("body", b"") for m in send.messages)


@pytest.mark.parametrize(
    ("content_type", "limit"),
    [
        (b"application/json", 100),
        (b"application/json; charset=utf-8", 100),
        (b"application/problem+json", 100),
        (b"multipart/form-data; boundary=x", 5000),
        (b"application/pdf", 5000),
    ],
)
def test_limit_is_chosen_by_content_type(content_type, limit):
    middleware = BodyLimitMiddleware(_read_all, upload_limit=5000, json_limit=100)
    assert middleware.limit_for(_scope([(b"content-type", content_type)])) == limit
