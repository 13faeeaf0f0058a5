"""The HTML front-end: saved web pages, pandoc and Word exports, CMS articles.

Footnotes are found from the links, not from one exporter's class names: an ``<a href="#x">`` whose text is a
number ("1", "[1]") and whose target comes later in the page is a marker, and the block around the target is its
definition (pandoc's ``<li id="fn1">``, kramdown's ``<li id="fn:1">``, Word's ``<div id="ftn1">`` around
``<a name="_ftn1">``). Lists inside a footnotes section that nothing links to are still definitions, numbered by
position. An unlinked ``<sup>3</sup>`` is a marker too, unless it reads as an exponent ("km<sup>2</sup>").
Scripts, styles, forms and navigation are dropped before the walk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus.dates import parse_date
from corpus.errors import ParseError
from corpus.formats.common import (
    Block,
    Builder,
    Metadata,
    Pending,
    assemble,
    clean,
    is_exponent,
    make_table,
    marker_numbers,
    with_urls,
)
from corpus.models import Author
from corpus.raw import Marker, RawDocument

DROP_TAGS = ("script", "style", "noscript", "template", "nav", "svg", "iframe", "form", "button", "select", "object")
BLOCK_TAGS = frozenset(
    (
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "figure",
        "figcaption",
        "pre",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "hr",
        "address",
        "center",
        "details",
        "summary",
        "body",
        "html",
    )
)
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_NAV_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|sidebar|skip-link|cookie-banner|share|social)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOTE_NAME = re.compile(r"fn|foot|note|ftn|edn", re.IGNORECASE)
_NOTES_CONTAINER = re.compile(r"(?:^|[\s_-])(?:foot|end)?notes?(?:$|[\s_-])|footnote-list|endnote-list", re.IGNORECASE)
_BACKREF_TEXT = re.compile(r"^\s*(?:↩\ufe0e?|↩︎|↑|\^|⤴|back)\s*$", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SUPERSCRIPT_STYLE = re.compile(r"vertical-align\s*:\s*super", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def decode_html(data: bytes) -> str:
    """Decode with the page's declared charset (Word saves windows-1252), else UTF-8, else windows-1252."""
    m = _CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _attr(node: LexborNode, name: str) -> str:
    value = node.attributes.get(name)
    return value or ""


def _is_navigation(node: LexborNode) -> bool:
    if node.tag in ("nav",) or _attr(node, "role") in ("navigation", "banner", "search"):
        return True
    return node.tag in ("div", "ul", "section", "aside", "header", "footer") and bool(
        _NAV_CLASS.search(f"{_attr(node, 'class')} {_attr(node, 'id')}")
    )


def _is_notes_container(node: LexborNode) -> bool:
    if _attr(node, "role") in ("doc-endnotes", "doc-footnotes"):
        return True
    if "mso-element:footnote-list" in _attr(node, "style") or "mso-element:endnote-list" in _attr(node, "style"):
        return True
    return node.tag in ("section", "div", "ol", "footer", "aside") and bool(
        _NOTES_CONTAINER.search(f"{_attr(node, 'class')} {_attr(node, 'id')}")
    )


def _is_superscript(node: LexborNode) -> bool:
    return node.tag == "sup" or bool(_SUPERSCRIPT_STYLE.search(_attr(node, "style")))


def _children(node: LexborNode) -> Iterator[LexborNode]:
    yield from node.iter(include_text=True)


def _text(node: LexborNode) -> str:
    return node.text(deep=True, separator="")


@dataclass
class _Notes:
    """The page's footnote structure, found before the walk."""

    refs: dict[int, tuple[int, ...]] = field(default_factory=dict)  # mem_id of a marker <a> -> numbers
    defs: dict[int, tuple[int, LexborNode]] = field(default_factory=dict)  # mem_id of a definition -> (number, node)
    skip: set[int] = field(default_factory=set)  # mem_ids kept out of the body walk (definitions, containers)


