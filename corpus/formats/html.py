"""The HTML front-end: saved web pages, pandoc and Word exports, CMS articles.

Footnotes are found from the links (``corpus.formats.html_notes``) before the walk; the walk then turns block
elements into paragraphs and tables, marker links into markers, and an unlinked ``<sup>3</sup>`` into a marker
too unless it reads as an exponent ("km<sup>2</sup>"). Scripts, styles, forms, navigation and page-level
header/footer chrome are dropped first. The content root is the page's single <article> or <main> when it holds
the title heading. Metadata comes from <title> and <meta> (``corpus.formats.html_meta``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus.decoding import decode_bytes
from corpus.errors import ParseError
from corpus.formats.assemble import assemble
from corpus.formats.common import (
    Block,
    Builder,
    Pending,
    clean,
    is_exponent,
    make_table,
    marker_numbers,
)
from corpus.formats.html_meta import html_metadata, json_ld
from corpus.formats.html_notes import (
    BLOCK_TAGS,
    DROP_TAGS,
    HEADINGS,
    Notes,
    attr,
    children,
    find_notes,
    is_notes_container,
    is_superscript,
    node_text,
    note_text,
)
from corpus.formats.html_tables import cell_text, is_key_value, key_value_tables
from corpus.raw import Marker, RawDocument

_NAV_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|sidebar|skip-link|cookie-banner|share|social)(?:$|[\s_-])",
    re.IGNORECASE,
)
# a table of contents by its class or id ("toc", "table-of-contents"): navigation when it links within the page
_TOC_CLASS = re.compile(r"(?:^|[\s_-])(?:toc|table-of-contents)(?:$|[\s_-])", re.IGNORECASE)
_TOC_LINKS = 3
# Marked as not part of the printed page, or hidden: interface text, not the document's.
_NOT_PRINTED = re.compile(r"(?:^|\s)(?:noprint|no-print|d-print-none|print-hidden|hidden-print)(?:$|\s)", re.IGNORECASE)
# An e-book's marker of where the printed edition's page turned: "pagenum" (Project Gutenberg), "page-number",
# "pageno"; EPUB and DPUB mark it with epub:type="pagebreak" or role="doc-pagebreak".
_PAGE_BREAK_CLASS = re.compile(r"(?:^|\s)(?:pagenum|page-?num(?:ber)?|pageno|page-?break)(?:$|\s)", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# MediaWiki's page furniture (every wiki running it, Wikipedia included): edit links, hatnotes ("For other uses,
# see …"), navigation boxes, category links, the "Retrieved from" footer.
_WIKI_CHROME = re.compile(
    r"(?:^|\s)(?:mw-editsection|hatnote|navbox|navbox-styles|catlinks|printfooter|mw-jump-link|mw-indicators|"
    r"mw-redirectedfrom|side-box|sistersitebox|ambox|mw-empty-elt)(?:$|\s)"
)
# A raised, bracketed phrase of words: a wiki editor's maintenance tag rather than a note or an exponent.
_EDITORIAL_TAG = re.compile(r"^\s*\[\s*[A-Za-z][A-Za-z ,.'?-]{2,60}\]\s*$")
# Sections of links out of the document, not part of its text.
_LINK_SECTIONS = re.compile(
    r"^\s*(?:see also|external links|further reading|related (?:articles|pages|links))\s*$", re.I
)
_SPACE = re.compile(r"\s+")


def decode_html(data: bytes) -> str:
    """Decode with the page's declared charset (Word saves windows-1252), else UTF-8, else windows-1252."""
    return decode_bytes(data, html=True)[0]


def _is_navigation(node: LexborNode) -> bool:
    if node.tag in ("nav",) or attr(node, "role") in ("navigation", "banner", "search"):
        return True
    # A box that cites notes is the document's own (docutils' "sidebar"); navigation cites nothing.
    if node.tag not in ("div", "ul", "ol", "section", "aside", "header", "footer"):
        return False
    names = f"{attr(node, 'class')} {attr(node, 'id')}"
    toc = bool(_TOC_CLASS.search(names)) and len(node.css('a[href^="#"]')) >= _TOC_LINKS
    return (toc or bool(_NAV_CLASS.search(names))) and node.css_first(
        '[role="doc-noteref"], a.footnote-reference, sup a[href^="#"]'
    ) is None


