"""Corpus-level checks of a brief's own citations: nothing here needs a model, an index or the network.

The parser already reports marker problems as ``ParseWarning``s; they become findings here. On top of that:
footnote metadata that disagrees with itself (the date against the date in the URL, a missing or malformed URL,
a missing publisher) and factual sentences that carry no citation at all. Model-based checks (possible
mis-citations, likely sources) live in ``bot.audit.brief_citations`` and reuse these types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlparse

from corpus.models import Brief, Footnote, Passage
from corpus.text.dates import DATE_PATTERN, MONTH_NAMES
from corpus.text.numbers import ONES, SCALES, TENS

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: Mapping[str, int] = {"error": 0, "warning": 1, "info": 2}

# The parser's warning codes and how serious each is for a reader checking the brief.
WARNING_SEVERITY: Mapping[str, Severity] = {
    "orphan_footnote": "warning",
    "undefined_marker": "error",
    "duplicate_footnote": "error",
    "out_of_order_footnote": "warning",
}


@dataclass(frozen=True)
class Finding:
    """One audit result. ``suggested`` is true for anything inferred (a guess, never a fact of the brief)."""

    code: str
    severity: Severity
    message: str
    footnote: int | None = None
    passage_id: str | None = None
    suggested: bool = False
    details: Mapping[str, Any] = field(default_factory=dict)


def _snippet(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ----- parser warnings -------------------------------------------------------------------------------------------
def _marker_passage(brief: Brief, number: int) -> Passage | None:
    """The body passage holding the first marker ``number`` (for undefined markers)."""
    for n, offset in brief.markers:
        if n != number:
            continue
        for p in brief.passages:
            if p.kind != "footnote" and p.start <= offset <= p.end:
                return p
    return None


def warning_findings(brief: Brief) -> list[Finding]:
    """The parser's marker warnings (orphan, undefined, duplicate, out of order) as findings."""
    out = []
    for w in brief.warnings:
        passage = _marker_passage(brief, w.footnote) if w.footnote is not None else None
        if w.code == "orphan_footnote":
            passage = None
        out.append(
            Finding(
                code=w.code,
                severity=WARNING_SEVERITY.get(w.code, "warning"),
                message=w.message[:1].upper() + w.message[1:] + ".",
                footnote=w.footnote,
                passage_id=passage.id if passage else None,
            )
        )
    return out


# ----- footnote metadata -----------------------------------------------------------------------------------------
# Dates publishers put in article paths: /2020/10/21/, /2022/3/5/, /2020-04/, -2022-03-24/, /2021/12/.
_URL_DATES = (
    re.compile(r"(?<![0-9])((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$)"),
    re.compile(r"(?<![0-9])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![0-9])"),
    re.compile(r"(?<![0-9])((?:19|20)\d{2})[/-](\d{1,2})(?=/|$)"),
)


def url_date(url: str) -> str | None:
    """The publication date an article URL carries in its path (ISO, day optional), if any."""
    path = urlparse(url).path
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            year, month = int(m.group(1)), int(m.group(2))
            day = int(m.group(3)) if m.lastindex and m.lastindex >= 3 else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return None


def dates_disagree(footnote_date: str, in_url: str) -> bool:
    """Whether a footnote's date contradicts its URL's: the year differs, or the month does.

    A few days' difference is tolerated: articles are often updated after the date in their path."""
    a, b = footnote_date.split("-"), in_url.split("-")
    if a[0] != b[0]:
        return True
    return len(a) > 1 and len(b) > 1 and a[1] != b[1]


def url_problem(url: str) -> str | None:
    """Why a URL is malformed, or None when it looks like a usable web address."""
    if any(ch.isspace() for ch in url):
        return "it contains spaces"
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"}:
        return "it is not an http(s) address"
    host = parsed.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith("."):
        return f"its host {host!r} is not a domain name" if host else "it has no host"
    return None


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(fn: Footnote) -> str:
    return f"footnote {fn.number}" + (f" (“{_snippet(fn.title, 60)}”)" if fn.title else "")


