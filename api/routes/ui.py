"""The web UI: ``GET /`` serves index.html and ``GET /static/{name}`` its CSS and JS (plain files, no build step).

Every UI response carries a strict Content-Security-Policy: scripts only from this origin and no inline script,
so even if a brief's text were ever inserted as HTML by mistake, a ``<script>`` in it could not run. (The UI
also never does that: document text is always set with ``textContent``.)
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Small files that change with the code: always revalidate so a new release is picked up at once.
    "Cache-Control": "no-cache",
}
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
}

router = APIRouter(tags=["ui"], include_in_schema=False)


def _file(path: Path) -> FileResponse:
    return FileResponse(path, media_type=MEDIA_TYPES.get(path.suffix), headers=SECURITY_HEADERS)


@router.get("/")
def index() -> FileResponse:
    """The single-page UI."""
    return _file(STATIC_DIR / "index.html")


@router.get("/static/{name:path}")
def static(name: str) -> FileResponse:
    """A file of api/static/ (404 for anything outside it or not there)."""
    root = STATIC_DIR.resolve()
    if "\x00" in name:  # a NUL makes resolve() raise instead of answering "not found"
        raise HTTPException(404, "no such static file")
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file() or path.suffix not in MEDIA_TYPES:
        raise HTTPException(404, f"no static file {name!r}")
    return _file(path)
