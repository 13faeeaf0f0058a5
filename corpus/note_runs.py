"""Notes that restart at 1 in every chapter, made unique within the current model (a note is one int).

A book's endnotes may be numbered 1..n per chapter, so note 3 is printed once per chapter. When the definitions
fall into runs that each count up from 1, and the body's markers fall into as many runs (a marker 1 after the run
already had a 1 opens the next), each fitting its run of notes, run k is shifted by the number of notes before it:
markers in chapter k then cite chapter k's notes. The printed number stays in the note's text ("(note 3 of part
2) ..."). Anything that does not fit this shape is left as it is, and the builder warns about duplicates as before.
"""

from __future__ import annotations

from dataclasses import replace

from corpus.raw import Marker, RawDocument, RawParagraph


def _def_runs(defs: tuple[tuple[int, str], ...]) -> list[list[tuple[int, str]]]:
    runs: list[list[tuple[int, str]]] = []
    for number, text in defs:
        if number == 1 or not runs:
            runs.append([])
        runs[-1].append((number, text))
    return runs


def _marker_runs(raw: RawDocument) -> list[int]:
    """The run index of every marker, in reading order."""
    run, seen_one, out = 0, False, []
    for block in raw.blocks:
        if not isinstance(block, RawParagraph):
            continue
        for seg in block.segments:
            if isinstance(seg, Marker):
                if 1 in seg.numbers:
                    if seen_one:
                        run += 1
                    seen_one = True
                out.append(run)
    return out


def _exact_alignment(maxes: list[int], lasts: list[int]) -> list[int] | None:
    """The one way to give each marker run, in order, a later run of notes that ends at its highest marker; None
    when there is no such way or more than one (an excerpt's notes pages may hold other chapters' notes)."""
    found: list[list[int]] = []

    def walk(k: int, start: int, path: list[int]) -> None:
        if len(found) > 1:
            return
        if k == len(maxes):
            found.append(path)
            return
        for j in range(start, len(lasts)):
            if lasts[j] == maxes[k]:
                walk(k + 1, j + 1, [*path, j])

    walk(0, 0, [])
    return found[0] if len(found) == 1 else None


def _marker_maxes(raw: RawDocument, marker_runs: list[int]) -> list[int]:
    maxes: dict[int, int] = {}
    index = 0
    for block in raw.blocks:
        if isinstance(block, RawParagraph):
            for seg in block.segments:
                if isinstance(seg, Marker):
                    k = marker_runs[index]
                    maxes[k] = max(maxes.get(k, 0), *seg.numbers)
                    index += 1
    return [maxes[k] for k in sorted(maxes)]


def renumber_restarting_notes(raw: RawDocument) -> RawDocument:
    """The document with per-chapter note numbers made unique, or unchanged when its notes do not restart."""
    runs = _def_runs(raw.footnote_defs)
    if len(runs) < 2 or any([n for n, _ in r] != list(range(r[0][0], r[0][0] + len(r))) for r in runs):
        return raw
    if any(r[0][0] != 1 for r in runs[1:]):
        return raw
    marker_runs = _marker_runs(raw)
    if not marker_runs:
        return raw
    if marker_runs[-1] == len(runs) - 1 and runs[0][0][0] == 1:
        target = list(range(len(runs)))  # one run of markers for every run of notes
    else:
        # fewer chapters cite than have notes (a chapter printed with the notes pages around its own): each run of
        # markers goes to the run of notes that ends where it ends, when only one such pairing exists
        aligned = _exact_alignment(_marker_maxes(raw, marker_runs), [r[-1][0] for r in runs])
        if aligned is None:
            return raw
        target = aligned
    offsets = [(runs[0][0][0] - 1 + sum(len(r) for r in runs[:k])) if k else 0 for k in range(len(runs))]
    blocks = []
    index = 0
    for block in raw.blocks:
        if isinstance(block, RawParagraph) and any(isinstance(s, Marker) for s in block.segments):
            segments = []
            for seg in block.segments:
                if isinstance(seg, Marker):
                    k = target[marker_runs[index]]
                    index += 1
                    if max(seg.numbers) > runs[k][-1][0] or min(seg.numbers) < runs[k][0][0]:
                        return raw  # a marker with no note in its chapter: the runs do not line up
                    seg = Marker(tuple(n + offsets[k] for n in seg.numbers))
                segments.append(seg)
            block = replace(block, segments=tuple(segments))
        blocks.append(block)
    defs = tuple(
        (n + offsets[k], f"(note {n} of part {k + 1}) {text}" if k else text)
        for k, run in enumerate(runs)
        for n, text in run
    )
    return replace(raw, blocks=tuple(blocks), footnote_defs=defs)
