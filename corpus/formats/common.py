"""What every structured front-end shares: the intermediate blocks they emit and ``assemble``, which turns them
into a ``RawDocument``.

A front-end (Markdown, HTML, PDF, DOCX) walks its container and emits ``Para`` blocks whose pieces are text,
``Marker`` (a footnote reference the container links explicitly: a Word footnote reference, a Markdown
``[^label]``, an HTML anchor to the note) or ``Pending`` (superscript digits with no link, such as a raised "8"
in a PDF). ``assemble`` then does the format-neutral part:

- a "Notes"/"Endnotes" section, or paragraphs that open with a superscript number and read like a reference,
  become footnote definitions;
- the leading paragraphs are read as the header (title, byline, organisation, date) with the plain-text
  front-end's rules, and the container's own metadata (YAML, ``<meta>``, core properties, PDF info) fills gaps;
- ``Pending`` digits are resolved against the definitions ("²³" after note 1 is 2 and 3);
- "Source(s): …" paragraphs become a table's sources or a figure's source note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from corpus.ebook import frame_span
from corpus.formats.blocks import Block as Block
from corpus.formats.blocks import Para as Para
from corpus.formats.blocks import Pending as Pending
from corpus.formats.blocks import Piece as Piece
from corpus.formats.title_notes import attach as title_notes_attach
from corpus.formats.title_notes import detach as title_notes_detach
from corpus.markers import resolve_marker
from corpus.models import Author
from corpus.navigation import navigation_blocks
from corpus.raw import Marker, RawBlock, RawDocument, RawMetadataItem, RawParagraph, RawSourceNote, RawTable, Segment
from corpus.text.dates import parse_date
from corpus.text_format import _looks_like_definition, _parse_header, is_section_name, lowercase_words
from corpus.text_notes import NOTES_HEADING as NOTES_HEADING


@dataclass(frozen=True, slots=True)
class Metadata:
    """Metadata the container states outside the visible text."""

    title: str | None = None
    authors: tuple[Author, ...] = ()
    editors: tuple[str, ...] = ()
    organisation: str | None = None
    date: str | None = None  # ISO
    disclaimer: str | None = None


@dataclass
class Builder:
    """Collects pieces of the paragraph being read; ``flush`` closes it."""

    blocks: list[Block] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)

    def text(self, s: str) -> None:
        if not s:
            return
        # "in 1911 [1]." (docutils wants a space before a reference): with the reference made a marker, the space
        # would stand before the full stop
        if s[0] in ".,;:!?)" and len(self.pieces) >= 2 and isinstance(self.pieces[-1], Marker | Pending):
            before = self.pieces[-2]
            if isinstance(before, str) and before.endswith(" ") and before.strip():
                self.pieces[-2] = before.rstrip(" ")
        self.pieces.append(s)

    def marker(self, m: Marker | Pending) -> None:
        self.pieces.append(m)

    def flush(self, *, heading: bool = False, list_number: int | None = None, level: int = 0) -> None:
        if any(isinstance(p, str) and p.strip() for p in self.pieces):
            self.blocks.append(Para(tuple(self.pieces), heading, list_number, level if heading else 0))
        self.pieces = []

    def block(self, b: Block) -> None:
        self.flush()
        self.blocks.append(b)


_WS = re.compile(r"\s+")
_NUMBERED_NOTE = re.compile(r"^\s*\[?(\d{1,4})[\].)]?\s+(\S.*)$", re.DOTALL)
_SOURCE_LINE = re.compile(r"^\s*Sources?\s*:", re.IGNORECASE)
_DIGIT_MARKER = re.compile(r"^\s*[\[(]?(\d+(?:\s*[,–-]\s*\d+)*)[\])]?\s*$")


def clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


# The account names office software writes into a file's author field when its user set none.
_PLACEHOLDER_AUTHOR = re.compile(
    r"^(?:anonymous|unknown|user|admin|administrator|author|owner|"
    r"(?:microsoft(?: office)?|office|windows|mac|apple|valued|authorized) user|customer)$"
    # an account name, not a person's: one word holding digits ("DA17396", "jsmith01") or an e-mail login
    r"|^(?=\S*\d)\S+$",
    re.IGNORECASE,
)


def is_placeholder_author(name: str) -> bool:
    """Whether a container's author field holds a software default ("Microsoft Office User"), not a person."""
    return bool(_PLACEHOLDER_AUTHOR.match(clean(name)))


