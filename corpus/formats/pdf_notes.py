"""Notes in a PDF: the foot of each page (or column) and an endnote section at the end.

Where a page's notes begin (``split_foot``), first rule that applies:
1. a short rule below the text, not an underline, with a numbered line under it (or, when the previous page ended
   inside a note, any line: the note continues);
2. type smaller than the body's below the last body line, from the first line that opens with a number;
3. type the same size as the body (court opinions, typescripts): a line in the lower half that opens with a raised
   number, set off from the text above by a gap wider than the text's line pitch, or followed by lines set tighter.

An endnote section (``endnote_section``) starts at a heading such as "Notes", "Endnotes", "References" or
"Notes to pages 12-40" in the second half of the document; its numbered entries are read in column order, a
number opening an entry only when it follows the previous entry (or restarts at 1), so a wrapped line that opens
with a year or a page number stays inside its entry.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from corpus.formats.common import NOTES_HEADING, clean
from corpus.formats.pdf_layout import Char, Line, Page, tokens
from corpus.formats.pdf_text import spaced

# "12. ", "12) ", "12 " or a bibliography's "[12] " opening a line
_NUMBERED = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)]?)\s+\S")
# note symbols, with LaTeX's: its \thanks and symbol footnotes print "∗" (U+2217), "¶" and "‖"
_SYMBOLS = frozenset("*∗†‡§¶‖")


def note_label(line: Line) -> str | None:
    """The label a note line opens with: raised digits or a raised symbol ("*", "†"), or a typed "12." / "12 "."""
    chars = [c for c in line.chars if c.text.strip()]
    if not chars:
        return None
    if chars[0].raised:
        # "¹", "1.", and the bracketed "[1]" or "(1)" some classes print
        label = "".join(c.text for c in itertools.takewhile(lambda c: c.raised, chars)).rstrip(".").strip("[]()")
        if len(label) == len(chars):
            return None  # raised and nothing else: not a note line
        if label.isdigit() or (label and set(label) <= _SYMBOLS):
            return label
        return None
    m = _NUMBERED.match(line.text)
    return (m.group(1) or m.group(2)) if m else None


def note_text(line: Line, label: str) -> str:
    """A note line's text without its label."""
    if line.chars and next(c for c in line.chars if c.text.strip()).raised:
        out = list(tokens(line.chars))
        while out and (out[0][1] or not out[0][0].strip()):
            out.pop(0)
        return clean(spaced("".join(t for t, _ in out)))
    return clean(spaced(re.sub(rf"^\s*(?:\[{re.escape(label)}\]|{re.escape(label)}[.)]?)\s*", "", line.text, count=1)))


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def _compact(foot: list[Line]) -> bool:
    """Notes are set close: no gap between two of them wider than two lines."""
    return all(b.top - a.bottom < 2 * a.size for a, b in itertools.pairwise(foot))


def _opens_raised_label(line: Line) -> bool:
    first = next((c for c in line.chars if c.text.strip()), None)
    return first is not None and first.raised and (note_label(line) or "").isdigit()


def _by_rule(
    lines: list[Line], rules: list[tuple[float, float, float]], body_size: float, open_note: bool, page_height: float
) -> int | None:
    x0 = min(ln.x0 for ln in lines)
    x1 = max(ln.x1 for ln in lines)

    def underline(top: float, left: float) -> bool:
        # a line of spaces is no text: Word draws a note separator as underlined blanks
        return any(
            ln.top - 1 <= top <= ln.bottom + 2.5 and ln.x0 - 2 <= left <= ln.x1 and ln.text.strip() for ln in lines
        )

    for top, left, right in sorted(rules):
        # a note separator starts at the text's left edge and is shorter than the text is wide (a table's rules
        # start where the table does), unless the line under it opens with a raised number: some classes draw
        # the separator across the whole measure
        if abs(left - x0) > 12 or underline(top, left):
            continue
        i = next((k for k, ln in enumerate(lines) if ln.top > top), None)
        if i is None or i == 0 or any(ln.top <= top for ln in lines[i:]):
            continue
        if right - left > 0.75 * (x1 - x0) and not (_opens_raised_label(lines[i]) and top > page_height / 2):
            continue
        if any(ln.size > body_size * 1.05 for ln in lines[i:]) or not _compact(lines[i:]):
            continue
        if note_label(lines[i]) is not None or open_note:
            return i
    return None


def _by_size(lines: list[Line], body_size: float) -> int | None:
    last_body = max((i for i, ln in enumerate(lines) if ln.size >= body_size * 0.92), default=-1)
    return next(
        (i for i in range(last_body + 1, len(lines)) if note_label(lines[i]) is not None and _has_words(lines[i])),
        None,
    )


