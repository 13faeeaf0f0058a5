"""``citebot model export|cache|show``: make the ONNX export of the sentence model that serving embeds with.

``export`` is the one command that imports torch (to trace the model); ``make install`` runs it once. It then
writes the vector cache (``cache`` alone rewrites it): the bundled briefs' passages embedded once at install, which
a first start reuses instead of embedding them again (``index/onnxmodel/vector_cache.py``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from corpus.settings import Settings, get_settings
from index.onnxmodel.files import INT8_FILE, MODEL_FILE, onnx_dir, verified_files


@click.group()
def model() -> None:
    """The ONNX export of the sentence model (made once at install; served without torch)."""


@model.command("export")
@click.option(
    "--dir",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write here instead of CITEBOT_ONNX_DIR (default <sys.prefix>/share/citebot/onnx).",
)
def export(target: Path | None) -> None:
    """Export the configured sentence model to ONNX (fp32 and int8) with a checksummed manifest."""
    from index.onnxmodel.export import export_model

    settings = get_settings()
    started = time.perf_counter()
    folder = export_model(settings, target)
    click.echo(f"exported {MODEL_FILE} and {INT8_FILE} to {folder} in {time.perf_counter() - started:.1f} s")
    _write_cache(settings.model_copy(update={"onnx_dir": folder}))


@model.command("cache")
def cache() -> None:
    """Embed the bundled briefs' passages with the export and store the vectors for a first start to reuse."""
    _write_cache(get_settings())


def _write_cache(settings: Settings) -> None:
    from bot.factory import cache_bundled_vectors

    started = time.perf_counter()
    written = cache_bundled_vectors(settings)
    if written is None:
        click.echo("no vector cache written (CITEBOT_VECTOR_CACHE=off, or not the ONNX embedder)")
        return
    path, count = written
    took = time.perf_counter() - started
    click.echo(f"cached {count} vectors of the bundled briefs in {path} in {took:.1f} s (reused by a first start)")


@model.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
def show(as_json: bool) -> None:
    """Check the export against its checksums and print its manifest (exit 2 when missing or stale)."""
    settings = get_settings()
    manifest, model_file, _ = verified_files(settings, int8=settings.onnx_int8)
    if as_json:
        click.echo(json.dumps(manifest.to_json(), indent=2))
        return
    click.echo(f"{onnx_dir(settings)}: {manifest.source}, {manifest.dimension} dimensions, ")
    click.echo(f"max {manifest.max_seq_length} tokens; serving {model_file.name} (checksum ok)")


COMMANDS = [model]
