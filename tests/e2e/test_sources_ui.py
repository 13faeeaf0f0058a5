"""A footnote's fetched source in real headless Chromium: a served app whose brief cites the loopback site of
tests/index/fetch_server.py, after a real ``citebot sources fetch`` in its own process. Clicking a footnote marker
shows the fetch status, the live link (or the archived one, with its date) and the source passage that best
matches the citing sentence."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import REPO, UI_TIMEOUT_MS, serve_app
from tests.index.fetch_server import (
    ARTICLE_SENTENCES,
    SNAPSHOT_SENTENCES,
    SourceSite,
    brief_with_urls,
    running_site,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

# (path on the loopback site, the brief's sentence citing it)
FOOTNOTES = [
    ("/article", "The spring flood reached 4.2 metres above the usual level, the river authority said."),
    ("/gone", "The regional archive reopened its reading room after two years of renovation work."),
    ("/login", "A journal wrote that the repairs of the old embankment were long overdue."),
]


@pytest.fixture(scope="module")
def site() -> Iterator[SourceSite]:
    with running_site() as s:
        yield s


@pytest.fixture(scope="module")
def sources_server(site: SourceSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app serving only the flood brief, its sources fetched by ``citebot sources fetch`` while it runs."""
    briefs = tmp_path_factory.mktemp("e2e-source-briefs")
    brief_with_urls(briefs, [site.url(p) for p, _ in FOOTNOTES], sentences=[s for _, s in FOOTNOTES])
    data = tmp_path_factory.mktemp("e2e-source-data")
    env = {
        "CITEBOT_BRIEFS_DIR": str(briefs),  # indexed on the server's first start
        "CITEBOT_FETCH_ALLOW_PRIVATE": "1",  # the loopback site only; off by default
        "CITEBOT_ARCHIVE_URL": site.base,  # the site's fake Wayback Machine
    }
    with serve_app(data, **env) as url:
        fetch = subprocess.run(
            [sys.executable, "-c", "from cli.main import main; main()", "sources", "fetch", "flood-brief"],
            cwd=REPO,
            env={**os.environ, **env, "CITEBOT_DATA_DIR": str(data), "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert fetch.returncode == 0, fetch.stderr
        assert "3 footnotes: 1 fetched, 1 from the archive, 1 failed, 0 skipped" in fetch.stdout, fetch.stdout
        yield url


@pytest.fixture
def page(browser: Any, sources_server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(UI_TIMEOUT_MS)
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.goto(sources_server)
    p.wait_for_selector("html[data-ready='1']")
    yield p
    context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


def open_footnote(page: Any, question: str, quote_text: str, footnote: int) -> Any:
    """Ask, click the footnote marker of the quote holding ``quote_text``, and return the panel's source box
    once its passage (or its failure) is shown."""
    page.fill("#chat-input", question)
    page.press("#chat-input", "Enter")
    page.wait_for_function("!document.querySelector('#chat-send').disabled && !document.querySelector('.thinking')")
    fig = page.locator("#transcript figure.citation", has_text=quote_text).first
    fig.locator(f"button[data-footnote='{footnote}']").click()
    page.locator("#sources-panel").wait_for(state="visible")
    box = page.locator("#sources-panel .fetched-source")
    box.locator("h3").wait_for()
    return box


def test_live_source_shows_status_live_link_and_best_matching_passage(page, site):
    box = open_footnote(page, "How high did the spring flood reach?", "4.2 metres", 1)
    box.locator(".source-passage blockquote").wait_for()
    text = box.inner_text()
    assert "Fetched from the live link" in text
    link = box.locator("a[href]")
    assert link.get_attribute("href") == site.url("/article") and link.inner_text() == "live page"
    assert box.locator(".source-passage blockquote").inner_text() == ARTICLE_SENTENCES[0]
    assert "not the brief's words" in box.locator(".source-passage figcaption").inner_text()


def test_dead_source_shows_the_archived_link_with_its_date(page, site, artifacts_dir):
    box = open_footnote(page, "What did the regional archive reopen after the renovation work?", "reading room", 2)
    box.locator(".source-passage blockquote").wait_for()
    text = box.inner_text()
    assert "archived copy used" in text and "snapshot of 2022-01-05" in text
    link = box.locator("a[href]")
    assert link.get_attribute("href").startswith(f"{site.base}/web/20220105120000/")
    assert link.get_attribute("href").endswith("/gone") and link.inner_text() == "archived copy"
    assert box.locator(".source-passage blockquote").inner_text() == SNAPSHOT_SENTENCES[0]
    shot = artifacts_dir / "archived-source-panel.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_source_that_could_not_be_fetched_says_why_and_shows_no_passage(page):
    box = open_footnote(page, "What did a journal write about the repairs?", "embankment", 3)
    box.locator("text=Could not be fetched").wait_for()
    assert "login wall" in box.inner_text()
    assert box.locator(".source-passage").count() == 0
