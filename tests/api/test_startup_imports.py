"""What a starting server does not import: the API's modules, the engine factory and the store load no LangChain
core, no Alembic and no PostgreSQL dialect (each only for the work that needs it: a first write, a schema change,
a PostgreSQL database), so a restart does not wait for them."""

from __future__ import annotations

from tests.fresh_process import loaded_after

NOT_AT_START = ("langchain_core", "alembic", "sqlalchemy.dialects.postgresql", "torch")


def test_the_api_and_the_engine_factory_import_no_langchain_core_alembic_or_postgresql_dialect():
    imports = "api.main, api.server, bot.factory, bot.doctor, index.store, index.onnxmodel.embedder"
    assert loaded_after(imports, NOT_AT_START) == []
