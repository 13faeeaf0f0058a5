"""Read a brief from disk or bytes: validate, detect the format, parse, build."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from corpus.builder import build_brief
from corpus.decoding import decode_text
from corpus.errors import CitebotError, ParseError, UnsupportedFormat, UnsupportedMediaType
from corpus.formats import FRONT_ENDS
from corpus.limits import checkpoint, current_limits, too_large
from corpus.models import Brief
from corpus.raw import RawDocument
from corpus.text_format import parse_text

log = logging.getLogger("citebot.corpus")

PARSER_VERSION = "1"
DEFAULT_MAX_BYTES = 50_000_000

# format name -> parser from bytes; other front-ends register here (see corpus/formats/__init__.py).
FrontEnd = Callable[[bytes], RawDocument]


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:80] or "brief"


def _parse_plain(data: bytes) -> RawDocument:
    return parse_text(decode_text(data))


_ZIP_KINDS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
    ("META-INF/container.xml", "epub"),
    ("content.xml", "odf"),
)
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"RIFF", b"BM")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Formats that are recognised but not read, with the reason given to the user.
UNSUPPORTED = {
    "encrypted-office": "this Office document is encrypted (password-protected); save an unprotected copy as .docx",
    "doc": "old Word .doc files are not supported; save the document as .docx",
    "xlsx": "spreadsheets are not supported",
    "pptx": "slide decks are not supported",
    "epub": "e-books are not supported",
    "odf": "OpenDocument files are not supported; save the document as .docx",
    "zip": "zip archives are not supported",
    "image": "this is an image, not a document with text; OCR is not supported",
    "rtf": "RTF files are not supported; save the document as .docx",
}
SUPPORTED_TYPES = ".txt, .md, .html, .pdf and .docx"
# A type citebot reads, in a state it cannot open: 422 rather than 415 (unsupported media type).
READABLE_BUT_LOCKED = frozenset({"encrypted-office"})


def _zip_kind(data: bytes) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "docx"  # a damaged package: the DOCX reader says so in its own words
    return next((kind for member, kind in _ZIP_KINDS if member in names), "zip")


def detect_format(data: bytes, filename: str = "") -> str:
    """Name the format from the content first, the extension second."""
    head = data[:2048].lstrip()
    lower = head.lower()
    suffix = Path(filename).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(_OLE_MAGIC):
        # Office encrypts .docx files by wrapping them in an OLE container with an EncryptionInfo stream.
        return "encrypted-office" if "EncryptionInfo".encode("utf-16-le") in data else "doc"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"---") and re.match(rb"---[ \t]*\r?\n(?:.*?\r?\n)?(?:---|\.\.\.)[ \t]*\r?\n", head, re.DOTALL):
        return "markdown"  # YAML front matter
    xhtml = lower.startswith(b"<?xml") and b"<html" in lower
    if lower.startswith((b"<!doctype html", b"<html")) or xhtml or b"<body" in lower:
        return "html"
    markdown_signs = re.search(rb"\[\^[^\]\s]+\]", data[:200_000]) or re.search(rb"(?m)^#{1,6} \S", head)
    if suffix in {".md", ".markdown"} or (markdown_signs and suffix not in {".html", ".htm"}):
        return "markdown"
    if suffix in {".html", ".htm", ".xhtml"} or re.search(rb"<(?:p|div|h[1-6]|table|article)[\s>]", lower):
        return "html"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    return "text"


def content_hash(data: bytes) -> str:
    """A brief's version key: its file's bytes and the parser version (a new parser re-reads every file)."""
    return hashlib.sha256(PARSER_VERSION.encode() + b"\0" + data).hexdigest()


def front_ends() -> dict[str, FrontEnd]:
    """The parsers by format name. Formats other than text are added by ``corpus.formats``."""
    return {"text": _parse_plain, **FRONT_ENDS}


def parse_bytes(data: bytes, filename: str, *, brief_id: str | None = None) -> Brief:
    """Parse a brief held in memory (an upload or a file's bytes), within the current work limits
    (``corpus.limits``): pages per PDF before parsing, passages per brief after, the parse deadline between."""
    if not data.strip():
        raise ParseError("the file is empty")
    fmt = detect_format(data, filename)
    if fmt in UNSUPPORTED:
        error = UnsupportedFormat if fmt in READABLE_BUT_LOCKED else UnsupportedMediaType
        raise error(f"{UNSUPPORTED[fmt]} (citebot reads {SUPPORTED_TYPES})")
    parser = front_ends().get(fmt)
    if parser is None:
        raise UnsupportedMediaType(f"{fmt} documents are not supported (citebot reads {SUPPORTED_TYPES})")
    limits = current_limits()
    if fmt == "pdf":
        _check_pages(data, limits.max_pdf_pages)
    try:
        raw = parser(data)
        checkpoint()
    except CitebotError:
        raise
    except (Exception, RecursionError) as exc:
        # A malformed file can trip any of the third-party parsers in ways they do not document; the user gets
        # a one-line reason and the library is untouched, the operator gets the traceback.
        log.warning("the %s front-end failed on %s", fmt, filename or "an upload", exc_info=exc)
        raise ParseError(f"the {fmt} file could not be parsed ({type(exc).__name__})") from exc
    if not raw.blocks and not raw.header:
        raise ParseError("no text could be found in the document")
    digest = content_hash(data)
    bid = brief_id or slugify(Path(filename).stem or "brief")
    brief = build_brief(raw, bid, content_hash=digest, source_path=filename or None)
    checkpoint()
    if len(brief.passages) > limits.max_passages:
        raise too_large(f"the document has {len(brief.passages):,} passages", "max_passages", limits.max_passages)
    return brief


def _check_pages(data: bytes, limit: int) -> None:
    """Refuse a PDF with too many pages before parsing it: counting reads only the page tree, not the pages."""
    try:
        from pypdf import PdfReader

        pages = len(PdfReader(BytesIO(data)).pages)
    except Exception:  # a PDF pypdf cannot count is the parser's to judge (damaged, encrypted)
        return
    if pages > limit:
        raise too_large(f"the PDF has {pages:,} pages", "max_pdf_pages", limit)


def read_brief_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a brief file, or ``ParseError`` with a one-line reason (missing, a folder, too big, unreadable)."""
    p = Path(path)
    if not p.exists():
        raise ParseError(f"no such file: {p}")
    if p.is_dir():
        raise ParseError(f"{p} is a folder, not a file")
    size = p.stat().st_size
    if size > max_bytes:
        raise ParseError(f"{p.name} is {size:,} bytes; the limit is {max_bytes:,}")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read {p}: {exc.strerror}") from exc


def load_brief(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, brief_id: str | None = None) -> Brief:
    """Parse the brief at ``path``. Raises ``ParseError`` with a one-line reason on bad input."""
    p = Path(path)
    data = read_brief_file(p, max_bytes=max_bytes)
    return parse_bytes(data, str(p), brief_id=brief_id or slugify(p.stem))
