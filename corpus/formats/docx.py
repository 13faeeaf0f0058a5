"""The DOCX front-end: Word's real footnotes (``word/footnotes.xml``) and endnotes, core properties as metadata.

The XML parts are read directly (python-docx does not expose notes). Word numbers notes by the order of their
references, from ``numStart`` (1 unless the document says otherwise); ids in the XML are only keys. When a
document has both footnotes and endnotes, the endnotes are numbered after the footnotes so every number stays
unique within the brief. Tracked deletions and field instructions are not text; a field's shown result is.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from corpus.errors import ParseError, UnsupportedFormat
from corpus.formats.assemble import assemble
from corpus.formats.common import (
    Block,
    Builder,
    Para,
    Pending,
    clean,
    is_exponent,
    make_table,
    marker_numbers,
    with_urls,
)
from corpus.formats.docx_package import Package, core_metadata, style_names
from corpus.formats.docx_style import (
    BOLD_HEADING_LEVEL,
    NS,
    R,
    W,
    _val,
    _w,
    bold_line,
    centred_title,
    style_level,
)
from corpus.limits import current_limits, too_large
from corpus.raw import Marker, RawDocument, RawSourceNote

_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]+)"')
# Containers whose children are read as if they were in the parent.
_TRANSPARENT = {f"{{{W}}}{t}" for t in ("ins", "smartTag", "customXml", "fldSimple", "sdtContent", "moveTo", "dir")}
_SKIPPED = {f"{{{W}}}{t}" for t in ("del", "moveFrom", "rPr", "pPr", "proofErr", "bookmarkStart", "bookmarkEnd")}


# Characters of the Symbol font that Word writes as <w:sym> (its code, 0x20-0xFF, often offset by 0xF000): the
# dashes, operators and Greek letters a text uses. Any other symbol is a space, so the words around it stay apart
# ("science<w:sym/>John" must not read "scienceJohn").
_SYMBOL_FONT = {
    0x2D: "\u2212",
    0xA3: "\u2264",
    0xB0: "\u00b0",
    0xB1: "\u00b1",
    0xB3: "\u2265",
    0xB4: "\u00d7",
    0xB7: "\u2022",
    0xB8: "\u00f7",
    0xB9: "\u2260",
    0xBB: "\u2248",
    0xBC: "\u2026",
    0xBE: "\u2014",
    0xAE: "\u2192",
    0xAC: "\u2190",
    0xD7: "\u22c5",
    0xE2: "\u00ae",
    0xE3: "\u00a9",
    0xE4: "\u2122",
    0xF2: "\u222b",
}
_SYMBOL_GREEK = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"  # the font's a-z


def symbol_char(font: str | None, code: str | None) -> str:
    """The text of a ``<w:sym>``: the Symbol font's character where known, else a space."""
    try:
        n = int(code or "", 16)
    except ValueError:
        return " "
    n = n - 0xF000 if n >= 0xF000 else n
    if (font or "").lower() != "symbol":
        return " "
    if 0x61 <= n <= 0x7A:
        return _SYMBOL_GREEK[n - 0x61]
    return _SYMBOL_FONT.get(n, " ")


