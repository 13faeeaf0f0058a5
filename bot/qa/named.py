"""Passages a question names outright, quoted first and never abstained on: "footnote 11" -> that footnote entry;
"what is the brief about?" -> its title; "what does the brief recommend / conclude?" -> its prescriptive sentences /
its final paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.qa.index_state import IndexState
from bot.qa.query import Query
from corpus.models import Passage

_PRESCRIPTIVE = re.compile(r"\b(?:should|must|ought to|need to|needs to)\b", re.IGNORECASE)


def _advice_and_conclusion(body: Sequence[Passage], advice: bool, conclusion: bool) -> list[Passage]:
    """One brief's sentences answering "what does it recommend / conclude": its prescriptive sentences (should,
    must), from the last paragraph that has any, backwards; for the conclusion, its final paragraph first."""
    if not body:
        return []
    by_paragraph: dict[int, list[Passage]] = {}
    for p in body:
        by_paragraph.setdefault(p.paragraph or 0, []).append(p)
    order = sorted(by_paragraph, reverse=True)
    out: list[Passage] = []
    if conclusion:
        out += sorted(by_paragraph[order[0]], key=lambda p: p.seq)
    if advice or conclusion:
        for n in order:
            out += [p for p in sorted(by_paragraph[n], key=lambda p: p.seq) if _PRESCRIPTIVE.search(p.text)]
    return list(dict.fromkeys(out))


def named_passages(state: IndexState, query: Query, brief_id: str | None = None) -> list[Passage]:
    """Passages a question names outright: "footnote 11" -> that footnote entry; "what is the brief about?" ->
    the title; "what does the brief recommend / conclude?" -> its prescriptive sentences / final paragraph.
    Quoted first, and never abstained on."""
    out: list[Passage] = []
    wanted, about, advice, conclusion = query.footnotes, query.about, query.advice, query.conclusion
    if not (wanted or about or advice or conclusion):
        return out  # most questions name nothing: no pass over every passage of the library
    bodies: dict[str, list[Passage]] = {}
    one = state.briefs.get(brief_id) if brief_id is not None else None
    passages = sorted(one.passages, key=lambda p: p.seq) if one is not None else (v.passage for v in state.views)
    for p in passages:
        if brief_id not in (None, p.brief_id):
            continue
        if (p.kind == "footnote" and len(p.footnotes) == 1 and p.footnotes[0] in wanted) or (
            about and p.kind == "metadata" and p.label == "title"
        ):
            out.append(p)
        elif (advice or conclusion) and p.kind == "sentence" and p.paragraph:
            bodies.setdefault(p.brief_id, []).append(p)
    out.sort(key=lambda p: wanted.index(p.footnotes[0]) if p.kind == "footnote" else -1)
    for body in bodies.values():
        out += _advice_and_conclusion(body, advice, conclusion)
    return out