def _order(root: LexborNode) -> dict[int, int]:
    return {n.mem_id: i for i, n in enumerate(root.traverse(include_text=False))}


def _definition_block(target: LexborNode) -> LexborNode:
    """The element holding a note: the target if it is a block, else its nearest block ancestor; Word wraps the
    note's paragraphs in a ``<div id="ftnN">``."""
    node: LexborNode | None = target
    while node is not None and node.tag not in ("li", "p", "div", "aside", "section", "dd", "footer", "td"):
        node = node.parent
    if node is None:
        return target
    parent = node.parent
    if node.tag == "p" and parent is not None and parent.tag == "div" and re.fullmatch(r"_?[fe]tn\d+", parent.id or ""):
        return parent
    return node


def _find_notes(tree: LexborHTMLParser, root: LexborNode) -> _Notes:
    notes = _Notes()
    order = _order(tree.root) if tree.root is not None else {}
    targets: dict[str, LexborNode] = {}
    for node in tree.root.traverse() if tree.root is not None else ():
        if node.id:
            targets.setdefault(node.id, node)
        if node.tag == "a" and _attr(node, "name"):
            targets.setdefault(_attr(node, "name"), node)
    for a in tree.css('a[href^="#"]'):
        target_id = unquote(_attr(a, "href")[1:])
        target = targets.get(target_id)
        numbers = marker_numbers(_text(a))
        if target is None or numbers is None or order.get(target.mem_id, -1) <= order.get(a.mem_id, 0):
            continue
        hinted = _NOTE_NAME.search(f"{target_id} {_attr(a, 'class')} {_attr(a, 'id')} {_attr(a, 'name')}")
        raised = (a.parent is not None and _is_superscript(a.parent)) or a.css_first("sup") is not None
        if not (hinted or raised):
            continue
        notes.refs[a.mem_id] = numbers
        block = _definition_block(target)
        if block.mem_id not in notes.defs:
            notes.defs[block.mem_id] = (numbers[0], block)
            notes.skip.add(block.mem_id)
    # Lists inside a footnotes section: items nothing links to are definitions too (orphan notes).
    for container in (n for n in root.traverse() if _is_notes_container(n)):
        notes.skip.add(container.mem_id)
        for ol in [container] if container.tag == "ol" else container.css("ol"):
            start = int(_attr(ol, "start")) if _attr(ol, "start").isdigit() else 1
            items = [li for li in ol.iter() if li.tag == "li"]
            for i, li in enumerate(items):
                if li.mem_id not in notes.defs:
                    notes.defs[li.mem_id] = (start + i, li)
        for p in container.css("p"):
            if p.mem_id in notes.defs or _inside(p, notes.defs):
                continue
            m = re.match(r"^\s*\[?(\d+)[\].)]?\s", _text(p))
            if m:
                notes.defs[p.mem_id] = (int(m.group(1)), p)
    return notes


