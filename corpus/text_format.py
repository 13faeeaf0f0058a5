"""The plain-text front-end: briefs exported as text, footnotes marked with Unicode superscripts.

Page breaks leave footnote blocks, a figure's "Source:" line or a table in the middle of a
sentence. A paragraph that does not end a sentence and a later text block that starts in
lower case are one paragraph; whatever came between them is placed after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.decoding import decode_text as decode_text  # re-exported: older importers
from corpus.ebook import split_text
from corpus.markers import SUPERSCRIPT_DIGITS, superscript_to_str
from corpus.models import Author
from corpus.navigation import navigation_blocks
from corpus.raw import (
    RawBlock,
    RawDocument,
    RawMetadataItem,
    RawParagraph,
    RawSourceNote,
    RawTable,
)
from corpus.text.dates import DATE_PATTERN, parse_date
from corpus.text_contents import heading_contents
from corpus.text_layout import (
    frame_metadata,
    is_caps_heading,
    is_section_name,
    list_items,
    text_table,
    underlined_heading,
)
from corpus.text_notes import (
    BRACKET_MARKER,
    NOTES_HEADING,
    braces_as_brackets,
    line_note,
    listed_note,
    marker_segments,
    number_unnumbered_blocks,
    take_bracket_blocks,
)
from corpus.text_title_page import title_page, title_page_items

_FOOTNOTE_DEF = re.compile(rf"^\s*([{SUPERSCRIPT_DIGITS}]+)(?:\s+|(?=[\"“‘']))(\S.*)$")
_SOURCE_LINE = re.compile(r"^\s*Sources?\s*:", re.IGNORECASE)
_TITLE_WORDS = 20
# a sentence ending inside the line ("… is licensed under a Creative Commons license. This license permits"):
# a notice, not a title ("Dr. Strangelove" and "U.S. Policy" end no sentence)
_SENTENCE_END = re.compile(r"[a-z]{2,}[.!?]\s+[A-Z][a-z]")
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
    return bool(re.search(r"https?://", rest) or DATE_PATTERN.search(rest)) or rest[:1] in "\"“‘'"


def _is_footnote_block(lines: list[str]) -> bool:
    m = _FOOTNOTE_DEF.match(lines[0])
    return m is not None and _looks_like_definition(m.group(2))


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


@dataclass
class _Header:
    title: str | None = None
    authors: tuple[Author, ...] | None = None
    editors: tuple[str, ...] = ()
    organisation: str | None = None
    date: str | None = None
    disclaimer: str | None = None
    items: list[RawMetadataItem] = field(default_factory=list)
    body_start: int = 0


# a numbered section heading ("2 Methods", "3.1 Data", "IV. Results")
_NUMBERED_HEADING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+[A-Z]")


def _header_label(h: _Header, index: int, lines: list[str]) -> str | None:
    """Record one leading block as metadata and return its label, or None where the body begins."""
    joined = " ".join(ln.strip() for ln in lines)
    if _is_footnote_block(lines) or _is_table(lines) or len(joined) > 250:
        return None
    # a title is short: a first line of more than twenty words that ends without a period is a sentence (an
    # editor's note, a lead-in), never the title
    if (
        index == 0
        and not joined.endswith(".")
        and len(joined.split()) <= _TITLE_WORDS
        and not _SENTENCE_END.search(joined)
    ):
        h.title = joined
        return "title"
    if re.match(r"^\s*By\b", lines[0], re.IGNORECASE) and h.authors is None:
        h.authors = _parse_authors(lines)
        return "author"
    if re.match(r"^\s*Edited\s+by\b", lines[0], re.IGNORECASE):
        h.editors = tuple(_split_names(re.sub(r"^\s*Edited\s+by\b:?", "", joined, flags=re.IGNORECASE)))
        return "editor"
    if h.date is None and (iso := parse_date(joined)):
        h.date = iso
        return "date"
    if joined.startswith("(") and joined.endswith(")"):
        h.disclaimer = joined[1:-1].strip()
        return "disclaimer"
    if (
        h.organisation is None
        and h.authors is not None
        and organisation_like(joined)
        and not is_section_name(joined)
        and not _NUMBERED_HEADING.match(joined)
    ):
        h.organisation = joined
        return "organisation"
    return None


# An institution's name is short: a longer line under a byline is prose (a licence, a summary).
ORGANISATION_WORDS = 12


def organisation_like(line: str) -> bool:
    """Whether a header line can be an organisation's name: not a sentence, an e-mail or a web address."""
    text = line.strip()
    return (
        not text.endswith(".")
        and "@" not in text
        and "://" not in text
        and not text.lower().startswith("www.")
        and len(text.split()) <= ORGANISATION_WORDS
    )


