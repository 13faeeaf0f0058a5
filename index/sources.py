"""The second hop: the documents a brief's footnotes cite, found on disk, parsed, split and indexed apart.

Layout (see README, "Checking the sources"): for a brief with id ``<brief-id>``, its sources live in a folder
``<root>/<brief-id>/`` where root is ``<data_dir>/sources`` or the ``sources`` folder beside the briefs folder
(``data/sources`` for the bundled brief). In that folder:

- ``<n>.html`` / ``<n>.htm`` / ``<n>.pdf`` / ``<n>.txt`` / ``<n>.md``: the source of footnote ``n``;
- ``sources.toml`` (optional): ``[[source]]`` tables with ``file`` and either ``footnote = n`` or ``url = "…"``
  (matched against the footnote URLs, ignoring scheme, "www." and a trailing slash).

Source passages go to their own Chroma collection (``<collection>-sources``), never into the brief's, so no
answer can ever quote a source as if it were the brief.
"""

from __future__ import annotations

import hashlib
import re
import threading
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.decoding import decode_text
from corpus.errors import InputError, ParseError
from corpus.models import Brief
from corpus.sentences import split_sentences
from corpus.settings import Settings
from index.fetch_store import FetchStore
from index.store import ChromaPassageStore, PassageStore, StoredDoc
from index.types import Embeddings

SOURCE_SUFFIXES = (".html", ".htm", ".pdf", ".txt", ".md")
MANIFEST = "sources.toml"
MAX_SOURCE_BYTES = 20_000_000
_DROP_TAGS = "script,style,noscript,nav,header,footer,aside,form,iframe,svg,button"
_BLOCK_TAGS = "h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,td,th,figcaption,dd,dt"


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """The text of one cited source. ``text`` is what offsets and quotes refer to."""

    brief_id: str
    footnote: int
    path: str
    format: str  # "html" | "pdf" | "text"
    text: str
    # Set for a source fetched from its footnote's URL (``citebot sources fetch``), None for a local file.
    url: str | None = None
    archived: str | None = None  # the archive snapshot URL, when the live link was dead
    archive_date: str | None = None
    fetched_at: str | None = None
    title: str | None = None

    @property
    def name(self) -> str:
        return self.path if self.url else Path(self.path).name

    @property
    def label(self) -> str:
        """How an answer names the source; an archived copy always says so, and from which date."""
        if self.archived:
            return f"archived copy of {self.url} from {self.archive_date or 'an unknown date'}"
        return self.name

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class SourcePassage:
    """A sentence of a source. Invariant: ``document.text[start:end] == text``."""

    id: str
    brief_id: str
    footnote: int
    file: str
    text: str
    start: int
    end: int
    seq: int


# ----- finding sources -------------------------------------------------------------------------------------------
def source_roots(settings: Settings, extra: Iterable[Path] = ()) -> list[Path]:
    """Where sources folders are looked for, first match wins."""
    roots = [*extra, settings.data_dir / "sources", Path(settings.briefs_dir).parent / "sources"]
    return list(dict.fromkeys(Path(r) for r in roots))


def _norm_url(url: str) -> str:
    u = re.sub(r"^https?://", "", url.strip().lower())
    u = re.sub(r"^www\.", "", u)
    return u.rstrip("/")


def read_manifest(folder: Path, brief: Brief) -> dict[int, Path]:
    """``sources.toml``: footnote number (given, or found by URL) -> file. InputError when it cannot be used."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    shown = f"{folder.name}/{MANIFEST}"  # messages never show where the data dir is
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{shown} is not valid TOML: {exc}") from exc
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise InputError(f"{shown}: 'source' must be a list of [[source]] tables")
    by_url = {_norm_url(fn.url): fn.number for fn in brief.footnotes if fn.url}
    out: dict[int, Path] = {}
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise InputError(f"{shown}: source {i} needs a 'file' string")
        number = entry.get("footnote")
        if number is None and isinstance(entry.get("url"), str):
            number = by_url.get(_norm_url(entry["url"]))
            if number is None:
                raise InputError(f"{shown}: source {i}'s url matches no footnote of {brief.id}")
        if not isinstance(number, int) or isinstance(number, bool):
            raise InputError(f"{shown}: source {i} needs 'footnote' (a number) or a 'url' of a footnote")
        file = (folder / entry["file"]).resolve()
        if folder.resolve() not in file.parents:
            raise InputError(f"{shown}: source {i}'s file must be inside {folder.name}/")
        out[number] = file
    return out


def find_sources(brief: Brief, roots: Sequence[Path]) -> dict[int, Path]:
    """Footnote number -> source file, from ``<n>.<ext>`` files and the manifest of the brief's folder."""
    for root in roots:
        folder = Path(root) / brief.id
        if not folder.is_dir():
            continue
        found: dict[int, Path] = {}
        for path in sorted(folder.iterdir()):
            m = re.fullmatch(r"(\d+)(\.[A-Za-z]+)", path.name)
            if m and path.is_file() and m.group(2).lower() in SOURCE_SUFFIXES:
                found.setdefault(int(m.group(1)), path)
        found.update(read_manifest(folder, brief))
        defined = {fn.number for fn in brief.footnotes}
        return {n: p for n, p in sorted(found.items()) if n in defined}
    return {}