def marker_numbers(text: str) -> tuple[int, ...] | None:
    """Numbers of an explicit marker's label: "3", "[3]", "2,3", "2–4"; None if it is not numeric."""
    m = _DIGIT_MARKER.match(text)
    if not m:
        return None
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", m.group(1)):
        bounds = re.split(r"\s*[–-]\s*", part)
        lo, hi = int(bounds[0]), int(bounds[-1])
        numbers.extend(range(lo, hi + 1) if 0 < hi - lo < 50 else [lo])
    return tuple(numbers)


_UNIT = re.compile(r"(?:^|[\s\d(])(?:k?m|cm|mm|ft|mi|in|yd|sq|m/s|km/h)$", re.IGNORECASE)


def is_exponent(before: str, numbers: Sequence[int] | None, defined: set[int]) -> bool:
    """Whether raised digits right after ``before`` are an exponent ("km²", "10⁶") rather than a note marker.

    A marker normally follows punctuation or a space-free word end ("…2026.⁸", "harvests²"); after a unit a 2 or
    3 is a power, and after any other letter or digit the digits are a marker only if such notes exist.
    """
    if not before or before[-1:].isspace() or not before[-1:].isalnum():
        return False
    if numbers and set(numbers) <= {2, 3} and _UNIT.search(before):
        return True
    return not (numbers and all(n in defined for n in numbers))


def with_urls(text: str, urls: Sequence[str]) -> str:
    """A note with the addresses of its titled links added at the end, where a reference gives its url
    ("…, May 5, 2020, <https://…>.")."""
    for url in dict.fromkeys(urls):
        if url in text:
            continue
        body = text.rstrip().rstrip(",;").rstrip()
        text = f"{body[:-1]}, <{url}>." if body.endswith(".") else f"{body}, <{url}>"
    return text


def iso_date(text: str | None) -> str | None:
    """ISO date from a machine date ("2022-04-29T10:00", "2022/04/29", "D:20220429…") or a written one."""
    if not text:
        return None
    s = text.strip()
    if m := re.match(r"^(?:D:)?(\d{4})[-/]?(\d{2})[-/]?(\d{2})", s):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return parse_date(s)


def make_table(
    rows: Sequence[Sequence[str]], caption: str | None = None, notes: Sequence[Sequence[int]] = ()
) -> RawTable | None:
    """A table from cell texts. A first row with one filled cell is the caption (as the text front-end reads it);
    ALL-CAPS column names are put in sentence case, so every format yields the same rows. ``notes``, parallel to
    ``rows``, holds the note numbers each row's cells cite; a note on the column names is cited by every row."""
    cited = [tuple(n) for n in notes] or [()] * len(rows)
    kept = [([clean(c) for c in r], n) for r, n in zip(rows, cited, strict=False)]
    kept = [(r, n) for r, n in kept if any(r)]
    if kept and len([c for c in kept[0][0] if c]) == 1 and len(kept) > 1 and caption is None:
        caption = next(c for c in kept[0][0] if c)
        kept = [(kept[1][0], kept[0][1] + kept[1][1]), *kept[2:]]
    if not kept:
        return None
    head, head_notes = kept[0]
    columns = tuple(c[:1].upper() + c[1:].lower() if c.isupper() else c for c in head)
    body = [(tuple(r[: len(columns)]), n) for r, n in kept[1:] if any(r)]
    row_notes = tuple(tuple(dict.fromkeys((*head_notes, *n))) for _, n in body)
    return RawTable(
        caption=clean(caption) if caption else None,
        columns=columns,
        rows=tuple(r for r, _ in body),
        notes=row_notes if any(row_notes) else (),
    )


def _leading_number(para: Para) -> tuple[str, str] | None:
    """(digits, rest) when a paragraph opens with a superscript or "N." number."""
    first = next((p for p in para.pieces if not (isinstance(p, str) and not p.strip())), None)
    if isinstance(first, Pending | Marker):
        idx = para.pieces.index(first)
        rest = "".join(p for p in para.pieces[idx + 1 :] if isinstance(p, str))
        digits = first.digits if isinstance(first, Pending) else ",".join(str(n) for n in first.numbers)
        return digits, rest
    if para.list_number is not None:
        return str(para.list_number), para.text
    m = _NUMBERED_NOTE.match(para.text)
    return (m.group(1), m.group(2)) if m else None


def _definition(para: Para) -> tuple[int, str] | None:
    found = _leading_number(para)
    if found is None or not found[0].isdigit():
        return None
    return int(found[0]), clean(found[1])


def _first_piece(para: Para) -> Piece | None:
    return next((p for p in para.pieces if not (isinstance(p, str) and not p.strip())), None)


