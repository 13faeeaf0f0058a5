"""Helpers for benchmarks that own one section of bench/RESULTS.md (between HTML comment markers), so several
benchmarks can record their figures in the same file without overwriting each other's."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path


def machine() -> str:
    cpu = platform.processor() or "cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    when = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return f"{when} · {cpu} · {os.cpu_count()} cores · Python {platform.python_version()}"


def update_section(path: Path, name: str, text: str) -> None:
    """Replace the section ``name`` in ``path`` (or append it), keeping everything else as it is."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{text.rstrip()}\n{end}"
    current = path.read_text() if path.exists() else ""
    if start in current and end in current:
        before, _, rest = current.partition(start)
        _, _, after = rest.partition(end)
        updated = before + block + after
    else:
        updated = current.rstrip() + ("\n\n" if current.strip() else "") + block + "\n"
    path.write_text(updated)
