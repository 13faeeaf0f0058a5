"""Pandoc's inline notes, ``text.^[The note's own words.]``: R Markdown, Quarto and pandoc documents write a note
where it is cited instead of under a label. Each becomes a labelled note (``[^inline-1]`` and its definition at the
end), so it is numbered in reading order with the other notes, as pandoc numbers them. Code spans and fenced code
blocks are left alone."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def _note_end(text: str, start: int) -> int | None:
    """Index of the bracket closing the note whose "[" is at ``start`` (brackets inside it may nest)."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "\\":
            continue
        if ch == "[" and text[i - 1 : i] != "\\":
            depth += 1
        elif ch == "]" and text[i - 1 : i] != "\\":
            depth -= 1
            if depth == 0:
                return i
        elif ch == "\n" and text[i + 1 : i + 2] == "\n":
            return None  # a note never spans a blank line
    return None


def _convert_prose(text: str, notes: list[str]) -> str:
    out: list[str] = []
    pos = i = 0
    while i < len(text):
        if text[i] == "`":
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            close = text.find("`" * run, i + run)
            i = close + run if close >= 0 else i + run  # skip a code span whole
            continue
        if text.startswith("^[", i) and text[i - 1 : i] != "\\":
            end = _note_end(text, i + 1)
            if end is not None:
                notes.append(" ".join(text[i + 2 : end].split()))
                out.append(text[pos:i])
                out.append(f"[^inline-{len(notes)}]")
                pos = i = end + 1
                continue
        i += 1
    out.append(text[pos:])
    return "".join(out)


def inline_notes_to_labels(source: str) -> str:
    """The Markdown with every inline note replaced by a labelled reference and its definition appended."""
    if "^[" not in source:
        return source
    notes: list[str] = []
    parts: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in source.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            parts.append(_convert_prose("\n".join(prose), notes))
            prose, fence = [], m.group(1)[0] * len(m.group(1))
            parts.append(line)
        elif fence is not None:
            parts.append(line)
            if line.strip().startswith(fence):
                fence = None
        else:
            prose.append(line)
    if prose:
        parts.append(_convert_prose("\n".join(prose), notes))
    if not notes:
        return source
    body = "\n".join(parts).rstrip("\n")
    return body + "\n\n" + "\n\n".join(f"[^inline-{k}]: {note}" for k, note in enumerate(notes, 1)) + "\n"
