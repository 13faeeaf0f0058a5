"""API keys, checked before any route runs: a pure ASGI middleware, so a refused request costs no routing.

- ``CITEBOT_WRITE_KEY`` set: requests that change the library (``POST``/``PUT``/``PATCH``/``DELETE`` under
  ``/briefs`` and ``/jobs``) need ``Authorization: Bearer <write key>``.
- ``CITEBOT_READ_KEY`` set: every other API request needs a key too; the write key also reads.
- Neither set: everything is open, as on a loopback-only ``make run`` (``citebot serve`` refuses a non-loopback
  address without keys unless told ``--no-auth``).

The UI page, its static files and ``/health`` stay open so a browser can load the page and ask for a key, and a
load balancer can probe without one. Keys are compared in constant time.
"""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Receive, Scope, Send

from api.asgi import header, send_json

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
WRITE_PREFIXES = ("/briefs", "/jobs")
OPEN_PATHS = frozenset({"/", "/health"})
OPEN_PREFIXES = ("/static/",)


def needs_write(method: str, path: str) -> bool:
    """Whether a request changes the library (upload, replace, delete, background jobs)."""
    return method.upper() in WRITE_METHODS and path.startswith(WRITE_PREFIXES)


def is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def bearer_token(scope: Scope) -> str | None:
    scheme, _, token = (header(scope, b"authorization") or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def key_name(request: object) -> str:
    """Which key a request was let in with (``write``, ``read`` or ``none``), for the change log."""
    state = getattr(request, "scope", {}).get("state") or {}
    return str(state.get("citebot_key", "none"))


def _same(given: str | None, key: str | None) -> bool:
    return given is not None and key is not None and hmac.compare_digest(given.encode(), key.encode())


class KeyMiddleware:
    """401 without a usable key, 403 with a read key on a write; otherwise the request goes through."""

    def __init__(self, app: ASGIApp, *, write_key: str | None, read_key: str | None) -> None:
        self.app = app
        self.write_key = write_key or None
        self.read_key = read_key or None

    def refusal(self, method: str, path: str, token: str | None) -> tuple[int, str] | None:
        """(status, reason) when the request may not go through, else None."""
        if is_open(path):
            return None
        if needs_write(method, path):
            if self.write_key is None:
                return None if self.read_key is None or _same(token, self.read_key) else (401, "a key is needed")
            if _same(token, self.write_key):
                return None
            if _same(token, self.read_key):
                return 403, "this key may read but not change the library: use the write key"
            return 401, "changing the library needs the write key"
        if self.read_key is None or _same(token, self.read_key) or _same(token, self.write_key):
            return None
        return 401, "a key is needed"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.write_key is None and self.read_key is None):
            await self.app(scope, receive, send)
            return
        token = bearer_token(scope)
        refused = self.refusal(scope["method"], scope["path"], token)
        if refused is None:
            used = "write" if _same(token, self.write_key) else "read" if _same(token, self.read_key) else "none"
            scope.setdefault("state", {})["citebot_key"] = used
            await self.app(scope, receive, send)
            return
        status, reason = refused
        detail = f"{reason} (send 'Authorization: Bearer <key>')"
        body = {"detail": detail, "code": "unauthorized" if status == 401 else "forbidden"}
        challenge = {"www-authenticate": 'Bearer realm="citebot"'} if status == 401 else None
        await send_json(send, status, body, challenge)
