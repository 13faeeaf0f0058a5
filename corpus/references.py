"""Bibliographic entries: '"Title," *Publisher*, March 05, 2022, <https://…>.' into fields."""

from __future__ import annotations

import re

from corpus.models import Reference
from corpus.text.dates import DATE_PATTERN, parse_date

_URL = re.compile(r"<\s*(https?://[^>\s]+)\s*>|(https?://\S+)")
_OPEN_QUOTES = "\"“‘'"
_CLOSE_QUOTES = '"”'


def _clean_url(url: str) -> str:
    return url.strip().rstrip(".,;)")


def parse_reference(raw: str) -> Reference:
    """Split one entry into title, publisher, date and url. Fields it cannot find are None."""
    text = raw.strip()
    url = None
    before = text
    if m := _URL.search(text):
        url = _clean_url(m.group(1) or m.group(2))
        before = text[: m.start()]
    before = before.strip().rstrip(",;").strip()

    title = None
    rest = before
    # The title runs to the last closing double quote; some entries lack the opening one.
    close = max(before.rfind(q) for q in _CLOSE_QUOTES)
    if close > 0:
        title_part = before[:close]
        rest = before[close + 1 :]
        title = title_part.lstrip().lstrip(_OPEN_QUOTES[:2]).strip().rstrip(",").strip()
    date_raw = None
    date = None
    rest = rest.strip().strip(",").strip()
    dates = list(DATE_PATTERN.finditer(rest))
    if dates:
        last = dates[-1]
        date_raw = last.group(0).strip().rstrip(",")
        date = parse_date(date_raw)
        rest = (rest[: last.start()] + rest[last.end() :]).strip()
    publisher = rest.strip().strip(",").strip().replace("*", "").strip() or None
    if title is None and publisher and not date and not url:
        title, publisher = publisher, None
    return Reference(title=title or None, publisher=publisher, date=date, date_raw=date_raw, url=url, raw=raw)


_SOURCES_LABEL = re.compile(r"^\s*Sources?\s*:\s*", re.IGNORECASE)


def parse_source_line(line: str) -> tuple[Reference, ...]:
    """Parse a "Source(s): A and B" line; entries end at their URL."""
    body = _SOURCES_LABEL.sub("", line, count=1)
    entries: list[str] = []
    pos = 0
    for m in re.finditer(r"<\s*https?://[^>]+>\.?", body):
        entries.append(body[pos : m.end()])
        pos = m.end()
    tail = body[pos:]
    if tail.strip(" ,;.and"):
        entries.append(tail)
    cleaned = [re.sub(r"^\s*(?:and|;|,)\s+", "", e).strip() for e in entries]
    return tuple(parse_reference(e) for e in cleaned if e)
