"""Footnotes in HTML, found from the links rather than from one exporter's class names.

An ``<a href="#x">`` whose text is a number ("1", "[1]") and whose target comes later in the page is a marker, and
the block around the target is its definition: pandoc's ``<li id="fn1">``, kramdown's ``<li id="fn:1">``, Word's
``<div id="ftn1">`` around ``<a name="_ftn1">``, a wiki's ``<li id="cite_note-1">``. Lists inside a footnotes
section that nothing links to are definitions too, numbered by position (orphan notes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus.formats.common import clean, marker_numbers, with_urls

DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "svg",
    "iframe",
    "form",
    "button",
    "select",
    "object",
    "input",
    "label",
)
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
_NOTE_NAME = re.compile(r"fn|foot|note|ftn|edn", re.IGNORECASE)
# "note" alone is a boxed remark (docutils' ``admonition note``, a callout), whose text and markers stay in the body.
_NOTES_CONTAINER = re.compile(
    r"(?:^|[\s_-])(?:(?:foot|end)notes?|notes)(?:$|[\s_-])|footnote-list|endnote-list", re.IGNORECASE
)
_ADMONITION = re.compile(r"(?:^|[\s_-])(?:admonition|callout|alert)(?:$|[\s_-])", re.IGNORECASE)
_BACKREF_TEXT = re.compile(r"^\s*(?:↩\ufe0e?|↩︎|↑|\^|⤴|back)\s*$", re.IGNORECASE)
_SUPERSCRIPT_STYLE = re.compile(r"vertical-align\s*:\s*super", re.IGNORECASE)
# A note's links back to its markers: "↩", "^", or the letters "a b c" of a note cited several times.
_BACKREF_CLASS = re.compile(r"back-?link|back-?ref|footnote-back|reversefootnote", re.IGNORECASE)
_BACKREF_LETTERS = re.compile(r"^\s*[a-z]{1,2}\s*$")
_EMPTY_BRACKETS = re.compile(r"^\s*(?:\[\s*\]|\(\s*\))\s*")
MAX_SOURCE_ENTRY = 1500  # a shortened note's linked bibliography entry longer than this is a section, not an entry


def attr(node: LexborNode, name: str) -> str:
    value = node.attributes.get(name)
    return value or ""


def is_notes_container(node: LexborNode) -> bool:
    if attr(node, "role") in ("doc-endnotes", "doc-footnotes"):
        return True
    if "mso-element:footnote-list" in attr(node, "style") or "mso-element:endnote-list" in attr(node, "style"):
        return True
    return (
        node.tag in ("section", "div", "ol", "footer", "aside")
        and bool(_NOTES_CONTAINER.search(f"{attr(node, 'class')} {attr(node, 'id')}"))
        and not _ADMONITION.search(attr(node, "class"))
    )


def is_superscript(node: LexborNode) -> bool:
    return node.tag == "sup" or bool(_SUPERSCRIPT_STYLE.search(attr(node, "style")))


def children(node: LexborNode) -> Iterator[LexborNode]:
    yield from node.iter(include_text=True)


def node_text(node: LexborNode) -> str:
    return node.text(deep=True, separator="")


@dataclass
class Notes:
    """The page's footnote structure, found before the walk."""

    refs: dict[int, tuple[int, ...]] = field(default_factory=dict)  # mem_id of a marker <a> -> numbers
    defs: dict[int, tuple[int, LexborNode]] = field(default_factory=dict)  # mem_id of a definition -> (number, node)
    skip: set[int] = field(default_factory=set)  # mem_ids kept out of the body walk (definitions, containers)
    targets: dict[str, LexborNode] = field(default_factory=dict)  # element id (or anchor name) -> element
    inline: dict[int, tuple[int, ...]] = field(default_factory=dict)  # mem_id of a note set in the text -> numbers


def _order(root: LexborNode) -> dict[int, int]:
    return {n.mem_id: i for i, n in enumerate(root.traverse(include_text=False))}


