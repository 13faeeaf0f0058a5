"""Opening Chroma cheaply and afresh: its telemetry off, its import without the ``overrides`` package's
definition-time checks, a module imported in the background while the model runs, and an embedded system dropped
from Chroma's per-process cache so the next client opens it anew."""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any


def forget_embedded(path: Path) -> None:
    """Drop this process's cached embedded-Chroma system for ``path``, so the next client opens it afresh.

    Chroma caches one system per path for the life of the process (``SharedSystemClient``); a system that failed
    to start, whose folder was moved, or that has not seen another process's writes would otherwise be reused.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(str(path), None)


def telemetry_off() -> Any:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


@contextmanager
def light_override_checks() -> Iterator[None]:
    """Let ``overrides.override`` only mark methods, without its checks, while the block runs (Chroma's import
    and its first client).

    Chroma decorates ~160 methods with ``@override``, whose checks, run as each class is defined, read the
    caller's bytecode to find the base classes and compare signatures: ~0.2 s of CPU, over a third of importing
    Chroma, on every server start. They catch mistakes in Chroma's own source, which its release already passed;
    the mark they leave (``__override__``) is what ``EnforceOverrides`` classes look for, and is still set."""
    global _lightened, _real_override
    try:
        import overrides
    except ImportError:  # a Chroma without it: nothing to lighten
        yield
        return
    # Counted, so that two stores opened at once by two threads put back the real decorator, not each other's.
    with _LIGHT_LOCK:
        if _lightened == 0:
            _real_override = overrides.override, overrides.overrides
            overrides.override = overrides.overrides = _mark_override
        _lightened += 1
    try:
        yield
    finally:
        with _LIGHT_LOCK:
            _lightened -= 1
            if _lightened == 0 and _real_override is not None:
                overrides.override, overrides.overrides = _real_override


_LIGHT_LOCK = threading.Lock()
_lightened = 0
_real_override: tuple[Any, Any] | None = None


def _mark_override(method: Any = None, **_options: Any) -> Any:
    """``overrides.override`` without its checks: it only sets the mark (also as ``@override(...)``)."""
    if method is None:
        return _mark_override
    method.__override__ = True
    return method


def import_in_background(module: str) -> threading.Thread | None:
    """Start importing ``module`` in a daemon thread (None when it is imported already). Importing holds the GIL,
    so this gains only while the caller runs code that releases it: the model's forward passes."""
    if module in sys.modules:
        return None

    def run() -> None:
        # A failure is left for the caller's own import, which raises it where it is reported.
        with suppress(Exception):
            importlib.import_module(module)

    thread = threading.Thread(target=run, name=f"citebot-import-{module}", daemon=True)
    thread.start()
    return thread
