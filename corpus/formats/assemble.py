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
from dataclasses import replace

from corpus.ebook import frame_span
from corpus.formats.blocks import Block, Para, Pending
from corpus.formats.body_notes import split_definitions
from corpus.formats.common import Metadata, clean
from corpus.formats.title_choice import can_be_title, header_blocks, title_first
from corpus.formats.title_notes import attach as title_notes_attach
from corpus.formats.title_notes import detach as title_notes_detach
from corpus.markers import resolve_marker
from corpus.models import Author
from corpus.navigation import navigation_blocks
from corpus.raw import Marker, RawBlock, RawDocument, RawMetadataItem, RawParagraph, RawSourceNote, RawTable, Segment
from corpus.text_format import _parse_header, lowercase_words

_SOURCE_LINE = re.compile(r"^\s*Sources?\s*:", re.IGNORECASE)


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


def _outranked(first: Para, body: Sequence[Block]) -> bool:
    return any(isinstance(b, Para) and b.heading and 0 < b.level < first.level for b in body[1:])


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
        body = title_first(body)
    defined = {n for n, _ in all_defs}
    marked = body
    body, title_notes = title_notes_detach(body, defined)
    # an e-book's title page is the book's text: its preamble already gave the header
    leading = header_blocks(body) if frame is None else []
    first = body[0] if body else None
    can_title = (
        isinstance(first, Para)
        and can_be_title(first.text)
        and (first.heading or meta.title is None or _same(clean(first.text), meta.title))
        # front matter states the title: a section heading ("## Methods") opening the text does not replace it
        and not (fmt == "markdown" and meta.title and first.level > 1 and not _same(clean(first.text), meta.title))
        # the container states the title, and the first heading is of a lower rank than a later one (a picture's
        # caption set as an <h4> above the book's <h1>): it is no title
        and not (meta.title and first.heading and first.level > 1 and _outranked(first, body))
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
