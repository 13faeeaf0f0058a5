"""From a fetched response to the text a source is indexed by, or a reason why the page is not the source.

HTML: the main text by trafilatura (navigation and boilerplate left out). PDF: the project's PDF reader. Plain
text as it is. A page that is a wall (login, paywall, cookie consent) or a "not found" page served with status 200
is refused with a reason, from general signals only: a password field, phrases of such pages in the title or
headings (or in a very short main text), and too little main text to be an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.decoding import decode_bytes, decode_text
from corpus.errors import FetchFailed, ParseError
from index.sources import html_text, pdf_text

MIN_WORDS = 40  # below this the "main text" of a page is a stub, not an article
SHORT_WORDS = 150  # a text this short is examined for wall phrases as well as its title and headings

# Phrases of generic web pages that stand in for the content. (kind, phrase) pairs, matched case-insensitively
# on word boundaries, the first match deciding. General English of the web, not of any document. The login wall
# comes last: paywalls and cookie walls offer "sign in" too, and their own phrases are the more specific.
WALL_PHRASES: tuple[tuple[str, str], ...] = (
    ("soft-404", "page not found"),
    ("soft-404", "404"),
    ("soft-404", "not found"),
    ("soft-404", "page does not exist"),
    ("soft-404", "page doesn't exist"),
    ("soft-404", "page you requested"),
    ("soft-404", "no longer available"),
    ("soft-404", "could not be found"),
    ("soft-404", "cannot be found"),
    ("paywall", "subscribe to continue"),
    ("paywall", "subscribe to read"),
    ("paywall", "subscribers only"),
    ("paywall", "for subscribers"),
    ("paywall", "continue reading"),
    ("paywall", "already a subscriber"),
    ("cookie wall", "accept cookies"),
    ("cookie wall", "cookie consent"),
    ("cookie wall", "we use cookies"),
    ("cookie wall", "cookie settings"),
    ("login wall", "sign in"),
    ("login wall", "log in"),
    ("login wall", "login required"),
    ("login wall", "create an account"),
)
_PASSWORD = re.compile(rb"<input\b[^>]*\btype\s*=\s*[\"']?password", re.IGNORECASE)
_HEADINGS = re.compile(r"<(title|h1|h2)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    format: str  # html | pdf | text
    title: str | None


def _paragraphs(text: str) -> str:
    """One paragraph per non-empty line block, whitespace collapsed: the shape ``source_passages`` splits."""
    blocks = re.split(r"\n\s*\n|\n", text.replace("\r\n", "\n"))
    return "\n\n".join(" ".join(b.split()) for b in blocks if b.strip())


def sniff_format(content_type: str, body: bytes) -> str | None:
    head = body[:1024].lstrip().lower()
    if content_type == "application/pdf" or head.startswith(b"%pdf"):
        return "pdf"
    if content_type in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if content_type.startswith("text/") or content_type == "":
        return "text"
    return None


def _headings(html: str) -> list[str]:
    return [" ".join(_TAGS.sub(" ", m.group(2)).split()) for m in _HEADINGS.finditer(html)]


def _phrase_kind(texts: list[str]) -> tuple[str, str] | None:
    for kind, phrase in WALL_PHRASES:
        pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE)
        for t in texts:
            if pattern.search(t):
                return kind, phrase
    return None


def wall_reason(body: bytes, text: str, headings: list[str]) -> str | None:
    """Why this page is not the source itself, or None when it looks like content."""
    words = len(text.split())
    found = _phrase_kind(headings + ([text] if words < SHORT_WORDS else []))
    if _PASSWORD.search(body) and words < SHORT_WORDS * 2:
        return "login wall: the page asks for a password"
    if found is not None and words < SHORT_WORDS:  # a long article may well have "Sign in" in its header
        kind, phrase = found
        return f"{kind}: the page says “{phrase}”"
    if words < MIN_WORDS:
        return f"too little text to be the source ({words} words)"
    return None


def _html(body: bytes) -> tuple[str, str | None]:
    import trafilatura

    html = decode_bytes(body, html=True)[0]
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True) or ""
    title = None
    meta = trafilatura.extract_metadata(html)
    if meta is not None and meta.title:
        title = str(meta.title)
    if not text.strip():
        text = html_text(body)  # trafilatura keeps nothing of some very short pages: the fallback still reads them
    return _paragraphs(text), title


def extract(body: bytes, content_type: str, url: str) -> Extracted:
    """The source text of a response. FetchFailed("unreadable" | "wall") when it has none to offer."""
    fmt = sniff_format(content_type, body)
    if fmt is None:
        raise FetchFailed("unreadable", f"citebot does not read {content_type} sources")
    title: str | None = None
    headings: list[str] = []
    try:
        if fmt == "html":
            text, title = _html(body)
            headings = _headings(decode_bytes(body, html=True)[0])
        elif fmt == "pdf":
            text = pdf_text(body, url)
        else:
            text = _paragraphs(decode_text(body))
    except ParseError as exc:
        raise FetchFailed("unreadable", str(exc)) from exc
    reason = wall_reason(body if fmt == "html" else b"", text, headings)
    if reason is not None:
        raise FetchFailed("wall", reason)
    return Extracted(text, fmt, title)
