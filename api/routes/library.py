"""``POST /briefs`` (multipart upload) and ``DELETE /briefs/{id}``: changing what is in the library.

Reading the library (``GET /briefs``, ``GET /briefs/{id}``) lives in ``api/routes/briefs.py``.

The work is ``bot.ingest``'s; an upload is parsed completely before the engine is touched, so a file that cannot
be read (unsupported, encrypted, damaged, scanned) is refused with a reason and the library is unchanged. The size
limit is enforced twice: by ``api.limits`` while the body streams in, and here on the file itself. The type is
checked from the content (``corpus.loader.detect_format``), not trusted from the extension or the content type.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile, status

from api.auth import key_name
from api.deps import EngineDep, SettingsDep
from api.schemas import ErrorOut
from api.schemas_library import IngestOut
from bot.engine import IngestReport
from bot.ingest import brief_id_for, ingest_bytes, record_change, upload_name
from corpus.errors import PayloadTooLarge
from corpus.loader import SUPPORTED_TYPES
from corpus.models import Brief
from corpus.serialize import brief_meta_json, warning_json

router = APIRouter(prefix="/briefs", tags=["library"])

UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "Another brief is filed under that id and replace was not asked for"},
    413: {"model": ErrorOut, "description": "The file is larger than the upload limit"},
    415: {"model": ErrorOut, "description": "A kind of file citebot does not read (image, spreadsheet, archive)"},
    422: {"model": ErrorOut, "description": "The file cannot be read as a brief (format, encryption, damage)"},
    503: {"model": ErrorOut, "description": "The index is loading or the store is unavailable"},
}


def brief_summary_json(brief: Brief) -> dict[str, Any]:
    """The brief as ``GET /briefs`` lists it."""
    meta = brief_meta_json(brief, with_text=False)
    return {
        "id": brief.id,
        "title": brief.title,
        "date": brief.date,
        "authors": meta["authors"],
        "organisation": brief.organisation,
        "format": brief.format,
        "counts": {
            "passages": len(brief.passages),
            "sentences": sum(1 for p in brief.passages if p.kind == "sentence"),
            "footnotes": len(brief.footnotes),
            "warnings": len(brief.warnings),
        },
    }


def ingest_json(brief: Brief, report: IngestReport, filename: str) -> dict[str, Any]:
    """The ``POST /briefs`` body (also ``citebot ingest --json``)."""
    return {
        "status": report.status,
        "filename": filename,
        "brief": brief_summary_json(brief),
        "warnings": [warning_json(w) for w in brief.warnings],
    }


@router.post(
    "",
    response_model=IngestOut,
    responses={201: {"model": IngestOut, "description": "A new brief was added"}, **UPLOAD_ERRORS},
    summary="Upload a brief",
)
def upload_brief(
    file: Annotated[UploadFile, File(description=f"The brief: {SUPPORTED_TYPES}.")],
    engine: EngineDep,
    settings: SettingsDep,
    response: Response,
    request: Request,
    brief_id: Annotated[
        str | None,
        Form(description="Id to file it under (default: from the file name)."),
    ] = None,
    replace: Annotated[
        bool,
        Form(description="Replace a different brief already filed under that id (otherwise 409)."),
    ] = False,
) -> dict[str, Any]:
    """Parse the file, index it, and return the parse summary and warnings.

    The same file twice is a no-op (``"unchanged"``); a new id is ``"added"`` (HTTP 201). A different file under
    an existing id (the same name stem, or the same ``brief_id``) is refused with 409 unless ``replace=true``,
    which replaces the old version atomically (``"updated"``) and writes the change log.
    """
    limit = settings.max_upload_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"the file is larger than the upload limit of {limit} bytes")
    name = upload_name(file.filename)
    brief, report = ingest_bytes(engine, data, name, brief_id_for(name, brief_id), replace=replace)
    if report.status == "updated":
        record_change(settings.data_dir, "replaced", brief.id, brief.content_hash, key_name(request))
    if report.status == "added":
        response.status_code = status.HTTP_201_CREATED
    return ingest_json(brief, report, name)


@router.delete(
    "/{brief_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"model": ErrorOut, "description": "Unknown brief"}},
    summary="Remove a brief",
)
def delete_brief(brief_id: str, engine: EngineDep, settings: SettingsDep, request: Request) -> Response:
    """Remove the brief and its passages from the library and the index."""
    digest = engine.brief(brief_id).content_hash
    engine.remove(brief_id)
    record_change(settings.data_dir, "removed", brief_id, digest, key_name(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
