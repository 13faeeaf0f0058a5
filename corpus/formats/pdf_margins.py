"""What a PDF page prints in its margins rather than its text: running headers and footers, page numbers (folios,
arabic or roman, alone or beside a running title) and the line numbers of legal and draft manuscripts. Each is
removed from the pages' lines before structure is read (``corpus.formats.pdf``)."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from corpus.formats.common import clean
from corpus.formats.pdf_layout import Line, Page, make_line

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?[-–]?\s*\d{1,5}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
# a front matter's folio in lower-case roman numerals ("xiv"), alone on its line
_ROMAN_FOLIO = re.compile(r"^\s*[-–]?\s*([ivxlc]{1,7})\s*[-–]?\s*$")
_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed roman numeral in either case ("xiv" 14, "III" 3); None for other words."""
    if not numeral or not _ROMAN.match(numeral):
        return None
    values = [_ROMAN_VALUES[ch] for ch in numeral.lower()]
    return sum(-v if k + 1 < len(values) and values[k + 1] > v else v for k, v in enumerate(values))


def _roman_folio(text: str) -> int | None:
    """The value of a lower-case roman page number standing alone ("xiv"), if the text is one."""
    m = _ROMAN_FOLIO.match(text)
    return roman_value(m.group(1)) if m else None


def signature(line: Line) -> str:
    text = re.sub(r"\d+", "#", clean(line.text))
    # a lower-case roman folio before or after a running title ("xii PREFACE", "PREFACE xiii") counts as a number
    text = re.sub(
        r"^[ivxlc]{1,7}(?=\s)|(?<=\s)[ivxlc]{1,7}$", lambda m: "#" if roman_value(m.group()) else m.group(), text
    )
    return text.lower()


_FOLIO = re.compile(r"^\s*(\d{1,5})\s+\D.{0,60}$|^.{0,60}\D\s+(\d{1,5})\s*$")
_ROMAN_RUNNING = re.compile(r"^\s*([ivxlc]{1,7})\s+\S.{0,60}$|^.{0,60}\S\s+([ivxlc]{1,7})\s*$")


def _folio(line: Line) -> int | None:
    """The page number a short margin line opens or ends with ("308 NOTES", "“PIRACY” 23", "xii PREFACE"), if
    any."""
    text = clean(line.text)
    if len(text.split()) > 8 or _opens_raised(line):
        return None
    m = _FOLIO.match(text)
    if m is None:
        r = _ROMAN_RUNNING.match(text)
        return roman_value(r.group(1) or r.group(2)) if r else None
    number = m.group(1) or m.group(2)
    if m.group(1) and text[len(number) :][:1] in ".)":
        return None  # "12. Ibid.": a typed note label, not a folio
    return int(number)


def _outermost(page: Page) -> list[Line]:
    """The lines nearest the page's top and bottom edges (a folio is never inside the text block)."""
    if not page.lines:
        return []
    top = min(ln.top for ln in page.lines)
    bottom = max(ln.bottom for ln in page.lines)
    return [ln for ln in page.lines if ln.top <= top + 2 or ln.bottom >= bottom - 2]


def _opens_raised(line: Line) -> bool:
    """A line opening with a raised label is a note ("⁴ Ibid."), however often its text repeats."""
    first = next((c for c in line.chars if c.text.strip()), None)
    return first is not None and first.raised


def drop_running(pages: list[Page]) -> list[str]:
    """Remove running headers/footers and page numbers: lines in the top or bottom margin that repeat, and margin
    lines carrying the page's number in sequence with the numbers of the pages around it. Returns the text of the
    running lines removed from the pages after the first (what the publication prints on every page)."""

    def marginal(page: Page, line: Line) -> bool:
        return line.bottom < page.height * 0.12 or line.top > page.height * 0.88

    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        for key in {(signature(ln), round(ln.top / 10)) for ln in page.lines if marginal(page, ln)}:
            seen[key] += 1

    # A running head may sit on every other page only (verso and recto differ) or on a section's pages only
    # ("NOTES 301"): three pages with the same margin line, digits aside, is already a pattern, and two when the
    # line opens or ends with its page number.
    def running(page: Page, line: Line) -> bool:
        if _opens_raised(line):
            return False
        key = signature(line)
        threshold = 2 if len(pages) < 6 or key.startswith("#") or key.endswith("#") else 3
        return (
            seen[(key, round(line.top / 10))] >= threshold
            or bool(_PAGE_NUMBER.match(line.text))
            or _roman_folio(clean(line.text)) is not None
        )

    texts: list[str] = []
    for index, page in enumerate(pages):
        dropped = [ln for ln in page.lines if marginal(page, ln) and running(page, ln)]
        if index:
            texts.extend(clean(ln.text) for ln in dropped)
        page.lines = [ln for ln in page.lines if not (marginal(page, ln) and running(page, ln))]

    # A folio counts up with the pages even where the running title beside it changes ("“PIRACY” 23", "24 FREE
    # CULTURE"): a margin number one or two on from a margin number one or two pages away is the page's number.
    folios = [{n for ln in _outermost(page) if marginal(page, ln) and (n := _folio(ln)) is not None} for page in pages]
    for p, page in enumerate(pages):
        found = {
            id(ln)
            for ln in _outermost(page)
            if marginal(page, ln)
            and (n := _folio(ln)) is not None
            and any(0 <= p + d < len(pages) and n + d in folios[p + d] for d in (-2, -1, 1, 2))
        }
        page.lines = [ln for ln in page.lines if id(ln) not in found]
    return list(dict.fromkeys(texts))


def _leading_number(line: Line) -> tuple[str, int] | None:
    """(digits, count of characters) of a bare number that opens a line and stands apart from the text after it."""
    chars = [c for c in line.chars if c.text.strip()]
    n = 0
    while n < len(chars) and chars[n].text.isdigit() and not chars[n].raised:
        n += 1
    if n == 0 or n > 4:
        return None
    if n < len(chars) and chars[n].x0 - chars[n - 1].x1 < 1.2 * line.size:
        return None  # "12 Angry Men", "2020 saw…": a number that is part of the text
    return "".join(c.text for c in chars[:n]), n


def drop_line_numbers(page: Page) -> None:
    """Remove margin line numbers (legal and draft manuscripts): bare numbers at one x left of the text on many
    lines of a page, rising down the page, whether they share the text's baseline or stand on lines of their own."""
    found = [(ln, hit) for ln in page.lines if (hit := _leading_number(ln)) is not None]
    if len(found) < 5:
        return
    columns = Counter(round(ln.x0 / 4) for ln, _ in found)
    x_key, count = columns.most_common(1)[0]
    numbered = [(ln, hit) for ln, hit in found if round(ln.x0 / 4) == x_key]
    values = [int(d) for _, (d, _) in numbered]
    rising = sum(b > a for a, b in itertools.pairwise(values))
    text_left = min((ln.x0 for ln in page.lines if _leading_number(ln) is None), default=page.width)
    if count < 5 or rising < 0.8 * (len(values) - 1) or numbered[0][0].x0 > text_left - 2:
        return
    lines = []
    for ln in page.lines:
        hit = next((h for x, h in numbered if x is ln), None)
        if hit is None:
            lines.append(ln)
            continue
        cut = set([i for i, c in enumerate(ln.chars) if c.text.strip()][: hit[1]])
        rest = [c for i, c in enumerate(ln.chars) if i not in cut]
        while rest and not rest[0].text.strip():
            rest.pop(0)
        if rest:
            lines.append(make_line(rest, ln.page))
    page.lines = lines