def _is_hidden(node: LexborNode) -> bool:
    """Page furniture the reader never sees as the document's text: hidden, not printed, or a wiki's chrome."""
    classes = attr(node, "class")
    if _NOT_PRINTED.search(classes) or _WIKI_CHROME.search(classes) or _HIDDEN_STYLE.search(attr(node, "style")):
        return True
    if "hidden" in node.attributes:
        return True
    page_break = _PAGE_BREAK_CLASS.search(classes) or "pagebreak" in f"{attr(node, 'epub:type')} {attr(node, 'role')}"
    if page_break and len(clean(node_text(node))) <= 15:
        return True  # the printed edition's page number ("[Pg 23]") where its page turned; a paragraph kept to
        # start a new printed page holds more than a number
    # aria-hidden text is a visual duplicate (an icon, a menu label); a raised note number may be hidden from
    # screen readers beside a spoken label, so anything holding an in-page link or a superscript stays.
    return attr(node, "aria-hidden") == "true" and node.css_first('a[href^="#"], sup') is None


FAQ_LEVEL = 6  # below every numbered heading: a question heads only the answer under it


def _bold_question(node: LexborNode) -> bool:
    """A paragraph whose whole text is one bold or italic run ending in "?"."""
    text = clean(node_text(node))
    if not text.endswith("?"):
        return False
    inner = [c for c in node.iter(include_text=True) if not (c.tag == "-text" and not clean(c.text(deep=False)))]
    return len(inner) == 1 and inner[0].tag in ("strong", "b", "em", "i") and clean(node_text(inner[0])) == text


def _heading_level(node: LexborNode) -> int:
    return int(node.tag[1]) if node.tag in HEADINGS else 0


@dataclass
class _Walker:
    notes: Notes
    defined: set[int]
    out: Builder = field(default_factory=Builder)
    list_number: int | None = None
    skip_level: int | None = None  # inside a "See also" section of this heading level: not the document's text

    def flush(self, *, heading: bool = False, level: int = 0) -> None:
        number, self.list_number = self.list_number, None
        self.out.flush(heading=heading, list_number=number, level=level)

    def walk(self, node: LexborNode) -> None:
        for child in children(node):
            self.visit(child)

    def visit(self, node: LexborNode) -> None:
        tag = node.tag
        if tag == "-text":
            # Source line breaks are spaces in HTML; only <br> breaks a line (header blocks are read by line).
            self.out.text(_SPACE.sub(" ", node.text(deep=False)))
            return
        if node.mem_id in self.notes.inline:
            self.out.marker(Marker(self.notes.inline[node.mem_id]))  # a sidenote: cited where it is set
            return
        if tag == "-comment" or tag in DROP_TAGS or node.mem_id in self.notes.skip:
            return
        if tag in HEADINGS:
            if self.skip_level is not None and _heading_level(node) <= self.skip_level:
                self.skip_level = None
            if self.skip_level is None and _LINK_SECTIONS.match(clean(node_text(node))):
                self.flush()
                self.skip_level = _heading_level(node)
        if self.skip_level is not None:
            if tag != "-text" and node.css_first("h1, h2, h3, h4, h5, h6") is not None:
                self.walk(node)  # the section ends at a heading inside this element
            return
        if tag == "br":
            self.out.text("\n")
            return
        if tag == "a" and node.mem_id in self.notes.refs:
            self.out.marker(Marker(self.notes.refs[node.mem_id]))
            return
        if tag == "a" and attr(node, "href").startswith(("http://", "https://")):
            href = attr(node, "href")
            if clean(node_text(node)) in (href, href.rstrip("/")):
                self.out.text(f"<{href}>")  # a link showing its own address, printed as briefs print urls
                return
        if is_superscript(node):
            self._superscript(node)
            return
        if tag == "table":
            self._table(node)
            return
        if tag in BLOCK_TAGS or "marginnote" in attr(node, "class").split():
            # a margin note (Tufte CSS) is set apart from the sentence it sits in: its own paragraph
            self.flush()
            if tag == "li":
                parent = node.parent
                if parent is not None and parent.tag == "ol":
                    siblings = [c for c in parent.iter() if c.tag == "li"]
                    start = int(attr(parent, "start")) if attr(parent, "start").isdigit() else 1
                    self.list_number = start + next(i for i, c in enumerate(siblings) if c.mem_id == node.mem_id)
            self.walk(node)
            if tag in HEADINGS:
                self.flush(heading=True, level=int(tag[1]))
            else:
                # an FAQ's question (<summary>, <dt>, a paragraph that is one bold question) heads its answer
                faq = tag in ("summary", "dt") or (tag == "p" and _bold_question(node))
                self.flush(heading=faq, level=FAQ_LEVEL if faq else 0)
            return
        self.walk(node)

    def _superscript(self, node: LexborNode) -> None:
        inner_refs = [a for a in node.css("a") if a.mem_id in self.notes.refs]
        if inner_refs:
            for a in inner_refs:
                self.out.marker(Marker(self.notes.refs[a.mem_id]))
            return
        text = node_text(node)
        numbers = marker_numbers(text)
        if numbers is None and _EDITORIAL_TAG.match(text):
            return  # "[citation needed]", "[who?]": an editor's tag on the page, neither text nor a note
        previous = next((p for p in reversed(self.out.pieces) if isinstance(p, str)), "")
        if numbers is None or is_exponent(previous, numbers, self.defined):
            self.out.text(text)
        elif "," in text or "-" in text or "–" in text:
            self.out.marker(Marker(numbers))
        else:
            self.out.marker(Pending(clean(text).strip("[]()")))

    def _table(self, node: LexborNode) -> None:
        rows: list[list[str]] = []
        notes: list[tuple[int, ...]] = []
        for tr in node.css("tr"):
            cells = [cell_text(c, self.notes.refs) for c in tr.iter() if c.tag in ("td", "th")]
            rows.append([text for text, _ in cells])
            notes.append(tuple(dict.fromkeys(n for _, ns in cells for n in ns)))
        if is_key_value(rows):
            self.flush()
            for pairs in key_value_tables(rows):
                self.out.block(pairs)
            return
        layout = node.css_first("table table") is not None or any(len(c) > 400 for r in rows for c in r)
        if layout:  # a table used for page layout: read its cells as ordinary blocks
            self.flush()
            for cell in node.css("td, th"):
                self.walk(cell)
                self.flush()
            return
        caption_node = node.css_first("caption")
        caption = node_text(caption_node) if caption_node is not None else None
        table = make_table(rows, caption, notes)
        if table is not None:
            self.flush()
            self.out.block(table)


