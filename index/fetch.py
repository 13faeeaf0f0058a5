"""The transport of source fetching: one guarded, bounded, size-limited GET with its redirects, and robots.txt.

Footnote URLs come from uploaded documents, so every URL (and every redirect target) is checked before it is
requested: only http and https, and no private, loopback, link-local, multicast or reserved address after DNS
resolution unless ``fetch_allow_private`` is set. (httpx resolves the name again when it connects; a name that
changes its answer between the two lookups could slip through, which the guard accepts as out of scope.)

robots.txt follows RFC 9309: a 4xx (or no robots.txt at all after its redirects) allows everything; a server
error (5xx, and 429 "too many requests"), a timeout or a network error means "assume complete disallow" for that
origin in this run. Such a refusal is recorded as ``robots_unavailable``, which the next run tries again.

Limits, all from Settings: ``fetch_concurrency`` requests at once overall, ``fetch_per_host`` per host, connect and
total timeouts, ``fetch_max_redirects`` and ``fetch_max_bytes`` counted as the body arrives.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

import httpx

from corpus.errors import FetchFailed
from corpus.settings import Settings

DEAD_STATUSES = (404, 410)
ROBOTS_MAX_BYTES = 512_000  # RFC 9309: crawlers read at least 500 KiB of robots.txt and may ignore the rest
ROBOTS_MAX_REDIRECTS = 5  # RFC 9309: follow at least five redirects to robots.txt


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes


def _address_refused(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified


async def check_url(url: str, *, allow_private: bool) -> None:
    """FetchFailed unless the URL is http(s) and its host resolves, to public addresses only (unless allowed)."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchFailed("refused", f"not a valid URL: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchFailed("refused", f"only http and https are fetched, not {parsed.scheme or 'a bare path'}:")
    host = parsed.host
    if not host:
        raise FetchFailed("refused", "the URL has no host")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed("dns", f"the host {host} does not resolve") from exc
    if allow_private:
        return
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if _address_refused(ip):
            raise FetchFailed("refused", f"{host} resolves to a non-public address ({ip}); not fetched")


