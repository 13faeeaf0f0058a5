"""Reading a PDF's pages: one process, or two sharing the pages of a longer document.

pdfminer's content-stream interpreter is pure Python and holds the GIL: reading a 20-page brief is ~2 s of one
core before any embedding starts, while the other core waits. A page is read from the open document alone
(``read_page``), so a second process can read some of them: the process forks (nothing to import or re-open),
takes pages from the back while this one takes them from the front, each claiming its next page under a shared
lock, so the two meet wherever their speeds put them. The worker sends its pages back as plain tuples and exits.

How the worker starts. A process with one thread forks (nothing to import or re-open). A process holding other
threads (a server: request threads, ONNX Runtime's, Chroma's) does not: a fork copies only the calling thread, so a
lock another thread held at that moment stays held in the child for good. It asks multiprocessing's fork server
instead, a small process started once (about a second of one core, beside this process's own reading of pages)
with pdfplumber imported, and the worker, forked from that, opens the document from its bytes. multiprocessing
runs the main script again in such a worker (as ``__mp_main__``), so this is done only when the script guards its
work with ``if __name__ == "__main__"`` (citebot's commands, a server, pytest) or there is none (``python -c``);
a process whose main script would act again forks as before, its worker read back only if it answers in time.

The result is the serial one, page for page: the same function reads each page of the same document. Anything
going wrong on the worker's side (it cannot start, dies, raises, or stops answering) costs only time: the pages
it did not deliver are read here, in order, so a damaged page raises the same error as in one process. A
cancelled upload or a spent parse deadline stops the worker with the parse. Documents under ``MIN_PAGES``, a
machine with one core, and platforms without ``fork`` read in one process.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from io import BytesIO
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pdfplumber

from corpus.formats.common import make_table
from corpus.formats.pdf_dedupe import deduped_page, rules_page
from corpus.formats.pdf_layout import Char, Line, Page, group_lines, layout_objects, page_chars, reading, trim_frame
from corpus.limits import checkpoint
from corpus.raw import RawTable

MIN_PAGES = 4  # fewer pages read in one process: a fork and its pickles would cost more than they save
PROCESSES = 2  # 1 turns the worker off (tests compare the two)
FORK_WHEN_ALONE = True  # False: the fork server even in a process of one thread (tests compare the two)
_POLL = 0.05  # seconds between checks of the budget while waiting for the worker
_LOCK_WAIT = 5.0  # a worker that holds the page lock this long is taken to be gone


def read_page(page: Any, number: int) -> Page:
    """One page's lines, ruled tables and short rules (``number`` counts from 1); its cached layout is freed."""
    checkpoint()  # a page is the unit of work: a cancelled upload or a spent parse deadline stops here
    with reading():
        fx0, ftop, fx1, fbottom = frame = trim_frame(page)
        width, height = fx1 - fx0, fbottom - ftop
        chars, edges = layout_objects(page)
        tables: list[tuple[float, float, RawTable]] = []
        boxes: list[tuple[float, float, float, float]] = []
        # only a ruled page can hold a ruled table: cells need rules both ways (a footnote rule, fraction bars
        # and underlines never make one, and looking for tables costs a second pass over the page)
        upright = sum(float(e.y1) - float(e.y0) > 5 for e in edges)  # a vertical rule, or a box's sides
        # the rules alone say whether there is a table; only then are the characters read for its cells
        if len(edges) > 2 and upright >= 2 and rules_page(page).find_tables():
            for t in deduped_page(page).find_tables():  # fake bold prints each glyph twice
                rows = [[c or "" for c in row] for row in t.extract()]
                table = make_table(rows)
                # a ruled box of one column is a text box (a sidebar, a list of points), read as text
                if table is not None and len(rows) > 1 and len(table.columns) > 1 and table.rows:
                    x0, top, x1, bottom = (float(v) for v in t.bbox)
                    tables.append((top - ftop, bottom - ftop, table))
                    boxes.append((x0, top, x1, bottom))
        rules = [
            (
                float(page.height) - float(e.y1) + float(page.mediabox[1]) - ftop,
                float(e.x0) - fx0,
                float(e.x1) - fx0,
            )
            for e in edges
            if float(e.y1) - float(e.y0) < 2 and 20 < float(e.x1) - float(e.x0) < 0.6 * width
        ]
        lines = group_lines(page_chars(page, chars, boxes, frame), number)
        read = Page(number, height, width, lines, tables, rules)
    page.close()  # free the page's cached layout: a long PDF is read one page at a time
    return read