def _typed_notes(text: str, defs: list[tuple[int, str]]) -> None:
    """Notes typed as "1. …" lines; one paragraph of a PDF may hold several. A line opens a new note only when
    its number follows the previous note's (a wrapped line may start with a number too)."""
    for line in text.split("\n"):
        m = _NUMBERED_NOTE.match(line)
        if m and (not defs or int(m.group(1)) == defs[-1][0] + 1):
            defs.append((int(m.group(1)), clean(m.group(2))))
        elif defs:
            number, body = defs[-1]
            defs[-1] = (number, f"{body} {clean(line)}".strip())


def split_definitions(blocks: Sequence[Block]) -> tuple[list[Block], list[tuple[int, str]]]:
    """Take footnote definitions written in the body: a Notes section, or reference-like paragraphs that open
    with a superscript number. Everything else stays, in order."""
    body: list[Block] = []
    defs: list[tuple[int, str]] = []
    in_notes = False
    opened = 0  # how many definitions there were when the notes section opened
    for b in blocks:
        if isinstance(b, Para) and b.heading and NOTES_HEADING.match(b.text) and not in_notes:
            in_notes, opened = True, len(defs)
            continue
        if isinstance(b, Para) and in_notes:
            if b.heading:
                in_notes = False
            elif (d := _definition(b)) is not None and (len(defs) > opened or d[0] == 1):
                # a numbered notes list opens with note 1; "2014. URL …" opening an author-year entry's
                # wrapped line is no note
                if b.list_number is None and isinstance(_first_piece(b), str):
                    _typed_notes(b.text, defs)
                else:
                    defs.append(d)
                continue
            elif len(defs) > opened and not b.heading:
                # a note that runs over two paragraphs
                number, text = defs[-1]
                defs[-1] = (number, f"{text} {clean(b.text)}")
                continue
        if isinstance(b, Para) and not b.heading:
            lead = _leading_number(b)
            first_is_sup = isinstance(_first_piece(b), Pending)
            # as in plain text: a note's number is followed by a space or a quoted title, a marker by the sentence
            spaced = lead is not None and lead[1][:1] in " \t\n\"“‘'"
            if lead and first_is_sup and spaced and lead[0].isdigit() and _looks_like_definition(clean(lead[1])):
                defs.append((int(lead[0]), clean(lead[1])))
                continue
        body.append(b)
    return body, defs


def _header_blocks(blocks: Sequence[Block]) -> list[list[str]]:
    """Lines of the leading marker-free paragraphs, the only place a header can be. A heading of a lower rank than
    the first block's (an <h2> under the <h1> title) opens the body, unless it is a "By …" byline."""
    out: list[list[str]] = []
    rank = blocks[0].level if blocks and isinstance(blocks[0], Para) else 0
    for b in blocks:
        if not isinstance(b, Para) or any(not isinstance(p, str) for p in b.pieces):
            break
        if out and b.heading and rank and b.level > rank and not re.match(r"\s*By\b", b.text, re.IGNORECASE):
            break
        lines = [clean(ln) for ln in b.text.split("\n") if ln.strip()]
        if not lines:
            break
        out.append(lines)
    return out


# A docket or case number line ("No. 06-6247", "Case No. 1:20-cv-01", "Docket 12-345"): it names a filing, not it.
_DOCKET = re.compile(r"^\(?(?:[\w.]+\s+){0,2}(?:no\.|nos\.|#)\s*[\w.:/-]*\d", re.IGNORECASE)
# How many leading blocks may hold the title when the first one cannot be it (stamps, dates, docket lines).
_TITLE_REACH = 6


def _lone_capital_word(line: str) -> bool:
    word = line.strip().rstrip(":")
    return len(word.split()) == 1 and word.isalpha() and word.isupper() and len(word) > 1


def can_be_title(text: str) -> bool:
    """Whether a leading heading can title the document: not a section name ("Abstract"), a stamp over other
    lines ("FILED" above a court's name), a date line, or a docket or case number line."""
    lines = [clean(ln) for ln in text.split("\n") if ln.strip()]
    if not lines:
        return False
    joined = " ".join(lines)
    return not (
        is_section_name(joined)
        or (len(lines) > 1 and _lone_capital_word(lines[0]))
        or parse_date(joined) is not None
        or all(_DOCKET.match(ln) for ln in lines)
    )


def _better_title(b: Block, rank: int) -> bool:
    """A later leading heading that may replace a weak first one: a title-like heading of several words, of the
    first heading's rank or above, and not a question (a question heads its answer)."""
    return (
        isinstance(b, Para)
        and b.heading
        and (b.level or 1) <= rank
        and len(b.text.split()) > 1
        and not clean(b.text).endswith("?")
        and can_be_title(b.text)
    )


