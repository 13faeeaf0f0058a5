"""The SSRF guard with default settings: loopback names, redirects to private addresses and other schemes."""

from __future__ import annotations

import asyncio

import pytest

from corpus.errors import FetchFailed
from corpus.settings import Settings
from index.fetch import Fetcher, check_url
from tests.index.fetch_server import refuse_invalid_dns, running_site


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/x", "http://localhost/x", "http://10.0.0.8/", "http://169.254.169.254/latest", "http://[::1]/"],
)
def test_private_and_loopback_addresses_are_refused_by_default(url):
    with pytest.raises(FetchFailed) as info:
        asyncio.run(check_url(url, allow_private=False))
    assert info.value.kind == "refused"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/file", "gopher://x/"])
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchFailed) as info:
        asyncio.run(check_url(url, allow_private=True))
    assert info.value.kind == "refused"


def test_loopback_is_allowed_only_by_the_setting():
    asyncio.run(check_url("http://127.0.0.1/x", allow_private=True))


def test_unresolvable_host_is_a_dns_failure(monkeypatch):
    refuse_invalid_dns(monkeypatch)
    with pytest.raises(FetchFailed) as info:
        asyncio.run(check_url("http://no-such-host.invalid/", allow_private=False))
    assert info.value.kind == "dns"


def test_redirect_to_a_private_address_is_refused(tmp_path, monkeypatch):
    """The first hop is allowed (as if public), the redirect target is checked again and refused."""
    import index.fetch as fetch_mod

    real = fetch_mod.check_url
    calls = []

    async def first_hop_public(url: str, *, allow_private: bool) -> None:
        calls.append(url)
        await real(url, allow_private=len(calls) == 1)

    monkeypatch.setattr(fetch_mod, "check_url", first_hop_public)
    settings = Settings(data_dir=tmp_path, fetch_robots=False)

    async def go() -> None:
        async with Fetcher(settings) as f:
            await f.get(site.url("/hop/1"))

    with running_site() as site, pytest.raises(FetchFailed) as info:
        asyncio.run(go())
    assert info.value.kind == "refused" and len(calls) == 2 and site.hits["/hop/1"] == 1
    assert site.hits["/article-after-hops"] == 0