def _by_raised_number(lines: list[Line], body_size: float, height: float) -> int | None:
    for i in range(1, len(lines)):
        line = lines[i]
        first = next((c for c in line.chars if c.text.strip()), None)
        if line.top < height * 0.5 or first is None or not first.raised or note_label(line) is None:
            continue
        if not _has_words(line):
            continue
        if any(ln.size > body_size * 1.05 for ln in lines[i:]):
            continue
        body_pitch = _median([b.top - a.top for a, b in itertools.pairwise(lines[:i])]) or 1.4 * body_size
        foot_pitch = _median([b.top - a.top for a, b in itertools.pairwise(lines[i:])])
        if line.top - lines[i - 1].top > 1.15 * body_pitch or 0 < foot_pitch < 0.8 * body_pitch:
            return i
    return None


def raised_numbers(lines: list[Line]) -> set[int]:
    """Every number set as a raised run of digits in these lines (the page's markers)."""
    found: set[int] = set()
    for line in lines:
        run = ""
        for c in [*line.chars, None]:
            if c is not None and c.raised and c.text.isdigit():
                run += c.text
            else:
                if run:
                    found.add(int(run))
                run = ""
    return found


def split_foot(
    lines: list[Line], page: Page, body_size: float, open_note: bool, raised: set[int]
) -> tuple[list[Line], list[Line]]:
    """(body lines, note lines) of one flow of a page; ``raised`` holds every number the document raises."""
    if not lines:
        return lines, []
    start = _by_rule(lines, page.rules, body_size, open_note, page.height)
    if start is None:
        start = _by_size(lines, body_size)
        # smaller type that opens with a typed number (a table's, a caption's, a year) is a note only when the
        # document raises that number somewhere as a marker
        label = note_label(lines[start]) if start is not None else None
        if start is not None and label is not None and label.isdigit() and int(label) not in raised:
            start = None
    if start is None:
        start = _by_raised_number(lines, body_size, page.height)
    if start is None or not _has_words(lines[start]):
        return lines, []
    return lines[:start], lines[start:]


def _has_words(line: Line) -> bool:
    """A note says something: a line of only digits and symbols ("1 1 1", a display formula's indices set small at
    the foot of a page) opens none."""
    label = note_label(line) or ""
    return sum(ch.isalpha() for ch in note_text(line, label)) >= 2


def read_notes(lines: list[Line], notes: list[tuple[str, str]], join: Callable[[str, str], str]) -> None:
    """Add a foot's notes to ``notes`` (label, text); a line without a label continues the last note, and so does a
    line opening with a typed number under notes labelled with raised ones ("…for more than" / "10 seconds.")."""
    raised_labels = False
    for line in lines:
        label = note_label(line)
        opens_raised = _opens_raised_label(line)
        if label is not None and not (raised_labels and not opens_raised and label.isdigit()):
            raised_labels = raised_labels or opens_raised
            notes.append((label, note_text(line, label)))
        elif notes:
            last, text = notes[-1]
            notes[-1] = (last, join(text, clean(spaced(line.text))))


def _names_a_part(line: Line) -> bool:
    """A short line that ends no sentence: a chapter's or section's name above its notes, not a note's last line
    (which ends in a period, a page number or a closing bracket)."""
    text = clean(line.text)
    letters = text.lstrip("\"“‘'([")
    return 0 < len(text) <= 60 and not re.search(r"[.,;:)\]\d]$", text) and letters[:1].isupper()


def _heading_like(line: Line, size: float) -> bool:
    return line.size > size * 1.1 or line.bold


def endnote_section(pages: list[Page]) -> tuple[int, int, int] | None:
    """(page, flow, line) of the heading that opens an endnote section: a line that is only "Notes" (or the like),
    past the first quarter of the pages (a contents page names the section too), with a numbered entry within the
    next lines. Its type need not stand out: a book may set "NOTES" in the text's own size and weight."""
    flat = [
        (p, f, i, ln) for p, page in enumerate(pages) for f, flow in enumerate(page.flows) for i, ln in enumerate(flow)
    ]
    for k, (p, f, i, ln) in enumerate(flat):
        if p < len(pages) // 4 or not NOTES_HEADING.match(clean(ln.text)):
            continue
        if any((label := note_label(x)) is not None and label.isdigit() for *_, x in flat[k + 1 : k + 4]):
            return p, f, i
        # a book may open its notes with a paragraph on how to read them, or a chapter's name, before note 1
        # (on the heading's page); that note 1 then opens the section
        after = [x for q, *_, x in flat[k + 1 : k + 40] if q == p]
        labels = [(n, x) for n, x in enumerate(after) if note_label(x) is not None]
        if (
            labels
            and note_label(labels[0][1]) == "1"
            and not any(_heading_like(x, ln.size) for x in after[: labels[0][0]])
        ):
            return p, f, i
    return None