_TERMINAL_MARK = re.compile(r"[.?!:;,][\"”’')\]]*\s*$")


def _header_like(b: Block) -> bool:
    """A short block of header lines: no markers, no sentence end, not a section's name or a heading."""
    return (
        isinstance(b, Para)
        and not b.heading
        and all(isinstance(p, str) for p in b.pieces)
        and not _TERMINAL_MARK.search(b.text)
        and not is_section_name(b.text)
    )


def _title_first(body: list[Block]) -> list[Block]:
    """When the first heading cannot be the title (or is a lone upper-case word such as "DRAFT") and a later
    leading heading can, put that heading first; the blocks before it follow it unchanged. The search ends where
    the body's first paragraph of sentences starts."""
    first = body[0] if body else None
    if not isinstance(first, Para):
        return body
    if not first.heading:
        # a short line in the text's own type over the document's first heading: a series label or a kicker
        # ("RESEARCH BULLETIN 6", "Working paper") set above the title, not the title
        second = body[1] if len(body) > 1 else None
        kicker = (
            len(first.text.split()) <= 6 and "\n" not in first.text.strip() and not _TERMINAL_MARK.search(first.text)
        )
        if not (kicker and isinstance(second, Para) and _better_title(second, 1)):
            return _title_below_lines(body)
        # the label goes after the header lines under the title (a byline, a date), so they stay the header's
        end = 2
        while end < min(len(body), _TITLE_REACH) and _header_like(body[end]):
            end += 1
        return [second, *body[2:end], first, *body[end:]]
    if can_be_title(first.text) and not _lone_capital_word(clean(first.text)):
        return body
    for i, b in enumerate(body[1:_TITLE_REACH], start=1):
        if not isinstance(b, Para) or any(not isinstance(p, str) for p in b.pieces):
            break
        if _better_title(b, first.level or 1):
            return [b, *body[:i], *body[i + 1 :]]
        if not b.heading and clean(b.text).endswith((".", "?", "!")) and len(b.text.split()) > 12:
            break
    return body


# the short lines a paper may print above its title (a name, a course, a date): a few words each
_LINE_ABOVE_WORDS = 6


def _title_below_lines(body: list[Block]) -> list[Block]:
    """A top-rank heading under a few short header lines (a student's name, a course, a date, set above the
    title): the title comes first, the lines under it, so they are read as its byline and date."""
    for i, b in enumerate(body[: _TITLE_REACH + 1]):
        if isinstance(b, Para) and b.heading:
            if i > 1 and (b.level or 1) == 1 and _better_title(b, 1):
                return [b, *body[:i], *body[i + 1 :]]
            return body
        if not isinstance(b, Para) or not _header_like(b) or len(b.text.split()) > _LINE_ABOVE_WORDS:
            return body
    return body


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and clean(a or "").casefold() == clean(b or "").casefold()


def _author_text(authors: Iterable[Author]) -> str:
    return "By " + ", ".join(f"{a.name} ({a.role})" if a.role else a.name for a in authors)


def _navigation(body: Sequence[Block]) -> set[int]:
    """The blocks of a table of contents, a list of illustrations or an index (``corpus.navigation``)."""
    lines = [
        b.text.split("\n")
        if isinstance(b, Para)
        else [" ".join(r) for r in (b.columns, *b.rows)]
        if isinstance(b, RawTable)
        else [b.text]
        for b in body
    ]
    headings = {i: clean(b.text) for i, b in enumerate(body) if isinstance(b, Para) and b.heading}
    return navigation_blocks(lines, headings.values(), headings.keys())


