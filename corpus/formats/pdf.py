"""The PDF front-end, on pdfplumber.

Why pdfplumber: footnote markers in a PDF are only visible as geometry -- a digit set smaller and higher than the
text around it. pdfplumber (over pdfminer.six) gives every character with its font name, size and bounding box
(including the text rise), finds ruled tables, and exposes the document info; pypdf's text extraction loses the
per-character size and rise, and pypdfium2 is faster but needs the raw C API for font sizes and has no table
finder. Characters are read from pdfminer's layout tree rather than pdfplumber's per-character dicts, which
halves the time: a generated 20-page brief with 60 notes parses in about 1.3 s here (bench/bench_ingest.py).

How a document is read:
1. characters are grouped into lines by baseline; a cluster of smaller characters raised above a larger line
   (its bottom well above the line's bottom) is merged into that line as superscript (``pdf_layout``);
2. running heads and feet (the same text, digits aside, at the same height on several pages), bare page numbers
   in the margins, margin line numbers and marks outside the page are dropped (``pdf_margins``, ``pdf_layout``);
3. each page is cut into flows read one after another: a two-column region is read left column, then right
   (``pdf_columns``);
4. an endnote section ("Notes", "References", "Notes to pages …") is read as numbered entries, and each flow's
   foot -- under a separator rule, in smaller type, or opening with a raised number set off from the text --
   holds page-foot notes, a foot opening without a number continuing the last page's note (``pdf_notes``); a
   list the text cites by typed "[3]" (numeric citations) is the notes, and those brackets its markers, unless
   page-foot notes share its numbers (then it is a bibliography, left out), and a "References" list cited neither
   by "[3]" nor by raised numbers is a bibliography too; notes on the title page cited only from its byline are
   affiliations, not notes;
5. the rest becomes paragraphs (a gap wider than the size's usual line pitch, a change of size, a bold heading,
   or an indent starts a new one: ``pdf_paragraphs``), ruled tables become tables, a paragraph left unfinished at
   the foot of a flow continues in the next, and words broken at line ends are made whole from the document's own
   vocabulary (``pdf_text``).
Raised digits become markers; bare digits never do ("…ends in 2026.⁸" is the year 2026 and footnote 8). Where
the document has page-foot notes, a raised number cites only a note at its own page's foot (or an endnote): a
formula's index, a fraction's numerator or a byline's affiliation mark elsewhere cites nothing, and a line of
display mathematics carries no markers. Headings and their depth (numbered "2.1 Related work" in the body's type
too) are read by ``pdf_headings``; the document info by ``pdf_meta``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import partial
from io import BytesIO

import pdfplumber

from corpus.errors import UnsupportedFormat
from corpus.formats.assemble import assemble
from corpus.formats.common import (
    Block,
    Para,
    clean,
    marker_numbers,
)
from corpus.formats.pdf_columns import split_columns
from corpus.formats.pdf_headings import (
    SECTION_NAMES,
    TERMINAL,
    Numbering,
)
from corpus.formats.pdf_insets import rejoin_around_insets
from corpus.formats.pdf_layout import Line, Page, reading
from corpus.formats.pdf_margins import drop_line_numbers, drop_running
from corpus.formats.pdf_meta import pdf_metadata
from corpus.formats.pdf_notes import (
    endnote_section,
    page_foot_notes,
    raised_numbers,
    read_endnotes,
    read_notes,
    split_foot,
)
from corpus.formats.pdf_pages import read_all
from corpus.formats.pdf_paragraphs import CITATION, Join, line_pitches, paragraphs
from corpus.formats.pdf_text import join_lines, vocabulary
from corpus.formats.title_choice import title_before_masthead
from corpus.raw import RawDocument, RawTable

# a reference list's heading, as against a notes heading
_REFERENCES = re.compile(r"^\s*(?:references|bibliography|works cited|literature cited)\b", re.IGNORECASE)
NO_TEXT_LAYER = "this PDF has no text layer; OCR is not supported (it looks like a scanned image)"


def _finished(para: Para) -> bool:
    return bool(TERMINAL.search(clean(para.text))) or para.heading


def _with_tables(page: Page, flows: list[list[tuple[Line, Line, Para]]], body_size: float) -> list[list[Block]]:
    """Each flow's paragraphs as blocks, the page's ruled tables put before the first paragraph below them."""
    out: list[list[Block]] = [[p for *_, p in flow] for flow in flows] or [[]]
    for top, _bottom, table in page.tables:
        # a short line of its own just above the table is its caption
        for f, flow in enumerate(flows):
            above = [p for p in flow if p[1].bottom <= top + 1 and top - p[1].bottom < 2.5 * body_size]
            if above and table.caption is None:
                first, last, para = above[-1]
                text = clean(para.text)
                # (a line already taken as the caption of another table on the page is that table's)
                if first is last and len(text) < 120 and not TERMINAL.search(text) and para in out[f]:
                    table = RawTable(text, table.columns, table.rows, table.sources)
                    out[f].remove(para)
        below = ((f, p) for f, flow in enumerate(flows) for first, _, p in flow if first.top > top and p in out[f])
        at = next(((f, out[f].index(p)) for f, p in below), (len(out) - 1, len(out[-1])))
        out[at[0]].insert(at[1], table)
    return out


def _join_flows(flows: list[list[Block]], join: Join) -> list[Block]:
    """Concatenate flows (columns and pages); a paragraph left unfinished continues in the first paragraph of the
    next flow, and any table or source note printed between the two halves follows the rebuilt paragraph."""
    out: list[Block] = []
    for blocks in flows:
        open_idx = next((i for i in range(len(out) - 1, -1, -1) if isinstance(out[i], Para)), None)
        first = blocks[0] if blocks else None
        if (
            open_idx is not None
            and isinstance(first, Para)
            and not first.heading
            and not _finished(out[open_idx])  # type: ignore[arg-type]
            and all(not isinstance(b, Para) for b in out[open_idx + 1 :])
        ):
            prev = out[open_idx]
            assert isinstance(prev, Para)
            between = out[open_idx + 1 :]
            del out[open_idx:]
            head, tail = list(prev.pieces), list(first.pieces)
            if head and tail and isinstance(head[-1], str) and isinstance(tail[0], str):
                joined = join(head[-1], tail[0])
                head, tail = [*head[:-1], joined], tail[1:]
                out.append(Para((*head, *tail), prev.heading, prev.list_number))
            else:
                out.append(Para((*head, "\n", *tail), prev.heading, prev.list_number))
            out.extend(between)
            blocks = blocks[1:]
        out.extend(blocks)
    return out


def _body_size(pages: list[Page], end: tuple[int, int, int] | None) -> float:
    """The body's type size: the size most characters are set in on the first three fifths of the pages, not
    counting what lies under a footnote rule or in the endnote section (a short text can have more words in its
    notes than in its body)."""
    weights: Counter[float] = Counter()
    # the text comes first: the last pages may be notes, references or an index that no heading announced
    for p, page in enumerate(pages[: max(1, int(0.6 * len(pages)))]):
        foot_rule = max((r[0] for r in page.rules if r[0] > page.height / 2), default=page.height)
        for f, flow in enumerate(page.flows):
            for i, line in enumerate(flow):
                if end is not None and (p, f, i) >= end:
                    break
                if line.top < foot_rule:
                    weights[line.size] += len(line.chars)
    everything = Counter(ln.size for page in pages for ln in page.lines)
    usual = (weights or everything).most_common(1)
    return usual[0][0] if usual else 12.0


def _cut_section(pages: list[Page], start: tuple[int, int, int]) -> list[Line]:
    """Take an endnote section's lines out of the pages, in reading order."""
    p0, f0, i0 = start
    taken: list[Line] = []
    for p in range(p0, len(pages)):
        page = pages[p]
        for f, flow in enumerate(page.flows):
            if (p, f) < (p0, f0):
                continue
            cut = i0 if (p, f) == (p0, f0) else 0
            taken.extend(flow[cut:])
            page.flows[f] = flow[:cut]
    return taken


