"""The UI against a server that needs a read key: the page asks for the key once, then loads and answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import UI_TIMEOUT_MS, serve_app
from tests.e2e.test_chat_ui import HANOI, HANOI_QUOTE, ask, citation_with

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

READ_KEY = "e2e-read-key"


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("e2e-keyed"), CITEBOT_READ_KEY=READ_KEY) as url:
        yield url


def test_the_page_asks_for_the_key_once_and_then_works(browser: Any, keyed_server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    prompts: list[str] = []

    def on_dialog(dialog: Any) -> None:
        prompts.append(dialog.message)
        dialog.accept(READ_KEY)

    page.on("dialog", on_dialog)
    try:
        page.goto(keyed_server)
        page.wait_for_selector("html[data-ready='1']")
        page.wait_for_function("document.querySelectorAll('#brief-picker option').length > 1")
        ask(page, HANOI)
        assert citation_with(page, HANOI_QUOTE).is_visible()
        assert len(prompts) == 1, prompts
        assert "key" in prompts[0]
    finally:
        context.close()