def _without_empty_headings(blocks: Sequence[Block]) -> list[Block]:
    """Drop headings with nothing under them (a "See also" whose links were dropped, a notes heading whose notes
    were taken out): a heading followed by one of the same or a higher rank, or by the end. A "heading" that
    cites a note ("AFFIRMED.¹³" set apart on its own line) is text the author footnoted, and always stays."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Para) and b.heading and not any(isinstance(p, Marker | Pending) for p in b.pieces):
            nxt = next(iter(blocks[i + 1 : i + 2]), None)
            if nxt is None or (isinstance(nxt, Para) and nxt.heading and (nxt.level or 1) <= (b.level or 1)):
                continue
        out.append(b)
    return out


def assemble(
    fmt: str,
    blocks: Sequence[Block],
    defs: Sequence[tuple[int, str]] = (),
    meta: Metadata | None = None,
) -> RawDocument:
    """Turn a front-end's blocks, its explicit definitions and its container metadata into a ``RawDocument``."""
    meta = meta or Metadata()
    body, body_defs = split_definitions(blocks)
    all_defs = [(n, clean(t)) for n, t in defs] + body_defs
    # an e-book's preamble and licence are not the book; the preamble's title and authors are the book's
    frame = frame_span([b.text if isinstance(b, Para) else "" for b in body])
    if frame is not None:
        body = body[frame[0] : frame[1]]
        if frame[2].title:
            meta = replace(meta, title=frame[2].title, authors=tuple(Author(n) for n in frame[2].authors))
    navigation = _navigation(body)
    body = [b for i, b in enumerate(body) if i not in navigation]

    # The header: only when the first block can be a title (a heading, the container's title, or -- with no
    # container title -- whatever the plain-text rules accept), so a document without one keeps its first line.
    if meta.title is None:
        body = _title_first(body)
    defined = {n for n, _ in all_defs}
    marked = body
    body, title_notes = title_notes_detach(body, defined)
    # an e-book's title page is the book's text: its preamble already gave the header
    leading = _header_blocks(body) if frame is None else []
    first = body[0] if body else None
    can_title = (
        isinstance(first, Para)
        and can_be_title(first.text)
        and (first.heading or meta.title is None or _same(clean(first.text), meta.title))
        # front matter states the title: a section heading ("## Methods") opening the text does not replace it
        and not (fmt == "markdown" and meta.title and first.level > 1 and not _same(clean(first.text), meta.title))
    )
    words = lowercase_words(" ".join(b.text for b in body if isinstance(b, Para)))
    header = _parse_header(leading, words) if leading and can_title else None
    if title_notes and not (header and header.title and header.body_start):
        body, header, title_notes = marked, None, ()  # the marked block is not the title: it stays text
    consumed = header.body_start if header else 0
    body = body[consumed:]

    title = (header.title if header else None) or meta.title
    authors = (header.authors if header and header.authors else None) or meta.authors
    editors = (header.editors if header else ()) or meta.editors
    organisation = (header.organisation if header else None) or meta.organisation
    date = (header.date if header else None) or meta.date
    disclaimer = (header.disclaimer if header else None) or meta.disclaimer

    items = list(header.items) if header else []
    have = {i.label for i in items}
    synthesized = [
        ("title", title),
        ("author", _author_text(authors) if authors else None),
        ("organisation", organisation),
        ("editor", "Edited by " + ", ".join(editors) if editors else None),
        ("date", date),
        ("disclaimer", f"({disclaimer})" if disclaimer else None),
    ]
    extra = [RawMetadataItem(label, text) for label, text in synthesized if text and label not in have]
    if extra and extra[0].label == "title":
        items = [extra[0], *items]
        extra = extra[1:]
    items.extend(extra)
    if title_notes:
        items = title_notes_attach(items, title_notes)

    body = _without_empty_headings(body)
    out: list[RawBlock] = []
    last = 0
    for b in body:
        if isinstance(b, Para):
            text = clean(b.text)
            if _SOURCE_LINE.match(text) and not any(isinstance(p, Marker | Pending) for p in b.pieces):
                prev = out[-1] if out else None
                if isinstance(prev, RawTable) and prev.sources is None:
                    out[-1] = replace(prev, sources=text)
                else:
                    out.append(RawSourceNote(text))
                continue
            segments: list[Segment] = []
            for p in b.pieces:
                if isinstance(p, Pending):
                    numbers = resolve_marker(p.digits, defined, last)
                    segments.append(Marker(numbers))
                    last = max(last, *numbers)
                elif isinstance(p, Marker):
                    segments.append(p)
                    last = max(last, *p.numbers)
                else:
                    segments.append(p)
            # A "heading" that cites a note is footnoted text set apart (a boxed list item, a ruling's "AFFIRMED."),
            # so it stays sentences: the citation span rule needs it, and its words are the author's claim.
            heading = b.heading and not any(isinstance(seg, Marker) for seg in segments)
            if b.list_number is not None and not heading:
                segments.insert(0, f"{b.list_number}. ")  # an ordered list's item keeps its number
            out.append(RawParagraph(tuple(segments), heading, b.level if heading else 0))
        elif isinstance(b, RawSourceNote) and out and isinstance(out[-1], RawTable) and out[-1].sources is None:
            prev = out[-1]
            out[-1] = replace(prev, sources=b.text)
        else:
            out.append(b)

    return RawDocument(
        format=fmt,
        title=title,
        authors=tuple(authors),
        editors=tuple(editors),
        organisation=organisation,
        date=date,
        disclaimer=disclaimer,
        header=tuple(items),
        blocks=tuple(out),
        footnote_defs=tuple(all_defs),
    )