def read_pages(pdf: Any) -> list[Page]:
    """Every page of an open pdfplumber document, in this process."""
    return [read_page(page, i) for i, page in enumerate(pdf.pages, 1)]


def read_all(pdf: Any, data: bytes | None = None) -> list[Page]:
    """Every page of an open pdfplumber document, in two processes where that pays (see the module's note);
    ``data``, the document's bytes, lets a process that holds threads start its worker from the fork server."""
    pages = pdf.pages
    method = start_method(data is not None) if _parallel(len(pages)) else None
    if method is None:
        return read_pages(pdf)
    ctx: Any = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload([__name__])  # read once by the server when it starts
    bounds = ctx.Array("i", [0, len(pages)])  # [next page from the front, one past the next page from the back]
    receive, send = ctx.Pipe(duplex=False)
    source = pages if method == "fork" else data
    worker = ctx.Process(target=_worker, args=(source, bounds, send), name="citebot-pdf-pages", daemon=True)
    # A fork is immediate. The fork server's first worker waits for the server to start (a Python process importing
    # pdfplumber): that start runs in a helper thread while this one reads pages from the front.
    starter = _Starter(worker, send)
    if method == "fork":
        starter.run()
    else:
        starter.start()
    started = time.monotonic()
    try:
        mine: list[Page] = []
        while (i := _claim(bounds, front=True)) is not None:
            mine.append(read_page(pages[i], i + 1))
        starter.join()
        if not starter.started:  # no process to spare: every page was read here
            return mine
        theirs: list[Page] = []
        if _claimed_from_back(bounds, len(pages)):
            theirs = _collect(receive, worker, patience=max(10.0, 4 * (time.monotonic() - started)))
        theirs = [p for p in theirs if p.number > len(mine)]
        done = {p.number for p in theirs}
        # pages the worker claimed and did not deliver (it failed or was stopped): read here, in order
        rest = [read_page(pages[n - 1], n) for n in range(len(mine) + 1, len(pages) + 1) if n not in done]
        return sorted([*mine, *theirs, *rest], key=lambda p: p.number)
    finally:
        starter.join()  # an error or a cancel here: the worker is ended below, so its start must be over
        receive.close()
        if starter.started:
            if worker.is_alive():
                worker.kill()  # an error or a cancel here, or a worker past its time: it holds nothing to clean up
            worker.join()


class _Starter(threading.Thread):
    """Starts the worker (in this thread, or run in the caller's), then lets go of the parent's end of its pipe.
    ``started`` says whether there is a worker to wait for."""

    def __init__(self, worker: Any, send: Connection) -> None:
        super().__init__(name="citebot-pdf-start", daemon=True)
        self._worker = worker
        self._send = send
        self.started = False

    def run(self) -> None:
        try:
            self._worker.start()
            self.started = True
        except (OSError, AssertionError, ValueError):  # no process to spare (a daemon cannot fork children, limits)
            pass
        finally:
            self._send.close()  # the worker holds its own copy: end of file here once it is gone

    def join(self, timeout: float | None = None) -> None:
        if self.ident is not None:  # run in the caller's thread, it was never started as a thread
            super().join(timeout)


def _claimed_from_back(bounds: Any, total: int) -> bool:
    """Whether the worker took any page (it may have started after the pages were all read here)."""
    with bounds.get_lock():
        return int(bounds[1]) < total