def _definition_block(target: LexborNode) -> LexborNode:
    """The element holding a note: the target if it is a block, else its nearest block ancestor; Word wraps the
    note's paragraphs in a ``<div id="ftnN">``."""
    node: LexborNode | None = target
    while node is not None and node.tag not in (
        "li",
        "p",
        "div",
        "aside",
        "section",
        "dt",
        "dd",
        "footer",
        "td",
        "table",
    ):
        node = node.parent
    if node is None:
        return target
    parent = node.parent
    if node.tag == "p" and parent is not None and parent.tag == "div" and re.fullmatch(r"_?[fe]tn\d+", parent.id or ""):
        return parent
    # A note whose first paragraph is only its label ("[85]"), its text (a letter, a long quotation) in the
    # paragraphs after it inside the same note element.
    label_only = node.tag == "p" and _holds_only_a_label(node)
    if label_only and parent is not None and parent.tag in ("div", "aside", "section", "li") and _one_note(parent):
        return parent
    return node


def _holds_only_a_label(block: LexborNode) -> bool:
    return marker_numbers(node_text(block)) is not None


def _one_note(container: LexborNode) -> bool:
    """Whether an element holds a single note: no more than one in-page link labelled with a number."""
    labels = [a for a in container.css('a[href^="#"]') if marker_numbers(node_text(a)) is not None]
    return len(labels) <= 1


def _next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and sibling.tag in ("-text", "-comment"):
        sibling = sibling.next
    return sibling


def find_notes(tree: LexborHTMLParser, root: LexborNode) -> Notes:
    notes = Notes()
    order = _order(tree.root) if tree.root is not None else {}
    targets: dict[str, LexborNode] = {}
    for node in tree.root.traverse() if tree.root is not None else ():
        if node.id:
            targets.setdefault(node.id, node)
        if node.tag == "a" and attr(node, "name"):
            targets.setdefault(attr(node, "name"), node)
    notes.targets = targets
    for a in tree.css('a[href^="#"]'):
        target_id = unquote(attr(a, "href")[1:])
        target = targets.get(target_id)
        numbers = marker_numbers(node_text(a))
        if target is None or numbers is None or order.get(target.mem_id, -1) <= order.get(a.mem_id, 0):
            continue
        hinted = _NOTE_NAME.search(f"{target_id} {attr(a, 'class')} {attr(a, 'id')} {attr(a, 'name')}")
        raised = (a.parent is not None and is_superscript(a.parent)) or a.css_first("sup") is not None
        if not (hinted or raised):
            continue
        notes.refs[a.mem_id] = numbers
        block = _definition_block(target)
        if block.tag == "dt" and (text := _next_element(block)) is not None and text.tag == "dd":
            # docutils 0.17 (Sphinx 4): <dt class="label" id="id3"> holds only the label, the <dd> after it the note
            notes.skip.add(block.mem_id)
            block = text
        if block.mem_id not in notes.defs:
            notes.defs[block.mem_id] = (numbers[0], block)
            notes.skip.add(block.mem_id)
    # Sidenotes (Tufte CSS and the generators using it): each note is set in the text where it is cited, numbered
    # by a CSS counter in document order, its number drawn by a <label> (dropped with the form controls).
    for k, side in enumerate((n for n in root.traverse() if "sidenote" in attr(n, "class").split()), start=1):
        notes.defs[side.mem_id] = (k, side)
        notes.skip.add(side.mem_id)
        notes.inline[side.mem_id] = (k,)
    # Lists inside a footnotes section: items nothing links to are definitions too (orphan notes).
    for container in (n for n in root.traverse() if is_notes_container(n)):
        notes.skip.add(container.mem_id)
        for ol in [container] if container.tag == "ol" else container.css("ol"):
            start = int(attr(ol, "start")) if attr(ol, "start").isdigit() else 1
            items = [li for li in ol.iter() if li.tag == "li"]
            for i, li in enumerate(items):
                if li.mem_id not in notes.defs:
                    notes.defs[li.mem_id] = (start + i, li)
        for p in container.css("p"):
            if p.mem_id in notes.defs or _inside(p, notes.defs):
                continue
            m = re.match(r"^\s*\[?(\d+)[\].)]?\s", node_text(p))
            if m:
                notes.defs[p.mem_id] = (int(m.group(1)), p)
    # A shortened note ("Smith 1992, p. 5.") links to its entry in a bibliography: that entry is read into the
    # note, so it is not body text.
    for _, node in list(notes.defs.values()):
        for entry in _linked_entries(node, notes):
            notes.skip.add(entry.mem_id)
    return notes


