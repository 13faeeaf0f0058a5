"""Schema fuzzing: schemathesis generates requests from the OpenAPI spec for every operation, against the real
app over the real engine (bundled brief). Whatever it sends, the answer is never a 5xx. Bounded: a fixed number
of examples per operation, derandomized so a failure reproduces."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from api.main import create_app
from bot.engine import Engine
from corpus.settings import Settings
from index.library import BriefRepository
from index.store import make_store

pytestmark = pytest.mark.slow
EXAMPLES_PER_OPERATION = 12


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory, embedder: Any, bundled_brief: Any) -> Any:
    # writes and checks are limited per client; the fuzzer is one client sending hundreds of them
    settings_ = Settings(data_dir=tmp_path_factory.mktemp("fuzz"), rate_limit_write=0, rate_limit_check=0)
    settings_.ensure_dirs()
    engine = Engine(settings_, embedder, make_store(settings_, embedder), BriefRepository(settings_))
    engine.ingest(bundled_brief)
    return create_app(settings_, engine)


@pytest.fixture(scope="module")
def operations(fuzzed_app: Any) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)
    return [result.ok() for result in schema.get_all_operations()]


def test_the_spec_lists_the_operations_that_matter(operations: list[Any]) -> None:
    names = {f"{op.method.upper()} {op.path}" for op in operations}
    assert {"POST /chat", "POST /check", "POST /briefs", "DELETE /briefs/{brief_id}"} <= names


def test_no_operation_answers_a_server_error(operations: list[Any]) -> None:
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def fuzz(case: Any) -> None:
            response = case.call()
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:200]}")

        fuzz()
    assert failures == []
