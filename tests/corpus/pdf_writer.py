"""Lay a brief ``Spec`` out as a PDF with reportlab's canvas, the way word processors print footnoted briefs.

- body 11 pt Helvetica; footnote markers raised 4 pt in 7 pt type, glued to the word before them;
- each page's notes at its foot in 8 pt under a short rule, the note numbers raised;
- a running header and a page number on every page;
- tables drawn as ruled grids with the caption above and their "Sources:" line below in 9 pt;
- ``BREAK`` in a paragraph starts a new page mid-sentence.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tests.corpus.brief_writers import H, P, SourceNote, Spec, Table, _Break, _numbers

WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 80.0, 72.0
TEXT_WIDTH = WIDTH - LEFT - RIGHT
BODY, LEADING, GAP = 11.0, 15.0, 9.0
NOTE, NOTE_LEADING = 8.0, 10.0
FONT, BOLD = "Helvetica", "Helvetica-Bold"

# A word is a list of fragments: (text, font, size, rise)
Fragment = tuple[str, str, float, float]


def _width(word: list[Fragment]) -> float:
    return sum(stringWidth(t, f, s) for t, f, s, _ in word)


def _words(text: str, font: str, size: float) -> list[list[Fragment]]:
    return [[(w, font, size, 0.0)] for w in text.split()]


def _wrap(words: list[list[Fragment]], width: float, space: float) -> list[list[list[Fragment]]]:
    lines: list[list[list[Fragment]]] = []
    current: list[list[Fragment]] = []
    used = 0.0
    for w in words:
        ww = _width(w)
        if current and used + space + ww > width:
            lines.append(current)
            current, used = [], 0.0
        used += (space if current else 0.0) + ww
        current.append(w)
    if current:
        lines.append(current)
    return lines


@dataclass
class _Page:
    notes: list[int] = field(default_factory=list)


@dataclass
class PdfWriter:
    spec: Spec
    canvas: Canvas
    notes_font: str = FONT
    page_no: int = 1
    y: float = HEIGHT - TOP
    page: _Page = field(default_factory=_Page)

    # ----- notes -------------------------------------------------------------------------------------------
    def _note_lines(self, n: int) -> list[list[list[Fragment]]]:
        words = [[(str(n), FONT, 5.5, 3.0)], *_words(self.spec.notes[n], self.notes_font, NOTE)]
        return _wrap(words, TEXT_WIDTH, stringWidth(" ", FONT, NOTE))

    def _foot_height(self, notes: list[int]) -> float:
        if not notes:
            return 0.0
        return 14.0 + sum(len(self._note_lines(n)) for n in notes) * NOTE_LEADING

    def _draw_line(self, line: list[list[Fragment]], x: float, y: float, space_size: float) -> None:
        t = self.canvas.beginText(x, y)
        for i, word in enumerate(line):
            if i:
                t.setFont(FONT, space_size)
                t.setRise(0)
                t.textOut(" ")
            for text, font, size, rise in word:
                t.setFont(font, size)
                t.setRise(rise)
                t.textOut(text)
        t.setRise(0)
        self.canvas.drawText(t)

    def _finish_page(self) -> None:
        c = self.canvas
        c.setFont(FONT, 9)
        c.drawString(LEFT, HEIGHT - 45, self.spec.running_header)
        c.drawCentredString(WIDTH / 2, 40, str(self.page_no))
        notes = self.page.notes
        if notes:
            top = BOTTOM + self._foot_height(notes)
            c.setLineWidth(0.5)
            c.line(LEFT, top - 2, LEFT + TEXT_WIDTH / 3, top - 2)
            y = top - 12
            for n in notes:
                for line in self._note_lines(n):
                    self._draw_line(line, LEFT, y, NOTE)
                    y -= NOTE_LEADING
        c.showPage()
        self.page_no += 1
        self.y = HEIGHT - TOP
        self.page = _Page()

    def _room(self, height: float, notes: list[int]) -> bool:
        return self.y - height >= BOTTOM + self._foot_height(self.page.notes + notes)

    # ----- body --------------------------------------------------------------------------------------------
    def _place(
        self, line: list[list[Fragment]], notes: list[int], *, size: float = BODY, leading: float = LEADING
    ) -> None:
        if not self._room(leading, notes):
            self._finish_page()
        self._draw_line(line, LEFT, self.y - size, size)
        self.y -= leading
        self.page.notes.extend(n for n in notes if n not in self.page.notes)

    def text_block(self, lines: list[str], font: str = FONT, size: float = BODY, gap: float = GAP) -> None:
        for text in lines:
            for line in _wrap(_words(text, font, size), TEXT_WIDTH, stringWidth(" ", font, size)):
                self._place(line, [], size=size, leading=size * 1.35)
        self.y -= gap

    def paragraph(self, para: P) -> None:
        segments: list[list[list[Fragment]] | _Break] = [[]]
        for piece in para.pieces:
            if isinstance(piece, _Break):
                segments.append(piece)
                segments.append([])
                continue
            words = segments[-1]
            assert isinstance(words, list)
            if isinstance(piece, str):
                new = _words(piece, FONT, BODY)
                if words and piece[:1].strip() and new:  # text glued to the previous word
                    words[-1].extend(new.pop(0))
                words.extend(new)
            else:
                words[-1].append((",".join(str(n) for n in _numbers(piece)).replace(",", ""), FONT, 7.0, 4.0))
        for seg in segments:
            if isinstance(seg, _Break):
                self._finish_page()
                continue
            for line in _wrap(seg, TEXT_WIDTH, stringWidth(" ", FONT, BODY)):
                notes = [n for w in line for t, _, _, r in w if r > 0 for n in self._marker_numbers(t)]
                self._place(line, notes)
        self.y -= GAP

    def _marker_numbers(self, digits: str) -> list[int]:
        if int(digits) in self.spec.notes:
            return [int(digits)]
        return [int(d) for d in digits]

    def table(self, table: Table) -> None:
        rows = [table.columns, *table.rows]
        height = 18.0 * len(rows) + 40
        if not self._room(height, []):
            self._finish_page()
        self.text_block([table.caption], BOLD, 10, gap=4)
        col = TEXT_WIDTH / len(table.columns)
        top = self.y
        xs = [LEFT + i * col for i in range(len(table.columns) + 1)]
        ys = [top - i * 18.0 for i in range(len(rows) + 1)]
        self.canvas.setLineWidth(0.6)
        self.canvas.grid(xs, ys)
        for r, row in enumerate(rows):
            for i, cell in enumerate(row):
                self.canvas.setFont(BOLD if r == 0 else FONT, 9)
                self.canvas.drawString(xs[i] + 4, top - r * 18.0 - 13, cell)
        self.y = ys[-1] - 8
        self.text_block([table.sources], FONT, 9)

    def write(self, *, header: bool = True) -> None:
        s = self.spec
        if header:
            self.text_block([s.title], BOLD, 18, gap=14)
            self.text_block(["By", *(x for a in s.authors for x in a)], gap=GAP)
            self.text_block([s.organisation])
            self.text_block(["Edited by", *s.editors])
            self.text_block([s.date_text])
            self.text_block([f"({s.disclaimer})"], gap=GAP + 8)
        for b in s.blocks:
            if isinstance(b, P):
                self.paragraph(b)
            elif isinstance(b, H):
                self.text_block([b.text], BOLD, 13, gap=6)
            elif isinstance(b, Table):
                self.table(b)
            elif isinstance(b, SourceNote):
                self.text_block([b.text], FONT, 9)
        self._finish_page()


def to_pdf(spec: Spec, *, info: bool = True, header: bool = True, password: str | None = None) -> bytes:
    """``info``: fill the document info (title, author); ``header``: print the title block on page 1;
    ``password``: encrypt with this user password."""
    buf = io.BytesIO()
    encrypt = StandardEncryption(password, ownerPassword=password + "-owner") if password else None
    canvas = Canvas(buf, pagesize=A4, invariant=True, encrypt=encrypt)
    if info:
        canvas.setTitle(spec.title.title())
        canvas.setAuthor("; ".join(n for n, _ in spec.authors))
        canvas.setSubject("Issue brief")
    PdfWriter(spec, canvas).write(header=header)
    canvas.save()
    return buf.getvalue()


# ----- free-form pages ------------------------------------------------------------------------------------------
# Layouts the brief writer above does not make (same-size notes, columns, endnotes, margin numbers) are drawn line
# by line: each page is a function of the canvas, and "{12}" inside a line's text is a raised marker 12.


def draw_line(
    c: Canvas, x: float, y: float, text: str, *, font: str = "Times-Roman", size: float = 12.0, raised: float = 7.0
) -> None:
    """One line of text at baseline ``y``; "{n}" is drawn raised in smaller type, like a note marker."""
    t = c.beginText(x, y)
    for part in re.split(r"(\{[^}]*\})", text):
        if part.startswith("{") and part.endswith("}"):
            t.setFont(font, raised)
            t.setRise(size * 0.4)
            t.textOut(part[1:-1])
            t.setRise(0)
        elif part:
            t.setFont(font, size)
            t.textOut(part)
    c.drawText(t)


def draw_lines(
    c: Canvas,
    x: float,
    y: float,
    lines: list[str],
    *,
    pitch: float = 15.0,
    font: str = "Times-Roman",
    size: float = 12.0,
) -> float:
    """Lines from baseline ``y`` down; returns the baseline below the last one."""
    for line in lines:
        draw_line(c, x, y, line, font=font, size=size)
        y -= pitch
    return y


def canvas_pdf(pages: list[Callable[[Canvas], None]], *, title: str | None = None, author: str = "") -> bytes:
    """A PDF whose pages are drawn by the given functions (the info's Title and Author as given)."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=True)
    if title is not None:
        c.setTitle(title)
    c.setAuthor(author)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return buf.getvalue()
