"""One Database per URL and process, shared by the library, sessions and quiz, made ready on first open."""

from __future__ import annotations

import threading
from collections import OrderedDict

from corpus.settings import Settings
from index.db.connect import Database, create, database_url
from index.db.migrate import ensure_schema

_OPEN_ENGINES = 16  # per process; older ones are disposed (their connections reopen if used again)

_engines: OrderedDict[str, Database] = OrderedDict()
_ready: set[str] = set()
_lock = threading.Lock()


def open_database(settings: Settings, *, check: bool = True) -> Database:
    """The process's Database for the configured URL. With ``check``, its schema is made ready first: the embedded
    SQLite file is upgraded in place; a server's schema must already be current (SchemaOutdated otherwise)."""
    return open_url(database_url(settings), check=check)


def open_url(url: str, *, check: bool = True) -> Database:
    """The process's Database for ``url`` (see :func:`open_database`)."""
    with _lock:
        db = _engines.get(url)
        if db is None:
            db = _engines[url] = create(url)
            while len(_engines) > _OPEN_ENGINES:
                _, old = _engines.popitem(last=False)
                _ready.discard(old.url)
                old.engine.dispose()
        _engines.move_to_end(url)
        if check and url not in _ready:
            ensure_schema(db)
            _ready.add(url)
    return db


def forget(settings: Settings) -> None:
    """Drop the shared Database of the configured URL (after its file was replaced, or in tests)."""
    url = database_url(settings)
    with _lock:
        db = _engines.pop(url, None)
        _ready.discard(url)
    if db is not None:
        db.engine.dispose()
