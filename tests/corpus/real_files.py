"""Where the real documents of tests/data/real/SOURCE.md are found.

Documents whose licence allows it are committed in ``tests/data/real`` and always tested. The others are fetched by
hand (SOURCE.md names each repository, path and commit) into the folders named by ``CITEBOT_REAL_EXTRA`` (several
separated by ``os.pathsep``; default ``/tmp/real-extra`` and ``/tmp/real-extra5``); their tests skip where the file
is absent."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from corpus.loader import parse_bytes
from corpus.models import Brief

COMMITTED = Path(__file__).resolve().parents[1] / "data" / "real"
DEFAULT_EXTRA = os.pathsep.join(("/tmp/real-extra", "/tmp/real-extra5"))
# a second variable for documents fetched by hand (a three-column Federal Register issue among them)
EXTRA4 = ("CITEBOT_REAL_EXTRA4", "/tmp/real-extra4")
# the fifth held-out set's documents (bench/unseen5.jsonl)
EXTRA6 = ("CITEBOT_REAL_EXTRA6", "/tmp/real-extra6")


def real_document(name: str, folder: tuple[str, str] = ("CITEBOT_REAL_EXTRA", DEFAULT_EXTRA)) -> Path:
    """The path of a real document: committed, else in one of the folders (separated by ``os.pathsep``) named by the
    environment variable ``folder[0]`` (default ``folder[1]``); skips the test when absent."""
    committed = COMMITTED / name
    if committed.is_file():
        return committed
    variable, default = folder
    for place in os.environ.get(variable, default).split(os.pathsep):
        extra = Path(place) / name
        if place and extra.is_file():
            return extra
    pytest.skip(f"{name} is not committed and not in ${variable} (fetch it as tests/data/real/SOURCE.md says)")


def real_extra4_document(name: str) -> Path:
    """A document of the fourth held-out set, in ``$CITEBOT_REAL_EXTRA4`` (default ``/tmp/real-extra4``); skips the
    test when absent."""
    return real_document(name, EXTRA4)


def real_extra6_document(name: str) -> Path:
    """A document of the fifth held-out set, in ``$CITEBOT_REAL_EXTRA6`` (default ``/tmp/real-extra6``); skips the
    test when absent."""
    return real_document(name, EXTRA6)


@cache
def parsed_real_document(name: str) -> Brief:
    """A real document (``real_document``) parsed once per test session; skips the test when absent."""
    path = real_document(name)
    return parse_bytes(path.read_bytes(), path.name)
