"""Where a PDF flow's paragraphs break: a gap wider than the line pitch, a change of type, a numbered heading in
body type, a title page's centred lines, a bold heading stopping short, or a first-line indent.

The indent is measured in ems of the line's type: LaTeX's and Word's indents are one to three ems, though a class may
set less than one (0.79 em is seen); a line's own jitter stays well under half an em.
"""

from __future__ import annotations

from corpus.formats.common import clean
from corpus.formats.pdf_headings import RUN_IN, TERMINAL, centred, numbered_heading_line, section_number
from corpus.formats.pdf_layout import Line

INDENT = 0.6  # ems a line must start right of the flow's left edge, under a flush line, to open a paragraph


def starts_paragraph(prev: Line, line: Line, leading: float, left: float, right: float, body_size: float) -> bool:
    """Whether ``line`` opens a new paragraph after ``prev`` (``leading``: the body's line pitch; ``left`` and
    ``right``: the flow's measure)."""
    gap = line.bottom - prev.bottom
    if gap > leading * 1.3 or gap < 0:
        return gap < 0 or not _heading_runs_on(prev, line, leading, left, right, body_size)
    if abs(line.size - prev.size) > 0.6:
        return True
    if numbered_heading_line(line, body_size, right) and (
        TERMINAL.search(clean(prev.text)) or prev.x1 < right - 6 * prev.size
    ):
        return True  # "2.1 Related work" on its own line after a paragraph's last line, in the body's own type
    if numbered_heading_line(prev, body_size, right):
        # the text under such a heading, or its first subsection ("2 Methods" over "2.1 Sampling"); a list of short
        # numbered items ("1. Apples", "2. Pears") runs on as one block
        number = section_number(line.text)
        return not number or number == (*section_number(prev.text), 1)
    if (
        line.page == 1
        and centred(prev, left, right)
        and centred(line, left, right)
        and abs(line.x0 - prev.x0) > line.size  # lines of one width are an indented block, not a title page
        and not prev.bold
    ):
        return True  # a title page's centred lines in body type: title, author, place and date, each its own
    if line.bold != prev.bold:
        # a bold run-in lead ("Act early. Symptoms…") fills its line and runs on; a bold heading stops short
        # (or its line already runs on into the body: "Risks to children. Children with asthma")
        text = clean(prev.text)
        runs_on = prev.x1 >= right - 2 * prev.size or bool(RUN_IN.search(text))
        return not (prev.bold and runs_on and not TERMINAL.search(text))
    indented = line.x0 > left + INDENT * line.size and prev.x0 <= left + 2
    # a display title's lines centred on one axis are one title ("Life beyond X:" over "an Opinion"), however
    # short the second
    centre = abs((prev.x0 + prev.x1) - (line.x0 + line.x1)) / 2 < line.size
    return indented and not (centre and (prev.bold or prev.size > body_size * 1.1))


def _heading_runs_on(prev: Line, line: Line, leading: float, left: float, right: float, body_size: float) -> bool:
    """A title or heading too long for one line, its lines set wider apart than the text's: the first fills the
    measure and ends no sentence, the next is in the same (bold or larger) type."""
    display = prev.bold or prev.size > body_size * 1.1
    return (
        display
        and line.bold == prev.bold
        and abs(line.size - prev.size) <= 0.6
        and line.bottom - prev.bottom <= leading * 2.6
        and prev.x1 - prev.x0 >= 0.85 * (right - left)
        and not TERMINAL.search(clean(prev.text))
    )