def footnote_findings(brief: Brief) -> list[Finding]:
    """Footnote metadata that disagrees with itself or is missing."""
    out: list[Finding] = []
    for fn in brief.footnotes:
        name = _label(fn)
        if fn.url is None:
            out.append(Finding("missing_url", "warning", f"{_cap(name)} has no URL.", fn.number))
        elif (problem := url_problem(fn.url)) is not None:
            out.append(
                Finding(
                    "malformed_url",
                    "warning",
                    f"{_cap(name)} has a malformed URL: {problem}.",
                    fn.number,
                    details={"url": fn.url},
                )
            )
        elif fn.date and (in_url := url_date(fn.url)) and dates_disagree(fn.date, in_url):
            out.append(
                Finding(
                    "date_url_mismatch",
                    "warning",
                    f"{_cap(name)} is dated {fn.date_raw or fn.date}, but its URL's path says {in_url}.",
                    fn.number,
                    details={"date": fn.date, "date_raw": fn.date_raw, "url_date": in_url, "url": fn.url},
                )
            )
        if not fn.publisher:
            out.append(Finding("missing_publisher", "warning", f"{_cap(name)} names no publisher.", fn.number))
        if not fn.date:
            out.append(Finding("missing_date", "info", f"{_cap(name)} has no date.", fn.number))
        raw = fn.raw.lstrip()
        closes = raw.count("”") + raw.count('"')
        if raw and raw[0] not in "\"“‘'" and "“" not in raw and closes % 2 == 1:
            out.append(
                Finding(
                    "unbalanced_quotes",
                    "info",
                    f"{_cap(name)}'s title has a closing quotation mark but no opening one.",
                    fn.number,
                )
            )
    return out


# ----- uncited factual sentences ---------------------------------------------------------------------------------
_NUMBER = re.compile(
    r"(?<![\w.,])(?<![A-Za-z]-)\d[\d,]*(?:\.\d+)?(?:\s*(?:km/h|kms?|kilotons?|kt|m|%|percent|times|miles?))?"
)
_COUNTS = "|".join(
    [*(w for w, n in ONES.items() if 2 <= n <= 12), *(w for w, n in TENS.items() if n <= 50), *SCALES, "dozen"]
)
_NUMBER_WORD = re.compile(rf"\b(?:{_COUNTS})\s+(?:[a-z-]+\s+){{0,2}}?[a-z]+s\b", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b{MONTH_NAMES}\s+\d{{1,2}}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]*-\d+[A-Za-z]?\b")
_EVENT = re.compile(
    r"\b(?:[A-Z][\w'-]+\s+)+(?:summit|talks|treaty|agreement|accord|war|crisis|conference|election|test|"
    r"declaration|deal|resolution|sanctions|games|olympics)\b"
)


def factual_signals(text: str) -> list[str]:
    """What makes a sentence a checkable fact: numbers, dates, named events or named weapons (empty if none)."""
    found: list[tuple[int, int, str, str]] = []  # (start, end, kind, text), earlier kinds win overlaps

    def add(kind: str, start: int, end: int) -> None:
        if any(s < end and start < e for s, e, _, _ in found):
            return
        found.append((start, end, kind, " ".join(text[start:end].split())))

    for pattern, kind in (
        (DATE_PATTERN, "date"),
        (_DAY_MONTH, "date"),
        (_DESIGNATION, "named"),
        (_YEAR, "date"),
        (_NUMBER, "number"),
        (_NUMBER_WORD, "number"),
    ):
        for m in pattern.finditer(text):
            add(kind, m.start(), m.end())
    for m in _EVENT.finditer(text):
        # A capitalised first word alone may just open the sentence ("Test results …").
        if m.start() > 0 or len(m.group(0).split()) > 2:
            add("named event", m.start(), m.end())
    return [f"{kind}: {value}" for _, _, kind, value in sorted(found)]


def uncited_sentences(brief: Brief) -> list[Passage]:
    """Body sentences with no footnote at all (after a paragraph's last marker, or in a paragraph without one)."""
    return [p for p in sorted(brief.passages, key=lambda p: p.seq) if p.kind == "sentence" and not p.footnotes]


def uncited_claim_findings(brief: Brief, passages: Sequence[Passage] | None = None) -> list[Finding]:
    """Uncited sentences that state checkable facts, each with its paragraph and what makes it factual."""
    out = []
    for p in uncited_sentences(brief) if passages is None else passages:
        signals = factual_signals(p.text)
        if not signals:
            continue
        what = ", ".join(s.split(": ", 1)[1] for s in signals[:4])
        out.append(
            Finding(
                "uncited_claim",
                "warning",
                f"Paragraph {p.paragraph}: “{_snippet(p.text)}” states facts ({what}) but cites no source.",
                None,
                p.id,
                details={"paragraph": p.paragraph, "text": p.text, "signals": signals},
            )
        )
    return out


def corpus_findings(brief: Brief) -> list[Finding]:
    """Every check that needs only the parsed brief."""
    return [*warning_findings(brief), *footnote_findings(brief), *uncited_claim_findings(brief)]
