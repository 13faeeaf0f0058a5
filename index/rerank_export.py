"""Export a sentence-transformers model folder (all-mpnet-base-v2) to ONNX for ``index.rerank``; imports torch.

The same recipe as the main model's export (``index.onnxmodel.export``): TorchScript exporter, dynamic batch and
sequence axes, last hidden state only, an int8 copy from ``quantize_dynamic``, a checksummed manifest, files
swapped into place only when complete. The inputs are the ones the model's forward takes (MPNet has no
``token_type_ids``). The source folder is read from local disk only.
"""

from __future__ import annotations

import inspect
import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

from corpus.errors import ModelUnavailable
from index.onnxmodel.export import OPSET, _quantise, _read_max_seq_length, _swap_into_place
from index.onnxmodel.files import INT8_FILE, MANIFEST, MODEL_FILE, TOKENIZER_FILE, Manifest, sha256_file


def export_rerank_model(source: Path, target: Path) -> Path:
    """Export the model in ``source`` to ``target`` (fp32, int8, tokenizer, manifest); returns ``target``."""
    source, target = Path(source), Path(target)
    if not (source / "config.json").is_file() or not (source / TOKENIZER_FILE).is_file():
        raise ModelUnavailable(f"no sentence model with a {TOKENIZER_FILE} in {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".rerank-export-", dir=target.parent))
    work.chmod(0o755)
    try:
        dimension, versions = _export_fp32(source, work / MODEL_FILE)
        _quantise(work / MODEL_FILE, work / INT8_FILE)
        shutil.copyfile(source / TOKENIZER_FILE, work / TOKENIZER_FILE)
        manifest = Manifest(
            source=source.name,
            files={name: sha256_file(work / name) for name in (MODEL_FILE, INT8_FILE, TOKENIZER_FILE)},
            max_seq_length=_read_max_seq_length(source),
            dimension=dimension,
            exporter={**versions, "opset": str(OPSET)},
        )
        (work / MANIFEST).write_text(json.dumps(manifest.to_json(), indent=2) + "\n", encoding="utf-8")
        _swap_into_place(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _export_fp32(source: Path, out: Path) -> tuple[int, dict[str, str]]:
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import torch
    import transformers
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(source), local_files_only=True)
    model = AutoModel.from_pretrained(str(source), local_files_only=True).eval()
    accepted = inspect.signature(model.forward).parameters
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in accepted]

    class LastHiddenState(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *inputs: Any) -> Any:
            return self.inner(**dict(zip(names, inputs, strict=True))).last_hidden_state

    sample = tokenizer(
        ["a short sentence", "a second, somewhat longer sentence to pad"], padding=True, return_tensors="pt"
    )
    axes = {name: {0: "batch", 1: "sequence"} for name in [*names, "last_hidden_state"]}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and tracer warnings
        torch.onnx.export(
            LastHiddenState(model),
            tuple(sample[name] for name in names),
            str(out),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )
    return int(model.config.hidden_size), {"torch": torch.__version__, "transformers": transformers.__version__}
