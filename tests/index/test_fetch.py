"""Fetching footnote sources from a loopback site: live pages, redirects, dead links via the fake archive, walls,
robots.txt, size and time limits, resumability and the per-host bound. No test touches the real network."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from corpus.settings import Settings
from index.db.schema import fetch_blobs
from index.fetch_run import FetchOutcome, fetch_briefs, raw_snapshot_url, wayback_timestamp
from index.fetch_store import FetchStore
from tests.index.fetch_server import (
    ARTICLE_SENTENCES,
    SNAPSHOT_SENTENCES,
    SourceSite,
    brief_with_urls,
    refuse_invalid_dns,
    running_site,
)


@pytest.fixture
def site() -> Iterator[SourceSite]:
    with running_site() as s:
        yield s


@pytest.fixture
def settings(tmp_path: Path, site: SourceSite) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        briefs_dir=tmp_path / "briefs",
        fetch_allow_private=True,  # the loopback site only; the guard tests below run with the default
        archive_url=site.base,
        fetch_max_bytes=50_000,
        fetch_timeout=1.0,
        fetch_connect_timeout=1.0,
    )


def run(settings: Settings, briefs, **kw) -> dict[int, FetchOutcome]:
    outcomes = asyncio.run(fetch_briefs(briefs, settings, **kw))
    return {o.footnote: o for o in outcomes}


def one(site: SourceSite, settings: Settings, tmp_path: Path, path: str, **kw) -> FetchOutcome:
    (tmp_path / "briefs").mkdir(exist_ok=True)
    brief = brief_with_urls(tmp_path / "briefs", [site.url(path)])
    return run(settings, [brief], **kw)[1]


def stored_text(settings: Settings, outcome: FetchOutcome) -> str:
    assert outcome.record is not None
    text = FetchStore.for_settings(settings).text(outcome.record)
    assert text is not None
    return text


def test_article_page_is_fetched_without_navigation_or_footer(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/article")
    assert out.status == "fetched", out.reason
    text = stored_text(settings, out)
    assert ARTICLE_SENTENCES[0] in text
    assert "Section 3" not in text and "All rights reserved" not in text
    rec = out.record
    assert rec.http_status == 200 and rec.content_type == "text/html" and rec.format == "html"
    assert rec.title == "Spring flood measured" and rec.fetched_at and rec.archive_url is None


def test_raw_bytes_are_content_addressed(site, settings, tmp_path):
    import hashlib

    out = one(site, settings, tmp_path, "/article")
    store = FetchStore.for_settings(settings)
    raw = store.get_blob(out.record.sha256)
    assert raw is not None and hashlib.sha256(raw).hexdigest() == out.record.sha256
    assert store.has_blob(out.record.sha256) and not store.has_blob("0" * 64)


def test_pdf_source_is_read_with_the_pdf_reader(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/doc.pdf")
    assert out.status == "fetched" and out.record.format == "pdf"
    assert ARTICLE_SENTENCES[1] in stored_text(settings, out)


def test_plain_text_source_is_kept_as_it_is(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/notes.txt")
    assert out.record.format == "text"
    assert stored_text(settings, out).split("\n\n") == list(ARTICLE_SENTENCES)


def test_redirect_chain_is_followed_and_final_url_recorded(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/hop/3")
    assert out.status == "fetched"
    assert out.record.final_url == site.url("/article-after-hops")
    assert out.record.url == site.url("/hop/3")


def test_more_than_five_redirects_fail(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/loop/0")
    assert out.status == "failed" and out.record.kind == "redirects"
    assert site.hits["/loop/5"] == 1 and site.hits["/loop/6"] == 0


def test_dead_link_falls_back_to_the_archived_snapshot(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/gone")
    assert out.status == "archived", out.reason
    assert out.record.archive_url.startswith(f"{site.base}/web/20220105120000/")
    assert out.record.archive_date == "2022-01-05"
    assert SNAPSHOT_SENTENCES[0] in stored_text(settings, out)
    assert "archived snapshot of 2022-01-05" in out.line()
    # The original bytes were fetched (id_), not the archive's page with its toolbar; the link kept is the latter.
    assert site.hits[f"/web/20220105120000id_/{site.url('/gone')}"] == 1
    assert out.record.archive_url == f"{site.base}/web/20220105120000/{site.url('/gone')}"


@pytest.mark.parametrize(
    ("snapshot", "raw"),
    [
        (
            "http://web.archive.org/web/20190313000000/https://example.org/a",
            "http://web.archive.org/web/20190313000000id_/https://example.org/a",
        ),
        (
            "https://web.archive.org/web/20190313/http://example.org/",
            "https://web.archive.org/web/20190313id_/http://example.org/",
        ),
        ("https://mirror.example/other/path", "https://mirror.example/other/path"),
    ],
)
def test_raw_snapshot_url_asks_for_the_original_bytes(snapshot, raw):
    assert raw_snapshot_url(snapshot) == raw


def test_no_archive_turns_the_fallback_off(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/gone", archive=False)
    assert out.status == "failed" and out.record.http_status == 404 and site.hits["/wayback/available"] == 0


def test_dead_link_without_snapshot_fails_with_reason(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/gone-unarchived")
    assert out.status == "failed"
    assert "HTTP 410" in out.reason and "no snapshot" in out.reason


def test_soft_404_is_not_the_source_and_goes_to_the_archive(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/moved-page")
    assert out.status == "archived"
    out = one(site, settings, tmp_path, "/moved-page", archive=False, refresh=True)
    assert out.status == "failed" and out.reason.startswith("soft-404")


def test_login_wall_is_a_failure_never_a_source(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/login")
    assert out.status == "failed" and out.record.kind == "wall" and "login wall" in out.reason
    assert out.record.text_sha256 is None


def test_robots_txt_disallowed_path_is_not_fetched(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/private/report")
    assert out.status == "failed" and out.record.kind == "robots"
    assert site.hits["/private/report"] == 0 and site.hits["/robots.txt"] == 1


@pytest.mark.parametrize("status", [500, 503, 429])
def test_robots_txt_server_error_means_complete_disallow(site, settings, tmp_path, status):
    """RFC 9309 2.3.1.4: a server error on robots.txt means "assume complete disallow"."""
    site.robots = (status, b"temporarily unavailable")
    out = one(site, settings, tmp_path, "/article")
    assert out.status == "failed" and out.record.kind == "robots_unavailable", out.reason
    assert f"HTTP {status}" in out.reason and "disallow" in out.reason
    assert site.hits["/article"] == 0


def test_robots_txt_unavailable_is_tried_again_on_the_next_run(site, settings, tmp_path):
    site.robots = (503, b"down")
    assert one(site, settings, tmp_path, "/article").status == "failed"
    site.robots = (404, b"no such file")
    again = one(site, settings, tmp_path, "/article")  # no --refresh: the failure was not a lasting one
    assert again.status == "fetched" and site.hits["/article"] == 1


@pytest.mark.parametrize("status", [404, 403, 410])
def test_robots_txt_client_error_allows_everything(site, settings, tmp_path, status):
    """RFC 9309 2.3.1.3: robots.txt "unavailable" (4xx) lets a crawler access any resource."""
    site.robots = (status, b"no rules here")
    out = one(site, settings, tmp_path, "/private/report")
    assert out.status == "fetched", out.reason
    assert site.hits["/private/report"] == 1


def test_robots_txt_redirect_is_followed(site, settings, tmp_path):
    site.robots = (302, b"/rules/robots.txt")
    out = one(site, settings, tmp_path, "/article")
    assert out.status == "failed" and out.record.kind == "robots"
    assert site.hits["/rules/robots.txt"] == 1 and site.hits["/article"] == 0


def test_robots_txt_network_error_means_disallow(site, settings, tmp_path):
    site.robots = (0, b"")  # the connection is closed without an answer
    out = one(site, settings, tmp_path, "/article")
    assert out.status == "failed" and out.record.kind == "robots_unavailable", out.reason
    assert "network error" in out.reason and site.hits["/article"] == 0


def test_robots_txt_over_500_kib_is_read_up_to_its_limit(site, settings, tmp_path):
    """RFC 9309 2.5: a crawler may ignore what follows the first 500 KiB; the rules before it still hold."""
    site.robots = (200, b"User-agent: *\nDisallow: /private/\n" + b"# padding\n" * 100_000)
    assert one(site, settings, tmp_path, "/private/report").record.kind == "robots"
    assert one(site, settings, tmp_path, "/article", refresh=True).status == "fetched"


def test_slow_robots_txt_leaves_the_page_unfetched_and_retried(site, settings, tmp_path):
    site.robots_delay = 3.0  # longer than the settings' 1 s timeout
    out = one(site, settings, tmp_path, "/article")
    assert out.status == "failed" and out.record.kind in ("robots_unavailable", "timeout"), out.reason
    assert site.hits["/article"] == 0
    assert not FetchStore.for_settings(settings).is_done("flood-brief", 1, site.url("/article"))


def test_oversized_response_fails(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/big")
    assert out.status == "failed" and out.record.kind == "too_large"


def test_slow_response_times_out(site, settings, tmp_path):
    site.slow_seconds = 3.0
    out = one(site, settings, tmp_path, "/slow")
    assert out.status == "failed" and out.record.kind == "timeout"


def test_unsupported_content_type_fails(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/image.png")
    assert out.status == "failed" and out.record.kind == "unreadable"


def test_second_run_fetches_nothing_and_refresh_fetches_again(site, settings, tmp_path):
    (tmp_path / "briefs").mkdir()
    brief = brief_with_urls(tmp_path / "briefs", [site.url("/article"), site.url("/gone"), site.url("/login")])
    first = run(settings, [brief])
    assert [first[n].status for n in (1, 2, 3)] == ["fetched", "archived", "failed"]
    before = sum(site.hits.values())
    second = run(settings, [brief])
    assert all(o.status == "skipped" for o in second.values())
    assert sum(site.hits.values()) == before
    third = run(settings, [brief], refresh=True)
    assert third[1].status == "fetched" and site.hits["/article"] == 2


def test_killed_run_resumes_without_refetching_what_it_has(site, settings, tmp_path):
    (tmp_path / "briefs").mkdir()
    brief = brief_with_urls(tmp_path / "briefs", [site.url("/article"), site.url("/notes.txt")])
    run(settings, [brief])
    store = FetchStore.for_settings(settings)
    store.delete(brief.id, 2)  # as if killed before footnote 2's record was written
    again = run(settings, [brief])
    assert again[1].status == "skipped" and again[2].status == "fetched"
    assert site.hits["/article"] == 1 and site.hits["/notes.txt"] == 2


def test_damaged_blob_is_fetched_again(site, settings, tmp_path):
    out = one(site, settings, tmp_path, "/article")
    store = FetchStore.for_settings(settings)
    with store.db.begin() as conn:
        conn.execute(
            sa.update(fetch_blobs).where(fetch_blobs.c.sha256 == out.record.text_sha256).values(data=b"truncated")
        )
    assert one(site, settings, tmp_path, "/article").status == "fetched"


def test_at_most_one_request_per_host_at_a_time(site, settings, tmp_path):
    site.delay = 0.15
    (tmp_path / "briefs").mkdir()
    urls = [site.url(f"/article-{i}") for i in range(4)] + [site.url(f"/article-{i}", "localhost") for i in range(4)]
    brief = brief_with_urls(tmp_path / "briefs", urls)
    out = run(settings.model_copy(update={"fetch_timeout": 10.0}), [brief])
    assert all(o.status == "fetched" for o in out.values())
    assert site.max_in_flight[f"127.0.0.1:{site.port}"] == 1
    assert site.max_in_flight[f"localhost:{site.port}"] == 1


def test_waiting_for_a_free_host_slot_does_not_count_against_the_timeout(site, settings, tmp_path):
    """Five pages of one host, 0.4 s each, one at a time: 2 s in all, but each within its own 1 s budget."""
    site.delay = 0.4
    (tmp_path / "briefs").mkdir()
    brief = brief_with_urls(tmp_path / "briefs", [site.url(f"/article-{i}") for i in range(5)])
    out = run(settings, [brief])
    assert [o.status for o in out.values()] == ["fetched"] * 5, [o.reason for o in out.values()]


def test_local_source_file_takes_precedence(site, settings, tmp_path):
    (tmp_path / "briefs").mkdir()
    brief = brief_with_urls(tmp_path / "briefs", [site.url("/article")])
    folder = settings.data_dir / "sources" / brief.id
    folder.mkdir(parents=True)
    (folder / "1.txt").write_text("A local copy.", encoding="utf-8")
    out = run(settings, [brief])[1]
    assert out.status == "skipped" and "local file 1.txt" in out.reason and site.hits["/article"] == 0


def test_user_agent_is_descriptive_and_sent(site, settings, tmp_path):
    one(site, settings, tmp_path, "/article")
    assert site.agents == {settings.fetch_user_agent}
    assert "citebot" in settings.fetch_user_agent and "citation" in settings.fetch_user_agent


def test_at_most_fetch_concurrency_requests_at_once(site, settings, tmp_path):
    site.delay = 0.15
    (tmp_path / "briefs").mkdir()
    brief = brief_with_urls(tmp_path / "briefs", [site.url(f"/article-{i}") for i in range(6)])
    out = run(settings.model_copy(update={"fetch_concurrency": 2, "fetch_per_host": 6}), [brief])
    assert all(o.status == "fetched" for o in out.values())
    assert site.max_in_flight[f"127.0.0.1:{site.port}"] == 2


def test_footnotes_queued_for_a_busy_host_do_not_hold_up_other_hosts(site, settings, tmp_path):
    """Eight pages of one slow host cited first, then one of another host: the other host is asked at once."""
    site.delay = 0.2
    (tmp_path / "briefs").mkdir()
    urls = [site.url(f"/article-{i}") for i in range(8)] + [site.url("/article-other", "localhost")]
    brief = brief_with_urls(tmp_path / "briefs", urls)
    out = run(settings.model_copy(update={"fetch_timeout": 10.0}), [brief])
    assert all(o.status == "fetched" for o in out.values())
    pages = [a for a in site.arrivals if not a.endswith("/robots.txt")]
    assert pages.index(f"localhost:{site.port} /article-other") <= 1, pages


def test_limits_default_to_the_issue_figures():
    s = Settings()
    assert (s.fetch_concurrency, s.fetch_per_host) == (4, 1)
    assert (s.fetch_connect_timeout, s.fetch_timeout) == (10.0, 30.0)
    assert (s.fetch_max_redirects, s.fetch_max_bytes) == (5, 20_000_000)
    assert s.fetch_robots and not s.fetch_allow_private and s.archive_url == "https://archive.org"


def test_archive_is_asked_for_the_snapshot_nearest_the_footnote_date(site, settings, tmp_path):
    one(site, settings, tmp_path, "/gone")
    assert site.archive_queries[-1]["timestamp"] == ["20220105"]  # the footnote's date, January 5, 2022
    assert site.archive_queries[-1]["url"] == [site.url("/gone")]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [(("2022-01-05", None), "20220105"), ((None, "2021-07"), "20210701"), ((None, None), None)],
)
def test_wayback_timestamp_from_footnote_else_brief_date(dates, expected):
    assert wayback_timestamp(*dates) == expected


def test_host_that_does_not_resolve_falls_back_to_the_archive(site, settings, tmp_path, monkeypatch):
    refuse_invalid_dns(monkeypatch)
    (tmp_path / "briefs").mkdir()
    brief = brief_with_urls(tmp_path / "briefs", ["http://no-such-host.invalid/gone"])
    out = run(settings, [brief])[1]
    assert out.status == "archived", out.reason
    assert SNAPSHOT_SENTENCES[1] in stored_text(settings, out)


def test_unexpected_error_on_one_page_is_recorded_and_the_run_goes_on(site, settings, tmp_path, monkeypatch):
    import index.fetch_run as fetch_run

    def broken(body, content_type, url):
        if url.endswith("/notes.txt"):
            raise RuntimeError("extractor bug")
        return real(body, content_type, url)

    real = fetch_run.extract
    monkeypatch.setattr(fetch_run, "extract", broken)
    (tmp_path / "briefs").mkdir()
    brief = brief_with_urls(tmp_path / "briefs", [site.url("/notes.txt"), site.url("/article")])
    out = run(settings, [brief])
    assert out[1].status == "failed" and "extractor bug" in out[1].reason
    assert out[2].status == "fetched"
