"""Walls and "not found" pages served with status 200 are failures with a reason, never the source; articles with
a "Sign in" link in their header are still articles."""

from __future__ import annotations

import pytest

from corpus.errors import FetchFailed
from index.fetch_extract import extract
from tests.index.fetch_server import ARTICLE_SENTENCES, LOGIN_WALL, SOFT_404, _page


def _html(title: str, body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body><main>{body}</main></body></html>".encode()


PAYWALL = _html(
    "Example Times",
    "<h1>Flood costs rise</h1><p>The first lines of the story appear here.</p>"
    "<p>Subscribe to continue reading. Already a subscriber? Sign in.</p>",
)
COOKIE_WALL = _html(
    "Before you continue",
    "<h1>We use cookies</h1><p>We use cookies to improve your experience. Accept cookies to see this page.</p>"
    "<button>Accept cookies</button><button>Cookie settings</button>",
)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (LOGIN_WALL, "login wall"),
        (PAYWALL, "paywall"),
        (COOKIE_WALL, "cookie wall"),
        (SOFT_404, "soft-404"),
    ],
)
def test_walls_and_soft_404_pages_are_refused_with_a_reason(body, reason):
    with pytest.raises(FetchFailed) as info:
        extract(body, "text/html", "http://example.org/x")
    assert info.value.kind == "wall" and info.value.reason.startswith(reason)


def test_article_with_sign_in_link_in_its_header_is_the_source():
    got = extract(_page("Spring flood measured", ARTICLE_SENTENCES), "text/html", "http://example.org/a")
    assert got.format == "html" and ARTICLE_SENTENCES[0] in got.text and "Sign in" not in got.text


def test_a_stub_page_is_too_short_to_be_the_source():
    with pytest.raises(FetchFailed) as info:
        extract(_html("Home", "<p>Welcome to our site.</p>"), "text/html", "http://example.org/")
    assert "too little text" in info.value.reason


def test_unknown_content_type_is_unreadable():
    with pytest.raises(FetchFailed) as info:
        extract(b"\x00\x01", "application/zip", "http://example.org/f.zip")
    assert info.value.kind == "unreadable"
