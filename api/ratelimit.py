"""Per-client rate limits, as settings: a sliding one-minute window per client address and kind of request.

The kinds are the expensive or state-changing ones: ``write`` (uploads, replaces, deletes, jobs), ``check``
(claim checking runs retrieval plus the comparison rules per claim) and ``chat``. A limit of 0 turns that kind
off. A request over its limit gets 429 with ``Retry-After``: the seconds until the oldest counted request leaves
the window. Memory is bounded: idle clients are forgotten, and at most ``MAX_CLIENTS`` are tracked.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from api.asgi import send_json
from api.auth import needs_write

WINDOW_SECONDS = 60.0
MAX_CLIENTS = 10_000


def request_kind(method: str, path: str) -> str | None:
    """Which limit a request counts against, or None for the unlimited ones (reads, the UI, /health)."""
    if needs_write(method, path):
        return "write"
    if method.upper() == "POST" and path == "/check":
        return "check"
    if method.upper() == "POST" and path in ("/chat", "/chat/stream"):
        return "chat"
    return None


class SlidingWindow:
    """Request times per key within the last ``window`` seconds."""

    def __init__(self, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window
        self.clock = clock
        self.seen: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()

    def admit(self, key: tuple[str, str], limit: int) -> float | None:
        """Count a request and return None, or return the seconds to wait when ``limit`` is already reached."""
        now = self.clock()
        times = self.seen.pop(key, None) or deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        self.seen[key] = times  # most recently used last, so the oldest clients are dropped first
        while len(self.seen) > MAX_CLIENTS:
            self.seen.popitem(last=False)
        if len(times) >= limit:
            return max(times[0] + self.window - now, 0.0)
        times.append(now)
        return None


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, limits: dict[str, int], window: SlidingWindow | None = None) -> None:
        self.app = app
        self.limits = {kind: n for kind, n in limits.items() if n > 0}
        self.window = window or SlidingWindow()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = request_kind(scope["method"], scope["path"]) if scope["type"] == "http" and self.limits else None
        if kind is None or kind not in self.limits:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.window.admit((client, kind), self.limits[kind])
        if wait is None:
            await self.app(scope, receive, send)
            return
        limit = self.limits[kind]
        detail = f"too many {kind} requests: at most {limit} a minute per client; try again shortly"
        body = {"detail": detail, "code": "rate_limited", "limit": limit}
        await send_json(send, 429, body, {"retry-after": str(max(1, math.ceil(wait)))})
