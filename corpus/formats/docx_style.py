"""How a Word paragraph is set: its namespace helpers, heading styles, a hand-made heading in bold, a centred title.

Many documents never use Word's heading styles: a short paragraph set wholly in bold is a heading typed by hand,
and a short centred paragraph above the text is the title.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from corpus.formats.common import clean

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {
    "w": W,
    "r": R,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(_w(attr))


# A short paragraph set wholly in bold, without a closing full stop, is a heading typed by hand ("What is AI?",
# "Acting humanly"): many documents never use Word's heading styles. It sits below the styled headings.
BOLD_HEADING_LEVEL = 2
BOLD_HEADING_WORDS = 12


def bold_line(p: etree._Element, pieces: Sequence[object]) -> bool:
    if any(not isinstance(x, str) for x in pieces):
        return False  # a note reference or link: body text
    text = clean("".join(x for x in pieces if isinstance(x, str)))
    if not text or len(text.split()) > BOLD_HEADING_WORDS or text.endswith((".", ",", ";")):
        return False
    runs = [r for r in p.iter(_w("r")) if "".join(t.text or "" for t in r.iter(_w("t"))).strip()]
    return bool(runs) and all(_is_bold(r) for r in runs)


def _is_bold(r: etree._Element) -> bool:
    b = r.find("w:rPr/w:b", NS)
    return b is not None and (_val(b) or "true").lower() not in ("0", "false", "off")


def style_level(style: str) -> int:
    """The depth of a heading style ("heading 2" is 2); the title is above every section, a subtitle below it."""
    if style.startswith("heading") and style[7:].strip().isdigit():
        return int(style[7:].strip())
    return 1 if style == "title" else 2 if style.startswith("subtitle") else 0


def centred_title(p: etree._Element, pieces: Sequence[object]) -> bool:
    """A short centred paragraph without a closing full stop or a note reference: a title set by hand."""
    if _val(p.find("w:pPr/w:jc", NS)) != "center" or any(not isinstance(x, str) for x in pieces):
        return False
    text = clean("".join(x for x in pieces if isinstance(x, str)))
    return bool(text) and len(text.split()) <= BOLD_HEADING_WORDS and not text.endswith((".", ",", ";", ":"))
