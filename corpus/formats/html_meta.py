"""What an HTML page states about itself outside its visible text: ``<title>``, ``<meta>`` (citation_*, dc.*, og:*,
author, dates), a ``<time datetime>`` and its schema.org description (``<script type="application/ld+json">``)."""

from __future__ import annotations

import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus.formats.common import Metadata, clean, iso_date
from corpus.formats.html_notes import attr, node_text
from corpus.models import Author


def json_ld(tree: LexborHTMLParser) -> dict[str, Any]:
    """The page's schema.org description (``<script type="application/ld+json">``) when it is an article."""
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True) or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if isinstance(item, dict) and any(k in item for k in ("datePublished", "dateModified", "author")):
                return item
    return {}


def _ld_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = [i.get("name") if isinstance(i, dict) else i for i in items]
    return [clean(n) for n in names if isinstance(n, str) and clean(n)]


def _meta(tree: LexborHTMLParser) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in tree.css("meta"):
        key = (attr(m, "name") or attr(m, "property") or attr(m, "itemprop")).lower()
        content = clean(attr(m, "content"))
        if key and content:
            found.setdefault(key, []).append(content)
    return found


_EBOOK_TITLE = re.compile(r"^The Project Gutenberg e-?Book,? of\s+(.+?)(?:,\s+by\s+(.+?))?\.?$", re.IGNORECASE)


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


def html_metadata(tree: LexborHTMLParser, root: LexborNode, ld: dict[str, Any] | None = None) -> Metadata:
    meta = _meta(tree)
    title_node = tree.css_first("title")
    title = _first(meta, "citation_title", "dc.title", "og:title") or (
        clean(node_text(title_node)) if title_node is not None else None
    )
    names: list[str] = []
    for key in (
        "citation_author",
        "author",
        "dc.creator",
        "dcterms.creator",
        "dc.contributor",
        "article:author",
        "parsely-author",
        "sailthru.author",
    ):
        for value in meta.get(key, []):
            if value.startswith(("http://", "https://")):
                continue  # a profile page's address, not a name
            names.extend(n.strip() for n in re.split(r";|\band\b", value) if n.strip())
        if names:
            break
    time_node = root.css_first("time[datetime]")
    date = iso_date(
        _first(
            meta,
            "citation_publication_date",
            "citation_date",
            "citation_online_date",
            "dc.date",
            "dc.date.issued",
            "dc.date.created",
            "dcterms.date",
            "dcterms.created",
            "dcterms.issued",
            "date",
            "article:published_time",
            "og:published_time",
            "pubdate",
            "publish_date",
            "article:modified_time",
        )
        or (attr(time_node, "datetime") if time_node is not None else None)
    )
    ld = ld or {}
    if not names:
        names = _ld_names(ld.get("author"))
    if date is None:
        # the version of the text the page holds: its last modification, else its first publication
        date = iso_date(str(ld.get("dateModified") or ld.get("datePublished") or "") or None)
    organisation = _first(meta, "citation_publisher", "dc.publisher", "publisher", "og:site_name") or next(
        iter(_ld_names(ld.get("publisher"))), None
    )
    if not title and isinstance(ld.get("name"), str):
        title = clean(ld["name"])
    if title and (ebook := _EBOOK_TITLE.match(title)):
        # a distributor's page title names the book and its author: "The Project Gutenberg eBook of X, by Y"
        title = ebook.group(1).strip().strip('"“”').rstrip(".").strip() or title
        if not names and ebook.group(2):
            names = [n.strip() for n in re.split(r",?\s+and\s+|;|&", ebook.group(2).rstrip(".")) if n.strip()]
    editors = tuple(e for v in meta.get("editor", []) for e in re.split(r";|\band\b", v) if e.strip())
    return Metadata(
        title=title or None,
        authors=tuple(Author(n) for n in dict.fromkeys(names)),
        editors=tuple(e.strip() for e in editors),
        organisation=organisation,
        date=date,
    )