# ----- parsing -----------------------------------------------------------------------------------------------------
def html_text(data: bytes) -> str:
    """The readable text of an article page: boilerplate dropped, one paragraph per block element."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data.decode("utf-8", errors="replace"))
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    if root is None:
        return ""
    blocks = []
    for node in root.css(_BLOCK_TAGS):
        if node.css_first(_BLOCK_TAGS):
            continue  # an <li> holding a <p>: the inner block is taken on its own
        text = " ".join(node.text(separator=" ").split())
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [" ".join(root.text(separator=" ").split())]
    return "\n\n".join(blocks)


def pdf_text(data: bytes, name: str) -> str:
    """A source PDF's text, read by the same reader as a brief: columns in reading order, line-end hyphenation undone,
    running heads, folios and printer's marks left out. The source's own notes follow its body as paragraphs: in a
    source they are text to search, never footnotes of the brief."""
    from corpus.formats.pdf import parse_pdf
    from corpus.raw import RawParagraph, RawTable

    try:
        raw = parse_pdf(data)
    except ParseError as exc:
        raise ParseError(f"{name}: {exc}") from exc
    paragraphs: list[str] = []
    for block in raw.blocks:
        if isinstance(block, RawParagraph):
            paragraphs.append("".join(s for s in block.segments if isinstance(s, str)))
        elif isinstance(block, RawTable):
            rows = [block.caption or "", " | ".join(block.columns)] + [" | ".join(row) for row in block.rows]
            paragraphs.append("\n".join(rows))
        else:
            paragraphs.append(block.text)
    paragraphs.extend(text for _, text in raw.footnote_defs)
    return "\n\n".join(joined for p in paragraphs if (joined := " ".join(p.split())))


def parse_source(path: Path, brief_id: str, footnote: int) -> SourceDocument:
    """Read one source file (HTML, PDF or text) into a SourceDocument. ParseError if it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ParseError(f"{path.name} is larger than {MAX_SOURCE_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read source {path.name}: {exc.strerror or exc}") from exc
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        text, fmt = html_text(data), "html"
    elif suffix == ".pdf":
        text, fmt = pdf_text(data, path.name), "pdf"
    else:
        raw = decode_text(data).replace("\r\n", "\n")
        text = "\n\n".join(" ".join(b.split()) for b in re.split(r"\n\s*\n", raw) if b.strip())
        fmt = "text"
    return SourceDocument(brief_id, footnote, str(path), fmt, text)


def source_passages(doc: SourceDocument) -> list[SourcePassage]:
    """The sentences of a source, with offsets into ``doc.text``."""
    out: list[SourcePassage] = []
    pos = 0
    for block in doc.text.split("\n\n"):
        base = doc.text.find(block, pos)
        pos = base + len(block)
        for s, e in split_sentences(block):
            seq = len(out)
            out.append(
                SourcePassage(
                    f"{doc.brief_id}|src{doc.footnote}|{seq}",
                    doc.brief_id,
                    doc.footnote,
                    doc.name,
                    block[s:e],
                    base + s,
                    base + e,
                    seq,
                )
            )
    return out


# ----- the separate index ------------------------------------------------------------------------------------------
def source_store(settings: Settings, embedder: Embeddings) -> PassageStore:
    """A store over its own collection, so source passages never mix with the brief's."""
    return ChromaPassageStore(settings.model_copy(update={"collection": f"{settings.collection}-sources"}), embedder)