def start_method(can_reopen: bool) -> str | None:
    """How to start the worker: ``fork`` in a process of one thread, else ``forkserver`` when the worker can open
    the document itself (None: read in one process)."""
    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods
    if fork and FORK_WHEN_ALONE and thread_count() == 1:
        return "fork"
    if can_reopen and "forkserver" in methods and main_guarded():
        return "forkserver"
    return "fork" if fork else None


_GUARD = re.compile(r"""^if\s+__name__\s*==\s*["']__main__["']\s*:""", re.MULTILINE)


def main_guarded() -> bool:
    """Whether a worker may import the main module without it doing its work again: it has no file (``python -c``,
    an interactive session), it is a package's ``__main__`` (which multiprocessing never re-runs), or its source
    guards the work with ``if __name__ == "__main__":``."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    name = getattr(spec, "name", None)
    if name is not None and (name == "__main__" or name.endswith(".__main__")):
        return True
    path = getattr(spec, "origin", None) if name is not None else getattr(main, "__file__", None)
    if path is None:
        return name is None
    try:
        return bool(_GUARD.search(Path(path).read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False


def thread_count() -> int:
    """This process's threads, native ones included (threading sees only Python's)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return max(threading.active_count(), 2)  # unknown: take it to hold others


def _parallel(pages: int) -> bool:
    if PROCESSES < 2 or pages < MIN_PAGES or not sys.platform.startswith("linux"):
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores >= 2


def _claim(bounds: Any, *, front: bool) -> int | None:
    """The index of the next unread page from the front (or the back), or None when the two sides have met."""
    lock = bounds.get_lock()
    if not lock.acquire(timeout=_LOCK_WAIT):
        return None  # the worker died holding the lock: whatever it did not deliver is read here
    try:
        if bounds[0] >= bounds[1]:
            return None
        if front:
            bounds[0] += 1
            return int(bounds[0] - 1)
        bounds[1] -= 1
        return int(bounds[1])
    finally:
        lock.release()


def _worker(source: Any, bounds: Any, send: Connection) -> None:
    """In the worker: read pages from the back until the sides meet, then send them all as tuples. ``source`` is
    the document's pages (forked) or its bytes (from the fork server)."""
    # the handlers inherited from a server are not this process's: Ctrl-C is the parent's to answer (it ends this
    # process), and SIGTERM ends it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    read: list[tuple[Any, ...]] = []
    try:
        if isinstance(source, bytes):
            with pdfplumber.open(BytesIO(source)) as pdf:
                _read_from_back(pdf.pages, bounds, read)
        else:
            _read_from_back(source, bounds, read)
    except Exception:  # the parent reads the pages not sent, and meets the same error itself
        pass
    send.send(read)
    send.close()


def _read_from_back(pages: Any, bounds: Any, read: list[tuple[Any, ...]]) -> None:
    while (i := _claim(bounds, front=False)) is not None:
        read.append(pack(read_page(pages[i], i + 1)))


def _collect(receive: Connection, worker: Any, patience: float) -> list[Page]:
    """The worker's pages; none if it ends without sending or takes longer than ``patience`` seconds."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        checkpoint()  # a cancelled upload stops here (the caller ends the worker)
        if receive.poll(_POLL):
            try:
                return [unpack(p) for p in receive.recv()]
            except (EOFError, OSError):
                return []
        if not worker.is_alive() and not receive.poll(0):
            return []
    return []


def pack(page: Page) -> tuple[Any, ...]:
    """A page as plain tuples (pickled 3x faster than the dataclasses, to the same floats)."""
    lines = [
        (
            [(c.text, c.x0, c.x1, c.top, c.bottom, c.size, c.bold, c.raised) for c in ln.chars],
            ln.page,
            ln.top,
            ln.bottom,
            ln.size,
            ln.x0,
            ln.x1,
            ln.bold,
        )
        for ln in page.lines
    ]
    return page.number, page.height, page.width, lines, page.tables, page.rules


def unpack(packed: tuple[Any, ...]) -> Page:
    number, height, width, lines, tables, rules = packed
    return Page(
        number,
        height,
        width,
        [Line([Char(*c) for c in chars], *rest) for chars, *rest in lines],
        tables,
        rules,
    )
