"""The HTTP protocol ``citebot serve`` runs: uvicorn's h11 protocol, plus a deadline for a request's headers.

uvicorn closes idle keep-alive connections, but a client that opens a connection and then sends its headers
slowly, or never finishes them, holds a connection (and a file descriptor) for as long as it likes; five hundred
of them exhaust a server. Here each connection has ``header_timeout`` seconds from its first byte (or from its
opening) to finish a request's headers, and is closed otherwise. The body has its own deadline per chunk in
``api.limits``.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol


class GuardedH11Protocol(H11Protocol):
    header_timeout: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm()

    def _waiting_for_headers(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_timed_out)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_timed_out(self) -> None:
        self._header_timer = None
        if self._waiting_for_headers() and not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        waiting = self._waiting_for_headers()
        super().data_received(data)
        if self._waiting_for_headers():
            if waiting:
                self._arm()  # bytes of the next request's headers: its clock runs from the first of them
        else:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def guarded_protocol(header_timeout: float) -> type[GuardedH11Protocol]:
    """The protocol class with this deadline (uvicorn takes a class, not an instance)."""
    return type("CitebotH11Protocol", (GuardedH11Protocol,), {"header_timeout": header_timeout})
