"""Libraries of many briefs for the scale curve, made from real documents rather than templates.

The material is the real footnoted documents on this machine (the six of ``../shared/eval/real-dev`` and the
bundled brief), parsed by citebot itself. Each generated brief is one to three runs of consecutive paragraphs cut
from them (sections recombined with their own footnotes, renumbered in citation order, markers where the source
had them), under a title, authors, organisation and date of its own. So that two briefs never share a sentence
word for word (the old template generator's briefs did: 13% of its near-verbatim questions landed on another
brief's identical sentence), every brief renames the proper names and acronyms it inherits and shifts its years
and other figures, consistently within the brief: real syntax, prose and note styles, new names and numbers.

Lengths follow a long-tailed spread (median about 6 paragraphs, some 20 and more), as do footnote counts (a
paragraph keeps the notes its source gave it, from none to many), and the formats rotate through text, Markdown,
HTML, DOCX and PDF.

    .venv/bin/python bench/scale_briefs.py --count 5 --show       # print what the first briefs look like
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus.brief_writers import H, P, Spec, to_html, to_markdown, to_text  # noqa: E402
from tests.corpus.docx_writer import to_docx  # noqa: E402
from tests.corpus.pdf_writer import to_pdf  # noqa: E402

SOURCES = [
    *sorted(p for p in (ROOT.parent / "shared/eval/real-dev").glob("*/*") if p.name != "SOURCE.md"),
    *sorted((ROOT.parent / "shared/data").glob("*.txt")),
]
WRITERS: list[tuple[str, Callable[[Spec], bytes]]] = [
    ("txt", to_text),
    ("md", to_markdown),
    ("html", to_html),
    ("docx", to_docx),
    ("pdf", to_pdf),
]
# Capitalised words that are not names: kept as they are when a brief renames its names.
KEEP = frozenset(
    """I January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday English Act Court Circuit State States Republic Table Figure
    Section Part Chapter See Id But And The This That These Those When While If In On At For From With
    However""".split()  # noqa: SIM905 - a word list reads better as text
)
ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "st", "tr"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia"]
CODAS = ["", "", "n", "r", "l", "s", "th", "nd", "rk", "sk", "v"]
KINDS = ["Policy Brief", "Research Note", "Working Paper", "Issue Brief", "Briefing", "Occasional Paper", "Report"]
ROLES = ["Research Fellow", "Senior Analyst", "Director", "Associate Professor", "Programme Lead", None]
DISCLAIMERS = [
    "Views expressed are the authors' own",
    "The opinions in this paper do not represent those of the publisher",
    "This note reflects the views of its authors only",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


@dataclass(frozen=True)
class Sentence:
    pieces: tuple[str | int, ...]  # text and the source's footnote numbers where its markers stood


@dataclass(frozen=True)
class Paragraph:
    heading: str | None  # the heading just above it in the source, if any
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    notes: dict[int, str]


@functools.cache
def sources() -> tuple[Source, ...]:
    """The real documents, parsed once: their body paragraphs (sentences with marker positions) and notes."""
    from corpus.loader import parse_bytes

    out = []
    for path in SOURCES:
        brief = parse_bytes(path.read_bytes(), path.name, brief_id="source")
        markers = sorted(brief.markers, key=lambda m: m[1])
        paragraphs: list[Paragraph] = []
        heading: str | None = None
        current: list[Sentence] = []
        current_no: int | None = None
        for p in sorted(brief.passages, key=lambda p: p.seq):
            if p.kind == "heading":
                heading = p.text
                continue
            if p.kind != "sentence":
                continue
            if p.paragraph != current_no and current:
                paragraphs.append(Paragraph(heading, tuple(current)))
                heading, current = None, []
            current_no = p.paragraph
            pieces: list[str | int] = []
            at = p.start
            for number, offset in markers:
                if p.start < offset <= p.end:
                    pieces += [brief.text[at:offset], number]
                    at = offset
            pieces.append(brief.text[at : p.end])
            current.append(Sentence(tuple(x for x in pieces if x != "")))
        if current:
            paragraphs.append(Paragraph(heading, tuple(current)))
        notes = {f.number: " ".join(f.raw.split()) for f in brief.footnotes}
        out.append(Source(path.stem, brief.title or path.stem, tuple(paragraphs), notes))
    return tuple(out)


class Rewriter:
    """One brief's consistent renaming of names and acronyms and shifting of figures."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: dict[str, str] = {}
        self.year_shift = rng.choice([-1, 1]) * rng.randint(1, 40)
        self.factor = rng.uniform(0.4, 3.0)

    def name(self, word: str) -> str:
        if word not in self.names:
            if word.isupper():
                new = "".join(self.rng.choice("ABCDEFGHKLMNPRSTVW") for _ in range(len(word)))
            else:
                syllables = self.rng.randint(2, 3)
                last = syllables - 1
                new = "".join(
                    self.rng.choice(ONSETS) + self.rng.choice(VOWELS) + (self.rng.choice(CODAS) if i == last else "")
                    for i in range(syllables)
                ).capitalize()
            self.names[word] = new
        return self.names[word]

    def number(self, m: re.Match[str]) -> str:
        raw = m.group(0)
        digits = raw.replace(",", "")
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", digits):
            return str(int(digits) + self.year_shift)
        if "." in digits:
            return f"{float(digits) * self.factor:.{len(digits.split('.')[1])}f}"
        value = max(1, round(int(digits) * self.factor))
        return f"{value:,}" if "," in raw else str(value)

    def text(self, text: str) -> str:
        letters = [c for c in text if c.isalpha()]
        shouting = sum(c.isupper() for c in letters) > 0.6 * len(letters)  # an all-caps heading: no acronyms

        def word(m: re.Match[str]) -> str:
            w = m.group(0)
            start = m.start()
            sentence_start = start == 0 or text[:start].rstrip()[-1:] in '.!?:;"“('
            if w in KEEP or (w.isupper() and shouting) or (sentence_start and w not in self.names):
                return w
            return self.name(w)

        def number(m: re.Match[str]) -> str:
            if re.search(f"(?:{'|'.join([*MONTHS, 'November', 'December'])}) $", text[: m.start()]):
                return m.group(0)  # a day of the month
            return self.number(m)

        text = re.sub(r"\b(?:[A-Z][a-z]{2,}|[A-Z]{2,6})\b", word, text)
        return re.sub(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])", number, text)