def _linked_entries(note: LexborNode, notes: Notes) -> list[LexborNode]:
    """The bibliography entries a note links to within the page (not markers, backlinks or other notes)."""
    out: list[LexborNode] = []
    for a in note.css('a[href^="#"]'):
        if _is_backlink(a):
            continue
        target = notes.targets.get(unquote(attr(a, "href")[1:]))
        if target is None:
            continue
        entry = _entry_block(target)
        if (
            entry is None
            or entry.mem_id in notes.defs
            or _inside(entry, notes.defs)
            or _inside(note, {entry.mem_id: None})
            or entry.css_first("h1, h2, h3, h4, h5, h6") is not None
            or any(x.mem_id in notes.refs for x in entry.css("a"))
            or len(node_text(entry)) > MAX_SOURCE_ENTRY
        ):
            continue
        if entry.mem_id not in {e.mem_id for e in out}:
            out.append(entry)
    return out


def _entry_block(target: LexborNode) -> LexborNode | None:
    """The list item (or citation) holding a link target: what a bibliography entry is made of."""
    node: LexborNode | None = target
    while node is not None and node.tag not in ("li", "cite", "dd"):
        node = node.parent
    if node is not None and node.tag == "cite" and node.parent is not None and node.parent.tag == "li":
        return node.parent
    return node


def _is_backlink(a: LexborNode) -> bool:
    text = node_text(a)
    if _BACKREF_TEXT.match(text) or _BACKREF_LETTERS.match(text) or marker_numbers(text) is not None:
        return True
    node: LexborNode | None = a
    while node is not None and node.tag not in ("li", "p", "div", "body"):
        if _BACKREF_CLASS.search(f"{attr(node, 'class')} {attr(node, 'role')}"):
            return True
        node = node.parent
    return False


def _inside(node: LexborNode, ids: Mapping[int, object]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def note_text(node: LexborNode, number: int, notes: Notes | None = None) -> str:
    """A note's reading text: backlinks and the leading number dropped, each web link kept as ``<url>``; a
    shortened note ("Smith 1992, p. 5.") gets the bibliography entry it links to appended."""
    parts: list[str] = []
    urls: list[str] = []

    def walk(n: LexborNode) -> None:
        for child in children(n):
            tag = child.tag
            if tag == "-text":
                parts.append(child.text(deep=False))
            elif tag in ("-comment", *DROP_TAGS):
                continue
            elif tag == "a":
                href = attr(child, "href")
                text = node_text(child)
                if href.startswith("#") and _is_backlink(child):
                    continue  # a backlink to the marker, or Word's "[1]" label
                if href.startswith(("http://", "https://")):
                    shown = clean(text)
                    if shown in ("", href, href.rstrip("/")):
                        parts.append(f"<{href}>")
                    else:
                        parts.append(node_text(child))
                        urls.append(href)
                else:
                    walk(child)
            elif _BACKREF_CLASS.search(attr(child, "class")):
                continue  # "^ a b c": the links back to each place the note is cited
            elif tag == "br" or tag in BLOCK_TAGS:
                parts.append(" ")
                walk(child)
                parts.append(" ")
            else:
                walk(child)

    walk(node)
    # A label typed into the note ("1." or "[1]") is the note's number, not part of its text.
    label = re.compile(rf"^\s*(?:\[{number}\]|\({number}\)|{number}[.)]?)(?=\s|$)\s*")
    # docutils prints the label as "[1]" around the backlink: with the link gone, "[]" is left
    text = with_urls(label.sub("", _EMPTY_BRACKETS.sub("", clean("".join(parts)), count=1), count=1), urls)
    if notes is not None:
        for entry in _linked_entries(node, notes):
            entry_text = note_text(entry, -1)
            if entry_text and entry_text not in text:
                text = f"{text} {entry_text}"
    return text
