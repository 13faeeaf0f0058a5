"""Slow clients: a body that stalls gets 408 (the middleware, driven by hand), and a connection that never
finishes its headers is closed by the serving protocol (a real uvicorn server on a loopback port)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from api.limits import BodyLimitMiddleware
from api.server import guarded_protocol
from tests.api.test_limits import _read_all, _Recorder, _scope

WAIT = 20.0  # an upper bound for "eventually", never a performance assertion


def test_a_stalled_body_is_408():
    calls = {"n": 0}

    async def receive() -> dict[str, Any]:
        calls["n"] += 1
        if calls["n"] == 1:
            return {"type": "http.request", "body": b"{", "more_body": True}
        await asyncio.sleep(3600)  # the client goes quiet
        raise AssertionError("unreachable")

    send = _Recorder()
    app = BodyLimitMiddleware(_read_all, upload_limit=10_000, body_timeout=0.05)
    asyncio.run(app(_scope([(b"content-type", b"application/json")]), receive, send))
    assert send.status == 408


def test_after_the_body_receive_has_no_deadline():
    """A streaming response waits on receive() for a disconnect long after the body: that must not time out."""
    order: list[str] = []

    async def receive() -> dict[str, Any]:
        if not order:
            order.append("body")
            return {"type": "http.request", "body": b"{}", "more_body": False}
        await asyncio.sleep(0.2)  # longer than the body timeout
        order.append("disconnect")
        return {"type": "http.disconnect"}

    async def streaming(scope, receive, send) -> None:
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        assert (await receive())["type"] == "http.disconnect"
        await send({"type": "http.response.body", "body": b""})

    send = _Recorder()
    app = BodyLimitMiddleware(streaming, upload_limit=10_000, body_timeout=0.05)
    asyncio.run(app(_scope([(b"content-type", b"application/json")]), receive, send))
    assert send.status == 200 and order == ["body", "disconnect"]


async def _hello(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture
def server() -> Iterator[int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(_hello, log_level="warning", lifespan="off", http=guarded_protocol(0.3))
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    srv.should_exit = True
    thread.join(WAIT)


def _closed_by_server(conn: socket.socket) -> bool:
    conn.settimeout(WAIT)
    try:
        return conn.recv(1024) == b""
    except ConnectionResetError:
        return True


def test_a_connection_that_never_finishes_its_headers_is_closed(server):
    with socket.create_connection(("127.0.0.1", server)) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")  # ... and no blank line, ever
        assert _closed_by_server(conn)


def test_a_connection_that_sends_nothing_is_closed(server):
    with socket.create_connection(("127.0.0.1", server)) as conn:
        assert _closed_by_server(conn)


def test_a_complete_request_is_answered_and_the_next_stalled_one_is_closed(server):
    with socket.create_connection(("127.0.0.1", server)) as conn:
        conn.settimeout(WAIT)
        conn.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert conn.recv(1024).startswith(b"HTTP/1.1 200")
        conn.sendall(b"GET / HTTP/1.1\r\nHost: local")  # keep-alive, then a stalled second request
        assert _closed_by_server(conn)
