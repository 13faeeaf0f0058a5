"""Reading a PDF's pages in two processes (``corpus.formats.pdf_pages``): the brief is the one-process brief, a
worker that fails or dies costs only time, and an error or a cancelled parse leaves no process behind."""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import pdfplumber
import pytest

import corpus.formats.pdf_pages as pdf_pages
from corpus.errors import ParseError, WorkCancelled
from corpus.formats.pdf_layout import Page
from corpus.limits import Budget, WorkLimits, within
from corpus.loader import parse_bytes
from corpus.models import Brief
from tests.corpus.brief_writers import SAMPLE
from tests.corpus.pdf_writer import to_pdf

THREAD_COUNT = pdf_pages.thread_count
LONG = dataclasses.replace(SAMPLE, blocks=SAMPLE.blocks * 3)  # four pages, notes on each


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return to_pdf(LONG)


@pytest.fixture(autouse=True)
def two_processes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Two processes whenever the machine has the cores, for documents from two pages."""
    if not pdf_pages._parallel(100):
        pytest.skip("no second core, or no fork, here")
    monkeypatch.setattr(pdf_pages, "MIN_PAGES", 2)
    monkeypatch.setattr(pdf_pages, "thread_count", lambda: 1)  # forked, as a process of one thread does
    yield
    assert multiprocessing.active_children() == []  # no worker outlives its parse


def serial(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Brief:
    with monkeypatch.context() as m:
        m.setattr(pdf_pages, "PROCESSES", 1)
        return parse_bytes(data, "brief.pdf")


def page_count(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def worker_takes_a_page_first(monkeypatch: pytest.MonkeyPatch, pages: int) -> list[int]:
    """Hold this process back until the worker has claimed one of the ``pages`` (so both sides read some); returns
    the count of pages each parse got back from the worker."""
    real_claim, real_collect = pdf_pages._claim, pdf_pages._collect
    delivered: list[int] = []

    def claim(bounds: Any, *, front: bool) -> int | None:
        if front and bounds[0] == 0:
            waited = time.monotonic()
            while bounds[1] == pages and time.monotonic() - waited < 60:
                time.sleep(0.01)
        return real_claim(bounds, front=front)

    def collect(*args: Any, **kwargs: Any) -> list[Page]:
        pages = real_collect(*args, **kwargs)
        delivered.append(len(pages))
        return pages

    monkeypatch.setattr(pdf_pages, "_claim", claim)
    monkeypatch.setattr(pdf_pages, "_collect", collect)
    return delivered


def test_two_processes_give_the_one_process_brief(long_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = page_count(long_pdf)
    assert pages >= 4
    delivered = worker_takes_a_page_first(monkeypatch, pages)
    parallel = parse_bytes(long_pdf, "brief.pdf")
    assert delivered and 0 < delivered[0] < pages  # both processes read pages
    one = serial(long_pdf, monkeypatch)
    assert parallel == one
    assert parallel.passages == one.passages and parallel.footnotes == one.footnotes
    assert len(parallel.footnotes) >= 3


def test_a_page_packed_for_the_way_back_is_the_same_page(long_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(long_pdf)) as pdf:
        pages = pdf_pages.read_pages(pdf)
    assert [pdf_pages.unpack(pdf_pages.pack(p)) for p in pages] == pages


def test_the_short_sample_reads_the_same_in_two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    data = to_pdf(SAMPLE)
    assert parse_bytes(data, "brief.pdf") == serial(data, monkeypatch)


def _in_worker(parent: int) -> bool:
    return os.getpid() != parent


def test_a_worker_that_fails_costs_only_time(long_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    parent, real = os.getpid(), pdf_pages.read_page

    def failing(page: Any, number: int) -> Page:
        if _in_worker(parent):
            raise RuntimeError("the worker breaks")
        return real(page, number)

    monkeypatch.setattr(pdf_pages, "read_page", failing)
    delivered = worker_takes_a_page_first(monkeypatch, page_count(long_pdf))
    brief = parse_bytes(long_pdf, "brief.pdf")
    assert delivered == [0]
    monkeypatch.setattr(pdf_pages, "read_page", real)
    assert brief == serial(long_pdf, monkeypatch)


def test_a_worker_that_dies_costs_only_time(long_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    parent, real = os.getpid(), pdf_pages.read_page

    def dying(page: Any, number: int) -> Page:
        if _in_worker(parent):
            os._exit(3)  # killed mid-page: nothing is sent back
        return real(page, number)

    monkeypatch.setattr(pdf_pages, "read_page", dying)
    worker_takes_a_page_first(monkeypatch, page_count(long_pdf))
    brief = parse_bytes(long_pdf, "brief.pdf")
    monkeypatch.setattr(pdf_pages, "read_page", real)
    assert brief == serial(long_pdf, monkeypatch)


def test_a_damaged_page_raises_the_one_process_error(long_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pdf_pages.read_page

    def damaged(page: Any, number: int) -> Page:
        if number in (2, 4):  # the first bad page decides the message, whichever process meets it
            raise ParseError(f"this PDF is damaged and cannot be read (page {number})")
        return real(page, number)

    monkeypatch.setattr(pdf_pages, "read_page", damaged)
    with pytest.raises(ParseError, match=r"\(page 2\)"):
        parse_bytes(long_pdf, "brief.pdf")
    monkeypatch.setattr(pdf_pages, "PROCESSES", 1)
    with pytest.raises(ParseError, match=r"\(page 2\)"):
        parse_bytes(long_pdf, "brief.pdf")


def test_a_cancelled_parse_stops_the_worker_too(long_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    cancel = threading.Event()
    parent, real = os.getpid(), pdf_pages.read_page

    def cancelling(page: Any, number: int) -> Page:
        if _in_worker(parent):
            time.sleep(60)  # a slow worker: the cancel must not wait for it
        read = real(page, number)
        cancel.set()  # the client goes away after this process's first page
        return read

    monkeypatch.setattr(pdf_pages, "read_page", cancelling)
    worker_takes_a_page_first(monkeypatch, page_count(long_pdf))
    with within(Budget(WorkLimits.defaults(), cancel)), pytest.raises(WorkCancelled):
        parse_bytes(long_pdf, "brief.pdf")


def test_a_parse_in_a_worker_thread_shares_its_pages_too(long_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upload is parsed off the main thread: the forked worker still reads its share."""
    delivered = worker_takes_a_page_first(monkeypatch, page_count(long_pdf))
    found: list[Brief] = []
    thread = threading.Thread(target=lambda: found.append(parse_bytes(long_pdf, "brief.pdf")))
    thread.start()
    thread.join()
    assert delivered and delivered[0] > 0
    assert found == [serial(long_pdf, monkeypatch)]


