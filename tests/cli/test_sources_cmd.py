"""``citebot sources fetch`` against the loopback site: one line per footnote, a summary, resumable."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.index.fetch_server import SourceSite, brief_with_urls, running_site


@pytest.fixture
def site(monkeypatch, tmp_path) -> Iterator[SourceSite]:
    with running_site() as s:
        monkeypatch.setenv("CITEBOT_FETCH_ALLOW_PRIVATE", "1")
        monkeypatch.setenv("CITEBOT_ARCHIVE_URL", s.base)
        monkeypatch.setenv("CITEBOT_FETCH_TIMEOUT", "1")
        monkeypatch.setenv("CITEBOT_BRIEFS_DIR", str(tmp_path / "none"))
        yield s


@pytest.fixture
def brief_file(site, tmp_path):
    brief_with_urls(tmp_path, [site.url("/article"), site.url("/gone"), site.url("/login"), site.url("/private/x")])
    return tmp_path / "flood-brief.txt"


def test_fetch_prints_one_line_per_footnote_and_a_summary(brief_file):
    result = CliRunner().invoke(cli, ["sources", "fetch", str(brief_file)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    by_fn = {n: next(line for line in lines if f"] flood-brief [{n}]" in line) for n in (1, 2, 3, 4)}
    assert "fetched" in by_fn[1]
    assert "archived" in by_fn[2] and "snapshot of 2022-01-05" in by_fn[2]
    assert "failed" in by_fn[3] and "login wall" in by_fn[3]
    assert "failed" in by_fn[4] and "robots.txt" in by_fn[4]
    assert lines[-1] == "4 footnotes: 1 fetched, 1 from the archive, 2 failed, 0 skipped"
    assert lines[0].startswith("[1/4] ")


def test_second_run_skips_everything_and_refresh_fetches_again(brief_file, site):
    runner = CliRunner()
    runner.invoke(cli, ["sources", "fetch", str(brief_file)])
    second = runner.invoke(cli, ["sources", "fetch", str(brief_file)])
    assert second.output.strip().splitlines()[-1].endswith("0 fetched, 0 from the archive, 0 failed, 4 skipped")
    assert site.hits["/article"] == 1
    third = runner.invoke(cli, ["sources", "fetch", "--refresh", str(brief_file)])
    assert "1 fetched" in third.output and site.hits["/article"] == 2


def test_no_archive_and_json(brief_file, site):
    result = CliRunner().invoke(cli, ["sources", "fetch", "--no-archive", "--json", str(brief_file)])
    data = json.loads(result.output)
    rows = {o["footnote"]: o for o in data["outcomes"]}
    assert rows[2]["status"] == "failed" and rows[2]["archived"] is None
    assert data["counts"]["fetched"] == 1 and site.hits["/wayback/available"] == 0


def test_unknown_brief_id_is_an_input_error(site):
    result = CliRunner().invoke(cli, ["sources", "fetch", "no-such-brief"])
    assert result.exit_code == 2 and "neither a brief file" in result.output


def test_verify_citations_uses_the_fetched_copies_without_a_manual_step(brief_file):
    runner = CliRunner()
    runner.invoke(cli, ["sources", "fetch", str(brief_file)])
    result = runner.invoke(cli, ["verify-citations", "--json", str(brief_file)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    sources = {s["footnote"]: s for s in report["sources"]}
    assert set(sources) == {1, 2}  # the login wall (3) and the robots-refused page (4) are not sources
    assert sources[2]["archived"] and sources[1]["url"].endswith("/article")
    verdicts = {r["footnote"]: r["verdict"] for r in report["results"]}
    assert verdicts[1] == "supported" and verdicts[3] == "source_not_provided"


def test_run_killed_midway_resumes_without_fetching_again(site, tmp_path, monkeypatch):
    """A real process is SIGKILLed while footnote 2 is still being fetched; the next run keeps footnote 1."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from corpus.settings import Settings
    from index.fetch_store import FetchStore

    brief_with_urls(tmp_path, [site.url("/article"), site.url("/slow")])
    brief = tmp_path / "flood-brief.txt"
    # Long enough that footnote 2 is surely still in flight when footnote 1 is seen, even on a loaded machine
    # (the kill comes as soon as footnote 1 is stored, so the test does not wait this long). Both URLs are on one
    # host: with one fetch per host at a time, footnote 1 could queue behind the slow one, so allow two.
    site.slow_seconds = 15.0
    env = dict(os.environ, CITEBOT_FETCH_TIMEOUT="30", CITEBOT_FETCH_PER_HOST="2", PYTHONPATH=str(os.getcwd()))
    proc = subprocess.Popen(
        [sys.executable, "-c", "from cli.main import main; main()", "sources", "fetch", str(brief)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    store = FetchStore.for_settings(Settings())
    deadline = time.monotonic() + 60
    while store.get("flood-brief", 1) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert store.get("flood-brief", 1) is not None and store.get("flood-brief", 2) is None
    site.slow_seconds = 0.0
    result = CliRunner().invoke(cli, ["sources", "fetch", str(tmp_path / "flood-brief.txt")])
    assert "[1] skipped" in result.output and "[2] fetched" in result.output
    assert site.hits["/article"] == 1


def test_without_brief_ids_every_brief_is_fetched(site, tmp_path, monkeypatch):
    """An empty library: the briefs folder's briefs are the ones fetched for."""
    folder = tmp_path / "briefs"
    folder.mkdir()
    brief_with_urls(folder, [site.url("/article")], brief_id="first-brief")
    brief_with_urls(folder, [site.url("/notes.txt")], brief_id="second-brief")
    monkeypatch.setenv("CITEBOT_BRIEFS_DIR", str(folder))
    result = CliRunner().invoke(cli, ["sources", "fetch"])
    assert result.exit_code == 0, result.output
    assert "first-brief [1] fetched" in result.output and "second-brief [1] fetched" in result.output
    assert result.output.strip().splitlines()[-1] == "2 footnotes: 2 fetched, 0 from the archive, 0 failed, 0 skipped"
