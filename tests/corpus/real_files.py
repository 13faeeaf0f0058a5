"""Where the real documents of tests/data/real/SOURCE.md are found.

Documents whose licence allows it are committed in ``tests/data/real`` and always tested. The others are fetched by
hand (SOURCE.md names each repository, path and commit) into the folders named by ``CITEBOT_REAL_EXTRA`` (several
separated by ``os.pathsep``; default ``/tmp/real-extra`` and ``/tmp/real-extra5``); their tests skip where the file
is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

COMMITTED = Path(__file__).resolve().parents[1] / "data" / "real"
DEFAULT_EXTRA = os.pathsep.join(("/tmp/real-extra", "/tmp/real-extra5"))


def real_document(name: str) -> Path:
    """The path of a real document: committed, else in ``$CITEBOT_REAL_EXTRA``; skips the test when absent."""
    committed = COMMITTED / name
    if committed.is_file():
        return committed
    for folder in os.environ.get("CITEBOT_REAL_EXTRA", DEFAULT_EXTRA).split(os.pathsep):
        extra = Path(folder) / name
        if folder and extra.is_file():
            return extra
    pytest.skip(f"{name} is not committed and not in $CITEBOT_REAL_EXTRA (fetch it as tests/data/real/SOURCE.md says)")


DEFAULT_EXTRA4 = Path("/tmp/real-extra4")


def real_extra4_document(name: str) -> Path:
    """A document of the fourth held-out set, in ``$CITEBOT_REAL_EXTRA4`` (default ``/tmp/real-extra4``); skips the
    test when absent."""
    path = Path(os.environ.get("CITEBOT_REAL_EXTRA4", DEFAULT_EXTRA4)) / name
    if not path.is_file():
        pytest.skip(f"{name} is not in $CITEBOT_REAL_EXTRA4")
    return path
