"""The plain-text front-end: briefs exported as text, footnotes marked with Unicode superscripts.

Page breaks leave footnote blocks, a figure's "Source:" line or a table in the middle of a
sentence. A paragraph that does not end a sentence and a later text block that starts in
lower case are one paragraph; whatever came between them is placed after it.
"""

from __future__ import annotations

import re

from corpus.dates import parse_date
from corpus.markers import SUPERSCRIPT_DIGITS, SUPERSCRIPT_RUN, resolve_marker, superscript_to_str
from corpus.models import Author
from corpus.raw import (
    Marker,
    RawBlock,
    RawDocument,
    RawMetadataItem,
    RawParagraph,
    RawSourceNote,
    RawTable,
    Segment,
)

_FOOTNOTE_DEF = re.compile(rf"^\s*([{SUPERSCRIPT_DIGITS}]+)\s*(\S.*)$")
_SOURCE_LINE = re.compile(r"^\s*Sources?\s*:", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_TERMINAL = tuple(".?!")
_TRAILING_CLOSERS = "\"”’')] " + SUPERSCRIPT_DIGITS


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _looks_like_definition(rest: str) -> bool:
    # A body paragraph may start with a marker; a definition carries a link, a date or a quoted title.
    return bool(re.search(r"https?://|<|\b(19|20)\d{2}\b", rest)) or rest[:1] in "\"“‘'"


def _is_footnote_block(lines: list[str]) -> bool:
    m = _FOOTNOTE_DEF.match(lines[0])
    return bool(m) and _looks_like_definition(m.group(2))


def _is_table(lines: list[str]) -> bool:
    return sum("\t" in line for line in lines) >= 2


# ---- header -------------------------------------------------------------------------


def _split_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r",|\band\b|&", text) if n.strip()]


def _parse_authors(lines: list[str]) -> tuple[Author, ...]:
    first = re.sub(r"^\s*By\b:?", "", lines[0], flags=re.IGNORECASE).strip()
    rest = ([first] if first else []) + [ln.strip() for ln in lines[1:]]
    if len(rest) == 1:
        return tuple(Author(n) for n in _split_names(rest[0]))
    if len(rest) % 2 == 0:
        return tuple(Author(rest[i], rest[i + 1]) for i in range(0, len(rest), 2))
    return tuple(Author(n) for n in rest)


def _parse_header(blocks: list[list[str]]) -> tuple[dict[str, object], list[RawMetadataItem], int]:
    meta: dict[str, object] = {}
    items: list[RawMetadataItem] = []
    i = 0
    for i, lines in enumerate(blocks):  # noqa: B007 - i is the first body block after the loop
        joined = " ".join(ln.strip() for ln in lines)
        verbatim = "\n".join(ln.strip() for ln in lines)
        if _is_footnote_block(lines) or _is_table(lines) or len(joined) > 250:
            break
        if i == 0 and not joined.endswith("."):
            meta["title"] = joined
            label = "title"
        elif re.match(r"^\s*By\b", lines[0], re.IGNORECASE) and "authors" not in meta:
            meta["authors"] = _parse_authors(lines)
            label = "author"
        elif re.match(r"^\s*Edited\s+by\b", lines[0], re.IGNORECASE):
            rest = re.sub(r"^\s*Edited\s+by\b:?", "", joined, flags=re.IGNORECASE)
            meta["editors"] = tuple(_split_names(rest))
            label = "editor"
        elif parse_date(joined) and "date" not in meta:
            meta["date"] = parse_date(joined)
            label = "date"
        elif joined.startswith("(") and joined.endswith(")"):
            meta["disclaimer"] = joined[1:-1].strip()
            label = "disclaimer"
        elif "organisation" not in meta and "authors" in meta and not joined.endswith("."):
            meta["organisation"] = joined
            label = "organisation"
        else:
            break
        items.append(RawMetadataItem(label, verbatim))
    else:
        i = len(blocks)
    return meta, items, i


# ---- body ---------------------------------------------------------------------------


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_TRAILING_CLOSERS).endswith(_TERMINAL) or text.rstrip().endswith(_TERMINAL)


def _continues(previous: str, nxt: str) -> bool:
    first = nxt.lstrip("\"“‘' ")[:1]
    return not _ends_sentence(previous) and first.islower()