def _content_root(tree: LexborHTMLParser) -> LexborNode:
    """The single <article> or <main> when it holds the page's title heading; otherwise the whole body."""
    assert tree.body is not None
    heading = "h1" if tree.body.css_first("h1") is not None else "h2"
    for tag in ("article", "main"):
        found = tree.css(tag)
        if len(found) == 1 and (found[0].css_first(heading) is not None or tree.body.css_first(heading) is None):
            return found[0]
    return tree.body


# A heading's permalink: an in-page link whose text is only a sign ("¶" from Sphinx and MkDocs, "#", "§", "🔗"),
# or none (an icon), so "Methods¶" never becomes the heading's text.
_PERMALINK_SIGNS = frozenset({"", "¶", "#", "§", "🔗", "⚓"})
_PERMALINK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:headerlink|header-anchor|anchor(?:-link|js-link)?|permalink)(?:$|[\s_-])"
)


def _is_permalink(node: LexborNode) -> bool:
    if node.tag != "a" or not attr(node, "href").startswith("#"):
        return False
    if clean(node_text(node)) not in _PERMALINK_SIGNS:
        return False
    parent = node.parent
    in_heading = parent is not None and (
        parent.tag in HEADINGS or (parent.parent is not None and parent.parent.tag in HEADINGS)
    )
    return in_heading or bool(_PERMALINK_CLASS.search(attr(node, "class")))


def _is_site_chrome(node: LexborNode) -> bool:
    """A page-level <header>/<footer> (a direct child of body, or a <div> a generator names so, as Sphinx's
    "footer") without the brief's heading: banner, copyright."""
    parent = node.parent
    page_part = node.tag in ("footer", "header") or (
        node.tag == "div" and (attr(node, "role") == "contentinfo" or attr(node, "class") in ("footer", "header"))
    )
    return (
        page_part
        and parent is not None
        and parent.tag == "body"
        and node.css_first("h1") is None
        and not is_notes_container(node)
        and node.css_first("[role=doc-endnotes], [role=doc-footnotes]") is None
    )


def html_blocks(root: LexborNode, notes: Notes | None = None, defined: set[int] | None = None) -> list[Block]:
    """The blocks of an HTML element (also used for raw HTML inside Markdown)."""
    walker = _Walker(notes or Notes(), defined or set())
    walker.walk(root)
    walker.flush()
    return walker.out.blocks


def parse_html(data: bytes) -> RawDocument:
    """Find the structure of an HTML brief."""
    tree = LexborHTMLParser(decode_html(data))
    if tree.body is None:
        raise ParseError("the HTML page has no body")
    ld = json_ld(tree)  # before scripts are dropped
    for node in list(tree.body.traverse()):
        if (
            node.tag in DROP_TAGS
            or _is_navigation(node)
            or _is_site_chrome(node)
            or _is_hidden(node)
            or _is_permalink(node)
        ):
            node.decompose()
    root = _content_root(tree)
    notes = find_notes(tree, tree.body)
    defs = sorted(
        ((number, note_text(node, number, notes)) for number, node in notes.defs.values()),
        key=lambda d: d[0],
    )
    defs = [d for d in defs if d[1]]
    blocks = html_blocks(root, notes, {n for n, _ in defs})
    return assemble("html", blocks, defs, html_metadata(tree, root, ld))
