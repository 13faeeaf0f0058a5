"""What a browser may do: the Host a request names, the Origin of a write, and the headers on every response.

- ``Host`` must be one of the allowed hosts (when any are set): a page on another site whose name resolves to
  this machine (DNS rebinding) names its own host and is refused with 400.
- A request that changes something (any method but GET/HEAD/OPTIONS) sent by a page of another origin gets 403,
  unless that origin is listed in ``CITEBOT_CORS_ORIGINS``. Same-origin pages (the UI) and clients that send no
  ``Origin`` (curl, scripts) are unaffected. A form post from a foreign page needs no CORS preflight, which is why
  the check is made here and not left to CORS.
- Every response, ``/docs`` included, carries ``nosniff``, ``no-referrer`` and a ``frame-ancestors 'none'`` policy
  (the UI's own routes add their stricter CSP).
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.asgi import header, send_json

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
EVERY_RESPONSE = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
FRAME_POLICY = (b"content-security-policy", b"frame-ancestors 'none'")


def host_name(value: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``; lower case."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def split_list(value: str | None) -> tuple[str, ...]:
    """A comma-separated setting as its items (``"a, b"`` -> ``("a", "b")``)."""
    return tuple(item.strip() for item in (value or "").split(",") if item.strip())


class BrowserGuardMiddleware:
    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str] = (), cors_origins: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed_hosts = frozenset(host_name(h) for h in allowed_hosts)
        self.cors_origins = frozenset(o.rstrip("/").lower() for o in cors_origins)

    def refusal(self, scope: Scope) -> tuple[int, str, str] | None:
        """(status, code, detail) when the request is refused, else None."""
        host = header(scope, b"host") or ""
        if self.allowed_hosts and "*" not in self.allowed_hosts and host_name(host) not in self.allowed_hosts:
            return 400, "host_not_allowed", f"the Host {host!r} is not served here (see CITEBOT_ALLOWED_HOSTS)"
        origin = (header(scope, b"origin") or "").rstrip("/").lower()
        if not origin or scope["method"].upper() in SAFE_METHODS or origin in self.cors_origins:
            return None
        own = {f"{scheme}://{host.lower()}" for scheme in ("http", "https")}
        if origin in own:
            return None
        return 403, "origin_not_allowed", f"requests from the page {origin!r} may not change anything here"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {bytes(k).lower() for k, _ in headers}
                headers += [pair for pair in EVERY_RESPONSE if pair[0] not in present]
                if FRAME_POLICY[0] not in present:
                    headers.append(FRAME_POLICY)
                message = {**message, "headers": headers}
            await send(message)

        refused = self.refusal(scope)
        if refused is not None:
            status, code, detail = refused
            await send_json(with_headers, status, {"detail": detail, "code": code})
            return
        await self.app(scope, receive, with_headers)