def _table(lines: list[str]) -> RawTable:
    rows = [[_TAG.sub("", c).strip() for c in line.split("\t")] for line in lines]
    caption = None
    if len([c for c in rows[0] if c]) == 1:
        caption = next(c for c in rows[0] if c)
        rows = rows[1:]
    header = [c for c in rows[0]]
    columns = tuple(c[:1].upper() + c[1:].lower() if c.isupper() else c for c in header)
    body = tuple(tuple(r[: len(columns)]) for r in rows[1:] if any(r))
    return RawTable(caption=caption, columns=columns, rows=body)


def _segments(text: str, defined: set[int], last: int) -> tuple[tuple[Segment, ...], int]:
    segs: list[Segment] = []
    pos = 0
    for m in SUPERSCRIPT_RUN.finditer(text):
        if m.start() > pos:
            segs.append(text[pos : m.start()])
        numbers = resolve_marker(superscript_to_str(m.group(0)), defined, last)
        last = max(last, *numbers)
        segs.append(Marker(numbers))
        pos = m.end()
    if pos < len(text):
        segs.append(text[pos:])
    return tuple(segs), last


def parse_text(text: str) -> RawDocument:
    """Find the structure of a plain-text brief."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    blocks = _blocks(text)
    meta, header, body_start = _parse_header(blocks)

    defs: list[tuple[int, str]] = []
    # Body blocks in reading order; text paragraphs as strings until markers are resolved.
    out: list[str | RawBlock] = []
    open_para: str | None = None
    deferred: list[RawBlock] = []

    def flush() -> None:
        nonlocal open_para
        if open_para is not None:
            out.append(open_para)
        out.extend(deferred)
        deferred.clear()
        open_para = None

    def emit(block: RawBlock) -> None:
        if open_para is not None and not _ends_sentence(open_para):
            deferred.append(block)
        else:
            flush()
            out.append(block)

    for lines in blocks[body_start:]:
        if _is_footnote_block(lines):
            for line in lines:
                m = _FOOTNOTE_DEF.match(line)
                if m and _looks_like_definition(m.group(2)):
                    defs.append((int(superscript_to_str(m.group(1))), m.group(2).strip()))
                elif defs:  # a definition wrapped onto the next line
                    number, body = defs[-1]
                    defs[-1] = (number, f"{body} {line.strip()}")
            continue
        joined = " ".join(ln.strip() for ln in lines)
        if _is_table(lines):
            emit(_table(lines))
        elif _SOURCE_LINE.match(joined):
            last = deferred[-1] if deferred else (out[-1] if out and open_para is None else None)
            if isinstance(last, RawTable) and last.sources is None:
                replacement = RawTable(last.caption, last.columns, last.rows, joined)
                if deferred and deferred[-1] is last:
                    deferred[-1] = replacement
                else:
                    out[-1] = replacement
            else:
                emit(RawSourceNote(joined))
        elif open_para is not None and _continues(open_para, joined):
            open_para = f"{open_para} {joined}"
        else:
            flush()
            open_para = joined
    flush()

    defined = {n for n, _ in defs}
    last = 0
    resolved: list[RawBlock] = []
    for item in out:
        if isinstance(item, str):
            segs, last = _segments(item, defined, last)
            resolved.append(RawParagraph(segs))
        else:
            resolved.append(item)

    authors = meta.get("authors", ())
    editors = meta.get("editors", ())
    return RawDocument(
        format="text",
        title=meta.get("title") if isinstance(meta.get("title"), str) else None,  # type: ignore[arg-type]
        authors=authors if isinstance(authors, tuple) else (),
        editors=editors if isinstance(editors, tuple) else (),
        organisation=meta.get("organisation") if isinstance(meta.get("organisation"), str) else None,  # type: ignore[arg-type]
        date=meta.get("date") if isinstance(meta.get("date"), str) else None,  # type: ignore[arg-type]
        disclaimer=meta.get("disclaimer") if isinstance(meta.get("disclaimer"), str) else None,  # type: ignore[arg-type]
        header=tuple(header),
        blocks=tuple(resolved),
        footnote_defs=tuple(defs),
    )
