"""Claims about a brief itself: who wrote it, who edited it, when and by whom it was published.

These facts live in the brief's front matter (its metadata passages), not in its body, and each is a *role* with
one holder: a claim that puts another name in the role ("X is the author" when the byline names Y, and X is the
editor) is contradicted, one that names the holder is supported. Only claims that say nothing else are decided
here; anything more ("The brief, written by an intern, recommends …") goes through the ordinary comparison.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.claims.lexicon import JOB_TITLES, META_WORDS, ORGANISATION_WORDS
from bot.claims.numbers.agreement import dates_agree
from bot.claims.numbers.extract import extract_quantities
from bot.claims.text.entities import Entity, entities
from bot.claims.text.tokens import tokens, word_stem
from corpus.models import Brief, Passage

# The document itself, as a claim refers to it.
_DOCUMENT = re.compile(
    r"\b(?:brief|paper|report|article|document|publication|policy brief|issue brief|disclaimer|byline)\b", re.I
)
_CUES: dict[str, re.Pattern[str]] = {
    "author": re.compile(
        r"\b(?:wrote|writes?|written|writing|authored|co-?authored|authors?|authorship|writers?|penned|byline)\b", re.I
    ),
    "editor": re.compile(r"\b(?:edit|edited|edits|editing|editors?|reviewed)\b", re.I),
    "date": re.compile(
        r"\b(?:published|publish(?:es|ing)?|publication|released?|issued?|dated|dates?|came out|appeared|written|"
        r"put out)\b",
        re.I,
    ),
    "publisher": re.compile(
        r"\b(?:published|issued|released|produced|put out)\s+by\b|\bpublisher\b|\bfrom\b|\bat\b|\bof\b", re.I
    ),
}
# Words a claim about the front matter may carry besides names, dates and cues.
_META_WORDS = META_WORDS


@dataclass(frozen=True)
class MetaFinding:
    """How the front matter decides a claim: the verdict, the passages to quote, and the deciding difference."""

    verdict: str  # "supported" | "contradicted"
    brief: Brief
    passages: tuple[Passage, ...]
    difference: str  # "" when supported; else e.g. "names Ana Ruiz as its author, not Tom Berg"


def _meta_passage(brief: Brief, label: str) -> Passage | None:
    return next((p for p in brief.passages if p.kind == "metadata" and p.label == label), None)


def _words(name: str) -> list[str]:
    return [re.sub(r"['’]s$", "", w) for w in re.split(r"[\s.]+", name.lower()) if w]


def _same_person(claimed: str, holder: str) -> bool:
    """ "Ruiz" or "Ana Ruiz" names the holder "Ana Ruiz"; "Ana Khan" does not."""
    c, h = _words(claimed), _words(holder)
    return bool(c) and all(w in h for w in c)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in {"of", "and", "the", "for"})


def _same_organisation(claimed: str, organisation: str) -> bool:
    """ "IPS", "the Trade & Tariffs Centre" or an expansion whose initials spell an acronym the organisation
    line uses ("Institute of Policy Studies" for "IPS")."""
    low = organisation.lower()
    c = [w for w in _words(claimed.replace("&", " and ")) if w not in {"the", "and", "of", "s", "'s"}]
    if c and all(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low.replace("&", "and")) for w in c):
        return True
    acronyms = {a.lower() for a in re.findall(r"\b[A-Z]{2,}\b", organisation)}
    return _initials(claimed).lower() in acronyms


def _is_organisation(name: str, brief: Brief) -> bool:
    words = set(_words(name))
    return bool(words & ORGANISATION_WORDS) or name.isupper() or _same_organisation(name, brief.organisation or "")


def about_document(text: str, briefs: Sequence[Brief]) -> bool:
    """Whether a claim is about a brief as a document (its author, editor, date, publisher or views)."""
    if _DOCUMENT.search(text):
        return True
    holders = [a.name for b in briefs for a in b.authors] + [e for b in briefs for e in b.editors]
    return any(_same_person(e.text, h) for e in entities(text) for h in holders)


def _only_meta(text: str, names: Sequence[str]) -> bool:
    """Whether the claim says nothing beyond its names, dates, role cues and titles."""
    rest = text
    for n in names:
        rest = rest.replace(n, " ")
    for q in extract_quantities(rest):
        rest = rest.replace(q.text, " ")
    left = [t for t in tokens(rest) if t.norm not in _META_WORDS and t.norm not in JOB_TITLES and t.stem]
    return len(left) == 0


def _nearest_role(text: str, start: int, roles: Sequence[str]) -> str | None:
    """The person role (author/editor) whose cue is closest to a name."""
    best: tuple[int, str] | None = None
    for role in roles:
        for m in _CUES[role].finditer(text):
            d = abs(m.start() - start)
            if best is None or d < best[0]:
                best = (d, role)
    return best[1] if best else None


def _holders(brief: Brief, role: str) -> list[str]:
    return [a.name for a in brief.authors] if role == "author" else list(brief.editors)


def _holds(brief: Brief, role: str, name: str) -> bool:
    return any(_same_person(name, h) for h in _holders(brief, role))


def check_document_claim(text: str, briefs: Sequence[Brief]) -> MetaFinding | None:
    """Decide a claim about a brief's front matter (author, editor, date, publisher); None when it is not one."""
    if not about_document(text, briefs):
        return None
    for brief in briefs:
        found = _check_one(text, brief)
        if found is not None:
            return found
    return None


