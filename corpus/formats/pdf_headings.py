"""Which paragraphs of a PDF are headings, and how deep each one sits.

A heading stands out by its type (larger than the body, or bold and ending no sentence), by standing centred on
its own ("CHAPTER ONE: Creators"), or by its number: a short line of its own that opens with a section number
("2.1 Related work", "III. METHOD") is a heading even in the body's size and weight. The depth comes from the
number: "2" and "III." are sections (1), "2.1" a subsection (2), "4.2.1" a level below that (3); a heading without
a number is a section. A display formula set large or bold ("∑ k ≤ z") is never a heading.
"""

from __future__ import annotations

import re
import unicodedata

from corpus.formats.common import clean, iso_date
from corpus.formats.pdf_layout import Line
from corpus.formats.pdf_margins import roman_value

TERMINAL = re.compile(r"[.?!…][\"”’')\]]*$")
# A bold run-in lead that ends its sentence and runs on into the body on its line ("Risks to children with
# chronic conditions. Children with asthma"): three or more words, a sentence end, a capitalised word.
RUN_IN = re.compile(r"(?:[^\W\d_][\w'’-]*\W+){3,}[^\W\d_]*[a-z)][.?!]\s+[A-Z][a-z]")
# headings that name a part of any document, never its title
SECTION_NAMES = frozenset(
    {
        "abstract",
        "summary",
        "executive summary",
        "introduction",
        "contents",
        "table of contents",
        "preface",
        "foreword",
        "overview",
        "background",
        "key findings",
        "acknowledgments",
        "acknowledgements",
    }
)
# "2 ", "2. ", "2.1 ", "4.2.1. " or an upper-case roman "III. " before a capitalised title word
_SECTION_NUMBER = re.compile(r"^(?:(\d{1,2}(?:\.\d{1,2}){0,3})\.?|([IVX]{1,5})\.)\s+(?=[\"“‘']?[A-Z])")
# the most words a numbered heading in the body's own type has
_MAX_NUMBERED_WORDS = 12


def centred(line: Line, left: float, right: float) -> bool:
    return line.x0 > left + 2 * line.size and abs((line.x0 + line.x1) - (left + right)) / 2 < line.size


def centred_heading(group: list[Line], body_size: float, left: float, right: float) -> bool:
    """A short line of its own, centred over the text and ending no sentence, in at least the body's size: a
    chapter's name set in the text face ("CHAPTER ONE: Creators")."""
    line = group[0]
    text = clean(line.text)
    return (
        len(group) == 1
        and line.size >= body_size
        and centred(line, left, right)
        and 2 <= len(text.split()) <= 12
        and len(re.findall(r"[^\W\d_]{2,}", text)) >= 2  # words, not a centred formula or a lone symbol
        and re.search(r"[^\W\d_]{4,}", text) is not None
        and re.match(r"[\"“‘'\w]", text) is not None  # "(D.C. No. 5:06-CV-00376-C)" is a caption's line
        and all(w[0].isupper() for w in re.findall(r"[^\W\d_]{4,}", text))  # in title or upper case
        and not any(unicodedata.category(ch) == "Sm" for ch in text)
        and not TERMINAL.search(text)
        and text[-1:] not in ",;:"
    )


def section_number(text: str) -> tuple[int, ...]:
    """A heading's section number as a path ("3.2.1 Terms" (3, 2, 1), "III. METHOD" (3,)); () without one. A date
    ("12 September 2014") has none."""
    text = clean(text)
    m = _SECTION_NUMBER.match(text)
    if m is None or iso_date(text) is not None:
        return ()
    if m.group(2) is not None:
        value = roman_value(m.group(2))
        return (value,) if value else ()
    parts = tuple(int(p) for p in m.group(1).split("."))
    return parts if parts[0] > 0 else ()