def _restore(pages: list[Page], rest: list[Line]) -> None:
    """Lines after an endnote section (an appendix, an index) go back to their pages, as one flow per page."""
    for number, lines in itertools.groupby(rest, key=lambda ln: ln.page):
        pages[number - 1].flows.append(list(lines))


def parse_pdf(data: bytes) -> RawDocument:
    """Find the structure of a PDF brief."""
    with reading():
        pdf = pdfplumber.open(BytesIO(data))
    with pdf:
        pages = read_all(pdf, data)
        with reading():
            info = dict(pdf.metadata or {})
    if not any(page.lines for page in pages):
        raise UnsupportedFormat(NO_TEXT_LAYER)
    running = drop_running(pages)
    for page in pages:
        drop_line_numbers(page)
        page.flows = split_columns(page.lines, page.width)
    vocab = vocabulary(ln.text for page in pages for flow in page.flows for ln in flow)
    join: Join = partial(join_lines, vocab=vocab)
    section = endnote_section(pages)
    body_size = _body_size(pages, section)
    endnotes: list[tuple[int, str]] = []
    references = False  # the section is headed as a reference list ("References"), not as notes
    if section is not None:
        p, f, i = section
        references = bool(_REFERENCES.match(clean(pages[p].flows[f][i].text)))
        endnotes, rest = read_endnotes(_cut_section(pages, section), join)
        _restore(pages, rest)
    notes: list[tuple[str, str]] = []
    note_pages: list[int] = []  # the page each note opens on, 0 for a flow of notes only
    bodies: list[list[list[Line]]] = []
    raised = raised_numbers([ln for page in pages for flow in page.flows for ln in flow])
    open_note = False  # the last page had notes at its foot: the next foot may open with the rest of one
    for page in pages:
        page_bodies = []
        had_notes = False
        for flow in page.flows:
            body, foot = split_foot(flow, page, body_size, open_note, raised)
            read_notes(foot, notes, join)
            page_bodies.append(body)
            had_notes = had_notes or bool(foot)
        # notes that fill a page are a list of notes, not a page's foot: any page may cite them (page 0)
        note_pages.extend([page.number if any(page_bodies) else 0] * (len(notes) - len(note_pages)))
        bodies.append(page_bodies)
        open_note = had_notes
    if {int(label) for label, _ in notes if label.isdigit()} & {n for n, _ in endnotes}:
        # page-foot notes and a numbered list at the end share numbers: two series, one number space. The notes at
        # the page foot are the document's notes (raised markers cite them); the list (a bibliography cited as
        # "[3]") is left out: as body text its entries would be read as notes again
        endnotes = []
    # a list at the end that the text cites by typed "[3]" more than by raised numbers (a formula's powers are
    # raised too): numeric citations
    listed = frozenset(n for n, _ in endnotes)
    typed = {
        n
        for body in itertools.chain.from_iterable(bodies)
        for line in body
        for m in CITATION.finditer(line.text)
        for n in marker_numbers(m.group(1)) or ()
    }
    cited = listed if typed & listed and 2 * len(listed & typed) >= len(listed & raised) else frozenset()
    if references and not cited and 2 * len(listed & raised) < len(listed):
        # a reference list the text cites neither by "[3]" nor by raised numbers (author-year citations, or none):
        # a bibliography, not notes
        endnotes, listed = [], frozenset()
    foot_notes = page_foot_notes(notes, note_pages, bodies, body_size)
    defs = [(n, text) for n, text, _ in foot_notes] + endnotes
    defined = {n for n, _ in defs}
    leadings = line_pitches([flow for page_bodies in bodies for flow in page_bodies])
    numbering = Numbering()
    flows: list[list[Block]] = []
    for page, page_bodies in zip(pages, bodies, strict=True):
        # a raised number cites a note at its own page's foot (or an endnote), never one at another page's foot: a
        # formula's index or a byline's affiliation mark elsewhere is no marker
        here = {n for n, _, pg in foot_notes if pg in (0, page.number)} | listed if foot_notes else defined
        paras = [
            paragraphs(body, leadings, body_size, here, join, numbering, cited, bool(foot_notes))
            for body in page_bodies
        ]
        flows.extend(_with_tables(page, paras, body_size))
    blocks = rejoin_around_insets(_join_flows(flows, join), join)
    meta = pdf_metadata(info)
    first = blocks[0] if blocks else None
    if meta.title and isinstance(first, Para) and first.heading and clean(first.text).lower() in SECTION_NAMES:
        blocks[0] = Para(first.pieces)  # "Abstract" opens the page: the info's title is the real one
    blocks = title_before_masthead(blocks, running)
    return assemble("pdf", blocks, defs, meta)
