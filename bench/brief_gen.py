"""Generated briefs for the benchmarks: deterministic (seeded), varied prose with numbers, years and footnotes,
written through the same writers the tests use (``tests/corpus/brief_writers.py``, ``pdf_writer.py``).

``make_spec(seed, paragraphs, notes)`` gives one brief; ``question_for(spec)`` a question one of its footnoted
sentences answers, with that sentence's footnote.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus.brief_writers import H, P, Spec  # noqa: E402

COUNTRIES = [
    "Pakistan", "India", "China", "Iran", "Japan", "South Korea", "Turkey", "Egypt", "Brazil", "Nigeria",
    "Indonesia", "Vietnam", "Kazakhstan", "Ethiopia", "Mexico", "Chile", "Norway", "Poland", "Kenya", "Peru",
]  # fmt: skip
SUBJECTS = [
    ("water", "the river treaty", "dams", "irrigation canals", "groundwater reserves"),
    ("energy", "the pipeline agreement", "power plants", "solar parks", "gas fields"),
    ("trade", "the customs union", "ports", "rail corridors", "free trade zones"),
    ("security", "the border accord", "patrol bases", "radar stations", "naval exercises"),
    ("health", "the vaccine compact", "clinics", "field hospitals", "testing centres"),
    ("climate", "the emissions pledge", "coal plants", "reforestation zones", "flood barriers"),
    ("food", "the grain deal", "silos", "fertiliser plants", "fishing fleets"),
    ("digital", "the data pact", "data centres", "undersea cables", "cyber units"),
]
PUBLISHERS = ["Reuters", "BBC", "Al-Jazeera", "Dawn", "The Diplomat", "NPR", "World Bank", "IISS", "Chatham House"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def _sentence(rng: random.Random, country: str, subject: tuple[str, ...]) -> str:
    """One claim; every template names the country and a number, so sentences differ across a library."""
    topic, deal, a, b, c = subject
    n = rng.randint(2, 950)
    year = rng.randint(1990, 2030)
    templates = [
        f"{country} built {n} new {a} between {year - 5} and {year}.",
        f"Officials in {country} said {deal} would be reviewed before {year}.",
        f"The {topic} budget of {country} grew by {rng.randint(2, 60)} percent in {year}.",
        f"Critics argue that {deal} gives {country} control over only {n} of its {b}.",
        f"By {year}, {country} expects to operate {n} {c} across {rng.randint(3, 30)} provinces.",
        f"A survey of {n} households in {country} found that most support new {b} near their towns.",
        f"Negotiators from {country} walked out of the {topic} talks in {MONTHS[year % 10]} {year}.",
        f"The ministry estimates that {c} in {country} will cost {rng.randint(2, 90)} billion dollars by {year}.",
        f"Local groups in {country} have protested against {n} planned {a} since {year}.",
    ]
    return rng.choice(templates)


def _note(rng: random.Random, seed: int, number: int, country: str, topic: str) -> str:
    year = rng.randint(2015, 2024)
    publisher = rng.choice(PUBLISHERS)
    title = f"{country} and the Politics of {topic.capitalize()}, Part {number}"
    slug = f"{country.lower().replace(' ', '-')}-{topic}-{seed}-{number}"
    return (
        f'"{title}," {publisher}, {MONTHS[number % 10]} {rng.randint(1, 28):02d}, {year}, <https://example.org/{slug}>'
    )


def make_spec(seed: int, paragraphs: int, notes: int, *, headings: bool = True) -> Spec:
    """A brief of ``paragraphs`` paragraphs (4-7 sentences) citing footnotes 1..``notes`` in order; some markers
    follow a year ("…before 2026.⁸")."""
    rng = random.Random(seed)
    country = COUNTRIES[seed % len(COUNTRIES)]
    subject = SUBJECTS[(seed // len(COUNTRIES)) % len(SUBJECTS)]
    blocks: list[P | H] = []
    next_note = 1
    used: set[str] = set()
    want = [rng.randint(4, 7) for _ in range(paragraphs)]
    for i in range(paragraphs):
        if headings and i and i % 6 == 0:
            blocks.append(H(f"{subject[0].capitalize()} policy, part {i // 6 + 1}"))
        sentences = []
        while len(sentences) < want[i]:
            candidate = _sentence(rng, country, subject)
            if candidate not in used:  # no sentence twice in a brief: a quote must point at one place
                used.add(candidate)
                sentences.append(candidate)
        remaining_paras = paragraphs - i
        due = round((notes - next_note + 1) / remaining_paras) if next_note <= notes else 0
        cited = sorted(rng.sample(range(len(sentences)), min(len(sentences), max(due, 0))))
        pieces: list[str | int] = []
        for j, s in enumerate(sentences):
            pieces.append((" " if j else "") + s)
            if j in cited and next_note <= notes:
                pieces.append(next_note)
                next_note += 1
        blocks.append(P(tuple(pieces)))
    return Spec(
        title=f"{subject[0].upper()} POLICY IN {country.upper()} ({seed})",
        authors=((f"Analyst {seed}", "Research Fellow"),),
        organisation="Institute of Strategic Studies",
        editors=("Editor General",),
        date_text=f"{MONTHS[seed % 10]} {1 + seed % 28:02d}, 2023",
        date_iso=f"2023-{1 + seed % 10:02d}-{1 + seed % 28:02d}",
        disclaimer="Views expressed are the author's own",
        blocks=tuple(blocks),
        notes={n: _note(rng, seed, n, country, subject[0]) for n in range(1, notes + 1)},
    )


def question_for(spec: Spec, rng: random.Random) -> tuple[str, int]:
    """A question built from one footnoted sentence of the brief, and that sentence's footnote number."""
    cited: list[tuple[str, int]] = []
    for block in spec.blocks:
        if isinstance(block, P):
            prev = ""
            for piece in block.pieces:
                if isinstance(piece, int) and prev:
                    cited.append((prev.strip(), piece))
                elif isinstance(piece, str):
                    prev = piece
    sentence, number = rng.choice(cited)
    # near-verbatim: many briefs share a template, so only the sentence's own names and numbers tell them apart
    return f"Is it true that {sentence[0].lower()}{sentence[1:].rstrip('.')}?", number