# A person's name on a line of its own: two to five capitalised words or initials ("J. Walter Fewkes", "Ann de
# Vries"), the byline an essay prints under its title without a "By".
_NAME_LINE = re.compile(
    r"^(?:[A-Z][a-z’'-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z’'-]+|[A-Z]\.|de|da|del|van|von|der|la|le)){1,4}$"
)


def lowercase_words(text: str) -> frozenset[str]:
    """The words a document prints in lower case somewhere: a name's words never are ("mental health" is). Email
    and web addresses do not count: "ann.reed@example.org" prints a name in lower case."""
    text = re.sub(r"\S+@\S+|\S+://\S+|\bwww\.\S+", " ", text)
    return frozenset(re.findall(r"\b[a-z][a-z’'-]+\b", text))


def _title_and_byline(h: _Header, lines: list[str], common: frozenset[str]) -> bool:
    """A first block of a title line (or lines) and a byline under it: record both. The byline's words must
    never appear in lower case in the document, so a title's second line ("Mental Health") stays the title's."""
    byline = lines[-1].strip() if len(lines) >= 2 else ""
    if not _NAME_LINE.match(byline):
        return False
    if any(w.lower() in common for w in re.findall(r"[A-Za-z’'-]{2,}", byline) if w[0].isupper()):
        return False
    title_lines = [ln.strip() for ln in lines[:-1]]
    # "…, by" closing the title line belongs to the byline under it
    title_lines[-1] = re.sub(r"[,;]?\s*\bby$", "", title_lines[-1], flags=re.IGNORECASE).rstrip(" ,;")
    title = " ".join(t for t in title_lines if t)
    if not title or title.endswith(".") or len(title.split()) > _TITLE_WORDS:
        return False
    h.title = title
    h.authors = (Author(lines[-1].strip()),)
    h.items.append(RawMetadataItem("title", "\n".join(ln.strip() for ln in lines[:-1])))  # as printed
    h.items.append(RawMetadataItem("author", lines[-1].strip()))
    return True


def _byline_names(line: str, common: frozenset[str]) -> list[str]:
    """The names of a byline printed on a line of its own under the title, without a "By" ("Ann Reed and Ben
    Marsh*"): each a name, none of whose words the document prints in lower case; [] if the line is not one."""
    names = [n.rstrip("*∗†‡§0123456789 ") for n in _split_names(line)]
    if not names or not all(_NAME_LINE.match(n) for n in names):
        return []
    words = [w for n in names for w in re.findall(r"[A-Za-z’'-]{2,}", n) if w[0].isupper()]
    return [] if any(w.lower() in common for w in words) else names


def _parse_header(blocks: list[list[str]], common: frozenset[str] | None = None) -> _Header:
    """The leading blocks as metadata; ``common`` is the document's lower-case vocabulary (no byline split
    without it)."""
    h = _Header(body_start=len(blocks))
    for index, lines in enumerate(blocks):
        if index == 0 and common is not None and _title_and_byline(h, lines, common):
            continue
        names = _byline_names(lines[0], common) if common is not None and len(lines) <= 3 else []
        if index in (1, 2) and h.title is not None and h.authors is None and names:
            # the byline's own lines under it: an affiliation and a date ("Research Lab", "October 3, 2017")
            h.authors = tuple(Author(n) for n in names)
            h.items.append(RawMetadataItem("author", lines[0].strip()))
            for line in lines[1:]:
                if h.date is None and (iso := parse_date(line)):
                    h.date = iso
                    h.items.append(RawMetadataItem("date", line.strip()))
                elif h.organisation is None and organisation_like(line):
                    h.organisation = line.strip()
                    h.items.append(RawMetadataItem("organisation", line.strip()))
            continue
        label = _header_label(h, index, lines)
        if label is None and index == 1 and h.title is not None and _kicker_over_byline(lines, blocks, common):
            continue  # "Position Paper", "Working Paper" between the title and the byline: a label, not the text
        if label is None:
            h.body_start = index
            break
        h.items.append(RawMetadataItem(label, "\n".join(ln.strip() for ln in lines)))
    return h


