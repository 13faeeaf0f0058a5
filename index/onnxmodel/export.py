"""Export the sentence model to ONNX: the one place outside tests and benchmarks that imports torch.

The transformer is exported with torch's TorchScript-based exporter (``dynamo=False``): it needs only torch,
while the default dynamo exporter needs the ``onnxscript`` package, and it gives a single self-contained file
with dynamic batch and sequence axes. The wrapped module returns only ``last_hidden_state``; mean pooling and
normalisation are done in numpy at serving time, exactly as sentence-transformers' Pooling and Normalize modules
do. The int8 variant is quantised from the fp32 file with ``onnxruntime.quantization.quantize_dynamic``, one scale
per output channel: ingest embeds stored passages with it (about 2x less CPU than fp32 on a CPU with VNNI).

Files are written to a temporary folder beside the target and moved into place only when all of them and the
manifest are complete, so an interrupted export leaves the previous one (or none), never a mix.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

from corpus.errors import ModelUnavailable
from corpus.settings import Settings
from index.onnxmodel.files import (
    INT8_FILE,
    INT8_PER_CHANNEL,
    MANIFEST,
    MODEL_FILE,
    NEEDS_EXPORT_EXTRA,
    TOKENIZER_FILE,
    Manifest,
    model_path,
    onnx_dir,
    sha256_file,
    source_model_id,
)

OPSET = 17


def _require_export_extra() -> None:
    """ModelUnavailable, naming the fix, where the export's own dependencies (the `export` extra) are missing."""
    missing = [name for name in ("torch", "transformers", "onnx") if importlib.util.find_spec(name) is None]
    if missing:
        raise ModelUnavailable(f"`citebot model export` cannot run without {', '.join(missing)}: {NEEDS_EXPORT_EXTRA}")


def _read_max_seq_length(folder: Path) -> int:
    """sentence-transformers' limit for the model (``sentence_bert_config.json``), else the tokenizer's."""
    for name, key in (("sentence_bert_config.json", "max_seq_length"), ("tokenizer_config.json", "model_max_length")):
        path = folder / name
        if path.is_file():
            value = json.loads(path.read_text(encoding="utf-8")).get(key)
            if isinstance(value, int) and 0 < value <= 100_000:
                return value
    return 512


def export_model(settings: Settings, target: Path | None = None) -> Path:
    """Export the configured model to ``target`` (default: the configured ONNX folder) and return that folder."""
    _require_export_extra()
    source = Path(model_path(settings))
    if not (source / "config.json").is_file() or not (source / TOKENIZER_FILE).is_file():
        raise ModelUnavailable(f"no sentence model with a {TOKENIZER_FILE} in {source}: set CITEBOT_MODEL_PATH")
    target = Path(target) if target is not None else onnx_dir(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".onnx-export-", dir=target.parent))
    work.chmod(0o755)  # mkdtemp's folder is private; the export is read by whoever runs the environment
    try:
        dimension, versions = _export_fp32(source, work / MODEL_FILE)
        _quantise(work / MODEL_FILE, work / INT8_FILE)
        shutil.copyfile(source / TOKENIZER_FILE, work / TOKENIZER_FILE)
        manifest = Manifest(
            source=source_model_id(settings),
            files={name: sha256_file(work / name) for name in (MODEL_FILE, INT8_FILE, TOKENIZER_FILE)},
            max_seq_length=_read_max_seq_length(source),
            dimension=dimension,
            exporter={**versions, "opset": str(OPSET)},
            int8=INT8_PER_CHANNEL,
        )
        (work / MANIFEST).write_text(json.dumps(manifest.to_json(), indent=2) + "\n", encoding="utf-8")
        _swap_into_place(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _swap_into_place(work: Path, target: Path) -> None:
    """Replace ``target`` by ``work`` with renames only (the old folder is removed after the swap)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(work, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _export_fp32(source: Path, out: Path) -> tuple[int, dict[str, str]]:
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import torch
    import transformers
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(source), local_files_only=True)
    model = AutoModel.from_pretrained(str(source), local_files_only=True).eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    texts = ["a short sentence", "a second, somewhat longer sentence to pad"]
    sample = tokenizer(texts, padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "sequence"} for name in names}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and tracer warnings
        torch.onnx.export(
            LastHiddenState(model),
            tuple(sample[name] for name in names),
            str(out),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={**axes, "last_hidden_state": {0: "batch", 1: "sequence"}},
            opset_version=OPSET,
            dynamo=False,
        )
    dimension = int(model.config.hidden_size)
    return dimension, {"torch": torch.__version__, "transformers": transformers.__version__}


def _quantise(fp32: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # it advises "pre-processing" on the root logger; the graph is already simple
    try:
        # Per channel: one scale per tensor made vectors with cosine 0.94-0.97 to fp32, per channel 0.986-0.999.
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.setLevel(level)