def person(rng: random.Random, rewriter: Rewriter) -> str:
    return f"{rewriter.name('First' + str(rng.random()))} {rewriter.name('Last' + str(rng.random()))}"


def make_brief(index: int, seed: int = 0) -> Spec:
    """Brief number ``index`` of a library: the same brief for the same (index, seed)."""
    rng = random.Random(f"{seed}:{index}")
    rw = Rewriter(rng)
    pool = sources()
    weights = [len(s.paragraphs) for s in pool]
    blocks: list[P | H] = []
    notes: dict[int, str] = {}
    renumber: dict[tuple[int, int], int] = {}
    titles: list[str] = []
    first = pool[0]
    for run in range(rng.choice([1, 1, 1, 2, 2, 3])):
        k = rng.choices(range(len(pool)), weights)[0]
        src = pool[k]
        if run == 0:
            first = src
        length = max(2, min(len(src.paragraphs), round(rng.lognormvariate(1.5, 0.7))))
        start = rng.randrange(0, len(src.paragraphs) - length + 1)
        for j, para in enumerate(src.paragraphs[start : start + length]):
            heading = para.heading if para.heading else (src.title if j == 0 and run else None)
            if heading:
                blocks.append(H(rw.text(heading)))
                titles.append(rw.text(heading))
            pieces: list[str | int] = []
            for s_no, sentence in enumerate(para.sentences):
                for piece in sentence.pieces:
                    if isinstance(piece, str):
                        pieces.append(rw.text(piece if s_no == 0 or pieces else piece.lstrip()))
                    elif piece in src.notes:
                        key = (k, piece)
                        if key not in renumber:
                            renumber[key] = len(renumber) + 1
                            notes[renumber[key]] = rw.text(src.notes[piece])
                        pieces.append(renumber[key])
                if s_no + 1 < len(para.sentences):
                    pieces.append(" ")
            if pieces:
                blocks.append(P(tuple(_joined(pieces))))
    topic = titles[0] if titles else rw.text(first.title)
    year = rng.randint(2008, 2025)
    month = rng.randrange(10)
    return Spec(
        title=f"{topic[:70].rstrip()}: {rng.choice(KINDS)} {index + 1}",
        authors=tuple((person(rng, rw), rng.choice(ROLES) or "") for _ in range(rng.choice([1, 1, 2, 3]))),
        organisation=f"{rw.name('Org' + str(index))} {rng.choice(['Institute', 'Centre', 'Foundation', 'Council'])}",
        editors=(person(rng, rw),),
        date_text=f"{MONTHS[month]} {1 + index % 28:02d}, {year}",
        date_iso=f"{year}-{month + 1:02d}-{1 + index % 28:02d}",
        disclaimer=rng.choice(DISCLAIMERS),
        blocks=tuple(blocks),
        notes=notes,
        running_header=f"{rng.choice(KINDS)} {index + 1}",
    )


