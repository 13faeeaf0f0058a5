"""HTML tables: each cell's text with the notes its markers cite (a marker set in a cell, "Preludio[3]", is a
citation of that row, not text), and two-column "Label: value" tables read as key-value records."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from corpus.formats.common import clean
from corpus.formats.html_notes import DROP_TAGS, is_superscript
from corpus.raw import RawTable


def cell_text(cell: LexborNode, refs: dict[int, tuple[int, ...]]) -> tuple[str, tuple[int, ...]]:
    """The cell's text without its note markers, and the notes they cite in order (``refs``: the marker links)."""
    parts: list[str] = []
    notes: list[int] = []

    def walk(node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                parts.append(child.text(deep=False) or "")
            elif child.tag == "a" and child.mem_id in refs:
                notes.extend(refs[child.mem_id])
            elif is_superscript(child) and (inner := [a for a in child.css("a") if a.mem_id in refs]):
                notes.extend(n for a in inner for n in refs[a.mem_id])  # "<sup>[<a>3</a>]</sup>": brackets too
            elif child.tag == "br":
                parts.append(" ")
            elif child.tag not in DROP_TAGS and child.tag != "-comment":
                walk(child)

    walk(cell)
    return "".join(parts), tuple(dict.fromkeys(notes))


def is_key_value(rows: list[list[str]]) -> bool:
    """A two-column table of "Label: value" rows (an infobox, a fact sheet), not a grid with column names."""
    filled = [[c for c in r if clean(c)] for r in rows]
    pairs = [r for r in filled if len(r) == 2]
    if len(pairs) < 2 or any(len(r) > 2 for r in filled):
        return False
    return sum(1 for r in pairs if clean(r[0]).endswith(":")) >= len(pairs) / 2


def key_value_tables(rows: list[list[str]]) -> list[RawTable]:
    """One table per group of pairs, captioned by the one-cell row above it; one-cell rows under no pair (an image
    credit, "See text") are decoration."""
    out: list[RawTable] = []
    caption: str | None = None
    keys: list[str] = []
    values: list[str] = []

    def close() -> None:
        if keys:
            out.append(RawTable(caption, tuple(keys), (tuple(values),)))
        keys.clear()
        values.clear()

    for row in rows:
        cells = [clean(c) for c in row if clean(c)]
        if len(cells) == 1:
            close()
            caption = cells[0]
        elif len(cells) == 2:
            keys.append(cells[0].rstrip(":").strip())
            values.append(cells[1])
    close()
    return out
