"""The same retrieval against a real Chroma server (`chroma run`) started on a free loopback port."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from corpus.errors import IndexUnavailable
from tests.index.conftest import free_port

pytestmark = pytest.mark.slow

CHROMA = Path(sys.executable).with_name("chroma")


class ChromaServer:
    def __init__(self, path: Path, port: int) -> None:
        self.path, self.port = path, port
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self.proc.returncode}")
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("chroma run did not become ready")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


@pytest.fixture
def chroma_server(tmp_path):
    if not CHROMA.exists() and shutil.which("chroma") is None:
        pytest.fail("the chroma CLI (chromadb package) is missing")
    server = ChromaServer(tmp_path / "server-data", free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server_engine(make_engine, chroma_server, bundled_brief, tmp_path):
    eng = make_engine(data_dir=tmp_path / "api-data", chroma_url=chroma_server.url)
    eng.ingest(bundled_brief)
    return eng


def test_vectors_live_in_the_server(server_engine, chroma_server, tmp_path):
    assert server_engine.store.location == chroma_server.url
    assert server_engine.store.space() == "cosine"
    assert server_engine.store.count() > 0
    assert not (tmp_path / "api-data" / "chroma").exists()


@pytest.mark.parametrize(
    ("question", "expected", "footnotes"),
    [
        ("Why did the Hanoi summit fail?", "Pyongyang wanted sanctions to be lifted completely", (11,)),
        ("What is footnote 11?", "Failure of the Hanoi Summit", (11,)),
        ("Who edited the brief?", "Malik Qasim Mustafa", ()),
        ("What maximum altitude did the Hwasong-17 reach?", "6,248.5 kms", ()),
    ],
)
def test_answers_through_the_server(server_engine, question, expected, footnotes):
    answer = server_engine.ask(question)
    cited = next(c for c in answer.citations if expected in c.quote)
    assert cited.verified
    assert cited.footnotes == footnotes


def test_abstains_through_the_server(server_engine):
    assert server_engine.ask("What is the population of Pyongyang?").abstained


def test_second_worker_sees_the_same_index(server_engine, make_engine, chroma_server, tmp_path):
    other = make_engine(data_dir=tmp_path / "api-data", chroma_url=chroma_server.url)
    assert other.ingest(server_engine.briefs()[0]).status == "unchanged"


def test_server_down_is_unavailable_and_recovers(server_engine, chroma_server):
    chroma_server.stop()
    with pytest.raises(IndexUnavailable):
        server_engine.ask("Why did the Hanoi summit fail?")
    chroma_server.start()
    answer = server_engine.ask("Why did the Hanoi summit fail?")
    assert any(c.footnotes == (11,) for c in answer.citations)
