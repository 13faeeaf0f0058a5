"""Notes a plain-text file marks with bracketed numbers: "…New Mexico,[1] I visited" in the body, and the note
either as a bracketed block where the typesetter put it ("[Footnote 1: This work was …]", the convention of
transcribed books, possibly over several lines and holding brackets of its own) or as a line that opens with the
number ("[1] Box, G. E. P. …", the convention of essays with a notes list at the end), or, under a heading such
as "Footnotes" or "Notes", as a numbered list ("5.  SHI CHI, ch. 31.") whose numbers the body cited in brackets.

A bracketed number in the body is a marker only when a note with that number exists, so "[1990]" or "[sic]" stay
text; a line opening with "[n]" is a note only when the body cited "[n]" before it.
"""

from __future__ import annotations

import re

from corpus.markers import SUPERSCRIPT_RUN, resolve_marker, superscript_to_str
from corpus.raw import Marker, Segment

# "Notes", "Endnotes", "References", and a book's "Notes to pages 41–60" or "Notes to Chapter 3"
NOTES_HEADING = re.compile(
    r"^\s*(?:end\s*notes?|foot\s*notes?|notes?|references)"
    r"(?:\s+(?:to|for)\s+(?:pages?|chapters?|part)\s+[\w.\s–-]{1,24}?)?\s*:?\s*$",
    re.IGNORECASE,
)
# "12.  text" opening a line of a notes section
_LIST_NOTE = re.compile(r"^\s*(\d{1,4})\.\s+(\S.*)$")
# "[Footnote 12: …]" / "[Note 3: …]" opening a line (the block ends at its matching bracket)
_BLOCK_OPEN = re.compile(r"^[ \t]*\[(?:foot\s*note|note)\s+(\d{1,4})\s*[:.]\s*", re.IGNORECASE | re.MULTILINE)
# "[12] text" opening a line
_LINE_NOTE = re.compile(r"^\s*\[(\d{1,4})\]\s+(\S.*)$")
# a bracketed number inside running text: after a letter, a closing mark or punctuation, possibly one space (two
# after a typist's colon: "Sun Tzu:  [1]"), and before anything ("adopted[2]:--The fat", "burn[9]."); set off by a
# space and followed by a colon it is a label ("… below. [1]: https://…"), not a marker
BRACKET_MARKER = re.compile(r"(?<=[^\s\[])(?:\s{1,2}(?=\[\d{1,4}\](?!\s*:)))?\[(\d{1,4})\]")


# "{12}" in braces, the mark some transcribed books use instead of brackets: inline, and opening a note's line
_CURLY = re.compile(r"\{(\d{1,4})\}")
_CURLY_NOTE_LINE = re.compile(r"^[ \t]*\{(\d{1,4})\}[ \t]+\S", re.MULTILINE)


def braces_as_brackets(text: str) -> str:
    """The text with notes marked "{n}" rewritten to the bracketed "[n]" the rest of this module reads, when they
    are notes: a line opens with "{n}" and the text before that line cites "{n}", for at least two numbers, and no
    "[n]" of those numbers is already in the text. Braces around anything else ("{4a}", "{x}") stay as they are."""
    numbers = {
        m.group(1)
        for m in _CURLY_NOTE_LINE.finditer(text)
        if re.search(r"\S[ \t]*\{" + m.group(1) + r"\}", text[: m.start()])
    }
    if len(numbers) < 2 or any(f"[{n}]" in text for n in numbers):
        return text
    return _CURLY.sub(lambda m: f"[{m.group(1)}]" if m.group(1) in numbers else m.group(0), text)


def _block_end(text: str, start: int) -> int | None:
    """Index just past the bracket that closes the block opened at ``start`` (nested brackets allowed)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def take_bracket_blocks(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text without its "[Footnote n: …]" blocks (each replaced by a blank line, so paragraphs around it stay
    apart), and the notes as (number, text) in document order."""
    notes: list[tuple[int, str]] = []
    out: list[str] = []
    pos = 0
    for m in _BLOCK_OPEN.finditer(text):
        if m.start() < pos:
            continue  # inside a block already taken
        open_at = text.index("[", m.start())
        end = _block_end(text, open_at)
        if end is None:
            continue
        body = text[m.end() : end - 1]
        notes.append((int(m.group(1)), " ".join(body.split())))
        out.append(text[pos : m.start()])
        out.append("\n\n")
        pos = end
    out.append(text[pos:])
    return "".join(out), notes