def _kicker_over_byline(lines: list[str], blocks: list[list[str]], common: frozenset[str] | None) -> bool:
    """A one-line label of a few words, no sentence, with the byline's names in the block under it."""
    if common is None or len(lines) != 1 or len(lines[0].split()) > 3 or _ends_sentence(lines[0]):
        return False
    return len(blocks) > 2 and len(blocks[2]) <= 3 and bool(_byline_names(blocks[2][0], common))


# ---- body ---------------------------------------------------------------------------


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_TRAILING_CLOSERS).endswith(_TERMINAL) or text.rstrip().endswith(_TERMINAL)


def _continues(previous: str, nxt: str) -> bool:
    first = nxt.lstrip("\"“‘' ")[:1]
    return not _ends_sentence(previous) and first.islower()


def parse_text(text: str) -> RawDocument:
    """Find the structure of a plain-text brief."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    # "[Footnote 3: …]" blocks leave the text first: they may sit inside a paragraph, between two of its lines
    # an e-book's preamble and licence are not the book; the preamble names its title and authors
    text, frame = split_text(text)
    text = braces_as_brackets(text)
    text, bracket_defs = take_bracket_blocks(text)
    text, unnumbered = number_unnumbered_blocks(text, bracket_defs)
    bracket_defs += unnumbered
    blocks = _blocks(text)
    if frame is not None and frame.title:
        header = _Header(body_start=0)
        header.title, header.authors, header.items = frame_metadata(frame)
    else:
        header = _parse_header(blocks, lowercase_words(text))
    navigation = {header.body_start + i for i in navigation_blocks(blocks[header.body_start :])}
    navigation |= heading_contents(blocks, header.body_start)
    # an e-book's title page is metadata, not headings and sentences
    front = title_page(blocks, header.body_start, navigation) if frame is not None else []
    front_items, date, editors = title_page_items(blocks, front, header.title)
    header.items += front_items
    header.date, header.editors = header.date or date, header.editors or editors
    navigation.update(front)

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

    cited: set[int] = set()  # bracketed numbers the body has cited so far
    heading_above = False  # the block before was a heading: a heading under it is a level below
    notes_list: int | None = None  # under a "Footnotes" heading: the number of the last listed note (0: none yet)
    for index, lines in enumerate(blocks[header.body_start :], start=header.body_start):
        if index in navigation:
            continue
        was_heading, heading_above = heading_above, False
        lead = line_note(lines[0])
        if lead is not None and lead[0] in cited:
            # a notes list: "[n] text" lines, a line without a number continuing the note above it
            for line in lines:
                if (note := line_note(line)) is not None:
                    bracket_defs.append(note)
                elif bracket_defs:
                    number, body = bracket_defs[-1]
                    bracket_defs[-1] = (number, f"{body} {line.strip()}")
            continue
        if notes_list is not None and (note := listed_note(lines, cited, notes_list or None)) is not None:
            bracket_defs.append(note)
            notes_list = note[0]
            continue
        notes_list = None
        cited.update(int(m.group(1)) for line in lines for m in BRACKET_MARKER.finditer(line))
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
        items = None if _is_table(lines) else list_items(lines)
        if _is_table(lines):
            emit(text_table(lines))
        elif (underlined := underlined_heading(lines)) or (
            is_caps_heading(lines) and not BRACKET_MARKER.search(joined)
        ):
            emit(RawParagraph((underlined or joined,), heading=True, level=2 if was_heading else 1))
            heading_above = True
            notes_list = 0 if NOTES_HEADING.match(underlined or joined) else None
        elif items is not None:
            flush()
            out.extend(items[:-1])
            open_para = items[-1]
        elif _SOURCE_LINE.match(joined):
            previous = deferred[-1] if deferred else (out[-1] if out and open_para is None else None)
            if isinstance(previous, RawTable) and previous.sources is None:
                replacement = RawTable(previous.caption, previous.columns, previous.rows, joined)
                if deferred and deferred[-1] is previous:
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

    bracketed = frozenset(n for n, _ in bracket_defs)
    defs = bracket_defs + defs
    defined = {n for n, _ in defs}
    last = 0
    resolved: list[RawBlock] = []
    for item in out:
        if isinstance(item, str):
            segs, last = marker_segments(item, defined, last, bracketed)
            resolved.append(RawParagraph(segs))
        else:
            resolved.append(item)

    return RawDocument(
        format="text",
        title=header.title,
        authors=header.authors or (),
        editors=header.editors,
        organisation=header.organisation,
        date=header.date,
        disclaimer=header.disclaimer,
        header=tuple(header.items),
        blocks=tuple(resolved),
        footnote_defs=tuple(defs),
    )
