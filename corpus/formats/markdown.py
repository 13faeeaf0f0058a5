"""The Markdown front-end: YAML front matter for metadata, ``[^label]`` footnotes (pandoc / GitHub syntax).

Definitions (``[^1]: …`` plus indented or lazy continuation lines) are cut out of the source before CommonMark
parsing. Numeric labels keep their numbers, so "[^11]" stays footnote 11 as the author wrote it; otherwise
notes are numbered in order of first reference, as pandoc and GitHub render them. ``<sup>3</sup>`` written as
inline HTML is read like a superscript anywhere else, and raw HTML blocks go through the HTML front-end's walker.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from selectolax.lexbor import LexborHTMLParser

from corpus.decoding import decode_text
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
    with_urls,
)
from corpus.formats.html import html_blocks
from corpus.formats.md_inline_notes import inline_notes_to_labels
from corpus.formats.md_meta import bare_metadata, front_matter_metadata
from corpus.formats.md_site import strip_site_markup
from corpus.raw import Marker, RawDocument

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# Hugo's TOML front matter, between "+++" lines.
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_DEF_START = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_REF = re.compile(r"\[\^([^\]\s]+)\]")
_BLOCK_START = re.compile(r"^\s*(?:#|>|\||[-*+]\s|\d+[.)]\s|```|~~~|<)")
_CAPTION = re.compile(r"^\s*(?:Table)?:\s+(.+)$", re.DOTALL)


# Admonitions: Python-Markdown/MkDocs "!!! note" with an indented body, and ":::note" … ":::" fences
# (MyST, Docusaurus). Their text is the document's: unwrapped so it is read, not dropped as a code block.
_BANG_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s*\w[\w-]*(?:\s+\"[^\"]*\")?\s*$")
_COLON_FENCE = re.compile(r"^\s*:{3,}\s*(?:\{?\w[\w-]*\}?.*)?$")
# GitHub's "> [!NOTE]" alert label, a type tag rather than text.
_ALERT_LABEL = re.compile(r"^(\s*>\s*)\[!(?:note|tip|important|warning|caution)\]\s*$", re.IGNORECASE)


def _unwrap_admonitions(source: str) -> str:
    out: list[str] = []
    in_bang = False
    for line in source.split("\n"):
        if _BANG_ADMONITION.match(line):
            in_bang = True
            out.append("")
            continue
        if in_bang:
            if line.startswith(("    ", "\t")):
                out.append(line[4:] if line.startswith("    ") else line[1:])
                continue
            if not line.strip():
                out.append("")
                continue
            in_bang = False
        if _COLON_FENCE.match(line):
            out.append("")
            continue
        if m := _ALERT_LABEL.match(line):
            out.append(m.group(1).rstrip())
            continue
        out.append(line)
    return "\n".join(out)


def _split_definitions(source: str) -> tuple[str, list[tuple[str, str]]]:
    """Remove ``[^label]: …`` definitions from the source; return the rest and (label, text) pairs in order."""
    lines = source.split("\n")
    kept: list[str] = []
    defs: list[tuple[str, list[str]]] = []
    in_def = False
    blank_run = False
    for line in lines:
        m = _DEF_START.match(line)
        if m:
            defs.append((m.group(1), [m.group(2)]))
            in_def, blank_run = True, False
            continue
        if in_def:
            if not line.strip():
                blank_run = True
                continue
            indented = line.startswith(("    ", "\t", "  "))
            if indented or (not blank_run and not _BLOCK_START.match(line)):
                defs[-1][1].append(line.strip())
                blank_run = False
                continue
            in_def = False
        kept.append(line)
    return "\n".join(kept), [(label, " ".join(parts)) for label, parts in defs]


def _numbering(body: str, labels: Sequence[str]) -> dict[str, int]:
    """Footnote number of every label. A number label ("[^4]") keeps its number, the one the author wrote; any
    other label ("[^bayer]") is numbered after the highest of them, in order of first reference."""
    everything = [*_REF.findall(body), *labels]
    numbers = {lb: int(lb) for lb in everything if lb.isdigit() and int(lb) > 0}
    order = dict(numbers)
    for lb in everything:
        if lb not in order:
            order[lb] = max(order.values(), default=0) + 1
    return order


@dataclass
class _Inline:
    """Renders one inline token stream to pieces: text, markers, and (in notes) links as ``<url>``."""

    numbers: dict[str, int]
    defined: set[int]
    in_note: bool = False
    pieces: list[str | Marker | Pending] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)  # addresses of titled links in a note

    def run(self, tokens: Sequence[Token]) -> list[str | Marker | Pending]:
        link: list[str] = []
        link_start = 0
        sup_start: int | None = None
        for tok in tokens:
            kind = tok.type
            if kind == "text":
                self._text(tok.content)
            elif kind in ("softbreak", "hardbreak"):
                self.pieces.append("\n")
            elif kind == "code_inline":
                self.pieces.append(tok.content)
            elif kind == "link_open":
                link.append(str(tok.attrs.get("href", "")))
                link_start = len(self.pieces)
            elif kind == "link_close" and link:
                self._link_close(link.pop(), link_start, tok.markup == "autolink")
            elif kind == "image":
                pass  # an image's alt text describes a picture: it is not the document's text
            elif kind == "html_inline":
                tag = tok.content.strip().lower()
                if tag == "<sup>":
                    sup_start = len(self.pieces)
                elif tag == "</sup>" and sup_start is not None:
                    self._sup(sup_start)
                    sup_start = None
                elif tag.startswith("<br"):
                    self.pieces.append("\n")
        return self.pieces

    def _text(self, s: str) -> None:
        pos = 0
        for m in _REF.finditer(s):
            if m.start() > pos:
                self.pieces.append(s[pos : m.start()])
            number = self.numbers.get(m.group(1))
            if number is None:
                self.pieces.append(m.group(0))
            else:
                self.pieces.append(Marker((number,)))
            pos = m.end()
        if pos < len(s):
            self.pieces.append(s[pos:])

    def _link_close(self, href: str, start: int, autolink: bool) -> None:
        # A link showing its own address reads "<url>" as briefs print it; a titled link keeps its address
        # only inside a note, where it is the source's url.
        if not href.startswith(("http://", "https://")):
            return
        shown = clean("".join(p for p in self.pieces[start:] if isinstance(p, str)))
        if autolink or shown in ("", href, href.rstrip("/")):
            del self.pieces[start:]
            self.pieces.append(f"<{href}>")
        elif self.in_note:
            self.urls.append(href)

    def _sup(self, start: int) -> None:
        inner = "".join(p for p in self.pieces[start:] if isinstance(p, str))
        numbers = marker_numbers(inner)
        if numbers is None or any(not isinstance(p, str) for p in self.pieces[start:]):
            return
        previous = next((p for p in reversed(self.pieces[:start]) if isinstance(p, str)), "")
        if is_exponent(previous, numbers, self.defined):
            return  # an exponent such as km<sup>2</sup>
        del self.pieces[start:]
        self.pieces.append(Pending(clean(inner)) if clean(inner).isdigit() else Marker(numbers))


RUN_IN_MAX_WORDS = 8


def _emphasised_question(children: Sequence[Token]) -> bool:
    """A paragraph that is one bold or italic run ending in "?"."""
    tokens = [t for t in children if not (t.type == "text" and not t.content.strip())]
    if len(tokens) < 3 or tokens[0].type not in ("em_open", "strong_open"):
        return False
    close = tokens[0].type.replace("_open", "_close")
    inner = tokens[1:-1]
    return (
        tokens[-1].type == close
        and all(t.type == "text" for t in inner)
        and "".join(t.content for t in inner).rstrip().endswith("?")
    )


def _run_in_heading(children: Sequence[Token]) -> tuple[str, list[Token]] | None:
    """A paragraph opening with a short emphasised phrase that ends in a full stop or colon ("_Calendars._ …",
    "**Data:** …") and goes on after it: the phrase and the remaining tokens."""
    children = list(children)
    while children and children[0].type == "text" and not children[0].content.strip():
        children = children[1:]
    if len(children) < 3 or children[0].type not in ("em_open", "strong_open"):
        return None
    close = children[0].type.replace("_open", "_close")
    end = next((i for i, t in enumerate(children) if t.type == close), None)
    if end is None or any(t.type != "text" for t in children[1:end]):
        return None
    phrase = "".join(t.content for t in children[1:end]).strip()
    rest = list(children[end + 1 :])
    if rest and rest[0].type == "text" and rest[0].content[:1] in (".", ":") and phrase[-1:] not in (".", ":"):
        phrase += rest[0].content[0]
        tail = Token("text", "", 0)
        tail.content = rest[0].content[1:]
        rest[0] = tail
    after = "".join(t.content for t in rest if t.type == "text").strip()
    if phrase[-1:] not in (".", ":") or not after or len(phrase.split()) > RUN_IN_MAX_WORDS:
        return None
    return phrase, rest


def _cells(tokens: list[Token], i: int, numbers: dict[str, int]) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    while i < len(tokens) and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline" and rows:
            pieces = _Inline(numbers, set()).run(tok.children or [])
            rows[-1].append("".join(p for p in pieces if isinstance(p, str)))
        i += 1
    return rows, i


def _blocks(tokens: list[Token], numbers: dict[str, int], defined: set[int]) -> list[Block]:
    out = Builder()
    heading = False
    level = 0
    section_level = 0  # level of the last real heading; run-in headings sit one below it
    question = False  # the paragraph being read is an FAQ question
    list_numbers: list[int | None] = []
    pending_number: int | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            heading = True
            level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 0
        elif kind == "heading_close":
            out.flush(heading=True, level=level)
            section_level = level or 1
            heading = False
        elif kind == "inline":
            children = tok.children or []
            # "**Is this meant to replace X?**" alone in its paragraph: an FAQ's question heads its answer
            question = not heading and not out.pieces and _emphasised_question(children)
            if not (heading or question or out.pieces) and (run_in := _run_in_heading(children)) is not None:
                # "_Calendars._ Many models…": the lead-in is a heading one level below the section's
                out.text(run_in[0])
                out.flush(heading=True, level=section_level + 1)
                children = run_in[1]
            for piece in _Inline(numbers, defined).run(children):
                if isinstance(piece, str):
                    out.text(piece)
                else:
                    out.marker(piece)
        elif kind == "paragraph_close" and not heading and question:
            out.flush(heading=True, level=section_level + 1)
            question = False
        elif kind == "paragraph_close" and not heading:
            out.flush(list_number=pending_number)
            pending_number = None
        elif kind in ("ordered_list_open", "bullet_list_open"):
            # an ordered list numbers its items from its start as it is shown ("1." on every line reads 1, 2, 3)
            start = str(tok.attrs.get("start", 1))
            list_numbers.append((int(start) if start.isdigit() else 1) - 1 if kind == "ordered_list_open" else None)
        elif kind in ("ordered_list_close", "bullet_list_close"):
            list_numbers.pop()
        elif kind == "list_item_open" and list_numbers and list_numbers[-1] is not None:
            list_numbers[-1] += 1
            pending_number = list_numbers[-1]
        elif kind == "table_open":
            rows, i = _cells(tokens, i, numbers)
            caption = None
            # pandoc's caption paragraph after the table: "Table: …" or ": …"
            if i + 3 < len(tokens) and tokens[i + 2].type == "inline" and (m := _CAPTION.match(tokens[i + 2].content)):
                caption = m.group(1)
                i += 3  # table_close, paragraph_open, inline; the loop steps over paragraph_close
            table = make_table(rows, caption)
            if table is not None:
                out.block(table)
        elif kind == "html_block":
            out.flush()
            fragment = LexborHTMLParser(f"<html><body>{tok.content}</body></html>").body
            if fragment is not None:
                out.blocks.extend(html_blocks(fragment, defined=defined))
        i += 1
    out.flush()
    return out.blocks


def parse_markdown(data: bytes) -> RawDocument:
    """Find the structure of a Markdown brief."""
    source = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    front: dict[str, Any] = {}
    if m := _FRONT_MATTER.match(source):
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            raise ParseError(f"the YAML front matter is not valid{where}") from exc
        if isinstance(loaded, dict):
            front = loaded
        source = source[m.end() :]
    elif m := _TOML_FRONT_MATTER.match(source):
        try:
            front = tomllib.loads(m.group(1))
        except tomllib.TOMLDecodeError as exc:
            raise ParseError(f"the TOML front matter is not valid ({exc})") from exc
        source = source[m.end() :]
    elif bare := bare_metadata(source):
        front, source = bare
    body, raw_defs = _split_definitions(_unwrap_admonitions(inline_notes_to_labels(strip_site_markup(source))))
    numbers = _numbering(body, [lb for lb, _ in raw_defs])
    md = MarkdownIt("commonmark").enable("table")
    defs: list[tuple[int, str]] = []
    for label, text in raw_defs:
        reader = _Inline(numbers, set(), in_note=True)
        inline = reader.run(md.parseInline(text)[0].children or [])
        defs.append((numbers[label], with_urls(clean("".join(p for p in inline if isinstance(p, str))), reader.urls)))
    blocks = _blocks(md.parse(body), numbers, {n for n, _ in defs})
    # in number order: inline notes ("^[…]") are defined where they are cited, labelled ones wherever written
    defs.sort(key=lambda d: d[0])
    return assemble("markdown", blocks, defs, front_matter_metadata(front))
