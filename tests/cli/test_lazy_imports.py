"""The CLI loads its heavy libraries only when a command needs them: ``import cli.main`` (every command's
``--help``) imports no vector store, model runtime or LangChain vector-store stack."""

from __future__ import annotations

from pathlib import Path

from tests.fresh_process import loaded_after

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("chromadb", "langchain_chroma", "langchain_core.vectorstores", "onnxruntime", "torch")


def test_importing_the_cli_loads_no_store_model_runtime_or_langchain_vector_store():
    assert loaded_after("cli.main", HEAVY) == []


def test_the_serve_command_does_not_import_httpx_command_line_client_and_httpx_still_works():
    assert loaded_after("cli.main, cli.serve_cmd, api.main, bot.factory, index.store", ("rich", "pygments")) == []
    from tests.fresh_process import run_json

    assert run_json("import json, cli, httpx; print(json.dumps(httpx.URL('http://a.example/x').host))") == "a.example"
