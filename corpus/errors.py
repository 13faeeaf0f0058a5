"""The one exception tree of citebot. The API translates it to HTTP in ``api/errors.py``.

CitebotError
 ├── InputError                 bad input from the user (CLI exit 2, HTTP 4xx)
 │    ├── ParseError            the file could not be read or parsed as a brief
 │    │    └── UnsupportedFormat   a file citebot cannot read (encrypted, scanned without a text layer)
 │    │         └── UnsupportedMediaType   a kind of file citebot does not read at all (image, .xlsx, .zip)
 │    ├── InvalidRequest        a well-formed request that asks for something impossible
 │    │    └── BriefExists      an upload would replace a brief without being asked to (HTTP 409)
 │    ├── PayloadTooLarge       the upload or body is over the size limit, or a work limit on size or count
 │    └── WorkCancelled         the client went away, or cancelled the job, before the work was done
 ├── NotFound
 │    ├── BriefNotFound         no brief with that id
 │    ├── SessionNotFound       no chat/quiz session with that id
 │    └── JobNotFound          no background job with that id
 ├── IndexUnavailable           the vector store cannot be reached (HTTP 503)
 │    ├── ModelUnavailable      the embedding model's files are missing or stale (`citebot model export`)
 │    ├── IndexMismatch         the index was made by another embedding model than the configured one
 │    └── DatabaseUnavailable   the database (SQLite file or PostgreSQL) cannot be reached or used (HTTP 503)
 │         └── SchemaOutdated   the database's schema is older (or newer) than this citebot (`citebot db upgrade`)
 ├── FetchFailed                a footnote's source could not be fetched (recorded per footnote, never raised out)
 └── CitationNotVerified        a citation failed the offset/footnote check (never served)
"""

from __future__ import annotations


class CitebotError(Exception):
    """Base of every error citebot raises on purpose."""


class InputError(CitebotError):
    """The user gave input citebot cannot accept."""


class ParseError(InputError):
    """A file could not be read or parsed as a brief."""


class UnsupportedFormat(ParseError):
    """The file's format is not one citebot can read."""


class UnsupportedMediaType(UnsupportedFormat):
    """The file is of a type citebot does not read at all (HTTP 415), as opposed to a readable type it cannot
    open (an encrypted PDF, a scan without a text layer: 422)."""


class InvalidRequest(InputError):
    """A request that is well-formed but cannot be carried out."""


class BriefExists(InvalidRequest):
    """A brief with that id holds other content, and the request did not ask to replace it."""


class PayloadTooLarge(InputError):
    """The body or upload exceeds the configured size limit."""


class WorkCancelled(InputError):
    """The work on an upload was stopped because its client disconnected or cancelled it; nothing was kept."""


class NotFound(CitebotError):
    """Something the user named does not exist."""


class BriefNotFound(NotFound):
    """No brief with the given id is in the library."""


class SessionNotFound(NotFound):
    """No session with the given id exists."""


class JobNotFound(NotFound):
    """No background job with the given id (jobs live in memory: a restart forgets them)."""


class IndexUnavailable(CitebotError):
    """The vector store cannot be reached right now."""


class ModelUnavailable(IndexUnavailable):
    """The embedding model cannot be loaded from local files (missing, or not matching its checksum)."""


class IndexMismatch(IndexUnavailable):
    """The vector store holds vectors of another embedding model (or precision) than the one configured."""


class DatabaseUnavailable(IndexUnavailable):
    """The database holding briefs, sessions and quiz state cannot be reached or answered with an error."""


class SchemaOutdated(DatabaseUnavailable):
    """The database's schema is not the one this citebot was written for; ``citebot db upgrade`` fixes an old one."""


class CitationNotVerified(CitebotError):
    """A citation's quote, offsets or footnotes do not match the parsed brief."""


class FetchFailed(CitebotError):
    """A source could not be fetched or used. ``kind`` is a short code (``dead``, ``refused``, ``robots``,
    ``robots_unavailable``, ``too_large``, ``timeout``, ``network``, ``redirects``, ``wall``, ``unreadable``);
    ``dead`` links and DNS failures are the ones the archive fallback is tried for."""

    def __init__(self, kind: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.status = status
