"""End-to-end fixtures: a real uvicorn server of the app and Debian's headless Chromium driven by Playwright.

- ``chromium_path`` (session): /usr/bin/chromium, installed with apt-get if missing (as ``make test`` does). No
  test ever downloads a browser; if Chromium truly cannot be installed the e2e tests skip with the reason.
- ``live_server`` (session): ``uvicorn --factory api.main:create_app`` on a free 127.0.0.1 port with a temporary
  data dir; it indexes the bundled brief on start. Its base URL.
- ``browser`` (session) and ``ui`` (per test): a fresh browser context (empty localStorage) on the app's page,
  failing the test on any uncaught page error.
- ``artifacts_dir``: where screenshots are saved, under the pytest tmp dir.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
SERVER_START_LIMIT = 300.0  # seconds: loading MiniLM and indexing on 2 busy cores can be slow; not a timing test
UI_TIMEOUT_MS = 60_000  # answers run the real model; generous so a busy machine does not fail the test


def _install_chromium() -> str | None:
    """Install Debian's chromium with apt-get (as ``make test`` does); return why it could not be, or None."""
    apt = shutil.which("apt-get")
    if apt is None:
        return "apt-get is not available"
    prefix: list[str] = []
    if os.geteuid() != 0:
        sudo = shutil.which("sudo")
        if sudo is None:
            return "not running as root and sudo is not available"
        prefix = [sudo, "-n"]
    reason = "apt-get could not install chromium"
    for args in (["install", "-y", "chromium"], ["update"], ["install", "-y", "chromium"]):
        result = subprocess.run([*prefix, apt, *args], capture_output=True, text=True, check=False)
        if CHROMIUM.exists():
            return None
        if result.returncode != 0 and result.stderr.strip():
            reason = result.stderr.strip().splitlines()[-1]
    return reason


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not CHROMIUM.exists():
        reason = _install_chromium()
        if reason is not None:
            pytest.skip(f"Chromium cannot be installed at {CHROMIUM}: {reason}")
    return str(CHROMIUM)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=5) as r:
            return bool(r.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def serve_app(data_dir: Path, **extra_env: str) -> Iterator[str]:
    """``uvicorn --factory api.main:create_app`` on a free loopback port; yields its base URL once ready."""
    port = _free_port()
    env = {
        **os.environ,
        "CITEBOT_DATA_DIR": str(data_dir),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        **extra_env,
    }
    env.pop("CITEBOT_CHROMA_URL", None)
    log = (data_dir / "server.log").open("w")
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.main:create_app", "--host", "127.0.0.1"]
    proc = subprocess.Popen([*cmd, "--port", str(port)], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_LIMIT
    try:
        while not _ready(url):
            tail = (data_dir / "server.log").read_text()[-2000:]
            if proc.poll() is not None:
                pytest.fail(f"the server exited with {proc.returncode}: {tail}")
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not become ready: {tail}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("e2e-data")) as url:
        yield url


# Package scope: Playwright's sync API keeps an event loop running in the main thread while the browser is open,
# and tests after this package call asyncio.run(), which refuses to run inside a running loop.
@pytest.fixture(scope="package")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e-artifacts")


@pytest.fixture
def ui(browser: Any, live_server: str) -> Iterator[Any]:
    """The app's page in a fresh context; any uncaught page error or alert() fails the test."""
    # bypass_csp: Playwright's own waits evaluate strings, which the app's CSP forbids. It also makes the
    # script-injection test stronger: it proves the UI's escaping alone keeps a brief's <script> inert.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(live_server)
    page.wait_for_selector("html[data-ready='1']")
    page.errors = errors
    page.dialogs = dialogs
    yield page
    context.close()
    assert not errors, f"uncaught errors in the page: {errors}"
    assert not dialogs, f"the page opened dialogs: {dialogs}"