def read_endnotes(lines: list[Line], join: Callable[[str, str], str]) -> tuple[list[tuple[int, str]], list[Line]]:
    """(entries, lines after the section) from the lines that follow an endnote heading, in reading order."""
    head = lines[0] if lines else None
    entries: list[tuple[int, str]] = []
    note_size = _median([ln.size for ln in lines[1:]]) or (head.size if head else 0)
    last = 0
    for k, line in enumerate(lines[1:], 1):
        label = note_label(line)
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if label is None and last and nxt is not None and note_label(nxt) == "1" and _names_a_part(line):
            last = 0  # "CHAPTER TWO: MERE COPYISTS" set in the notes' own type: the next chapter's notes
            continue
        if label is None and _heading_like(line, note_size):
            if head is not None and line.size >= head.size * 0.95 and not NOTES_HEADING.match(clean(line.text)):
                return entries, lines[k:]  # a heading of the notes heading's rank ends the section
            if not entries or NOTES_HEADING.match(clean(line.text)) or (nxt is not None and note_label(nxt) == "1"):
                continue  # "Chapter 3", "Notes to pages 41-60": a part's name; its numbering may restart at 1
            # otherwise a bold or larger line inside a note is the note's own text, and never resets the count,
            # so a wrapped line opening with a year or a page ("1992", "872") cannot open a note
        if label is not None and label.isdigit() and (not last or int(label) in (last + 1, 1)):
            entries.append((int(label), note_text(line, label)))
            last = int(label)
        elif entries:
            number, text = entries[-1]
            entries[-1] = (number, join(text, clean(spaced(line.text))))
    return entries, []


def _prose(line: Line, body_size: float) -> bool:
    """A line of running text in the body's type: several words, three of them lower-case (a byline's names have
    at most an "and"; a title is set larger)."""
    words = clean(line.text).split()
    return (
        abs(line.size - body_size) <= 0.6 and len(words) >= 6 and sum(w.isalpha() and w.islower() for w in words) >= 3
    )


def byline_notes(lines: list[Line], body_size: float, numbers: set[int]) -> set[int]:
    """Of the notes at the first page's foot (``numbers``), those cited only above its first line of running text:
    an author's affiliation ("Jan Doe¹, Ann Roe²" over "¹ University of X", "² Research Lab"), not a note. The
    raised marks of those lines are taken out of them."""
    head: list[Line] = list(itertools.takewhile(lambda ln: not _prose(ln, body_size), lines))
    # a mark on the title itself, set larger than the text, cites a note on the paper (who funded it, where it
    # was read), not an author's affiliation
    byline = [ln for ln in head if ln.size <= body_size * 1.15]
    above = raised_numbers(byline)
    below = raised_numbers(lines[len(head) :])
    found = {n for n in numbers if n in above and n not in below}
    if found:
        # the byline's marks go with their notes: "Jan Doe¹,²*" reads "Jan Doe"
        for line in byline:
            kept: list[Char] = []
            for c in line.chars:
                if c.raised and (c.text.isdigit() or c.text in _SYMBOLS | {","}):
                    if kept:  # no gap where the mark stood, so no space is read into "Doe ,"
                        kept[-1].x1 = max(kept[-1].x1, c.x1)
                else:
                    kept.append(c)
            line.chars = kept
    return found


def _in_sequence(defs: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
    """Page-foot notes (number, text, page) in reading order, without a stray definition of a number another note
    defines in sequence: "2 Research Lab" under a byline's affiliation marks on page one is not note 2 when note 2
    follows note 1 later. A number defined twice in sequence (numbering restarted per chapter) keeps both."""
    fits = [d[0] == 1 or (k > 0 and d[0] == defs[k - 1][0] + 1) for k, d in enumerate(defs)]
    fitting = {d[0] for d, ok in zip(defs, fits, strict=True) if ok}
    return [d for d, ok in zip(defs, fits, strict=True) if ok or d[0] not in fitting]


def page_foot_notes(
    notes: list[tuple[str, str]], note_pages: list[int], bodies: list[list[list[Line]]], body_size: float
) -> list[tuple[int, str, int]]:
    """The numbered page-foot notes as (number, text, page) from the labelled notes read at the pages' feet and the
    page each opened on (0: a flow of notes only); ``bodies`` holds each page's body lines, flow by flow. Symbol
    notes ("*", "†") have no number to be cited by: they leave the body but are not numbered notes."""
    foot = [(int(label), text, pg) for (label, text), pg in zip(notes, note_pages, strict=True) if label.isdigit()]
    if bodies:
        title_page = [ln for flow in bodies[0] for ln in flow]
        affiliations = byline_notes(title_page, body_size, {n for n, _, pg in foot if pg == 1})
        foot = [d for d in foot if not (d[2] == 1 and d[0] in affiliations)]
    foot = _in_sequence(foot)
    # a number defined again by a note that nothing on its page cites: an author list's "1 University of X" at the
    # end, marked in the byline pages before, not a second series of notes
    page_raised = [raised_numbers([ln for flow in page_bodies for ln in flow]) for page_bodies in bodies]
    return [
        d
        for k, d in enumerate(foot)
        if d[2] == 0 or d[0] in page_raised[d[2] - 1] or not any(e[0] == d[0] for e in foot[:k])
    ]