def _inside(node: LexborNode, ids: Mapping[int, object]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _note_text(node: LexborNode, number: int) -> str:
    """A note's reading text: backlinks and the leading number dropped, each web link kept as ``<url>``."""
    parts: list[str] = []
    urls: list[str] = []

    def walk(n: LexborNode) -> None:
        for child in _children(n):
            tag = child.tag
            if tag == "-text":
                parts.append(child.text(deep=False))
            elif tag in ("-comment", *DROP_TAGS):
                continue
            elif tag == "a":
                href = _attr(child, "href")
                text = _text(child)
                if href.startswith("#") and (_BACKREF_TEXT.match(text) or marker_numbers(text) is not None):
                    continue  # a backlink to the marker, or Word's "[1]" label
                if href.startswith(("http://", "https://")):
                    shown = clean(text)
                    if shown in ("", href, href.rstrip("/")):
                        parts.append(f"<{href}>")
                    else:
                        parts.append(_text(child))
                        urls.append(href)
                else:
                    walk(child)
            elif tag == "br" or tag in BLOCK_TAGS:
                parts.append(" ")
                walk(child)
                parts.append(" ")
            else:
                walk(child)

    walk(node)
    # A label typed into the note ("1." or "[1]") is the note's number, not part of its text.
    label = re.compile(rf"^\s*(?:\[{number}\]|\({number}\)|{number}[.)]?)(?=\s|$)\s*")
    return with_urls(label.sub("", clean("".join(parts)), count=1), urls)


@dataclass
class _Walker:
    notes: _Notes
    defined: set[int]
    out: Builder = field(default_factory=Builder)
    list_number: int | None = None

    def flush(self, *, heading: bool = False) -> None:
        number, self.list_number = self.list_number, None
        self.out.flush(heading=heading, list_number=number)

    def walk(self, node: LexborNode) -> None:
        for child in _children(node):
            self.visit(child)

    def visit(self, node: LexborNode) -> None:
        tag = node.tag
        if tag == "-text":
            # Source line breaks are spaces in HTML; only <br> breaks a line (header blocks are read by line).
            self.out.text(_SPACE.sub(" ", node.text(deep=False)))
            return
        if tag == "-comment" or tag in DROP_TAGS or node.mem_id in self.notes.skip:
            return
        if tag == "br":
            self.out.text("\n")
            return
        if tag == "a" and node.mem_id in self.notes.refs:
            self.out.marker(Marker(self.notes.refs[node.mem_id]))
            return
        if tag == "a" and _attr(node, "href").startswith(("http://", "https://")):
            href = _attr(node, "href")
            if clean(_text(node)) in (href, href.rstrip("/")):
                self.out.text(f"<{href}>")  # a link showing its own address, printed as briefs print urls
                return
        if _is_superscript(node):
            self._superscript(node)
            return
        if tag == "table":
            self._table(node)
            return
        if tag in BLOCK_TAGS:
            self.flush()
            if tag == "li":
                parent = node.parent
                if parent is not None and parent.tag == "ol":
                    siblings = [c for c in parent.iter() if c.tag == "li"]
                    start = int(_attr(parent, "start")) if _attr(parent, "start").isdigit() else 1
                    self.list_number = start + next(i for i, c in enumerate(siblings) if c.mem_id == node.mem_id)
            self.walk(node)
            self.flush(heading=tag in HEADINGS)
            return
        self.walk(node)

    def _superscript(self, node: LexborNode) -> None:
        inner_refs = [a for a in node.css("a") if a.mem_id in self.notes.refs]
        if inner_refs:
            for a in inner_refs:
                self.out.marker(Marker(self.notes.refs[a.mem_id]))
            return
        text = _text(node)
        numbers = marker_numbers(text)
        previous = next((p for p in reversed(self.out.pieces) if isinstance(p, str)), "")
        if numbers is None or is_exponent(previous, numbers, self.defined):
            self.out.text(text)
        elif "," in text or "-" in text or "–" in text:
            self.out.marker(Marker(numbers))
        else:
            self.out.marker(Pending(clean(text).strip("[]()")))

    def _table(self, node: LexborNode) -> None:
        rows: list[list[str]] = []
        for tr in node.css("tr"):
            cells = [c for c in tr.iter() if c.tag in ("td", "th")]
            rows.append([_text(c) for c in cells])
        layout = node.css_first("table table") is not None or any(len(c) > 400 for r in rows for c in r)
        if layout:  # a table used for page layout: read its cells as ordinary blocks
            self.flush()
            for cell in node.css("td, th"):
                self.walk(cell)
                self.flush()
            return
        caption_node = node.css_first("caption")
        caption = _text(caption_node) if caption_node is not None else None
        table = make_table(rows, caption)
        if table is not None:
            self.flush()
            self.out.block(table)


def _meta(tree: LexborHTMLParser) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in tree.css("meta"):
        key = (_attr(m, "name") or _attr(m, "property") or _attr(m, "itemprop")).lower()
        content = clean(_attr(m, "content"))
        if key and content:
            found.setdefault(key, []).append(content)
    return found


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


def iso_date(text: str | None) -> str | None:
    """ISO date from a machine date ("2022-04-29T10:00", "2022/04/29", "D:20220429…") or a written one."""
    if not text:
        return None
    s = text.strip()
    if m := re.match(r"^(?:D:)?(\d{4})[-/]?(\d{2})[-/]?(\d{2})", s):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return parse_date(s)


def _metadata(tree: LexborHTMLParser, root: LexborNode) -> Metadata:
    meta = _meta(tree)
    title_node = tree.css_first("title")
    title = _first(meta, "citation_title", "dc.title", "og:title") or (
        clean(_text(title_node)) if title_node is not None else None
    )
    names: list[str] = []
    for key in ("citation_author", "author", "dc.creator", "dcterms.creator", "article:author", "parsely-author"):
        for value in meta.get(key, []):
            names.extend(n.strip() for n in re.split(r";|\band\b", value) if n.strip())
        if names:
            break
    time_node = root.css_first("time[datetime]")
    date = iso_date(
        _first(
            meta,
            "citation_publication_date",
            "citation_date",
            "dc.date",
            "dcterms.date",
            "dcterms.created",
            "dcterms.issued",
            "date",
            "article:published_time",
            "og:published_time",
            "pubdate",
        )
        or (_attr(time_node, "datetime") if time_node is not None else None)
    )
    organisation = _first(meta, "citation_publisher", "dc.publisher", "publisher", "og:site_name")
    editors = tuple(e for v in meta.get("editor", []) for e in re.split(r";|\band\b", v) if e.strip())
    return Metadata(
        title=title or None,
        authors=tuple(Author(n) for n in dict.fromkeys(names)),
        editors=tuple(e.strip() for e in editors),
        organisation=organisation,
        date=date,
    )


def _content_root(tree: LexborHTMLParser) -> LexborNode:
    """The single <article> or <main> when it holds the page's title heading; otherwise the whole body."""
    assert tree.body is not None
    heading = "h1" if tree.body.css_first("h1") is not None else "h2"
    for tag in ("article", "main"):
        found = tree.css(tag)
        if len(found) == 1 and (found[0].css_first(heading) is not None or tree.body.css_first(heading) is None):
            return found[0]
    return tree.body


def _is_site_chrome(node: LexborNode) -> bool:
    """A page-level <header>/<footer> (a direct child of body) without the brief's heading: banner, copyright."""
    parent = node.parent
    return (
        node.tag in ("footer", "header")
        and parent is not None
        and parent.tag == "body"
        and node.css_first("h1") is None
        and not _is_notes_container(node)
        and node.css_first("[role=doc-endnotes], [role=doc-footnotes]") is None
    )


def html_blocks(root: LexborNode, notes: _Notes | None = None, defined: set[int] | None = None) -> list[Block]:
    """The blocks of an HTML element (also used for raw HTML inside Markdown)."""
    walker = _Walker(notes or _Notes(), defined or set())
    walker.walk(root)
    walker.flush()
    return walker.out.blocks


def parse_html(data: bytes) -> RawDocument:
    """Find the structure of an HTML brief."""
    tree = LexborHTMLParser(decode_html(data))
    if tree.body is None:
        raise ParseError("the HTML page has no body")
    for node in list(tree.body.traverse()):
        if node.tag in DROP_TAGS or _is_navigation(node) or _is_site_chrome(node):
            node.decompose()
    root = _content_root(tree)
    notes = _find_notes(tree, tree.body)
    defs = sorted(
        ((number, _note_text(node, number)) for number, node in notes.defs.values()),
        key=lambda d: d[0],
    )
    defs = [d for d in defs if d[1]]
    blocks = html_blocks(root, notes, {n for n, _ in defs})
    return assemble("html", blocks, defs, _metadata(tree, root))