def _check_one(text: str, brief: Brief) -> MetaFinding | None:
    names = []
    for e in entities(text):
        if _DOCUMENT.fullmatch(e.text.lower()):
            continue
        # "Ana Ruiz of IPS's Trade Centre": a person and where they work.
        offset = 0
        if _is_organisation(e.text.split(" of ")[0], brief):
            names.append(e)  # "Institute of Strategic Studies": one name
            continue
        for part in re.split(r"(\s+of\s+)", e.text):
            if part.strip() and not re.fullmatch(r"\s+of\s+", part):
                names.append(Entity(part, e.start + offset, e.start + offset + len(part), part.lower()))
            offset += len(part)
    people = [e for e in names if not _is_organisation(e.text, brief)]
    organisations = [e for e in names if _is_organisation(e.text, brief)]
    if not _only_meta(text, [e.text for e in names]):
        return None
    roles = [r for r in ("author", "editor") if _CUES[r].search(text)]
    if not roles:
        # "Ana Ruiz is an intern": a title given to a named author or editor.
        roles = [r for r in ("author", "editor") if any(_holds(brief, r, p.text) for p in people)]
    findings: list[MetaFinding] = []
    for person in people:
        role = _nearest_role(text, person.start, roles) if roles else None
        if role is None:
            continue
        findings.append(_person_in_role(brief, person.text, role))
    titles = [t.norm for t in tokens(text) if t.norm in JOB_TITLES]
    if titles and "author" in roles and brief.authors:
        findings.append(_title(brief, titles))
    for org in organisations:
        passage = _meta_passage(brief, "organisation")
        if passage is None or not brief.organisation:
            continue
        if _same_organisation(org.text, brief.organisation):
            findings.append(MetaFinding("supported", brief, (passage,), ""))
        elif _CUES["publisher"].search(text):
            diff = f"names {brief.organisation} as its publisher, not {org.text}"
            findings.append(MetaFinding("contradicted", brief, (passage,), diff))
    dates = [q for q in extract_quantities(text) if q.is_date and q.date]
    if dates and _CUES["date"].search(text) and brief.date:
        findings.append(_date(brief, [q.date for q in dates if q.date], " ".join(q.text for q in dates)))
    if not findings:
        return None
    bad = [f for f in findings if f.verdict == "contradicted"]
    if bad:
        return bad[0]
    passages = tuple(dict.fromkeys(p for f in findings for p in f.passages))
    return MetaFinding("supported", brief, passages, "")


def _person_in_role(brief: Brief, name: str, role: str) -> MetaFinding:
    holders = _holders(brief, role)
    passage = _meta_passage(brief, role)
    other_role = "editor" if role == "author" else "author"
    if passage is None or not holders:
        # The brief names no one in this role: a claim that it does is not decided by the front matter.
        others = _meta_passage(brief, other_role)
        if others is not None and any(_same_person(name, h) for h in _holders(brief, other_role)):
            diff = f"names {name} as its {other_role}, and no {role}"
            return MetaFinding("contradicted", brief, (others,), diff)
        return MetaFinding("contradicted", brief, (), f"names no {role}")
    if any(_same_person(name, h) for h in holders):
        return MetaFinding("supported", brief, (passage,), "")
    diff = f"names {' and '.join(holders)} as its {role}, not {name}"
    extra = _meta_passage(brief, other_role)
    if extra is not None and any(_same_person(name, h) for h in _holders(brief, other_role)):
        diff += f" ({name} is its {other_role})"
        return MetaFinding("contradicted", brief, (passage, extra), diff)
    return MetaFinding("contradicted", brief, (passage,), diff)


def _title(brief: Brief, titles: Sequence[str]) -> MetaFinding:
    passage = _meta_passage(brief, "author")
    given = {word_stem(w) for a in brief.authors for w in _words(a.role or "")}
    claimed = {word_stem(t) for t in titles}
    if passage is None or not given:
        return MetaFinding("contradicted", brief, (), "gives its author no title")
    if claimed & given:
        return MetaFinding("supported", brief, (passage,), "")
    role = " and ".join(a.role or "" for a in brief.authors if a.role)
    return MetaFinding("contradicted", brief, (passage,), f"names its author as {role}, not {' '.join(titles)}")


def _date(brief: Brief, claimed: Sequence[tuple[int | None, int | None, int | None]], said: str) -> MetaFinding:
    passage = _meta_passage(brief, "date")
    iso = [int(x) for x in (brief.date or "").split("-") if x.isdigit()]
    actual = (iso[0] if iso else None, iso[1] if len(iso) > 1 else None, iso[2] if len(iso) > 2 else None)
    quoted = (passage,) if passage is not None else ()
    if all(dates_agree(c, actual) for c in claimed):
        return MetaFinding("supported", brief, quoted, "")
    shown = passage.text if passage is not None else brief.date
    return MetaFinding("contradicted", brief, quoted, f"is dated {shown}, not {said}")
