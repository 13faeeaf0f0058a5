"""A loopback web site for source-fetching tests: articles, walls, dead links, a fake Wayback Machine.

``SourceSite`` runs a ``ThreadingHTTPServer`` on 127.0.0.1 in a thread, counts requests per path and records the
most requests in flight at once per Host header. ``brief_with_urls`` writes a small brief whose footnotes cite it.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from corpus.loader import load_brief
from corpus.models import Brief

ARTICLE_SENTENCES = (
    "The river authority measured the spring flood at 4.2 metres above the usual level.",
    "Engineers said the new levee held along its whole length of 12 kilometres.",
    "The town council voted to extend the flood barrier by another three kilometres next year.",
    "Farmers downstream reported that about 300 hectares of fields were under water for a week.",
    "The authority expects the repairs to the old embankment to cost about 8 million euros.",
    "A report on the causes of the flood will be published in the autumn.",
)
SNAPSHOT_SENTENCES = (
    "The regional archive reopened its reading room after two years of renovation work.",
    "Visitors can now consult the land registers of the nineteenth century on screen.",
    "The archive holds about 40,000 maps, most of them drawn by hand.",
    "Its director said the digitisation of the maps would take another five years.",
    "Opening hours were extended to Saturday mornings for students and family historians.",
)


def _page(title: str, sentences: tuple[str, ...], *, filler: int = 6) -> bytes:
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    paras = "".join(f"<p>{s} {s}</p>" for s in sentences)
    more = "".join(
        f"<p>Background paragraph {i} explains the history of the place, its people and its institutions in "
        f"plain words, with enough detail to read like the body of a real news article about it.</p>"
        for i in range(filler)
    )
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f'<header><nav><ul>{nav}</ul></nav><a href="/login">Sign in</a></header>'
        f"<main><article><h1>{title}</h1>{paras}{more}</article></main>"
        f"<aside>Most read: ten other stories you may like</aside>"
        f"<footer>Copyright 2022 Example News. All rights reserved. Privacy policy. Terms of use.</footer>"
        f"</body></html>"
    ).encode()


SOFT_404 = (
    b"<!DOCTYPE html><html><head><title>Page not found | Example News</title></head><body>"
    b"<nav><a href='/'>Home</a></nav><main><h1>Sorry, we could not find that page</h1>"
    b"<p>The page you requested may have moved.</p></main></body></html>"
)
LOGIN_WALL = (
    b"<!DOCTYPE html><html><head><title>Example Journal</title></head><body><main><h1>Sign in</h1>"
    b"<p>Please sign in to read this article.</p><form><input name='user'>"
    b"<input type='password' name='pw'><button>Go</button></form></main></body></html>"
)


def _pdf(sentences: tuple[str, ...]) -> bytes:
    import io

    from reportlab.pdfgen import canvas  # the test PDFs of tests/corpus are written with it too

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    y = 800
    for s in sentences:
        c.drawString(50, y, s)
        y -= 20
    c.save()
    return buf.getvalue()


class SourceSite:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self._in_flight: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.delay = 0.0  # seconds every /article* page waits, to make requests overlap
        self.slow_seconds = 3.0
        # What /robots.txt answers: (status, body). A 302 body is the Location it redirects to; status 0 closes
        # the connection without an answer (a network error).
        self.robots: tuple[int, bytes] = (200, b"User-agent: *\nDisallow: /private/\n")
        self.robots_delay = 0.0  # seconds /robots.txt waits before answering
        self.agents: set[str] = set()  # User-Agent headers seen
        self.arrivals: list[str] = []  # "host path" of every request, in the order they arrived
        self.archive_queries: list[dict[str, list[str]]] = []  # query strings the fake availability API got
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.pdf = _pdf(ARTICLE_SENTENCES)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                host = self.headers.get("Host", "")
                path = urlsplit(self.path).path
                with site._lock:
                    site.hits[path] += 1
                    site.agents.add(self.headers.get("User-Agent", ""))
                    site.arrivals.append(f"{host} {path}")
                    site._in_flight[host] += 1
                    site.max_in_flight[host] = max(site.max_in_flight[host], site._in_flight[host])
                try:
                    site.serve(self, path)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to report
                finally:
                    with site._lock:
                        site._in_flight[host] -= 1

        return Handler

    def _send(self, h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "text/html") -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _redirect(self, h: BaseHTTPRequestHandler, to: str) -> None:
        h.send_response(302)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()

    def serve(self, h: BaseHTTPRequestHandler, path: str) -> None:
        if path == "/robots.txt":
            time.sleep(self.robots_delay)
            status, body = self.robots
            if status == 0:
                h.close_connection = True
            elif status in (301, 302):
                self._redirect(h, body.decode())
            else:
                self._send(h, status, body, "text/plain")
        elif path == "/rules/robots.txt":  # where a redirected robots.txt lands
            self._send(h, 200, b"User-agent: *\nDisallow: /article\n", "text/plain")
        elif path.startswith(("/article", "/private/")):
            time.sleep(self.delay)
            self._send(h, 200, _page("Spring flood measured", ARTICLE_SENTENCES))
        elif path == "/doc.pdf":
            self._send(h, 200, self.pdf, "application/pdf")
        elif path == "/notes.txt":
            self._send(h, 200, "\n\n".join(ARTICLE_SENTENCES).encode(), "text/plain; charset=utf-8")
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self._redirect(h, f"/hop/{n - 1}" if n > 1 else "/article-after-hops")
        elif path.startswith("/loop/"):
            n = int(path.rsplit("/", 1)[1])
            self._redirect(h, f"/loop/{n + 1}")
        elif path == "/gone":
            self._send(h, 404, b"<html><body><h1>Not Found</h1></body></html>")
        elif path == "/gone-unarchived":
            self._send(h, 410, b"gone", "text/plain")
        elif path == "/wayback/available":
            query = parse_qs(urlsplit(h.path).query)
            self.archive_queries.append(query)
            asked = query.get("url", [""])[0]
            closest = {}
            if asked.endswith(("/gone", "/moved-page")):
                stamp = "20220105120000"
                snap = f"{self.base}/web/{stamp}/{asked}"
                closest = {"closest": {"available": True, "url": snap, "timestamp": stamp, "status": "200"}}
            body = json.dumps({"url": asked, "archived_snapshots": closest, "timestamp": query.get("timestamp")})
            self._send(h, 200, body.encode(), "application/json")
        elif path.startswith("/web/"):
            self._send(h, 200, _page("Archive reading room reopens", SNAPSHOT_SENTENCES))
        elif path == "/moved-page":
            self._send(h, 200, SOFT_404)
        elif path == "/login":
            self._send(h, 200, LOGIN_WALL)
        elif path == "/big":
            self._send(h, 200, b"<html><body><p>" + b"x " * 50_000 + b"</p></body></html>")
        elif path == "/slow":
            time.sleep(self.slow_seconds)
            self._send(h, 200, _page("Late", ARTICLE_SENTENCES))
        elif path == "/image.png":
            self._send(h, 200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        else:
            self._send(h, 404, b"no such page", "text/plain")


@contextmanager
def running_site() -> Iterator[SourceSite]:
    site = SourceSite()
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


SAYERS = ("the river authority said", "officials reported", "a local paper wrote", "engineers confirmed")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def brief_with_urls(
    folder: Path, urls: list[str], brief_id: str = "flood-brief", sentences: list[str] | None = None
) -> Brief:
    """A plain-text brief with one cited sentence per URL; footnote n cites urls[n-1], dated 5 January 2022.
    ``sentences[n-1]`` (ending in a full stop) is the sentence citing footnote n; by default all of them say
    the flood reached 4.2 metres, each in another speaker's words."""
    body = []
    notes = []
    for n, url in enumerate(urls, 1):
        sup = str(n).translate(SUPERSCRIPT)
        who = SAYERS[(n - 1) % len(SAYERS)]
        said = sentences[n - 1] if sentences else f"The spring flood reached 4.2 metres above the usual level, {who}."
        body.append(f"{said}{sup}")
        notes.append(f'{sup} "Flood report number {n}," Example News, January 5, 2022, <{url}>.')
    text = (
        "SPRING FLOODS ALONG THE RIVER\n\nBy\nA. Writer\n\nJanuary 20, 2022\n\n"
        + "Rivers flooded several towns this spring, and the authorities published reports on the damage.\n\n"
        + "\n\n".join(body)
        + "\n\n"
        + "\n\n".join(notes)
        + "\n"
    )
    path = folder / f"{brief_id}.txt"
    path.write_text(text, encoding="utf-8")
    return load_brief(path)


def refuse_invalid_dns(monkeypatch) -> None:
    """Answer ``*.invalid`` names with "no such host" locally, so no test sends a DNS query out."""
    import socket

    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
