"""What ingesting one version of a brief records: the documents its passage views put in the vector store (each
tagged with the version, so queries serve only active versions), the report of what the ingest did, and why an
upload may not silently take another brief's id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corpus.models import Brief, ParseWarning
from index.store import StoredDoc
from index.views import PassageViews


def replace_refusal(existing: Brief) -> str:
    """Why an upload may not silently take an existing brief's id, and what to do instead."""
    origin = f" (from {existing.source_path.rsplit('/', 1)[-1]})" if existing.source_path else ""
    return (
        f"a different brief is already filed as {existing.id!r}{origin}: send replace=true with the write key "
        "to replace it, or choose another brief_id"
    )


@dataclass(frozen=True)
class IngestReport:
    brief_id: str
    status: str  # "added" | "updated" | "unchanged"
    passages: int
    warnings: tuple[ParseWarning, ...]


def stored_docs(views: Sequence[PassageViews], version: str) -> list[StoredDoc]:
    docs = []
    for v in views:
        p = v.passage
        meta: dict[str, str | int | float | bool] = {
            "brief_id": p.brief_id,
            "version": version,
            "passage_id": p.id,
            "kind": p.kind,
            "paragraph": -1 if p.paragraph is None else p.paragraph,
            "footnotes": ",".join(str(n) for n in p.footnotes),
            "direct": p.direct,
            "seq": p.seq,
        }
        docs.append(StoredDoc(f"{version}|{p.id}|s", v.self_text, {**meta, "view": "s"}))
        if v.context_text:
            docs.append(StoredDoc(f"{version}|{p.id}|c", v.context_text, {**meta, "view": "c"}))
    return docs
