"""``POST /briefs`` (multipart upload) and ``DELETE /briefs/{id}``: changing what is in the library.

Reading the library (``GET /briefs``, ``GET /briefs/{id}``) lives in ``api/routes/briefs.py``.

The work is ``bot.ingest``'s; an upload is parsed completely before the engine is touched, so a file that cannot
be read (unsupported, encrypted, damaged, scanned) is refused with a reason and the library is unchanged. The size
limit is enforced twice: by ``api.limits`` while the body streams in, and here on the file itself. The type is
checked from the content (``corpus.loader.detect_format``), not trusted from the extension or the content type.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile, status
from fastapi.responses import JSONResponse

from api.auth import key_name
from api.deps import EngineDep, SettingsDep
from api.routes.jobs import registry
from api.schemas import ErrorOut
from api.schemas_jobs import JobOut
from api.schemas_library import IngestOut
from bot.ingest import brief_id_for, ingest_bytes, record_change, upload_name
from bot.ingest_records import IngestReport
from bot.jobs import Job
from corpus.errors import PayloadTooLarge
from corpus.loader import SUPPORTED_TYPES
from corpus.models import Brief
from corpus.settings import Settings

router = APIRouter(prefix="/briefs", tags=["library"])

T = TypeVar("T")
# How often a running upload looks whether its client is still there (a cancelled upload stops within this).
DISCONNECT_POLL_SECONDS = 0.25

UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "Another brief is filed under that id and replace was not asked for"},
    413: {
        "model": ErrorOut,
        "description": "The file is over the upload limit, or a work limit (inflated size, pages, passages)",
    },
    415: {"model": ErrorOut, "description": "A kind of file citebot does not read (image, spreadsheet, archive)"},
    422: {
        "model": ErrorOut,
        "description": "The file cannot be read as a brief (format, encryption, damage), or took too long",
    },
    503: {"model": ErrorOut, "description": "The index is loading or the store is unavailable"},
}


@router.post(
    "",
    response_model=IngestOut,
    responses={
        201: {"model": IngestOut, "description": "A new brief was added"},
        202: {"model": JobOut, "description": "With background=true: the job was started (see GET /jobs/{id})"},
        **UPLOAD_ERRORS,
    },
    summary="Upload a brief",
)
async def upload_brief(
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
    background: Annotated[
        bool,
        Query(description="Run as a job: 202 with its id at once; GET /jobs/{id} follows it, DELETE cancels it."),
    ] = False,
) -> Any:
    """Parse the file, index it, and return the parse summary and warnings.

    The same file twice is a no-op (``"unchanged"``); a new id is ``"added"`` (HTTP 201). A different file under
    an existing id (the same name stem, or the same ``brief_id``) is refused with 409 unless ``replace=true``,
    which replaces the old version atomically (``"updated"``) and writes the change log. The work is bounded by
    the work limits (413 for a size or count, 422 for time), and stops if the client disconnects.
    """
    limit = settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"the file is larger than the upload limit of {limit} bytes")
    name = upload_name(file.filename)
    wanted = brief_id_for(name, brief_id)
    if background:
        actor = key_name(request)

        def job_work(job: Job) -> dict[str, Any]:
            done = ingest_bytes(engine, data, name, wanted, job.progress, replace=replace, cancel=job.cancel_event)
            return _finish(settings, actor, *done, name).model_dump(mode="json")

        job = registry(request).start("upload", job_work, subject=wanted, label=name)
        return JSONResponse(
            JobOut.of(job).model_dump(mode="json"),
            status_code=status.HTTP_202_ACCEPTED,
            headers={"Location": f"/jobs/{job.id}"},
        )
    cancel = threading.Event()
    work = functools.partial(ingest_bytes, engine, data, name, wanted, replace=replace, cancel=cancel)
    brief, report = await run_until_disconnected(request, work, cancel)
    if report.status == "added":
        response.status_code = status.HTTP_201_CREATED
    return _finish(settings, key_name(request), brief, report, name)


def _finish(settings: Settings, actor: str, brief: Brief, report: IngestReport, name: str) -> IngestOut:
    """After an upload: a replace goes to the change log; the body is the upload's answer."""
    if report.status == "updated":
        record_change(settings.data_dir, "replaced", brief.id, brief.content_hash, actor)
    return IngestOut.of(brief, report, name)


async def run_until_disconnected(request: Request, work: Callable[[], T], cancel: threading.Event) -> T:
    """Run ``work`` in a worker thread; if the client disconnects meanwhile, set ``cancel`` so the work stops at
    its next checkpoint (``corpus.limits``) and leaves the library unchanged."""
    done = anyio.Event()

    async def watch() -> None:
        while not done.is_set():
            if await request.is_disconnected():
                cancel.set()
                return
            with anyio.move_on_after(DISCONNECT_POLL_SECONDS):
                await done.wait()

    outcome: list[T] = []
    failure: list[Exception] = []

    async def run() -> None:
        try:
            outcome.append(await anyio.to_thread.run_sync(work))
        except Exception as exc:  # re-raised below, outside the task group (which would wrap it)
            failure.append(exc)
        finally:
            done.set()

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(watch)
        tasks.start_soon(run)
    if failure:
        raise failure[0]
    return outcome[0]


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
