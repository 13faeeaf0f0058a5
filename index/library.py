"""Parsed briefs persisted as JSON, so quotes can be verified against the exact parsed text after a restart.

One file per brief under ``<data_dir>/briefs/<id>.json``, written to a temporary file and moved into place
with ``os.replace``: a reader sees the old brief or the new one, never half of either. The file's
``content_hash`` is the brief's *active version* in the index (see ``bot.engine``).

One damaged file never takes the library down: ``all()`` skips it (logged once) and serves the rest, and
``quarantine()`` moves it to ``<data_dir>/quarantine/`` (``citebot doctor --repair``), where it can be inspected.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from corpus.errors import BriefNotFound, IndexUnavailable
from corpus.models import Author, Brief, Footnote, ParseWarning, Passage, Reference
from corpus.settings import Settings

log = logging.getLogger("citebot.library")

SCHEMA = 1
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """Every field of a Brief as plain JSON data (lossless)."""
    data = asdict(brief)
    data["schema"] = SCHEMA
    return data


def _reference(d: dict[str, Any]) -> Reference:
    return Reference(d["title"], d["publisher"], d["date"], d["date_raw"], d["url"], d["raw"])


def _passage(d: dict[str, Any]) -> Passage:
    return Passage(
        id=d["id"],
        brief_id=d["brief_id"],
        kind=d["kind"],
        text=d["text"],
        start=d["start"],
        end=d["end"],
        paragraph=d["paragraph"],
        footnotes=tuple(d["footnotes"]),
        direct=d["direct"],
        seq=d["seq"],
        label=d["label"],
        references=tuple(_reference(r) for r in d["references"]),
    )


def brief_from_dict(d: dict[str, Any]) -> Brief:
    """Inverse of :func:`brief_to_dict`."""
    return Brief(
        id=d["id"],
        title=d["title"],
        text=d["text"],
        authors=tuple(Author(a["name"], a["role"]) for a in d["authors"]),
        editors=tuple(d["editors"]),
        organisation=d["organisation"],
        date=d["date"],
        disclaimer=d["disclaimer"],
        footnotes=tuple(
            Footnote(f["number"], f["title"], f["publisher"], f["date"], f["date_raw"], f["url"], f["raw"])
            for f in d["footnotes"]
        ),
        passages=tuple(_passage(p) for p in d["passages"]),
        warnings=tuple(ParseWarning(w["code"], w["message"], w["footnote"]) for w in d["warnings"]),
        format=d["format"],
        content_hash=d["content_hash"],
        source_path=d["source_path"],
        markers=tuple((int(n), int(o)) for n, o in d["markers"]),
    )


class BriefRepository:
    """The library of parsed briefs on disk."""

    def __init__(self, settings: Settings) -> None:
        self.root = Path(settings.data_dir) / "briefs"
        self.quarantine_dir = Path(settings.data_dir) / "quarantine"
        self._reported: set[str] = set()
        # Parsed briefs by file, with the file's (mtime, size, inode) when read: an unchanged file is not parsed
        # again, and the same Brief object comes back (so an index snapshot can keep what it built from it).
        self._parsed: dict[Path, tuple[tuple[int, int, int], Brief]] = {}

    def _path(self, brief_id: str) -> Path:
        if not _SAFE_ID.match(brief_id):
            raise BriefNotFound(f"no brief with id {brief_id!r}")
        return self.root / f"{brief_id}.json"

    def save(self, brief: Brief) -> None:
        """Write the brief atomically (temp file + rename in the same folder)."""
        path = self._path(brief.id)
        self.root.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(brief_to_dict(brief), ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, brief_id: str) -> Brief:
        """The stored brief; BriefNotFound if there is none."""
        path = self._path(brief_id)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BriefNotFound(f"no brief with id {brief_id!r}") from None
        except (UnicodeDecodeError, OSError) as exc:
            raise IndexUnavailable(f"the stored brief {path.name} is unreadable: {exc}") from exc
        return self._load(raw, path)

    def _files(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return [p for p in sorted(self.root.glob("*.json")) if not p.name.startswith(".tmp-")]

    def all(self) -> list[Brief]:
        """Every readable stored brief, sorted by id; an unreadable file is skipped (and logged once)."""
        briefs = []
        files = self._files()
        for gone in self._parsed.keys() - set(files):
            self._parsed.pop(gone, None)
        for path in files:
            try:
                st = path.stat()
                signature = (st.st_mtime_ns, st.st_size, st.st_ino)
                cached = self._parsed.get(path)
                if cached is not None and cached[0] == signature:
                    briefs.append(cached[1])
                    continue
                brief = self._load(path.read_text(encoding="utf-8", errors="strict"), path)
                self._parsed[path] = (signature, brief)
                briefs.append(brief)
            except FileNotFoundError:  # deleted between listing and reading
                continue
            except (IndexUnavailable, UnicodeDecodeError, OSError) as exc:
                if path.name not in self._reported:
                    self._reported.add(path.name)
                    log.warning("skipping %s: %s (citebot doctor --repair quarantines it)", path.name, exc)
        return briefs

    def unreadable(self) -> list[tuple[Path, str]]:
        """The stored files that cannot be read as briefs, each with the reason."""
        found = []
        for path in self._files():
            try:
                self._load(path.read_text(encoding="utf-8", errors="strict"), path)
            except FileNotFoundError:
                continue
            except (IndexUnavailable, UnicodeDecodeError, OSError) as exc:
                found.append((path, str(exc.__cause__ or exc)))
        return found

    def quarantine(self, path: Path) -> Path:
        """Move a stored file out of the library into the quarantine folder; returns where it went."""
        self.quarantine_dir.mkdir(parents=True, exist_ok=True)
        target = self.quarantine_dir / path.name
        n = 1
        while target.exists():
            n += 1
            target = self.quarantine_dir / f"{path.stem}.{n}{path.suffix}"
        os.replace(path, target)
        return target

    def delete(self, brief_id: str) -> None:
        """Remove a brief; BriefNotFound if there is none."""
        try:
            self._path(brief_id).unlink()
        except FileNotFoundError:
            raise BriefNotFound(f"no brief with id {brief_id!r}") from None

    def stamp(self) -> int:
        """Changes whenever a brief is saved or deleted (the folder's mtime), so other processes can reload."""
        try:
            return self.root.stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    @staticmethod
    def _load(raw: str, path: Path) -> Brief:
        try:
            return brief_from_dict(json.loads(raw))
        except (ValueError, KeyError, TypeError) as exc:
            raise IndexUnavailable(f"the stored brief {path.name} is unreadable: {exc}") from exc