@dataclass
class _Runs:
    """Reads the inline content of paragraphs: text, note references, superscript digits, links."""

    links: dict[str, str]
    note_numbers: dict[tuple[str, str], int]  # (kind, id) -> displayed number
    defined: set[int]
    in_note: bool = False
    out: Builder = field(default_factory=Builder)
    urls: list[str] = field(default_factory=list)  # addresses of titled links in a note
    _sup: str = ""
    _field_url: str | None = None
    _field_start: int = 0
    _in_instr: bool = False

    def paragraph(self, p: etree._Element) -> None:
        self._children(p)
        self._flush_sup()

    def _children(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == _w("r"):
                self._run(child)
            elif tag == _w("hyperlink"):
                start = len(self.out.pieces)
                self._children(child)
                self._flush_sup()
                url = self.links.get(child.get(f"{{{R}}}id") or "")
                if url:
                    self._link(url, start)
            elif tag in _TRANSPARENT or tag == _w("sdt"):
                self._children(child)

    def _link(self, url: str, start: int) -> None:
        """A link showing its own address reads "<url>"; a titled link keeps its address only inside a note."""
        if not url.startswith(("http://", "https://")):
            return
        shown = clean("".join(p for p in self.out.pieces[start:] if isinstance(p, str)))
        if shown in ("", url, url.rstrip("/")):
            del self.out.pieces[start:]
            self.out.text(f"<{url}>")
        elif self.in_note:
            self.urls.append(url)

    def _run(self, r: etree._Element) -> None:
        raised = _val(r.find("w:rPr/w:vertAlign", NS)) == "superscript"
        for el in r:
            tag = el.tag
            if tag == _w("fldChar"):
                self._field(_val(el, "fldCharType"))
            elif tag == _w("instrText"):
                if m := _HYPERLINK_FIELD.search(el.text or ""):
                    self._field_url = m.group(1)
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                self._flush_sup()
                kind = "footnote" if tag == _w("footnoteReference") else "endnote"
                number = self.note_numbers.get((kind, el.get(_w("id")) or ""))
                if number is not None:
                    self.out.marker(Marker((number,)))
            elif tag == _w("t"):
                text = el.text or ""
                if raised and marker_numbers(text) is not None:
                    self._sup += text
                else:
                    self._flush_sup()
                    self.out.text(text)
            elif tag in (_w("tab"), _w("ptab")):
                self._flush_sup()
                self.out.text(" ")
            elif tag in (_w("br"), _w("cr")):
                self._flush_sup()
                self.out.text("\n")
            elif tag == _w("noBreakHyphen"):
                self.out.text("-")
            elif tag == _w("sym"):
                self._flush_sup()
                self.out.text(symbol_char(el.get(_w("font")), el.get(_w("char"))))

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self._field_url = None
        elif kind == "separate":
            self._field_start = len(self.out.pieces)
        elif kind == "end" and self._field_url:
            self._flush_sup()
            self._link(self._field_url, self._field_start)
            self._field_url = None

    def _flush_sup(self) -> None:
        """Superscript digits typed by hand (no Word footnote): a marker unless they read as an exponent."""
        if not self._sup:
            return
        digits, self._sup = self._sup, ""
        numbers = marker_numbers(digits) or ()
        previous = next((p for p in reversed(self.out.pieces) if isinstance(p, str)), "")
        if self.in_note or is_exponent(previous, numbers, self.defined):
            self.out.text(digits)
        elif clean(digits).isdigit():
            self.out.marker(Pending(clean(digits)))
        else:
            self.out.marker(Marker(numbers))


def _style(p: etree._Element, styles: dict[str, str]) -> str:
    sid = _val(p.find("w:pPr/w:pStyle", NS)) or ""
    return styles.get(sid, sid.lower())


def _note_numbers(document: etree._Element, settings: etree._Element | None) -> dict[tuple[str, str], int]:
    """Displayed number of each note: order of first reference, from numStart; endnotes after footnotes."""

    def start(kind: str) -> int:
        for root in (document, settings):
            if root is not None and (el := root.find(f".//w:{kind}Pr/w:numStart", NS)) is not None:
                value = _val(el) or ""
                if value.isdigit():
                    return int(value)
        return 1

    numbers: dict[tuple[str, str], int] = {}
    for kind in ("footnote", "endnote"):
        refs = [
            el.get(_w("id")) or ""
            for el in document.iter(_w(f"{kind}Reference"))
            if el.get(_w("customMarkFollows")) not in ("1", "true", "on")
        ]
        first = start(kind) if kind == "footnote" or not numbers else max(numbers.values()) + 1
        for note_id in dict.fromkeys(refs):
            numbers[(kind, note_id)] = first + len([k for k in numbers if k[0] == kind])
    return numbers


def _notes(pkg: Package, kind: str, numbers: dict[tuple[str, str], int]) -> list[tuple[int, str]]:
    part = f"word/{kind}s.xml"
    root = pkg.xml(part)
    if root is None:
        return []
    runs = _Runs(pkg.links(part), numbers, set(), in_note=True)
    defs = []
    for note in root.iter(_w(kind)):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        number = numbers.get((kind, note.get(_w("id")) or ""))
        if number is None:
            continue  # a note nothing refers to is not shown by Word either
        runs.out = Builder()
        runs.urls = []
        for el in note:
            if el.tag == _w("tbl"):
                runs.out.text(f" {_note_table(el, runs)} ")
                continue
            for p in el.iter(_w("p")):
                runs.paragraph(p)
                runs.out.text(" ")
        text = with_urls(clean("".join(x for x in runs.out.pieces if isinstance(x, str))), runs.urls)
        if text:
            defs.append((number, text))
    return sorted(defs)  # the part keeps notes in id order; Word shows them in reference order


def _note_table(tbl: etree._Element, runs: _Runs) -> str:
    """A table inside a note, read row by row: "1913: Imports ($1,000) 140,355, Exports ($1,000) 114,670; …".
    The first row names the columns; a following row with an empty first cell adds units to the names."""
    rows = [[_cell_text(tc, runs) for tc in tr.iter(_w("tc"))] for tr in tbl.iter(_w("tr"))]
    rows = [r for r in rows if any(r)]
    if not rows:
        return ""
    names = rows[0]
    body = rows[1:]
    while body and not body[0][0] and not any(c[:1].isdigit() for c in body[0][1:] if not c.startswith("$")):
        names = [f"{n} ({u})" if u else n for n, u in zip(names, body[0] + [""] * len(names), strict=False)]
        body = body[1:]
    lead = f"{names[0]}: " if names and names[0] else ""
    lines = [
        f"{r[0]}: " + ", ".join(f"{n} {v}".strip() for n, v in zip(names[1:], r[1:], strict=False) if v) for r in body
    ]
    return lead + "; ".join(lines) + "." if lines else ""


def _body_elements(body: etree._Element) -> Iterator[etree._Element]:
    for el in body:
        if el.tag == _w("sdt"):
            content = el.find("w:sdtContent", NS)
            if content is not None:
                yield from _body_elements(content)
        elif el.tag in (_w("p"), _w("tbl")):
            yield el


def _cell_text(tc: etree._Element, runs: _Runs) -> str:
    return _cell(tc, runs)[0]


def _cell(tc: etree._Element, runs: _Runs) -> tuple[str, tuple[int, ...]]:
    """A table cell's text and the notes its references cite."""
    saved, runs.out = runs.out, Builder()
    for p in tc.iter(_w("p")):
        runs.paragraph(p)
        runs.out.text(" ")
    text = clean("".join(x for x in runs.out.pieces if isinstance(x, str)))
    numbers = tuple(n for x in runs.out.pieces if isinstance(x, Marker) for n in x.numbers)
    runs.out = saved
    return text, numbers


def _blocks(document: etree._Element, styles: dict[str, str], runs: _Runs, stated: dict[str, list[str]]) -> list[Block]:
    body = document.find("w:body", NS)
    if body is None:
        raise ParseError("the Word document has no body")
    caption: str | None = None
    opened = False  # a heading or a paragraph of text has been read: the title is above them
    for el in _body_elements(body):
        if el.tag == _w("tbl"):
            cells = [[_cell(tc, runs) for tc in tr.iter(_w("tc"))] for tr in el.iter(_w("tr"))]
            rows = [[text for text, _ in row] for row in cells]
            notes = [tuple(n for _, ns in row for n in ns) for row in cells]
            table = make_table(rows, caption, notes)
            caption = None
            if table is not None:
                runs.out.block(table)
            continue
        style = _style(el, styles)
        if caption is not None:  # a caption not followed by a table is an ordinary paragraph
            runs.out.block(RawSourceNote(caption) if re.match(r"^\s*Sources?\s*:", caption) else _plain(caption))
            caption = None
        runs.paragraph(el)
        if style in ("author", "date") and not any(not isinstance(x, str) for x in runs.out.pieces):
            # pandoc's and Word templates' byline and date paragraphs: the document's own metadata
            stated[style].append(clean("".join(x for x in runs.out.pieces if isinstance(x, str))))
            runs.out.pieces = []
            continue
        if style == "caption":
            caption = clean("".join(x for x in runs.out.pieces if isinstance(x, str)))
            runs.out.pieces = []
            continue
        heading = style == "title" or style.startswith(("heading", "subtitle"))
        if not heading and not opened and centred_title(el, runs.out.pieces):
            runs.out.flush(heading=True, level=1)  # the title, set by hand above the text
            opened = True
            continue
        opened = opened or heading or len(clean("".join(x for x in runs.out.pieces if isinstance(x, str))).split()) > 12
        if not heading and bold_line(el, runs.out.pieces):
            runs.out.flush(heading=True, level=BOLD_HEADING_LEVEL)
            continue
        runs.out.flush(heading=heading, level=style_level(style))
    if caption is not None:
        runs.out.block(_plain(caption))
    runs.out.flush()
    return runs.out.blocks


def _plain(text: str) -> Block:
    return Para((text,))


def parse_docx(data: bytes) -> RawDocument:
    """Find the structure of a Word (.docx) brief."""
    try:
        zf = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ParseError("the Word document is damaged (it is not a readable .docx file)") from exc
    with zf:
        members = len(zf.infolist())
        limits = current_limits()
        if members > limits.max_zip_members:
            raise too_large(f"the Word document holds {members:,} files", "max_zip_members", limits.max_zip_members)
        pkg = Package(zf)
        document = pkg.xml("word/document.xml")
        if document is None:
            raise UnsupportedFormat("this zip file is not a Word document (no word/document.xml)")
        numbers = _note_numbers(document, pkg.xml("word/settings.xml"))
        defs = _notes(pkg, "footnote", numbers) + _notes(pkg, "endnote", numbers)
        runs = _Runs(pkg.links("word/document.xml"), numbers, {n for n, _ in defs})
        stated: dict[str, list[str]] = {"author": [], "date": []}
        blocks = _blocks(document, style_names(pkg), runs, stated)
        meta = core_metadata(pkg, stated)
    return assemble("docx", blocks, defs, meta)