class SourceIndex:
    """Parsed sources per brief, embedded in the sources collection; re-indexed when a file's text changes."""

    def __init__(self, settings: Settings, embedder: Embeddings, *, roots: Sequence[Path] = ()) -> None:
        self.settings = settings
        self.embedder = embedder
        self.roots = source_roots(settings, roots)
        self.store = source_store(settings, embedder)
        self._lock = threading.Lock()
        self._docs: dict[tuple[str, str], tuple[float, int, SourceDocument]] = {}
        self._texts: dict[str, str] = {}  # fetched source texts by sha256

    def documents(self, brief: Brief) -> dict[int, SourceDocument]:
        """Footnote -> source for the brief: local files (parsed once per file version), then fetched copies."""
        out = self._local_documents(brief)
        for n, doc in self._fetched_documents(brief).items():
            out.setdefault(n, doc)  # a local file takes precedence over a fetched copy
        return dict(sorted(out.items()))

    def _fetched_documents(self, brief: Brief) -> dict[int, SourceDocument]:
        store = FetchStore.for_settings(self.settings)
        defined = {fn.number: fn.url for fn in brief.footnotes}
        out = {}
        for n, rec in store.records(brief.id).items():
            # A record for a URL the footnote no longer gives (the brief was replaced) is stale.
            if not rec.ok or defined.get(n) != rec.url or rec.text_sha256 is None:
                continue
            with self._lock:
                text = self._texts.get(rec.text_sha256)
            if text is None:
                text = store.text(rec)
                if text is None:
                    continue
                with self._lock:
                    self._texts[rec.text_sha256] = text
            out[n] = SourceDocument(
                brief.id,
                n,
                rec.archive_url or rec.final_url or rec.url,
                rec.format or "text",
                text,
                url=rec.url,
                archived=rec.archive_url,
                archive_date=rec.archive_date,
                fetched_at=rec.fetched_at,
                title=rec.title,
            )
        return out

    def _local_documents(self, brief: Brief) -> dict[int, SourceDocument]:
        out = {}
        for number, path in find_sources(brief, self.roots).items():
            stat = path.stat()
            key = (brief.id, str(path))
            with self._lock:
                cached = self._docs.get(key)
                if cached and cached[0] == stat.st_mtime and cached[1] == stat.st_size:
                    doc = cached[2]
                else:
                    doc = parse_source(path, brief.id, number)
                    self._docs[key] = (stat.st_mtime, stat.st_size, doc)
            if doc.footnote != number:
                doc = SourceDocument(doc.brief_id, number, doc.path, doc.format, doc.text)
            out[number] = doc
        return out

    def passages(self, brief: Brief) -> dict[int, list[SourcePassage]]:
        """Footnote -> its source's sentences, after making sure they are embedded in the sources collection."""
        docs = self.documents(brief)
        out = {n: source_passages(d) for n, d in docs.items()}
        with self._lock:
            for n, doc in docs.items():
                version = f"{brief.id}@src{n}@{doc.digest}"
                passages = out[n]
                if passages and self.store.count({"version": version}) != len(passages):
                    self.store.delete({"$and": [{"brief_id": brief.id}, {"footnote": n}]})
                    self.store.add(
                        [
                            StoredDoc(
                                f"{version}|{p.seq}",
                                p.text,
                                {
                                    "brief_id": brief.id,
                                    "footnote": n,
                                    "version": version,
                                    "file": p.file,
                                    "seq": p.seq,
                                    "start": p.start,
                                    "end": p.end,
                                },
                            )
                            for p in passages
                        ]
                    )
        return out

    def search(
        self, brief: Brief, footnote: int, embedding: Sequence[float], passages: Sequence[SourcePassage], k: int = 6
    ) -> list[tuple[SourcePassage, float]]:
        """The source sentences nearest to a vector, within one footnote's source."""
        if not passages:
            return []
        doc = self.documents(brief).get(footnote)
        if doc is None:
            return []
        version = f"{brief.id}@src{footnote}@{doc.digest}"
        hits = self.store.search(embedding, k=min(k, len(passages)), where={"version": version})
        by_seq = {p.seq: p for p in passages}
        out = []
        for h in hits:
            seq = h.metadata.get("seq")
            if isinstance(seq, int) and seq in by_seq:
                out.append((by_seq[seq], h.similarity))
        return out