@pytest.fixture
def fork_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker started from multiprocessing's fork server, as in a process that holds other threads."""
    if pdf_pages.start_method(True) is None:
        pytest.skip("no fork server here")
    monkeypatch.setattr(pdf_pages, "FORK_WHEN_ALONE", False)
    assert pdf_pages.start_method(True) == "forkserver"


def test_a_process_holding_threads_does_not_fork_its_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pdf_pages.start_method(True) == "fork"  # one thread (the fixture says so)
    monkeypatch.setattr(pdf_pages, "thread_count", THREAD_COUNT)
    release = threading.Event()
    held = threading.Thread(target=release.wait, daemon=True)
    held.start()  # a second thread, as a server's request or model threads
    try:
        assert pdf_pages.thread_count() >= 2
        assert pdf_pages.start_method(True) == "forkserver"
        assert pdf_pages.start_method(False) == "fork"  # nothing for a fresh worker to open: forked as before
    finally:
        release.set()
        held.join()


def test_a_worker_from_the_fork_server_gives_the_one_process_brief(
    long_pdf: bytes, fork_server: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivered = worker_takes_a_page_first(monkeypatch, page_count(long_pdf))
    parallel = parse_bytes(long_pdf, "brief.pdf")
    assert delivered and delivered[0] > 0  # the worker opened the bytes and read pages
    assert parallel == serial(long_pdf, monkeypatch)


def test_a_fork_server_worker_that_cannot_open_the_document_costs_only_time(
    long_pdf: bytes, fork_server: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pdfplumber.open(io.BytesIO(long_pdf)) as pdf:
        pages = pdf_pages.read_all(pdf, b"%PDF-1.4 not really")  # the worker fails to open what it is given
    with pdfplumber.open(io.BytesIO(long_pdf)) as pdf:
        assert pages == pdf_pages.read_pages(pdf)


def test_a_fork_server_worker_that_is_killed_costs_only_time(
    long_pdf: bytes, fork_server: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_collect = pdf_pages._collect

    def killed_first(receive: Any, worker: Any, patience: float) -> list[Page]:
        worker.kill()
        worker.join()
        return real_collect(receive, worker, patience)

    monkeypatch.setattr(pdf_pages, "_collect", killed_first)
    assert parse_bytes(long_pdf, "brief.pdf") == serial(long_pdf, monkeypatch)


def test_a_main_script_that_would_act_again_in_the_worker_keeps_the_fork(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fork server's worker imports the main script again: one without a ``__main__`` guard would redo its
    work there, so such a process forks as before."""
    import sys
    import types

    def main_script(source: str) -> None:
        path = tmp_path / f"script{len(source)}.py"
        path.write_text(source)
        module = types.ModuleType("__main__")
        module.__file__ = str(path)
        monkeypatch.setitem(sys.modules, "__main__", module)

    monkeypatch.setattr(pdf_pages, "thread_count", lambda: 3)
    main_script("from citebot import ingest\ningest('brief.pdf')\n")
    assert not pdf_pages.main_guarded()
    assert pdf_pages.start_method(True) == "fork"
    main_script("def main():\n    pass\n\n\nif __name__ == '__main__':\n    main()\n")
    assert pdf_pages.main_guarded()
    assert pdf_pages.start_method(True) == "forkserver"
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))  # python -c: nothing to re-run
    assert pdf_pages.main_guarded()
