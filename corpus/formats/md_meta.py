"""What a Markdown file's front matter (YAML or TOML) says of the document: title, authors, date, publisher.

A file may also open with bare "key: value" lines and no fences (MultiMarkdown and Pandoc metadata,
"title: A Web Crawler" / "author: A. Jesse Jiryu Davis"): read as front matter when every line from the top is
one, a key names metadata this reader knows, and a blank line or a block (an HTML tag, a heading) follows.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from corpus.formats.common import Metadata, clean, iso_date
from corpus.models import Author

# a site generator's reference to an author's own page ("_authors/ann-reed.md", "people/ann_reed")
_AUTHOR_PATH = re.compile(r"^[\w./-]*/[\w.-]+$|^[\w-]+\.(?:md|markdown|html?|ya?ml|json|toml)$")


_KEY_VALUE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]{0,30}):[ \t]+(\S.*?)[ \t]*$")
_BLOCK_AFTER = re.compile(r"^\s*(?:$|<|#|---)")
_TITLE_KEYS = ("title",)
_AUTHOR_KEYS = ("authors", "author", "creators", "creator")
_DATE_KEYS = ("date", "published", "pubdate", "date_published", "publishdate", "created")
_ORGANISATION_KEYS = ("organisation", "organization", "publisher", "institution", "institute")
_KNOWN_KEYS = frozenset(
    (*_TITLE_KEYS, *_AUTHOR_KEYS, *_DATE_KEYS, *_ORGANISATION_KEYS, "editors", "editor", "disclaimer")
)


def bare_metadata(source: str) -> tuple[dict[str, Any], str] | None:
    """A leading block of "key: value" lines without fences, as a mapping, and the source after it; None when
    the file does not open with one."""
    lines = source.split("\n")
    front: dict[str, Any] = {}
    for count, line in enumerate(lines):
        m = _KEY_VALUE.match(line)
        if m is None:
            if count and _BLOCK_AFTER.match(line) and any(k.lower() in _KNOWN_KEYS for k in front):
                return front, "\n".join(lines[count:])
            return None
        front.setdefault(m.group(1).strip(), m.group(2))
    return None  # nothing but "key: value" lines: not a document with metadata


def _person(entry: str) -> str:
    """An author entry as a name: a path to the author's page becomes the words of its file name."""
    entry = entry.strip()
    if not _AUTHOR_PATH.match(entry) or "://" in entry:
        return entry
    stem = entry.rstrip("/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.(?:md|markdown|html?|ya?ml|json|toml)$", "", stem)
    return " ".join(w[:1].upper() + w[1:] for w in re.split(r"[-_.\s]+", stem) if w)


def front_matter_metadata(front: dict[str, Any]) -> Metadata:
    data = {str(k).lower(): v for k, v in front.items()}

    def text(*keys: str) -> str | None:
        for key in keys:
            value = data.get(key)
            if isinstance(value, str | int | float) and str(value).strip():
                return clean(str(value))
            if isinstance(value, list) and value and isinstance(value[0], str):
                return clean(value[0])
        return None

    authors: list[Author] = []
    raw_authors = next((data[k] for k in _AUTHOR_KEYS if data.get(k)), None)
    for entry in raw_authors if isinstance(raw_authors, list) else [raw_authors] if raw_authors else []:
        if isinstance(entry, dict):
            name = entry.get("name")
            role = entry.get("role") or entry.get("affiliation") or entry.get("title")
            if name:
                authors.append(Author(clean(str(name)), clean(str(role)) if role else None))
        elif isinstance(entry, str):
            authors.extend(Author(_person(n)) for n in re.split(r";|\band\b", entry) if n.strip())
    raw_editors = data.get("editors", data.get("editor"))
    editors = [
        clean(str(e.get("name", "")) if isinstance(e, dict) else str(e))
        for e in (raw_editors if isinstance(raw_editors, list) else [raw_editors] if raw_editors else [])
    ]
    date_value = next((data[k] for k in _DATE_KEYS if data.get(k)), None)
    date = (
        date_value.isoformat()[:10]
        if isinstance(date_value, dt.date)
        else iso_date(str(date_value))
        if date_value
        else None
    )
    return Metadata(
        title=text("title"),
        authors=tuple(authors),
        editors=tuple(e for e in editors if e),
        organisation=text(*_ORGANISATION_KEYS),
        date=date,
        disclaimer=text("disclaimer"),
    )