# "[Footnote: …]" with no number: the transcriber kept the note where the printer set it, without its mark
_UNNUMBERED_OPEN = re.compile(r"\[(?:foot\s*note|note)\s*:\s*", re.IGNORECASE)
# bracketed numbers from here up are years ("[1758]"), not notes, when finding the highest note number
NOTE_NUMBER_LIMIT = 1000


def number_unnumbered_blocks(text: str, numbered: list[tuple[int, str]]) -> tuple[str, list[tuple[int, str]]]:
    """The text with each unnumbered "[Footnote: …]" block replaced by a bracketed marker right after the text it
    follows, and its notes, numbered after the highest note number of the text (as Markdown's named notes are)."""
    found = list(_UNNUMBERED_OPEN.finditer(text))
    if not found:
        return text, []
    cited = [int(n) for n in re.findall(r"\[(\d{1,4})\]", text) if int(n) < NOTE_NUMBER_LIMIT]
    highest = max([n for n, _ in numbered] + cited + [0])
    notes: list[tuple[int, str]] = []
    out: list[str] = []
    pos = 0
    for m in found:
        if m.start() < pos:
            continue
        end = _block_end(text, m.start())
        if end is None:
            continue
        highest += 1
        notes.append((highest, " ".join(text[m.end() : end - 1].split())))
        before = text[pos : m.start()]
        kept = before.rstrip()
        gap = before[len(kept) :]
        # "water. [Footnote: …] Mr." -> "water. [20] Mr."; a block between paragraphs ends the one above it
        out += [kept, f" [{highest}]", gap if "\n" in gap else ""]
        pos = end
    out.append(text[pos:])
    return "".join(out), notes


def cited_before(text: str) -> dict[int, int]:
    """Each bracketed number cited in running text, with the offset of its first citation."""
    first: dict[int, int] = {}
    for m in BRACKET_MARKER.finditer(text):
        first.setdefault(int(m.group(1)), m.start())
    return first


def line_note(line: str) -> tuple[int, str] | None:
    m = _LINE_NOTE.match(line)
    return (int(m.group(1)), m.group(2).strip()) if m else None


def listed_note(lines: list[str], cited: set[int], previous: int | None) -> tuple[int, str] | None:
    """A block of a notes section that is one note of a numbered list ("5.  SHI CHI, ch. 31."), its lines joined:
    its number was cited in brackets before, or follows the note above it (a note may have lost its marker)."""
    m = _LIST_NOTE.match(lines[0])
    if m is None:
        return None
    number = int(m.group(1))
    if number not in cited and (previous is None or number != previous + 1):
        return None
    return number, " ".join([m.group(2).strip(), *(ln.strip() for ln in lines[1:])])


def marker_segments(
    text: str, defined: set[int], last: int, bracketed: frozenset[int] = frozenset()
) -> tuple[tuple[Segment, ...], int]:
    """A paragraph's text as text and markers: superscript runs resolved against the notes ``defined`` (``last``:
    the highest note cited so far), bracketed numbers where a bracketed note has that number."""
    segs: list[Segment] = []
    pos = 0
    found = list(SUPERSCRIPT_RUN.finditer(text))
    found += [m for m in BRACKET_MARKER.finditer(text) if int(m.group(1)) in bracketed]
    for m in sorted(found, key=lambda m: m.start()):
        if m.start() < pos:
            continue
        if m.start() > pos:
            segs.append(text[pos : m.start()])
        if m.re is BRACKET_MARKER:
            numbers: tuple[int, ...] = (int(m.group(1)),)
        else:
            numbers = resolve_marker(superscript_to_str(m.group(0)), defined, last)
        last = max(last, *numbers)
        segs.append(Marker(numbers))
        pos = m.end()
    if pos < len(text):
        segs.append(text[pos:])
    return tuple(segs), last
