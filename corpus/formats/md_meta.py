"""What a Markdown file's front matter (YAML or TOML) says of the document: title, authors, date, publisher."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from corpus.formats.common import Metadata, clean, iso_date
from corpus.models import Author

# a site generator's reference to an author's own page ("_authors/ann-reed.md", "people/ann_reed")
_AUTHOR_PATH = re.compile(r"^[\w./-]*/[\w.-]+$|^[\w-]+\.(?:md|markdown|html?|ya?ml|json|toml)$")


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
    raw_authors = next((data[k] for k in ("authors", "author", "creators", "creator") if data.get(k)), None)
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
    date_value = next(
        (data[k] for k in ("date", "published", "pubdate", "date_published", "publishdate", "created") if data.get(k)),
        None,
    )
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
        organisation=text("organisation", "organization", "publisher", "institution", "institute"),
        date=date,
        disclaimer=text("disclaimer"),
    )
