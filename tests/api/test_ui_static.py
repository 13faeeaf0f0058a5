"""The UI's static files: served with the security headers, and bad names are a 404, never a 500."""

from __future__ import annotations

import pytest


def test_static_file_is_served_with_its_csp(fake_client):
    r = fake_client.get("/static/app.js")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]


@pytest.mark.parametrize("name", ["app.js%00.html", "%00", "..%2f..%2fpyproject.toml", "nope.js", "app.py"])
def test_bad_static_names_are_not_found(fake_client, name):
    r = fake_client.get(f"/static/{name}")
    assert r.status_code == 404
    assert "detail" in r.json() or "error" in r.json()
