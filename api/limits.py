"""Request body size limits, enforced by counting the bytes as they arrive.

A pure ASGI middleware: it wraps ``receive`` and stops the request as soon as the running total passes the
limit, so a client cannot make the server buffer a huge body by leaving out ``Content-Length`` (chunked
transfer) or by lying in it. A declared ``Content-Length`` over the limit is refused before anything is read.

Two limits, chosen by the declared content type:
- JSON (``application/json``, ``*+json``) or no content type: ``JSON_BODY_LIMIT`` (64 KiB). A chat message is at
  most 2,000 characters, so 64 KiB leaves ample room while keeping JSON parsing cheap.
- anything else (file uploads): ``settings.max_upload_bytes``.
"""

from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.asgi import header, send_json

JSON_BODY_LIMIT = 64 * 1024


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once a body passes its limit. An HTTPException, so FastAPI's body parsing
    re-raises it instead of turning it into a 400."""

    code = "payload_too_large"

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than the limit of {limit} bytes")
        self.limit = limit


class BodyTimeout(HTTPException):
    """Raised from ``receive`` when the next piece of a body does not arrive in time (a stalled client)."""

    code = "request_timeout"

    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"the request body stalled: no data for {seconds:g} seconds")


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


class BodyLimitMiddleware:
    """Answer 413 for bodies over the limit, whatever the route and however the body is sent."""

    def __init__(
        self, app: ASGIApp, *, upload_limit: int, json_limit: int = JSON_BODY_LIMIT, body_timeout: float | None = None
    ) -> None:
        self.app = app
        self.upload_limit = upload_limit
        self.json_limit = json_limit
        self.body_timeout = body_timeout  # seconds allowed between two pieces of a body; None: no limit

    def limit_for(self, scope: Scope) -> int:
        return self.json_limit if _is_json(header(scope, b"content-type")) else self.upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = header(scope, b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            await _send_413(send, limit)
            return

        received = 0
        body_done = False
        tripped = False
        started = False
        replaced = False

        async def limited_receive() -> Message:
            nonlocal received, tripped, body_done
            if tripped:
                raise BodyTooLarge(limit)
            if body_done or self.body_timeout is None:
                # after the body, receive() only waits for a disconnect (streaming responses): no deadline
                message = await receive()
            else:
                try:
                    message = await asyncio.wait_for(receive(), self.body_timeout)
                except TimeoutError:
                    raise BodyTimeout(self.body_timeout) from None
            if message["type"] == "http.request":
                body_done = not message.get("more_body", False)
                received += len(message.get("body", b""))
                if received > limit:
                    tripped = True
                    raise BodyTooLarge(limit)
            return message

        async def guarded_send(message: Message) -> None:
            # If the app caught the error and answered something else, the client still gets the 413.
            nonlocal started, replaced
            if replaced:
                return
            if message["type"] == "http.response.start":
                started = True
                if tripped and message["status"] != 413:
                    replaced = True
                    await _send_413(send, limit)
                    return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except BodyTooLarge:
            if not started:
                await _send_413(send, limit)
        except BodyTimeout as exc:
            if not started:
                await send_json(send, 408, {"detail": exc.detail, "code": exc.code}, {"connection": "close"})


async def _send_413(send: Send, limit: int) -> None:
    detail = f"the request body is larger than the limit of {limit} bytes"
    body = {"detail": detail, "code": "payload_too_large", "limit": limit}
    await send_json(send, 413, body, {"connection": "close"})