class Fetcher:
    """One httpx client with the concurrency bounds and the robots.txt cache of a run. Use as ``async with``."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.fetch_timeout, connect=settings.fetch_connect_timeout),
            follow_redirects=False,  # followed by hand, so that every hop passes the guard
            headers={"User-Agent": settings.fetch_user_agent},
            transport=transport,
        )
        self.overall = asyncio.Semaphore(settings.fetch_concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._robots: dict[str, RobotFileParser | FetchFailed | None] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    @asynccontextmanager
    async def _slot(self, url: str) -> AsyncIterator[None]:
        host = httpx.URL(url).netloc.decode("ascii", errors="replace").lower()
        sem = self._hosts.setdefault(host, asyncio.Semaphore(self.settings.fetch_per_host))
        async with sem:
            yield

    async def _read(
        self, url: str, limit: int, budget: asyncio.Timeout, *, truncate: bool = False
    ) -> tuple[httpx.Response, bytes]:
        # A fetch's total time counts while it talks to hosts, not while it waits for a free slot: a brief citing
        # one host twenty times must not time out its last footnotes (or a redirect's next hop) in the queue.
        loop = asyncio.get_running_loop()
        when = budget.when()
        left = self.settings.fetch_timeout if when is None else when - loop.time()
        budget.reschedule(None)
        # The host's slot first, then one of the overall ones: a request waiting for a busy host holds no overall
        # slot, so twenty footnotes on one slow site do not keep the other hosts waiting.
        async with self._slot(url), self.overall:
            budget.reschedule(loop.time() + left)
            return await self._stream(url, limit, truncate)

    async def _stream(self, url: str, limit: int, truncate: bool) -> tuple[httpx.Response, bytes]:
        """The response and its body; over ``limit`` bytes FetchFailed("too_large"), or with ``truncate`` the
        first ``limit`` bytes."""
        async with self.client.stream("GET", url) as resp:
            chunks = []
            size = 0
            if not resp.is_redirect:
                async for chunk in resp.aiter_bytes():
                    size += len(chunk)
                    if size > limit and truncate:
                        chunks.append(chunk[: len(chunk) - (size - limit)])
                        break
                    if size > limit:
                        raise FetchFailed("too_large", f"the response is larger than {limit} bytes")
                    chunks.append(chunk)
            return resp, b"".join(chunks)

    async def robots_allows(self, url: str, budget: asyncio.Timeout) -> bool:
        """What the host's robots.txt says about ``url`` for our User-Agent; no robots.txt allows everything.

        FetchFailed("robots_unavailable") when robots.txt could not be read (a server error, a timeout): RFC 9309
        says a crawler must then assume complete disallow."""
        u = httpx.URL(url)
        origin = f"{u.scheme}://{u.netloc.decode('ascii', errors='replace')}"
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._robots:
                self._robots[origin] = await self._load_robots(origin, budget)
        rules = self._robots[origin]
        if isinstance(rules, FetchFailed):
            raise FetchFailed(rules.kind, rules.reason, status=rules.status)
        return rules is None or rules.can_fetch(self.settings.fetch_user_agent, url)

    async def _load_robots(self, origin: str, budget: asyncio.Timeout) -> RobotFileParser | FetchFailed | None:
        """The origin's rules; None when there are none (allow all); a FetchFailed when they are unavailable."""
        url = f"{origin}/robots.txt"
        host = httpx.URL(origin).host
        try:
            for _ in range(ROBOTS_MAX_REDIRECTS + 1):
                await check_url(url, allow_private=self.settings.fetch_allow_private)
                resp, body = await self._read(url, ROBOTS_MAX_BYTES, budget, truncate=True)
                if not (resp.is_redirect and "location" in resp.headers):
                    break
                url = str(resp.url.join(resp.headers["location"]))
            else:
                return None  # RFC 9309: no robots.txt after five redirects may be taken as "unavailable" (4xx)
        except FetchFailed as exc:
            if exc.kind in ("refused", "dns"):
                # Our own guard will not read it (a redirect to a private address) or the name just stopped
                # resolving: the site has not said "server error", and the page's own request meets the guard.
                return None
            return FetchFailed("robots_unavailable", f"robots.txt of {host} could not be read ({exc.reason})")
        except httpx.HTTPError as exc:
            why = "timed out" if isinstance(exc, httpx.TimeoutException) else f"network error: {type(exc).__name__}"
            return FetchFailed("robots_unavailable", f"robots.txt of {host} could not be read ({why}); not fetched")
        status = resp.status_code
        if status >= 500 or status == 429:  # 429 is a request to slow down, not "no rules": treated as 5xx
            return FetchFailed(
                "robots_unavailable",
                f"robots.txt of {host} answered HTTP {status}; a server error on robots.txt means complete "
                "disallow (RFC 9309)",
                status=status,
            )
        if status != 200:
            return None  # 4xx: "unavailable", which allows everything
        parser = RobotFileParser(url)
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser

    async def get(self, url: str) -> Response:
        """GET with guarded, counted redirects, within ``fetch_timeout`` of request time in all (robots.txt and
        redirects included, waits for a free host slot not). FetchFailed for everything not a final response."""
        try:
            async with asyncio.timeout(None) as budget:  # scheduled by each request (see ``_read``)
                return await self._get(url, budget)
        except TimeoutError as exc:
            raise FetchFailed(
                "timeout", f"timed out: no complete answer within {self.settings.fetch_timeout:g} s"
            ) from exc

    async def _get(self, url: str, budget: asyncio.Timeout) -> Response:
        current = url
        try:
            for _ in range(self.settings.fetch_max_redirects + 1):
                await check_url(current, allow_private=self.settings.fetch_allow_private)
                if self.settings.fetch_robots and not await self.robots_allows(current, budget):
                    raise FetchFailed("robots", f"robots.txt of {httpx.URL(current).host} disallows this URL")
                resp, body = await self._read(current, self.settings.fetch_max_bytes, budget)
                if resp.is_redirect and "location" in resp.headers:
                    current = str(resp.url.join(resp.headers["location"]))
                    continue
                content_type = resp.headers.get("content-type", "").split(";", 1)[0].strip().lower()
                return Response(url, str(resp.url), resp.status_code, content_type, body)
        except httpx.TimeoutException as exc:
            raise FetchFailed("timeout", f"timed out ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchFailed("network", f"network error: {exc or type(exc).__name__}") from exc
        raise FetchFailed("redirects", f"more than {self.settings.fetch_max_redirects} redirects")
