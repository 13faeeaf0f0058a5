"""The one place where errors become HTTP responses. Every error body is JSON with a readable ``detail``.

CitebotError                      (corpus/errors.py)
 ├── PayloadTooLarge          -> 413
 ├── UnsupportedMediaType     -> 415   (an image, a spreadsheet, a zip: a kind of file citebot never reads)
 ├── BriefExists              -> 409   (an upload over another brief's id without replace=true)
 ├── InputError (the rest)    -> 422
 ├── NotFound                 -> 404   (BriefNotFound, SessionNotFound)
 ├── IndexUnavailable         -> 503   with Retry-After; the store reconnects on the next request
 └── anything else            -> 500   {"detail": "internal error"}, logged, no traceback
RequestValidationError        -> 422   a short sentence plus per-field ``errors``
HTTPException (routing, 413 from api/limits.py, 415 from api/deps.py) -> its own status
any other exception           -> 500   {"detail": "internal error"}, logged with its traceback server-side
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from corpus.errors import (
    BriefExists,
    CitebotError,
    IndexUnavailable,
    InputError,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
)

log = logging.getLogger("citebot.api")

RETRY_AFTER_SECONDS = 5
# FastAPI's own wording when a declared-JSON body cannot even be decoded (binary bytes, bad UTF-8).
FASTAPI_BODY_ERROR = "There was an error parsing the body"

# Most specific first: the first class an error is an instance of decides its status.
STATUS_BY_ERROR: tuple[tuple[type[CitebotError], int], ...] = (
    (PayloadTooLarge, 413),
    (UnsupportedMediaType, 415),
    (BriefExists, 409),
    (InputError, 422),
    (NotFound, 404),
    (IndexUnavailable, 503),
)


def status_for(exc: CitebotError) -> int:
    """The HTTP status of one of citebot's own errors."""
    for cls, status in STATUS_BY_ERROR:
        if isinstance(exc, cls):
            return status
    return 500


def error_code(exc: BaseException) -> str:
    """``BriefNotFound`` -> ``brief_not_found``: a stable machine-readable name next to the sentence."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()


def error_response(status: int, detail: str, *, code: str | None = None, **extra: Any) -> JSONResponse:
    """The JSON error body every handler returns: ``{"detail": ..., "code": ..., ...extra}``."""
    body: dict[str, Any] = {"detail": detail}
    if code:
        body["code"] = code
    body.update(extra)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else None
    return JSONResponse(body, status_code=status, headers=headers)


async def _citebot_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CitebotError)
    status = status_for(exc)
    if status >= 500:
        if status == 503:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        else:
            log.error("%s %s failed: %r", request.method, request.url.path, exc)
            return error_response(500, "internal error", code="internal_error")
    return error_response(status, str(exc) or error_code(exc).replace("_", " "), code=error_code(exc))


# Friendlier sentences for the pydantic error types a client is likely to hit.
def _field_message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return "must not be empty or blank"
        return f"must be at least {ctx.get('min_length')} characters"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be {'at least' if kind.endswith('equal') else 'more than'} {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be {'at most' if kind.endswith('equal') else 'less than'} {ctx.get('le', ctx.get('lt'))}"
    if kind.startswith("int_"):
        return "must be an integer"
    if kind.startswith("string_"):
        return "must be a string"
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return "must be a JSON object"
    msg = str(err.get("msg", "is invalid"))
    return msg.removeprefix("Value error, ")


def _field_name(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts)


def describe_validation(errors: Sequence[Any]) -> tuple[str, list[dict[str, Any]]]:
    """A one-sentence summary and a per-field list; the offending input is never echoed back."""
    fields: list[dict[str, Any]] = []
    for err in errors:
        if err.get("type") == "json_invalid":
            reason = (err.get("ctx") or {}).get("error", "malformed")
            return f"the request body is not valid JSON ({reason})", [{"field": "body", "message": reason}]
        name = _field_name(err.get("loc", ()))
        message = _field_message(err)
        if not name:
            name = "body"
            if err.get("type") == "missing":
                message = 'is missing: send a JSON object such as {"message": "..."}'
        fields.append({"field": name, "message": message, "type": err.get("type")})
    summary = "; ".join(f"{f['field']} {f['message']}" for f in fields) or "the request is invalid"
    return summary, fields


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    summary, fields = describe_validation(exc.errors())
    return error_response(422, summary, code="invalid_request", errors=fields)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    limit = getattr(exc, "limit", None)  # set by api.limits.BodyTooLarge
    extra = {"limit": limit} if isinstance(limit, int) else {}
    code = getattr(exc, "code", None) or _status_code_name(exc.status_code)
    detail = str(exc.detail)
    if exc.status_code == 400 and detail == FASTAPI_BODY_ERROR:
        detail = "the request body could not be read as JSON (it must be UTF-8 text holding a JSON object)"
    response = error_response(exc.status_code, detail, code=code, **extra)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def _status_code_name(status: int) -> str | None:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return None


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Logged with its traceback for the operator; the client only learns that something went wrong.
    log.error("%s %s raised an unexpected error", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal error", code="internal_error")


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler above on ``app``."""
    app.add_exception_handler(CitebotError, _citebot_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
