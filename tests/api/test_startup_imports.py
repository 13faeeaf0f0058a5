"""What a starting server does not import: the API's modules, the engine factory and the store load no LangChain
core, no Alembic, no PostgreSQL dialect and no scipy (each only for the work that needs it: a first write, a schema
change, a PostgreSQL database; the BM25 index is plain numpy), so a restart does not wait for them."""

from __future__ import annotations

from tests.fresh_process import loaded_after

NOT_AT_START = ("langchain_core", "alembic", "sqlalchemy.dialects.postgresql", "torch", "scipy")


def test_the_api_and_the_engine_factory_import_no_langchain_core_alembic_postgresql_dialect_or_scipy():
    imports = "api.main, api.server, bot.factory, bot.doctor, index.store, index.onnxmodel.embedder"
    assert loaded_after(imports, NOT_AT_START) == []