def _joined(pieces: list[str | int]) -> list[str | int]:
    """Adjacent text pieces merged, so a paragraph alternates text and marker numbers as the writers expect."""
    out: list[str | int] = []
    for p in pieces:
        if isinstance(p, str) and out and isinstance(out[-1], str):
            out[-1] += p
        else:
            out.append(p)
    return out


def write_brief(index: int, seed: int = 0) -> tuple[str, bytes]:
    """(file name, bytes) of brief ``index``, in the format its number picks."""
    ext, writer = WRITERS[index % len(WRITERS)]
    return f"scale-{index:04d}.{ext}", writer(make_brief(index, seed))


@dataclass(frozen=True)
class Question:
    brief_id: str
    text: str
    footnotes: tuple[int, ...]  # the notes of the sentence it was made from (empty: not footnoted)


def questions_for(spec: Spec, brief_id: str, rng: random.Random, n: int) -> list[Question]:
    """Up to ``n`` questions about sentences of the brief that carry a renamed name or a figure (so no other brief
    has them), in three shapes: near-verbatim, keywords, and the sentence's closing words."""
    candidates = [
        (sentence, notes)
        for block in spec.blocks
        if isinstance(block, P)
        for sentence, notes in _sentences(block.pieces)
        if 40 <= len(sentence) <= 260 and re.search(r"\d|\b[A-Z][a-z]+\b.*\b[A-Z][a-z]+\b", sentence[1:])
    ]
    rng.shuffle(candidates)
    candidates.sort(key=lambda c: not c[1])  # footnoted sentences first: their answers can be checked
    out = []
    for i, (sentence, notes) in enumerate(candidates[:n]):
        body = sentence.rstrip(".!?")
        words = re.findall(r"[A-Za-z0-9][\w'-]*", body)
        shape = i % 3
        if shape == 0:
            q = f"Is it true that {body[0].lower()}{body[1:]}?"
        elif shape == 1:
            keys = sorted(words, key=lambda w: (-len(w), w))[:5]
            q = f"What does the brief say about {' '.join(keys)}?"
        else:
            q = f"Where does it say that {' '.join(words[-9:])}?"
        out.append(Question(brief_id, q, notes))
    return out


def _sentences(pieces: tuple[object, ...]) -> list[tuple[str, tuple[int, ...]]]:
    """A paragraph's sentences, each with the marker numbers inside it or right after it."""
    out: list[tuple[str, tuple[int, ...]]] = []
    current, notes = "", []
    for x in pieces:
        if isinstance(x, int):
            notes.append(x)
            continue
        if not isinstance(x, str):
            continue
        if x[:1].isspace() and current.rstrip()[-1:] in (".", "!", "?", '"', "”"):
            out.append((current.strip(), tuple(notes)))
            current, notes = "", []
        segments = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", x)
        current += segments[0]
        for seg in segments[1:]:
            out.append((current.strip(), tuple(notes)))
            current, notes = seg, []
    if current.strip():
        out.append((current.strip(), tuple(notes)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", action="store_true", help="print each brief as text")
    args = parser.parse_args()
    for i in range(args.count):
        spec = make_brief(i, args.seed)
        paras = sum(isinstance(b, P) for b in spec.blocks)
        print(f"# {i}: {spec.title!r} - {paras} paragraphs, {len(spec.notes)} notes, {WRITERS[i % 5][0]}")
        if args.show:
            print(to_text(spec).decode()[:1500])
            for q in questions_for(spec, f"scale-{i:04d}", random.Random(i), 3):
                print("  Q:", q.text, q.footnotes)


if __name__ == "__main__":
    main()
