"""Turn a ``RawDocument`` into a ``Brief``: canonical text, offsets, the citation span rule, warnings."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from corpus.models import Brief, Footnote, ParseWarning, Passage, PassageKind, Reference
from corpus.note_runs import renumber_restarting_notes
from corpus.raw import Marker, RawDocument, RawParagraph, RawSourceNote, RawTable, Segment
from corpus.references import parse_reference, parse_source_line
from corpus.sections import heading_label, looks_like_heading
from corpus.sentences import split_sentences

_WS = re.compile(r"\s+")
# Characters that show nothing and join nothing in running text: zero-width space, word joiner, a stray BOM.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
# A paragraph that is one capitalised word with no closing punctuation, followed by more text: the title of an
# admonition or boxed note ("Note", "Warning", "Tip") or a run-in label. It names what follows; it is no sentence.
_LABEL = re.compile(r"^[A-Z][A-Za-z-]{1,24}:?$")
# A paragraph without a letter or a digit ("* * * * *", "- - -", "------", ". . ."): a rule or an ornament that
# separates parts of the text; it says nothing and is no passage.
_WORDLESS = re.compile(r"^[\W_]*$")
# a note mark set after a title ("Local Labor Markets∗", "Water Rights*†") belongs to its note, not to the title
_TITLE_MARKS = " \t\n\u00a0*∗†‡§¶"


def _is_label(block: RawParagraph, text: str, nxt: object) -> bool:
    return (
        bool(_LABEL.match(text))
        and not any(isinstance(s, Marker) for s in block.segments)
        and isinstance(nxt, RawParagraph)
    )


_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"”’)]?$")
_OPENS = re.compile(r"[\"“‘(]?[A-Z][a-z]")


def _between_markers(segments: tuple[Segment, ...], i: int) -> bool:
    return 0 < i < len(segments) - 1 and isinstance(segments[i - 1], Marker) and isinstance(segments[i + 1], Marker)


def flatten_segments(segments: tuple[Segment, ...]) -> tuple[str, list[tuple[int, tuple[int, ...]]]]:
    """Join text segments with whitespace collapsed; return the text and marker positions in it."""
    text = ""
    markers: list[tuple[int, tuple[int, ...]]] = []
    for i, seg in enumerate(segments):
        if isinstance(seg, Marker):
            markers.append((len(text.rstrip()) if text.endswith(" ") else len(text), seg.numbers))
            continue
        if _between_markers(segments, i) and seg.strip() in {",", ";", ""}:
            continue  # the separator of "1,2" set as two note references: part of the markers, not the text
        piece = _WS.sub(" ", _INVISIBLE.sub("", seg))
        if text.endswith(" ") and piece.startswith(" "):
            piece = piece[1:]
        if not text:
            piece = piece.lstrip()
        elif i and isinstance(segments[i - 1], Marker) and _SENTENCE_END.search(text) and _OPENS.match(piece):
            piece = " " + piece  # "trade.¹The next": the space a typesetter set under the note mark
        text += piece
    stripped = text.rstrip()
    return stripped, [(min(pos, len(stripped)), nums) for pos, nums in markers]


@dataclass
class _Writer:
    brief_id: str
    parts: list[str] = field(default_factory=list)
    length: int = 0
    passages: list[Passage] = field(default_factory=list)

    def block(self, text: str) -> int:
        """Append a block (blank line before it) and return its start offset."""
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def line(self, text: str) -> int:
        self.parts.append("\n")
        self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def add(
        self,
        kind: PassageKind,
        text: str,
        start: int,
        paragraph: int | None,
        footnotes: tuple[int, ...] = (),
        *,
        direct: bool = False,
        label: str | None = None,
        references: tuple[Reference, ...] = (),
    ) -> None:
        seq = len(self.passages)
        self.passages.append(
            Passage(
                id=f"{self.brief_id}:{seq}",
                brief_id=self.brief_id,
                kind=kind,
                text=text,
                start=start,
                end=start + len(text),
                paragraph=paragraph,
                footnotes=footnotes,
                direct=direct,
                seq=seq,
                label=label,
                references=references,
            )
        )


def _sentence_footnotes(
    spans: list[tuple[int, int]], markers: list[tuple[int, tuple[int, ...]]]
) -> list[tuple[tuple[int, ...], bool]]:
    """Apply the citation span rule to one paragraph: direct, covered, or uncited."""
    own: list[list[int]] = [[] for _ in spans]
    for pos, numbers in markers:
        idx = next((i for i, (_, end) in enumerate(spans) if pos <= end), len(spans) - 1)
        for n in numbers:
            if n not in own[idx]:
                own[idx].append(n)
    result: list[tuple[tuple[int, ...], bool]] = [((), False)] * len(spans)
    following: tuple[int, ...] = ()
    for i in range(len(spans) - 1, -1, -1):
        if own[i]:
            following = tuple(own[i])
            result[i] = (following, True)
        else:
            result[i] = (following, False)
    return result


def build_brief(raw: RawDocument, brief_id: str, *, content_hash: str = "", source_path: str | None = None) -> Brief:
    """Assemble the canonical text and every passage with exact offsets."""
    raw = renumber_restarting_notes(raw)
    w = _Writer(brief_id)
    cited: list[tuple[int, int]] = []  # (number, offset) of each marker
    for item in raw.header:
        start = w.block(item.text)
        cited.extend((n, start + len(item.text)) for n in item.notes)  # a title's note
        w.add("metadata", item.text, start, 0, item.notes, direct=bool(item.notes), label=item.label)

    paragraph = 0
    level = 0  # the depth of the last heading, so a label heading nests under it
    for index, block in enumerate(raw.blocks):
        if isinstance(block, RawParagraph):
            text, markers = flatten_segments(block.segments)
            if not text or (not markers and _WORDLESS.match(text)):
                continue
            paragraph += 1
            base = w.block(text)
            for pos, numbers in markers:
                cited.extend((n, base + pos) for n in numbers)
            if block.heading and looks_like_heading(text):
                # a heading is one passage, never split into sentences; a marker on it still cites its notes
                numbers = tuple(dict.fromkeys(n for _, ns in markers for n in ns))
                level = block.level or 1
                w.add("heading", text, base, paragraph, numbers, direct=bool(numbers), label=heading_label(level))
                continue
            if _is_label(block, text, next(iter(raw.blocks[index + 1 : index + 2]), None)):
                w.add("heading", text, base, paragraph, label=heading_label(min(level + 1, 6)))
                continue
            spans = split_sentences(text)
            for (s, e), (fns, direct) in zip(spans, _sentence_footnotes(spans, markers), strict=True):
                w.add("sentence", text[s:e], base + s, paragraph, fns, direct=direct)
        elif isinstance(block, RawTable):
            paragraph += 1
            refs = parse_source_line(block.sources) if block.sources else ()
            if block.caption:
                w.block(block.caption)
            table_cited: set[int] = set()
            for i, row in enumerate(block.rows):
                line = "; ".join(f"{col}: {val}" for col, val in zip(block.columns, row, strict=False) if val)
                start = w.line(line) if (block.caption or i) else w.block(line)
                notes = block.notes[i] if i < len(block.notes) else ()
                cited.extend((n, start) for n in notes if n not in table_cited)  # a column's note is cited once
                table_cited.update(notes)
                w.add(
                    "table_row", line, start, paragraph, notes, direct=bool(notes), label=block.caption, references=refs
                )
            if block.sources:
                paragraph += 1
                start = w.block(block.sources)
                w.add("source_note", block.sources, start, paragraph, label="table", references=refs)
        elif isinstance(block, RawSourceNote):
            paragraph += 1
            start = w.block(block.text)
            w.add("source_note", block.text, start, paragraph, label="figure", references=parse_source_line(block.text))

    footnotes: list[Footnote] = []
    warnings: list[ParseWarning] = []
    seen: set[int] = set()
    for number, definition in raw.footnote_defs:
        if number in seen:
            warnings.append(ParseWarning("duplicate_footnote", f"footnote {number} is defined more than once", number))
            continue
        seen.add(number)
        footnotes.append(Footnote.from_reference(number, parse_reference(_INVISIBLE.sub("", definition))))
    if footnotes:
        w.block("Notes")
    for fn in footnotes:
        start = w.line(f"{fn.number}. {fn.raw}") + len(f"{fn.number}. ")
        w.add("footnote", fn.raw, start, None, (fn.number,), direct=True, label=f"footnote {fn.number}")

    cited_numbers = {n for n, _ in cited}
    for fn in footnotes:
        if fn.number not in cited_numbers:
            warnings.append(
                ParseWarning("orphan_footnote", f"footnote {fn.number} is defined but never cited", fn.number)
            )
    for n in sorted(cited_numbers - seen):
        warnings.append(ParseWarning("undefined_marker", f"marker {n} has no footnote definition", n))
    first_seen: list[int] = []
    for n, _ in cited:
        if n not in first_seen:
            first_seen.append(n)
    for prev, n in itertools.pairwise(first_seen):
        if n < prev:
            warnings.append(
                ParseWarning("out_of_order_footnote", f"footnote {n} is first cited after footnote {prev}", n)
            )

    return Brief(
        id=brief_id,
        title=raw.title.strip().rstrip(_TITLE_MARKS) or None if raw.title else raw.title,
        text="".join(w.parts),
        authors=raw.authors,
        editors=raw.editors,
        organisation=raw.organisation,
        date=raw.date,
        disclaimer=raw.disclaimer,
        footnotes=tuple(footnotes),
        passages=tuple(w.passages),
        warnings=tuple(warnings),
        format=raw.format,
        content_hash=content_hash,
        source_path=source_path,
        markers=tuple(cited),
    )
