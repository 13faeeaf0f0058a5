"""A PDF's document info (Title, Author, CreationDate) as metadata, without a file name or a word processor's
default standing in for a title or an author."""

from __future__ import annotations

import re
from typing import Any

from corpus.formats.common import Metadata, clean, is_placeholder_author, iso_date
from corpus.models import Author

# a file name or a word processor's default, never a document's title ("twelve.tables", "Microsoft Word - x.doc")
_JUNK_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled)|\.(?:docx?|pdf|indd|tex)$|^[^\s]*[._][^\s]*$", re.IGNORECASE)


def _author_names(field: str) -> list[str]:
    """The names in an info Author field: split at ";" and "and", and at commas when every part is a full name
    ("Ann Lee, Bo Chen"), never inside one written surname first ("Lee, Ann")."""
    names = [n.strip() for n in re.split(r";|\band\b", field) if n.strip()]
    out: list[str] = []
    for name in names:
        parts = [p.strip() for p in name.split(",") if p.strip()]
        out.extend(parts if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts) else [name])
    return out


def pdf_metadata(info: dict[str, Any]) -> Metadata:
    def text(key: str) -> str | None:
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        return clean(str(value)) if value and str(value).strip() else None

    title = text("Title")
    author = text("Author")
    return Metadata(
        title=None if title is None or _JUNK_TITLE.search(title) else title,
        authors=tuple(
            Author(n.strip()) for n in _author_names(author or "") if n.strip() and not is_placeholder_author(n)
        ),
        date=iso_date(text("CreationDate")),
    )
