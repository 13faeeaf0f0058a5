"""Read a brief from disk or bytes: validate, detect the format, parse, build."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from corpus.builder import build_brief
from corpus.errors import ParseError, UnsupportedFormat
from corpus.models import Brief
from corpus.raw import RawDocument
from corpus.text_format import parse_text

PARSER_VERSION = "1"
DEFAULT_MAX_BYTES = 50_000_000

# format name -> parser from bytes; other front-ends register here (see corpus/formats.py).
FrontEnd = Callable[[bytes], RawDocument]


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:80] or "brief"


def decode_text(data: bytes) -> str:
    """Decode UTF-8 text, refusing binary data with a clear message."""
    if b"\x00" in data[:8192]:
        raise ParseError("the file is binary, not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"the file is not valid UTF-8 text (bad byte at position {exc.start})") from exc


def _parse_plain(data: bytes) -> RawDocument:
    return parse_text(decode_text(data))


def detect_format(data: bytes, filename: str = "") -> str:
    """Name the format from the content first, the extension second."""
    head = data[:2048].lstrip()
    lower = head.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if lower.startswith((b"<!doctype html", b"<html")) or b"<body" in lower or b"<p>" in lower:
        return "html"
    suffix = Path(filename).suffix.lower()
    if suffix in {".md", ".markdown"} or head.startswith(b"---\n") or re.search(rb"\[\^\w+\]", data[:200_000]):
        return "markdown"
    if suffix in {".html", ".htm"}:
        return "html"
    if suffix in {".pdf"}:
        return "pdf"
    if suffix in {".docx"}:
        return "docx"
    return "text"


def front_ends() -> dict[str, FrontEnd]:
    """The parsers by format name. Formats other than text are added by ``corpus.formats``."""
    table: dict[str, FrontEnd] = {"text": _parse_plain}
    try:
        from corpus.formats import FRONT_ENDS
    except ImportError:
        return table
    table.update(FRONT_ENDS)
    return table


def parse_bytes(data: bytes, filename: str, *, brief_id: str | None = None) -> Brief:
    """Parse a brief held in memory (an upload or a file's bytes)."""
    if not data.strip():
        raise ParseError("the file is empty")
    fmt = detect_format(data, filename)
    parser = front_ends().get(fmt)
    if parser is None:
        raise UnsupportedFormat(f"{fmt} documents are not supported yet")
    raw = parser(data)
    if not raw.blocks and not raw.header:
        raise ParseError("no text could be found in the document")
    digest = hashlib.sha256(PARSER_VERSION.encode() + b"\0" + data).hexdigest()
    bid = brief_id or slugify(Path(filename).stem or "brief")
    return build_brief(raw, bid, content_hash=digest, source_path=filename or None)


def load_brief(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, brief_id: str | None = None) -> Brief:
    """Parse the brief at ``path``. Raises ``ParseError`` with a one-line reason on bad input."""
    p = Path(path)
    if not p.exists():
        raise ParseError(f"no such file: {p}")
    if p.is_dir():
        raise ParseError(f"{p} is a folder, not a file")
    size = p.stat().st_size
    if size > max_bytes:
        raise ParseError(f"{p.name} is {size:,} bytes; the limit is {max_bytes:,}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read {p}: {exc.strerror}") from exc
    return parse_bytes(data, str(p), brief_id=brief_id or slugify(p.stem))