# an appendix and its sections: "Appendix A", "APPENDIX B: Data", "A.1 Sampling", "B.2.1 Weights"
_APPENDIX = re.compile(r"^(?:(?:Appendix|APPENDIX)\s+[A-Z](?![\w'’])|[A-Z]((?:\.\d{1,2}){1,3})\.?\s+(?=[\"“‘']?[A-Z]))")


def appendix_depth(text: str) -> int:
    """The depth an appendix heading's letter gives ("Appendix A" 1, "A.1 Sampling" 2, "A.1.2" 3); 0 otherwise."""
    m = _APPENDIX.match(clean(text))
    if m is None:
        return 0
    return 1 + (m.group(1) or "").count(".")


def section_depth(text: str) -> int:
    """The depth a heading's section number gives ("3" and "III." 1, "3.2" 2, "3.2.1" 3); 0 without one."""
    return len(section_number(text))


class Numbering:
    """The section numbers met so far, in reading order. A heading known only by its number (a short line in the
    body's type) must continue them -- the next number at its depth or above, or the first below -- so a numbered
    step ("2. For each input, set") or a statute cited on its own line ("28 U.S.C. § 2254 provides") is no
    heading."""

    def __init__(self) -> None:
        self.last: tuple[int, ...] = ()

    def follows(self, number: tuple[int, ...]) -> bool:
        if not number:
            return False
        if not self.last:
            return number[0] <= 2 and all(n == 1 for n in number[1:])
        if number == (*self.last, 1):
            return True
        k = len(number)
        return k <= len(self.last) and number == (*self.last[: k - 1], self.last[k - 1] + 1)

    def seen(self, number: tuple[int, ...]) -> None:
        if number:
            self.last = number


def formula_like(text: str) -> bool:
    """Text drawn from a formula: mathematical operators (other than a plus) or private-use glyphs."""
    return any((unicodedata.category(ch) == "Sm" and ch not in "+|") or unicodedata.category(ch) == "Co" for ch in text)


def display_formula(text: str) -> bool:
    """A line of display mathematics: operators and hardly any words ("C1 ≡ {(X, Y) ∈ F × F | Y = X3 + 3}"). Its
    raised or lowered digits are indices and powers, never note markers."""
    words = re.findall(r"\b[^\W\d_]{3,}\b", text)
    return formula_like(text) and len(words) < 3


def numbered_heading_line(line: Line, body_size: float, right: float) -> bool:
    """A line of its own that opens with a section number and names a section: at least the body's size, a few
    title words, no sentence end, stopping well short of the measure (a numbered list item's line runs on)."""
    text = clean(line.text)
    if not section_depth(text) or line.size < body_size * 0.95 or formula_like(text):
        return False
    words = text.split()
    titled = [w for w in words[1:] if re.match(r"[^\W\d_]{2,}", w)]
    return (
        2 <= len(words) <= _MAX_NUMBERED_WORDS
        and bool(titled)
        and re.search(r"[^\W\d_]{3,}", " ".join(words[1:])) is not None
        and not TERMINAL.search(text)
        and text[-1:] not in ",;:"
        and (line.bold or line.x1 < right - 6 * line.size)
    )


def heading_level(group: list[Line], body_size: float, left: float, right: float, numbering: Numbering) -> int:
    """0 when the paragraph of these lines is not a heading, else the depth its number (or appendix letter) gives
    (1 = a top section), or -1 for a heading without a section number (its depth is not said)."""
    text = clean(" ".join(ln.text for ln in group))
    if not text or formula_like(text):
        return 0
    last = clean(group[-1].text)
    heading = (
        group[0].size > body_size * 1.1
        or (
            all(ln.bold for ln in group)
            and not TERMINAL.search(last)
            and not RUN_IN.search(last)  # a lead, not a heading: the body goes on
        )
        or centred_heading(group, body_size, left, right)
    )
    number = section_number(text)
    if not heading and not (
        len(group) == 1 and numbered_heading_line(group[0], body_size, right) and numbering.follows(number)
    ):
        return 0
    numbering.seen(number)
    return len(number) or appendix_depth(text) or -1
