"""The library in real headless Chromium: upload a Markdown brief and ask about it; a <script> in a brief
never runs (the page escapes document text; these contexts even bypass the CSP to prove it)."""

from __future__ import annotations

import pytest

from tests.e2e.test_chat_ui import ask, citation_with

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

HARBOUR_MD = """---
title: Eastport Harbour Review
date: 2023-05-01
---

# Eastport Harbour Review

The harbour of Eastport handled 4,200 container ships in 2022, a record for the port.[^1] The old timber pier
was rebuilt in steel because a winter storm had destroyed it.[^2]

The harbour master expects traffic to double by 2030.

[^1]: "Port statistics for 2022", *Eastport Gazette*, January 5, 2023, https://example.org/port-2022
[^2]: "Storm wrecks the timber pier", *Coastal Times*, February 2, 2022, https://example.org/storm
"""

HOSTILE_MD = """---
title: Council Minutes <script>window.__pwned = "title"</script> Review
---

The council clerk recorded the string &lt;script&gt;window.__pwned = "quote"&lt;/script&gt; in the minutes of
the lighthouse committee.[^1] A second line read &lt;img src=x onerror="window.__pwned = 'img'"&gt; beside the
lighthouse budget.[^1] Raw markup <script>window.__pwned = "raw"</script> was pasted into the lighthouse report.[^2]

[^1]: "Lighthouse committee <script>window.__pwned = 'note'</script> minutes", *Harbour Herald*, March 3, 2023, https://example.org/minutes
[^2]: "Report", *Harbour Herald*, March 9, 2023, javascript:window.__pwned='url'
"""


def upload(page, path):
    page.click("#tab-library")
    page.set_input_files("#upload-file", str(path))
    page.click("#upload-send")
    page.wait_for_selector("#upload-status.ok")
    page.click("#tab-chat")


def test_upload_a_markdown_brief_and_ask_about_it(ui, tmp_path):
    path = tmp_path / "eastport-harbour.md"
    path.write_text(HARBOUR_MD, encoding="utf-8")
    upload(ui, path)
    assert "Eastport Harbour Review" in ui.locator("#upload-status").inner_text()
    # The new brief is picked for the questions that follow, and the picker appears now there are several.
    assert ui.locator("#scope").is_visible()
    assert ui.locator("#brief-picker option:checked").inner_text() == "Eastport Harbour Review"
    ask(ui, "How many container ships did the harbour of Eastport handle?")
    fig = citation_with(ui, "4,200 container ships")
    assert fig.locator("cite").inner_text() == "Eastport Harbour Review"
    fig.locator("button[data-footnote='1']").click()
    panel = ui.locator("#sources-panel")
    panel.wait_for(state="visible")
    assert "Port statistics for 2022" in panel.inner_text()
    assert "Eastport Gazette" in panel.inner_text()
    # The library lists it.
    ui.click("#tab-library")
    assert ui.locator("#brief-list li", has_text="Eastport Harbour Review").count() == 1


def test_a_script_in_an_uploaded_brief_never_executes(ui, tmp_path):
    path = tmp_path / "council-minutes.md"
    path.write_text(HOSTILE_MD, encoding="utf-8")
    upload(ui, path)
    ask(ui, "What did the council clerk record in the minutes of the lighthouse committee?")
    fig = citation_with(ui, "council clerk recorded")
    quote = fig.locator("blockquote")
    # The brief's text reaches the page as text: the markup is visible, not parsed.
    assert '<script>window.__pwned = "quote"</script>' in quote.inner_text()
    assert quote.evaluate("(q) => q.children.length") == 0
    fig.locator("button[data-footnote='1']").click()
    ui.locator("#sources-panel").wait_for(state="visible")
    ui.locator("#reader-highlight").wait_for()
    reader = ui.locator("#reader-text").inner_text()
    assert '<script>window.__pwned = "quote"</script>' in reader
    assert "<img src=x onerror=" in reader
    ui.click("#tab-library")
    ask_about = ui.locator("#brief-list li", has_text="Council Minutes")
    assert ask_about.count() == 1
    # Nothing ran: no global was set, the only <script> is the app's, and no element came from the brief.
    ui.wait_for_timeout(300)
    assert ui.evaluate("typeof window.__pwned") == "undefined"
    assert ui.evaluate("[...document.scripts].map((s) => s.src.replace(location.origin, ''))") == ["/static/app.js"]
    assert ui.locator("img").count() == 0
    assert ui.locator("a[href^='javascript']").count() == 0


def test_the_page_is_served_with_a_strict_content_security_policy(live_server):
    import urllib.request

    with urllib.request.urlopen(live_server + "/") as r:
        csp = r.headers["Content-Security-Policy"]
        body = r.read().decode()
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "object-src 'none'" in csp
    assert '<script type="module" src="/static/app.js"></script>' in body


def test_remove_a_brief_from_the_library(ui, tmp_path):
    path = tmp_path / "short-lived.md"
    path.write_text(
        "---\ntitle: Short Lived Brief\n---\n\nThe ferry carried 310 passengers a day in 2021.[^1]\n\n"
        '[^1]: "Ferry numbers", *Island Post*, May 1, 2021, https://example.org/ferry\n',
        encoding="utf-8",
    )
    upload(ui, path)
    ui.click("#tab-library")
    item = ui.locator("#brief-list li", has_text="Short Lived Brief")
    item.get_by_role("button", name="Remove Short Lived Brief from the library").click()
    confirm = item.get_by_role("button", name="Yes, remove it")
    assert ui.evaluate("document.activeElement.textContent") == "Yes, remove it"
    confirm.click()
    ui.wait_for_selector("#upload-status.ok >> text=Removed")
    assert ui.locator("#brief-list li", has_text="Short Lived Brief").count() == 0
    assert ui.locator("#brief-picker option", has_text="Short Lived Brief").count() == 0
    assert ui.locator("#brief-picker").input_value() == ""
